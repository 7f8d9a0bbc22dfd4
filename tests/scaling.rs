//! What keeps `validate --schema-dir` and the validators proportional to the type checked, not
//! to the model: a validator compiles only the types its root reaches, the model file reads
//! only those, and both give the reports a validator of the whole model gives. Guarded by
//! counting types, never by timing.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::PathBuf;

use msgraph_schema::model::{
    EnumMember, EnumType, Model, Primitive, Property, Source, StructuredType, TypeRef,
};
use msgraph_schema::model_file::{self, ModelFile};
use msgraph_schema::single_pass::Validator;
use msgraph_schema::testing::synthetic::{self, Shape};
use msgraph_schema::{Operation, Options};

fn property(name: &str, ty: TypeRef, collection: bool) -> Property {
    Property {
        name: name.to_owned().into(),
        ty,
        collection,
        nullable: true,
        key: false,
        description: Cow::Borrowed(""),
        source: Source::default(),
        from_metadata: Default::default(),
        marks: Default::default(),
    }
}

fn structured(name: &str, base: Option<&str>, properties: Vec<Property>) -> StructuredType {
    StructuredType {
        name: format!("microsoft.graph.{name}").into(),
        base: base.map(|b| format!("microsoft.graph.{b}").into()),
        description: Cow::Borrowed(""),
        properties: properties.into(),
        source: Source::default(),
        is_abstract: false,
        from_metadata: Default::default(),
        operation: None,
    }
}

/// A synthetic model of 1,000 types and 300 enums, with an island of three types and one enum
/// that nothing else reaches: `island` holds `islandPart`s, `islandPartDetail` derives from
/// `islandPart`, and `islandPart` has an `islandKind`.
fn model_with_island() -> Model {
    let mut model = synthetic::model(&Shape {
        structs: 1_000,
        enums: 300,
        seed: 3,
    });
    let part = TypeRef::Struct("microsoft.graph.islandPart".into());
    let kind = TypeRef::Enum("microsoft.graph.islandKind".into());
    let string = TypeRef::Primitive(Primitive::String);
    model.structs.insert(
        500,
        structured(
            "island",
            None,
            vec![
                property("name", string.clone(), false),
                property("parts", part, true),
            ],
        ),
    );
    model.structs.push(structured(
        "islandPart",
        None,
        vec![property("kind", kind.clone(), false)],
    ));
    model.structs.push(structured(
        "islandPartDetail",
        Some("islandPart"),
        vec![
            property("kind", kind, false),
            property("detail", string, false),
        ],
    ));
    model.enums.insert(
        100,
        EnumType {
            name: "microsoft.graph.islandKind".into(),
            description: Cow::Borrowed(""),
            members: vec![EnumMember {
                name: "sandy".into(),
                value: 0,
                description: Cow::Borrowed(""),
                line: 1,
            }]
            .into(),
            source: Source::default(),
            is_flags: false,
        },
    );
    model
}

fn names(types: impl IntoIterator<Item = impl AsRef<str>>) -> BTreeSet<String> {
    types.into_iter().map(|t| t.as_ref().to_owned()).collect()
}

fn written(name: &str, model: &Model) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "msgraph-schema-scaling-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    model_file::write(&dir, model).unwrap();
    dir.join(model_file::FILE_NAME)
}

#[test]
fn a_validator_compiles_only_the_types_its_root_reaches() {
    let model = model_with_island();
    let validator = Validator::new(&model, "island", Options::default()).unwrap();
    let island = [
        "microsoft.graph.island",
        "microsoft.graph.islandPart",
        "microsoft.graph.islandPartDetail",
    ];
    assert_eq!(validator.types().len(), 3, "of {}", model.structs.len());
    assert_eq!(names(validator.types().map(|t| &t.name)), names(island));
    assert_eq!(validator.enums().len(), 1, "of {}", model.enums.len());
    assert_eq!(
        validator.enums().next().unwrap().name,
        "microsoft.graph.islandKind"
    );
    assert_eq!(validator.structured().name, "microsoft.graph.island");

    // The derived type is chosen by `@odata.type`; the others are still checked.
    let report = validator.check(
        br##"{"parts": [{"@odata.type": "#microsoft.graph.islandPartDetail", "detail": 1},
                        {"kind": "rocky"}]}"##,
    );
    let found: Vec<(&str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.pointer(), e.kind.as_str()))
        .collect();
    assert_eq!(
        found,
        [("/parts/0/detail", "type"), ("/parts/1/kind", "enum")]
    );

    // The model file reads the same three types and no other.
    let path = written("island", &model);
    let file = ModelFile::open(&path).unwrap();
    let reached = file.reaching("island", false).unwrap();
    let read: Vec<&str> = reached
        .structs
        .iter()
        .filter(|t| !t.properties.is_empty())
        .map(|t| t.name.as_ref())
        .collect();
    assert_eq!(names(read), names(island));
    let members: Vec<&EnumType> = reached
        .enums
        .iter()
        .filter(|e| !e.members.is_empty())
        .collect();
    assert_eq!(members.len(), 1);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

