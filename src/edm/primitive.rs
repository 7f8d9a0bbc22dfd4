//! One entry point for every Edm primitive type: is this JSON scalar a value of that type?
//!
//! The JSON type comes first (JSON Format 4.01 §7.1 "Primitive Value"): `Edm.Boolean` is `true` or
//! `false`; the numeric types are JSON numbers, except `INF`, `-INF` and `NaN` (strings); `String`,
//! `Binary`, `Date`, `DateTimeOffset`, `Duration`, `Guid` and `TimeOfDay` are JSON strings whose
//! content is the type's ABNF rule. Then the content: [`PrimitiveProblem::Format`].
//!
//! `null` is accepted for every type: whether it is allowed is the property's `Nullable` facet
//! (CSDL §7.2.1), not the type's, so the caller decides. `Edm.Stream` accepts any value: an
//! inlined stream is native JSON, a string or base64url depending on its `mediaContentType`
//! control information (JSON Format §9 "Stream Property"), which a single value does not carry;
//! usually the property is absent and only `name@mediaReadLink` and the like are sent.

use std::fmt;

pub use msgraph_schema_core::model::Primitive;

use super::binary::Binary;
use super::date::Date;
use super::date_time_offset::DateTimeOffset;
use super::duration::Duration;
use super::guid::Guid;
use super::numbers::{self, FloatKind, IntKind};
use super::time_of_day::TimeOfDay;

/// A JSON scalar as it appears in a payload: numbers as their raw text (e.g. `"1e2"`, `"-0"`),
/// strings as their unescaped content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonScalar<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, exactly as written.
    Number(&'a str),
    /// A string's content, unescaped.
    String(&'a str),
}

/// What a check knows beyond the type's name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PrimitiveOptions {
    /// The payload's `Content-Type` has `IEEE754Compatible=true` (JSON Format §3.2): `Edm.Int64`
    /// and `Edm.Decimal` may also be strings (`"9007199254740993"`). Numbers are accepted
    /// either way.
    pub ieee754_compatible: bool,
    /// The `Edm.Decimal` property has `Scale="floating"`: `INF`, `-INF` and `NaN` are allowed
    /// (CSDL §3.3).
    pub decimal_floating_scale: bool,
    /// Reject the standard base64 alphabet in `Edm.Binary` (`+`, `/`): the ABNF `binaryValue`
    /// exactly. Off by default because Microsoft Graph uses the standard alphabet.
    pub binary_base64url_only: bool,
}

/// Why a JSON scalar is not a value of an Edm primitive type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrimitiveProblem {
    /// The JSON type is wrong (a string for `Edm.Int32`, a number for `Edm.Date`, …).
    WrongJsonType {
        /// What the type's values look like, e.g. `a JSON number (Edm.Int32)`.
        expected: &'static str,
    },
    /// The JSON type is right; the content is not a value of the type. The message says what is
    /// wrong, where, what is expected, with an example.
    Format(String),
    /// The name is not an Edm primitive type this module checks (spatial types, `Edm.Untyped`,
    /// a misspelling; names are case-sensitive, CSDL §3.1).
    UnknownType {
        /// The name as given.
        name: String,
    },
}

impl fmt::Display for PrimitiveProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongJsonType { expected } => write!(f, "wrong JSON type: expected {expected}"),
            Self::Format(message) => f.write_str(message),
            Self::UnknownType { name } => write!(
                f,
                "unknown Edm primitive type {name:?}: expected a name such as Edm.Int32 or Int32"
            ),
        }
    }
}

impl std::error::Error for PrimitiveProblem {}

