//! For tests on pages written by the test: build them as one docs tree, and check a payload
//! with the single pass and the emitted JSON Schema, asserting that the two agree.

use msgraph_schema::Options;
use msgraph_schema::emit::json_schema::standalone;
use msgraph_schema::model::Model;
use msgraph_schema::schema_check::SchemaCheck;
use msgraph_schema::single_pass::Validator;
use msgraph_schema::validate::check_against_schema;
use msgraph_schema_core::tree::{Metadata, TreeBuild, build_pages_with};

/// Builds `pages` (`(path under api-reference/v1.0/, text)`), enriched with `metadata` when
/// given; asserts that no row was skipped.
pub(crate) fn build(pages: &[(&str, &str)], metadata: Option<Metadata<'_>>) -> TreeBuild {
    let pages: Vec<(String, String)> = pages
        .iter()
        .map(|(path, text)| {
            (
                format!("docs/api-reference/v1.0/{path}"),
                (*text).to_owned(),
            )
        })
        .collect();
    let build = build_pages_with(&pages, metadata);
    assert!(build.skipped.is_empty(), "{:?}", build.skipped);
    build
}

/// The v1.0 model of [`build`].
pub(crate) fn model(pages: &[(&str, &str)], metadata: Option<Metadata<'_>>) -> Model {
    let build = build(pages, metadata);
    build.model("docs", "v1.0").expect("the v1.0 model").clone()
}

/// The `(pointer, kind)` pairs of `payload` as a `type_name`, after asserting that the single
/// pass and the emitted schema agree.
pub(crate) fn errors(
    model: &Model,
    type_name: &str,
    payload: &str,
    options: Options,
) -> Vec<(String, &'static str)> {
    let ty = model.find_struct(type_name).expect("the type");
    let validator = Validator::new(model, type_name, options).expect("compiles");
    let schema = SchemaCheck::from_schema(&standalone(&model.index(), ty, &options));
    let report = check_against_schema(payload.as_bytes(), &validator, &schema);
    assert!(
        report.disagreements.is_empty(),
        "{payload}\n{:?}\n{report}",
        report.disagreements
    );
    report
        .errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.kind.as_str()))
        .collect()
}

/// The expected result of [`errors`], from `(pointer, kind)` pairs in report order.
pub(crate) fn pairs(expected: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    expected
        .iter()
        .map(|(p, k)| ((*p).to_owned(), *k))
        .collect()
}
