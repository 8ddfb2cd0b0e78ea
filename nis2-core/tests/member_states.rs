//! Data quality of the Member-State files (`data/member_states/<CODE>.json`), read from disk
//! independently of the engine and compared with what the engine embeds:
//! - every file parses into the engine's types and validates against the generated JSON Schema
//!   (kind `member-state`) and the published copy in `schemas/`;
//! - the files are the 27 EU Member States and the three EEA EFTA States, each embedded, with
//!   `code` equal to the file name and the right membership;
//! - every `verified` or `secondary` item lists a source; every `read_on` and date in force is
//!   a (partial) date; every text has English and Danish; every entity-type prefix names
//!   types of the catalog; ids are unique and start with the State's code;
//! - a State without a NIS2 act settles no option; a date needs its own status;
//! - the per-State counts of verified / secondary / unverified items equal the engine's and the
//!   table in `docs/member-states.md` (regenerate it with
//!   `python3 scripts/member-state-coverage.py --write`; on failure this test prints the table).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use nis2_core::overlay::{self, MemberState, TranspositionStatus};
use serde_json::Value;

const EU: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];
const EEA: [&str; 3] = ["IS", "LI", "NO"];
const STATUSES: [&str; 3] = ["verified", "secondary", "unverified"];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/member_states")
}

/// Every State file on disk: code → its JSON.
fn files() -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(code) = name.strip_suffix(".json") else {
            continue;
        };
        if code == "provenance" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let v: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        out.insert(code.to_owned(), v);
    }
    out
}

/// Every counted item (transposition, each authority, registration, reporting, the four
/// options, each rule, fines): (path, status, sources, read_on).
fn items(doc: &Value) -> Vec<(String, String, Vec<String>, String)> {
    let item = |path: String, v: &Value, status: &str| {
        (
            path,
            v[status].as_str().unwrap().to_owned(),
            v["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_owned())
                .collect(),
            v["read_on"].as_str().unwrap().to_owned(),
        )
    };
    let mut out = vec![item(
        "transposition".into(),
        &doc["transposition"],
        "item_status",
    )];
    for (i, a) in doc["authorities"].as_array().unwrap().iter().enumerate() {
        out.push(item(format!("authorities[{i}]"), a, "status"));
    }
    out.push(item("registration".into(), &doc["registration"], "status"));
    out.push(item("reporting".into(), &doc["reporting"], "status"));
    for k in [
        "local_public_administration",
        "education_institutions",
        "nis1_operators_essential",
        "partner_independence",
    ] {
        out.push(item(format!("options.{k}"), &doc["options"][k], "status"));
    }
    for r in doc["rules"].as_array().unwrap() {
        out.push(item(
            format!("rules.{}", r["id"].as_str().unwrap()),
            r,
            "status",
        ));
    }
    out.push(item("fines".into(), &doc["fines"], "status"));
    out
}

fn counts(doc: &Value) -> [u32; 3] {
    let mut c = [0; 3];
    for (_, status, _, _) in items(doc) {
        let k = STATUSES.iter().position(|s| *s == status).unwrap();
        c[k] += 1;
    }
    c
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, each a real year, month or date.
fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let year_ok = parts[0].len() == 4 && parts[0].bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [_] => year_ok,
        [_, m] => year_ok && m.len() == 2 && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)),
        [_, _, _] => nis2_core::date::is_date(s),
        _ => false,
    }
}

