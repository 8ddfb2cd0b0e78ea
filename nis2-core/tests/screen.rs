#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::expect_used
)]

//! Screening answers each row exactly as a single `scope` call: every scope vector's profile in
//! one batch, and seeded random profiles (also through the flat layout), row by row, byte for
//! byte, at both detail levels.

use std::path::Path;

use nis2_core::api::{self, Detail};
use serde_json::{json, Value};

fn scope_vector_inputs() -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/scope");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            v["input"].clone()
        })
        .collect()
}

/// The single call's answer at a level: its document without `op`/`detail`, or its error.
fn single(profile: &Value, detail: Detail) -> Value {
    match api::call("scope", api::Input::Value(profile.clone()), detail) {
        Ok(r) => {
            let mut v: Value = serde_json::from_str(&r.to_json().unwrap()).unwrap();
            let o = v.as_object_mut().unwrap();
            o.remove("op");
            o.remove("detail");
            json!({ "ok": v })
        }
        Err(e) => json!({ "error": serde_json::to_value(e.report()).unwrap() }),
    }
}

fn batch(profiles: &[Value], detail: Detail) -> Vec<Value> {
    let rows: Vec<Value> = profiles.iter().map(|p| json!({ "profile": p })).collect();
    let request = json!({ "op": "rows", "rows": rows });
    let out = api::call("screen", api::Input::Value(request), detail).unwrap();
    let out: Value = serde_json::from_str(&out.to_json().unwrap()).unwrap();
    let key = if detail == Detail::Verdict {
        "verdict"
    } else {
        "result"
    };
    out["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| match r.get(key) {
            Some(v) => json!({ "ok": v }),
            // A row's profile is its `profile` column: errors are under it.
            None => {
                let mut e = r["error"].clone();
                unprefix(&mut e);
                json!({ "error": e })
            }
        })
        .collect()
}

/// An error report with `$.profile` taken off its paths and messages (the single call's form).
fn unprefix(e: &mut Value) {
    for key in ["path", "message"] {
        if let Some(Value::String(s)) = e.get_mut(key) {
            *s = s.replace("$.profile.", "$.").replace("`$.profile`", "`$`");
        }
    }
    if let Some(Value::Array(list)) = e.get_mut("errors") {
        list.iter_mut().for_each(unprefix);
    }
}

fn check(profiles: &[Value]) {
    for detail in [Detail::Verdict, Detail::Explained] {
        let rows = batch(profiles, detail);
        assert_eq!(rows.len(), profiles.len());
        for (i, (p, row)) in profiles.iter().zip(&rows).enumerate() {
            assert_eq!(row, &single(p, detail), "row {i} ({detail:?}) of {p}");
        }
    }
}

#[test]
fn every_scope_vector_screens_as_it_scopes() {
    let inputs = scope_vector_inputs();
    assert!(inputs.len() > 150);
    check(&inputs);
}

/// A small deterministic generator (no dependency on a random source).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() as usize) % items.len()]
    }
}

const TYPES: &[&str] = &[
    "NIS2-I-01a-01",
    "NIS2-I-06-01",
    "NIS2-I-08-01",
    "NIS2-I-08-07",
    "NIS2-I-10-01",
    "NIS2-I-10-02",
    "NIS2-II-01-01",
    "NIS2-II-05c-01",
    "NIS2-II-06-03",
    "NIS2-X-DNR",
    "NIS2-Q-00",
];
const STAFF: &[f64] = &[
    0.0, 9.0, 9.5, 10.0, 49.0, 50.0, 120.0, 249.99, 250.0, 4000.0,
];
const MONEY: &[f64] = &[
    0.0,
    1_999_999.0,
    2_000_000.0,
    10_000_000.0,
    10_000_000.01,
    43_000_000.0,
    50_000_000.0,
    50_000_000.01,
    1e9,
];
const STATES: &[&str] = &["DK", "DE", "FR", "SE", "XX"];

