//! `Edm.DateTimeOffset` against the OData ABNF rule `dateTimeOffsetValue` (4.01 construction rules),
//! plus the project's calendar check. Every case names the rule that decides it.
//!
//! Offsets: `FailAt(n)` is the byte offset of the first byte no `dateTimeOffsetValue` can continue
//! with, the same convention as the ABNF test cases (`odata-abnf-testcases.yaml`), so the offsets
//! given there are asserted unchanged. `Calendar(n)`: the text matches the grammar, the day does
//! not exist; `n` is the offset of the day.
//!
//! The pattern is imported through its module because `msgraph_schema::edm` re-exports only
//! `DateTimeOffset` and `DateTimeOffsetError`.

use chrono::{DateTime, Datelike, NaiveDate, Timelike};
use msgraph_schema::edm::date_time_offset::DATE_TIME_OFFSET_PATTERN;
use msgraph_schema::edm::{DateTimeOffset, DateTimeOffsetError};
use regex::Regex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    /// Accepted.
    Valid,
    /// Rejected by the grammar at this byte offset.
    FailAt(usize),
    /// Grammatical, rejected by the calendar check; the offset is the day's.
    Calendar(usize),
}
use Want::{Calendar, FailAt, Valid};

struct Case {
    rule: &'static str,
    input: String,
    want: Want,
}

fn case(rule: &'static str, input: impl Into<String>, want: Want) -> Case {
    Case {
        rule,
        input: input.into(),
        want,
    }
}

/// `2021-06-15T08:30:00` plus `rest`.
fn t(rest: &str) -> String {
    format!("2021-06-15T08:30:00{rest}")
}

