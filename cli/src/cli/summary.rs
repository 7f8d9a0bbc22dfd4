//! The closing summary of a run: payloads, valid, invalid, errors by kind and by pointer.

use std::collections::BTreeMap;

use serde::Serialize;

use msgraph_schema::report::Report;

/// How many pointers `errors_by_pointer` lists at most (the most frequent).
const TOP_POINTERS: usize = 20;

/// Counts over every payload of a run. Keep these names: scripts read them.
#[derive(Default, Serialize)]
pub(super) struct Summary {
    /// Payloads checked.
    pub payloads: u64,
    /// Valid payloads.
    pub valid: u64,
    /// Invalid payloads (not JSON included).
    pub invalid: u64,
    /// Errors by kind.
    pub errors_by_kind: BTreeMap<&'static str, u64>,
    /// Errors by JSON Pointer (the most frequent, at most 20, in the JSON form).
    pub errors_by_pointer: BTreeMap<String, u64>,
    /// Errors past `--max-errors`, counted but not classified (absent when 0).
    #[serde(skip_serializing_if = "is_zero")]
    pub truncated: u64,
    /// Payloads where the two validators disagreed (a msgraph-schema bug; 0 normally).
    #[serde(skip_serializing_if = "is_zero")]
    pub disagreements: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Summary {
    /// Counts one payload's report.
    pub(super) fn add(&mut self, report: &Report) {
        self.payloads += 1;
        if report.is_valid() {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
        if !report.disagreements.is_empty() {
            self.disagreements += 1;
        }
        self.truncated += report.truncated as u64;
        for error in &report.errors {
            *self.errors_by_kind.entry(error.kind.as_str()).or_default() += 1;
            // Bounded: a pointer is counted only while the map is small or already holds it.
            if self.errors_by_pointer.len() < 10_000
                || self.errors_by_pointer.contains_key(error.pointer())
            {
                *self
                    .errors_by_pointer
                    .entry(error.pointer().to_owned())
                    .or_default() += 1;
            }
        }
    }

    /// The summary as one JSON object, with the most frequent pointers only.
    pub(super) fn to_json(&self) -> String {
        let mut top: Vec<(&String, &u64)> = self.errors_by_pointer.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        top.truncate(TOP_POINTERS);
        let shown = Summary {
            payloads: self.payloads,
            valid: self.valid,
            invalid: self.invalid,
            errors_by_kind: self.errors_by_kind.clone(),
            errors_by_pointer: top.into_iter().map(|(p, n)| (p.clone(), *n)).collect(),
            truncated: self.truncated,
            disagreements: self.disagreements,
        };
        serde_json::to_string(&shown).expect("a summary serializes")
    }

    /// The summary in words, for people.
    pub(super) fn to_human(&self) -> String {
        let kinds: Vec<String> = self
            .errors_by_kind
            .iter()
            .map(|(k, n)| format!("{k}: {n}"))
            .collect();
        let mut kinds = if kinds.is_empty() {
            String::new()
        } else {
            format!("; errors by kind: {}", kinds.join(", "))
        };
        if self.truncated > 0 {
            kinds.push_str(&format!(
                "; {} more errors past --max-errors",
                self.truncated
            ));
        }
        format!(
            "{} payloads: {} valid, {} invalid{kinds}\n",
            self.payloads, self.valid, self.invalid
        )
    }
}
