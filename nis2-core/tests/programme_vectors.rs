//! Conformance vectors of the programme capability (`tests/vectors/programme/*.json`): a request
//! document in `input`, the engine's output in `expected` (or `expected_error`), and an
//! independent `assert` block written from the legal text:
//!
//! * `"values": {"<JSON Pointer>": <value>, …}`: values the output must hold;
//! * `"error": {"kind": …, "path": …, "paths": […]}`: the request must fail so; `paths` lists
//!   the paths of the problems of a `multiple` error, in order.
//!
//! Outputs with iCalendar text (`/ics`) are parsed back with the `icalendar` crate and checked.
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

use std::path::{Path, PathBuf};

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use serde_json::Value;

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/programme");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

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

fn check_asserts(name: &str, asserts: &Value, out: &Value, failures: &mut Vec<String>) {
    if let Some(values) = asserts.get("values").and_then(Value::as_object) {
        for (pointer, want) in values {
            match out.pointer(pointer) {
                Some(got) if got == want => {}
                got => failures.push(format!(
                    "{name}: assert {pointer}: expected {want}, engine gives {}",
                    got.map_or("nothing".to_owned(), ToString::to_string)
                )),
            }
        }
    }
}

#[test]
fn programme_vectors() {
    let bless = std::env::var("NIS2_BLESS").is_ok_and(|v| v == "1");
    let files = vector_files();
    assert!(
        files.len() >= 25,
        "only {} programme vectors (want ≥ 25)",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let mut vector: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for key in ["description", "citations", "input", "assert"] {
            if vector.get(key).is_none() {
                failures.push(format!("{name}: no `{key}`"));
            }
        }
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let asserts = vector.get("assert").cloned().unwrap_or(Value::Null);
        let result = nis2_core::programme::programme_json(&input);
        if let Some(err) = asserts.get("error") {
            match result {
                Ok(_) => failures.push(format!("{name}: expected an error, got a result")),
                Err(e) => {
                    if err["kind"].as_str() != Some(e.kind()) {
                        failures.push(format!(
                            "{name}: error kind {} (want {}); {e}",
                            e.kind(),
                            err["kind"]
                        ));
                    }
                    if let Some(p) = err.get("path").and_then(Value::as_str) {
                        if e.path() != Some(p) {
                            failures
                                .push(format!("{name}: error path {:?} (want {p}); {e}", e.path()));
                        }
                    }
                    if let Some(paths) = err.get("paths").and_then(Value::as_array) {
                        let got: Vec<Option<&str>> = match &e {
                            nis2_core::Error::Multiple(list) => {
                                list.iter().map(nis2_core::Error::path).collect()
                            }
                            other => vec![other.path()],
                        };
                        let want: Vec<Option<&str>> = paths.iter().map(Value::as_str).collect();
                        if got != want {
                            failures
                                .push(format!("{name}: error paths {got:?} (want {want:?}); {e}"));
                        }
                    }
                    let report = serde_json::to_value(e.report()).unwrap();
                    if bless {
                        vector["expected_error"] = report;
                        std::fs::write(path, serde_json::to_string_pretty(&vector).unwrap() + "\n")
                            .unwrap();
                    } else if vector.get("expected_error") != Some(&report) {
                        failures.push(format!(
                            "{name}: error report differs from expected_error: {report}"
                        ));
                    }
                }
            }
            continue;
        }
        let out_text = match result {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("{name}: unexpected error: {e}"));
                continue;
            }
        };
        let out: Value = serde_json::from_str(&out_text).unwrap();
        check_asserts(&name, &asserts, &out, &mut failures);
        check_ics(&name, &out, &mut failures);
        if bless {
            vector["expected"] = out;
            std::fs::write(path, serde_json::to_string_pretty(&vector).unwrap() + "\n").unwrap();
            continue;
        }
        match vector.get("expected") {
            None => failures.push(format!("{name}: no `expected` (run with NIS2_BLESS=1)")),
            Some(expected) => {
                if expected != &out {
                    failures.push(format!("{name}: output differs from `expected`"));
                } else if serde_json::to_string(expected).unwrap() != out_text {
                    failures.push(format!(
                        "{name}: output bytes differ from the canonical form of `expected`"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing vectors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn programme_output_is_deterministic() {
    if std::env::var("NIS2_BLESS").is_ok_and(|v| v == "1") {
        return; // the other test is rewriting the files
    }
    for path in vector_files() {
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let a = nis2_core::programme::programme_json(&input);
        let b = nis2_core::programme::programme_json(&input);
        assert_eq!(a.is_ok(), b.is_ok());
        if let (Ok(a), Ok(b)) = (a, b) {
            assert_eq!(a, b, "{}", path.display());
        }
    }
}
