//! What a request's body must be, from its method and what its URL addresses, and the body
//! checked as that: a create or update body of a type, an action's parameters, a reference, or
//! nothing at all.

use std::fmt;

use msgraph_schema_core::model::OperationKind;
use msgraph_schema_core::rules::{Operation, Options};

use super::index::Service;
use super::resolve::{Resolved, State};
use super::{Method, RequestError, Settings};
use crate::json;
use crate::report::{Error, ErrorKind, Report, clip};

/// What the body of a request must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// No body: `GET`, `DELETE`, a function. A body is an error (kind `body`).
    Nothing,
    /// A JSON body of this type under these rules: `Create` for a `POST` to a collection, a
    /// `PUT` and an action's parameters, `Update` for a `PATCH`.
    Json {
        /// The type's qualified name.
        ty: String,
        /// Create or update.
        operation: Operation,
        /// Whether the body may be left out (an action's parameters).
        optional: bool,
    },
    /// A reference: `{"@odata.id": "…"}` (`POST` or `PUT` to `$ref`).
    Reference,
    /// Content this crate does not check: a stream (`$value`), a primitive property's value,
    /// or a body for a method the target does not take.
    Unchecked,
    /// A JSON batch (`POST /$batch`).
    Batch,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Nothing => f.write_str("no body"),
            Expected::Json { ty, operation, .. } => write!(f, "{ty} ({})", operation.as_str()),
            Expected::Reference => f.write_str("a reference {\"@odata.id\"}"),
            Expected::Unchecked => f.write_str("a body not checked"),
            Expected::Batch => f.write_str("a JSON batch"),
        }
    }
}

/// The body rule of a method on a resolved URL: what is expected, the type's place for a JSON
/// body, and what is wrong with the method there, if anything.
pub(crate) struct Plan {
    pub expected: Expected,
    pub ty: Option<usize>,
    pub problem: Option<String>,
}

/// Decides what the body of `method` on `resolved` must be.
pub(crate) fn plan(service: &Service<'_>, method: Method, resolved: &Resolved) -> Plan {
    let json = |ty: usize, operation: Operation, optional: bool| Plan {
        expected: Expected::Json {
            ty: service.ty(ty).name.to_string(),
            operation,
            optional,
        },
        ty: Some(ty),
        problem: None,
    };
    let simple = |expected: Expected| Plan {
        expected,
        ty: None,
        problem: None,
    };
    let not_taken = |why: &str| Plan {
        expected: Expected::Unchecked,
        ty: None,
        problem: Some(format!(
            "{} is not a method of {}: {why}",
            method.as_str(),
            resolved.target
        )),
    };
    let kind = match resolved.state {
        State::Operation { parameters } => {
            service.ty(parameters).operation.as_ref().map(|o| o.kind)
        }
        _ => None,
    };
    use Method::{Delete, Get, Patch, Post, Put};
    match (method, resolved.state) {
        (Post, State::Batch) => simple(Expected::Batch),
        (_, State::Batch) => not_taken("a batch is sent with POST"),
        (Get, State::Metadata) => simple(Expected::Nothing),
        (_, State::Metadata) => not_taken("the metadata document is read with GET"),
        (Get, State::Operation { .. }) if kind == Some(OperationKind::Action) => {
            not_taken("an action is called with POST")
        }
        (Get, _) => simple(Expected::Nothing),
        (Post, State::Operation { parameters }) => match kind {
            Some(OperationKind::Function) => not_taken("a function is called with GET"),
            _ => json(parameters, Operation::Create, true),
        },
        (_, State::Operation { .. }) => {
            not_taken("an operation is called with POST (an action) or GET (a function)")
        }
        (Delete, State::Single { .. } | State::Reference | State::Media | State::Value { .. }) => {
            simple(Expected::Nothing)
        }
        (Delete, _) => not_taken("DELETE removes one entity, reference or value"),
        (Post, State::Collection { ty, .. }) => json(ty, Operation::Create, false),
        (Post | Put, State::Reference) => simple(Expected::Reference),
        (Post | Put, State::Media) => simple(Expected::Unchecked),
        (Post, _) => not_taken("POST creates an item of a collection or calls an action"),
        (Patch, State::Single { ty, .. }) => json(ty, Operation::Update, false),
        (Put, State::Single { ty, .. }) => json(ty, Operation::Create, false),
        (Patch | Put, State::Value { .. }) => simple(Expected::Unchecked),
        (Patch | Put, _) => not_taken("PATCH and PUT change one entity or value, not a collection"),
    }
}

