//! What pages say in words: `Read-only` in a description (a `readOnly` annotation; OData
//! ignores such values in a body) and `Required` in a create page's request-body row (a create
//! body must include it, in every mode), through the single pass and the JSON Schema alike.

mod support;

use support::written_pages;

use msgraph_schema::Options;
use msgraph_schema::emit::json_schema::standalone;
use msgraph_schema::model::Model;
use msgraph_schema::rules::Operation;

/// Pages written for this test: a `lamp` resource and its create page.
const PAGES: [(&str, &str); 2] = [
    (
        "resources/lamp.md",
        "# lamp resource type\n\nNamespace: microsoft.graph\n\nA made-up lamp.\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
         |id|String|The identifier. Read-only.|\n|name|String|The name.|\n\
         |watts|Int32|The power. This property is read-only.|\n|colour|String|The colour.|\n",
    ),
    (
        "api/lamp-create.md",
        "# Create lamp\n\nNamespace: microsoft.graph\n\nCreates a lamp.\n\n## HTTP request\n\n\
         ```http\nPOST /lamps\n```\n\n## Request body\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name. Required.|\n\
         |colour|String|The colour; \"Required\" colours are not a thing.|\n",
    ),
];

fn model() -> Model {
    written_pages::model(&PAGES, None)
}

/// The `(pointer, kind)` pairs of a `lamp` payload; the two validators agree.
fn errors(payload: &str, options: Options) -> Vec<(String, &'static str)> {
    written_pages::errors(&model(), "lamp", payload, options)
}

#[test]
fn the_model_keeps_what_the_pages_say() {
    let model = model();
    let lamp = model.find_struct("lamp").expect("lamp");
    let marks = |name: &str| lamp.property(name).expect(name).marks;
    assert!(marks("id").read_only && marks("watts").read_only);
    assert!(!marks("name").read_only && !marks("colour").read_only);
    assert!(marks("name").required);
    assert!(!marks("colour").required, "\"Required\" inside a sentence");
    let schema = standalone(&model.index(), lamp, &Options::default());
    // `else`: the type's own rules (an `@odata.type` naming another type is checked alone).
    assert_eq!(schema["else"]["properties"]["watts"]["readOnly"], true);
    assert!(
        schema["else"]["properties"]["name"]
            .get("readOnly")
            .is_none()
    );
}

#[test]
fn a_required_property_is_required_in_a_create_body_only() {
    let create = Options::default();
    assert_eq!(
        errors(r#"{"colour": "red"}"#, create),
        [("/name".to_owned(), "required")]
    );
    assert_eq!(errors(r#"{"name": "a"}"#, create), []);
    for operation in [Operation::Update, Operation::Response] {
        let options = Options {
            operation,
            strict: false,
        };
        assert_eq!(errors(r#"{"colour": "red"}"#, options), [], "{operation:?}");
    }
}

#[test]
fn a_read_only_value_in_a_body_is_not_an_error() {
    // OData Protocol §11.4.2: computed properties "MUST be ignored if included".
    assert_eq!(
        errors(
            r#"{"name": "a", "id": "x", "watts": 60}"#,
            Options::default()
        ),
        []
    );
}
