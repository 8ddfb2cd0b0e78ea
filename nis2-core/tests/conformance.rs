//! The conformance vectors (`tests/vectors/<capability>/*.json`), one named test per file
//! (`scope/001-annex1-large-water-essential.json`), run through the one boundary
//! (`nis2_core::api::call`). The Python and WebAssembly suites run the same files.
//!
//! For every vector:
//! - the file validates against the vector schema (`nis2 schema vector`);
//! - the response (or error report) equals `expected` (`expected_error`) byte for byte, and the
//!   hand-written `assert` checks hold;
//! - JSON text and a JSON value give the same bytes, twice;
//! - the verdict agrees with the explained result (for `scope`, field by field; for the other
//!   operations, the verdict is the explained result without its prose);
//! - both validate against their JSON Schemas, and so does the input the engine answered
//!   (`assert.request_schema` says whether the request schema accepts an input the engine
//!   rejects);
//! - both render (Markdown, HTML, text) in English and Danish, every word from the label
//!   catalog.
//!
//! `NIS2_BLESS=1 cargo test -p nis2-core --test conformance` writes the engine's output into
//! each vector's `expected` / `expected_error` (review the diff before committing).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use libtest_mimic::{Arguments, Failed, Trial};
use nis2_core::api::{self, Detail, Format, Input};
use nis2_core::Lang;
use serde_json::Value;

const CAPABILITIES: &[&str] = &[
    "scope",
    "screen",
    "catalog",
    "risk",
    "programme",
    "assessment",
    "reference",
];

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn bless() -> bool {
    std::env::var("NIS2_BLESS").is_ok_and(|v| v == "1")
}

type Validators = Mutex<HashMap<String, Arc<jsonschema::Validator>>>;

fn validator(kind: &str) -> Arc<jsonschema::Validator> {
    static CACHE: OnceLock<Validators> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(v) = cache.lock().unwrap().get(kind) {
        return v.clone();
    }
    let schema = nis2_core::schema::schema_for(kind).unwrap();
    let v = Arc::new(
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("schema {kind}: {e}")),
    );
    cache.lock().unwrap().insert(kind.to_owned(), v.clone());
    v
}

fn validate(kind: &str, doc: &Value, what: &str, failures: &mut Vec<String>) {
    let v = validator(kind);
    for e in v.iter_errors(doc).take(5) {
        failures.push(format!(
            "{what} does not match schema `{kind}`: {e} at {}",
            e.instance_path()
        ));
    }
}

fn check_error(asserts: &Value, e: &nis2_core::Error, failures: &mut Vec<String>) {
    let want = &asserts["error"];
    if want["kind"].as_str() != Some(e.kind()) {
        failures.push(format!(
            "error kind {} (want {}); {e}",
            e.kind(),
            want["kind"]
        ));
    }
    if let Some(p) = want.get("path").and_then(Value::as_str) {
        if e.path() != Some(p) {
            failures.push(format!("error path {:?} (want {p}); {e}", e.path()));
        }
    }
    if let Some(paths) = want.get("paths").and_then(Value::as_array) {
        let got: Vec<Option<&str>> = match e {
            nis2_core::Error::Multiple(list) => list.iter().map(nis2_core::Error::path).collect(),
            other => vec![other.path()],
        };
        let want: Vec<Option<&str>> = paths.iter().map(Value::as_str).collect();
        if got != want {
            failures.push(format!("error paths {got:?} (want {want:?}); {e}"));
        }
    }
    if let Some(list) = asserts.get("errors").and_then(Value::as_array) {
        let nis2_core::Error::Multiple(have) = e else {
            failures.push(format!("expected several problems, got one: {e}"));
            return;
        };
        for w in list {
            let found = have
                .iter()
                .any(|h| Some(h.kind()) == w["kind"].as_str() && h.path() == w["path"].as_str());
            if !found {
                failures.push(format!("problem {w} not listed; have: {e}"));
            }
        }
    }
}

