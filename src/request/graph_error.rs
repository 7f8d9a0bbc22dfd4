//! A report as the body Graph sends when it rejects a request with `400 Bad Request`:
//! `{"error": {"code": "BadRequest", "message", "details": [{"code", "message", "target"}]}}`,
//! so that a client or a mock server can treat a failure found before sending like one the
//! service returned. Each detail is one error: its code the error's kind in PascalCase
//! (`Enum`, `UnknownProperty`, `ContentType`), its message the error's, its target the JSON
//! Pointer (`""` for the body or request as a whole).
//!
//! ```
//! use msgraph_schema::request::graph_error::GraphError;
//!
//! let entry = msgraph_schema::types::find("deviceHealthScriptDeviceState").unwrap();
//! let report = msgraph_schema::check(br#"{"detectionState": "done"}"#, entry, &Default::default());
//! let body = GraphError::of(&report).unwrap();
//! let json = serde_json::to_value(&body).unwrap();
//! assert_eq!(json["error"]["code"], "BadRequest");
//! assert_eq!(json["error"]["details"][0]["code"], "Enum");
//! assert_eq!(json["error"]["details"][0]["target"], "/detectionState");
//! assert!(GraphError::of(&msgraph_schema::Report::default()).is_none());
//! ```

use serde::{Deserialize, Serialize};

use crate::report::{ErrorKind, Report};

/// The code of Graph's error body for a rejected request.
pub const BAD_REQUEST: &str = "BadRequest";

/// Graph's error body: `{"error": {…}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphError {
    /// The error.
    pub error: ErrorBody,
}

/// The `error` member of Graph's error body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Always [`BAD_REQUEST`].
    pub code: String,
    /// One line for the whole: the only error's message, or how many errors there are.
    pub message: String,
    /// One per error.
    pub details: Vec<Detail>,
}

/// One error of Graph's error body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    /// The error's kind in PascalCase (`UnknownProperty`).
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// The JSON Pointer of the value.
    pub target: String,
}

impl GraphError {
    /// The error body for `report`; `None` when it holds no error.
    pub fn of(report: &Report) -> Option<GraphError> {
        if report.is_valid() {
            return None;
        }
        let details: Vec<Detail> = report
            .errors
            .iter()
            .map(|error| Detail {
                code: code(error.kind),
                message: error.message().to_owned(),
                target: error.pointer().to_owned(),
            })
            .collect();
        let message = match (report.error_count(), details.first()) {
            (1, Some(only)) => only.message.clone(),
            (count, _) if report.truncated > 0 => format!(
                "{count} errors in the request, the first {} detailed",
                details.len()
            ),
            (count, _) => format!("{count} errors in the request"),
        };
        Some(GraphError {
            error: ErrorBody {
                code: BAD_REQUEST.to_owned(),
                message,
                details,
            },
        })
    }
}

/// `unknown_property` → `UnknownProperty`.
fn code(kind: ErrorKind) -> String {
    kind.as_str()
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}
