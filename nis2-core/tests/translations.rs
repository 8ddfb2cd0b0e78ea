//! The Danish of the reference data's prose (`data/translations/`): every string a view shows
//! from a data set's provenance or reference notes (source, where it was read, licence, notes;
//! a catalog's publisher, source document and version; a threat category's basis) has its
//! Danish, in the translation file of the build that carries the data (`scope.json` for the
//! entity types, labels and Member-State set, which the scoping build carries; `full.json` for
//! the rest, the NACE table included), and no entry is left over. Strings with neither two words
//! in a row nor an English word (`1`, `2022`, a status code) and addresses need none.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The data files whose strings the scoping build shows.
const SCOPE: &[&str] = &[
    "entity_types.json",
    "labels.json",
    "member_states/provenance.json",
];

/// Files that no view shows (the citation grammar's source, the OSCAL schemas, the bilingual
/// Member-State files, the translations themselves, the error messages' Danish, which
/// `tests/messages.rs` checks, and the codes that are no State's, which only errors use).
fn skipped(rel: &str) -> bool {
    rel == "directive-divisions.json"
        || rel == "country_codes.json"
        || rel.starts_with("catalogs/oscal-schemas/")
        || rel.starts_with("translations/")
        || rel.starts_with("messages/")
        || (rel.starts_with("member_states/") && rel != "member_states/provenance.json")
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

/// Whether a string at this path is prose a view shows from the data's provenance or notes.
fn shown(path: &[String]) -> bool {
    let last = path.last().map_or("", String::as_str);
    if matches!(last, "read_on" | "read") {
        return false;
    }
    let under_provenance = path[..path.len().saturating_sub(1)]
        .iter()
        .any(|s| s == "provenance");
    let top = path.len() == 1
        && matches!(
            last,
            "licence"
                | "publisher"
                | "source_document"
                | "version"
                | "source"
                | "retrieved_from"
                | "notes"
        );
    let basis = path.len() == 2 && path[0] == "categories" && last == "basis";
    under_provenance || top || basis
}

fn walk(v: &Value, path: &mut Vec<String>, out: &mut Vec<String>) {
    static WORDS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let words =
        WORDS.get_or_init(|| regex::Regex::new(r"[A-Za-z]{2,}[\s,;:]+[A-Za-z]{2,}|\b(of|and|Arts?|Directive|Regulation|Annex(es)?|with|section|p)\b").unwrap());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(k.clone());
                walk(x, path, out);
                path.pop();
            }
        }
        Value::Array(items) => items.iter().for_each(|x| walk(x, path, out)),
        Value::String(s) if shown(path) && words.is_match(s) && !s.starts_with("http") => {
            out.push(s.clone());
        }
        _ => {}
    }
}

fn entries(name: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(data().join("translations").join(name)).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let (en, da) = (e["en"].as_str().unwrap(), e["da"].as_str().unwrap());
            (en.to_owned(), da.to_owned())
        })
        .collect()
}

#[test]
fn every_prose_string_of_the_data_has_its_danish_in_the_right_file() {
    let (scope, full) = (entries("scope.json"), entries("full.json"));
    let mut files = Vec::new();
    json_files(&data(), &mut files);
    files.sort();
    let (mut bad, mut used) = (Vec::new(), BTreeSet::new());
    for f in files {
        let rel = f
            .strip_prefix(data())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if skipped(&rel) {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let mut found = Vec::new();
        walk(&v, &mut Vec::new(), &mut found);
        let (home, name) = if SCOPE.contains(&rel.as_str()) {
            (&scope, "scope.json")
        } else {
            (&full, "full.json")
        };
        for s in found {
            if home.contains_key(&s) {
                used.insert((name, s));
            } else {
                bad.push(format!(
                    "data/{rel}: no Danish in translations/{name} for `{s}`"
                ));
            }
        }
    }
    for (name, map) in [("scope.json", &scope), ("full.json", &full)] {
        for en in map.keys() {
            if !used.contains(&(name, en.clone())) {
                bad.push(format!(
                    "translations/{name}: `{en}` is in no data file of its build"
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn danish_views_show_the_danish_and_english_views_the_data() {
    use nis2_core::api::{call, Detail, Format, Input};
    use nis2_core::lang::Lang;
    let threats = call(
        "risk",
        Input::Text(r#"{"op":"threats"}"#),
        Detail::Explained,
    )
    .unwrap();
    let doc: Value = serde_json::from_str(&threats.to_json().unwrap()).unwrap();
    let da = nis2_core::view::render_document(&doc, Format::Md, Lang::Da).unwrap();
    let en = nis2_core::view::render_document(&doc, Format::Md, Lang::En).unwrap();
    assert!(
        da.contains("Trusselstypen »fysisk skade« i ISO/IEC 27005"),
        "{da}"
    );
    assert!(!da.contains("threat type 'physical damage'"), "{da}");
    assert!(
        en.contains("ISO/IEC 27005 threat type 'physical damage'"),
        "{en}"
    );
}

/// An entity type's legal definition is a citation, which the citation rules write in Danish
/// (`nis2_core::cite::definition`): none keeps an English word.
#[test]
fn every_legal_definition_reads_danish() {
    let text = std::fs::read_to_string(data().join("entity_types.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let english = regex::Regex::new(
        r"Art\.|Directive|Regulation|Annex|section|division| and |/EC\b|qualified",
    )
    .unwrap();
    let mut bad = Vec::new();
    for t in v["entity_types"].as_array().unwrap() {
        if let Some(d) = t["legal_definition"].as_str() {
            let da = nis2_core::cite::definition(d, nis2_core::lang::Lang::Da);
            if english.is_match(&da) {
                bad.push(format!("{}: `{d}` → `{da}`", t["id"]));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
