//! Audit results both ways with CISO Assistant (`assessment` ops `audit_export` and
//! `audit_import`): an exported table imported again changes nothing (on the example and on
//! generated assessments), edits come back with the stated status mapping, and every bad table
//! is a typed error naming the row and the column, with nothing half-imported.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::Path;

use serde_json::{json, Value};

fn example() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/msp-assessment.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn call(req: &Value) -> nis2_core::Result<Value> {
    let out = nis2_core::api::call_json(
        "assessment",
        &req.to_string(),
        nis2_core::api::Detail::Explained,
    )?;
    Ok(serde_json::from_str(&out).unwrap())
}

fn export(doc: &Value, framework: &str) -> String {
    let r = call(
        &json!({"op": "audit_export", "assessment": doc, "framework": framework,
        "format": "csv"}),
    )
    .unwrap();
    r["content"].as_str().unwrap().to_owned()
}

fn import(doc: &Value, framework: &str, csv: &str) -> nis2_core::Result<Value> {
    call(
        &json!({"op": "audit_import", "assessment": doc, "framework": framework,
        "format": "csv", "content": csv}),
    )
}

#[test]
fn an_exported_table_imported_again_changes_nothing() {
    let doc = example();
    for fw in ["nis2", "cir-2024-2690"] {
        let csv = export(&doc, fw);
        let back = import(&doc, fw, &csv).unwrap();
        assert_eq!(back["imported"], 0, "{fw}");
        assert_eq!(back["results"], doc["results"], "{fw}");
        // Every row is accounted for: imported or skipped with a reason.
        let rows = back["rows"].as_u64().unwrap();
        assert_eq!(rows, back["skipped"].as_array().unwrap().len() as u64);
    }
}

fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

/// Generated assessments: random statuses on random requirements of the example's scope.
#[test]
fn round_trip_on_generated_assessments() {
    let base = example();
    let set = call(&json!({"op": "requirements", "profile": base["scope"]["profile"]})).unwrap();
    let ids: Vec<String> = set["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let statuses = [
        "not_assessed",
        "not_applicable",
        "not_implemented",
        "partially_implemented",
        "largely_implemented",
        "fully_implemented",
    ];
    let mut seed = 7u64;
    for case in 0..12 {
        let mut doc = base.clone();
        let mut results = Vec::new();
        for id in &ids {
            if lcg(&mut seed).is_multiple_of(3) {
                continue;
            }
            let s = statuses[(lcg(&mut seed) % 6) as usize];
            let mut r = json!({"requirement": id, "status": s});
            if s == "not_applicable" {
                r["justification"] = json!(format!("case {case}: out of our services"));
            }
            if lcg(&mut seed).is_multiple_of(4) {
                r["notes"] = json!("see the audit, finding 7");
            }
            results.push(r);
        }
        doc["results"] = Value::Array(results);
        doc["sources"] = json!([]);
        for fw in ["nis2", "cir-2024-2690"] {
            let csv = export(&doc, fw);
            let back = import(&doc, fw, &csv).unwrap_or_else(|e| panic!("case {case} {fw}: {e}"));
            assert_eq!(back["results"], doc["results"], "case {case} {fw}");
            assert_eq!(back["imported"], 0, "case {case} {fw}");
        }
    }
}

