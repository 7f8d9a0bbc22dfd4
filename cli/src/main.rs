//! The `msgraph-schema` command: pre-flight validation of Graph payloads, schema and Rust export
//! from the Graph docs, docs lint and crosscheck. The library is the `msgraph-schema` crate;
//! this package holds the command line only.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
