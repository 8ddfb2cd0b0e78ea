//! The Danish of the engine's error messages, for the Danish views (the error column of a
//! screening's rows). The documents keep an error's English message (the same bytes on every
//! surface); a Danish view shows its Danish from `data/messages/errors.json`: patterns whose
//! `{1}`, `{2}`, … stand for the parts of a message that vary. A message is matched against the
//! patterns in the file's order and the first that matches it whole gives its Danish, where
//! `{n}` is that part as written and `{n:da}` that part in Danish (itself matched in turn, two
//! levels deep at most); a message that no pattern matches is shown as it is. A test
//! (`tests/messages.rs`) checks that every row error of the conformance vectors has its
//! Danish, with no English left, and that every pattern is used.
//!
//! Matching costs time proportional to the patterns times the message: each part ends at the
//! first place its following text occurs (the last part at the end), without backtracking.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::error::Result;

/// How deep a part's Danish is looked up (a part within a part).
const MAX_DEPTH: usize = 2;

/// A piece of a pattern: text as written, or a part that varies (its number from 0, and in a
/// Danish pattern whether it is given in Danish).
#[derive(Debug)]
enum Piece {
    Text(String),
    Part(usize, bool),
}

/// A pattern and its Danish.
#[derive(Debug)]
struct Pattern {
    en: Vec<Piece>,
    da: Vec<Piece>,
}

static PATTERNS: OnceLock<Result<Vec<Pattern>>> = OnceLock::new();

fn patterns() -> Result<&'static [Pattern]> {
    PATTERNS
        .get_or_init(|| {
            let file = crate::data::MESSAGES_ERRORS;
            // English, Danish, English, Danish, … (`build.rs`), as a translation file is read.
            let embedded: crate::translations::Embedded = crate::data::parse(file)?;
            embedded
                .entries
                .chunks(2)
                .map(|pair| match pair {
                    [en, da] => pattern(en, da)
                        .map_err(|m| crate::data::error(file.name, format!("`{en}`: {m}"))),
                    _ => Err(crate::data::error(file.name, "an entry without its Danish")),
                })
                .collect()
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// Read a pattern and its Danish: the English numbers its parts 1, 2, … in order, never two
/// parts in a row (where one would end could not be told); the Danish uses each of them.
fn pattern(en: &str, da: &str) -> std::result::Result<Pattern, String> {
    let en = pieces(en)?;
    let da = pieces(da)?;
    let parts: Vec<usize> = en
        .iter()
        .filter_map(|p| match p {
            Piece::Part(n, _) => Some(*n),
            Piece::Text(_) => None,
        })
        .collect();
    if parts.iter().enumerate().any(|(i, n)| i != *n) {
        return Err("the English must number its parts 1, 2, … in order".to_owned());
    }
    if en.iter().any(|p| matches!(p, Piece::Part(_, true))) {
        return Err("`:da` belongs in the Danish".to_owned());
    }
    if en
        .windows(2)
        .any(|w| matches!(w, [Piece::Part(..), Piece::Part(..)]))
    {
        return Err("two parts in a row".to_owned());
    }
    let used = |n: usize| da.iter().any(|p| matches!(p, Piece::Part(m, _) if *m == n));
    if da
        .iter()
        .any(|p| matches!(p, Piece::Part(n, _) if *n >= parts.len()))
        || !(0..parts.len()).all(used)
    {
        return Err("the Danish must use each part of the English, and no other".to_owned());
    }
    Ok(Pattern { en, da })
}

/// The pieces of a pattern: `{n}` and `{n:da}` (`n` one digit, 1 to 9) are parts, the rest text.
fn pieces(s: &str) -> std::result::Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('{') {
        let (before, from) = rest.split_at(at);
        text.push_str(before);
        let part = from.get(1..).and_then(|f| {
            let end = f.find('}')?;
            let inner = f.get(..end)?;
            let (digit, da) = match inner.strip_suffix(":da") {
                Some(d) => (d, true),
                None => (inner, false),
            };
            let n = match digit.as_bytes() {
                [d @ b'1'..=b'9'] => usize::from(d - b'1'),
                _ => return None,
            };
            Some((n, da, end + 2))
        });
        match part {
            Some((n, da, len)) => {
                if !text.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut text)));
                }
                out.push(Piece::Part(n, da));
                rest = from.get(len..).unwrap_or_default();
            }
            _ => {
                text.push('{');
                rest = from.get(1..).unwrap_or_default();
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    if out.is_empty() {
        return Err("an empty pattern".to_owned());
    }
    Ok(out)
}

/// The parts of `message` if `pattern` matches it whole: each part is not empty and ends where
/// the text after it first occurs (the last piece of text ends the message).
fn parts<'m>(pattern: &[Piece], message: &'m str) -> Option<Vec<&'m str>> {
    let mut found = Vec::new();
    let mut rest = message;
    let mut open = false;
    for (k, piece) in pattern.iter().enumerate() {
        match piece {
            Piece::Part(..) => open = true,
            Piece::Text(t) if open => {
                let at = if k + 1 == pattern.len() {
                    rest.len()
                        .checked_sub(t.len())
                        .filter(|&at| rest.get(at..) == Some(t.as_str()))?
                } else {
                    rest.find(t.as_str())?
                };
                if at == 0 {
                    return None;
                }
                found.push(rest.get(..at)?);
                rest = rest.get(at + t.len()..)?;
                open = false;
            }
            Piece::Text(t) => rest = rest.strip_prefix(t.as_str())?,
        }
    }
    if open {
        if rest.is_empty() {
            return None;
        }
        found.push(rest);
        rest = "";
    }
    rest.is_empty().then_some(found)
}

