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

/// Why a `year` did not parse: too few digits, or a leading zero before more than three digits;
/// the offset is where the rule cannot continue.
pub(crate) enum YearProblem {
    /// Fewer than four digits.
    TooShort(usize),
    /// `"0" 3DIGIT` is exactly four digits.
    LeadingZero(usize),
}

/// `year = [ "-" ] ( "0" 3DIGIT / oneToNine 3*DIGIT )` (OData ABNF), shared by `dateValue` and
/// `dateTimeOffsetValue`; returns the value if it fits an `i64`, and whether it is a leap year.
pub(crate) fn year(c: &mut Cursor<'_>) -> Result<(Option<i64>, bool), YearProblem> {
    let negative = c.eat_byte(b'-');
    let start = c.i;
    let n = c.digits();
    if n < 4 {
        return Err(YearProblem::TooShort(c.i));
    } else if c.bytes[start] == b'0' && n > 4 {
        return Err(YearProblem::LeadingZero(start + 4));
    }
    let digits = &c.bytes[start..c.i];
    let sign = if negative { -1 } else { 1 };
    let value = digits.iter().try_fold(0i64, |v, &d| {
        v.checked_mul(10)?.checked_add(sign * i64::from(d - b'0'))
    });
    // 400 divides 10000, so the last four digits decide a leap year, whatever the sign.
    let last4 = digits[n - 4..]
        .iter()
        .fold(0, |v, &d| v * 10 + u32::from(d - b'0'));
    Ok((
        value,
        last4 % 4 == 0 && (last4 % 100 != 0 || last4 % 400 == 0),
    ))
}

/// The days of `month` (1-12) in a year that is `leap` or not (proleptic Gregorian, CSDL §3.3).
pub(crate) fn days_in_month(month: u8, leap: bool) -> u8 {
    let feb = if leap { 29 } else { 28 };
    [31, feb, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][usize::from(month.clamp(1, 12) - 1)]
}
