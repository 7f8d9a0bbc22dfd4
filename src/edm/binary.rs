//! `Edm.Binary`: a JSON string whose content is the OData ABNF rule `binaryValue` (JSON Format
//! 4.01 §7.1 "Primitive Value"), base64url (RFC 4648 §5):
//!
//! ```text
//! binaryValue = *(4base64char) [ base64b16 / base64b8 ]
//! base64b16   = 2base64char ( %s"A" / %s"E" / %s"I" / %s"M" / %s"Q" / %s"U" / %s"Y" / %s"c" /
//!                             %s"g" / %s"k" / %s"o" / %s"s" / %s"w" / %s"0" / %s"4" / %s"8" ) [ "=" ]
//! base64b8    = base64char ( %s"A" / %s"Q" / %s"g" / %s"w" ) [ "==" ]
//! base64char  = ALPHA / DIGIT / "-" / "_"
//! ```
//!
//! So: groups of 4, then a final group of 2 or 3 characters whose padding (`==`, `=`) is
//! optional, and whose last character leaves the unused bits zero (`Zg` is `f`, `Zh` is not
//! canonical). The empty string is valid (no bytes). No whitespace or line breaks (ABNF test case
//! "binary with line breaks and spaces" FailAt 8).
//!
//! Decision: the standard alphabet (RFC 4648 §4, `+` and `/`) is accepted too by default, though
//! never mixed with `-`/`_` in one value. It is not `binaryValue`, but it is what Microsoft Graph
//! sends and reads: its docs show `Edm.Binary` values such as `"AQHTe7/VAniOJVgCxEmtF1z6ZY1rFQ=="`
//! (`message.conversationIndex`), and Microsoft.OData.Core decodes JSON binary with .NET's
//! `Convert.FromBase64String`. [`Binary::is_base64url`] tells the strict ABNF form apart.

use std::fmt;
use std::str::FromStr;

/// The regex of `binaryValue` exactly (base64url only).
pub use msgraph_schema_core::edm_patterns::BINARY_BASE64URL_PATTERN;
/// The regex of [`Binary::parse`]'s default syntax (either alphabet), the one the JSON Schema
/// export uses.
pub use msgraph_schema_core::edm_patterns::BINARY_PATTERN;

/// Which base64 alphabet a valid value uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Base64Alphabet {
    /// Only `A-Z a-z 0-9`: valid in both alphabets.
    Common,
    /// base64url (RFC 4648 §5): has `-` or `_`. The ABNF `binaryValue`.
    Url,
    /// Standard base64 (RFC 4648 §4): has `+` or `/`. Not `binaryValue`; what Graph uses.
    Standard,
}

/// A valid `Edm.Binary`: what the text encodes, without decoding it.
///
/// ```
/// use msgraph_schema::edm::{Base64Alphabet, Binary};
///
/// let b = Binary::parse("Zm9vYg").unwrap(); // "foob", padding omitted
/// assert_eq!((b.decoded_len(), b.is_padded()), (4, false));
/// assert_eq!(Binary::parse("-_8").unwrap().alphabet(), Base64Alphabet::Url);
/// assert!(!Binary::parse("+/8=").unwrap().is_base64url());
/// assert_eq!(Binary::parse("Zh").unwrap_err().at, 1); // unused bits not zero
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Binary {
    decoded_len: usize,
    alphabet: Base64Alphabet,
    padded: bool,
}

/// Why a text is not an `Edm.Binary`: the byte offset of the first byte with which no
/// `binaryValue` can continue (the length when the text ends too early), and what was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BinaryError {
    /// Byte offset of the first offending byte.
    pub at: usize,
    /// What was expected there.
    pub reason: BinaryErrorReason,
}

/// The kind of a [`BinaryError`]; its `Display` is a short plain-English message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BinaryErrorReason {
    /// A byte that is in no base64 alphabet (whitespace, `.`, non-ASCII, …).
    Character,
    /// `-`/`_` and `+`/`/` in the same value.
    MixedAlphabets,
    /// One character after the last group of 4: it encodes less than a byte.
    Length,
    /// The last character of a final 2- or 3-character group leaves non-zero unused bits.
    TrailingBits,
    /// `=` where no padding, or other padding, is allowed.
    Padding,
    /// Text follows the padding.
    TrailingInput,
}

