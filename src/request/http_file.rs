//! Request files in the REST Client / JetBrains HTTP format (`.http`, `.rest`): requests
//! separated by `###` lines, each an optional `# @name` comment, a `METHOD URL [HTTP/1.1]` line
//! (a URL alone is a `GET`), headers, a blank line and a body. `{{variables}}` stay as written:
//! in a URL, `{{host}}` before the path stands for the service's address and a `{{id}}` segment
//! for a key; in a JSON body, `"{{x}}"` is a string like any other, while a bare `{{x}}` leaves
//! the body not JSON until it is filled in, which the error says.
//!
//! Each request is checked as [`Service::check`] does, and every error is located in the file:
//! its line and column there (a body's errors at their pointers in the body).
//!
//! ```no_run
//! # let file = msgraph_schema::model_file::ModelFile::open("out/beta/model.bin".as_ref()).unwrap();
//! use msgraph_schema::request::{Service, Settings, http_file};
//!
//! let text = "### Send\n# @name send\nPOST {{host}}/v1.0/me/sendMail\nContent-Type: application/json\n\n{\"message\": 1}\n";
//! let checked = http_file::check(&Service::new(&file), text, Settings::default()).unwrap();
//! assert_eq!(checked[0].request.name.as_deref(), Some("send"));
//! assert_eq!(checked[0].report.errors[0].line, 6);
//! ```

use super::body::{self, Expected};
use super::index::Service;
use super::resolve::Resolved;
use super::{Method, RequestError, Settings};
use crate::json;
use crate::report::{Error, ErrorKind, Report};

/// One request of a request file, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// Its `# @name` (or `// @name`), if any.
    pub name: Option<String>,
    /// 1-based line of the request line.
    pub line: usize,
    /// The method as written (`GET` when the line is a URL alone).
    pub method: String,
    /// The method's byte offset in the file (the URL's when the line is a URL alone).
    pub method_at: usize,
    /// The URL as written, `{{variables}}` included.
    pub url: String,
    /// The URL's byte offset in the file.
    pub url_at: usize,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body's byte range in the file, if it has one.
    pub body: Option<std::ops::Range<usize>>,
    /// Whether the body is read from a file (`< ./body.json`): not checked.
    pub body_from_file: bool,
}

impl HttpRequest {
    /// The value of the `Content-Type` header, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map(|(_, value)| value.as_str())
    }
}

/// A request of a file, checked.
#[derive(Clone, Debug)]
pub struct FileRequest {
    /// The request as written.
    pub request: HttpRequest,
    /// Its URL resolved, when it resolves.
    pub resolved: Option<Resolved>,
    /// What its body had to be, when method and URL are known.
    pub expected: Option<Expected>,
    /// Its errors, located in the file (a URL that does not resolve is one of kind `url`).
    pub report: Report,
}

/// The requests of a request file's text, in order; a block without a request line is
/// skipped.
pub fn parse(text: &str) -> Vec<HttpRequest> {
    let lines = lines(text);
    let mut requests = Vec::new();
    let mut block = Vec::new();
    for line in lines {
        if line.text.trim_start().starts_with("###") {
            requests.extend(request(&block));
            block.clear();
        } else {
            block.push(line);
        }
    }
    requests.extend(request(&block));
    requests
}

/// Checks every request of a request file's `text`.
pub fn check(
    service: &Service<'_>,
    text: &str,
    settings: Settings,
) -> Result<Vec<FileRequest>, RequestError> {
    parse(text)
        .into_iter()
        .map(|request| check_one(service, text, request, settings))
        .collect()
}

