//! Builds the connector component (the workspace's root crate) for `wasm32-wasip2`, stamps its
//! registry metadata (name, version, description, licence, source, homepage: the OCI annotations
//! `wkg` publishes) and writes it into OUT_DIR, so that `host-test` embeds the component matching
//! its own sources and runs without a separate build step (`host-test component --out FILE`
//! writes it back out). `HELPSCOUT_COMPONENT=FILE` embeds a prebuilt file as it is.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_NAME: &str = "helpscout_connector.wasm";

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = manifest_dir.parent().unwrap_or(&manifest_dir).to_path_buf();
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    for watched in ["src", "wit", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    println!("cargo:rerun-if-env-changed=HELPSCOUT_COMPONENT");

    let component = match env::var_os("HELPSCOUT_COMPONENT") {
        Some(file) => read(Path::new(&file)),
        None => with_metadata(&read(&build_guest(&root)), &root),
    };
    if let Err(e) = std::fs::write(out_dir.join(WASM_NAME), component) {
        panic!("cannot write the component into OUT_DIR: {e}");
    }
}

fn read(file: &Path) -> Vec<u8> {
    std::fs::read(file)
        .unwrap_or_else(|e| panic!("cannot read the component {}: {e}", file.display()))
}

/// The component with its name, version, description, licence, source and homepage, taken from
/// the workspace manifest (the guest crate's `[package]`).
fn with_metadata(component: &[u8], root: &Path) -> Vec<u8> {
    use wasm_metadata::{
        AddMetadata, AddMetadataField, Description, Homepage, Licenses, Source, Version,
    };
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap_or_default();
    let field = |key: &str| {
        manifest_field(&manifest, key).unwrap_or_else(|| panic!("Cargo.toml has no {key}"))
    };
    let repository = field("repository");
    let mut metadata = AddMetadata::default();
    metadata.name = AddMetadataField::Set(field("name"));
    metadata.version = AddMetadataField::Set(Version::new(field("version")));
    metadata.description = AddMetadataField::Set(Description::new(field("description")));
    let urls = Source::new(&repository).and_then(|s| Ok((s, Homepage::new(&repository)?)));
    let licenses = Licenses::new(&field("license"));
    match (urls, licenses) {
        (Ok((source, homepage)), Ok(licenses)) => {
            metadata.source = AddMetadataField::Set(source);
            metadata.homepage = AddMetadataField::Set(homepage);
            metadata.licenses = AddMetadataField::Set(licenses);
        }
        (Err(e), _) | (_, Err(e)) => panic!("bad repository or license in Cargo.toml: {e}"),
    }
    metadata
        .to_wasm(component)
        .unwrap_or_else(|e| panic!("cannot add metadata to the component: {e}"))
}

/// `key = "value"` from the manifest's `[package]` or `[workspace.package]` table.
fn manifest_field(manifest: &str, key: &str) -> Option<String> {
    let mut table = "";
    let mut found = None;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            table = line;
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let v = v.trim();
        if k.trim() == key
            && v.starts_with('"')
            && (table == "[package]" || table == "[workspace.package]")
        {
            let value = v.trim_matches('"').to_string();
            if table == "[package]" || found.is_none() {
                found = Some(value);
            }
        }
    }
    found
}

fn build_guest(root: &Path) -> PathBuf {
    let target_root = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let target_dir = target_root.join("guest");
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-wasip2",
            "-p",
            "helpscout-connector",
        ])
        .arg("--target-dir")
        .arg(&target_dir);
    // The outer build's flags and wrappers (clippy, coverage) are for the host, not the guest.
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
        "CARGO_BUILD_TARGET",
        "CARGO_TARGET_DIR",
    ] {
        command.env_remove(var);
    }
    let status = command.status();
    match status {
        Ok(s) if s.success() => {}
        other => panic!(
            "building the component failed ({other:?}); install the target with \
             `rustup target add wasm32-wasip2` or set HELPSCOUT_COMPONENT to a built .wasm"
        ),
    }
    target_dir
        .join("wasm32-wasip2")
        .join("release")
        .join(WASM_NAME)
}