fn cases() -> Vec<Case> {
    let mut v = vec![
        // --- ABNF test cases for dateTimeOffsetValue (odata-abnf-testcases.yaml) ---
        case("ABNF-TC no seconds", "2012-09-03T13:52Z", Valid),
        case("ABNF-TC seconds", "2012-09-03T22:09:02Z", Valid),
        case("ABNF-TC leap second", "1972-06-30T23:59:60Z", Valid),
        case("ABNF-TC subseconds", "2012-08-31T18:19:22.1Z", Valid),
        case("ABNF-TC year zero", "0000-01-01T00:00Z", Valid),
        case("ABNF-TC negative", "-10000-04-01T00:00Z", Valid),
        case("ABNF-TC midnight this day", "2011-12-31T24:00Z", FailAt(12)),
        case(
            "ABNF-TC midnight with seconds",
            "2011-12-31T24:00:00Z",
            FailAt(12),
        ),
        case("ABNF-TC CEST", "2012-09-03T14:53+02:00", Valid),
        case("ABNF-TC UTC", "2012-09-03T12:53Z", Valid),
        case("ABNF-TC 24:00", "2012-09-03T24:00-03:00", FailAt(12)),
        case("ABNF-TC negative infinity", "-INF", FailAt(1)),
        case("ABNF-TC positive infinity", "INF", FailAt(0)),
        case(
            "ABNF-TC no percent-encoding",
            "2012-09-03T23%3A59Z",
            FailAt(13),
        ),
        case(
            "ABNF-TC no percent-encoding",
            "2012-09-03T23:59+01%3A00",
            FailAt(19),
        ),
        // The URL rule dateTimeOffsetLiteral accepts this; the payload rule does not.
        case(
            "dateTimeOffsetValue: no URL encoding",
            "2012-09-03T23%3A59%2B01%3A00",
            FailAt(13),
        ),
        // --- timeOfDayValue = hour ":" minute [ ":" second [ "." fractionalSeconds ] ] ---
        case(
            "timeOfDayValue: seconds optional",
            "2021-06-15T08:30Z",
            Valid,
        ),
        case(
            "timeOfDayValue: seconds optional",
            "2021-06-15T08:30+02:00",
            Valid,
        ),
        case(
            "timeOfDayValue: fraction needs seconds",
            "2021-06-15T08:30.5Z",
            FailAt(16),
        ),
        case(
            "timeOfDayValue: no offset, no seconds",
            "2021-06-15T08:30",
            FailAt(16),
        ),
        case(
            "timeOfDayValue: hour ':' minute",
            "2021-06-15T0830Z",
            FailAt(13),
        ),
        case(
            "fractionalSeconds = 1*12DIGIT: 13 digits",
            t(".1234567890123Z"),
            FailAt(32),
        ),
        case(
            "fractionalSeconds = 1*12DIGIT: 15 digits",
            "1985-04-12T00:59:59.999999999999999Z",
            FailAt(32),
        ),
        case("fractionalSeconds = 1*12DIGIT: none", t(".Z"), FailAt(20)),
        case("fractionalSeconds: ',' is not '.'", t(",5Z"), FailAt(19)),
        // --- hour = ( "0" / "1" ) DIGIT / "2" ( "0" / "1" / "2" / "3" ) ---
        case("hour: 23", "2021-06-15T23:59:59Z", Valid),
        case("hour: 24 (JSTS)", "2021-06-15T24:00:00Z", FailAt(12)),
        case(
            "hour: 24 with leap second (JSTS)",
            "2016-12-31T24:59:60+01:00",
            FailAt(12),
        ),
        case("hour: one digit", "2021-06-15T8:30Z", FailAt(11)),
        case("hour: 30", "2021-06-15T30:00Z", FailAt(11)),
        // --- minute = zeroToFiftyNine ---
        case("minute: 60 (JSTS)", "2021-06-15T15:60:00Z", FailAt(14)),
        // --- second = zeroToFiftyNine / "60" ; for leap seconds ---
        case("second: leap 23:59:60Z", "2021-06-30T23:59:60Z", Valid),
        case("second: 60 at any minute", "2021-06-15T08:30:60Z", Valid),
        case(
            "second: 60 at 23:58 (JSTS invalid)",
            "1998-12-31T23:58:60Z",
            Valid,
        ),
        case(
            "second: 60 at 22:59 (JSTS invalid)",
            "1998-12-31T22:59:60Z",
            Valid,
        ),
        case(
            "second: 60 with fraction and offset",
            "1998-12-31T15:59:60.123-08:00",
            Valid,
        ),
        case("second: 61", "1998-12-31T23:59:61Z", FailAt(18)),
        case("second: 70", "2021-06-15T08:30:70Z", FailAt(17)),
        // --- ( "Z" / ("+"/"-") hour ":" minute ) ---
        case("offset: Z", t("Z"), Valid),
        case("offset: +03:00", t("+03:00"), Valid),
        case("offset: -23:59", t("-23:59"), Valid),
        case("offset: +23:59", t("+23:59"), Valid),
        case("offset: +14:01", t("+14:01"), Valid),
        case("offset: -00:00", t("-00:00"), Valid),
        case("offset hour: +24:00", t("+24:00"), FailAt(21)),
        case("offset hour: -24:00 (JSTS)", t("-24:00"), FailAt(21)),
        case("offset hour: +3:00", t("+3:00"), FailAt(20)),
        case("offset minute: +05:60", t("+05:60"), FailAt(23)),
        case("offset minute: +10:60 (JSTS)", t("+10:60"), FailAt(23)),
        case("offset: hour ':' minute, not +0300", t("+0300"), FailAt(22)),
        case("offset: +03 has no minutes", t("+03"), FailAt(22)),
        case("offset: missing", t(""), FailAt(19)),
        case("offset: +01:00Z (JSTS)", t("+01:00Z"), FailAt(25)),
        case("offset: ZZ", t("ZZ"), FailAt(20)),
        case(
            "offset: U+2212 minus is not '-'",
            t("\u{2212}05:00"),
            FailAt(19),
        ),
        case("offset: UTC name", t(" UTC"), FailAt(19)),
        // --- RFC 5234 §2.3: quoted "T" and "Z" are case-insensitive ---
        case("RFC 5234: lowercase t and z", "2021-06-15t08:30:00z", Valid),
        case("RFC 5234: lowercase t", "2021-06-15t08:30Z", Valid),
        case("RFC 5234: lowercase z", t(".5z"), Valid),
        case(
            "RFC 5234: lowercase (JSTS)",
            "1963-06-19t08:30:06.283185z",
            Valid,
        ),
        case(
            "dateTimeOffsetValue: space is not \"T\"",
            "2021-06-15 08:30:00Z",
            FailAt(10),
        ),
        case(
            "dateTimeOffsetValue: '_' is not \"T\"",
            "2021-06-15_08:30:00Z",
            FailAt(10),
        ),
        // --- year = [ "-" ] ( "0" 3DIGIT / oneToNine 3*DIGIT ) ---
        case("year: negative", "-0001-01-01T00:00Z", Valid),
        case("year: five digits", "10000-01-01T00:00Z", Valid),
        case("year: negative five digits", "-12345-06-15T08:30Z", Valid),
        case("year: leading zero", "0999-12-31T23:59:59.999Z", Valid),
        case(
            "year: \"0\" 3DIGIT is exactly 4",
            "02021-01-01T00:00Z",
            FailAt(4),
        ),
        case(
            "year: \"0\" 3DIGIT is exactly 4",
            "-02021-01-01T00:00Z",
            FailAt(5),
        ),
        case("year: three digits", "202-01-01T00:00Z", FailAt(3)),
        case(
            "year: no '+' (JSTS)",
            "+11963-06-19T08:30:06.283185Z",
            FailAt(0),
        ),
        case("year: one '-' only", "--2021-01-01T00:00Z", FailAt(1)),
        case("year: U+2212 minus", "\u{2212}2021-01-01T00:00Z", FailAt(0)),
        case(
            "year: beyond i64",
            "99999999999999999999999-01-01T00:00Z",
            Valid,
        ),
        // --- month = "0" oneToNine / "1" ( "0" / "1" / "2" ) ---
        case("month: 13", "2021-13-01T00:00Z", FailAt(6)),
        case("month: 00", "2021-00-01T00:00Z", FailAt(6)),
        case("month: not padded (JSTS)", "2021-1-01T00:00Z", FailAt(6)),
        case(
            "month: ordinal date (JSTS)",
            "2013-350T01:01:01Z",
            FailAt(5),
        ),
        // --- day = "0" oneToNine / ( "1" / "2" ) DIGIT / "3" ( "0" / "1" ) ---
        case("day: 32", "2021-01-32T00:00Z", FailAt(9)),
        case("day: 00", "2021-01-00T00:00Z", FailAt(9)),
        case("day: not padded (JSTS)", "2021-01-1T00:00Z", FailAt(9)),
        case("day: 40", "2021-01-40T00:00Z", FailAt(8)),
        // --- calendar check (decision 6.1; not in the ABNF) ---
        case("calendar: 2021-02-29", "2021-02-29T00:00Z", Calendar(8)),
        case("calendar: 2021-02-30", "2021-02-30T00:00Z", Calendar(8)),
        case("calendar: 2021-04-31", "2021-04-31T00:00Z", Calendar(8)),
        case(
            "calendar: 1990-02-31 (JSTS)",
            "1990-02-31T15:59:59.123-08:00",
            Calendar(8),
        ),
        case(
            "calendar: 1900 is not a leap year",
            "1900-02-29T00:00Z",
            Calendar(8),
        ),
        case("calendar: 2020 is a leap year", "2020-02-29T00:00Z", Valid),
        case("calendar: 2000 is a leap year", "2000-02-29T00:00Z", Valid),
        case(
            "calendar: year 0 is a leap year",
            "0000-02-29T00:00Z",
            Valid,
        ),
        case(
            "calendar: year -4 is a leap year",
            "-0004-02-29T00:00Z",
            Valid,
        ),
        case(
            "calendar: year -1 is not",
            "-0001-02-29T00:00Z",
            Calendar(9),
        ),
        case(
            "calendar: year -100 is not",
            "-0100-02-29T00:00Z",
            Calendar(9),
        ),
        case("calendar: year -400 is", "-0400-02-29T00:00Z", Valid),
        case("calendar: year 12000 is", "12000-02-29T00:00Z", Valid),
        case(
            "calendar: year 10100 is not",
            "10100-02-29T00:00Z",
            Calendar(9),
        ),
        case(
            "calendar: huge leap year",
            "123456789012345678901234562000-02-29T00:00Z",
            Valid,
        ),
        case(
            "calendar: huge common year",
            "123456789012345678901234562100-02-29T00:00Z",
            Calendar(34),
        ),
        case("calendar: 12-31", "2021-12-31T23:59:59Z", Valid),
        case("calendar: 06-31", "2021-06-31T00:00Z", Calendar(8)),
        // Grammar errors win over calendar errors.
        case("grammar before calendar", "2021-02-30T24:00Z", FailAt(12)),
        // --- whole string, ASCII digits only ---
        case("whole string: empty", "", FailAt(0)),
        case("whole string: NaN", "NaN", FailAt(0)),
        case("whole string: trailing newline", t("Z\n"), FailAt(20)),
        case(
            "whole string: leading space",
            format!(" {}", t("Z")),
            FailAt(0),
        ),
        case("whole string: trailing space", t("Z "), FailAt(20)),
        case("whole string: date only", "2021-06-15", FailAt(10)),
        case(
            "whole string: US format (JSTS)",
            "06/19/1963 08:30:06 PST",
            FailAt(2),
        ),
        case(
            "DIGIT: Bengali digit in date (JSTS)",
            "1963-06-1\u{09EA}T00:00:00Z",
            FailAt(9),
        ),
        case(
            "DIGIT: Bengali digit in time (JSTS)",
            "1963-06-11T0\u{09EA}:00:00Z",
            FailAt(12),
        ),
        case(
            "DIGIT: fullwidth year",
            "\u{FF12}021-01-01T00:00Z",
            FailAt(0),
        ),
        case("DIGIT: Arabic-Indic fraction", t(".\u{0661}Z"), FailAt(20)),
    ];
    // fractionalSeconds = 1*12DIGIT: every allowed length.
    for n in 1..=12 {
        let digits = &"123456789012"[..n];
        v.push(case(
            "fractionalSeconds = 1*12DIGIT",
            t(&format!(".{digits}Z")),
            Valid,
        ));
        v.push(case(
            "fractionalSeconds = 1*12DIGIT",
            t(&format!(".{digits}-05:00")),
            Valid,
        ));
    }
    v
}

