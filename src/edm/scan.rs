//! A byte cursor shared by the hand-written ABNF checkers of this module.
//!
//! Every checker reports the byte offset of the first byte with which its rule cannot continue
//! (the ABNF test cases' "FailAt N"); the cursor's position is that offset when a step fails.

/// A position in the bytes of the text being checked.
pub(crate) struct Cursor<'a> {
    pub(crate) bytes: &'a [u8],
    /// Index of the next byte.
    pub(crate) i: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor {
            bytes: text.as_bytes(),
            i: 0,
        }
    }

    /// The next byte, not consumed.
    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    /// Consumes the next byte if `ok` accepts it.
    pub(crate) fn eat(&mut self, ok: impl Fn(u8) -> bool) -> Option<u8> {
        let b = self.peek().filter(|&b| ok(b))?;
        self.i += 1;
        Some(b)
    }

    /// Consumes `byte` if it is next.
    pub(crate) fn eat_byte(&mut self, byte: u8) -> bool {
        self.eat(|b| b == byte).is_some()
    }

    /// Consumes ASCII digits (`DIGIT = %x30-39`, RFC 5234 B.1); returns how many.
    pub(crate) fn digits(&mut self) -> usize {
        let start = self.i;
        while self.eat(|b| b.is_ascii_digit()).is_some() {}
        self.i - start
    }

    /// Two digits with a value in `lo..=hi`, checked one by one so that on failure the cursor
    /// is at the first bad digit. Each two-digit ABNF rule used here (month, day, hour, minute,
    /// second) is exactly such a range.
    pub(crate) fn two_digits(&mut self, lo: u8, hi: u8) -> Option<u8> {
        let tens = self.eat(|b| (lo / 10..=hi / 10).contains(&b.wrapping_sub(b'0')))? - b'0';
        let in_range = |b: u8| b.is_ascii_digit() && (lo..=hi).contains(&(tens * 10 + (b - b'0')));
        Some(tens * 10 + (self.eat(in_range)? - b'0'))
    }

    /// True when every byte has been consumed.
    pub(crate) fn at_end(&self) -> bool {
        self.i >= self.bytes.len()
    }
}
