//! The command line: `validate`, `export`, `sample`, `build`, `crosscheck` and `lint`. Exit codes: 0 valid, 1 invalid, 2 usage or I/O.

mod build;
mod crosscheck;
mod human;
mod lint;
mod ndjson;
mod request;
mod schema_dir;
mod summary;

use summary::Summary;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use msgraph_schema::builtin::GraphVersion;
use msgraph_schema::emit::json_schema::{layout_base, linked_layout, standalone};
use msgraph_schema::emit::openapi::{Info, OPENAPI_FILE, openapi};
use msgraph_schema::emit::rust::rust_source;
use msgraph_schema::model::Model;
use msgraph_schema::model_file::FileType;
use msgraph_schema::report::{Disagreement, Error, Limits, Report};
use msgraph_schema::request::graph_error::GraphError;
use msgraph_schema::rules::{Operation, Options};
use msgraph_schema::{TypeEntry, types};

/// Validate Microsoft Graph JSON payloads against the model built from the Graph docs.
#[derive(Parser)]
#[command(name = "msgraph-schema", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate JSON payloads (files, or `-` for standard input). Exit 0 when all are valid, 1
    /// when any is invalid (not JSON included), 2 on a usage or I/O error.
    Validate {
        #[command(flatten)]
        model: ModelArgs,
        /// `human`: rustc-style diagnostics; `json`: one JSON object per input and line;
        /// `summary`: only `{"payloads", "valid", "invalid", "errors_by_kind", …}`;
        /// `graph-error`: per invalid payload, one line holding the body Graph sends for a
        /// `400 Bad Request` (`{"error": {"code", "message", "details": [{"code", "message",
        /// "target"}]}}`), nothing for a valid one.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Each input is NDJSON: one payload per line, streamed in bounded memory and checked
        /// in parallel; reports stay in input order and a summary closes the run.
        #[arg(long)]
        ndjson: bool,
        /// Also check each payload with the typed validator on a parsed value and with the JSON
        /// Schema (the `jsonschema` crate), and report any disagreement between the three
        /// validators. Slower; for conformance runs. (`--cross-check` is its former name.)
        #[arg(long = "all-validators", alias = "cross-check")]
        check_agreement: bool,
        /// Validate against a model that `build` wrote instead of the built-in one: the folder
        /// `OUT/<tree>/<version>` holding its `model.bin`. Needs `--type` (qualified, alias or
        /// short name of any structured type of that model).
        #[arg(long, value_name = "DIR")]
        schema_dir: Option<PathBuf>,
        /// The most errors reported per payload (per line with `--ndjson`); past it they are
        /// only counted: `"truncated": N` in JSON, `… and N more errors` in the human form.
        /// `0` reports every error. Bounds memory and output on hostile input.
        #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_ERRORS)]
        max_errors: usize,
        /// Threads for `--ndjson` (default: every core).
        #[arg(long, value_name = "N", requires = "ndjson")]
        jobs: Option<usize>,
        /// Check each FILE as the body of this request, `"METHOD URL"` (`"POST
        /// /users/{id}/sendMail"`, or a full `https://graph.microsoft.com/beta/…` URL): the URL
        /// resolved through the model, the body checked as what the method and URL take (a
        /// create body, an update, an action's parameters, a reference, or none). No FILE: a
        /// request without a body. Needs `--schema-dir` (a model built with `--metadata`).
        #[arg(long, value_name = "\"METHOD URL\"", conflicts_with_all = ["type_name", "ndjson"])]
        request: Option<String>,
        /// Each FILE is a JSON batch (`{"requests": [...]}`, the body of `POST /$batch`): every
        /// request checked against its own method and URL, and the batch's rules (at most 20
        /// requests, unique ids, `dependsOn` naming requests, a JSON `Content-Type` for a
        /// body). Same as `--request "POST /$batch"`. Needs `--schema-dir`.
        #[arg(long, conflicts_with_all = ["type_name", "ndjson", "request"])]
        batch: bool,
        /// Payload files; `-` or nothing reads standard input. Request files (`.http`, `.rest`:
        /// the REST Client / JetBrains format) are checked request by request, against the
        /// model of `--schema-dir`.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Export the model: JSON Schema 2020-12, an OpenAPI 3.1 document or the generated Rust
    /// source.
    Export {
        /// `json-schema`, `openapi` or `rust`.
        #[arg(long, value_enum, default_value_t = ExportFormat::JsonSchema)]
        format: ExportFormat,
        #[command(flatten)]
        model: ModelArgs,
        /// Write into this folder instead of printing: the schemas as `build` lays them out (one
        /// `<type>.schema.json` per type referring into `bundle.schema.json`), or
        /// `openapi.json`, or `types.rs`.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Export a model that `build` wrote instead of the built-in one: the folder
        /// `OUT/<tree>/<version>` holding its `model.bin`. The whole model, except the printed
        /// JSON Schema, which is one type's (`--type`, required there).
        #[arg(long, value_name = "DIR")]
        schema_dir: Option<PathBuf>,
        #[command(flatten)]
        formats: FormatsArgs,
    },
    /// Build a Graph docs folder: read every page under `**/api-reference/<version>/{api,resources}/`,
    /// build one model per tree and version (links resolved across pages), write a
    /// `bundle.schema.json` with every type and enum in `$defs` and one JSON Schema per type
    /// referring into it, the model itself (`model.bin`, for `validate --schema-dir`) and the
    /// Rust types as a crate `rust/` (`Cargo.toml`, `src/lib.rs` and a module per namespace and
    /// per namespace's operation parameters, each behind the cargo feature of its name) into
    /// `OUT/<tree>/<version>/`, and print a summary with every skipped page or row as
    /// `file:line: reason`. Exit 0 when built (skipped rows included), 2 on a usage or I/O
    /// error.
    Build {
        /// The docs folder (a repository checkout, or any folder holding `api-reference/` trees).
        #[arg(long, value_name = "DIR")]
        docs: PathBuf,
        /// Where to write the schemas and Rust modules.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// A CSDL (`$metadata`) file of the docs' era and version: fills in what the pages never
        /// say (non-nullable properties, enum types of `String`/`Enumeration` rows, base types,
        /// abstract types), each such fact marked as from the metadata.
        #[arg(long, value_name = "FILE")]
        metadata: Option<PathBuf>,
        /// `human`: skipped rows and figures; `json`: one object `{"pages", "pages_with_tables",
        /// "pages_built", "types", "enums", "skipped": [{"file", "line", "reason"}]}`, with
        /// `"from_metadata"` (facts taken from `--metadata`) when given.
        #[arg(long, value_enum, default_value_t = build::BuildFormat::Human)]
        format: build::BuildFormat,
        /// The folder of the `msgraph-schema` package (its `Cargo.toml`) that the generated
        /// crates depend on by path; without it they depend on this version from the registry.
        #[arg(long, value_name = "DIR")]
        rust_runtime: Option<PathBuf>,
        #[command(flatten)]
        formats: FormatsArgs,
        /// Write only each model's `model.bin`, holding facts only (no description): how the
        /// built-in models are made (`scripts/builtin-models.sh`).
        #[arg(long)]
        facts_only: bool,
    },
    /// Compare the model built from a docs folder with Microsoft's CSDL metadata of the same
    /// era: per type its base, property names, Edm types, collections, nullability and enum
    /// members. Prints every difference as `file:line` and the agreement figures. Exit 0 when
    /// all agree, 1 when they differ, 2 on a usage or I/O error.
    Crosscheck {
        /// The docs folder (as for `build`).
        #[arg(long, value_name = "DIR")]
        docs: PathBuf,
        /// The CSDL (`$metadata`) file of the same era and version.
        #[arg(long, value_name = "FILE")]
        metadata: PathBuf,
        /// Which tree of the docs folder (its path above `api-reference/`; `.` for the top one),
        /// when it holds several.
        #[arg(long)]
        tree: Option<String>,
        /// Which version (`beta`, `v1.0`), when the folder holds several.
        #[arg(long)]
        version: Option<String>,
        /// A `type-mappings` JSON file of later metadata (msgraph-metadata's
        /// `schemas/type-mappings/<version>-{entity,complex,enum}-types.json`; repeat for each):
        /// docs-only names it declares are classified `era`, not `doc-error`.
        #[arg(long, value_name = "FILE")]
        later: Vec<PathBuf>,
        /// `human`: every difference and the figures; `json`: one object `{"types_compared",
        /// "properties_compared", "properties_agreeing", "classes", "differences": [{"type",
        /// "property", "aspect", "docs", "metadata", "file", "line", "class", "cause"}]}`.
        #[arg(long, value_enum, default_value_t = crosscheck::CrossCheckFormat::Human)]
        format: crosscheck::CrossCheckFormat,
    },
    /// Check a docs folder's pages against the model built from it and against themselves:
    /// each example request and response body (fenced blocks under `Request`/`Response`
    /// headings) validated against its type (the annotation's `@odata.type`, else the page's)
    /// under its operation (POST/PUT create, PATCH update, response; `{"value": [...]}` per
    /// item), the example request's method and URL against the `HTTP request` section, and its
    /// properties against the page's request-body table. Prints every finding as
    /// `file:line:column: kind` and the counts by kind. Exit 0 with no findings, 1 with some, 2
    /// on a usage or I/O error.
    Lint {
        /// The docs folder (as for `build`).
        #[arg(long, value_name = "DIR")]
        docs: PathBuf,
        /// `human`: one finding a line, then the figures; `json`: one object `{"pages",
        /// "examples", "bodies", "bodies_validated", "bodies_untyped", "rows_added", "counts",
        /// "findings":
        /// [{"file", "line", "column", "kind", "pointer", "type", "message"}]}`.
        #[arg(long, value_enum, default_value_t = lint::LintFormat::Human)]
        format: lint::LintFormat,
    },
    /// Print generated payloads as NDJSON, one `{"raw", "valid", "expected"}` object a line:
    /// valid ones, or with `--invalid` ones with known faults and the errors they must produce.
    /// The same seed gives the same samples.
    Sample {
        #[command(flatten)]
        model: ModelArgs,
        /// Generate invalid payloads (one to three injected faults each).
        #[arg(long)]
        invalid: bool,
        /// How many samples.
        #[arg(short = 'n', long = "count", default_value_t = 10)]
        count: u64,
        /// The random seed.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Generate payloads of a type of a model that `build` wrote instead of the built-in
        /// one (as for `validate`): the folder holding its `model.bin`. Needs `--type`.
        #[arg(long, value_name = "DIR")]
        schema_dir: Option<PathBuf>,
    },
}

