//! Compile-fail tests of the derive macros: every misuse of `GraphModel` / `GraphEnum` is
//! reported with a message that says what to write instead, at the span of the mistake.
//! Regenerate the `.stderr` files with `TRYBUILD=overwrite cargo test --test derive_ui`.

#[test]
fn derive_misuse_is_reported() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
