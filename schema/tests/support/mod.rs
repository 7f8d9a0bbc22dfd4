//! Helpers shared by this package's integration tests; each test crate uses some of them.
#![allow(dead_code)]

/// The corpus folders named by environment variables: the root package's helper, one file for
/// the workspace.
#[path = "../../../tests/support/corpus.rs"]
pub(crate) mod corpus;
