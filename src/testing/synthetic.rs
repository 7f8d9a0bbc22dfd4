//! A synthetic model of Graph's size and shape, for benchmarks and the tests that guard how
//! the validators scale: deterministic for a [`Shape`] (the same shape gives the same model,
//! byte for byte once written).
//!
//! Its first three types are `entity` (abstract, with the key `id`), `directoryObject` (based
//! on `entity`) and `user` (based on `directoryObject`, with about sixty properties). The
//! others are entity types (most based on `entity`, some on `directoryObject` or on another
//! entity type) and complex types (some based on another complex type), each with 20 to 60
//! properties, inherited ones included: Edm primitives, enums, nested complex types,
//! collections, and navigation properties to entity types anywhere in the model, so that
//! `user` reaches most of it, as in Graph.
//!
//! ```
//! use msgraph_schema::testing::synthetic::{self, Shape};
//!
//! let shape = Shape { structs: 40, enums: 10, seed: 1 };
//! let model = synthetic::model(&shape);
//! assert_eq!((model.structs.len(), model.enums.len()), (40, 10));
//! assert_eq!(model.structs[2].name, "microsoft.graph.user");
//! assert_eq!(synthetic::model(&shape), model);
//! ```

use std::borrow::Cow;
use std::collections::HashSet;

use proptest::prelude::Rng;
use proptest::test_runner::TestRng;
use serde_json::{Map, Value, json};

use super::{below, chance, seeded_rng, valid_primitive};
use crate::model::{
    EnumMember, EnumType, FromMetadata, GRAPH_NAMESPACE, Marks, Model, ModelIndex, Primitive,
    Property, Source, StructuredType, TypeRef, UNKNOWN_FUTURE_VALUE,
};

/// How big a synthetic model is, and its random seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Structured types, the first three included (at least 3).
    pub structs: usize,
    /// Enum types (at least 1).
    pub enums: usize,
    /// The seed: another seed, another model of the same shape.
    pub seed: u64,
}

impl Shape {
    /// About the size of Graph's full model: 3,000 structured types and 1,000 enums.
    pub const FULL: Shape = Shape {
        structs: 3_000,
        enums: 1_000,
        seed: 0,
    };
}

/// Words the names and descriptions are made of.
const NOUNS: &[&str] = &[
    "account",
    "activity",
    "address",
    "alert",
    "app",
    "assignment",
    "audit",
    "batch",
    "calendar",
    "channel",
    "cloud",
    "config",
    "contact",
    "content",
    "device",
    "domain",
    "drive",
    "event",
    "file",
    "folder",
    "group",
    "identity",
    "item",
    "label",
    "license",
    "list",
    "mail",
    "member",
    "message",
    "note",
    "owner",
    "phone",
    "plan",
    "policy",
    "printer",
    "profile",
    "record",
    "report",
    "role",
    "rule",
    "schedule",
    "score",
    "section",
    "setting",
    "share",
    "site",
    "status",
    "task",
    "team",
    "template",
    "term",
    "thread",
    "token",
    "vault",
    "view",
    "window",
    "zone",
    "booking",
    "course",
    "lesson",
];
const ADJECTIVES: &[&str] = &[
    "active",
    "allowed",
    "applied",
    "assigned",
    "blocked",
    "cached",
    "default",
    "deleted",
    "direct",
    "external",
    "initial",
    "internal",
    "last",
    "managed",
    "primary",
    "private",
    "public",
    "remote",
    "scheduled",
    "shared",
    "signed",
    "trusted",
];
/// The last word of every enum's name: no structured type ends with one.
const ENUM_SUFFIXES: &[&str] = &["Kind", "State", "Mode", "Level", "Type", "Scope"];