fn check(case: &Case) {
    let got = DateTimeOffset::parse(&case.input);
    let label = format!("{} ({:?})", case.rule, case.input);
    match (case.want, &got) {
        (Valid, Ok(value)) => assert_eq!(value.as_str(), case.input, "{label}"),
        (FailAt(at), Err(err)) => {
            assert_eq!(err.at, at, "{label}: {err}");
            assert!(!err.is_calendar_error(), "{label}: {err}");
        }
        (Calendar(at), Err(err)) => {
            assert_eq!(err.at, at, "{label}: {err}");
            assert!(err.is_calendar_error(), "{label}: {err}");
        }
        (want, got) => panic!("{label}: want {want:?}, got {got:?}"),
    }
}

#[test]
fn abnf_cases() {
    for case in cases() {
        check(&case);
    }
}

/// The one place where the pattern and the parser may disagree: the pattern has no calendar, so
/// it matches grammatical text that the calendar check rejects.
/// The pattern carries the calendar: it matches exactly what parses.
fn pattern_should_match(parsed: &Result<DateTimeOffset, DateTimeOffsetError>) -> bool {
    parsed.is_ok()
}

fn big_inputs() -> Vec<String> {
    const MIB: usize = 1 << 20;
    vec![
        format!("2021-06-15T08:30Z{}", "x".repeat(MIB)),
        "9".repeat(MIB),
        format!("{}-01-01T00:00Z", "1".repeat(MIB)),
        format!("1{}-02-29T00:00Z", "0".repeat(MIB)),
        format!("1{}1-02-29T00:00Z", "0".repeat(MIB)),
        t(&format!(".{}Z", "1".repeat(MIB))),
        format!("{}2021-06-15T08:30Z", " ".repeat(MIB)),
    ]
}

