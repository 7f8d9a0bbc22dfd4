//! The numeric Edm types: `Byte`, `SByte`, `Int16`, `Int32`, `Int64`, `Single`, `Double`,
//! `Decimal`, checked from the raw JSON number text exactly as it appears in the payload (so a
//! streaming validator needs no parsed value), and their string forms.
//!
//! JSON Format 4.01 §7.1 "Primitive Value": these types "are represented as JSON numbers, except
//! for `-INF`, `INF`, and `NaN` which are represented as strings". §3.2 "Controlling the
//! Representation of Numbers": with `IEEE754Compatible=true`, `Edm.Int64` and `Edm.Decimal` are
//! strings. The decisions, each cited where it decides a branch below:
//!
//! - The text must first be a JSON number (RFC 8259 §6): no `+`, no leading zeros, no `.5`/`5.`.
//! - Integer types: the ABNF rules `byteValue = 1*3DIGIT`, `sbyteValue`/`int16Value`/
//!   `int32Value`/`int64Value = ["+"/"-"] 1*nDIGIT` have no fraction and no exponent, so `1.0` and
//!   `1e2` are rejected even though their values are integers (Microsoft.OData.Core agrees: it
//!   reads them as doubles and cannot convert a double to an integer type). `byteValue` has no
//!   sign, so `-0` is rejected for `Edm.Byte` and accepted for the signed types. The range is the
//!   ABNF comment's ("numbers in the range from … to …").
//! - `Single`/`Double`: any JSON number whose value does not round to infinity in IEEE 754
//!   binary32/binary64 (CSDL §3.3); precision beyond 6-9 / 15-17 digits is rounded, not an error,
//!   and so is underflow to zero. Infinity and NaN are the strings `INF`, `-INF`, `NaN`
//!   (`nanInfinity = %s"NaN" / %s"-INF" / %s"INF"`: case-sensitive).
//! - `Decimal`: any JSON number (4.01 payloads always allow exponents); no precision or scale
//!   check (those facets are the property's, not the type's). The special values only with
//!   `Scale="floating"` (CSDL §3.3: "`Edm.Decimal` with a `Scale` value of `floating`, `Edm.Double`,
//!   and `Edm.Single` allow the special numeric values `-INF`, `INF`, and `NaN`").
//! - String forms under `IEEE754Compatible=true`: `int64Value` (an optional `+`/`-`, 1-19
//!   digits, leading zeros allowed) and `decimalValue` (`e` in either case: a quoted literal).

use std::fmt;

use super::scan::Cursor;
pub use msgraph_schema_core::edm_patterns::{
    DECIMAL_STRING_PATTERN, FLOAT_SPECIAL_PATTERN, INT64_STRING_PATTERN, IntBounds, SINGLE_MAX,
};

/// An Edm integer type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntKind {
    /// `Edm.Byte`, 0..=255, written without a sign.
    Byte,
    /// `Edm.SByte`, -128..=127.
    SByte,
    /// `Edm.Int16`.
    Int16,
    /// `Edm.Int32`.
    Int32,
    /// `Edm.Int64`.
    Int64,
}

impl IntKind {
    /// The qualified name and inclusive bounds, shared with the JSON Schema export.
    pub const fn bounds(self) -> IntBounds {
        use msgraph_schema_core::edm_patterns as p;
        match self {
            IntKind::Byte => p::BYTE,
            IntKind::SByte => p::SBYTE,
            IntKind::Int16 => p::INT16,
            IntKind::Int32 => p::INT32,
            IntKind::Int64 => p::INT64,
        }
    }
}

/// An Edm binary floating-point type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatKind {
    /// `Edm.Single`: IEEE 754 binary32.
    Single,
    /// `Edm.Double`: IEEE 754 binary64.
    Double,
}

impl FloatKind {
    /// The qualified name, e.g. `Edm.Double`.
    pub const fn edm_name(self) -> &'static str {
        match self {
            FloatKind::Single => "Edm.Single",
            FloatKind::Double => "Edm.Double",
        }
    }
}

/// Why a number (or a number's string form) is not a value of its Edm type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberError {
    /// The type checked, e.g. `Edm.Int32`.
    pub edm_type: &'static str,
    /// Byte offset of the first offending byte (0 for a value out of range).
    pub at: usize,
    /// What is wrong.
    pub reason: NumberErrorReason,
}

