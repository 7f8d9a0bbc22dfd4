//! `Edm.DateTimeOffset`: the OData ABNF rule `dateTimeOffsetValue` plus a calendar check.
//!
//! Not RFC 3339 nor chrono: seconds are optional, years may be negative or have 5+ digits, second
//! 60 is allowed at any minute, at most 12 fraction digits, offset `Z` or `±hh:mm` up to 23:59, and
//! `t`/`z` match (RFC 5234 §2.3). Days must exist (proleptic Gregorian, astronomical years).

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use super::scan::{self, Cursor, YearProblem, days_in_month};

/// The regex of the `dateTimeOffsetValue` syntax, as the JSON Schema emitter writes it: one
/// definition, shared with the build step.
pub use msgraph_schema_core::emit::json_schema::DATE_TIME_OFFSET_PATTERN;

/// An `Edm.DateTimeOffset` value: the original text, kept byte for byte, plus its parsed parts.
///
/// Equality and hashing compare the text, so `…Z` and `…+00:00` differ; compare
/// [`DateTimeOffset::to_chrono`] results to compare instants.
///
/// ```
/// use msgraph_schema::edm::DateTimeOffset;
///
/// let value: DateTimeOffset = "2017-01-01T00:00:11.0338933+03:00".parse().unwrap();
/// assert_eq!(value.as_str(), "2017-01-01T00:00:11.0338933+03:00");
/// assert_eq!((value.offset_minutes(), value.fraction_digits()), (180, "0338933"));
///
/// // Seconds are optional in OData; the day must exist in its month.
/// assert!(DateTimeOffset::parse("2021-06-15T08:30Z").is_ok());
/// assert_eq!(DateTimeOffset::parse("2021-02-29T08:30Z").unwrap_err().at, 8);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTimeOffset {
    text: String,
    year: Option<i64>,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: Option<u8>,
    fraction: Range<usize>,
    offset_minutes: i16,
}

/// Why a text is not a `dateTimeOffsetValue`.
///
/// `at` is the byte offset of the first byte with which no `dateTimeOffsetValue` can continue
/// (the ABNF test cases' "FailAt N"); `at` is the length when the text ends too early. Grammar
/// errors come first: a calendar error is only reported for grammatical text, at the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeOffsetError {
    /// Byte offset of the first offending byte.
    pub at: usize,
    /// What was expected there.
    pub reason: DateTimeOffsetErrorReason,
}

impl DateTimeOffsetError {
    /// True when the text matches the grammar (and the pattern) but the day does not exist.
    pub fn is_calendar_error(&self) -> bool {
        self.reason == DateTimeOffsetErrorReason::DayNotInMonth
    }
}

/// Declares [`DateTimeOffsetErrorReason`]; each variant's doc is also its `Display` message.
macro_rules! reasons {
    ($($name:ident => $message:literal,)*) => {
        /// The kind of a [`DateTimeOffsetError`]; its `Display` is a short plain-English message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum DateTimeOffsetErrorReason {
            $(#[doc = $message] $name,)*
        }

        impl fmt::Display for DateTimeOffsetErrorReason {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(match self { $(Self::$name => $message,)* })
            }
        }
    };
}

reasons! {
    Year => "expected a year of 4 digits, or more without a leading zero",
    YearLeadingZero => "expected '-': a year starting with 0 has exactly 4 digits",
    DateSeparator => "expected '-' in the date",
    Month => "expected 2-digit month 01-12",
    Day => "expected 2-digit day 01-31",
    DayNotInMonth => "day does not exist in this month",
    TimeSeparator => "expected 'T' between date and time",
    Hour => "expected 2-digit hour 00-23",
    Colon => "expected ':' between hour and minute",
    Minute => "expected 2-digit minute 00-59",
    SecondsOrOffset => "expected ':' and seconds, or offset 'Z', '+hh:mm' or '-hh:mm'",
    Second => "expected 2-digit second 00-60",
    FractionOrOffset => "expected '.' and fraction, or offset 'Z', '+hh:mm' or '-hh:mm'",
    Fraction => "expected 1 to 12 fractional-second digits",
    Offset => "expected offset 'Z', '+hh:mm' or '-hh:mm'",
    TrailingInput => "unexpected text after the offset",
}

