//! Raw bytes as a payload of the built-in type, under every operation and mode: never a panic,
//! and the typed validator and the JSON Schema check always agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msgraph_schema::{Operation, Options, types};

fuzz_target!(|bytes: &[u8]| {
    let entry = types::find("deviceHealthScriptDeviceState").expect("built-in type");
    for operation in [Operation::Create, Operation::Update, Operation::Response] {
        for strict in [false, true] {
            let report = msgraph_schema::check(bytes, entry, &Options { operation, strict });
            assert!(report.disagreements.is_empty(), "{:?}", report.disagreements);
            if std::str::from_utf8(bytes).is_ok() {
                assert!(report.errors.iter().all(|e| e.line >= 1 && e.column >= 1), "{report:?}");
            }
        }
    }
});