#[test]
fn pattern_agrees_with_parser() {
    let pattern = Regex::new(DATE_TIME_OFFSET_PATTERN).unwrap();
    let inputs = cases().into_iter().map(|c| c.input).chain(big_inputs());
    for input in inputs {
        let parsed = DateTimeOffset::parse(&input);
        let shown: String = input.chars().take(60).collect();
        assert_eq!(
            pattern.is_match(&input),
            pattern_should_match(&parsed),
            "{shown:?}: {parsed:?}"
        );
    }
}

#[test]
fn pattern_is_anchored_and_ascii() {
    assert!(DATE_TIME_OFFSET_PATTERN.starts_with('^') && DATE_TIME_OFFSET_PATTERN.ends_with('$'));
    // `\d` would match non-ASCII digits in Rust's regex; the pattern spells [0-9].
    assert!(!DATE_TIME_OFFSET_PATTERN.contains("\\d"));
}

/// Inputs of a mebibyte: each gets its exact verdict, its error a short message and the offset
/// where the grammar stops. How long the parser takes is not asserted: a time limit is what a
/// loaded machine fails, not a slow parser.
#[test]
fn huge_inputs_get_their_verdict_and_short_messages() {
    let expected = [
        (Some(17), None),      // valid value followed by 1 MiB of text: trailing input
        (Some(1 << 20), None), // 1 MiB year, then the text ends where '-' is expected
        (None, None),          // 1 MiB year that does not fit in i64: grammatical, accepted
        (None, None),          // 1 MiB year ending in 0000: a leap year
        (None, Some(1 << 20)), // 1 MiB year ending in 0001: no 29 February; day at len + 4
        (Some(32), None),      // 1 MiB fraction: fails at the 13th digit
        (Some(0), None),       // 1 MiB of leading spaces
    ];
    for (input, (fail_at, calendar_len)) in big_inputs().iter().zip(expected) {
        let parsed = DateTimeOffset::parse(input);
        match (parsed, fail_at, calendar_len) {
            (Err(err), Some(at), None) => {
                assert_eq!(err.at, at);
                assert!(err.to_string().len() < 200, "{err}");
            }
            (Err(err), None, Some(year_len)) => {
                assert!(err.is_calendar_error());
                assert_eq!(err.at, year_len + 2 + 4); // "1" + zeros + "1", "-02-"
                assert!(err.to_string().len() < 200, "{err}");
            }
            (Ok(value), None, None) => {
                assert_eq!(value.year(), None, "does not fit in i64");
                assert_eq!(value.to_chrono(), None);
            }
            (got, _, _) => panic!("unexpected {got:?}"),
        }
    }
}

