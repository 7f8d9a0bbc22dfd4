//! The model as JSON Schema 2020-12: one type's document ([`type_schema`], and [`standalone`]
//! with everything it reaches), and the shared layout of a whole model that `build` writes
//! ([`linked_layout`]: a file per type referring into one [`bundle`]).

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use crate::edm_patterns;
use crate::model::{EnumType, ModelIndex, Primitive, Property, StructuredType, TypeRef};
use crate::rules::Options;

/// The `$schema` of every emitted document.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

pub use crate::edm_patterns::DATE_TIME_OFFSET_PATTERN;

/// The `$id` of the schema of `type_name` under `options`.
pub fn schema_id(type_name: &str, options: &Options) -> String {
    let strict = if options.strict { ":strict" } else { "" };
    format!(
        "urn:msgraph-schema:{type_name}:{}{strict}",
        options.operation.as_str()
    )
}

/// The file of the bundle in a [`linked_layout`]: every type and enum under `$defs`.
pub const BUNDLE_FILE: &str = "bundle.schema.json";

/// The file of `type_name`'s schema in a [`linked_layout`]: `microsoft.graph.x.schema.json`.
pub fn schema_file(type_name: &str) -> String {
    format!("{type_name}.schema.json")
}

/// The base URI of the documents of a [`linked_layout`] kept in the folder `path` (relative,
/// `/`-separated, e.g. `archive-2021/beta`): under the host `msgraph-schema.invalid`, which
/// never resolves (RFC 6761), so a consumer registers the bundle instead of fetching it.
///
/// ```
/// use msgraph_schema_core::emit::json_schema::layout_base;
/// assert_eq!(layout_base("archive-2021/beta"), "https://msgraph-schema.invalid/archive-2021/beta/");
/// assert_eq!(layout_base(""), "https://msgraph-schema.invalid/");
/// ```
pub fn layout_base(path: &str) -> String {
    let mut base = String::from("https://msgraph-schema.invalid/");
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        base.push_str(&percent_encode(segment));
        base.push('/');
    }
    base
}

/// The schema of one structured type: a document with the enums it uses in `$defs`; its
/// `$ref`s to other structured types point into its own `$defs` (see [`standalone`] for a
/// document that holds them too).
///
/// ```
/// use msgraph_schema_core::{emit::json_schema::type_schema, rules::Options, tree::parse_page};
/// let page = "# thing resource type\n\n## Properties\n\n|Property|Type|Description|\n\
///             |:--|:--|:--|\n|name|String|The name. Nullable: false.|\n";
/// let model = parse_page("thing.md", page).unwrap();
/// let schema = type_schema(&model.index(), &model.structs[0], &Options::default());
/// // `else`: the value's `@odata.type`, if any, names this type (`then`: it names another).
/// assert_eq!(schema["else"]["properties"]["name"]["type"], "string");
/// assert_eq!(schema["else"]["additionalProperties"], false);
/// assert_eq!(schema["if"]["required"][0], "@odata.type");
/// ```
pub fn type_schema(index: &ModelIndex<'_>, ty: &StructuredType, options: &Options) -> Value {
    let mut enums = Map::new();
    let mut schema = Emitter::local(index, options).object(ty, Some(&mut enums));
    schema.insert("$schema".to_owned(), json!(DRAFT_2020_12));
    schema.insert("$id".to_owned(), json!(schema_id(&ty.name, options)));
    if !enums.is_empty() {
        schema.insert("$defs".to_owned(), Value::Object(enums));
    }
    Value::Object(schema)
}

