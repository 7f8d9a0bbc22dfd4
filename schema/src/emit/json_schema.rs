//! The model as JSON Schema 2020-12.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::edm_patterns;
use crate::model::{EnumType, Model, Primitive, Property, StructuredType, TypeRef};
use crate::rules::Options;

/// The `$schema` of every emitted document.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// The regular expression of the ABNF `dateTimeOffsetValue` (OData ABNF §7), without the
/// calendar check: `[-]YYYY-MM-DDThh:mm[:ss[.f{1,12}]](Z|±hh:mm)`, `T`/`Z` in either case.
///
/// Microsoft's CSDL→OpenAPI converter emits a stricter pattern that requires seconds, rejects
/// leap seconds, negative years and lower-case `t`/`z`; the ABNF allows all of them, so ours
/// does too (see the README's section on export).
///
/// Anchored, and valid in ECMA-262 and Rust `regex` alike. It has no calendar:
/// `2021-02-30T00:00Z` matches it; the runtime's `DateTimeOffset::parse` rejects it.
pub const DATE_TIME_OFFSET_PATTERN: &str = concat!(
    "^-?(?:0[0-9]{3}|[1-9][0-9]{3,})",               // year
    "-(?:0[1-9]|1[0-2])",                            // "-" month
    "-(?:0[1-9]|[12][0-9]|3[01])",                   // "-" day
    "[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]",           // "T" hour ":" minute
    "(?::(?:[0-5][0-9]|60)(?:\\.[0-9]{1,12})?)?",    // [ ":" second [ "." fractionalSeconds ] ]
    "(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$", // "Z" / ("+"/"-") hour ":" minute
);

/// The `$id` of the schema of `type_name` under `options`.
pub fn schema_id(type_name: &str, options: &Options) -> String {
    let strict = if options.strict { ":strict" } else { "" };
    format!(
        "urn:msgraph-schema:{type_name}:{}{strict}",
        options.operation.as_str()
    )
}

/// The schema of one structured type: a self-contained document with the enums it uses in
/// `$defs`.
///
/// ```
/// use msgraph_schema_core::{emit::json_schema::type_schema, page::parse_page, rules::Options};
/// let page = "# thing resource type\n\n## Properties\n\n|Property|Type|Description|\n\
///             |:--|:--|:--|\n|name|String|The name. Nullable: false.|\n";
/// let model = parse_page("thing.md", page).unwrap();
/// let schema = type_schema(&model, &model.structs[0], &Options::default());
/// assert_eq!(schema["properties"]["name"]["type"], "string");
/// assert_eq!(schema["additionalProperties"], false);
/// ```
pub fn type_schema(model: &Model, ty: &StructuredType, options: &Options) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "@odata.type".to_owned(),
        json!({
            "description": "The type of the value (OData JSON Format §4.5.3).",
            "type": "string",
            "enum": options.odata_type_values(&ty.name),
        }),
    );
    let mut defs = Map::new();
    for property in ty.properties.iter() {
        properties.insert(
            property.name.to_string(),
            property_schema(model, property, options, &mut defs),
        );
    }
    let required: Vec<&str> = ty
        .properties
        .iter()
        .filter(|p| options.requires(p))
        .map(|p| p.name.as_ref())
        .collect();
    let mut schema = json!({
        "$schema": DRAFT_2020_12,
        "$id": schema_id(&ty.name, options),
        "title": ty.name,
        "description": ty.description,
        "type": "object",
        "properties": properties,
        // Instance annotations (`@odata.context`, `name@odata.type`, …) are never unknown
        // properties: OData JSON Format §20, "Clients should never error due to an unexpected
        // annotation".
        "patternProperties": { "@": true },
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    dispatch_derived(model, ty, options, &mut schema);
    if !defs.is_empty() {
        schema["$defs"] = Value::Object(defs);
    }
    schema
}

/// A type's schema with every structured type it reaches (property types and derived types)
/// in `$defs`, so that the document stands alone.
pub fn standalone(model: &Model, ty: &StructuredType, options: &Options) -> Value {
    let mut schema = type_schema(model, ty, options);
    let mut defs = match schema.get_mut("$defs").map(Value::take) {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    let mut queue: Vec<String> = struct_refs(model, ty);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    while let Some(name) = queue.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if name == ty.name {
            // A cycle back to the root type: refer to the document itself.
            defs.insert(name, json!({ "$ref": "#" }));
            continue;
        }
        let Some(found) = model.find_struct(&name) else {
            continue;
        };
        let sub = embedded(model, found, options, &mut defs);
        defs.insert(name, sub);
        queue.extend(struct_refs(model, found));
    }
    if !defs.is_empty() {
        schema["$defs"] = Value::Object(defs);
    }
    schema
}

/// A type's schema for `$defs`: no `$schema` or `$id` (so `#/$defs/…` resolves against the
/// document); its enum definitions are moved into `defs`.
pub fn embedded(
    model: &Model,
    ty: &StructuredType,
    options: &Options,
    defs: &mut Map<String, Value>,
) -> Value {
    let mut schema = type_schema(model, ty, options);
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
        object.remove("$id");
        if let Some(Value::Object(sub)) = object.remove("$defs") {
            defs.extend(sub);
        }
    }
    schema
}

