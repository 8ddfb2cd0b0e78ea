//! Figures read exactly at the legal ceilings and thresholds.
//!
//! A JSON number is read as the nearest double, which can land on the other side of a size
//! ceiling of Recommendation 2003/361/EC than the number as written: `50000000.0000000001`
//! (above EUR 50 m) is nearest to `50000000.0`, which does not exceed it. The text parser
//! compares every size figure (`staff_headcount`, `annual_turnover_eur`,
//! `balance_sheet_total_eur`) whose nearest double *is* a ceiling with that ceiling digit by
//! digit, and when the written number is on the other side, reads it as the next double on
//! that side instead (`50000000.00000001`, what the result then echoes). Every other number is
//! read as the nearest double, as before. The thresholds of a significant incident
//! (CIR 2024/2690: durations in minutes, the average response time, the direct financial loss)
//! are read the same way.
//!
//! A value built by a binding (a Python `float`, a JavaScript number) is a double already: the
//! shortest text that gives it back (Python's `repr`) reads back as the same double through
//! this rule (a ceiling written as `50000000.0` is exact), so both paths decide alike. What a
//! double cannot hold (a Python `Decimal`, or a literal such as `50000000.0000000001` typed
//! into Python source, which Python itself rounds to `50000000.0`) cannot reach the engine
//! through a value: send JSON text to have it read exactly.

use std::cmp::Ordering;

/// The kind of a figure a key names: which ceilings apply, and on which side the law draws
/// the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Figure {
    /// Not a size figure: the nearest double.
    Other,
    /// Staff headcount: a class requires fewer than the ceiling (Annex Art 2).
    Staff,
    /// Turnover or balance sheet total: a class allows up to the ceiling (Annex Art 2).
    Money,
    /// A duration in minutes of an incident (CIR 2024/2690 Arts 5–14: "more than" 10, 20, 30
    /// minutes or one hour; "any duration", more than 0).
    Minutes,
    /// An average response time in seconds (CIR 2024/2690 Art 7(c): more than 10 seconds).
    Seconds,
    /// A direct financial loss (CIR 2024/2690 Art 3(1)(b), 4: more than EUR 500 000; none, 0).
    Loss,
}

/// Incident durations (more than), CIR 2024/2690 Arts 5–14.
pub(crate) const MINUTE_THRESHOLDS: [u64; 5] = [0, 10, 20, 30, 60];
/// Average response time (more than), CIR 2024/2690 Art 7(c).
pub(crate) const SECOND_THRESHOLDS: [u64; 1] = [10];
/// Direct financial loss (more than), CIR 2024/2690 Art 3(1)(b) and 4.
pub(crate) const LOSS_THRESHOLDS: [u64; 2] = [0, 500_000];

/// Staff ceilings (fewer than), Annex Art 2(1)–(3).
pub(crate) const STAFF_CEILINGS: [u64; 3] = [10, 50, 250];
/// Turnover and balance sheet ceilings (not exceeding), Annex Art 2(1)–(3).
pub(crate) const MONEY_CEILINGS: [u64; 4] = [2_000_000, 10_000_000, 43_000_000, 50_000_000];

impl Figure {
    /// The figure a member key holds.
    pub(crate) fn of_key(key: &str) -> Figure {
        match key {
            "staff_headcount" => Figure::Staff,
            "annual_turnover_eur" | "balance_sheet_total_eur" => Figure::Money,
            "complete_unavailability_minutes"
            | "limited_availability_minutes"
            | "slow_response_minutes"
            | "unavailable_minutes_calendar_week" => Figure::Minutes,
            "average_response_seconds" => Figure::Seconds,
            "direct_financial_loss_eur" | "combined_direct_financial_loss_eur" => Figure::Loss,
            _ => Figure::Other,
        }
    }

