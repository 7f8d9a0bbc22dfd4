//! The folders of the real Graph docs and metadata, named by environment variables (see
//! docs/testing.md). A test that reads one is `#[ignore = "needs VARIABLE"]`, so that
//! `cargo test` without them reports it as ignored; run with `--ignored` or
//! `--include-ignored` without the variable, it fails saying what to set.

use std::path::PathBuf;

/// The folder named by `variable`; fails the test, naming the variable and what it points at,
/// when it is unset or empty or does not name a folder.
#[track_caller]
pub(crate) fn dir(variable: &str) -> PathBuf {
    let what = match variable {
        "MSGRAPH_DOCS_DIR" => "the Graph docs corpus (shared/corpus/graph-docs)",
        "MSGRAPH_METADATA_DIR" => "the Graph metadata corpus (shared/corpus/graph-metadata)",
        "MSGRAPH_FULL_DOCS_DIR" => "the 2021 beta reference (shared/corpus/graph-docs-2021)",
        _ => "its folder",
    };
    let Some(dir) = std::env::var_os(variable).filter(|value| !value.is_empty()) else {
        panic!(
            "{variable} is unset: set it to {what} to run this test (.ci/run does; see docs/testing.md)"
        );
    };
    let dir = PathBuf::from(dir);
    assert!(
        dir.is_dir(),
        "{variable}={}: not a folder; set it to {what}",
        dir.display()
    );
    dir
}
