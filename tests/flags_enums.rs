//! Flags enums (CSDL `IsFlags="true"`): a value is member names joined by commas (OData ABNF
//! `enumValue`), checked alike by the single pass and the emitted JSON Schema; the flag comes
//! from the metadata (`build --metadata`), which pages never state.

mod support;

use support::written_pages;

use msgraph_schema::Options;
use msgraph_schema::emit::json_schema::{flags_pattern, is_flags_pattern};
use msgraph_schema::model::Model;
use msgraph_schema::rules::Operation;
use msgraph_schema::single_pass::Validator;
use msgraph_schema_core::csdl::Csdl;
use msgraph_schema_core::tree::Metadata;

/// Pages written for this test: a `timer` whose `days` is the enum `dayFlags`.
const PAGES: [(&str, &str); 2] = [
    (
        "resources/timer.md",
        "# timer resource type\n\nNamespace: microsoft.graph\n\nA made-up timer.\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
         |days|[dayFlags](dayflags.md)|The days it runs.|\n",
    ),
    (
        "resources/dayflags.md",
        "# dayFlags enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n\
         |Member|Value|Description|\n|:---|:---|:---|\n|none|0|No day.|\n|monday|1|Monday.|\n\
         |tuesday|2|Tuesday.|\n|unknownFutureValue|4|Evolvable enum sentinel.|\n",
    ),
];

/// Metadata written for this test: the same enum, flags.
const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="dayFlags" IsFlags="true">
        <Member Name="none" Value="0" />
        <Member Name="monday" Value="1" />
        <Member Name="tuesday" Value="2" />
        <Member Name="unknownFutureValue" Value="4" />
      </EnumType>
      <ComplexType Name="timer">
        <Property Name="days" Type="microsoft.graph.dayFlags" />
      </ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

fn model(with_metadata: bool) -> Model {
    let csdl = Csdl::parse_bytes(CSDL.as_bytes()).expect("the test's CSDL");
    let metadata = with_metadata.then_some(Metadata {
        csdl: &csdl,
        file: "test.csdl",
    });
    let build = written_pages::build(&PAGES, metadata);
    assert_eq!(
        build.enriched.flags,
        usize::from(with_metadata),
        "{:?}",
        build.enriched
    );
    build.model("docs", "v1.0").expect("the v1.0 model").clone()
}

/// The `(pointer, kind)` pairs of a `timer` whose `days` is `days`; the validators agree.
fn errors(model: &Model, days: &str, options: Options) -> Vec<(String, &'static str)> {
    written_pages::errors(model, "timer", &format!(r#"{{"days": {days}}}"#), options)
}

#[test]
fn the_metadata_marks_the_enum_as_flags() {
    assert!(
        model(true)
            .find_enum("dayFlags")
            .expect("dayFlags")
            .is_flags
    );
    assert!(
        !model(false)
            .find_enum("dayFlags")
            .expect("dayFlags")
            .is_flags
    );
}

#[test]
fn members_joined_by_commas_are_one_value() {
    let model = model(true);
    let update = Options {
        operation: Operation::Update,
        strict: false,
    };
    for days in [
        r#""monday""#,
        r#""monday,tuesday""#,
        r#""tuesday,monday,none""#,
    ] {
        assert_eq!(errors(&model, days, Options::default()), [], "{days}");
    }
    assert_eq!(errors(&model, r#""monday,unknownFutureValue""#, update), []);
}

#[test]
fn anything_else_is_an_enum_or_type_error() {
    let model = model(true);
    let enum_error = vec![("/days".to_owned(), "enum")];
    for days in [
        r#""monday,friday""#,
        r#""monday, tuesday""#,
        r#""monday,,tuesday""#,
        r#""monday,""#,
        r#""""#,
        r#""Monday""#,
        r#""1""#,
        // Graph rejects `unknownFutureValue` in a create body, combined or not.
        r#""monday,unknownFutureValue""#,
    ] {
        assert_eq!(
            errors(&model, days, Options::default()),
            enum_error,
            "{days}"
        );
    }
    assert_eq!(
        errors(&model, "3", Options::default()),
        [("/days".to_owned(), "type")]
    );
}

#[test]
fn without_the_flag_a_combination_is_refused() {
    let model = model(false);
    assert_eq!(
        errors(&model, r#""monday,tuesday""#, Options::default()),
        [("/days".to_owned(), "enum")]
    );
}

#[test]
fn the_message_names_the_wrong_part() {
    let model = model(true);
    let validator = Validator::new(&model, "timer", Options::default()).expect("compiles");
    let report = validator.check(br#"{"days": "monday,friday"}"#);
    let error = &report.errors[0];
    assert!(
        error.message().contains("\"friday\" is not a member"),
        "{error}"
    );
    assert!(
        error
            .expected()
            .is_some_and(|e| e.contains("monday, tuesday")),
        "{error:?}"
    );
    assert_eq!(error.found(), Some("\"monday,friday\""));
}

#[test]
fn the_pattern_is_recognised_and_escaped() {
    let pattern = flags_pattern(&["a", "b.c"]);
    assert_eq!(pattern, r"^(?:a|b\.c)(?:,(?:a|b\.c))*$");
    assert!(is_flags_pattern(&pattern));
    assert!(!is_flags_pattern("^(?:[0-9]{4})$"));
}
