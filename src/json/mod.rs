//! Reading a payload's text: UTF-8 and JSON syntax errors with their line and column, duplicate
//! member names (which `serde_json::Value` would silently drop), and finding the line and column
//! of a JSON Pointer afterwards.

use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

pub(crate) mod reader;

use reader::{Read, Reader};

use crate::pointer::Pointer;
use crate::report::{Error, ErrorKind, clip};

/// A parsed payload and the duplicate members found while reading it.
pub struct Parsed {
    /// The value; for a duplicated name, the last occurrence (as serde_json keeps it).
    pub value: Value,
    /// One error per repeated member, at its pointer.
    pub duplicates: Vec<Error>,
}

/// Parses `bytes` as one JSON value.
///
/// Nesting deeper than serde_json's recursion limit (128) is a syntax error, not a crash.
pub fn parse(bytes: &[u8]) -> Result<Parsed, Box<Error>> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let at = err.valid_up_to();
        let (line, column) = line_column(&String::from_utf8_lossy(&bytes[..at]), at);
        let mut error = Error::new(
            String::new(),
            ErrorKind::Syntax,
            format!(
                "the input is not UTF-8: invalid byte 0x{:02x} at byte {at}",
                bytes[at]
            ),
        );
        (error.line, error.column, error.offset) = (line, column, Some(at));
        Box::new(error)
    })?;
    parse_str(text)
}

/// Parses `text` as one JSON value.
pub fn parse_str(text: &str) -> Result<Parsed, Box<Error>> {
    let mut duplicates = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = ValueSeed {
        at: Pointer::ROOT,
        duplicates: &mut duplicates,
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value))
    .map_err(|err| syntax_error(text, &err))?;
    Ok(Parsed { value, duplicates })
}

