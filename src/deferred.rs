//! Error texts written on first read.
//!
//! The commonest errors (a string that is not an enum member, a value of the wrong JSON type
//! where a member name belongs, a malformed `Edm.DateTimeOffset`) keep only what their texts
//! are made of; [`crate::Error::message`], [`crate::Error::expected`] and
//! [`crate::Error::found`] write them the first time one is read. A payload with errors then
//! costs little more to check than a valid one, and a caller that only counts or classifies
//! errors never pays for their words.

use std::fmt::Write as _;
use std::sync::Arc;

use msgraph_schema_core::model::{EnumType, Primitive, UNKNOWN_FUTURE_VALUE, short_name};
use msgraph_schema_core::rules::Options;

use crate::edm::DateTimeOffsetError;
use crate::words::{article, clip_head, write_head};

/// An enum's words for its messages, written once: its short name and the members that the
/// options accept, in declaration order.
#[derive(Debug)]
pub(crate) struct EnumWords {
    /// `runState` for `microsoft.graph.runState`.
    name: String,
    /// The name's [`article`]: `a` for `runState`, `an` for `importance`.
    article: &'static str,
    /// The accepted member names.
    members: Vec<String>,
    /// The same, separated by `, `.
    list: String,
    /// Whether the enum has `unknownFutureValue` (accepted or not).
    has_unknown_future_value: bool,
}

impl EnumWords {
    /// The words of `model` under `options`.
    pub(crate) fn new(model: &EnumType, options: Options) -> Arc<EnumWords> {
        let members: Vec<String> = model
            .members
            .iter()
            .filter(|m| options.accepts_member(&m.name))
            .map(|m| m.name.to_string())
            .collect();
        let name = short_name(&model.name);
        Arc::new(EnumWords {
            name: name.to_owned(),
            article: article(name),
            list: members.join(", "),
            members,
            has_unknown_future_value: model.has_member(UNKNOWN_FUTURE_VALUE),
        })
    }

    /// The short name.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The short name's article (`a`, `an`).
    pub(crate) fn article(&self) -> &'static str {
        self.article
    }

    /// The accepted members, separated by `, `.
    pub(crate) fn list(&self) -> &str {
        &self.list
    }

    /// The hint for `text`, a string that is not an accepted member.
    pub(crate) fn hint(&self, text: &str) -> Hint {
        if text == UNKNOWN_FUTURE_VALUE && self.has_unknown_future_value {
            return Hint::UnknownFutureValue;
        }
        // CSDL §3.1: names are case-sensitive, so a name in another case is only a hint.
        match self
            .members
            .iter()
            .position(|m| m.eq_ignore_ascii_case(text))
        {
            Some(index) => Hint::Case(index),
            None => Hint::None,
        }
    }
}

/// What a message adds after the members of an enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hint {
    /// Nothing.
    None,
    /// `unknownFutureValue` in a create body.
    UnknownFutureValue,
    /// The accepted member (by index) that differs only in case.
    Case(usize),
}

/// What a deferred error's texts are written from, with the error's source text: a string's
/// [`clip_head`] for [`Deferred::NotAMember`] and [`Deferred::DateTimeOffset`], the JSON type
/// found for [`Deferred::NotAMemberName`]. Each variant's words are written by
/// [`Deferred::write`] and nowhere else.
#[derive(Clone, Debug)]
pub(crate) enum Deferred {
    /// A string of `len` bytes that is not a member of the enum; `hint` is given when the head
    /// is not the whole string (it is otherwise found from the head when written).
    NotAMember {
        words: Arc<EnumWords>,
        len: usize,
        hint: Option<Hint>,
    },
    /// A value of another JSON type where a member name of the enum belongs.
    NotAMemberName(Arc<EnumWords>),
    /// A string of `len` bytes that is not an `Edm.DateTimeOffset`.
    DateTimeOffset {
        error: DateTimeOffsetError,
        len: usize,
    },
}

impl Deferred {
    /// A string `text` that is not a member: the deferred words and the source text to keep.
    pub(crate) fn not_a_member(words: Arc<EnumWords>, text: &str) -> (Deferred, &str) {
        let head = clip_head(text);
        let hint = (head.len() < text.len()).then(|| words.hint(text));
        let len = text.len();
        (Deferred::NotAMember { words, len, hint }, head)
    }

