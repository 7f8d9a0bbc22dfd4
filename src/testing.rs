//! Payload generators from the model, for conformance tests: valid payloads, and invalid ones
//! built by injecting known faults at known pointers, each carrying the exact `(pointer, kind)`
//! set a validator must report. Behind the `testing` feature.
//!
//! ```
//! use msgraph_schema::{Options, testing::Generator, types};
//! let entry = types::find("deviceHealthScriptDeviceState").unwrap();
//! let generator = Generator::new(entry, Options::default());
//! let mut rng = msgraph_schema::testing::seeded_rng(7);
//! let sample = generator.invalid(&mut rng);
//! let report = msgraph_schema::check(sample.raw.as_bytes(), entry, &Options::default());
//! let found: Vec<_> = report.errors.iter().map(|e| (e.pointer().to_owned(), e.kind)).collect();
//! let mut expected: Vec<_> = sample.expected.iter().map(|e| (e.pointer.clone(), e.kind)).collect();
//! expected.sort();
//! let mut found = found;
//! found.sort();
//! assert_eq!(found, expected);
//! ```

pub mod synthetic;

use std::collections::HashMap;
use std::sync::Arc;

use proptest::prelude::{BoxedStrategy, Just, Rng, Strategy};
use proptest::test_runner::{RngAlgorithm, TestRng};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::model::{EnumType, Model, Primitive, Property, TypeRef};
use crate::report::ErrorKind;
use crate::rules::Options;
use crate::validate::TypeEntry;

/// One generated payload: its exact JSON text, and the errors it must produce.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// The payload's JSON text (text, so that it can carry duplicate keys).
    pub raw: String,
    /// Whether the payload is valid.
    pub valid: bool,
    /// The `(pointer, kind)` of every error it must produce; empty when valid.
    pub expected: Vec<Expected>,
}

/// One expected error.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Expected {
    /// RFC 6901 JSON Pointer.
    pub pointer: String,
    /// The error's kind.
    pub kind: ErrorKind,
}