/// The types a value of `root` may hold, found the slow and obvious way.
fn closure(model: &Model, root: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut queue = vec![root.to_owned()];
    while let Some(name) = queue.pop() {
        let Some(ty) = model.find_struct(&name) else {
            continue;
        };
        if !found.insert(ty.name.to_string()) {
            continue;
        }
        for p in ty.properties.iter() {
            if let TypeRef::Struct(to) = &p.ty {
                queue.push(to.to_string());
            }
        }
        queue.extend(
            model
                .derived_types(&ty.name)
                .iter()
                .map(|d| d.name.to_string()),
        );
    }
    found
}

#[test]
fn the_types_compiled_are_the_closure_of_properties_and_derived_types() {
    let model = synthetic::model(&Shape {
        structs: 150,
        enums: 40,
        seed: 9,
    });
    let index = model.index();
    for root in [
        "user",
        "directoryObject",
        &model.structs[77].name,
        &model.structs[149].name,
    ] {
        let validator = Validator::with_index(&index, root, Options::default()).unwrap();
        let compiled = names(validator.types().map(|t| &t.name));
        assert_eq!(compiled, closure(&model, root), "{root}");
    }
}

#[test]
fn validators_of_the_file_report_what_validators_of_the_whole_model_report() {
    let model = synthetic::model(&Shape {
        structs: 300,
        enums: 80,
        seed: 4,
    });
    let path = written("agree", &model);
    let file = ModelFile::open(&path).unwrap();
    let index = model.index();
    let options = Options {
        operation: Operation::Update,
        strict: true,
    };
    for (seed, root) in [
        "user",
        "directoryObject",
        &model.structs[120].name,
        &model.structs[299].name,
    ]
    .into_iter()
    .enumerate()
    {
        let whole = Validator::with_index(&index, root, options).unwrap();
        let loaded =
            Validator::from_model(file.reaching(root, false).unwrap(), root, options).unwrap();
        assert_eq!(
            names(loaded.types().map(|t| &t.name)),
            names(whole.types().map(|t| &t.name))
        );
        let valid = synthetic::payload(&model, root, seed as u64);
        // Faults: a wrong JSON type, an unknown member, a bad enum value, a syntax error.
        let invalid = valid.replacen("\": \"", "\": 12, \"x\": \"", 1).replacen(
            "\": [",
            "\": {\"unknownOne\": 1}, \"y\": [",
            1,
        );
        // Compiled on first use from the file: nothing before a payload, the same reports.
        let lazy = file.file_type(root, options, false).unwrap();
        assert_eq!(lazy.validator().compiled().count(), 0, "{root}");
        for text in [valid.as_str(), invalid.as_str(), "{\"a\": ", "[]"] {
            let (a, b) = (whole.check(text.as_bytes()), loaded.check(text.as_bytes()));
            assert_eq!(a, b, "{root}: {text}");
            let c = lazy.check(text.as_bytes(), msgraph_schema::Limits::NONE);
            assert_eq!(a, c, "{root}, compiled on first use: {text}");
        }
        assert_eq!(
            names(lazy.validator().types().map(|t| &t.name)),
            names(whole.types().map(|t| &t.name))
        );
        assert!(whole.check(valid.as_bytes()).is_valid(), "{root}: {valid}");
        assert!(
            !whole.check(invalid.as_bytes()).is_valid(),
            "{root}: {invalid}"
        );
    }
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

/// A mood, used by two types.
#[derive(
    Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize, msgraph_schema::GraphEnum,
)]
#[graph(name = "microsoft.graph.scalingMood")]
pub enum ScalingMood {
    /// Calm.
    #[serde(rename = "calm")]
    Calm = 0,
}

/// A node that holds others: a cycle of types.
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    serde::Serialize,
    serde::Deserialize,
    msgraph_schema::GraphModel,
)]
#[graph(name = "microsoft.graph.scalingNode")]
pub struct ScalingNode {
    /// The mood.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<ScalingMood>,
    /// The leaves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaves: Option<Vec<ScalingLeaf>>,
}

/// A leaf that points back to its node.
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    serde::Serialize,
    serde::Deserialize,
    msgraph_schema::GraphModel,
)]
#[graph(name = "microsoft.graph.scalingLeaf")]
pub struct ScalingLeaf {
    /// The mood again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<ScalingMood>,
    /// The node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<Box<ScalingNode>>,
}

#[test]
fn a_derived_type_registers_each_type_it_uses_once() {
    let model = msgraph_schema::TypeEntry::of::<ScalingNode>().model();
    let structs: Vec<&str> = model.structs.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(
        structs,
        ["microsoft.graph.scalingNode", "microsoft.graph.scalingLeaf"]
    );
    let enums: Vec<&str> = model.enums.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(enums, ["microsoft.graph.scalingMood"]);
    let validator = Validator::new(&model, "scalingLeaf", Options::default()).unwrap();
    assert_eq!(validator.types().len(), 2);
}