/// A syntax error located in characters: serde_json counts columns in bytes.
fn syntax_error(text: &str, err: &serde_json::Error) -> Box<Error> {
    let line_start = match err.line() {
        0 | 1 => 0,
        line => text
            .match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    let mut offset = (line_start + err.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let mut error = Error::new(
        String::new(),
        ErrorKind::Syntax,
        format!("not valid JSON: {err}"),
    );
    (error.line, error.column) = line_column(text, offset);
    error.offset = Some(offset);
    Box::new(error)
}

/// Builds a `Value` like serde_json does, noting every member name that repeats in its object.
struct ValueSeed<'p, 'd> {
    at: Pointer<'p>,
    duplicates: &'d mut Vec<Error>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(ValueSeed {
            at: self.at.index(items.len()),
            duplicates: self.duplicates,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let here = self.at.key(&key);
            let value = map.next_value_seed(ValueSeed {
                at: here,
                duplicates: self.duplicates,
            })?;
            if object.contains_key(&key) {
                // RFC 7493 (I-JSON) §2.3: objects MUST NOT have members with duplicate names;
                // Microsoft.OData.Core rejects them (ThrowOnDuplicatePropertyNames).
                let message = format!(
                    "the member {} appears more than once in this object",
                    clip(&key)
                );
                self.duplicates.push(Error::new(
                    here.to_string(),
                    ErrorKind::DuplicateProperty,
                    message,
                ));
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Sets `offset`, `line` and `column` of every error from its pointer, in one pass over `text`
/// (valid JSON, already parsed) whatever the number of errors.
///
/// An unknown or duplicate member points at its name (the last occurrence for a duplicate), a
/// missing one at the object that lacks it, anything else at the value.
pub fn locate_all(text: &str, errors: &mut [Error]) {
    let target = |e: &Error| -> String {
        if e.kind == ErrorKind::Required {
            // The member is missing: point at the object that lacks it.
            e.pointer()
                .rsplit_once('/')
                .map_or(String::new(), |(parent, _)| parent.to_owned())
        } else {
            e.pointer().to_owned()
        }
    };
    // Every occurrence of each wanted pointer: a name can repeat (a duplicate key), and
    // serde_json keeps the last value, so that is the one the validators checked.
    let mut wanted: HashMap<String, Vec<(usize, usize)>> = errors
        .iter()
        .filter(|e| e.kind != ErrorKind::Syntax)
        .map(|e| (target(e), Vec::new()))
        .collect();
    if wanted.is_empty() {
        return;
    }
    walk(text, |path, name_at, value_at| {
        if let Some(seen) = wanted.get_mut(path) {
            seen.push((name_at.unwrap_or(value_at), value_at));
        }
    });
    let mut repeats: HashMap<String, usize> = HashMap::new();
    let mut located = Vec::new();
    for (index, error) in errors.iter_mut().enumerate() {
        let Some(seen) = wanted.get(&target(error)) else {
            continue;
        };
        let offset = match error.kind {
            // The k-th duplicate error of a name (in parse order) is its (k+1)-th occurrence.
            ErrorKind::DuplicateProperty => {
                let k = repeats.entry(error.pointer().to_owned()).or_default();
                *k += 1;
                seen.get(*k).or(seen.last()).map(|(name, _)| *name)
            }
            ErrorKind::UnknownProperty => seen.first().map(|(name, _)| *name),
            _ => seen.last().map(|(_, value)| *value),
        };
        if let Some(offset) = offset {
            error.offset = Some(offset);
            located.push((offset, index));
        }
    }
    located.sort_unstable();
    let (mut line, mut column, mut at) = (1, 1, 0);
    for (offset, index) in located {
        for c in text[at..offset].chars() {
            if c == '\n' {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
        at = offset;
        (errors[index].line, errors[index].column) = (line, column);
    }
}

/// Calls `visit(pointer, member name offset, value offset)` for every value of valid JSON
/// `text`, in order, with the [`Reader`] that the single pass reads with.
pub(crate) fn walk(text: &str, mut visit: impl FnMut(&str, Option<usize>, usize)) {
    let mut reader = Reader::new(text);
    reader.skip_ws();
    let mut path = String::new();
    // Text that is not JSON (the caller's error) is walked up to where it breaks.
    let _ = walk_value(&mut reader, &mut path, None, &mut visit);
}

/// [`walk`] from the value at the reader (depth is bounded by the reader's nesting limit).
fn walk_value(
    reader: &mut Reader<'_>,
    path: &mut String,
    name_at: Option<usize>,
    visit: &mut dyn FnMut(&str, Option<usize>, usize),
) -> Read<()> {
    visit(path, name_at, reader.offset());
    let mark = path.len();
    match reader.peek() {
        Some(b'{') => {
            reader.open()?;
            let mut first = true;
            while let Some((name, name_at)) = reader.next_member(&mut first)? {
                push_segment(path, &name);
                walk_value(reader, path, Some(name_at), visit)?;
                path.truncate(mark);
            }
            Ok(())
        }
        Some(b'[') => {
            reader.open()?;
            let (mut first, mut index) = (true, 0usize);
            while reader.next_item(&mut first)? {
                path.push('/');
                path.push_str(&index.to_string());
                walk_value(reader, path, None, visit)?;
                path.truncate(mark);
                index += 1;
            }
            Ok(())
        }
        _ => reader.skip_value(),
    }
}

/// Appends `/segment` with RFC 6901 escaping.
fn push_segment(path: &mut String, segment: &str) {
    path.push('/');
    for c in segment.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

/// The end of the value (or member name) that starts at byte `start`: the closing quote of a
/// string, the bracket that closes an object or array, the end of a literal; `start` when no
/// JSON value starts there.
pub fn value_end(text: &str, start: usize) -> usize {
    let mut reader = Reader::at(text, start);
    match reader.skip_value() {
        Ok(()) => reader.offset(),
        Err(_) => start,
    }
}

/// The byte offset of 1-based `line` and `column` (in characters) in `text`.
pub fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[line_start..];
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(line_start + within)
}
