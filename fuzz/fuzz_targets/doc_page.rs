//! Any text as a doc page: a model or located diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    if let Err(problems) = msgraph_schema_core::page::parse_page("fuzz.md", &text) {
        assert!(!problems.is_empty());
        assert!(problems.iter().all(|p| p.line >= 1));
    }
});
