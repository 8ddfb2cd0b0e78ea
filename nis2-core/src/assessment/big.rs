//! Natural numbers and rationals of any size, for the rare score whose exact fraction leaves
//! the 128-bit range. Small and plain on purpose: limbs of 32 bits (little-endian, no leading
//! zero limb), schoolbook addition, subtraction and multiplication, binary long division and
//! binary (Stein) gcd. The sizes met are a few hundred bits, so the simple algorithms are fast
//! enough, and they are easy to check (the tests compare them with `u128` arithmetic).

use std::cmp::Ordering;

/// A natural number: little-endian limbs of 32 bits, without a leading zero limb (zero is no
/// limb at all), so equal numbers are equal vectors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Nat(Vec<u32>);

impl Nat {
    /// From a `u128`.
    pub fn from_u128(mut v: u128) -> Nat {
        let mut limbs = Vec::new();
        while v != 0 {
            limbs.push((v & 0xffff_ffff) as u32);
            v >>= 32;
        }
        Nat(limbs)
    }

    /// As a `u128`, when it fits.
    pub fn to_u128(&self) -> Option<u128> {
        if self.0.len() > 4 {
            return None;
        }
        Some(
            self.0
                .iter()
                .rev()
                .fold(0u128, |acc, &l| (acc << 32) | u128::from(l)),
        )
    }

    /// Whether it is zero.
    pub fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn trim(mut self) -> Nat {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }

    fn limb(&self, i: usize) -> u32 {
        self.0.get(i).copied().unwrap_or(0)
    }

    /// The number of significant bits.
    pub fn bits(&self) -> usize {
        match self.0.last() {
            None => 0,
            Some(&top) => (self.0.len() - 1) * 32 + (32 - top.leading_zeros() as usize),
        }
    }

    fn bit(&self, i: usize) -> bool {
        (self.limb(i / 32) >> (i % 32)) & 1 == 1
    }

    fn set_bit(&mut self, i: usize) {
        let k = i / 32;
        if self.0.len() <= k {
            self.0.resize(k + 1, 0);
        }
        if let Some(l) = self.0.get_mut(k) {
            *l |= 1 << (i % 32);
        }
    }

    fn trailing_zeros(&self) -> usize {
        let mut n = 0;
        for &l in &self.0 {
            if l == 0 {
                n += 32;
            } else {
                return n + l.trailing_zeros() as usize;
            }
        }
        n
    }

    /// Compare.
    pub fn cmp_nat(&self, o: &Nat) -> Ordering {
        self.0
            .len()
            .cmp(&o.0.len())
            .then_with(|| self.0.iter().rev().cmp(o.0.iter().rev()))
    }

    /// `self + o`.
    pub fn add(&self, o: &Nat) -> Nat {
        let n = self.0.len().max(o.0.len());
        let mut out = Vec::with_capacity(n + 1);
        let mut carry = 0u64;
        for i in 0..n {
            let s = u64::from(self.limb(i)) + u64::from(o.limb(i)) + carry;
            out.push((s & 0xffff_ffff) as u32);
            carry = s >> 32;
        }
        if carry != 0 {
            out.push(carry as u32);
        }
        Nat(out).trim()
    }

