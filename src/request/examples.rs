//! The example requests of a docs tree's pages (read by the lint's reader,
//! [`msgraph_schema_core::examples::extract`]) resolved and checked against a model: how many
//! resolve, why the others do not, and what their bodies gave. The figures of
//! `tests/request_corpus.rs` and of `cargo run --example request_figures`.

use std::collections::BTreeMap;

use msgraph_schema_core::examples::{Part, extract};

use super::body::Expected;
use super::index::Service;
use super::{Request, RequestError, Settings};

/// What became of a docs tree's example requests.
#[derive(Clone, Debug, Default)]
pub struct ExampleFigures {
    /// Example requests with a request line.
    pub requests: usize,
    /// Those whose URL resolved.
    pub resolved: usize,
    /// The others, by reason ([`super::UrlReason::name`], or `method` for a method Graph does
    /// not take).
    pub unresolved: BTreeMap<&'static str, usize>,
    /// Resolved requests with a body.
    pub bodies: usize,
    /// Bodies checked against a type or as a reference.
    pub bodies_checked: usize,
    /// Of those, the valid ones.
    pub bodies_valid: usize,
    /// Resolved requests whose method their target does not take.
    pub method_errors: usize,
    /// Every unresolved request: `file:line`, method and URL, and why.
    pub failures: Vec<String>,
}

impl ExampleFigures {
    /// The share of requests that resolved.
    pub fn resolved_share(&self) -> f64 {
        match self.requests {
            0 => 0.0,
            n => self.resolved as f64 / n as f64,
        }
    }

    /// The figures in a few lines.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "example requests: {}, resolved: {} ({:.1}%), unresolved: {}\n",
            self.requests,
            self.resolved,
            100.0 * self.resolved_share(),
            self.requests - self.resolved
        );
        for (reason, count) in &self.unresolved {
            text.push_str(&format!("  {reason}: {count}\n"));
        }
        text.push_str(&format!(
            "bodies of resolved requests: {}, checked: {} ({} valid), method errors: {}\n",
            self.bodies, self.bodies_checked, self.bodies_valid, self.method_errors
        ));
        text
    }
}

/// Resolves and checks the example requests of `pages` (`(path, text)`) against `service`.
pub fn check_examples(
    service: &Service<'_>,
    pages: &[(String, String)],
    settings: Settings,
) -> Result<ExampleFigures, RequestError> {
    let mut figures = ExampleFigures::default();
    for (path, text) in pages {
        for example in extract(text).examples {
            let (Part::Request, Some(line)) = (example.part, &example.request) else {
                continue;
            };
            figures.requests += 1;
            let request = Request {
                method: &line.method,
                url: &line.url,
                body: example.body.as_ref().map(|b| b.text.as_bytes()),
                content_type: Some("application/json"),
            };
            let checked = match service.check(&request, settings) {
                Ok(checked) => checked,
                Err(RequestError::Url(error)) => {
                    *figures.unresolved.entry(error.reason.name()).or_default() += 1;
                    figures.failures.push(format!(
                        "{path}:{}: {} {}: {}",
                        line.line,
                        line.method,
                        line.url,
                        error.message()
                    ));
                    continue;
                }
                Err(RequestError::Method(method)) => {
                    *figures.unresolved.entry("method").or_default() += 1;
                    figures
                        .failures
                        .push(format!("{path}:{}: method {method}", line.line));
                    continue;
                }
                Err(other) => return Err(other),
            };
            figures.resolved += 1;
            let method_error = checked
                .report
                .errors
                .iter()
                .any(|e| e.kind == crate::ErrorKind::Method);
            figures.method_errors += usize::from(method_error);
            if example.body.is_some() {
                figures.bodies += 1;
                if matches!(
                    checked.expected,
                    Expected::Json { .. } | Expected::Reference | Expected::Batch
                ) {
                    figures.bodies_checked += 1;
                    figures.bodies_valid += usize::from(checked.report.is_valid());
                }
            }
        }
    }
    Ok(figures)
}
