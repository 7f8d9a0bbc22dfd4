//! Typed values of the Edm primitives that keep the payload's text, as
//! [`DateTimeOffset`](super::DateTimeOffset) does: a generated struct's field of type
//! `Edm.Date`, `Edm.TimeOfDay`, `Edm.Duration`, `Edm.Guid`, `Edm.Binary` or `Edm.Decimal`.
//!
//! Each deserializes only what its checker accepts (the OData ABNF rule that JSON Format §7.1
//! names for the type) and serializes the text back unchanged, so `"P1dT2h"` or a Guid in upper
//! case round-trips byte for byte.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use msgraph_schema_core::edm_patterns::fragment;

use super::binary::{Binary, BinaryError};
use super::date::{Date, DateError};
use super::duration::{Duration, DurationError};
use super::guid::{Guid, GuidError};
use super::numbers::{NumberError, check_decimal};
use super::time_of_day::{TimeOfDay, TimeOfDayError};

/// Declares a string-valued newtype checked by `$check`.
macro_rules! text_type {
    ($(#[doc = $doc:literal])* $name:ident, $edm:literal, $error:ty, $check:expr) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// The value of `text`, if the type's ABNF rule accepts it.
            ///
            /// # Errors
            /// Why `text` is not a value of the type.
            pub fn parse(text: impl Into<String>) -> Result<Self, $error> {
                let text = text.into();
                let check: fn(&str) -> Result<(), $error> = $check;
                check(&text)?;
                Ok($name(text))
            }

            /// The original text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = $error;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text)
            }
        }

        impl fmt::Display for $name {
            /// Writes the original text.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl serde::Serialize for $name {
            /// Serializes the original text as a string.
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            /// Accepts a string that [`Self::parse`] accepts.
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Self::parse(text).map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            /// The fragment of `msgraph_schema_core::edm_patterns`, as in the export.
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                edm_schema($edm)
            }
        }
    };
}

/// The export's schema of the primitive `edm_name`.
fn edm_schema(edm_name: &str) -> schemars::Schema {
    let value = fragment(edm_name, false).expect("a known Edm primitive");
    schemars::Schema::try_from(value).expect("a fragment is an object")
}

text_type!(
    /// An `Edm.Date` (`dateValue`, with a real Gregorian day), as written.
    DateText,
    "Edm.Date",
    DateError,
    |t| Date::parse(t).map(drop)
);
text_type!(
    /// An `Edm.TimeOfDay` (`timeOfDayValue`), as written.
    TimeOfDayText,
    "Edm.TimeOfDay",
    TimeOfDayError,
    |t| TimeOfDay::parse(t).map(drop)
);
text_type!(
    /// An `Edm.Duration` (`durationValue`), as written.
    DurationText,
    "Edm.Duration",
    DurationError,
    |t| Duration::parse(t).map(drop)
);
text_type!(
    /// An `Edm.Guid` (`guidValue`), as written (either case).
    GuidText,
    "Edm.Guid",
    GuidError,
    |t| Guid::parse(t).map(drop)
);
text_type!(
    /// An `Edm.Binary` (`binaryValue`, or the standard base64 alphabet Graph uses), as written.
    BinaryText,
    "Edm.Binary",
    BinaryError,
    |t| Binary::parse(t).map(drop)
);

/// An `Edm.Decimal`: a JSON number, kept as text.
///
/// Without `serde_json`'s `arbitrary_precision` feature a parsed JSON number is a `u64`, an
/// `i64` or an `f64`, so the text kept after deserializing is `serde_json`'s: exact for whole
/// numbers, the shortest text of the nearest `f64` otherwise (`1e2` becomes `100.0`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DecimalText(String);

impl DecimalText {
    /// The value of `raw_number`, if it is a JSON number (RFC 8259 §6).
    ///
    /// # Errors
    /// A [`NumberError`] when it is not.
    pub fn parse(raw_number: impl Into<String>) -> Result<Self, NumberError> {
        let text = raw_number.into();
        check_decimal(&text)?;
        Ok(DecimalText(text))
    }

    /// The number's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DecimalText {
    /// Writes the number's text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for DecimalText {
    /// Serializes a JSON number.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number: serde_json::Number = self.0.parse().map_err(serde::ser::Error::custom)?;
        number.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for DecimalText {
    /// Accepts a JSON number.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        Ok(DecimalText(number.to_string()))
    }
}

impl schemars::JsonSchema for DecimalText {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "DecimalText".into()
    }

    /// `{"type": "number"}`, as in the export.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        edm_schema("Edm.Decimal")
    }
}