/// The kind of a [`NumberError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NumberErrorReason {
    /// Not a JSON number (RFC 8259 §6) at `at`.
    NotJsonNumber,
    /// An integer type with a fraction (`.` at `at`).
    Fraction,
    /// An integer type with an exponent (`e`/`E` at `at`).
    Exponent,
    /// `Edm.Byte` with a sign: `byteValue = 1*3DIGIT`.
    Sign,
    /// An integer outside the type's inclusive range.
    OutOfRange {
        /// The least value of the type.
        min: i64,
        /// The greatest value of the type.
        max: i64,
    },
    /// A finite number too large for the floating-point type (it would round to infinity).
    Overflow,
    /// An `int64Value` string with more than 19 digits.
    TooManyDigits,
    /// A string that is not `int64Value`.
    NotInt64String,
    /// A string that is not the finite part of `decimalValue`.
    NotDecimalString,
    /// A string that is not `INF`, `-INF` or `NaN` (case-sensitive).
    NotSpecialValue,
    /// `INF`, `-INF` or `NaN` for an `Edm.Decimal` whose scale is not `floating`.
    SpecialNeedsFloatingScale,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (ty, at) = (self.edm_type, self.at);
        match self.reason {
            NumberErrorReason::NotJsonNumber => write!(
                f,
                "invalid {ty}: not a JSON number at byte {at}; expected digits without a '+' or \
                 leading zeros, e.g. 42, -7 or 1.5e3"
            ),
            NumberErrorReason::Fraction => write!(
                f,
                "invalid {ty}: a whole number has no decimal point (byte {at}); write it \
                 without one, e.g. 1, not 1.0"
            ),
            NumberErrorReason::Exponent => write!(
                f,
                "invalid {ty}: a whole number has no exponent (byte {at}); write all its \
                 digits, e.g. 100, not 1e2"
            ),
            NumberErrorReason::Sign => write!(
                f,
                "invalid {ty}: written without a sign (byte {at}); expected 0 to 255, e.g. 0"
            ),
            NumberErrorReason::OutOfRange { min, max } => write!(
                f,
                "invalid {ty}: out of range; expected a whole number from {min} to {max}, e.g. 42"
            ),
            NumberErrorReason::Overflow => {
                let max = if ty == "Edm.Single" {
                    "3.4028235e38"
                } else {
                    "1.7976931348623157e308"
                };
                write!(
                    f,
                    "invalid {ty}: too large, it would round to infinity; expected a magnitude \
                     of at most {max}, e.g. 1.5e10, or the string \"INF\" or \"-INF\""
                )
            }
            NumberErrorReason::TooManyDigits => write!(
                f,
                "invalid {ty} string: more than 19 digits at byte {at}; expected an optional \
                 sign and 1 to 19 digits, e.g. \"9007199254740993\""
            ),
            NumberErrorReason::NotInt64String => write!(
                f,
                "invalid {ty} string at byte {at}: expected an optional sign and 1 to 19 \
                 digits, e.g. \"-9007199254740993\""
            ),
            NumberErrorReason::NotDecimalString => write!(
                f,
                "invalid {ty} string at byte {at}: expected an optional sign, digits, an \
                 optional '.' and digits, an optional exponent, e.g. \"-1.234567e3\""
            ),
            NumberErrorReason::NotSpecialValue => write!(
                f,
                "invalid {ty}: the only strings allowed are \"INF\", \"-INF\" and \"NaN\" \
                 (case-sensitive); write numbers as JSON numbers, e.g. 3.14"
            ),
            NumberErrorReason::SpecialNeedsFloatingScale => write!(
                f,
                "invalid {ty}: \"INF\", \"-INF\" and \"NaN\" are only allowed when the \
                 property's Scale is floating; expected a number, e.g. 34.95"
            ),
        }
    }
}

impl std::error::Error for NumberError {}

/// Where the parts of a JSON number are: the digits of its integer part, and the offsets of its
/// `.` and exponent marker when present.
struct JsonNumber {
    negative: bool,
    int_digits: std::ops::Range<usize>,
    dot: Option<usize>,
    exp: Option<usize>,
}