    /// `self − o`; `None` when `o > self`.
    pub fn sub(&self, o: &Nat) -> Option<Nat> {
        if self.cmp_nat(o) == Ordering::Less {
            return None;
        }
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let mut d = i64::from(self.limb(i)) - i64::from(o.limb(i)) - borrow;
            if d < 0 {
                d += 1 << 32;
                borrow = 1;
            } else {
                borrow = 0;
            }
            out.push((d & 0xffff_ffff) as u32);
        }
        Some(Nat(out).trim())
    }

    /// `self × o`.
    pub fn mul(&self, o: &Nat) -> Nat {
        if self.is_zero() || o.is_zero() {
            return Nat::default();
        }
        let mut out = vec![0u32; self.0.len() + o.0.len()];
        for (i, &x) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &y) in o.0.iter().enumerate() {
                if let Some(slot) = out.get_mut(i + j) {
                    // At most (2³² − 1)² + 2·(2³² − 1) = 2⁶⁴ − 1: no overflow.
                    let t = u64::from(*slot) + u64::from(x) * u64::from(y) + carry;
                    *slot = (t & 0xffff_ffff) as u32;
                    carry = t >> 32;
                }
            }
            let mut k = i + o.0.len();
            while carry != 0 {
                let Some(slot) = out.get_mut(k) else { break };
                let t = u64::from(*slot) + carry;
                *slot = (t & 0xffff_ffff) as u32;
                carry = t >> 32;
                k += 1;
            }
        }
        Nat(out).trim()
    }

    /// `self × 2^k`.
    fn shl(&self, k: usize) -> Nat {
        if self.is_zero() {
            return Nat::default();
        }
        let (limbs, bits) = (k / 32, k % 32);
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &l in &self.0 {
            if bits == 0 {
                out.push(l);
            } else {
                out.push((l << bits) | carry);
                carry = l >> (32 - bits);
            }
        }
        if carry != 0 {
            out.push(carry);
        }
        Nat(out).trim()
    }

    /// `self ÷ 2^k`, truncated.
    fn shr(&self, k: usize) -> Nat {
        let (limbs, bits) = (k / 32, k % 32);
        let rest = self.0.get(limbs..).unwrap_or(&[]);
        let mut out = Vec::with_capacity(rest.len());
        for (i, &l) in rest.iter().enumerate() {
            let hi = rest.get(i + 1).copied().unwrap_or(0);
            out.push(if bits == 0 {
                l
            } else {
                (l >> bits) | (hi << (32 - bits))
            });
        }
        Nat(out).trim()
    }

    /// Quotient and remainder (binary long division); `None` when dividing by zero.
    pub fn divmod(&self, o: &Nat) -> Option<(Nat, Nat)> {
        if o.is_zero() {
            return None;
        }
        if self.cmp_nat(o) == Ordering::Less {
            return Some((Nat::default(), self.clone()));
        }
        let mut q = Nat::default();
        let mut r = Nat::default();
        for i in (0..self.bits()).rev() {
            r = r.shl(1);
            if self.bit(i) {
                r.set_bit(0);
            }
            if let Some(d) = r.sub(o) {
                r = d;
                q.set_bit(i);
            }
        }
        Some((q.trim(), r))
    }

    /// The greatest common divisor (binary gcd); `gcd(0, x) = x`.
    pub fn gcd(&self, o: &Nat) -> Nat {
        if self.is_zero() {
            return o.clone();
        }
        if o.is_zero() {
            return self.clone();
        }
        let (za, zb) = (self.trailing_zeros(), o.trailing_zeros());
        let mut a = self.shr(za);
        let mut b = o.shr(zb);
        loop {
            // Both odd here.
            if a.cmp_nat(&b) == Ordering::Greater {
                std::mem::swap(&mut a, &mut b);
            }
            b = b.sub(&a).unwrap_or_default();
            if b.is_zero() {
                return a.shl(za.min(zb));
            }
            b = b.shr(b.trailing_zeros());
        }
    }

    /// Decimal digits.
    pub fn to_decimal(&self) -> String {
        if self.is_zero() {
            return "0".to_owned();
        }
        // Chunks of 9 digits, least significant first.
        let mut chunks: Vec<u32> = Vec::new();
        let mut cur = self.0.clone();
        while !cur.is_empty() {
            let mut rem = 0u64;
            for l in cur.iter_mut().rev() {
                let v = (rem << 32) | u64::from(*l);
                *l = (v / 1_000_000_000) as u32;
                rem = v % 1_000_000_000;
            }
            chunks.push(rem as u32);
            while cur.last() == Some(&0) {
                cur.pop();
            }
        }
        let mut s = String::new();
        for (i, c) in chunks.iter().rev().enumerate() {
            if i == 0 {
                s.push_str(&c.to_string());
            } else {
                s.push_str(&format!("{c:09}"));
            }
        }
        s
    }
}

/// A reduced fraction of any size: `(−1)^neg · n / d` with `d ≥ 1` and `gcd(n, d) = 1` (zero
/// is `0/1`, not negative), so equal values are equal structs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BigQ {
    neg: bool,
    n: Nat,
    d: Nat,
}

impl BigQ {
    /// `n / d` reduced; `None` when `d` is zero.
    pub fn new(neg: bool, n: Nat, d: Nat) -> Option<BigQ> {
        if d.is_zero() {
            return None;
        }
        let g = n.gcd(&d);
        let (n, d) = if g == Nat::from_u128(1) {
            (n, d)
        } else {
            (n.divmod(&g)?.0, d.divmod(&g)?.0)
        };
        Some(BigQ {
            neg: neg && !n.is_zero(),
            n,
            d,
        })
    }

    /// From a fraction of 128-bit integers (`d > 0`).
    pub fn from_i128(n: i128, d: i128) -> BigQ {
        BigQ {
            neg: (n < 0) != (d < 0) && n != 0,
            n: Nat::from_u128(n.unsigned_abs()),
            d: Nat::from_u128(d.unsigned_abs().max(1)),
        }
    }

    /// The numerator and denominator as 128-bit integers, when both fit.
    pub fn to_i128(&self) -> Option<(i128, i128)> {
        let n = i128::try_from(self.n.to_u128()?).ok()?;
        let d = i128::try_from(self.d.to_u128()?).ok()?;
        Some((if self.neg { -n } else { n }, d))
    }

    /// Whether it is zero.
    pub fn is_zero(&self) -> bool {
        self.n.is_zero()
    }

    /// `self + o`.
    pub fn plus(&self, o: &BigQ) -> BigQ {
        let a = self.n.mul(&o.d);
        let b = o.n.mul(&self.d);
        let d = self.d.mul(&o.d);
        let (neg, n) = if self.neg == o.neg {
            (self.neg, a.add(&b))
        } else {
            match a.sub(&b) {
                Some(x) => (self.neg, x),
                None => (o.neg, b.sub(&a).unwrap_or_default()),
            }
        };
        BigQ::new(neg, n, d).unwrap_or_else(|| BigQ::from_i128(0, 1))
    }

