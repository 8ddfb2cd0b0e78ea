//! The malformed-request vectors (`tests/vectors/malformed/*.json`, format: `nis2 schema
//! malformed-vector`), one named test per file (`malformed/scope-utf8-bom.json`), sent as raw
//! text through the one boundary (`nis2_core::api::call`). The Python and WebAssembly suites run
//! the same files.
//!
//! For every vector:
//! - the file validates against the `malformed-vector` schema;
//! - the request fails with the expected kind and path (and, for `multiple`, the problems'
//!   paths), its message contains and leaves out what the vector says, and names no Rust type;
//! - the error report validates against the `error` schema; the same request fails the same way
//!   twice, and at the other detail level.
//!
//! A vector with `known_issue` (the engine's answer is known to be wrong) is ignored, with its
//! note; when it passes, the test says so (remove the `known_issue`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libtest_mimic::{Arguments, Failed, Trial};
use nis2_core::api::{self, Detail};
use nis2_core::Error;
use serde_json::Value;

fn malformed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/malformed")
}

fn validator(kind: &str) -> jsonschema::Validator {
    let schema = nis2_core::schema::schema_for(kind).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema {kind}: {e}"))
}

fn vector_validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| validator("malformed-vector"))
}

fn error_validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| validator("error"))
}

/// Words of Rust and serde, not of the request: the type names serde puts into its messages,
/// and its names for JSON's null, arrays and objects (`unit value`, `sequence`, `map`).
fn rust_words() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"expected (enum|struct|unit|tuple|map|sequence|newtype)\b|variant identifier|field identifier|\b(u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|f32|f64)\b|\b(Option|Vec|String)<|unit value|(invalid (type|value): |expected a )(map|sequence)\b",
        )
        .unwrap()
    })
}

/// The call a vector makes: its capability, its detail level (the argument, read as every
/// surface reads it), its text.
fn call(vector: &Value, detail: Option<&str>) -> Result<String, Error> {
    let detail = Detail::parse(detail.unwrap_or("explained"), "detail")?;
    api::call_json(
        vector["capability"].as_str().unwrap(),
        vector["input_text"].as_str().unwrap(),
        detail,
    )
}

/// Whether the engine gives the expected error; every difference, listed.
fn check(vector: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    let want = &vector["expected_error"];
    let detail = vector.get("detail").and_then(Value::as_str);
    let e = match call(vector, detail) {
        Ok(out) => {
            let head: String = out.chars().take(200).collect();
            return vec![format!("the request succeeds: {head}")];
        }
        Err(e) => e,
    };
    if want["kind"].as_str() != Some(e.kind()) {
        failures.push(format!("kind {} (want {})", e.kind(), want["kind"]));
    }
    if want["path"].as_str() != e.path() {
        failures.push(format!("path {:?} (want {})", e.path(), want["path"]));
    }
    let limit = serde_json::to_value(e.report().limit).unwrap();
    if want.get("limit").unwrap_or(&Value::Null) != &limit {
        failures.push(format!("limit {limit} (want {:?})", want.get("limit")));
    }
    if let Some(paths) = want.get("paths").and_then(Value::as_array) {
        let got: Vec<Option<&str>> = match &e {
            Error::Multiple(list) => list.iter().map(Error::path).collect(),
            other => vec![other.path()],
        };
        let want: Vec<Option<&str>> = paths.iter().map(Value::as_str).collect();
        if got != want {
            failures.push(format!("problem paths {got:?} (want {want:?})"));
        }
    }
    let message = e.to_string();
    for w in want
        .get("message_contains")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let w = w.as_str().unwrap();
        if !message.contains(w) {
            failures.push(format!("the message does not say {w:?}"));
        }
    }
    for w in want
        .get("message_excludes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let w = w.as_str().unwrap();
        if message.contains(w) {
            failures.push(format!("the message says {w:?}"));
        }
    }
    if let Some(m) = rust_words().find(&message) {
        failures.push(format!(
            "the message speaks Rust, not JSON: `{}`",
            m.as_str()
        ));
    }
    let report = serde_json::to_value(e.report()).unwrap();
    for x in error_validator().iter_errors(&report).take(3) {
        failures.push(format!("the error report does not match its schema: {x}"));
    }
    match call(vector, detail) {
        Err(again) if again == e => {}
        other => failures.push(format!("a second call answers otherwise: {other:?}")),
    }
    if detail.is_none() {
        match call(vector, Some("verdict")) {
            Err(v) if v == e => {}
            other => failures.push(format!("the verdict call answers otherwise: {other:?}")),
        }
    }
    if !failures.is_empty() {
        failures.push(format!("the engine says: {message}"));
    }
    failures
}

fn run(path: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let vector: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let mut failures: Vec<String> = vector_validator()
        .iter_errors(&vector)
        .take(5)
        .map(|e| {
            format!(
                "the vector does not match `malformed-vector`: {e} at {}",
                e.instance_path()
            )
        })
        .collect();
    if failures.is_empty() {
        failures = check(&vector);
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{}:\n  {}", path.display(), failures.join("\n  ")).into())
    }
}

/// A known issue that no longer shows: the vector's `known_issue` is to be removed.
fn run_known_issue(path: &Path) -> Result<(), Failed> {
    match run(path) {
        Ok(()) => Err(format!(
            "{}: the known issue is fixed: remove `known_issue` from the vector",
            path.display()
        )
        .into()),
        Err(_) => Ok(()),
    }
}

fn main() {
    let args = Arguments::from_args();
    let dir = malformed_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 150, "{} malformed vectors", files.len());
    let mut trials = Vec::new();
    let mut issues = Vec::new();
    for path in files {
        let name = format!("malformed/{}", path.file_name().unwrap().to_string_lossy());
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match vector.get("known_issue").and_then(Value::as_str) {
            // Ignored by default, with its note; `--include-ignored` checks that it still fails
            // (and says so when it is fixed).
            Some(note) => {
                issues.push(format!("{name}: {note}"));
                trials.push(
                    Trial::test(name, move || run_known_issue(&path))
                        .with_kind("known issue")
                        .with_ignored_flag(true),
                );
            }
            None => trials.push(Trial::test(name, move || run(&path))),
        }
    }
    if !issues.is_empty() {
        eprintln!(
            "{} malformed vectors skipped as known issues of the engine:\n  {}",
            issues.len(),
            issues.join("\n  ")
        );
    }
    libtest_mimic::run(&args, trials).exit();
}