impl fmt::Display for BinaryErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Character => "expected a base64url character A-Z, a-z, 0-9, '-' or '_'",
            Self::MixedAlphabets => {
                "'-'/'_' (base64url) and '+'/'/' (standard base64) in the same value"
            }
            Self::Length => "the text ends one character after a group of 4, which encodes no byte",
            Self::TrailingBits => {
                "the last character leaves unused bits set (not canonical base64)"
            }
            Self::Padding => {
                "'=' padding is only allowed as '==' after 2 final characters \
                 or '=' after 3"
            }
            Self::TrailingInput => "unexpected text after the padding",
        })
    }
}

impl fmt::Display for BinaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid Edm.Binary: {} at byte {}; expected base64url with optional padding, \
             e.g. Zm9vYmE or Zm9vYmE=",
            self.reason, self.at
        )
    }
}

impl std::error::Error for BinaryError {}

/// Index of `b` in both base64 alphabets' common part (`A-Z a-z 0-9`), for the unused-bits check.
fn sextet(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'-' | b'+' => 62,
        _ => 63, // '_' or '/'
    }
}

impl Binary {
    /// Parses `text` as `binaryValue`, or its standard-alphabet twin (see the module docs).
    ///
    /// # Errors
    /// A [`BinaryError`] at the first byte that does not fit.
    pub fn parse(text: &str) -> Result<Self, BinaryError> {
        use BinaryErrorReason as R;
        let bytes = text.as_bytes();
        let fail = |at, reason| Err(BinaryError { at, reason });
        let mut alphabet = Base64Alphabet::Common;
        // base64char = ALPHA / DIGIT / "-" / "_" (and "+" / "/" for the standard alphabet)
        let mut n = 0;
        while let Some(&b) = bytes.get(n) {
            let this = match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => Base64Alphabet::Common,
                b'-' | b'_' => Base64Alphabet::Url,
                b'+' | b'/' => Base64Alphabet::Standard,
                b'=' => break,
                _ => return fail(n, R::Character),
            };
            match (alphabet, this) {
                (_, Base64Alphabet::Common) => {}
                (Base64Alphabet::Common, _) => alphabet = this,
                (a, t) if a != t => return fail(n, R::MixedAlphabets),
                _ => {}
            }
            n += 1;
        }
        // base64b8 = base64char ( "A" / "Q" / "g" / "w" ) [ "==" ]: 4 unused bits are zero.
        // base64b16 = 2base64char ( "A" / "E" / … / "8" ) [ "=" ]: 2 unused bits are zero.
        let (unused_mask, padding) = match n % 4 {
            0 => (0, ""),
            1 => return fail(n, R::Length),
            2 => (0b1111, "=="),
            _ => (0b11, "="),
        };
        if n % 4 != 0 && sextet(bytes[n - 1]) & unused_mask != 0 {
            return fail(n - 1, R::TrailingBits);
        }
        // Optional padding, then the end. `rest` is empty or starts with '='.
        let rest = &bytes[n..];
        let padded = !rest.is_empty();
        let matched = rest
            .iter()
            .zip(padding.bytes())
            .take_while(|(a, b)| *a == b);
        let matched = matched.count();
        if padded && matched < padding.len().max(1) {
            return fail(n + matched, R::Padding);
        } else if padded && rest.len() > padding.len() {
            return fail(n + padding.len(), R::TrailingInput);
        }
        Ok(Binary {
            decoded_len: n / 4 * 3 + [0, 0, 1, 2][n % 4],
            alphabet,
            padded,
        })
    }

    /// Parses `text` as `binaryValue` exactly: [`Binary::parse`] without the standard alphabet.
    ///
    /// # Errors
    /// A [`BinaryError`] at the first byte that does not fit; `+` and `/` are
    /// [`BinaryErrorReason::Character`].
    pub fn parse_base64url(text: &str) -> Result<Self, BinaryError> {
        let binary = Self::parse(text)?;
        match text.bytes().position(|b| b == b'+' || b == b'/') {
            Some(at) => Err(BinaryError {
                at,
                reason: BinaryErrorReason::Character,
            }),
            None => Ok(binary),
        }
    }

    /// The number of bytes the text encodes.
    pub fn decoded_len(&self) -> usize {
        self.decoded_len
    }

    /// The alphabet the text uses.
    pub fn alphabet(&self) -> Base64Alphabet {
        self.alphabet
    }

    /// True when the text ends with `=` padding.
    pub fn is_padded(&self) -> bool {
        self.padded
    }

    /// True when the text is a `binaryValue` exactly (not the standard alphabet).
    pub fn is_base64url(&self) -> bool {
        self.alphabet != Base64Alphabet::Standard
    }
}

impl FromStr for Binary {
    type Err = BinaryError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}
