//! Edm primitive types whose JSON form needs more than a JSON type check.

pub mod date_time_offset;

pub use date_time_offset::{
    DATE_TIME_OFFSET_PATTERN, DateTimeOffset, DateTimeOffsetError, DateTimeOffsetErrorReason,
};
