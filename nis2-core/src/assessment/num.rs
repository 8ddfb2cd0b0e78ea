//! Exact arithmetic for scores. Every value is an exact rational: a reduced fraction of
//! 128-bit integers ([`Q`], the fast path that covers nearly every value), or, when a result
//! leaves the 128-bit range (many measures with different weight sums make the common
//! denominator of the overall score grow), a reduced fraction of natural numbers of any size
//! ([`BigQ`], the engine's own: limbs of 32 bits, schoolbook multiplication, binary division
//! and binary gcd). Nothing overflows and nothing is approximated: the exact value is always
//! written. A value is held as a [`Q`] whenever it fits, so equal values have one
//! representation and the output is the same bytes on every platform.
//!
//! Output rounding: half up (away from zero for the non-negative values used here) to
//! [`DECIMALS`] decimals, computed on the integers.
use std::cmp::Ordering;

use super::big::BigQ;

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

    /// Rounded half up to `DECIMALS` decimals, as the whole number of 10^−DECIMALS units;
    /// `None` if the shifted value leaves the 128-bit range.
    pub fn rounded_units(self) -> Option<i128> {
        let scale = 10i128.pow(DECIMALS);
        let twice = self.n.checked_mul(scale)?.checked_mul(2)?;
        let num = if twice >= 0 {
            twice.checked_add(self.d)?
        } else {
            twice.checked_sub(self.d)?
        };
        // `div` truncates towards zero, which for the shifted value is rounding half away
        // from zero.
        num.checked_div(self.d.checked_mul(2)?)
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

/// An exact number: a [`Q`] when it fits in 128-bit integers, else a [`BigQ`]. Always exact;
/// a value that fits is always held as a [`Q`], so equal values compare equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Num {
    /// A fraction of 128-bit integers.
    Exact(Q),
    /// A fraction too large for 128-bit integers.
    Big(Box<BigQ>),
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

    /// `n / d` (`d > 0`; a zero `d` gives 0).
    pub fn frac(n: i64, d: i64) -> Num {
        match Q::new(i128::from(n), i128::from(d)) {
            Some(q) => Num::Exact(q),
            None => Num::ZERO,
        }
    }

    fn big(&self) -> BigQ {
        match self {
            Num::Exact(q) => BigQ::from_i128(q.n, q.d),
            Num::Big(b) => (**b).clone(),
        }
    }

    /// A big value, held as a [`Q`] when it fits.
    fn of_big(b: BigQ) -> Num {
        match b.to_i128().and_then(|(n, d)| Q::new(n, d)) {
            Some(q) => Num::Exact(q),
            None => Num::Big(Box::new(b)),
        }
    }

    /// Whether it is zero.
    pub fn is_zero(&self) -> bool {
        match self {
            Num::Exact(q) => q.n == 0,
            Num::Big(b) => b.is_zero(),
        }
    }

    /// Sum.
    pub fn plus(&self, o: &Num) -> Num {
        if let (Num::Exact(a), Num::Exact(b)) = (self, o) {
            if let Some(r) = a.plus(*b) {
                return Num::Exact(r);
            }
        }
        Num::of_big(self.big().plus(&o.big()))
    }

    /// Difference.
    pub fn minus(&self, o: &Num) -> Num {
        if let (Num::Exact(a), Num::Exact(b)) = (self, o) {
            if let Some(r) = a.minus(*b) {
                return Num::Exact(r);
            }
        }
        Num::of_big(self.big().plus(&o.big().negated()))
    }

    /// Product.
    pub fn times(&self, o: &Num) -> Num {
        if let (Num::Exact(a), Num::Exact(b)) = (self, o) {
            if let Some(r) = a.times(*b) {
                return Num::Exact(r);
            }
        }
        Num::of_big(self.big().times(&o.big()))
    }

    /// Quotient (the caller never divides by zero; if it did, the result would be 0).
    pub fn over(&self, o: &Num) -> Num {
        if o.is_zero() {
            return Num::ZERO;
        }
        if let (Num::Exact(a), Num::Exact(b)) = (self, o) {
            if let Some(r) = a.over(*b) {
                return Num::Exact(r);
            }
        }
        self.big().over(&o.big()).map_or(Num::ZERO, Num::of_big)
    }

    /// Ordering (always exact).
    pub fn compare(&self, o: &Num) -> Ordering {
        if let (Num::Exact(a), Num::Exact(b)) = (self, o) {
            if let Some(c) = a.try_cmp(*b) {
                return c;
            }
        }
        self.big().cmp_q(&o.big())
    }

    /// The smaller (the first when equal).
    pub fn min(&self, o: &Num) -> Num {
        if o.compare(self) == Ordering::Less {
            o.clone()
        } else {
            self.clone()
        }
    }

    /// The larger (the first when equal).
    pub fn max(&self, o: &Num) -> Num {
        if o.compare(self) == Ordering::Greater {
            o.clone()
        } else {
            self.clone()
        }
    }

    /// Rounded half up to [`DECIMALS`] decimals, as the nearest `f64` to that decimal.
    pub fn rounded(&self) -> f64 {
        let scale = 10i128.pow(DECIMALS);
        let units = match self {
            Num::Exact(q) => q
                .rounded_units()
                .or_else(|| BigQ::from_i128(q.n, q.d).rounded_units(DECIMALS)),
            Num::Big(b) => b.rounded_units(DECIMALS),
        };
        // A score is at most a few thousand; a unit count beyond 2^53 cannot occur with the
        // input limits, and would still give the same bits everywhere.
        units.map_or(0.0, |k| k as f64 / scale as f64)
    }

    /// The exact fraction (`"7/12"`).
    pub fn exact(&self) -> String {
        match self {
            Num::Exact(q) => q.fraction(),
            Num::Big(b) => b.fraction(),
        }
    }
}

