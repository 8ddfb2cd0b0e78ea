//! Cadences of recurring activities: monthly, quarterly, half-yearly, yearly or every N months,
//! anchored on a month and a day. A day the month lacks is clamped to its last day for that
//! occurrence only (an anchor on the 31st gives 31 January, 28 February, 31 March, 30 April …).

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date;
use crate::error::Error;

/// A named frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every month.
    Monthly,
    /// Every three months.
    Quarterly,
    /// Every six months.
    HalfYearly,
    /// Every twelve months.
    Yearly,
}

impl Frequency {
    /// The period in months.
    pub fn months(self) -> u32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::HalfYearly => 6,
            Frequency::Yearly => 12,
        }
    }
}

/// How often something recurs. Give `every` or `every_months`, not both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    /// A named frequency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<Frequency>,
    /// Every N months (N ≥ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub every_months: Option<u32>,
    /// The month of an occurrence (1–12; default January, or the month of the last occurrence
    /// where the record has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 12))]
    pub anchor_month: Option<u32>,
    /// The day of the month (1–31; default 1, or the day of the last occurrence); clamped to
    /// the month's last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 31))]
    pub anchor_day: Option<u32>,
    /// The year of an occurrence. Needed when the period does not divide twelve months (e.g.
    /// every 18 or 24 months), to fix which years the activity falls in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_year: Option<i32>,
}

/// A validated cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The period in months (≥ 1).
    pub(crate) months: u32,
    /// The anchor month as `year * 12 + month - 1` (the year is 0 when the period divides 12).
    pub(crate) anchor: i64,
    /// The anchor day (1–31).
    pub(crate) day: u32,
}

impl Cadence {
    /// Validate, listing every problem (paths under `base`). `last` is a natural anchor (the
    /// last occurrence), used where the cadence gives none.
    pub(crate) fn resolve(
        &self,
        base: &str,
        last: Option<NaiveDate>,
        errors: &mut Vec<Error>,
    ) -> Option<Resolved> {
        let months = match (self.every, self.every_months) {
            (Some(f), None) => Some(f.months()),
            (None, Some(0)) => {
                errors.push(Error::invalid(
                    format!("{base}.every_months"),
                    "a cadence of zero months never recurs; give 1 or more",
                ));
                None
            }
            (None, Some(n)) if n > 1200 => {
                errors.push(Error::invalid(
                    format!("{base}.every_months"),
                    format!("{n} months is more than a century; give at most 1200"),
                ));
                None
            }
            (None, Some(n)) => Some(n),
            (Some(_), Some(_)) => {
                errors.push(Error::invalid(
                    base.to_owned(),
                    "give either `every` or `every_months`, not both",
                ));
                None
            }
            (None, None) => {
                errors.push(Error::invalid(
                    base.to_owned(),
                    "no frequency: give `every` (monthly, quarterly, half_yearly, yearly) or `every_months` (1 or more)",
                ));
                None
            }
        };
        let mut ok = true;
        if let Some(m) = self.anchor_month {
            if !(1..=12).contains(&m) {
                errors.push(Error::invalid(
                    format!("{base}.anchor_month"),
                    format!("a month is 1 to 12, got {m}"),
                ));
                ok = false;
            }
        }
        if let Some(d) = self.anchor_day {
            if !(1..=31).contains(&d) {
                errors.push(Error::invalid(
                    format!("{base}.anchor_day"),
                    format!("a day of the month is 1 to 31, got {d} (days beyond a month's end are clamped to its last day)"),
                ));
                ok = false;
            }
        }
        if let Some(y) = self.anchor_year {
            if !(date::MIN_YEAR..=date::MAX_YEAR).contains(&y) {
                errors.push(Error::invalid(
                    format!("{base}.anchor_year"),
                    format!(
                        "a year from {} to {}, got {y}",
                        date::MIN_YEAR,
                        date::MAX_YEAR
                    ),
                ));
                ok = false;
            }
        }
        let months = months?;
        let needs_year = 12 % months != 0;
        let year = match (self.anchor_year, last) {
            (Some(y), _) => Some(y),
            (None, Some(l)) if self.anchor_month.is_none() => Some(l.year()),
            _ => None,
        };
        if needs_year && year.is_none() {
            errors.push(Error::invalid(
                format!("{base}.anchor_year"),
                format!("every {months} months does not divide the year: give anchor_year (the year of one occurrence) so the calendar knows which years it falls in"),
            ));
            return None;
        }
        if !ok {
            return None;
        }
        let (month, day) = match (self.anchor_month, self.anchor_day, last) {
            (Some(m), Some(d), _) => (m, d),
            (Some(m), None, _) => (m, 1),
            (None, d, Some(l)) => (l.month(), d.unwrap_or(l.day())),
            (None, d, None) => (1, d.unwrap_or(1)),
        };
        Some(Resolved {
            months,
            anchor: date::month_index(year.unwrap_or(0), month),
            day,
        })
    }
}