    /// About the bytes [`Deferred::write`] writes for the source text `source`.
    pub(crate) fn size_hint(&self, source: &str) -> usize {
        let words = match self {
            Deferred::NotAMember { words, .. } | Deferred::NotAMemberName(words) => {
                2 * words.list.len() + words.name.len()
            }
            Deferred::DateTimeOffset { .. } => DATE_TIME_OFFSET_EXAMPLE.len(),
        };
        words + 3 * source.len() + 160
    }

    /// Writes the message, the expected text and the found text to `out`, from the error's
    /// `source` text; returns where the first two end.
    pub(crate) fn write(&self, source: &str, out: &mut String) -> [usize; 2] {
        match self {
            Deferred::NotAMember { words, len, hint } => {
                let hint = hint.unwrap_or_else(|| words.hint(source));
                write_head(out, source, *len);
                out.push_str(" is not ");
                out.push_str(words.article);
                out.push(' ');
                out.push_str(&words.name);
                out.push_str(" member: expected one of ");
                out.push_str(&words.list);
                match hint {
                    Hint::None => {}
                    Hint::UnknownFutureValue => {
                        out.push_str(" (Graph rejects `unknownFutureValue` in a create body)")
                    }
                    Hint::Case(index) => {
                        out.push_str(" (member names are case-sensitive: did you mean `");
                        out.push_str(&words.members[index]);
                        out.push_str("`?)");
                    }
                }
                let message = out.len();
                out.push_str("one of: ");
                out.push_str(&words.list);
                let expected = out.len();
                write_head(out, source, *len);
                [message, expected]
            }
            Deferred::NotAMemberName(words) => {
                let expected =
                    [words.article, " ", &words.name, " member name (a string)"].concat();
                let message = write_type_message(out, &expected, source);
                out.push_str(&expected);
                let expected = out.len();
                out.push_str(source);
                [message, expected]
            }
            Deferred::DateTimeOffset { error, len } => {
                write_head(out, source, *len);
                write_not_a(out, Primitive::DateTimeOffset);
                // Writing to a String cannot fail.
                let _ = write!(out, "{error}");
                let message = out.len();
                out.push_str(DATE_TIME_OFFSET_EXAMPLE);
                let expected = out.len();
                write_head(out, source, *len);
                [message, expected]
            }
        }
    }
}

/// The `expected` of a malformed `Edm.DateTimeOffset`.
pub(crate) const DATE_TIME_OFFSET_EXAMPLE: &str =
    "Edm.DateTimeOffset, e.g. 2017-01-01T00:00:11.0338933+03:00";

/// Writes the middle of a `format` error's message, between the value and the reason:
/// `"x" is not an Edm.Guid: <reason>`.
pub(crate) fn write_not_a(out: &mut String, primitive: Primitive) {
    out.push_str(" is not ");
    out.push_str(article(primitive.edm_name()));
    out.push(' ');
    out.push_str(primitive.edm_name());
    out.push_str(": ");
}

/// Writes the message of a `type` error, `expected` wanted and `found` (`null`, `a number`)
/// found; returns where it ends.
pub(crate) fn write_type_message(out: &mut String, expected: &str, found: &str) -> usize {
    if found == "null" {
        out.push_str("null is not allowed here: expected ");
        out.push_str(expected);
    } else {
        out.push_str("expected ");
        out.push_str(expected);
        out.push_str(", found ");
        out.push_str(found);
    }
    out.len()
}

#[cfg(test)]
mod tests {
    use msgraph_schema_core::model::EnumType;
    use msgraph_schema_core::rules::{Operation, Options};

    use crate::pointer::Pointer;
    use crate::report::Error;
    use crate::typed::{Checker, Found, JsonNumber};

