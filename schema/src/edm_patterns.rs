//! JSON Schema fragments for the Edm primitive types: one anchored regex per string-formatted
//! type and the bounds of the numeric ones (OData JSON Format 4.01 §7.1 "Primitive Value").
//!
//! Every pattern is the OData ABNF rule the JSON Format names for the type (§7 "Literal Data
//! Values" of the ABNF construction rules), written so that it is valid in ECMA-262 (with or
//! without the `u` flag) and in the Rust `regex` crate alike: `[0-9]`, never `\d` (Unicode digits
//! in Rust), no look-around. The date patterns carry the calendar too, so that a JSON Schema
//! validator needs no `format` keyword to give the runtime's verdict; what a pattern cannot check
//! is said on its constant, and the runtime checkers in `msgraph_schema::edm` check it.
//!
//! Quoted ABNF literals are case-insensitive (RFC 5234 §2.3) unless written `%s"…"` (RFC 7405),
//! so `p1dt2h` is a `durationValue` while `nan` is not a `nanInfinity`.

use serde_json::{Value, json};

/// `year "-" month "-" day` of the ABNF (`year = [ "-" ] ( "0" 3DIGIT / oneToNine 3*DIGIT )`)
/// with the proleptic Gregorian calendar (CSDL §3.3), unanchored: every month has its days, and
/// February 29 is only in a leap year. Shared by [`DATE_PATTERN`] and
/// [`DATE_TIME_OFFSET_PATTERN`].
///
/// No look-around: a leap year is told by its digits. A year not ending in `00` is a leap year
/// when its last two digits are a multiple of 4; a year ending in `00` when the digits before
/// them are (`2000`, `0400`, `0000`, `12000`, not `1900`). 400 divides 10,000, so the sign does
/// not matter (`-0004` is a leap year, as in `msgraph_schema::edm`).
macro_rules! calendar_date {
    () => {
        concat!(
            "(?:-?(?:0[0-9]{3}|[1-9][0-9]{3,})-(?:", // any year "-"
            "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])", //   31-day months
            "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)", //   30-day months
            "|02-(?:0[1-9]|1[0-9]|2[0-8]))",         //   February 1-28
            "|-?(?:(?:0[0-9]|[1-9][0-9]+)(?:0[48]|[2468][048]|[13579][26])", // leap: YY % 4
            "|(?:0[048]|[2468][048]|[13579][26]",    // leap: centuries
            "|[1-9][0-9]*(?:[02468][048]|[13579][26]))00)-02-29)", //   % 400
        )
    };
}

/// The regular expression of the ABNF `dateTimeOffsetValue` (OData ABNF §7) with the calendar:
/// `[-]YYYY-MM-DDThh:mm[:ss[.f{1,12}]](Z|±hh:mm)`, `T`/`Z` in either case, on a day that exists.
///
/// It checks everything the runtime's `DateTimeOffset::parse` checks, so every JSON Schema
/// validator gives our verdict without a `format` keyword: RFC 3339's `date-time`, which
/// `format` asserts elsewhere, rejects what the ABNF allows (no seconds, years outside
/// 0000-9999, a leap second at any minute); `--formats rfc3339` adds it for those who want it.
///
/// Microsoft's CSDL→OpenAPI converter emits a stricter pattern that requires seconds, rejects
/// leap seconds, negative years and lower-case `t`/`z`; the ABNF allows all of them, so ours
/// does too (see docs/export.md).
pub const DATE_TIME_OFFSET_PATTERN: &str = concat!(
    "^",
    calendar_date!(),
    "[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]", // "T" hour ":" minute
    "(?::(?:[0-5][0-9]|60)(?:\\.[0-9]{1,12})?)?", // [ ":" second [ "." fractionalSeconds ] ]
    "(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$", // "Z" / ("+"/"-") hour ":" minute
);

