//! Calendar dates, one way for the whole engine: strict `YYYY-MM-DD` parsing (years 1000 to
//! 9999), one error wording, and calendar-month arithmetic clamped at the end of the month
//! (31 January + 1 month = 28 or 29 February).

use chrono::{Datelike, NaiveDate};

/// The years the engine accepts in dates (four digits, as RFC 5545 and ISO 8601 basic need).
pub(crate) const MIN_YEAR: i32 = 1000;
/// See [`MIN_YEAR`].
pub(crate) const MAX_YEAR: i32 = 9999;

/// Parse a date written exactly as `YYYY-MM-DD`.
pub(crate) fn parse(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let y = i32::try_from(num(0..4)?).ok()?;
    let m = num(5..7)?;
    let d = num(8..10)?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Whether a string is a date written exactly as `YYYY-MM-DD` (years 1000 to 9999).
pub fn is_date(s: &str) -> bool {
    parse(s).is_some()
}

/// Check an optional date field, listing a problem at `path`.
pub(crate) fn check(
    errors: &mut Vec<crate::Error>,
    v: Option<&str>,
    path: impl FnOnce() -> String,
) {
    if let Some(s) = v {
        if parse(s).is_none() {
            errors.push(crate::Error::invalid(path(), problem(s)));
        }
    }
}

/// Why a date string is not accepted (for the error message).
pub(crate) fn problem(s: &str) -> String {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if shape_ok {
        format!("`{s}` is not a date of the calendar (check the month and the day; years {MIN_YEAR} to {MAX_YEAR})")
    } else {
        format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31")
    }
}

/// Format as `YYYY-MM-DD`.
pub(crate) fn fmt(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push(&mut s, d);
    s
}

/// Append `YYYY-MM-DD`.
pub(crate) fn push(s: &mut String, d: NaiveDate) {
    push_num(s, d.year().unsigned_abs(), 4);
    s.push('-');
    push_num(s, d.month(), 2);
    s.push('-');
    push_num(s, d.day(), 2);
}

/// Append `YYYYMMDD` (RFC 5545 DATE).
pub(crate) fn push_basic(s: &mut String, d: NaiveDate) {
    push_num(s, d.year().unsigned_abs(), 4);
    push_num(s, d.month(), 2);
    push_num(s, d.day(), 2);
}

/// Append a zero-padded number of at least `width` digits.
pub(crate) fn push_num(s: &mut String, n: u32, width: usize) {
    const POW10: [u32; 10] = [
        1,
        10,
        100,
        1_000,
        10_000,
        100_000,
        1_000_000,
        10_000_000,
        100_000_000,
        1_000_000_000,
    ];
    let mut w = width.min(POW10.len());
    // Widen for numbers longer than the width.
    while POW10.get(w).is_some_and(|p| n >= *p) {
        w += 1;
    }
    for p in POW10.iter().take(w).rev() {
        s.push(char::from_digit((n / p) % 10, 10).unwrap_or('0'));
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// A month as a single number: `year * 12 + (month - 1)`.
pub(crate) fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

/// The date in month `index` (see [`month_index`]) on `day`, clamped to the month's last day.
pub(crate) fn date_in_month(index: i64, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    let d = day.min(days_in_month(year, month)).max(1);
    NaiveDate::from_ymd_opt(year, month, d)
}

/// `d` plus `months` calendar months, clamped at the end of the month: 31 January + 1 month is
/// 28 February (29 in a leap year); 29 February 2028 + 12 months is 28 February 2029.
pub(crate) fn add_months(d: NaiveDate, months: i64) -> Option<NaiveDate> {
    date_in_month(month_index(d.year(), d.month()) + months, d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    #[test]
    fn strict_parsing() {
        assert_eq!(parse("2026-01-31"), NaiveDate::from_ymd_opt(2026, 1, 31));
        for bad in [
            "2026-1-31",
            "2026-02-30",
            "2026-13-01",
            "26-01-31",
            "2026/01/31",
            "2026-01-31T00:00",
            "0999-01-01",
            "+2026-01-3",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert!(problem("2026-02-30").contains("not a date of the calendar"));
        assert!(problem("2026-2-3").contains("YYYY-MM-DD"));
    }

    #[test]
    fn month_end_clamping() {
        assert_eq!(add_months(d("2026-01-31"), 1), Some(d("2026-02-28")));
        assert_eq!(add_months(d("2028-01-31"), 1), Some(d("2028-02-29")));
        assert_eq!(add_months(d("2026-03-31"), 1), Some(d("2026-04-30")));
        assert_eq!(add_months(d("2026-04-30"), 1), Some(d("2026-05-30")));
        assert_eq!(add_months(d("2028-02-29"), 12), Some(d("2029-02-28")));
        assert_eq!(add_months(d("2026-12-15"), 1), Some(d("2027-01-15")));
        assert_eq!(add_months(d("2026-01-15"), -1), Some(d("2025-12-15")));
        assert_eq!(add_months(d("2100-01-31"), 1), Some(d("2100-02-28")));
        assert_eq!(add_months(d("2000-01-31"), 1), Some(d("2000-02-29")));
    }

    #[test]
    fn formatting() {
        assert_eq!(fmt(d("2026-03-09")), "2026-03-09");
        let mut s = String::new();
        push_basic(&mut s, d("2028-02-29"));
        assert_eq!(s, "20280229");
        let mut n = String::new();
        push_num(&mut n, 0, 2);
        push_num(&mut n, 7, 4);
        push_num(&mut n, 123, 2);
        push_num(&mut n, 4_000_000_000, 3);
        push_num(&mut n, 5, 9);
        assert_eq!(n, "0000071234000000000000000005");
    }
}