#[test]
fn every_file_parses_and_matches_its_schema() {
    let generated = nis2_core::schema::schema_for("member-state").unwrap();
    let published: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/member-state.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        generated, published,
        "schemas/ is stale: cargo run -p nis2-cli -- schema --write schemas"
    );
    let validator = jsonschema::options().build(&generated).unwrap();
    let mut bad = Vec::new();
    for (code, doc) in files() {
        for e in validator.iter_errors(&doc).take(5) {
            bad.push(format!("{code}: {e} at {}", e.instance_path()));
        }
        if let Err(e) = serde_json::from_value::<MemberState>(doc.clone()) {
            bad.push(format!("{code}: does not parse: {e}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A document with every number as a float (`10000000` and `10000000.0` are the same amount)
/// and without null members (an optional member may be written as null or left out).
fn numbers_as_f64(v: Value) -> Value {
    match v {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, x)| !x.is_null())
                .map(|(k, x)| (k, numbers_as_f64(x)))
                .collect(),
        ),
        other => other,
    }
}

#[test]
fn the_files_are_the_eu_and_eea_states_and_all_are_embedded() {
    let on_disk: BTreeSet<String> = files().into_keys().collect();
    let want: BTreeSet<String> = EU
        .iter()
        .chain(EEA.iter())
        .map(|c| (*c).to_owned())
        .collect();
    assert_eq!(on_disk, want);
    let data = overlay::data().unwrap();
    let embedded: Vec<&str> = data.codes().collect();
    let order: Vec<&str> = EU.iter().chain(EEA.iter()).copied().collect();
    assert_eq!(embedded, order, "data.rs embeds every State, EU first");
    for (code, doc) in files() {
        assert_eq!(
            doc["code"],
            code.as_str(),
            "{code}: `code` must equal the file name"
        );
        let membership = if EEA.contains(&code.as_str()) {
            "eea"
        } else {
            "eu"
        };
        assert_eq!(doc["membership"], membership, "{code}: membership");
        let engine = serde_json::to_value(data.state(&code).unwrap()).unwrap();
        assert!(
            numbers_as_f64(engine) == numbers_as_f64(doc),
            "{code}: the engine's copy differs from the file"
        );
    }
    assert_eq!(data.state("EL").unwrap().code, "GR", "EL is an alias of GR");
}

#[test]
fn items_have_sources_and_dates() {
    let mut bad = Vec::new();
    for (code, doc) in files() {
        for (path, status, sources, read_on) in items(&doc) {
            if status != "unverified" && sources.iter().all(|s| s.trim().is_empty()) {
                bad.push(format!(
                    "{code} {path}: a {status} item needs at least one source"
                ));
            }
            if !is_partial_date(&read_on) {
                bad.push(format!(
                    "{code} {path}: read_on `{read_on}` is not a (partial) date"
                ));
            }
        }
        let t = &doc["transposition"];
        let mut dates: Vec<(String, &Value)> =
            vec![("transposition.in_force".into(), &t["in_force"])];
        for (i, a) in t["amendments"].as_array().unwrap().iter().enumerate() {
            dates.push((
                format!("transposition.amendments[{i}].in_force"),
                &a["in_force"],
            ));
        }
        for (path, d) in dates {
            if let Some(d) = d.as_str() {
                if !is_partial_date(d) {
                    bad.push(format!("{code} {path}: `{d}` is not a (partial) date"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Every `{en, da}` text in a document, with its path.
fn texts<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(m) => {
            if m.len() == 2 && m.contains_key("en") && m.contains_key("da") {
                out.push((path, v));
                return;
            }
            for (k, x) in m {
                texts(x, format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                texts(x, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn texts_ids_and_prefixes_are_well_formed() {
    let catalog = nis2_core::entity_types::catalog().unwrap();
    let mut bad = Vec::new();
    for (code, doc) in files() {
        let mut found = Vec::new();
        texts(&doc, String::new(), &mut found);
        for (path, t) in found {
            for lang in ["en", "da"] {
                if t[lang].as_str().is_none_or(|s| s.trim().is_empty()) {
                    bad.push(format!("{code}{path}: no {lang} text"));
                }
            }
        }
        let lower = format!("{}_", code.to_lowercase());
        let mut ids = BTreeSet::new();
        let with_ids = doc["rules"]
            .as_array()
            .unwrap()
            .iter()
            .chain(doc["authorities"].as_array().unwrap())
            .chain([&doc["registration"], &doc["reporting"]]);
        for item in with_ids {
            if let Some(id) = item.get("id").and_then(Value::as_str) {
                if !id.starts_with(&lower) {
                    bad.push(format!("{code}: id `{id}` should start with `{lower}`"));
                }
                if !ids.insert(id.to_owned()) {
                    bad.push(format!("{code}: id `{id}` is used twice"));
                }
            }
        }
        let prefixes = doc["rules"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["entity_type_prefixes"].as_array().unwrap())
            .chain(
                doc["authorities"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|a| a["sectors"].as_array().unwrap()),
            );
        for p in prefixes {
            let p = p.as_str().unwrap();
            if !catalog.entity_types.iter().any(|t| t.id.starts_with(p)) {
                bad.push(format!(
                    "{code}: prefix `{p}` names no entity type of the catalog"
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Every `citation` string of a document, with its path.
fn citations<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("citation", Value::String(c)) => out.push((format!("{path}.{k}"), c)),
                    _ => citations(x, format!("{path}.{k}"), out),
                }
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                citations(x, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// National citations are shown as written in both languages, so they use no English citation
/// words (`second subparagraph`, `Art. 3(4)`): the national form (`al. 2`, `Abs. 3`) or the
/// Directive's key form, which the views translate, only at the start.
#[test]
fn citations_read_in_both_languages() {
    let english = regex::Regex::new(
        r", (first|second|third|fourth) (indent|subparagraph|sentence)|Annex [IVX]+, point",
    )
    .unwrap();
    let mut bad = Vec::new();
    for (code, doc) in files() {
        let mut found = Vec::new();
        citations(&doc, String::new(), &mut found);
        for (path, c) in found {
            if english.is_match(c) {
                bad.push(format!("{code}{path}: `{c}` has English citation words"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A national act's name and number, and every national citation, are shown as written inside
/// the English and the Danish texts (`Danmark: NIS2 er gennemført ved {name} ({number})`), so
/// they hold the act's own title and official reference only: a remark about the act or about
/// how far it was read (`as amended`, `per reference sheet`, `bill; not law`, an English gloss
/// of the title) belongs in the item's bilingual `note`.
#[test]
fn act_names_numbers_and_citations_hold_no_english_remarks() {
    let remark = regex::Regex::new(
        r"(?i)\bas (newly )?amended\b|\bamending\b|\bamended by\b|reference sheet|not (law|read|opened|identified)|\bdraft\b|\bbill\b[;,)]|implementing|transposition of|new version|totally revised|enacted by|stated by|\((\w+ )*(Act|Law)\)|\bamendments?\b|\borders? no\.|\bof the law\b|\b(of|from) \d{1,2} [a-z]+ \d{4}",
    )
    .unwrap();
    let mut bad = Vec::new();
    for (code, doc) in files() {
        let mut found = Vec::new();
        citations(&doc, String::new(), &mut found);
        let t = &doc["transposition"];
        let amendments = t["amendments"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (i, act) in std::iter::once(&t["act"]).chain(amendments).enumerate() {
            for k in ["name", "number"] {
                if let Some(s) = act[k].as_str() {
                    found.push((format!(".transposition.act[{i}].{k}"), s));
                }
            }
        }
        for (path, c) in found {
            if remark.is_match(c) {
                bad.push(format!("{code}{path}: `{c}` holds an English remark"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn statuses_are_consistent() {
    let data = overlay::data().unwrap();
    let mut bad = Vec::new();
    for s in &data.states {
        let t = &s.transposition;
        if !t.status.adopted() {
            for (k, o) in s.options.all() {
                if o.and_then(overlay::OptionChoice::settled).is_some() {
                    bad.push(format!("{}: option {k} settled without a NIS2 act", s.code));
                }
            }
        }
        if t.status == TranspositionStatus::InForce && t.in_force.is_none() {
            bad.push(format!(
                "{}: in force without a date (partial allowed)",
                s.code
            ));
        }
        if t.in_force.is_none()
            && t.in_force_status != nis2_core::entity_types::VerificationStatus::Unverified
        {
            bad.push(format!(
                "{}: no date, so in_force_status must be unverified",
                s.code
            ));
        }
        for (k, o) in s.options.all() {
            let Some(o) = o else {
                bad.push(format!("{}: option {k} missing", s.code));
                continue;
            };
            if o.status == nis2_core::entity_types::VerificationStatus::Unverified
                && o.settled().is_some()
            {
                bad.push(format!("{}: an unverified option {k} settles", s.code));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The coverage table as `scripts/member-state-coverage.py` writes it.
fn table(docs: &BTreeMap<String, Value>) -> String {
    let mut lines = vec![
        "| State | Transposition | Act | In force | verified | secondary | unverified | Read on |"
            .to_owned(),
        "|---|---|---|---|---:|---:|---:|---|".to_owned(),
    ];
    let mut total = [0; 3];
    for code in EU.iter().chain(EEA.iter()) {
        let d = &docs[*code];
        let t = &d["transposition"];
        let c = counts(d);
        for k in 0..3 {
            total[k] += c[k];
        }
        let act = t["act"]
            .get("number")
            .and_then(Value::as_str)
            .or_else(|| t["act"].get("name").and_then(Value::as_str))
            .unwrap_or("—")
            .replace('|', "/");
        let act = if act.chars().count() > 60 {
            format!("{}…", act.chars().take(57).collect::<String>())
        } else {
            act
        };
        let in_force = match t["in_force"].as_str() {
            Some(date) => format!("{date} ({})", t["in_force_status"].as_str().unwrap()),
            None => "—".to_owned(),
        };
        let eea = if d["membership"] == "eea" {
            " (EEA)"
        } else {
            ""
        };
        lines.push(format!(
            "| {code} {}{eea} | {} ({}) | {act} | {in_force} | {} | {} | {} | {} |",
            d["name"]["en"].as_str().unwrap(),
            t["status"].as_str().unwrap(),
            t["item_status"].as_str().unwrap(),
            c[0],
            c[1],
            c[2],
            t["read_on"].as_str().unwrap(),
        ));
    }
    lines.push(format!(
        "| **Total** | | | | **{}** | **{}** | **{}** | |",
        total[0], total[1], total[2]
    ));
    lines.join("\n")
}

#[test]
fn coverage_matches_the_engine_and_the_docs() {
    let docs = files();
    let data = overlay::data().unwrap();
    for c in &data.coverage {
        let want = counts(&docs[&c.code]);
        assert_eq!(
            [c.verified, c.secondary, c.unverified],
            want,
            "{}: the engine counts differently",
            c.code
        );
    }
    let want = table(&docs);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/member-states.md");
    let text = std::fs::read_to_string(path).unwrap();
    let (start, end) = ("<!-- coverage:start -->\n", "\n<!-- coverage:end -->");
    let from = text.find(start).expect("coverage:start marker") + start.len();
    let to = text.find(end).expect("coverage:end marker");
    assert!(
        text[from..to] == want,
        "docs/member-states.md: the coverage table is stale; run \
         `python3 scripts/member-state-coverage.py --write`, or paste:\n{want}"
    );
}
