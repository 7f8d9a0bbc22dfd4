//! Emitters: the model as JSON Schema 2020-12, as an OpenAPI 3.1 document (the same schemas)
//! and as Rust source.

pub mod json_schema;
pub mod openapi;
pub mod rust;