/// Checks `body` (with its `content_type`, if known) against `plan`: the method's problem and
/// the body's errors, located in the body.
pub(crate) fn check_body(
    service: &Service<'_>,
    plan: &Plan,
    body: Option<&[u8]>,
    content_type: Option<&str>,
    settings: Settings,
) -> Result<Report, RequestError> {
    let body = body.filter(|bytes| !bytes.trim_ascii().is_empty());
    let mut findings = Vec::new();
    if let Some(problem) = &plan.problem {
        findings.push(Error::new("", ErrorKind::Method, problem));
    }
    let mut report = Report::default();
    match (&plan.expected, body) {
        (Expected::Nothing, Some(bytes)) => {
            findings.push(at_start(
                bytes,
                ErrorKind::Body,
                "a body where the method and URL take none".to_owned(),
            ));
        }
        (
            Expected::Json {
                optional: false, ..
            }
            | Expected::Reference,
            None,
        ) => {
            findings.push(Error::new(
                "",
                ErrorKind::Body,
                format!("no body where {} is expected", plan.expected),
            ));
        }
        (Expected::Json { operation, .. }, Some(bytes)) => {
            not_json_type(bytes, content_type, &mut findings);
            let ty = plan.ty.expect("a JSON body's type");
            let options = Options {
                operation: *operation,
                strict: settings.strict,
            };
            let validator = service.validator(ty, options).map_err(RequestError::Type)?;
            report = validator.check(bytes, settings.limits);
        }
        (Expected::Reference, Some(bytes)) => {
            not_json_type(bytes, content_type, &mut findings);
            report.errors = check_reference(bytes);
        }
        _ => {}
    }
    findings.append(&mut report.errors);
    report.errors = findings;
    report.limit(settings.limits);
    Ok(report)
}

/// A finding when the body's content type is known and is not JSON.
fn not_json_type(bytes: &[u8], content_type: Option<&str>, findings: &mut Vec<Error>) {
    if let Some(content_type) = content_type.filter(|t| !is_json(t)) {
        findings.push(at_start(
            bytes,
            ErrorKind::ContentType,
            format!(
                "the body is sent as {} where JSON is expected (application/json)",
                clip(content_type)
            ),
        ));
    }
}

/// Whether a `Content-Type` value is JSON: `application/json` or a `+json` type, with any
/// parameters.
pub(crate) fn is_json(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media == "application/json" || media.ends_with("+json") || media == "text/json"
}

/// An error of `kind` at the body's root, located at its first character.
fn at_start(bytes: &[u8], kind: ErrorKind, message: String) -> Error {
    let mut error = Error::new("", kind, message);
    let start = bytes.len() - bytes.trim_ascii_start().len();
    let text = String::from_utf8_lossy(&bytes[..start]);
    (error.line, error.column) = json::line_column(&text, text.len());
    error.offset = Some(start);
    error
}

/// The errors of a reference body: JSON, an object, its `@odata.id` a string, nothing else.
fn check_reference(bytes: &[u8]) -> Vec<Error> {
    let parsed = match json::parse(bytes) {
        Ok(parsed) => parsed,
        Err(error) => return vec![*error],
    };
    let mut errors = parsed.duplicates;
    match parsed.value.as_object() {
        None => errors.push(Error::new(
            "",
            ErrorKind::Type,
            "a reference is an object {\"@odata.id\": \"…\"}",
        )),
        Some(object) => {
            match object.get("@odata.id") {
                None => errors.push(Error::new(
                    "/@odata.id",
                    ErrorKind::Required,
                    "a reference needs `@odata.id`, the URL of the entity referred to",
                )),
                Some(value) if !value.is_string() => errors.push(Error::new(
                    "/@odata.id",
                    ErrorKind::Type,
                    "`@odata.id` is the URL of the entity referred to: a string",
                )),
                Some(_) => {}
            }
            for name in object.keys().filter(|name| *name != "@odata.id") {
                let pointer = format!("/{}", name.replace('~', "~0").replace('/', "~1"));
                errors.push(Error::new(
                    pointer,
                    ErrorKind::UnknownProperty,
                    format!("a reference holds only `@odata.id`, not `{name}`"),
                ));
            }
        }
    }
    let text = String::from_utf8_lossy(bytes);
    json::locate_all(&text, &mut errors);
    errors
}
