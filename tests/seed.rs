//! The seed, end to end: the doc's example request and response, and a corrected request. The
//! real seed page is read from the corpus (`MSGRAPH_DOCS_DIR`): those tests are ignored unless
//! asked for (`--ignored`, as `.ci/run` does).

mod support;

use msgraph_schema::types::{self, DeviceHealthScriptDeviceState, RemediationState, RunState};
use msgraph_schema::{Operation, Options, Report};
use support::found::{Found, found, set};

fn check(text: &str, options: &Options) -> Report {
    let entry =
        types::find("microsoft.graph.deviceHealthScriptDeviceState").expect("built-in type");
    msgraph_schema::testing::properties::agreeing_report(text.as_bytes(), entry, options)
}

fn placeholders() -> Found {
    set(&[("/detectionState", "enum"), ("/remediationState", "enum")])
}

#[test]
fn example_request_has_exactly_the_two_placeholder_errors() {
    let report = check(
        include_str!("../examples/create-request.json"),
        &Options::default(),
    );
    assert_eq!(found(&report), placeholders());
    let detection = &report.errors[0];
    assert_eq!((detection.line, detection.column), (3, 21));
    assert!(
        detection
            .message()
            .contains("unknown, success, fail, scriptError, pending, notApplicable")
    );
    // In a create body the sentinel is not an allowed value, so the message does not offer it.
    assert!(!report.errors[1].message().contains("unknownFutureValue"));
}

#[test]
fn corrected_request_is_valid_and_typed() {
    let text = include_str!("../examples/create-request-valid.json");
    let state = msgraph_schema::validate::<DeviceHealthScriptDeviceState>(text).expect("valid");
    assert_eq!(state.detection_state, Some(RunState::Success));
    assert_eq!(
        state.remediation_state,
        Some(RemediationState::RemediationFailed)
    );
    let strict = Options {
        strict: true,
        ..Options::default()
    };
    assert!(
        check(text, &strict).is_valid(),
        "strict mode accepts it too"
    );
}

#[test]
fn round_trip_keeps_every_value_and_datetime_text() {
    let text = include_str!("../examples/create-request-valid.json");
    let state = msgraph_schema::validate::<DeviceHealthScriptDeviceState>(text).expect("valid");
    let back = serde_json::to_value(&state).unwrap();
    let original: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(back, original);
    let last = state.last_state_update_date_time.as_ref().unwrap();
    assert_eq!(last.as_str(), "2024-03-05T09:14:27.4512398+03:00");
}

/// The real seed page, from the corpus named by `MSGRAPH_DOCS_DIR` (its examples are read, not
/// copied into this project).
fn seed_page() -> String {
    let path = support::corpus::dir("MSGRAPH_DOCS_DIR")
        .join("drafts-2020/api-reference/testoutput/experimental/api/intune-devices-devicehealthscript-post-devicerunstates.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The JSON bodies of the page's `http` example blocks: request first, then response.
fn example_bodies(page: &str) -> Vec<String> {
    page.split("```")
        .skip(1)
        .step_by(2)
        .filter_map(|block| Some(block[block.find("\n{")? + 1..=block.rfind('}')?].to_owned()))
        .collect()
}

#[test]
#[ignore = "needs MSGRAPH_DOCS_DIR"]
fn seed_page_request_and_response() {
    let page = seed_page();
    let bodies = example_bodies(&page);
    assert_eq!(
        bodies.len(),
        2,
        "the seed has one request and one response example"
    );
    let request = check(&bodies[0], &Options::default());
    assert_eq!(found(&request), placeholders());
    // The response carries `id` and the same placeholders: nothing about `id`.
    assert!(bodies[1].contains("\"id\""));
    let response = Options {
        operation: Operation::Response,
        ..Options::default()
    };
    assert_eq!(found(&check(&bodies[1], &response)), placeholders());
    assert_eq!(
        found(&check(&bodies[1], &Options::default())),
        placeholders()
    );
}

#[test]
#[ignore = "needs MSGRAPH_DOCS_DIR"]
fn seed_page_request_corrected_is_valid() {
    let page = seed_page();
    let corrected = example_bodies(&page)[0]
        .replacen(
            "\"detectionState\": \"String\"",
            "\"detectionState\": \"fail\"",
            1,
        )
        .replacen(
            "\"remediationState\": \"String\"",
            "\"remediationState\": \"skipped\"",
            1,
        );
    let report = check(&corrected, &Options::default());
    assert!(report.is_valid(), "{report}");
    let typed = msgraph_schema::validate::<DeviceHealthScriptDeviceState>(&corrected).unwrap();
    let text = serde_json::to_string(&typed).unwrap();
    assert!(
        text.contains("\"2017-01-01T00:00:11.0338933+03:00\""),
        "7-digit fraction and offset kept: {text}"
    );
}

#[test]
fn derive_metadata_is_the_page_model() {
    let page = include_str!("../schema/pages/devicehealthscriptdevicestate.md");
    let from_page =
        msgraph_schema_core::tree::parse_page("page.md", page).expect("the page parses");
    let entry = types::find("deviceHealthScriptDeviceState").unwrap();
    let from_derive = entry.model();
    let page_type = &from_page.structs[0];
    let derived = entry.structured();
    assert_eq!(derived.name, page_type.name);
    assert_eq!(derived.base, page_type.base);
    // Each page property carries its own row; the derive's properties carry its Rust source.
    let lines: Vec<u32> = page_type.properties.iter().map(|p| p.source.line).collect();
    assert_eq!(lines, (20..=31).collect::<Vec<u32>>(), "one table row each");
    assert!(
        derived
            .properties
            .iter()
            .all(|p| p.source.file.ends_with(".rs") && p.source.line > 0)
    );
    // Apart from where they were declared, the properties are the same.
    let located_nowhere = |properties: &[msgraph_schema::model::Property]| {
        properties
            .iter()
            .map(|p| msgraph_schema::model::Property {
                source: Default::default(),
                ..p.clone()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        located_nowhere(&derived.properties),
        located_nowhere(&page_type.properties)
    );
    assert_eq!(from_derive.enums.len(), from_page.enums.len());
    for page_enum in &from_page.enums {
        let derived_enum = from_derive
            .find_enum(&page_enum.name)
            .expect("enum reached from the type");
        // Apart from their lines (page rows, Rust lines), the members are the same.
        let unlined = |members: &[msgraph_schema::model::EnumMember]| {
            members
                .iter()
                .map(|m| msgraph_schema::model::EnumMember {
                    line: 0,
                    ..m.clone()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(unlined(&derived_enum.members), unlined(&page_enum.members));
        assert!(
            page_enum
                .members
                .windows(2)
                .all(|w| w[1].line == w[0].line + 1)
        );
    }
}
