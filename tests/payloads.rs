//! Adversarial payloads for `deviceHealthScriptDeviceState`, end to end through
//! `msgraph_schema::check` and `msgraph_schema::validate`.
//!
//! Every report goes through [`found`], which asserts that the typed validator and the JSON
//! Schema check agree (`report.disagreements` is empty) before returning the sorted set of
//! `(pointer, kind)` pairs; each test then asserts that exact set. A known limit stays in this
//! file as a `limit_…` test that pins today's behaviour and says what it should become, so that
//! lifting the limit fails it and the expectation is turned around.
//!
//! Hostile payloads are checked for their exact report, never for how long they take (that is
//! the benchmarks'); a payload of many errors is also checked at two sizes, eight times apart,
//! for a report eight times as long.

mod support;

use std::collections::BTreeSet;

use msgraph_schema::testing::properties::agreeing_report;
use msgraph_schema::types::{self, DeviceHealthScriptDeviceState, RemediationState, RunState};
use msgraph_schema::{Error, Nullable, Operation, Options, Report, TypeEntry};
use serde_json::{Value, json};
use support::found::{Found, found, set};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A create body, not strict (the default).
const CREATE: Options = Options {
    operation: Operation::Create,
    strict: false,
};
/// A create body in strict mode.
const CREATE_STRICT: Options = Options {
    operation: Operation::Create,
    strict: true,
};
/// A PATCH body.
const UPDATE: Options = Options {
    operation: Operation::Update,
    strict: false,
};
/// A PATCH body in strict mode.
const UPDATE_STRICT: Options = Options {
    operation: Operation::Update,
    strict: true,
};
/// A response body.
const RESPONSE: Options = Options {
    operation: Operation::Response,
    strict: false,
};
/// Every combination of operation and mode.
const ALL_OPTIONS: [Options; 6] = [
    CREATE,
    CREATE_STRICT,
    UPDATE,
    UPDATE_STRICT,
    RESPONSE,
    Options {
        operation: Operation::Response,
        strict: true,
    },
];

/// Every combination except strict create (which also requires four properties).
const NOT_STRICT_CREATE: [Options; 5] = [
    CREATE,
    UPDATE,
    UPDATE_STRICT,
    RESPONSE,
    Options {
        operation: Operation::Response,
        strict: true,
    },
];

/// The members of `runState`, in model order, as the enum messages list them.
const RUN_STATE_MEMBERS: &str = "unknown, success, fail, scriptError, pending, notApplicable";
/// The members of `remediationState` accepted in a create body (no `unknownFutureValue`).
const REMEDIATION_CREATE_MEMBERS: &str =
    "unknown, skipped, success, remediationFailed, scriptError";

fn entry() -> &'static TypeEntry {
    types::find("deviceHealthScriptDeviceState").expect("the built-in type")
}

/// Runs the three validators and asserts that they agree (never panics, or the test fails).
fn check(bytes: impl AsRef<[u8]>, options: Options) -> Report {
    agreeing_report(bytes.as_ref(), entry(), &options)
}

/// Checks `text` and asserts the exact `(pointer, kind)` set; returns the report for more
/// assertions.
#[track_caller]
fn assert_errors(
    text: impl AsRef<[u8]>,
    options: Options,
    expected: &[(&str, &'static str)],
) -> Report {
    let text = text.as_ref();
    let report = check(text, options);
    assert_eq!(
        found(&report),
        set(expected),
        "payload {:?} under {options:?}; report:\n{report}",
        clip(&String::from_utf8_lossy(text))
    );
    report
}

#[track_caller]
fn assert_valid(text: impl AsRef<[u8]>, options: Options) {
    assert_errors(text, options, &[]);
}

/// The one error of `report` at `pointer` with `kind`.
#[track_caller]
fn the_error<'r>(report: &'r Report, pointer: &str, kind: &str) -> &'r Error {
    let matching: Vec<&Error> = report
        .errors
        .iter()
        .filter(|e| e.pointer() == pointer && e.kind.as_str() == kind)
        .collect();
    assert_eq!(
        matching.len(),
        1,
        "want one {kind} error at {pointer:?} in:\n{report}"
    );
    matching[0]
}

/// `{"<name>": <value>}`.
fn member(name: &str, value: Value) -> String {
    let mut object = serde_json::Map::new();
    object.insert(name.to_owned(), value);
    Value::Object(object).to_string()
}

/// 1-based line and column (in characters) of the `n`th (0-based) occurrence of `needle`.
#[track_caller]
fn position_of_nth(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let (offset, _) = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[track_caller]
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    position_of_nth(text, needle, 0)
}

#[track_caller]
fn assert_at(error: &Error, (line, column): (usize, usize)) {
    assert_eq!(
        (error.line, error.column),
        (line, column),
        "location of {error}"
    );
}

fn clip(text: &str) -> String {
    text.chars().take(120).collect()
}

/// A payload with every property, valid in every mode.
const FULL: &str = r##"{
  "@odata.type": "#microsoft.graph.deviceHealthScriptDeviceState",
  "id": "6f4e8bd0-0e7c-4f0a-9d35-0d7a1b8b2c11",
  "assignmentFilterIds": ["filter-1", null, "ünïcødé ✓"],
  "detectionState": "success",
  "lastStateUpdateDateTime": "2017-01-01T00:00:11.0338933+03:00",
  "expectedStateUpdateDateTime": null,
  "lastSyncDateTime": "2017-01-01T00:00:28.8363536+03:00",
  "preRemediationDetectionScriptOutput": "Pre Remediation Detection Script Output value",
  "preRemediationDetectionScriptError": null,
  "remediationScriptError": "",
  "postRemediationDetectionScriptOutput": "line 1\nline 2\t\"quoted\" \\ \u00e9",
  "postRemediationDetectionScriptError": "Post Remediation Detection Script Error value",
  "remediationState": "remediationFailed"
}"##;

// ---------------------------------------------------------------------------------------------
// Baseline: valid payloads in every mode
// ---------------------------------------------------------------------------------------------

#[test]
fn full_payload_is_valid_in_every_mode() {
    for options in ALL_OPTIONS {
        assert_valid(FULL, options);
    }
}

#[test]
fn empty_object_is_valid_unless_strict_create() {
    for options in [CREATE, UPDATE, UPDATE_STRICT, RESPONSE] {
        assert_valid("{}", options);
    }
    assert_valid(" \t\r\n{ \n }\r\n ", CREATE);
}

// ---------------------------------------------------------------------------------------------
// Wrong JSON types, on every kind of property and at the root
// ---------------------------------------------------------------------------------------------

#[test]
fn root_that_is_not_an_object_is_a_type_error_at_the_root() {
    for text in [
        "[]",
        "[{}]",
        "0",
        "-1.5e3",
        "\"a string\"",
        "null",
        "true",
        "false",
    ] {
        let report = assert_errors(text, CREATE, &[("", "type")]);
        let error = the_error(&report, "", "type");
        assert_at(error, (1, 1));
        assert!(
            error.message().contains("deviceHealthScriptDeviceState"),
            "{}",
            error.message()
        );
    }
    // Located after leading whitespace.
    let report = assert_errors("\n\n   [1, 2]", CREATE_STRICT, &[("", "type")]);
    assert_at(the_error(&report, "", "type"), (3, 4));
}

#[test]
fn wrong_json_type_on_a_string_property() {
    for property in [
        "id",
        "preRemediationDetectionScriptOutput",
        "remediationScriptError",
    ] {
        for bad in [
            json!(1),
            json!(0.5),
            json!(true),
            json!({}),
            json!([]),
            json!(["a"]),
        ] {
            let pointer = format!("/{property}");
            let report =
                assert_errors(member(property, bad.clone()), CREATE, &[(&pointer, "type")]);
            let error = the_error(&report, &pointer, "type");
            assert!(
                error.message().contains("string"),
                "{bad}: {}",
                error.message()
            );
        }
    }
}

#[test]
fn wrong_json_type_on_a_date_time_offset_property() {
    for property in [
        "lastStateUpdateDateTime",
        "expectedStateUpdateDateTime",
        "lastSyncDateTime",
    ] {
        for bad in [
            json!(1_483_228_811),
            json!(true),
            json!({}),
            json!(["2017-01-01T00:00Z"]),
        ] {
            let pointer = format!("/{property}");
            let report = assert_errors(member(property, bad), CREATE, &[(&pointer, "type")]);
            assert!(
                the_error(&report, &pointer, "type")
                    .message()
                    .contains("Edm.DateTimeOffset")
            );
        }
    }
}

