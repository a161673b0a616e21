//! Packs the catalog's JSON (the schemas in `schemas/`, the sample outputs in
//! `schemas/samples/`) into one deflated archive for `src/catalog/files.rs`: each file minified
//! (the files stay readable, the component carries no indentation), then all of them
//! concatenated in path order and deflated as one stream, with an index of each file's span.

use std::fmt::Write as _;
use std::path::Path;

const DIRS: [&str; 2] = ["schemas", "schemas/samples"];

fn main() {
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    println!("cargo:rerun-if-changed=schemas");
    let mut paths = Vec::new();
    for dir in DIRS {
        println!("cargo:rerun-if-changed={dir}");
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {dir}: {e}"));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "json") {
                paths.push(format!("{dir}/{}", entry.file_name().to_string_lossy()));
            }
        }
    }
    paths.sort();

    let mut text = String::new();
    let mut index = String::from("const INDEX: &[(&str, u32, u32)] = &[\n");
    for path in &paths {
        let start = text.len();
        text.push_str(&minified(Path::new(path)));
        let _ = writeln!(index, "    ({path:?}, {start}, {}),", text.len());
    }
    index.push_str("];\n");
    let _ = writeln!(index, "const INFLATED_LEN: usize = {};", text.len());

    let deflated = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10);
    write(&Path::new(&out).join("catalog_files.deflate"), &deflated);
    write(&Path::new(&out).join("catalog_files.rs"), index.as_bytes());
}

fn minified(path: &Path) -> String {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let value: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    value.to_string()
}

fn write(path: &Path, bytes: &[u8]) {
    if let Err(e) = std::fs::write(path, bytes) {
        panic!("cannot write {}: {e}", path.display());
    }
}
