//! Exact arithmetic for scores: rationals of 128-bit integers, always reduced, with checked
//! operations. Should a computation ever leave the 128-bit range (only possible with extreme
//! custom weights), it continues in `f64` with the same fixed order of operations, which gives
//! the same bits on every platform (IEEE 754 basic operations are correctly rounded everywhere,
//! WebAssembly included), and the output says the value is not exact.
//!
//! Output rounding: half up (away from zero for the non-negative values used here) to
//! [`DECIMALS`] decimals, computed on the integers for an exact value.

use std::cmp::Ordering;

/// Decimals written in outputs.
pub const DECIMALS: u32 = 4;

/// A reduced fraction `n / d` with `d > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Q {
    n: i128,
    d: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

fn gcd64(mut a: i64, mut b: i64) -> i64 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a.max(1)
}

impl Q {
    /// Zero.
    pub const ZERO: Q = Q { n: 0, d: 1 };
    /// One.
    pub const ONE: Q = Q { n: 1, d: 1 };

    /// `n / d`, reduced; `None` when `d` is zero.
    pub fn new(n: i128, d: i128) -> Option<Q> {
        if d == 0 {
            return None;
        }
        if let (Ok(n64), Ok(d64)) = (i64::try_from(n), i64::try_from(d)) {
            if n64 != i64::MIN && d64 != i64::MIN {
                let g = gcd64(n64, d64);
                let (mut n64, mut d64) = (n64 / g, d64 / g);
                if d64 < 0 {
                    n64 = -n64;
                    d64 = -d64;
                }
                return Some(Q {
                    n: i128::from(n64),
                    d: i128::from(d64),
                });
            }
        }
        let g = gcd(n, d);
        let g = if g == 0 { 1 } else { g };
        let (mut n, mut d) = (n.checked_div(g)?, d.checked_div(g)?);
        if d < 0 {
            n = n.checked_neg()?;
            d = d.checked_neg()?;
        }
        Some(Q { n, d })
    }

    /// A whole number.
    pub fn int(n: i64) -> Q {
        Q {
            n: i128::from(n),
            d: 1,
        }
    }

    /// Numerator.
    pub fn numer(self) -> i128 {
        self.n
    }

    /// Denominator (positive).
    pub fn denom(self) -> i128 {
        self.d
    }

    /// `self + o`, `None` on overflow.
    pub fn plus(self, o: Q) -> Option<Q> {
        let g = gcd(self.d, o.d);
        let a = self.n.checked_mul(o.d / g)?;
        let b = o.n.checked_mul(self.d / g)?;
        Q::new(a.checked_add(b)?, (self.d / g).checked_mul(o.d)?)
    }

    /// `self - o`, `None` on overflow.
    pub fn minus(self, o: Q) -> Option<Q> {
        self.plus(Q {
            n: o.n.checked_neg()?,
            d: o.d,
        })
    }

    /// `self × o`, `None` on overflow.
    pub fn times(self, o: Q) -> Option<Q> {
        let g1 = gcd(self.n, o.d).max(1);
        let g2 = gcd(o.n, self.d).max(1);
        Q::new(
            (self.n / g1).checked_mul(o.n / g2)?,
            (self.d / g2).checked_mul(o.d / g1)?,
        )
    }

    /// `self ÷ o`, `None` on overflow or division by zero.
    pub fn over(self, o: Q) -> Option<Q> {
        if o.n == 0 {
            return None;
        }
        self.times(Q::new(o.d, o.n)?)
    }

    /// Compare, `None` on overflow.
    pub fn try_cmp(self, o: Q) -> Option<Ordering> {
        Some(self.n.checked_mul(o.d)?.cmp(&o.n.checked_mul(self.d)?))
    }

    /// The nearest `f64`.
    pub fn to_f64(self) -> f64 {
        // Integers up to 2^53 convert exactly; the division is then correctly rounded.
        // Integers below 2^53 convert exactly, and the division is then correctly rounded;
        // larger ones are rounded first (still the same bits on every platform).
        self.n as f64 / self.d as f64
    }

