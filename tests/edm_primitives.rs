//! The Edm primitive value rules (`msgraph_schema::edm`) against the specs, one labelled table per
//! type. Sources named in labels: "ABNF-TC" = `odata-abnf-testcases.yaml` (4.01), whose `FailAt`
//! offsets are asserted unchanged; "JSON §7.1" = the example payload of OData JSON Format 4.01
//! §7.1 "Primitive Value"; "ABNF" = the construction rules §7 "Literal Data Values"; "RFC 8259" =
//! the JSON number grammar; "Graph docs" = values from Microsoft Graph's API reference.
//!
//! `FailAt(n)`: rejected, and `n` is the byte offset of the first byte the rule cannot continue
//! with. `Calendar(n)`: grammatical but the day does not exist (the pattern, which carries the
//! calendar, does not match either); `n` is the day's offset.

use msgraph_schema::edm::binary::{BINARY_BASE64URL_PATTERN, BINARY_PATTERN};
use msgraph_schema::edm::date::DATE_PATTERN;
use msgraph_schema::edm::duration::DURATION_PATTERN;
use msgraph_schema::edm::guid::GUID_PATTERN;
use msgraph_schema::edm::numbers::{
    DECIMAL_STRING_PATTERN, FLOAT_SPECIAL_PATTERN, INT64_STRING_PATTERN,
};
use msgraph_schema::edm::time_of_day::TIME_OF_DAY_PATTERN;
use msgraph_schema::edm::{
    Base64Alphabet, Binary, Date, Duration, FloatKind, Guid, IntKind, JsonScalar,
    NumberErrorReason, Primitive, PrimitiveOptions, PrimitiveProblem, TimeOfDay, check_decimal,
    check_decimal_string, check_float, check_float_string, check_int, check_int64_string,
    check_primitive, check_primitive_name, check_primitive_name_with,
};
use proptest::prelude::*;
use regex::Regex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    Valid,
    FailAt(usize),
    Calendar(usize),
}
use Want::{Calendar, FailAt, Valid};

/// A labelled string case.
struct Case {
    label: &'static str,
    input: String,
    want: Want,
}

fn c(label: &'static str, input: impl Into<String>, want: Want) -> Case {
    Case {
        label,
        input: input.into(),
        want,
    }
}