#[test]
fn error_display_names_the_rule_and_offset() {
    let err = DateTimeOffset::parse("2011-12-31T24:00Z").unwrap_err();
    assert_eq!(err.to_string(), "expected 2-digit hour 00-23 at byte 12");
    let err = DateTimeOffset::parse(&t(".1234567890123Z")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected 1 to 12 fractional-second digits at byte 32"
    );
    let err = DateTimeOffset::parse("2021-02-29T00:00Z").unwrap_err();
    assert_eq!(
        err.to_string(),
        "day does not exist in this month at byte 8"
    );
    let err: Box<dyn std::error::Error> = Box::new(err);
    assert!(err.to_string().contains("byte 8"));
}

#[test]
fn round_trip_keeps_the_text() {
    let text = "2017-01-01T00:00:11.0338933+03:00";
    let value = DateTimeOffset::parse(text).unwrap();
    assert_eq!(value.as_str(), text);
    assert_eq!(value.to_string(), text);
    assert_eq!(text.parse::<DateTimeOffset>().unwrap(), value);
    assert_eq!(
        serde_json::to_string(&value).unwrap(),
        format!("\"{text}\"")
    );
    let back: DateTimeOffset = serde_json::from_str(&format!("\"{text}\"")).unwrap();
    assert_eq!(back, value);
    assert_eq!((value.year(), value.second()), (Some(2017), Some(11)));
    assert_eq!(value.fraction_digits(), "0338933");
    assert_eq!(value.offset_minutes(), 180);
    let chrono = DateTime::parse_from_rfc3339(text).unwrap();
    assert_eq!(value.to_chrono(), Some(chrono));
    assert_eq!(value.to_chrono().unwrap().offset(), chrono.offset());
}

