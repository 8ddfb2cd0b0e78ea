//! Hostile input, bounded: error lists have a ceiling, suggestions are computed for a bounded
//! number of unknown values and on a bounded prefix of each, so the cost of a request is
//! proportional to its size. (Speed is measured by benchmarks, not here: these tests check the
//! bounds themselves.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use nis2_core::api::{self, Detail};
use nis2_core::error::MAX_PROBLEMS;
use nis2_core::Error;
use serde_json::json;

fn call(capability: &str, request: serde_json::Value) -> Error {
    api::call_json(capability, &request.to_string(), Detail::Explained).unwrap_err()
}

#[test]
fn error_lists_are_capped_and_say_how_many_more() {
    // 1,000 unknown controls: at most MAX_PROBLEMS are listed, then one saying how many more.
    let controls: Vec<String> = (0..1000).map(|i| format!("ISO27001:Z.{i}")).collect();
    let e = call(
        "catalog",
        json!({"op": "coverage", "target": "NIS2:21.2.d", "controls": controls}),
    );
    let Error::Multiple(list) = &e else {
        panic!("expected several problems, got {e}");
    };
    assert_eq!(list.len(), MAX_PROBLEMS + 1);
    let last = list.last().unwrap().to_string();
    assert!(last.contains("900 more problems"), "{last}");
    // The report is bounded too.
    assert!(serde_json::to_string(&e.report()).unwrap().len() < 200_000);
}

#[test]
fn suggestions_are_bounded_by_count_and_length() {
    // A very long unknown id (within max_string_bytes) still gets an answer with suggestions
    // from its first characters.
    let long = format!("ISO27001:A.5.19{}", "x".repeat(60_000));
    let e = call("catalog", json!({"op": "map", "from": long, "to": "nis2"}));
    let report = e.report();
    assert_eq!(report.kind, "unknown_id");
    assert!(!report.suggestions.is_empty());
    // Many unknown ids: only the first few dozen get suggestions.
    let controls: Vec<String> = (0..200).map(|i| format!("ISO27001:A.5.{i}x")).collect();
    let e = call(
        "catalog",
        json!({"op": "coverage", "target": "NIS2:21.2.d", "controls": controls}),
    );
    let Error::Multiple(list) = &e else {
        panic!("expected several problems, got {e}");
    };
    let with = list
        .iter()
        .filter(|p| !p.report().suggestions.is_empty())
        .count();
    assert!(with > 0 && with <= 32, "{with} problems with suggestions");
    // The budget starts again with every request.
    let e = call("catalog", json!({"op": "node", "id": "ISO27001:A.5.1x"}));
    assert!(!e.report().suggestions.is_empty());
}

#[test]
fn repeated_problems_are_listed_once() {
    let e = call(
        "catalog",
        json!({"op": "coverage", "target": "NIS2:21.2.d",
               "controls": ["ISO27001:Q.1", "ISO27001:Q.1", "ISO27001:Q.2"]}),
    );
    let text = e.to_string();
    // Two different paths, so both are listed; the same problem at the same path would not be.
    assert!(
        text.contains("controls[0]") && text.contains("controls[2]"),
        "{text}"
    );
}

/// The limits (issue 13, hardening 4): each one is a `limit_exceeded` error naming the limit
/// (in its message and its `limit`) and the path, the same for JSON text and a value, and
/// `docs/limits.md` lists them all.
mod limits {
    use nis2_core::api::{self, Detail, Input};
    use nis2_core::limits::{ALL, MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_ITEMS, MAX_STRING_BYTES};

    fn both(text: &str) -> (nis2_core::error::Error, Option<nis2_core::error::Error>) {
        let by_text = api::call("reference", Input::Text(text), Detail::Explained).unwrap_err();
        let by_value = serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .map(|v| api::call("reference", Input::Value(v), Detail::Explained).unwrap_err());
        (by_text, by_value)
    }

    /// The report is `limit_exceeded` with the limit `name` = `value`.
    fn beyond(report: &nis2_core::error::ErrorReport, name: &str, value: u64) {
        assert_eq!(report.kind, "limit_exceeded", "{}", report.message);
        let limit = report.limit.expect("the limit is named");
        assert_eq!((limit.name, limit.value), (name, value));
        let json = serde_json::to_value(report).unwrap();
        assert_eq!(
            json["limit"],
            serde_json::json!({"name": name, "value": value})
        );
    }

