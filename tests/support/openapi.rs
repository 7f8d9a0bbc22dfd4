//! What every OpenAPI document of `emit::openapi` must be, whatever the model: used by
//! `schema/tests/openapi.rs` (small models, the docs corpus) and `tests/full_tree.rs` (the
//! complete beta reference). The components are the bundle's definitions; the paths are
//! checked by their shape (templates and their parameters, unique operation ids, every `$ref`
//! resolved in the document), whatever they hold.

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
    /// The paths.
    pub(crate) paths: usize,
    /// The operations (method and path) of the paths.
    pub(crate) operations: usize,
    /// The `$ref`s of the paths checked.
    pub(crate) path_refs: usize,
}

/// Emits the OpenAPI document of `model` under `options` and asserts that it holds: the fixed
/// fields; every key valid for OpenAPI 3.1 (`^[a-zA-Z0-9\.\-_]+$`) and the mapping from the
/// bundle's `$defs` names injective; one component per distinct type and enum name and two per
/// type with derived types (single and collection annotation lists); and each component the
/// bundle's definition with only its `$ref`s changed, each naming an existing component: the
/// one the bundle's reference names. Then the paths, as [`check_paths`].
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
    let (paths, operations, path_refs) = check_paths(&document);
    Checked {
        annotation_lists: defs.keys().filter(|name| name.contains('@')).count(),
        keys,
        refs,
        paths,
        operations,
        path_refs,
    }
}

/// The methods an operation may sit under in a path item.
const METHODS: [&str; 5] = ["get", "post", "patch", "put", "delete"];

/// Asserts what every `paths` object must be: each template starts with `/` and its `{name}`s
/// are exactly the path item's path parameters (each required, each once); each operation has
/// an `operationId` no other has, a success response and the `default` error response; every
/// `$ref` under `paths` names a component of the document (a schema or a response). Returns
/// the paths, the operations and the `$ref`s checked.
pub(crate) fn check_paths(document: &Value) -> (usize, usize, usize) {
    let paths = document["paths"].as_object().expect("paths is an object");
    let components = &document["components"];
    let mut ids = HashSet::new();
    let (mut operations, mut refs) = (0, 0);
    for (template, item) in paths {
        assert!(template.starts_with('/'), "{template}");
        let mut named = BTreeSet::new();
        for piece in template.split('{').skip(1) {
            let (name, _) = piece.split_once('}').expect("a closed template expression");
            assert!(
                named.insert(name.to_owned()),
                "{template}: {{{name}}} twice"
            );
        }
        let declared: Vec<&str> = item["parameters"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|p| {
                assert_eq!((&p["in"], &p["required"]), (&json!("path"), &json!(true)));
                p["name"].as_str().expect("a parameter's name")
            })
            .collect();
        assert_eq!(
            declared
                .iter()
                .map(|n| (*n).to_owned())
                .collect::<BTreeSet<_>>(),
            named,
            "{template}: its parameters"
        );
        assert_eq!(declared.len(), named.len(), "{template}: a parameter twice");
        let item = item.as_object().expect("a path item");
        for (key, operation) in item {
            if key == "parameters" {
                continue;
            }
            assert!(METHODS.contains(&key.as_str()), "{template}: {key}");
            operations += 1;
            let id = operation["operationId"].as_str().expect("an operationId");
            assert!(ids.insert(id.to_owned()), "operationId {id} twice");
            let responses = operation["responses"].as_object().expect("responses");
            assert_eq!(
                responses["default"],
                json!({ "$ref": "#/components/responses/error" }),
                "{template} {key}"
            );
            assert!(
                responses.keys().any(|status| status.starts_with('2')),
                "{template} {key}: no success response"
            );
        }
        each_ref(&Value::Object(item.clone()), &mut |to| {
            refs += 1;
            let (kind, key) = to
                .strip_prefix("#/components/")
                .and_then(|rest| rest.split_once('/'))
                .unwrap_or_else(|| panic!("{template}: {to} is not a component"));
            assert!(
                components[kind].get(key).is_some(),
                "{template}: {to} names nothing"
            );
        });
    }
    if !paths.is_empty() {
        assert!(components["responses"]["error"]["content"].is_object());
    }
    (paths.len(), operations, refs)
}

/// Calls `found` with every `$ref` under `value`.
fn each_ref(value: &Value, found: &mut impl FnMut(&str)) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                match (key.as_str(), child) {
                    ("$ref", Value::String(to)) => found(to),
                    _ => each_ref(child, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| each_ref(item, found)),
        _ => {}
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