/// The structured types `ty`'s schema refers to: its properties' and its derived types.
fn struct_refs(model: &Model, ty: &StructuredType) -> Vec<String> {
    let properties = ty.properties.iter().filter_map(|p| match &p.ty {
        TypeRef::Struct(name) => Some(name.to_string()),
        _ => None,
    });
    let derived = model.derived_types(&ty.name).into_iter();
    properties
        .chain(derived.map(|d| d.name.to_string()))
        .collect()
}

/// For a type with derived types, moves the type's own object rules into the `else` of an
/// `if`/`then` chain that checks a value whose `@odata.type` names a derived type as that type
/// (OData JSON Format §4.5.3), through `#/$defs/<derived>`. The `if` holds `type: object`, so
/// that a value that is not an object fails once, in the type's own rules.
fn dispatch_derived(model: &Model, ty: &StructuredType, options: &Options, schema: &mut Value) {
    let derived = model.derived_types(&ty.name);
    let Some(object) = schema.as_object_mut().filter(|_| !derived.is_empty()) else {
        return;
    };
    let own: Map<String, Value> = OBJECT_KEYWORDS
        .iter()
        .filter_map(|k| Some((k.to_string(), object.remove(*k)?)))
        .collect();
    let chain = derived
        .iter()
        .rev()
        .fold(Value::Object(own), |otherwise, d| {
            json!({
                "if": {
                    "type": "object",
                    "properties": { "@odata.type": { "enum": options.odata_type_values(&d.name) } },
                    "required": ["@odata.type"],
                },
                "then": { "$ref": format!("#/$defs/{}", d.name) },
                "else": otherwise,
            })
        });
    if let Value::Object(chain) = chain {
        object.extend(chain);
    }
}

/// The keywords of a type's own object rules.
const OBJECT_KEYWORDS: [&str; 5] = [
    "type",
    "properties",
    "patternProperties",
    "additionalProperties",
    "required",
];

fn property_schema(
    model: &Model,
    property: &Property,
    options: &Options,
    defs: &mut Map<String, Value>,
) -> Value {
    let mut value = match &property.ty {
        TypeRef::Primitive(primitive) => primitive_schema(*primitive),
        TypeRef::Enum(name) => {
            if let Some(found) = model.find_enum(name) {
                defs.insert(name.to_string(), enum_schema(found, options));
            }
            json!({ "$ref": format!("#/$defs/{name}") })
        }
        TypeRef::Struct(name) => json!({ "$ref": format!("#/$defs/{name}") }),
    };
    if property.nullable {
        value = nullable(value);
    }
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

/// JSON Format §7.1: how each primitive appears in a payload, from
/// [`edm_patterns::fragment`], the one copy of each pattern and bound.
///
/// `null` is the property's business (CSDL §7.2.1, `Nullable`), so a schema that would accept
/// it (`Edm.Stream`'s `{}`) gets `"not": {"type": "null"}`; [`nullable`] adds it back.
fn primitive_schema(primitive: Primitive) -> Value {
    // No `IEEE754Compatible` in the options: Int64 and Decimal are JSON numbers (JSON Format §3.2).
    let mut schema = edm_patterns::fragment(primitive.edm_name(), false)
        .expect("every model primitive has a JSON Schema fragment");
    if primitive == Primitive::Stream {
        schema["not"] = json!({ "type": "null" });
    }
    schema
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
