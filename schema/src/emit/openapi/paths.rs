//! The `paths` of the OpenAPI document: the requests the model knows, from its entity container
//! (entity sets and singletons) and the operations bound to their entity types.
//!
//! Per entity set `/{set}`: `get` (a page of the collection, `{"value": [...]}`) and `post` (a
//! create body); per entity `/{set}/{type-id}`: `get`, `patch` (an update body), `delete`; per
//! singleton `/{singleton}`: `get`, `patch`. Each action bound to the entity type (or a base)
//! is a `post` at `…/{action}` with its parameters' type as the body; each function a `get` at
//! `…/{function}(p='{p}',…)` with its parameters in the path, when each is a single primitive
//! or enum value (else it is skipped and counted, [`Skipped`]). Every operation's `default`
//! response is Graph's error body ([`ERROR_RESPONSE`]).
//!
//! Built in one pass over the model and one over the container: the size of the result is the
//! container's times the operations each root's type and bases have.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde_json::{Map, Value, json};

use super::{COMPONENTS, component_key};
use crate::emit::json_schema::primitive_schema;
use crate::model::{
    ModelIndex, OperationKind, Primitive, Returns, RootResource, TypeRef, short_name,
};

/// The key under `components.responses` of Graph's error body.
pub const ERROR_RESPONSE: &str = "error";

/// What a `$ref` to a component response starts with.
const RESPONSES: &str = "#/components/responses/";

/// Why part of the container or an operation has no path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skipped {
    /// An entity set or singleton whose entity type the model lacks.
    RootTypeUnknown,
    /// An entity set or singleton named like an earlier one: its paths would be the same.
    RootNameRepeated,
    /// A bound function with a parameter that a URL cannot carry as one literal (a collection,
    /// a structured value, `Edm.Binary` or `Edm.Stream`); counted once per root it would have
    /// had a path under.
    FunctionParameterNotInUrl,
}

impl Skipped {
    /// Every reason, in order.
    pub const ALL: [Skipped; 3] = [
        Skipped::RootTypeUnknown,
        Skipped::RootNameRepeated,
        Skipped::FunctionParameterNotInUrl,
    ];

    /// A stable kebab-case name: the key under the document's `x-msgraph-schema-skipped`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Skipped::RootTypeUnknown => "root-type-unknown",
            Skipped::RootNameRepeated => "root-name-repeated",
            Skipped::FunctionParameterNotInUrl => "function-parameter-not-in-url",
        }
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Skipped::RootTypeUnknown => "an entity set or singleton whose type the model lacks",
            Skipped::RootNameRepeated => "an entity set or singleton named like an earlier one",
            Skipped::FunctionParameterNotInUrl => {
                "a function with a parameter a URL cannot carry as one literal"
            }
        })
    }
}

/// The `paths` object and what it holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Paths {
    /// Path template → path item, in key order.
    pub paths: Map<String, Value>,
    /// How many operations (method and path) the path items hold.
    pub operations: usize,
    /// How many of each were left out, by reason.
    pub skipped: BTreeMap<Skipped, usize>,
}

/// The requests of the model that `index` indexes, as an OpenAPI 3.1 `paths` object: every
/// `$ref` names a component of the document [`super::openapi`] writes (a schema of the
/// bundle, or [`ERROR_RESPONSE`]).
pub fn paths(index: &ModelIndex<'_>) -> Paths {
    let model = index.model();
    // Each binding type's operations (their parameter types), in model order, once by name.
    let mut bound: HashMap<usize, Vec<usize>> = HashMap::new();
    for (at, ty) in model.structs.iter().enumerate() {
        let Some(of) = &ty.operation else { continue };
        if index.struct_id(&ty.name) != Some(at) {
            continue;
        }
        if let Some(binding) = entity_id(index, &of.binding) {
            bound.entry(binding).or_default().push(at);
        }
    }
    let mut built = Builder {
        index,
        bound,
        out: Paths::default(),
        ids: HashSet::new(),
    };
    let mut roots = HashSet::new();
    let container = &model.container;
    let all = (container.entity_sets.iter().map(|r| (r, false)))
        .chain(container.singletons.iter().map(|r| (r, true)));
    for (root, singleton) in all {
        if !roots.insert(root.name.as_ref()) {
            built.skip(Skipped::RootNameRepeated);
            continue;
        }
        let Some(ty) = entity_id(index, &root.ty) else {
            built.skip(Skipped::RootTypeUnknown);
            continue;
        };
        if singleton {
            built.singleton(root, ty);
        } else {
            built.entity_set(root, ty);
        }
    }
    built.out
}

/// The response `components.responses.error`: Graph's error body
/// (`{"error": {"code", "message", "details": [...]}}`) for any status without another.
pub fn error_response() -> Value {
    let detail = json!({
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": { "type": "string" },
            "message": { "type": "string" },
            "target": { "type": "string" },
        },
    });
    let mut error = detail.clone();
    error["properties"]["details"] = json!({ "type": "array", "items": detail });
    error["properties"]["innerError"] = json!({ "type": "object" });
    json!({
        "description": "Graph's error body.",
        "content": { "application/json": { "schema": {
            "type": "object",
            "required": ["error"],
            "properties": { "error": error },
        } } },
    })
}