    /// `−self`.
    pub fn negated(&self) -> BigQ {
        BigQ {
            neg: !self.neg && !self.n.is_zero(),
            n: self.n.clone(),
            d: self.d.clone(),
        }
    }

    /// `self × o`.
    pub fn times(&self, o: &BigQ) -> BigQ {
        BigQ::new(self.neg != o.neg, self.n.mul(&o.n), self.d.mul(&o.d))
            .unwrap_or_else(|| BigQ::from_i128(0, 1))
    }

    /// `self ÷ o`; `None` when `o` is zero.
    pub fn over(&self, o: &BigQ) -> Option<BigQ> {
        if o.is_zero() {
            return None;
        }
        BigQ::new(self.neg != o.neg, self.n.mul(&o.d), self.d.mul(&o.n))
    }

    /// Compare.
    pub fn cmp_q(&self, o: &BigQ) -> Ordering {
        match (self.neg, o.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (neg, _) => {
                let c = self.n.mul(&o.d).cmp_nat(&o.n.mul(&self.d));
                if neg {
                    c.reverse()
                } else {
                    c
                }
            }
        }
    }

    /// Rounded half away from zero to `decimals` decimals, as the whole number of
    /// 10^−decimals units (sign included).
    pub fn rounded_units(&self, decimals: u32) -> Option<i128> {
        let scale = Nat::from_u128(10u128.pow(decimals));
        let twice = self.n.mul(&scale).shl(1).add(&self.d);
        let (k, _) = twice.divmod(&self.d.shl(1))?;
        let k = i128::try_from(k.to_u128()?).ok()?;
        Some(if self.neg { -k } else { k })
    }

    /// `n/d`, or `n` for a whole number.
    pub fn fraction(&self) -> String {
        let sign = if self.neg { "-" } else { "" };
        if self.d == Nat::from_u128(1) {
            format!("{sign}{}", self.n.to_decimal())
        } else {
            format!("{sign}{}/{}", self.n.to_decimal(), self.d.to_decimal())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nat(v: u128) -> Nat {
        Nat::from_u128(v)
    }

    #[test]
    fn naturals_agree_with_u128() {
        let samples: [u128; 9] = [
            0,
            1,
            2,
            3,
            0xffff_ffff,
            0x1_0000_0000,
            12_345_678_901_234_567_890,
            u128::from(u64::MAX),
            (1u128 << 100) + 12345,
        ];
        for &a in &samples {
            assert_eq!(nat(a).to_u128(), Some(a));
            assert_eq!(nat(a).to_decimal(), a.to_string());
            for &b in &samples {
                if let Some(s) = a.checked_add(b) {
                    assert_eq!(nat(a).add(&nat(b)).to_u128(), Some(s), "{a}+{b}");
                }
                assert_eq!(
                    nat(a).sub(&nat(b)).and_then(|x| x.to_u128()),
                    a.checked_sub(b),
                    "{a}-{b}"
                );
                if let Some(p) = a.checked_mul(b) {
                    assert_eq!(nat(a).mul(&nat(b)).to_u128(), Some(p), "{a}*{b}");
                }
                if b != 0 {
                    let (q, r) = nat(a).divmod(&nat(b)).unwrap();
                    assert_eq!((q.to_u128(), r.to_u128()), (Some(a / b), Some(a % b)));
                }
                let (mut x, mut y) = (a, b);
                while y != 0 {
                    (x, y) = (y, x % y);
                }
                assert_eq!(nat(a).gcd(&nat(b)).to_u128(), Some(x), "gcd({a}, {b})");
                assert_eq!(nat(a).cmp_nat(&nat(b)), a.cmp(&b));
            }
        }
    }

    #[test]
    fn large_values_round_trip() {
        // (2^100 + 1)^3 / (2^100 + 1)^2 = 2^100 + 1.
        let a = nat((1u128 << 100) + 1);
        let cube = a.mul(&a).mul(&a);
        let (q, r) = cube.divmod(&a.mul(&a)).unwrap();
        assert_eq!(q, a);
        assert!(r.is_zero());
        assert_eq!(
            cube.to_decimal(),
            "2037035976334486086268445688414198975184245364492562136913167740113748593432889574798917633"
        );
        let x = BigQ::new(false, cube.clone(), a.mul(&a).mul(&nat(2))).unwrap();
        assert_eq!(x.fraction(), "1267650600228229401496703205377/2");
        assert_eq!(
            x.plus(&x.negated()).fraction(),
            "0",
            "a value minus itself is zero"
        );
        let third = BigQ::from_i128(1, 3);
        assert_eq!(third.rounded_units(4), Some(3333));
        assert_eq!(BigQ::from_i128(2, 3).rounded_units(4), Some(6667));
        assert_eq!(BigQ::from_i128(-2, 3).rounded_units(4), Some(-6667));
    }
}
