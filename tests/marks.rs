//! What pages say in words: `Read-only` in a description (a `readOnly` annotation; OData
//! ignores such values in a body) and `Required` in a create page's request-body row (a create
//! body must include it, in every mode), through the single pass and the JSON Schema alike.

use msgraph_schema::Options;
use msgraph_schema::emit::json_schema::standalone;
use msgraph_schema::model::Model;
use msgraph_schema::rules::Operation;
use msgraph_schema::schema_check::SchemaCheck;
use msgraph_schema::single_pass::Validator;
use msgraph_schema::validate::cross_check_schema;

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
    let pages: Vec<(String, String)> = PAGES
        .iter()
        .map(|(name, text)| {
            (
                format!("docs/api-reference/v1.0/{name}"),
                (*text).to_owned(),
            )
        })
        .collect();
    let build = msgraph_schema_core::tree::build_pages(&pages);
    assert!(build.skipped.is_empty(), "{:?}", build.skipped);
    build.model("docs", "v1.0").expect("the v1.0 model").clone()
}

fn errors(payload: &str, options: Options) -> Vec<(String, &'static str)> {
    let model = model();
    let ty = model.find_struct("lamp").expect("lamp");
    let validator = Validator::new(&model, "lamp", options).expect("compiles");
    let schema = SchemaCheck::from_schema(&standalone(&model, ty, &options));
    let report = cross_check_schema(payload.as_bytes(), &validator, &schema);
    assert!(report.disagreements.is_empty(), "{payload}\n{report}");
    report
        .errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.kind.as_str()))
        .collect()
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
    let schema = standalone(&model, lamp, &Options::default());
    assert_eq!(schema["properties"]["watts"]["readOnly"], true);
    assert!(schema["properties"]["name"].get("readOnly").is_none());
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