/// The hand-written checks of a response.
fn check_asserts(asserts: &Value, out: &Value, failures: &mut Vec<String>) {
    let pairs = [
        ("in_scope", out.get("in_scope")),
        ("classification", out.get("classification")),
        ("size_class", out.pointer("/size/class")),
    ];
    for (key, got) in pairs {
        if let Some(want) = asserts.get(key) {
            if Some(want) != got {
                failures.push(format!(
                    "assert {key}: expected {want}, engine gives {got:?}"
                ));
            }
        }
    }
    if let Some(ids) = asserts.get("open_question_ids").and_then(Value::as_array) {
        let have: Vec<&str> = out["open_questions"]
            .as_array()
            .map(|qs| qs.iter().filter_map(|q| q["id"].as_str()).collect())
            .unwrap_or_default();
        for id in ids {
            if !have.contains(&id.as_str().unwrap()) {
                failures.push(format!(
                    "open question {id} expected, engine gives {have:?}"
                ));
            }
        }
    }
    for key in ["json", "values", "pointers"] {
        for (pointer, want) in asserts
            .get(key)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            match out.pointer(pointer) {
                Some(got) if got == want => {}
                got => failures.push(format!("{pointer}: expected {want}, engine gives {got:?}")),
            }
        }
    }
    for (pointer, wants) in asserts
        .get("text_contains")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let text = out.pointer(pointer).and_then(Value::as_str).unwrap_or("");
        for w in wants.as_array().unwrap() {
            let w = w.as_str().unwrap();
            if !text.contains(w) {
                failures.push(format!("{pointer} does not contain {w:?}"));
            }
        }
    }
    if let Some(list) = asserts.get("results_include").and_then(Value::as_array) {
        let results = out["results"].as_array().cloned().unwrap_or_default();
        for want in list {
            let id = want["id"].as_str().unwrap();
            match results.iter().find(|r| r["node"]["id"] == id) {
                None => failures.push(format!("{id} missing from results")),
                Some(r) => {
                    for key in ["relationship", "confidence"] {
                        if let Some(w) = want.get(key) {
                            if &r[key] != w {
                                failures.push(format!("{id}: {key} {} (want {w})", r[key]));
                            }
                        }
                    }
                }
            }
        }
    }
    if let Some(ics) = out.get("ics").and_then(Value::as_str) {
        check_ics(ics, out, failures);
    }
}

