//! Floats written as the standard library writes them with `{}` and `{:e}`, without linking its
//! float formatting (`core::num::flt2dec`, about 22 KB of WebAssembly code): the shortest
//! digits that read back to the value come from `zmij` (the JSON writer's own formatter, linked
//! anyway, so a message shows a figure with the digits the JSON shows) and are laid out here
//! as the standard library lays them out. The one difference: where two shortest digit strings
//! are equally near the value (a tie in the last digit, as for 1394865425023536.25), `zmij` and
//! the standard library may choose differently. A test compares both forms with the standard
//! library's over special values, every power of ten and 200,000 seeded random bit patterns,
//! and allows only that.

use std::fmt;

/// `x` as `format!("{x}")` writes it: plain decimal notation, never an exponent.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plain(pub(crate) f64);

/// `x` as `format!("{x:e}")` writes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Exp(pub(crate) f64);

/// `x` as serde writes a float it did not expect (`floating point `1.0``): plain, with `.0`
/// added when the digits have no decimal point.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WithPoint(pub(crate) f64);

/// The shortest digits of a finite, non-zero `|x|` (no leading or trailing zeros) and the
/// exponent `k` with `|x| = 0.d₁d₂… × 10^k`.
fn digits(x: f64) -> (String, i32) {
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(x.abs());
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut k = i32::try_from(whole.len()).unwrap_or(0) + exponent;
    let all: String = whole.chars().chain(fraction.chars()).collect();
    let lead = all.len() - all.trim_start_matches('0').len();
    k -= i32::try_from(lead).unwrap_or(0);
    let kept = all.trim_matches('0').to_owned();
    (kept, k)
}

/// Writes a special value (NaN, an infinity, a zero written as `zero`) whole and gives `None`;
/// for any other value writes its sign and gives its digits.
fn start(
    x: f64,
    f: &mut fmt::Formatter<'_>,
    zero: &str,
) -> Result<Option<(String, i32)>, fmt::Error> {
    if x.is_nan() {
        f.write_str("NaN")?;
        return Ok(None);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() || x == 0.0 {
        let body = if x == 0.0 { zero } else { "inf" };
        write!(f, "{sign}{body}")?;
        return Ok(None);
    }
    f.write_str(sign)?;
    Ok(Some(digits(x)))
}

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((d, k)) = start(self.0, f, "0")? else {
            return Ok(());
        };
        let len = i32::try_from(d.len()).unwrap_or(i32::MAX);
        if k <= 0 {
            f.write_str("0.")?;
            for _ in k..0 {
                f.write_str("0")?;
            }
            f.write_str(&d)
        } else if k < len {
            let (head, tail) = d.split_at(usize::try_from(k).unwrap_or(0));
            write!(f, "{head}.{tail}")
        } else {
            f.write_str(&d)?;
            for _ in len..k {
                f.write_str("0")?;
            }
            Ok(())
        }
    }
}

impl fmt::Display for Exp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((d, k)) = start(self.0, f, "0e0")? else {
            return Ok(());
        };
        let (first, rest) = d.split_at(1.min(d.len()));
        f.write_str(first)?;
        if !rest.is_empty() {
            write!(f, ".{rest}")?;
        }
        write!(f, "e{}", k - 1)
    }
}

impl fmt::Display for WithPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = Plain(self.0).to_string();
        f.write_str(&text)?;
        if self.0.is_finite() && !text.contains('.') {
            f.write_str(".0")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Exp, Plain, WithPoint};

    /// The same text, or (a tie) a text of as many digits that reads back to the same value.
    fn same(ours: &str, std: &str, x: f64) -> bool {
        let digits = |t: &str| t.chars().filter(char::is_ascii_digit).count();
        ours == std
            || (ours.parse::<f64>().ok() == Some(x)
                && digits(ours) == digits(std)
                && ours.len() == std.len())
    }

    fn check(x: f64) {
        let (plain, exp) = (Plain(x).to_string(), Exp(x).to_string());
        assert!(same(&plain, &format!("{x}"), x), "{{}} of {x:e}: {plain}");
        assert!(same(&exp, &format!("{x:e}"), x), "{{:e}} of {x:e}: {exp}");
    }

    #[test]
    fn both_forms_are_the_standard_librarys() {
        let specials = [
            0.0,
            -0.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            5e-324,
            -5e-324,
            0.1 + 0.2,
            1.0 / 3.0,
            2.0 / 3.0,
            50_000_000.0,
            50_000_000.01,
            43_000_000.0,
            9_007_199_254_740_993.0,
            1e21,
            1e22,
            1e23,
            123_456.789,
            -0.000_1,
        ];
        for x in specials {
            check(x);
        }
        for e in -325..=309 {
            let p = format!("1e{e}").parse::<f64>().unwrap_or(0.0);
            check(p);
            check(-p);
            check(p * 3.0);
            check(p * 7.5);
        }
        for i in 0..10_000u32 {
            check(f64::from(i));
            check(f64::from(i) / 100.0);
        }
        // Seeded random bit patterns (xorshift64*), every exponent.
        let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            s ^= s >> 12;
            s ^= s << 25;
            s ^= s >> 27;
            let bits = s.wrapping_mul(0x2545_F491_4F6C_DD1D);
            check(f64::from_bits(bits));
        }
    }

    #[test]
    fn serdes_form_adds_a_point_to_whole_numbers() {
        assert_eq!(WithPoint(1.0).to_string(), "1.0");
        assert_eq!(WithPoint(-2.5).to_string(), "-2.5");
        assert_eq!(WithPoint(1e21).to_string(), "1000000000000000000000.0");
        assert_eq!(WithPoint(f64::NAN).to_string(), "NaN");
        assert_eq!(WithPoint(f64::INFINITY).to_string(), "inf");
    }
}
