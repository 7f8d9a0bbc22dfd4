//! Any bytes as a doc page: see `testing::properties::doc_page`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msgraph_schema::testing::properties;

fuzz_target!(|bytes: &[u8]| properties::doc_page(bytes));
