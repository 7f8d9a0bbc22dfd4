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

use crate::model::{EnumType, Model, Primitive, Property, StructuredType, TypeRef};
use crate::pointer::Pointer;
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

/// Generates payloads of one type under one set of options.
#[derive(Clone)]
pub struct Generator {
    model: Arc<Model>,
    ty: Arc<StructuredType>,
    /// The enums the type's properties use, by name: index into the model's enums, found once.
    enums: Arc<HashMap<String, usize>>,
    options: Options,
}

/// Members of an object in order; a name may repeat (a duplicate key in the text).
type Members = Vec<(String, Value)>;

impl Generator {
    /// A generator for the type of `entry`.
    pub fn new(entry: &TypeEntry, options: Options) -> Generator {
        let model = entry.model();
        let ty = entry.structured().clone();
        let index = model.index();
        let enums = ty
            .properties
            .iter()
            .filter_map(|p| match &p.ty {
                TypeRef::Enum(name) => Some((name.to_string(), index.enum_id(name)?)),
                _ => None,
            })
            .collect();
        Generator {
            model: Arc::new(model),
            ty: Arc::new(ty),
            enums: Arc::new(enums),
            options,
        }
    }

    /// The enum type named `name` that a property of the type uses.
    fn find_enum(&self, name: &str) -> Option<&EnumType> {
        self.enums.get(name).map(|&id| &self.model.enums[id])
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
    /// nulls, edge values, sometimes `@odata.type` and an instance annotation.
    pub fn valid(&self, rng: &mut TestRng) -> Sample {
        let members = self.valid_members(rng);
        Sample {
            raw: render(&members),
            valid: true,
            expected: Vec::new(),
        }
    }

    /// An invalid payload: a valid one with one to three faults at distinct places.
    pub fn invalid(&self, rng: &mut TestRng) -> Sample {
        let mut members = self.valid_members(rng);
        let mut expected = Vec::new();
        let mut used = Vec::new();
        let faults = 1 + below(rng, 3);
        for _ in 0..faults * 4 {
            if expected.len() == faults {
                break;
            }
            let fault = below(rng, FAULTS);
            if let Some(found) = self.inject(rng, fault, &mut members, &used) {
                used.push(found.pointer.clone());
                expected.push(found);
            }
        }
        if expected.is_empty() {
            // Fault 0, an unknown property, applies to every payload.
            expected.extend(self.inject(rng, 0, &mut members, &used));
        }
        if expected.iter().any(|e| e.kind == ErrorKind::OdataType) {
            // Fault 1: `@odata.type` names another type, so that is the object's one error;
            // duplicate names are still seen in the text (`Checker::names_another_type`).
            expected
                .retain(|e| matches!(e.kind, ErrorKind::OdataType | ErrorKind::DuplicateProperty));
        }
        expected.sort();
        Sample {
            raw: render(&members),
            valid: false,
            expected,
        }
    }

    fn valid_members(&self, rng: &mut TestRng) -> Members {
        let mut members = Members::new();
        if chance(rng, 3) {
            let values = self.options.odata_type_values(&self.ty.name);
            members.push((
                "@odata.type".into(),
                json!(values[below(rng, values.len())]),
            ));
        }
        for property in self.ty.properties.iter() {
            if self.options.requires(property) || chance(rng, 2) {
                members.push((property.name.to_string(), self.valid_value(rng, property)));
            }
        }
        if chance(rng, 4) {
            members.push((
                "@odata.context".into(),
                json!("https://graph.microsoft.com/beta/$metadata#entity"),
            ));
        }
        shuffle(rng, &mut members);
        members
    }

    fn valid_value(&self, rng: &mut TestRng, property: &Property) -> Value {
        if property.collection {
            let items = (0..below(rng, 4))
                .map(|_| {
                    if property.nullable && chance(rng, 5) {
                        Value::Null
                    } else {
                        self.valid_item(rng, &property.ty)
                    }
                })
                .collect();
            return Value::Array(items);
        }
        if property.nullable && chance(rng, 5) {
            return Value::Null;
        }
        self.valid_item(rng, &property.ty)
    }

    fn valid_item(&self, rng: &mut TestRng, ty: &TypeRef) -> Value {
        match ty {
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
            // Nested structured types arrive with the corpus model; none in the built-in one.
            TypeRef::Struct(_) => json!({}),
        }
    }

    /// Injects fault number `fault` (below [`FAULTS`]) at a place not in `used`, if it applies
    /// there; returns the error it must produce.
    fn inject(
        &self,
        rng: &mut TestRng,
        fault: usize,
        members: &mut Members,
        used: &[String],
    ) -> Option<Expected> {
        let root = Pointer::ROOT;
        let expected = |pointer: Pointer<'_>, kind| {
            Some(Expected {
                pointer: pointer.to_string(),
                kind,
            })
        };
        if fault == 0 {
            // An unknown property: a name no property has, even case-insensitively.
            let name = format!("unknownProperty{}", below(rng, 1000));
            if members.iter().any(|(k, _)| *k == name) {
                return None;
            }
            members.push((name.clone(), json!(1)));
            return expected(root.key(&name), ErrorKind::UnknownProperty);
        }
        if fault == 1 {
            let pointer = "/@odata.type".to_owned();
            if used.contains(&pointer) || members.iter().any(|(k, _)| k == "@odata.type") {
                return None;
            }
            members.push(("@odata.type".into(), json!("#microsoft.graph.user")));
            return expected(root.key("@odata.type"), ErrorKind::OdataType);
        }
        let property = &self.ty.properties[below(rng, self.ty.properties.len())];
        let name = property.name.to_string();
        let here = root.key(&name);
        let here_text = here.to_string();
        let taken = |u: &String| {
            *u == here_text
                || u.strip_prefix(&here_text)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        if used.iter().any(taken) {
            // One fault per property: a second one could undo the first.
            return None;
        }
        let present = members.iter().position(|(k, _)| *k == name);
        let set = |members: &mut Members, value: Value| match present {
            Some(at) => members[at].1 = value,
            None => members.push((name.clone(), value)),
        };
        match fault {
            2 => {
                // A duplicate member, both values valid: only the text shows it.
                let value = self.valid_value(rng, property);
                set(members, value.clone());
                members.push((name.clone(), value));
                expected(here, ErrorKind::DuplicateProperty)
            }
            3 if property.ty == TypeRef::Primitive(Primitive::Stream) && !property.collection => {
                None // any value is an Edm.Stream
            }
            3 => {
                let wrong = wrong_type(rng, property);
                set(members, wrong);
                expected(here, ErrorKind::Type)
            }
            4 if property.collection || !property.nullable => {
                set(members, Value::Null);
                expected(here, ErrorKind::Type)
            }
            5 if self.options.requires(property) => {
                members.retain(|(k, _)| *k != name);
                expected(here, ErrorKind::Required)
            }
            6 if property.ty == TypeRef::Primitive(Primitive::Stream) => None,
            6 if property.collection => {
                let mut items = vec![self.valid_item(rng, &property.ty); below(rng, 3)];
                let bad = items.len();
                let wrong = match &property.ty {
                    TypeRef::Primitive(p) if p.is_json_number() => json!(true),
                    _ => json!(12),
                };
                items.push(wrong);
                set(members, Value::Array(items));
                expected(here.index(bad), ErrorKind::Type)
            }
            _ if !property.collection => match &property.ty {
                TypeRef::Enum(_) => {
                    set(members, json!(self.bad_member(rng, property)));
                    expected(here, ErrorKind::Enum)
                }
                TypeRef::Primitive(Primitive::DateTimeOffset) => {
                    set(
                        members,
                        json!(BAD_DATE_TIME_OFFSETS[below(rng, BAD_DATE_TIME_OFFSETS.len())]),
                    );
                    expected(here, ErrorKind::Format)
                }
                TypeRef::Primitive(primitive) => {
                    set(members, invalid_primitive(rng, *primitive)?);
                    expected(here, ErrorKind::Format)
                }
                _ => None,
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

/// The members as JSON text, in order, repeats kept.
fn render(members: &Members) -> String {
    let body: Vec<String> = members
        .iter()
        .map(|(name, value)| format!("{}:{}", Value::String(name.clone()), value))
        .collect();
    format!("{{{}}}", body.join(","))
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
    /// emitted pattern matches exactly what the parser accepts, calendar errors aside.
    pub fn date_time_offset(text: &str) {
        static PATTERN: LazyLock<regex::Regex> =
            LazyLock::new(|| regex::Regex::new(DATE_TIME_OFFSET_PATTERN).expect("a valid pattern"));
        let parsed = DateTimeOffset::parse(text);
        if let Ok(value) = &parsed {
            assert_eq!(value.as_str(), text);
            let _ = value.to_chrono();
        }
        let syntax_ok = parsed
            .as_ref()
            .map_or_else(|e| e.is_calendar_error(), |_| true);
        assert_eq!(PATTERN.is_match(text), syntax_ok, "{text:?}");
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