    /// The thresholds of this figure (none for [`Figure::Other`]).
    pub(crate) fn ceilings(self) -> &'static [u64] {
        match self {
            Figure::Other => &[],
            Figure::Staff => &STAFF_CEILINGS,
            Figure::Money => &MONEY_CEILINGS,
            Figure::Minutes => &MINUTE_THRESHOLDS,
            Figure::Seconds => &SECOND_THRESHOLDS,
            Figure::Loss => &LOSS_THRESHOLDS,
        }
    }

    /// `nearest` (the nearest double to `text`), moved to the next double on the written
    /// number's side of a ceiling it rounded onto.
    pub(crate) fn exact(self, nearest: f64, text: impl FnOnce() -> Option<String>) -> f64 {
        let (ceilings, wrong_side, step): (&[u64], Ordering, fn(f64) -> f64) = match self {
            Figure::Other => return nearest,
            Figure::Staff => (&STAFF_CEILINGS, Ordering::Less, f64::next_down),
            Figure::Money => (&MONEY_CEILINGS, Ordering::Greater, f64::next_up),
            // "More than" a threshold: a number written above it that rounds onto it is read
            // as the next double above.
            Figure::Minutes => (&MINUTE_THRESHOLDS, Ordering::Greater, f64::next_up),
            Figure::Seconds => (&SECOND_THRESHOLDS, Ordering::Greater, f64::next_up),
            Figure::Loss => (&LOSS_THRESHOLDS, Ordering::Greater, f64::next_up),
        };
        // Rounding to nearest is monotone and a ceiling is a double, so a number can only
        // round onto a ceiling from either side, never across it.
        #[allow(clippy::cast_precision_loss)]
        let Some(&ceiling) = ceilings.iter().find(|&&c| c as f64 == nearest) else {
            return nearest;
        };
        match text() {
            Some(t) if compare(&t, ceiling) == Some(wrong_side) => step(nearest),
            _ => nearest,
        }
    }
}

/// The parts of a number literal as [`compare`] reads it: its sign, its digits before and
/// after the point, and its exponent (`None`: not such a literal, or an exponent beyond `i64`).
/// Reads without allocating, so that a cell can be checked for being a number at every row.
fn literal(text: &str) -> Option<(bool, &str, &str, i64)> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    // Split at the first `e`/`E` and the first `.` (ASCII: byte positions are char boundaries).
    let (mantissa, exp) = match rest.bytes().position(|b| b == b'e' || b == b'E') {
        Some(at) => (rest.get(..at)?, rest.get(at + 1..)?.parse::<i64>().ok()?),
        None => (rest, 0),
    };
    let (int, frac) = match mantissa.bytes().position(|b| b == b'.') {
        Some(at) => (mantissa.get(..at)?, mantissa.get(at + 1..)?),
        None => (mantissa, ""),
    };
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((negative, int, frac, exp))
}

/// Whether `text` is a number literal as [`compare`] reads one (`compare(text, c)` is `Some`).
pub(crate) fn is_literal(text: &str) -> bool {
    literal(text).is_some()
}

/// Compare a JSON number literal with an integer exactly, digit by digit (`None`: not a
/// number literal, or an exponent beyond `i64`).
pub(crate) fn compare(text: &str, c: u64) -> Option<Ordering> {
    let (negative, int, frac, exp) = literal(text)?;
    // Saturating: an exponent at the end of `i64`'s range with digits after the point scales
    // beyond it, and is then as far from any ceiling as it can be (not an overflow).
    let frac_len = i64::try_from(frac.len()).unwrap_or(i64::MAX);
    let (digits, scale) = significant(
        int.bytes().chain(frac.bytes()).collect(),
        exp.saturating_sub(frac_len),
    );
    let (c_digits, c_scale) = significant(c.to_string().into_bytes(), 0);
    Some(match (digits.is_empty(), c_digits.is_empty()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, _) if negative => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => {
            let magnitude = i64::try_from(digits.len()).ok()?.saturating_add(scale);
            let c_magnitude = i64::try_from(c_digits.len()).ok()?.saturating_add(c_scale);
            // Same magnitude: the digits, most significant first (no trailing zeros, so a
            // prefix is the smaller number).
            magnitude
                .cmp(&c_magnitude)
                .then_with(|| digits.cmp(&c_digits))
        }
    })
}

