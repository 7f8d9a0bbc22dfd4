//! Every Edm primitive through the one model, end to end: a derived struct with a property of
//! each, payloads checked by the single pass, the typed validator and the JSON Schema (they must
//! agree: `agreeing_report`), each case with its exact `(pointer, kind)` set.

mod support;

use std::collections::BTreeSet;

use msgraph_schema::edm::{
    BinaryText, DateText, DateTimeOffset, DecimalText, DurationText, GuidText, TimeOfDayText,
};
use msgraph_schema::model::Primitive;
use msgraph_schema::testing::{self, Generator, properties::agreeing_report};
use msgraph_schema::{GraphModel, Nullable, Options, TypeEntry, Validate};
use proptest::prelude::*;
use serde_json::json;
use support::found::{Found, found};

/// One property of every Edm primitive, a collection and a nullable one.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.primitiveHolder")]
pub struct PrimitiveHolder {
    /// Edm.String.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string: Option<String>,
    /// Edm.Boolean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boolean: Option<bool>,
    /// Edm.DateTimeOffset.
    #[serde(
        rename = "dateTimeOffset",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub date_time_offset: Option<DateTimeOffset>,
    /// Edm.Byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byte: Option<u8>,
    /// Edm.SByte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sbyte: Option<i8>,
    /// Edm.Int16.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub int16: Option<i16>,
    /// Edm.Int32.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub int32: Option<i32>,
    /// Edm.Int64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub int64: Option<i64>,
    /// Edm.Single.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single: Option<f32>,
    /// Edm.Double.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub double: Option<f64>,
    /// Edm.Decimal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimal: Option<DecimalText>,
    /// Edm.Date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    /// Edm.TimeOfDay.
    #[serde(rename = "timeOfDay", default, skip_serializing_if = "Option::is_none")]
    pub time_of_day: Option<TimeOfDayText>,
    /// Edm.Duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<DurationText>,
    /// Edm.Guid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<GuidText>,
    /// Edm.Binary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binary: Option<BinaryText>,
    /// Edm.Stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<serde_json::Value>,
    /// Collection(Edm.Int32).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub int32s: Option<Vec<i32>>,
    /// A nullable Edm.Guid.
    #[serde(
        rename = "nullableGuid",
        default,
        skip_serializing_if = "Nullable::is_absent"
    )]
    pub nullable_guid: Nullable<GuidText>,
}

/// The property of each primitive.
const PROPERTIES: [(&str, Primitive); 17] = [
    ("string", Primitive::String),
    ("boolean", Primitive::Boolean),
    ("dateTimeOffset", Primitive::DateTimeOffset),
    ("byte", Primitive::Byte),
    ("sbyte", Primitive::SByte),
    ("int16", Primitive::Int16),
    ("int32", Primitive::Int32),
    ("int64", Primitive::Int64),
    ("single", Primitive::Single),
    ("double", Primitive::Double),
    ("decimal", Primitive::Decimal),
    ("date", Primitive::Date),
    ("timeOfDay", Primitive::TimeOfDay),
    ("duration", Primitive::Duration),
    ("guid", Primitive::Guid),
    ("binary", Primitive::Binary),
    ("stream", Primitive::Stream),
];

fn entry() -> TypeEntry {
    TypeEntry::of::<PrimitiveHolder>()
}

/// The `(pointer, kind)` set of `raw`, asserting that the three validators agree.
fn errors(raw: &str) -> Found {
    found(&agreeing_report(
        raw.as_bytes(),
        &entry(),
        &Options::default(),
    ))
}

/// Checks `value` as the property `name`: no error (`None`) or one of `kind` at `/name`.
fn case(label: &str, name: &str, value: &str, kind: Option<&'static str>) {
    let raw = format!("{{\"{name}\": {value}}}");
    let expected: BTreeSet<_> = kind.map(|k| (format!("/{name}"), k)).into_iter().collect();
    assert_eq!(errors(&raw), expected, "{label}: {raw}");
}

