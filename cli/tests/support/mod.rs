//! Helpers shared by the command's integration tests; each test crate uses some of them.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The corpus folders named by environment variables: the root package's helper, one file for
/// the workspace.
#[path = "../../../tests/support/corpus.rs"]
pub(crate) mod corpus;

/// The repository's root, where the command runs (so that `examples/` and `tests/data/` are
/// found).
pub(crate) fn repository_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Runs the command that `cargo test` built with `args`, from the repository's root, with
/// `NO_COLOR=1` and `stdin` on its standard input; returns its exit status and output. A usage
/// error exits before reading standard input: a broken pipe then is expected.
pub(crate) fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_msgraph-schema"))
        .args(args)
        .current_dir(repository_root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

/// The standard output's lines, each a JSON value.
#[track_caller]
pub(crate) fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

/// `msgraph-schema-<name>-<process id>` under the temporary folder, removed if it exists (not
/// created).
pub(crate) fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("msgraph-schema-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// [`scratch_dir`], created empty.
pub(crate) fn empty_dir(name: &str) -> PathBuf {
    let dir = scratch_dir(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