#[test]
fn wrong_json_type_on_an_enum_property() {
    for property in ["detectionState", "remediationState"] {
        for bad in [
            json!(1),
            json!(true),
            json!({"success": true}),
            json!(["success"]),
        ] {
            let pointer = format!("/{property}");
            assert_errors(member(property, bad), CREATE, &[(&pointer, "type")]);
        }
    }
}

#[test]
fn wrong_json_type_on_a_collection_property() {
    for bad in [
        json!("filter-1"),
        json!(1),
        json!(true),
        json!({"0": "filter-1"}),
    ] {
        let report = assert_errors(
            member("assignmentFilterIds", bad),
            CREATE,
            &[("/assignmentFilterIds", "type")],
        );
        assert!(
            the_error(&report, "/assignmentFilterIds", "type")
                .message()
                .contains("array")
        );
    }
}

#[test]
fn wrong_json_type_on_collection_items_points_at_each_item() {
    let text = r#"{"assignmentFilterIds": ["ok", 1, true, null, {}, [], "ok"]}"#;
    let report = assert_errors(
        text,
        CREATE,
        &[
            ("/assignmentFilterIds/1", "type"),
            ("/assignmentFilterIds/2", "type"),
            ("/assignmentFilterIds/4", "type"),
            ("/assignmentFilterIds/5", "type"),
        ],
    );
    assert_at(
        the_error(&report, "/assignmentFilterIds/1", "type"),
        position_of(text, "1,"),
    );
    assert_at(
        the_error(&report, "/assignmentFilterIds/4", "type"),
        position_of(text, "{}"),
    );
    assert_at(
        the_error(&report, "/assignmentFilterIds/5", "type"),
        position_of(text, "[]"),
    );
}

#[test]
fn wrong_json_type_on_odata_type() {
    for bad in [
        json!(1),
        json!(true),
        json!({}),
        json!(["#microsoft.graph.deviceHealthScriptDeviceState"]),
    ] {
        for options in NOT_STRICT_CREATE {
            assert_errors(
                member("@odata.type", bad.clone()),
                options,
                &[("/@odata.type", "type")],
            );
        }
    }
}

#[test]
fn one_error_of_each_kind_in_one_payload_sorted_by_position() {
    let text = r##"{
  "lastSyncDateTime@odata.type": "#Int32",
  "id": 42,
  "detectionState": "Success",
  "lastSyncDateTime": "2021-02-30T00:00Z",
  "detectionstate": "success",
  "id": "again"
}"##;
    let report = assert_errors(
        text,
        CREATE,
        &[
            ("/lastSyncDateTime@odata.type", "odata_type"),
            ("/id", "duplicate_property"),
            ("/detectionState", "enum"),
            ("/lastSyncDateTime", "format"),
            ("/detectionstate", "unknown_property"),
        ],
    );
    let lines: Vec<usize> = report.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 4, 5, 6, 7], "sorted by position:\n{report}");
}

// ---------------------------------------------------------------------------------------------
// null
// ---------------------------------------------------------------------------------------------

#[test]
fn null_on_a_non_nullable_property_is_a_type_error() {
    for property in [
        "id",
        "detectionState",
        "lastStateUpdateDateTime",
        "lastSyncDateTime",
        "remediationState",
    ] {
        for options in NOT_STRICT_CREATE {
            let pointer = format!("/{property}");
            let report = assert_errors(
                member(property, Value::Null),
                options,
                &[(&pointer, "type")],
            );
            assert!(
                the_error(&report, &pointer, "type")
                    .message()
                    .contains("null")
            );
        }
    }
}

#[test]
fn null_on_a_nullable_property_is_valid() {
    for property in [
        "expectedStateUpdateDateTime",
        "preRemediationDetectionScriptOutput",
        "preRemediationDetectionScriptError",
        "remediationScriptError",
        "postRemediationDetectionScriptOutput",
        "postRemediationDetectionScriptError",
    ] {
        for options in NOT_STRICT_CREATE {
            assert_valid(member(property, Value::Null), options);
        }
    }
}

#[test]
fn null_collection_is_a_type_error() {
    let report = assert_errors(
        r#"{"assignmentFilterIds": null}"#,
        CREATE,
        &[("/assignmentFilterIds", "type")],
    );
    let error = the_error(&report, "/assignmentFilterIds", "type");
    assert!(
        error.message().contains("never null"),
        "{}",
        error.message()
    );
    assert_errors(
        r#"{"assignmentFilterIds": null}"#,
        UPDATE,
        &[("/assignmentFilterIds", "type")],
    );
}