impl fmt::Display for DateTimeOffsetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.reason, self.at)
    }
}

impl std::error::Error for DateTimeOffsetError {}

type Reason = DateTimeOffsetErrorReason;

/// The steps of the `dateTimeOffsetValue` rule on the shared [`Cursor`], each failing with a
/// [`DateTimeOffsetError`] at the cursor's position.
trait Steps {
    fn fail<T>(&self, reason: Reason) -> Result<T, DateTimeOffsetError>;
    fn expect(&mut self, ok: impl Fn(u8) -> bool, why: Reason) -> Result<u8, DateTimeOffsetError>;
    fn two_digits_in(&mut self, lo: u8, hi: u8, why: Reason) -> Result<u8, DateTimeOffsetError>;
    fn year_value(&mut self) -> Result<(Option<i64>, bool), DateTimeOffsetError>;
}

impl Steps for Cursor<'_> {
    fn fail<T>(&self, reason: Reason) -> Result<T, DateTimeOffsetError> {
        Err(DateTimeOffsetError { at: self.i, reason })
    }

    fn expect(&mut self, ok: impl Fn(u8) -> bool, why: Reason) -> Result<u8, DateTimeOffsetError> {
        self.eat(ok).map_or_else(|| self.fail(why), Ok)
    }

    /// [`Cursor::two_digits`]: on failure, `at` is the first bad digit.
    fn two_digits_in(&mut self, lo: u8, hi: u8, why: Reason) -> Result<u8, DateTimeOffsetError> {
        self.two_digits(lo, hi).map_or_else(|| self.fail(why), Ok)
    }

    fn year_value(&mut self) -> Result<(Option<i64>, bool), DateTimeOffsetError> {
        scan::year(self).map_err(|problem| match problem {
            YearProblem::TooShort(at) => DateTimeOffsetError {
                at,
                reason: Reason::Year,
            },
            YearProblem::LeadingZero(at) => DateTimeOffsetError {
                at,
                reason: Reason::YearLeadingZero,
            },
        })
    }
}

/// The value of two ASCII digits, `None` unless both are digits.
fn two_digits(tens: u8, ones: u8) -> Option<u8> {
    let (tens, ones) = (tens.wrapping_sub(b'0'), ones.wrapping_sub(b'0'));
    (tens < 10 && ones < 10).then(|| tens * 10 + ones)
}

/// The fixed head of [`DateTimeOffset::common_shape`], `YYYY-MM-DDThh:mm`, a `0` for each digit.
const HEAD: &[u8; 16] = b"0000-00-00T00:00";

/// Per byte of [`HEAD`] as a little-endian `u128`: the bits that must match it (`0xF0` for a
/// digit, `0xDF` for `T`, so that `t` matches too, `0xFF` otherwise), and `6` for a digit.
const HEAD_MASK_AND_SIXES: (u128, u128) = {
    let (mut mask, mut sixes, mut i) = (0, 0, 0);
    while i < 16 {
        let (byte_mask, six) = match HEAD[i] {
            b'0' => (0xF0, 6),
            b'T' => (0xDF, 0),
            _ => (0xFF, 0),
        };
        mask |= byte_mask << (8 * i);
        sixes |= six << (8 * i);
        i += 1;
    }
    (mask, sixes)
};

/// True when `head` has the shape of [`HEAD`], all 16 bytes at once: the separators are those
/// of `HEAD` (`T` or `t`, RFC 5234 §2.3) and each digit is `DIGIT` (0x30-0x39), that is a
/// byte with high nibble 3 that keeps it when 6 is added. Adding 6 to bytes 0x30-0x3F never
/// carries into the next byte, and when a byte is outside them the first test fails already.
fn has_head_shape(head: &[u8; 16]) -> bool {
    let (mask, sixes) = HEAD_MASK_AND_SIXES;
    let (x, expected) = (
        u128::from_le_bytes(*head),
        u128::from_le_bytes(*HEAD) & mask,
    );
    x & mask == expected && x.wrapping_add(sixes) & mask == expected
}

