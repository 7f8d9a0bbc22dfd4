//! Emitters: the model as JSON Schema 2020-12 and as Rust source.

pub mod json_schema;
pub mod rust;
