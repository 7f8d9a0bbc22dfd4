//! Differential properties: generated payloads through both validators. Valid payloads are
//! accepted by both and survive the typed round trip; invalid ones give exactly the injected
//! `(pointer, kind)` set; the two validators never disagree.
//!
//! Cases per property: `MSGRAPH_CASES` (default 64, so CI stays fast; a long run sets 10000).

use msgraph_schema::testing::properties::agreeing_report;
use msgraph_schema::testing::{Expected, Generator};
use msgraph_schema::types::{self, DeviceHealthScriptDeviceState};
use msgraph_schema::{Operation, Options, TypeEntry};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

fn entry() -> &'static TypeEntry {
    types::find("microsoft.graph.deviceHealthScriptDeviceState").unwrap()
}

fn all_options() -> Vec<Options> {
    let mut all = Vec::new();
    for operation in [Operation::Create, Operation::Update, Operation::Response] {
        for strict in [false, true] {
            all.push(Options { operation, strict });
        }
    }
    all
}

fn runner() -> TestRunner {
    let cases = std::env::var("MSGRAPH_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// What the typed value keeps of a payload: every property and `@odata.type`; other instance
/// annotations are not part of the Rust type.
fn typed_view(mut value: Value) -> Value {
    if let Value::Object(members) = &mut value {
        members.retain(|name, _| !name.contains('@') || name == "@odata.type");
    }
    value
}

#[test]
fn valid_payloads_pass_both_validators_and_round_trip() {
    for options in all_options() {
        let strategy = Generator::new(entry(), options).valid_strategy();
        runner()
            .run(&strategy, |sample| {
                let report = agreeing_report(sample.raw.as_bytes(), entry(), &options);
                prop_assert!(report.is_valid(), "{options:?} {}\n{report}", sample.raw);
                prop_assert!(report.disagreements.is_empty());
                let typed: DeviceHealthScriptDeviceState =
                    msgraph_schema::validate_with(sample.raw.as_bytes(), &options).expect("valid");
                let original: Value = serde_json::from_str(&sample.raw).unwrap();
                prop_assert_eq!(serde_json::to_value(&typed).unwrap(), typed_view(original));
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn invalid_payloads_give_exactly_the_injected_errors() {
    for options in all_options() {
        let strategy = Generator::new(entry(), options).invalid_strategy();
        runner()
            .run(&strategy, |sample| {
                let report = agreeing_report(sample.raw.as_bytes(), entry(), &options);
                prop_assert!(
                    report.disagreements.is_empty(),
                    "{:?} {}",
                    report.disagreements,
                    sample.raw
                );
                let mut found: Vec<Expected> = report
                    .errors
                    .iter()
                    .map(|e| Expected {
                        pointer: e.pointer().to_owned(),
                        kind: e.kind,
                    })
                    .collect();
                found.sort();
                prop_assert!(!sample.expected.is_empty());
                prop_assert_eq!(
                    found,
                    sample.expected.clone(),
                    "{:?} {}",
                    options,
                    sample.raw
                );
                prop_assert!(
                    report.errors.iter().all(|e| e.line >= 1),
                    "every error is located"
                );
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn samples_are_deterministic_for_a_seed() {
    let generator = Generator::new(entry(), Options::default());
    let draw = |seed| {
        let mut rng = msgraph_schema::testing::seeded_rng(seed);
        (0..5)
            .map(|_| generator.invalid(&mut rng).raw)
            .collect::<Vec<_>>()
    };
    assert_eq!(draw(42), draw(42));
    assert_ne!(draw(42), draw(43));
}