/// Which type, and under which rules.
#[derive(Args)]
struct ModelArgs {
    /// The type: qualified (`microsoft.graph.deviceHealthScriptDeviceState`), alias (`graph.…`)
    /// or short name. `validate` defaults to the payload's `@odata.type`, else the only built-in
    /// type; `export` to every built-in type.
    #[arg(long = "type", value_name = "NAME")]
    type_name: Option<String>,
    /// Strict mode: non-nullable properties (other than the key) are required in a create body,
    /// and `@odata.type` must start with `#`.
    #[arg(long)]
    strict: bool,
    /// The body's operation: `create` (POST/PUT), `update` (PATCH) or `response`.
    #[arg(long, value_enum, default_value_t = OperationArg::Create)]
    operation: OperationArg,
    /// The built-in model a `--type` is looked up in when it is not the built-in seed type:
    /// `v1.0` or `beta` (every entity, complex and action-parameter type of Graph).
    #[arg(long, value_name = "VERSION", default_value = "v1.0")]
    version: GraphVersion,
}

impl ModelArgs {
    fn options(&self) -> Options {
        Options {
            operation: self.operation.into(),
            strict: self.strict,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    /// Only the closing summary, as one JSON object.
    Summary,
    /// Graph's own error body, per invalid payload.
    GraphError,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// JSON Schema 2020-12.
    JsonSchema,
    /// An OpenAPI 3.1 document: the schemas as `components.schemas`, the requests of the entity container as `paths`.
    Openapi,
    /// The generated Rust source.
    Rust,
}

/// Which `format` keywords the JSON Schema carries.
#[derive(Args)]
struct FormatsArgs {
    /// `none`: every Edm primitive is a `pattern` (the ABNF and, for dates, the calendar), which
    /// every JSON Schema validator reads alike; `rfc3339`: also `format: date-time` and `format:
    /// date`, which tools that assert formats check as RFC 3339, stricter than Graph (seconds
    /// required, years 0000-9999, a leap second only at 23:59 UTC).
    #[arg(long, value_enum, default_value_t = Formats::None)]
    formats: Formats,
}

/// The values of `--formats`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Formats {
    None,
    Rfc3339,
}

impl FormatsArgs {
    /// Adds the formats asked for to an emitted document.
    fn apply(&self, schema: &mut serde_json::Value) {
        if self.formats == Formats::Rfc3339 {
            msgraph_schema_core::emit::json_schema::add_rfc3339_formats(schema);
        }
    }

