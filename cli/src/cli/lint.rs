//! `lint --docs DIR`: every finding of [`msgraph_schema::lint`] as `file:line:column: kind: message`, or
//! one JSON object; exit 0 with no findings, 1 with some.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use msgraph_schema::lint::{LintReport, lint_dir};

/// How `lint` prints its findings.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(super) enum LintFormat {
    /// One finding a line, then the figures and the counts by kind.
    Human,
    /// One JSON object: `{"pages", "examples", "bodies", "bodies_validated", "bodies_untyped",
    /// "rows_added", "counts": {kind: n}, "findings": [{"file", "line", "column", "kind", "pointer", "type",
    /// "message"}]}`.
    Json,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    #[serde(flatten)]
    report: &'a LintReport,
    counts: std::collections::BTreeMap<&'static str, usize>,
}

/// Lints `docs` and prints the findings.
pub(super) fn lint(docs: &Path, format: LintFormat) -> Result<ExitCode, String> {
    let report = lint_dir(docs).map_err(|err| format!("cannot read {}: {err}", docs.display()))?;
    if report.pages == 0 {
        return Err(format!(
            "no pages under {} in the docs layout (`**/api-reference/<version>/{{api,resources}}/*.md`)",
            docs.display()
        ));
    }
    let text = match format {
        LintFormat::Json => {
            let json = JsonReport {
                report: &report,
                counts: report.counts(),
            };
            serde_json::to_string(&json).map_err(|err| err.to_string())? + "\n"
        }
        LintFormat::Human => human(&report),
    };
    io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|err| format!("cannot write the report: {err}"))?;
    Ok(if report.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::EXIT_INVALID)
    })
}

fn human(report: &LintReport) -> String {
    let mut text = String::new();
    for finding in &report.findings {
        let at = match finding.column {
            0 => format!("{}:{}", finding.file, finding.line),
            column => format!("{}:{}:{column}", finding.file, finding.line),
        };
        let pointer = finding
            .pointer
            .as_deref()
            .map(|p| format!(" at `{}`", if p.is_empty() { "(root)" } else { p }))
            .unwrap_or_default();
        text.push_str(&format!(
            "{at}: {}{pointer}: {}\n",
            finding.kind.as_str(),
            finding.message
        ));
    }
    text.push_str(&report.summary());
    text
}
