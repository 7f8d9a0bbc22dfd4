//! Snapshots of what the build step emits for the project's own page.

use msgraph_schema_core::emit::json_schema::type_schema;
use msgraph_schema_core::emit::rust::rust_source;
use msgraph_schema_core::model::Model;
use msgraph_schema_core::page::parse_page;
use msgraph_schema_core::rules::{Operation, Options};

fn model() -> Model {
    let page = include_str!("../pages/devicehealthscriptdevicestate.md");
    parse_page("pages/devicehealthscriptdevicestate.md", page).expect("the page parses")
}

#[test]
fn json_schema_create() {
    let model = model();
    insta::assert_json_snapshot!(type_schema(&model, &model.structs[0], &Options::default()));
}

#[test]
fn json_schema_create_strict() {
    let model = model();
    let options = Options {
        strict: true,
        operation: Operation::Create,
    };
    insta::assert_json_snapshot!(type_schema(&model, &model.structs[0], &options));
}

#[test]
fn json_schema_response_keeps_the_sentinel() {
    let model = model();
    let options = Options {
        operation: Operation::Response,
        ..Options::default()
    };
    let schema = type_schema(&model, &model.structs[0], &options);
    let members = &schema["$defs"]["microsoft.graph.remediationState"]["enum"];
    assert_eq!(
        members.as_array().unwrap().last().unwrap(),
        "unknownFutureValue"
    );
    let create = type_schema(&model, &model.structs[0], &Options::default());
    let members = &create["$defs"]["microsoft.graph.remediationState"]["enum"];
    assert!(
        !members
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "unknownFutureValue")
    );
}

#[test]
fn rust_types() {
    insta::assert_snapshot!(rust_source(&model()));
}
