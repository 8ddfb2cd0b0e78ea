//! Instants and time zones for the Art 23 clocks.
//!
//! A moment is either an RFC 3339 timestamp with its UTC offset (`2026-03-28T10:00:00+01:00`,
//! `…Z`), or a local date-time without an offset plus an IANA zone (`Europe/Copenhagen`). Hours
//! are elapsed time (UTC arithmetic); calendar months are added in the local calendar of the zone
//! and clamped at the end of the month.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    Offset, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

use super::date;

/// Where local times are read and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    /// An IANA zone, with its daylight-saving rules.
    Iana(Tz),
    /// A fixed UTC offset (when only timestamps with offsets are given).
    Fixed(FixedOffset),
}

/// A time as written: an instant (it had an offset) or a local time (it had none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// With an offset (or `Z`).
    Instant(DateTime<FixedOffset>),
    /// Without an offset.
    Local(NaiveDateTime),
}

/// A local time resolved in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// Exactly one instant.
    Single(DateTime<Utc>),
    /// The clock was set back: the local time happened twice (earlier, later).
    Ambiguous(DateTime<Utc>, DateTime<Utc>),
    /// The clock was set forward: the local time never happened.
    Gap,
}

/// How a calendar-month sum had to be adjusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Adjust {
    /// The day did not exist in the target month and was clamped to its last day.
    ClampedDay,
    /// The local time did not exist (clocks set forward) and was moved forward by the gap.
    Gap,
    /// The local time happened twice (clocks set back); the earlier instant was taken.
    Ambiguous,
}

impl Zone {
    /// Parse an IANA zone name.
    pub(crate) fn iana(name: &str) -> Option<Zone> {
        name.parse::<Tz>().ok().map(Zone::Iana)
    }

    /// The nearest IANA zone names, for an unknown one.
    pub(crate) fn suggestions(name: &str) -> Vec<String> {
        crate::suggest::nearest(name, chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()), 3)
    }

    /// The UTC offset in force at `t`.
    pub(crate) fn offset_at(self, t: DateTime<Utc>) -> FixedOffset {
        match self {
            Zone::Iana(tz) => tz.offset_from_utc_datetime(&t.naive_utc()).fix(),
            Zone::Fixed(f) => f,
        }
    }

    /// The zone's name: the IANA name or the offset.
    pub(crate) fn name(self) -> String {
        match self {
            Zone::Iana(tz) => tz.name().to_owned(),
            Zone::Fixed(f) => {
                let mut s = String::with_capacity(6);
                push_offset(&mut s, f);
                s
            }
        }
    }

    /// Resolve a local time.
    pub(crate) fn resolve(self, local: NaiveDateTime) -> Resolved {
        let r = match self {
            Zone::Iana(tz) => map(tz.from_local_datetime(&local)),
            Zone::Fixed(f) => map(f.from_local_datetime(&local)),
        };
        return r;

        fn map<Z: TimeZone>(r: LocalResult<DateTime<Z>>) -> Resolved {
            match r {
                LocalResult::Single(t) => Resolved::Single(t.with_timezone(&Utc)),
                LocalResult::Ambiguous(a, b) => {
                    Resolved::Ambiguous(a.with_timezone(&Utc), b.with_timezone(&Utc))
                }
                LocalResult::None => Resolved::Gap,
            }
        }
    }

    /// The local time of `t`.
    pub(crate) fn local(self, t: DateTime<Utc>) -> NaiveDateTime {
        t.naive_utc() + Duration::seconds(i64::from(self.offset_at(t).local_minus_utc()))
    }

    /// `t` plus `months` calendar months in the local calendar of the zone, at the same local
    /// time of day. A day that the target month lacks is clamped to its last day; a local time
    /// skipped by a daylight-saving change is moved forward by the length of the gap; a local
    /// time that happens twice is taken at its earlier instant.
    pub(crate) fn add_months(
        self,
        t: DateTime<Utc>,
        months: i64,
    ) -> Option<(DateTime<Utc>, Vec<Adjust>)> {
        let local = self.local(t);
        let target = date::add_months(local.date(), months)?;
        let mut adjust = Vec::new();
        if target.day() != local.day() {
            adjust.push(Adjust::ClampedDay);
        }
        let new_local = target.and_time(local.time());
        let out = match self.resolve(new_local) {
            Resolved::Single(u) => u,
            Resolved::Ambiguous(earlier, _) => {
                adjust.push(Adjust::Ambiguous);
                earlier
            }
            Resolved::Gap => {
                adjust.push(Adjust::Gap);
                // Read the skipped local time with the offset in force just before the change.
                let before = self.offset_at(new_local.and_utc() - Duration::days(1));
                new_local.and_utc() - Duration::seconds(i64::from(before.local_minus_utc()))
            }
        };
        Some((out, adjust))
    }
}