fn check_ics(ics: &str, out: &Value, failures: &mut Vec<String>) {
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
    if !ics.ends_with("\r\n") || ics.replace("\r\n", "").contains('\n') {
        failures.push("iCalendar lines must end with CRLF".to_owned());
    }
    for line in ics.split("\r\n") {
        if line.len() > 75 {
            failures.push(format!("line of {} octets: {line}", line.len()));
        }
    }
    let cal: Calendar = match ics.parse() {
        Ok(c) => c,
        Err(e) => {
            failures.push(format!("iCalendar does not parse: {e}"));
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
        failures.push(format!("{} VEVENTs parsed, {want} announced", events.len()));
    }
    let mut uids = std::collections::HashSet::new();
    for e in events {
        match e.get_uid() {
            Some(u) if uids.insert(u.to_owned()) => {}
            other => failures.push(format!("missing or repeated UID {other:?}")),
        }
        if !matches!(e.get_start(), Some(DatePerhapsTime::Date(_))) {
            failures.push("VEVENT without an all-day DTSTART".to_owned());
        }
        if matches!(e.get_summary(), None | Some("")) {
            failures.push("VEVENT without SUMMARY".to_owned());
        }
        if e.property_value("DTSTAMP").is_none() {
            failures.push("VEVENT without DTSTAMP".to_owned());
        }
    }
}

/// The verdict agrees with the explained result.
fn check_verdict(explained: &Value, verdict: &Value, failures: &mut Vec<String>) {
    if explained["op"] == "scope" {
        check_scope_verdict(explained, verdict, failures);
        return;
    }
    if explained["op"]
        .as_str()
        .is_some_and(|op| op.starts_with("screen."))
    {
        check_screen_verdict(explained, verdict, failures);
        return;
    }
    let mut want = explained.clone();
    strip(&mut want);
    // The questionnaire import's verdict is its accounting without the document.
    if explained["op"] == "assessment.questionnaire_import" {
        if let Some(o) = want.as_object_mut() {
            o.shift_remove("assessment");
        }
    }
    let mut got = verdict.clone();
    if got.as_object_mut().and_then(|o| o.shift_remove("detail")) != Some(Value::from("verdict")) {
        failures.push("the verdict has no `\"detail\": \"verdict\"`".to_owned());
    }
    // Compared as text: the same members in the same order.
    if serde_json::to_string(&got).ok() != serde_json::to_string(&want).ok() {
        failures.push("the verdict is not the explained result without its prose".to_owned());
    }
}

/// A screening verdict: the same rows (index, id, error) and counts, each row's verdict agreeing
/// with its explained result as a single scope call's does.
fn check_screen_verdict(e: &Value, v: &Value, failures: &mut Vec<String>) {
    if e["summary"] != v["summary"] {
        failures.push("the verdict's counts differ from the explained ones".to_owned());
    }
    let (Some(er), Some(vr)) = (e["rows"].as_array(), v["rows"].as_array()) else {
        failures.push("rows missing".to_owned());
        return;
    };
    if er.len() != vr.len() {
        failures.push("the verdict has another number of rows".to_owned());
    }
    for (a, b) in er.iter().zip(vr) {
        for key in ["index", "id", "error"] {
            if a.get(key) != b.get(key) {
                failures.push(format!("row {}: `{key}` differs", a["index"]));
            }
        }
        match (a.get("result"), b.get("verdict")) {
            (Some(r), Some(x)) => check_scope_verdict(r, x, failures),
            (None, None) => {}
            _ => failures.push(format!("row {}: result and verdict disagree", a["index"])),
        }
    }
}

fn is_text(v: &Value) -> bool {
    v.as_object().is_some_and(|m| {
        m.len() == 2
            && m.get("en").is_some_and(Value::is_string)
            && m.get("da").is_some_and(Value::is_string)
    })
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !is_text(x));
            m.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

fn check_scope_verdict(e: &Value, v: &Value, failures: &mut Vec<String>) {
    let mut same = |what: &str, a: Value, b: Value| {
        if a != b {
            failures.push(format!("verdict {what} {b} differs from explained {a}"));
        }
    };
    same("in_scope", e["in_scope"].clone(), v["in_scope"].clone());
    same(
        "classification",
        e["classification"].clone(),
        v["classification"].clone(),
    );
    same(
        "possible_classifications",
        e["possible_classifications"].clone(),
        v["possible_classifications"].clone(),
    );
    same(
        "size_class",
        e["size"]["class"].clone(),
        v["size_class"].clone(),
    );
    same(
        "possible_size_classes",
        e["size"]["possible_classes"].clone(),
        v["possible_size_classes"].clone(),
    );
    same(
        "supervision",
        e["supervision"]["regime"].clone(),
        v["supervision"].clone(),
    );
    let acts: Vec<Value> = e["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            serde_json::json!({"entity_type": a["entity_type"], "in_scope": a["in_scope"],
                "classification": a["classification"]})
        })
        .collect();
    same("activities", Value::Array(acts), v["activities"].clone());
    let reasons: Vec<Value> = e["trace"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| !matches!(s["outcome"].as_str(), Some("does_not_apply" | "note")))
        .map(|s| {
            let mut r = serde_json::json!({"rule": s["rule"], "citation": s["citation"]});
            if let Some(t) = s.get("entity_type") {
                r["entity_type"] = t.clone();
            }
            r["outcome"] = s["outcome"].clone();
            r
        })
        .collect();
    same("reasons", Value::Array(reasons), v["reasons"].clone());
    let qs: Vec<Value> = e["open_questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| serde_json::json!({"id": q["id"], "kind": q["kind"], "field": q["field"]}))
        .collect();
    same(
        "open_questions",
        Value::Array(qs),
        v["open_questions"].clone(),
    );
    let j = &e["jurisdiction"];
    let rules: Vec<Value> = j["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            serde_json::json!({"entity_type": a["entity_type"], "rule": a["rule"],
                "member_states": a["member_states"]})
        })
        .collect();
    let states: Vec<Value> = j["member_states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            serde_json::json!({"code": s["code"], "transposition": s["transposition"],
                "basis": s["basis"]})
        })
        .collect();
    same(
        "jurisdiction",
        serde_json::json!({"activities": rules, "member_states": states}),
        v["jurisdiction"].clone(),
    );
}

/// A label key left in a rendering (`field.in_scope`, `value.essential`): the view found no
/// word for it in the label catalog.
fn raw_key() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"\b(?:op|field|value|heading|word|unit|rule|question)\.[A-Za-z0-9_][A-Za-z0-9_.-]*",
        )
        .unwrap()
    })
}

/// The response renders in every format and language, every word from the label catalog.
/// A citation in its English form (the Danish view must translate it).
fn english_citation() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"Art\. \d+[a-z]?\(|Annex [IVX]+, point|, (first|second|third|fourth) (indent|subparagraph|sentence)|Rec\. 2003/361").unwrap()
    })
}

