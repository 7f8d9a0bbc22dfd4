//! `Limits`: a capped report keeps the first errors in input order and counts the rest; the
//! three validators agree on it; the typed checker counts past its cap.

use msgraph_schema::pointer::Pointer;
use msgraph_schema::types::DeviceHealthScriptDeviceState;
use msgraph_schema::{
    Checker, GraphModel, Limits, Operation, Options, Report, TypeEntry, Validate,
};

fn entry() -> TypeEntry {
    TypeEntry::of::<DeviceHealthScriptDeviceState>()
}

fn strict() -> Options {
    Options {
        operation: Operation::Create,
        strict: true,
    }
}

/// What a test compares of an error: where, what kind.
fn keys(report: &Report) -> Vec<(String, &'static str, usize, usize)> {
    report
        .errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.kind.as_str(), e.line, e.column))
        .collect()
}

/// Payloads whose errors come out of input order in the walk (required properties, reported
/// when their object closes), nested and on several lines; and, last, [`DUPLICATES`] payloads
/// that repeat members whose earlier values' errors are dropped.
fn payloads() -> Vec<String> {
    let unknown: Vec<String> = (0..30).map(|i| format!("\"u{i}\": {i}")).collect();
    let unknown = unknown.join(",\n ");
    vec![
        format!("{{{unknown}}}"),
        format!("{{\n {unknown},\n \"detectionState\": \"nope\"}}"),
        format!("{{\"detectionState\": 1, {unknown}, \"remediationState\": \"x\"}}"),
        format!("{{\"u0\": 1, \"u0\": 2, {unknown}, \"detectionState\": [], \"detectionState\": \"y\"}}"),
        "{\"a\": 1, \"a\": 2, \"a\": 3, \"b\": {\"c\": 1, \"c\": 2}, \"lastSyncDateTime\": \"never\"}"
            .to_owned(),
    ]
}

#[test]
fn capped_report_is_the_first_errors_in_input_order_and_counts_the_rest() {
    for options in [Options::default(), strict()] {
        let payloads = payloads();
        for payload in &payloads[..payloads.len() - DUPLICATES] {
            let bytes = payload.as_bytes();
            let all = msgraph_schema::check(bytes, &entry(), &options);
            assert_eq!(all.truncated, 0);
            assert!(all.errors.len() > 4, "{payload}: {all}");
            for cap in [1, 2, 3, 4, all.errors.len() - 1] {
                let capped =
                    msgraph_schema::check_with(bytes, &entry(), &options, Limits::max_errors(cap));
                assert_eq!(
                    capped.error_count(),
                    all.errors.len(),
                    "{payload}, cap {cap}"
                );
                assert_eq!(capped.errors.len(), cap, "{payload}, cap {cap}");
                assert_eq!(keys(&capped), keys(&all)[..cap], "{payload}, cap {cap}");
                // The kept errors are whole: the same texts as uncapped.
                assert_eq!(capped.errors[..], all.errors[..cap]);
                assert!(!capped.is_valid());
            }
            for limits in [Limits::NONE, Limits::max_errors(all.errors.len())] {
                let uncut = msgraph_schema::check_with(bytes, &entry(), &options, limits);
                assert_eq!(uncut, all, "{payload}");
            }
        }
    }
}

/// How many of [`payloads`] repeat a member name.
const DUPLICATES: usize = 2;

/// A repeated member drops its earlier value's errors after the fact: the capped report may
/// then keep fewer errors, or skip some, but it keeps them in order and counts every one.
#[test]
fn repeated_members_keep_the_count_exact() {
    for options in [Options::default(), strict()] {
        let payloads = payloads();
        for payload in &payloads[payloads.len() - DUPLICATES..] {
            let bytes = payload.as_bytes();
            let all = msgraph_schema::check(bytes, &entry(), &options);
            for cap in 1..all.errors.len() {
                let capped =
                    msgraph_schema::check_with(bytes, &entry(), &options, Limits::max_errors(cap));
                assert_eq!(
                    capped.error_count(),
                    all.errors.len(),
                    "{payload}, cap {cap}"
                );
                assert!(!capped.errors.is_empty() && capped.errors.len() <= cap);
                let mut rest = all.errors.iter();
                for kept in &capped.errors {
                    assert!(rest.any(|e| e == kept), "{payload}, cap {cap}: {kept}");
                }
            }
        }
    }
}

#[test]
fn the_first_kept_error_in_input_order_is_a_required_one_reported_last() {
    // The walk reports `/detectionState` (required, at the object's start) after the unknown
    // members inside the object; with a cap of 1 it is still the one kept.
    let payload = br#"{"a": 1, "b": 2, "c": 3}"#;
    let capped = msgraph_schema::check_with(payload, &entry(), &strict(), Limits::max_errors(1));
    assert_eq!(capped.errors.len(), 1);
    assert_eq!(capped.errors[0].pointer(), "/detectionState");
    assert_eq!(capped.errors[0].kind.as_str(), "required");
    assert_eq!(capped.truncated, 6, "3 more required, 3 unknown");
}

#[test]
fn a_dropped_duplicate_value_is_not_counted() {
    // The first `detectionState`'s error is dropped (the parsed value keeps the last one), also
    // when it lies past the cap and was only counted.
    let payload = br#"{"a": 1, "detectionState": 5, "detectionState": "success"}"#;
    let all = msgraph_schema::check(payload, &entry(), &Options::default());
    let kinds: Vec<_> = all.errors.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["unknown_property", "duplicate_property"]);
    let capped = msgraph_schema::check_with(
        payload,
        &entry(),
        &Options::default(),
        Limits::max_errors(1),
    );
    assert_eq!((capped.errors.len(), capped.truncated), (1, 1));
    assert_eq!(capped.errors[0], all.errors[0]);
}

