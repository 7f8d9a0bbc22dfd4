//! Any text as an `Edm.DateTimeOffset`: see `testing::properties::date_time_offset`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msgraph_schema::testing::properties;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes) {
        properties::date_time_offset(text);
    }
});