#[test]
fn null_item_in_a_collection_of_nullable_strings_is_valid() {
    assert_valid(r#"{"assignmentFilterIds": [null]}"#, CREATE);
    assert_valid(r#"{"assignmentFilterIds": [null, "a", null]}"#, UPDATE);
    assert_valid(r#"{"assignmentFilterIds": []}"#, CREATE);
}

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

#[test]
fn every_enum_member_is_valid() {
    for member_name in RUN_STATE_MEMBERS.split(", ") {
        assert_valid(member("detectionState", json!(member_name)), CREATE);
    }
    for member_name in REMEDIATION_CREATE_MEMBERS.split(", ") {
        assert_valid(member("remediationState", json!(member_name)), CREATE);
    }
}

#[test]
fn enum_value_in_the_wrong_case_is_an_enum_error_with_a_hint() {
    let report = assert_errors(
        r#"{"detectionState": "Success"}"#,
        CREATE,
        &[("/detectionState", "enum")],
    );
    let error = the_error(&report, "/detectionState", "enum");
    assert!(
        error.message().contains(RUN_STATE_MEMBERS),
        "{}",
        error.message()
    );
    assert!(
        error.message().contains("`success`"),
        "suggests the right case: {}",
        error.message()
    );
    assert_errors(
        r#"{"remediationState": "SKIPPED"}"#,
        CREATE,
        &[("/remediationState", "enum")],
    );
}

#[test]
fn enum_as_a_number_is_a_type_error() {
    assert_errors(
        r#"{"detectionState": 1}"#,
        CREATE,
        &[("/detectionState", "type")],
    );
    assert_errors(
        r#"{"remediationState": 2}"#,
        UPDATE,
        &[("/remediationState", "type")],
    );
    assert_errors(
        r#"{"remediationState": 1.0}"#,
        RESPONSE,
        &[("/remediationState", "type")],
    );
}

#[test]
fn enum_variants_that_are_not_member_names_are_enum_errors() {
    // Numeric strings, comma lists (not a flags enum), whitespace and look-alikes.
    for bad in [
        "1",
        "0",
        "-1",
        "success,fail",
        "success, fail",
        " success",
        "success ",
        "success\n",
        "\tsuccess",
        "\u{feff}success",
        "succes",
        "",
        "microsoft.graph.runState'success'",
        "runState.success",
    ] {
        for options in [CREATE, UPDATE, RESPONSE] {
            let report = assert_errors(
                member("detectionState", json!(bad)),
                options,
                &[("/detectionState", "enum")],
            );
            let error = the_error(&report, "/detectionState", "enum");
            assert!(
                error.message().contains(RUN_STATE_MEMBERS),
                "lists the members: {}",
                error.message()
            );
        }
    }
}

#[test]
fn unknown_future_value_is_rejected_in_create_and_accepted_in_update_and_response() {
    let text = r#"{"remediationState": "unknownFutureValue"}"#;
    for options in [CREATE, CREATE_STRICT] {
        let expected: &[(&str, &'static str)] = if options.strict {
            &[
                ("/remediationState", "enum"),
                ("/detectionState", "required"),
                ("/lastStateUpdateDateTime", "required"),
                ("/lastSyncDateTime", "required"),
            ]
        } else {
            &[("/remediationState", "enum")]
        };
        let report = assert_errors(text, options, expected);
        let error = the_error(&report, "/remediationState", "enum");
        // The list of allowed members never offers the sentinel in a create body.
        let (_, list) = error
            .message()
            .split_once("expected one of ")
            .expect("a member list");
        let list = list.split(" (").next().unwrap();
        assert_eq!(list, REMEDIATION_CREATE_MEMBERS, "{}", error.message());
        assert_eq!(
            error.expected(),
            Some(&*format!("one of: {REMEDIATION_CREATE_MEMBERS}"))
        );
    }
    for options in [UPDATE, UPDATE_STRICT, RESPONSE] {
        assert_valid(text, options);
    }
}

#[test]
fn unknown_future_value_is_not_a_run_state_member_in_any_mode() {
    // runState has no sentinel in the model.
    for options in [CREATE, UPDATE, RESPONSE] {
        let report = assert_errors(
            r#"{"detectionState": "unknownFutureValue"}"#,
            options,
            &[("/detectionState", "enum")],
        );
        assert!(
            the_error(&report, "/detectionState", "enum")
                .message()
                .contains(RUN_STATE_MEMBERS)
        );
    }
}

#[test]
fn create_enum_messages_never_mention_unknown_future_value_for_other_bad_values() {
    for bad in ["Success", "SKIPPED", "1", "bogus", "remediationfailed"] {
        let report = assert_errors(
            member("remediationState", json!(bad)),
            CREATE,
            &[("/remediationState", "enum")],
        );
        let error = the_error(&report, "/remediationState", "enum");
        assert!(
            !error.message().contains("unknownFutureValue"),
            "{bad}: {}",
            error.message()
        );
        assert!(
            error.message().contains(REMEDIATION_CREATE_MEMBERS),
            "{}",
            error.message()
        );
    }
}

#[test]
fn create_case_hint_never_suggests_unknown_future_value() {
    for bad in [
        "UnknownFutureValue",
        "unknownfuturevalue",
        "UNKNOWNFUTUREVALUE",
    ] {
        let report = assert_errors(
            member("remediationState", json!(bad)),
            CREATE,
            &[("/remediationState", "enum")],
        );
        let error = the_error(&report, "/remediationState", "enum");
        assert!(
            !error.message().contains("unknownFutureValue"),
            "{bad}: {}",
            error.message()
        );
    }
}

#[test]
fn unknown_future_value_in_the_wrong_case_is_an_enum_error_in_update_too() {
    assert_errors(
        r#"{"remediationState": "UnknownFutureValue"}"#,
        UPDATE,
        &[("/remediationState", "enum")],
    );
}

// ---------------------------------------------------------------------------------------------
// Edm.DateTimeOffset
// ---------------------------------------------------------------------------------------------

#[test]
fn bad_date_time_offsets_are_format_errors_naming_the_edm_type() {
    for bad in [
        "",
        "not a date",
        "2017-01-01",
        "2017-01-01 00:00:00Z",
        "2017-01-01T00:00:00",
        "2017-01-01T00:00",
        "2017-01-01T24:00Z",
        "2017-01-01T00:60Z",
        "2017-01-01T00:00:61Z",
        "2017-01-01T00:00:00+0300",
        "2017-01-01T00:00:00+03",
        "2017-01-01T00:00:00+24:00",
        "2017-01-01T00:00:00.Z",
        "2017-01-01T00:00:00.1234567890123Z",
        "2017-13-01T00:00Z",
        "2017-00-01T00:00Z",
        "2017-01-00T00:00Z",
        "2017-1-01T00:00Z",
        "17-01-01T00:00Z",
        "02017-01-01T00:00Z",
        "2017-01-01T00:00:00\u{2212}05:00",
        "２０１７-01-01T00:00Z",
        " 2017-01-01T00:00Z",
        "2017-01-01T00:00Z ",
        "2017-01-01T00:00Z\n",
        "2017-01-01T00:00:00+01:00Z",
        "1483228811",
        "INF",
    ] {
        for property in ["lastSyncDateTime", "expectedStateUpdateDateTime"] {
            let pointer = format!("/{property}");
            let report = assert_errors(
                member(property, json!(bad)),
                CREATE,
                &[(&pointer, "format")],
            );
            let error = the_error(&report, &pointer, "format");
            assert!(
                error.message().contains("Edm.DateTimeOffset"),
                "{bad:?}: {}",
                error.message()
            );
        }
    }
}

#[test]
fn calendar_invalid_dates_are_format_errors() {
    for bad in [
        "2021-02-30T00:00Z",
        "2021-02-29T00:00Z",
        "2021-04-31T00:00:00Z",
        "1900-02-29T12:00Z",
        "2100-02-29T00:00Z",
    ] {
        let report = assert_errors(
            member("lastStateUpdateDateTime", json!(bad)),
            CREATE,
            &[("/lastStateUpdateDateTime", "format")],
        );
        assert!(
            the_error(&report, "/lastStateUpdateDateTime", "format")
                .message()
                .contains("Edm.DateTimeOffset")
        );
    }
}

#[test]
fn valid_date_time_offsets_are_accepted() {
    for good in [
        "2017-01-01T00:00:11.0338933+03:00", // 7 fraction digits, +03:00
        "2021-06-15T08:30Z",                 // no seconds
        "2021-06-15T08:30+05:30",            // no seconds, offset
        "2017-01-01T00:00:00Z",
        "2017-01-01T00:00:00.123456789012Z", // 12 fraction digits
        "2017-01-01t00:00:00z",              // ABNF literals are case-insensitive
        "2020-02-29T00:00Z",                 // leap year
        "2000-02-29T00:00Z",
        "1998-12-31T23:59:60Z", // leap second (ABNF)
        "2017-01-01T00:00:00-23:59",
        "0000-01-01T00:00Z",
        "-0001-01-01T00:00Z",
        "10000-01-01T00:00Z",
    ] {
        for property in [
            "lastStateUpdateDateTime",
            "expectedStateUpdateDateTime",
            "lastSyncDateTime",
        ] {
            assert_valid(member(property, json!(good)), CREATE);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Unknown properties, annotations and JSON Pointer escaping
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_property_is_an_error_in_every_mode() {
    for options in ALL_OPTIONS {
        let text = r#"{"detectionstate": "success"}"#;
        let mut expected = vec![("/detectionstate", "unknown_property")];
        if options == CREATE_STRICT {
            expected.extend([
                ("/detectionState", "required"),
                ("/lastStateUpdateDateTime", "required"),
                ("/lastSyncDateTime", "required"),
                ("/remediationState", "required"),
            ]);
        }
        let report = assert_errors(text, options, &expected);
        let error = the_error(&report, "/detectionstate", "unknown_property");
        assert_at(error, (1, 2)); // the member's name
        assert!(
            error.message().contains("detectionstate"),
            "{}",
            error.message()
        );
    }
}

#[test]
fn property_name_in_the_wrong_case_is_unknown_with_a_hint() {
    let report = assert_errors(
        r#"{"DetectionState": "success", "LASTSYNCDATETIME": "x", "foo": 1}"#,
        CREATE,
        &[
            ("/DetectionState", "unknown_property"),
            ("/LASTSYNCDATETIME", "unknown_property"),
            ("/foo", "unknown_property"),
        ],
    );
    let error = the_error(&report, "/DetectionState", "unknown_property");
    assert!(
        error.message().contains("`detectionState`"),
        "{}",
        error.message()
    );
    assert!(
        the_error(&report, "/LASTSYNCDATETIME", "unknown_property")
            .message()
            .contains("`lastSyncDateTime`")
    );
    let error = the_error(&report, "/foo", "unknown_property");
    assert!(
        error.message().contains("foo") && !error.message().contains("did you mean"),
        "{}",
        error.message()
    );
}

#[test]
fn unknown_property_repeated_is_unknown_at_the_first_name_and_duplicate_at_the_second() {
    let text = "{\n  \"zzz\": 1,\n  \"zzz\": 2\n}";
    let report = assert_errors(
        text,
        CREATE,
        &[("/zzz", "unknown_property"), ("/zzz", "duplicate_property")],
    );
    assert_at(the_error(&report, "/zzz", "unknown_property"), (2, 3));
    assert_at(the_error(&report, "/zzz", "duplicate_property"), (3, 3));
}

#[test]
fn annotations_are_never_unknown_properties() {
    let text = r##"{
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceHealthScriptDeviceStates/$entity",
  "@odata.etag": "W/\"JzEtRGV2aWNlSGVhbHRo\"",
  "@odata.id": 12,
  "detectionState@odata.type": "#microsoft.graph.runState",
  "detectionState": "success",
  "lastSyncDateTime@odata.type": "#DateTimeOffset",
  "lastSyncDateTime@com.contoso.note": ["anything", {"goes": null}],
  "detectionState@odata.etag": 5,
  "notAProperty@odata.type": null,
  "@com.contoso.anything#qualifier": {"nested": [1, 2, 3]},
  "@": true
}"##;
    for options in [CREATE, UPDATE, UPDATE_STRICT, RESPONSE] {
        assert_valid(text, options);
    }
}

#[test]
fn json_pointer_escapes_slash_and_tilde_and_locates_the_name() {
    let text = "{\n  \"a/b\": 1,\n  \"m~n\": 2,\n  \"~1\": 3,\n  \"/\": 4,\n  \"\": 5\n}";
    let report = assert_errors(
        text,
        CREATE,
        &[
            ("/a~1b", "unknown_property"),
            ("/m~0n", "unknown_property"),
            ("/~01", "unknown_property"),
            ("/~1", "unknown_property"),
            ("/", "unknown_property"),
        ],
    );
    assert_at(the_error(&report, "/a~1b", "unknown_property"), (2, 3));
    assert_at(the_error(&report, "/m~0n", "unknown_property"), (3, 3));
    assert_at(the_error(&report, "/~01", "unknown_property"), (4, 3));
    assert_at(the_error(&report, "/~1", "unknown_property"), (5, 3));
    assert_at(the_error(&report, "/", "unknown_property"), (6, 3));
}

#[test]
fn escaped_member_names_are_decoded_and_located() {
    // `detection\u0053tate` is `detectionState`; `a\/b` is `a/b`; `q\"q` is `q"q`.
    let text =
        r#"{"detection\u0053tate": "bogus", "a\/b": 1, "q\"q": 2, "back\\": 3, "\ud83d\ude00": 4}"#;
    let report = assert_errors(
        text,
        CREATE,
        &[
            ("/😀", "unknown_property"),
            ("/detectionState", "enum"),
            ("/a~1b", "unknown_property"),
            ("/q\"q", "unknown_property"),
            ("/back\\", "unknown_property"),
        ],
    );
    assert_at(
        the_error(&report, "/detectionState", "enum"),
        position_of(text, "\"bogus\""),
    );
    assert_at(
        the_error(&report, "/a~1b", "unknown_property"),
        position_of(text, r#""a\/b""#),
    );
    assert_at(
        the_error(&report, "/q\"q", "unknown_property"),
        position_of(text, r#""q\"q""#),
    );
    assert_at(
        the_error(&report, "/back\\", "unknown_property"),
        position_of(text, r#""back\\""#),
    );
    assert_at(
        the_error(&report, "/😀", "unknown_property"),
        position_of(text, r#""\ud83d"#),
    );
}

// ---------------------------------------------------------------------------------------------
// @odata.type
// ---------------------------------------------------------------------------------------------

#[test]
fn odata_type_accepted_forms() {
    for value in [
        "#microsoft.graph.deviceHealthScriptDeviceState",
        "#graph.deviceHealthScriptDeviceState",
    ] {
        for options in [CREATE, UPDATE, UPDATE_STRICT, RESPONSE] {
            assert_valid(member("@odata.type", json!(value)), options);
        }
    }
    // Without the `#`: accepted unless strict.
    for value in [
        "microsoft.graph.deviceHealthScriptDeviceState",
        "graph.deviceHealthScriptDeviceState",
    ] {
        for options in [CREATE, UPDATE, RESPONSE] {
            assert_valid(member("@odata.type", json!(value)), options);
        }
    }
}

#[test]
fn odata_type_without_hash_is_an_error_in_strict_mode() {
    for value in [
        "microsoft.graph.deviceHealthScriptDeviceState",
        "graph.deviceHealthScriptDeviceState",
    ] {
        let report = assert_errors(
            member("@odata.type", json!(value)),
            UPDATE_STRICT,
            &[("/@odata.type", "odata_type")],
        );
        let error = the_error(&report, "/@odata.type", "odata_type");
        assert!(
            error
                .message()
                .contains("#microsoft.graph.deviceHealthScriptDeviceState"),
            "{}",
            error.message()
        );
    }
}

#[test]
fn odata_type_naming_another_type_or_in_the_wrong_case_is_an_error() {
    for value in [
        "#microsoft.graph.user",
        "#microsoft.graph.entity",
        "#Microsoft.Graph.deviceHealthScriptDeviceState",
        "#microsoft.graph.DeviceHealthScriptDeviceState",
        "#GRAPH.deviceHealthScriptDeviceState",
        "#deviceHealthScriptDeviceState",
        "deviceHealthScriptDeviceState",
        "#microsoft.graph.deviceHealthScriptDeviceState ",
        " #microsoft.graph.deviceHealthScriptDeviceState",
        "##microsoft.graph.deviceHealthScriptDeviceState",
        "#microsoft.graph.deviceHealthScriptDeviceState#",
        "",
        "#",
    ] {
        for options in [CREATE, UPDATE, UPDATE_STRICT, RESPONSE] {
            let report = assert_errors(
                member("@odata.type", json!(value)),
                options,
                &[("/@odata.type", "odata_type")],
            );
            assert_at(the_error(&report, "/@odata.type", "odata_type"), (1, 16));
        }
    }
}

/// `name@odata.type` (OData JSON Format §4.5.3: the type of a name/value pair; it may appear
/// "if its value does not contradict the type declared in $metadata") that names the property's
/// own type is accepted: a primitive by its unqualified name as §4.5.3 writes it, or qualified
/// as Microsoft.OData.Core also reads it, with or without `#` in every mode (§4.5.3: consumers
/// MUST support both); an enum or a collection as a URI fragment, `#` required in strict mode.
#[test]
fn a_property_type_annotation_that_agrees_is_accepted() {
    let every_mode = [
        ("lastSyncDateTime", "#DateTimeOffset"),
        ("lastSyncDateTime", "DateTimeOffset"),
        ("lastSyncDateTime", "#Edm.DateTimeOffset"),
        ("lastSyncDateTime", "Edm.DateTimeOffset"),
        ("expectedStateUpdateDateTime", "#DateTimeOffset"),
        ("id", "String"),
        ("detectionState", "#microsoft.graph.runState"),
        ("detectionState", "#graph.runState"),
        ("assignmentFilterIds", "#Collection(String)"),
        ("assignmentFilterIds", "#Collection(Edm.String)"),
    ];
    let not_strict = [
        ("detectionState", "microsoft.graph.runState"),
        ("remediationState", "graph.remediationState"),
        ("assignmentFilterIds", "Collection(String)"),
    ];
    for (name, value) in every_mode {
        for options in NOT_STRICT_CREATE {
            assert_valid(member(&format!("{name}@odata.type"), json!(value)), options);
        }
    }
    for (name, value) in not_strict {
        for options in [CREATE, UPDATE, RESPONSE] {
            assert_valid(member(&format!("{name}@odata.type"), json!(value)), options);
        }
        assert_errors(
            member(&format!("{name}@odata.type"), json!(value)),
            UPDATE_STRICT,
            &[(&format!("/{name}@odata.type"), "odata_type")],
        );
    }
    // Next to its property, as a payload carries it.
    let text = r##"{"lastSyncDateTime@odata.type": "#DateTimeOffset",
        "lastSyncDateTime": "2017-01-01T00:00:28Z", "detectionState": "fail",
        "detectionState@odata.type": "#microsoft.graph.runState"}"##;
    for options in NOT_STRICT_CREATE {
        assert_valid(text, options);
    }
}

/// `name@odata.type` that names another type, or the property's own in a form OData does not
/// write, is an `odata_type` error at the annotation; the property itself is checked as usual.
#[test]
fn a_property_type_annotation_that_contradicts_the_declared_type_is_an_odata_type_error() {
    let contradicting = [
        ("lastSyncDateTime", "#Int32"),
        ("lastSyncDateTime", "Int32"),
        ("lastSyncDateTime", "#Edm.Int32"),
        ("lastSyncDateTime", "#String"),
        ("lastSyncDateTime", "#Edm.Date"),
        ("lastSyncDateTime", "#dateTimeOffset"),
        ("lastSyncDateTime", "#DateTimeOffset "),
        ("lastSyncDateTime", "##DateTimeOffset"),
        ("lastSyncDateTime", "#Edm."),
        ("lastSyncDateTime", "#microsoft.graph.DateTimeOffset"),
        ("lastSyncDateTime", "#Collection(DateTimeOffset)"),
        ("lastSyncDateTime", ""),
        ("lastSyncDateTime", "#"),
        ("detectionState", "#microsoft.graph.remediationState"),
        ("detectionState", "#runState"),
        ("detectionState", "#String"),
        ("detectionState", "#Collection(microsoft.graph.runState)"),
        ("assignmentFilterIds", "#String"),
        ("assignmentFilterIds", "#Collection(Int32)"),
        ("assignmentFilterIds", "#Collection()"),
        ("id", "#Guid"),
    ];
    for (name, value) in contradicting {
        let pointer = format!("/{name}@odata.type");
        for options in NOT_STRICT_CREATE {
            let text = member(&format!("{name}@odata.type"), json!(value));
            let report = assert_errors(&text, options, &[(&pointer, "odata_type")]);
            let error = the_error(&report, &pointer, "odata_type");
            assert_at(error, position_of(&text, &format!("{:?}", value)));
        }
    }
    let report = assert_errors(
        r##"{"lastSyncDateTime@odata.type": "#Int32", "lastSyncDateTime": "never"}"##,
        CREATE,
        &[
            ("/lastSyncDateTime@odata.type", "odata_type"),
            ("/lastSyncDateTime", "format"),
        ],
    );
    let error = the_error(&report, "/lastSyncDateTime@odata.type", "odata_type");
    assert_eq!(
        error.message(),
        "`lastSyncDateTime@odata.type` \"#Int32\" does not name Edm.DateTimeOffset, the type of \
         `lastSyncDateTime`: expected #DateTimeOffset or DateTimeOffset or #Edm.DateTimeOffset or \
         Edm.DateTimeOffset"
    );
    assert_eq!(error.found(), Some("\"#Int32\""));
    // A value that is not a string names no type.
    for bad in [json!(null), json!(5), json!(["#DateTimeOffset"]), json!({})] {
        assert_errors(
            member("lastSyncDateTime@odata.type", bad),
            CREATE,
            &[("/lastSyncDateTime@odata.type", "type")],
        );
    }
}

/// Annotations other than a declared property's `@odata.type` stay unchecked (OData JSON
/// Format §20: "Clients should never error due to an unexpected annotation"), and a repeated
/// annotation is judged by its last value, as a parsed value keeps it.
#[test]
fn other_annotations_stay_unchecked_and_the_last_type_annotation_decides() {
    for key in [
        "notAProperty@odata.type",
        "lastsyncdatetime@odata.type",
        "lastSyncDateTime@odata.types",
        "lastSyncDateTime@odata.type#q",
        "lastSyncDateTime@type",
        "lastSyncDateTime@com.contoso.type",
        "@odata.type@odata.type",
    ] {
        assert_valid(member(key, json!("#Int32")), CREATE);
    }
    assert_errors(
        r##"{"lastSyncDateTime@odata.type": "#Int32", "lastSyncDateTime@odata.type": "DateTimeOffset"}"##,
        CREATE,
        &[("/lastSyncDateTime@odata.type", "duplicate_property")],
    );
    assert_errors(
        r##"{"lastSyncDateTime@odata.type": "DateTimeOffset", "lastSyncDateTime@odata.type": 1}"##,
        CREATE,
        &[
            ("/lastSyncDateTime@odata.type", "duplicate_property"),
            ("/lastSyncDateTime@odata.type", "type"),
        ],
    );
}

/// The emitted JSON Schema states the rule: each property's `name@odata.type` is one of the
/// values that name its type.
#[test]
fn the_schema_lists_each_property_type_annotation() {
    let schema = msgraph_schema::emit::json_schema::standalone(
        &entry().model().index(),
        entry().structured(),
        &CREATE_STRICT,
    );
    /// The first value of member `key` in any object of `value`.
    fn find<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
        match value {
            Value::Object(object) => object
                .get(key)
                .or_else(|| object.values().find_map(|v| find(v, key))),
            Value::Array(items) => items.iter().find_map(|v| find(v, key)),
            _ => None,
        }
    }
    assert_eq!(
        find(&schema, "lastSyncDateTime@odata.type"),
        Some(&json!({"type": "string", "enum":
            ["#DateTimeOffset", "DateTimeOffset", "#Edm.DateTimeOffset", "Edm.DateTimeOffset"]}))
    );
    assert_eq!(
        find(&schema, "detectionState@odata.type"),
        Some(&json!({"type": "string", "enum": ["#microsoft.graph.runState", "#graph.runState"]}))
    );
    assert_eq!(
        find(&schema, "assignmentFilterIds@odata.type"),
        Some(&json!({"type": "string", "enum":
            ["#Collection(String)", "#Collection(Edm.String)"]}))
    );
}

/// An object whose `@odata.type` names another type is no value of its declared type: that one
/// error, its members not checked as the declared type's (Microsoft.OData.Core fails the
/// resource on it), in every mode; duplicate names in its text are still reported.
#[test]
fn odata_type_naming_another_type_is_the_objects_one_error() {
    let text = r##"{
  "@odata.type": "#microsoft.graph.user",
  "displayName": "Ada",
  "detectionState": 1,
  "id": null,
  "lastSyncDateTime@odata.type": "#Int32",
  "assignmentFilterIds": "none"
}"##;
    for options in ALL_OPTIONS {
        assert_errors(text, options, &[("/@odata.type", "odata_type")]);
    }
    let duplicated = text.replace(
        r#""displayName": "Ada","#,
        r#""displayName": "Ada", "displayName": 2,"#,
    );
    for options in ALL_OPTIONS {
        assert_errors(
            &duplicated,
            options,
            &[
                ("/@odata.type", "odata_type"),
                ("/displayName", "duplicate_property"),
            ],
        );
    }
    // Not a string: it names no type either.
    let not_a_string = text.replace(r##""#microsoft.graph.user""##, "[]");
    for options in ALL_OPTIONS {
        assert_errors(&not_a_string, options, &[("/@odata.type", "type")]);
    }
    // The last `@odata.type` decides: naming this type, the members are checked.
    let text = r##"{"@odata.type": "#microsoft.graph.user", "detectionState": 1,
        "@odata.type": "#graph.deviceHealthScriptDeviceState"}"##;
    assert_errors(
        text,
        CREATE,
        &[
            ("/@odata.type", "duplicate_property"),
            ("/detectionState", "type"),
        ],
    );
}

#[test]
fn odata_type_null_is_a_type_error() {
    assert_errors(
        r#"{"@odata.type": null}"#,
        CREATE,
        &[("/@odata.type", "type")],
    );
}

// ---------------------------------------------------------------------------------------------
// Strict mode
// ---------------------------------------------------------------------------------------------

#[test]
fn strict_create_requires_the_non_nullable_non_key_properties() {
    let text = "  {}";
    let report = assert_errors(
        text,
        CREATE_STRICT,
        &[
            ("/detectionState", "required"),
            ("/lastStateUpdateDateTime", "required"),
            ("/lastSyncDateTime", "required"),
            ("/remediationState", "required"),
        ],
    );
    for error in &report.errors {
        assert_at(error, (1, 3)); // the object that lacks them
        assert!(error.message().contains("required"), "{}", error.message());
    }
}

#[test]
fn strict_create_is_satisfied_by_the_four_required_properties_even_without_id() {
    let text = r#"{
  "detectionState": "fail",
  "lastStateUpdateDateTime": "2021-06-15T08:30Z",
  "lastSyncDateTime": "2021-06-15T08:31Z",
  "remediationState": "skipped"
}"#;
    assert_valid(text, CREATE_STRICT);
}

#[test]
fn strict_create_present_but_null_is_a_type_error_not_required() {
    let text = r#"{"detectionState": null, "lastStateUpdateDateTime": "2021-06-15T08:30Z",
                   "lastSyncDateTime": "2021-06-15T08:31Z", "remediationState": "skipped"}"#;
    assert_errors(text, CREATE_STRICT, &[("/detectionState", "type")]);
}

#[test]
fn strict_update_requires_nothing() {
    assert_valid("{}", UPDATE_STRICT);
    assert_valid(r#"{"detectionState": "pending"}"#, UPDATE_STRICT);
}

// ---------------------------------------------------------------------------------------------
// Duplicate member names
// ---------------------------------------------------------------------------------------------

#[test]
fn duplicate_property_is_reported_at_the_second_occurrence() {
    let text = r#"{"detectionState":"success","detectionState":"fail"}"#;
    for options in [CREATE, UPDATE, RESPONSE] {
        let report = assert_errors(text, options, &[("/detectionState", "duplicate_property")]);
        assert_at(
            the_error(&report, "/detectionState", "duplicate_property"),
            position_of_nth(text, "\"detectionState\"", 1),
        );
    }
}

#[test]
fn duplicate_property_on_several_lines() {
    let text = "{\n  \"id\": \"a\",\n  \"detectionState\": \"success\",\n  \"id\": \"b\"\n}";
    let report = assert_errors(text, CREATE, &[("/id", "duplicate_property")]);
    assert_at(the_error(&report, "/id", "duplicate_property"), (4, 3));
}

#[test]
fn duplicate_written_with_an_escape_is_still_a_duplicate() {
    let text = r#"{"id": "a", "\u0069d": "b"}"#;
    let report = assert_errors(text, CREATE, &[("/id", "duplicate_property")]);
    assert_at(
        the_error(&report, "/id", "duplicate_property"),
        position_of(text, r#""\u0069d""#),
    );
}

#[test]
fn duplicate_annotations_are_duplicates() {
    let text = r#"{"@odata.etag": "a", "@odata.etag": "b", "id@x.y": 1, "id@x.y": 2}"#;
    let report = assert_errors(
        text,
        CREATE,
        &[
            ("/@odata.etag", "duplicate_property"),
            ("/id@x.y", "duplicate_property"),
        ],
    );
    assert_at(
        the_error(&report, "/@odata.etag", "duplicate_property"),
        position_of_nth(text, "\"@odata.etag\"", 1),
    );
}

#[test]
fn duplicate_odata_type_is_a_duplicate() {
    let text = r##"{"@odata.type": "#microsoft.graph.deviceHealthScriptDeviceState", "@odata.type": "#graph.deviceHealthScriptDeviceState"}"##;
    assert_errors(text, CREATE, &[("/@odata.type", "duplicate_property")]);
}

#[test]
fn duplicates_nested_in_unknown_properties_and_annotation_values() {
    let text =
        r#"{"x": {"a": 1, "a": 2}, "@y": [{"b": 1, "b": 2}], "@z": {"c": {"d": 1, "d": 1}}}"#;
    let report = assert_errors(
        text,
        CREATE,
        &[
            ("/x", "unknown_property"),
            ("/x/a", "duplicate_property"),
            ("/@y/0/b", "duplicate_property"),
            ("/@z/c/d", "duplicate_property"),
        ],
    );
    assert_at(
        the_error(&report, "/x/a", "duplicate_property"),
        position_of_nth(text, "\"a\"", 1),
    );
    assert_at(
        the_error(&report, "/@y/0/b", "duplicate_property"),
        position_of_nth(text, "\"b\"", 1),
    );
    assert_at(
        the_error(&report, "/@z/c/d", "duplicate_property"),
        position_of_nth(text, "\"d\"", 1),
    );
}

#[test]
fn same_name_in_different_objects_is_not_a_duplicate() {
    let text = r#"{"x": {"a": 1}, "@y": {"a": 1, "x": 2}}"#;
    assert_errors(text, CREATE, &[("/x", "unknown_property")]);
}

#[test]
fn duplicate_with_a_bad_first_value_reports_the_duplicate() {
    // serde_json keeps the last value; the payload is rejected by the duplicate either way.
    let text = r#"{"detectionState": "bogus", "detectionState": "success"}"#;
    assert_errors(text, CREATE, &[("/detectionState", "duplicate_property")]);
}

#[test]
fn error_on_a_duplicated_member_points_at_the_value_that_was_checked() {
    let text = r#"{"detectionState": "success", "detectionState": "bogus"}"#;
    let report = assert_errors(
        text,
        CREATE,
        &[
            ("/detectionState", "duplicate_property"),
            ("/detectionState", "enum"),
        ],
    );
    let error = the_error(&report, "/detectionState", "enum");
    assert!(error.message().contains("bogus"));
    assert_at(error, position_of(text, "\"bogus\""));
    // Same for `@odata.type`: the type error is about `5`, not the valid first value.
    let text =
        r##"{"@odata.type": "#microsoft.graph.deviceHealthScriptDeviceState", "@odata.type": 5}"##;
    let report = assert_errors(
        text,
        CREATE,
        &[
            ("/@odata.type", "duplicate_property"),
            ("/@odata.type", "type"),
        ],
    );
    assert_at(
        the_error(&report, "/@odata.type", "type"),
        position_of(text, "5}"),
    );
}

#[test]
fn each_repeat_of_a_member_is_located_at_its_own_occurrence() {
    let text = r#"{"detectionState":"success","detectionState":"fail","detectionState":"pending"}"#;
    let report = check(text, CREATE);
    assert_eq!(
        found(&report),
        set(&[("/detectionState", "duplicate_property")])
    );
    let positions: BTreeSet<(usize, usize)> =
        report.errors.iter().map(|e| (e.line, e.column)).collect();
    let expected: BTreeSet<(usize, usize)> = [
        position_of_nth(text, "\"detectionState\"", 1),
        position_of_nth(text, "\"detectionState\"", 2),
    ]
    .into();
    assert_eq!(report.errors.len(), 2, "{report}");
    assert_eq!(positions, expected, "{report}");
}

// ---------------------------------------------------------------------------------------------
// Robustness: hostile input returns its exact report without panicking
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_is_a_located_syntax_error() {
    let cases: &[(&[u8], (usize, usize))] = &[
        (b"{\"id\": \"\xff\"}", (1, 9)),
        (b"\xff", (1, 1)),
        (b"{\"id\": \"\xc0\xaf\"}", (1, 9)), // overlong encoding
        (b"{\"id\": \"\xed\xa0\x80\"}", (1, 9)), // UTF-8 encoded surrogate
        (b"{\"id\": \"\xc3", (1, 9)),        // truncated sequence at the end
        (b"{\n  \"x\xfe\": 1}", (2, 5)),     // in a member name
    ];
    for (bytes, position) in cases {
        let report = check(bytes, CREATE);
        assert_eq!(found(&report), set(&[("", "syntax")]), "{bytes:?}");
        assert_at(&report.errors[0], *position);
        assert!(
            report.errors[0].message().contains("UTF-8"),
            "{}",
            report.errors[0].message()
        );
    }
    // Columns count characters: three non-ASCII characters (2, 3 and 4 bytes) before the bad byte.
    let mut bytes = "{\n  \"id\": \"é✓😀".as_bytes().to_vec();
    bytes.extend(b"\x80\"}");
    let report = check(&bytes, CREATE);
    assert_eq!(found(&report), set(&[("", "syntax")]));
    assert_at(&report.errors[0], (2, 13));
}

#[test]
fn truncated_json_is_a_syntax_error() {
    for text in [
        "{",
        "{\"id\"",
        "{\"id\":",
        "{\"id\": \"a",
        "{\"id\": \"a\"",
        "{\"id\": \"a\",",
        "[",
        "\"",
        "nul",
        "tru",
    ] {
        let report = check(text, CREATE);
        assert_eq!(found(&report), set(&[("", "syntax")]), "{text:?}");
        assert!(report.errors[0].line >= 1, "{text:?}: {report}");
    }
}

#[test]
fn trailing_garbage_is_a_syntax_error() {
    for (text, position) in [
        ("{} x", (1, 4)),
        ("{}{}", (1, 3)),
        ("{}\n\n,", (3, 1)),
        ("{} // comment", (1, 4)),
    ] {
        let report = check(text, CREATE);
        assert_eq!(found(&report), set(&[("", "syntax")]), "{text:?}");
        assert_at(&report.errors[0], position);
    }
}

#[test]
fn not_quite_json_is_a_syntax_error() {
    for text in [
        "{'id': 'a'}",
        "{id: \"a\"}",
        "{\"id\": \"a\",}",
        "{\"assignmentFilterIds\": [\"a\",]}",
        "{\"id\": \"a\\x41\"}",
        "{\"id\": \"tab\tinside\"}",
        "{\"id\": \"nul\u{0}inside\"}",
        "{\"id\": NaN}",
        "{\"id\": Infinity}",
        "{\"id\": 01}",
        "{\"id\": .5}",
        "{\"id\": \"\\ud800\"}",
    ] {
        let report = check(text, CREATE);
        assert_eq!(found(&report), set(&[("", "syntax")]), "{text:?}");
        assert!(
            report.errors[0].line >= 1 && report.errors[0].column >= 1,
            "{text:?}: {report}"
        );
    }
}

#[test]
fn empty_and_blank_input_is_a_syntax_error() {
    for text in ["", " ", "\n\n", "\t\r\n"] {
        let report = check(text, CREATE);
        assert_eq!(found(&report), set(&[("", "syntax")]), "{text:?}");
    }
}

#[test]
fn empty_input_is_located_at_line_1_column_1() {
    let report = check("", CREATE);
    assert_eq!(found(&report), set(&[("", "syntax")]));
    assert_at(&report.errors[0], (1, 1));
}

#[test]
fn byte_order_mark_is_a_syntax_error_at_the_start() {
    // RFC 8259 §8.1: a BOM MUST NOT be sent; a parser MAY ignore it. This one reports it.
    let report = check("\u{feff}{\"detectionState\": \"success\"}", CREATE);
    assert_eq!(found(&report), set(&[("", "syntax")]));
    assert_at(&report.errors[0], (1, 1));
}

#[test]
fn deep_nesting_as_the_whole_payload_is_a_syntax_error_not_a_stack_overflow() {
    for text in [
        "[".repeat(100_000),
        "{\"a\":".repeat(100_000),
        "[".repeat(100_000) + &"]".repeat(100_000),
    ] {
        let report = check(&text, CREATE);
        assert_eq!(found(&report), set(&[("", "syntax")]));
        assert!(
            report.errors[0].message().contains("recursion"),
            "{}",
            report.errors[0].message()
        );
    }
}

#[test]
fn deep_nesting_in_an_unknown_property_or_annotation_is_a_syntax_error() {
    for name in ["x", "@x", "detectionState", "assignmentFilterIds"] {
        let text = format!(
            "{{\"{name}\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let report = check(&text, CREATE);
        assert_eq!(found(&report), set(&[("", "syntax")]), "{name}");
        assert!(
            report.errors[0].message().contains("recursion"),
            "{}",
            report.errors[0].message()
        );
    }
}

#[test]
fn nesting_under_the_limit_is_validated_normally() {
    let depth = 100;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert_errors(
        format!("{{\"x\": {nested}}}"),
        CREATE,
        &[("/x", "unknown_property")],
    );
    assert_valid(format!("{{\"@x\": {nested}}}"), CREATE);
    assert_errors(
        format!("{{\"assignmentFilterIds\": [{nested}]}}"),
        CREATE,
        &[("/assignmentFilterIds/0", "type")],
    );
    // validate() agrees with check() about it.
    msgraph_schema::validate::<DeviceHealthScriptDeviceState>(&format!("{{\"@x\": {nested}}}"))
        .expect("valid");
}

#[test]
fn four_mib_string_in_a_string_property_is_valid() {
    let big = "é".repeat(2 << 20); // 4 MiB of UTF-8
    let report = check(
        member("preRemediationDetectionScriptOutput", json!(big)),
        CREATE,
    );
    assert_eq!(found(&report), set(&[]));
    let report = check(member("id", json!(big)), CREATE_STRICT);
    assert_eq!(
        report.errors.len(),
        4,
        "only the four required errors:\n{report}"
    );
}

#[test]
fn four_mib_string_in_an_enum_property_gives_a_short_message() {
    let big = "s".repeat(4 << 20);
    let report = check(member("detectionState", json!(big)), CREATE);
    assert_eq!(found(&report), set(&[("/detectionState", "enum")]));
    let error = the_error(&report, "/detectionState", "enum");
    assert!(
        error.message().len() < 300,
        "message is {} bytes",
        error.message().len()
    );
    assert!(error.found().as_ref().is_some_and(|f| f.len() < 300));
    assert!(error.expected().as_ref().is_some_and(|e| e.len() < 300));
    assert_at(error, (1, 19));
}

#[test]
fn four_mib_string_in_a_date_time_offset_property_gives_a_short_message() {
    for big in [
        "2017".repeat(1 << 20),
        format!("2017-01-01T00:00:00.{}Z", "1".repeat(4 << 20)),
    ] {
        let report = check(member("lastSyncDateTime", json!(big)), CREATE);
        assert_eq!(found(&report), set(&[("/lastSyncDateTime", "format")]));
        let error = the_error(&report, "/lastSyncDateTime", "format");
        assert!(
            error.message().len() < 300,
            "message is {} bytes",
            error.message().len()
        );
    }
}

#[test]
fn four_mib_odata_type_gives_a_short_message() {
    let big = "#".repeat(4 << 20);
    let report = check(member("@odata.type", json!(big)), CREATE);
    assert_eq!(found(&report), set(&[("/@odata.type", "odata_type")]));
    assert!(
        the_error(&report, "/@odata.type", "odata_type")
            .message()
            .len()
            < 400
    );
}

#[test]
fn one_mib_property_name_is_an_unknown_property_with_a_short_message() {
    let name = "n".repeat(1 << 20);
    let report = check(format!("{{\n \"{name}\": 1}}"), CREATE);
    let pointer = format!("/{name}");
    assert_eq!(found(&report), set(&[(&pointer, "unknown_property")]));
    let error = the_error(&report, &pointer, "unknown_property");
    assert!(
        error.message().len() < 300,
        "message is {} bytes",
        error.message().len()
    );
    assert!(error.found().as_ref().is_some_and(|f| f.len() < 300));
    assert_at(error, (2, 2));
}

#[test]
fn one_mib_duplicated_name_gives_a_short_message() {
    let name = "@".repeat(1 << 20);
    let report = check(format!("{{\"{name}\": 1, \"{name}\": 2}}"), CREATE);
    let pointer = format!("/{name}");
    assert_eq!(found(&report), set(&[(&pointer, "duplicate_property")]));
    assert!(
        the_error(&report, &pointer, "duplicate_property")
            .message()
            .len()
            < 300
    );
}

/// `{"p0": 0, "p1": 1, ...}`, one member a line.
fn many_unknown_properties(count: usize) -> String {
    let members: Vec<String> = (0..count).map(|i| format!("  \"p{i}\": {i}")).collect();
    format!("{{\n{}\n}}", members.join(",\n"))
}

#[track_caller]
fn assert_many_unknown_properties(count: usize, report: &Report) {
    let expected: Found = (0..count)
        .map(|i| (format!("/p{i}"), "unknown_property"))
        .collect();
    assert_eq!(found(report), expected);
    assert_eq!(report.errors.len(), count);
    for error in &report.errors {
        let i: usize = error.pointer()[2..].parse().unwrap();
        assert_at(error, (i + 2, 3));
    }
}

/// Asserts that `report`, of `make(n)`, has eight times the errors of the report of
/// `make(n / 8)` and at most nine times its text (the report as shown, one line an error): a
/// report that grows faster than the payload (a message quoting the earlier errors, say) fails
/// this whatever the machine's load, as no time limit could promise.
#[track_caller]
fn assert_report_grows_linearly(make: impl Fn(usize) -> String, n: usize, report: &Report) {
    let smaller = check(make(n / 8), CREATE);
    assert_eq!(report.errors.len(), 8 * smaller.errors.len());
    let (text, smaller_text) = (report.to_string().len(), smaller.to_string().len());
    assert!(
        text <= 9 * smaller_text,
        "{n} → {text} bytes of report, {} → {smaller_text}",
        n / 8
    );
}

/// `{"zzz": 1,"zzz": 1, ...}`, `count` times on one line.
fn repeated_member(count: usize) -> String {
    let members: Vec<&str> = std::iter::repeat_n("\"zzz\": 1", count).collect();
    format!("{{{}}}", members.join(","))
}

/// `{"assignmentFilterIds": [0,1,...]}`: `count` numbers where strings are expected.
fn bad_collection_items(count: usize) -> String {
    let items: Vec<String> = (0..count).map(|i| i.to_string()).collect();
    format!("{{\"assignmentFilterIds\": [{}]}}", items.join(","))
}

#[test]
fn ten_thousand_repeats_of_one_member_are_reported() {
    let report = check(repeated_member(10_000), CREATE);
    assert_eq!(
        found(&report),
        set(&[("/zzz", "unknown_property"), ("/zzz", "duplicate_property")])
    );
    assert_eq!(
        report.errors.len(),
        10_000,
        "one unknown_property and 9_999 duplicate_property"
    );
    assert!(report.errors.iter().all(|e| e.line == 1 && e.column > 1));
    assert_report_grows_linearly(repeated_member, 10_000, &report);
}

#[test]
fn a_thousand_unknown_properties_are_all_reported_and_located() {
    let count = 1_000;
    let report = check(many_unknown_properties(count), CREATE);
    assert_many_unknown_properties(count, &report);
}

#[test]
fn ten_thousand_unknown_properties_are_all_reported_and_located() {
    let count = 10_000;
    let report = check(many_unknown_properties(count), CREATE);
    assert_many_unknown_properties(count, &report);
    assert_report_grows_linearly(many_unknown_properties, count, &report);
}

#[test]
fn ten_thousand_bad_collection_items_are_reported() {
    let report = check(bad_collection_items(10_000), CREATE);
    assert_eq!(report.errors.len(), 10_000);
    assert!(
        report
            .errors
            .iter()
            .all(|e| e.kind.as_str() == "type" && e.line == 1 && e.column > 1)
    );
    assert!(report.disagreements.is_empty());
    assert_report_grows_linearly(bad_collection_items, 10_000, &report);
}

#[test]
fn huge_and_tiny_numbers_do_not_panic() {
    for number in [
        "1e400",
        "-1e400",
        "1E+400",
        "1e-400",
        "-0",
        "123456789012345678901234567890",
        "1.7976931348623157e308",
    ] {
        for name in ["id", "x", "@x", "detectionState"] {
            let report = check(member_raw(name, number), CREATE);
            assert!(
                !report.errors.is_empty() || name == "@x",
                "{name}: {number}"
            );
            assert!(
                report.errors.len() == 1 || report.errors.is_empty(),
                "{report}"
            );
        }
    }
    // In range: the ordinary errors.
    assert_errors(member_raw("id", "1e-400"), CREATE, &[("/id", "type")]);
    assert_errors(
        member_raw("x", "123456789012345678901234567890"),
        CREATE,
        &[("/x", "unknown_property")],
    );
    assert_errors(
        member_raw("detectionState", "-0"),
        CREATE,
        &[("/detectionState", "type")],
    );
}

/// `{"<name>": <raw JSON text>}`.
fn member_raw(name: &str, raw: &str) -> String {
    format!("{{\"{name}\": {raw}}}")
}

/// LIMIT: numbers outside the f64 range are not read (RFC 8259 §9 lets a parser limit the range),
/// so 1e400 is a `syntax` error at the root; lifting it needs a number-preserving parse (the
/// single-pass reader of issue 5). Pinned as it stands: once the limit is lifted this fails, and
/// the numbers get the ordinary errors instead: `{"id": 1e400}` a `type` error at `/id`,
/// `{"x": -1e400}` an `unknown_property` at `/x`, and `{"@x": 1E+400}` none.
#[test]
fn limit_out_of_range_numbers_are_a_syntax_error_at_the_root() {
    for (name, number) in [("id", "1e400"), ("x", "-1e400"), ("@x", "1E+400")] {
        let report = assert_errors(member_raw(name, number), CREATE, &[("", "syntax")]);
        assert!(
            report.errors[0].message().contains("out of range"),
            "{report}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Line and column
// ---------------------------------------------------------------------------------------------

#[test]
fn errors_in_a_pretty_printed_payload_point_at_the_value() {
    let text = r##"{
    "@odata.type": "#microsoft.graph.deviceHealthScriptDeviceState",
    "detectionState": "Success",
    "assignmentFilterIds": [
        "ok",
        42
    ],
    "lastSyncDateTime":
        "2021-02-30T00:00Z",
    "remediationState" : null
}"##;
    let report = assert_errors(
        text,
        CREATE,
        &[
            ("/detectionState", "enum"),
            ("/assignmentFilterIds/1", "type"),
            ("/lastSyncDateTime", "format"),
            ("/remediationState", "type"),
        ],
    );
    assert_at(the_error(&report, "/detectionState", "enum"), (3, 23));
    assert_at(the_error(&report, "/assignmentFilterIds/1", "type"), (6, 9));
    assert_at(the_error(&report, "/lastSyncDateTime", "format"), (9, 9));
    assert_at(the_error(&report, "/remediationState", "type"), (10, 26));
}

#[test]
fn columns_count_characters_not_bytes() {
    // 2-, 3- and 4-byte characters before the bad value on the same line.
    let text = "{\n  \"preRemediationDetectionScriptOutput\": \"résumé ✓ 😀\", \"detectionState\": \"Success\", \"ü\": 1\n}";
    let report = assert_errors(
        text,
        CREATE,
        &[("/detectionState", "enum"), ("/ü", "unknown_property")],
    );
    assert_at(
        the_error(&report, "/detectionState", "enum"),
        position_of(text, "\"Success\""),
    );
    assert_at(the_error(&report, "/detectionState", "enum"), (2, 74));
    assert_at(
        the_error(&report, "/ü", "unknown_property"),
        position_of(text, "\"ü\""),
    );
}

#[test]
fn crlf_and_tabs_count_like_any_whitespace() {
    let text = "{\r\n\t\"detectionState\":\t\"x\",\r\n\t\"y\": 1\r\n}";
    let report = assert_errors(
        text,
        CREATE,
        &[("/detectionState", "enum"), ("/y", "unknown_property")],
    );
    assert_at(the_error(&report, "/detectionState", "enum"), (2, 20));
    assert_at(the_error(&report, "/y", "unknown_property"), (3, 2));
}

#[test]
fn values_containing_brackets_and_quotes_do_not_confuse_the_locator() {
    let text = r#"{"x": "}]\",{\"detectionState\": 1", "@y": {"detectionState": [1, {"a": "]"}]}, "detectionState": "bogus"}"#;
    let report = assert_errors(
        text,
        CREATE,
        &[("/x", "unknown_property"), ("/detectionState", "enum")],
    );
    assert_at(
        the_error(&report, "/detectionState", "enum"),
        position_of(text, "\"bogus\""),
    );
}

#[test]
fn syntax_error_columns_count_characters() {
    let text = "{\"id\": \"ééé\", }";
    let report = check(text, CREATE);
    assert_eq!(found(&report), set(&[("", "syntax")]));
    assert_at(&report.errors[0], position_of(text, "}"));
    let text = "{\n  \"id\": \"😀😀\" \"x\"\n}";
    let report = check(text, CREATE);
    assert_eq!(found(&report), set(&[("", "syntax")]));
    assert_at(&report.errors[0], position_of(text, "\"x\""));
}

// ---------------------------------------------------------------------------------------------
// Round trip through the Rust type
// ---------------------------------------------------------------------------------------------

#[test]
fn round_trip_keeps_every_value() {
    let state = msgraph_schema::validate::<DeviceHealthScriptDeviceState>(FULL).expect("valid");
    let back = serde_json::to_value(&state).unwrap();
    let original: Value = serde_json::from_str(FULL).unwrap();
    assert_eq!(back, original);

    assert_eq!(
        state.odata_type.as_deref(),
        Some("#microsoft.graph.deviceHealthScriptDeviceState")
    );
    assert_eq!(state.detection_state, Some(RunState::Success));
    assert_eq!(
        state.remediation_state,
        Some(RemediationState::RemediationFailed)
    );
    assert_eq!(
        state.assignment_filter_ids,
        Some(vec![
            Some("filter-1".to_owned()),
            None,
            Some("ünïcødé ✓".to_owned())
        ])
    );
    // The DateTimeOffset text is kept byte for byte.
    assert_eq!(
        state.last_state_update_date_time.as_ref().unwrap().as_str(),
        "2017-01-01T00:00:11.0338933+03:00"
    );
    assert_eq!(
        back["lastSyncDateTime"],
        "2017-01-01T00:00:28.8363536+03:00"
    );
    // Explicit null stays null; empty string stays empty.
    assert_eq!(state.expected_state_update_date_time, Nullable::Null);
    assert_eq!(state.pre_remediation_detection_script_error, Nullable::Null);
    assert_eq!(back["expectedStateUpdateDateTime"], Value::Null);
    assert_eq!(
        state.remediation_script_error,
        Nullable::Value(String::new())
    );
}

#[test]
fn round_trip_keeps_absent_absent_and_null_null() {
    let text = r#"{"detectionState": "pending", "remediationScriptError": null}"#;
    let state = msgraph_schema::validate::<DeviceHealthScriptDeviceState>(text).expect("valid");
    assert!(state.expected_state_update_date_time.is_absent());
    assert_eq!(state.remediation_script_error, Nullable::Null);
    let back = serde_json::to_value(&state).unwrap();
    assert_eq!(
        back,
        json!({"detectionState": "pending", "remediationScriptError": null})
    );
    let keys: Vec<&String> = back.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 2, "absent members stay absent: {back}");
}

#[test]
fn round_trip_keeps_unusual_but_valid_date_time_text() {
    for text in [
        "2017-01-01T00:00:11.0338933+03:00",
        "2021-06-15T08:30Z",
        "2017-01-01t00:00:00z",
        "1998-12-31T23:59:60Z",
        "2017-01-01T00:00:00.123456789012-23:59",
        "2017-01-01T00:00:00+00:00",
        "-0001-01-01T00:00Z",
    ] {
        let payload =
            json!({"lastSyncDateTime": text, "expectedStateUpdateDateTime": text}).to_string();
        let state =
            msgraph_schema::validate::<DeviceHealthScriptDeviceState>(&payload).expect(text);
        let back = serde_json::to_value(&state).unwrap();
        assert_eq!(back["lastSyncDateTime"], text);
        assert_eq!(back["expectedStateUpdateDateTime"], text);
    }
}

#[test]
fn validate_returns_every_error_of_an_invalid_payload() {
    let text = r#"{"detectionState": "Success", "id": null, "zzz": 1}"#;
    let report = msgraph_schema::validate::<DeviceHealthScriptDeviceState>(text).unwrap_err();
    assert_eq!(
        found(&report),
        set(&[
            ("/detectionState", "enum"),
            ("/id", "type"),
            ("/zzz", "unknown_property")
        ])
    );
}

#[test]
fn validate_with_respects_the_options() {
    let text = br#"{"remediationState": "unknownFutureValue"}"#;
    let state = msgraph_schema::validate_with::<DeviceHealthScriptDeviceState>(text, &UPDATE)
        .expect("valid in update");
    assert_eq!(
        state.remediation_state,
        Some(RemediationState::UnknownFutureValue)
    );
    assert_eq!(
        serde_json::to_value(&state).unwrap(),
        json!({"remediationState": "unknownFutureValue"})
    );
    let report =
        msgraph_schema::validate_with::<DeviceHealthScriptDeviceState>(text, &CREATE).unwrap_err();
    assert_eq!(found(&report), set(&[("/remediationState", "enum")]));
    let report = msgraph_schema::validate_with::<DeviceHealthScriptDeviceState>(b"\xff", &CREATE)
        .unwrap_err();
    assert_eq!(found(&report), set(&[("", "syntax")]));
}
