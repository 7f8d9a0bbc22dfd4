//! Helpers shared by integration tests; each test crate uses some of them.
#![allow(dead_code)]

pub mod scratch_crate;
pub mod written_pages;