/// An object whose `@odata.type` names another type keeps that one error, dropping the others
/// found in it before: under a cap, the report still has it, and the count is exact.
#[test]
fn an_object_of_another_type_keeps_its_one_error_under_a_cap() {
    let payload = br##"{"a": 1, "b": 2, "detectionState": 5, "@odata.type": "#microsoft.graph.user", "c": 3}"##;
    for options in [Options::default(), strict()] {
        let all = msgraph_schema::check(payload, &entry(), &options);
        let kinds: Vec<_> = all.errors.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["odata_type"], "{all}");
        for cap in [1, 2] {
            let capped =
                msgraph_schema::check_with(payload, &entry(), &options, Limits::max_errors(cap));
            assert_eq!(capped, all, "cap {cap}");
            let cross = msgraph_schema::check_agreement_with(
                payload,
                &entry(),
                &options,
                Limits::max_errors(cap),
            );
            assert!(cross.disagreements.is_empty(), "{cross:?}");
            assert_eq!(keys(&cross), keys(&all));
        }
    }
    // With other errors kept before the cap was reached, which it then drops, the report may
    // keep fewer or skip some (as for a repeated member: `repeated_members_keep_the_count_exact`),
    // but keeps them in order, counts every one, and always keeps the object's own error.
    let payload = br##"{"a": 1, "a": 2, "@odata.type": "#microsoft.graph.user", "b": 1, "b": 2}"##;
    let all = msgraph_schema::check(payload, &entry(), &Options::default());
    let kinds: Vec<_> = all.errors.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["duplicate_property", "odata_type", "duplicate_property"]
    );
    for cap in 1..all.errors.len() {
        let capped = msgraph_schema::check_with(
            payload,
            &entry(),
            &Options::default(),
            Limits::max_errors(cap),
        );
        assert_eq!(capped.error_count(), all.errors.len(), "cap {cap}");
        assert!(capped.errors.len() <= cap, "cap {cap}: {capped}");
        let mut rest = all.errors.iter();
        for kept in &capped.errors {
            assert!(rest.any(|e| e == kept), "cap {cap}: {kept}");
        }
        assert!(
            capped
                .errors
                .iter()
                .any(|e| e.kind.as_str() == "odata_type"),
            "cap {cap}: {capped}"
        );
    }
}

#[test]
fn all_validators_agree_on_capped_payloads() {
    for options in [Options::default(), strict()] {
        let payloads = payloads();
        for (at, payload) in payloads.iter().enumerate() {
            let bytes = payload.as_bytes();
            let all = msgraph_schema::check(bytes, &entry(), &options);
            for cap in [1, 3, 0] {
                let limits = Limits::max_errors(cap);
                // The three validators are compared on every error, then the report is cut.
                let cross = msgraph_schema::check_agreement_with(bytes, &entry(), &options, limits);
                assert!(cross.disagreements.is_empty(), "{payload}: {cross:?}");
                let mut cut = all.clone();
                cut.limit(limits);
                assert_eq!(keys(&cross), keys(&cut), "{payload}, cap {cap}");
                assert_eq!(cross.truncated, cut.truncated, "{payload}, cap {cap}");
                // And the single pass's own capped report is the same cut (a repeated member
                // aside: see `repeated_members_keep_the_count_exact`).
                let fast = msgraph_schema::check_with(bytes, &entry(), &options, limits);
                assert_eq!(fast.error_count(), cross.error_count());
                if at < payloads.len() - DUPLICATES {
                    assert_eq!(keys(&fast), keys(&cross), "{payload}, cap {cap}");
                }
            }
        }
    }
}

#[test]
fn typed_checker_counts_past_its_cap() {
    let value: serde_json::Value = serde_json::from_str(
        r#"{"a": 1, "b": 2, "c": 3, "detectionState": "x", "lastSyncDateTime": "y"}"#,
    )
    .unwrap();
    let options = Options::default();
    let mut all = Checker::new(&options);
    DeviceHealthScriptDeviceState::validate(&value, Pointer::ROOT, &mut all);
    assert_eq!((all.truncated(), all.into_errors().len()), (0, 5));
    let mut capped = Checker::with_limits(&options, Limits::max_errors(2));
    DeviceHealthScriptDeviceState::validate(&value, Pointer::ROOT, &mut capped);
    assert_eq!(capped.truncated(), 3);
    assert_eq!(capped.into_errors().len(), 2);
    assert_eq!(
        DeviceHealthScriptDeviceState::model().name,
        entry().name(),
        "the type checked"
    );
}

#[test]
fn limits_defaults_and_report_limit() {
    assert_eq!(Limits::default().max_errors, 100);
    assert_eq!(Limits::default().cap(), Some(100));
    assert_eq!(Limits::NONE.cap(), None);
    let payload = br#"{"a": 1, "b": 2, "c": 3}"#;
    let mut report = msgraph_schema::check(payload, &entry(), &Options::default());
    report.limit(Limits::max_errors(2));
    assert_eq!((report.errors.len(), report.truncated), (2, 1));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["truncated"], 1);
    assert!(
        report
            .to_string()
            .ends_with("… and 1 more error (raise --max-errors, 0 for all)\n")
    );
    let back: Report = serde_json::from_value(json).unwrap();
    assert_eq!(back.truncated, 1);
    let whole = msgraph_schema::check(payload, &entry(), &Options::default());
    assert!(
        serde_json::to_value(&whole)
            .unwrap()
            .get("truncated")
            .is_none()
    );
}