    /// An emitted document with the formats asked for, as pretty JSON with a final newline.
    fn text(&self, mut schema: serde_json::Value) -> String {
        self.apply(&mut schema);
        serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum OperationArg {
    Create,
    Update,
    Response,
}

impl From<OperationArg> for Operation {
    fn from(arg: OperationArg) -> Operation {
        match arg {
            OperationArg::Create => Operation::Create,
            OperationArg::Update => Operation::Update,
            OperationArg::Response => Operation::Response,
        }
    }
}

const EXIT_INVALID: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// Runs the command line with the process's arguments.
pub(crate) fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate {
            model,
            format,
            ndjson,
            check_agreement,
            schema_dir,
            max_errors,
            jobs,
            request,
            batch,
            files,
        } => {
            let request = request.or_else(|| batch.then(|| "POST /$batch".to_owned()));
            let request_files = model.type_name.is_none()
                && !files.is_empty()
                && files.iter().all(|f| request::is_request_file(f));
            if request.is_some() || request_files {
                let run = request::RequestRun {
                    request: request.as_deref(),
                    schema_dir: schema_dir.as_deref(),
                    version: model.version,
                    strict: model.strict,
                    limits: Limits::max_errors(max_errors),
                    format,
                };
                return request::validate(&run, &files)
                    .unwrap_or_else(|message| usage_error(&message));
            }
            let (forced, loaded) = match select_type(&model, schema_dir.as_deref(), check_agreement)
            {
                Ok(selected) => selected,
                Err(message) => return usage_error(&message),
            };
            let run = Run {
                forced,
                loaded,
                options: model.options(),
                limits: Limits::max_errors(max_errors),
                format,
                check_agreement,
            };
            let result = if ndjson {
                ndjson::validate(&run, jobs, &files)
            } else {
                validate(&run, &files)
            };
            // The process ends here: a model loaded with `--schema-dir` is left to the
            // operating system, not freed type by type (a sixth of a run on a full model).
            std::mem::forget(run);
            result
        }
        Command::Export {
            format,
            model,
            out,
            schema_dir,
            formats,
        } => export(format, &model, schema_dir.as_deref(), out, &formats),
        Command::Build {
            docs,
            out,
            metadata,
            format,
            rust_runtime,
            formats,
            facts_only,
        } => build::build(
            &docs,
            metadata.as_deref(),
            &out,
            format,
            build::Outputs {
                rust_runtime: rust_runtime.as_deref(),
                formats: &formats,
                facts_only,
            },
        ),
        Command::Lint { docs, format } => lint::lint(&docs, format),
        Command::Crosscheck {
            docs,
            metadata,
            tree,
            version,
            later,
            format,
        } => crosscheck::crosscheck(
            &docs,
            &metadata,
            tree.as_deref(),
            version.as_deref(),
            &later,
            format,
        ),
        Command::Sample {
            model,
            invalid,
            count,
            seed,
            schema_dir,
        } => sample(
            model.type_name.as_deref(),
            schema_dir.as_deref(),
            model.options(),
            invalid,
            count,
            seed,
        ),
    };
    match result {
        Ok(code) => code,
        Err(message) => usage_error(&message),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}

/// The built-in type `--type` names, or the type of the model `--schema-dir` names.
fn select_type(
    model: &ModelArgs,
    schema_dir: Option<&std::path::Path>,
    check_agreement: bool,
) -> Result<(Option<&'static TypeEntry>, Option<FileType>), String> {
    match (schema_dir, model.type_name.as_deref()) {
        (Some(dir), Some(name)) => {
            let loaded = schema_dir::load(dir, name, model.options(), check_agreement)?;
            Ok((None, Some(loaded)))
        }
        (Some(_), None) => Err(
            "--schema-dir needs --type NAME: which of the model's types the payloads are".into(),
        ),
        (None, Some(name)) => match types::find(name) {
            Some(entry) => Ok((Some(entry), None)),
            None => {
                let loaded = builtin_type(model.version, name, model.options(), check_agreement)?;
                Ok((None, Some(loaded)))
            }
        },
        (None, None) => Ok((None, None)),
    }
}

/// What `validate` checks against and how it reports.
struct Run {
    forced: Option<&'static TypeEntry>,
    /// The type of a model loaded with `--schema-dir` (then `forced` is `None`).
    loaded: Option<FileType>,
    options: Options,
    /// The cap on each payload's errors.
    limits: Limits,
    format: Format,
    check_agreement: bool,
}

impl Run {
    /// Checks one payload; `Err` when its type cannot be told.
    fn check(&self, bytes: &[u8]) -> Result<(Report, &str), String> {
        if let Some(loaded) = &self.loaded {
            return Ok((loaded.check(bytes, self.limits), loaded.name()));
        }
        let entry = match self.forced {
            Some(entry) => entry,
            None => infer_type(bytes)?,
        };
        // With `--all-validators` the validators are compared on every error, then the report is
        // cut; otherwise the single pass builds only the errors it keeps.
        let check = if self.check_agreement {
            msgraph_schema::check_agreement_with
        } else {
            msgraph_schema::check_with
        };
        Ok((
            check(bytes, entry, &self.options, self.limits),
            entry.name(),
        ))
    }