/// Parse a date-time written as RFC 3339 (`2026-03-28T10:00:00+01:00`, `…Z`, seconds and
/// fractions optional) or as a local time without an offset (`2026-03-28T10:00`).
pub(crate) fn parse(s: &str) -> Result<Written, String> {
    let shape = || {
        format!("`{s}` is not a date-time; write it as RFC 3339, e.g. 2026-03-28T10:00:00+01:00 (or with Z for UTC), or as a local time 2026-03-28T10:00:00 together with time_zone")
    };
    let day = s.get(0..10).ok_or_else(shape)?;
    let d: NaiveDate = date::parse(day).ok_or_else(|| {
        if s.len() >= 10 {
            format!("{} (in `{s}`)", date::problem(day))
        } else {
            shape()
        }
    })?;
    let rest = s.get(10..).ok_or_else(shape)?;
    let rest = rest.strip_prefix('T').ok_or_else(shape)?;
    let b = rest.as_bytes();
    let two = |i: usize| -> Option<u32> {
        let x = *b.get(i)?;
        let y = *b.get(i + 1)?;
        if x.is_ascii_digit() && y.is_ascii_digit() {
            Some(u32::from(x - b'0') * 10 + u32::from(y - b'0'))
        } else {
            None
        }
    };
    let hh = two(0).ok_or_else(shape)?;
    if b.get(2) != Some(&b':') {
        return Err(shape());
    }
    let mm = two(3).ok_or_else(shape)?;
    let mut i = 5;
    let mut ss = 0;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b':') {
        ss = two(i + 1).ok_or_else(shape)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            let mut scale = 100_000_000u32;
            while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                if i - start >= 9 {
                    return Err(format!("`{s}`: at most 9 digits of fractional seconds"));
                }
                nanos += u32::from(c - b'0') * scale;
                scale /= 10;
                i += 1;
            }
            if i == start {
                return Err(shape());
            }
        }
    }
    if hh > 23 || mm > 59 || ss > 59 {
        return Err(format!(
            "`{s}` has a time of day out of range (hours 00–23, minutes and seconds 00–59)"
        ));
    }
    let time = NaiveTime::from_hms_nano_opt(hh, mm, ss, nanos).ok_or_else(shape)?;
    let local = d.and_time(time);
    let offset = rest.get(i..).ok_or_else(shape)?;
    if offset.is_empty() {
        return Ok(Written::Local(local));
    }
    let fixed = if offset == "Z" || offset == "z" {
        FixedOffset::east_opt(0)
    } else {
        let ob = offset.as_bytes();
        let sign = match ob.first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Err(shape()),
        };
        if ob.len() != 6 || ob.get(3) != Some(&b':') {
            return Err(shape());
        }
        let digits = |j: usize| -> Option<i32> {
            let x = *ob.get(j)?;
            let y = *ob.get(j + 1)?;
            (x.is_ascii_digit() && y.is_ascii_digit())
                .then(|| i32::from(x - b'0') * 10 + i32::from(y - b'0'))
        };
        let oh = digits(1).ok_or_else(shape)?;
        let om = digits(4).ok_or_else(shape)?;
        if oh > 23 || om > 59 {
            return Err(format!("`{s}` has a UTC offset out of range"));
        }
        FixedOffset::east_opt(sign * (oh * 3600 + om * 60))
    }
    .ok_or_else(shape)?;
    match fixed.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(Written::Instant(t)),
        _ => Err(shape()),
    }
}

/// Append `+HH:MM`.
fn push_offset(s: &mut String, f: FixedOffset) {
    let secs = f.local_minus_utc();
    s.push(if secs < 0 { '-' } else { '+' });
    let abs = secs.unsigned_abs();
    date::push_num(s, abs / 3600, 2);
    s.push(':');
    date::push_num(s, (abs % 3600) / 60, 2);
}

fn push_clock(s: &mut String, t: NaiveDateTime) {
    date::push(s, t.date());
    s.push('T');
    date::push_num(s, t.hour(), 2);
    s.push(':');
    date::push_num(s, t.minute(), 2);
    s.push(':');
    date::push_num(s, t.second(), 2);
    let n = t.nanosecond();
    if n != 0 {
        s.push('.');
        if n.is_multiple_of(1_000_000) {
            date::push_num(s, n / 1_000_000, 3);
        } else if n.is_multiple_of(1000) {
            date::push_num(s, n / 1000, 6);
        } else {
            date::push_num(s, n, 9);
        }
    }
}

/// RFC 3339 in the zone, with its offset: `2026-03-29T11:00:00+02:00`.
pub(crate) fn fmt_in(zone: Zone, t: DateTime<Utc>) -> String {
    let offset = zone.offset_at(t);
    let mut s = String::with_capacity(25);
    push_clock(
        &mut s,
        t.naive_utc() + Duration::seconds(i64::from(offset.local_minus_utc())),
    );
    push_offset(&mut s, offset);
    s
}