/// The primitives of properties, weighted roughly as in Graph.
const PRIMITIVES: &[(Primitive, usize)] = &[
    (Primitive::String, 40),
    (Primitive::DateTimeOffset, 12),
    (Primitive::Boolean, 12),
    (Primitive::Int32, 10),
    (Primitive::Int64, 4),
    (Primitive::Guid, 5),
    (Primitive::Double, 3),
    (Primitive::Date, 3),
    (Primitive::Duration, 2),
    (Primitive::Binary, 2),
    (Primitive::TimeOfDay, 1),
    (Primitive::Byte, 1),
    (Primitive::Int16, 1),
    (Primitive::Single, 1),
    (Primitive::Decimal, 1),
    (Primitive::SByte, 1),
    (Primitive::Stream, 1),
];

/// The synthetic model of `shape`: `shape.structs` structured types (`entity`,
/// `directoryObject` and `user` first), then `shape.enums` enums.
pub fn model(shape: &Shape) -> Model {
    let structs = shape.structs.max(3);
    let enums = shape.enums.max(1);
    let mut rng = seeded_rng(shape.seed);
    let mut names = HashSet::new();
    let mut unique = |rng: &mut TestRng, make: &dyn Fn(&mut TestRng) -> String| {
        let mut name = make(rng);
        while !names.insert(name.clone()) {
            name = format!("{}{}", make(rng), below(rng, 100));
        }
        name
    };
    let type_names: Vec<String> = (0..structs)
        .map(|i| match i {
            0 => "entity".to_owned(),
            1 => "directoryObject".to_owned(),
            2 => "user".to_owned(),
            _ => unique(&mut rng, &|rng| {
                format!(
                    "{}{}{}",
                    pick(rng, ADJECTIVES),
                    capital(pick(rng, NOUNS)),
                    capital(pick(rng, NOUNS))
                )
            }),
        })
        .collect();
    let enum_names: Vec<String> = (0..enums)
        .map(|_| {
            unique(&mut rng, &|rng| {
                format!(
                    "{}{}",
                    pick(rng, NOUNS),
                    pick(rng, ENUM_SUFFIXES).to_owned()
                )
            })
        })
        .collect();
    // Entity types (true) and complex types (false), decided first so that any type may point
    // to any other.
    let entity: Vec<bool> = (0..structs)
        .map(|i| i < 3 || below(&mut rng, 10) < 6)
        .collect();
    let entities: Vec<usize> = (0..structs).filter(|&i| entity[i]).collect();
    let complexes: Vec<usize> = (0..structs).filter(|&i| !entity[i]).collect();
    let mut model = Model::default();
    for i in 0..structs {
        let base = match i {
            0 => None,
            1 => Some(0),
            2 => Some(1),
            _ if entity[i] => Some(match below(&mut rng, 100) {
                0..70 => 0,
                70..75 => 1,
                _ => earlier(&mut rng, &entities, i).unwrap_or(0),
            }),
            _ if chance(&mut rng, 5) => earlier(&mut rng, &complexes, i),
            _ => None,
        };
        let mut properties: Vec<Property> = base
            .map(|b: usize| model.structs[b].properties.to_vec())
            .unwrap_or_default();
        let inherited = properties.len();
        let declared = match i {
            // `entity` has its key alone, `directoryObject` a few more.
            0 => 0,
            1 => 3,
            2 => 60usize.saturating_sub(inherited),
            // A derived type adds a few properties to its base's, up to 60 in all.
            _ if inherited >= 20 => {
                3 + below(&mut rng, 60usize.saturating_sub(inherited).clamp(1, 10))
            }
            _ => (20 + below(&mut rng, 41)).saturating_sub(inherited),
        };
        let file = format!("api-reference/v1.0/resources/{}.md", type_names[i]);
        let mut taken: HashSet<String> = properties.iter().map(|p| p.name.to_string()).collect();
        if i == 0 {
            properties.push(property(
                "id".to_owned(),
                TypeRef::Primitive(Primitive::String),
                false,
                false,
                true,
                description(&mut rng),
                Source {
                    file: file.clone().into(),
                    line: 12,
                },
            ));
        }
        for p in 0..declared {
            let mut name = property_name(&mut rng);
            while !taken.insert(name.clone()) {
                name = format!("{}{}", property_name(&mut rng), below(&mut rng, 10));
            }
            let (ty, collection) = match below(&mut rng, 100) {
                0..50 => (
                    TypeRef::Primitive(primitive(&mut rng)),
                    chance(&mut rng, 10),
                ),
                50..65 => (
                    TypeRef::Enum(qualified(&enum_names[below(&mut rng, enum_names.len())])),
                    chance(&mut rng, 7),
                ),
                65..80 if !complexes.is_empty() => (
                    TypeRef::Struct(qualified(&type_names[pick(&mut rng, &complexes)])),
                    chance(&mut rng, 3),
                ),
                65..95 => (
                    TypeRef::Struct(qualified(&type_names[pick(&mut rng, &entities)])),
                    chance(&mut rng, 2),
                ),
                _ => (TypeRef::Primitive(Primitive::String), true),
            };
            let nullable = !chance(&mut rng, 7);
            let line = 14 + u32::try_from(p).unwrap_or(0);
            properties.push(property(
                name,
                ty,
                collection,
                nullable,
                false,
                description(&mut rng),
                Source {
                    file: file.clone().into(),
                    line,
                },
            ));
        }
        model.structs.push(StructuredType {
            name: qualified(&type_names[i]),
            base: base.map(|b| qualified(&type_names[b])),
            description: description(&mut rng).into(),
            properties: properties.into(),
            source: Source {
                file: file.into(),
                line: 1,
            },
            is_abstract: i == 0 || (i > 2 && chance(&mut rng, 30)),
            from_metadata: FromMetadata::NONE,
            operation: None,
        });
    }
    for name in &enum_names {
        model.enums.push(enum_type(&mut rng, name));
    }
    model
}

