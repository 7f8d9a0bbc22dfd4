//! A report as the sorted set of its `(pointer, kind)` pairs, what most tests assert.

use std::collections::BTreeSet;

use msgraph_schema::Report;

/// The `(pointer, kind)` pairs of a report, sorted and without repeats.
pub(crate) type Found = BTreeSet<(String, &'static str)>;

/// The `(pointer, kind)` set of `report`; ALWAYS asserts first that the validators agree
/// (`report.disagreements` is empty).
#[track_caller]
pub(crate) fn found(report: &Report) -> Found {
    assert!(
        report.disagreements.is_empty(),
        "the validators disagree: {:?}\nreport:\n{report}",
        report.disagreements
    );
    report
        .errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.kind.as_str()))
        .collect()
}

/// The expected set, from `(pointer, kind)` pairs.
pub(crate) fn set(pairs: &[(&str, &'static str)]) -> Found {
    pairs.iter().map(|(p, k)| ((*p).to_owned(), *k)).collect()
}
