//! Field-level errors: where (JSON Pointer, line, column), what kind, and a plain message.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::deferred::Deferred;
use crate::pointer::Pointer;
pub use crate::words::{article, clip, with_article};
pub(crate) use crate::words::{clip_head, write_clipped};

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
    /// A request's URL that does not resolve through the model (in a `$batch` or a request
    /// file; a single request's URL is a usage error instead).
    Url,
    /// A method the request's target does not take (`PATCH` on a collection, `GET` on an
    /// action), or no HTTP method at all.
    Method,
    /// A body where the method and URL take none (`GET`, `DELETE`, a function), or none where
    /// they need one.
    Body,
    /// A `Content-Type` other than JSON on a request whose body is JSON, or none in a `$batch`
    /// request with a body.
    ContentType,
    /// A `$batch` rule: more than 20 requests, an id repeated, a `dependsOn` naming no request.
    Batch,
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
            ErrorKind::Url => "url",
            ErrorKind::Method => "method",
            ErrorKind::Body => "body",
            ErrorKind::ContentType => "content_type",
            ErrorKind::Batch => "batch",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One error in a payload.
///
/// Its four texts (pointer, message, expected, found) live in one buffer, so that an error
/// costs one allocation: a payload with many errors stays cheap to check. The commonest
/// errors write their message, expected and found texts only when first read.
#[derive(Clone, Deserialize)]
#[serde(from = "ErrorFields")]
pub struct Error {
    /// What kind of error.
    pub kind: ErrorKind,
    /// 1-based line of the value in the input (0 when unknown).
    pub line: usize,
    /// 1-based column (in characters) of the value in the input (0 when unknown).
    pub column: usize,
    /// Byte offset of the value in the input, when known.
    pub offset: Option<usize>,
    /// The pointer, the message, what was expected and what was found, one after the other.
    text: String,
    /// Where the pointer, the message and the expected text end in `text`.
    ends: [usize; 3],
    /// Whether `expected` and `found` were given.
    detailed: bool,
    /// For an error whose message, expected and found texts are written on first read: what
    /// they are written from (`text` then holds the pointer and the source of the found text).
    deferred: Option<Deferred>,
    /// The deferred texts once written (message, expected, found), and where the first two end.
    written: OnceLock<(String, [usize; 2])>,
}

impl Error {
    /// An error at `pointer`, not yet located in the text.
    pub fn new(pointer: impl AsRef<str>, kind: ErrorKind, message: impl AsRef<str>) -> Error {
        let (pointer, message) = (pointer.as_ref(), message.as_ref());
        let mut text = String::with_capacity(pointer.len() + message.len());
        text.push_str(pointer);
        text.push_str(message);
        let ends = [pointer.len(), text.len(), text.len()];
        Error::from_parts(kind, text, ends, false)
    }

    fn from_parts(kind: ErrorKind, text: String, ends: [usize; 3], detailed: bool) -> Error {
        Error {
            kind,
            line: 0,
            column: 0,
            offset: None,
            text,
            ends,
            detailed,
            deferred: None,
            written: OnceLock::new(),
        }
    }

    /// Adds what was expected and what was found.
    pub fn with(self, expected: impl AsRef<str>, found: impl AsRef<str>) -> Error {
        let mut error = self.written_out();
        error.text.truncate(error.ends[1]);
        error.text.push_str(expected.as_ref());
        error.ends[2] = error.text.len();
        error.text.push_str(found.as_ref());
        error.detailed = true;
        error
    }

    /// The error with its deferred texts, if any, written into its own buffer.
    fn written_out(self) -> Error {
        if self.deferred.is_none() {
            return self;
        }
        let mut error = Error::new(self.pointer(), self.kind, self.message()).with(
            self.expected().unwrap_or_default(),
            self.found().unwrap_or_default(),
        );
        (error.line, error.column, error.offset) = (self.line, self.column, self.offset);
        error
    }

