//! JSON batches (`POST /$batch`): `{"requests": [{"id", "method", "url", "headers", "body",
//! "dependsOn"}]}`, every request checked against its own method and URL (relative to the
//! version root: `/me/sendMail`, `users/123`), and the batch's own rules: at most 20 requests
//! (Graph's limit), ids unique, each `dependsOn` naming another request, a JSON body sent with
//! a JSON `Content-Type` header (which Graph needs to read a body).
//!
//! Every error is one of the batch document: a body's at `/requests/3/body/...`, a URL that
//! does not resolve at `/requests/3/url` (kind `url`), each with its line and column in the
//! batch's text.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::body::{self, Expected, Plan};
use super::index::Service;
use super::resolve::Resolved;
use super::url::split;
use super::{Method, RequestError, Settings};
use crate::json;
use crate::report::{Error, ErrorKind, Report, clip};

/// The most requests Graph takes in one batch.
pub const MAX_REQUESTS: usize = 20;

/// The members a batch request may have.
const MEMBERS: [&str; 6] = ["id", "method", "url", "headers", "body", "dependsOn"];

/// A batch checked: every error of the document, and what each request was.
#[derive(Clone, Debug, Default)]
pub struct BatchReport {
    /// Every error, at its pointer in the batch with its line and column there.
    pub report: Report,
    /// The requests in order (those that are objects), with what their URLs resolved to.
    pub requests: Vec<BatchRequest>,
}

/// One request of a batch, as checked.
#[derive(Clone, Debug)]
pub struct BatchRequest {
    /// Its place in `requests`.
    pub index: usize,
    /// Its `id`, if a string.
    pub id: Option<String>,
    /// Its method, if one Graph takes.
    pub method: Option<Method>,
    /// Its URL resolved, if it resolves.
    pub resolved: Option<Resolved>,
    /// What its body had to be, when method and URL are known.
    pub expected: Option<Expected>,
}

/// Checks the batch `bytes`.
///
/// ```no_run
/// # let file = msgraph_schema::model_file::ModelFile::open("out/beta/model.bin".as_ref()).unwrap();
/// use msgraph_schema::request::{Service, Settings, batch};
///
/// let service = Service::new(&file);
/// let batch = br#"{"requests": [{"id": "1", "method": "GET", "url": "/me", "body": {}}]}"#;
/// let checked = batch::check(&service, batch, Settings::default()).unwrap();
/// assert_eq!(checked.report.errors[0].pointer(), "/requests/0/body");
/// ```
pub fn check(
    service: &Service<'_>,
    bytes: &[u8],
    settings: Settings,
) -> Result<BatchReport, RequestError> {
    let mut out = BatchReport::default();
    let parsed = match json::parse(bytes) {
        Ok(parsed) => parsed,
        Err(error) => {
            out.report.errors.push(*error);
            return Ok(out);
        }
    };
    let text = std::str::from_utf8(bytes).expect("parsed as UTF-8");
    let mut errors = parsed.duplicates;
    let mut truncated = 0;
    let Some(root) = parsed.value.as_object() else {
        errors.push(Error::new(
            "",
            ErrorKind::Type,
            "a batch is an object {\"requests\": [...]}",
        ));
        return Ok(finish(out, text, errors, truncated, settings));
    };
    unknown_members(root, "", &["requests"], &mut errors);
    let requests = match root.get("requests") {
        Some(Value::Array(requests)) => requests,
        Some(_) => {
            errors.push(Error::new(
                "/requests",
                ErrorKind::Type,
                "`requests` is an array of requests",
            ));
            return Ok(finish(out, text, errors, truncated, settings));
        }
        None => {
            errors.push(Error::new(
                "/requests",
                ErrorKind::Required,
                "a batch needs `requests`, the array of its requests",
            ));
            return Ok(finish(out, text, errors, truncated, settings));
        }
    };
    if requests.len() > MAX_REQUESTS {
        errors.push(Error::new(
            "/requests",
            ErrorKind::Batch,
            format!(
                "{} requests in one batch, where Graph takes at most {MAX_REQUESTS}",
                requests.len()
            ),
        ));
    }
    let bodies = body_offsets(text);
    let ids = ids(requests, &mut errors);
    for (index, request) in requests.iter().enumerate() {
        let at = format!("/requests/{index}");
        let Some(request) = request.as_object() else {
            errors.push(Error::new(
                &at,
                ErrorKind::Type,
                "a batch request is an object with `id`, `method` and `url`",
            ));
            continue;
        };
        let mut checked = BatchRequest {
            index,
            id: request.get("id").and_then(Value::as_str).map(str::to_owned),
            method: None,
            resolved: None,
            expected: None,
        };
        unknown_members(request, &at, &MEMBERS, &mut errors);
        depends_on(request, &at, checked.id.as_deref(), &ids, &mut errors);
        checked.method = method(request, &at, &mut errors);
        checked.resolved = url(service, request, &at, &mut errors)?;
        let content_type = content_type(request, &at, &mut errors);
        if let (Some(method), Some(resolved)) = (checked.method, &checked.resolved) {
            let mut plan = body::plan(service, method, resolved);
            checked.expected = Some(plan.expected.clone());
            let body = request
                .get("body")
                .filter(|body| !body.is_null())
                .and(bodies.get(&index))
                .map(|range| &bytes[range.clone()]);
            if let (Some((name, value)), Some(_)) = (&content_type, body)
                && !body::is_json(value)
                && matches!(plan.expected, Expected::Json { .. } | Expected::Reference)
            {
                errors.push(Error::new(
                    format!("{at}/headers/{}", escape(name)),
                    ErrorKind::ContentType,
                    format!(
                        "the body is sent as {} where JSON is expected (application/json)",
                        clip(value)
                    ),
                ));
                // Not JSON to the service: its content is not read.
                plan = Plan {
                    expected: Expected::Unchecked,
                    ty: None,
                    problem: plan.problem,
                };
            }
            if plan.expected == Expected::Batch {
                plan.expected = Expected::Unchecked;
            }
            let mut report = body::check_body(service, &plan, body, None, settings)?;
            truncated += report.truncated;
            for mut error in report.errors.drain(..) {
                // The batch's own reading reports a body's repeated members.
                if error.kind == ErrorKind::DuplicateProperty {
                    continue;
                }
                let pointer = match error.kind {
                    ErrorKind::Method => format!("{at}/method"),
                    ErrorKind::Body if body.is_none() => at.clone(),
                    _ => format!("{at}/body{}", error.pointer()),
                };
                error.set_pointer(&pointer);
                // Located again in the batch's text.
                (error.line, error.column, error.offset) = (0, 0, None);
                errors.push(error);
            }
        }
        out.requests.push(checked);
    }
    Ok(finish(out, text, errors, truncated, settings))
}

