//! The fuzz targets' properties (`msgraph_schema::testing::properties`, run by `fuzz/`),
//! replayed on inputs that stress them, so that they hold in every `cargo test`. Any crash the
//! fuzzers find is added here.

use msgraph_schema::testing::properties;

const TYPE: &str = "deviceHealthScriptDeviceState";

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
        properties::payload(TYPE, input);
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
        properties::date_time_offset(text);
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
        properties::doc_page(text);
    }
}
