//! The Rust emitter on a model made of what broke (or could break) the generated Rust of the
//! docs corpus: type names that collide (across namespaces, in case only, with `Option`), that
//! are no UpperCamelCase (`tuple_2Of…`), Rust keywords as property names (`type`, `self`),
//! properties and members that collide after case conversion or are declared twice, a property
//! named like the `@odata.type` field, a type that holds itself and two that hold each other,
//! enum members that share a value, and a reference to a type the model does not hold.
//!
//! The emitted source is snapshotted (for review), then compiled with `#![deny(warnings)]` and
//! run through trybuild: its `main` checks the identifiers, the boxes and the wire names.

use std::borrow::Cow;

use msgraph_schema_core::emit::rust::rust_source;
use msgraph_schema_core::model::{
    EnumMember, EnumType, Model, Primitive, Property, Source, StructuredType, TypeRef,
};

fn property(name: &'static str, ty: TypeRef, nullable: bool) -> Property {
    Property {
        name: name.into(),
        ty,
        collection: false,
        nullable,
        key: false,
        description: Cow::Borrowed(""),
        source: Source::default(),
        from_metadata: Default::default(),
        marks: Default::default(),
    }
}

fn structure(name: &'static str, properties: Vec<Property>) -> StructuredType {
    StructuredType {
        name: name.into(),
        base: None,
        description: Cow::Borrowed(""),
        properties: properties.into(),
        source: Source::default(),
        is_abstract: false,
        from_metadata: Default::default(),
        operation: None,
    }
}

fn enumeration(name: &'static str, members: &[(&'static str, i64)]) -> EnumType {
    EnumType {
        name: name.into(),
        description: Cow::Borrowed(""),
        members: members
            .iter()
            .map(|&(name, value)| EnumMember {
                name: name.into(),
                value,
                description: Cow::Borrowed(""),
                line: 0,
            })
            .collect::<Vec<_>>()
            .into(),
        source: Source::default(),
        is_flags: false,
    }
}

fn edge_cases() -> Model {
    let string = || TypeRef::Primitive(Primitive::String);
    let alert = || TypeRef::Struct("microsoft.graph.alert".into());
    let mut nodes = property("nodes", alert(), false);
    nodes.collection = true;
    Model {
        enums: vec![
            enumeration(
                "microsoft.graph.grantType",
                &[
                    ("formPost", 0),
                    ("form_post", 1),
                    ("FormPost", 2),
                    ("self", 3),
                    ("2fa", 4),
                    ("formPost", 5),
                    ("-", 6),
                ],
            ),
            enumeration(
                "microsoft.graph.sharedValue",
                &[("a", 1), ("b", 1), ("c", -1)],
            ),
            enumeration("microsoft.graph.option", &[("x", 0)]),
        ],
        structs: vec![
            structure(
                "microsoft.graph.alert",
                vec![
                    property("type", string(), false),
                    property("self", string(), false),
                    property("odataType", string(), false),
                    property("displayName", string(), false),
                    property("DisplayName", string(), false),
                    property("displayName", TypeRef::Primitive(Primitive::Int32), false),
                    property("2faEnabled", TypeRef::Primitive(Primitive::Boolean), false),
                    property("grant", TypeRef::Enum("grantType".into()), false),
                    property(
                        "shared",
                        TypeRef::Enum("microsoft.graph.sharedValue".into()),
                        true,
                    ),
                    property(
                        "option",
                        TypeRef::Enum("microsoft.graph.option".into()),
                        false,
                    ),
                    property("parent", alert(), true),
                    property("next", TypeRef::Struct("node".into()), false),
                    nodes,
                    property(
                        "missing",
                        TypeRef::Struct("microsoft.graph.notInModel".into()),
                        false,
                    ),
                ],
            ),
            structure(
                "microsoft.graph.security.alert",
                vec![property("alert", alert(), false)],
            ),
            // Declared twice: emitted once, and the types after it still get their boxes.
            structure(
                "microsoft.graph.security.alert",
                vec![property("other", string(), false)],
            ),
            structure(
                "microsoft.graph.node",
                vec![property("owner", alert(), false)],
            ),
            structure(
                "microsoft.graph.tuple_2OfExecutionType_ICollection_1OfOperation",
                vec![property(
                    "item1",
                    TypeRef::Primitive(Primitive::Int32),
                    false,
                )],
            ),
            // Declared twice: emitted once.
            structure(
                "microsoft.graph.node",
                vec![property("other", string(), false)],
            ),
        ],
        ..Model::default()
    }
}

