//! The OSCAL 1.2.1 assessment results export (`assessment` op `report`, format `oscal`):
//! validates against the official schema (copied, unchanged, to
//! `data/catalogs/oscal-schemas/`), with format checking on; a finding per requirement, the
//! inferred sources as observations, the plan as risks; deterministic; typed date error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::HashSet;
use std::path::Path;

use serde_json::{json, Value};

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/catalogs/oscal-schemas/oscal_assessment-results_schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn validate(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid OSCAL:\n{}",
        errors.join("\n")
    );
}

fn report(assessment: &Value) -> nis2_core::Result<Value> {
    let req = json!({"op": "report", "format": "oscal", "assessment": assessment});
    let out = nis2_core::api::call_json(
        "assessment",
        &req.to_string(),
        nis2_core::api::Detail::Explained,
    )?;
    Ok(serde_json::from_str(&out).unwrap())
}

fn example() -> Value {
    let text = std::fs::read_to_string(root().join("examples/msp-assessment.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn content(r: &Value) -> Value {
    assert_eq!(r["encoding"], "utf8");
    serde_json::from_str(r["content"].as_str().unwrap()).unwrap()
}

#[test]
fn example_validates_and_covers_the_assessment() {
    let v = validator();
    let doc = example();
    let r = report(&doc).unwrap();
    assert_eq!(r["format"], "oscal");
    assert!(r["file_name"].as_str().unwrap().ends_with(".oscal-ar.json"));
    let ar = content(&r);
    validate(&v, &ar, "the example");
    let res = &ar["assessment-results"]["results"][0];
    assert_eq!(
        res["start"],
        format!("{}T00:00:00Z", doc["assessment_date"].as_str().unwrap())
    );
    // One finding per requirement of the set, targeting its OSCAL control id.
    let eval =
        nis2_core::assessment::evaluate(&serde_json::from_value(doc.clone()).unwrap()).unwrap();
    let findings = res["findings"].as_array().unwrap();
    assert_eq!(findings.len(), eval.requirements.len());
    let selected = res["reviewed-controls"]["control-selections"][0]["include-controls"]
        .as_array()
        .unwrap();
    assert_eq!(selected.len(), eval.requirements.len());
    // Inferred results: one observation per source, named by a prop.
    let obs = res["observations"].as_array().unwrap();
    let inferred = obs.iter().filter(|o| o["types"][0] == "historic").count();
    let sources: usize = eval
        .requirements
        .iter()
        .filter_map(|r| r.inferred.as_ref())
        .map(|i| i.sources.len())
        .sum();
    assert!(sources > 0, "the example infers");
    assert_eq!(inferred, sources);
    // Every related observation and risk resolves; UUIDs are unique.
    let mut uuids = HashSet::new();
    for o in obs {
        assert!(uuids.insert(o["uuid"].as_str().unwrap().to_owned()));
    }
    let risks = res["risks"].as_array().unwrap();
    let risk_ids: HashSet<&str> = risks.iter().map(|r| r["uuid"].as_str().unwrap()).collect();
    assert_eq!(risk_ids.len(), risks.len());
    for f in findings {
        for o in f["related-observations"].as_array().into_iter().flatten() {
            assert!(uuids.contains(o["observation-uuid"].as_str().unwrap()));
        }
        for rr in f["related-risks"].as_array().into_iter().flatten() {
            assert!(risk_ids.contains(rr["risk-uuid"].as_str().unwrap()));
        }
    }
    let plan = nis2_core::assessment::plan(&serde_json::from_value(doc).unwrap()).unwrap();
    assert_eq!(risks.len(), plan.items.len());
    assert!(risks
        .iter()
        .all(|r| r["remediations"][0]["lifecycle"] == "planned"));
}

#[test]
fn statuses_map_to_objective_states() {
    let doc = json!({
        "schema_version": "1",
        "name": "States",
        "assessment_date": "2026-03-02",
        "frameworks": ["nis2"],
        "results": [
            {"requirement": "NIS2:20.1.approve", "status": "fully_implemented",
             "evidence": ["Board minutes 2026-01"]},
            {"requirement": "NIS2:20.1.oversee", "status": "partially_implemented"},
            {"requirement": "NIS2:21.2.b", "status": "not_implemented"},
            {"requirement": "NIS2:21.2.h", "status": "not_applicable",
             "justification": "No cryptography in scope (test)."}
        ]
    });
    let ar = content(&report(&doc).unwrap());
    validate(&validator(), &ar, "states");
    let findings = ar["assessment-results"]["results"][0]["findings"]
        .as_array()
        .unwrap();
    let target = |id: &str| {
        findings
            .iter()
            .find(|f| f["target"]["target-id"] == id)
            .map(|f| f["target"].clone())
            .unwrap()
    };
    assert_eq!(target("NIS2-20.1.approve")["status"]["state"], "satisfied");
    assert_eq!(
        target("NIS2-20.1.approve")["implementation-status"]["state"],
        "implemented"
    );
    assert_eq!(
        target("NIS2-20.1.oversee")["status"]["state"],
        "not-satisfied"
    );
    assert_eq!(
        target("NIS2-20.1.oversee")["implementation-status"]["state"],
        "partial"
    );
    assert_eq!(target("NIS2-21.2.b")["status"]["reason"], "fail");
    assert_eq!(
        target("NIS2-21.2.h")["implementation-status"]["state"],
        "not-applicable"
    );
    assert_eq!(target("NIS2-21.2.c.backup")["status"]["reason"], "other");
    let obs = &ar["assessment-results"]["results"][0]["observations"];
    assert_eq!(
        obs[0]["relevant-evidence"][0]["description"],
        "Board minutes 2026-01"
    );
}

#[test]
fn deterministic_and_content_addressed() {
    let doc = example();
    let a = report(&doc).unwrap();
    let b = report(&doc).unwrap();
    assert_eq!(a, b);
    let mut changed = doc.clone();
    changed["name"] = Value::String("Another name".into());
    let c = content(&report(&changed).unwrap());
    assert_ne!(
        content(&a)["assessment-results"]["uuid"],
        c["assessment-results"]["uuid"]
    );
    // No clock: the timestamps are the assessment date's.
    let text = a["content"].as_str().unwrap();
    assert!(!text.contains("T00:00:01"));
}

#[test]
fn a_date_outside_oscal_years_is_a_typed_error() {
    let doc = json!({
        "schema_version": "1",
        "name": "Old",
        "assessment_date": "1850-01-01",
        "frameworks": ["nis2"],
        "results": []
    });
    let e = report(&doc).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("$.assessment.assessment_date"), "{text}");
    assert!(text.contains("1900-01-01"), "{text}");
}