/// A random source for [`Generator`], reproducible from `seed`.
pub fn seeded_rng(seed: u64) -> TestRng {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

/// Generates payloads of one type under one set of options: nested structured values too, each
/// as its declared type or one derived from it (with the `@odata.type` that says so), and faults
/// injected at any depth.
#[derive(Clone)]
pub struct Generator {
    model: Arc<Model>,
    /// The structured type of the payload, an index into the model's `structs`.
    root: usize,
    names: Arc<Names>,
    options: Options,
}

/// The model's names resolved once: what each `TypeRef` names, and each type's derived types.
struct Names {
    structs: HashMap<String, usize>,
    enums: HashMap<String, usize>,
    /// Per structured type, the types derived from it (directly or not).
    derived: Vec<Vec<usize>>,
    /// Per structured type, its bases (nearest first).
    bases: Vec<Vec<usize>>,
}

/// One JSON value being generated: an object keeps its members in order (a name may repeat,
/// a duplicate key in the text) and the structured type it is a value of.
#[derive(Clone, Debug)]
enum Node {
    Leaf(Value),
    Object(Members, usize),
    Array(Vec<Node>),
}

/// Members of an object in order; a name may repeat (a duplicate key in the text).
type Members = Vec<(String, Node)>;

/// How deep optional structured values nest; required ones go on to [`HARD_DEPTH`].
const MAX_DEPTH: usize = 3;
/// Beyond this depth a structured value is `{}` whatever the type requires (a cycle of
/// required properties; no Graph type has one).
const HARD_DEPTH: usize = 8;

/// Types a faulty `@odata.type` names: the first that is outside the declared type's family.
const OTHER_TYPES: [&str; 2] = ["microsoft.graph.user", "microsoft.graph.message"];

impl Generator {
    /// A generator for the type of `entry`.
    pub fn new(entry: &TypeEntry, options: Options) -> Generator {
        Generator::for_type(entry.model(), entry.name(), options)
            .expect("an entry's model holds its type")
    }

    /// A generator for the structured type `type_name` (qualified, alias or short) of `model`,
    /// e.g. one that `build` wrote (`ModelFile::reaching`); `None` when the model has no such
    /// type.
    pub fn for_type(model: Model, type_name: &str, options: Options) -> Option<Generator> {
        let index = model.index();
        let root = index.struct_id(type_name)?;
        let mut names = Names {
            structs: HashMap::new(),
            enums: HashMap::new(),
            derived: (0..model.structs.len())
                .map(|id| index.derived(id).to_vec())
                .collect(),
            bases: (0..model.structs.len())
                .map(|id| index.bases_of(id).collect())
                .collect(),
        };
        for property in model.structs.iter().flat_map(|t| t.properties.iter()) {
            match &property.ty {
                TypeRef::Enum(name) => {
                    if let Some(id) = index.enum_id(name) {
                        names.enums.insert(name.to_string(), id);
                    }
                }
                TypeRef::Struct(name) => {
                    if let Some(id) = index.struct_id(name) {
                        names.structs.insert(name.to_string(), id);
                    }
                }
                TypeRef::Primitive(_) => {}
            }
        }
        drop(index);
        Some(Generator {
            model: Arc::new(model),
            root,
            names: Arc::new(names),
            options,
        })
    }

    /// The enum type named `name` that a property uses.
    fn find_enum(&self, name: &str) -> Option<&EnumType> {
        self.names.enums.get(name).map(|&id| &self.model.enums[id])
    }

    /// A proptest strategy of valid samples.
    pub fn valid_strategy(&self) -> BoxedStrategy<Sample> {
        let generator = self.clone();
        Just(())
            .prop_perturb(move |(), mut rng| generator.valid(&mut rng))
            .boxed()
    }

    /// A proptest strategy of invalid samples.
    pub fn invalid_strategy(&self) -> BoxedStrategy<Sample> {
        let generator = self.clone();
        Just(())
            .prop_perturb(move |(), mut rng| generator.invalid(&mut rng))
            .boxed()
    }

    /// A valid payload: any subset of the properties (every one the options require), nullable
    /// nulls, edge values, nested values of derived types, sometimes `@odata.type` and an
    /// instance annotation.
    pub fn valid(&self, rng: &mut TestRng) -> Sample {
        Sample {
            raw: render(&self.root_node(rng)),
            valid: true,
            expected: Vec::new(),
        }
    }

    /// An invalid payload: a valid one with one to three faults at distinct places, at the top
    /// or inside a nested value.
    pub fn invalid(&self, rng: &mut TestRng) -> Sample {
        let mut root = self.root_node(rng);
        let mut expected = Vec::new();
        let mut used = Used::default();
        let faults = 1 + below(rng, 3);
        for _ in 0..faults * 4 {
            if expected.len() == faults {
                break;
            }
            let fault = below(rng, FAULTS);
            if let Some(found) = self.inject_somewhere(rng, fault, &mut root, "", &mut used) {
                expected.push(found);
            }
        }
        if expected.is_empty() {
            // Fault 0, an unknown property, applies to every object.
            expected.extend(self.inject_somewhere(rng, 0, &mut root, "", &mut used));
        }
        expected.sort();
        Sample {
            raw: render(&root),
            valid: false,
            expected,
        }
    }

    fn root_node(&self, rng: &mut TestRng) -> Node {
        let mut node = self.object(rng, self.root, 0);
        if let Node::Object(members, _) = &mut node
            && chance(rng, 4)
        {
            members.push((
                "@odata.context".into(),
                Node::Leaf(json!("https://graph.microsoft.com/beta/$metadata#entity")),
            ));
            shuffle(rng, members);
        }
        node
    }

    /// A value of the structured type `declared`: of it or, at random, of a type derived from
    /// it (always when `declared` is abstract), with an `@odata.type` whenever it is not the
    /// declared type (OData JSON Format §4.5.3).
    fn object(&self, rng: &mut TestRng, declared: usize, depth: usize) -> Node {
        let derived = &self.names.derived[declared];
        let concrete: Vec<usize> = derived
            .iter()
            .copied()
            .filter(|&id| !self.model.structs[id].is_abstract)
            .collect();
        let must_derive = self.model.structs[declared].is_abstract && !concrete.is_empty();
        let id = if must_derive || (!concrete.is_empty() && chance(rng, 2)) {
            concrete[below(rng, concrete.len())]
        } else {
            declared
        };
        let ty = &self.model.structs[id];
        let mut members = Members::new();
        if id != declared || chance(rng, 3) {
            let values = self.options.odata_type_values(&ty.name);
            members.push((
                "@odata.type".into(),
                Node::Leaf(json!(values[below(rng, values.len())])),
            ));
        }
        if depth < HARD_DEPTH {
            for property in ty.properties.iter() {
                let required = self.options.requires(property);
                let nested = matches!(property.ty, TypeRef::Struct(_));
                if required || (chance(rng, 2) && (!nested || depth < MAX_DEPTH)) {
                    let value = self.valid_value(rng, property, depth);
                    members.push((property.name.to_string(), value));
                }
            }
        }
        shuffle(rng, &mut members);
        Node::Object(members, id)
    }

    fn valid_value(&self, rng: &mut TestRng, property: &Property, depth: usize) -> Node {
        if property.collection {
            let items = (0..below(rng, 4))
                .map(|_| {
                    if property.nullable && chance(rng, 5) {
                        Node::Leaf(Value::Null)
                    } else {
                        self.valid_item(rng, &property.ty, depth)
                    }
                })
                .collect();
            return Node::Array(items);
        }
        if property.nullable && chance(rng, 5) {
            return Node::Leaf(Value::Null);
        }
        self.valid_item(rng, &property.ty, depth)
    }

    fn valid_item(&self, rng: &mut TestRng, ty: &TypeRef, depth: usize) -> Node {
        Node::Leaf(match ty {
            TypeRef::Primitive(Primitive::String) => json!(valid_string(rng)),
            TypeRef::Primitive(Primitive::Boolean) => json!(chance(rng, 2)),
            TypeRef::Primitive(Primitive::DateTimeOffset) => json!(valid_date_time_offset(rng)),
            TypeRef::Primitive(primitive) => valid_primitive(rng, *primitive),
            TypeRef::Enum(name) => {
                let members: Vec<&str> = self.find_enum(name).map_or(Vec::new(), |e| {
                    e.members
                        .iter()
                        .map(|m| m.name.as_ref())
                        .filter(|m| self.options.accepts_member(m))
                        .collect()
                });
                json!(
                    members
                        .get(below(rng, members.len().max(1)))
                        .copied()
                        .unwrap_or_default()
                )
            }
            TypeRef::Struct(name) => match self.names.structs.get(name.as_ref()) {
                Some(&id) => return self.object(rng, id, depth + 1),
                // A type the model does not hold is any value to the validators.
                None => json!({}),
            },
        })
    }

    /// Injects fault number `fault` (below [`FAULTS`]) into the object `node` (at `pointer`)
    /// or, at random, into an object nested in it; returns the error it must produce.
    fn inject_somewhere(
        &self,
        rng: &mut TestRng,
        fault: usize,
        node: &mut Node,
        pointer: &str,
        used: &mut Used,
    ) -> Option<Expected> {
        let Node::Object(members, id) = node else {
            return None;
        };
        let id = *id;
        // The nested objects of this one: `(member, index in an array)`.
        let nested: Vec<(usize, Option<usize>)> = members
            .iter()
            .enumerate()
            .flat_map(|(at, (_, value))| match value {
                Node::Object(..) => vec![(at, None)],
                Node::Array(items) => items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| matches!(item, Node::Object(..)))
                    .map(|(i, _)| (at, Some(i)))
                    .collect(),
                Node::Leaf(_) => Vec::new(),
            })
            .collect();
        if !nested.is_empty() && chance(rng, 2) {
            let (at, item) = nested[below(rng, nested.len())];
            let (name, value) = &mut members[at];
            let mut inner = format!("{pointer}/{}", escape(name));
            let target = match (value, item) {
                (Node::Array(items), Some(i)) => {
                    inner.push_str(&format!("/{i}"));
                    &mut items[i]
                }
                (value, _) => value,
            };
            if !used.blocks(&inner) {
                return self.inject_somewhere(rng, fault, target, &inner, used);
            }
        }
        if used.blocks(pointer) {
            return None;
        }
        let found = self.inject(rng, fault, id, members, pointer, used)?;
        used.pointers.push(found.pointer.clone());
        Some(found)
    }

    /// Injects fault number `fault` into the members of one object of type `id` at `pointer`,
    /// at a place not yet used; returns the error it must produce.
    fn inject(
        &self,
        rng: &mut TestRng,
        fault: usize,
        id: usize,
        members: &mut Members,
        pointer: &str,
        used: &mut Used,
    ) -> Option<Expected> {
        let expected = |pointer: String, kind| Some(Expected { pointer, kind });
        let ty = &self.model.structs[id];
        if fault == 0 {
            // An unknown property: a name no property has, even case-insensitively.
            let name = format!("unknownProperty{}", below(rng, 1000));
            if members.iter().any(|(k, _)| *k == name) {
                return None;
            }
            members.push((name.clone(), Node::Leaf(json!(1))));
            return expected(format!("{pointer}/{name}"), ErrorKind::UnknownProperty);
        }
        if fault == 1 {
            // `@odata.type` names a type outside the family: that is the object's one error
            // (`Checker::names_another_type`), so nothing else may go into this object.
            if used.touches(pointer) || members.iter().any(|(k, _)| k == "@odata.type") {
                return None;
            }
            let family = |name: &str| {
                self.model
                    .structs
                    .iter()
                    .position(|t| *t.name == *name)
                    .is_some_and(|other| {
                        other == id
                            || self.names.derived[id].contains(&other)
                            || self.names.bases[id].contains(&other)
                    })
            };
            let other = OTHER_TYPES.iter().find(|name| !family(name))?;
            members.push(("@odata.type".into(), Node::Leaf(json!(format!("#{other}")))));
            used.sealed.push(pointer.to_owned());
            return expected(format!("{pointer}/@odata.type"), ErrorKind::OdataType);
        }
        if ty.properties.is_empty() {
            return None;
        }
        let property = &ty.properties[below(rng, ty.properties.len())];
        let name = property.name.to_string();
        let here = format!("{pointer}/{}", escape(&name));
        if used.touches(&here) {
            // One fault per property: a second one could undo the first.
            return None;
        }
        let present = members.iter().position(|(k, _)| *k == name);
        let set = |members: &mut Members, value: Node| match present {
            Some(at) => members[at].1 = value,
            None => members.push((name.clone(), value)),
        };
        let leaf = |value: Value| Node::Leaf(value);
        // A value built here is generated at the deepest depth, so that it stays small.
        let depth = MAX_DEPTH;
        match fault {
            2 => {
                // A duplicate member, both values valid: only the text shows it.
                let value = self.valid_value(rng, property, depth);
                set(members, value.clone());
                members.push((name.clone(), value));
                expected(here, ErrorKind::DuplicateProperty)
            }
            3 if property.ty == TypeRef::Primitive(Primitive::Stream) && !property.collection => {
                None // any value is an Edm.Stream
            }
            3 => {
                set(members, leaf(wrong_type(rng, property)));
                expected(here, ErrorKind::Type)
            }
            4 if property.collection || !property.nullable => {
                set(members, leaf(Value::Null));
                expected(here, ErrorKind::Type)
            }
            5 if self.options.requires(property) => {
                members.retain(|(k, _)| *k != name);
                expected(here, ErrorKind::Required)
            }
            6 if property.ty == TypeRef::Primitive(Primitive::Stream) => None,
            6 if property.collection => {
                let mut items: Vec<Node> = (0..below(rng, 3))
                    .map(|_| self.valid_item(rng, &property.ty, depth))
                    .collect();
                let bad = items.len();
                let wrong = match &property.ty {
                    TypeRef::Primitive(p) if p.is_json_number() => json!(true),
                    _ => json!(12),
                };
                items.push(leaf(wrong));
                set(members, Node::Array(items));
                expected(format!("{here}/{bad}"), ErrorKind::Type)
            }
            _ if !property.collection => match &property.ty {
                TypeRef::Enum(_) => {
                    set(members, leaf(json!(self.bad_member(rng, property))));
                    expected(here, ErrorKind::Enum)
                }
                TypeRef::Primitive(Primitive::DateTimeOffset) => {
                    let bad = BAD_DATE_TIME_OFFSETS[below(rng, BAD_DATE_TIME_OFFSETS.len())];
                    set(members, leaf(json!(bad)));
                    expected(here, ErrorKind::Format)
                }
                TypeRef::Primitive(primitive) => {
                    set(members, leaf(invalid_primitive(rng, *primitive)?));
                    expected(here, ErrorKind::Format)
                }
                TypeRef::Struct(_) => None,
            },
            _ => None,
        }
    }

    /// A string that is not an accepted member: a placeholder, a case variant, or the
    /// sentinel where the operation forbids it.
    fn bad_member(&self, rng: &mut TestRng, property: &Property) -> String {
        let members: Vec<String> = self
            .find_enum(property.ty.csdl_name())
            .map_or(Vec::new(), |e| {
                e.members.iter().map(|m| m.name.to_string()).collect()
            });
        let forbidden: Vec<&String> = members
            .iter()
            .filter(|m| !self.options.accepts_member(m))
            .collect();
        match below(rng, 3) {
            0 if !forbidden.is_empty() => forbidden[0].clone(),
            1 if !members.is_empty() => members[below(rng, members.len())].to_uppercase(),
            _ => "String".to_owned(),
        }
    }
}