fn random_flat(r: &mut Lcg) -> Value {
    let mut row = serde_json::Map::new();
    let n = r.next() % 3;
    let types: Vec<&str> = (0..n).map(|_| *r.pick(TYPES)).collect();
    row.insert("entity_types".into(), json!(types));
    if !r.next().is_multiple_of(4) {
        row.insert("member_state".into(), json!(r.pick(STATES)));
    }
    for (key, values) in [
        ("staff_headcount", STAFF),
        ("annual_turnover_eur", MONEY),
        ("balance_sheet_total_eur", MONEY),
    ] {
        if !r.next().is_multiple_of(5) {
            row.insert(key.into(), json!(r.pick(values)));
        }
    }
    for key in [
        "critical_entity_cer",
        "nis1_operator_of_essential_services",
        "dora_exempted",
    ] {
        if r.next().is_multiple_of(3) {
            row.insert(key.into(), json!(r.next().is_multiple_of(2)));
        }
    }
    if r.next().is_multiple_of(4) {
        row.insert(
            "member_state_identification".into(),
            json!(r.pick(&["none", "essential", "important"])),
        );
    }
    if types.contains(&"NIS2-I-08-07") && r.next().is_multiple_of(2) {
        row.insert("qualified_trust_service_provider".into(), json!(true));
    }
    Value::Object(row)
}

/// The profile a flat row stands for (the layout's documented meaning).
fn profile_of(row: &Value) -> Value {
    let mut p = serde_json::Map::new();
    let q = row.get("qualified_trust_service_provider");
    let acts: Vec<Value> = row["entity_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| match q {
            Some(q) if t == "NIS2-I-08-07" => {
                json!({"entity_type": t, "qualified_trust_service_provider": q})
            }
            _ => json!({ "entity_type": t }),
        })
        .collect();
    p.insert("activities".into(), Value::Array(acts));
    if let Some(m) = row.get("member_state") {
        p.insert("member_state".into(), m.clone());
    }
    let mut size = serde_json::Map::new();
    for k in [
        "staff_headcount",
        "annual_turnover_eur",
        "balance_sheet_total_eur",
    ] {
        if let Some(v) = row.get(k) {
            size.insert(k.into(), v.clone());
        }
    }
    if !size.is_empty() {
        p.insert("size".into(), Value::Object(size));
    }
    let mut d = serde_json::Map::new();
    for k in [
        "critical_entity_cer",
        "nis1_operator_of_essential_services",
        "dora_exempted",
        "member_state_identification",
    ] {
        if let Some(v) = row.get(k) {
            d.insert(k.into(), v.clone());
        }
    }
    if !d.is_empty() {
        p.insert("designations".into(), Value::Object(d));
    }
    Value::Object(p)
}

#[test]
fn seeded_random_profiles_screen_as_they_scope() {
    let mut r = Lcg(0x5eed_2026);
    let rows: Vec<Value> = (0..600).map(|_| random_flat(&mut r)).collect();
    let profiles: Vec<Value> = rows.iter().map(profile_of).collect();
    check(&profiles);
    // The flat rows give the same verdicts as the profiles they stand for.
    let flat = api::call(
        "screen",
        api::Input::Value(json!({"op": "rows", "rows": rows})),
        Detail::Verdict,
    )
    .unwrap();
    let flat: Value = serde_json::from_str(&flat.to_json().unwrap()).unwrap();
    for (i, (row, p)) in flat["rows"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&profiles)
        .enumerate()
    {
        match single(p, Detail::Verdict) {
            Value::Object(m) if m.contains_key("ok") => {
                assert_eq!(row["verdict"], m["ok"], "row {i}")
            }
            other => {
                assert!(row.get("verdict").is_none(), "row {i}: {other}");
                assert_eq!(row["error"]["kind"], other["error"]["kind"], "row {i}");
            }
        }
    }
}

#[test]
fn typed_scope_many_matches_single_calls() {
    let inputs = scope_vector_inputs();
    let typed: Vec<nis2_core::Profile> = inputs
        .iter()
        .filter_map(|v| serde_json::from_value(v.clone()).ok())
        .collect();
    let many = nis2_core::screen::scope_many(&typed);
    for (p, v) in typed.iter().zip(many) {
        assert_eq!(v.ok(), nis2_core::scope::verdict(p).ok());
    }
}

