//! Properties of `scope` over generated profiles (proptest): profiles built from the entity-type
//! catalog (`nis2_core::entity_types::catalog()`), with size figures at and next to the ceilings
//! of Recommendation 2003/361 (9/10, 49/50, 249/250 staff; EUR 2 m, 10 m, 43 m, 50 m).
//!
//! - more staff or money never gives a smaller size class;
//! - a larger entity of Annex I types is never classed lower (no designations, no Art 2(7)/(8)
//!   facts, nothing presumed about the Union);
//! - the decision does not depend on the order of the activities, of the Member States served
//!   or of the related enterprises (the engine lists activities, and what follows them, in the
//!   order given; the decision compared is the verdict with those lists taken as sets), and the
//!   response does not depend on the order of object keys at all (the same bytes);
//! - JSON text and a JSON value give the same bytes, at both levels;
//! - every response (explained and verdict) round-trips through JSON text unchanged and
//!   validates against its JSON Schema (`schema::schema_for(op.response_kind)`);
//! - the verdict agrees with the explained result, field by field.
//!
//! 256 cases per property by default (`PROPTEST_CASES=10000 cargo test -p nis2-core --test
//! properties --release` for more).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use nis2_core::api::{self, Detail, Input};
use nis2_core::entity_types::Annex;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::TestCaseError;
use serde_json::{json, Map, Value};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    // A failure prints its minimal input; nothing is written next to the sources.
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// --- generators ------------------------------------------------------------------------------

fn all_types() -> &'static [String] {
    static T: OnceLock<Vec<String>> = OnceLock::new();
    T.get_or_init(|| {
        let cat = nis2_core::entity_types::catalog().unwrap();
        cat.entity_types.iter().map(|t| t.id.clone()).collect()
    })
}

fn annex_i_types() -> &'static [String] {
    static T: OnceLock<Vec<String>> = OnceLock::new();
    T.get_or_init(|| {
        let cat = nis2_core::entity_types::catalog().unwrap();
        cat.entity_types
            .iter()
            .filter(|t| t.annex == Some(Annex::I))
            .map(|t| t.id.clone())
            .collect()
    })
}

/// Staff headcount (AWU): at a ceiling, just under or just over it.
fn staff() -> impl Strategy<Value = f64> {
    let base = select(vec![0.0, 1.0, 9.0, 10.0, 49.0, 50.0, 249.0, 250.0, 1000.0]);
    let delta = select(vec![0.0, 0.0, -0.5, 0.5, -1.0, 1.0]);
    (base, delta).prop_map(|(b, d): (f64, f64)| (b + d).max(0.0))
}

/// An amount in EUR: at a ceiling (2 m, 10 m, 43 m, 50 m), just under or over it.
fn money() -> impl Strategy<Value = f64> {
    let base = select(vec![
        0.0,
        2_000_000.0,
        10_000_000.0,
        43_000_000.0,
        50_000_000.0,
        200_000_000.0,
    ]);
    let delta = select(vec![
        0.0, 0.0, -0.01, 0.01, -1.0, 1.0, -100_000.0, 100_000.0,
    ]);
    (base, delta).prop_map(|(b, d): (f64, f64)| (b + d).max(0.0))
}

/// Own figures, all three given.
#[derive(Debug, Clone, Copy)]
struct Figures {
    staff: f64,
    turnover: f64,
    balance: f64,
}

fn figures() -> impl Strategy<Value = Figures> {
    (staff(), money(), money()).prop_map(|(staff, turnover, balance)| Figures {
        staff,
        turnover,
        balance,
    })
}

impl Figures {
    fn json(self) -> Value {
        json!({
            "staff_headcount": self.staff,
            "annual_turnover_eur": self.turnover,
            "balance_sheet_total_eur": self.balance,
        })
    }
}

fn activity(types: &'static [String]) -> impl Strategy<Value = Value> {
    (select(types.to_vec()), any::<Option<bool>>()).prop_map(|(t, flag)| {
        let mut a = json!({"entity_type": t});
        match (t.as_str(), flag) {
            ("NIS2-I-08-07", Some(f)) => a["qualified_trust_service_provider"] = json!(f),
            ("NIS2-I-10-02", Some(f)) => a["significant_impact_assessed"] = json!(f),
            _ => {}
        }
        a
    })
}

fn activities(types: &'static [String]) -> impl Strategy<Value = Vec<Value>> {
    // Distinct types: the engine rejects an activity listed twice.
    proptest::collection::vec(activity(types), 1..4).prop_map(|mut list| {
        let mut seen = std::collections::HashSet::new();
        list.retain(|a| seen.insert(a["entity_type"].clone()));
        list
    })
}

const STATES: &[&str] = &["DK", "DE", "FR", "NL", "IE", "SE", "FI", "NO"];