/// Where faults went: their pointers, and the objects whose `@odata.type` names another type
/// (nothing more may go into those).
#[derive(Default)]
struct Used {
    pointers: Vec<String>,
    sealed: Vec<String>,
}

impl Used {
    /// Whether a fault is at `pointer` or inside it.
    fn touches(&self, pointer: &str) -> bool {
        self.pointers.iter().any(|u| within(u, pointer))
    }

    /// Whether no fault may go at or inside `pointer`: a fault is there or above it (a member
    /// replaced, removed or repeated), or it is inside an object sealed by fault 1.
    fn blocks(&self, pointer: &str) -> bool {
        self.pointers
            .iter()
            .chain(&self.sealed)
            .any(|above| within(pointer, above))
    }
}

/// Whether the JSON Pointer `inner` is `outer` or below it.
fn within(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A member name as a JSON Pointer reference token (RFC 6901 §3).
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// How many kinds of fault [`Generator::inject`] knows.
const FAULTS: usize = 8;

/// Text that is not a `dateTimeOffsetValue` (OData ABNF), each for a different rule.
const BAD_DATE_TIME_OFFSETS: &[&str] = &[
    "2017-01-01T00:00:00",                // no offset
    "2017-01-01 00:00:00Z",               // space for "T"
    "2017-01-01T24:00Z",                  // hour 24
    "2017-01-01T00:00:00.1234567890123Z", // 13 fraction digits
    "2021-02-29T08:30Z",                  // no such day
    "2017-01-01T00:00:00+0300",           // offset without ":"
    "2017-01-01",                         // a date only
    "String",
];

fn wrong_type(rng: &mut TestRng, property: &Property) -> Value {
    let options = match (property.collection, &property.ty) {
        (true, _) => [json!("a"), json!(1), json!({})],
        (false, TypeRef::Primitive(Primitive::Boolean)) => [json!("true"), json!(1), json!([])],
        // A string is a format error for Single and Double (only INF, -INF, NaN), a wrong type
        // for the other numbers (no IEEE754Compatible, JSON Format §3.2).
        (false, TypeRef::Primitive(Primitive::Single | Primitive::Double)) => {
            [json!(true), json!({}), json!([])]
        }
        (false, TypeRef::Primitive(p)) if p.is_json_number() => {
            [json!("1"), json!(true), json!([])]
        }
        (false, _) => [json!(1), json!(true), json!([])],
    };
    options[below(rng, options.len())].clone()
}

/// A valid value of `primitive` (not String, Boolean, DateTimeOffset), favouring edge values:
/// range ends, leap days, 12 fraction digits, either case where the ABNF allows it.
pub fn valid_primitive(rng: &mut TestRng, primitive: Primitive) -> Value {
    let pick = |rng: &mut TestRng, values: &[Value]| values[below(rng, values.len())].clone();
    let int = |rng: &mut TestRng, min: i64, max: i64| {
        let span = (max as i128 - min as i128 + 1) as u128;
        let random = (u128::from(rng.next_u64()) % span) as i128 + min as i128;
        pick(
            rng,
            &[json!(min), json!(max), json!(0), json!(random as i64)],
        )
    };
    match primitive {
        Primitive::String => json!(valid_string(rng)),
        Primitive::Boolean => json!(chance(rng, 2)),
        Primitive::DateTimeOffset => json!(valid_date_time_offset(rng)),
        Primitive::Byte => int(rng, 0, 255),
        Primitive::SByte => int(rng, -128, 127),
        Primitive::Int16 => int(rng, i16::MIN.into(), i16::MAX.into()),
        Primitive::Int32 => int(rng, i32::MIN.into(), i32::MAX.into()),
        Primitive::Int64 => int(rng, i64::MIN, i64::MAX),
        Primitive::Single => pick(
            rng,
            &[
                json!(f32::MAX),
                json!(-1.5e-45),
                json!(3.25),
                json!("INF"),
                json!("NaN"),
            ],
        ),
        Primitive::Double => pick(
            rng,
            &[
                json!(f64::MAX),
                json!(-0.0),
                json!(1e-300),
                json!(42),
                json!("-INF"),
            ],
        ),
        Primitive::Decimal => pick(rng, &[json!(34.95), json!(-7), json!(1e20), json!(0)]),
        Primitive::Date => {
            let days = [
                "2024-02-29",
                "0000-01-01",
                "-0044-03-15",
                "12021-12-31",
                "2021-04-30",
            ];
            json!(days[below(rng, days.len())])
        }
        Primitive::TimeOfDay => {
            let times = ["00:00", "23:59:59.999999999999", "07:59:60", "12:30:00"];
            json!(times[below(rng, times.len())])
        }
        Primitive::Duration => {
            let durations = ["P12DT23H59M59.999S", "-PT1H", "P1D", "pt0s", "PT0.5S"];
            json!(durations[below(rng, durations.len())])
        }
        Primitive::Guid => {
            let guid = format!(
                "{:08x}-{:04x}-{:04X}-{:04x}-{:012x}",
                rng.next_u32(),
                rng.next_u32() & 0xffff,
                rng.next_u32() & 0xffff,
                rng.next_u32() & 0xffff,
                rng.next_u64() & 0xffff_ffff_ffff
            );
            json!(guid)
        }
        Primitive::Binary => {
            let values = ["", "Zm9vYmE", "Zm9vYmE=", "AQHTe7/V+w==", "-_8"];
            json!(values[below(rng, values.len())])
        }
        Primitive::Stream => pick(rng, &[json!("stream"), json!({"a": [1]}), json!(1)]),
    }
}

/// A value of the right JSON type that is not a value of `primitive` (a `format` error), or
/// `None` when every value of the JSON type is one (String, Boolean, Double, Decimal, Stream).
pub fn invalid_primitive(rng: &mut TestRng, primitive: Primitive) -> Option<Value> {
    let pick = |rng: &mut TestRng, values: &[Value]| Some(values[below(rng, values.len())].clone());
    match primitive {
        Primitive::DateTimeOffset => {
            let i = below(rng, BAD_DATE_TIME_OFFSETS.len());
            Some(json!(BAD_DATE_TIME_OFFSETS[i]))
        }
        // A whole number written as a float (`1.0`) is a `format` error; one with a fraction
        // that is not zero (`1.5`) is not a number of the type at all, a `type` error.
        Primitive::Byte => pick(rng, &[json!(256), json!(-1), json!(1.0)]),
        Primitive::SByte => pick(rng, &[json!(128), json!(-129), json!(-0.0)]),
        Primitive::Int16 => pick(rng, &[json!(32768), json!(-32769)]),
        Primitive::Int32 => pick(
            rng,
            &[json!(2147483648_i64), json!(-2147483649_i64), json!(100.0)],
        ),
        Primitive::Int64 => pick(rng, &[json!(9223372036854775808_u64), json!(1e19)]),
        Primitive::Single => pick(rng, &[json!(1e39), json!(-3.5e38), json!("inf")]),
        Primitive::Double => pick(rng, &[json!("Infinity"), json!("nan"), json!("1.5")]),
        Primitive::Date => pick(
            rng,
            &[json!("2021-02-29"), json!("2021-13-01"), json!("21-01-01")],
        ),
        Primitive::TimeOfDay => pick(rng, &[json!("24:00"), json!("12:60"), json!("7:00")]),
        Primitive::Duration => pick(rng, &[json!("P1Y"), json!("1D"), json!("PT1.S")]),
        Primitive::Guid => pick(
            rng,
            &[
                json!("{01234567-89ab-cdef-0123-456789abcdef}"),
                json!("0123456789abcdef"),
            ],
        ),
        Primitive::Binary => pick(rng, &[json!("Zh"), json!("Zm9v!"), json!("Zm9vY")]),
        Primitive::String | Primitive::Boolean | Primitive::Decimal | Primitive::Stream => None,
    }
}

fn valid_string(rng: &mut TestRng) -> String {
    match below(rng, 50) {
        0 => String::new(),
        1 => "x".repeat(1 << 20), // 1 MiB
        2 => "é€😀 \u{0}\"\\/\n".to_owned(),
        _ => format!("value {}", rng.next_u32()),
    }
}

/// A `dateTimeOffsetValue` with edge values: years beyond 9999 and below 0, leap days, leap
/// seconds, 0–12 fraction digits, offsets up to ±23:59, lower-case `t`/`z`.
pub fn valid_date_time_offset(rng: &mut TestRng) -> String {
    let year: i64 = match below(rng, 10) {
        0 => -(below(rng, 10_000) as i64),
        1 => 10_000 + below(rng, 100_000) as i64,
        _ => 1900 + below(rng, 200) as i64,
    };
    let month = 1 + below(rng, 12);
    let leap = year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let day = if chance(rng, 4) {
        days
    } else {
        1 + below(rng, days)
    };
    let sign = if year < 0 { "-" } else { "" };
    let mut text = format!("{sign}{:04}-{month:02}-{day:02}", year.unsigned_abs());
    text.push(if chance(rng, 10) { 't' } else { 'T' });
    text.push_str(&format!("{:02}:{:02}", below(rng, 24), below(rng, 60)));
    if !chance(rng, 5) {
        let second = if chance(rng, 20) { 60 } else { below(rng, 60) };
        text.push_str(&format!(":{second:02}"));
        let digits = below(rng, 13);
        if digits > 0 {
            text.push('.');
            text.extend((0..digits).map(|_| char::from(b'0' + below(rng, 10) as u8)));
        }
    }
    match below(rng, 4) {
        0 => text.push(if chance(rng, 10) { 'z' } else { 'Z' }),
        1 => text.push_str(if chance(rng, 2) { "+23:59" } else { "-23:59" }),
        _ => text.push_str(&format!(
            "{}{:02}:{:02}",
            if chance(rng, 2) { '+' } else { '-' },
            below(rng, 24),
            below(rng, 60)
        )),
    }
    text
}

/// The value as JSON text, members in order, repeats kept.
fn render(node: &Node) -> String {
    let mut out = String::new();
    render_into(node, &mut out);
    out
}

fn render_into(node: &Node, out: &mut String) {
    match node {
        Node::Leaf(value) => out.push_str(&value.to_string()),
        Node::Object(members, _) => {
            out.push('{');
            for (i, (name, value)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(name.clone()).to_string());
                out.push(':');
                render_into(value, out);
            }
            out.push('}');
        }
        Node::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                render_into(item, out);
            }
            out.push(']');
        }
    }
}

