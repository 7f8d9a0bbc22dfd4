//! Helpers shared by this package's integration tests; each test crate uses some of them.
#![allow(dead_code)]

/// The corpus folders named by environment variables: the root package's helper, one file for
/// the workspace.
#[path = "../../../tests/support/corpus.rs"]
pub(crate) mod corpus;

/// What every OpenAPI document must be: the root package's helper, shared with its full-tree
/// test.
#[path = "../../../tests/support/openapi.rs"]
pub(crate) mod openapi;
