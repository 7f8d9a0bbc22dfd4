//! `Edm.TimeOfDay`: a JSON string whose content is the OData ABNF rule `timeOfDayValue` (JSON
//! Format 4.01 §7.1 "Primitive Value").
//!
//! `hh:mm`, `hh:mm:ss` or `hh:mm:ss.f…` with 1-12 fraction digits; hours 00-23, so `24:00:00` is
//! invalid (ABNF test case "TimeOfDay: 24:00" FailAt 1). Second `60` is accepted: the ABNF's
//! `second = zeroToFiftyNine / "60" ; for leap seconds` decides, although CSDL §3.3 describes the
//! type as "Clock time 00:00-23:59:59.999999999999"; `DateTimeOffset`, which reuses the rule,
//! made the same choice.

use std::fmt;
use std::str::FromStr;

use super::scan::Cursor;

/// The regex of the `timeOfDayValue` syntax, the one the JSON Schema export uses.
pub use msgraph_schema_core::edm_patterns::TIME_OF_DAY_PATTERN;

/// A valid `Edm.TimeOfDay`.
///
/// ```
/// use msgraph_schema::edm::TimeOfDay;
///
/// let t = TimeOfDay::parse("07:59:59.999").unwrap();
/// assert_eq!((t.hour(), t.minute(), t.second()), (7, 59, Some(59)));
/// assert_eq!(t.picoseconds(), 999_000_000_000);
/// assert_eq!(TimeOfDay::parse("24:00:00").unwrap_err().at, 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
    second: Option<u8>,
    picoseconds: u64,
}

/// Why a text is not an `Edm.TimeOfDay`: the byte offset of the first byte with which no
/// `timeOfDayValue` can continue (the length when the text ends too early), and what was
/// expected there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeOfDayError {
    /// Byte offset of the first offending byte.
    pub at: usize,
    /// What was expected there.
    pub reason: TimeOfDayErrorReason,
}

/// The kind of a [`TimeOfDayError`]; its `Display` is a short plain-English message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeOfDayErrorReason {
    /// The hour is not `00`-`23`.
    Hour,
    /// `:` between hour and minute is missing.
    Colon,
    /// The minute is not `00`-`59`.
    Minute,
    /// After the minute: neither `:` and seconds nor the end.
    SecondsOrEnd,
    /// The second is not `00`-`60`.
    Second,
    /// After the second: neither `.` and a fraction nor the end.
    FractionOrEnd,
    /// The fraction is not 1 to 12 digits.
    Fraction,
    /// Text follows the fraction.
    TrailingInput,
}

impl fmt::Display for TimeOfDayErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Hour => "expected a 2-digit hour 00-23",
            Self::Colon => "expected ':' between hour and minute",
            Self::Minute => "expected a 2-digit minute 00-59",
            Self::SecondsOrEnd => "expected ':' and seconds, or the end",
            Self::Second => "expected a 2-digit second 00-60",
            Self::FractionOrEnd => "expected '.' and fractional seconds, or the end",
            Self::Fraction => "expected 1 to 12 fractional-second digits",
            Self::TrailingInput => "unexpected text after the fractional seconds",
        })
    }
}

impl fmt::Display for TimeOfDayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid Edm.TimeOfDay: {} at byte {}; expected hh:mm[:ss[.fraction]], e.g. 07:59:59.999",
            self.reason, self.at
        )
    }
}

impl std::error::Error for TimeOfDayError {}

impl TimeOfDay {
    /// Parses `text` as one whole `timeOfDayValue`.
    ///
    /// # Errors
    /// A [`TimeOfDayError`] at the first byte that does not fit the grammar.
    pub fn parse(text: &str) -> Result<Self, TimeOfDayError> {
        use TimeOfDayErrorReason as R;
        let mut c = Cursor::new(text);
        let fail = |c: &Cursor<'_>, reason| Err(TimeOfDayError { at: c.i, reason });
        // timeOfDayValue = hour ":" minute [ ":" second [ "." fractionalSeconds ] ]
        // hour = ( "0" / "1" ) DIGIT / "2" ( "0" / "1" / "2" / "3" )
        let Some(hour) = c.two_digits(0, 23) else {
            return fail(&c, R::Hour);
        };
        if !c.eat_byte(b':') {
            return fail(&c, R::Colon);
        }
        let Some(minute) = c.two_digits(0, 59) else {
            return fail(&c, R::Minute); // minute = zeroToFiftyNine
        };
        let mut time = TimeOfDay {
            hour,
            minute,
            second: None,
            picoseconds: 0,
        };
        if c.at_end() {
            return Ok(time);
        } else if !c.eat_byte(b':') {
            return fail(&c, R::SecondsOrEnd);
        }
        // second = zeroToFiftyNine / "60" ; for leap seconds
        let Some(second) = c.two_digits(0, 60) else {
            return fail(&c, R::Second);
        };
        time.second = Some(second);
        if c.at_end() {
            return Ok(time);
        } else if !c.eat_byte(b'.') {
            return fail(&c, R::FractionOrEnd);
        }
        // fractionalSeconds = 1*12DIGIT
        let start = c.i;
        while c.i - start < 12 && c.eat(|b| b.is_ascii_digit()).is_some() {}
        if c.i == start || c.peek().is_some_and(|b| b.is_ascii_digit()) {
            return fail(&c, R::Fraction);
        } else if !c.at_end() {
            return fail(&c, R::TrailingInput);
        }
        let digits = &c.bytes[start..c.i];
        time.picoseconds = (0..12).fold(0, |n, k| {
            n * 10 + digits.get(k).map_or(0, |d| u64::from(d - b'0'))
        });
        Ok(time)
    }

    /// The hour, 0-23.
    pub fn hour(&self) -> u8 {
        self.hour
    }

    /// The minute, 0-59.
    pub fn minute(&self) -> u8 {
        self.minute
    }

    /// The second, 0-60 (60 is a leap second), or `None` when the text has no seconds.
    pub fn second(&self) -> Option<u8> {
        self.second
    }

    /// The fractional second in picoseconds (12 digits), 0 when there is none.
    pub fn picoseconds(&self) -> u64 {
        self.picoseconds
    }
}

impl FromStr for TimeOfDay {
    type Err = TimeOfDayError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}