/// RFC 8259 §6: `number = [ minus ] int [ frac ] [ exp ]`, `int = zero / ( digit1-9 *DIGIT )`,
/// `frac = decimal-point 1*DIGIT`, `exp = e [ minus / plus ] 1*DIGIT`.
fn json_number(raw: &str) -> Result<JsonNumber, usize> {
    let mut c = Cursor::new(raw);
    let negative = c.eat_byte(b'-');
    let start = c.i;
    if c.eat_byte(b'0') {
        // int = zero / …: a leading zero stands alone
    } else if c.eat(|b| matches!(b, b'1'..=b'9')).is_some() {
        c.digits();
    } else {
        return Err(c.i);
    }
    let int_digits = start..c.i;
    let dot = c.peek().filter(|&b| b == b'.').map(|_| c.i);
    if dot.is_some() {
        c.i += 1;
        if c.digits() == 0 {
            return Err(c.i);
        }
    }
    let exp = c.peek().filter(|&b| b == b'e' || b == b'E').map(|_| c.i);
    if exp.is_some() {
        c.i += 1;
        c.eat(|b| b == b'+' || b == b'-');
        if c.digits() == 0 {
            return Err(c.i);
        }
    }
    if !c.at_end() {
        return Err(c.i);
    }
    Ok(JsonNumber {
        negative,
        int_digits,
        dot,
        exp,
    })
}

/// The value of an optional sign and ASCII digits, if it is within `bounds`.
fn in_range(negative: bool, digits: &[u8], bounds: IntBounds) -> Option<i64> {
    let sign = if negative { -1 } else { 1 };
    let value = digits.iter().try_fold(0i64, |v, &d| {
        v.checked_mul(10)?.checked_add(sign * i64::from(d - b'0'))
    })?;
    (bounds.minimum..=bounds.maximum)
        .contains(&value)
        .then_some(value)
}

/// Checks a raw JSON number as a value of the integer type `kind`; returns the value.
///
/// ```
/// use msgraph_schema::edm::{IntKind, check_int};
/// assert_eq!(check_int(IntKind::Int32, "-2147483648"), Ok(-2147483648));
/// assert!(check_int(IntKind::Int32, "2147483648").is_err());
/// assert!(check_int(IntKind::Int32, "1.0").is_err());
/// assert!(check_int(IntKind::Byte, "-0").is_err()); // byteValue has no sign
/// ```
///
/// # Errors
/// A [`NumberError`]: not a JSON number, a fraction or exponent, a sign on `Edm.Byte`, or out of
/// range.
pub fn check_int(kind: IntKind, raw_number: &str) -> Result<i64, NumberError> {
    let bounds = kind.bounds();
    let fail = |at, reason| NumberError {
        edm_type: bounds.edm_name,
        at,
        reason,
    };
    let n = json_number(raw_number).map_err(|at| fail(at, NumberErrorReason::NotJsonNumber))?;
    // int32Value = ["+"/"-"] 1*10DIGIT etc.: no "." and no "e".
    if let Some(at) = n.dot {
        return Err(fail(at, NumberErrorReason::Fraction));
    } else if let Some(at) = n.exp {
        return Err(fail(at, NumberErrorReason::Exponent));
    } else if n.negative && kind == IntKind::Byte {
        return Err(fail(0, NumberErrorReason::Sign)); // byteValue = 1*3DIGIT: no sign
    }
    let digits = &raw_number.as_bytes()[n.int_digits];
    in_range(n.negative, digits, bounds).ok_or(fail(
        0,
        NumberErrorReason::OutOfRange {
            min: bounds.minimum,
            max: bounds.maximum,
        },
    ))
}

/// Checks the string form of `Edm.Int64` (`IEEE754Compatible=true`, JSON Format §3.2):
/// `int64Value = ["+"/"-"] 1*19DIGIT` within the `Edm.Int64` range; returns the value.
///
/// # Errors
/// A [`NumberError`]: not `int64Value`, more than 19 digits, or out of range.
pub fn check_int64_string(text: &str) -> Result<i64, NumberError> {
    let bounds = IntKind::Int64.bounds();
    let fail = |at, reason| NumberError {
        edm_type: bounds.edm_name,
        at,
        reason,
    };
    let mut c = Cursor::new(text);
    let negative = c.eat(|b| b == b'+' || b == b'-') == Some(b'-');
    let start = c.i;
    let n = c.digits();
    if n > 19 {
        return Err(fail(start + 19, NumberErrorReason::TooManyDigits));
    } else if n == 0 || !c.at_end() {
        return Err(fail(c.i, NumberErrorReason::NotInt64String));
    }
    let range = NumberErrorReason::OutOfRange {
        min: bounds.minimum,
        max: bounds.maximum,
    };
    in_range(negative, &c.bytes[start..c.i], bounds).ok_or(fail(0, range))
}

