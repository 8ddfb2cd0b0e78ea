//! Conformance vectors for the catalog entry point (`tests/vectors/catalog/*.json`): a
//! request in, a response out, compared exactly. The Rust, Python and WebAssembly suites run
//! the same files.
//!
//! File format (as `tests/vectors/scope`): `description`, `input` (the request), `expected`
//! (the response) or, for errors, `assert.error` (`kind`, `path`) and `expected_error` (the
//! error report). Independent checks written from the sources may be added under `assert`:
//! `pointers` (JSON Pointer → exact value) and `results_include` (entries of `results` by
//! node `id`, with their `relationship`).
//!
//! `NIS2_BLESS=1 cargo test -p nis2-core --test catalog_vectors` writes the engine's output
//! into `expected` / `expected_error` (review the diff); the `assert` block is always checked.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::{Path, PathBuf};

use serde_json::Value;

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/catalog");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn check_asserts(name: &str, asserts: &Value, out: &Value, failures: &mut Vec<String>) {
    if let Some(ptrs) = asserts.get("pointers").and_then(Value::as_object) {
        for (ptr, want) in ptrs {
            match out.pointer(ptr) {
                Some(got) if got == want => {}
                got => failures.push(format!(
                    "{name}: {ptr}: expected {want}, engine gives {got:?}"
                )),
            }
        }
    }
    if let Some(list) = asserts.get("results_include").and_then(Value::as_array) {
        let results = out["results"].as_array().cloned().unwrap_or_default();
        for want in list {
            let id = want["id"].as_str().unwrap();
            match results.iter().find(|r| r["node"]["id"] == id) {
                None => failures.push(format!("{name}: {id} missing from results")),
                Some(r) => {
                    for key in ["relationship", "confidence"] {
                        if let Some(w) = want.get(key) {
                            if &r[key] != w {
                                failures.push(format!("{name}: {id}: {key} {} (want {w})", r[key]));
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn catalog_vectors() {
    let bless = std::env::var("NIS2_BLESS").is_ok_and(|v| v == "1");
    let files = vector_files();
    assert!(files.len() >= 20, "only {} catalog vectors", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let mut vector: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(vector["description"].is_string(), "{name}: description");
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let asserts = vector.get("assert").cloned().unwrap_or(Value::Null);
        let result = nis2_core::catalog::catalog_json(&input);
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
fn catalog_output_is_deterministic() {
    for path in vector_files() {
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let a = nis2_core::catalog::catalog_json(&input);
        let b = nis2_core::catalog::catalog_json(&input);
        assert_eq!(a.is_ok(), b.is_ok());
        if let (Ok(a), Ok(b)) = (a, b) {
            assert_eq!(a, b);
        }
    }
}

/// The same request through `catalog_value` (already-parsed JSON) gives the same bytes.
#[test]
fn value_entry_point_agrees() {
    for path in vector_files() {
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let a = nis2_core::catalog::catalog_json(&input);
        let b = nis2_core::catalog::catalog_value(vector["input"].clone());
        match (a, b) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert_eq!(a, b),
            _ => panic!("{}: entry points disagree", path.display()),
        }
    }
}