/// A table read by a streaming caller (the CLI, Python) gives the errors of a `screen` request:
/// a `profile` cell that does not read as a profile is at its path under `$.profile`, once.
#[test]
fn streamed_rows_have_the_paths_of_a_request() {
    use nis2_core::screen::flat::Header;
    let header = Header::new(&["id", "profile", "entity_types"]).unwrap();
    let cells: [[&str; 3]; 3] = [
        ["a", r#"{"activities": 5}"#, ""],
        ["b", r#"{"activities": [{"entity_type": "NIS2-I-0"}]}"#, ""],
        ["c", "", "NIS2-I-06-01;NIS2-XX"],
    ];
    let rows: Vec<_> = cells.iter().map(|c| header.read(c)).collect();
    let paths: Vec<String> = nis2_core::screen::verdicts(&rows)
        .into_iter()
        .map(|v| v.unwrap_err().path().unwrap().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "$.profile.activities",
            "$.profile.activities[0].entity_type",
            "$.entity_types[1]"
        ]
    );
}

/// Rows that repeat their decision facts share one verdict (`screen::memo`): a batch in which
/// keys repeat, with exact figures and ranges at, just below and just above every ceiling,
/// names and notes that differ, and figures that do not validate, answers every row as the
/// single call does.
#[test]
fn shared_verdicts_are_the_single_calls_at_every_ceiling() {
    const STAFF_AT: &[f64] = &[
        0.0, 9.99, 10.0, 10.01, 49.0, 50.0, 51.0, 249.5, 250.0, 250.5, 1e6,
    ];
    const MONEY_AT: &[f64] = &[
        0.0,
        1_999_999.99,
        2_000_000.0,
        2_000_000.01,
        9_999_999.99,
        10_000_000.0,
        10_000_000.01,
        42_999_999.99,
        43_000_000.0,
        43_000_000.01,
        49_999_999.99,
        50_000_000.0,
        50_000_000.01,
        f64::MAX,
    ];
    let mut r = Lcg(0x0a11_ce11);
    let figure = |r: &mut Lcg, values: &[f64]| -> Value {
        match r.next() % 8 {
            0 => Value::Null,
            1 | 2 => {
                let (a, b) = (*r.pick(values), *r.pick(values));
                json!([a.min(b), a.max(b)])
            }
            3 => json!(-1.0),
            _ => json!(r.pick(values)),
        }
    };
    let profiles: Vec<Value> = (0..3000)
        .map(|i| {
            let mut p = profile_of(&random_flat(&mut r));
            let mut size = serde_json::Map::new();
            for (key, values) in [
                ("staff_headcount", STAFF_AT),
                ("annual_turnover_eur", MONEY_AT),
                ("balance_sheet_total_eur", MONEY_AT),
            ] {
                match figure(&mut r, values) {
                    Value::Null => {}
                    v => {
                        size.insert(key.into(), v);
                    }
                }
            }
            if r.next().is_multiple_of(7) {
                size.insert("related_enterprises".into(), json!([]));
            }
            if r.next().is_multiple_of(9) {
                size.insert("public_bodies_control_percent".into(), json!(30));
            }
            p["size"] = Value::Object(size);
            p["name"] = json!(format!("Company {i}"));
            if let Some(Value::Array(acts)) = p.get_mut("activities") {
                for a in acts {
                    a["note"] = json!(format!("note {i}"));
                }
            }
            if r.next().is_multiple_of(5) {
                p["nace_codes"] = json!([r.pick(&["D35.11", "C28", "62.01", "J61"])]);
            }
            p
        })
        .collect();
    let rows = batch(&profiles, Detail::Verdict);
    let mut verdicts = 0;
    for (i, (p, row)) in profiles.iter().zip(&rows).enumerate() {
        assert_eq!(row, &single(p, Detail::Verdict), "row {i} of {p}");
        verdicts += usize::from(row.get("ok").is_some());
    }
    // Most rows give a verdict, and the memo shares them.
    assert!(verdicts > 1500, "{verdicts}");
}

/// Twenty organisations, each many times over with other names and other figures in the same
/// bands (and at the ceilings): the rows share verdicts, each the single call's.
#[test]
fn repeated_organisations_share_verdicts() {
    let mut r = Lcg(0x0b0b_2555);
    let profiles: Vec<Value> = (0..20).map(|_| profile_of(&random_flat(&mut r))).collect();
    let bands: [(f64, f64); 4] = [(0.0, 10.0), (10.0, 50.0), (50.0, 250.0), (250.0, 5000.0)];
    let repeated: Vec<Value> = (0..3000)
        .map(|i| {
            let mut p = profiles[i % 20].clone();
            let (lo, hi) = bands[(r.next() % 4) as usize];
            let staff = match r.next() % 4 {
                0 => lo,
                _ => lo + (hi - lo) * ((r.next() % 1000) as f64 / 1000.0),
            };
            let turnover = [1_000_000.0, 1_500_000.0, 2_000_000.0][(r.next() % 3) as usize];
            p["size"] = json!({"staff_headcount": staff, "annual_turnover_eur": turnover});
            p["name"] = json!(format!("Other {i}"));
            p
        })
        .collect();
    let rows = batch(&repeated, Detail::Verdict);
    for (i, (p, row)) in repeated.iter().zip(&rows).enumerate() {
        assert_eq!(row, &single(p, Detail::Verdict), "repeated row {i} of {p}");
    }
    let read: Vec<nis2_core::screen::ReadRow> = repeated
        .iter()
        .map(|v| nis2_core::screen::ReadRow {
            id: None,
            profile: Ok(serde_json::from_value(v.clone()).unwrap()),
            paths: nis2_core::screen::Paths::Profile,
        })
        .collect();
    let mut memo = nis2_core::screen::memo::Memo::new();
    let outcomes = memo.verdicts(&read);
    let shared = outcomes
        .iter()
        .filter(|o| matches!(o, nis2_core::screen::memo::Outcome::Shared(_)))
        .count();
    assert!(
        shared > 1000 && memo.len() < 300,
        "{} verdicts for {shared} rows",
        memo.len()
    );
}

/// The answers of text rows through the memo keyed by their cells, in chunks that share one
/// memo, and each row read and decided on its own (its id, and its verdict or error).
fn cells_and_single(
    header: &nis2_core::screen::flat::Header,
    rows: &[Vec<String>],
    min_shared: usize,
) {
    use nis2_core::screen::memo::{Memo, Outcome};
    let mut memo = Memo::new();
    let mut hits = 0usize;
    for (c, chunk) in rows.chunks(1500).enumerate() {
        let row = |i: usize| chunk.get(i).map_or(&[][..], Vec::as_slice);
        let (outcomes, ids) = memo.read_and_answer_cells(
            chunk.len(),
            |i, key| header.cell_key(row(i), key),
            |i| header.id(row(i)),
            |i| header.read(row(i)),
        );
        let before = memo.len();
        for (i, (o, id)) in outcomes.iter().zip(&ids).enumerate() {
            let read = header.read(row(i));
            assert_eq!(id, &read.id, "id of row {i} of chunk {c}: {:?}", row(i));
            let mut lone = Memo::new();
            let alone = lone.verdicts(std::slice::from_ref(&read));
            let want = alone[0]
                .get(&lone)
                .map(|v| serde_json::to_value(v).unwrap());
            let got = o.get(&memo).map(|v| serde_json::to_value(v).unwrap());
            match (&want, &got) {
                (Ok(w), Ok(g)) => assert_eq!(w, g, "row {i} of chunk {c}: {:?}", row(i)),
                (Err(w), Err(g)) => assert_eq!(w.to_string(), g.to_string(), "{:?}", row(i)),
                _ => panic!("row {i} of chunk {c}: {want:?} / {got:?} for {:?}", row(i)),
            }
            if c > 0 && matches!(o, Outcome::Shared(_)) {
                hits += 1;
            }
        }
        assert!(memo.len() >= before);
    }
    assert!(hits >= min_shared, "{hits} shared rows of {}", rows.len());
}

#[test]
fn rows_keyed_by_their_cells_answer_as_each_row_alone() {
    use nis2_core::screen::flat::Header;
    let mut r = Lcg(0x2555_ce11);
    let names = [
        "id",
        "name",
        "profile",
        "nace_codes",
        "entity_types",
        "member_state",
        "staff_headcount_min",
        "staff_headcount_max",
        "annual_turnover_eur",
    ];
    let profile = r#"{"activities":[{"entity_type":"NIS2-I-01a-01"}],"member_state":"DK"}"#;
    let rows: Vec<Vec<String>> = (0..2400)
        .map(|i| {
            let with_profile = r.next().is_multiple_of(8);
            let pick = |r: &mut Lcg, items: &[&str]| r.pick(items).to_string();
            vec![
                if r.next().is_multiple_of(5) {
                    String::new()
                } else {
                    format!("R{i}")
                },
                pick(&mut r, &["", "  ", "Firma ApS", "Other"]),
                if with_profile {
                    profile.to_owned()
                } else {
                    String::new()
                },
                if with_profile {
                    String::new()
                } else {
                    pick(
                        &mut r,
                        &[
                            "28.11",
                            "35.11;61.10",
                            "",
                            "47.11",
                            "x.y",
                            " 28.11 ",
                            "28.11;",
                            ";",
                            "61.10; 35.11",
                            "é;ø",
                        ],
                    )
                },
                if with_profile {
                    String::new()
                } else {
                    pick(&mut r, &["", "NIS2-I-01a-01", "NIS2-I-01-01"])
                },
                if with_profile {
                    String::new()
                } else {
                    pick(&mut r, &["DK", "SE", "", "XX", " DK ", "dk"])
                },
            ]
            .into_iter()
            .chain(
                [
                    &["", "0", "50", "250", "abc"][..],
                    &["", "49", "249.99", "250", "1e400"],
                    &[
                        "",
                        "10000000",
                        "50000000",
                        "50000000.01",
                        "12000000",
                        " 49999999.99 ",
                        "-1",
                        "50000000.000000000001",
                        "2e7",
                        "-0",
                    ],
                ]
                .map(|cells| {
                    if with_profile {
                        String::new()
                    } else {
                        pick(&mut r, cells)
                    }
                }),
            )
            .collect()
        })
        .collect();
    cells_and_single(&Header::new(&names).unwrap(), &rows, rows.len() / 20);
}

/// Rows giving all three own size figures, keyed by the classes the figures allow together
/// (`CellKey::figure`): figures at, just above and between every ceiling, written in several
/// ways, some refused, some beside a range column of their own figure (the row's error) or of
/// another; each row answered as it is alone.
#[test]
fn rows_keyed_by_their_size_classes_answer_as_each_row_alone() {
    use nis2_core::screen::flat::Header;
    let mut r = Lcg(0x2003_0361);
    let names = [
        "id",
        "entity_types",
        "member_state",
        "staff_headcount",
        "annual_turnover_eur",
        "balance_sheet_total_eur",
        "staff_headcount_min",
        "annual_turnover_eur_max",
    ];
    let staff = [
        "0", "9", "9.99", "10", "49.5", "50", "100", "249.99", "250", "1e4", "", "-1", "x",
    ];
    let money = [
        "0",
        "2000000",
        "2000000.01",
        "9999999.99",
        "10000000",
        "10000000.01",
        "43000000",
        "43000000.01",
        "50000000",
        "50000000.01",
        "50000000.000000000001",
        "2e9",
        " 42000000 ",
        "",
    ];
    let rows: Vec<Vec<String>> = (0..3000)
        .map(|i| {
            let pick = |r: &mut Lcg, items: &[&str]| r.pick(items).to_string();
            let rare = |r: &mut Lcg, items: &[&str]| {
                if r.next().is_multiple_of(12) {
                    r.pick(items).to_string()
                } else {
                    String::new()
                }
            };
            vec![
                format!("R{i}"),
                pick(
                    &mut r,
                    &[
                        "NIS2-I-01a-01",
                        "NIS2-II-05c-01",
                        "NIS2-I-08-07;NIS2-II-06-03",
                    ],
                ),
                pick(&mut r, &["DK", "DE", ""]),
                pick(&mut r, &staff),
                pick(&mut r, &money),
                pick(&mut r, &money),
                rare(&mut r, &["10", "300"]),
                rare(&mut r, &["1000000", "60000000"]),
            ]
        })
        .collect();
    cells_and_single(&Header::new(&names).unwrap(), &rows, rows.len() / 4);
}

#[test]
fn mapped_rows_keyed_by_their_cells_answer_as_each_row_alone() {
    use nis2_core::screen::flat::{ColumnMap, Header};
    let mut r = Lcg(0x2555_0ce1);
    let map = ColumnMap::parse(
        r#"{"schema_version":"1","columns":{"CVR":{"to":"id"},"Navn":{"to":"name"},
            "Branche":{"to":"nace_codes"},"Ansatte":{"to":"staff_headcount","read":"interval"}},
            "ignore":["Kommune"],"fixed":{"member_state":"DK"}}"#,
    )
    .unwrap();
    let header = Header::mapped(&map, &["CVR", "Navn", "Branche", "Ansatte", "Kommune"]).unwrap();
    let rows: Vec<Vec<String>> = (0..2400)
        .map(|i| {
            let pick = |r: &mut Lcg, items: &[&str]| r.pick(items).to_string();
            vec![
                format!("{i:08}"),
                pick(&mut r, &["", "A/S"]),
                pick(&mut r, &["281100", "351100", "", "28.11", "ABC"]),
                pick(
                    &mut r,
                    &["0", "1-4", "50-99", "200-499", "1000-", "", "many"],
                ),
                format!("K{}", r.next() % 100),
            ]
        })
        .collect();
    cells_and_single(&header, &rows, rows.len() / 20);
}

