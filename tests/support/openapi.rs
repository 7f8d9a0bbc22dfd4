//! What every OpenAPI document of `emit::openapi` must be, whatever the model: used by
//! `schema/tests/openapi.rs` (small models, the docs corpus) and `tests/full_tree.rs` (the
//! complete beta reference).

use std::collections::{BTreeSet, HashSet};

use msgraph_schema_core::emit::json_schema::{DRAFT_2020_12, bundle};
use msgraph_schema_core::emit::openapi::{Info, component_key, openapi};
use msgraph_schema_core::model::Model;
use msgraph_schema_core::rules::Options;
use serde_json::{Value, json};

/// What a `$ref` to a component starts with.
const COMPONENTS: &str = "#/components/schemas/";

/// What [`check`] found, for a test to add its own assertions.
pub(crate) struct Checked {
    /// The component keys.
    pub(crate) keys: BTreeSet<String>,
    /// The component schemas that hold `@` in the bundle's name (derived-type annotation lists).
    pub(crate) annotation_lists: usize,
    /// The `$ref`s checked.
    pub(crate) refs: usize,
}

/// Emits the OpenAPI document of `model` under `options` and asserts that it holds: the fixed
/// fields; every key valid for OpenAPI 3.1 (`^[a-zA-Z0-9\.\-_]+$`) and the mapping from the
/// bundle's `$defs` names injective; one component per distinct type and enum name and two per
/// type with derived types (single and collection annotation lists); and each component the
/// bundle's definition with only its `$ref`s changed, each naming an existing component: the
/// one the bundle's reference names.
pub(crate) fn check(model: &Model, options: &Options) -> Checked {
    let index = model.index();
    let info = Info {
        title: "check",
        version: "0",
        description: None,
    };
    let document = openapi(&index, options, &info);
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["jsonSchemaDialect"], DRAFT_2020_12);
    assert_eq!(
        document["info"],
        json!({ "title": "check", "version": "0" })
    );
    assert_eq!(document["paths"], json!({}));
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("components.schemas is an object");

    let keys: BTreeSet<String> = schemas.keys().cloned().collect();
    for key in &keys {
        assert!(
            !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)),
            "component key {key:?} is not valid in OpenAPI 3.1"
        );
    }

    let bundle = bundle(&index, options, "urn:check");
    let defs = bundle["$defs"].as_object().expect("the bundle's $defs");
    let mapped: HashSet<String> = defs.keys().map(|name| component_key(name)).collect();
    assert_eq!(
        mapped.len(),
        defs.len(),
        "two $defs names share a component key"
    );
    assert_eq!(
        mapped,
        keys.iter().cloned().collect::<HashSet<_>>(),
        "the components are not the bundle's definitions"
    );

    // The count, from the model rather than the emitter: a distinct name per type and enum, and
    // for each type that another type derives from its two annotation lists.
    let names: HashSet<&str> = model
        .structs
        .iter()
        .map(|t| t.name.as_ref())
        .chain(model.enums.iter().map(|e| e.name.as_ref()))
        .collect();
    let mut bases = HashSet::new();
    for ty in &model.structs {
        let id = index.struct_id(&ty.name).expect("a type of the model");
        for base in index.bases_of(id) {
            let base = index
                .struct_id(&model.structs[base].name)
                .expect("a base of the model");
            if base != id {
                bases.insert(base);
            }
        }
    }
    assert_eq!(
        schemas.len(),
        names.len() + 2 * bases.len(),
        "components: one per type and enum name ({}) and two per type with derived types ({})",
        names.len(),
        bases.len()
    );

    let mut refs = 0;
    let maps = Maps { defs, schemas };
    for (name, def) in defs {
        let key = component_key(name);
        same_but_refs(def, &schemas[&key], maps, &mut refs, &key);
    }
    Checked {
        annotation_lists: defs.keys().filter(|name| name.contains('@')).count(),
        keys,
        refs,
    }
}

/// The bundle's `$defs` and the document's `components.schemas`.
#[derive(Clone, Copy)]
struct Maps<'a> {
    defs: &'a serde_json::Map<String, Value>,
    schemas: &'a serde_json::Map<String, Value>,
}

/// Asserts that `component` is `def` with each `$ref` into the bundle's `$defs` turned into the
/// `$ref` to the component of the same definition (`at`: the component, for messages).
fn same_but_refs(def: &Value, component: &Value, maps: Maps<'_>, refs: &mut usize, at: &str) {
    let Maps { defs, schemas } = maps;
    match (def, component) {
        (Value::Object(def), Value::Object(component)) => {
            assert_eq!(
                def.keys().collect::<Vec<_>>(),
                component.keys().collect::<Vec<_>>(),
                "in {at}"
            );
            for (key, value) in def {
                match (key.as_str(), value, &component[key]) {
                    ("$ref", Value::String(from), Value::String(to)) => {
                        *refs += 1;
                        let name = definition_named(from)
                            .unwrap_or_else(|| panic!("in {at}: {from} is no bundle reference"));
                        assert!(defs.contains_key(&name), "in {at}: {from} names nothing");
                        let target = to.strip_prefix(COMPONENTS).unwrap_or_else(|| {
                            panic!("in {at}: {to} does not point into components.schemas")
                        });
                        assert_eq!(target, component_key(&name), "in {at}: {from} became {to}");
                        assert!(schemas.contains_key(target), "in {at}: {to} names nothing");
                    }
                    (_, value, other) => same_but_refs(value, other, maps, refs, at),
                }
            }
        }
        (Value::Array(def), Value::Array(component)) => {
            assert_eq!(def.len(), component.len(), "in {at}");
            for (def, component) in def.iter().zip(component) {
                same_but_refs(def, component, maps, refs, at);
            }
        }
        (def, component) => assert_eq!(def, component, "in {at}"),
    }
}

/// The definition a bundle reference `#/$defs/<token>` names: the token percent-decoded, then
/// unescaped as a JSON Pointer token (RFC 6901: `~1` → `/`, `~0` → `~`).
fn definition_named(reference: &str) -> Option<String> {
    let token = reference.strip_prefix("#/$defs/")?;
    let mut bytes = Vec::with_capacity(token.len());
    let mut rest = token.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    let token = String::from_utf8(bytes).ok()?;
    Some(token.replace("~1", "/").replace("~0", "~"))
}