fn member_state() -> impl Strategy<Value = Option<&'static str>> {
    proptest::option::of(select(STATES))
}

fn related() -> impl Strategy<Value = Vec<Value>> {
    let one = (any::<bool>(), staff(), money(), money(), 25u8..=50).prop_map(
        |(partner, s, t, b, share)| {
            let mut r = json!({
                "relationship": if partner { "partner" } else { "linked" },
                "staff_headcount": s,
                "annual_turnover_eur": t,
                "balance_sheet_total_eur": b,
            });
            if partner {
                r["share_percent"] = json!(share);
            }
            r
        },
    );
    proptest::collection::vec(one, 0..3)
}

/// Any profile: every activity type, figures around the ceilings, related enterprises, the
/// Member States served, designations.
fn any_profile() -> impl Strategy<Value = Value> {
    let designations = proptest::option::of(
        (
            any::<Option<bool>>(),
            proptest::option::of(select(vec!["none", "essential", "important"])),
            any::<Option<bool>>(),
        )
            .prop_map(|(cer, ident, nis1)| {
                let mut d = Map::new();
                if let Some(c) = cer {
                    d.insert("critical_entity_cer".into(), json!(c));
                }
                if let Some(i) = ident {
                    d.insert("member_state_identification".into(), json!(i));
                }
                if let Some(n) = nis1 {
                    d.insert("nis1_operator_of_essential_services".into(), json!(n));
                }
                Value::Object(d)
            }),
    );
    (
        activities(all_types()),
        figures(),
        related(),
        member_state(),
        subsequence(STATES.to_vec(), 0..3),
        designations,
        proptest::option::of(select(vec!["none", "partly", "exclusively"])),
    )
        .prop_map(|(acts, fig, rel, ms, served, des, sec)| {
            let mut size = fig.json();
            if !rel.is_empty() {
                size["related_enterprises"] = Value::Array(rel);
            }
            let mut p = json!({"name": "Generated", "activities": acts, "size": size});
            if let Some(ms) = ms {
                p["member_state"] = json!(ms);
                let served: Vec<&str> = served.into_iter().filter(|s| *s != ms).collect();
                if !served.is_empty() {
                    p["member_states_of_service"] = json!(served);
                }
            }
            if let Some(d) = des {
                p["designations"] = d;
            }
            if let Some(s) = sec {
                p["security_activities"] = json!(s);
            }
            p
        })
}

// --- calling the engine ------------------------------------------------------------------------

fn call(profile: &Value, detail: Detail) -> Value {
    let text = serde_json::to_string(profile).unwrap();
    let out = api::call_json("scope", &text, detail)
        .unwrap_or_else(|e| panic!("a generated profile is rejected: {e}\n{text}"));
    serde_json::from_str(&out).unwrap()
}

fn rank_size(c: &Value) -> u8 {
    match c.as_str() {
        Some("micro") => 0,
        Some("small") => 1,
        Some("medium") => 2,
        Some("large") => 3,
        other => panic!("size class {other:?} with every figure given"),
    }
}

fn rank_class(c: &Value) -> Option<u8> {
    match c.as_str()? {
        "none" => Some(0),
        "registration_only" => Some(1),
        "important" => Some(2),
        "essential" => Some(3),
        _ => None,
    }
}

/// The lowest and highest class a result leaves possible.
fn class_range(result: &Value) -> Option<(u8, u8)> {
    let ranks: Option<Vec<u8>> = result["possible_classifications"]
        .as_array()?
        .iter()
        .map(rank_class)
        .collect();
    let ranks = ranks?;
    Some((*ranks.iter().min()?, *ranks.iter().max()?))
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
            .unwrap(),
    );
    cache.lock().unwrap().insert(kind.to_owned(), v.clone());
    v
}

/// The decision, with the lists the engine keeps in the order of the request taken as sets (and
/// the request paths in open questions, `activities[1].…`, without their positions).
fn decision(verdict: &Value) -> Value {
    let mut v = verdict.clone();
    if let Some(qs) = v["open_questions"].as_array_mut() {
        for q in qs {
            if let Some(field) = q["field"].as_str() {
                q["field"] = json!(positions().replace_all(field, "[]"));
            }
        }
    }
    let sort = |x: &mut Value| {
        if let Some(items) = x.as_array_mut() {
            items.sort_by_key(|i| serde_json::to_string(i).unwrap());
        }
    };
    sort(&mut v["activities"]);
    sort(&mut v["reasons"]);
    sort(&mut v["open_questions"]);
    sort(&mut v["jurisdiction"]["activities"]);
    sort(&mut v["jurisdiction"]["member_states"]);
    if let Some(acts) = v["jurisdiction"]["activities"].as_array_mut() {
        for a in acts {
            sort(&mut a["member_states"]);
        }
    }
    v
}