/// `dateValue = year "-" month "-" day`, `year = [ "-" ] ( "0" 3DIGIT / oneToNine 3*DIGIT )`,
/// with the calendar (`2021-02-29` and `2021-04-31` do not match).
///
/// It checks everything the runtime's `Date::parse` checks. Negative years and years of 5+
/// digits match (the ABNF allows them, RFC 3339's `full-date` does not), which is why no
/// `format: date` is emitted unless asked for (`--formats rfc3339`).
pub const DATE_PATTERN: &str = concat!("^", calendar_date!(), "$");

/// `timeOfDayValue = hour ":" minute [ ":" second [ "." fractionalSeconds ] ]`.
///
/// Hours 00-23 (`24:00` never matches), seconds 00-60 (the ABNF's leap second, although CSDL
/// §3.3 says "Clock time 00:00-23:59:59.999999999999"), 1-12 fraction digits. It checks
/// everything the runtime checks. JSON Schema's `format: time` is RFC 3339 `full-time`, which
/// requires an offset, so it is not emitted.
pub const TIME_OF_DAY_PATTERN: &str = concat!(
    "^(?:[01][0-9]|2[0-3]):[0-5][0-9]",            // hour ":" minute
    "(?::(?:[0-5][0-9]|60)(?:\\.[0-9]{1,12})?)?$", // [ ":" second [ "." fractionalSeconds ] ]
);

/// `durationValue = [ "-" ] "P" [ 1*DIGIT "D" ] [ "T" [ 1*DIGIT "H" ] [ 1*DIGIT "M" ]
/// [ 1*DIGIT [ "." 1*DIGIT ] "S" ] ]`, the JSON form without the URL's `duration'…'` wrapper.
///
/// Faithful to the ABNF's letter, which is looser than the XML Schema `dayTimeDuration` it
/// approximates (and than .NET's `XmlConvert.ToTimeSpan`, which Microsoft.OData.Core uses):
/// `P`, `PT`, `P1DT` and lower-case designators match. No years or months, no `+`. It checks
/// everything the runtime checks. JSON Schema's `format: duration` (RFC 3339 appendix A) has no
/// sign, so it is not emitted.
pub const DURATION_PATTERN: &str = concat!(
    "^-?[Pp](?:[0-9]+[Dd])?",                // [ "-" ] "P" [ 1*DIGIT "D" ]
    "(?:[Tt](?:[0-9]+[Hh])?(?:[0-9]+[Mm])?", // [ "T" [ 1*DIGIT "H" ] [ 1*DIGIT "M" ]
    "(?:[0-9]+(?:\\.[0-9]+)?[Ss])?)?$",      //   [ 1*DIGIT [ "." 1*DIGIT ] "S" ] ]
);

/// `guidValue = 8HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 12HEXDIG`, either case (HEXDIG's
/// quoted `"A"`-`"F"` are case-insensitive). No braces: RFC 4122's syntax, which `format: uuid`
/// would check the same way, so none is emitted. It checks everything the runtime checks.
pub const GUID_PATTERN: &str = concat!(
    "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}",
    "-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
);

/// `binaryValue = *(4base64char) [ base64b16 / base64b8 ]` exactly: base64url (RFC 4648 §5,
/// `-` and `_`), padding optional (`base64b16 … [ "=" ]`, `base64b8 … [ "==" ]`), and the last
/// character of a partial group must leave the unused bits zero (`%s"A" / %s"Q" / …`).
///
/// [`BINARY_PATTERN`] also admits the standard alphabet; this is the strict ABNF form.
pub const BINARY_BASE64URL_PATTERN: &str = concat!(
    "^(?:[A-Za-z0-9_-]{4})*",                  // *(4base64char)
    "(?:[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048]=?", // base64b16
    "|[A-Za-z0-9_-][AQgw](?:==)?)?$",          // base64b8
);

