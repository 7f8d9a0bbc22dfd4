//! The Rust emitter's crate layout (`emit::rust::rust_crate`) on a model made for it: namespaces
//! that refer to each other both ways (a cycle of single-valued properties across modules), a
//! workload whose pages share a file-name prefix, operations of the same name bound to two
//! types, equal short names in two namespaces, a namespace named like a keyword, and a type the
//! model lacks. The crate is written under the target folder and compiled with every module and
//! with each module's feature alone, warnings denied.

mod support;

use std::borrow::Cow;

use msgraph_schema_core::emit::rust::rust_crate;
use msgraph_schema_core::model::{
    EnumMember, EnumType, Model, OperationKind, OperationOf, Primitive, Property, Source,
    StructuredType, TypeRef,
};
use support::scratch_crate;

fn property(name: &str, ty: TypeRef) -> Property {
    Property {
        name: name.to_owned().into(),
        ty,
        collection: false,
        nullable: true,
        key: false,
        description: Cow::Borrowed(""),
        source: Source::default(),
        from_metadata: Default::default(),
        marks: Default::default(),
    }
}

fn structure(name: &str, file: &str, properties: Vec<Property>) -> StructuredType {
    StructuredType {
        name: name.to_owned().into(),
        base: None,
        description: Cow::Borrowed(""),
        properties: properties.into(),
        source: Source {
            file: file.to_owned().into(),
            line: 1,
        },
        is_abstract: false,
        from_metadata: Default::default(),
        operation: None,
    }
}

fn operation(binding: &str, name: &str, properties: Vec<Property>) -> StructuredType {
    let short = name.rsplit('.').next().unwrap();
    let mut ty = structure(&format!("{binding}.{short}"), "api/op.md", properties);
    ty.operation = Some(OperationOf {
        name: name.to_owned().into(),
        binding: binding.to_owned().into(),
        kind: OperationKind::Action,
        returns: None,
    });
    ty
}

fn to(name: &str) -> TypeRef {
    TypeRef::Struct(name.to_owned().into())
}

fn model() -> Model {
    let string = || TypeRef::Primitive(Primitive::String);
    let mut structs = vec![
        structure(
            "microsoft.graph.application",
            "resources/application.md",
            vec![
                property("displayName", string()),
                property("session", to("microsoft.graph.callRecords.session")),
                property("gadget", to("microsoft.graph.gadget0")),
                property("missing", to("microsoft.graph.notInModel")),
                property("state", TypeRef::Enum("microsoft.graph.state".into())),
            ],
        ),
        structure(
            "microsoft.graph.servicePrincipal",
            "resources/serviceprincipal.md",
            vec![property("appId", string())],
        ),
        structure(
            "microsoft.graph.alert",
            "resources/alert.md",
            vec![property("title", string())],
        ),
        structure(
            "microsoft.graph.security.alert",
            "resources/security-alert.md",
            vec![property("alert", to("microsoft.graph.alert"))],
        ),
        structure(
            "microsoft.graph.callRecords.session",
            "resources/callrecords-session.md",
            vec![property("app", to("microsoft.graph.application"))],
        ),
        structure(
            "microsoft.graph.type.thing",
            "resources/thing.md",
            vec![property("name", string())],
        ),
        operation(
            "microsoft.graph.application",
            "microsoft.graph.addPassword",
            vec![property("displayName", string())],
        ),
        operation(
            "microsoft.graph.servicePrincipal",
            "microsoft.graph.addPassword",
            vec![property("app", to("microsoft.graph.application"))],
        ),
        operation(
            "microsoft.graph.gadget1",
            "microsoft.graph.reset",
            vec![property("gadget", to("microsoft.graph.gadget1"))],
        ),
    ];
    // A workload: twenty pages named `gizmo-<area>-<type>.md`.
    for n in 0..20 {
        structure_into(&mut structs, n);
    }
    Model {
        structs,
        enums: vec![EnumType {
            name: "microsoft.graph.state".into(),
            description: Cow::Borrowed(""),
            members: vec![EnumMember {
                name: "on".into(),
                value: 0,
                description: Cow::Borrowed(""),
                line: 1,
            }]
            .into(),
            source: Source::default(),
            is_flags: false,
        }],
        ..Model::default()
    }
}

fn structure_into(structs: &mut Vec<StructuredType>, n: usize) {
    structs.push(structure(
        &format!("microsoft.graph.gadget{n}"),
        &format!("resources/gizmo-devices-gadget{n}.md"),
        vec![
            property("owner", to("microsoft.graph.application")),
            property(
                "next",
                to(&format!("microsoft.graph.gadget{}", (n + 1) % 20)),
            ),
        ],
    ));
}

#[test]
fn a_crate_of_modules_compiles_whole_and_by_feature() {
    let krate = rust_crate(&model());
    let layout: Vec<(&str, &str, Vec<&str>)> = krate
        .modules
        .iter()
        .map(|m| {
            (
                m.name.as_str(),
                m.feature.as_str(),
                m.requires.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        layout,
        [
            ("graph", "graph", vec![]),
            ("gizmo", "gizmo", vec!["graph"]),
            ("call_records", "call-records", vec!["graph"]),
            ("security", "security", vec!["graph"]),
            ("type_ns", "type-ns", vec![]),
            ("graph_operations", "graph-operations", vec!["graph"]),
            ("gizmo_operations", "gizmo-operations", vec!["gizmo"]),
        ]
    );
    let source = |name: &str| {
        &krate
            .modules
            .iter()
            .find(|m| m.name == name)
            .unwrap()
            .source
    };
    // Operations: the binding's and the operation's names.
    assert!(source("graph_operations").contains("pub struct ApplicationAddPassword {"));
    assert!(source("graph_operations").contains("pub struct ServicePrincipalAddPassword {"));
    assert!(source("gizmo_operations").contains("pub struct Gadget1Reset {"));
    // Equal short names in two modules, each plain; an earlier module by path.
    assert!(source("graph").contains("pub struct Alert {"));
    assert!(source("security").contains("pub struct Alert {"));
    assert!(source("security").contains("super::graph::Alert"));
    // A later module's type: typed with its feature, any JSON value without it.
    let graph = source("graph");
    assert!(
        graph.contains("#[cfg(feature = \"call-records\")]"),
        "{graph}"
    );
    assert!(
        graph.contains("#[cfg(not(feature = \"call-records\"))]"),
        "{graph}"
    );
    assert!(graph.contains("super::call_records::Session"), "{graph}");
    let manifest = krate.manifest(
        "p",
        msgraph_schema_core::emit::rust::Runtime::Version("0.1"),
    );
    assert!(
        manifest.contains("gizmo-operations = [\"gizmo\"]\n"),
        "{manifest}"
    );

    let dir = scratch_crate::target_dir().join("rust-crate-edge-cases");
    scratch_crate::write(&dir, "msgraph-rust-crate-edge-cases", &krate);
    scratch_crate::compile(&dir, None);
    for module in &krate.modules {
        scratch_crate::compile(&dir, Some(&module.feature));
    }
}
