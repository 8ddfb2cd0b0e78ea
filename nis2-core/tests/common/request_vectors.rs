//! The shared runner of request/response conformance vectors (`tests/vectors/<capability>/`):
//! a request in, the response (or the error report) out, compared exactly. Assertions written
//! independently of the engine are checked in `assert`:
//! - `error`: `{kind, path, paths}` of an expected error (`paths`: the paths of the problems of
//!   a `multiple` error, in order);
//! - `errors`: `[{kind, path}, …]` problems a `multiple` error must list (in any order);
//! - `json` (or `values`): `{"/json/pointer": value}` checked exactly;
//! - `text_contains`: `{"/json/pointer": ["substring", …]}` for text fields.
//!
//! Every vector has `description`, `input` and `assert` (citations, where a vector has them, in
//! `citations` or `references`). A capability can add its
//! own check of each output ([`run_with`]).
//!
//! `NIS2_BLESS=1` writes the engine's output into each vector's `expected` / `expected_error`
//! (review the diff before committing).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The vector files of a capability, sorted.
pub fn vector_files(capability: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(capability);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn check_error(name: &str, asserts: &Value, e: &nis2_core::Error, failures: &mut Vec<String>) {
    let want = &asserts["error"];
    if want["kind"].as_str() != Some(e.kind()) {
        failures.push(format!(
            "{name}: error kind {} (want {}); {e}",
            e.kind(),
            want["kind"]
        ));
    }
    if let Some(p) = want.get("path").and_then(Value::as_str) {
        if e.path() != Some(p) {
            failures.push(format!("{name}: error path {:?} (want {p}); {e}", e.path()));
        }
    }
    if let Some(paths) = want.get("paths").and_then(Value::as_array) {
        let got: Vec<Option<&str>> = match e {
            nis2_core::Error::Multiple(list) => list.iter().map(nis2_core::Error::path).collect(),
            other => vec![other.path()],
        };
        let want: Vec<Option<&str>> = paths.iter().map(Value::as_str).collect();
        if got != want {
            failures.push(format!("{name}: error paths {got:?} (want {want:?}); {e}"));
        }
    }
    if let Some(list) = asserts.get("errors").and_then(Value::as_array) {
        let nis2_core::Error::Multiple(have) = e else {
            failures.push(format!("{name}: expected several problems, got one: {e}"));
            return;
        };
        for w in list {
            let found = have
                .iter()
                .any(|h| Some(h.kind()) == w["kind"].as_str() && h.path() == w["path"].as_str());
            if !found {
                failures.push(format!("{name}: problem {w} not listed; have: {e}"));
            }
        }
    }
}

fn check_output(name: &str, asserts: &Value, out: &Value, failures: &mut Vec<String>) {
    let pointers = ["json", "values"]
        .iter()
        .filter_map(|k| asserts.get(*k).and_then(Value::as_object));
    for map in pointers {
        for (pointer, want) in map {
            match out.pointer(pointer) {
                Some(got) if got == want => {}
                got => failures.push(format!(
                    "{name}: {pointer}: expected {want}, engine gives {got:?}"
                )),
            }
        }
    }
    if let Some(map) = asserts.get("text_contains").and_then(Value::as_object) {
        for (pointer, wants) in map {
            let text = out.pointer(pointer).and_then(Value::as_str).unwrap_or("");
            for w in wants.as_array().unwrap() {
                let w = w.as_str().unwrap();
                if !text.contains(w) {
                    failures.push(format!("{name}: {pointer} does not contain {w:?}"));
                }
            }
        }
    }
}

/// A capability's own check of an output: (vector name, output, failures).
pub type OutputCheck = fn(&str, &Value, &mut Vec<String>);

/// A capability's own `assert` kinds: (vector name, its `assert` block, output, failures).
pub type AssertCheck = fn(&str, &Value, &Value, &mut Vec<String>);

/// Run every vector of a capability through `call` (bless with `NIS2_BLESS=1`).
pub fn run(capability: &str, call: fn(&str) -> nis2_core::Result<String>, minimum: usize) {
    run_with(capability, call, minimum, |_, _, _| {});
}

/// [`run`], with `extra` checking every output too.
pub fn run_with(
    capability: &str,
    call: fn(&str) -> nis2_core::Result<String>,
    minimum: usize,
    extra: OutputCheck,
) {
    run_full(capability, call, minimum, extra, |_, _, _, _| {});
}

/// [`run`], with a capability's own `assert` kinds checked on every output too.
pub fn run_with_asserts(
    capability: &str,
    call: fn(&str) -> nis2_core::Result<String>,
    minimum: usize,
    asserts: AssertCheck,
) {
    run_full(capability, call, minimum, |_, _, _| {}, asserts);
}

fn run_full(
    capability: &str,
    call: fn(&str) -> nis2_core::Result<String>,
    minimum: usize,
    extra: OutputCheck,
    own_asserts: AssertCheck,
) {
    let bless = std::env::var("NIS2_BLESS").is_ok_and(|v| v == "1");
    let files = vector_files(capability);
    assert!(
        files.len() >= minimum,
        "only {} {capability} vectors (want ≥ {minimum})",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let mut vector: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for key in ["description", "input", "assert"] {
            if vector.get(key).is_none() {
                failures.push(format!("{name}: no `{key}`"));
            }
        }
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let asserts = vector.get("assert").cloned().unwrap_or(Value::Null);
        let result = call(&input);
        if asserts.get("error").is_some() {
            match result {
                Ok(_) => failures.push(format!("{name}: expected an error, got a result")),
                Err(e) => {
                    check_error(&name, &asserts, &e, &mut failures);
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
        check_output(&name, &asserts, &out, &mut failures);
        extra(&name, &out, &mut failures);
        own_asserts(&name, &asserts, &out, &mut failures);
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
        "{} failing {capability} vectors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same request gives the same bytes twice.
pub fn deterministic(capability: &str, call: fn(&str) -> nis2_core::Result<String>) {
    if std::env::var("NIS2_BLESS").is_ok_and(|v| v == "1") {
        return; // the other test is rewriting the files
    }
    for path in vector_files(capability) {
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let a = call(&input);
        let b = call(&input);
        assert_eq!(a.is_ok(), b.is_ok());
        if let (Ok(a), Ok(b)) = (a, b) {
            assert_eq!(a, b, "{}", path.display());
        }
    }
}
