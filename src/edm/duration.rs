//! `Edm.Duration`: a JSON string whose content is the OData ABNF rule `durationValue` (JSON Format
//! 4.01 §7.1 "Primitive Value"): the ISO 8601 form without the URL literal's `duration'…'`.
//!
//! ```text
//! durationValue = [ "-" ] "P" [ 1*DIGIT "D" ]
//!                 [ "T" [ 1*DIGIT "H" ] [ 1*DIGIT "M" ] [ 1*DIGIT [ "." 1*DIGIT ] "S" ] ]
//! ```
//!
//! Days, hours, minutes and seconds only (ABNF test cases "no years allowed", "no months
//! allowed": `P1Y…`/`P1M…` FailAt 2), `-` but no `+` ("no plus allowed": FailAt 0), any number
//! of digits per component and in the fraction.
//!
//! Faithful to the grammar's letter, as `DateTimeOffset` is: `P`, `-P`, `PT` and `P1DT` match
//! (every part is optional), and so do lower-case designators (`p1dt2h`: the quoted literals are
//! case-insensitive, RFC 5234 §2.3). The ABNF calls itself "an approximation of the rules for an
//! xml dayTimeDuration", and both XML Schema and Microsoft.OData.Core (`EdmValueParser.ParseDuration`
//! → .NET `XmlConvert.ToTimeSpan`) reject those forms; so may a service.

use std::fmt;
use std::str::FromStr;

use super::scan::Cursor;

/// The regex of the `durationValue` syntax, the one the JSON Schema export uses.
pub use msgraph_schema_core::edm_patterns::DURATION_PATTERN;

/// A valid `Edm.Duration`.
///
/// ```
/// use msgraph_schema::edm::Duration;
///
/// let d = Duration::parse("-P1DT2H").unwrap();
/// assert!(d.is_negative());
/// assert_eq!((d.days(), d.hours(), d.minutes()), (Some(1), Some(2), None));
/// assert_eq!(Duration::parse("P1Y").unwrap_err().at, 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    negative: bool,
    days: Option<u64>,
    hours: Option<u64>,
    minutes: Option<u64>,
    seconds: Option<u64>,
    picoseconds: u64,
}

/// Why a text is not an `Edm.Duration`: the byte offset of the first byte with which no
/// `durationValue` can continue (the length when the text ends too early), and what was
/// expected there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DurationError {
    /// Byte offset of the first offending byte.
    pub at: usize,
    /// What was expected there.
    pub reason: DurationErrorReason,
}

/// The kind of a [`DurationError`]; its `Display` is a short plain-English message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DurationErrorReason {
    /// The text does not start with `-P` or `P`.
    Start,
    /// After `P`: neither days, `T` nor the end.
    DaysOrTime,
    /// Digits before `T` not followed by `D` (years and months are not allowed).
    DayDesignator,
    /// After the days: neither `T` nor the end.
    TimeOrEnd,
    /// After `T` (or a time component): no digits where a component must start.
    Component,
    /// Digits not followed by a designator allowed at this point (`H`, `M`, `S`, in this order).
    TimeDesignator,
    /// `.` not followed by digits.
    Fraction,
    /// A fraction not followed by `S`.
    SecondDesignator,
    /// Text follows the seconds.
    TrailingInput,
}

impl fmt::Display for DurationErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Start => "expected 'P', or '-P' for a negative duration",
            Self::DaysOrTime => "expected days ('1D'), 'T' and a time, or the end",
            Self::DayDesignator => {
                "expected 'D' after the number of days (years and months are not allowed)"
            }
            Self::TimeOrEnd => "expected 'T' and a time, or the end",
            Self::Component => "expected digits of hours, minutes or seconds",
            Self::TimeDesignator => "expected 'H', 'M' or 'S' (in this order) after the digits",
            Self::Fraction => "expected digits after '.'",
            Self::SecondDesignator => "expected 'S' after fractional seconds",
            Self::TrailingInput => "unexpected text after the seconds",
        })
    }
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid Edm.Duration: {} at byte {}; expected [-]P[nD][T[nH][nM][n[.n]S]], \
             e.g. P12DT23H59M59.999S",
            self.reason, self.at
        )
    }
}