/// Checks a raw JSON number as a value of `Edm.Single` or `Edm.Double`: a JSON number whose value
/// does not round to infinity in the type.
///
/// ```
/// use msgraph_schema::edm::{FloatKind, check_float};
/// assert!(check_float(FloatKind::Double, "-0.314e1").is_ok());
/// assert!(check_float(FloatKind::Single, "1e39").is_err());
/// assert!(check_float(FloatKind::Double, "1e39").is_ok());
/// ```
///
/// # Errors
/// A [`NumberError`]: not a JSON number, or too large for the type.
pub fn check_float(kind: FloatKind, raw_number: &str) -> Result<(), NumberError> {
    let fail = |at, reason| NumberError {
        edm_type: kind.edm_name(),
        at,
        reason,
    };
    json_number(raw_number).map_err(|at| fail(at, NumberErrorReason::NotJsonNumber))?;
    // Rust's float parsing is correctly rounded and accepts every JSON number; it returns an
    // infinity exactly when the value rounds to one.
    let finite = match kind {
        FloatKind::Single => raw_number.parse::<f32>().is_ok_and(f32::is_finite),
        FloatKind::Double => raw_number.parse::<f64>().is_ok_and(f64::is_finite),
    };
    if finite {
        Ok(())
    } else {
        Err(fail(0, NumberErrorReason::Overflow))
    }
}

/// Checks a JSON string as a value of `Edm.Single` or `Edm.Double` (JSON Format §7.1): exactly
/// `INF`, `-INF` or `NaN`.
///
/// # Errors
/// A [`NumberError`] with [`NumberErrorReason::NotSpecialValue`] for any other string.
pub fn check_float_string(kind: FloatKind, text: &str) -> Result<(), NumberError> {
    check_special(kind.edm_name(), text)
}

/// `nanInfinity = %s"NaN" / %s"-INF" / %s"INF"`.
fn check_special(edm_type: &'static str, text: &str) -> Result<(), NumberError> {
    match text {
        "INF" | "-INF" | "NaN" => Ok(()),
        _ => Err(NumberError {
            edm_type,
            at: 0,
            reason: NumberErrorReason::NotSpecialValue,
        }),
    }
}

/// Checks a raw JSON number as a value of `Edm.Decimal`: any JSON number.
///
/// # Errors
/// A [`NumberError`] when the text is not a JSON number.
pub fn check_decimal(raw_number: &str) -> Result<(), NumberError> {
    json_number(raw_number).map(drop).map_err(|at| NumberError {
        edm_type: "Edm.Decimal",
        at,
        reason: NumberErrorReason::NotJsonNumber,
    })
}

/// Checks the content of a JSON string as a value of `Edm.Decimal`: the string form under
/// `IEEE754Compatible=true` (JSON Format §3.2), i.e. `decimalValue =
/// ["+"/"-"] 1*DIGIT [ "." 1*DIGIT ] [ "e" ["+"/"-"] 1*DIGIT ] / nanInfinity`, where the
/// `nanInfinity` branch needs `floating_scale` (the property has `Scale="floating"`, CSDL §3.3).
///
/// Whether a string is allowed at all is the caller's decision (see
/// [`check_primitive`](crate::edm::check_primitive)).
///
/// ```
/// use msgraph_schema::edm::check_decimal_string;
/// assert!(check_decimal_string("-1.234567E3", false).is_ok());
/// assert_eq!(check_decimal_string("42.", false).unwrap_err().at, 3);
/// assert!(check_decimal_string("NaN", false).is_err());
/// assert!(check_decimal_string("NaN", true).is_ok());
/// ```
///
/// # Errors
/// A [`NumberError`] at the first byte that does not fit.
pub fn check_decimal_string(text: &str, floating_scale: bool) -> Result<(), NumberError> {
    if check_special("Edm.Decimal", text).is_ok() {
        return if floating_scale {
            Ok(())
        } else {
            Err(NumberError {
                edm_type: "Edm.Decimal",
                at: 0,
                reason: NumberErrorReason::SpecialNeedsFloatingScale,
            })
        };
    }
    let fail = |c: &Cursor<'_>| {
        Err(NumberError {
            edm_type: "Edm.Decimal",
            at: c.i,
            reason: NumberErrorReason::NotDecimalString,
        })
    };
    let mut c = Cursor::new(text);
    c.eat(|b| b == b'+' || b == b'-');
    if c.digits() == 0 {
        return fail(&c); // ".1": FailAt 0 (ABNF test case)
    }
    if c.eat_byte(b'.') && c.digits() == 0 {
        return fail(&c); // "42.": FailAt 3 (ABNF test case)
    }
    if c.eat(|b| b == b'e' || b == b'E').is_some() {
        c.eat(|b| b == b'+' || b == b'-');
        if c.digits() == 0 {
            return fail(&c);
        }
    }
    if !c.at_end() {
        return fail(&c);
    }
    Ok(())
}
