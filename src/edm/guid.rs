//! `Edm.Guid`: a JSON string whose content is the OData ABNF rule `guidValue` (JSON Format 4.01
//! §7.1 "Primitive Value"): `guid = 8HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 12HEXDIG`.
//!
//! Hex digits in either case (`HEXDIG`'s `"A"`-`"F"` are quoted literals, case-insensitive by
//! RFC 5234 §2.3). Nothing else: no braces, parentheses, `urn:uuid:` or 32 digits without
//! hyphens, although .NET's `new Guid(string)` (used by Microsoft.OData.Core) takes all of them.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use super::scan::Cursor;

/// The regex of the `guidValue` syntax, the one the JSON Schema export uses.
pub use msgraph_schema_core::edm_patterns::GUID_PATTERN;

/// A valid `Edm.Guid`: its 32 hex digits as one number, in text order.
///
/// ```
/// use msgraph_schema::edm::Guid;
///
/// let g = Guid::parse("01234567-89ab-cdef-0123-456789ABCDEF").unwrap();
/// assert_eq!(g.as_u128(), 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
/// assert_eq!(Guid::parse("01234g67-89ab-cdef-0123-456789abcdef").unwrap_err().at, 5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid(u128);

/// Why a text is not an `Edm.Guid`: the byte offset of the first byte with which no `guidValue`
/// can continue (the length when the text ends too early), and what was expected there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuidError {
    /// Byte offset of the first offending byte.
    pub at: usize,
    /// What was expected there.
    pub reason: GuidErrorReason,
}

/// The kind of a [`GuidError`]; its `Display` is a short plain-English message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GuidErrorReason {
    /// Not a hex digit where one is needed.
    HexDigit,
    /// `-` missing after a group of 8, 4, 4 or 4 digits.
    Hyphen,
    /// The text starts with `{` or `(`: a .NET or registry format.
    Braces,
    /// Text follows the 12th digit of the last group.
    TrailingInput,
}

impl fmt::Display for GuidErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::HexDigit => "expected a hex digit 0-9, a-f or A-F",
            Self::Hyphen => "expected '-' after a group of hex digits",
            Self::Braces => "braces or parentheses are not part of an OData Guid; remove them",
            Self::TrailingInput => "unexpected text after the last group of 12 hex digits",
        })
    }
}

impl fmt::Display for GuidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid Edm.Guid: {} at byte {}; expected 8-4-4-4-12 hex digits, \
             e.g. 01234567-89ab-cdef-0123-456789abcdef",
            self.reason, self.at
        )
    }
}

impl std::error::Error for GuidError {}

impl Guid {
    /// Parses `text` as one whole `guidValue`.
    ///
    /// # Errors
    /// A [`GuidError`] at the first byte that does not fit the grammar.
    pub fn parse(text: &str) -> Result<Self, GuidError> {
        match Self::fixed(text.as_bytes()) {
            Some(guid) => Ok(guid),
            None => Self::grammar(text),
        }
    }

    /// A valid text read at fixed positions, `None` for anything else: the rules of
    /// [`Guid::grammar`] (tested to agree), which decides and explains when this says `None`.
    fn fixed(b: &[u8]) -> Option<Self> {
        let b: &[u8; 36] = b.try_into().ok()?;
        // guid = 8HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 12HEXDIG
        if b[8] != b'-' || b[13] != b'-' || b[18] != b'-' || b[23] != b'-' {
            return None;
        }
        // HEXDIG values; a byte that is not one gives 16, noted in `seen` and checked once.
        let mut seen = 0;
        let mut group = |at: Range<usize>| {
            b[at].iter().fold(0u64, |v, &byte| {
                let nibble = HEX[usize::from(byte)];
                seen |= nibble;
                v << 4 | u64::from(nibble)
            })
        };
        let high = group(0..8) << 32 | group(9..13) << 16 | group(14..18);
        let low = group(19..23) << 48 | group(24..36);
        (seen < 16).then(|| Guid(u128::from(high) << 64 | u128::from(low)))
    }