fn check_one(
    service: &Service<'_>,
    text: &str,
    request: HttpRequest,
    settings: Settings,
) -> Result<FileRequest, RequestError> {
    let mut checked = FileRequest {
        request,
        resolved: None,
        expected: None,
        report: Report::default(),
    };
    let request = &checked.request;
    let Some(method) = Method::parse(&request.method) else {
        let message = RequestError::Method(request.method.clone()).to_string();
        checked.report.errors.push(at_offset(
            text,
            request.method_at,
            ErrorKind::Method,
            message,
        ));
        return Ok(checked);
    };
    let resolved = match service.resolve(&request.url) {
        Ok(resolved) => resolved,
        Err(RequestError::Url(error)) => {
            let at = request.url_at + error.at;
            checked
                .report
                .errors
                .push(at_offset(text, at, ErrorKind::Url, error.message()));
            return Ok(checked);
        }
        Err(other) => return Err(other),
    };
    let plan = body::plan(service, method, &resolved);
    let body = match (&request.body, request.body_from_file) {
        (Some(range), false) => Some(&text[range.clone()]),
        _ => None,
    };
    let mut report = if request.body_from_file {
        Report::default()
    } else {
        let bytes = body.map(str::as_bytes);
        let content_type = request.content_type();
        match plan.expected {
            Expected::Batch => match bytes {
                Some(bytes) => super::batch::check(service, bytes, settings)?.report,
                None => body::check_body(service, &plan, None, content_type, settings)?,
            },
            _ => body::check_body(service, &plan, bytes, content_type, settings)?,
        }
    };
    if let (Some(body), Some(range)) = (body, &request.body) {
        explain_variables(body, &mut report);
        let first_line = line_of(text, range.start);
        for error in &mut report.errors {
            if let Some(offset) = error.offset.as_mut() {
                *offset += range.start;
            }
            if error.line > 0 {
                error.line += first_line - 1;
            }
        }
    }
    for error in report.errors.iter_mut().filter(|e| e.line == 0) {
        // A finding on the request as a whole: at its request line.
        (error.line, error.column) = (request.line, 1);
    }
    checked.report = report;
    checked.resolved = Some(resolved);
    checked.expected = Some(plan.expected);
    Ok(checked)
}

/// A body that is not JSON because of a bare `{{variable}}`: the syntax error replaced by one
/// at the variable that says so.
fn explain_variables(body: &str, report: &mut Report) {
    let Some(syntax) = report
        .errors
        .iter_mut()
        .find(|e| e.kind == ErrorKind::Syntax)
    else {
        return;
    };
    let Some((at, name)) = bare_variable(body) else {
        return;
    };
    let mut error = Error::new(
        "",
        ErrorKind::Syntax,
        format!(
            "`{name}` is a variable outside a JSON string: the body is JSON only once it is filled in; write it in quotes (\"{name}\") to check the rest"
        ),
    );
    (error.line, error.column) = json::line_column(body, at);
    error.offset = Some(at);
    *syntax = error;
}

/// The first `{{…}}` of `body` outside a JSON string, with its offset.
fn bare_variable(body: &str) -> Option<(usize, &str)> {
    let bytes = body.as_bytes();
    let (mut quoted, mut escaped) = (false, false);
    for (i, &b) in bytes.iter().enumerate() {
        match (quoted, b) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (_, b'"') => quoted = !quoted,
            (false, b'{') if bytes.get(i + 1) == Some(&b'{') => {
                let end = body[i..].find("}}").map(|e| i + e + 2)?;
                return Some((i, &body[i..end]));
            }
            _ => {}
        }
    }
    None
}

/// An error of `kind` at byte `at` of `text`, at the request's root.
fn at_offset(text: &str, at: usize, kind: ErrorKind, message: String) -> Error {
    let mut error = Error::new("", kind, message);
    (error.line, error.column) = json::line_column(text, at);
    error.offset = Some(at);
    error
}

/// 1-based line of byte `at`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// One line of the file: its text (without the line break), byte offset and 1-based number.
#[derive(Clone, Copy)]
struct Line<'t> {
    text: &'t str,
    at: usize,
    number: usize,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        out.push(Line {
            text: line,
            at,
            number: index + 1,
        });
        at += raw.len();
    }
    out
}

/// A comment line: `#` or `//`.
fn is_comment(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with('#') || line.starts_with("//")
}