/// Sum in the order given.
pub fn sum(values: impl IntoIterator<Item = Num>) -> Num {
    values.into_iter().fold(Num::ZERO, |a, x| a.plus(&x))
}

/// Σ wᵢ·xᵢ, in the order given: over a common denominator in 64-bit integers when it fits
/// (one reduction at the end), else exactly with [`Num`] arithmetic.
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
    items.iter().fold(Num::ZERO, |acc, (w, x)| {
        acc.plus(&x.times(&Num::int(i64::from(*w))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rationals_reduce_and_round() {
        let third = Q::new(1, 3).unwrap();
        assert_eq!(third.plus(third).unwrap(), Q::new(2, 3).unwrap());
        assert_eq!(Num::Exact(third).rounded(), 0.3333);
        assert_eq!(Num::frac(2, 3).rounded(), 0.6667);
        assert_eq!(Num::frac(1, 20000).rounded(), 0.0001);
        assert_eq!(Q::new(6, 4).unwrap().fraction(), "3/2");
        assert_eq!(Q::new(-1, -2).unwrap().fraction(), "1/2");
        assert!(Q::new(1, 0).is_none());
    }

    #[test]
    fn overflow_continues_exactly() {
        let big = Num::Exact(Q::new(i128::MAX / 2, 1).unwrap());
        let r = big.times(&Num::int(4));
        assert!(matches!(r, Num::Big(_)));
        // (2^126 − 1) × 4 = 2^128 − 4.
        assert_eq!(r.exact(), (u128::MAX - 3).to_string());
        // Back into range: held as a `Q` again.
        assert_eq!(r.over(&Num::int(4)), big);
        let a = Num::frac(1, 3).plus(&Num::frac(1, 6));
        assert_eq!(a.exact(), "1/2");
        assert_eq!(Num::frac(1, 3).compare(&Num::frac(1, 2)), Ordering::Less);
        assert_eq!(Num::ONE.over(&Num::ZERO), Num::ZERO);
        let ws = weighted_sum(&[(2, Num::frac(1, 3)), (1, Num::frac(3, 10)), (3, Num::ONE)]);
        assert_eq!(ws.exact(), "119/30");
        let slow = Num::int(2)
            .times(&Num::frac(1, 3))
            .plus(&Num::frac(3, 10))
            .plus(&Num::int(3));
        assert_eq!(ws, slow);
    }

    #[test]
    fn a_mean_of_many_coprime_denominators_stays_exact() {
        // 1/p for the first 40 primes: the common denominator is far beyond 2^128.
        let primes: Vec<i64> = (2i64..)
            .filter(|n| (2..*n).take_while(|k| k * k <= *n).all(|k| n % k != 0))
            .take(40)
            .collect();
        let items: Vec<(u32, Num)> = primes.iter().map(|p| (1, Num::frac(1, *p))).collect();
        let s = weighted_sum(&items);
        assert!(matches!(s, Num::Big(_)));
        let back = primes
            .iter()
            .fold(s.clone(), |acc, p| acc.minus(&Num::frac(1, *p)));
        assert_eq!(back, Num::ZERO);
        let mean = s.over(&Num::int(40));
        assert!(mean.rounded() > 0.0);
        assert!(mean.exact().contains('/'));
    }
}