/// The batch's errors located in its text and cut to the limit.
fn finish(
    mut out: BatchReport,
    text: &str,
    mut errors: Vec<Error>,
    truncated: usize,
    settings: Settings,
) -> BatchReport {
    json::locate_all(text, &mut errors);
    errors.sort_by_key(|e| (e.line == 0, e.line, e.column));
    out.report.errors = errors;
    out.report.truncated = truncated;
    out.report.limit(settings.limits);
    out
}

/// The byte range of each request's `body` value in the batch's text.
fn body_offsets(text: &str) -> HashMap<usize, std::ops::Range<usize>> {
    let mut starts = HashMap::new();
    json::walk(text, |path, _, value_at| {
        if let Some(index) = path
            .strip_prefix("/requests/")
            .and_then(|rest| rest.strip_suffix("/body"))
            .and_then(|index| index.parse::<usize>().ok())
        {
            // The last occurrence is the one the parsed value keeps.
            starts.insert(index, value_at);
        }
    });
    starts
        .into_iter()
        .map(|(index, start)| (index, start..json::value_end(text, start)))
        .collect()
}

/// Each request's id (a string) and where it is first; an error for each id repeated or not a
/// string, and for each request without one.
fn ids(requests: &[Value], errors: &mut Vec<Error>) -> HashMap<String, usize> {
    let mut ids = HashMap::new();
    for (index, request) in requests.iter().enumerate() {
        let Some(request) = request.as_object() else {
            continue;
        };
        let at = format!("/requests/{index}/id");
        match request.get("id") {
            None => errors.push(Error::new(
                at,
                ErrorKind::Required,
                "a batch request needs an `id`, unique in the batch",
            )),
            Some(Value::String(id)) => {
                if let Some(first) = ids.insert(id.clone(), index) {
                    ids.insert(id.clone(), first);
                    errors.push(Error::new(
                        at,
                        ErrorKind::Batch,
                        format!("the id {} is also request {first}'s", clip(id)),
                    ));
                }
            }
            Some(_) => errors.push(Error::new(at, ErrorKind::Type, "an `id` is a string")),
        }
    }
    ids
}

