//! A generated crate (`emit::rust::rust_crate`) written under the target folder and compiled
//! with `-D warnings` against this package, reusing the dependencies the tests were built with.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use msgraph_schema_core::emit::rust::{Runtime, RustCrate};

/// The target folder this test was built into: `<target>/debug/deps/<test>` → `<target>`.
pub(crate) fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().expect("the test binary has a path");
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Writes `krate` as package `package` into `dir` (its `src/` replaced), depending on this
/// package by path, with the workspace's lock file (the versions the tests were built with).
pub(crate) fn write(dir: &Path, package: &str, krate: &RustCrate) {
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).unwrap();
    let workspace = env!("CARGO_MANIFEST_DIR").replace('\\', "/");
    std::fs::write(
        dir.join("Cargo.toml"),
        krate.manifest(package, Runtime::Path(&workspace)),
    )
    .unwrap();
    std::fs::copy(
        Path::new(&workspace).join("Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .unwrap();
    std::fs::write(src.join("lib.rs"), &krate.lib).unwrap();
    for module in &krate.modules {
        std::fs::write(src.join(format!("{}.rs", module.name)), &module.source).unwrap();
    }
}

/// Compiles the crate in `dir` with `features` only (`None`: its default, every module), its
/// own warnings denied (`cargo rustc -- -D warnings`: the dependencies keep their flags, so
/// they are reused from the target folder). Fails the test with the compiler's output.
pub(crate) fn compile(dir: &Path, features: Option<&str>) -> Duration {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["rustc", "--quiet", "--lib", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir());
    if let Some(features) = features {
        command.args(["--no-default-features", "--features", features]);
    }
    command.args(["--", "-D", "warnings"]);
    let started = Instant::now();
    let output = command.output().expect("cargo runs");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && !stderr.contains("warning"),
        "the generated crate in {} does not compile cleanly (features: {features:?}):\n{stderr}",
        dir.display()
    );
    elapsed
}