    /// The whole `guidValue` rule, byte by byte, with the first failing byte.
    fn grammar(text: &str) -> Result<Self, GuidError> {
        let mut c = Cursor::new(text);
        let fail = |c: &Cursor<'_>, reason| Err(GuidError { at: c.i, reason });
        if matches!(c.peek(), Some(b'{' | b'(')) {
            return fail(&c, GuidErrorReason::Braces);
        }
        let mut value = 0u128;
        for (k, len) in [8, 4, 4, 4, 12].into_iter().enumerate() {
            if k > 0 && !c.eat_byte(b'-') {
                return fail(&c, GuidErrorReason::Hyphen);
            }
            for _ in 0..len {
                // HEXDIG = DIGIT / "A" / "B" / "C" / "D" / "E" / "F"
                let Some(digit) = c.eat(|b| b.is_ascii_hexdigit()) else {
                    return fail(&c, GuidErrorReason::HexDigit);
                };
                let nibble = char::from(digit).to_digit(16).unwrap_or(0);
                value = value << 4 | u128::from(nibble);
            }
        }
        if !c.at_end() {
            return fail(&c, GuidErrorReason::TrailingInput);
        }
        Ok(Guid(value))
    }

    /// The 128 bits, the first hex digit most significant.
    pub fn as_u128(&self) -> u128 {
        self.0
    }
}

/// The value of each byte as a `HEXDIG` (RFC 5234 B.1; letters in either case, §2.3), 16 for
/// a byte that is not one.
const HEX: [u8; 256] = {
    let mut table = [16; 256];
    let mut i = 0;
    while i < 16 {
        table[b"0123456789abcdef"[i] as usize] = i as u8;
        table[b"0123456789ABCDEF"[i] as usize] = i as u8;
        i += 1;
    }
    table
};

impl FromStr for Guid {
    type Err = GuidError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl fmt::Display for Guid {
    /// The canonical lower-case 8-4-4-4-12 form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        write!(
            f,
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            v >> 96,
            (v >> 80) & 0xffff,
            (v >> 64) & 0xffff,
            (v >> 48) & 0xffff,
            v & 0xffff_ffff_ffff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GUID: &str =
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /// The fast path gives what the full parser gives, and is taken for every valid text.
    fn agrees(text: &str) -> Result<(), TestCaseError> {
        let full = Guid::grammar(text);
        prop_assert_eq!(
            Guid::fixed(text.as_bytes()).ok_or(()),
            full.map_err(drop),
            "{}",
            text
        );
        prop_assert_eq!(Guid::parse(text), full, "{}", text);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn fixed_agrees_with_the_grammar(text in GUID) {
            agrees(&text)?;
        }

        /// One byte of a valid text replaced by a byte near a digit, a letter or a hyphen.
        #[test]
        fn fixed_agrees_on_near_misses(
            text in GUID,
            at in 0..36usize,
            byte in prop::sample::select(b"-/0:@AFG`afg{".to_vec()),
        ) {
            let mut bytes = text.into_bytes();
            bytes[at] = byte;
            agrees(std::str::from_utf8(&bytes).unwrap())?;
        }
    }

    #[test]
    fn fixed_cases() {
        for text in [
            "01234567-89ab-cdef-0123-456789ABCDEF",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "01234567-89ab-cdef-0123-456789abcde",
            "01234567-89ab-cdef-0123-456789abcdef0",
            "01234567089ab-cdef-0123-456789abcdef",
            "{1234567-89ab-cdef-0123-456789abcdef}",
            "01234567-89ab-cdef-0123-456789abcdeg",
            "0123456/-89ab-cdef-0123-456789abcdef",
            "01234567-89ab-cdef-0123-456789abcde:",
            "01234567-89ab-cdef-0123-456789abcd@f",
            "01234567-89ab-cdef-0123-456789abcd`f",
        ] {
            agrees(text).unwrap();
        }
    }
}