/// [`BINARY_BASE64URL_PATTERN`], or the same structure over the standard base64 alphabet
/// (RFC 4648 §4, `+` and `/`), never both alphabets in one value.
///
/// The standard alphabet is not `binaryValue`, but it is what Microsoft Graph sends and reads
/// (its docs show `Edm.Binary` values such as `"AQHTe7/V…=="`; Microsoft.OData.Core decodes
/// with `Convert.FromBase64String`), so rejecting it would flag working payloads. It checks
/// everything the runtime's default check does.
pub const BINARY_PATTERN: &str = concat!(
    "^(?:(?:[A-Za-z0-9_-]{4})*",
    "(?:[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048]=?|[A-Za-z0-9_-][AQgw](?:==)?)?",
    "|(?:[A-Za-z0-9+/]{4})*",
    "(?:[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=?|[A-Za-z0-9+/][AQgw](?:==)?)?)$",
);

/// `int64Value = ["+"/"-"] 1*19DIGIT`: the string form of `Edm.Int64` with
/// `IEEE754Compatible=true` (JSON Format §3.2). It cannot check the range
/// (`9223372036854775808` matches); the runtime does.
pub const INT64_STRING_PATTERN: &str = "^[+-]?[0-9]{1,19}$";

/// The finite part of `decimalValue = ["+"/"-"] 1*DIGIT [ "." 1*DIGIT ] [ "e" ["+"/"-"] 1*DIGIT ]`:
/// the string form of `Edm.Decimal` with `IEEE754Compatible=true` (JSON Format §3.2); `e` in
/// either case. It checks everything the runtime checks.
pub const DECIMAL_STRING_PATTERN: &str = "^[+-]?[0-9]+(?:\\.[0-9]+)?(?:[Ee][+-]?[0-9]+)?$";

/// `nanInfinity = %s"NaN" / %s"-INF" / %s"INF"`: the only strings an `Edm.Single` or
/// `Edm.Double` may be (JSON Format §7.1), case-sensitive.
pub const FLOAT_SPECIAL_PATTERN: &str = "^(?:INF|-INF|NaN)$";

/// The JSON Schema `format` (RFC 3339 §5.6, as JSON Schema 2020-12 §7.3.1 defines it) that
/// `--formats rfc3339` adds beside the pattern of the Edm primitive `edm_name`: `date-time` for
/// `Edm.DateTimeOffset`, `date` for `Edm.Date`, else `None`.
///
/// Opt-in only: RFC 3339 is stricter than the ABNF (seconds required, years 0000-9999, a leap
/// second only at 23:59 UTC), so a tool that asserts it rejects values Graph accepts.
pub fn rfc3339_format(edm_name: &str) -> Option<&'static str> {
    match edm_name.strip_prefix("Edm.").unwrap_or(edm_name) {
        "DateTimeOffset" => Some("date-time"),
        "Date" => Some("date"),
        _ => None,
    }
}

/// The inclusive bounds of an Edm integer type, from the ABNF comments ("numbers in the range
/// from … to …") and CSDL §3.3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntBounds {
    /// The qualified name, e.g. `Edm.Int32`.
    pub edm_name: &'static str,
    /// The least value.
    pub minimum: i64,
    /// The greatest value.
    pub maximum: i64,
}

/// `Edm.Byte`: unsigned 8-bit, 0..=255.
pub const BYTE: IntBounds = IntBounds {
    edm_name: "Edm.Byte",
    minimum: 0,
    maximum: 255,
};
/// `Edm.SByte`: signed 8-bit, -128..=127.
pub const SBYTE: IntBounds = IntBounds {
    edm_name: "Edm.SByte",
    minimum: i8::MIN as i64,
    maximum: i8::MAX as i64,
};
/// `Edm.Int16`: signed 16-bit.
pub const INT16: IntBounds = IntBounds {
    edm_name: "Edm.Int16",
    minimum: i16::MIN as i64,
    maximum: i16::MAX as i64,
};
/// `Edm.Int32`: signed 32-bit.
pub const INT32: IntBounds = IntBounds {
    edm_name: "Edm.Int32",
    minimum: i32::MIN as i64,
    maximum: i32::MAX as i64,
};
/// `Edm.Int64`: signed 64-bit. JSON Schema tools that hold numbers as IEEE 754 doubles (ajv,
/// any JavaScript) round these bounds to ±2^63, so they cannot tell `9223372036854775807` from
/// `9223372036854775808`; the runtime can.
pub const INT64: IntBounds = IntBounds {
    edm_name: "Edm.Int64",
    minimum: i64::MIN,
    maximum: i64::MAX,
};

