//! `build --docs DIR --out DIR`: every page of a docs tree into JSON Schemas and a Rust crate
//! per tree and version, with a summary of what was built and every skipped page or row.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use serde_json::Value;

use msgraph_schema_core::csdl::Csdl;
use msgraph_schema_core::emit::json_schema::{layout_base, linked_layout};
use msgraph_schema_core::emit::rust::{Runtime, rust_crate};
use msgraph_schema_core::rules::Options;
use msgraph_schema_core::tree::{Metadata, Statement, TreeBuild, VersionModel, build_dir_with};

/// How `build` prints its summary.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(super) enum BuildFormat {
    /// Every skipped page or row as `file:line: reason`, then the figures.
    Human,
    /// One JSON object: `{"pages", "pages_with_tables", "pages_built", "types", "enums",
    /// "skipped": [{"file", "line", "reason"}], "conflicts": [{"type", "property", "kept",
    /// "other"}]}` (`kept` and `other`: `{"file", "line", "type"}`).
    Json,
}

/// The summary of `--format json`. Keep these names: scripts read them.
#[derive(Serialize)]
struct Summary<'a> {
    pages: usize,
    pages_with_tables: usize,
    pages_built: usize,
    types: usize,
    enums: usize,
    skipped: Vec<SkippedJson<'a>>,
    /// Properties two pages of one type state differently: the row kept and the other.
    conflicts: Vec<ConflictJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_metadata: Option<usize>,
}

#[derive(Serialize)]
struct ConflictJson<'a> {
    #[serde(rename = "type")]
    ty: &'a str,
    property: &'a str,
    kept: StatementJson<'a>,
    other: StatementJson<'a>,
}

#[derive(Serialize)]
struct StatementJson<'a> {
    file: &'a str,
    line: u32,
    #[serde(rename = "type")]
    ty: &'a str,
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    file: &'a str,
    line: u32,
    reason: &'a str,
}

/// What `build` writes besides the summary.
pub(super) struct Outputs<'a> {
    /// The runtime the generated crates depend on by path, if given.
    pub(super) rust_runtime: Option<&'a Path>,
    /// The `format` keywords of the JSON Schema.
    pub(super) formats: &'a super::FormatsArgs,
    /// Only `model.bin`, without descriptions.
    pub(super) facts_only: bool,
}

/// Builds the docs folder `docs` (enriched with the CSDL file `metadata` when given), writes
/// the schemas and Rust crates under `out` (depending on the runtime at `rust_runtime` by path
/// when given) and prints the summary.
pub(super) fn build(
    docs: &Path,
    metadata: Option<&Path>,
    out: &Path,
    format: BuildFormat,
    outputs: Outputs<'_>,
) -> Result<ExitCode, String> {
    let csdl = match metadata {
        Some(path) => {
            let bytes = std::fs::read(path)
                .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
            let csdl =
                Csdl::parse_bytes(&bytes).map_err(|err| format!("{}:{err}", path.display()))?;
            Some((csdl, path.display().to_string()))
        }
        None => None,
    };
    let metadata = csdl.as_ref().map(|(csdl, file)| Metadata { csdl, file });
    let build = build_dir_with(docs, metadata)
        .map_err(|err| format!("cannot read {}: {err}", docs.display()))?;
    if build.pages == 0 {
        return Err(format!(
            "no pages under {} in the docs layout (`**/api-reference/<version>/{{api,resources}}/*.md`)",
            docs.display()
        ));
    }
    let options = Options::default();
    let runtime = outputs.rust_runtime.map(|dir| dir.display().to_string());
    let runtime = match &runtime {
        Some(dir) => Runtime::Path(dir),
        None => Runtime::Version(env!("CARGO_PKG_VERSION")),
    };
    for version in &build.models {
        if outputs.facts_only {
            let dir = model_dir(out, version);
            std::fs::create_dir_all(&dir)
                .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
            let mut model = version.model.clone();
            model.strip_descriptions();
            super::schema_dir::write_model_file(&dir, &model)?;
        } else {
            write_model(out, version, &options, runtime, outputs.formats)?;
        }
    }
    let text = match format {
        BuildFormat::Json => summary_json(&build, metadata.is_some()) + "\n",
        BuildFormat::Human => summary_human(&build, out, metadata.is_some()),
    };
    io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|err| format!("cannot write the summary: {err}"))?;
    Ok(ExitCode::SUCCESS)
}

/// The folder of one tree and version: `OUT/<tree>/<version>` (`OUT/<version>` for `.`).
fn model_dir(out: &Path, version: &VersionModel) -> PathBuf {
    version.folder(out)
}