/// A type's schema with every structured type and enum it reaches (property types and derived
/// types, transitively) in `$defs`, so that the document stands alone; a reference back to the
/// type itself is `#`. Built in time linear in what the type reaches.
pub fn standalone(index: &ModelIndex<'_>, ty: &StructuredType, options: &Options) -> Value {
    let emitter = Emitter::local(index, options);
    let mut schema = type_schema(index, ty, options);
    let mut defs = match schema.get_mut("$defs").map(Value::take) {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    let root = index.struct_id(&ty.name);
    let mut seen = HashSet::new();
    let mut queue = emitter.reached(ty);
    while let Some(id) = queue.pop() {
        if !seen.insert(id) {
            continue;
        }
        let found = &index.model().structs[id];
        if Some(id) == root {
            // A cycle back to the root type: refer to the document itself.
            defs.insert(found.name.to_string(), json!({ "$ref": "#" }));
            continue;
        }
        let sub = emitter.object(found, Some(&mut defs));
        defs.insert(found.name.to_string(), Value::Object(sub));
        queue.extend(emitter.reached(found));
    }
    if !defs.is_empty() {
        schema["$defs"] = Value::Object(defs);
    }
    schema
}

/// A type's schema for `$defs`: no `$schema` or `$id` (so `#/$defs/…` resolves against the
/// document); the definitions of the enums it uses are added to `defs`.
pub fn embedded(
    index: &ModelIndex<'_>,
    ty: &StructuredType,
    options: &Options,
    defs: &mut Map<String, Value>,
) -> Value {
    Value::Object(Emitter::local(index, options).object(ty, Some(defs)))
}

/// One document holding every structured type and enum of the model under `$defs`, each once
/// (by qualified name; of types declared twice, the first), referring to each other by
/// `#/$defs/<name>`; its `$id` is `id`.
pub fn bundle(index: &ModelIndex<'_>, options: &Options, id: &str) -> Value {
    let emitter = Emitter::local(index, options);
    let model = index.model();
    let mut defs = Map::new();
    for (at, ty) in model.structs.iter().enumerate() {
        if index.struct_id(&ty.name) == Some(at) {
            defs.insert(ty.name.to_string(), Value::Object(emitter.object(ty, None)));
        }
    }
    for (at, found) in model.enums.iter().enumerate() {
        if index.enum_id(&found.name) == Some(at) {
            defs.insert(found.name.to_string(), enum_schema(found, options));
        }
    }
    // The `name@odata.type` values of every type with derived types, single and collection.
    for (at, ty) in model.structs.iter().enumerate() {
        if index.struct_id(&ty.name) == Some(at) && emitter.has_derived(ty) {
            for collection in [false, true] {
                let schema = emitter.annotation_schema(ty, collection);
                defs.insert(annotation_def(&ty.name, collection), schema);
            }
        }
    }
    json!({ "$schema": DRAFT_2020_12, "$id": id, "$defs": defs })
}

/// The shared layout of a whole model, as `build` writes it: `(file name, document)` for each
/// structured type ([`schema_file`]: the type's own rules, every `$ref` pointing into
/// `bundle.schema.json#/$defs/…`), then the [`bundle`] ([`BUNDLE_FILE`]). Each document's
/// `$id` is `base` (see [`layout_base`]) and its file name, so the relative references resolve
/// once the bundle is registered under its `$id`. The size is linear in the model's: no
/// definition is repeated in a type's file.
pub fn linked_layout(
    index: &ModelIndex<'_>,
    options: &Options,
    base: &str,
) -> Vec<(String, Value)> {
    let defs = format!("{BUNDLE_FILE}{LOCAL_DEFS}");
    let emitter = Emitter {
        index,
        options,
        defs: &defs,
    };
    let model = index.model();
    let mut files = Vec::with_capacity(model.structs.len() + 1);
    for (at, ty) in model.structs.iter().enumerate() {
        if index.struct_id(&ty.name) != Some(at) {
            continue;
        }
        let file = schema_file(&ty.name);
        let mut schema = emitter.object(ty, None);
        schema.insert("$schema".to_owned(), json!(DRAFT_2020_12));
        schema.insert(
            "$id".to_owned(),
            json!(format!("{base}{}", percent_encode(&file))),
        );
        files.push((file, Value::Object(schema)));
    }
    let id = format!("{base}{BUNDLE_FILE}");
    files.push((BUNDLE_FILE.to_owned(), bundle(index, options, &id)));
    files
}

/// The name of the definition of the `name@odata.type` values of a property of the structured
/// type `type_name` with derived types: `microsoft.graph.entity@odata.type`, or
/// `Collection(microsoft.graph.entity)@odata.type`.
fn annotation_def(type_name: &str, collection: bool) -> String {
    if collection {
        format!("Collection({type_name})@odata.type")
    } else {
        format!("{type_name}@odata.type")
    }
}

/// What a `$ref` to a definition in the same document starts with.
pub(crate) const LOCAL_DEFS: &str = "#/$defs/";

/// Writes the schemas of one model's types under one set of options.
struct Emitter<'a, 'm> {
    index: &'a ModelIndex<'m>,
    options: &'a Options,
    /// What a `$ref` to a definition starts with: [`LOCAL_DEFS`], or the bundle's file and
    /// [`LOCAL_DEFS`].
    defs: &'a str,
}

impl<'a, 'm> Emitter<'a, 'm> {
    /// The emitter of self-contained documents.
    fn local(index: &'a ModelIndex<'m>, options: &'a Options) -> Self {
        Emitter {
            index,
            options,
            defs: LOCAL_DEFS,
        }
    }

    /// `$ref` to the definition `name`.
    fn def_ref(&self, name: &str) -> Value {
        json!({ "$ref": format!("{}{}", self.defs, pointer_fragment(name)) })
    }

    /// The first structured type of `ty`'s name, as every `$ref` and `$defs` key names it.
    fn id_of(&self, ty: &StructuredType) -> Option<usize> {
        self.index.struct_id(&ty.name)
    }

    /// Whether [`Emitter::derived`] is not empty, without building it.
    fn has_derived(&self, ty: &StructuredType) -> bool {
        let Some(id) = self.id_of(ty) else {
            return false;
        };
        let structs = &self.index.model().structs;
        self.index.derived(id).iter().any(|&d| {
            self.index
                .struct_id(&structs[d].name)
                .is_some_and(|d| d != id)
        })
    }

    /// The types derived from `ty`, once each by name, in model order.
    fn derived(&self, ty: &StructuredType) -> Vec<usize> {
        let Some(id) = self.id_of(ty) else {
            return Vec::new();
        };
        let structs = &self.index.model().structs;
        let mut seen = HashSet::new();
        self.index
            .derived(id)
            .iter()
            .filter_map(|&d| self.index.struct_id(&structs[d].name))
            .filter(|&d| d != id && seen.insert(d))
            .collect()
    }

    /// The structured types `ty`'s schema refers to: its properties' and its derived types.
    fn reached(&self, ty: &StructuredType) -> Vec<usize> {
        let properties = ty.properties.iter().filter_map(|p| match &p.ty {
            TypeRef::Struct(name) => self.index.struct_id(name),
            _ => None,
        });
        properties.chain(self.derived(ty)).collect()
    }

    /// The schema of `ty` without `$schema`, `$id` or `$defs`; the enums it uses are added to
    /// `enums` when given.
    fn object(
        &self,
        ty: &StructuredType,
        mut enums: Option<&mut Map<String, Value>>,
    ) -> Map<String, Value> {
        let mut properties = Map::new();
        properties.insert(
            "@odata.type".to_owned(),
            json!({
                "description": "The type of the value (OData JSON Format §4.5.3).",
                "type": "string",
                "enum": self.options.odata_type_values(&ty.name),
            }),
        );
        // An operation's parameter under either spelling (`model::parameter_alias`); required,
        // it is required under one of them.
        let mut required = Vec::new();
        let mut required_either = Vec::new();
        for property in ty.properties.iter() {
            let schema = self.property(property, enums.as_deref_mut());
            let alias = ty.alias_of(property);
            // The property's own type annotation, `name@odata.type` (OData JSON Format §4.5.3):
            // one of the values that name its type. Other annotations stay free (below).
            let annotation = self.type_annotation(property, enums.as_deref_mut());
            for name in std::iter::once(property.name.as_ref()).chain(alias.as_deref()) {
                properties.insert(format!("{name}@odata.type"), annotation.clone());
            }
            let is_required = self.options.requires(property);
            match &alias {
                // Each branch names the property it requires (`true`: no rule of its own), as
                // ajv's strict mode (strictRequired) wants a required name defined beside it.
                Some(alias) if is_required => required_either.push(json!({
                    "anyOf": [
                        { "properties": { property.name.as_ref(): true }, "required": [property.name] },
                        { "properties": { alias.as_str(): true }, "required": [alias] },
                    ]
                })),
                _ if is_required => required.push(property.name.as_ref()),
                _ => {}
            }
            if let Some(alias) = alias {
                properties.insert(alias, schema.clone());
            }
            properties.insert(property.name.to_string(), schema);
        }
        // The rules of a value of this type (its `type: object` is the whole schema's, so that
        // a value that is not an object fails once).
        let mut own = Map::new();
        own.insert("properties".to_owned(), Value::Object(properties));
        // Instance annotations (`@odata.context`, `name@odata.etag`, …) are never unknown
        // properties: OData JSON Format §20, "Clients should never error due to an unexpected
        // annotation".
        own.insert("patternProperties".to_owned(), json!({ "@": true }));
        own.insert("additionalProperties".to_owned(), json!(false));
        if !required.is_empty() {
            own.insert("required".to_owned(), json!(required));
        }
        if !required_either.is_empty() {
            own.insert("allOf".to_owned(), Value::Array(required_either));
        }
        let mut schema = Map::new();
        schema.insert("title".to_owned(), json!(ty.name));
        schema.insert("description".to_owned(), json!(ty.description));
        schema.insert("type".to_owned(), json!("object"));
        let checked = self.own_or_another(ty, own);
        let derived = self.derived(ty);
        if derived.is_empty() {
            schema.extend(checked);
        } else {
            schema.insert("allOf".to_owned(), self.dispatch(&derived, checked));
        }
        schema
    }

    /// A value whose `@odata.type` names neither `ty` nor (through [`Emitter::dispatch`]) a
    /// type derived from it is no value of `ty` (OData JSON Format §4.5.3; Microsoft.OData.Core
    /// fails such a resource): `if` it names another type (or is no string), `then` that is its
    /// one error, at `@odata.type`; `else` the type's `own` rules apply.
    fn own_or_another(&self, ty: &StructuredType, own: Map<String, Value>) -> Map<String, Value> {
        let values = self.options.odata_type_values(&ty.name);
        let checked = json!({
            "if": {
                "type": "object",
                "properties": { "@odata.type": { "not": { "enum": values } } },
                "required": ["@odata.type"],
            },
            "then": {
                "type": "object",
                "properties": { "@odata.type": { "type": "string", "enum": values } },
            },
            "else": own,
        });
        match checked {
            Value::Object(checked) => checked,
            _ => unreachable!("an object literal"),
        }
    }

    /// For a type with derived types (OData JSON Format §4.5.3): one `if`/`then` per derived
    /// type that checks a value whose `@odata.type` names it as that type, through its
    /// definition, and a last `if`/`else` that applies the type's `own` rules (those of
    /// [`Emitter::own_or_another`]) when `@odata.type` names none of them. Flat, so that a type
    /// with many derived types nests no deeper than one with a single one. Each `if` holds
    /// `type: object`, so that a value that is not an object fails once, on the whole schema's
    /// `type`.
    fn dispatch(&self, derived: &[usize], own: Map<String, Value>) -> Value {
        let structs = &self.index.model().structs;
        let names = |values: Vec<String>| {
            json!({
                "type": "object",
                "properties": { "@odata.type": { "enum": values } },
                "required": ["@odata.type"],
            })
        };
        let mut any = Vec::new();
        let mut branches: Vec<Value> = derived
            .iter()
            .map(|&d| {
                let values = self.options.odata_type_values(&structs[d].name);
                any.extend(values.iter().cloned());
                json!({ "if": names(values), "then": self.def_ref(&structs[d].name) })
            })
            .collect();
        branches.push(json!({ "if": names(any), "else": own }));
        Value::Array(branches)
    }

    /// The schema of a property's `name@odata.type`: a string naming its type, or for a
    /// structured type a type derived from it ([`Options::property_type_values`]). A type with
    /// derived types has its list once, in the definition [`annotation_def`] names (added to
    /// `defs` when given; the bundle holds every one), so that the output stays linear however
    /// many properties name a base type with many derived types (`entity`).
    fn type_annotation(&self, property: &Property, defs: Option<&mut Map<String, Value>>) -> Value {
        if let TypeRef::Struct(name) = &property.ty {
            if let Some(found) = self.index.find_struct(name) {
                if self.has_derived(found) {
                    let key = annotation_def(&found.name, property.collection);
                    if let Some(defs) = defs {
                        if !defs.contains_key(&key) {
                            let family = self.annotation_schema(found, property.collection);
                            defs.insert(key.clone(), family);
                        }
                    }
                    return self.def_ref(&key);
                }
            }
        }
        let values = self
            .options
            .property_type_values(&property.ty, property.collection, &[]);
        json!({ "type": "string", "enum": values })
    }

    /// The `name@odata.type` schema of a property of structured type `ty` (a collection when
    /// `collection`): `ty` or a type derived from it.
    fn annotation_schema(&self, ty: &StructuredType, collection: bool) -> Value {
        let derived: Vec<&str> = self
            .derived(ty)
            .into_iter()
            .map(|d| self.index.model().structs[d].name.as_ref())
            .collect();
        let values = self.options.property_type_values(
            &TypeRef::Struct(ty.name.clone()),
            collection,
            &derived,
        );
        json!({ "type": "string", "enum": values })
    }

    /// A property's schema; an enum it uses is added to `enums` when given. A type the model
    /// lacks is any JSON value, as in the emitted Rust.
    fn property(&self, property: &Property, enums: Option<&mut Map<String, Value>>) -> Value {
        let model = self.index.model();
        let known = match &property.ty {
            TypeRef::Primitive(primitive) => Some(primitive_schema(*primitive)),
            TypeRef::Enum(name) => self.index.enum_id(name).map(|id| {
                let found = &model.enums[id];
                if let Some(enums) = enums {
                    if !enums.contains_key(found.name.as_ref()) {
                        enums.insert(found.name.to_string(), enum_schema(found, self.options));
                    }
                }
                self.def_ref(&found.name)
            }),
            TypeRef::Struct(name) => self
                .index
                .struct_id(name)
                .map(|id| self.def_ref(&model.structs[id].name)),
        };
        let value = match known {
            Some(value) if property.nullable => nullable(value),
            Some(value) => value,
            // Any value, `null` included.
            None => json!({}),
        };
        let mut schema = if property.collection {
            // A collection is never null; `Nullable` speaks of its items (CSDL §7.2.1).
            json!({ "type": "array", "items": value })
        } else {
            value
        };
        if !property.description.is_empty() {
            schema["description"] = json!(property.description);
        }
        if property.marks.read_only {
            // JSON Schema 2020-12 meta-data vocabulary §9.4: managed by the service; an annotation.
            schema["readOnly"] = json!(true);
        }
        schema
    }
}

/// `name` as a JSON Pointer token (RFC 6901: `~` → `~0`, `/` → `~1`) in a URI fragment, with
/// every character outside RFC 3986's unreserved set percent-encoded.
pub(crate) fn pointer_fragment(name: &str) -> String {
    percent_encode(&name.replace('~', "~0").replace('/', "~1"))
}

/// `text` with every byte outside RFC 3986's unreserved set (`A-Z a-z 0-9 - . _ ~`) written
/// `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// JSON Format §7.1: how each primitive appears in a payload, from
/// [`edm_patterns::fragment`], the one copy of each pattern and bound.
///
/// `null` is the property's business (CSDL §7.2.1, `Nullable`), so a schema that would accept
/// it (`Edm.Stream`'s `{}`) gets `"not": {"type": "null"}`; [`nullable`] adds it back.
pub(crate) fn primitive_schema(primitive: Primitive) -> Value {
    // No `IEEE754Compatible` in the options: Int64 and Decimal are JSON numbers (JSON Format §3.2).
    let mut schema = edm_patterns::fragment(primitive.edm_name(), false)
        .expect("every model primitive has a JSON Schema fragment");
    if primitive == Primitive::Stream {
        schema["not"] = json!({ "type": "null" });
    }
    schema
}

/// Adds RFC 3339's `format` beside each `Edm.DateTimeOffset` and `Edm.Date` pattern of an
/// emitted document, in place: `--formats rfc3339`, for users who prefer RFC 3339 (stricter than
/// Graph: see [`edm_patterns::rfc3339_format`]). Linear in the document's size.
///
/// ```
/// use msgraph_schema_core::edm_patterns::{DATE_PATTERN, fragment};
/// use msgraph_schema_core::emit::json_schema::add_rfc3339_formats;
/// let mut schema = serde_json::json!({"properties": {"day": fragment("Edm.Date", false)}});
/// add_rfc3339_formats(&mut schema);
/// assert_eq!(schema["properties"]["day"]["format"], "date");
/// assert_eq!(schema["properties"]["day"]["pattern"], DATE_PATTERN);
/// ```
pub fn add_rfc3339_formats(schema: &mut Value) {
    let mut stack = vec![schema];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                let format = match map.get("pattern").and_then(Value::as_str) {
                    Some(edm_patterns::DATE_TIME_OFFSET_PATTERN) => {
                        edm_patterns::rfc3339_format("Edm.DateTimeOffset")
                    }
                    Some(edm_patterns::DATE_PATTERN) => edm_patterns::rfc3339_format("Edm.Date"),
                    _ => None,
                };
                if let Some(format) = format {
                    map.insert("format".to_owned(), json!(format));
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Allows `null` as well: widens `type`, or wraps a `$ref` in `anyOf`.
fn nullable(mut schema: Value) -> Value {
    match schema.get("type").and_then(Value::as_str) {
        Some(ty) => {
            schema["type"] = json!([ty, "null"]);
            schema
        }
        None => json!({ "anyOf": [schema, { "type": "null" }] }),
    }
}

/// An enum: its member names as JSON strings (JSON Format §7.1; CSDL §3.1: case-sensitive).
pub fn enum_schema(ty: &EnumType, options: &Options) -> Value {
    let members: Vec<&str> = ty
        .members
        .iter()
        .map(|m| m.name.as_ref())
        .filter(|m| options.accepts_member(m))
        .collect();
    if ty.is_flags {
        let pattern = flags_pattern(&members);
        return json!({ "title": ty.name, "type": "string", "pattern": pattern });
    }
    json!({ "title": ty.name, "type": "string", "enum": members })
}

/// The pattern of a flags enum's values: members joined by commas (OData ABNF `enumValue`),
/// e.g. `^(?:a|b)(?:,(?:a|b))*$`.
pub fn flags_pattern(members: &[&str]) -> String {
    let escaped: Vec<String> = members.iter().map(|m| regex_escape(m)).collect();
    let one = format!("(?:{})", escaped.join("|"));
    format!("^{one}(?:,{one})*$")
}

/// How every [`flags_pattern`] starts, so that a validator's pattern error can be told to be
/// an enum error.
pub const FLAGS_PATTERN_START: &str = "^(?:";

/// Whether `pattern` is a [`flags_pattern`].
pub fn is_flags_pattern(pattern: &str) -> bool {
    pattern.starts_with(FLAGS_PATTERN_START)
        && pattern.ends_with(")*$")
        && pattern.contains(")(?:,(?:")
}

/// `text` with the regex syntax characters escaped (ECMA-262 `SyntaxCharacter` and `/`, the
/// escapes valid in every regex flavour a JSON Schema tool uses).
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\^$.*+?()[]{}|/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
