//! The `msgraph-schema` command: pre-flight validation of Graph payloads and schema export.

use std::process::ExitCode;

fn main() -> ExitCode {
    msgraph_schema::cli::run()
}
