//! Field-level errors: where (JSON Pointer, line, column), what kind, and a plain message.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What is wrong with a value. The snake_case names are stable: scripts match on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The input is not JSON (or not UTF-8).
    Syntax,
    /// The JSON type is wrong, including `null` for a non-nullable property.
    Type,
    /// A string that is not a member of the property's enum.
    Enum,
    /// A string that does not satisfy its Edm type's format (e.g. `Edm.DateTimeOffset`).
    Format,
    /// A member the type does not declare.
    UnknownProperty,
    /// An `@odata.type` that does not name the type.
    OdataType,
    /// A property that strict mode requires is missing.
    Required,
    /// The same member name twice in one object.
    DuplicateProperty,
}

impl ErrorKind {
    /// The stable snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::Type => "type",
            ErrorKind::Enum => "enum",
            ErrorKind::Format => "format",
            ErrorKind::UnknownProperty => "unknown_property",
            ErrorKind::OdataType => "odata_type",
            ErrorKind::Required => "required",
            ErrorKind::DuplicateProperty => "duplicate_property",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One error in a payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Error {
    /// RFC 6901 JSON Pointer to the value (`""` is the root).
    pub pointer: String,
    /// What kind of error.
    pub kind: ErrorKind,
    /// What was found and what is allowed, in plain words.
    pub message: String,
    /// What the model allows, briefly (`one of: unknown, success`, `Edm.DateTimeOffset`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the payload holds, clipped (`"String"`, `number`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// 1-based line of the value in the input (0 when unknown).
    pub line: usize,
    /// 1-based column (in characters) of the value in the input (0 when unknown).
    pub column: usize,
    /// Byte offset of the value in the input, when known.
    #[serde(skip)]
    pub offset: Option<usize>,
}

impl Error {
    /// An error at `pointer`, not yet located in the text.
    pub fn new(pointer: String, kind: ErrorKind, message: String) -> Error {
        Error {
            pointer,
            kind,
            message,
            expected: None,
            found: None,
            line: 0,
            column: 0,
            offset: None,
        }
    }

    /// Adds what was expected and what was found.
    pub fn with(mut self, expected: impl Into<String>, found: impl Into<String>) -> Error {
        self.expected = Some(expected.into());
        self.found = Some(found.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(root)"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{}:{}: {pointer}: {}: {}",
            self.line, self.column, self.kind, self.message
        )
    }
}

impl std::error::Error for Error {}

/// Every error of one payload, in the order of the input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Field-level errors.
    pub errors: Vec<Error>,
    /// Places where the typed validator and the JSON Schema check disagree: a bug in
    /// msgraph-schema, never hidden. Empty when they agree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
}

impl Report {
    /// Whether the payload is valid: no errors.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in &self.errors {
            writeln!(f, "{error}")?;
        }
        for disagreement in &self.disagreements {
            writeln!(f, "{disagreement}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

/// An error that only one of the two validators reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    /// Where.
    pub pointer: String,
    /// The kind that one side reports.
    pub kind: ErrorKind,
    /// Which side reports it: `typed` or `json_schema` (the two validators of the parsed
    /// value), `single_pass`, or `parsed_value` (both of the former, not the single pass).
    pub reported_by: String,
}

impl fmt::Display for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "internal disagreement (a msgraph-schema bug, please report it): only the {} validator reports `{}` at `{}`",
            self.reported_by, self.kind, self.pointer
        )
    }
}

/// At most 60 characters of `text`, quoted, for messages: never echoes a megabyte string.
pub fn clip(text: &str) -> String {
    // Printable ASCII without quotes or backslashes reads the same as its `{:?}`, quicker.
    if text.len() <= 60
        && text
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        let mut quoted = String::with_capacity(text.len() + 2);
        quoted.push('"');
        quoted.push_str(text);
        quoted.push('"');
        return quoted;
    }
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{:?}… ({} bytes)", &text[..at], text.len()),
        None => format!("{text:?}"),
    }
}
