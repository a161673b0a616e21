//! Builds the connector component (the workspace's root crate) for `wasm32-wasip2` and writes it
//! into OUT_DIR, so that `host-test` embeds the component matching its own sources and runs
//! without a separate build step (`host-test component --out FILE` writes it back out). The
//! component carries its registry metadata from its own build (`scripts/link-component`).
//! `HELPSCOUT_COMPONENT=FILE` embeds a prebuilt file as it is.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_NAME: &str = "helpscout_connector.wasm";
/// The workspace profile of the published component (size-optimised; the host builds fast with
/// `release`).
const PROFILE: &str = "component";
/// What scripts/link-component reads to run binaryen's `wasm-opt` on the core module, and the
/// flags it gets unless the environment gives others (`HELPSCOUT_WASM_OPT=-O3`).
const WASM_OPT_VAR: &str = "HELPSCOUT_WASM_OPT";
const WASM_OPT_FLAGS: &str = "-Oz";

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = manifest_dir.parent().unwrap_or(&manifest_dir).to_path_buf();
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    for watched in [
        "src",
        "wit",
        "schemas",
        "build.rs",
        "Cargo.toml",
        "Cargo.lock",
        ".cargo/config.toml",
        "scripts/link-component",
        "scripts/wasm-ld-then-opt",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    println!("cargo:rerun-if-env-changed=HELPSCOUT_COMPONENT");
    println!("cargo:rerun-if-env-changed={WASM_OPT_VAR}");

    let component = match env::var_os("HELPSCOUT_COMPONENT") {
        Some(file) => read(Path::new(&file)),
        None => read(&build_guest(&root)),
    };
    if let Err(e) = std::fs::write(out_dir.join(WASM_NAME), component) {
        panic!("cannot write the component into OUT_DIR: {e}");
    }
}

fn read(file: &Path) -> Vec<u8> {
    std::fs::read(file)
        .unwrap_or_else(|e| panic!("cannot read the component {}: {e}", file.display()))
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
            "--profile",
            PROFILE,
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
    let flags = env::var(WASM_OPT_VAR).unwrap_or_else(|_| WASM_OPT_FLAGS.into());
    command.env(WASM_OPT_VAR, &flags);
    if !flags.is_empty() && !on_path("wasm-opt") {
        println!(
            "cargo:warning=wasm-opt not found: the component is built without binaryen's size \
             pass (about 13 % larger); `apt-get install binaryen` adds it"
        );
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
        .join(PROFILE)
        .join(WASM_NAME)
}

fn on_path(program: &str) -> bool {
    env::var_os("PATH")
        .map(|paths| env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}