    /// Rounded half up to `DECIMALS` decimals, as an `f64` (the nearest double to the decimal).
    pub fn rounded(self) -> Option<f64> {
        let scale = 10i128.pow(DECIMALS);
        let twice = self.n.checked_mul(scale)?.checked_mul(2)?;
        let num = if twice >= 0 {
            twice.checked_add(self.d)?
        } else {
            twice.checked_sub(self.d)?
        };
        let k = num.checked_div(self.d.checked_mul(2)?)?;
        // `div` truncates towards zero, which for the shifted value is rounding half away
        // from zero.
        if k.unsigned_abs() >= (1u128 << 53) {
            return None;
        }
        Some(k as f64 / scale as f64)
    }

    /// `n/d`, or `n` for a whole number.
    pub fn fraction(self) -> String {
        // 64-bit formatting is much cheaper than 128-bit, and covers nearly every value.
        match (i64::try_from(self.n), i64::try_from(self.d)) {
            (Ok(n), Ok(1)) => n.to_string(),
            (Ok(n), Ok(d)) => {
                let mut s = n.to_string();
                s.push('/');
                s.push_str(&d.to_string());
                s
            }
            _ if self.d == 1 => self.n.to_string(),
            _ => format!("{}/{}", self.n, self.d),
        }
    }
}

/// A number that is exact while it can be, else an `f64` computed in a fixed order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// An exact rational.
    Exact(Q),
    /// A floating-point value (after an overflow of the exact path).
    Approx(f64),
}

impl Num {
    /// Zero.
    pub const ZERO: Num = Num::Exact(Q::ZERO);
    /// One.
    pub const ONE: Num = Num::Exact(Q::ONE);

    /// A whole number.
    pub fn int(n: i64) -> Num {
        Num::Exact(Q::int(n))
    }

    /// `n / d` (`d > 0`).
    pub fn frac(n: i64, d: i64) -> Num {
        match Q::new(i128::from(n), i128::from(d)) {
            Some(q) => Num::Exact(q),
            None => Num::Approx(0.0),
        }
    }

    /// The value as `f64`.
    pub fn f(self) -> f64 {
        match self {
            Num::Exact(q) => q.to_f64(),
            Num::Approx(x) => x,
        }
    }

    fn op(self, o: Num, exact: fn(Q, Q) -> Option<Q>, approx: fn(f64, f64) -> f64) -> Num {
        if let (Num::Exact(a), Num::Exact(b)) = (self, o) {
            if let Some(r) = exact(a, b) {
                return Num::Exact(r);
            }
        }
        Num::Approx(approx(self.f(), o.f()))
    }

    /// Sum.
    pub fn plus(self, o: Num) -> Num {
        self.op(o, Q::plus, |a, b| a + b)
    }

    /// Difference.
    pub fn minus(self, o: Num) -> Num {
        self.op(o, Q::minus, |a, b| a - b)
    }

    /// Product.
    pub fn times(self, o: Num) -> Num {
        self.op(o, Q::times, |a, b| a * b)
    }

    /// Quotient (the caller never divides by zero; if it did, the result would be 0).
    pub fn over(self, o: Num) -> Num {
        if o.f() == 0.0 {
            return Num::ZERO;
        }
        self.op(o, Q::over, |a, b| a / b)
    }

    /// Ordering (exact when both are exact and it fits, else by `f64`).
    pub fn compare(self, o: Num) -> Ordering {
        if let (Num::Exact(a), Num::Exact(b)) = (self, o) {
            if let Some(c) = a.try_cmp(b) {
                return c;
            }
        }
        self.f().total_cmp(&o.f())
    }

    /// The smaller.
    pub fn min(self, o: Num) -> Num {
        if o.compare(self) == Ordering::Less {
            o
        } else {
            self
        }
    }

    /// The larger.
    pub fn max(self, o: Num) -> Num {
        if o.compare(self) == Ordering::Greater {
            o
        } else {
            self
        }
    }

    /// Rounded half up to [`DECIMALS`] decimals.
    pub fn rounded(self) -> f64 {
        match self {
            Num::Exact(q) => q.rounded().unwrap_or_else(|| round_f64(q.to_f64())),
            Num::Approx(x) => round_f64(x),
        }
    }

