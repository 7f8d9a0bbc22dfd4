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

/// A page with a property of every Edm primitive: each property's schema is the primitive's
/// `edm_patterns` fragment, and each gets its Rust type.
#[test]
fn every_primitive_is_emitted_from_its_fragment() {
    use msgraph_schema_core::edm_patterns::fragment;
    use msgraph_schema_core::model::Primitive;
    let mut page = String::from(
        "# thing resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n",
    );
    for primitive in Primitive::ALL {
        let name = primitive.edm_name().strip_prefix("Edm.").unwrap();
        page.push_str(&format!("|p{name}|{name}|A value. Nullable: false.|\n"));
    }
    page.push_str("|nullableInt32|Int32|May be null.|\n");
    let model = parse_page("thing.md", &page).expect("the page parses");
    let schema = type_schema(&model, &model.structs[0], &Options::default());
    for primitive in Primitive::ALL {
        let name = primitive.edm_name().strip_prefix("Edm.").unwrap();
        let mut emitted = schema["properties"][format!("p{name}")].clone();
        emitted.as_object_mut().unwrap().remove("description");
        let mut expected = fragment(primitive.edm_name(), false).unwrap();
        if primitive == Primitive::Stream {
            // Not nullable: `null` is the one value an Edm.Stream property may not hold.
            expected["not"] = serde_json::json!({"type": "null"});
        }
        assert_eq!(emitted, expected, "{name}");
    }
    assert_eq!(
        schema["properties"]["nullableInt32"]["type"],
        serde_json::json!(["integer", "null"])
    );
    let rust = rust_source(&model);
    for ty in [
        "Option<u8>",
        "Option<i8>",
        "Option<i16>",
        "Option<i32>",
        "Option<i64>",
        "Option<f32>",
        "Option<f64>",
        "::msgraph_schema::edm::DecimalText",
        "::msgraph_schema::edm::DateText",
        "::msgraph_schema::edm::TimeOfDayText",
        "::msgraph_schema::edm::DurationText",
        "::msgraph_schema::edm::GuidText",
        "::msgraph_schema::edm::BinaryText",
        "::serde_json::Value",
        "::msgraph_schema::Nullable<i32>",
    ] {
        assert!(rust.contains(ty), "{ty} in\n{rust}");
    }
}
