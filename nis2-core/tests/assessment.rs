//! Tests of the assessment capability: the example round-trips and scores as documented, the
//! worked example of `docs/scoring.md` equals the engine, scope-aware sets, inference rules,
//! intervals, aggregation, validation, the plan's prerequisites and schedule, and the reports.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

fn call(capability: &str, request: &str) -> nis2_core::Result<String> {
    nis2_core::api::call_json(capability, request, nis2_core::api::Detail::Explained)
}

use std::collections::HashMap;

use nis2_core::assessment::model::AssessmentDocument;
use nis2_core::assessment::{self, ReportFormat};
use nis2_core::catalog::{catalogs, NodeKind};
use nis2_core::risk::Lang;
use serde_json::{json, Value};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn example_text() -> String {
    std::fs::read_to_string(root().join("examples/msp-assessment.json")).unwrap()
}

fn example() -> AssessmentDocument {
    serde_json::from_str(&example_text()).unwrap()
}

fn run(req: Value) -> Value {
    let out = call("assessment", &req.to_string()).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&out).unwrap()
}

fn run_err(req: Value) -> nis2_core::Error {
    call("assessment", &req.to_string()).expect_err("expected an error")
}

fn by_id<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id || x["requirement"] == id)
        .unwrap_or_else(|| panic!("{id} not found"))
}

fn doc(results: Value, extra: Value) -> Value {
    let mut d = json!({
        "schema_version": "1",
        "name": "Test",
        "assessment_date": "2026-03-02",
        "frameworks": ["nis2"],
        "results": results
    });
    for (k, v) in extra.as_object().unwrap() {
        if v.is_null() {
            d.as_object_mut().unwrap().remove(k);
        } else {
            d[k] = v.clone();
        }
    }
    d
}

#[test]
fn example_round_trips_losslessly() {
    let text = example_text();
    let original: Value = serde_json::from_str(&text).unwrap();
    let doc: AssessmentDocument = serde_json::from_str(&text).unwrap();
    let back = serde_json::to_value(&doc).unwrap();
    // Every field is kept; only the scope profile's figures come back as floating-point
    // numbers (38 → 38.0), the same values.
    fn floats(v: &Value) -> Value {
        match v {
            Value::Number(n) => json!(n.as_f64().unwrap()),
            Value::Array(a) => Value::Array(a.iter().map(floats).collect()),
            Value::Object(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), floats(v))).collect())
            }
            other => other.clone(),
        }
    }
    assert_eq!(floats(&back), floats(&original));
    let again: AssessmentDocument = serde_json::from_value(back).unwrap();
    assert_eq!(again, doc);
}