impl DateTimeOffset {
    /// Parses `text` as one whole `dateTimeOffsetValue`, then checks the calendar.
    ///
    /// # Errors
    /// A [`DateTimeOffsetError`] at the first byte that does not fit the grammar, or at the day
    /// when the day does not exist in its month.
    pub fn parse(text: &str) -> Result<Self, DateTimeOffsetError> {
        Self::parse_text(text)
    }

    /// Checks `text` like [`DateTimeOffset::parse`] without keeping it (no allocation).
    ///
    /// # Errors
    /// The same [`DateTimeOffsetError`] as [`DateTimeOffset::parse`].
    pub fn check(text: &str) -> Result<(), DateTimeOffsetError> {
        match Self::common_shape(text.as_bytes()) {
            Some(_) => Ok(()),
            None => Self::grammar(text).map(drop),
        }
    }

    fn parse_text<T: AsRef<str> + Into<String>>(text: T) -> Result<Self, DateTimeOffsetError> {
        let fields = Self::fields(text.as_ref())?;
        Ok(Self {
            text: text.into(),
            ..fields
        })
    }

    /// The parsed value, with an empty text: [`DateTimeOffset::parse_text`] fills it in.
    fn fields(text: &str) -> Result<Self, DateTimeOffsetError> {
        match Self::common_shape(text.as_bytes()) {
            Some(fields) => Ok(fields),
            None => Self::grammar(text),
        }
    }