/// The structured type `name` names (qualified or alias), unless it holds an operation's
/// parameters.
fn entity_id(index: &ModelIndex<'_>, name: &str) -> Option<usize> {
    let id = index.struct_id(name)?;
    index.model().structs[id].operation.is_none().then_some(id)
}

/// Writes the path items of one root after another.
struct Builder<'a, 'm> {
    index: &'a ModelIndex<'m>,
    /// Binding type → its operations' parameter types.
    bound: HashMap<usize, Vec<usize>>,
    out: Paths,
    /// The operation ids given so far.
    ids: HashSet<String>,
}

impl Builder<'_, '_> {
    fn skip(&mut self, reason: Skipped) {
        *self.out.skipped.entry(reason).or_default() += 1;
    }

    /// `/{set}` and `/{set}/{type-id}`, and the operations bound to the set's type.
    fn entity_set(&mut self, root: &RootResource, ty: usize) {
        let set = root.name.as_ref();
        let type_name = &self.index.model().structs[ty].name;
        let short = short_name(type_name);
        let schema = schema_ref(type_name);
        let collection = json!({
            "type": "object",
            "required": ["value"],
            "properties": { "value": { "type": "array", "items": schema } },
        });
        let mut item = Map::new();
        item.insert(
            "get".into(),
            self.operation(
                format!("{set}.list"),
                None,
                "200",
                Some(("A page of the collection.", collection)),
            ),
        );
        item.insert(
            "post".into(),
            self.operation(
                format!("{set}.create"),
                Some(schema.clone()),
                "201",
                Some(("The entity created.", schema.clone())),
            ),
        );
        self.insert(format!("/{set}"), item);

        let key = format!("{short}-id");
        let entity = format!("/{set}/{{{key}}}");
        let prefix = format!("{set}.{short}");
        let mut item = self.single(&prefix, &schema);
        item.insert(
            "delete".into(),
            self.operation(format!("{prefix}.delete"), None, "204", None),
        );
        item.insert("parameters".into(), json!([key_parameter(&key, short)]));
        self.insert(entity.clone(), item);
        self.operations(&entity, &prefix, ty, Some((&key, short)));
    }

    /// `/{singleton}` and the operations bound to its type.
    fn singleton(&mut self, root: &RootResource, ty: usize) {
        let name = root.name.as_ref();
        let schema = schema_ref(&self.index.model().structs[ty].name);
        let item = self.single(name, &schema);
        self.insert(format!("/{name}"), item);
        self.operations(&format!("/{name}"), name, ty, None);
    }

    /// `get` and `patch` of one entity of type `schema`.
    fn single(&mut self, prefix: &str, schema: &Value) -> Map<String, Value> {
        let mut item = Map::new();
        item.insert(
            "get".into(),
            self.operation(
                format!("{prefix}.get"),
                None,
                "200",
                Some(("The entity.", schema.clone())),
            ),
        );
        item.insert(
            "patch".into(),
            self.operation(
                format!("{prefix}.update"),
                Some(schema.clone()),
                "204",
                None,
            ),
        );
        item
    }

    /// The operations bound to `ty` or a base (the nearest of each name), under `path`; `key`
    /// is the path's key parameter and its type's short name.
    fn operations(&mut self, path: &str, prefix: &str, ty: usize, key: Option<(&str, &str)>) {
        let index = self.index;
        let structs = &index.model().structs;
        let mut names = HashSet::new();
        let chain = std::iter::once(ty).chain(index.bases_of(ty));
        let found: Vec<usize> = chain
            .flat_map(|binding| self.bound.get(&binding).into_iter().flatten().copied())
            .filter(|&op| {
                let of = structs[op].operation.as_ref().expect("an operation");
                names.insert(short_name(&of.name))
            })
            .collect();
        for op in found {
            let parameters = &structs[op];
            let of = parameters.operation.as_ref().expect("an operation");
            let name = short_name(&of.name);
            let id = format!("{prefix}.{name}");
            let mut item = Map::new();
            let mut path_parameters: Vec<Value> = key
                .map(|(key, short)| key_parameter(key, short))
                .into_iter()
                .collect();
            let segment = match of.kind {
                OperationKind::Action => {
                    let body =
                        (!parameters.properties.is_empty()).then(|| schema_ref(&parameters.name));
                    let result = self.result(of.returns.as_ref());
                    item.insert("post".into(), self.operation(id, body, "2XX", result));
                    name.to_owned()
                }
                OperationKind::Function => {
                    let Some((segment, in_path)) = function_segment(name, parameters) else {
                        self.skip(Skipped::FunctionParameterNotInUrl);
                        continue;
                    };
                    path_parameters.extend(in_path);
                    let result = self.result(of.returns.as_ref());
                    item.insert("get".into(), self.operation(id, None, "200", result));
                    segment
                }
            };
            if !path_parameters.is_empty() {
                item.insert("parameters".into(), Value::Array(path_parameters));
            }
            self.insert(format!("{path}/{segment}"), item);
        }
    }

