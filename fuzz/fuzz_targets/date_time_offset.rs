//! Any text as an `Edm.DateTimeOffset`: the original text comes back unchanged, and the emitted
//! pattern matches exactly the texts the parser accepts, calendar errors aside.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use msgraph_schema::edm::{DATE_TIME_OFFSET_PATTERN, DateTimeOffset};
use regex::Regex;

static PATTERN: LazyLock<Regex> = LazyLock::new(|| Regex::new(DATE_TIME_OFFSET_PATTERN).unwrap());

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let parsed = DateTimeOffset::parse(text);
    if let Ok(value) = &parsed {
        assert_eq!(value.as_str(), text);
        let _ = value.to_chrono();
    }
    let syntax_ok = parsed.as_ref().map_or_else(|e| e.is_calendar_error(), |_| true);
    assert_eq!(PATTERN.is_match(text), syntax_ok, "{text:?}");
});