    /// The shape Graph sends, `YYYY-MM-DDThh:mm[:ss[.fraction]](Z|±hh:mm)` with a four-digit
    /// year, read at fixed positions: the rules of [`DateTimeOffset::grammar`] for that shape
    /// only (tested to agree), `None` for anything else, a calendar error included, so that
    /// the full parser decides and explains.
    ///
    /// Inlined so that [`DateTimeOffset::check`], which drops the value, does not build it.
    #[inline]
    fn common_shape(b: &[u8]) -> Option<Self> {
        // The fixed head `YYYY-MM-DDThh:mm`: one length check, then no bounds checks.
        let (head, mut tail) = b.split_first_chunk::<16>()?;
        if !has_head_shape(head) {
            return None;
        }
        let pair = |i: usize| head[i].wrapping_sub(b'0') * 10 + head[i + 1].wrapping_sub(b'0');
        // year = "0" 3DIGIT / oneToNine 3*DIGIT: four digits then "-" is either.
        let year = u16::from(pair(0)) * 100 + u16::from(pair(2));
        // Each two-digit rule here (month, day, hour, minute, second) is a range, as in
        // `Cursor::two_digits`; a day above 31 fails the calendar check below.
        let (month, day, hour, minute) = (pair(5), pair(8), pair(11), pair(14));
        if !(1..=12).contains(&month) || day == 0 || hour > 23 || minute > 59 {
            return None;
        }
        let (mut second, mut fraction) = (None, 16..16);
        // [ ":" second [ "." fractionalSeconds ] ]
        if let [b':', s0, s1, rest @ ..] = tail {
            second = Some(two_digits(*s0, *s1).filter(|s| *s <= 60)?);
            tail = rest;
            if let [b'.', rest @ ..] = tail {
                // fractionalSeconds = 1*12DIGIT, not followed by a 13th digit
                let n = rest
                    .iter()
                    .take(13)
                    .take_while(|d| d.is_ascii_digit())
                    .count();
                if !(1..=12).contains(&n) {
                    return None;
                }
                fraction = 20..20 + n;
                tail = &rest[n..];
            }
        }
        // ( "Z" / ("+"/"-") hour ":" minute ), then the end of the text.
        let offset_minutes = match *tail {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h0, h1, b':', m0, m1] => {
                let h = two_digits(h0, h1).filter(|h| *h <= 23)?;
                let m = two_digits(m0, m1).filter(|m| *m <= 59)?;
                let total = i16::from(h) * 60 + i16::from(m);
                if sign == b'-' { -total } else { total }
            }
            _ => return None,
        };
        let leap = || year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        if day > 28 && day > days_in_month(month, leap()) {
            return None;
        }
        Some(Self {
            text: String::new(),
            year: Some(i64::from(year)),
            month,
            day,
            hour,
            minute,
            second,
            fraction,
            offset_minutes,
        })
    }

    /// The whole `dateTimeOffsetValue` rule, byte by byte, with the first failing byte.
    fn grammar(text: &str) -> Result<Self, DateTimeOffsetError> {
        let mut c = Cursor::new(text);
        // date = year "-" month "-" day
        let (year, leap) = c.year_value()?;
        c.expect(|b| b == b'-', Reason::DateSeparator)?;
        // month = "0" oneToNine / "1" ( "0" / "1" / "2" )
        let month = c.two_digits_in(1, 12, Reason::Month)?;
        c.expect(|b| b == b'-', Reason::DateSeparator)?;
        let day_at = c.i;
        // day = "0" oneToNine / ( "1" / "2" ) DIGIT / "3" ( "0" / "1" )
        let day = c.two_digits_in(1, 31, Reason::Day)?;
        // dateTimeOffsetValue = date "T" ...; quoted "T" is case-insensitive (RFC 5234 §2.3)
        c.expect(|b| matches!(b, b'T' | b't'), Reason::TimeSeparator)?;
        // timeOfDayValue = hour ":" minute [ ":" second [ "." fractionalSeconds ] ]
        // hour = ( "0" / "1" ) DIGIT / "2" ( "0" / "1" / "2" / "3" )
        let hour = c.two_digits_in(0, 23, Reason::Hour)?;
        c.expect(|b| b == b':', Reason::Colon)?;
        let minute = c.two_digits_in(0, 59, Reason::Minute)?; // minute = zeroToFiftyNine
        let (mut second, mut fraction, mut why) = (None, c.i..c.i, Reason::SecondsOrOffset);
        if c.eat(|b| b == b':').is_some() {
            second = Some(c.two_digits_in(0, 60, Reason::Second)?); // second = zeroToFiftyNine / "60"
            why = Reason::FractionOrOffset;
            if c.eat(|b| b == b'.').is_some() {
                // fractionalSeconds = 1*12DIGIT
                let start = c.i;
                c.expect(|b| b.is_ascii_digit(), Reason::Fraction)?;
                while c.i - start < 12 && c.eat(|b| b.is_ascii_digit()).is_some() {}
                if c.bytes.get(c.i).is_some_and(u8::is_ascii_digit) {
                    return c.fail(Reason::Fraction);
                }
                (fraction, why) = (start..c.i, Reason::Offset);
            }
        }
        // ( "Z" / ("+"/"-") hour ":" minute ); "Z" is case-insensitive (RFC 5234 §2.3)
        let offset_minutes = match c.expect(|b| matches!(b, b'Z' | b'z' | b'+' | b'-'), why)? {
            b'Z' | b'z' => 0,
            sign => {
                let h = i16::from(c.two_digits_in(0, 23, Reason::Hour)?); // hour
                c.expect(|b| b == b':', Reason::Colon)?;
                let m = i16::from(c.two_digits_in(0, 59, Reason::Minute)?); // minute
                let total = h * 60 + m;
                if sign == b'-' { -total } else { total }
            }
        };
        // The whole text must be one dateTimeOffsetValue.
        if c.i != c.bytes.len() {
            return c.fail(Reason::TrailingInput);
        }
        // Calendar check (not in the ABNF): day <= days in this month of this year.
        if day > days_in_month(month, leap) {
            c.i = day_at;
            return c.fail(Reason::DayNotInMonth);
        }
        Ok(Self {
            text: String::new(),
            year,
            month,
            day,
            hour,
            minute,
            second,
            fraction,
            offset_minutes,
        })
    }

    /// The original text, unchanged.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The year (negative before year 0), or `None` when it does not fit in an `i64`.
    pub fn year(&self) -> Option<i64> {
        self.year
    }

    /// The second, 0-60 (60 is a leap second), or `None` when the text has no seconds.
    pub fn second(&self) -> Option<u8> {
        self.second
    }

    /// The fractional-second digits as written (0 to 12 ASCII digits).
    pub fn fraction_digits(&self) -> &str {
        &self.text[self.fraction.clone()]
    }

    /// The offset from UTC in minutes, -1439..=1439 (`Z` is 0).
    pub fn offset_minutes(&self) -> i16 {
        self.offset_minutes
    }

    /// The same instant as a chrono value, or `None` outside chrono's range.
    ///
    /// Missing seconds are 0, fraction digits after the 9th are dropped, and second 60 becomes
    /// chrono's leap-second form (second 59 with nanoseconds >= 1\_000\_000\_000).
    pub fn to_chrono(&self) -> Option<DateTime<FixedOffset>> {
        let year = i32::try_from(self.year?).ok()?;
        let date = NaiveDate::from_ymd_opt(year, self.month.into(), self.day.into())?;
        let digits = self.fraction_digits().as_bytes();
        let nanos = (0..9).fold(0, |n, i| {
            n * 10 + digits.get(i).map_or(0, |d| u32::from(d - b'0'))
        });
        let (second, leap) = match self.second.unwrap_or(0) {
            60 => (59, 1_000_000_000),
            s => (u32::from(s), 0),
        };
        let (hour, minute) = (self.hour.into(), self.minute.into());
        let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos + leap)?;
        let offset = FixedOffset::east_opt(i32::from(self.offset_minutes) * 60)?;
        date.and_time(time).and_local_timezone(offset).single()
    }
}

