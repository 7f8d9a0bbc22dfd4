//! The built-in model's Rust types, generated at build time from `schema/pages/*.md`.
//!
//! To read the generated source: `msgraph-schema export --format rust`.

include!(concat!(env!("OUT_DIR"), "/types.rs"));

/// The structured type named `name` (qualified, alias or short name).
pub fn find(name: &str) -> Option<&'static crate::TypeEntry> {
    TYPES
        .iter()
        .find(|entry| crate::model::names_match(entry.name(), name))
}

/// The generated Rust source of this module, as the build step wrote it.
pub const SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/types.rs"));