fn check_render(doc: &Value, what: &str, failures: &mut Vec<String>) {
    for lang in [Lang::En, Lang::Da] {
        for format in [Format::Md, Format::Html, Format::Table] {
            match api::render(doc, format, lang) {
                Err(e) => failures.push(format!(
                    "{what} does not render as {format:?}/{lang:?}: {e}"
                )),
                Ok(text) => {
                    if lang == Lang::Da {
                        // The Danish view is Danish throughout: citations too.
                        if let Some(m) = english_citation().find(&text) {
                            let near: String = text[m.start().saturating_sub(30)..]
                                .chars()
                                .take(80)
                                .collect();
                            failures.push(format!(
                                "{what} as {format:?}/Da shows an English citation `{}`: …{near}…",
                                m.as_str()
                            ));
                        }
                    }
                    if let Some(key) = raw_key().find(&text) {
                        failures.push(format!(
                            "{what} as {format:?}/{lang:?} shows a raw key (a word missing from \
                             data/labels.json): {}",
                            key.as_str()
                        ));
                    }
                }
            }
        }
    }
}

/// The request schema and the engine agree on the input: an input the engine answers is valid
/// against the capability's request schema, and `assert.request_schema` (`accepts` or
/// `rejects`) says what the schema makes of an input the engine rejects.
fn check_request_schema(
    capability: &str,
    vector: &Value,
    answered: bool,
    failures: &mut Vec<String>,
) {
    let kind = api::capability(capability).unwrap().request_kind;
    let valid = validator(kind).is_valid(&vector["input"]);
    let want = match vector
        .pointer("/assert/request_schema")
        .and_then(Value::as_str)
    {
        Some("accepts") => Some(true),
        Some("rejects") => Some(false),
        Some(other) => {
            failures.push(format!(
                "assert request_schema: `{other}` is neither `accepts` nor `rejects`"
            ));
            None
        }
        None if answered => Some(true),
        None => None,
    };
    if let Some(want) = want {
        if valid != want {
            let mut why = Vec::new();
            validate(kind, &vector["input"], "the input", &mut why);
            failures.push(format!(
                "the request schema `{kind}` {} the input; the engine {} it{}",
                if valid { "accepts" } else { "rejects" },
                if answered { "answers" } else { "rejects" },
                if why.is_empty() {
                    String::new()
                } else {
                    format!(": {}", why.join("; "))
                }
            ));
        }
    }
}

/// The request as a JSON value gives the same answer as its text, and a second call the same
/// bytes.
fn check_paths(
    capability: &str,
    input_text: &str,
    vector: &Value,
    result: &nis2_core::Result<String>,
    failures: &mut Vec<String>,
) {
    let by_value = api::call(
        capability,
        Input::Value(vector["input"].clone()),
        Detail::Explained,
    )
    .and_then(|r| r.to_json());
    match (result, &by_value) {
        (Ok(a), Ok(b)) if a == b => {}
        (Err(a), Err(b)) if a == b => {}
        _ => failures.push("JSON text and a JSON value give different answers".to_owned()),
    }
    if api::call_json(capability, input_text, Detail::Explained).ok()
        != result.as_ref().ok().cloned()
    {
        failures.push("two calls give different bytes".to_owned());
    }
}

/// A response's JSON value (what Python's views, `to_dict` and `render` read) is the value of
/// its JSON text, number for number (`40.0` stays a float, `40` an integer).
fn check_value(
    capability: &str,
    input_text: &str,
    detail: Detail,
    of_text: &Value,
    failures: &mut Vec<String>,
) {
    let response = match api::call(capability, Input::Text(input_text), detail) {
        Ok(r) => r,
        Err(e) => {
            failures.push(format!("the response fails ({}): {e}", detail.name()));
            return;
        }
    };
    check_members(&response, of_text, detail, failures);
    match response.to_value() {
        Ok(v) if &v == of_text => {}
        Ok(v) => failures.push(format!(
            "the response's value ({}) differs from its JSON text: {v}",
            detail.name()
        )),
        Err(e) => failures.push(format!(
            "the response has no value ({}): {e}",
            detail.name()
        )),
    }
}

