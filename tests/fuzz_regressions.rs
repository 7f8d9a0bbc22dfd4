//! The fuzz targets' properties (see `fuzz/`), replayed on inputs that stress them, so that they
//! run in every `cargo test`. Any crash the fuzzers find is added here.

use msgraph_schema::edm::{DATE_TIME_OFFSET_PATTERN, DateTimeOffset};
use msgraph_schema::{Operation, Options, types};

/// `fuzz_targets/payload.rs`: never a panic, the validators agree, errors are located.
fn payload_property(bytes: &[u8]) {
    let entry = types::find("deviceHealthScriptDeviceState").unwrap();
    for operation in [Operation::Create, Operation::Update, Operation::Response] {
        for strict in [false, true] {
            let report = msgraph_schema::check(bytes, entry, &Options { operation, strict });
            assert!(report.disagreements.is_empty(), "{:?}", report.disagreements);
            if std::str::from_utf8(bytes).is_ok() {
                assert!(report.errors.iter().all(|e| e.line >= 1 && e.column >= 1), "{report:?}");
            }
        }
    }
}

/// `fuzz_targets/date_time_offset.rs`: text kept; pattern ⇔ parser, calendar aside.
fn date_time_offset_property(text: &str) {
    let pattern = regex::Regex::new(DATE_TIME_OFFSET_PATTERN).unwrap();
    let parsed = DateTimeOffset::parse(text);
    if let Ok(value) = &parsed {
        assert_eq!(value.as_str(), text);
    }
    let syntax_ok = parsed.as_ref().map_or_else(|e| e.is_calendar_error(), |_| true);
    assert_eq!(pattern.is_match(text), syntax_ok, "{text:?}");
}

/// `fuzz_targets/doc_page.rs`: a model or located diagnostics.
fn doc_page_property(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Err(problems) = msgraph_schema_core::page::parse_page("fuzz.md", &text) {
        assert!(problems.iter().all(|p| p.line >= 1));
    }
}

#[test]
fn payload_inputs() {
    let inputs: &[&[u8]] = &[
        b"",
        b"   ",
        b"\xef\xbb\xbf{}",
        b"{\"detectionState\":\"success\",\"detectionState\":1}",
        b"{\"a/b~c\":null,\"a/b~c\":[1,{\"x\":2}]}",
        b"{\"assignmentFilterIds\":[\"x\",null,3,[],{}]}",
        b"{\"\\u0064etectionState\":\"String\"}",
        b"{\"@odata.type\":5,\"@odata.type\":\"#graph.deviceHealthScriptDeviceState\"}",
        b"{\"lastSyncDateTime\":\"2021-02-29T08:30Z\"}\n\n",
        b"{\"id\":\"\xff\"}",
        b"[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
        b"{\"x\":\"\\ud800\"}",
        b"{\"\":{\"\":{\"\":[]}},\"\":0}",
    ];
    for input in inputs {
        payload_property(input);
    }
}

#[test]
fn date_time_offset_inputs() {
    for text in [
        "",
        "T",
        "2017-01-01T00:00:11.0338933+03:00",
        "-0000-01-01T00:00Z",
        "99999999999999999999999-02-29T00:00Z",
        "2000-02-29t23:59:60.000000000000z",
        "2017-13-01T00:00Z",
        "2017-01-01T00:00+23:60",
        "2017-01-01T00:00:00.Z",
        "2017-01-01T00:00Z\u{0}",
        "２０１７-01-01T00:00Z",
    ] {
        date_time_offset_property(text);
    }
}

#[test]
fn doc_page_inputs() {
    for text in [
        &b""[..],
        b"# resource type",
        b"# x resource type\n## Properties\n|Property|Type|Description|\n|-|-|-|\n|a|b collection collection|c|\n",
        b"# x resource type\n## Properties\n|Property|Type|Description|\n|-|-|-|\n|a|[](|Possible values are: `|\n",
        b"---\n---\n# \xff resource type\n",
        include_bytes!("../schema/pages/devicehealthscriptdevicestate.md"),
    ] {
        doc_page_property(text);
    }
}