/// Writes one tree and version: the [`linked_layout`] (a schema per type referring into
/// `bundle.schema.json`), `model.bin` and the Rust crate ([`write_rust_crate`]).
fn write_model(
    out: &Path,
    version: &VersionModel,
    options: &Options,
    runtime: Runtime<'_>,
    formats: &super::FormatsArgs,
) -> Result<(), String> {
    let dir = model_dir(out, version);
    std::fs::create_dir_all(&dir)
        .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    let index = version.model.index();
    let base = layout_base(&version.parts().join("/"));
    for (name, mut schema) in linked_layout(&index, options, &base) {
        formats.apply(&mut schema);
        write_json(&dir.join(name), &schema)?;
    }
    super::schema_dir::write_model_file(&dir, &version.model)?;
    write_rust_crate(&dir.join(RUST_CRATE), version, runtime)
}

/// Writes the model's Rust crate into `dir`: `Cargo.toml` (package `msgraph-types-<tree>-<version>`),
/// `src/lib.rs` and `src/<module>.rs` per module. A `src/` left by an earlier build is replaced.
fn write_rust_crate(
    dir: &Path,
    version: &VersionModel,
    runtime: Runtime<'_>,
) -> Result<(), String> {
    let krate = rust_crate(&version.model);
    let src = dir.join("src");
    if src.exists() {
        std::fs::remove_dir_all(&src)
            .map_err(|err| format!("cannot replace {}: {err}", src.display()))?;
    }
    std::fs::create_dir_all(&src)
        .map_err(|err| format!("cannot create {}: {err}", src.display()))?;
    let package = package_name(version);
    let mut files = vec![
        (dir.join("Cargo.toml"), krate.manifest(&package, runtime)),
        (src.join("lib.rs"), krate.lib),
    ];
    for module in krate.modules {
        files.push((src.join(format!("{}.rs", module.name)), module.source));
    }
    for (path, text) in files {
        std::fs::write(&path, text)
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    }
    Ok(())
}

/// `msgraph-types-beta`, `msgraph-types-archive-2021-v1-0`: a package name from the tree's and
/// version's parts (ASCII letters and digits, the rest `-`).
fn package_name(version: &VersionModel) -> String {
    let mut name = String::from("msgraph-types");
    for part in version.parts() {
        name.push('-');
        name.extend(part.chars().map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        }));
    }
    name
}

/// Writes `value` to `path` as pretty JSON with a final newline.
fn write_json(path: &Path, value: &Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).unwrap_or_default() + "\n";
    std::fs::write(path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

/// The folder of the Rust crate of one tree and version, next to its schemas.
pub(super) const RUST_CRATE: &str = "rust";

fn summary_json<'a>(build: &'a TreeBuild, enriched: bool) -> String {
    let summary = Summary {
        pages: build.pages,
        pages_with_tables: build.pages_with_tables,
        pages_built: build.pages_built,
        types: build.types(),
        enums: build.enums(),
        skipped: build
            .skipped
            .iter()
            .map(|s| SkippedJson {
                file: &s.file,
                line: s.line,
                reason: &s.reason,
            })
            .collect(),
        conflicts: build
            .conflicts
            .iter()
            .map(|c| {
                let statement = |s: &'a Statement| StatementJson {
                    file: &s.file,
                    line: s.line,
                    ty: &s.ty,
                };
                ConflictJson {
                    ty: &c.ty,
                    property: &c.property,
                    kept: statement(&c.kept),
                    other: statement(&c.other),
                }
            })
            .collect(),
        from_metadata: enriched.then(|| build.enriched.facts()),
    };
    serde_json::to_string(&summary).unwrap_or_default()
}

fn summary_human(build: &TreeBuild, out: &Path, enriched: bool) -> String {
    let mut text = String::new();
    for skip in &build.skipped {
        text.push_str(&format!(
            "{}:{}: skipped: {}\n",
            skip.file, skip.line, skip.reason
        ));
    }
    for conflict in &build.conflicts {
        text.push_str(&format!("{conflict}\n"));
    }
    for version in &build.models {
        text.push_str(&format!(
            "{}/{}: {} types, {} enums → {}\n",
            version.tree,
            version.version,
            version.model.structs.len(),
            version.model.enums.len(),
            model_dir(out, version).display()
        ));
    }
    text.push_str(&format!(
        "pages: {}, with a table: {}, built: {}, types: {}, enums: {}, skipped: {}, conflicts: {}\n",
        build.pages,
        build.pages_with_tables,
        build.pages_built,
        build.types(),
        build.enums(),
        build.skipped.len(),
        build.conflicts.len()
    ));
    if enriched {
        let e = &build.enriched;
        text.push_str(&format!(
            "from metadata: {} facts ({} non-nullable, {} enum types, {} bases, {} abstract, {} enums added, {} flags enums, {} parameters added, {} types added, {} properties added, {} operations added)\n",
            e.facts(),
            e.nullable,
            e.types,
            e.bases,
            e.abstracts,
            e.enums_added,
            e.flags,
            e.parameters_added,
            e.types_added,
            e.properties_added,
            e.operations_added
        ));
    }
    text
}
