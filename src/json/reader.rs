//! A forward-only JSON reader over UTF-8 text (RFC 8259), the one JSON scanner of this crate:
//! the single pass reads payloads with it, and [`super::locate_all`] finds pointers with it. It
//! checks the grammar as it goes, borrows strings that hold no escape, and knows the byte offset
//! of everything it reads.
//!
//! It accepts exactly what `serde_json` accepts, so that the single pass and the parse to a
//! `Value` agree on what is JSON: the same recursion limit, numbers outside the `f64` range
//! rejected, unpaired UTF-16 surrogates in `\u` escapes rejected. When it says [`Invalid`],
//! the caller asks `serde_json` for the message.

use std::borrow::Cow;

/// The text is not JSON. Carries nothing: the caller re-reads the text for a located message.
#[derive(Debug)]
pub(crate) struct Invalid;

/// The result of a read.
pub(crate) type Read<T> = Result<T, Invalid>;

/// How many arrays and objects may be open at once: `serde_json` fails on the 128th.
const MAX_DEPTH: usize = 127;

/// A position in JSON text.
#[derive(Clone)]
pub(crate) struct Reader<'t> {
    text: &'t str,
    at: usize,
    depth: usize,
    /// Whether a line feed was read (one can only stand in whitespace: RFC 8259 §7 has it
    /// escaped in strings).
    multiline: bool,
    /// Non-zero when a byte above 0x7F was read (they can only stand in strings).
    high_bits: u64,
}