/// Cells drawn from small pools of random text (digits, letters, separators, spaces, quotes,
/// non-ASCII), so that rows repeat, keyed and answered as each row alone.
#[test]
fn random_cells_keyed_answer_as_each_row_alone() {
    use nis2_core::screen::flat::Header;
    let mut r = Lcg(0x0c31_1a1e);
    let names = [
        "id",
        "name",
        "entity_types",
        "nace_codes",
        "member_state",
        "staff_headcount",
        "annual_turnover_eur_min",
        "annual_turnover_eur_max",
        "critical_entity_cer",
    ];
    let alphabet: Vec<char> = "0123456789.;, -eE+DKSEabcxyzé\"ø\t".chars().collect();
    let text =
        |r: &mut Lcg, n: u64| -> String { (0..r.next() % n).map(|_| *r.pick(&alphabet)).collect() };
    // Cells that read, per column.
    let good: [&[&str]; 9] = [
        &[""],
        &["", "Firma", " "],
        &["", "NIS2-I-01a-01", "NIS2-II-05c-01;NIS2-I-06-01"],
        &["", "28.11", "35.11; 61.10"],
        &["DK", "SE", ""],
        &["", "60", "250", "9.5"],
        &["", "10000000", "50000000"],
        &["", "50000000.01", "60000000"],
        &["", "true", "false"],
    ];
    // Per column a pool of eight cells: mostly cells that read, some random text.
    let pools: Vec<Vec<String>> = good
        .iter()
        .map(|good| {
            (0..8)
                .map(|k| {
                    if k < 7 {
                        r.pick(good).to_string()
                    } else {
                        text(&mut r, 12)
                    }
                })
                .collect()
        })
        .collect();
    let rows: Vec<Vec<String>> = (0..3000)
        .map(|i| {
            pools
                .iter()
                .enumerate()
                .map(|(c, pool)| match c {
                    0 => format!("id{i}"),
                    _ => r.pick(pool).clone(),
                })
                .collect()
        })
        .collect();
    cells_and_single(&Header::new(&names).unwrap(), &rows, 30);
}

/// A flat row's error names the row's columns, in its path and in its message: an entity type
/// listed twice is first at `entity_types[0]` (a flat row has no `activities`).
#[test]
fn a_flat_rows_errors_name_its_columns() {
    let request = json!({ "op": "rows", "rows": [
        { "entity_types": ["NIS2-I-06-01", "NIS2-I-06-01"] },
        { "profile": { "activities": [{ "entity_type": "NIS2-I-06-01" }, { "entity_type": "NIS2-I-06-01" }] } },
    ] });
    let out = api::call("screen", api::Input::Value(request), Detail::Verdict).unwrap();
    let out: Value = serde_json::from_str(&out.to_json().unwrap()).unwrap();
    let flat = &out["rows"][0]["error"];
    assert_eq!(flat["path"], "$.entity_types[1]");
    assert!(
        flat["message"]
            .as_str()
            .unwrap()
            .contains("(first at entity_types[0])"),
        "{flat}"
    );
    // Inside a `profile`, the profile's own fields.
    let profile = &out["rows"][1]["error"];
    assert_eq!(profile["path"], "$.profile.activities[1].entity_type");
    assert!(
        profile["message"]
            .as_str()
            .unwrap()
            .contains("(first at activities[0])"),
        "{profile}"
    );
}
