//! `validate --request "METHOD URL" [FILE]`: the body checked as what the method and URL take
//! ([`msgraph_schema::request`]): the URL resolved through the model that `--schema-dir` names,
//! the body's type and rules decided from them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use msgraph_schema::builtin::GraphVersion;
use msgraph_schema::model_file::ModelFile;
use msgraph_schema::report::{Error, Limits, Report};
use msgraph_schema::request::{Expected, Request, RequestError, Service, Settings, http_file};

use super::{Format, Run, Summary, human, read_input, schema_dir};

/// What `validate` was asked to check as requests.
pub(super) struct RequestRun<'a> {
    /// `METHOD URL` of `--request`; `None` for request files.
    pub request: Option<&'a str>,
    /// The folder of the model (`--schema-dir`); without it, the built-in model of the URL's
    /// version, else of `version`.
    pub schema_dir: Option<&'a Path>,
    /// `--version`.
    pub version: GraphVersion,
    pub strict: bool,
    pub limits: Limits,
    pub format: Format,
}

/// Checks each body file (none: a request without a body) as the body of `run.request`, or
/// without `--request` each request of each request file.
pub(super) fn validate(run: &RequestRun<'_>, files: &[PathBuf]) -> Result<ExitCode, String> {
    // The version a `--request` URL names picks the built-in model; `--version` otherwise.
    let named = run
        .request
        .and_then(|line| split_request_line(line).ok())
        .and_then(|(_, url)| msgraph_schema::request::url::split(url).version);
    let opened;
    let file = match run.schema_dir {
        Some(dir) => {
            opened = schema_dir::open_model(dir)?;
            &opened
        }
        None => builtin_model(named.and_then(|v| v.parse().ok()).unwrap_or(run.version))?,
    };
    let service = Service::new(file);
    let settings = Settings {
        strict: run.strict,
        limits: run.limits,
    };
    let Some(request_line) = run.request else {
        return request_files(run, &service, settings, files);
    };
    let (method, url) = split_request_line(request_line)?;
    if let Some(dir) = run.schema_dir {
        check_version(dir, url)?;
    }
    // A URL that does not resolve is the caller's mistake, before any body is read.
    service.resolve(url).map_err(|err| err.to_string())?;
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
        let shown = Shown {
            path: source,
            source,
            bytes: body.as_deref().unwrap_or_default(),
            request: request_line,
            target: Some(checked.resolved.target.to_string()),
            expected: Some(&checked.expected),
            report: &checked.report,
        };
        let text = shown.render(run.format);
        stdout
            .write_all(text.as_bytes())
            .map_err(|err| format!("cannot write the report: {err}"))?;
    }
    if let Format::Summary = run.format {
        writeln!(stdout, "{}", summary.to_json()).map_err(|err| format!("cannot write: {err}"))?;
    }
    Ok(Run::exit_code(&summary, false))
}

/// Whether `path` is a request file (`.http`, `.rest`).
pub(super) fn is_request_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("http") || ext.eq_ignore_ascii_case("rest"))
}

/// Checks every request of each request file.
fn request_files(
    run: &RequestRun<'_>,
    service: &Service<'_>,
    settings: Settings,
    files: &[PathBuf],
) -> Result<ExitCode, String> {
    let mut summary = Summary::default();
    let mut any_failed = false;
    let mut stdout = std::io::stdout().lock();
    for path in files {
        let name = path.display().to_string();
        let text = match read_input(path).and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| "cannot read: not UTF-8 text".to_owned())
        }) {
            Ok(text) => text,
            Err(message) => {
                any_failed = true;
                eprintln!("error: {name}: {message}");
                continue;
            }
        };
        let checked =
            http_file::check(service, &text, settings).map_err(|err| format!("{name}: {err}"))?;
        if checked.is_empty() {
            any_failed = true;
            eprintln!("error: {name}: no request (a `METHOD URL` line) in this request file");
        }
        for request in &checked {
            summary.add(&request.report);
            let shown = Shown {
                path: &name,
                source: &format!("{name}:{}", request.request.line),
                bytes: text.as_bytes(),
                request: &format!("{} {}", request.request.method, request.request.url),
                target: request.resolved.as_ref().map(|r| r.target.to_string()),
                expected: request.expected.as_ref(),
                report: &request.report,
            };
            stdout
                .write_all(shown.render(run.format).as_bytes())
                .map_err(|err| format!("cannot write the report: {err}"))?;
        }
    }
    if let Format::Summary = run.format {
        writeln!(stdout, "{}", summary.to_json()).map_err(|err| format!("cannot write: {err}"))?;
    }
    Ok(Run::exit_code(&summary, any_failed))
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
/// The built-in model of `version`.
#[cfg(feature = "builtin-models")]
fn builtin_model(version: GraphVersion) -> Result<&'static ModelFile, String> {
    Ok(msgraph_schema::builtin::model_file(version))
}

/// Without the built-in models, requests need `--schema-dir`.
#[cfg(not(feature = "builtin-models"))]
fn builtin_model(_: GraphVersion) -> Result<&'static ModelFile, String> {
    Err("--request, --batch and request files need --schema-dir DIR (the model that `build --metadata` wrote): this msgraph-schema was built without the built-in models".into())
}

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

/// A checked request, as printed.
struct Shown<'a> {
    /// The file.
    path: &'a str,
    /// `FILE`, or `FILE:LINE` for a request of a request file.
    source: &'a str,
    /// The text the report's offsets point into.
    bytes: &'a [u8],
    /// `METHOD URL`.
    request: &'a str,
    target: Option<String>,
    expected: Option<&'a Expected>,
    report: &'a Report,
}

impl Shown<'_> {
    /// What the request's body was checked as, for the verdict line.
    fn checked_as(&self) -> String {
        let request = self.request;
        match self.expected {
            Some(Expected::Json { ty, operation, .. }) => {
                format!("{request} ({ty}, {})", operation.as_str())
            }
            Some(Expected::Nothing) => format!("{request} (no body)"),
            Some(other) => format!("{request} ({other})"),
            None => request.to_owned(),
        }
    }

    fn type_name(&self) -> Option<&str> {
        match self.expected {
            Some(Expected::Json { ty, .. }) => Some(ty),
            _ => None,
        }
    }

    /// The request in the chosen format.
    fn render(&self, format: Format) -> String {
        let report = self.report;
        match format {
            Format::Human => human::render_at(
                self.path,
                self.source,
                self.bytes,
                &self.checked_as(),
                report,
            ),
            Format::Json => self.json_line() + "\n",
            Format::Summary => String::new(),
            Format::GraphError => super::graph_error_line(report),
        }
    }

    fn json_line(&self) -> String {
        let report = self.report;
        let line = RequestLine {
            source: self.source,
            request: self.request,
            target: self.target.clone(),
            type_name: self.type_name(),
            valid: report.is_valid(),
            errors: &report.errors,
            truncated: report.truncated,
        };
        serde_json::to_string(&line).expect("a report serializes")
    }
}

/// One line of `--format json` for a request: `validate`'s line with the request and its
/// target. Keep these names: scripts read them.
#[derive(Serialize)]
struct RequestLine<'a> {
    source: &'a str,
    request: &'a str,
    /// What the URL addresses; absent when it does not resolve.
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<String>,
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
