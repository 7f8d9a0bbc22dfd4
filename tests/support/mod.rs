//! Helpers shared by integration tests; each test crate uses some of them.
#![allow(dead_code)]

pub(crate) mod corpus;
pub(crate) mod found;
pub(crate) mod openapi;
pub(crate) mod scratch_crate;
pub(crate) mod written_pages;