    /// One operation: its unique id (`id`, else `id-2`, `id-3`, …), its request body (`body`,
    /// a schema), its success `status` with an optional description and schema, and the
    /// error response as `default`.
    fn operation(
        &mut self,
        id: String,
        body: Option<Value>,
        status: &str,
        success: Option<(&str, Value)>,
    ) -> Value {
        let id = self.unique(id);
        self.out.operations += 1;
        let mut response = json!({ "description": "Success." });
        if let Some((description, schema)) = success {
            response = json!({
                "description": description,
                "content": { "application/json": { "schema": schema } },
            });
        }
        let mut responses = Map::new();
        responses.insert(status.to_owned(), response);
        responses.insert(
            "default".to_owned(),
            json!({ "$ref": format!("{RESPONSES}{ERROR_RESPONSE}") }),
        );
        let mut operation = json!({ "operationId": id, "responses": responses });
        if let Some(schema) = body {
            operation["requestBody"] = json!({
                "required": true,
                "content": { "application/json": { "schema": schema } },
            });
        }
        operation
    }

    /// The success body of an operation that returns `returns`, if the model knows its type:
    /// a single entity or complex value is the object itself; a single primitive or enum value
    /// and a collection are wrapped as `{"value": …}` (OData JSON Format 4.01 §11, Individual
    /// Property, and §12, Collection of Entities).
    fn result(&self, returns: Option<&Returns>) -> Option<(&'static str, Value)> {
        let returns = returns?;
        let one = match &returns.ty {
            TypeRef::Primitive(primitive) => primitive_schema(*primitive),
            TypeRef::Enum(name) => schema_ref(&self.index.find_enum(name)?.name),
            TypeRef::Struct(name) => schema_ref(&self.index.find_struct(name)?.name),
        };
        let value = |schema: Value| {
            json!({
                "type": "object",
                "required": ["value"],
                "properties": { "value": schema },
            })
        };
        Some(match (returns.collection, &returns.ty) {
            (true, _) => (
                "The operation's result: a collection.",
                value(json!({ "type": "array", "items": one })),
            ),
            (false, TypeRef::Struct(_)) => ("The operation's result.", one),
            (false, _) => ("The operation's result: one value.", value(one)),
        })
    }

    /// `id`, or the first of `id-2`, `id-3`, … not given yet.
    fn unique(&mut self, id: String) -> String {
        if self.ids.insert(id.clone()) {
            return id;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{id}-{n}");
            if self.ids.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }

    fn insert(&mut self, path: String, item: Map<String, Value>) {
        self.out.paths.insert(path, Value::Object(item));
    }
}

/// `$ref` to the component of the type or enum `name`.
fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("{COMPONENTS}{}", component_key(name)) })
}

/// The path parameter `key` (`user-id`): the key of an entity of the type `short`.
fn key_parameter(key: &str, short: &str) -> Value {
    json!({
        "name": key,
        "in": "path",
        "required": true,
        "description": format!("The key of a {short}."),
        "schema": { "type": "string" },
    })
}

/// A function's segment, `name(p='{p}',q={q})` (`name()` without parameters), and its path
/// parameters; `None` when a parameter cannot be one literal in a URL.
fn function_segment(
    name: &str,
    parameters: &crate::model::StructuredType,
) -> Option<(String, Vec<Value>)> {
    let mut written = Vec::with_capacity(parameters.properties.len());
    let mut in_path = Vec::with_capacity(parameters.properties.len());
    for parameter in parameters.properties.iter() {
        if parameter.collection {
            return None;
        }
        let p = parameter.name.as_ref();
        let (quoted, schema) = match &parameter.ty {
            TypeRef::Enum(enum_name) => (true, schema_ref(enum_name)),
            TypeRef::Struct(_) => return None,
            TypeRef::Primitive(primitive) => literal(*primitive)?,
        };
        written.push(match quoted {
            true => format!("{p}='{{{p}}}'"),
            false => format!("{p}={{{p}}}"),
        });
        in_path.push(json!({
            "name": p,
            "in": "path",
            "required": true,
            "schema": schema,
        }));
    }
    Some((format!("{name}({})", written.join(",")), in_path))
}

/// Whether a primitive's URL literal is quoted (OData ABNF: a string, a duration) and the
/// schema of its text; `None` for the types without a plain literal (`Edm.Binary` needs its
/// `binary` prefix, `Edm.Stream` has none).
fn literal(primitive: Primitive) -> Option<(bool, Value)> {
    let (quoted, ty) = match primitive {
        Primitive::String | Primitive::Duration => (true, "string"),
        Primitive::Boolean => (false, "boolean"),
        Primitive::Byte
        | Primitive::SByte
        | Primitive::Int16
        | Primitive::Int32
        | Primitive::Int64 => (false, "integer"),
        Primitive::Single | Primitive::Double | Primitive::Decimal => (false, "number"),
        Primitive::Date | Primitive::DateTimeOffset | Primitive::TimeOfDay | Primitive::Guid => {
            (false, "string")
        }
        Primitive::Binary | Primitive::Stream => return None,
    };
    Some((quoted, json!({ "type": ty })))
}
