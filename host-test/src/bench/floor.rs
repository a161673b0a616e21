//! wasmtime's floor for this component: a minimal component of the very same world (every
//! import and export the connector has, each export a stub), generated from the component's own
//! type with wit-component's dummy module. Instantiated exactly as the connector is, it is what
//! no connector of this world can beat. The same without the `wasi:cli` imports (which only
//! Rust's `std` needs) measures what a guest without them could gain.

use wit_component::{ComponentEncoder, DecodedWasm, StringEncoding};
use wit_parser::{LiftLowerAbi, ManglingAndAbi};

/// A minimal component with `component`'s imports and exports.
pub fn same_world(component: &[u8]) -> anyhow::Result<Vec<u8>> {
    minimal(component, |_| true)
}

/// The same, without the `wasi:cli` imports.
pub fn without_cli(component: &[u8]) -> anyhow::Result<Vec<u8>> {
    minimal(component, |import| !import.starts_with("wasi:cli/"))
}

fn minimal(component: &[u8], keep_import: impl Fn(&str) -> bool) -> anyhow::Result<Vec<u8>> {
    let DecodedWasm::Component(mut resolve, world) = wit_component::decode(component)? else {
        anyhow::bail!("not a component");
    };
    let kept: Vec<_> = resolve.worlds[world]
        .imports
        .keys()
        .filter(|key| keep_import(&resolve.name_world_key(key)))
        .cloned()
        .collect();
    resolve.worlds[world]
        .imports
        .retain(|key, _| kept.contains(key));
    let mut module =
        wit_component::dummy_module(&resolve, world, ManglingAndAbi::Legacy(LiftLowerAbi::Sync));
    let canonical_names = false; // the legacy mangling above
    wit_component::embed_component_metadata(
        &mut module,
        &resolve,
        world,
        StringEncoding::UTF8,
        canonical_names,
    )?;
    ComponentEncoder::default()
        .module(&module)?
        .validate(true)
        .encode()
}