#[test]
fn example_scores_as_an_msp_under_the_cir_annex() {
    let e = serde_json::to_value(assessment::evaluate(&example()).unwrap()).unwrap();
    assert_eq!(e["scope"]["in_scope"], "yes");
    assert_eq!(e["scope"]["classification"], "important");
    assert_eq!(e["counts"]["requirements"], 179);
    assert_eq!(e["counts"]["direct"], 27);
    assert_eq!(e["counts"]["inferred"], 148);
    assert_eq!(e["counts"]["not_applicable"], 3);
    // Direct results win over inferred ones.
    let r = by_id(&e["requirements"], "CIR-2690:12.4.1");
    assert_eq!(r["basis"], "direct");
    // Every score is in [0, 1] with low ≤ high.
    for m in e["measures"].as_array().unwrap() {
        let (lo, hi) = (
            m["status"]["low"].as_f64().unwrap(),
            m["status"]["high"].as_f64().unwrap(),
        );
        assert!((0.0..=1.0).contains(&lo) && lo <= hi && hi <= 1.0, "{m}");
    }
    // The Art. 21(2) points are excluded for a CIR entity.
    let Some(nis2_core::assessment::model::ScopeInput::Profile(profile)) = example().scope else {
        panic!("the example embeds a profile")
    };
    let set = serde_json::to_value(assessment::requirements_for(&profile).unwrap()).unwrap();
    let excluded: Vec<&str> = set["excluded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert!(excluded.contains(&"NIS2:21.2.d"));
    assert!(excluded.contains(&"NIS2:20.2.staff"));
}

fn frac(s: &str) -> (i128, i128) {
    match s.split_once('/') {
        Some((n, d)) => (n.parse().unwrap(), d.parse().unwrap()),
        None => (s.parse().unwrap(), 1),
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

fn add(a: (i128, i128), b: (i128, i128)) -> (i128, i128) {
    let n = a.0 * b.1 + b.0 * a.1;
    let d = a.1 * b.1;
    let g = gcd(n, d).max(1);
    (n / g, d / g)
}

fn show(f: (i128, i128)) -> String {
    if f.1 == 1 {
        f.0.to_string()
    } else {
        format!("{}/{}", f.0, f.1)
    }
}

#[test]
fn doc_numbers_match_the_engine() {
    let md = std::fs::read_to_string(root().join("docs/scoring.md")).unwrap();
    let start =
        md.find("```json scoring-check").expect("check block") + "```json scoring-check".len();
    let end = start + md[start..].find("```").unwrap();
    let check: Value = serde_json::from_str(&md[start..end]).unwrap();
    assert_eq!(check["example"], "examples/msp-assessment.json");
    let d = example();
    let e = serde_json::to_value(assessment::evaluate(&d).unwrap()).unwrap();
    let p = serde_json::to_value(assessment::plan(&d).unwrap()).unwrap();

    for (id, want) in check["measures"].as_object().unwrap() {
        let m = by_id(&e["measures"], id);
        for key in ["status", "maturity"] {
            assert_eq!(m[key]["exact_low"], want[key][0], "{id} {key} low");
            assert_eq!(m[key]["exact_high"], want[key][1], "{id} {key} high");
        }
        if let Some(r) = want.get("rounded") {
            assert_eq!(&m["status"]["low"], r, "{id} rounded");
        }
    }
    let o = &e["overall"];
    assert_eq!(o["status"]["exact_low"], check["overall"]["status"][0]);
    assert_eq!(o["status"]["exact_high"], check["overall"]["status"][1]);
    assert_eq!(o["status"]["low"], check["overall"]["rounded"][0]);
    assert_eq!(o["status"]["high"], check["overall"]["rounded"][1]);
    // Recompute the overall from the measures, independently: the mean of the measure scores.
    let measures = e["measures"].as_array().unwrap();
    assert_eq!(
        measures.len() as u64,
        check["overall"]["measure_count"].as_u64().unwrap()
    );
    for (k, key) in [(0, "exact_low"), (1, "exact_high")] {
        let mut s = (0i128, 1i128);
        for m in measures {
            assert_eq!(m["weight"], 1);
            s = add(s, frac(m["status"][key].as_str().unwrap()));
        }
        let n = measures.len() as i128;
        let g = gcd(s.0, s.1 * n).max(1);
        let mean = (s.0 / g, s.1 * n / g);
        assert_eq!(show(mean), check["overall"]["status"][k].as_str().unwrap());
    }
    for (id, want) in check["requirements"].as_object().unwrap() {
        let r = by_id(&e["requirements"], id);
        assert_eq!(r["status_score"]["exact_low"], want["status"], "{id}");
        assert_eq!(r["maturity_score"]["exact_low"], want["maturity"], "{id}");
        if let Some(g) = want.get("gap") {
            assert_eq!(&r["gap"]["gap"]["exact"], g, "{id} gap");
        }
        if let Some(w) = want.get("weight") {
            assert_eq!(&r["weight"], w, "{id} weight");
        }
        if let Some(b) = want.get("basis") {
            assert_eq!(&r["basis"], b, "{id} basis");
            assert_eq!(&r["inferred"]["decided_by"], &want["decided_by"]);
            assert_eq!(
                &r["inferred"]["sources"][0]["relationship"],
                &want["relationship"]
            );
        }
    }
    let items = p["items"].as_array().unwrap();
    assert_eq!(
        items.len() as u64,
        check["plan"]["total_items"].as_u64().unwrap()
    );
    let effort: u64 = items
        .iter()
        .map(|i| i["breakdown"]["effort"].as_u64().unwrap())
        .sum();
    assert_eq!(effort, check["plan"]["total_effort"].as_u64().unwrap());
    for (id, want) in check["plan"]["items"].as_object().unwrap() {
        let it = by_id(&p["items"], id);
        for (k, v) in want.as_object().unwrap() {
            let got = match k.as_str() {
                "priority" => &it["priority"]["exact"],
                "risk_factor" => &it["breakdown"]["risk_factor"],
                "effort" => &it["breakdown"]["effort"],
                other => &it[other],
            };
            assert_eq!(got, v, "{id} {k}");
        }
    }
}

#[test]
fn requirement_sets_follow_scope() {
    let water: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/aarhus-water.json")).unwrap(),
    )
    .unwrap();
    let s = run(json!({"op": "requirements", "profile": water}));
    let ids: Vec<&str> = s["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"NIS2:21.2.d"));
    assert!(!ids.iter().any(|i| i.starts_with("CIR-2690:")));
    assert!(
        !ids.contains(&"NIS2:27.2"),
        "Art. 27 binds only its listed types"
    );
    for r in s["requirements"].as_array().unwrap() {
        assert!(!r["reason"]["en"].as_str().unwrap().is_empty());
        assert!(!r["reason"]["da"].as_str().unwrap().is_empty());
        assert!(!r["basis"].as_array().unwrap().is_empty());
    }
    // A mixed organisation: a CIR type and another type keep the Art. 21(2) points.
    let mixed = json!({"member_state": "DK", "activities": [{"entity_type": "NIS2-I-09-01"}, {"entity_type": "NIS2-I-06-01"}],
        "size": {"staff_headcount": 300, "annual_turnover_eur": 60000000, "balance_sheet_total_eur": 50000000}});
    let s = run(json!({"op": "requirements", "profile": mixed}));
    let ids: Vec<&str> = s["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"NIS2:21.2.d") && ids.contains(&"CIR-2690:5.1.1"));
}

#[test]
fn not_assessed_is_an_interval_never_zero() {
    let e = run(json!({"op": "score", "assessment": doc(json!([
        {"requirement": "NIS2:21.2.c.backup", "status": "fully_implemented"}
    ]), json!({}))}));
    let m = by_id(&e["measures"], "NIS2:21.2.c");
    assert_eq!(m["status"]["exact_low"], "1/4");
    assert_eq!(m["status"]["exact_high"], "1");
    assert_eq!(m["counts"]["not_assessed"], 3);
}

#[test]
fn inference_rules() {
    // ISO intersects CIR: capped at partially; NIS2 21(2)(d) superset of CIR 5.x: carried.
    let e = run(json!({"op": "score", "assessment": doc(json!([
        {"requirement": "ISO27001:A.5.9", "status": "fully_implemented", "implementation_maturity": 4, "documentation_maturity": 4},
        {"requirement": "NIS2:21.2.d", "status": "largely_implemented", "implementation_maturity": 3, "documentation_maturity": 2}
    ]), json!({"frameworks": ["cir-2024-2690"]}))}));
    let r = by_id(&e["requirements"], "CIR-2690:12.4.1");
    assert_eq!(r["basis"], "inferred");
    assert_eq!(r["status"], "partially_implemented");
    assert!(r.get("implementation_maturity").is_none());
    assert_eq!(r["inferred"]["sources"][0]["rule"], "partial");
    assert_eq!(r["inferred"]["sources"][0]["source"], Value::Null);
    let r = by_id(&e["requirements"], "CIR-2690:5.1.1");
    assert_eq!(r["status"], "largely_implemented");
    assert_eq!(r["implementation_maturity"], 3);
    assert_eq!(r["inferred"]["sources"][0]["relationship"], "superset");
    assert_eq!(
        r["inferred"]["sources"][0]["mappings"][0],
        "cir-2024-2690--nis2"
    );
    // Inference off: nothing inferred.
    let e = run(json!({"op": "score", "assessment": doc(json!([
        {"requirement": "NIS2:21.2.d", "status": "fully_implemented"}
    ]), json!({"frameworks": ["cir-2024-2690"], "settings": {"inference": false}}))}));
    assert_eq!(e["counts"]["inferred"], 0);
    // Not applicable sources carry nothing.
    let e = run(json!({"op": "infer", "assessment": doc(json!([
        {"requirement": "NIS2:21.2.d", "status": "not_applicable", "justification": "x"}
    ]), json!({"frameworks": ["cir-2024-2690"]}))}));
    assert_eq!(e["counts"]["inferred"], 0);
}

#[test]
fn aggregation_methods_differ_as_declared() {
    let results = json!([
        {"requirement": "NIS2:20.1.approve", "status": "fully_implemented", "weight": 3},
        {"requirement": "NIS2:20.1.oversee", "status": "not_implemented"},
        {"requirement": "NIS2:20.2.management", "status": "partially_implemented"},
        {"requirement": "NIS2:20.2.staff", "status": "not_applicable", "justification": "Covered by 20.2 management training."}
    ]);
    let get = |method: &str| {
        let e = run(
            json!({"op": "score", "assessment": doc(results.clone(), json!({"settings": {"aggregation": method}}))}),
        );
        assert_eq!(e["method"]["aggregation"], method);
        by_id(&e["measures"], "NIS2:20")["status"]["exact_low"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(get("weighted_mean"), "2/3"); // (3 + 0 + 1/3) / 5
    assert_eq!(get("mean"), "4/9"); // (1 + 0 + 1/3) / 3
    assert_eq!(get("minimum"), "0");
}

#[test]
fn every_problem_is_listed_and_nothing_is_scored() {
    let e = run_err(json!({"op": "score", "assessment": doc(json!([
        {"requirement": "NIS2:20.1.approve", "status": "done"},
        {"requirement": "NIS2:20.1.oversee", "status": "fully_implemented", "implementation_maturity": -1},
        {"requirement": "ISO27001:A.5.99", "status": "fully_implemented"},
        {"requirement": "NIS2:20.2.staff", "status": "not_applicable", "justification": "  "},
        {"requirement": "NIS2:20.1.oversee", "status": "fully_implemented"},
        {"requirement": "NIS2:21.2.b", "status": "fully_implemented", "due_date": "31-12-2026"}
    ]), json!({"assessment_date": "2026-02-29"}))}));
    let nis2_core::Error::Multiple(list) = &e else {
        panic!("{e}")
    };
    let paths: Vec<&str> = list.iter().filter_map(|x| x.path()).collect();
    for p in [
        "$.assessment.assessment_date",
        "$.assessment.results[0].status",
        "$.assessment.results[1].implementation_maturity",
        "$.assessment.results[2].requirement",
        "$.assessment.results[3].justification",
        "$.assessment.results[4].requirement",
        "$.assessment.results[5].due_date",
    ] {
        assert!(paths.contains(&p), "{p} not in {paths:?}");
    }
    let unknown = list
        .iter()
        .find(|x| x.path() == Some("$.assessment.results[2].requirement"))
        .unwrap();
    assert_eq!(unknown.kind(), "unknown_id");
    assert!(unknown
        .report()
        .suggestions
        .iter()
        .any(|s| s.starts_with("ISO27001:A.5.")));
    // Risk register problems are listed under its path.
    let e = run_err(
        json!({"op": "score", "assessment": doc(json!([]), json!({"risk_register": {
        "schema_version": "1", "name": "r", "matrix": "no-such-matrix", "services": [], "assets": [], "scenarios": []}}))}),
    );
    assert!(e.to_string().contains("$.assessment.risk_register"), "{e}");
}

#[test]
fn plan_respects_prerequisites_and_the_target_date() {
    let d = example();
    let p = serde_json::to_value(assessment::plan(&d).unwrap()).unwrap();
    let items = p["items"].as_array().unwrap();
    let order: HashMap<&str, u64> = items
        .iter()
        .map(|i| {
            (
                i["requirement"].as_str().unwrap(),
                i["order"].as_u64().unwrap(),
            )
        })
        .collect();
    let rules = serde_json::to_value(assessment::prerequisites().unwrap()).unwrap();
    let cat = catalogs().unwrap();
    let under = |id: &str, node: &str| id == node || cat.is_ancestor(node, id);
    let mut checked = 0;
    for rule in rules["rules"].as_array().unwrap() {
        for (a, oa) in &order {
            if !rule["before"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| under(a, b.as_str().unwrap()))
            {
                continue;
            }
            for (b, ob) in &order {
                if a != b
                    && rule["after"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|x| under(b, x.as_str().unwrap()))
                {
                    assert!(oa < ob, "{a} must come before {b} ({})", rule["id"]);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 10);
    // Every due date is between the assessment date and the target date; milestones rise.
    let mut last = 0.0;
    for i in items {
        let due = i["due_date"].as_str().unwrap();
        assert!(("2026-03-02"..="2026-12-31").contains(&due), "{due}");
    }
    for m in p["milestones"].as_array().unwrap() {
        let s = m["projected_status"]["low"].as_f64().unwrap();
        assert!(s >= last);
        last = s;
    }
    assert_eq!(last, 1.0);
    assert_eq!(
        p["milestones"].as_array().unwrap().last().unwrap()["date"],
        "2026-12-31"
    );
}

#[test]
fn prerequisite_table_is_acyclic_over_every_leaf() {
    // Edges between leaves implied by the rules; a cycle would make the plan order ambiguous.
    let cat = catalogs().unwrap();
    let t = assessment::prerequisites().unwrap();
    let leaves: Vec<&str> = cat
        .frameworks
        .iter()
        .flat_map(|f| f.nodes.iter())
        .filter(|n| n.kind == NodeKind::Requirement)
        .map(|n| n.id.as_str())
        .collect();
    let under = |id: &str, node: &str| id == node || cat.is_ancestor(node, id);
    let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in &t.rules {
        let before: Vec<&str> = leaves
            .iter()
            .copied()
            .filter(|l| r.before.iter().any(|b| under(l, b)))
            .collect();
        let after: Vec<&str> = leaves
            .iter()
            .copied()
            .filter(|l| r.after.iter().any(|a| under(l, a)))
            .collect();
        assert!(!before.is_empty() && !after.is_empty(), "{}", r.id);
        for b in &before {
            for a in &after {
                assert_ne!(b, a, "rule {} orders {b} before itself", r.id);
                edges.entry(b).or_default().push(a);
            }
        }
    }
    // Depth-first search for a cycle.
    fn visit<'a>(
        n: &'a str,
        edges: &HashMap<&'a str, Vec<&'a str>>,
        state: &mut HashMap<&'a str, u8>,
    ) {
        match state.get(n) {
            Some(1) => panic!("cycle through {n}"),
            Some(2) => return,
            _ => {}
        }
        state.insert(n, 1);
        for m in edges.get(n).into_iter().flatten() {
            visit(m, edges, state);
        }
        state.insert(n, 2);
    }
    let mut state = HashMap::new();
    for n in edges.keys() {
        visit(n, &edges, &mut state);
    }
}

#[test]
fn reports_are_self_contained_and_deterministic() {
    let d = example();
    let html = assessment::report(&d, ReportFormat::Html, Lang::En).unwrap();
    assert!(html.content.starts_with("<!DOCTYPE html>"));
    assert!(html.content.contains("<svg"), "the heat map is embedded");
    for bad in [
        "<script",
        "<link",
        "src=\"http",
        "href=\"http",
        "url(http",
        "@import",
    ] {
        assert!(!html.content.contains(bad), "{bad}");
    }
    let md = assessment::report(&d, ReportFormat::Md, Lang::Da).unwrap();
    assert!(md.content.contains("# Ledelsesresumé"));
    assert!(md.content.contains("data:image/svg+xml;base64,"));
    let json_report = assessment::report(&d, ReportFormat::Json, Lang::En).unwrap();
    let full: Value = serde_json::from_str(&json_report.content).unwrap();
    assert_eq!(full["evaluation"]["counts"]["requirements"], 179);
    assert!(full["plan"]["items"].as_array().unwrap().len() > 100);
    assert!(
        full["requirement_set"]["requirements"]
            .as_array()
            .unwrap()
            .len()
            == 179
    );
    for f in [ReportFormat::Md, ReportFormat::Html, ReportFormat::Json] {
        assert_eq!(
            assessment::report(&d, f, Lang::En).unwrap(),
            assessment::report(&d, f, Lang::En).unwrap()
        );
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn xlsx_is_a_deterministic_workbook_in_base64() {
    let d = example();
    let a = assessment::report(&d, ReportFormat::Xlsx, Lang::En).unwrap();
    let b = assessment::report(&d, ReportFormat::Xlsx, Lang::En).unwrap();
    assert_eq!(a.content, b.content, "same bytes every time");
    assert_eq!(serde_json::to_value(a.encoding).unwrap(), "base64");
    assert!(a.file_name.ends_with(".xlsx"));
    let bytes = decode_base64(&a.content);
    assert_eq!(&bytes[..2], b"PK", "a ZIP container");
    // Seven sheets (summary, requirements, status, evidence, gaps, plan, columns); ZIP entry
    // names are stored uncompressed.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("xl/worksheets/sheet7.xml"));
    assert!(!text.contains("xl/worksheets/sheet8.xml"));
}

#[cfg(feature = "xlsx")]
fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => 0,
        }
    };
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let n = chunk.iter().fold(0u32, |a, &c| (a << 6) | val(c));
        let pad = chunk.iter().filter(|&&c| c == b'=').count();
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    out
}

#[test]
fn not_in_scope_scores_nothing_and_says_why() {
    let e = run(
        json!({"op": "score", "assessment": doc(json!([]), json!({"frameworks": null, "scope": {"profile": {
        "name": "Tiny", "activities": [{"entity_type": "NIS2-I-02b-02"}],
        "size": {"staff_headcount": 5, "annual_turnover_eur": 500000, "balance_sheet_total_eur": 400000}}}}))}),
    );
    assert_eq!(e["scope"]["applies"], false);
    assert!(e.get("overall").is_none());
    assert_eq!(e["requirements"], json!([]));
    assert_eq!(e["findings"][0]["code"], "not_in_scope");
}

#[test]
fn every_entry_point_agrees() {
    let d = example();
    let text = example_text();
    let req = format!(r#"{{"op":"score","assessment":{text}}}"#);
    let a = call("assessment", &req).unwrap();
    let b = nis2_core::api::call(
        "assessment",
        nis2_core::api::Input::Value(serde_json::from_str(&req).unwrap()),
        nis2_core::api::Detail::Explained,
    )
    .and_then(|r| r.to_json())
    .unwrap();
    let direct = serde_json::to_string(&assessment::evaluate(&d).unwrap()).unwrap();
    assert_eq!(a, b);
    // The response is the evaluation with its `op` first.
    assert_eq!(a.replacen("{\"op\":\"assessment.score\",", "{", 1), direct);
}

fn check_schema<T: schemars::JsonSchema>(doc: &Value, what: &str) {
    let schema = schemars::schema_for!(T).to_value();
    let v = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{what}: {e}"));
    let errors: Vec<String> = v
        .iter_errors(doc)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

#[test]
fn outputs_match_their_json_schemas() {
    use nis2_core::assessment::report::FullResult;
    use nis2_core::assessment::{
        Evaluation, InferenceReport, Plan, PrerequisiteTable, Report, RequirementSet, ScaleCatalog,
    };
    let d = example();
    let text = example_text();
    let original: Value = serde_json::from_str(&text).unwrap();
    check_schema::<AssessmentDocument>(&original, "example document");
    check_schema::<Evaluation>(
        &serde_json::to_value(assessment::evaluate(&d).unwrap()).unwrap(),
        "evaluation",
    );
    check_schema::<Plan>(
        &serde_json::to_value(assessment::plan(&d).unwrap()).unwrap(),
        "plan",
    );
    check_schema::<InferenceReport>(
        &serde_json::to_value(assessment::infer(&d).unwrap()).unwrap(),
        "inference",
    );
    let report = assessment::report(&d, ReportFormat::Json, Lang::En).unwrap();
    check_schema::<Report>(&serde_json::to_value(&report).unwrap(), "report");
    check_schema::<FullResult>(
        &serde_json::from_str(&report.content).unwrap(),
        "full result",
    );
    let Some(nis2_core::assessment::model::ScopeInput::Profile(profile)) = d.scope else {
        panic!("profile")
    };
    check_schema::<RequirementSet>(
        &serde_json::to_value(assessment::requirements_for(&profile).unwrap()).unwrap(),
        "requirement set",
    );
    check_schema::<ScaleCatalog>(
        &serde_json::to_value(assessment::scales().unwrap()).unwrap(),
        "scales",
    );
    check_schema::<PrerequisiteTable>(
        &serde_json::to_value(assessment::prerequisites().unwrap()).unwrap(),
        "prerequisites",
    );
}