/// Each `dependsOn` entry must be another request's id.
fn depends_on(
    request: &Map<String, Value>,
    at: &str,
    own: Option<&str>,
    ids: &HashMap<String, usize>,
    errors: &mut Vec<Error>,
) {
    let Some(depends) = request.get("dependsOn") else {
        return;
    };
    let Some(list) = depends.as_array() else {
        errors.push(Error::new(
            format!("{at}/dependsOn"),
            ErrorKind::Type,
            "`dependsOn` is an array of request ids",
        ));
        return;
    };
    for (k, id) in list.iter().enumerate() {
        let pointer = format!("{at}/dependsOn/{k}");
        match id.as_str() {
            None => errors.push(Error::new(
                pointer,
                ErrorKind::Type,
                "a request id is a string",
            )),
            Some(id) if Some(id) == own => errors.push(Error::new(
                pointer,
                ErrorKind::Batch,
                "a request cannot depend on itself",
            )),
            Some(id) if !ids.contains_key(id) => {
                let mut known: Vec<&str> = ids.keys().map(String::as_str).collect();
                known.sort_unstable();
                errors.push(Error::new(
                    pointer,
                    ErrorKind::Batch,
                    format!(
                        "no request of the batch has the id {}: the ids are {}",
                        clip(id),
                        known.join(", ")
                    ),
                ));
            }
            Some(_) => {}
        }
    }
}

/// The request's method, or an error at `…/method`.
fn method(request: &Map<String, Value>, at: &str, errors: &mut Vec<Error>) -> Option<Method> {
    let pointer = format!("{at}/method");
    match request.get("method") {
        None => errors.push(Error::new(
            pointer,
            ErrorKind::Required,
            "a batch request needs a `method`",
        )),
        Some(Value::String(name)) => match Method::parse(name) {
            Some(method) => return Some(method),
            None => errors.push(Error::new(
                pointer,
                ErrorKind::Method,
                format!(
                    "{} is not an HTTP method Graph takes: GET, POST, PATCH, PUT or DELETE",
                    clip(name)
                ),
            )),
        },
        Some(_) => errors.push(Error::new(
            pointer,
            ErrorKind::Type,
            "a `method` is a string",
        )),
    }
    None
}

/// The request's URL resolved, or an error at `…/url`.
fn url(
    service: &Service<'_>,
    request: &Map<String, Value>,
    at: &str,
    errors: &mut Vec<Error>,
) -> Result<Option<Resolved>, RequestError> {
    let pointer = format!("{at}/url");
    let url = match request.get("url") {
        Some(Value::String(url)) => url,
        None => {
            errors.push(Error::new(
                pointer,
                ErrorKind::Required,
                "a batch request needs a `url`, relative to the version root (`/me`)",
            ));
            return Ok(None);
        }
        Some(_) => {
            errors.push(Error::new(pointer, ErrorKind::Type, "a `url` is a string"));
            return Ok(None);
        }
    };
    if let Some(version) = split(url).version {
        let absolute = if url.contains("://") {
            "an absolute URL naming "
        } else {
            "a URL naming "
        };
        errors.push(Error::new(
            &pointer,
            ErrorKind::Url,
            format!(
                "{absolute}the version {version}: a batch request's URL is relative to the version root (`/me`)"
            ),
        ));
    }
    match service.resolve(url) {
        Ok(resolved) => Ok(Some(resolved)),
        Err(RequestError::Url(error)) => {
            errors.push(Error::new(pointer, ErrorKind::Url, error.message()));
            Ok(None)
        }
        Err(other) => Err(other),
    }
}

/// The request's `Content-Type` header (its name as written, its value), if any; an error when
/// `headers` is not an object, or when a request with a body has no `Content-Type`.
fn content_type(
    request: &Map<String, Value>,
    at: &str,
    errors: &mut Vec<Error>,
) -> Option<(String, String)> {
    let has_body = request.get("body").is_some_and(|b| !b.is_null());
    let headers = match request.get("headers") {
        None => None,
        Some(Value::Object(headers)) => Some(headers),
        Some(_) => {
            errors.push(Error::new(
                format!("{at}/headers"),
                ErrorKind::Type,
                "`headers` is an object of header names and values",
            ));
            return None;
        }
    };
    let found = headers.and_then(|headers| {
        headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
    });
    match found {
        Some((name, Value::String(value))) => Some((name.clone(), value.clone())),
        Some((name, _)) => {
            errors.push(Error::new(
                format!("{at}/headers/{}", escape(name)),
                ErrorKind::Type,
                "a header's value is a string",
            ));
            None
        }
        None if has_body => {
            let pointer = match headers {
                Some(_) => format!("{at}/headers"),
                None => at.to_owned(),
            };
            errors.push(Error::new(
                pointer,
                ErrorKind::ContentType,
                "a batch request with a body needs a `Content-Type` header (application/json)",
            ));
            None
        }
        None => None,
    }
}

/// An error for each member of `object` not in `known`.
fn unknown_members(object: &Map<String, Value>, at: &str, known: &[&str], errors: &mut Vec<Error>) {
    for name in object.keys().filter(|name| !known.contains(&name.as_str())) {
        errors.push(Error::new(
            format!("{at}/{}", escape(name)),
            ErrorKind::UnknownProperty,
            format!(
                "`{name}` is not a member here: expected one of {}",
                known.join(", ")
            ),
        ));
    }
}

/// A JSON Pointer segment (RFC 6901).
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}