    /// Moves the error to `pointer` (e.g. under the object it was found in).
    pub fn set_pointer(&mut self, pointer: &str) {
        let old = self.ends[0];
        self.text.replace_range(..old, pointer);
        for end in &mut self.ends {
            *end = *end - old + pointer.len();
        }
    }

    /// RFC 6901 JSON Pointer to the value (`""` is the root).
    pub fn pointer(&self) -> &str {
        &self.text[..self.ends[0]]
    }

    /// What was found and what is allowed, in plain words.
    pub fn message(&self) -> &str {
        match self.written() {
            Some((text, ends)) => &text[..ends[0]],
            None => &self.text[self.ends[0]..self.ends[1]],
        }
    }

    /// What the model allows, briefly (`one of: unknown, success`, `Edm.DateTimeOffset`).
    pub fn expected(&self) -> Option<&str> {
        match self.written() {
            Some((text, ends)) => Some(&text[ends[0]..ends[1]]),
            None => self
                .detailed
                .then(|| &self.text[self.ends[1]..self.ends[2]]),
        }
    }

    /// What the payload holds, clipped (`"String"`, `number`).
    pub fn found(&self) -> Option<&str> {
        match self.written() {
            Some((text, ends)) => Some(&text[ends[1]..]),
            None => self.detailed.then(|| &self.text[self.ends[2]..]),
        }
    }

    /// A deferred error's texts, written on the first call.
    fn written(&self) -> Option<&(String, [usize; 2])> {
        let deferred = self.deferred.as_ref()?;
        Some(self.written.get_or_init(|| {
            let source = &self.text[self.ends[2]..];
            let mut text = String::with_capacity(deferred.size_hint(source));
            let ends = deferred.write(source, &mut text);
            (text, ends)
        }))
    }
}

/// Writes an error's texts into its one buffer, part after part: pointer, message, expected,
/// found. Each `push` appends to the current part; `next` starts the following one.
pub(crate) struct ErrorWriter {
    kind: ErrorKind,
    text: String,
    ends: [usize; 3],
    /// The part being written: 1 message, 2 expected, 3 found.
    part: usize,
}

impl ErrorWriter {
    /// An error of `kind` at `at`, with room for about `capacity` bytes of message and details.
    pub(crate) fn new(kind: ErrorKind, at: Pointer<'_>, capacity: usize) -> ErrorWriter {
        let mut text = String::with_capacity(capacity + 32);
        at.write_to(&mut text);
        ErrorWriter {
            kind,
            ends: [text.len(); 3],
            text,
            part: 1,
        }
    }

    /// Appends `text` to the current part.
    pub(crate) fn push(&mut self, text: &str) -> &mut ErrorWriter {
        self.text.push_str(text);
        self
    }

    /// Appends `text` clipped and quoted, as [`clip`] renders it.
    pub(crate) fn push_clipped(&mut self, text: &str) -> &mut ErrorWriter {
        write_clipped(&mut self.text, text);
        self
    }

    /// The current part's writer, for `write!`.
    pub(crate) fn text(&mut self) -> &mut String {
        &mut self.text
    }

    /// Ends the current part: the message, then the expected text.
    pub(crate) fn next(&mut self) -> &mut ErrorWriter {
        if let Some(end) = self.ends.get_mut(self.part) {
            *end = self.text.len();
        }
        self.part += 1;
        self
    }

    /// An error of `kind` at `at` whose texts `deferred` writes when first read, from `source`
    /// (see [`Deferred`]).
    pub(crate) fn deferred(
        kind: ErrorKind,
        at: Pointer<'_>,
        source: &str,
        deferred: Deferred,
    ) -> Error {
        let mut writer = ErrorWriter::new(kind, at, source.len());
        writer.next().next().push(source);
        let mut error = writer.finish();
        error.deferred = Some(deferred);
        error
    }