impl<'t> Reader<'t> {
    /// A reader at the start of `text`.
    pub(crate) fn new(text: &'t str) -> Reader<'t> {
        Reader {
            text,
            at: 0,
            depth: 0,
            multiline: false,
            high_bits: 0,
        }
    }

    /// A reader at byte `offset` of `text`, as if what comes before were read.
    pub(crate) fn at(text: &'t str, offset: usize) -> Reader<'t> {
        Reader {
            at: offset.min(text.len()),
            ..Reader::new(text)
        }
    }

    /// The byte offset of the next byte.
    #[inline]
    pub(crate) fn offset(&self) -> usize {
        self.at
    }

    /// The next byte, if any.
    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Skips JSON whitespace (RFC 8259 §2: space, tab, line feed, carriage return).
    #[inline]
    pub(crate) fn skip_ws(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            // Most payloads are compact: the next byte is not whitespace.
            if b > b' ' {
                return;
            }
            match b {
                b' ' | b'\t' | b'\r' => {}
                b'\n' => self.multiline = true,
                _ => return,
            }
            self.at += 1;
        }
    }

    /// Whether the text read so far has more than one line.
    pub(crate) fn multiline(&self) -> bool {
        self.multiline
    }

    /// Whether the text read so far is ASCII (when false, it may be anyway).
    pub(crate) fn ascii(&self) -> bool {
        self.high_bits == 0
    }

    /// Succeeds when only whitespace is left.
    pub(crate) fn end(&mut self) -> Read<()> {
        self.skip_ws();
        if self.at == self.text.len() {
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// Reads `null`, `true` or `false`, whichever `word` is.
    pub(crate) fn literal(&mut self, word: &[u8]) -> Read<()> {
        if self.text.as_bytes()[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// Reads a number (RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`).
    ///
    /// Like `serde_json`, a number whose value is outside the `f64` range (`1e400`) is an
    /// error, though RFC 8259 §9 would allow it. Returns the number's text.
    pub(crate) fn number(&mut self) -> Read<&'t str> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let mut i = start;
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        let int_start = i;
        match bytes.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits(bytes, i),
            _ => return Err(Invalid),
        }
        let int_digits = i - int_start;
        let mut exact = int_digits <= 308;
        if bytes.get(i) == Some(&b'.') {
            let after = digits(bytes, i + 1);
            if after == i + 1 {
                return Err(Invalid);
            }
            i = after;
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            let after = digits(bytes, i);
            if after == i {
                return Err(Invalid);
            }
            i = after;
            exact = false;
        }
        self.at = i;
        // Only a long integer part or an exponent can leave the f64 range.
        let number = &self.text[start..i];
        if !exact && !number.parse::<f64>().is_ok_and(f64::is_finite) {
            return Err(Invalid);
        }
        Ok(number)
    }

    /// Reads a string at its opening quote; borrowed when it holds no escape.
    #[inline]
    pub(crate) fn string(&mut self) -> Read<Cow<'t, str>> {
        let bytes = self.text.as_bytes();
        debug_assert_eq!(bytes.get(self.at), Some(&b'"'));
        let start = self.at + 1;
        let i = plain_run(bytes, start, &mut self.high_bits);
        match bytes.get(i) {
            Some(b'"') => {
                self.at = i + 1;
                Ok(Cow::Borrowed(&self.text[start..i]))
            }
            Some(b'\\') => {
                let mut owned = String::with_capacity(i - start + 16);
                owned.push_str(&self.text[start..i]);
                self.at = i;
                self.escaped(owned).map(Cow::Owned)
            }
            // A control character (RFC 8259 §7: U+0000 to U+001F must be escaped) or the end.
            _ => Err(Invalid),
        }
    }

    /// Reads a string at its opening quote without keeping its text: escapes are checked, not
    /// decoded.
    #[inline]
    pub(crate) fn skip_string(&mut self) -> Read<()> {
        let bytes = self.text.as_bytes();
        let mut i = self.at + 1;
        loop {
            i = plain_run(bytes, i, &mut self.high_bits);
            match bytes.get(i) {
                Some(b'"') => {
                    self.at = i + 1;
                    return Ok(());
                }
                Some(b'\\') => match bytes.get(i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(b'u') => {
                        self.at = i + 2;
                        self.unicode_escape()?;
                        i = self.at;
                    }
                    _ => return Err(Invalid),
                },
                _ => return Err(Invalid),
            }
        }
    }

    /// The rest of a string from its first backslash.
    fn escaped(&mut self, mut owned: String) -> Read<String> {
        let bytes = self.text.as_bytes();
        loop {
            match bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(owned);
                }
                Some(b'\\') => {
                    let c = match bytes.get(self.at + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 2;
                            owned.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err(Invalid),
                    };
                    owned.push(c);
                    self.at += 2;
                }
                Some(_) => {
                    let end = plain_run(bytes, self.at, &mut self.high_bits);
                    match bytes.get(end) {
                        Some(b'"' | b'\\') => {
                            owned.push_str(&self.text[self.at..end]);
                            self.at = end;
                        }
                        _ => return Err(Invalid),
                    }
                }
                None => return Err(Invalid),
            }
        }
    }

    /// The character of a `\u` escape whose four hex digits start here; a UTF-16 high
    /// surrogate must be followed by `\u` and a low one (RFC 8259 §7), as `serde_json` insists.
    fn unicode_escape(&mut self) -> Read<char> {
        let first = self.hex4()?;
        match first {
            0xD800..=0xDBFF => {
                if !self.text.as_bytes()[self.at..].starts_with(b"\\u") {
                    return Err(Invalid);
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(Invalid);
                }
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                char::from_u32(code).ok_or(Invalid)
            }
            0xDC00..=0xDFFF => Err(Invalid),
            code => char::from_u32(code).ok_or(Invalid),
        }
    }

    fn hex4(&mut self) -> Read<u32> {
        let digits = self
            .text
            .as_bytes()
            .get(self.at..self.at + 4)
            .ok_or(Invalid)?;
        let mut code = 0;
        for &d in digits {
            code = code * 16 + (d as char).to_digit(16).ok_or(Invalid)?;
        }
        self.at += 4;
        Ok(code)
    }