const MAIN: &str = r###"
fn main() {
    use msgraph_schema::{GraphEnum, GraphModel, Nullable};

    // Four structs (the second `security.alert` and `node` are not emitted), each registered
    // once.
    assert_eq!(TYPES.len(), 4);
    let _: Option<SecurityAlert> = None;
    let _: Option<Tuple2OfExecutionTypeICollection1OfOperation> = None;
    let _: Option<GraphOption> = None;
    assert_eq!(<GraphOption as GraphEnum>::model().name, "microsoft.graph.option");
    assert_eq!(<SecurityAlert as GraphModel>::model().name, "microsoft.graph.security.alert");

    // Variants: distinct, wire names kept, the duplicate member once.
    let members = [
        (GrantType::FormPost, "formPost"),
        (GrantType::FormPost2, "form_post"),
        (GrantType::FormPost3, "FormPost"),
        (GrantType::SelfValue, "self"),
        (GrantType::Value2fa, "2fa"),
        (GrantType::Value, "-"),
    ];
    for (member, wire) in members {
        assert_eq!(member.as_str(), wire);
    }
    assert_eq!(<GrantType as GraphEnum>::model().members.len(), 6);
    // Shared values come through `#[graph(value)]`.
    let values: Vec<i64> = <SharedValue as GraphEnum>::model().members.iter().map(|m| m.value).collect();
    assert_eq!(values, [1, 1, -1]);

    // Fields: keywords, collisions and the `@odata.type` field; the duplicate property once.
    let names: Vec<&str> = <Alert as GraphModel>::model().properties.iter().map(|p| p.name.as_ref()).collect();
    assert_eq!(names, ["type", "self", "odataType", "displayName", "DisplayName", "2faEnabled", "grant", "shared", "option", "parent", "next", "nodes", "missing"]);
    let alert: Alert = msgraph_schema::validate(r##"{
        "@odata.type": "#microsoft.graph.alert",
        "type": "t", "self": "s", "odataType": "o", "displayName": "d", "DisplayName": "D",
        "2faEnabled": true, "grant": "form_post", "shared": "b", "option": "x",
        "parent": {"parent": null, "nodes": [{}]},
        "next": {"owner": {"next": {}}},
        "missing": {"anything": [1, "two"]}
    }"##).unwrap();
    assert_eq!(alert.r#type.as_deref(), Some("t"));
    assert_eq!(alert.self_.as_deref(), Some("s"));
    assert_eq!(alert.odata_type.as_deref(), Some("#microsoft.graph.alert"));
    assert_eq!(alert.odata_type_2.as_deref(), Some("o"));
    assert_eq!(alert.display_name_2.as_deref(), Some("D"));
    assert_eq!(alert._2fa_enabled, Some(true));
    assert_eq!(alert.grant, Some(GrantType::FormPost2));
    assert_eq!(alert.shared, Nullable::Value(SharedValue::B));
    // The cycles hold boxes.
    let parent: &Alert = match &alert.parent {
        Nullable::Value(parent) => parent,
        other => panic!("{other:?}"),
    };
    assert_eq!(parent.parent, Nullable::Null);
    let next: &Box<Node> = alert.next.as_ref().unwrap();
    assert!(next.owner.as_ref().unwrap().next.is_some());
    // The type the model does not hold: any JSON value.
    assert_eq!(alert.missing.as_ref().unwrap()["anything"][1], "two");

    // Errors inside boxed values keep their pointers.
    let report = msgraph_schema::validate::<Alert>(r#"{"parent": {"grant": "nope"}, "next": {"owner": {"type": 1}}}"#).unwrap_err();
    let pointers: Vec<&str> = report.errors.iter().map(|e| e.pointer()).collect();
    assert_eq!(pointers, ["/parent/grant", "/next/owner/type"]);
}
"###;

#[test]
fn emitted_rust_of_edge_cases() {
    let source = rust_source(&edge_cases());
    insta::assert_snapshot!(source);

    let dir = std::env::temp_dir().join(format!("msgraph-schema-edge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("generated_edge_cases.rs");
    std::fs::write(&path, format!("#![deny(warnings)]\n{source}{MAIN}")).unwrap();
    let t = trybuild::TestCases::new();
    t.pass(&path);
    drop(t);
    let _ = std::fs::remove_dir_all(&dir);
}