    /// An enum whose last member's name is longer than what a message quotes of a value.
    fn model() -> EnumType {
        let long = format!("very{}Long", "Very".repeat(16));
        let members: Vec<_> = ["unknown", "success", &long, "unknownFutureValue"]
            .iter()
            .map(|name| serde_json::json!({"name": name, "value": 0, "description": ""}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "name": "microsoft.graph.runState", "description": "",
            "members": members, "source": {"file": "", "line": 0}
        }))
        .expect("an enum")
    }

    /// The one error `found` gives under `operation`, its texts not read yet.
    fn error(found: Found<'_>, operation: Operation) -> Error {
        let options = Options {
            operation,
            strict: false,
        };
        let mut checker = Checker::new(&options);
        checker.enum_value(&model(), found, Pointer::ROOT.key("state"));
        let mut errors = checker.into_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.remove(0)
    }

    fn texts(error: &Error) -> [&str; 4] {
        let [expected, found] = [error.expected(), error.found()].map(Option::unwrap);
        [error.pointer(), error.message(), expected, found]
    }

    #[test]
    fn texts_are_written_when_read() {
        let long = format!("very{}Long", "Very".repeat(16));
        let all = format!("unknown, success, {long}, unknownFutureValue");
        let cases = [
            (
                error(Found::String("Success"), Operation::Update),
                [
                    "/state".to_owned(),
                    format!(
                        "\"Success\" is not a runState member: expected one of {all} (member \
                         names are case-sensitive: did you mean `success`?)"
                    ),
                    format!("one of: {all}"),
                    "\"Success\"".to_owned(),
                ],
            ),
            (
                error(Found::String("unknownFutureValue"), Operation::Create),
                [
                    "/state".to_owned(),
                    format!(
                        "\"unknownFutureValue\" is not a runState member: expected one of \
                         unknown, success, {long} (Graph rejects `unknownFutureValue` in a \
                         create body)"
                    ),
                    format!("one of: unknown, success, {long}"),
                    "\"unknownFutureValue\"".to_owned(),
                ],
            ),
            (
                // Longer than the quoted head: the hint comes from the whole value.
                error(Found::String(&long.to_uppercase()), Operation::Update),
                [
                    "/state".to_owned(),
                    format!(
                        "\"{}\"… ({} bytes) is not a runState member: expected one of {all} \
                         (member names are case-sensitive: did you mean `{long}`?)",
                        &long.to_uppercase()[..60],
                        long.len()
                    ),
                    format!("one of: {all}"),
                    format!("\"{}\"… ({} bytes)", &long.to_uppercase()[..60], long.len()),
                ],
            ),
            (
                error(Found::Number(JsonNumber::Text("3")), Operation::Update),
                [
                    "/state".to_owned(),
                    "expected a runState member name (a string), found a number".to_owned(),
                    "a runState member name (a string)".to_owned(),
                    "a number".to_owned(),
                ],
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(texts(&error), expected.each_ref().map(String::as_str));
            // Read once, kept: a clone and the JSON form say the same.
            assert_eq!(texts(&error.clone()), texts(&error));
            // New details replace the deferred ones and keep the rest.
            let detailed = error.clone().with("e", "f");
            assert_eq!(texts(&detailed), [&expected[0], &expected[1], "e", "f"]);
            assert_eq!(detailed.line, error.line);
            let json = serde_json::to_value(&error).expect("serialisable");
            assert_eq!(json["message"], expected[1]);
            let back: Error = serde_json::from_value(json).expect("deserialisable");
            assert_eq!(back, error);
        }
    }

    /// The article agrees with the enum's name: `an importance member`, `a runState member`.
    #[test]
    fn messages_say_an_before_a_vowel() {
        let importance: EnumType = serde_json::from_value(serde_json::json!({
            "name": "microsoft.graph.importance", "description": "",
            "members": [{"name": "low", "value": 0, "description": ""},
                        {"name": "high", "value": 1, "description": ""}],
            "source": {"file": "", "line": 0}
        }))
        .expect("an enum");
        let options = Options::default();
        let mut checker = Checker::new(&options);
        let at = Pointer::ROOT.key("importance");
        checker.enum_value(&importance, Found::String("normal"), at);
        checker.enum_value(&importance, Found::Number(JsonNumber::Text("1")), at);
        let errors = checker.into_errors();
        assert_eq!(
            errors[0].message(),
            "\"normal\" is not an importance member: expected one of low, high"
        );
        assert_eq!(
            errors[1].message(),
            "expected an importance member name (a string), found a number"
        );
        assert_eq!(
            errors[1].expected(),
            Some("an importance member name (a string)")
        );
        // And `a` before a consonant, as the tests above pin for `runState`.
        let error = error(Found::Number(JsonNumber::Text("3")), Operation::Update);
        assert!(
            error.message().contains("a runState member name"),
            "{}",
            error.message()
        );
    }
}
