//! The single-pass reader accepts exactly the JSON that serde_json accepts, and the
//! single-pass validator reports what the validators of a parsed value report.
//!
//! Error-by-error agreement on every payload of the other suites is asserted there (through
//! `testing::properties::agreeing_report`); this suite aims at the reader's grammar.

use msgraph_schema::testing::properties::agreeing_report;
use msgraph_schema::types;
use msgraph_schema::{ErrorKind, Options, Report, TypeEntry};
use proptest::prelude::*;

fn entry() -> &'static TypeEntry {
    types::find("deviceHealthScriptDeviceState").expect("the built-in type")
}

fn single(text: &str) -> Report {
    msgraph_schema::check(text.as_bytes(), entry(), &Options::default())
}

/// Whether serde_json reads `text` as one JSON value.
fn serde_accepts(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok()
}

/// Asserts that the single pass calls `text` JSON exactly when serde_json does, both as the
/// whole payload and as the value of an annotation (where anything JSON is allowed).
#[track_caller]
fn same_grammar(fragment: &str) {
    for text in [fragment.to_owned(), format!("{{\"a@b.c\": {fragment}}}")] {
        let report = single(&text);
        let syntax = report.errors.iter().any(|e| e.kind == ErrorKind::Syntax);
        assert_eq!(
            syntax,
            !serde_accepts(&text),
            "{text:?}: single pass says {report}"
        );
        assert!(report.disagreements.is_empty(), "{text:?}: {report}");
    }
}

#[test]
fn numbers_follow_rfc_8259_and_serde_json_range() {
    for number in [
        "0",
        "-0",
        "1",
        "-1",
        "10",
        "01",
        "-01",
        "1.",
        ".5",
        "1.5",
        "1.5e3",
        "1E+3",
        "1e-3",
        "1e",
        "1e+",
        "-",
        "+1",
        "1e400",
        "-1e400",
        "1e-400",
        "1.7976931348623157e308",
        "1.8e308",
        "123456789012345678901234567890",
        "0x10",
        "1_000",
        "Infinity",
        "NaN",
        "1.0e",
    ] {
        same_grammar(number);
    }
    same_grammar(&"9".repeat(308));
    same_grammar(&"9".repeat(309));
    same_grammar(&format!("0.{}1e310", "0".repeat(5)));
}

#[test]
fn strings_escapes_and_surrogates_match_serde_json() {
    for string in [
        r#""""#,
        r#""plain""#,
        r#""\"\\\/\b\f\n\r\t""#,
        r#""\u0041\u00e9\u20ac""#,
        r#""\ud83d\ude00""#,
        r#""\ud800""#,
        r#""\udc00""#,
        r#""\ud800\u0041""#,
        r#""\ud800x""#,
        r#""\u12""#,
        r#""\u12g4""#,
        r#""\x""#,
        "\"tab\there\"",
        "\"line\nbreak\"",
        "\"\u{1}\"",
        "\"\u{7f}\"",
        "\"é € 😀\"",
        r#""unterminated"#,
        r#""ends in backslash\"#,
        r#""long string with an escape at the end of a run of more than eight bytes\n""#,
    ] {
        same_grammar(string);
    }
}

#[test]
fn structure_literals_and_whitespace_match_serde_json() {
    for text in [
        "[]",
        "[1,]",
        "[,1]",
        "[1 2]",
        "{}",
        "{,}",
        r#"{"a":1,}"#,
        r#"{"a" 1}"#,
        r#"{a:1}"#,
        r#"{"a":1 "b":2}"#,
        "[1]]",
        "[[1]",
        "true",
        "tru",
        "nul",
        "falsey",
        "null x",
        " \t\r\n[ ] ",
        "\u{feff}[]",
        "[\u{a0}]",
        "",
        " ",
        "{\"a\":{}}}",
        "[\"a\",]",
    ] {
        same_grammar(text);
    }
}

#[test]
fn nesting_limit_matches_serde_json() {
    for depth in [126, 127, 128, 129] {
        same_grammar(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        same_grammar(&format!(
            "{}1{}",
            "{\"k\":".repeat(depth),
            "}".repeat(depth)
        ));
    }
}

#[test]
fn huge_inputs_are_read_without_panic_or_recursion() {
    let deep = "[".repeat(1_000_000);
    assert_eq!(single(&deep).errors[0].kind, ErrorKind::Syntax);
    let long = format!("{{\"displayName@x.y\": \"{}\"}}", "x".repeat(10_000_000));
    assert!(single(&long).is_valid());
    let wide = format!(
        "{{\"a@b.c\": {{{}}}}}",
        (0..100_000)
            .map(|i| format!("\"k{i}\":{i}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    assert!(single(&wide).is_valid());
}

/// A JSON-ish text: tokens of JSON, some broken, with whitespace between.
fn jsonish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(":".to_owned()),
        Just(",".to_owned()),
        Just(" ".to_owned()),
        Just("\"a\"".to_owned()),
        Just("\"detectionState\"".to_owned()),
        Just("\"success\"".to_owned()),
        Just("null".to_owned()),
        Just("true".to_owned()),
        "-?[0-9]{0,3}(\\.[0-9]{0,2})?([eE][+-]?[0-9]{0,3})?",
        "\"([a-z]|\\\\[\"\\\\/bfnrtux]|\\\\u[0-9a-fA-FdD]{4}|[\\x00-\\x1f]|é)*\"?",
    ];
    prop::collection::vec(token, 0..24).prop_map(|tokens| tokens.concat())
}

/// Any JSON value, printed compactly or pretty.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        ".*".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z@.]{0,6}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn jsonish_text_is_json_exactly_when_serde_json_says_so(text in jsonish()) {
        same_grammar(&text);
    }

    #[test]
    fn printed_json_is_read_and_checked_like_the_parsed_value(
        value in json_value(),
        pretty in any::<bool>(),
    ) {
        let text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        same_grammar(&text);
        for options in [Options::default(), Options { strict: true, ..Options::default() }] {
            agreeing_report(text.as_bytes(), entry(), &options);
        }
    }
}

/// Columns count characters on one line too, whether the non-ASCII text before an error is
/// read eight bytes at a time (a long string) or byte by byte (a short one), and whether it is
/// a checked value or an unknown member's name.
#[test]
fn one_line_columns_count_characters() {
    for before in [
        r#""preRemediationDetectionScriptOutput": "résumé ✓ 😀 and some more words", "#,
        r#""preRemediationDetectionScriptError": "é", "#,
        r#""ünïcødé@odata.etag": 1, "#,
    ] {
        let text = format!(r#"{{{before}"detectionState": "Success"}}"#);
        let report = single(&text);
        let error = &report.errors[0];
        let start = text.rfind("\"Success\"").expect("the bad value");
        assert_eq!(
            (error.line, error.column),
            (1, text[..start].chars().count() + 1),
            "{text}: {report}"
        );
        assert!(
            text[..start].len() > text[..start].chars().count(),
            "{text}"
        );
    }
}
