//! Raw bytes as a payload of the built-in type: see `testing::properties::payload`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msgraph_schema::testing::properties;

fuzz_target!(|bytes: &[u8]| properties::payload("deviceHealthScriptDeviceState", bytes));
