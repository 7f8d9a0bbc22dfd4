//! The generated Rust of the whole corpus compiles, warning-free, with every module and with each
//! module's feature alone.
//!
//! With `MSGRAPH_DOCS_DIR` (the docs corpus, see `tests/docs_tree.rs`; ignored unless asked for
//! with `--ignored`, as `.ci/run` does), this builds every tree and version, emits the crate of
//! each (`emit::rust::rust_crate`, as `build` writes it) into
//! `<target>/corpus-rust/<tree>_<version>/`, depending on this package by path, and compiles it (`cargo rustc -- -D warnings`, so that the derives expand and the expansions
//! type-check) with its default features (every module), then with each module's feature alone:
//! a reference into a module whose feature is off must still compile (as any JSON value). The
//! crates have the workspace's lock file and build into the same target folder with the same
//! environment, so the dependencies the tests were built with are reused. Times are printed.

mod support;

use msgraph_schema_core::emit::rust::rust_crate;
use msgraph_schema_core::tree::{VersionModel, build_dir};
use support::scratch_crate;

/// `archive_2021_beta` for `archive-2021` + `beta`; `v1_0` for `.` + `v1.0`.
fn crate_folder(version: &VersionModel) -> String {
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
    name
}

#[test]
#[ignore = "needs MSGRAPH_DOCS_DIR"]
fn generated_rust_of_the_corpus_compiles_without_warnings() {
    let docs = support::corpus::dir("MSGRAPH_DOCS_DIR");
    let build = build_dir(&docs).expect("the corpus is readable");
    assert!(!build.models.is_empty(), "no models in {docs:?}");

    let root = scratch_crate::target_dir().join("corpus-rust");
    let mut folders: Vec<String> = Vec::new();
    for version in &build.models {
        let folder = crate_folder(version);
        assert!(
            !folders.contains(&folder),
            "two trees map to the folder `{folder}`"
        );
        let krate = rust_crate(&version.model);
        let dir = root.join(&folder);
        scratch_crate::write(
            &dir,
            &format!("msgraph-corpus-{}", folder.replace('_', "-")),
            &krate,
        );
        let all = scratch_crate::compile(&dir, None);
        let mut alone = Vec::new();
        for module in &krate.modules {
            let elapsed = scratch_crate::compile(&dir, Some(&module.feature));
            alone.push(format!("{} {:.1} s", module.feature, elapsed.as_secs_f64()));
        }
        eprintln!(
            "corpus Rust {}/{}: {} modules, {} types and enums; every module {:.1} s; alone: {}",
            version.tree,
            version.version,
            krate.modules.len(),
            krate.modules.iter().map(|m| m.types).sum::<usize>(),
            all.as_secs_f64(),
            alone.join(", ")
        );
        folders.push(folder);
    }
}