    /// The report of one payload in the chosen format (nothing for `summary`).
    fn render(&self, source: &str, bytes: &[u8], type_name: &str, report: &Report) -> String {
        match self.format {
            Format::Json => json_line(source, type_name, report) + "\n",
            Format::Human => human::render(source, bytes, type_name, report),
            Format::Summary => String::new(),
            Format::GraphError => graph_error_line(report),
        }
    }

    /// The exit code after a run.
    fn exit_code(summary: &Summary, any_failed: bool) -> ExitCode {
        if any_failed {
            ExitCode::from(EXIT_USAGE)
        } else if summary.invalid > 0 {
            ExitCode::from(EXIT_INVALID)
        } else {
            ExitCode::SUCCESS
        }
    }
}

fn validate(run: &Run, files: &[PathBuf]) -> Result<ExitCode, String> {
    let mut summary = Summary::default();
    let mut any_failed = false;
    let mut stdout = io::stdout().lock();
    for file in inputs(files) {
        let source = file.display().to_string();
        let outcome = read_input(&file).and_then(|bytes| Ok((run.check(&bytes)?, bytes)));
        match outcome {
            Ok(((report, entry), bytes)) => {
                summary.add(&report);
                stdout
                    .write_all(run.render(&source, &bytes, entry, &report).as_bytes())
                    .map_err(|err| format!("cannot write the report: {err}"))?;
            }
            Err(message) => {
                any_failed = true;
                eprintln!("error: {source}: {message}");
            }
        }
    }
    if let Format::Summary = run.format {
        writeln!(stdout, "{}", summary.to_json()).map_err(|err| format!("cannot write: {err}"))?;
    }
    Ok(Run::exit_code(&summary, any_failed))
}

/// The files to read; `-` (standard input) when none are named.
fn inputs(files: &[PathBuf]) -> Vec<PathBuf> {
    if files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        files.to_vec()
    }
}

fn read_input(file: &PathBuf) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let read = if file.as_os_str() == "-" {
        io::stdin().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::File::open(file)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(drop)
    };
    read.map_err(|err| format!("cannot read: {err}"))?;
    Ok(bytes)
}