/// The request of one block, if it has a request line.
fn request(block: &[Line<'_>]) -> Option<HttpRequest> {
    let mut name = None;
    let mut k = 0;
    // Comments, blank lines and file variables (`@host = …`) before the request line.
    while k < block.len() {
        let text = block[k].text.trim();
        if let Some(found) = text
            .trim_start_matches(['#', '/'])
            .trim_start()
            .strip_prefix("@name")
            .filter(|_| is_comment(text))
        {
            name = Some(found.trim().to_owned());
        }
        if !(text.is_empty() || is_comment(text) || text.starts_with('@')) {
            break;
        }
        k += 1;
    }
    let line = block.get(k)?;
    let (method, method_at, url, url_at) = request_line(line)?;
    let mut request = HttpRequest {
        name,
        line: line.number,
        method: method.to_owned(),
        method_at,
        url: url.to_owned(),
        url_at,
        headers: Vec::new(),
        body: None,
        body_from_file: false,
    };
    k += 1;
    // A query string continued on the next lines (`  ?a=1`, `  &b=2`).
    while k < block.len() && block[k].text.trim_start().starts_with(['?', '&']) {
        k += 1;
    }
    while k < block.len() && !block[k].text.trim().is_empty() {
        let text = block[k].text;
        if !is_comment(text)
            && let Some((name, value)) = text.split_once(':')
        {
            request
                .headers
                .push((name.trim().to_owned(), value.trim().to_owned()));
        }
        k += 1;
    }
    // The body: from the first line after the blank one to the last that is not blank, a
    // response handler (`> {% … %}`, `> ./handler.js`) or a response reference (`<> …`).
    let rest = block.get(k..).unwrap_or_default();
    let end = rest
        .iter()
        .position(|l| {
            let t = l.text.trim_start();
            t.starts_with("> ") || t.starts_with(">>") || t.starts_with("<> ")
        })
        .unwrap_or(rest.len());
    let content = &rest[..end];
    let first = content.iter().position(|l| !l.text.trim().is_empty());
    let last = content.iter().rposition(|l| !l.text.trim().is_empty());
    if let (Some(first), Some(last)) = (first, last) {
        let (first, last) = (content[first], content[last]);
        request.body_from_file = first.text.trim_start().starts_with("< ");
        request.body = Some(first.at..last.at + last.text.len());
    }
    Some(request)
}

/// `METHOD URL [HTTP/x]` (or a URL alone, a `GET`): the method and the URL, each with its
/// offset in the file.
fn request_line<'t>(line: &Line<'t>) -> Option<(&'t str, usize, &'t str, usize)> {
    let text = line.text;
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
        .collect();
    let (method, url) = match words.as_slice() {
        [] => return None,
        [(at, url)] if looks_like_url(url) => ((*at, "GET"), (*at, *url)),
        [(at, url), (_, version)] if looks_like_url(url) && version.starts_with("HTTP/") => {
            ((*at, "GET"), (*at, *url))
        }
        [method, url, ..] if is_method_word(method.1) => (*method, *url),
        _ => return None,
    };
    Some((method.1, line.at + method.0, url.1, line.at + url.0))
}

fn looks_like_url(word: &str) -> bool {
    word.starts_with('/') || word.starts_with("http") || word.starts_with("{{")
}

/// An upper-case word: a method, known or not (`OPTIONS`).
fn is_method_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "@host = https://graph.microsoft.com\n\
        ### Create\n\
        # @name create\n\
        POST {{host}}/v1.0/gadgets HTTP/1.1\n\
        Content-Type: application/json\n\
        \n\
        {\n  \"mode\": \"{{mode}}\"\n}\n\
        \n\
        > {% client.global.set(\"id\", response.body.id); %}\n\
        ###\n\
        // @name read\n\
        https://graph.microsoft.com/v1.0/me\n\
        ### Upload\n\
        PUT /me/photo/$value\n\
        Content-Type: image/png\n\
        \n\
        < ./photo.png\n";

    #[test]
    fn requests_names_headers_and_bodies() {
        let requests = parse(FILE);
        assert_eq!(requests.len(), 3);
        let create = &requests[0];
        assert_eq!(create.name.as_deref(), Some("create"));
        assert_eq!((create.line, create.method.as_str()), (4, "POST"));
        assert_eq!(create.url, "{{host}}/v1.0/gadgets");
        assert_eq!(&FILE[create.url_at..create.url_at + 8], "{{host}}");
        assert_eq!(create.content_type(), Some("application/json"));
        let body = &FILE[create.body.clone().unwrap()];
        assert_eq!(body, "{\n  \"mode\": \"{{mode}}\"\n}");
        let read = &requests[1];
        assert_eq!(
            (read.name.as_deref(), read.method.as_str()),
            (Some("read"), "GET")
        );
        assert_eq!(read.body, None);
        assert!(requests[2].body_from_file);
    }

    #[test]
    fn a_bare_variable_is_found_outside_strings() {
        assert_eq!(
            bare_variable("{\"a\": \"{{x}}\", \"b\": {{n}}}"),
            Some((20, "{{n}}"))
        );
        assert_eq!(bare_variable("{\"a\": \"\\\"{{x}}\"}"), None);
    }
}