fn below(rng: &mut TestRng, n: usize) -> usize {
    if n == 0 {
        0
    } else {
        (rng.next_u64() % n as u64) as usize
    }
}

fn chance(rng: &mut TestRng, one_in: usize) -> bool {
    below(rng, one_in) == 0
}

fn shuffle<T>(rng: &mut TestRng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        items.swap(i, below(rng, i + 1));
    }
}

/// Properties that must hold for any input, shared by the fuzz targets (`fuzz/`) and the tests
/// that replay their inputs. Each panics with the offending detail when it does not hold.
pub mod properties {
    use std::sync::LazyLock;

    use crate::TypeEntry;
    use crate::edm::{DATE_TIME_OFFSET_PATTERN, DateTimeOffset};
    use crate::report::{Error, Report};
    use crate::rules::{Operation, Options};

    /// The report of all three validators on `bytes` ([`crate::check_agreement`]), after asserting
    /// that they agree: no disagreement, and the single pass ([`crate::check`]) gives exactly
    /// the same errors, messages, lines and columns included.
    pub fn agreeing_report(bytes: &[u8], entry: &TypeEntry, options: &Options) -> Report {
        let (report, single) = crate::validate::check_agreement_and_single(bytes, entry, options);
        assert!(
            report.disagreements.is_empty(),
            "the validators disagree under {options:?}: {:?}\n{report}",
            report.disagreements
        );
        let order = |errors: &[Error]| {
            let mut errors = errors.to_vec();
            errors.sort_by(|a, b| {
                (a.line, a.column, &a.pointer(), a.kind).cmp(&(
                    b.line,
                    b.column,
                    &b.pointer(),
                    b.kind,
                ))
            });
            errors
        };
        assert_eq!(
            order(&single.errors),
            order(&report.errors),
            "the single pass (left) and the validators of the parsed value (right) report differently under {options:?}"
        );
        report
    }