    /// The exact fraction (`"7/12"`), when the value is exact.
    pub fn exact(self) -> Option<String> {
        match self {
            Num::Exact(q) => Some(q.fraction()),
            Num::Approx(_) => None,
        }
    }
}

fn round_f64(x: f64) -> f64 {
    let scale = 10f64.powi(DECIMALS as i32);
    (x * scale).round() / scale
}

/// Sum in the order given.
pub fn sum(values: impl IntoIterator<Item = Num>) -> Num {
    values.into_iter().fold(Num::ZERO, Num::plus)
}

/// Σ wᵢ·xᵢ over a common denominator (one reduction at the end), in the order given; in
/// `f64`, in the same order, if a value is not exact or the integers would overflow.
pub fn weighted_sum(items: &[(u32, Num)]) -> Num {
    // Fast path in 64-bit integers (scores have small denominators).
    let small = || -> Option<Q> {
        let mut d: i64 = 1;
        let mut acc: i64 = 0;
        for (w, x) in items {
            let Num::Exact(q) = x else { return None };
            let (qn, qd) = (i64::try_from(q.n).ok()?, i64::try_from(q.d).ok()?);
            if d % qd != 0 {
                let m = qd / gcd64(d, qd);
                acc = acc.checked_mul(m)?;
                d = d.checked_mul(m)?;
            }
            let term = i64::from(*w).checked_mul(qn)?.checked_mul(d / qd)?;
            acc = acc.checked_add(term)?;
        }
        Q::new(i128::from(acc), i128::from(d))
    };
    if let Some(q) = small() {
        return Num::Exact(q);
    }
    let exact = || -> Option<Q> {
        let mut d: i128 = 1;
        let mut acc: i128 = 0;
        for (w, x) in items {
            let Num::Exact(q) = x else { return None };
            if d % q.d != 0 {
                let m = q.d / gcd(d, q.d);
                acc = acc.checked_mul(m)?;
                d = d.checked_mul(m)?;
            }
            let term = i128::from(*w).checked_mul(q.n)?.checked_mul(d / q.d)?;
            acc = acc.checked_add(term)?;
        }
        Q::new(acc, d)
    };
    match exact() {
        Some(q) => Num::Exact(q),
        None => Num::Approx(
            items
                .iter()
                .fold(0.0, |a, (w, x)| a + f64::from(*w) * x.f()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rationals_reduce_and_round() {
        let third = Q::new(1, 3).unwrap();
        assert_eq!(third.plus(third).unwrap(), Q::new(2, 3).unwrap());
        assert_eq!(third.rounded(), Some(0.3333));
        assert_eq!(Q::new(2, 3).unwrap().rounded(), Some(0.6667));
        assert_eq!(Q::new(1, 20000).unwrap().rounded(), Some(0.0001));
        assert_eq!(Q::new(6, 4).unwrap().fraction(), "3/2");
        assert_eq!(Q::new(-1, -2).unwrap().fraction(), "1/2");
        assert!(Q::new(1, 0).is_none());
    }

    #[test]
    fn overflow_falls_back_to_f64() {
        let big = Num::Exact(Q::new(i128::MAX / 2, 1).unwrap());
        let r = big.times(Num::int(4));
        assert!(matches!(r, Num::Approx(_)));
        assert!(r.exact().is_none());
        let a = Num::frac(1, 3).plus(Num::frac(1, 6));
        assert_eq!(a.exact().as_deref(), Some("1/2"));
        assert_eq!(Num::frac(1, 3).compare(Num::frac(1, 2)), Ordering::Less);
        assert_eq!(Num::ONE.over(Num::ZERO), Num::ZERO);
        let ws = weighted_sum(&[(2, Num::frac(1, 3)), (1, Num::frac(3, 10)), (3, Num::ONE)]);
        assert_eq!(ws.exact().as_deref(), Some("119/30"));
        let slow = Num::int(2)
            .times(Num::frac(1, 3))
            .plus(Num::frac(3, 10))
            .plus(Num::int(3));
        assert_eq!(ws, slow);
    }
}
