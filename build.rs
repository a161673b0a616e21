//! Embeds the catalog's JSON (the schemas in `schemas/`, the sample outputs in
//! `schemas/samples/`) minified: the files stay readable, and the component carries no
//! indentation (about 26 KB of it).

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    println!("cargo:rerun-if-changed=schemas");
    for dir in ["schemas", "schemas/samples"] {
        println!("cargo:rerun-if-changed={dir}");
        let target = Path::new(&out).join(dir);
        if let Err(e) = std::fs::create_dir_all(&target) {
            panic!("cannot create {}: {e}", target.display());
        }
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {dir}: {e}"));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "json") {
                minify(&path, &target.join(entry.file_name()));
            }
        }
    }
}

fn minify(from: &Path, to: &Path) {
    let text = std::fs::read_to_string(from)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
    let value: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", from.display()));
    if let Err(e) = std::fs::write(to, value.to_string()) {
        panic!("cannot write {}: {e}", to.display());
    }
}