/// The type `name` names in the built-in model of `version`, its validators compiled.
#[cfg(feature = "builtin-models")]
fn builtin_type(
    version: GraphVersion,
    name: &str,
    options: Options,
    check_agreement: bool,
) -> Result<FileType, String> {
    let file = msgraph_schema::builtin::model_file(version);
    let qualified = schema_dir::resolve(file.outline(), name)
        .map_err(|err| {
            let other = GraphVersion::ALL.into_iter().find(|v| *v != version).unwrap_or(version);
            format!(
                "{err} (looked up in the built-in {version} model; `--version {other}` for the other, or the seed type {})",
                type_list()
            )
        })?;
    file.file_type(&qualified, options, check_agreement)
        .map_err(|err| err.to_string())
}

/// Without the built-in models, only the seed type and `--schema-dir` models.
#[cfg(not(feature = "builtin-models"))]
fn builtin_type(_: GraphVersion, name: &str, _: Options, _: bool) -> Result<FileType, String> {
    Err(format!(
        "unknown type `{name}`: this msgraph-schema was built without the built-in models (feature `builtin-models`); known types: {}",
        type_list()
    ))
}

fn find_type(name: &str) -> Result<&'static TypeEntry, String> {
    types::find(name).ok_or_else(|| format!("unknown type `{name}`; known types: {}", type_list()))
}