/// Digits without leading or trailing zeros, and the power of ten they are scaled by.
fn significant(mut digits: Vec<u8>, scale: i64) -> (Vec<u8>, i64) {
    let trailing = digits.iter().rev().take_while(|&&d| d == b'0').count();
    digits.truncate(digits.len() - trailing);
    let leading = digits.iter().take_while(|&&d| d == b'0').count();
    digits.drain(..leading);
    let trailing = i64::try_from(trailing).unwrap_or(i64::MAX);
    (digits, scale.saturating_add(trailing))
}

/// The byte ranges of the number literals of a JSON text, in document order.
pub(crate) fn number_tokens(input: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = input.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += if c == b'\\' { 2 } else { 1 };
                    if c == b'"' {
                        break;
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while matches!(
                    bytes.get(i),
                    Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                ) {
                    i += 1;
                }
                out.push(start..i);
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn decimals_compare_exactly() {
        use Ordering::*;
        for (text, c, want) in [
            ("50000000.000000005", 50_000_000, Greater),
            ("50000000.0000000001", 50_000_000, Greater),
            ("50000000.00", 50_000_000, Equal),
            ("5e7", 50_000_000, Equal),
            ("0.5E8", 50_000_000, Equal),
            ("500000000000e-4", 50_000_000, Equal),
            ("49999999.99999999999", 50_000_000, Less),
            ("50000001", 50_000_000, Greater),
            ("43000000.0000000001", 43_000_000, Greater),
            ("249.99999999999999999", 250, Less),
            ("250.000", 250, Equal),
            ("-0", 250, Less),
            ("0.0", 0, Equal),
            ("-250", 250, Less),
            ("1e-400", 0, Greater),
            // Exponents at the ends of `i64`, with digits after the point (once an overflow).
            ("1.5e-9223372036854775808", 0, Greater),
            ("1.5e-9223372036854775808", 10, Less),
            ("-1.5e-9223372036854775808", 0, Less),
            ("0.0e-9223372036854775808", 0, Equal),
            ("12.5e9223372036854775807", 250, Greater),
            ("0.000e9223372036854775807", 10, Less),
        ] {
            assert_eq!(compare(text, c), Some(want), "{text} vs {c}");
            assert!(is_literal(text), "{text}");
        }
        assert_eq!(compare("1e99999999999999999999", 1), None);
        for text in [
            "1e99999999999999999999",
            "",
            "x",
            "1.2.3",
            "1e",
            "--1",
            "+1",
            "1_000",
            "1e1.5",
        ] {
            assert_eq!(is_literal(text), compare(text, 0).is_some(), "{text}");
        }
        for text in [".", "-", "5.", ".5", "1E+5", "1e-5", "007"] {
            assert!(is_literal(text) && compare(text, 7).is_some(), "{text}");
        }
    }

    #[test]
    fn ceilings_are_kept_on_the_written_side() {
        let t = |s: &'static str| move || Some(s.to_owned());
        let up = Figure::Money.exact(50_000_000.0, t("50000000.0000000001"));
        assert!(up > 50_000_000.0);
        assert_eq!(
            Figure::Money.exact(50_000_000.0, t("50000000.00")),
            50_000_000.0
        );
        assert_eq!(
            Figure::Money.exact(50_000_000.0, t("49999999.999999999")),
            50_000_000.0
        );
        let down = Figure::Staff.exact(250.0, t("249.99999999999999999"));
        assert!(down < 250.0);
        assert_eq!(Figure::Staff.exact(250.0, t("250.0000000000000001")), 250.0);
        assert_eq!(
            Figure::Other.exact(250.0, t("249.99999999999999999")),
            250.0
        );
    }

    #[test]
    fn number_tokens_skip_strings() {
        let s = r#"{"a\"1":[1,-2.5e3],"b":"x\\","c":3}"#;
        let toks: Vec<&str> = number_tokens(s)
            .into_iter()
            .map(|r| s.get(r).unwrap())
            .collect();
        assert_eq!(toks, ["1", "-2.5e3", "3"]);
    }
}