impl FromStr for DateTimeOffset {
    type Err = DateTimeOffsetError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse_text(text)
    }
}

impl fmt::Display for DateTimeOffset {
    /// Writes the original text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for DateTimeOffset {
    /// Serializes the original text as a string.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for DateTimeOffset {
    /// Accepts a string (borrowed or owned) that [`DateTimeOffset::parse`] accepts.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse_text(text).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for DateTimeOffset {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "DateTimeOffset".into()
    }

    /// `{"type": "string", "pattern": DATE_TIME_OFFSET_PATTERN}`, as the export writes it: the
    /// pattern holds the ABNF and the calendar; no `format`, whose RFC 3339 is stricter.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": DATE_TIME_OFFSET_PATTERN,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The fast path gives what the full parser gives, and is taken for the common shape;
    /// `check`, which skips `fields`, answers as the full parser does.
    fn agrees(text: &str) -> Result<(), TestCaseError> {
        let fast = DateTimeOffset::common_shape(text.as_bytes());
        let full = DateTimeOffset::grammar(text);
        let checked = DateTimeOffset::check(text);
        prop_assert_eq!(checked, full.clone().map(drop), "{}", text);
        if let Some(fast) = &fast {
            prop_assert_eq!(Ok(fast), full.as_ref(), "{}", text);
        }
        let four_digit_year = text.len() > 4 && text.as_bytes()[..4].iter().all(u8::is_ascii_digit);
        if full.is_ok() && four_digit_year && text.as_bytes()[4] == b'-' {
            prop_assert!(fast.is_some(), "the fast path missed {}", text);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn common_shape_agrees_with_the_grammar(
            text in "[0-9]{4}-[0-3][0-9]-[0-3][0-9][Tt][0-2][0-9]:[0-6][0-9](:[0-6][0-9](\\.[0-9]{0,13})?)?([Zz]|[+-][0-2][0-9]:[0-6][0-9])?"
        ) {
            agrees(&text)?;
        }

        #[test]
        fn common_shape_agrees_on_near_misses(text in "[-0-9Tt:.Zz+ ]{0,34}") {
            agrees(&text)?;
        }
    }

    #[test]
    fn common_shape_cases() {
        for text in [
            "2017-01-01T00:00:11.0338933+03:00",
            "2024-02-29T23:59:60.123456789012Z",
            "2023-02-29T00:00Z",
            "0000-01-01T00:00-23:59",
            "2017-01-01T00:00:11.0338933+03:0",
            "2017-01-01T00:00:11.1234567890123Z",
            "2017-01-01T24:00Z",
            "2017-13-01T00:00Z",
            "2017-01-01T00:00:11+24:00",
            "2017-01-01T00:00:11.Z",
            "12017-01-01T00:00Z",
        ] {
            agrees(text).unwrap();
        }
    }
}
