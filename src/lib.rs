//! Validate Microsoft Graph JSON payloads before they are sent.
//!
//! The model comes from Graph doc pages (see `schema/pages/`): the build step turns them into
//! Rust types ([`types`]) that derive [`GraphModel`] / [`GraphEnum`], and into JSON Schema
//! 2020-12.
//!
//! [`check`] validates a payload's bytes with the single-pass validator ([`single_pass`]), which
//! reads the text once and checks the JSON grammar and the model's rules together;
//! [`validate()`] does the same and returns the typed value. [`check_agreement`] runs all three
//! validators (the single pass, the typed validator on the parsed value, and the JSON Schema check
//! with the `jsonschema` crate) and lists any disagreement between them. The [`Report`] lists
//! every field-level error with its JSON Pointer, kind, message, line and column.
//!
//! The README and the pages of `docs/` are the guide: the command line, the rules with their
//! specification citations, the library, the export, the architecture, the benchmarks.
//!
//! ```
//! use msgraph_schema::types::DeviceHealthScriptDeviceState;
//!
//! let state: DeviceHealthScriptDeviceState = msgraph_schema::validate(
//!     r#"{"detectionState": "success", "lastSyncDateTime": "2017-01-01T00:00:28.8363536+03:00"}"#,
//! )
//! .unwrap();
//! // The original text of a DateTimeOffset comes back unchanged.
//! let json = serde_json::to_string(&state).unwrap();
//! assert!(json.contains("2017-01-01T00:00:28.8363536+03:00"));
//! ```

extern crate self as msgraph_schema;

pub mod builtin;
mod deferred;
pub mod edm;
pub mod json;
pub mod lint;
pub mod model_file;
mod nullable;
pub mod pointer;
pub mod report;
pub mod request;
pub mod schema_check;
pub mod single_pass;
#[cfg(feature = "testing")]
pub mod testing;
pub mod typed;
pub mod types;
pub mod validate;
mod words;

pub use msgraph_schema_core::{emit, model, page, rules, tree};
pub use msgraph_schema_derive::{GraphEnum, GraphModel};
pub use nullable::Nullable;
pub use report::{Error, ErrorKind, Limits, Report};
pub use rules::{Operation, Options};
pub use typed::{Checker, Field, Found, GraphEnum, GraphModel, Validate};
pub use validate::{
    TypeEntry, check, check_agreement, check_agreement_with, check_with, validate, validate_with,
};

/// What the derive macros' expansions use. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::model::{
        EnumMember, EnumType, FromMetadata, Marks, Model, OperationKind, OperationOf, Property,
        Source, StructuredType, TypeRef,
    };
    pub use crate::pointer::Pointer;
    pub use crate::typed::{
        Checker, Field, Registry, register_enum, register_struct, validate_enum, validate_object,
    };
    pub use serde_json::{Map, Value};
    pub use std::borrow::Cow;
}

/// The README's Rust examples, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The Rust examples of `docs/architecture.md`, compiled and run as doc tests.
#[doc = include_str!("../docs/architecture.md")]
#[cfg(doctest)]
pub struct DocsArchitectureDoctests;

/// The Rust examples of `docs/benchmarks.md`, compiled and run as doc tests.
#[doc = include_str!("../docs/benchmarks.md")]
#[cfg(doctest)]
pub struct DocsBenchmarksDoctests;

/// The Rust examples of `docs/cli.md`, compiled and run as doc tests.
#[doc = include_str!("../docs/cli.md")]
#[cfg(doctest)]
pub struct DocsCliDoctests;

/// The Rust examples of `docs/crosscheck.md`, compiled and run as doc tests.
#[doc = include_str!("../docs/crosscheck.md")]
#[cfg(doctest)]
pub struct DocsCrosscheckDoctests;

/// The Rust examples of `docs/export.md`, compiled and run as doc tests.
#[doc = include_str!("../docs/export.md")]
#[cfg(doctest)]
pub struct DocsExportDoctests;

/// The Rust examples of `docs/library.md`, compiled and run as doc tests.
#[doc = include_str!("../docs/library.md")]
#[cfg(doctest)]
pub struct DocsLibraryDoctests;

/// The Rust examples of `docs/rules.md`, compiled and run as doc tests.
#[doc = include_str!("../docs/rules.md")]
#[cfg(doctest)]
pub struct DocsRulesDoctests;

/// The Rust examples of `docs/testing.md`, compiled and run as doc tests.
#[doc = include_str!("../docs/testing.md")]
#[cfg(doctest)]
pub struct DocsTestingDoctests;
