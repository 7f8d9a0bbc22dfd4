//! The OpenAPI 3.1 document (`emit::openapi`): the JSON Schema bundle's definitions as
//! `components.schemas`, keys valid and distinct, every `$ref` rewritten to an existing
//! component, on a model with derived types and odd names, and on the docs corpus.

mod support;

use std::borrow::Cow;

use msgraph_schema_core::emit::openapi::{OpenApiError, component_key, from_bundle};
use msgraph_schema_core::model::{Model, TypeRef};
use msgraph_schema_core::rules::{Operation, Options};
use msgraph_schema_core::tree::build_pages_with;
use serde_json::json;
use support::openapi::check;

/// A base type with two derived types, a property of each kind of reference (single and
/// collection of the base, an enum).
fn pages() -> Vec<(String, String)> {
    let page = |name: &str, head: &str, rows: &str| {
        (
            format!(
                "docs/api-reference/v1.0/resources/{}.md",
                name.to_lowercase()
            ),
            format!(
                "# {name} resource type\n\nNamespace: microsoft.graph\n\n{head}\n\n## Properties\n\n\
                 |Property|Type|Description|\n|:---|:---|:---|\n{rows}"
            ),
        )
    };
    let inherits = "Inherits from [gadgetPart](gadgetpart.md).";
    vec![
        page(
            "gadget",
            "A gadget.",
            "|main|[gadgetPart](gadgetpart.md)|The main part.|\n\
             |parts|[gadgetPart](gadgetpart.md) collection|The parts.|\n\
             |mode|[gadgetMode](gadgetmode.md)|The mode.|\n",
        ),
        page("gadgetPart", "A part.", "|name|String|The name.|\n"),
        page("gadgetWheel", inherits, "|size|Int32|The size.|\n"),
        page("gadgetLever", inherits, "|length|Double|The length.|\n"),
        (
            "docs/api-reference/v1.0/resources/gadgetmode.md".to_owned(),
            "# gadgetMode enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n\
             |Member|Value|Description|\n|:---|:---|:---|\n|on|0|On.|\n|off|1|Off.|\n"
                .to_owned(),
        ),
    ]
}

fn model() -> Model {
    let build = build_pages_with(&pages(), None);
    assert!(build.skipped.is_empty(), "{:?}", build.skipped);
    build.model("docs", "v1.0").expect("the v1.0 model").clone()
}

#[test]
fn every_reference_names_an_existing_component_under_each_rule_set() {
    let model = model();
    assert_eq!((model.structs.len(), model.enums.len()), (4, 1));
    for options in [
        Options::default(),
        Options {
            strict: true,
            operation: Operation::Create,
        },
        Options {
            strict: false,
            operation: Operation::Response,
        },
    ] {
        let checked = check(&model, &options);
        // gadgetPart's two annotation lists, one of them with the key mapped.
        assert_eq!(checked.annotation_lists, 2);
        assert!(
            checked
                .keys
                .contains("Collection-28microsoft.graph.gadgetPart-29-40odata.type"),
            "{:?}",
            checked.keys
        );
        assert!(checked.refs > 0);
    }
}

#[test]
fn names_outside_the_key_alphabet_map_to_distinct_keys() {
    let mut model = model();
    // Names the Graph docs do not use, each with a byte OpenAPI does not allow in a key, and
    // names spelt like another's key.
    let odd = [
        "microsoft.graph.a-b",
        "microsoft.graph.a-2Db",
        "microsoft.graph.a/b",
        "microsoft.graph.a~b",
        "microsoft.graph.a b",
        "microsoft.graph.é",
        "microsoft.graph.gadgetPart-40odata.type",
    ];
    let template = model.structs[0].clone();
    let mut holder = template.clone();
    holder.name = "microsoft.graph.holder".into();
    let mut properties = Vec::new();
    for (at, name) in odd.iter().enumerate() {
        let mut ty = template.clone();
        ty.name = Cow::Owned((*name).to_owned());
        ty.base = Some("microsoft.graph.gadgetPart".into());
        model.structs.push(ty);
        let mut property = template.properties[0].clone();
        property.name = Cow::Owned(format!("p{at}"));
        property.ty = TypeRef::Struct(Cow::Owned((*name).to_owned()));
        properties.push(property);
    }
    holder.properties = properties.into();
    model.structs.push(holder);
    let checked = check(&model, &Options::default());
    for name in odd {
        assert!(
            checked.keys.contains(&component_key(name)),
            "{name}: {:?}",
            checked.keys
        );
    }
    assert_eq!(component_key("microsoft.graph.é"), "microsoft.graph.-C3-A9");
}

#[test]
fn a_bundle_without_definitions_or_with_a_foreign_reference_is_an_error() {
    let info = msgraph_schema_core::emit::openapi::Info {
        title: "t",
        version: "1",
        description: Some("d"),
    };
    assert_eq!(
        from_bundle(json!({ "$id": "x" }), &info),
        Err(OpenApiError::NoDefinitions)
    );
    let foreign = json!({ "$defs": { "a": { "$ref": "other.json#/$defs/a" } } });
    assert_eq!(
        from_bundle(foreign, &info),
        Err(OpenApiError::UnknownReference("other.json#/$defs/a".into()))
    );
    let document = from_bundle(
        json!({ "$defs": { "a@b": { "$ref": "#/$defs/a%40b" } } }),
        &info,
    )
    .unwrap();
    assert_eq!(
        document["components"]["schemas"]["a-40b"],
        json!({ "$ref": "#/components/schemas/a-40b" })
    );
    assert_eq!(document["info"]["description"], "d");
}

/// The docs corpus (`MSGRAPH_DOCS_DIR`) built as `build` builds it: each tree and version's
/// document holds.
#[test]
#[ignore = "needs MSGRAPH_DOCS_DIR"]
fn the_corpus_documents_hold() {
    let docs = support::corpus::dir("MSGRAPH_DOCS_DIR");
    let build = msgraph_schema_core::tree::build_dir(&docs).expect("the corpus builds");
    assert!(!build.models.is_empty());
    for version in &build.models {
        let checked = check(&version.model, &Options::default());
        println!(
            "{}/{}: {} components ({} annotation lists), {} references",
            version.tree,
            version.version,
            checked.keys.len(),
            checked.annotation_lists,
            checked.refs
        );
    }
}
