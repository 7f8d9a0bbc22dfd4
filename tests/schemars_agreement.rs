//! schemars' schema of the generated Rust types against the schema the build step emits: the
//! same verdict on every test payload, except the rules schemars cannot say, named below.

use msgraph_schema::emit::json_schema::type_schema;
use msgraph_schema::types::{self, DeviceHealthScriptDeviceState};
use msgraph_schema::{Operation, Options};
use serde_json::{Value, json};

/// Rules that the schemars schema of a Rust type cannot state.
#[derive(Clone, Copy, Debug, PartialEq)]
enum SchemarsCannotSay {
    /// Which `@odata.type` values name the type: the field is a plain `Option<String>`.
    OdataTypeValue,
    /// The operation: a Rust enum has one member list, so `unknownFutureValue` is always in it,
    /// while a create body must not use it.
    UnknownFutureValueInCreate,
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .build(schema)
        .expect("a valid schema")
}

fn base() -> Value {
    json!({
        "detectionState": "success",
        "remediationState": "skipped",
        "lastSyncDateTime": "2024-03-05T09:15:02.0084417+03:00",
        "assignmentFilterIds": ["a", null],
    })
}

fn with(key: &str, value: Value) -> Value {
    let mut payload = base();
    payload[key] = value;
    payload
}

fn cases() -> Vec<(&'static str, Value, Option<SchemarsCannotSay>)> {
    vec![
        ("base", base(), None),
        ("empty", json!({}), None),
        (
            "annotation",
            with(
                "@odata.context",
                json!("https://graph.microsoft.com/beta/$metadata"),
            ),
            None,
        ),
        (
            "odata type",
            with(
                "@odata.type",
                json!("#microsoft.graph.deviceHealthScriptDeviceState"),
            ),
            None,
        ),
        ("odata type number", with("@odata.type", json!(3)), None),
        (
            "other odata type",
            with("@odata.type", json!("#microsoft.graph.user")),
            Some(SchemarsCannotSay::OdataTypeValue),
        ),
        (
            "placeholder enum",
            with("detectionState", json!("String")),
            None,
        ),
        ("enum case", with("detectionState", json!("Success")), None),
        ("enum number", with("detectionState", json!(1)), None),
        ("enum null", with("detectionState", Value::Null), None),
        (
            "sentinel",
            with("remediationState", json!("unknownFutureValue")),
            Some(SchemarsCannotSay::UnknownFutureValueInCreate),
        ),
        (
            "datetime 12 digits",
            with(
                "lastSyncDateTime",
                json!("2024-03-05T09:15:02.123456789012Z"),
            ),
            None,
        ),
        (
            "datetime 13 digits",
            with(
                "lastSyncDateTime",
                json!("2024-03-05T09:15:02.1234567890123Z"),
            ),
            None,
        ),
        (
            "datetime no seconds",
            with("lastSyncDateTime", json!("2024-03-05T09:15Z")),
            None,
        ),
        (
            "datetime Feb 30",
            with("lastSyncDateTime", json!("2024-02-30T09:15Z")),
            None,
        ),
        ("datetime null", with("lastSyncDateTime", Value::Null), None),
        (
            "nullable datetime null",
            with("expectedStateUpdateDateTime", Value::Null),
            None,
        ),
        (
            "nullable string null",
            with("remediationScriptError", Value::Null),
            None,
        ),
        (
            "string number",
            with("remediationScriptError", json!(7)),
            None,
        ),
        (
            "collection null",
            with("assignmentFilterIds", Value::Null),
            None,
        ),
        (
            "collection item number",
            with("assignmentFilterIds", json!([1])),
            None,
        ),
        (
            "collection not array",
            with("assignmentFilterIds", json!("a")),
            None,
        ),
        (
            "unknown property",
            with("detectionstate", json!("success")),
            None,
        ),
        ("not an object", json!([]), None),
    ]
}

#[test]
fn schemars_and_emitted_schema_agree_except_where_named() {
    let entry = types::find("deviceHealthScriptDeviceState").unwrap();
    let model = entry.model();
    let index = model.index();
    let emitted = validator(&type_schema(
        &index,
        entry.structured(),
        &Options::default(),
    ));
    let response = Options {
        operation: Operation::Response,
        ..Options::default()
    };
    let emitted_response = validator(&type_schema(&index, entry.structured(), &response));
    let from_rust = validator(&schemars::schema_for!(DeviceHealthScriptDeviceState).to_value());
    for (name, payload, exception) in cases() {
        let ours = emitted.is_valid(&payload);
        let theirs = from_rust.is_valid(&payload);
        match exception {
            None => assert_eq!(
                ours, theirs,
                "{name}: emitted {ours}, schemars {theirs} on {payload}"
            ),
            Some(SchemarsCannotSay::OdataTypeValue) => assert!(!ours && theirs, "{name}"),
            Some(SchemarsCannotSay::UnknownFutureValueInCreate) => {
                assert!(!ours && theirs, "{name}");
                // Where the operation allows the sentinel, the two agree again.
                assert!(emitted_response.is_valid(&payload), "{name}");
            }
        }
    }
}