/// Checks one JSON scalar as a value of the Edm primitive `primitive` (the model's
/// [`Primitive`], the one list of Edm primitives).
///
/// # Errors
/// [`PrimitiveProblem::WrongJsonType`] or [`PrimitiveProblem::Format`].
pub fn check_primitive(
    primitive: Primitive,
    value: JsonScalar<'_>,
    options: &PrimitiveOptions,
) -> Result<(), PrimitiveProblem> {
    let this = primitive;
    use JsonScalar as J;
    use Primitive as K;
    let format = |e: &dyn fmt::Display| PrimitiveProblem::Format(e.to_string());
    let int = |kind, raw| {
        numbers::check_int(kind, raw)
            .map(drop)
            .map_err(|e| format(&e))
    };
    let special = |s| matches!(s, "INF" | "-INF" | "NaN");
    match (this, value) {
        (_, J::Null) | (K::Stream, _) | (K::Boolean, J::Bool(_)) | (K::String, J::String(_)) => {
            Ok(())
        }
        (K::Byte, J::Number(raw)) => int(IntKind::Byte, raw),
        (K::SByte, J::Number(raw)) => int(IntKind::SByte, raw),
        (K::Int16, J::Number(raw)) => int(IntKind::Int16, raw),
        (K::Int32, J::Number(raw)) => int(IntKind::Int32, raw),
        (K::Int64, J::Number(raw)) => int(IntKind::Int64, raw),
        // JSON Format §3.2: Int64 and Decimal as strings only with IEEE754Compatible=true.
        (K::Int64, J::String(s)) if options.ieee754_compatible => numbers::check_int64_string(s)
            .map(drop)
            .map_err(|e| format(&e)),
        (K::Single | K::Double, J::Number(raw)) => {
            let kind = if this == K::Single {
                FloatKind::Single
            } else {
                FloatKind::Double
            };
            numbers::check_float(kind, raw).map_err(|e| format(&e))
        }
        // JSON Format §7.1: "-INF, INF, and NaN … are represented as strings".
        (K::Single | K::Double, J::String(s)) => {
            let kind = if this == K::Single {
                FloatKind::Single
            } else {
                FloatKind::Double
            };
            numbers::check_float_string(kind, s).map_err(|e| format(&e))
        }
        (K::Decimal, J::Number(raw)) => numbers::check_decimal(raw).map_err(|e| format(&e)),
        (K::Decimal, J::String(s))
            if options.ieee754_compatible || options.decimal_floating_scale && special(s) =>
        {
            numbers::check_decimal_string(s, options.decimal_floating_scale).map_err(|e| format(&e))
        }
        (K::Binary, J::String(s)) if options.binary_base64url_only => {
            Binary::parse_base64url(s).map(drop).map_err(|e| format(&e))
        }
        (K::Binary, J::String(s)) => Binary::parse(s).map(drop).map_err(|e| format(&e)),
        (K::Date, J::String(s)) => Date::parse(s).map(drop).map_err(|e| format(&e)),
        (K::DateTimeOffset, J::String(s)) => DateTimeOffset::check(s).map_err(|e| {
            PrimitiveProblem::Format(format!(
                "invalid Edm.DateTimeOffset: {e}; expected YYYY-MM-DDThh:mm[:ss[.fraction]] \
                     and Z or ±hh:mm, e.g. 2012-12-03T07:16:23Z"
            ))
        }),
        (K::Duration, J::String(s)) => Duration::parse(s).map(drop).map_err(|e| format(&e)),
        (K::Guid, J::String(s)) => Guid::parse(s).map(drop).map_err(|e| format(&e)),
        (K::TimeOfDay, J::String(s)) => TimeOfDay::parse(s).map(drop).map_err(|e| format(&e)),
        _ => Err(PrimitiveProblem::WrongJsonType {
            expected: expected_json(this, options),
        }),
    }
}