fn edit(csv: &str, ref_id: &str, col: usize, value: &str) -> String {
    csv.split("\r\n")
        .map(|line| {
            let cells = split(line);
            if cells.get(2).map(String::as_str) == Some(ref_id) {
                let mut cells = cells;
                cells[col] = value.to_owned();
                cells
                    .iter()
                    .map(|c| {
                        if c.contains([',', '"']) {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            c.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// A CSV line's cells (the test tables have no line breaks inside cells).
fn split(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    out.push(cell);
    out
}

fn result<'a>(back: &'a Value, id: &str) -> &'a Value {
    back["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement"] == id)
        .unwrap_or_else(|| panic!("no result for {id}"))
}

#[test]
fn edits_come_back_with_the_stated_mapping() {
    let doc = example();
    let csv = export(&doc, "nis2");
    // 3(4) update is largely implemented: partially_compliant keeps it; compliant raises it.
    let same = edit(&csv, "3(4) update", 8, "checked again in CISO Assistant");
    let back = import(&doc, "nis2", &same).unwrap();
    assert_eq!(back["imported"], 1);
    assert_eq!(back["replaced"], 1);
    let r = result(&back, "NIS2:3.4.update");
    assert_eq!(r["status"], "largely_implemented");
    assert!(r["notes"].as_str().unwrap().contains("checked again"));
    let up = edit(&csv, "3(4) update", 5, "compliant");
    let back = import(&doc, "nis2", &up).unwrap();
    assert_eq!(
        result(&back, "NIS2:3.4.update")["status"],
        "fully_implemented"
    );
    // A score and a progress go into the notes.
    let scored = edit(
        &edit(&up, "3(4) update", 7, "90"),
        "3(4) update",
        6,
        "in_review",
    );
    let back = import(&doc, "nis2", &scored).unwrap();
    let notes = result(&back, "NIS2:3.4.update")["notes"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        notes.contains("progress in_review") && notes.contains("score 90"),
        "{notes}"
    );
    // The mapping is stated.
    assert_eq!(back["status_mapping"].as_array().unwrap().len(), 5);
}

fn error(doc: &Value, fw: &str, csv: &str) -> String {
    let e = import(doc, fw, csv).unwrap_err();
    assert_eq!(e.kind(), "invalid_input", "{e}");
    e.to_string()
}

#[test]
fn bad_tables_are_typed_errors_with_row_and_column() {
    let doc = example();
    let csv = export(&doc, "nis2");
    let cases = [
        (
            edit(&csv, "3(4) update", 5, "mostly"),
            "row 5, column `compliance_result`: `mostly` is not accepted",
        ),
        (
            edit(
                &edit(
                    &csv,
                    "3(4) update",
                    0,
                    "urn:nis2:risk:req_node:nis2:3.4.later",
                ),
                "3(4) update",
                2,
                "3(4) later",
            ),
            "row 5, column `ref_id`: no node of `nis2`",
        ),
        (edit(&csv, "3(4) update", 7, "101"), "row 5, column `score`"),
        (
            edit(&csv, "3(4) update", 6, "started"),
            "row 5, column `requirement_progress`",
        ),
        (
            edit(
                &edit(&csv, "3(4) update", 5, "not_applicable"),
                "3(4) update",
                8,
                "",
            ),
            "row 5, column `observations`: a not_applicable result needs a justification",
        ),
        (
            csv.replacen("observations", "remarks", 1),
            "row 1, column `remarks`: unknown column",
        ),
        (
            csv.replacen("compliance_result,", "", 1)
                .replace(",compliant,", ","),
            "the column `compliance_result` is missing",
        ),
        (
            format!("{csv}{}\r\n", csv.split("\r\n").nth(4).unwrap()),
            "is assessed twice",
        ),
        ("".to_owned(), "the table is empty"),
        (
            "urn,ref_id,compliance_result\r\n\"open,x,y\r\n".to_owned(),
            "a quoted cell is not closed",
        ),
    ];
    for (table, want) in cases {
        let got = error(&doc, "nis2", &table);
        assert!(got.contains(want), "want `{want}` in: {got}");
    }
    let e = import(&doc, "nis3", &csv).unwrap_err();
    assert_eq!(e.path(), Some("$.framework"));
    let e = call(
        &json!({"op": "audit_import", "assessment": doc, "framework": "nis2",
        "format": "xlsx", "content": "UEsDBA=="}),
    )
    .unwrap_err();
    let want = if cfg!(feature = "xlsx") {
        "$.content"
    } else {
        "$.format"
    };
    assert_eq!(e.path(), Some(want), "{e}");
}

#[test]
fn export_needs_a_scored_framework() {
    let doc = example();
    let e = call(&json!({"op": "audit_export", "assessment": doc, "format": "csv"})).unwrap_err();
    assert_eq!(e.path(), Some("$.framework"));
    assert!(e.to_string().contains("nis2, cir-2024-2690"), "{e}");
    let e = call(
        &json!({"op": "audit_export", "assessment": doc, "format": "csv",
        "framework": "dmaerket"}),
    )
    .unwrap_err();
    assert!(e.to_string().contains("not scored"), "{e}");
}

#[test]
fn shipped_urns_and_the_header() {
    let doc = example();
    let r = call(
        &json!({"op": "audit_export", "assessment": doc, "format": "csv",
        "framework": "cir-2024-2690", "ciso_assistant_frameworks": true}),
    )
    .unwrap();
    let csv = r["content"].as_str().unwrap();
    assert!(csv.starts_with("urn,assessable,ref_id,name,description,compliance_result,requirement_progress,score,observations\r\n"));
    assert!(csv.contains("\r\nurn:intuitem:risk:req_node:annex-technical-and-methodological-requirements-nis2:1.1.1,true,1.1.1,"));
    assert_eq!(r["assessable_rows"], 161);
    // The import matches CISO Assistant's URNs too (here with the ref_ids removed).
    let no_refs: String = csv
        .split("\r\n")
        .enumerate()
        .map(|(i, l)| {
            if i == 0 || l.is_empty() {
                l.to_owned()
            } else {
                let mut c = split(l);
                c[2] = String::new();
                c.iter()
                    .map(|x| {
                        if x.contains([',', '"']) {
                            format!("\"{}\"", x.replace('"', "\"\""))
                        } else {
                            x.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    let back = import(&doc, "cir-2024-2690", &no_refs).unwrap();
    assert_eq!(back["results"], doc["results"]);
}

#[cfg(feature = "xlsx")]
#[test]
fn xlsx_export_is_a_workbook() {
    let r = call(
        &json!({"op": "audit_export", "assessment": example(), "format": "xlsx",
        "framework": "nis2"}),
    )
    .unwrap();
    assert_eq!(r["encoding"], "base64");
    assert!(
        r["content"].as_str().unwrap().starts_with("UEsDB"),
        "a ZIP container"
    );
}

#[cfg(feature = "xlsx")]
fn xlsx_import(doc: &Value, fw: &str, content: &str) -> nis2_core::Result<Value> {
    call(
        &json!({"op": "audit_import", "assessment": doc, "framework": fw,
        "format": "xlsx", "content": content}),
    )
}

#[cfg(feature = "xlsx")]
fn b64(bytes: &[u8]) -> String {
    nis2_core::view::render::base64(bytes)
}

#[cfg(feature = "xlsx")]
#[test]
fn xlsx_tables_come_back_too() {
    let doc = example();
    for (fw, shipped) in [("nis2", false), ("cir-2024-2690", true)] {
        let r = call(
            &json!({"op": "audit_export", "assessment": doc, "format": "xlsx",
            "framework": fw, "ciso_assistant_frameworks": shipped}),
        )
        .unwrap();
        let back = xlsx_import(&doc, fw, r["content"].as_str().unwrap()).unwrap();
        assert_eq!(back["results"], doc["results"], "{fw}");
        assert_eq!(back["imported"], 0);
        assert_eq!(back["rows"], r["rows"]);
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn xlsx_merged_cells_formulas_and_bad_values_are_errors_naming_the_cell() {
    use rust_xlsxwriter::{Formula, Workbook, Worksheet};
    let doc = example();
    let header = [
        "urn",
        "assessable",
        "ref_id",
        "compliance_result",
        "score",
        "observations",
    ];
    let sheet = |f: &dyn Fn(&mut Worksheet)| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Audit").unwrap();
        for (c, h) in header.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "urn:nis2:risk:req_node:nis2:20.2.management")
            .unwrap();
        ws.write_boolean(1, 1, true).unwrap();
        ws.write_string(1, 2, "20(2) management").unwrap();
        ws.write_string(1, 3, "compliant").unwrap();
        ws.write_number(1, 4, 100.0).unwrap();
        f(ws);
        b64(&wb.save_to_buffer().unwrap())
    };
    // A plain sheet: the boolean and the number are read as text, the row imported.
    let ok = xlsx_import(&doc, "nis2", &sheet(&|_| {})).unwrap();
    assert_eq!(ok["imported"], 1);
    let r = ok["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement"] == "NIS2:20.2.management")
        .unwrap();
    assert_eq!(r["status"], "fully_implemented");
    assert!(r["notes"].as_str().unwrap().contains("score 100"));
    let merged = sheet(&|ws| {
        ws.merge_range(2, 0, 2, 2, "merged", &rust_xlsxwriter::Format::new())
            .unwrap();
    });
    let formula = sheet(&|ws| {
        ws.write_formula(1, 4, Formula::new("=50+50")).unwrap();
    });
    let bad = sheet(&|ws| {
        ws.write_string(1, 3, "done").unwrap();
    });
    let cases: Vec<(String, &str)> = vec![
        (merged, "sheet `Audit`, cell A3: a merged cell"),
        (formula, "sheet `Audit`, cell E2: a formula"),
        (
            bad,
            "sheet `Audit`, row 2, column `compliance_result`: `done` is not accepted",
        ),
        ("not base64!".to_owned(), "not base64"),
        (b64(b"PK not a zip"), "not an XLSX workbook"),
    ];
    for (content, want) in cases {
        let e = xlsx_import(&doc, "nis2", &content).unwrap_err();
        assert!(e.to_string().contains(want), "want `{want}` in: {e}");
    }
}