/// RFC 3339 in UTC: `2026-03-29T09:00:00Z`.
pub(crate) fn fmt_utc(t: DateTime<Utc>) -> String {
    let mut s = String::with_capacity(20);
    push_clock(&mut s, t.naive_utc());
    s.push('Z');
    s
}

/// The offset as `+HH:MM`.
pub(crate) fn fmt_offset(f: FixedOffset) -> String {
    let mut s = String::with_capacity(6);
    push_offset(&mut s, f);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cph() -> Zone {
        Zone::iana("Europe/Copenhagen").unwrap()
    }

    fn instant(s: &str) -> DateTime<Utc> {
        match parse(s).unwrap() {
            Written::Instant(t) => t.with_timezone(&Utc),
            Written::Local(_) => panic!("no offset"),
        }
    }

    #[test]
    fn parses_rfc3339_and_local() {
        assert_eq!(
            fmt_utc(instant("2026-03-28T10:00:00+01:00")),
            "2026-03-28T09:00:00Z"
        );
        assert_eq!(
            fmt_utc(instant("2026-03-28T10:00Z")),
            "2026-03-28T10:00:00Z"
        );
        assert_eq!(
            fmt_utc(instant("2026-03-28T10:00:00.250-02:30")),
            "2026-03-28T12:30:00.250Z"
        );
        assert!(matches!(
            parse("2026-03-28T10:00:00"),
            Ok(Written::Local(_))
        ));
        for bad in [
            "2026-03-28",
            "2026-03-28 10:00:00Z",
            "2026-03-28T25:00:00Z",
            "2026-03-28T10:00:00+1:00",
            "2026-02-30T10:00:00Z",
            "2026-03-28T10:00:60Z",
            "2026-03-28T10:00:00.Z",
            "yesterday",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dst_gaps_and_folds() {
        let z = cph();
        let local = |s: &str| match parse(s).unwrap() {
            Written::Local(l) => l,
            Written::Instant(_) => panic!(),
        };
        assert_eq!(z.resolve(local("2026-03-29T02:30:00")), Resolved::Gap);
        assert!(matches!(
            z.resolve(local("2026-10-25T02:30:00")),
            Resolved::Ambiguous(_, _)
        ));
        // Elapsed hours across the spring change: 10:00 +01:00 plus 24 h is 11:00 +02:00.
        let t = instant("2026-03-28T10:00:00+01:00") + Duration::hours(24);
        assert_eq!(fmt_in(z, t), "2026-03-29T11:00:00+02:00");
        // And across the autumn change: 10:00 +02:00 plus 24 h is 09:00 +01:00.
        let t = instant("2026-10-24T10:00:00+02:00") + Duration::hours(24);
        assert_eq!(fmt_in(z, t), "2026-10-25T09:00:00+01:00");
    }

    #[test]
    fn months_in_zone() {
        let z = cph();
        let (t, adj) = z
            .add_months(instant("2026-01-31T12:00:00+01:00"), 1)
            .unwrap();
        assert_eq!(fmt_in(z, t), "2026-02-28T12:00:00+01:00");
        assert_eq!(adj, vec![Adjust::ClampedDay]);
        // A month that crosses the spring change keeps the local time.
        let (t, adj) = z
            .add_months(instant("2026-03-10T09:00:00+01:00"), 1)
            .unwrap();
        assert_eq!(fmt_in(z, t), "2026-04-10T09:00:00+02:00");
        assert!(adj.is_empty());
        // 28 February 2027 02:30 + 1 month is 28 March 2027 02:30, skipped that night.
        let (t, adj) = z
            .add_months(instant("2027-02-28T02:30:00+01:00"), 1)
            .unwrap();
        assert_eq!(fmt_in(z, t), "2027-03-28T03:30:00+02:00");
        assert_eq!(adj, vec![Adjust::Gap]);
        // 25 September 2026 02:30 + 1 month is 25 October 2026 02:30, which happens twice.
        let (t, adj) = z
            .add_months(instant("2026-09-25T02:30:00+02:00"), 1)
            .unwrap();
        assert_eq!(fmt_in(z, t), "2026-10-25T02:30:00+02:00");
        assert_eq!(adj, vec![Adjust::Ambiguous]);
    }

    #[test]
    fn zone_names() {
        assert!(Zone::iana("Europe/Copenhagen").is_some());
        assert!(Zone::iana("Europe/Copenhagn").is_none());
        assert_eq!(
            Zone::suggestions("Europe/Copenhagn")
                .first()
                .map(String::as_str),
            Some("Europe/Copenhagen")
        );
        assert_eq!(
            Zone::Fixed(FixedOffset::east_opt(-5 * 3600 - 1800).unwrap()).name(),
            "-05:30"
        );
    }
}
