//! `Edm.Date`: a JSON string whose content is the OData ABNF rule `dateValue` (JSON Format 4.01
//! §7.1 "Primitive Value"), plus a calendar check.
//!
//! Years have 4 digits, or more without a leading zero, with an optional `-`: `0000` is 1 BCE and
//! `-0001` is 2 BCE (CSDL §3.3: proleptic Gregorian calendar, as in XML Schema 2). The grammar has
//! no calendar; the check adds one: the day must exist in its month (February 29 only in leap
//! years: divisible by 4, and not by 100 unless by 400; year 0 is a leap year).

use std::fmt;
use std::str::FromStr;

use super::scan::{self, Cursor, YearProblem, days_in_month};

/// The regex of the `dateValue` syntax, the one the JSON Schema export uses. It has no calendar.
pub use msgraph_schema_core::edm_patterns::DATE_PATTERN;

/// A valid `Edm.Date`.
///
/// ```
/// use msgraph_schema::edm::Date;
///
/// let date = Date::parse("2024-02-29").unwrap();
/// assert_eq!((date.year(), date.month(), date.day()), (Some(2024), 2, 29));
/// assert!(Date::parse("2023-02-29").unwrap_err().is_calendar_error());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    year: Option<i64>,
    month: u8,
    day: u8,
}

/// Why a text is not an `Edm.Date`: the byte offset of the first byte with which no `dateValue`
/// can continue (the length when the text ends too early), and what was expected there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateError {
    /// Byte offset of the first offending byte.
    pub at: usize,
    /// What was expected there.
    pub reason: DateErrorReason,
}

impl DateError {
    /// True when the text matches the grammar (and [`DATE_PATTERN`]) but the day does not exist.
    pub fn is_calendar_error(&self) -> bool {
        self.reason == DateErrorReason::DayNotInMonth
    }
}

/// The kind of a [`DateError`]; its `Display` is a short plain-English message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateErrorReason {
    /// The year is not 4+ digits with an optional `-`.
    Year,
    /// A year starting with `0` has more than 4 digits.
    YearLeadingZero,
    /// `-` between year, month and day is missing.
    Separator,
    /// The month is not `01`-`12`.
    Month,
    /// The day is not `01`-`31`.
    Day,
    /// The day does not exist in this month of this year.
    DayNotInMonth,
    /// Text follows the day.
    TrailingInput,
}

impl fmt::Display for DateErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Year => "expected a year of 4 digits, or more without a leading zero",
            Self::YearLeadingZero => "expected '-': a year starting with 0 has exactly 4 digits",
            Self::Separator => "expected '-' between year, month and day",
            Self::Month => "expected a 2-digit month 01-12",
            Self::Day => "expected a 2-digit day 01-31",
            Self::DayNotInMonth => "this day does not exist in this month",
            Self::TrailingInput => "unexpected text after the day",
        })
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid Edm.Date: {} at byte {}; expected YYYY-MM-DD, e.g. 2024-02-29",
            self.reason, self.at
        )
    }
}

impl std::error::Error for DateError {}

/// [`scan::year`] with its problems as [`DateError`]s.
fn year(c: &mut Cursor<'_>) -> Result<(Option<i64>, bool), DateError> {
    scan::year(c).map_err(|problem| match problem {
        YearProblem::TooShort(at) => DateError {
            at,
            reason: DateErrorReason::Year,
        },
        YearProblem::LeadingZero(at) => DateError {
            at,
            reason: DateErrorReason::YearLeadingZero,
        },
    })
}

impl Date {
    /// Parses `text` as one whole `dateValue`, then checks the calendar.
    ///
    /// # Errors
    /// A [`DateError`] at the first byte that does not fit the grammar, or at the day when the
    /// day does not exist in its month.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let mut c = Cursor::new(text);
        let fail = |c: &Cursor<'_>, reason| Err(DateError { at: c.i, reason });
        // date = year "-" month "-" day
        let (year, leap) = year(&mut c)?;
        if !c.eat_byte(b'-') {
            return fail(&c, DateErrorReason::Separator);
        }
        // month = "0" oneToNine / "1" ( "0" / "1" / "2" )
        let Some(month) = c.two_digits(1, 12) else {
            return fail(&c, DateErrorReason::Month);
        };
        if !c.eat_byte(b'-') {
            return fail(&c, DateErrorReason::Separator);
        }
        let day_at = c.i;
        // day = "0" oneToNine / ( "1" / "2" ) DIGIT / "3" ( "0" / "1" )
        let Some(day) = c.two_digits(1, 31) else {
            return fail(&c, DateErrorReason::Day);
        };
        // The JSON string's whole content must be one dateValue (JSON Format §7.1).
        if !c.at_end() {
            return fail(&c, DateErrorReason::TrailingInput);
        }
        // Calendar check (not in the ABNF; CSDL §3.3: proleptic Gregorian).
        if day > days_in_month(month, leap) {
            return Err(DateError {
                at: day_at,
                reason: DateErrorReason::DayNotInMonth,
            });
        }
        Ok(Date { year, month, day })
    }

    /// The year (astronomical: 0 is 1 BCE, -1 is 2 BCE), or `None` when it does not fit an `i64`.
    pub fn year(&self) -> Option<i64> {
        self.year
    }

    /// The month, 1-12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1-31.
    pub fn day(&self) -> u8 {
        self.day
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}