fn positions() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"\[\d+\]").unwrap())
}

/// The same document with the keys of every object in another order (reversed, or rotated).
fn reorder_keys(v: &Value, seed: usize) -> Value {
    match v {
        Value::Object(m) => {
            let mut entries: Vec<(&String, &Value)> = m.iter().collect();
            if seed.is_multiple_of(2) {
                entries.reverse();
            } else if !entries.is_empty() {
                let k = seed % entries.len();
                entries.rotate_left(k);
            }
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, x)| (k.clone(), reorder_keys(x, seed / 2 + 1)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(|x| reorder_keys(x, seed)).collect()),
        other => other.clone(),
    }
}

fn check_scope_verdict(e: &Value, v: &Value) -> Result<(), TestCaseError> {
    let same = |what: &str, a: &Value, b: &Value| -> Result<(), TestCaseError> {
        prop_assert_eq!(a, b, "verdict {} differs from the explained result", what);
        Ok(())
    };
    same("in_scope", &e["in_scope"], &v["in_scope"])?;
    same("classification", &e["classification"], &v["classification"])?;
    same(
        "possible_classifications",
        &e["possible_classifications"],
        &v["possible_classifications"],
    )?;
    same("size_class", &e["size"]["class"], &v["size_class"])?;
    same(
        "possible_size_classes",
        &e["size"]["possible_classes"],
        &v["possible_size_classes"],
    )?;
    same(
        "supervision",
        &e["supervision"]["regime"],
        &v["supervision"],
    )?;
    let acts: Vec<Value> = e["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            json!({"entity_type": a["entity_type"], "in_scope": a["in_scope"],
                "classification": a["classification"]})
        })
        .collect();
    same("activities", &Value::Array(acts), &v["activities"])?;
    let reasons: Vec<Value> = e["trace"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| !matches!(s["outcome"].as_str(), Some("does_not_apply" | "note")))
        .map(|s| {
            let mut r = json!({"rule": s["rule"], "citation": s["citation"]});
            if let Some(t) = s.get("entity_type") {
                r["entity_type"] = t.clone();
            }
            r["outcome"] = s["outcome"].clone();
            r
        })
        .collect();
    same("reasons", &Value::Array(reasons), &v["reasons"])?;
    let qs: Vec<Value> = e["open_questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| json!({"id": q["id"], "kind": q["kind"], "field": q["field"]}))
        .collect();
    same("open_questions", &Value::Array(qs), &v["open_questions"])?;
    let j = &e["jurisdiction"];
    let rules: Vec<Value> = j["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            json!({"entity_type": a["entity_type"], "rule": a["rule"],
                "member_states": a["member_states"]})
        })
        .collect();
    let states: Vec<Value> = j["member_states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            json!({"code": s["code"], "transposition": s["transposition"],
                "basis": s["basis"]})
        })
        .collect();
    same(
        "jurisdiction",
        &json!({"activities": rules, "member_states": states}),
        &v["jurisdiction"],
    )
}

