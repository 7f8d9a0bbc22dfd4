//! The generated Rust of the whole corpus compiles, warning-free.
//!
//! With `MSGRAPH_DOCS_DIR` set (the docs corpus, see `tests/docs_tree.rs`), this builds every
//! tree and version, emits the Rust module of each (`emit::rust::rust_source`, as `build` writes
//! it), writes them into a throwaway crate under the target folder
//! (`<target>/corpus-rust/crate`, one module per tree and version, `#![deny(warnings)]`) that
//! depends on this package by path, and runs `cargo build` on it, so that the derives expand and
//! the expansions type-check. The crate has the workspace's lock file and builds into the same
//! target folder with the same environment (`RUSTFLAGS` included: other flags would change
//! every dependency's hash), so the dependencies the tests were built with are reused. The
//! compile time is printed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use msgraph_schema_core::emit::rust::rust_source;
use msgraph_schema_core::tree::{VersionModel, build_dir};

/// The target folder this test was built into: `<target>/debug/deps/<test>` → `<target>`.
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().expect("the test binary has a path");
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// `archive_2021_beta` for `archive-2021` + `beta`; `v1_0` for `.` + `v1.0`.
fn module_name(version: &VersionModel) -> String {
    let mut name = String::new();
    for part in version.tree.split('/').chain(version.version.split('/')) {
        if part.is_empty() || part == "." {
            continue;
        }
        if !name.is_empty() {
            name.push('_');
        }
        name.extend(part.chars().map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        }));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'v');
    }
    name
}

const MANIFEST: &str = r#"[package]
name = "msgraph-corpus-types"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
path = "src/lib.rs"

[dependencies]
msgraph-schema = { path = "MSGRAPH_SCHEMA", default-features = false }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
schemars = { version = "1", default-features = false, features = ["derive", "std"] }

[workspace]
"#;

#[test]
fn generated_rust_of_the_corpus_compiles_without_warnings() {
    let Some(docs) = std::env::var_os("MSGRAPH_DOCS_DIR") else {
        eprintln!("MSGRAPH_DOCS_DIR is not set: skipping the corpus Rust compile test");
        return;
    };
    let build = build_dir(Path::new(&docs)).expect("the corpus is readable");
    assert!(!build.models.is_empty(), "no models in {docs:?}");

    let target = target_dir();
    let root = target.join("corpus-rust");
    let krate = root.join("crate");
    let src = krate.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).unwrap();
    let workspace = env!("CARGO_MANIFEST_DIR");
    std::fs::write(
        krate.join("Cargo.toml"),
        MANIFEST.replace("MSGRAPH_SCHEMA", &workspace.replace('\\', "/")),
    )
    .unwrap();
    // The workspace's lock file: the same dependency versions as the tests were built with.
    std::fs::copy(
        Path::new(workspace).join("Cargo.lock"),
        krate.join("Cargo.lock"),
    )
    .unwrap();

    let mut lib = String::from(
        "//! Every tree and version of the docs corpus, as generated Rust.\n\
         #![deny(warnings)]\n\n",
    );
    let mut modules: Vec<String> = Vec::new();
    let mut types = 0;
    for version in &build.models {
        let name = module_name(version);
        assert!(
            !modules.contains(&name),
            "two trees map to the module `{name}`"
        );
        std::fs::write(src.join(format!("{name}.rs")), rust_source(&version.model)).unwrap();
        lib.push_str(&format!(
            "/// `{}` / `{}`.\npub mod {name};\n",
            version.tree, version.version
        ));
        types += version.model.structs.len() + version.model.enums.len();
        modules.push(name);
    }
    // Each module's registry is usable: every type's model is reachable by name.
    lib.push_str(
        "\n/// The structured types of every module.\npub fn type_count() -> usize {\n    0",
    );
    for name in &modules {
        lib.push_str(&format!(" + {name}::TYPES.len()"));
    }
    lib.push_str("\n}\n");
    std::fs::write(src.join("lib.rs"), lib).unwrap();

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = Instant::now();
    let output = Command::new(cargo)
        .arg("build")
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(krate.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .output()
        .expect("cargo runs");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the generated Rust of the corpus does not compile ({} modules in {}):\n{stderr}",
        modules.len(),
        src.display()
    );
    assert!(
        !stderr.contains("warning"),
        "the generated Rust of the corpus compiles with warnings:\n{stderr}"
    );
    eprintln!(
        "corpus Rust: {} modules, {types} types and enums, cargo build in {:.1} s",
        modules.len(),
        elapsed.as_secs_f64()
    );
}