/// What a value of `primitive` looks like in JSON, for [`PrimitiveProblem::WrongJsonType`].
pub fn expected_json(primitive: Primitive, options: &PrimitiveOptions) -> &'static str {
    use Primitive as K;
    match primitive {
        K::Boolean => "true or false (Edm.Boolean)",
        K::String => "a JSON string (Edm.String)",
        K::Stream => "any JSON value (Edm.Stream)",
        K::Byte => "a JSON number from 0 to 255 (Edm.Byte)",
        K::SByte => "a JSON number from -128 to 127 (Edm.SByte)",
        K::Int16 => "a JSON number (Edm.Int16)",
        K::Int32 => "a JSON number (Edm.Int32)",
        K::Int64 if options.ieee754_compatible => {
            "a JSON number or a string of digits (Edm.Int64, IEEE754Compatible=true)"
        }
        K::Int64 => {
            "a JSON number (Edm.Int64; a string needs IEEE754Compatible=true in the Content-Type)"
        }
        K::Single => "a JSON number, or the string \"INF\", \"-INF\" or \"NaN\" (Edm.Single)",
        K::Double => "a JSON number, or the string \"INF\", \"-INF\" or \"NaN\" (Edm.Double)",
        K::Decimal if options.ieee754_compatible => {
            "a JSON number or a numeric string (Edm.Decimal, IEEE754Compatible=true)"
        }
        K::Decimal if options.decimal_floating_scale => {
            "a JSON number, or the string \"INF\", \"-INF\" or \"NaN\" (Edm.Decimal)"
        }
        K::Decimal => {
            "a JSON number (Edm.Decimal; a string needs IEEE754Compatible=true in the \
                 Content-Type)"
        }
        K::Binary => "a JSON string of base64url (Edm.Binary), e.g. \"Zm9vYmE\"",
        K::Date => "a JSON string (Edm.Date), e.g. \"2024-02-29\"",
        K::DateTimeOffset => "a JSON string (Edm.DateTimeOffset), e.g. \"2012-12-03T07:16:23Z\"",
        K::Duration => "a JSON string (Edm.Duration), e.g. \"P12DT23H59M59.999S\"",
        K::Guid => "a JSON string (Edm.Guid), e.g. \"01234567-89ab-cdef-0123-456789abcdef\"",
        K::TimeOfDay => "a JSON string (Edm.TimeOfDay), e.g. \"07:59:59.999\"",
    }
}

/// Checks `value` as a value of the Edm primitive `edm_name` (`Edm.Int32` or `Int32`) with the
/// default [`PrimitiveOptions`] (no `IEEE754Compatible`, decimal scale not floating, both base64
/// alphabets).
///
/// ```
/// use msgraph_schema::edm::{JsonScalar, PrimitiveProblem, check_primitive_name};
///
/// assert!(check_primitive_name("Edm.Int32", JsonScalar::Number("-0")).is_ok());
/// assert!(matches!(
///     check_primitive_name("Edm.Int32", JsonScalar::String("42")),
///     Err(PrimitiveProblem::WrongJsonType { .. })
/// ));
/// assert!(matches!(
///     check_primitive_name("Edm.Date", JsonScalar::String("2023-02-29")),
///     Err(PrimitiveProblem::Format(_))
/// ));
/// assert!(check_primitive_name("Edm.Double", JsonScalar::String("-INF")).is_ok());
/// ```
///
/// # Errors
/// A [`PrimitiveProblem`].
pub fn check_primitive_name(edm_name: &str, value: JsonScalar<'_>) -> Result<(), PrimitiveProblem> {
    check_primitive_name_with(edm_name, value, &PrimitiveOptions::default())
}

/// [`check_primitive_name`] with explicit options.
///
/// # Errors
/// A [`PrimitiveProblem`]; [`PrimitiveProblem::UnknownType`] when `edm_name` is not a
/// [`Primitive`].
pub fn check_primitive_name_with(
    edm_name: &str,
    value: JsonScalar<'_>,
    options: &PrimitiveOptions,
) -> Result<(), PrimitiveProblem> {
    let primitive =
        Primitive::from_name(edm_name).ok_or_else(|| PrimitiveProblem::UnknownType {
            name: edm_name.to_owned(),
        })?;
    check_primitive(primitive, value, options)
}