#[test]
fn to_chrono_matches_chrono_for_rfc3339_equivalents() {
    // (OData text, RFC 3339 text for the same instant)
    let pairs = [
        ("2021-06-15T08:30Z", "2021-06-15T08:30:00Z"),
        ("2021-06-15t08:30:00z", "2021-06-15T08:30:00Z"),
        ("2021-06-15T08:30-23:59", "2021-06-15T08:30:00-23:59"),
        (
            "2021-06-15T08:30:00.123456789012Z",
            "2021-06-15T08:30:00.123456789Z",
        ),
        ("1972-06-30T23:59:60Z", "1972-06-30T23:59:60Z"),
        ("2021-06-15T08:30:60.5+05:00", "2021-06-15T08:30:60.5+05:00"),
        ("0000-01-01T00:00Z", "0000-01-01T00:00:00Z"),
    ];
    for (odata, rfc) in pairs {
        let ours = DateTimeOffset::parse(odata).unwrap().to_chrono();
        let theirs = DateTime::parse_from_rfc3339(rfc).unwrap();
        assert_eq!(ours, Some(theirs), "{odata}");
        assert_eq!(ours.unwrap().offset(), theirs.offset(), "{odata}");
    }
    let leap = DateTimeOffset::parse("1972-06-30T23:59:60Z")
        .unwrap()
        .to_chrono()
        .unwrap();
    assert_eq!((leap.second(), leap.nanosecond()), (59, 1_000_000_000));

    let negative = DateTimeOffset::parse("-0001-03-01T00:00Z")
        .unwrap()
        .to_chrono()
        .unwrap();
    assert_eq!(
        negative.date_naive(),
        NaiveDate::from_ymd_opt(-1, 3, 1).unwrap()
    );
    let big = DateTimeOffset::parse("10000-01-01T00:00Z")
        .unwrap()
        .to_chrono()
        .unwrap();
    assert_eq!(big.year(), 10000);
    assert_eq!(
        DateTimeOffset::parse("300000-01-01T00:00Z")
            .unwrap()
            .to_chrono(),
        None
    );
    assert_eq!(
        DateTimeOffset::parse("-300000-01-01T00:00Z")
            .unwrap()
            .to_chrono(),
        None
    );
    // At the edges of chrono's range the offset may push the instant out of it: None, no panic.
    for edge in ["+262143-12-31T23:59:59-23:59", "-262144-01-01T00:00+23:59"] {
        let edge = edge.trim_start_matches('+');
        assert_eq!(
            DateTimeOffset::parse(edge).unwrap().to_chrono(),
            None,
            "{edge}"
        );
    }
}

#[test]
fn serde_rejects_non_abnf_and_non_strings() {
    #[derive(Debug, serde::Deserialize)]
    struct Holder {
        #[allow(dead_code)]
        at: DateTimeOffset,
    }
    for json in [
        "5",
        "null",
        "true",
        "[]",
        "{}",
        "\"not a date\"",
        "\"2021-02-30T00:00Z\"",
    ] {
        assert!(
            serde_json::from_str::<DateTimeOffset>(json).is_err(),
            "{json}"
        );
    }
    let err = serde_json::from_str::<DateTimeOffset>("\"2021-06-15T08:30:00+0300\"").unwrap_err();
    assert!(
        err.to_string()
            .contains("expected ':' between hour and minute at byte 22"),
        "{err}"
    );
    // Borrowed, escaped and owned JSON strings all go through the parser.
    assert!(serde_json::from_str::<Holder>(r#"{"at":"2021-06-15T08:30Z"}"#).is_ok());
    assert!(serde_json::from_str::<Holder>(r#"{"at":"2021-06-15T08:30\u005a"}"#).is_ok());
    assert!(serde_json::from_str::<Holder>(r#"{"at":"2021-06-15T08:30\u005a "}"#).is_err());
    let owned = serde_json::Value::String("2021-06-15T08:30Z".into());
    assert!(serde_json::from_value::<DateTimeOffset>(owned).is_ok());
    let owned = serde_json::Value::String("2021-06-15T08:30".into());
    assert!(serde_json::from_value::<DateTimeOffset>(owned).is_err());
}

#[test]
fn json_schema_carries_the_pattern() {
    let schema = schemars::schema_for!(DateTimeOffset);
    assert_eq!(schema.get("type").and_then(|v| v.as_str()), Some("string"));
    // No `format`: RFC 3339 is stricter than the ABNF, and the pattern holds the calendar.
    assert!(schema.get("format").is_none());
    assert_eq!(
        schema.get("pattern").and_then(|v| v.as_str()),
        Some(DATE_TIME_OFFSET_PATTERN)
    );
}