// --- the properties ----------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// More staff, turnover or balance sheet never gives a smaller size class.
    #[test]
    fn more_staff_or_money_never_gives_a_smaller_size_class(
        acts in activities(all_types()),
        small in figures(),
        more in (staff(), money(), money()),
        which in 0u8..4,
    ) {
        let mut big = small;
        match which {
            0 => big.staff = small.staff.max(more.0),
            1 => big.turnover = small.turnover.max(more.1),
            2 => big.balance = small.balance.max(more.2),
            _ => {
                big.staff = small.staff.max(more.0);
                big.turnover = small.turnover.max(more.1);
                big.balance = small.balance.max(more.2);
            }
        }
        let a = call(&json!({"activities": acts, "size": small.json()}), Detail::Verdict);
        let b = call(&json!({"activities": acts, "size": big.json()}), Detail::Verdict);
        prop_assert!(
            rank_size(&b["size_class"]) >= rank_size(&a["size_class"]),
            "{:?} is {} but the larger {:?} is {}", small, a["size_class"], big, b["size_class"]
        );
    }

    /// A larger entity of Annex I types is never classed lower (no exclusions: no designations,
    /// no security activities, the Union condition left as the Member State gives it).
    #[test]
    fn a_larger_annex_i_entity_is_never_classed_lower(
        acts in activities(annex_i_types()),
        ms in member_state(),
        small in figures(),
        more in (staff(), money(), money()),
    ) {
        let big = Figures {
            staff: small.staff.max(more.0),
            turnover: small.turnover.max(more.1),
            balance: small.balance.max(more.2),
        };
        let profile = |f: Figures| {
            let mut p = json!({"activities": acts, "size": f.json()});
            if let Some(ms) = ms {
                p["member_state"] = json!(ms);
            }
            p
        };
        let a = call(&profile(small), Detail::Verdict);
        let b = call(&profile(big), Detail::Verdict);
        if let (Some((a_lo, a_hi)), Some((b_lo, b_hi))) = (class_range(&a), class_range(&b)) {
            prop_assert!(
                b_lo >= a_lo && b_hi >= a_hi,
                "{:?}: {} {} but the larger {:?}: {} {}",
                small, a["classification"], a["possible_classifications"],
                big, b["classification"], b["possible_classifications"]
            );
        }
    }

    /// The order of the activities, of the Member States served and of the related enterprises
    /// changes nothing in the decision; the order of object keys changes no byte.
    #[test]
    fn order_changes_nothing(profile in any_profile(), seed in 0usize..1000, rotate in 1usize..4) {
        let mut permuted = profile.clone();
        for key in ["activities", "member_states_of_service"] {
            if let Some(items) = permuted.get_mut(key).and_then(Value::as_array_mut) {
                let n = items.len().max(1);
                items.rotate_left(rotate % n);
                items.reverse();
            }
        }
        if let Some(items) = permuted
            .pointer_mut("/size/related_enterprises")
            .and_then(Value::as_array_mut)
        {
            items.reverse();
        }
        let a = call(&profile, Detail::Verdict);
        let b = call(&permuted, Detail::Verdict);
        prop_assert_eq!(decision(&a), decision(&b));

        let keys = reorder_keys(&profile, seed);
        for detail in [Detail::Explained, Detail::Verdict] {
            let x = api::call_json("scope", &serde_json::to_string(&profile).unwrap(), detail).unwrap();
            let y = api::call_json("scope", &serde_json::to_string(&keys).unwrap(), detail).unwrap();
            prop_assert_eq!(x, y, "reordered keys give other bytes");
        }
    }

    /// JSON text and a JSON value give the same bytes; every response round-trips through JSON
    /// text and validates against its schema; the verdict agrees with the explained result.
    #[test]
    fn text_value_schema_and_verdict(profile in any_profile()) {
        let text = serde_json::to_string(&profile).unwrap();
        let mut docs = Vec::new();
        for detail in [Detail::Explained, Detail::Verdict] {
            let by_text = api::call("scope", Input::Text(&text), detail).and_then(|r| r.to_json());
            let by_value = api::call("scope", Input::Value(profile.clone()), detail).and_then(|r| r.to_json());
            prop_assert_eq!(&by_text, &by_value, "text and value differ");
            let out = by_text.unwrap();
            let doc: Value = serde_json::from_str(&out).unwrap();
            prop_assert_eq!(serde_json::to_string(&doc).unwrap(), out.clone(), "does not round-trip");
            let op = api::op(doc["op"].as_str().unwrap()).unwrap();
            let kind = match detail {
                Detail::Explained => op.response_kind,
                Detail::Verdict => op.verdict_kind,
            };
            let v = validator(kind);
            let errors: Vec<String> = v.iter_errors(&doc).take(3).map(|e| format!("{e} at {}", e.instance_path())).collect();
            prop_assert!(errors.is_empty(), "does not match `{}`: {:?}", kind, errors);
            docs.push(doc);
        }
        check_scope_verdict(&docs[0], &docs[1])?;
    }
}

/// The other capabilities' responses round-trip and match their schemas too (a generated
/// profile through the programme's obligations and the assessment's requirement set).
#[test]
fn profiles_through_other_capabilities_match_their_schemas() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: config().cases.min(64),
        ..config()
    });
    runner
        .run(&any_profile(), |profile| {
            for (cap, request) in [
                (
                    "programme",
                    json!({"op": "obligations", "profile": profile}),
                ),
                (
                    "assessment",
                    json!({"op": "requirements", "profile": profile}),
                ),
            ] {
                for detail in [Detail::Explained, Detail::Verdict] {
                    let text = serde_json::to_string(&request).unwrap();
                    let out = match api::call_json(cap, &text, detail) {
                        Ok(out) => out,
                        Err(e) => return Err(TestCaseError::fail(format!("{cap}: {e}"))),
                    };
                    let doc: Value = serde_json::from_str(&out).unwrap();
                    prop_assert_eq!(serde_json::to_string(&doc).unwrap(), out);
                    let op = api::op(doc["op"].as_str().unwrap()).unwrap();
                    let kind = match detail {
                        Detail::Explained => op.response_kind,
                        Detail::Verdict => op.verdict_kind,
                    };
                    let errors: Vec<String> = validator(kind)
                        .iter_errors(&doc)
                        .take(3)
                        .map(|e| format!("{e} at {}", e.instance_path()))
                        .collect();
                    prop_assert!(errors.is_empty(), "`{}`: {:?}", kind, errors);
                }
            }
            Ok(())
        })
        .unwrap();
}