/// The Danish of `message` by the first pattern that matches it (`None`: no pattern does),
/// noting in `used` the patterns that gave it (by their place in the file, a part's own too).
fn danish_at(
    all: &[Pattern],
    message: &str,
    depth: usize,
    used: &mut Vec<usize>,
) -> Option<String> {
    let (index, p, found) = all
        .iter()
        .enumerate()
        .find_map(|(i, p)| parts(&p.en, message).map(|f| (i, p, f)))?;
    used.push(index);
    let mut out = String::with_capacity(message.len() + 16);
    for piece in &p.da {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Part(n, in_danish) => {
                let part = found.get(*n).copied().unwrap_or_default();
                let da = (*in_danish && depth < MAX_DEPTH)
                    .then(|| danish_at(all, part, depth + 1, used))
                    .flatten();
                out.push_str(da.as_deref().unwrap_or(part));
            }
        }
    }
    Some(out)
}

/// The Danish of an error message, or the message as it is where no pattern matches it.
///
/// # Errors
/// The message file does not load (a build defect): an [`crate::Error::Data`], as for every
/// embedded file, not an English message passed off as the Danish view's.
pub(crate) fn danish(message: &str) -> Result<Cow<'_, str>> {
    Ok(match danish_at(patterns()?, message, 0, &mut Vec::new()) {
        Some(da) => Cow::Owned(da),
        None => Cow::Borrowed(message),
    })
}

/// The Danish of `message` (`None`: no pattern matches it) and the patterns that gave it, by
/// their place in the file (for `tests/messages.rs`, which checks that every one is used).
///
/// # Errors
/// The message file does not load (a build defect).
pub fn danish_with_patterns(message: &str) -> Result<(Option<String>, Vec<usize>)> {
    let mut used = Vec::new();
    let out = danish_at(patterns()?, message, 0, &mut used);
    Ok((out, used))
}

/// How many patterns the message file has.
///
/// # Errors
/// The message file does not load (a build defect).
pub fn pattern_count() -> Result<usize> {
    patterns().map(<[Pattern]>::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(en: &str, da: &str) -> Pattern {
        pattern(en, da).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn patterns_load() {
        assert!(patterns().map(<[Pattern]>::len).unwrap_or(0) > 10);
    }

    #[test]
    fn a_message_is_matched_whole() {
        let all = [
            p(
                "invalid input at `{1}`: {2}",
                "ugyldigt input ved `{1}`: {2:da}",
            ),
            p(
                "must be zero or more, got {1}",
                "skal være nul eller mere, men er {1}",
            ),
            p("expected {1}, got {2}", "forventede {1:da}, fik {2:da}"),
            p("a number", "et tal"),
        ];
        let da = |m: &str| danish_at(&all, m, 0, &mut Vec::new());
        assert_eq!(
            da("invalid input at `$.size.staff_headcount`: must be zero or more, got -1")
                .as_deref(),
            Some(
                "ugyldigt input ved `$.size.staff_headcount`: skal være nul eller mere, men er -1"
            )
        );
        // A part with no Danish of its own is kept as written.
        assert_eq!(
            da("invalid input at `$.x`: something new").as_deref(),
            Some("ugyldigt input ved `$.x`: something new")
        );
        assert_eq!(
            da("expected a number, got `many`").as_deref(),
            Some("forventede et tal, fik `many`")
        );
        // Not whole: no match.
        assert_eq!(da("must be zero or more"), None);
        assert_eq!(da("say: must be zero or more, got 1"), None);
        // An empty part does not match.
        assert_eq!(da("invalid input at ``: x"), None);
    }

    #[test]
    fn parts_in_the_danish_may_change_order_and_the_text_is_not_a_pattern() {
        let all = [p("{1} before {2}", "{2} efter {1}")];
        assert_eq!(
            danish_at(&all, "a {9} before b", 0, &mut Vec::new()).as_deref(),
            Some("b efter a {9}")
        );
    }

    #[test]
    fn bad_patterns_are_refused() {
        assert!(pattern("{2} x {1}", "{1} {2}").is_err());
        assert!(pattern("{1}{2}", "{1} {2}").is_err());
        assert!(pattern("x {1}", "y").is_err());
        assert!(pattern("x {1}", "y {2}").is_err());
        assert!(pattern("x {1:da}", "y {1}").is_err());
        assert!(pattern("", "").is_err());
        // Braces that are not parts are text.
        assert!(pattern("a {b} {10} {1}", "c {1}").is_ok());
    }

    #[test]
    fn depth_is_bounded() {
        let all = [p("x{1}", "y{1:da}")];
        assert_eq!(
            danish_at(&all, "xxxxa", 0, &mut Vec::new()).as_deref(),
            Some("yyyxa")
        );
    }
}