/// Runs `cases` through `check` (returning the failing offset and whether it is a calendar
/// error) and reports every mismatch at once.
fn run(cases: &[Case], check: impl Fn(&str) -> Result<(), (usize, bool)>) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let got = match check(&case.input) {
                Ok(()) => Valid,
                Err((at, true)) => Calendar(at),
                Err((at, false)) => FailAt(at),
            };
            (got != case.want).then(|| {
                format!(
                    "{}: {:?} want {:?}, got {got:?}",
                    case.label, case.input, case.want
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Edm.Date: dateValue + calendar
// ---------------------------------------------------------------------------------------------

fn date_cases() -> Vec<Case> {
    vec![
        c("ABNF-TC date in URL", "2012-09-03", Valid),
        c("ABNF-TC date in body", "2012-09-10", Valid),
        c("ABNF-TC year zero", "0000-01-01", Valid),
        c("ABNF-TC negative", "-10000-04-01", Valid),
        c("ABNF-TC negative infinity", "-INF", FailAt(1)),
        c("ABNF-TC positive infinity", "INF", FailAt(0)),
        c("JSON §7.1 example", "2012-12-03", Valid),
        c("year -1 (2 BCE)", "-0001-01-01", Valid),
        c("year -0 is grammatical", "-0000-01-01", Valid),
        c("five-digit year", "10000-01-01", Valid),
        c("year beyond i64", "99999999999999999999-12-31", Valid),
        c("leading zero with 5 digits", "02021-01-01", FailAt(4)),
        c("three-digit year", "999-01-01", FailAt(3)),
        c("two-digit year", "21-01-01", FailAt(2)),
        c("plus sign", "+2021-01-01", FailAt(0)),
        c("one-digit month", "2021-1-01", FailAt(6)),
        c("month 13", "2021-13-01", FailAt(6)),
        c("month 00", "2021-00-01", FailAt(6)),
        c("month 20", "2021-20-01", FailAt(5)),
        c("day 32", "2021-01-32", FailAt(9)),
        c("day 00", "2021-01-00", FailAt(9)),
        c("day 40", "2021-01-40", FailAt(8)),
        c("slashes", "2021/06/15", FailAt(4)),
        c("empty", "", FailAt(0)),
        c("leading space", " 2021-06-15", FailAt(0)),
        c("trailing space", "2021-06-15 ", FailAt(10)),
        c("a date-time is not a date", "2021-06-15T00:00Z", FailAt(10)),
        c("truncated", "2021-06-1", FailAt(9)),
        c("fullwidth digits", "２０２１-01-01", FailAt(0)),
        c("fullwidth day digit", "2021-06-1５", FailAt(9)),
        // Calendar: proleptic Gregorian, astronomical years (CSDL §3.3).
        c("Feb 29 in a leap year", "2024-02-29", Valid),
        c("Feb 29 in a common year", "2023-02-29", Calendar(8)),
        c("Feb 29 in 1900 (century)", "1900-02-29", Calendar(8)),
        c("Feb 29 in 2000 (400)", "2000-02-29", Valid),
        c("Feb 29 in year 0 (leap)", "0000-02-29", Valid),
        c("Feb 29 in year -1", "-0001-02-29", Calendar(9)),
        c("Feb 29 in year -4", "-0004-02-29", Valid),
        c("Feb 29 in year -100", "-0100-02-29", Calendar(9)),
        c("Feb 29 in year -400", "-0400-02-29", Valid),
        c("Feb 29 in year 12345", "12345-02-29", Calendar(9)),
        c("Feb 29 in year 10400", "10400-02-29", Valid),
        c("Feb 30", "2021-02-30", Calendar(8)),
        c("Apr 31", "2021-04-31", Calendar(8)),
        c("Dec 31", "2021-12-31", Valid),
    ]
}

fn date_check(s: &str) -> Result<(), (usize, bool)> {
    Date::parse(s)
        .map(drop)
        .map_err(|e| (e.at, e.is_calendar_error()))
}

#[test]
fn date_cases_from_the_spec() {
    run(&date_cases(), date_check);
}

#[test]
fn date_parts() {
    let d = Date::parse("-0001-12-31").unwrap();
    assert_eq!((d.year(), d.month(), d.day()), (Some(-1), 12, 31));
    assert_eq!(
        Date::parse("99999999999999999999-01-01").unwrap().year(),
        None
    );
    assert_eq!("2024-02-29".parse::<Date>().unwrap().day(), 29);
}

// ---------------------------------------------------------------------------------------------
// Edm.TimeOfDay: timeOfDayValue
// ---------------------------------------------------------------------------------------------

fn time_of_day_cases() -> Vec<Case> {
    vec![
        c("ABNF-TC time of day", "11:22:33", Valid),
        c(
            "ABNF-TC no percent-encoding in payloads",
            "11%3A22%3a33",
            FailAt(2),
        ),
        c("ABNF-TC no seconds", "11:22", Valid),
        c("ABNF-TC fractional seconds", "11:22:33.4444444", Valid),
        c("ABNF-TC 24:00", "24:00:00", FailAt(1)),
        c("JSON §7.1 example", "07:59:59.999", Valid),
        c("midnight", "00:00", Valid),
        c("last second", "23:59:59", Valid),
        c("1 fraction digit", "23:59:59.9", Valid),
        c("12 fraction digits", "23:59:59.999999999999", Valid),
        c("13 fraction digits", "23:59:59.9999999999999", FailAt(21)),
        c("leap second 60 (ABNF)", "23:59:60", Valid),
        c("leap second at any minute (ABNF)", "08:30:60.5", Valid),
        c("second 61", "23:59:61", FailAt(7)),
        c("minute 60", "12:60", FailAt(3)),
        c("hour 30", "30:00", FailAt(0)),
        c("one-digit hour", "1:00", FailAt(1)),
        c("colon without seconds", "12:00:", FailAt(6)),
        c("one-digit second", "12:00:0", FailAt(7)),
        c("dot without fraction", "12:00:00.", FailAt(9)),
        c("fraction without seconds", "12:00.5", FailAt(5)),
        c("offset Z", "12:00:00Z", FailAt(8)),
        c("offset after fraction", "12:00:00.5Z", FailAt(10)),
        c("offset +01:00", "12:00:00+01:00", FailAt(8)),
        c("T prefix", "T12:00", FailAt(0)),
        c("hour only", "12", FailAt(2)),
        c("empty", "", FailAt(0)),
        c("trailing space", "12:00 ", FailAt(5)),
        c("comma as decimal separator", "12:00:00,5", FailAt(8)),
        c("Arabic-Indic digit", "1٢:00", FailAt(1)),
    ]
}

fn time_of_day_check(s: &str) -> Result<(), (usize, bool)> {
    TimeOfDay::parse(s).map(drop).map_err(|e| (e.at, false))
}

#[test]
fn time_of_day_cases_from_the_spec() {
    run(&time_of_day_cases(), time_of_day_check);
}

#[test]
fn time_of_day_parts() {
    let t = TimeOfDay::parse("23:59:60.000000000001").unwrap();
    assert_eq!((t.hour(), t.minute(), t.second()), (23, 59, Some(60)));
    assert_eq!(t.picoseconds(), 1);
    assert_eq!(TimeOfDay::parse("11:22").unwrap().second(), None);
}

// ---------------------------------------------------------------------------------------------
// Edm.Duration: durationValue
// ---------------------------------------------------------------------------------------------

fn duration_cases() -> Vec<Case> {
    vec![
        c("ABNF-TC duration", "-P6DT23H59M59.9999S", Valid),
        c("ABNF-TC no plus allowed", "+P6DT23H59M59.9999S", FailAt(0)),
        c(
            "ABNF-TC no years allowed",
            "P1Y6DT23H59M59.9999S",
            FailAt(2),
        ),
        c(
            "ABNF-TC no months allowed",
            "P1M6DT23H59M59.9999S",
            FailAt(2),
        ),
        c(
            "ABNF-TC URL literal is not the JSON form",
            "duration'P6DT23H59M59.9999S'",
            FailAt(0),
        ),
        c(
            "JSON §7.1 example (12 fraction digits)",
            "P12DT23H59M59.999999999999S",
            Valid,
        ),
        c("days and hours", "P1DT2H", Valid),
        c("negative days", "-P1D", Valid),
        c("zero seconds", "PT0S", Valid),
        c("fractional seconds", "PT1.5S", Valid),
        c(
            "long fraction (no digit limit)",
            "PT0.1234567890123456789S",
            Valid,
        ),
        c("hours beyond a day", "PT36H", Valid),
        c("huge day count", "P999999999999999999999D", Valid),
        c("minutes and seconds", "PT2M3S", Valid),
        c(
            "lower-case designators (RFC 5234 §2.3)",
            "p1dt2h3m4.5s",
            Valid,
        ),
        c("P alone (every part optional)", "P", Valid),
        c("-P alone", "-P", Valid),
        c("PT alone", "PT", Valid),
        c("days then empty T", "P1DT", Valid),
        c("weeks", "P1W", FailAt(2)),
        c("fractional days", "P1.5D", FailAt(2)),
        c("dot without digits", "PT1.S", FailAt(4)),
        c("fraction without integer", "PT.5S", FailAt(2)),
        c("fraction on minutes", "PT1.5M", FailAt(5)),
        c("fraction at the end", "PT1.5", FailAt(5)),
        c("hours twice", "PT1H2H", FailAt(5)),
        c("hours after minutes", "PT1M2H", FailAt(5)),
        c("text after seconds", "PT1S2S", FailAt(4)),
        c("days twice", "P1D2D", FailAt(3)),
        c("hours before T", "P1H", FailAt(2)),
        c("designator without digits", "PTH", FailAt(2)),
        c("digits without designator", "PT1", FailAt(3)),
        c("space inside", "P1D T2H", FailAt(3)),
        c("trailing space", "P1DT2H ", FailAt(6)),
        c("no P", "1D", FailAt(0)),
        c("double minus", "--P1D", FailAt(1)),
        c("empty", "", FailAt(0)),
        c("hh:mm:ss is not a duration", "12:00:00", FailAt(0)),
    ]
}

fn duration_check(s: &str) -> Result<(), (usize, bool)> {
    Duration::parse(s).map(drop).map_err(|e| (e.at, false))
}

#[test]
fn duration_cases_from_the_spec() {
    run(&duration_cases(), duration_check);
}

#[test]
fn duration_parts() {
    let d = Duration::parse("P12DT23H59M59.999999999999S").unwrap();
    assert!(!d.is_negative());
    assert_eq!(d.days(), Some(12));
    assert_eq!(
        (d.hours(), d.minutes(), d.seconds()),
        (Some(23), Some(59), Some(59))
    );
    assert_eq!(d.picoseconds(), 999_999_999_999);
    let d = Duration::parse("-PT5M").unwrap();
    assert!(d.is_negative());
    assert_eq!(
        (d.days(), d.hours(), d.minutes(), d.seconds()),
        (None, None, Some(5), None)
    );
    let huge = Duration::parse("P999999999999999999999D").unwrap();
    assert_eq!(huge.days(), Some(u64::MAX));
}

// ---------------------------------------------------------------------------------------------
// Edm.Guid: guidValue
// ---------------------------------------------------------------------------------------------

fn guid_cases() -> Vec<Case> {
    vec![
        c(
            "ABNF-TC correct guid",
            "01234567-89ab-cdef-0123-456789abcdef",
            Valid,
        ),
        c(
            "ABNF-TC wrong character",
            "01234g67-89ab-cdef-0123-456789abcdef",
            FailAt(5),
        ),
        c(
            "ABNF-TC less than 32 digits",
            "01234567-89ab-cdef-456789abcdef",
            FailAt(23),
        ),
        c(
            "upper case (HEXDIG is case-insensitive)",
            "01234567-89AB-CDEF-0123-456789ABCDEF",
            Valid,
        ),
        c("mixed case", "01234567-89aB-cDeF-0123-456789AbCdEf", Valid),
        c("nil guid", "00000000-0000-0000-0000-000000000000", Valid),
        c(
            "braces",
            "{01234567-89ab-cdef-0123-456789abcdef}",
            FailAt(0),
        ),
        c(
            "parentheses",
            "(01234567-89ab-cdef-0123-456789abcdef)",
            FailAt(0),
        ),
        c(
            "closing brace",
            "01234567-89ab-cdef-0123-456789abcdef}",
            FailAt(36),
        ),
        c("no hyphens", "0123456789abcdef0123456789abcdef", FailAt(8)),
        c(
            "urn:uuid prefix",
            "urn:uuid:01234567-89ab-cdef-0123-456789abcdef",
            FailAt(0),
        ),
        c(
            "13 digits in the last group",
            "01234567-89ab-cdef-0123-456789abcdef0",
            FailAt(36),
        ),
        c(
            "11 digits in the last group",
            "01234567-89ab-cdef-0123-456789abcde",
            FailAt(35),
        ),
        c(
            "5 digits in the second group",
            "01234567-89abc-def0-1234-56789abcdef0",
            FailAt(13),
        ),
        c(
            "underscore separators",
            "01234567_89ab_cdef_0123_456789abcdef",
            FailAt(8),
        ),
        c(
            "leading space",
            " 01234567-89ab-cdef-0123-456789abcdef",
            FailAt(0),
        ),
        c("empty", "", FailAt(0)),
    ]
}

fn guid_check(s: &str) -> Result<(), (usize, bool)> {
    Guid::parse(s).map(drop).map_err(|e| (e.at, false))
}

#[test]
fn guid_cases_from_the_spec() {
    run(&guid_cases(), guid_check);
}

#[test]
fn guid_value_and_display() {
    let g = Guid::parse("01234567-89AB-CDEF-0123-456789ABCDEF").unwrap();
    assert_eq!(g.as_u128(), 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
    assert_eq!(g.to_string(), "01234567-89ab-cdef-0123-456789abcdef");
}

// ---------------------------------------------------------------------------------------------
// Edm.Binary: binaryValue (base64url), plus the standard alphabet Graph uses
// ---------------------------------------------------------------------------------------------

/// Cases with the default rule; `url` = the strict `binaryValue` verdict when it differs.
fn binary_cases() -> Vec<(Case, Option<Want>)> {
    let same = |case| (case, None);
    vec![
        same(c("ABNF-TC empty", "", Valid)),
        same(c("ABNF-TC f", "Zg==", Valid)),
        same(c("ABNF-TC f (pad character is optional)", "Zg", Valid)),
        same(c("ABNF-TC fo", "Zm8=", Valid)),
        same(c("fo without padding", "Zm8", Valid)),
        same(c("ABNF-TC foo", "Zm9v", Valid)),
        same(c("ABNF-TC foob", "Zm9vYg==", Valid)),
        same(c("ABNF-TC fooba", "Zm9vYmE=", Valid)),
        same(c("ABNF-TC foobar", "Zm9vYmFy", Valid)),
        same(c(
            "ABNF-TC primitive value in request body",
            "a123456789abcdefABA=",
            Valid,
        )),
        same(c(
            "ABNF-TC line breaks and spaces",
            "a1234567 89\r\nab\r\n\tcdefABA",
            FailAt(8),
        )),
        same(c(
            "ABNF-TC binary literal is not the JSON form",
            "X'1a2B3c4D'",
            FailAt(1),
        )),
        same(c("JSON §7.1 example", "T0RhdGE", Valid)),
        same(c("base64url - and _", "-_-_", Valid)),
        same(c("base64url partial group", "-_8", Valid)),
        same(c("base64url 1 byte", "_w", Valid)),
        same(c("base64url 1 byte padded", "_w==", Valid)),
        same(c("single = after 2 characters", "Zg=", FailAt(3))),
        same(c("= then text after 2 characters", "Zg=x", FailAt(3))),
        same(c("== after 3 characters", "Zm8==", FailAt(4))),
        same(c("= after a full group", "Zm9v=", FailAt(4))),
        same(c("=== after 2 characters", "Zg===", FailAt(4))),
        same(c("padding only", "=", FailAt(0))),
        same(c("padding only, two", "==", FailAt(0))),
        same(c("data after padding", "Zg==Zm9v", FailAt(4))),
        same(c("unused bits set (2 characters)", "Zh", FailAt(1))),
        same(c("unused bits set, padded", "Zh==", FailAt(1))),
        same(c("unused bits set (3 characters)", "Zm9", FailAt(2))),
        same(c("one character", "Q", FailAt(1))),
        same(c("one character after a group", "QUJDR", FailAt(5))),
        same(c(
            "Graph docs placeholder (13 characters)",
            "Adfsdfsdfsdfw==",
            FailAt(13),
        )),
        same(c("mixed alphabets", "-+", FailAt(1))),
        same(c("mixed alphabets later", "ab/_", FailAt(3))),
        same(c("dot", "Zm9v.", FailAt(4))),
        same(c("non-ASCII", "Zm9v\u{e9}", FailAt(4))),
        // The standard alphabet: Graph's own value (message.conversationIndex) and friends.
        (
            c(
                "Graph docs conversationIndex",
                "AQHTe7/VAniOJVgCxEmtF1z6ZY1rFQ==",
                Valid,
            ),
            Some(FailAt(6)),
        ),
        (c("standard + and /", "+/8=", Valid), Some(FailAt(0))),
        (c("standard unpadded", "+/8", Valid), Some(FailAt(0))),
    ]
}

#[test]
fn binary_cases_from_the_spec() {
    let cases = binary_cases();
    let default: Vec<Case> = cases
        .iter()
        .map(|(case, _)| c(case.label, &*case.input, case.want))
        .collect();
    run(&default, |s| {
        Binary::parse(s).map(drop).map_err(|e| (e.at, false))
    });
    let strict: Vec<Case> = cases
        .iter()
        .map(|(case, url)| c(case.label, &*case.input, url.unwrap_or(case.want)))
        .collect();
    run(&strict, |s| {
        Binary::parse_base64url(s)
            .map(drop)
            .map_err(|e| (e.at, false))
    });
}

#[test]
fn binary_parts() {
    let b = Binary::parse("Zm9vYmE=").unwrap();
    assert_eq!(
        (b.decoded_len(), b.is_padded(), b.alphabet()),
        (5, true, Base64Alphabet::Common)
    );
    assert_eq!(Binary::parse("").unwrap().decoded_len(), 0);
    assert_eq!(Binary::parse("_w").unwrap().alphabet(), Base64Alphabet::Url);
    let std = Binary::parse("AQHTe7/VAniOJVgCxEmtF1z6ZY1rFQ==").unwrap();
    assert_eq!(
        (std.alphabet(), std.decoded_len()),
        (Base64Alphabet::Standard, 22)
    );
    assert!(!std.is_base64url());
}

// ---------------------------------------------------------------------------------------------
// Numbers, from the raw JSON number text
// ---------------------------------------------------------------------------------------------

/// What a number check gives: its value, or the reason and offset.
#[derive(Clone, Copy, Debug, PartialEq)]
enum N {
    Ok,
    Err(R, usize),
}
#[derive(Clone, Copy, Debug, PartialEq)]
enum R {
    NotJson,
    Fraction,
    Exponent,
    Sign,
    Range,
    Overflow,
    TooManyDigits,
    NotInt64,
    NotDecimal,
    NotSpecial,
    NeedsFloating,
}

fn reason(r: NumberErrorReason) -> R {
    match r {
        NumberErrorReason::NotJsonNumber => R::NotJson,
        NumberErrorReason::Fraction => R::Fraction,
        NumberErrorReason::Exponent => R::Exponent,
        NumberErrorReason::Sign => R::Sign,
        NumberErrorReason::OutOfRange { .. } => R::Range,
        NumberErrorReason::Overflow => R::Overflow,
        NumberErrorReason::TooManyDigits => R::TooManyDigits,
        NumberErrorReason::NotInt64String => R::NotInt64,
        NumberErrorReason::NotDecimalString => R::NotDecimal,
        NumberErrorReason::NotSpecialValue => R::NotSpecial,
        NumberErrorReason::SpecialNeedsFloatingScale => R::NeedsFloating,
        other => panic!("untested reason {other:?}"),
    }
}

fn run_numbers<T>(
    cases: &[(&str, &str, N)],
    check: impl Fn(&str) -> Result<T, msgraph_schema::edm::NumberError>,
) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|&(label, input, want)| {
            let got = match check(input) {
                Ok(_) => N::Ok,
                Err(e) => N::Err(reason(e.reason), e.at),
            };
            (got != want).then(|| format!("{label}: {input:?} want {want:?}, got {got:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

use N::Err as E;

#[test]
fn int32_from_raw_json_numbers() {
    run_numbers(
        &[
            ("max", "2147483647", N::Ok),
            ("max + 1", "2147483648", E(R::Range, 0)),
            ("min", "-2147483648", N::Ok),
            ("min - 1", "-2147483649", E(R::Range, 0)),
            ("ABNF-TC int32Value", "-2000000000", N::Ok),
            ("zero", "0", N::Ok),
            ("minus zero (int32Value has a sign)", "-0", N::Ok),
            ("20 digits", "12345678901234567890", E(R::Range, 0)),
            (
                "beyond i64",
                "99999999999999999999999999999999",
                E(R::Range, 0),
            ),
            ("RFC 8259 leading zeros", "007", E(R::NotJson, 1)),
            (
                "RFC 8259 plus sign (ABNF-TC +2000000000 is not JSON)",
                "+2000000000",
                E(R::NotJson, 0),
            ),
            ("ABNF int32Value has no fraction", "1.0", E(R::Fraction, 1)),
            ("ABNF int32Value has no exponent", "1e2", E(R::Exponent, 1)),
            ("upper-case exponent", "1E2", E(R::Exponent, 1)),
            ("fraction and exponent", "1.5e3", E(R::Fraction, 1)),
            ("empty", "", E(R::NotJson, 0)),
            ("minus alone", "-", E(R::NotJson, 1)),
            ("leading space", " 1", E(R::NotJson, 0)),
            ("trailing space", "1 ", E(R::NotJson, 1)),
            ("hex", "0x10", E(R::NotJson, 1)),
            ("Infinity", "Infinity", E(R::NotJson, 0)),
            ("NaN", "NaN", E(R::NotJson, 0)),
            ("Arabic-Indic digit", "٣", E(R::NotJson, 0)),
        ],
        |s| check_int(IntKind::Int32, s),
    );
    assert_eq!(check_int(IntKind::Int32, "-0"), Ok(0));
}

#[test]
fn small_integers_from_raw_json_numbers() {
    let byte = [
        ("ABNF-TC byteValue", "255", N::Ok),
        ("zero", "0", N::Ok),
        ("256", "256", E(R::Range, 0)),
        ("minus zero (byteValue has no sign)", "-0", E(R::Sign, 0)),
        ("minus one", "-1", E(R::Sign, 0)),
        ("fraction", "255.0", E(R::Fraction, 3)),
    ];
    run_numbers(&byte, |s| check_int(IntKind::Byte, s));
    let sbyte = [
        ("ABNF-TC sbyteValue", "-128", N::Ok),
        ("max", "127", N::Ok),
        ("max + 1", "128", E(R::Range, 0)),
        ("min - 1", "-129", E(R::Range, 0)),
        ("minus zero", "-0", N::Ok),
    ];
    run_numbers(&sbyte, |s| check_int(IntKind::SByte, s));
    let int16 = [
        ("max", "32767", N::Ok),
        ("min", "-32768", N::Ok),
        ("max + 1", "32768", E(R::Range, 0)),
        ("min - 1", "-32769", E(R::Range, 0)),
        ("ABNF-TC +32000 is not JSON", "+32000", E(R::NotJson, 0)),
        ("exponent", "3e4", E(R::Exponent, 1)),
    ];
    run_numbers(&int16, |s| check_int(IntKind::Int16, s));
}

#[test]
fn int64_from_raw_json_numbers_and_strings() {
    let number = [
        ("ABNF-TC int64Value", "1234567890123456789", N::Ok),
        ("max", "9223372036854775807", N::Ok),
        ("min", "-9223372036854775808", N::Ok),
        ("max + 1", "9223372036854775808", E(R::Range, 0)),
        ("min - 1", "-9223372036854775809", E(R::Range, 0)),
        ("beyond 2^53 (exact here)", "9007199254740993", N::Ok),
        ("fraction", "1.5", E(R::Fraction, 1)),
    ];
    run_numbers(&number, |s| check_int(IntKind::Int64, s));
    assert_eq!(
        check_int(IntKind::Int64, "9223372036854775807"),
        Ok(i64::MAX)
    );
    // IEEE754Compatible=true (JSON §3.2): the content is int64Value.
    let string = [
        ("max", "9223372036854775807", N::Ok),
        ("min", "-9223372036854775808", N::Ok),
        ("max + 1", "9223372036854775808", E(R::Range, 0)),
        ("plus sign (int64Value allows it)", "+42", N::Ok),
        ("minus zero", "-0", N::Ok),
        ("ABNF-TC leading zeros", "0123456789", N::Ok),
        ("19 digits with leading zeros", "0000000000000000001", N::Ok),
        ("20 digits", "00000000000000000001", E(R::TooManyDigits, 19)),
        ("empty", "", E(R::NotInt64, 0)),
        ("sign alone", "+", E(R::NotInt64, 1)),
        ("fraction", "1.0", E(R::NotInt64, 1)),
        ("exponent", "1e2", E(R::NotInt64, 1)),
        ("leading space", " 1", E(R::NotInt64, 0)),
        ("trailing space", "1 ", E(R::NotInt64, 1)),
    ];
    run_numbers(&string, check_int64_string);
}

/// The Int64 string cases the pattern accepts and the checker rejects: the range.
const INT64_STRING_RANGE_CASES: &[&str] = &["9223372036854775808", "-9223372036854775809"];

#[test]
fn single_and_double_from_raw_json_numbers() {
    let double = [
        ("ABNF-TC doubleValue", "3.14", N::Ok),
        ("ABNF-TC with exponent", "-0.314e1", N::Ok),
        (
            "ABNF-TC at most one exponent",
            "-0.314e1e2",
            E(R::NotJson, 8),
        ),
        (
            "ABNF-TC singleValue +0.314e+1 is not JSON (plus)",
            "+0.314e+1",
            E(R::NotJson, 0),
        ),
        ("JSON §7.1 example (17 digits)", "3.1415926535897931", N::Ok),
        ("exponent with plus", "1e+2", N::Ok),
        ("upper-case exponent", "1E2", N::Ok),
        ("minus zero", "-0", N::Ok),
        ("integer", "42", N::Ok),
        ("largest finite", "1.7976931348623157e308", N::Ok),
        (
            "rounds to infinity",
            "1.7976931348623159e308",
            E(R::Overflow, 0),
        ),
        ("1e309", "1e309", E(R::Overflow, 0)),
        ("-1e309", "-1e309", E(R::Overflow, 0)),
        ("huge exponent", "1e99999999999999999999", E(R::Overflow, 0)),
        ("zero with huge exponent", "0e99999999999999999999", N::Ok),
        ("underflow rounds to zero", "1e-400", N::Ok),
        ("trailing dot", "1.", E(R::NotJson, 2)),
        ("leading dot", ".5", E(R::NotJson, 0)),
        ("exponent without digits", "1e", E(R::NotJson, 2)),
        ("exponent sign without digits", "1e+", E(R::NotJson, 3)),
        ("leading zero", "01.5", E(R::NotJson, 1)),
        ("INF is a string, not a number", "INF", E(R::NotJson, 0)),
    ];
    run_numbers(&double, |s| check_float(FloatKind::Double, s));
    let single = [
        ("rounds to the largest finite", "3.4028235e38", N::Ok),
        ("rounds to infinity", "3.4028236e38", E(R::Overflow, 0)),
        ("1e39", "1e39", E(R::Overflow, 0)),
        ("underflow rounds to zero", "1e-50", N::Ok),
        (
            "more digits than binary32 holds",
            "3.14159265358979323846",
            N::Ok,
        ),
    ];
    run_numbers(&single, |s| check_float(FloatKind::Single, s));
}

#[test]
fn single_and_double_special_strings() {
    let cases = [
        ("ABNF-TC positive infinity", "INF", N::Ok),
        ("ABNF-TC negative infinity", "-INF", N::Ok),
        ("ABNF-TC not a number", "NaN", N::Ok),
        ("lower case (nanInfinity is %s)", "inf", E(R::NotSpecial, 0)),
        ("nan lower case", "nan", E(R::NotSpecial, 0)),
        ("NAN", "NAN", E(R::NotSpecial, 0)),
        (".NET Infinity", "Infinity", E(R::NotSpecial, 0)),
        ("plus sign", "+INF", E(R::NotSpecial, 0)),
        ("a number in a string", "3.14", E(R::NotSpecial, 0)),
        ("empty", "", E(R::NotSpecial, 0)),
        ("leading space", " INF", E(R::NotSpecial, 0)),
    ];
    run_numbers(&cases, |s| check_float_string(FloatKind::Double, s));
    run_numbers(&cases, |s| check_float_string(FloatKind::Single, s));
}

#[test]
fn decimal_numbers_and_strings() {
    let number = [
        ("JSON §7.1 example", "34.95", N::Ok),
        ("CSDL example exponent", "1e-101", N::Ok),
        ("negative with exponent", "-1.234567e3", N::Ok),
        (
            "50 digits",
            "12345678901234567890123456789012345678901234567890",
            N::Ok,
        ),
        ("beyond binary64 (no overflow for Decimal)", "1e400", N::Ok),
        ("trailing dot", "1.", E(R::NotJson, 2)),
        ("NaN is a string", "NaN", E(R::NotJson, 0)),
    ];
    run_numbers(&number, check_decimal);
    let string = [
        ("ABNF-TC decimal", "3.14", N::Ok),
        ("ABNF-TC exponential notation", "-1.234567e3", N::Ok),
        ("ABNF-TC exponential notation", "1e-101", N::Ok),
        ("ABNF-TC negative integer", "-2", N::Ok),
        ("ABNF-TC positive integer", "+42", N::Ok),
        ("ABNF-TC trailing dot", "42.", E(R::NotDecimal, 3)),
        (
            "ABNF-TC no digit before decimal point",
            ".1",
            E(R::NotDecimal, 0),
        ),
        ("upper-case E (quoted literal)", "1E5", N::Ok),
        ("leading zeros", "0042", N::Ok),
        ("exponent without digits", "1e", E(R::NotDecimal, 2)),
        ("two dots", "1.5.5", E(R::NotDecimal, 3)),
        ("leading space", " 1", E(R::NotDecimal, 0)),
        ("trailing space", "1 ", E(R::NotDecimal, 1)),
        (
            "ABNF-TC NaN needs Scale floating",
            "NaN",
            E(R::NeedsFloating, 0),
        ),
        (
            "ABNF-TC INF needs Scale floating",
            "INF",
            E(R::NeedsFloating, 0),
        ),
        (
            "ABNF-TC -INF needs Scale floating",
            "-INF",
            E(R::NeedsFloating, 0),
        ),
    ];
    run_numbers(&string, |s| check_decimal_string(s, false));
    for special in ["NaN", "INF", "-INF"] {
        assert_eq!(check_decimal_string(special, true), Ok(()), "{special}");
    }
}

// ---------------------------------------------------------------------------------------------
// Dispatch by name
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum D {
    Ok,
    WrongType,
    Format,
    Unknown,
}

#[test]
fn dispatch_by_type_name() {
    use JsonScalar::{Bool, Null, Number, String as Str};
    let ieee = PrimitiveOptions {
        ieee754_compatible: true,
        ..PrimitiveOptions::default()
    };
    let floating = PrimitiveOptions {
        decimal_floating_scale: true,
        ..PrimitiveOptions::default()
    };
    let strict = PrimitiveOptions {
        binary_base64url_only: true,
        ..PrimitiveOptions::default()
    };
    let default = PrimitiveOptions::default();
    let cases: Vec<(&str, &str, JsonScalar<'_>, PrimitiveOptions, D)> = vec![
        ("int number", "Edm.Int32", Number("42"), default, D::Ok),
        ("unqualified name", "Int32", Number("42"), default, D::Ok),
        (
            "null is the property's business",
            "Edm.Int32",
            Null,
            default,
            D::Ok,
        ),
        (
            "int as string",
            "Edm.Int32",
            Str("42"),
            default,
            D::WrongType,
        ),
        (
            "int as string even with IEEE754Compatible",
            "Edm.Int32",
            Str("42"),
            ieee,
            D::WrongType,
        ),
        (
            "int as bool",
            "Edm.Int32",
            Bool(true),
            default,
            D::WrongType,
        ),
        (
            "int with fraction",
            "Edm.Int32",
            Number("1.0"),
            default,
            D::Format,
        ),
        (
            "Int64 string without IEEE754Compatible",
            "Edm.Int64",
            Str("9007199254740993"),
            default,
            D::WrongType,
        ),
        (
            "Int64 string with IEEE754Compatible",
            "Edm.Int64",
            Str("9007199254740993"),
            ieee,
            D::Ok,
        ),
        (
            "Int64 number with IEEE754Compatible",
            "Edm.Int64",
            Number("1"),
            ieee,
            D::Ok,
        ),
        (
            "Int64 bad string with IEEE754Compatible",
            "Edm.Int64",
            Str("1e3"),
            ieee,
            D::Format,
        ),
        (
            "Decimal string without IEEE754Compatible",
            "Edm.Decimal",
            Str("1.5"),
            default,
            D::WrongType,
        ),
        (
            "Decimal string with IEEE754Compatible",
            "Edm.Decimal",
            Str("1.5"),
            ieee,
            D::Ok,
        ),
        (
            "Decimal NaN, scale not floating",
            "Edm.Decimal",
            Str("NaN"),
            default,
            D::WrongType,
        ),
        (
            "Decimal NaN, IEEE754Compatible, scale not floating",
            "Edm.Decimal",
            Str("NaN"),
            ieee,
            D::Format,
        ),
        (
            "Decimal NaN, scale floating",
            "Edm.Decimal",
            Str("NaN"),
            floating,
            D::Ok,
        ),
        (
            "Decimal number string, scale floating only",
            "Edm.Decimal",
            Str("1.5"),
            floating,
            D::WrongType,
        ),
        ("Double INF", "Edm.Double", Str("INF"), default, D::Ok),
        ("Single NaN", "Edm.Single", Str("NaN"), default, D::Ok),
        (
            "Double number in a string",
            "Edm.Double",
            Str("3.14"),
            default,
            D::Format,
        ),
        (
            "Double overflow",
            "Edm.Double",
            Number("1e400"),
            default,
            D::Format,
        ),
        (
            "Double bool",
            "Edm.Double",
            Bool(false),
            default,
            D::WrongType,
        ),
        ("Boolean", "Edm.Boolean", Bool(true), default, D::Ok),
        (
            "Boolean as string",
            "Edm.Boolean",
            Str("true"),
            default,
            D::WrongType,
        ),
        ("String", "Edm.String", Str(""), default, D::Ok),
        (
            "String as number",
            "Edm.String",
            Number("1"),
            default,
            D::WrongType,
        ),
        ("Date", "Edm.Date", Str("2024-02-29"), default, D::Ok),
        (
            "Date calendar",
            "Edm.Date",
            Str("2023-02-29"),
            default,
            D::Format,
        ),
        (
            "Date as number",
            "Edm.Date",
            Number("20240229"),
            default,
            D::WrongType,
        ),
        (
            "TimeOfDay",
            "Edm.TimeOfDay",
            Str("24:00:00"),
            default,
            D::Format,
        ),
        ("Duration", "Edm.Duration", Str("P1DT2H"), default, D::Ok),
        (
            "Duration as number",
            "Edm.Duration",
            Number("86400"),
            default,
            D::WrongType,
        ),
        (
            "Guid braces",
            "Edm.Guid",
            Str("{01234567-89ab-cdef-0123-456789abcdef}"),
            default,
            D::Format,
        ),
        (
            "DateTimeOffset",
            "Edm.DateTimeOffset",
            Str("2012-12-03T07:16:23Z"),
            default,
            D::Ok,
        ),
        (
            "DateTimeOffset calendar",
            "Edm.DateTimeOffset",
            Str("2021-02-29T00:00Z"),
            default,
            D::Format,
        ),
        (
            "Binary standard alphabet",
            "Edm.Binary",
            Str("AQHTe7/V"),
            default,
            D::Ok,
        ),
        (
            "Binary standard alphabet, strict",
            "Edm.Binary",
            Str("AQHTe7/V"),
            strict,
            D::Format,
        ),
        (
            "Binary base64url, strict",
            "Edm.Binary",
            Str("AQHTe7_V"),
            strict,
            D::Ok,
        ),
        (
            "Binary as number",
            "Edm.Binary",
            Number("1"),
            default,
            D::WrongType,
        ),
        (
            "Stream string",
            "Edm.Stream",
            Str("...base64url encoded value..."),
            default,
            D::Ok,
        ),
        (
            "Stream number (native JSON)",
            "Edm.Stream",
            Number("1"),
            default,
            D::Ok,
        ),
        ("Stream bool", "Edm.Stream", Bool(true), default, D::Ok),
        (
            "names are case-sensitive",
            "edm.int32",
            Number("1"),
            default,
            D::Unknown,
        ),
        (
            "spatial types are not here",
            "Edm.GeographyPoint",
            Str("x"),
            default,
            D::Unknown,
        ),
        (
            "Untyped is abstract",
            "Edm.Untyped",
            Str("x"),
            default,
            D::Unknown,
        ),
        ("empty name", "", Str("x"), default, D::Unknown),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(label, name, value, options, want)| {
            let got = match check_primitive_name_with(name, *value, options) {
                Ok(()) => D::Ok,
                Err(PrimitiveProblem::WrongJsonType { .. }) => D::WrongType,
                Err(PrimitiveProblem::Format(_)) => D::Format,
                Err(PrimitiveProblem::UnknownType { .. }) => D::Unknown,
            };
            (got != *want).then(|| format!("{label}: {name} {value:?} want {want:?}, got {got:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        check_primitive_name("Edm.Int32", JsonScalar::Number("1")),
        check_primitive_name_with("Edm.Int32", JsonScalar::Number("1"), &default)
    );
}

#[test]
fn every_kind_round_trips_its_name() {
    for kind in Primitive::ALL {
        assert_eq!(Primitive::from_name(kind.edm_name()), Some(kind));
        assert_eq!(Primitive::from_name(&kind.edm_name()[4..]), Some(kind));
        // Every kind accepts null and names what it expects when the JSON type is wrong.
        let options = PrimitiveOptions::default();
        assert_eq!(check_primitive(kind, JsonScalar::Null, &options), Ok(()));
        if let Err(PrimitiveProblem::WrongJsonType { expected }) =
            check_primitive(kind, JsonScalar::Bool(true), &options)
        {
            assert!(expected.contains(kind.edm_name()), "{kind:?}: {expected}");
        }
    }
    assert_eq!(Primitive::ALL.len(), 17);
}

#[test]
fn messages_say_what_is_wrong_what_is_expected_and_give_an_example() {
    use JsonScalar::{Number, String as Str};
    let messages = [
        ("Edm.Date", Str("2023-02-29"), "this day does not exist"),
        ("Edm.TimeOfDay", Str("24:00"), "00-23"),
        (
            "Edm.Duration",
            Str("P1Y"),
            "years and months are not allowed",
        ),
        ("Edm.Guid", Str("{x}"), "braces"),
        ("Edm.Binary", Str("Zg="), "padding"),
        (
            "Edm.Int32",
            Number("2147483648"),
            "from -2147483648 to 2147483647",
        ),
        ("Edm.Int32", Number("1.0"), "e.g. 1, not 1.0"),
        ("Edm.Byte", Number("-0"), "without a sign"),
        ("Edm.Single", Number("1e39"), "INF"),
        ("Edm.Double", Str("Infinity"), "case-sensitive"),
        ("Edm.DateTimeOffset", Str("2021-06-15"), "expected 'T'"),
    ];
    for (name, value, needle) in messages {
        let problem = check_primitive_name(name, value).unwrap_err();
        let PrimitiveProblem::Format(message) = &problem else {
            panic!("{name} {value:?}: {problem:?}");
        };
        assert!(message.contains(needle), "{name}: {message}");
        assert!(message.contains(name), "{name}: {message}");
        assert!(message.contains("e.g."), "{name}: {message}");
        assert_eq!(problem.to_string(), *message);
    }
    let wrong = check_primitive_name("Edm.Int64", JsonScalar::String("1")).unwrap_err();
    assert!(
        wrong.to_string().contains("IEEE754Compatible=true"),
        "{wrong}"
    );
}

// ---------------------------------------------------------------------------------------------
// The JSON Schema patterns agree with the checkers
// ---------------------------------------------------------------------------------------------

fn regex(pattern: &str) -> Regex {
    assert!(
        pattern.starts_with('^') && pattern.ends_with('$'),
        "not anchored: {pattern}"
    );
    Regex::new(pattern).unwrap()
}

/// Asserts `pattern` matches exactly the inputs `check` accepts, except `exceptions` (by label),
/// which the pattern must match and the checker reject.
fn agree(
    what: &str,
    pattern: &str,
    cases: &[(&str, &str)],
    check: impl Fn(&str) -> bool,
    exceptions: &[&str],
) {
    let re = regex(pattern);
    let mut used = 0;
    for &(label, input) in cases {
        let (matched, accepted) = (re.is_match(input), check(input));
        if exceptions.contains(&label) {
            used += 1;
            assert!(matched && !accepted, "{what} exception {label}: {input:?}");
        } else {
            assert_eq!(
                matched, accepted,
                "{what} {label}: {input:?} pattern {matched}"
            );
        }
    }
    assert_eq!(used, exceptions.len(), "{what}: an exception names no case");
}

fn pairs(cases: &[Case]) -> Vec<(&str, &str)> {
    cases.iter().map(|c| (c.label, c.input.as_str())).collect()
}

#[test]
fn patterns_agree_with_checkers_on_every_string_case() {
    let dates = date_cases();
    agree(
        "Date",
        DATE_PATTERN,
        &pairs(&dates),
        |s| Date::parse(s).is_ok(),
        &[],
    );
    let times = time_of_day_cases();
    agree(
        "TimeOfDay",
        TIME_OF_DAY_PATTERN,
        &pairs(&times),
        |s| TimeOfDay::parse(s).is_ok(),
        &[],
    );
    let durations = duration_cases();
    agree(
        "Duration",
        DURATION_PATTERN,
        &pairs(&durations),
        |s| Duration::parse(s).is_ok(),
        &[],
    );
    let guids = guid_cases();
    agree(
        "Guid",
        GUID_PATTERN,
        &pairs(&guids),
        |s| Guid::parse(s).is_ok(),
        &[],
    );
    let binaries: Vec<Case> = binary_cases().into_iter().map(|(case, _)| case).collect();
    agree(
        "Binary",
        BINARY_PATTERN,
        &pairs(&binaries),
        |s| Binary::parse(s).is_ok(),
        &[],
    );
    agree(
        "Binary base64url",
        BINARY_BASE64URL_PATTERN,
        &pairs(&binaries),
        |s| Binary::parse_base64url(s).is_ok(),
        &[],
    );
    let int64 = [
        ("max", "9223372036854775807"),
        ("9223372036854775808", "9223372036854775808"),
        ("-9223372036854775809", "-9223372036854775809"),
        ("plus", "+42"),
        ("19 digits", "0000000000000000001"),
        ("20 digits", "00000000000000000001"),
        ("empty", ""),
        ("fraction", "1.0"),
        ("space", " 1"),
    ];
    agree(
        "Int64 string",
        INT64_STRING_PATTERN,
        &int64,
        |s| check_int64_string(s).is_ok(),
        INT64_STRING_RANGE_CASES,
    );
    let decimal = [
        ("3.14", "3.14"),
        ("-1.234567e3", "-1.234567e3"),
        ("+42", "+42"),
        ("1E5", "1E5"),
        ("42.", "42."),
        (".1", ".1"),
        ("1e", "1e"),
        ("NaN", "NaN"),
        ("1 ", "1 "),
    ];
    agree(
        "Decimal string",
        DECIMAL_STRING_PATTERN,
        &decimal,
        |s| check_decimal_string(s, false).is_ok(),
        &[],
    );
    let special = [
        ("INF", "INF"),
        ("-INF", "-INF"),
        ("NaN", "NaN"),
        ("inf", "inf"),
        ("+INF", "+INF"),
        ("", ""),
    ];
    agree(
        "Float special",
        FLOAT_SPECIAL_PATTERN,
        &special,
        |s| check_float_string(FloatKind::Double, s).is_ok(),
        &[],
    );
}

#[test]
fn json_schema_fragments_use_the_same_patterns() {
    use msgraph_schema_core::edm_patterns::fragment;
    assert_eq!(
        fragment("Edm.Date", false).unwrap()["pattern"],
        DATE_PATTERN
    );
    assert_eq!(
        fragment("TimeOfDay", false).unwrap()["pattern"],
        TIME_OF_DAY_PATTERN
    );
    assert_eq!(
        fragment("Edm.Binary", false).unwrap()["pattern"],
        BINARY_PATTERN
    );
    // No `format` keyword: the pattern is the whole rule (`--formats rfc3339` adds one).
    for edm in ["Edm.Guid", "Edm.Date", "Edm.DateTimeOffset"] {
        assert!(
            fragment(edm, false).unwrap().get("format").is_none(),
            "{edm}"
        );
    }
    assert_eq!(fragment("Edm.Byte", false).unwrap()["maximum"], 255);
    assert_eq!(fragment("Edm.SByte", false).unwrap()["minimum"], -128);
    assert_eq!(fragment("Edm.Int64", false).unwrap()["maximum"], i64::MAX);
    let int64 = fragment("Edm.Int64", true).unwrap();
    assert_eq!(int64["anyOf"][1]["pattern"], INT64_STRING_PATTERN);
    assert_eq!(
        fragment("Edm.Decimal", true).unwrap()["anyOf"][1]["pattern"],
        DECIMAL_STRING_PATTERN
    );
    assert_eq!(
        fragment("Edm.Double", false).unwrap()["anyOf"][1]["pattern"],
        FLOAT_SPECIAL_PATTERN
    );
    assert_eq!(
        fragment("Edm.Single", false).unwrap()["anyOf"][0]["maximum"],
        f64::from(f32::MAX)
    );
    assert_eq!(
        fragment("Edm.Stream", false).unwrap(),
        serde_json::json!({})
    );
    // Every kind the runtime checks has a fragment, and nothing else does.
    for kind in Primitive::ALL {
        assert!(fragment(kind.edm_name(), false).is_some(), "{kind:?}");
    }
    assert!(fragment("Edm.Untyped", false).is_none());
}

// ---------------------------------------------------------------------------------------------
// No panics, and agreement on generated strings
// ---------------------------------------------------------------------------------------------

/// Runs every checker on `s`; none may panic.
fn check_everything(s: &str) {
    let _ = Date::parse(s);
    let _ = TimeOfDay::parse(s);
    let _ = Duration::parse(s);
    let _ = Guid::parse(s);
    let _ = Binary::parse(s);
    let _ = Binary::parse_base64url(s);
    for kind in [
        IntKind::Byte,
        IntKind::SByte,
        IntKind::Int16,
        IntKind::Int32,
        IntKind::Int64,
    ] {
        let _ = check_int(kind, s);
    }
    for kind in [FloatKind::Single, FloatKind::Double] {
        let _ = check_float(kind, s);
        let _ = check_float_string(kind, s);
    }
    let _ = check_int64_string(s);
    let _ = check_decimal(s);
    let _ = check_decimal_string(s, true);
    let all = PrimitiveOptions {
        ieee754_compatible: true,
        decimal_floating_scale: true,
        binary_base64url_only: true,
    };
    for kind in Primitive::ALL {
        for options in [PrimitiveOptions::default(), all] {
            let _ = check_primitive(kind, JsonScalar::String(s), &options);
            let _ = check_primitive(kind, JsonScalar::Number(s), &options);
        }
    }
    let _ = check_primitive_name(s, JsonScalar::String(s));
}

#[test]
fn huge_inputs_do_not_panic() {
    let long_digits = "9".repeat(200_000);
    for s in [
        long_digits.clone(),
        format!("-{long_digits}"),
        format!("1e{long_digits}"),
        format!("0.{long_digits}e-{long_digits}"),
        format!("{long_digits}-01-01"),
        format!("P{long_digits}DT{long_digits}H{long_digits}.{long_digits}S"),
        "A".repeat(400_001),
        "é".repeat(100_000),
        "\u{0}".repeat(1000),
    ] {
        check_everything(&s);
    }
    assert!(Binary::parse(&"QUJD".repeat(100_000)).is_ok());
    assert_eq!(
        check_float(FloatKind::Double, &format!("1e{long_digits}"))
            .unwrap_err()
            .reason,
        NumberErrorReason::Overflow
    );
}

proptest! {
    #[test]
    fn random_strings_never_panic(s in any::<String>()) {
        check_everything(&s);
    }

    #[test]
    fn near_miss_strings_never_panic(s in "[-+0-9eE.:PpTtDHMSZz=_/A-Fa-f{}]{0,40}") {
        check_everything(&s);
    }

    #[test]
    fn date_pattern_agrees_on_generated_strings(s in "-?[0-9]{3,6}-[0-9]{1,3}-[0-9]{1,3}") {
        // The pattern carries the calendar: it matches exactly what parses.
        prop_assert_eq!(regex(DATE_PATTERN).is_match(&s), Date::parse(&s).is_ok(), "{}", s);
    }

    /// The leap-year digits of the pattern against the parser's arithmetic: years of every
    /// length and sign, century years, the last days of every month.
    #[test]
    fn date_pattern_knows_the_calendar(
        negative: bool,
        century in 0u64..2000,
        within in prop_oneof![Just(0u64), Just(4), Just(96), 0u64..100],
        month in 1u32..=12,
        day in 27u32..=31,
    ) {
        let year = century * 100 + within;
        let text = format!("{}{year:04}-{month:02}-{day:02}", if negative { "-" } else { "" });
        prop_assert_eq!(regex(DATE_PATTERN).is_match(&text), Date::parse(&text).is_ok(), "{}", text);
    }

    #[test]
    fn time_and_duration_patterns_agree_on_generated_strings(
        time in "[0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3}(\\.[0-9]{0,14})?)?[Z ]?",
        duration in "-?[Pp]([0-9]{0,3}[DdYH.])?([Tt]([0-9]{0,3}[HhMmS.])?([0-9]{0,3}[MmSs.])?([0-9]{0,3}[Ss.]?)?)?",
    ) {
        prop_assert_eq!(regex(TIME_OF_DAY_PATTERN).is_match(&time), TimeOfDay::parse(&time).is_ok());
        prop_assert_eq!(regex(DURATION_PATTERN).is_match(&duration), Duration::parse(&duration).is_ok());
    }

    #[test]
    fn guid_and_binary_patterns_agree_on_generated_strings(
        guid in "[0-9a-gA-G]{7,9}-[0-9a-f]{3,5}-[0-9A-F]{4}-[0-9a-f]{4}-[0-9a-f]{11,13}",
        binary in "[A-Za-z0-9_/+-]{0,9}={0,3}",
    ) {
        prop_assert_eq!(regex(GUID_PATTERN).is_match(&guid), Guid::parse(&guid).is_ok());
        prop_assert_eq!(regex(BINARY_PATTERN).is_match(&binary), Binary::parse(&binary).is_ok());
        prop_assert_eq!(
            regex(BINARY_BASE64URL_PATTERN).is_match(&binary),
            Binary::parse_base64url(&binary).is_ok()
        );
    }

    #[test]
    fn int_checks_agree_with_rust_parsing(n in any::<i64>()) {
        let text = n.to_string();
        prop_assert_eq!(check_int(IntKind::Int64, &text), Ok(n));
        prop_assert_eq!(check_int(IntKind::Int32, &text).is_ok(), i32::try_from(n).is_ok());
        prop_assert_eq!(check_int(IntKind::Int16, &text).is_ok(), i16::try_from(n).is_ok());
        prop_assert_eq!(check_int(IntKind::SByte, &text).is_ok(), i8::try_from(n).is_ok());
        prop_assert_eq!(check_int(IntKind::Byte, &text).is_ok(), u8::try_from(n).is_ok());
        prop_assert_eq!(check_int64_string(&text), Ok(n));
    }

    #[test]
    fn float_checks_accept_every_finite_value(x in any::<f64>()) {
        prop_assume!(x.is_finite());
        // Rust writes finite doubles as JSON numbers (shortest round-trip form).
        let text = format!("{x:e}");
        prop_assert!(check_float(FloatKind::Double, &text).is_ok(), "{}", text);
        prop_assert!(check_decimal(&text).is_ok(), "{}", text);
        prop_assert_eq!(
            check_float(FloatKind::Single, &text).is_ok(),
            text.parse::<f32>().unwrap().is_finite()
        );
    }
}
