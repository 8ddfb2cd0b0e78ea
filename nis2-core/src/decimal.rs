//! Decimal arithmetic on figures as written. A double holds what was written when it has up to
//! 17 significant digits, and its shortest decimal (Rust's `Display`, Python's `repr`) gives those
//! digits back. Sums, shares and differences at a legal threshold are computed on those
//! decimals in integers, so `30000000.000000004 + 20000000` exceeds EUR 50 m as written,
//! although the doubles' sum rounds onto the ceiling. Figures too far apart in magnitude for
//! 128-bit integers fall back to the doubles, which are then decisive.

/// 2^53: every whole number of smaller magnitude is a double, exactly.
pub(crate) const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

/// A decimal: `digits × 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dec {
    pub(crate) digits: i128,
    pub(crate) scale: i32,
}

impl Dec {
    /// The shortest decimal that reads back as `x` (`None` for NaN, infinities and figures of
    /// more digits than 128 bits hold). Read from the double's own text (`Display`, which
    /// writes the shortest digits and no exponent), digit by digit.
    pub(crate) fn of(x: f64) -> Option<Dec> {
        if !x.is_finite() {
            return None;
        }
        // A whole number below 2^53 in magnitude (most figures: staff, euros) is its own digits,
        // and its text is those digits (no point, no exponent): the same `Dec` without writing
        // the text, which was most of the cost of a profile with related enterprises.
        if x.fract() == 0.0 && x.abs() < EXACT_INTEGERS {
            #[allow(clippy::cast_possible_truncation)] // whole, and below 2^53: exact
            return Some(Dec {
                digits: i128::from(x as i64),
                scale: 0,
            });
        }
        let text = crate::float_text::Plain(x).to_string();
        let (negative, text) = match text.strip_prefix('-') {
            Some(t) => (true, t),
            None => (false, text.as_str()),
        };
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let mut digits: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            let d = i128::from(b.checked_sub(b'0').filter(|d| *d <= 9)?);
            digits = digits.checked_mul(10)?.checked_add(d)?;
        }
        Some(Dec {
            digits: if negative { -digits } else { digits },
            scale: -i32::try_from(frac.len()).ok()?,
        })
    }

    /// `self` compared with a whole number (`None` when the comparison does not fit).
    pub(crate) fn cmp_int(self, c: u64) -> Option<std::cmp::Ordering> {
        let c = Dec::int(i128::from(c));
        let scale = self.scale.min(0);
        Some(self.at(scale)?.cmp(&c.at(scale)?))
    }

    /// A whole number.
    pub(crate) fn int(n: i128) -> Dec {
        Dec {
            digits: n,
            scale: 0,
        }
    }

    /// `self × 10^-k` (exact).
    pub(crate) fn shift(self, k: i32) -> Option<Dec> {
        Some(Dec {
            digits: self.digits,
            scale: self.scale.checked_sub(k)?,
        })
    }

    /// The digits at a smaller scale.
    fn at(self, scale: i32) -> Option<i128> {
        let k = u32::try_from(self.scale.checked_sub(scale)?).ok()?;
        self.digits.checked_mul(10i128.checked_pow(k)?)
    }

    /// `self + other` (exact; `None` on overflow).
    pub(crate) fn add(self, other: Dec) -> Option<Dec> {
        let scale = self.scale.min(other.scale);
        Some(Dec {
            digits: self.at(scale)?.checked_add(other.at(scale)?)?,
            scale,
        })
    }

    /// `self × other` (exact; `None` on overflow).
    pub(crate) fn mul(self, other: Dec) -> Option<Dec> {
        Some(Dec {
            digits: self.digits.checked_mul(other.digits)?,
            scale: self.scale.checked_add(other.scale)?,
        })
    }

    /// The sign of `self`: -1, 0 or 1.
    pub(crate) fn signum(self) -> i128 {
        self.digits.signum()
    }

    /// Written out as a JSON number (`30`, `0.5`, `-1.25`), without trailing zeros.
    pub(crate) fn text(self) -> String {
        if self.digits == 0 {
            return "0".to_owned();
        }
        let mut text = self.digits.unsigned_abs().to_string();
        if self.scale >= 0 {
            text.push_str(&"0".repeat(usize::try_from(self.scale).unwrap_or(0)));
        } else {
            let k = usize::try_from(-i64::from(self.scale)).unwrap_or(0);
            if text.len() <= k {
                text = format!("{}{text}", "0".repeat(k + 1 - text.len()));
            }
            text.insert(text.len() - k, '.');
            let kept = text.trim_end_matches('0').trim_end_matches('.').len();
            text.truncate(kept);
        }
        if self.digits < 0 {
            text.insert(0, '-');
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::Dec;

    /// The shortcut for whole numbers gives what the text gives.
    #[test]
    fn whole_numbers_as_their_text_reads_them() {
        let by_text = |x: f64| {
            let text = format!("{x}");
            let (negative, digits) = match text.strip_prefix('-') {
                Some(t) => (true, t.parse::<i128>().ok()),
                None => (false, text.parse::<i128>().ok()),
            };
            digits.map(|d| Dec {
                digits: if negative { -d } else { d },
                scale: 0,
            })
        };
        let mut x = 1.0f64;
        let mut cases = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            49.0,
            50.0,
            250.0,
            43e6,
            5e7,
            9_007_199_254_740_991.0,
        ];
        while x < 9e15 {
            cases.extend([x, -x, x + 1.0, x - 1.0, x * 3.0 + 7.0]);
            x *= 10.0;
        }
        for c in cases {
            assert_eq!(Dec::of(c), by_text(c), "{c}");
        }
        // Past 2^53 and below 1 the text is read as before.
        assert_eq!(
            Dec::of(1e17).map(Dec::text).as_deref(),
            Some("100000000000000000")
        );
        assert_eq!(Dec::of(0.5).map(Dec::text).as_deref(), Some("0.5"));
        assert_eq!(
            Dec::of(49.5),
            Some(Dec {
                digits: 495,
                scale: -1
            })
        );
    }

    #[test]
    fn decimals_as_written() {
        let d = |x: f64| Dec::of(x).unwrap_or(Dec::int(i128::MIN));
        assert_eq!(d(32.2).add(d(-2.2)).map(Dec::text).as_deref(), Some("30"));
        assert_eq!(
            d(30_000_000.000_000_004)
                .add(d(20_000_000.0))
                .map(Dec::text)
                .as_deref(),
            Some("50000000.000000004")
        );
        assert_eq!(
            d(137_037.27)
                .mul(Dec::int(5))
                .and_then(|x| x.shift(2))
                .map(Dec::text)
                .as_deref(),
            Some("6851.8635")
        );
        assert_eq!(
            Dec {
                digits: -15,
                scale: -1
            }
            .text(),
            "-1.5"
        );
        assert_eq!(
            Dec {
                digits: 5,
                scale: -3
            }
            .text(),
            "0.005"
        );
        assert_eq!(
            Dec {
                digits: 12,
                scale: 2
            }
            .text(),
            "1200"
        );
        assert_eq!(Dec::int(0).text(), "0");
        assert!(d(1e300).add(d(1e-300)).is_none());
    }
}
