//! Requests, not type names: a method, a URL and a body checked against a model, as Graph
//! would take them.
//!
//! The URL is resolved through the model ([`Service::resolve`]: entity sets and singletons,
//! keys, properties, casts, bound actions and functions, `$ref`, `$value`, `$count`); the
//! method and what the URL addresses decide what the body must be ([`Expected`]: a create body
//! for a `POST` to a collection, an update for a `PATCH`, an action's parameters, a reference,
//! or nothing); and the body is checked as that with the single pass, only what its type
//! reaches read from the model file. [`check_request`] does all three; a [`Service`] does them
//! for many requests over one model. A `$batch` body ([`batch`]) and a `.http` request file
//! ([`http_file`]) are checked request by request. [`graph_error`] turns a report into the error body Graph
//! sends for a bad request.
//!
//! ```no_run
//! use msgraph_schema::model_file::ModelFile;
//! use msgraph_schema::request::{Request, Settings, check_request};
//!
//! let file = ModelFile::open("out/beta/model.bin".as_ref()).unwrap();
//! let request = Request {
//!     method: "POST",
//!     url: "/users/{id}/sendMail",
//!     body: Some(br#"{"message": {"subject": 1}}"#),
//!     content_type: Some("application/json"),
//! };
//! let checked = check_request(&file, &request, Settings::default()).unwrap();
//! for error in &checked.report.errors {
//!     println!("{}:{} {}: {}", error.line, error.column, error.pointer(), error.message());
//! }
//! ```

pub mod batch;
mod body;
pub mod examples;
pub mod graph_error;
pub mod http_file;
mod index;
mod resolve;
pub mod url;

#[cfg(test)]
mod tests;

use std::fmt;

pub use body::Expected;
pub use index::Service;
pub use resolve::{OperationEnd, Resolved, Step, StepKind, Target, UrlError, UrlReason};

use crate::model_file::{FileTypeError, ModelFile, ModelFileError};
use crate::report::{Limits, Report};

/// An HTTP method Graph takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: read; no body.
    Get,
    /// `POST`: create in a collection, call an action, add a reference.
    Post,
    /// `PATCH`: update.
    Patch,
    /// `PUT`: replace, upload a stream, set a reference.
    Put,
    /// `DELETE`: remove; no body.
    Delete,
}

impl Method {
    /// Every method.
    pub const ALL: [Method; 5] = [
        Method::Get,
        Method::Post,
        Method::Patch,
        Method::Put,
        Method::Delete,
    ];

    /// The method named `name`, in any case.
    pub fn parse(name: &str) -> Option<Method> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name))
    }

    /// The upper-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One request to check.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The HTTP method, in any case.
    pub method: &'a str,
    /// A path (`/users/{id}/sendMail`, `users/123`) or a full URL
    /// (`https://graph.microsoft.com/beta/…`); its query string is ignored.
    pub url: &'a str,
    /// The body's bytes, if any (blank counts as none).
    pub body: Option<&'a [u8]>,
    /// The `Content-Type` the body is sent with, if known.
    pub content_type: Option<&'a str>,
}

/// How bodies are checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Strict mode ([`crate::Options::strict`]).
    pub strict: bool,
    /// The cap on each report's errors.
    pub limits: Limits,
}

/// A request checked: where its URL led, what its body had to be, and every error.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The method.
    pub method: Method,
    /// The URL resolved.
    pub resolved: Resolved,
    /// What the body had to be.
    pub expected: Expected,
    /// The errors: the method's (kind `method`), the body's presence (`body`) and content type
    /// (`content_type`), then the body's own, at their JSON Pointers with line and column in
    /// the body (for a `$batch` body, pointers and places in the batch).
    pub report: Report,
}

impl Checked {
    /// The type the body was checked as, if it was checked as one.
    pub fn body_type(&self) -> Option<&str> {
        match &self.expected {
            Expected::Json { ty, .. } => Some(ty),
            _ => None,
        }
    }
}

/// Why a request could not be checked (its body's errors are in [`Checked::report`] instead).
#[derive(Debug)]
pub enum RequestError {
    /// Not an HTTP method Graph takes.
    Method(String),
    /// The URL does not resolve through the model.
    Url(Box<UrlError>),
    /// The model file cannot be read.
    Model(ModelFileError),
    /// The body's type cannot be compiled.
    Type(FileTypeError),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Method(method) => write!(
                f,
                "`{method}` is not an HTTP method Graph takes: GET, POST, PATCH, PUT or DELETE"
            ),
            RequestError::Url(error) => error.fmt(f),
            RequestError::Model(error) => error.fmt(f),
            RequestError::Type(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::Method(_) => None,
            RequestError::Url(error) => Some(error.as_ref()),
            RequestError::Model(error) => Some(error),
            RequestError::Type(error) => Some(error),
        }
    }
}

impl Service<'_> {
    /// Checks one request: resolves its URL, decides what its body must be and checks it (a
    /// `POST /$batch` body as a [`batch`], each of its requests in turn).
    pub fn check(
        &self,
        request: &Request<'_>,
        settings: Settings,
    ) -> Result<Checked, RequestError> {
        let method = Method::parse(request.method)
            .ok_or_else(|| RequestError::Method(request.method.to_owned()))?;
        let resolved = self.resolve(request.url)?;
        let plan = body::plan(self, method, &resolved);
        let report = match (&plan.expected, request.body) {
            (Expected::Batch, Some(bytes)) if !bytes.trim_ascii().is_empty() => {
                batch::check(self, bytes, settings)?.report
            }
            _ => body::check_body(self, &plan, request.body, request.content_type, settings)?,
        };
        Ok(Checked {
            method,
            resolved,
            expected: plan.expected,
            report,
        })
    }
}

/// Checks one request against the model of `file`: [`Service::check`] on a [`Service`] built
/// for this one request (build one and keep it for many).
pub fn check_request(
    file: &ModelFile,
    request: &Request<'_>,
    settings: Settings,
) -> Result<Checked, RequestError> {
    Service::new(file).check(request, settings)
}
