//! `lint`: every page of a docs folder checked against the model built from the same folder
//! and against itself.
//!
//! `parse → model → validate → report`: the folder is built into one model per tree and
//! version ([`tree::build_pages`]); each page's examples are read
//! ([`examples::extract`]); each example body is validated with the single pass against its
//! type under its operation (`body.rs`); the example request's method and URL are compared
//! with the page's HTTP request section (`url.rs`); and every problem becomes a located
//! [`Finding`].

mod body;
mod complete;
mod derived;
pub mod url;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use msgraph_schema_core::examples::{self, Part};
use msgraph_schema_core::model::Model;
use msgraph_schema_core::page::{PageKind, PageScan, scan_page};
use msgraph_schema_core::tree::{self, tree_and_version};
use serde::Serialize;

use crate::report::ErrorKind;

/// What kind of problem a finding is: an error of an example body against its type (the
/// validator's [`ErrorKind`]), or a problem only a page can have. The snake_case names are
/// stable: scripts match on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// An error of the body against its type; a syntax error is named `not_json` (`...` for
    /// elided parts, comments).
    Payload(ErrorKind),
    /// The body's type (annotation or page) is not in the model of its tree and version.
    TypeNotInModel,
    /// The example request's method is not one of the HTTP request section's.
    MethodMismatch,
    /// The example request's URL fits no template of the HTTP request section.
    UrlMismatch,
    /// The example request calls another version than the page's folder.
    UrlVersion,
    /// A property of the example request that the page's own request-body table lacks.
    UndocumentedProperty,
}

impl FindingKind {
    /// An example body that is not JSON.
    pub const NOT_JSON: FindingKind = FindingKind::Payload(ErrorKind::Syntax);

    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Payload(ErrorKind::Syntax) => "not_json",
            FindingKind::Payload(kind) => kind.as_str(),
            FindingKind::TypeNotInModel => "type_not_in_model",
            FindingKind::MethodMismatch => "method_mismatch",
            FindingKind::UrlMismatch => "url_mismatch",
            FindingKind::UrlVersion => "url_version",
            FindingKind::UndocumentedProperty => "undocumented_property",
        }
    }
}

impl Serialize for FindingKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem, located on its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The page, relative to the docs folder.
    pub file: String,
    /// 1-based page line.
    pub line: u32,
    /// 1-based column in characters (0 when unknown).
    pub column: usize,
    /// What kind of problem.
    pub kind: FindingKind,
    /// The JSON Pointer in the body, for body findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The type the body was checked against, for body findings.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Finding {
    /// A finding at the start of a page line.
    pub fn at(file: &str, line: u32, kind: FindingKind, message: String) -> Finding {
        Finding {
            file: file.to_owned(),
            line,
            column: 0,
            kind,
            pointer: None,
            type_name: None,
            message,
        }
    }
}

/// What a lint run found, with the figures of what it read.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LintReport {
    /// Pages read.
    pub pages: usize,
    /// Example requests and responses found.
    pub examples: usize,
    /// Example bodies found.
    pub bodies: usize,
    /// Bodies validated against a type of the model.
    pub bodies_validated: usize,
    /// JSON bodies whose type could not be told (no annotation, no page type), so only their
    /// syntax was checked.
    pub bodies_untyped: usize,
    /// Rows the build skipped (type declared outside the folder) that the lint added back:
    /// as an enum of their `Possible values are:`, else accepting any value.
    pub rows_added: usize,
    /// Every finding, in file and line order.
    pub findings: Vec<Finding>,
}

impl LintReport {
    /// Findings by kind.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for finding in &self.findings {
            *counts.entry(finding.kind.as_str()).or_default() += 1;
        }
        counts
    }

    /// The figures, then one `  kind: count` line per kind (what the human output ends with).
    pub fn summary(&self) -> String {
        let mut text = format!(
            "pages: {}, examples: {}, bodies: {} ({} validated, {} untyped), rows added back: {}, findings: {}\n",
            self.pages,
            self.examples,
            self.bodies,
            self.bodies_validated,
            self.bodies_untyped,
            self.rows_added,
            self.findings.len()
        );
        for (kind, count) in self.counts() {
            text.push_str(&format!("  {kind}: {count}\n"));
        }
        text
    }
}

/// Lints every page of the docs folder `dir`.
pub fn lint_dir(dir: &Path) -> std::io::Result<LintReport> {
    Ok(lint_pages(&tree::read_pages(dir)?))
}

/// Lints pages given as `(path, text)` in the docs layout (other paths are ignored).
pub fn lint_pages(pages: &[(String, String)]) -> LintReport {
    let build = tree::build_pages(pages);
    let scans: Vec<(String, String, &str, &str, PageScan)> = pages
        .iter()
        .filter_map(|(path, text)| {
            let (tree_name, version) = tree_and_version(path)?;
            Some((
                tree_name,
                version,
                path.as_str(),
                text.as_str(),
                scan_page(path, text),
            ))
        })
        .collect();
    let mut report = LintReport::default();
    let mut models: HashMap<(String, String), Model> = HashMap::new();
    for built in &build.models {
        let mut model = built.model.clone();
        let group: Vec<(&str, PageScan)> = scans
            .iter()
            .filter(|(t, v, ..)| *t == built.tree && *v == built.version)
            .map(|(_, _, path, _, scan)| (*path, scan.clone()))
            .collect();
        report.rows_added += complete::complete(&mut model, &group, &build.skipped);
        models.insert((built.tree.clone(), built.version.clone()), model);
    }
    // One index per tree and version for the whole run.
    let views: HashMap<&(String, String), body::ModelView<'_>> = models
        .iter()
        .map(|(key, model)| (key, body::ModelView::new(model)))
        .collect();
    let mut validators = body::Validators::default();
    for (tree_name, version, path, text, scan) in &scans {
        report.pages += 1;
        let Some(model) = views.get(&(tree_name.clone(), version.clone())) else {
            continue;
        };
        let found = examples::extract(text);
        let page = body::Page {
            file: path,
            key: format!("{tree_name}/{version}"),
            model,
            kind: scan.kind,
            // The type the tree built from this page: a create or update page's, or an
            // operation's parameters.
            type_name: match scan.kind {
                PageKind::Create | PageKind::Update | PageKind::Operation => {
                    build.page_types.get(*path).cloned()
                }
                _ => None,
            },
            response_resource: found
                .response_resource
                .as_ref()
                .map(|(name, collection)| (qualify(&scan.namespace, name), *collection)),
            body_table: scan.body.iter().map(|row| row.name.clone()).collect(),
        };
        for example in &found.examples {
            report.examples += 1;
            if let (Part::Request, Some(request)) = (example.part, &example.request) {
                url::check(
                    path,
                    version,
                    &found.templates,
                    request,
                    &mut report.findings,
                );
            }
            if example.body.is_some() {
                report.bodies += 1;
                match page.check(example, &mut validators, &mut report.findings) {
                    body::Outcome::Validated => report.bodies_validated += 1,
                    body::Outcome::Untyped => report.bodies_untyped += 1,
                    body::Outcome::NotChecked => {}
                }
            }
        }
    }
    report
        .findings
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    report
}

/// `microsoft.graph.x` for `x` (and for `#x`); qualified names stay.
fn qualify(namespace: &str, name: &str) -> String {
    let name = name.trim().trim_start_matches('#');
    if name.contains('.') {
        name.to_owned()
    } else {
        format!("{namespace}.{name}")
    }
}