#[test]
fn the_model_has_every_primitive() {
    let model = PrimitiveHolder::model();
    for (name, primitive) in PROPERTIES {
        let property = model.property(name).expect(name);
        assert_eq!(property.ty.csdl_name(), primitive.edm_name());
    }
    assert_eq!(PROPERTIES.len(), Primitive::ALL.len());
    assert_eq!(<i32 as Validate>::TYPE_REF.csdl_name(), "Edm.Int32");
    assert_eq!(<GuidText as Validate>::TYPE_REF.csdl_name(), "Edm.Guid");
    let ints = model.property("int32s").unwrap();
    assert!(ints.collection && !ints.nullable);
    assert!(model.property("nullableGuid").unwrap().nullable);
}

#[test]
fn valid_values_pass() {
    let valid: &[(&str, &str)] = &[
        ("string", r#""""#),
        ("boolean", "false"),
        ("dateTimeOffset", r#""2021-06-15T08:30Z""#),
        ("byte", "0"),
        ("byte", "255"),
        ("sbyte", "-128"),
        ("int16", "32767"),
        ("int32", "-2147483648"),
        ("int32", "2147483647"),
        ("int64", "9223372036854775807"),
        ("int64", "-9223372036854775808"),
        ("single", "3.4028234663852886e38"),
        ("single", r#""-INF""#),
        ("double", "1e308"),
        ("double", "-0"),
        ("double", "1.0"),
        ("double", r#""INF""#),
        ("double", r#""NaN""#),
        ("decimal", "34.95"),
        ("decimal", "1e2"),
        ("date", r#""2024-02-29""#),
        ("date", r#""-0044-03-15""#),
        ("date", r#""12021-12-31""#),
        ("timeOfDay", r#""23:59:59.999999999999""#),
        ("timeOfDay", r#""00:00""#),
        ("duration", r#""P12DT23H59M59.999S""#),
        ("duration", r#""-PT1H""#),
        ("guid", r#""01234567-89ab-cdef-0123-456789ABCDEF""#),
        ("binary", r#""Zm9vYmE""#),
        ("binary", r#""AQHTe7/V+w==""#),
        ("binary", r#""""#),
        ("stream", r#"{"any": [1, "thing"]}"#),
        ("stream", "42"),
        ("int32s", "[1, -2, 3]"),
        ("int32s", "[]"),
        ("nullableGuid", "null"),
        ("nullableGuid", r#""00000000-0000-0000-0000-000000000000""#),
    ];
    for (name, value) in valid {
        case("valid", name, value, None);
    }
}

#[test]
fn out_of_range_and_bad_grammar_are_format_errors() {
    let invalid: &[(&str, &str, &str)] = &[
        ("Int32 above its range", "int32", "2147483648"),
        ("Int32 below its range", "int32", "-2147483649"),
        ("Int32 with a fraction", "int32", "1.0"),
        ("Int32 with an exponent", "int32", "1e2"),
        ("Int32 -0 (serde_json reads a float)", "int32", "-0"),
        ("Int32 beyond 64 bits", "int32", "100000000000000000000"),
        ("Byte -1", "byte", "-1"),
        ("Byte 256", "byte", "256"),
        ("Byte -0", "byte", "-0"),
        ("SByte 128", "sbyte", "128"),
        ("Int16 -32769", "int16", "-32769"),
        ("Int64 2^63", "int64", "9223372036854775808"),
        ("Int64 1e19", "int64", "1e19"),
        ("Single beyond binary32", "single", "3.5e38"),
        ("Single string", "single", r#""inf""#),
        ("Double INF lower case", "double", r#""inf""#),
        ("Double Infinity", "double", r#""Infinity""#),
        ("Double numeric string", "double", r#""1.5""#),
        (
            "Guid with braces",
            "guid",
            r#""{01234567-89ab-cdef-0123-456789abcdef}""#,
        ),
        (
            "Guid without hyphens",
            "guid",
            r#""0123456789abcdef0123456789abcdef""#,
        ),
        ("Date 2021-02-29", "date", r#""2021-02-29""#),
        ("Date month 13", "date", r#""2021-13-01""#),
        ("Date two-digit year", "date", r#""21-01-01""#),
        ("Duration with years", "duration", r#""P1Y""#),
        ("Duration without P", "duration", r#""1D""#),
        ("Binary bad padding bits", "binary", r#""Zh""#),
        ("Binary bad character", "binary", r#""Zm9v!""#),
        ("TimeOfDay 24:00", "timeOfDay", r#""24:00""#),
        ("TimeOfDay one-digit hour", "timeOfDay", r#""7:00""#),
        (
            "DateTimeOffset without offset",
            "dateTimeOffset",
            r#""2017-01-01T00:00:00""#,
        ),
    ];
    for (label, name, value) in invalid {
        case(label, name, value, Some("format"));
    }
    // A collection item.
    assert_eq!(
        errors(r#"{"int32s": [1, 1.0, "2", null, 2.5]}"#),
        [
            ("/int32s/1".to_owned(), "format"),
            ("/int32s/2".to_owned(), "type"),
            ("/int32s/3".to_owned(), "type"),
            ("/int32s/4".to_owned(), "type"),
        ]
        .into()
    );
}

#[test]
fn wrong_json_types_and_null_are_type_errors() {
    let wrong: &[(&str, &str, &str)] = &[
        ("Int32 as a string", "int32", r#""1""#),
        ("Int32 as a string with a fraction", "int32", r#""1.0""#),
        (
            "Int64 as a string (no IEEE754Compatible)",
            "int64",
            r#""1""#,
        ),
        ("Decimal as a string", "decimal", r#""1.5""#),
        ("Byte as a boolean", "byte", "true"),
        ("Double as an array", "double", "[1]"),
        ("Single as an object", "single", "{}"),
        ("Guid as a number", "guid", "1"),
        ("Date as a number", "date", "20240229"),
        ("Duration as a boolean", "duration", "false"),
        ("Binary as an array", "binary", "[]"),
        ("TimeOfDay as a number", "timeOfDay", "12"),
        ("String as a number", "string", "1"),
        ("Boolean as a string", "boolean", r#""true""#),
        ("Int32s not an array", "int32s", "1"),
        // A fraction that is not zero: JSON Schema's `"type": "integer"` rejects it as a type
        // (2020-12 validation §6.1.1), and so does every validator here.
        ("Int32 with a non-zero fraction", "int32", "1.5"),
        ("Int32 with a negative fraction", "int32", "-0.25"),
        ("Int32 fraction out of range too", "int32", "3000000000.5"),
        ("Int32 fraction with an exponent", "int32", "15e-1"),
        ("Byte with a fraction", "byte", "1.5"),
        ("SByte with a fraction", "sbyte", "0.5"),
        ("Int16 with a fraction", "int16", "-1.5"),
        ("Int64 with a fraction", "int64", "0.5"),
    ];
    for (label, name, value) in wrong {
        case(label, name, value, Some("type"));
    }
    // null on every non-nullable property (a collection is never null, CSDL §7.2.1).
    for (name, _) in PROPERTIES {
        case("null", name, "null", Some("type"));
    }
    case("null collection", "int32s", "null", Some("type"));
}

#[test]
fn messages_name_the_type_and_the_problem() {
    let report = agreeing_report(br#"{"int32": "1"}"#, &entry(), &Options::default());
    assert_eq!(
        report.errors[0].message(),
        "expected a number (Edm.Int32), found a string"
    );
    // A fraction is a wrong type for an integer, and says so with the number written.
    let report = agreeing_report(br#"{"int32": 1.5}"#, &entry(), &Options::default());
    let error = &report.errors[0];
    assert_eq!(error.kind.as_str(), "type");
    assert_eq!(
        error.message(),
        "expected a whole number (Edm.Int32), found 1.5"
    );
    assert_eq!(error.expected(), Some("a whole number (Edm.Int32)"));
    assert_eq!(error.found(), Some("1.5"));
    let report = agreeing_report(br#"{"byte": 256}"#, &entry(), &Options::default());
    let error = &report.errors[0];
    assert_eq!(error.found(), Some("256"));
    assert!(error.message().contains("Edm.Byte"), "{}", error.message());
    assert!(error.expected().unwrap().contains("0 to 255"));
}

#[test]
fn valid_payloads_deserialize_and_keep_their_text() {
    let text = r#"{"date": "2024-02-29", "duration": "pt0s", "guid": "01234567-89AB-cdef-0123-456789abcdef",
        "binary": "-_8", "timeOfDay": "07:59:60", "int32": -5, "byte": 255, "decimal": 34.95,
        "int32s": [1], "nullableGuid": null}"#;
    let value: PrimitiveHolder = msgraph_schema::validate(text).unwrap();
    assert_eq!(value.duration.as_ref().unwrap().as_str(), "pt0s");
    assert_eq!(
        value.guid.as_ref().unwrap().to_string(),
        "01234567-89AB-cdef-0123-456789abcdef"
    );
    assert_eq!(value.decimal.as_ref().unwrap().as_str(), "34.95");
    assert_eq!(value.int32, Some(-5));
    let back = serde_json::to_value(&value).unwrap();
    assert_eq!(back["binary"], json!("-_8"));
    assert_eq!(back["decimal"], json!(34.95));
    assert_eq!(back["nullableGuid"], json!(null));
    assert!(DateText::parse("2023-02-29").is_err());
    assert!(TimeOfDayText::parse("24:00").is_err());
    assert!(DurationText::parse("P1Y").is_err());
    assert!(BinaryText::parse("Zh").is_err());
    assert!(DecimalText::parse("1.").is_err());
}

#[test]
fn generated_samples_give_exactly_their_errors() {
    let generator = Generator::new(&entry(), Options::default());
    let mut rng = testing::seeded_rng(11);
    for _ in 0..300 {
        for sample in [generator.valid(&mut rng), generator.invalid(&mut rng)] {
            let report = agreeing_report(sample.raw.as_bytes(), &entry(), &Options::default());
            let found: BTreeSet<_> = report
                .errors
                .iter()
                .map(|e| (e.pointer().to_owned(), e.kind))
                .collect();
            let expected: BTreeSet<_> = sample
                .expected
                .iter()
                .map(|e| (e.pointer.clone(), e.kind))
                .collect();
            assert_eq!(found, expected, "{}", sample.raw);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A generated valid value of any primitive passes; an invalid one gives exactly one
    /// `format` error at its pointer.
    #[test]
    fn generated_values(index in 0..PROPERTIES.len(), seed: u64) {
        let (name, primitive) = PROPERTIES[index];
        let mut rng = testing::seeded_rng(seed);
        let valid = testing::valid_primitive(&mut rng, primitive);
        let raw = json!({ name: valid }).to_string();
        prop_assert_eq!(errors(&raw), BTreeSet::new(), "{}", raw);
        if let Some(invalid) = testing::invalid_primitive(&mut rng, primitive) {
            let raw = json!({ name: invalid }).to_string();
            let expected: BTreeSet<_> = [(format!("/{name}"), "format")].into();
            prop_assert_eq!(errors(&raw), expected, "{}", raw);
        }
    }

    /// Any integer is an Int64 exactly when it fits, on every side.
    #[test]
    fn integers(value: i128) {
        let raw = format!("{{\"int64\": {value}, \"int32\": {value}, \"byte\": {value}}}");
        let mut expected = BTreeSet::new();
        if i64::try_from(value).is_err() {
            expected.insert(("/int64".to_owned(), "format"));
        }
        if i32::try_from(value).is_err() {
            expected.insert(("/int32".to_owned(), "format"));
        }
        if u8::try_from(value).is_err() {
            expected.insert(("/byte".to_owned(), "format"));
        }
        prop_assert_eq!(errors(&raw), expected, "{}", raw);
    }
}
