//! The msgraph-schema model and build step: Graph doc pages → [`model::Model`] → JSON Schema and
//! Rust source.
//!
//! `parse → model → emit`: [`page`] reads a page (with [`markdown`]), [`model`] is the one
//! representation shared with the derive macro and the runtime, and [`emit`] writes the outputs.

pub mod complete;
pub mod crosscheck;
pub mod csdl;
pub mod edm_patterns;
pub mod emit;
pub mod enrich;
pub mod examples;
pub mod markdown;
pub mod model;
pub mod page;
pub mod rules;
pub mod tree;