/// The payload's `@odata.type`, else the only built-in type.
fn infer_type(bytes: &[u8]) -> Result<&'static TypeEntry, String> {
    if let [only] = types::TYPES {
        // Whatever the payload's `@odata.type` says, it is checked as the only type.
        return Ok(only);
    }
    let named = serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|v| {
            v.get("@odata.type")?
                .as_str()
                .map(|t| t.trim_start_matches('#').to_owned())
        });
    if let Some(entry) = named.as_deref().and_then(types::find) {
        return Ok(entry);
    }
    Err(format!(
        "cannot tell the payload's type: name it with `--type NAME` (one of {}) or give the payload an `@odata.type`",
        type_list()
    ))
}

fn type_list() -> String {
    types::TYPES
        .iter()
        .map(|t| t.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line of `--format json`: `{"source", "type", "valid", "errors": [...]}`. Keep these
/// names: scripts read them.
#[derive(Serialize)]
struct JsonLine<'a> {
    source: &'a str,
    #[serde(rename = "type")]
    type_name: &'a str,
    valid: bool,
    errors: &'a [Error],
    /// Errors past `--max-errors`, counted only; absent when none were left out.
    #[serde(skip_serializing_if = "is_zero")]
    truncated: usize,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    disagreements: &'a [Disagreement],
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Graph's error body for an invalid report, on one line; nothing for a valid one.
fn graph_error_line(report: &Report) -> String {
    GraphError::of(report).map_or_else(String::new, |body| {
        serde_json::to_string(&body).expect("an error body serializes") + "\n"
    })
}

fn json_line(source: &str, type_name: &str, report: &Report) -> String {
    let line = JsonLine {
        source,
        type_name,
        valid: report.is_valid(),
        errors: &report.errors,
        truncated: report.truncated,
        disagreements: &report.disagreements,
    };
    serde_json::to_string(&line).expect("a report serializes")
}

fn export(
    format: ExportFormat,
    model: &ModelArgs,
    schema_dir: Option<&Path>,
    out: Option<PathBuf>,
    formats: &FormatsArgs,
) -> Result<ExitCode, String> {
    let options = model.options();
    let type_name = model.type_name.as_deref();
    let to_folder = out.is_some();
    let documents = match schema_dir {
        Some(dir) => export_built(format, dir, type_name, &options, to_folder, formats)?,
        None => export_built_in(format, type_name, &options, to_folder, formats)?,
    };
    match out {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
            for (name, text) in documents {
                let path = dir.join(name);
                std::fs::write(&path, text)
                    .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
                eprintln!("wrote {}", path.display());
            }
        }
        None => {
            let mut stdout = io::stdout().lock();
            for (_, text) in documents {
                stdout
                    .write_all(text.as_bytes())
                    .map_err(|err| format!("cannot write: {err}"))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `(file name, text)` of each document `export` writes from the built-in types (the one
/// `type_name` names, else every one); `to_folder` for `--out`.
fn export_built_in(
    format: ExportFormat,
    type_name: Option<&str>,
    options: &Options,
    to_folder: bool,
    formats: &FormatsArgs,
) -> Result<Vec<(String, String)>, String> {
    let entries: Vec<&TypeEntry> = match type_name {
        Some(name) => vec![find_type(name)?],
        None => types::TYPES.iter().collect(),
    };
    Ok(match format {
        ExportFormat::Rust => vec![("types.rs".to_owned(), types::SOURCE.to_owned())],
        // Into a folder: the shared layout, one file per type and the bundle.
        ExportFormat::JsonSchema if to_folder => {
            export_layout(&merged_model(&entries), options, formats)
        }
        // Printed: one self-contained document per type.
        ExportFormat::JsonSchema => entries
            .iter()
            .map(|entry| {
                let model = entry.model();
                let schema = standalone(&model.index(), entry.structured(), options);
                (
                    format!("{}.schema.json", entry.name()),
                    formats.text(schema),
                )
            })
            .collect(),
        ExportFormat::Openapi => {
            let title = "msgraph-schema built-in types";
            vec![export_openapi(
                &merged_model(&entries),
                options,
                formats,
                title,
            )]
        }
    })
}

/// `(file name, text)` of each document `export --schema-dir DIR` writes from the model that
/// `build` wrote in `dir`: the whole model, but for the printed JSON Schema of the type
/// `type_name` names.
fn export_built(
    format: ExportFormat,
    dir: &Path,
    type_name: Option<&str>,
    options: &Options,
    to_folder: bool,
    formats: &FormatsArgs,
) -> Result<Vec<(String, String)>, String> {
    let file = schema_dir::open_model(dir)?;
    let read = |err: msgraph_schema::model_file::ModelFileError| err.to_string();
    if let (ExportFormat::JsonSchema, false) = (format, to_folder) {
        let Some(name) = type_name else {
            return Err("--schema-dir prints one type's JSON Schema: name it with --type NAME, or write every type's with --out DIR".into());
        };
        let name = schema_dir::resolve(file.outline(), name)?;
        let model = file.reaching(&name, true).map_err(read)?;
        let index = model.index();
        let ty = index
            .find_struct(&name)
            .ok_or_else(|| format!("{}: no type {name}", dir.display()))?;
        let schema = standalone(&index, ty, options);
        return Ok(vec![(format!("{name}.schema.json"), formats.text(schema))]);
    }
    if type_name.is_some() {
        return Err("with --schema-dir, --type selects the printed JSON Schema of one type; --format openapi, --format rust and --out export the whole model".into());
    }
    let model = file.model().map_err(read)?;
    Ok(match format {
        ExportFormat::Rust => vec![("types.rs".to_owned(), rust_source(&model))],
        ExportFormat::JsonSchema => export_layout(&model, options, formats),
        ExportFormat::Openapi => {
            let folder = dir.file_name().map(|name| name.to_string_lossy());
            let title = format!("Microsoft Graph {}", folder.unwrap_or_default());
            vec![export_openapi(&model, options, formats, title.trim_end())]
        }
    })
}

/// `build`'s layout of `model` (a schema per type and the bundle) as `export --out` writes it,
/// under the base `export/<operation>[-strict]/`.
fn export_layout(model: &Model, options: &Options, formats: &FormatsArgs) -> Vec<(String, String)> {
    let strict = if options.strict { "-strict" } else { "" };
    let base = layout_base(&format!("export/{}{strict}", options.operation.as_str()));
    linked_layout(&model.index(), options, &base)
        .into_iter()
        .map(|(name, schema)| (name, formats.text(schema)))
        .collect()
}

/// `openapi.json` and the OpenAPI document of `model`, titled `title`.
fn export_openapi(
    model: &Model,
    options: &Options,
    formats: &FormatsArgs,
    title: &str,
) -> (String, String) {
    let description = openapi_description(options, formats);
    let info = Info {
        title,
        version: env!("CARGO_PKG_VERSION"),
        description: Some(&description),
    };
    let document = openapi(&model.index(), options, &info);
    (OPENAPI_FILE.to_owned(), formats.text(document))
}

/// The `info.description` of an OpenAPI document: which rules its schemas follow.
fn openapi_description(options: &Options, formats: &FormatsArgs) -> String {
    let strict = if options.strict { ", strict" } else { "" };
    let rfc3339 = if formats.formats == Formats::Rfc3339 {
        ", with RFC 3339 formats"
    } else {
        ""
    };
    format!(
        "The payload schemas of msgraph-schema under the {} rules{strict}{rfc3339}, and the requests of the model's entity container and bound operations.",
        options.operation.as_str()
    )
}

/// One model holding the types of `entries` and every type they use, each once.
fn merged_model(entries: &[&TypeEntry]) -> Model {
    let mut merged = Model::default();
    let mut structs = std::collections::HashSet::new();
    let mut enums = std::collections::HashSet::new();
    for entry in entries {
        let model = entry.model();
        for ty in model.structs {
            if structs.insert(ty.name.clone()) {
                merged.structs.push(ty);
            }
        }
        for found in model.enums {
            if enums.insert(found.name.clone()) {
                merged.enums.push(found);
            }
        }
    }
    merged
}

fn sample(
    type_name: Option<&str>,
    schema_dir: Option<&std::path::Path>,
    options: Options,
    invalid: bool,
    count: u64,
    seed: u64,
) -> Result<ExitCode, String> {
    use msgraph_schema::testing::Generator;
    let generator = match (schema_dir, type_name) {
        (Some(dir), Some(name)) => {
            let file = schema_dir::open_model(dir)?;
            let name = schema_dir::resolve(file.outline(), name)?;
            let model = file.reaching(&name, false).map_err(|err| err.to_string())?;
            Generator::for_type(model, &name, options)
                .ok_or_else(|| format!("{}: no type {name}", dir.display()))?
        }
        (Some(_), None) => {
            return Err(
                "--schema-dir needs --type NAME: which of the model's types to generate".into(),
            );
        }
        (None, Some(name)) => Generator::new(find_type(name)?, options),
        (None, None) => match types::TYPES {
            [only] => Generator::new(only, options),
            _ => {
                return Err(format!(
                    "name the type with `--type NAME` (one of {})",
                    type_list()
                ));
            }
        },
    };
    let mut rng = msgraph_schema::testing::seeded_rng(seed);
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    for _ in 0..count {
        let sample = if invalid {
            generator.invalid(&mut rng)
        } else {
            generator.valid(&mut rng)
        };
        let line = serde_json::to_string(&sample).expect("a sample serializes");
        writeln!(stdout, "{line}").map_err(|err| format!("cannot write: {err}"))?;
    }
    stdout
        .flush()
        .map_err(|err| format!("cannot write: {err}"))?;
    Ok(ExitCode::SUCCESS)
}
