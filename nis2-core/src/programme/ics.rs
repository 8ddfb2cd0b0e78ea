//! iCalendar (RFC 5545) rendering of the årshjul: a VCALENDAR with one all-day VEVENT per task,
//! UIDs derived from the activity id and the date, DTSTAMP fixed from the reference date (there
//! is no clock), TEXT values escaped (§3.3.11), content lines folded at 75 octets (§3.1) and
//! ended with CRLF.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};

use super::date;
use super::wheel::{WheelResult, WheelTask};
use crate::lang::Lang as Language;

/// The PRODID of the calendars this engine writes.
pub const PRODID: &str = "-//nis2//programme arshjul//EN";

/// Render the årshjul as iCalendar text.
pub fn to_ics(wheel: &WheelResult, language: Language) -> String {
    let mut w = Lines {
        out: String::with_capacity(256 + wheel.tasks.len() * 420),
        line: String::with_capacity(256),
    };
    write_calendar_header(&mut w, wheel, language);

    let mut stamp = String::with_capacity(16);
    if let Some(d) = date::parse(&wheel.reference_date) {
        date::push_basic(&mut stamp, d);
    }
    stamp.push_str("T000000Z");

    let mut desc = String::with_capacity(256);
    for t in &wheel.tasks {
        write_event(&mut w, &mut desc, t, &stamp, language);
    }
    w.line.push_str("END:VCALENDAR");
    w.emit();
    w.out
}

/// The calendar being written and the content line being built.
struct Lines {
    out: String,
    line: String,
}

impl Lines {
    /// Fold the line being built into the calendar and start the next one.
    fn emit(&mut self) {
        fold_into(&mut self.out, &self.line);
        self.line.clear();
    }
}

/// The VCALENDAR's opening lines: version, scale, method, PRODID and the calendar's name.
fn write_calendar_header(w: &mut Lines, wheel: &WheelResult, language: Language) {
    for fixed in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        w.line.push_str(fixed);
        w.emit();
    }
    w.line.push_str("PRODID:");
    w.line.push_str(PRODID);
    w.emit();
    w.line.push_str("X-WR-CALNAME:");
    let name = match (language, wheel.organisation.as_deref()) {
        (Language::En, Some(o)) => format!("{o} – compliance calendar (årshjul) {}", wheel.year),
        (Language::Da, Some(o)) => format!("{o} – årshjul {}", wheel.year),
        (Language::En, None) => format!("Compliance calendar (årshjul) {}", wheel.year),
        (Language::Da, None) => format!("Årshjul {}", wheel.year),
    };
    escape_into(&mut w.line, &name);
    w.emit();
}

/// One task as an all-day VEVENT (nothing for a task whose date does not parse); `desc` is a
/// scratch buffer for the description.
fn write_event(w: &mut Lines, desc: &mut String, t: &WheelTask, stamp: &str, language: Language) {
    let Some(start) = date::parse(&t.date) else {
        return;
    };
    let end: NaiveDate = start
        .checked_add_signed(Duration::days(i64::from(t.duration_days.max(1))))
        .unwrap_or(start);
    w.line.push_str("BEGIN:VEVENT");
    w.emit();
    w.line.push_str("UID:");
    w.line.push_str(&t.uid);
    w.emit();
    w.line.push_str("DTSTAMP:");
    w.line.push_str(stamp);
    w.emit();
    w.line.push_str("DTSTART;VALUE=DATE:");
    date::push_basic(&mut w.line, start);
    w.emit();
    w.line.push_str("DTEND;VALUE=DATE:");
    date::push_basic(&mut w.line, end);
    w.emit();
    w.line.push_str("SUMMARY:");
    escape_into(
        &mut w.line,
        match language {
            Language::En => &t.title.en,
            Language::Da => &t.title.da,
        },
    );
    w.emit();
    w.line.push_str("DESCRIPTION:");
    desc.clear();
    write_description(desc, t, language);
    escape_into(&mut w.line, desc);
    w.emit();
    w.line.push_str("CATEGORIES:NIS2,");
    for c in t.kind.as_str().chars() {
        w.line.push(c.to_ascii_uppercase());
    }
    w.emit();
    w.line.push_str("TRANSP:TRANSPARENT");
    w.emit();
    w.line.push_str("END:VEVENT");
    w.emit();
}

/// A task's DESCRIPTION text (unescaped): owner, requirements, legal basis, occurrence and the
/// task's own description.
fn write_description(desc: &mut String, t: &WheelTask, language: Language) {
    let (owner_l, req_l, basis_l, occ_l) = match language {
        Language::En => ("Owner", "Requirements", "Legal basis", "Occurrence"),
        Language::Da => ("Ansvarlig", "Krav", "Hjemmel", "Forekomst"),
    };
    if let Some(o) = &t.owner {
        desc.push_str(owner_l);
        desc.push_str(": ");
        desc.push_str(&o.name);
        desc.push_str(" (");
        desc.push_str(&o.id);
        desc.push_str(")\n");
    }
    if !t.requirements.is_empty() {
        desc.push_str(req_l);
        desc.push_str(": ");
        for (i, r) in t.requirements.iter().enumerate() {
            if i > 0 {
                desc.push_str(", ");
            }
            desc.push_str(r);
        }
        desc.push('\n');
    }
    desc.push_str(basis_l);
    desc.push_str(": ");
    desc.push_str(&crate::cite::cite(&t.citation, language));
    desc.push('\n');
    desc.push_str(occ_l);
    desc.push_str(": ");
    let _ = write!(desc, "{}/{}", t.occurrence, t.occurrences);
    if let Some(d) = &t.description {
        desc.push('\n');
        desc.push_str(d);
    }
}

/// Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline; other
/// control characters are dropped.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Append a content line folded at 75 octets (continuation lines start with one space, which
/// counts towards their 75), never splitting a UTF-8 sequence, each line ended with CRLF.
fn fold_into(out: &mut String, line: &str) {
    if line.len() <= 75 {
        out.push_str(line);
        out.push_str("\r\n");
        return;
    }
    let mut width = 0usize;
    let mut start = 0usize;
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        // Keep an escape (`\;`, `\,`, `\n`, `\\`) on one line: legal to split, but some
        // readers unfold badly.
        let next = if c == '\\' {
            chars.next().map_or(0, |(_, x)| x.len_utf8())
        } else {
            0
        };
        let n = c.len_utf8() + next;
        if width + n > 75 {
            out.push_str(line.get(start..i).unwrap_or(""));
            out.push_str("\r\n ");
            start = i;
            width = 1;
        }
        width += n;
    }
    out.push_str(line.get(start..).unwrap_or(""));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_respects_octets_and_chars() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "æ".repeat(60));
        fold_into(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end_matches("\r\n"), long);
        let mut short = String::new();
        fold_into(&mut short, "VERSION:2.0");
        assert_eq!(short, "VERSION:2.0\r\n");
        // Exactly 75 octets is not folded; 76 is.
        let mut exact = String::new();
        fold_into(&mut exact, &"a".repeat(75));
        assert!(!exact.contains("\r\n "));
        let mut over = String::new();
        fold_into(&mut over, &"a".repeat(76));
        assert_eq!(over, format!("{}\r\n a\r\n", "a".repeat(75)));
    }

    #[test]
    fn escaping() {
        let mut s = String::new();
        escape_into(&mut s, "a;b,c\\d\ne\u{7}");
        assert_eq!(s, "a\\;b\\,c\\\\d\\ne");
    }
}
