//! Conformance vectors of the programme capability (`tests/vectors/programme/*.json`), run by
//! the shared runner in `common/request_vectors.rs` (its `assert` kinds: `values`, `error` with
//! `paths`, …). Outputs with iCalendar text (`/ics`) are also parsed back with the `icalendar`
//! crate and checked.
//!
//! `NIS2_BLESS=1 cargo test -p nis2-core --test programme_vectors` writes the engine's output into
//! each vector's `expected` (review the diff before committing); the `assert` block is always
//! checked.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use serde_json::Value;

#[path = "common/request_vectors.rs"]
mod request_vectors;

/// Check iCalendar text: CRLF line ends, lines of at most 75 octets, parseable, one VEVENT per
/// task with a UID and an all-day DTSTART.
fn check_ics(name: &str, out: &Value, failures: &mut Vec<String>) {
    let Some(ics) = out.get("ics").and_then(Value::as_str) else {
        return;
    };
    if !ics.ends_with("\r\n") || ics.replace("\r\n", "").contains('\n') {
        failures.push(format!("{name}: iCalendar lines must end with CRLF"));
    }
    for line in ics.split("\r\n") {
        if line.len() > 75 {
            failures.push(format!("{name}: line of {} octets: {line}", line.len()));
        }
    }
    let cal: Calendar = match ics.parse() {
        Ok(c) => c,
        Err(e) => {
            failures.push(format!("{name}: iCalendar does not parse: {e}"));
            return;
        }
    };
    let events: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let want = out.get("events").and_then(Value::as_u64).unwrap_or(0);
    if events.len() as u64 != want {
        failures.push(format!(
            "{name}: {} VEVENTs parsed, {want} announced",
            events.len()
        ));
    }
    let mut uids = std::collections::HashSet::new();
    for e in events {
        match e.get_uid() {
            Some(u) if uids.insert(u.to_owned()) => {}
            other => failures.push(format!("{name}: missing or repeated UID {other:?}")),
        }
        if !matches!(e.get_start(), Some(DatePerhapsTime::Date(_))) {
            failures.push(format!("{name}: VEVENT without an all-day DTSTART"));
        }
        if matches!(e.get_summary(), None | Some("")) {
            failures.push(format!("{name}: VEVENT without SUMMARY"));
        }
        if e.property_value("DTSTAMP").is_none() {
            failures.push(format!("{name}: VEVENT without DTSTAMP"));
        }
    }
}

#[test]
fn programme_vectors() {
    request_vectors::run_with(
        "programme",
        nis2_core::programme::programme_json,
        25,
        check_ics,
    );
}

#[test]
fn programme_output_is_deterministic() {
    request_vectors::deterministic("programme", nis2_core::programme::programme_json);
}