    /// Raw bytes as a payload of `type_name` under every operation and mode: a report, never a
    /// panic; the three validators agree ([`agreeing_report`]); with UTF-8 input every error
    /// has a line and column.
    pub fn payload(type_name: &str, bytes: &[u8]) {
        let entry = crate::types::find(type_name).expect("a built-in type");
        for operation in [Operation::Create, Operation::Update, Operation::Response] {
            for strict in [false, true] {
                let report = agreeing_report(bytes, entry, &Options { operation, strict });
                if std::str::from_utf8(bytes).is_ok() {
                    assert!(
                        report.errors.iter().all(|e| e.line >= 1 && e.column >= 1),
                        "{report:?}"
                    );
                }
            }
        }
    }

    /// Any text as an `Edm.DateTimeOffset`: an accepted text comes back unchanged, and the
    /// emitted pattern (which carries the calendar) matches exactly what the parser accepts.
    pub fn date_time_offset(text: &str) {
        static PATTERN: LazyLock<regex::Regex> =
            LazyLock::new(|| regex::Regex::new(DATE_TIME_OFFSET_PATTERN).expect("a valid pattern"));
        let parsed = DateTimeOffset::parse(text);
        if let Ok(value) = &parsed {
            assert_eq!(value.as_str(), text);
            let _ = value.to_chrono();
        }
        assert_eq!(PATTERN.is_match(text), parsed.is_ok(), "{text:?}");
    }

    /// Any bytes as a doc page: a model, or diagnostics that each name a line.
    pub fn doc_page(bytes: &[u8]) {
        let text = String::from_utf8_lossy(bytes);
        if let Err(problems) = crate::tree::parse_page("fuzz.md", &text) {
            assert!(!problems.is_empty());
            assert!(problems.iter().all(|p| p.line >= 1), "{problems:?}");
        }
    }
}