    /// The error; `expected` and `found` are given when the writer reached them.
    pub(crate) fn finish(mut self) -> Error {
        let end = self.text.len();
        for unwritten in self.ends.iter_mut().skip(self.part) {
            *unwritten = end;
        }
        Error::from_parts(self.kind, self.text, self.ends, self.part >= 3)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("pointer", &self.pointer())
            .field("kind", &self.kind)
            .field("message", &self.message())
            .field("expected", &self.expected())
            .field("found", &self.found())
            .field("line", &self.line)
            .field("column", &self.column)
            .field("offset", &self.offset)
            .finish()
    }
}

/// Errors are equal when everything they say is: a deferred error equals the same error
/// written at once.
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        (self.kind, self.line, self.column, self.offset)
            == (other.kind, other.line, other.column, other.offset)
            && self.pointer() == other.pointer()
            && self.message() == other.message()
            && self.expected() == other.expected()
            && self.found() == other.found()
    }
}

impl Eq for Error {}

/// An error's JSON form: `{"pointer", "kind", "message", "expected"?, "found"?, "line",
/// "column"}`. Keep these names: scripts read them.
#[derive(Serialize, Deserialize)]
struct ErrorFields<'a> {
    #[serde(borrow)]
    pointer: Cow<'a, str>,
    kind: ErrorKind,
    #[serde(borrow)]
    message: Cow<'a, str>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    expected: Option<Cow<'a, str>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    found: Option<Cow<'a, str>>,
    line: usize,
    column: usize,
}

impl From<ErrorFields<'_>> for Error {
    fn from(fields: ErrorFields<'_>) -> Error {
        let mut error = Error::new(fields.pointer, fields.kind, fields.message);
        if let (Some(expected), Some(found)) = (fields.expected, fields.found) {
            error = error.with(expected, found);
        }
        (error.line, error.column) = (fields.line, fields.column);
        error
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorFields {
            pointer: Cow::Borrowed(self.pointer()),
            kind: self.kind,
            message: Cow::Borrowed(self.message()),
            expected: self.expected().map(Cow::Borrowed),
            found: self.found().map(Cow::Borrowed),
            line: self.line,
            column: self.column,
        }
        .serialize(serializer)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = match self.pointer() {
            "" => "(root)",
            pointer => pointer,
        };
        write!(
            f,
            "{}:{}: {pointer}: {}: {}",
            self.line,
            self.column,
            self.kind,
            self.message()
        )
    }
}

impl std::error::Error for Error {}

/// Every error of one payload, in the order of the input; or, under [`Limits`], the first
/// ones and how many more there were.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Field-level errors.
    pub errors: Vec<Error>,
    /// How many errors past [`Limits::max_errors`] were counted but not built (0 when none
    /// were left out).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub truncated: usize,
    /// Places where the typed validator and the JSON Schema check disagree: a bug in
    /// msgraph-schema, never hidden. Empty when they agree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
}

