//! `validate --request "METHOD URL" [FILE]`: the body checked as what the method and URL take
//! ([`msgraph_schema::request`]): the URL resolved through the model that `--schema-dir` names,
//! the body's type and rules decided from them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use msgraph_schema::report::{Error, Limits, Report};
use msgraph_schema::request::{Checked, Expected, Request, RequestError, Service, Settings};

use super::{Format, Run, Summary, human, read_input, schema_dir};

/// What `validate` was asked to check as requests.
pub(super) struct RequestRun<'a> {
    /// `METHOD URL` of `--request`.
    pub request: &'a str,
    /// The folder of the model (`--schema-dir`).
    pub schema_dir: Option<&'a Path>,
    pub strict: bool,
    pub limits: Limits,
    pub format: Format,
}

/// Checks each body file (none: a request without a body) as the body of `run.request`.
pub(super) fn validate(run: &RequestRun<'_>, files: &[PathBuf]) -> Result<ExitCode, String> {
    let Some(dir) = run.schema_dir else {
        return Err("--request needs --schema-dir DIR: the model that `build --metadata` wrote (OUT/<tree>/<version>)".into());
    };
    let (method, url) = split_request_line(run.request)?;
    let file = schema_dir::open_model(dir)?;
    let service = Service::new(&file);
    check_version(dir, url)?;
    // A URL that does not resolve is the caller's mistake, before any body is read.
    service.resolve(url).map_err(|err| err.to_string())?;
    let settings = Settings {
        strict: run.strict,
        limits: run.limits,
    };
    let bodies: Vec<(String, Option<Vec<u8>>)> = match files {
        [] => vec![("(no body)".to_owned(), None)],
        files => files
            .iter()
            .map(|file| Ok((file.display().to_string(), Some(read_input(file)?))))
            .collect::<Result<_, String>>()?,
    };
    let mut summary = Summary::default();
    let mut stdout = std::io::stdout().lock();
    for (source, body) in &bodies {
        let request = Request {
            method,
            url,
            body: body.as_deref(),
            content_type: None,
        };
        let checked = service.check(&request, settings).map_err(|err| match err {
            RequestError::Url(error) => error.to_string(),
            other => format!("{source}: {other}"),
        })?;
        summary.add(&checked.report);
        let text = render(
            run.format,
            source,
            body.as_deref().unwrap_or_default(),
            run.request,
            &checked,
        );
        stdout
            .write_all(text.as_bytes())
            .map_err(|err| format!("cannot write the report: {err}"))?;
    }
    if let Format::Summary = run.format {
        writeln!(stdout, "{}", summary.to_json()).map_err(|err| format!("cannot write: {err}"))?;
    }
    Ok(Run::exit_code(&summary, false))
}

/// `POST /users` → `("POST", "/users")`.
fn split_request_line(line: &str) -> Result<(&str, &str), String> {
    let mut words = line.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(method), Some(url), None | Some("HTTP/1.1" | "HTTP/2")) => Ok((method, url)),
        _ => Err(format!(
            "--request {line:?}: write the method and the URL, e.g. \"POST /users/{{id}}/sendMail\""
        )),
    }
}

/// A usage error when the URL names another version than the model's folder (`…/v1.0`).
fn check_version(dir: &Path, url: &str) -> Result<(), String> {
    let folder = dir.file_name().and_then(|name| name.to_str());
    let named = msgraph_schema::request::url::split(url).version;
    match (folder, named) {
        (Some(folder @ ("v1.0" | "beta")), Some(version)) if folder != version => Err(format!(
            "the URL calls {version}, but --schema-dir {} holds the {folder} model",
            dir.display()
        )),
        _ => Ok(()),
    }
}

/// What a request's body was checked as, for the verdict line.
pub(super) fn checked_as(request: &str, checked: &Checked) -> String {
    match &checked.expected {
        Expected::Json { ty, operation, .. } => {
            format!("{request} ({ty}, {})", operation.as_str())
        }
        Expected::Nothing => format!("{request} (no body)"),
        other => format!("{request} ({other})"),
    }
}

/// One checked request in the chosen format.
pub(super) fn render(
    format: Format,
    source: &str,
    bytes: &[u8],
    request: &str,
    checked: &Checked,
) -> String {
    let report = &checked.report;
    match format {
        Format::Human => human::render(source, bytes, &checked_as(request, checked), report),
        Format::Json => json_line(source, request, checked) + "\n",
        Format::Summary => String::new(),
        Format::GraphError => super::graph_error_line(report),
    }
}

/// One line of `--format json` for a request: `validate`'s line with the request and its
/// target. Keep these names: scripts read them.
#[derive(Serialize)]
struct RequestLine<'a> {
    source: &'a str,
    request: &'a str,
    target: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    type_name: Option<&'a str>,
    valid: bool,
    errors: &'a [Error],
    #[serde(skip_serializing_if = "is_zero")]
    truncated: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

pub(super) fn json_line(source: &str, request: &str, checked: &Checked) -> String {
    let report: &Report = &checked.report;
    let line = RequestLine {
        source,
        request,
        target: checked.resolved.target.to_string(),
        type_name: checked.body_type(),
        valid: report.is_valid(),
        errors: &report.errors,
        truncated: report.truncated,
    };
    serde_json::to_string(&line).expect("a report serializes")
}