    /// The last `@odata.type` string among the members of the object that starts here, read
    /// ahead on a copy of the reader (the last, as `serde_json` keeps the last of duplicate
    /// names); `None` when there is none or the text is not JSON (the walk reports that).
    pub(crate) fn odata_type_ahead(mut self) -> Option<Cow<'t, str>> {
        self.open().ok()?;
        let (mut first, mut found) = (true, None);
        while let Some((key, _)) = self.next_member(&mut first).ok()? {
            if key == "@odata.type" && self.peek() == Some(b'"') {
                found = Some(self.string().ok()?);
            } else {
                self.skip_value().ok()?;
            }
        }
        found
    }

    /// Reads past one value of any type.
    pub(crate) fn skip_value(&mut self) -> Read<()> {
        match self.peek() {
            Some(b'"') => self.skip_string(),
            Some(b'n') => self.literal(b"null"),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'[') => {
                self.open()?;
                let mut first = true;
                while self.next_item(&mut first)? {
                    self.skip_value()?;
                }
                Ok(())
            }
            Some(b'{') => {
                self.open()?;
                let mut first = true;
                while self.next_member(&mut first)?.is_some() {
                    self.skip_value()?;
                }
                Ok(())
            }
            _ => self.number().map(drop),
        }
    }

    /// Enters an array or object at its opening bracket.
    pub(crate) fn open(&mut self) -> Read<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Invalid);
        }
        self.at += 1;
        Ok(())
    }

    /// The next member of an open object: its name and the offset of the name's quote, with
    /// the reader at the value; `None` after the closing brace.
    pub(crate) fn next_member(&mut self, first: &mut bool) -> Read<Option<(Cow<'t, str>, usize)>> {
        self.skip_ws();
        match self.peek() {
            Some(b'}') if *first => return self.close(),
            Some(b'"') if *first => {}
            Some(b'}') => return self.close(),
            Some(b',') if !*first => {
                self.at += 1;
                self.skip_ws();
                if self.peek() != Some(b'"') {
                    return Err(Invalid);
                }
            }
            _ => return Err(Invalid),
        }
        *first = false;
        let name_at = self.at;
        let name = self.string()?;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(Invalid);
        }
        self.at += 1;
        self.skip_ws();
        Ok(Some((name, name_at)))
    }

    /// Whether an open array has another item, with the reader at it.
    pub(crate) fn next_item(&mut self, first: &mut bool) -> Read<bool> {
        self.skip_ws();
        match self.peek() {
            Some(b']') => {
                self.close::<()>()?;
                return Ok(false);
            }
            Some(b',') if !*first => {
                self.at += 1;
                self.skip_ws();
            }
            Some(_) if *first => {}
            _ => return Err(Invalid),
        }
        *first = false;
        Ok(true)
    }

    fn close<T>(&mut self) -> Read<Option<T>> {
        self.depth -= 1;
        self.at += 1;
        Ok(None)
    }
}

/// The end of `bytes[i..]`'s run of bytes that may stand unescaped in a string: the offset of
/// the first `"`, `\`, control character (RFC 8259 §7: U+0000 to U+001F must be escaped), or
/// the length. Adds the high bits of the bytes it reads (and perhaps of a few after) to `high`.
#[inline]
fn plain_run(bytes: &[u8], mut i: usize, high: &mut u64) -> usize {
    // Eight bytes at a time (SWAR): a byte is special when it is below 0x20, `"` or `\`. The
    // lowest flagged byte is exact (the "has zero byte" trick can only over-flag above it).
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // In a local, so that it stays in a register.
    let mut seen = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        seen |= word;
        let below_space = word.wrapping_sub(ONES * 0x20);
        let quote = (word ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES);
        let backslash = (word ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES);
        let special = (below_space | quote | backslash) & !word & HIGHS;
        if special != 0 {
            *high |= seen & HIGHS;
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        seen |= u64::from(b);
        i += 1;
    }
    *high |= seen & HIGHS;
    i
}

/// The end of a run of ASCII digits starting at `i`.
#[inline]
fn digits(bytes: &[u8], mut i: usize) -> usize {
    while let Some(b'0'..=b'9') = bytes.get(i) {
        i += 1;
    }
    i
}
