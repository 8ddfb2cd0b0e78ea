//! Conformance vectors (`tests/vectors/<capability>/*.json`): JSON in, JSON out. The Rust,
//! Python and WebAssembly suites all run them and compare the output exactly.
//!
//! `NIS2_BLESS=1 cargo test -p nis2-core --test vectors` writes the engine's output into each
//! vector's `expected` (review the diff before committing); the independent `assert` block,
//! written from the legal text, is always checked.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::{Path, PathBuf};

use serde_json::Value;

fn vector_files(capability: &str) -> Vec<PathBuf> {
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

fn check_asserts(name: &str, asserts: &Value, out: &Value, failures: &mut Vec<String>) {
    let pairs = [
        ("in_scope", &out["in_scope"]),
        ("classification", &out["classification"]),
        ("size_class", &out["size"]["class"]),
    ];
    for (key, got) in pairs {
        if let Some(want) = asserts.get(key) {
            if want != got {
                failures.push(format!(
                    "{name}: assert {key}: expected {want}, engine gives {got}"
                ));
            }
        }
    }
    if let Some(ids) = asserts.get("open_question_ids").and_then(Value::as_array) {
        let have: Vec<&str> = out["open_questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_str().unwrap())
            .collect();
        for id in ids {
            if !have.contains(&id.as_str().unwrap()) {
                failures.push(format!(
                    "{name}: open question {id} expected, engine gives {have:?}"
                ));
            }
        }
    }
}

fn run(capability: &str, call: fn(&str) -> nis2_core::Result<String>, minimum: usize) {
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
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let asserts = vector.get("assert").cloned().unwrap_or(Value::Null);
        let result = call(&input);
        if let Some(err) = asserts.get("error") {
            match result {
                Ok(_) => failures.push(format!("{name}: expected an error, got a result")),
                Err(e) => {
                    if err["kind"].as_str() != Some(e.kind()) {
                        failures.push(format!(
                            "{name}: error kind {} (want {})",
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
fn scope_vectors() {
    run("scope", nis2_core::ffi::scope_json, 60);
}

#[test]
fn output_is_deterministic() {
    for path in vector_files("scope") {
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let a = nis2_core::ffi::scope_json(&input);
        let b = nis2_core::ffi::scope_json(&input);
        assert_eq!(a.is_ok(), b.is_ok());
        if let (Ok(a), Ok(b)) = (a, b) {
            assert_eq!(a, b);
        }
    }
}