/// Each member of a response, taken alone (what a typed view reads for one field), is that
/// member of its whole value; a member it does not have is none.
fn check_members(
    response: &api::Response,
    of_text: &Value,
    detail: Detail,
    failures: &mut Vec<String>,
) {
    let Some(members) = of_text.as_object() else {
        return;
    };
    for (key, value) in members {
        match response.member(key) {
            Ok(Some(v)) if &v == value => {}
            other => failures.push(format!(
                "member `{key}` alone ({}) is {other:?}, not its value in the document",
                detail.name()
            )),
        }
    }
    for key in ["no_such_member", "detail", "op"] {
        if !members.contains_key(key) && !matches!(response.member(key), Ok(None)) {
            failures.push(format!(
                "member `{key}` alone ({}) is not none",
                detail.name()
            ));
        }
    }
}

fn run_vector(capability: &str, path: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut vector: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let mut failures = Vec::new();
    validate("vector", &vector, "the vector", &mut failures);
    let input_text = match vector.get("input_text").and_then(Value::as_str) {
        Some(text) => text.to_owned(),
        None => serde_json::to_string(&vector["input"]).unwrap(),
    };
    let asserts = vector.get("assert").cloned().unwrap_or(Value::Null);
    let result = api::call_json(capability, &input_text, Detail::Explained);
    check_paths(capability, &input_text, &vector, &result, &mut failures);
    check_request_schema(capability, &vector, result.is_ok(), &mut failures);
    match result {
        Err(e) => {
            if asserts.get("error").is_none() {
                failures.push(format!("unexpected error: {e}"));
            } else {
                check_error(&asserts, &e, &mut failures);
            }
            let report = serde_json::to_value(e.report()).unwrap();
            validate("error", &report, "the error report", &mut failures);
            if bless() {
                vector.as_object_mut().unwrap().remove("expected");
                vector["expected_error"] = report;
            } else if vector.get("expected_error") != Some(&report) {
                failures.push(format!(
                    "error report differs from expected_error: {report}"
                ));
            }
            match api::call_json(capability, &input_text, Detail::Verdict) {
                Err(v) if v == e => {}
                other => failures.push(format!(
                    "the verdict call does not fail the same way: {other:?}"
                )),
            }
        }
        Ok(out_text) => {
            if asserts.get("error").is_some() {
                failures.push("expected an error, got a result".to_owned());
            }
            let out: Value = serde_json::from_str(&out_text).unwrap();
            check_value(
                capability,
                &input_text,
                Detail::Explained,
                &out,
                &mut failures,
            );
            check_asserts(&asserts, &out, &mut failures);
            let op = api::op(out["op"].as_str().unwrap_or("")).expect("a response names its op");
            validate(op.response_kind, &out, "the response", &mut failures);
            check_render(&out, "the response", &mut failures);
            match api::call_json(capability, &input_text, Detail::Verdict) {
                Err(e) => failures.push(format!("the verdict fails: {e}")),
                Ok(v) => {
                    let verdict: Value = serde_json::from_str(&v).unwrap();
                    check_value(
                        capability,
                        &input_text,
                        Detail::Verdict,
                        &verdict,
                        &mut failures,
                    );
                    check_verdict(&out, &verdict, &mut failures);
                    validate(op.verdict_kind, &verdict, "the verdict", &mut failures);
                    check_render(&verdict, "the verdict", &mut failures);
                }
            }
            if bless() {
                vector.as_object_mut().unwrap().remove("expected_error");
                vector["expected"] = out;
            } else {
                match vector.get("expected") {
                    None => failures.push("no `expected` (run with NIS2_BLESS=1)".to_owned()),
                    Some(expected) if expected != &out => {
                        failures.push("output differs from `expected`".to_owned())
                    }
                    Some(expected) if serde_json::to_string(expected).unwrap() != out_text => {
                        failures.push(
                            "output bytes differ from the canonical form of `expected`".to_owned(),
                        )
                    }
                    Some(_) => {}
                }
            }
        }
    }
    if bless() {
        std::fs::write(path, serde_json::to_string_pretty(&vector).unwrap() + "\n")
            .map_err(|e| e.to_string())?;
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{}:\n  {}", path.display(), failures.join("\n  ")).into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for cap in CAPABILITIES {
        let dir = vectors_dir().join(cap);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let name = format!("{cap}/{}", path.file_name().unwrap().to_string_lossy());
            let cap = (*cap).to_owned();
            trials.push(Trial::test(name, move || run_vector(&cap, &path)));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
