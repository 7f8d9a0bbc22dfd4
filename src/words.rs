//! The wording of messages: the article before a word and a clipped, quoted rendering of
//! payload text. A leaf module: the report and the deferred messages both use it.

/// The indefinite article for `word` in a message (`an importance member`, `a runState
/// member`, `an Edm.Int32 item`): the one place messages choose it.
///
/// By the sound the word starts with, as well as its letters tell: `an` before a vowel, except
/// a `u` said "you" (`a user`, `a unified…`, `a usage`; but `an unknown`, `an update`, `an
/// uninstall…`), `one…` and `eu…`; an initialism (two capitals) by its first letter's name
/// (`an SMS…`, `a URL…`).
///
/// ```
/// use msgraph_schema::report::article;
/// assert_eq!(article("importance"), "an");
/// assert_eq!(article("runState"), "a");
/// assert_eq!(article("Edm.Int32"), "an");
/// assert_eq!(article("user"), "a");
/// assert_eq!(article("unknownFutureValue"), "an");
/// ```
pub fn article(word: &str) -> &'static str {
    let bytes = word.as_bytes();
    let lower = |at: usize| bytes.get(at).map(u8::to_ascii_lowercase);
    let is_vowel = |b: Option<u8>| matches!(b, Some(b'a' | b'e' | b'i' | b'o' | b'u'));
    if bytes.len() >= 2 && bytes[0].is_ascii_uppercase() && bytes[1].is_ascii_uppercase() {
        // Letter names: "ay", "ee", "ef", "aitch", "eye", "el", "em", "en", "oh", "ar", "es", "ex".
        return if b"AEFHILMNORSX".contains(&bytes[0]) {
            "an"
        } else {
            "a"
        };
    }
    let starts = |prefix: &str| {
        word.len() >= prefix.len()
            && word.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    match lower(0) {
        // "you": a consonant then a vowel after the `u` (`user`, `usage`, `unit`, `unified`),
        // but not the prefix `un-` before a vowel (`unassigned`, `uninstall`).
        Some(b'u') => {
            let you = !is_vowel(lower(1)) && lower(1).is_some() && is_vowel(lower(2));
            let un_prefix = starts("un") && (!starts("uni") || starts("unin"));
            if you && !un_prefix { "a" } else { "an" }
        }
        Some(b'o') if starts("one") || starts("once") => "a",
        Some(b'e') if starts("eu") => "a",
        b if is_vowel(b) => "an",
        _ => "a",
    }
}

/// `word` after its [`article`]: `an importance`.
pub fn with_article(word: &str) -> String {
    let article = article(word);
    let mut out = String::with_capacity(article.len() + 1 + word.len());
    out.push_str(article);
    out.push(' ');
    out.push_str(word);
    out
}

/// At most 60 characters of `text`, quoted, for messages: never echoes a megabyte string.
pub fn clip(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64) + 2);
    write_clipped(&mut out, text);
    out
}

/// Appends [`clip`]'s rendering of `text` to `out`.
pub(crate) fn write_clipped(out: &mut String, text: &str) {
    write_head(out, clip_head(text), text.len());
}

/// The part of `text` that [`clip`] shows: at most its first 60 characters.
pub(crate) fn clip_head(text: &str) -> &str {
    if text.len() <= 60 {
        return text;
    }
    match text.char_indices().nth(60) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// Appends [`clip`]'s rendering of a text of `len` bytes whose [`clip_head`] is `head`.
pub(crate) fn write_head(out: &mut String, head: &str, len: usize) {
    use std::fmt::Write as _;
    // Printable ASCII without quotes or backslashes reads the same as its `{:?}`, quicker.
    if len <= 60
        && head
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        out.push('"');
        out.push_str(head);
        out.push('"');
        return;
    }
    // Writing to a String cannot fail.
    let _ = if head.len() < len {
        write!(out, "{head:?}… ({len} bytes)")
    } else {
        write!(out, "{head:?}")
    };
}
