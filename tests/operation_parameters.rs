//! An operation's parameters answer to two spellings (`model::parameter_alias`): the one its
//! page's table gives (`Note`) and the same name with the first letter's case flipped (`note`),
//! in the single pass, the emitted JSON Schema and the typed validator alike. Both at once are
//! one parameter given twice. Entity and complex types keep case-sensitive names.

mod support;

use msgraph_schema::rules::Operation;
use msgraph_schema::{GraphModel, Options, TypeEntry, check_agreement};
use serde::{Deserialize, Serialize};
use support::written_pages::{self, pairs};

/// Pages written for this test: a `gadget` resource and its `ring` action, whose table
/// capitalises its parameters, as some older pages do.
const PAGES: [(&str, &str); 2] = [
    (
        "resources/gadget.md",
        "# gadget resource type\n\nNamespace: microsoft.graph\n\nA made-up gadget.\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
         |name|String|The name.|\n|volume|Int32|How loud.|\n",
    ),
    (
        "api/gadget-ring.md",
        "# gadget: ring\n\nNamespace: microsoft.graph\n\nRings a gadget.\n\n\
         ## HTTP request\n\n```http\nPOST /gadgets/{id}/ring\n```\n\n\
         ## Request body\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n\
         |Note|String|What it says. Required.|\n|Volume|Int32|How loud.|\n",
    ),
];

const RING: &str = "microsoft.graph.gadget.ring";

fn errors(type_name: &str, payload: &str) -> Vec<(String, &'static str)> {
    let model = written_pages::model(&PAGES, None);
    let options = Options {
        operation: Operation::Create,
        ..Options::default()
    };
    written_pages::errors(&model, type_name, payload, options)
}

#[test]
fn a_parameter_answers_to_its_name_and_to_its_camel_case_spelling() {
    assert_eq!(errors(RING, r#"{"Note": "hi", "Volume": 3}"#), []);
    assert_eq!(errors(RING, r#"{"note": "hi", "volume": 3}"#), []);
    // Checked as the parameter under either spelling.
    assert_eq!(
        errors(RING, r#"{"note": 1, "volume": "loud"}"#),
        pairs(&[("/note", "type"), ("/volume", "type")])
    );
    // Required under one of them.
    assert_eq!(
        errors(RING, r#"{"volume": 3}"#),
        pairs(&[("/Note", "required")])
    );
    // Only the first letter's case is free. (A missing member is located at its object.)
    assert_eq!(
        errors(RING, r#"{"NOTE": "hi"}"#),
        pairs(&[("/Note", "required"), ("/NOTE", "unknown_property")])
    );
}

#[test]
fn both_spellings_at_once_are_one_parameter_given_twice() {
    // Reported at the spelling that is not the wire name, whatever the order; the schema
    // cannot see it (as with any repeated member) and both values are checked.
    for payload in [r#"{"Note": "a", "note": 2}"#, r#"{"note": 2, "Note": "a"}"#] {
        let mut found = errors(RING, payload);
        found.sort();
        assert_eq!(
            found,
            pairs(&[("/note", "duplicate_property"), ("/note", "type")]),
            "{payload}"
        );
    }
}

#[test]
fn properties_of_entity_types_stay_case_sensitive() {
    assert_eq!(
        errors("microsoft.graph.gadget", r#"{"Name": "x"}"#),
        pairs(&[("/Name", "unknown_property")])
    );
}

/// The typed validator of a struct that holds an operation's parameters.
#[derive(Debug, Default, Serialize, Deserialize, GraphModel)]
#[graph(
    name = "microsoft.graph.gadget.ring",
    action = "microsoft.graph.ring",
    binding = "microsoft.graph.gadget"
)]
struct GadgetRing {
    #[serde(rename = "Note", alias = "note")]
    note: Option<String>,
    #[serde(rename = "Volume", alias = "volume")]
    volume: Option<i32>,
}

/// The pointers and kinds of the three validators' merged report, which must agree.
fn typed_errors(payload: &str) -> Vec<(String, &'static str)> {
    let report = check_agreement(
        payload.as_bytes(),
        &TypeEntry::of::<GadgetRing>(),
        &Options::default(),
    );
    assert!(report.disagreements.is_empty(), "{payload}\n{report}");
    report
        .errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.kind.as_str()))
        .collect()
}

#[test]
fn the_derived_validator_knows_the_operation_and_both_spellings() {
    let model = GadgetRing::model();
    let operation = model.operation.as_ref().expect("an operation's parameters");
    assert_eq!(operation.name, "microsoft.graph.ring");
    assert_eq!(operation.binding, "microsoft.graph.gadget");
    assert_eq!(typed_errors(r#"{"note": "hi", "Volume": 2}"#), []);
    assert_eq!(typed_errors(r#"{"note": 5}"#), pairs(&[("/note", "type")]));
    assert_eq!(
        typed_errors(r#"{"Volume": 1, "volume": 2}"#),
        pairs(&[("/volume", "duplicate_property")])
    );
    // serde reads both spellings too.
    let read: GadgetRing = serde_json::from_str(r#"{"note": "hi"}"#).unwrap();
    assert_eq!(read.note.as_deref(), Some("hi"));
}

/// A parameter's type annotation (`name@odata.type`, OData JSON Format §4.5.3) answers to both
/// spellings too, in the three validators.
#[test]
fn a_parameter_type_annotation_answers_to_both_spellings() {
    let valid = r##"{"note@odata.type": "#String", "Volume@odata.type": "Edm.Int32"}"##;
    let wrong = r##"{"Note@odata.type": "#Int32", "volume@odata.type": "#String"}"##;
    let wrong_pairs = pairs(&[
        ("/Note@odata.type", "odata_type"),
        ("/volume@odata.type", "odata_type"),
    ]);
    assert_eq!(errors(RING, &valid.replace('}', r#", "Note": "hi"}"#)), []);
    assert_eq!(typed_errors(valid), []);
    let mut found = errors(RING, &wrong.replace('}', r#", "Note": "hi"}"#));
    found.sort();
    assert_eq!(found, wrong_pairs);
    let mut found = typed_errors(wrong);
    found.sort();
    assert_eq!(found, wrong_pairs);
}

/// Every `required` list of `schema` and its subschemas names properties defined beside it.
fn undefined_required(schema: &serde_json::Value, out: &mut Vec<String>) {
    match schema {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Array(names)) = map.get("required") {
                for name in names.iter().filter_map(|n| n.as_str()) {
                    if map.get("properties").and_then(|p| p.get(name)).is_none() {
                        out.push(name.to_owned());
                    }
                }
            }
            map.values().for_each(|v| undefined_required(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| undefined_required(v, out)),
        _ => {}
    }
}

#[test]
fn each_required_spelling_is_defined_beside_it_as_strict_validators_want() {
    // ajv's strict mode (strictRequired) rejects a schema whose `required` names a property
    // not defined in the same schema object; the either-spelling branches must define theirs.
    let model = written_pages::model(&PAGES, None);
    let options = Options {
        operation: Operation::Create,
        ..Options::default()
    };
    let ring = model.find_struct(RING).unwrap();
    let schema = msgraph_schema::emit::json_schema::standalone(&model.index(), ring, &options);
    let mut undefined = Vec::new();
    undefined_required(&schema, &mut undefined);
    assert_eq!(undefined, Vec::<String>::new());
    assert!(
        serde_json::to_string(&schema)
            .unwrap()
            .contains("\"anyOf\"")
    );
}