/// A valid payload of the type `type_name` of `model` (pretty-printed JSON, as a request body
/// file would be): about half its properties, nested values two levels deep (with fewer properties),
/// collections of up to three items, few navigation properties. Valid in a create body,
/// strict mode aside.
///
/// Panics when the model has no such type.
pub fn payload(model: &Model, type_name: &str, seed: u64) -> String {
    let index = model.index();
    let root = index.struct_id(type_name).expect("a type of the model");
    let mut rng = seeded_rng(seed);
    let value = object(&index, root, &mut rng, 0);
    serde_json::to_string_pretty(&value).expect("a value serializes") + "\n"
}

/// How deep [`payload`] nests structured values.
const PAYLOAD_DEPTH: usize = 2;

fn object(index: &ModelIndex<'_>, id: usize, rng: &mut TestRng, depth: usize) -> Value {
    let ty = &index.model().structs[id];
    let mut members = Map::new();
    for p in ty.properties.iter() {
        let wanted = match &p.ty {
            TypeRef::Struct(_) if depth >= PAYLOAD_DEPTH => false,
            TypeRef::Struct(name) if is_entity(index, name) => chance(rng, 10),
            // Nested objects carry fewer properties than the root.
            _ if depth > 0 => chance(rng, 4),
            _ => chance(rng, 2),
        };
        if !wanted || p.key {
            continue;
        }
        let value = if p.collection {
            Value::Array(
                (0..below(rng, 4))
                    .map(|_| item(index, &p.ty, rng, depth))
                    .collect(),
            )
        } else {
            item(index, &p.ty, rng, depth)
        };
        members.insert(p.name.to_string(), value);
    }
    Value::Object(members)
}

fn item(index: &ModelIndex<'_>, ty: &TypeRef, rng: &mut TestRng, depth: usize) -> Value {
    match ty {
        TypeRef::Primitive(Primitive::String) => json!(format!("value {}", rng.next_u32())),
        TypeRef::Primitive(primitive) => valid_primitive(rng, *primitive),
        TypeRef::Enum(name) => {
            let members: Vec<&str> = index
                .find_enum(name)
                .map(|e| e.members.iter().map(|m| m.name.as_ref()).collect())
                .unwrap_or_default();
            let members: Vec<&str> = members
                .into_iter()
                .filter(|m| *m != UNKNOWN_FUTURE_VALUE)
                .collect();
            json!(
                members
                    .get(below(rng, members.len()))
                    .copied()
                    .unwrap_or("none")
            )
        }
        TypeRef::Struct(name) => match index.struct_id(name) {
            Some(id) => object(index, id, rng, depth + 1),
            None => json!({}),
        },
    }
}

