//! `crosscheck --docs DIR --metadata FILE`: the model built from the docs against Microsoft's
//! metadata of the same era, with agreement figures and every difference at its page's line.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use msgraph_schema_core::crosscheck::classify::LaterNames;
use msgraph_schema_core::crosscheck::{CrossCheck, cross_check_later};
use msgraph_schema_core::csdl::Csdl;
use msgraph_schema_core::tree::build_dir;

/// How `crosscheck` prints its report.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(super) enum CrossCheckFormat {
    /// Every difference as `file:line: [class] type.property: aspect: docs … metadata …
    /// (cause)`, then the figures and the count per class.
    Human,
    /// One JSON object: `{"types_compared", "properties_compared", "properties_agreeing",
    /// "classes", "differences": [{"type", "property", "aspect", "docs", "metadata", "file",
    /// "line", "class", "cause"}]}`.
    Json,
}

/// Builds `docs`, picks its model for `tree` and `version` (or the only one), compares it with
/// the CSDL file `metadata` (with the `later` type-mappings files for era differences) and
/// prints the report. Exit 0 when everything agrees, 1 when there
/// are differences, 2 on a usage or I/O error.
pub(super) fn crosscheck(
    docs: &Path,
    metadata: &Path,
    tree: Option<&str>,
    version: Option<&str>,
    later: &[std::path::PathBuf],
    format: CrossCheckFormat,
) -> Result<ExitCode, String> {
    let mut names = LaterNames::default();
    for path in later {
        let text = std::fs::read_to_string(path)
            .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        names
            .add_json(&text)
            .map_err(|err| format!("{}: not a type-mappings file: {err}", path.display()))?;
    }
    let build = build_dir(docs).map_err(|err| format!("cannot read {}: {err}", docs.display()))?;
    let candidates: Vec<_> = build
        .models
        .iter()
        .filter(|m| tree.is_none_or(|t| m.tree == t) && version.is_none_or(|v| m.version == v))
        .collect();
    let [chosen] = candidates.as_slice() else {
        let found: Vec<String> = build
            .models
            .iter()
            .map(|m| format!("--tree {} --version {}", m.tree, m.version))
            .collect();
        return Err(format!(
            "{} docs models match under {}: choose one with {}",
            candidates.len(),
            docs.display(),
            if found.is_empty() {
                "(none: no pages in the docs layout `**/api-reference/<version>/{api,resources}/*.md`)".to_owned()
            } else {
                found.join(" | ")
            }
        ));
    };
    let bytes = std::fs::read(metadata)
        .map_err(|err| format!("cannot read {}: {err}", metadata.display()))?;
    let csdl = Csdl::parse_bytes(&bytes).map_err(|err| format!("{}:{err}", metadata.display()))?;
    let check = cross_check_later(&chosen.model, &csdl, &names);
    let text = match format {
        CrossCheckFormat::Json => {
            serde_json::to_string(&check).map_err(|err| format!("cannot write: {err}"))? + "\n"
        }
        CrossCheckFormat::Human => human(&check, &chosen.tree, &chosen.version),
    };
    io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|err| format!("cannot write: {err}"))?;
    Ok(if check.differences.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn human(check: &CrossCheck, tree: &str, version: &str) -> String {
    let mut out = String::new();
    for d in &check.differences {
        let at = if d.property.is_empty() {
            d.type_name.clone()
        } else {
            format!("{}.{}", d.type_name, d.property)
        };
        out.push_str(&format!(
            "{}:{}: [{}] {at}: {}: docs say {}, metadata says {} ({})\n",
            d.file,
            d.line,
            d.class.label(),
            d.aspect,
            d.docs,
            d.metadata,
            d.cause
        ));
    }
    let percent = |n: usize, of: usize| {
        if of == 0 {
            100.0
        } else {
            100.0 * n as f64 / of as f64
        }
    };
    out.push_str(&format!(
        "{tree} {version}: {} types compared ({} not in the metadata), {}/{} properties agree ({:.1}%), {} differences\n",
        check.types_compared,
        check.types_missing_in_metadata.len(),
        check.properties_agreeing,
        check.properties_compared,
        percent(check.properties_agreeing, check.properties_compared),
        check.differences.len()
    ));
    let classes: Vec<String> = check
        .classes
        .iter()
        .map(|(class, n)| format!("{n} {class}"))
        .collect();
    out.push_str(&format!("by class: {}\n", classes.join(", ")));
    out
}
