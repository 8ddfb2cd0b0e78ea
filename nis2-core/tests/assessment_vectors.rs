//! Conformance vectors of the assessment capability (`tests/vectors/assessment/*.json`): a request in, the
//! response out. Each vector's independent `assert` block is always checked:
//!
//! - `error`: `{kind, path}` of the error (path optional);
//! - `errors`: `[{kind, path}]` that must all be among the listed problems of a `multiple` error;
//! - `json`: `{"/json/pointer": value}` that the response must hold;
//! - `text_contains`: `{"/json/pointer": ["substring", …]}` for text fields (Markdown, HTML).
//!
//! `NIS2_BLESS=1 cargo test -p nis2-core --test assessment_vectors` writes the engine's output into
//! each vector's `expected` / `expected_error` (review the diff before committing).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::{Path, PathBuf};

use nis2_core::assessment::assessment_json;
use serde_json::Value;

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/assessment");
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
    if let Some(map) = asserts.get("json").and_then(Value::as_object) {
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

#[test]
fn assessment_vectors() {
    let bless = std::env::var("NIS2_BLESS").is_ok_and(|v| v == "1");
    let files = vector_files();
    assert!(
        files.len() >= 20,
        "only {} assessment vectors (want ≥ 20)",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let mut vector: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let asserts = vector.get("assert").cloned().unwrap_or(Value::Null);
        let result = assessment_json(&input);
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
        "{} failing assessment vectors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn assessment_output_is_deterministic() {
    for path in vector_files() {
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let a = assessment_json(&input);
        let b = assessment_json(&input);
        assert_eq!(a.is_ok(), b.is_ok());
        if let (Ok(a), Ok(b)) = (a, b) {
            assert_eq!(a, b, "{}", path.display());
        }
    }
}
