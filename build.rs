//! The build step: the doc pages under `schema/pages/` → the model → Rust types in
//! `$OUT_DIR/types.rs`. Editing a page changes the types on the next `cargo build`.

use std::{env, fs, path::Path};

use msgraph_schema_core::{emit::rust::rust_source, model::Model, tree::parse_page};

fn main() {
    let pages = Path::new("schema/pages");
    println!("cargo::rerun-if-changed={}", pages.display());
    let mut paths: Vec<_> = fs::read_dir(pages)
        .expect("schema/pages exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.sort();
    let mut model = Model::default();
    let mut problems = Vec::new();
    for path in &paths {
        println!("cargo::rerun-if-changed={}", path.display());
        let text =
            fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        match parse_page(&path.display().to_string(), &text) {
            Ok(page) => {
                model.structs.extend(page.structs);
                model.enums.extend(page.enums);
            }
            Err(diagnostics) => problems.extend(diagnostics),
        }
    }
    if !problems.is_empty() {
        for problem in &problems {
            println!("cargo::error={problem}");
        }
        return;
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("types.rs");
    fs::write(&out, rust_source(&model)).unwrap_or_else(|err| panic!("{}: {err}", out.display()));
}
