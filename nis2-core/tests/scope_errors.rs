//! Bad input gets a typed error naming the field path; never a panic, never a partial result.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

fn scope_json(input: &str) -> nis2_core::Result<String> {
    nis2_core::api::call_json("scope", input, nis2_core::api::Detail::Explained)
}

fn scope_value(input: serde_json::Value) -> nis2_core::Result<String> {
    nis2_core::api::call(
        "scope",
        nis2_core::api::Input::Value(input),
        nis2_core::api::Detail::Explained,
    )
    .and_then(|r| r.to_json())
}
use nis2_core::Error;

fn err(input: &str) -> Error {
    scope_json(input).expect_err(input)
}

#[test]
fn empty_and_non_object_documents() {
    for input in ["", "   ", "null", "[]", "42", "\"x\"", "true"] {
        let e = err(input);
        assert_eq!(e.kind(), "invalid_input", "{input}");
        assert_eq!(e.path(), Some("$"), "{input}");
    }
    let e = err("{}");
    assert_eq!(e.path(), Some("$.activities"), "{e}");
    for v in [
        serde_json::Value::Null,
        serde_json::json!([1]),
        serde_json::json!(3),
    ] {
        assert_eq!(scope_value(v).unwrap_err().path(), Some("$"));
    }
}

#[test]
fn unknown_entity_type_suggests_nearest() {
    match err(r#"{"activities":[{"entity_type":"NIS2-I-6-01"}]}"#) {
        Error::UnknownId {
            path, suggestions, ..
        } => {
            assert_eq!(path, "$.activities[0].entity_type");
            assert_eq!(
                suggestions.first().map(String::as_str),
                Some("NIS2-I-06-01")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn figures_must_be_finite_and_non_negative() {
    let e = err(r#"{"activities":[],"size":{"annual_turnover_eur":-5}}"#);
    assert_eq!(e.path(), Some("$.size.annual_turnover_eur"));
    let e = err(r#"{"activities":[],"size":{"staff_headcount":NaN}}"#);
    assert_eq!(e.path(), Some("$.size.staff_headcount"));
    let e = err(r#"{"activities":[],"size":{"staff_headcount":"ten"}}"#);
    assert_eq!(e.path(), Some("$.size.staff_headcount"));
    let e = err(r#"{"activities":[],"size":{"staff_headcount":1e999}}"#);
    assert_eq!(e.kind(), "invalid_input");
}

#[test]
fn unknown_fields_are_rejected_at_every_level() {
    assert_eq!(err(r#"{"activities":[],"x":1}"#).path(), Some("$.x"));
    assert_eq!(
        err(r#"{"activities":[{"entity_type":"NIS2-I-06-01","y":1}]}"#).path(),
        Some("$.activities[0].y")
    );
    assert_eq!(
        err(r#"{"activities":[],"size":{"staff":1}}"#).path(),
        Some("$.size.staff")
    );
    assert_eq!(
        err(r#"{"activities":[],"designations":{"cer":true}}"#).path(),
        Some("$.designations.cer")
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let e = err(
        r#"{"member_state":"XX","activities":[{"entity_type":"NIS2-II-05d-01","qualified_trust_service_provider":true},{"entity_type":"NIS2-II-05d-01"}],
            "size":{"staff_headcount":-1,"related_enterprises":[{"relationship":"partner"}]}}"#,
    );
    match e {
        Error::Multiple(list) => {
            let paths: Vec<_> = list.iter().filter_map(Error::path).collect();
            assert_eq!(
                paths,
                vec![
                    "$.member_state",
                    "$.activities[0].qualified_trust_service_provider",
                    "$.activities[1].entity_type",
                    "$.size.staff_headcount",
                    "$.size.related_enterprises[0].share_percent",
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn wrong_enum_values_name_the_accepted_ones() {
    let e = err(r#"{"activities":[],"designations":{"member_state_identification":"yes"}}"#);
    assert_eq!(e.path(), Some("$.designations.member_state_identification"));
    assert!(e.to_string().contains("essential"), "{e}");
}

#[test]
fn schema_version_is_checked() {
    assert_eq!(
        err(r#"{"schema_version":"2","activities":[]}"#).path(),
        Some("$.schema_version")
    );
    assert!(scope_json(r#"{"schema_version":"1","activities":[]}"#).is_ok());
}

#[test]
fn reports_serialise() {
    let r = err(r#"{"activities":[{"entity_type":"NIS2-I-6-01"}]}"#).report();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["kind"], "unknown_id");
    assert_eq!(v["path"], "$.activities[0].entity_type");
    assert!(v["suggestions"].as_array().is_some_and(|s| !s.is_empty()));
}
