//! How long the CSDL reader takes on each file of the metadata corpus: the best of five parses
//! of each `csdl/` file of `MSGRAPH_METADATA_DIR` (or of the folder given), with its size and its
//! types. A figure to read, not a test: `schema/tests/csdl.rs` checks what the files hold.
//!
//! ```sh
//! MSGRAPH_METADATA_DIR=../shared/corpus/graph-metadata \
//!     cargo run --release -p msgraph-schema-core --example csdl_parse_time
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use msgraph_schema_core::csdl::Csdl;

fn main() {
    let Some(dir) = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("MSGRAPH_METADATA_DIR"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: csdl_parse_time [DIR] (default: $MSGRAPH_METADATA_DIR)");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("csdl"))
        .unwrap_or_else(|e| panic!("{}/csdl: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("best of 5 parses, {profile} build");
    for path in files {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut best = Duration::MAX;
        let mut types = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let csdl = Csdl::parse(&text).unwrap_or_else(|e| panic!("{}:{e}", path.display()));
            best = best.min(started.elapsed());
            types = csdl.types.len() + csdl.enums.len();
        }
        println!(
            "{:<32} {:>5.1} MB {types:>5} types {:>8.1} ms",
            path.file_name().unwrap().to_string_lossy(),
            text.len() as f64 / 1e6,
            best.as_secs_f64() * 1e3
        );
    }
}
