//! The OpenAPI 3.1 document (`emit::openapi`): the JSON Schema bundle's definitions as
//! `components.schemas`, keys valid and distinct, every `$ref` rewritten to an existing
//! component, on a model with derived types and odd names, and on the docs corpus; the paths
//! of a small tree built with its metadata (an entity container, bound operations).

mod support;

use std::borrow::Cow;

use msgraph_schema_core::csdl::Csdl;
use msgraph_schema_core::emit::openapi::{
    Info, OpenApiError, Skipped, component_key, from_bundle, openapi, paths,
};
use msgraph_schema_core::model::{Model, RootResource, TypeRef};
use msgraph_schema_core::rules::{Operation, Options};
use msgraph_schema_core::tree::{Metadata, build_pages_with};
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

/// The small tree of `tests/data` with its request metadata (`requests.csdl`: gadgets, users,
/// `me`, two actions and a function bound to a collection), and written here: a singleton of
/// a derived type, a function with parameters of each kind a URL carries and one with a
/// collection parameter, a root whose type the model lacks and a root named twice.
fn tree_with_container() -> Model {
    let page = |name: &str, text: &str| (format!("api-reference/v1.0/{name}"), text.to_owned());
    let pages = vec![
        page(
            "resources/gadget.md",
            include_str!("../../tests/data/docs-tree/api-reference/v1.0/resources/gadget.md"),
        ),
        page(
            "resources/person.md",
            include_str!("../../tests/data/docs-tree/api-reference/v1.0/resources/person.md"),
        ),
        page(
            "resources/gadgetmode.md",
            include_str!("../../tests/data/docs-tree/api-reference/v1.0/resources/gadgetmode.md"),
        ),
    ];
    let functions = r#"<Function Name="busyBetween" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.gadget" />
        <Parameter Name="from" Type="Edm.DateTimeOffset" Nullable="false" />
        <Parameter Name="label" Type="Edm.String" />
        <Parameter Name="mode" Type="graph.gadgetMode" />
        <ReturnType Type="Edm.Int32" />
      </Function>
      <Function Name="notesFor" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.user" />
        <Parameter Name="ids" Type="Collection(Edm.String)" />
        <ReturnType Type="Collection(graph.note)" />
      </Function>
      <EntityContainer Name="GraphService">
        <Singleton Name="lab" Type="graph.robot" />"#;
    let csdl = include_str!("../../tests/data/requests.csdl")
        .replace(r#"<EntityContainer Name="GraphService">"#, functions);
    let csdl = Csdl::parse(&csdl).expect("the fixture's CSDL");
    let metadata = Metadata {
        csdl: &csdl,
        file: "requests.csdl",
    };
    let build = build_pages_with(&pages, Some(metadata));
    let mut model = build.models[0].model.clone();
    let root = |name: &str, ty: &str| RootResource {
        name: name.to_owned().into(),
        ty: ty.to_owned().into(),
    };
    let container = &mut model.container;
    container
        .entity_sets
        .push(root("ghosts", "microsoft.graph.ghost"));
    container
        .singletons
        .push(root("me", "microsoft.graph.gadget"));
    model
}

#[test]
fn the_paths_of_a_small_tree_are_its_container_and_bound_operations() {
    let model = tree_with_container();
    let index = model.index();
    let built = paths(&index);
    // gadgets and users: 2 paths and 5 operations each; me and lab: 1 path and 2 operations
    // each; bound to gadget (lab's robot inherits them): activate, busyCount, busyBetween,
    // under gadgets/{gadget-id} and lab; bound to user: sendNote, recent and newest under
    // users/{user-id} and me.
    assert_eq!(built.paths.len(), 2 * 2 + 2 + 3 * 2 + 3 * 2);
    assert_eq!(built.operations, 2 * 5 + 2 * 2 + 3 * 2 + 3 * 2);
    let skipped: Vec<_> = built.skipped.iter().map(|(r, n)| (*r, *n)).collect();
    assert_eq!(
        skipped,
        [
            (Skipped::RootTypeUnknown, 1),
            (Skipped::RootNameRepeated, 1),
            (Skipped::FunctionParameterNotInUrl, 2),
        ]
    );
    let info = Info {
        title: "tree",
        version: "0",
        description: None,
    };
    let document = openapi(&index, &Options::default(), &info);
    let (paths, operations, refs) = support::openapi::check_paths(&document);
    assert_eq!((paths, operations), (built.paths.len(), built.operations));
    assert!(refs > operations, "{refs}");
    support::openapi::check(&model, &Options::default());
    insta::assert_json_snapshot!(json!({
        "paths": document["paths"],
        "components.responses": document["components"]["responses"],
        "x-msgraph-schema-skipped": document["x-msgraph-schema-skipped"],
    }));
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
