//! Snapshots of what the build step emits for the project's own page.

use msgraph_schema_core::emit::json_schema::type_schema;
use msgraph_schema_core::emit::rust::rust_source;
use msgraph_schema_core::model::Model;
use msgraph_schema_core::rules::{Operation, Options};
use msgraph_schema_core::tree::parse_page;

fn model() -> Model {
    let page = include_str!("../pages/devicehealthscriptdevicestate.md");
    parse_page("pages/devicehealthscriptdevicestate.md", page).expect("the page parses")
}

#[test]
fn json_schema_create() {
    let model = model();
    insta::assert_json_snapshot!(type_schema(
        &model.index(),
        &model.structs[0],
        &Options::default()
    ));
}

#[test]
fn json_schema_create_strict() {
    let model = model();
    let options = Options {
        strict: true,
        operation: Operation::Create,
    };
    insta::assert_json_snapshot!(type_schema(&model.index(), &model.structs[0], &options));
}

#[test]
fn json_schema_response_keeps_the_sentinel() {
    let model = model();
    let options = Options {
        operation: Operation::Response,
        ..Options::default()
    };
    let schema = type_schema(&model.index(), &model.structs[0], &options);
    let members = &schema["$defs"]["microsoft.graph.remediationState"]["enum"];
    assert_eq!(
        members.as_array().unwrap().last().unwrap(),
        "unknownFutureValue"
    );
    let create = type_schema(&model.index(), &model.structs[0], &Options::default());
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
    let schema = type_schema(&model.index(), &model.structs[0], &Options::default());
    // The type's own rules, for a value whose `@odata.type` names no other type.
    let own = &schema["else"];
    for primitive in Primitive::ALL {
        let name = primitive.edm_name().strip_prefix("Edm.").unwrap();
        let mut emitted = own["properties"][format!("p{name}")].clone();
        emitted.as_object_mut().unwrap().remove("description");
        let mut expected = fragment(primitive.edm_name(), false).unwrap();
        if primitive == Primitive::Stream {
            // Not nullable: `null` is the one value an Edm.Stream property may not hold.
            expected["not"] = serde_json::json!({"type": "null"});
        }
        assert_eq!(emitted, expected, "{name}");
    }
    assert_eq!(
        own["properties"]["nullableInt32"]["type"],
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

mod layout {
    use std::borrow::Cow;

    use super::percent_decoded;

    use msgraph_schema_core::emit::json_schema::{
        BUNDLE_FILE, layout_base, linked_layout, standalone,
    };
    use msgraph_schema_core::model::{
        EnumMember, EnumType, FromMetadata, Marks, Model, Property, Source, StructuredType, TypeRef,
    };
    use msgraph_schema_core::rules::Options;
    use serde_json::Value;

    fn property(name: &str, ty: TypeRef) -> Property {
        Property {
            name: name.to_owned().into(),
            ty,
            collection: false,
            nullable: true,
            key: false,
            description: Cow::Borrowed(""),
            source: Source::default(),
            from_metadata: FromMetadata::NONE,
            marks: Marks::NONE,
        }
    }

    fn structured(name: &str, base: Option<&str>, properties: Vec<Property>) -> StructuredType {
        StructuredType {
            name: format!("microsoft.graph.{name}").into(),
            base: base.map(|b| format!("microsoft.graph.{b}").into()),
            description: Cow::Borrowed("A made-up type."),
            properties: properties.into(),
            source: Source::default(),
            is_abstract: false,
            from_metadata: FromMetadata::NONE,
            operation: None,
        }
    }

    fn struct_ref(name: &str) -> TypeRef {
        TypeRef::Struct(format!("microsoft.graph.{name}").into())
    }

    /// `holder` has a property of `base`, which has `derived` derived types, a chain of them
    /// (each derived from the one before) when `chained`; `lone` is reached by nothing.
    fn hierarchy(derived: usize, chained: bool) -> Model {
        let mode = TypeRef::Enum("microsoft.graph.mode".into());
        let mut structs = vec![
            structured(
                "holder",
                None,
                vec![
                    property("main", struct_ref("base")),
                    property("mode", mode.clone()),
                ],
            ),
            structured("base", None, vec![property("mode", mode.clone())]),
            structured("lone", None, vec![property("mode", mode)]),
        ];
        for i in 0..derived {
            let base = match i {
                0 => "base".to_owned(),
                _ if chained => format!("derived{}", i - 1),
                _ => "base".to_owned(),
            };
            let name = format!("derived{i}");
            let back = property("holder", struct_ref("holder"));
            structs.push(structured(&name, Some(&base), vec![back]));
        }
        let enums = vec![EnumType {
            name: "microsoft.graph.mode".into(),
            description: Cow::Borrowed("A made-up enum."),
            members: vec![EnumMember {
                name: "on".into(),
                value: 0,
                description: Cow::Borrowed(""),
                line: 0,
            }]
            .into(),
            source: Source::default(),
            is_flags: false,
        }];
        Model {
            structs,
            enums,
            ..Model::default()
        }
    }

    /// Serializes and parses `value` back with serde_json's default recursion limit (128).
    fn reparse(value: &Value) -> Value {
        let text = serde_json::to_string_pretty(value).unwrap();
        serde_json::from_str(&text).expect("parses within the default recursion limit")
    }

    /// Every `$ref` in `value`.
    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    out.push(r.clone());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }

    /// How many derived types [`many_derived_types_nest_no_deeper`] gives its base: above
    /// serde_json's default recursion limit.
    const DERIVED: usize = 150;

    /// A base with many derived types, and a chain of derivation as long: the dispatch is flat,
    /// so every document parses with serde_json's default recursion limit (a nested
    /// `if`/`then`/`else` chain went a level deeper per derived type).
    #[test]
    fn many_derived_types_nest_no_deeper() {
        let options = Options::default();
        for chained in [false, true] {
            let model = hierarchy(DERIVED, chained);
            let index = model.index();
            let holder = &model.structs[0];
            let schema = reparse(&standalone(&index, holder, &options));
            let defs = schema["$defs"].as_object().unwrap();
            // `base`, its derived types, the enum, `holder` itself (a cycle: `#`) and the
            // `name@odata.type` values of a `base` property, once however many derived types.
            assert_eq!(defs.len(), DERIVED + 4, "chained: {chained}");
            let family = defs["microsoft.graph.base@odata.type"]["enum"]
                .as_array()
                .unwrap();
            assert!(family.len() > 2 * DERIVED, "chained: {chained}");
            assert_eq!(
                defs["microsoft.graph.holder"],
                serde_json::json!({"$ref": "#"})
            );
            assert!(!defs.contains_key("microsoft.graph.lone"));
            let base = &defs["microsoft.graph.base"];
            let branches = base["allOf"].as_array().unwrap();
            assert_eq!(
                branches.len(),
                DERIVED + 1,
                "every derived type, indirect too"
            );
            assert_eq!(
                branches[0]["then"]["$ref"],
                "#/$defs/microsoft.graph.derived0"
            );
            // The base's own rules apply when `@odata.type` names none of them, nor another
            // type (then only `@odata.type` is checked).
            let last = &branches[DERIVED];
            assert_eq!(last["else"]["else"]["additionalProperties"], false);
            assert_eq!(
                last["else"]["then"]["properties"]["@odata.type"]["enum"],
                serde_json::json!([
                    "#microsoft.graph.base",
                    "#graph.base",
                    "microsoft.graph.base",
                    "graph.base"
                ])
            );
            assert_eq!(
                last["if"]["properties"]["@odata.type"]["enum"]
                    .as_array()
                    .unwrap()
                    .len(),
                DERIVED * 4
            );
            for (_, document) in linked_layout(&index, &options, &layout_base("v1.0")) {
                reparse(&document);
            }
        }
    }

    /// The layout `build` writes: each type's file refers into the bundle by a URI relative to
    /// its `$id`; the bundle holds each type and enum once, with local references.
    #[test]
    fn linked_layout_refers_into_one_bundle() {
        let model = hierarchy(2, false);
        let index = model.index();
        let base = layout_base("archive 2021/beta");
        assert_eq!(base, "https://msgraph-schema.invalid/archive%202021/beta/");
        let files = linked_layout(&index, &Options::default(), &base);
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "microsoft.graph.holder.schema.json",
                "microsoft.graph.base.schema.json",
                "microsoft.graph.lone.schema.json",
                "microsoft.graph.derived0.schema.json",
                "microsoft.graph.derived1.schema.json",
                BUNDLE_FILE,
            ]
        );
        for (name, document) in &files[..5] {
            assert_eq!(document["$id"], format!("{base}{name}"));
            assert!(document.get("$defs").is_none(), "{name}");
            let mut found = Vec::new();
            refs(document, &mut found);
            assert!(!found.is_empty(), "{name}");
            assert!(
                found
                    .iter()
                    .all(|r| r.starts_with("bundle.schema.json#/$defs/microsoft.graph.")),
                "{name}: {found:?}"
            );
        }
        assert_eq!(
            files[0].1["else"]["properties"]["mode"]["anyOf"][0]["$ref"],
            "bundle.schema.json#/$defs/microsoft.graph.mode"
        );
        let bundle = &files[5].1;
        assert_eq!(bundle["$id"], format!("{base}bundle.schema.json"));
        let defs = bundle["$defs"].as_object().unwrap();
        // The types, the enum, and the `name@odata.type` values of the type with derived
        // types (single and collection), which its properties refer to.
        assert_eq!(defs.len(), 8);
        let mut found = Vec::new();
        refs(bundle, &mut found);
        for r in &found {
            let name = r.strip_prefix("#/$defs/").expect("a local reference");
            assert!(defs.contains_key(&percent_decoded(name)), "{r}");
        }
        assert_eq!(
            defs["microsoft.graph.mode"]["enum"],
            serde_json::json!(["on"])
        );
    }
}

/// `text` with each `%XX` decoded (a URI fragment's percent-encoding, RFC 3986 §2.1).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], text.get(i + 1..i + 3)) {
            (b'%', Some(hex)) if u8::from_str_radix(hex, 16).is_ok() => {
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("UTF-8")
}