/// The largest finite `Edm.Single` (IEEE 754 binary32), about `3.4028235e38`. A JSON number just
/// above it that rounds to it is accepted by the runtime (round to nearest), rejected by a schema
/// `maximum`; the gap is half a unit in the last place.
pub const SINGLE_MAX: f64 = f32::MAX as f64;

/// The JSON Schema of a value of the Edm primitive `edm_name` (with or without the `Edm.`
/// prefix), without `null` (nullability is the property's `Nullable` facet), or `None` for a
/// name this module does not know (spatial types, `Edm.Untyped`, non-Edm names).
///
/// `ieee754_compatible` admits the string forms of `Edm.Int64` and `Edm.Decimal` (JSON Format
/// §3.2). Integer types are `"type": "integer"`, which JSON Schema also grants `1.0` and `1e2`;
/// the runtime does not (the ABNF integer rules have no fraction or exponent). `Edm.Double` has
/// no bounds: a tool that parses JSON numbers as doubles cannot represent a number beyond them.
/// `Edm.Decimal`'s `INF`/`-INF`/`NaN` (only with `Scale="floating"`) are not admitted: the
/// facet is the property's.
///
/// ```
/// use msgraph_schema_core::edm_patterns::{fragment, GUID_PATTERN};
/// let guid = fragment("Edm.Guid", false).unwrap();
/// assert_eq!(guid["pattern"], GUID_PATTERN);
/// assert_eq!(fragment("Int32", false).unwrap()["maximum"], 2147483647);
/// assert!(fragment("Edm.GeographyPoint", false).is_none());
/// ```
pub fn fragment(edm_name: &str, ieee754_compatible: bool) -> Option<Value> {
    let int = |b: IntBounds| json!({"type": "integer", "minimum": b.minimum, "maximum": b.maximum});
    let string = |pattern: &str| json!({"type": "string", "pattern": pattern});
    let value = match edm_name.strip_prefix("Edm.").unwrap_or(edm_name) {
        "String" => json!({"type": "string"}),
        "Boolean" => json!({"type": "boolean"}),
        "Byte" => int(BYTE),
        "SByte" => int(SBYTE),
        "Int16" => int(INT16),
        "Int32" => int(INT32),
        "Int64" if ieee754_compatible => json!({
            "anyOf": [int(INT64), string(INT64_STRING_PATTERN)],
        }),
        "Int64" => int(INT64),
        // `anyOf`, not `"type": [..]`: ajv's strict mode rejects union types.
        "Single" => json!({"anyOf": [
            {"type": "number", "minimum": -SINGLE_MAX, "maximum": SINGLE_MAX},
            string(FLOAT_SPECIAL_PATTERN),
        ]}),
        "Double" => json!({"anyOf": [{"type": "number"}, string(FLOAT_SPECIAL_PATTERN)]}),
        "Decimal" if ieee754_compatible => {
            json!({"anyOf": [{"type": "number"}, string(DECIMAL_STRING_PATTERN)]})
        }
        "Decimal" => json!({"type": "number"}),
        "Date" => string(DATE_PATTERN),
        "TimeOfDay" => string(TIME_OF_DAY_PATTERN),
        "Duration" => string(DURATION_PATTERN),
        "Guid" => string(GUID_PATTERN),
        "Binary" => string(BINARY_PATTERN),
        "DateTimeOffset" => string(DATE_TIME_OFFSET_PATTERN),
        // JSON Format §9 "Stream Property": an inlined stream is native JSON, a string or
        // base64url, depending on its `mediaContentType`; the type alone allows anything.
        "Stream" => json!({}),
        _ => return None,
    };
    Some(value)
}