impl std::error::Error for DurationError {}

/// The value of ASCII `digits`, saturating at `u64::MAX`.
fn value(digits: &[u8]) -> u64 {
    digits.iter().fold(0u64, |v, &d| {
        v.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    })
}

impl Duration {
    /// Parses `text` as one whole `durationValue`.
    ///
    /// # Errors
    /// A [`DurationError`] at the first byte that does not fit the grammar.
    pub fn parse(text: &str) -> Result<Self, DurationError> {
        use DurationErrorReason as R;
        let mut c = Cursor::new(text);
        let fail = |c: &Cursor<'_>, reason| Err(DurationError { at: c.i, reason });
        let mut d = Duration {
            negative: c.eat_byte(b'-'), // [ "-" ]: no "+" (ABNF test case "no plus allowed")
            days: None,
            hours: None,
            minutes: None,
            seconds: None,
            picoseconds: 0,
        };
        if c.eat(|b| matches!(b, b'P' | b'p')).is_none() {
            return fail(&c, R::Start);
        }
        // [ 1*DIGIT "D" ]
        let start = c.i;
        if c.digits() > 0 {
            let digits = &c.bytes[start..c.i];
            if c.eat(|b| matches!(b, b'D' | b'd')).is_none() {
                return fail(&c, R::DayDesignator); // "P1Y…", "P1M…": FailAt 2
            }
            d.days = Some(value(digits));
        }
        if c.at_end() {
            return Ok(d);
        } else if c.eat(|b| matches!(b, b'T' | b't')).is_none() {
            let why = if d.days.is_some() {
                R::TimeOrEnd
            } else {
                R::DaysOrTime
            };
            return fail(&c, why);
        }
        // [ 1*DIGIT "H" ] [ 1*DIGIT "M" ] [ 1*DIGIT [ "." 1*DIGIT ] "S" ], each optional, in order.
        let mut next = 0; // 0: H, M or S may follow; 1: M or S; 2: S; 3: nothing
        while !c.at_end() {
            if next == 3 {
                return fail(&c, R::TrailingInput);
            }
            let start = c.i;
            if c.digits() == 0 {
                return fail(&c, R::Component);
            }
            let n = Some(value(&c.bytes[start..c.i]));
            match c.peek() {
                Some(b'H' | b'h') if next == 0 => (d.hours, next) = (n, 1),
                Some(b'M' | b'm') if next <= 1 => (d.minutes, next) = (n, 2),
                Some(b'S' | b's') => (d.seconds, next) = (n, 3),
                Some(b'.') => {
                    c.i += 1;
                    let start = c.i;
                    if c.digits() == 0 {
                        return fail(&c, R::Fraction);
                    } else if !matches!(c.peek(), Some(b'S' | b's')) {
                        return fail(&c, R::SecondDesignator);
                    }
                    let digits = &c.bytes[start..c.i];
                    d.picoseconds = (0..12).fold(0, |p, k| {
                        p * 10 + digits.get(k).map_or(0, |x| u64::from(x - b'0'))
                    });
                    (d.seconds, next) = (n, 3);
                }
                _ => return fail(&c, R::TimeDesignator),
            }
            c.i += 1; // the designator
        }
        Ok(d)
    }

    /// True for a negative duration (`-P…`).
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The number of days, `None` when absent; saturates at `u64::MAX` (the grammar has no limit).
    pub fn days(&self) -> Option<u64> {
        self.days
    }

    /// The number of hours, `None` when absent; saturates at `u64::MAX`.
    pub fn hours(&self) -> Option<u64> {
        self.hours
    }

    /// The number of minutes, `None` when absent; saturates at `u64::MAX`.
    pub fn minutes(&self) -> Option<u64> {
        self.minutes
    }

    /// The whole seconds, `None` when absent; saturates at `u64::MAX`.
    pub fn seconds(&self) -> Option<u64> {
        self.seconds
    }

    /// The fractional second in picoseconds (digits after the 12th are dropped), 0 if none.
    pub fn picoseconds(&self) -> u64 {
        self.picoseconds
    }
}

impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}