    fn nested(levels: usize) -> String {
        // The request object is level 1; `x` holds levels - 1 arrays.
        format!(
            "{{\"op\":\"labels\",\"x\":{}{}}}",
            "[".repeat(levels - 1),
            "]".repeat(levels - 1)
        )
    }

    #[test]
    fn depth_is_counted_alike_on_text_and_value() {
        let (text, value) = both(&nested(MAX_DEPTH));
        assert!(text.to_string().contains("unknown field `x`"), "{text}");
        assert_eq!(Some(&text), value.as_ref());
        let (text, value) = both(&nested(MAX_DEPTH + 1));
        let report = text.report();
        assert!(
            report.message.contains("limit max_depth = 64"),
            "{}",
            report.message
        );
        let want = format!("$.x{}", "[0]".repeat(MAX_DEPTH - 1));
        assert_eq!(report.path.as_deref(), Some(want.as_str()));
        let value = value.unwrap().report();
        assert_eq!(value.path, report.path);
        assert!(value.message.contains("limit max_depth = 64"));
        beyond(&report, "max_depth", 64);
        beyond(&value, "max_depth", 64);
    }

    #[test]
    fn strings_items_and_documents() {
        let long = format!(
            "{{\"op\":\"labels\",\"x\":\"{}\"}}",
            "a".repeat(MAX_STRING_BYTES + 1)
        );
        let (text, value) = both(&long);
        for e in [text.report(), value.unwrap().report()] {
            assert_eq!(e.path.as_deref(), Some("$.x"));
            assert!(
                e.message.contains("max_string_bytes = 65536"),
                "{}",
                e.message
            );
            beyond(&e, "max_string_bytes", 65536);
        }
        let many = format!(
            "{{\"op\":\"labels\",\"x\":[{}]}}",
            vec!["0"; MAX_ITEMS + 1].join(",")
        );
        let (text, value) = both(&many);
        let text = text.report();
        assert_eq!(text.path.as_deref(), Some("$.x[100000]"));
        assert!(
            text.message.contains("max_items = 100000"),
            "{}",
            text.message
        );
        let value = value.unwrap().report();
        assert_eq!(value.path, text.path);
        assert!(value.message.contains("max_items = 100000"));
        beyond(&text, "max_items", 100_000);
        beyond(&value, "max_items", 100_000);
        let big = format!(
            "{{\"op\":\"labels\",\"x\":\"{}\"}}",
            " ".repeat(MAX_DOCUMENT_BYTES)
        );
        let e = api::call("reference", Input::Text(&big), Detail::Explained)
            .unwrap_err()
            .report();
        assert_eq!(e.path.as_deref(), Some("$"));
        assert!(
            e.message.contains("max_document_bytes = 16777216"),
            "{}",
            e.message
        );
        beyond(&e, "max_document_bytes", 16_777_216);
    }

    #[test]
    fn the_docs_list_every_limit() {
        let docs = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/limits.md"),
        )
        .unwrap();
        for (name, value, _) in ALL {
            assert!(
                docs.contains(&format!("| `{name}` | {value} |")),
                "docs/limits.md does not list `{name}` = {value}"
            );
        }
    }
}

/// A response may hold a string longer than any request may (a report's `content`): it is
/// rendered from its JSON text, while a request with such a string is still rejected.
#[test]
fn a_long_report_renders_from_text_but_a_long_request_string_is_rejected() {
    let long = "x".repeat(nis2_core::limits::MAX_STRING_BYTES + 1);
    let response = json!({"op": "catalog.export", "format": "csv", "media_type": "text/csv",
        "file_name": "a.csv", "content": long})
    .to_string();
    let text = api::render_json(&response, api::Format::Md, nis2_core::risk::Lang::En).unwrap();
    assert!(!text.is_empty());
    let e = api::call_json(
        "catalog",
        &json!({"op": "node", "id": long}).to_string(),
        Detail::Explained,
    )
    .unwrap_err();
    assert!(e.to_string().contains("max_string_bytes"), "{e}");
}