/// Whether `name` is an entity type: `entity` or based on it.
fn is_entity(index: &ModelIndex<'_>, name: &str) -> bool {
    let Some(id) = index.struct_id(name) else {
        return false;
    };
    let entity = index.struct_id("microsoft.graph.entity");
    Some(id) == entity || index.bases_of(id).any(|b| Some(b) == entity)
}

fn enum_type(rng: &mut TestRng, name: &str) -> EnumType {
    let flags = chance(rng, 20);
    let count = 2 + below(rng, 11);
    let mut seen = HashSet::new();
    let mut members = Vec::new();
    let file = format!("api-reference/v1.0/resources/{name}.md");
    for _ in 0..count {
        let word = format!("{}{}", pick(rng, ADJECTIVES), capital(pick(rng, NOUNS)));
        if seen.insert(word.clone()) {
            members.push(word);
        }
    }
    if !flags && !chance(rng, 3) {
        members.push(UNKNOWN_FUTURE_VALUE.to_owned());
    }
    let members: Vec<EnumMember> = members
        .into_iter()
        .enumerate()
        .map(|(i, member)| EnumMember {
            name: member.into(),
            value: if flags { 1 << i } else { i as i64 },
            description: description(rng).into(),
            line: 10 + u32::try_from(i).unwrap_or(0),
        })
        .collect();
    EnumType {
        name: qualified(name),
        description: description(rng).into(),
        members: members.into(),
        source: Source {
            file: file.into(),
            line: 1,
        },
        is_flags: flags,
    }
}

fn property(
    name: String,
    ty: TypeRef,
    collection: bool,
    nullable: bool,
    key: bool,
    description: String,
    source: Source,
) -> Property {
    Property {
        name: name.into(),
        ty,
        collection,
        nullable,
        key,
        description: description.into(),
        source,
        from_metadata: FromMetadata::NONE,
        marks: Marks::NONE,
    }
}

/// A camel-case property name of one to three words.
fn property_name(rng: &mut TestRng) -> String {
    match below(rng, 3) {
        0 => pick(rng, NOUNS).to_owned(),
        1 => format!("{}{}", pick(rng, NOUNS), capital(pick(rng, NOUNS))),
        _ => format!(
            "{}{}{}",
            pick(rng, ADJECTIVES),
            capital(pick(rng, NOUNS)),
            capital(pick(
                rng,
                ["Id", "Name", "DateTime", "Count", "Settings"].as_slice()
            ))
        ),
    }
}

/// A sentence of 8 to 20 made-up words, about the length of a property's description.
fn description(rng: &mut TestRng) -> String {
    let words: Vec<&str> = (0..8 + below(rng, 13))
        .map(|i| {
            if i % 3 == 1 {
                pick(rng, ADJECTIVES)
            } else {
                pick(rng, NOUNS)
            }
        })
        .collect();
    format!("The {}.", words.join(" "))
}

fn primitive(rng: &mut TestRng) -> Primitive {
    let total: usize = PRIMITIVES.iter().map(|(_, w)| w).sum();
    let mut at = below(rng, total);
    for &(primitive, weight) in PRIMITIVES {
        if at < weight {
            return primitive;
        }
        at -= weight;
    }
    Primitive::String
}

/// A random index of `ids` below `limit`, if any.
fn earlier(rng: &mut TestRng, ids: &[usize], limit: usize) -> Option<usize> {
    let below_limit = ids.partition_point(|&id| id < limit);
    // Only types past the first three: `entity` and `directoryObject` are chosen apart.
    let from = ids.partition_point(|&id| id < 3);
    (below_limit > from).then(|| ids[from + below(rng, below_limit - from)])
}

fn pick<T: Copy>(rng: &mut TestRng, items: &[T]) -> T {
    items[below(rng, items.len())]
}

fn capital(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn qualified(short: &str) -> Cow<'static, str> {
    format!("{GRAPH_NAMESPACE}.{short}").into()
}