impl Report {
    /// Whether the payload is valid: no errors.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty() && self.truncated == 0
    }

    /// How many errors the payload has: those kept and those counted past the cap.
    pub fn error_count(&self) -> usize {
        self.errors.len() + self.truncated
    }

    /// Keeps the first `limits.max_errors` errors in input order (by line and column, then as
    /// found) and counts the rest in [`Report::truncated`]. Disagreements are never cut.
    pub fn limit(&mut self, limits: Limits) {
        let Some(cap) = limits.cap() else {
            return;
        };
        if self.errors.len() > cap {
            self.errors.sort_by_key(|e| (e.line, e.column));
            self.truncated += self.errors.len() - cap;
            self.errors.truncate(cap);
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// What a check may spend on one payload's errors: untrusted input stays bounded.
///
/// A runtime setting, passed to the check functions ([`crate::single_pass::Validator::check_with`],
/// [`crate::validate::check_with`], [`crate::typed::Checker::with_limits`]) rather than a field of
/// the model's [`crate::Options`], which is shared with the JSON Schema emitter and keys the
/// compiled validators' caches: one compiled validator serves any limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limits {
    /// The most errors a report holds (`0`: no cap). Past it, errors are only counted
    /// ([`Report::truncated`]): no pointer, message or other text is written for them.
    pub max_errors: usize,
}

impl Limits {
    /// No cap: every error is built and reported.
    pub const NONE: Limits = Limits { max_errors: 0 };
    /// The default cap of the command line and of [`Limits::default`].
    pub const DEFAULT_MAX_ERRORS: usize = 100;

    /// At most `max_errors` errors (`0`: no cap).
    pub const fn max_errors(max_errors: usize) -> Limits {
        Limits { max_errors }
    }

    /// The cap, if any.
    pub const fn cap(self) -> Option<usize> {
        match self.max_errors {
            0 => None,
            cap => Some(cap),
        }
    }
}

/// [`Limits::DEFAULT_MAX_ERRORS`] errors.
impl Default for Limits {
    fn default() -> Limits {
        Limits::max_errors(Limits::DEFAULT_MAX_ERRORS)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in &self.errors {
            writeln!(f, "{error}")?;
        }
        if self.truncated > 0 {
            writeln!(f, "{}", more_errors(self.truncated))?;
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

/// The line that closes a capped report: `… and N more errors`.
pub fn more_errors(truncated: usize) -> String {
    let errors = if truncated == 1 { "error" } else { "errors" };
    format!("… and {truncated} more {errors} (raise --max-errors, 0 for all)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writer_parts_and_json_round_trip() {
        let root = Pointer::ROOT;
        let at = root.key("a/b");
        let mut writer = ErrorWriter::new(ErrorKind::Enum, at, 0);
        writer.push_clipped("X").push(" is wrong");
        writer.next().push("one of: y");
        writer.next().push_clipped("X");
        let error = writer.finish();
        assert_eq!(error.pointer(), "/a~1b");
        assert_eq!(error.message(), "\"X\" is wrong");
        assert_eq!(error.expected(), Some("one of: y"));
        assert_eq!(error.found(), Some("\"X\""));

        let json = serde_json::to_value(&error).expect("serialisable");
        assert_eq!(
            json,
            serde_json::json!({"pointer": "/a~1b", "kind": "enum", "message": "\"X\" is wrong",
                "expected": "one of: y", "found": "\"X\"", "line": 0, "column": 0})
        );
        let back: Error = serde_json::from_value(json).expect("deserialisable");
        assert_eq!(back, error);
    }

    #[test]
    fn the_article_agrees_with_the_word() {
        let an = [
            "importance",
            "Edm.Int32",
            "Edm.String",
            "outer",
            "inner",
            "alert",
            "unknown",
            "unknownFutureValue",
            "update",
            "uninstallState",
            "unassigned",
            "SMS",
            "HTML",
            "iosDevice",
        ];
        for word in an {
            assert_eq!(article(word), "an", "{word}");
        }
        let a = [
            "runState",
            "remediationState",
            "microsoft.graph.runState",
            "user",
            "usage",
            "unifiedRole",
            "unit",
            "oneDrive",
            "europe",
            "URL",
            "gadget",
            "v1.0",
            "beta",
            "x",
            "",
        ];
        for word in a {
            assert_eq!(article(word), "a", "{word}");
        }
        assert_eq!(with_article("importance"), "an importance");
        assert_eq!(with_article("runState"), "a runState");
    }

    #[test]
    fn plain_error_has_no_details() {
        let error = Error::new("/p", ErrorKind::Type, "m");
        assert_eq!((error.pointer(), error.message()), ("/p", "m"));
        assert_eq!((error.expected(), error.found()), (None, None));
        let json = serde_json::to_string(&error).expect("serialisable");
        assert!(!json.contains("expected"), "{json}");
        let detailed = error.with("e", "f");
        assert_eq!(
            (detailed.expected(), detailed.found()),
            (Some("e"), Some("f"))
        );
        let mut moved = detailed.with("e2", "f2");
        assert_eq!(moved.expected(), Some("e2"));
        moved.set_pointer("/outer/p");
        assert_eq!(moved.pointer(), "/outer/p");
        assert_eq!((moved.message(), moved.expected()), ("m", Some("e2")));
        assert_eq!(moved.found(), Some("f2"));
    }
}