impl Resolved {
    /// Every occurrence in `year`, in date order.
    pub(crate) fn occurrences(&self, year: i32) -> impl Iterator<Item = NaiveDate> + '_ {
        let n = i64::from(self.months.max(1));
        let first_month = date::month_index(year, 1);
        let offset = (first_month - self.anchor).rem_euclid(n);
        let first = if offset == 0 {
            first_month
        } else {
            first_month + n - offset
        };
        let end = first_month + 12;
        let day = self.day;
        (0..)
            .map(move |k| first + k * n)
            .take_while(move |m| *m < end)
            .filter_map(move |m| date::date_in_month(m, day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(c: &Cadence, last: Option<&str>, year: i32) -> Vec<String> {
        let mut e = Vec::new();
        let r = c
            .resolve("$.c", last.and_then(date::parse), &mut e)
            .unwrap_or_else(|| panic!("{e:?}"));
        r.occurrences(year).map(date::fmt).collect()
    }

    #[test]
    fn named_frequencies() {
        let c = Cadence {
            every: Some(Frequency::Quarterly),
            anchor_month: Some(2),
            anchor_day: Some(15),
            ..Cadence::default()
        };
        assert_eq!(
            dates(&c, None, 2026),
            ["2026-02-15", "2026-05-15", "2026-08-15", "2026-11-15"]
        );
        let c = Cadence {
            every: Some(Frequency::Monthly),
            anchor_day: Some(31),
            ..Cadence::default()
        };
        let d = dates(&c, None, 2028);
        assert_eq!(d.len(), 12);
        assert_eq!(d[1], "2028-02-29");
        assert_eq!(d[3], "2028-04-30");
        assert_eq!(d[11], "2028-12-31");
        let c = Cadence {
            every: Some(Frequency::HalfYearly),
            anchor_month: Some(11),
            ..Cadence::default()
        };
        assert_eq!(dates(&c, None, 2026), ["2026-05-01", "2026-11-01"]);
    }

    #[test]
    fn every_n_months() {
        let c = Cadence {
            every_months: Some(18),
            anchor_month: Some(3),
            anchor_year: Some(2025),
            ..Cadence::default()
        };
        // 2025-03, 2026-09, 2028-03 …
        assert_eq!(dates(&c, None, 2026), ["2026-09-01"]);
        assert!(dates(&c, None, 2027).is_empty());
        assert_eq!(dates(&c, None, 2028), ["2028-03-01"]);
        let c = Cadence {
            every_months: Some(24),
            ..Cadence::default()
        };
        // Anchored on the last review.
        assert_eq!(dates(&c, Some("2025-06-30"), 2027), ["2027-06-30"]);
        assert!(dates(&c, Some("2025-06-30"), 2026).is_empty());
    }

    #[test]
    fn rejects_bad_cadences() {
        let mut e = Vec::new();
        let zero = Cadence {
            every_months: Some(0),
            ..Cadence::default()
        };
        assert!(zero.resolve("$.c", None, &mut e).is_none());
        let none = Cadence::default();
        assert!(none.resolve("$.d", None, &mut e).is_none());
        let no_year = Cadence {
            every_months: Some(18),
            anchor_month: Some(13),
            ..Cadence::default()
        };
        assert!(no_year.resolve("$.e", None, &mut e).is_none());
        let paths: Vec<_> = e.iter().filter_map(|x| x.path()).collect();
        assert_eq!(
            paths,
            [
                "$.c.every_months",
                "$.d",
                "$.e.anchor_month",
                "$.e.anchor_year"
            ]
        );
    }
}
