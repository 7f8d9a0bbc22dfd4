//! Edm primitive types whose JSON form needs more than a JSON type check.
//!
//! Each module is a hand-written checker of the OData ABNF rule that OData JSON Format 4.01 §7.1
//! names for the type; [`primitive`] dispatches on a type's name. The regexes of the string rules
//! live in `msgraph_schema_core::edm_patterns`, shared with the JSON Schema export.

pub mod binary;
pub mod date;
pub mod date_time_offset;
pub mod duration;
pub mod guid;
pub mod numbers;
pub mod primitive;
mod scan;
pub mod text;
pub mod time_of_day;

pub use binary::{Base64Alphabet, Binary, BinaryError, BinaryErrorReason};
pub use date::{Date, DateError, DateErrorReason};
pub use date_time_offset::{
    DATE_TIME_OFFSET_PATTERN, DateTimeOffset, DateTimeOffsetError, DateTimeOffsetErrorReason,
};
pub use duration::{Duration, DurationError, DurationErrorReason};
pub use guid::{Guid, GuidError, GuidErrorReason};
pub use numbers::{
    FloatKind, IntKind, NumberError, NumberErrorReason, check_decimal, check_decimal_string,
    check_float, check_float_string, check_int, check_int64_string,
};
pub use primitive::{
    JsonScalar, Primitive, PrimitiveOptions, PrimitiveProblem, check_primitive,
    check_primitive_name, check_primitive_name_with, expected_json,
};
pub use text::{BinaryText, DateText, DecimalText, DurationText, GuidText, TimeOfDayText};
pub use time_of_day::{TimeOfDay, TimeOfDayError, TimeOfDayErrorReason};
