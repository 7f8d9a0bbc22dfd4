//! The model as an OpenAPI 3.1 document ([`openapi`]): the definitions of the JSON Schema
//! [`bundle`] as `components.schemas`, the same schemas with their references rewritten
//! ([`from_bundle`]), keyed by [`component_key`]; and as `paths` the requests of the model's
//! entity container and bound operations ([`paths`](paths::paths)), their errors Graph's error
//! body (`components.responses`).

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value, json};

mod paths;

pub use paths::{ERROR_RESPONSE, Paths, Skipped, error_response, paths};

use super::json_schema::{DRAFT_2020_12, LOCAL_DEFS, bundle, pointer_fragment};
use crate::model::ModelIndex;
use crate::rules::Options;

/// The `openapi` field of every emitted document.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The file an OpenAPI document is written to: `openapi.json`.
pub const OPENAPI_FILE: &str = "openapi.json";

/// What a `$ref` to a component schema starts with.
pub(crate) const COMPONENTS: &str = "#/components/schemas/";

/// The document's `info`: its `title` and `version` (OpenAPI 3.1 §4.8.2, both required), and
/// an optional `description`.
#[derive(Debug, Clone, Copy)]
pub struct Info<'a> {
    /// `info.title`.
    pub title: &'a str,
    /// `info.version`: the version of the document (not of OpenAPI).
    pub version: &'a str,
    /// `info.description`, left out when `None`.
    pub description: Option<&'a str>,
}

/// Why a JSON Schema bundle cannot become an OpenAPI document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenApiError {
    /// The bundle has no `$defs` object.
    NoDefinitions,
    /// A `$ref` names no definition of the bundle.
    UnknownReference(String),
}

impl fmt::Display for OpenApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenApiError::NoDefinitions => write!(f, "the bundle has no `$defs` object"),
            OpenApiError::UnknownReference(to) => {
                write!(f, "`$ref` {to:?} names no definition of the bundle")
            }
        }
    }
}

impl std::error::Error for OpenApiError {}

/// The OpenAPI 3.1 document of the model under `options`: every structured type and enum, and
/// each derived-type annotation list, as `components.schemas` in JSON Schema 2020-12
/// (`jsonSchemaDialect`), exactly the definitions of [`bundle`]; the requests of its container
/// as `paths` ([`paths()`]), with Graph's error body as `components.responses.error` when there
/// is one, and what [`paths()`] left out counted by reason under `x-msgraph-schema-skipped`.
///
/// ```
/// use msgraph_schema_core::emit::openapi::{Info, openapi};
/// use msgraph_schema_core::{rules::Options, tree::parse_page};
/// let page = "# thing resource type\n\n## Properties\n\n|Property|Type|Description|\n\
///             |:--|:--|:--|\n|name|String|The name. Nullable: false.|\n";
/// let model = parse_page("thing.md", page).unwrap();
/// let info = Info { title: "things", version: "1.0", description: None };
/// let document = openapi(&model.index(), &Options::default(), &info);
/// assert_eq!(document["openapi"], "3.1.0");
/// let thing = &document["components"]["schemas"]["microsoft.graph.thing"];
/// assert_eq!(thing["else"]["properties"]["name"]["type"], "string");
/// assert_eq!(document["paths"], serde_json::json!({}));
/// ```
pub fn openapi(index: &ModelIndex<'_>, options: &Options, info: &Info<'_>) -> Value {
    let mut document = from_bundle(bundle(index, options, ""), info)
        .expect("a bundle refers only to its own $defs");
    let built = paths(index);
    if !built.paths.is_empty() {
        document["components"]["responses"] = json!({ ERROR_RESPONSE: error_response() });
    }
    if !built.skipped.is_empty() {
        let skipped: Map<String, Value> = built
            .skipped
            .iter()
            .map(|(reason, count)| (reason.as_str().to_owned(), json!(count)))
            .collect();
        document["x-msgraph-schema-skipped"] = Value::Object(skipped);
    }
    document["paths"] = Value::Object(built.paths);
    document
}

/// The OpenAPI 3.1 document holding the definitions of `bundle` (as [`bundle`] writes it) as
/// `components.schemas`: each key mapped by [`component_key`], each `$ref` to a definition
/// (`#/$defs/<name>`) rewritten to `#/components/schemas/<key>`; nothing else changes. An error
/// when the bundle has no `$defs` or a `$ref` names anything else.
pub fn from_bundle(bundle: Value, info: &Info<'_>) -> Result<Value, OpenApiError> {
    let defs = match bundle {
        Value::Object(mut bundle) => match bundle.remove("$defs") {
            Some(Value::Object(defs)) => defs,
            _ => return Err(OpenApiError::NoDefinitions),
        },
        _ => return Err(OpenApiError::NoDefinitions),
    };
    let refs: HashMap<String, String> = defs
        .keys()
        .map(|name| {
            let from = format!("{LOCAL_DEFS}{}", pointer_fragment(name));
            (from, format!("{COMPONENTS}{}", component_key(name)))
        })
        .collect();
    let mut schemas = Map::new();
    for (name, mut schema) in defs {
        rewrite_refs(&mut schema, &refs)?;
        schemas.insert(component_key(&name), schema);
    }
    let mut info_object = json!({ "title": info.title, "version": info.version });
    if let Some(description) = info.description {
        info_object["description"] = json!(description);
    }
    Ok(json!({
        "openapi": OPENAPI_VERSION,
        "jsonSchemaDialect": DRAFT_2020_12,
        "info": info_object,
        "paths": {},
        "components": { "schemas": schemas },
    }))
}

/// The key under `components.schemas` of the bundle's definition `name`, valid for OpenAPI 3.1
/// (`^[a-zA-Z0-9\.\-_]+$`): every byte of `name` outside `A-Z a-z 0-9 . _` is written `-XX`,
/// its two upper-case hexadecimal digits.
///
/// A qualified type or enum name (OData identifiers: letters, digits and `_`, joined by `.`)
/// keeps its spelling. `-` appears in a key only before the two digits of a byte written so,
/// which makes the mapping decodable, hence injective: no two names share a key, and no key
/// of a name written with `-XX` is a type's name.
///
/// ```
/// use msgraph_schema_core::emit::openapi::component_key;
/// assert_eq!(component_key("microsoft.graph.entity"), "microsoft.graph.entity");
/// assert_eq!(component_key("microsoft.graph.entity@odata.type"), "microsoft.graph.entity-40odata.type");
/// assert_eq!(
///     component_key("Collection(microsoft.graph.entity)@odata.type"),
///     "Collection-28microsoft.graph.entity-29-40odata.type"
/// );
/// assert_eq!(component_key("a-b"), "a-2Db");
/// ```
pub fn component_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'_' {
            key.push(char::from(byte));
        } else {
            key.push_str(&format!("-{byte:02X}"));
        }
    }
    key
}

/// Rewrites every `$ref` under `value` by `refs`; an error for one it lacks.
fn rewrite_refs(value: &mut Value, refs: &HashMap<String, String>) -> Result<(), OpenApiError> {
    match value {
        Value::Object(object) => {
            for (key, child) in object.iter_mut() {
                if key == "$ref" {
                    if let Value::String(to) = child {
                        match refs.get(to.as_str()) {
                            Some(new) => *to = new.clone(),
                            None => return Err(OpenApiError::UnknownReference(to.clone())),
                        }
                        continue;
                    }
                }
                rewrite_refs(child, refs)?;
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite_refs(item, refs)?;
            }
        }
        _ => {}
    }
    Ok(())
}
