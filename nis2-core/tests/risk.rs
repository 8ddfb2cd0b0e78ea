//! The risk capability: matrices, register, assessment, appetite, heat maps, CSV, and the JSON
//! entry point. (The conformance vectors are in `risk_vectors.rs`.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use nis2_core::risk::assess::{Assessment, Stage};

fn risk_json(request: &str) -> nis2_core::Result<String> {
    nis2_core::api::call_json("risk", request, nis2_core::api::Detail::Explained)
}

fn risk_value(request: Value) -> nis2_core::Result<String> {
    nis2_core::api::call(
        "risk",
        nis2_core::api::Input::Value(request),
        nis2_core::api::Detail::Explained,
    )
    .and_then(|r| r.to_json())
}
use nis2_core::risk::matrix::{self, reproject_position, RiskMatrix};
use nis2_core::risk::register::{
    Asset, AssetKind, Criticality, Domain, Impact, Register, Scenario, Service, StageRating,
};
use nis2_core::risk::{self as risk, Lang, MatrixRef};
use nis2_core::Error;
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("../../examples/water-utility-risk-register.json");

fn run(req: Value) -> Value {
    let out = risk_json(&req.to_string()).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&out).unwrap()
}

fn err(req: Value) -> Error {
    risk_json(&req.to_string()).expect_err("an error")
}

fn example() -> Register {
    serde_json::from_str(EXAMPLE).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Embedded data.

#[test]
fn presets_are_valid_and_state_provenance() {
    let cat = risk::presets().unwrap();
    let ids: Vec<&str> = cat.presets.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "iso27005-style-3x3",
            "iso27005-style-4x4",
            "iso27005-style-5x5"
        ]
    );
    for p in &cat.presets {
        let m = matrix::check(p, "$").unwrap();
        assert_eq!(m.likelihood_levels() as usize, p.likelihood.len());
        let prov = p.provenance.as_ref().unwrap();
        // Honest: the presets are ours, in the style of ISO/IEC 27005.
        assert!(prov.notes.contains("project's own"), "{}", p.id);
        assert!(prov.source.contains("style of ISO/IEC 27005"), "{}", p.id);
    }
    assert_eq!(
        nis2_core::risk::catalog::compiled_presets().unwrap().len(),
        3
    );
}

#[test]
fn threat_catalogue_is_consistent() {
    let cat = risk::threats().unwrap();
    assert!(cat.threats.len() >= 20);
    for c in &cat.categories {
        assert!(
            cat.threats.iter().any(|t| t.category == c.id),
            "category {} has no threat",
            c.id
        );
    }
    for t in &cat.threats {
        assert!(!t.affects.is_empty(), "{}", t.id);
        assert!(!t.name.da.is_empty() && !t.name.en.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Matrix validation: an independent oracle over many generated grids.

fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

fn grid_matrix(n: usize, m: usize, levels: usize, grid: Vec<Vec<usize>>) -> RiskMatrix {
    let ids: Vec<String> = (0..levels).map(|k| format!("l{k}")).collect();
    let text = |s: String| json!({"en": s.clone(), "da": s});
    let scale = |k: usize| {
        (1..=k)
            .map(|v| json!({"value": v, "label": text(format!("s{v}")), "description": text(format!("step {v}"))}))
            .collect::<Vec<_>>()
    };
    serde_json::from_value(json!({
        "schema_version": "1",
        "id": "gen",
        "name": text("gen".into()),
        "likelihood": scale(n),
        "impact": scale(m),
        "levels": ids.iter().map(|id| json!({"id": id, "name": text(id.clone()), "colour": "#123456"})).collect::<Vec<_>>(),
        "grid": grid.iter().map(|r| r.iter().map(|&c| ids[c].clone()).collect::<Vec<_>>()).collect::<Vec<_>>(),
    }))
    .unwrap()
}

#[test]
fn matrix_validation_matches_an_oracle() {
    let mut seed = 7u64;
    let (mut valid, mut invalid) = (0, 0);
    for _ in 0..3000 {
        let n = 2 + (lcg(&mut seed) % 4) as usize;
        let m = 2 + (lcg(&mut seed) % 4) as usize;
        let levels = 2 + (lcg(&mut seed) % 3) as usize;
        // Mostly monotone grids (level ≈ (r + c) scaled), with occasional noise.
        let mut grid = vec![vec![0usize; m]; n];
        for (r, row) in grid.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                let base = (r + c) * levels / (n + m - 1);
                *cell = if lcg(&mut seed).is_multiple_of(9) {
                    (lcg(&mut seed) as usize) % levels
                } else {
                    base.min(levels - 1)
                };
            }
        }
        let monotone = (0..n).all(|r| {
            (0..m).all(|c| {
                (r == 0 || grid[r][c] >= grid[r - 1][c]) && (c == 0 || grid[r][c] >= grid[r][c - 1])
            })
        });
        let reachable = (0..levels).all(|l| grid.iter().flatten().any(|&c| c == l));
        let def = grid_matrix(n, m, levels, grid.clone());
        match matrix::check(&def, "$.matrix") {
            Ok(mx) => {
                assert!(monotone && reachable, "accepted a bad grid {grid:?}");
                for l in 1..=n as u32 {
                    for i in 1..=m as u32 {
                        assert_eq!(
                            mx.cell(l, i).unwrap().level,
                            grid[l as usize - 1][i as usize - 1]
                        );
                    }
                }
                valid += 1;
            }
            Err(e) => {
                assert!(
                    !(monotone && reachable),
                    "rejected a good grid {grid:?}: {e}"
                );
                // Every listed problem names a grid cell or a level.
                let list = match e {
                    Error::Multiple(v) => v,
                    one => vec![one],
                };
                for p in &list {
                    let path = p.path().unwrap();
                    assert!(
                        path.starts_with("$.matrix.grid[") || path.starts_with("$.matrix.levels["),
                        "{path}"
                    );
                }
                invalid += 1;
            }
        }
    }
    assert!(
        valid > 100 && invalid > 100,
        "{valid} valid, {invalid} invalid"
    );
}

#[test]
fn formula_matrices_derive_monotone_grids() {
    for (formula, lo, hi) in [("product", 1, 16), ("sum", 2, 8), ("max", 1, 4)] {
        let third = lo + (hi - lo) / 3;
        let two_thirds = lo + 2 * (hi - lo) / 3;
        let mut def = grid_matrix(4, 4, 3, vec![vec![0; 4]; 4]);
        def.grid = None;
        def.formula = Some(serde_json::from_value(json!(formula)).unwrap());
        def.thresholds = Some(
            serde_json::from_value(json!([
                {"level": "l0", "min": lo, "max": third},
                {"level": "l1", "min": third + 1, "max": two_thirds},
                {"level": "l2", "min": two_thirds + 1, "max": hi},
            ]))
            .unwrap(),
        );
        let m = matrix::check(&def, "$").unwrap_or_else(|e| panic!("{formula}: {e}"));
        for l in 1..=4 {
            for i in 1..=4 {
                let c = m.cell(l, i).unwrap();
                if l > 1 {
                    assert!(c.level >= m.cell(l - 1, i).unwrap().level);
                }
                if i > 1 {
                    assert!(c.level >= m.cell(l, i - 1).unwrap().level);
                }
            }
        }
        assert_eq!(m.rule(), formula);
    }
}

#[test]
fn matrix_errors_are_all_listed_with_cell_paths() {
    let mut def = grid_matrix(
        4,
        4,
        4,
        vec![
            vec![0, 0, 1, 1],
            vec![0, 1, 1, 2],
            vec![1, 1, 2, 3],
            vec![1, 2, 3, 3],
        ],
    );
    def.levels[2].colour = "#12345".into();
    def.grid.as_mut().unwrap()[2][3] = "l1".into();
    let e = err(json!({"op": "validate_matrix", "matrix": def}));
    let Error::Multiple(list) = e else {
        panic!("{e}")
    };
    let paths: Vec<&str> = list.iter().filter_map(Error::path).collect();
    assert!(paths.contains(&"$.matrix.levels[2].colour"), "{paths:?}");
    assert!(paths.contains(&"$.matrix.grid[2][3]"), "{paths:?}");
}

#[test]
fn shape_errors_inside_an_inline_matrix_keep_their_path() {
    let mut reg: Value = serde_json::from_str(EXAMPLE).unwrap();
    let mut m = serde_json::to_value(&risk::presets().unwrap().presets[1]).unwrap();
    m["levels"][0]["colour"] = json!(5);
    reg["matrix"] = m;
    let e = err(json!({"op": "assess", "register": reg}));
    assert_eq!(e.path(), Some("$.register.matrix.levels[0].colour"), "{e}");
    let e = err(json!({"op": "validate_matrix", "matrix": 5}));
    assert_eq!(e.path(), Some("$.matrix"), "{e}");
    assert!(e.to_string().contains("preset matrix id"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Re-projection.

#[test]
fn reprojection_never_understates_between_presets() {
    let presets = nis2_core::risk::catalog::compiled_presets().unwrap();
    for from in presets {
        for to in presets {
            for l in 1..=from.likelihood_levels() {
                for i in 1..=from.impact_levels() {
                    let l2 =
                        reproject_position(l, from.likelihood_levels(), to.likelihood_levels());
                    let i2 = reproject_position(i, from.impact_levels(), to.impact_levels());
                    // Proportional position of the top of the source band, never lower.
                    assert!(l2 * from.likelihood_levels() >= l * to.likelihood_levels());
                    assert!(i2 * from.impact_levels() >= i * to.impact_levels());
                    assert!(to.cell(l2, i2).is_some());
                }
            }
            if std::ptr::eq(from, to) {
                // Identity on the same matrix.
                let r = matrix::reproject(
                    from,
                    to,
                    &[matrix::Rating {
                        likelihood: 2,
                        impact: 2,
                    }],
                    "$",
                )
                .unwrap();
                assert_eq!(r.ratings[0].from, r.ratings[0].to);
            }
        }
    }
}

#[test]
fn reprojection_states_its_rule_and_lists_both_bad_matrices() {
    let out = run(
        json!({"op": "reproject", "from": "iso27005-style-5x5", "to": "iso27005-style-4x4",
        "ratings": [{"likelihood": 3, "impact": 3}]}),
    );
    assert!(out["rule"]["en"].as_str().unwrap().contains("rounded up"));
    assert_eq!(out["ratings"][0]["to"]["likelihood"], 3); // ⌈3·4/5⌉ = 3
    let e = err(json!({"op": "reproject", "from": "nope", "to": "nada", "ratings": []}));
    let Error::Multiple(list) = e else {
        panic!("{e}")
    };
    let paths: Vec<&str> = list.iter().filter_map(Error::path).collect();
    assert_eq!(paths, ["$.from", "$.to"]);
}

// ---------------------------------------------------------------------------------------------
// The example register.

#[test]
fn example_round_trips_losslessly() {
    let reg = example();
    let again = serde_json::to_string_pretty(&reg).unwrap() + "\n";
    assert_eq!(again, EXAMPLE, "the example is not in canonical form");
    let v1: Value = serde_json::from_str(EXAMPLE).unwrap();
    let v2 = serde_json::to_value(&reg).unwrap();
    assert_eq!(v1, v2);
}

#[test]
fn example_assessment() {
    let reg = example();
    let a = risk::assess(&reg).unwrap();
    assert_eq!(a.summary.services, 9);
    assert_eq!(a.summary.assets, 14);
    assert_eq!(a.summary.scenarios, 22);
    assert_eq!(a.summary.assets_ot, 7);
    // Counts per stage add up.
    for st in 0..3 {
        let total: u32 = a
            .summary
            .levels
            .iter()
            .map(|l| [l.inherent, l.current, l.residual][st])
            .sum();
        assert_eq!(total, 22);
    }
    // Every service inherits from one of its own assets, and that peak is the maximum.
    let levels: Vec<&str> = a.matrix.levels.iter().map(|l| l.id.as_ref()).collect();
    let rank = |id: &str| levels.iter().position(|l| *l == id).unwrap();
    for s in &a.services {
        let Some(p) = &s.current else { continue };
        assert!(s.assets.contains(&p.asset), "{}", s.id);
        let sc = a.scenarios.iter().find(|x| x.id == p.scenario).unwrap();
        assert_eq!(sc.asset, p.asset);
        for x in a.scenarios.iter().filter(|x| s.assets.contains(&x.asset)) {
            let k = (rank(&x.current.level), x.current.score);
            assert!(
                k <= (rank(&p.level), p.score),
                "{} beats {}",
                x.id,
                p.scenario
            );
        }
    }
    // Services are not given the risk of the services they depend on.
    let drinking = a.services.iter().find(|s| s.id == "SV-DRINKING").unwrap();
    assert!(drinking.depends_on.iter().any(|u| u.service == "SV-SCADA"));
    let scada = a.services.iter().find(|s| s.id == "SV-SCADA").unwrap();
    assert_eq!(scada.dependants, ["SV-DRINKING", "SV-WASTEWATER"]);
    // Ranking: level, then score (desc), then id.
    let keys: Vec<(usize, u32, String)> = a
        .above_appetite
        .iter()
        .map(|b| (rank(&b.level), b.score, b.scenario.to_string()))
        .collect();
    for w in keys.windows(2) {
        let (a1, b1) = (&w[0], &w[1]);
        assert!(
            (a1.0, a1.1) > (b1.0, b1.1) || ((a1.0, a1.1) == (b1.0, b1.1) && a1.2 < b1.2),
            "{a1:?} before {b1:?}"
        );
    }
    assert!(!a.above_appetite.is_empty());
    for b in &a.above_appetite {
        assert!(!b.reasons.is_empty());
    }
    // Findings the example is built to show.
    let codes: Vec<&str> = a.findings.iter().map(|f| f.code.as_ref()).collect();
    for c in [
        "review_overdue",
        "scenario_without_owner",
        "accepted_without_justification",
        "above_appetite_untreated",
    ] {
        assert!(codes.contains(&c), "{c} not in {codes:?}");
    }
}

#[test]
fn json_entry_points_agree() {
    let reg: Value = serde_json::from_str(EXAMPLE).unwrap();
    let via_request = risk_json(&json!({"op": "assess", "register": reg}).to_string()).unwrap();
    let via_value = risk_value(json!({"op": "assess", "register": reg})).unwrap();
    assert_eq!(via_request, via_value);
    let typed = serde_json::to_string(&risk::assess(&example()).unwrap()).unwrap();
    assert_eq!(
        via_request.replacen("{\"op\":\"risk.assess\",", "{", 1),
        typed
    );
    // Responses parse back into their types.
    let _: Assessment = serde_json::from_str(&typed).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Heat maps and CSV.

#[test]
fn heatmap_counts_add_up_and_svg_is_accessible() {
    let reg = example();
    for stage in Stage::ALL {
        let h = risk::heatmap(&reg, stage).unwrap();
        assert_eq!(h.cells.len(), 25);
        assert_eq!(h.cells.iter().map(|c| c.count).sum::<u32>(), 22);
        assert_eq!(h.levels.iter().map(|l| l.count).sum::<u32>(), 22);
        for lang in [Lang::En, Lang::Da] {
            let svg = risk::heatmap_svg(&reg, stage, lang).unwrap();
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(svg.contains("role=\"img\""));
            assert!(svg.contains("aria-label=\""));
            assert!(svg.contains("aria-describedby=\""));
            assert_eq!(svg.matches("<title").count(), 1);
            assert_eq!(svg.matches("<desc").count(), 1);
            assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
            // Every cell names its level in text, not by colour alone.
            for c in &h.cells {
                let l = h.levels.iter().find(|l| l.id == c.level).unwrap();
                assert!(svg.contains(&format!(">{}</text>", lang.pick(&l.name))));
            }
            // No raw markup from the register leaks in.
            assert!(!svg.contains("& "), "unescaped ampersand");
            // Deterministic.
            assert_eq!(svg, risk::heatmap_svg(&reg, stage, lang).unwrap());
        }
    }
    let mut reg = example();
    reg.name = "A <b>bold</b> & \"quoted\" name".into();
    let svg = risk::heatmap_svg(&reg, Stage::Current, Lang::En).unwrap();
    assert!(svg.contains("A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; name"));
    assert!(!svg.contains("<b>"));
    let doc = run(
        json!({"op": "heatmap_svg", "register": example_value(), "stage": "residual", "lang": "da"}),
    );
    let doc = doc["svg"].as_str().unwrap();
    assert!(doc.starts_with("<svg") && doc.contains("lang=\"da\""));
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_has_one_row_per_scenario() {
    let mut reg = example();
    reg.scenarios[0].title = "Ransomware, \"double extortion\"\nacross lines".into();
    reg.scenarios[1].title = "=HYPERLINK(\"x\")".into();
    let csv = risk::register_csv(&reg, Lang::Da).unwrap();
    assert!(csv.ends_with("\r\n"));
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), 23);
    for r in &rows {
        assert_eq!(r.len(), nis2_core::risk::csv::COLUMNS.len(), "{r:?}");
    }
    assert_eq!(rows[1][1], "Ransomware, \"double extortion\"\nacross lines");
    assert!(rows[2][1].starts_with("'="), "formula guard");
    assert_eq!(rows[1][8], "Ransomware");
    let out =
        run(json!({"op": "csv", "register": serde_json::to_value(&reg).unwrap(), "lang": "da"}));
    assert_eq!(out["csv"].as_str().unwrap(), csv);
    assert_eq!(out["rows"], 22);
}

// ---------------------------------------------------------------------------------------------
// Bad input.

#[test]
fn broken_register_lists_every_problem_and_assesses_nothing() {
    let mut reg: Value = serde_json::from_str(EXAMPLE).unwrap();
    reg["services"][0]["dependants"] = json!(["SV-IT"]); // SV-IT → … → SV-DRINKING → SV-IT
    reg["assets"][1]["services"] = json!(["SV-NOPE"]);
    reg["scenarios"][0]["inherent"]["likelihood"] = json!(6);
    reg["scenarios"][1]["id"] = json!("SC-01");
    reg["scenarios"][2]["review_date"] = json!("2026-13-01");
    reg["appetite"]["availability"] = json!("severe");
    let e = err(json!({"op": "assess", "register": reg}));
    let Error::Multiple(list) = e else {
        panic!("{e}")
    };
    let paths: Vec<&str> = list.iter().filter_map(Error::path).collect();
    for want in [
        "$.register.appetite.availability",
        "$.register.assets[1].services[0]",
        "$.register.scenarios[0].inherent.likelihood",
        "$.register.scenarios[1].id",
        "$.register.scenarios[2].review_date",
    ] {
        assert!(paths.contains(&want), "{want} not in {paths:?}");
    }
    assert!(
        list.iter()
            .any(|e| e.to_string().contains("dependency cycle")),
        "{list:?}"
    );
}

#[test]
fn cycles_of_any_length_are_found() {
    let svc = |id: &str, deps: &[&str]| Service {
        id: id.into(),
        name: id.into(),
        description: None,
        entity_type: None,
        criticality_society: Criticality::Low,
        criticality_customers: Criticality::Low,
        dependants: deps.iter().map(|s| (*s).to_owned()).collect(),
        indirect_consequences: None,
        owner: None,
    };
    let mut reg = example();
    reg.services = vec![
        svc("A", &["B"]),
        svc("B", &["C"]),
        svc("C", &["D"]),
        svc("D", &["B"]),
        svc("E", &["A"]),
    ];
    for a in &mut reg.assets {
        a.services.clear();
    }
    let e = risk::assess(&reg).unwrap_err();
    assert_eq!(e.path(), Some("$.services[3].dependants[0]"), "{e}");
    assert!(e.to_string().contains("B → C → D → B"), "{e}");
    // No cycle: a diamond is fine.
    reg.services = vec![
        svc("A", &["B", "C"]),
        svc("B", &["D"]),
        svc("C", &["D"]),
        svc("D", &[]),
    ];
    reg.services[3].criticality_customers = Criticality::High;
    reg.services[1].criticality_society = Criticality::Critical;
    reg.services[2].criticality_society = Criticality::Critical;
    let a = risk::assess(&reg).unwrap();
    let d = &a.services[0];
    assert_eq!(d.dependants, ["B", "C"]);
    assert_eq!(d.disruption_depth, 2);
    // The most critical service reached, the first in register order among equals.
    let most = |m: &Option<risk::assess::ReachedService<'_>>| {
        m.as_ref().map(|r| (r.service.to_string(), r.criticality))
    };
    assert_eq!(
        most(&d.most_critical_society_reached),
        Some(("B".to_owned(), Criticality::Critical))
    );
    assert_eq!(
        most(&d.most_critical_customers_reached),
        Some(("D".to_owned(), Criticality::High))
    );
    let d = &a.services[3];
    assert!(d.dependants.is_empty() && d.disruption_depth == 0);
    assert!(d.most_critical_society_reached.is_none());
}

#[test]
fn request_shape_errors() {
    assert_eq!(err(json!({})).path(), Some("$.op"));
    assert_eq!(err(json!({"op": "assess"})).path(), Some("$.register"));
    assert_eq!(err(json!({"op": "presets", "x": 1})).path(), Some("$.x"));
    assert_eq!(
        err(json!({"op": "validate_matrix", "matrix": "iso27005-style-5x5", "stage": "current"}))
            .path(),
        Some("$.stage")
    );
    for input in ["", "[]", "null", "3"] {
        assert_eq!(risk_json(input).unwrap_err().path(), Some("$"), "{input}");
    }
    assert_eq!(
        err(json!({"op": "heatmap", "register": serde_json::from_str::<Value>(EXAMPLE).unwrap(), "stage": "future"})).path(),
        Some("$.stage")
    );
}

// ---------------------------------------------------------------------------------------------
// A large generated register.

fn generated(scenarios: usize, assets: usize) -> Register {
    let mut seed = 42u64;
    let services: Vec<Service> = (0..10)
        .map(|k| Service {
            id: format!("S{k}"),
            name: format!("Service {k}"),
            description: None,
            entity_type: None,
            criticality_society: Criticality::High,
            criticality_customers: Criticality::Medium,
            dependants: if k + 1 < 10 {
                vec![format!("S{}", k + 1)]
            } else {
                vec![]
            },
            indirect_consequences: None,
            owner: None,
        })
        .collect();
    let assets_v: Vec<Asset> = (0..assets)
        .map(|k| Asset {
            id: format!("A{k:05}"),
            name: format!("Asset {k}"),
            description: None,
            kind: AssetKind::System,
            domain: if k % 3 == 0 { Domain::Ot } else { Domain::It },
            owner: Some("Owner".into()),
            services: vec![format!("S{}", k % 10)],
        })
        .collect();
    let threats = risk::threats().unwrap();
    let scen: Vec<Scenario> = (0..scenarios)
        .map(|k| {
            let mut r = || 1 + (lcg(&mut seed) % 5) as u32;
            let inherent = StageRating {
                likelihood: r(),
                impact: Impact {
                    confidentiality: Some(r()),
                    integrity: None,
                    availability: Some(r()),
                },
            };
            Scenario {
                id: format!("R{k:06}"),
                title: format!("Scenario {k}"),
                description: None,
                asset: format!("A{:05}", k % assets),
                threat: threats.threats[k % threats.threats.len()].id.clone(),
                vulnerability: None,
                inherent,
                current: None,
                residual: None,
                treatment: None,
                owner: Some("Owner".into()),
                review_date: Some("2026-12-31".into()),
            }
        })
        .collect();
    Register {
        schema_version: "1".into(),
        name: "Generated".into(),
        organisation: None,
        assessment_date: None,
        matrix: MatrixRef::Preset("iso27005-style-5x5".into()),
        appetite: Some(nis2_core::risk::register::Appetite {
            overall: Some("medium".into()),
            ..Default::default()
        }),
        services,
        assets: assets_v,
        threats: vec![],
        vulnerabilities: vec![],
        scenarios: scen,
    }
}

#[test]
fn large_register_assesses() {
    let reg = generated(10_000, 2_000);
    let a = risk::assess(&reg).unwrap();
    assert_eq!(a.scenarios.len(), 10_000);
    assert_eq!(a.assets.iter().map(|x| x.scenarios).sum::<u32>(), 10_000);
    assert_eq!(a.services.iter().map(|x| x.scenarios).sum::<u32>(), 10_000);
    assert_eq!(a.services[0].dependants, ["S1"]);
    assert_eq!(a.services[0].disruption_depth, 9);
    let h = risk::heatmap(&reg, Stage::Inherent).unwrap();
    assert_eq!(h.cells.iter().map(|c| c.count).sum::<u32>(), 10_000);
}

fn example_value() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Output proportional to the input (issue 13, hardening item 3). Sizes only, never timed: the
// time and memory series is `scripts/growth.sh`.

/// A register whose `n` services form one dependency chain (S0 → S1 → …), one asset per
/// service and one treated scenario per asset.
fn chain_register(n: usize) -> Value {
    let controls = ["NIS2:21.2.j.mfa", "CIR-2690:4.2.2", "ISO27001:A.8.7"];
    let services: Vec<Value> = (0..n)
        .map(|k| {
            let mut s = json!({"id": format!("S{k}"), "name": format!("Service {k}"),
                "criticality_society": if k % 7 == 0 { "critical" } else { "medium" },
                "criticality_customers": "high"});
            if k + 1 < n {
                s["dependants"] = json!([format!("S{}", k + 1)]);
            }
            s
        })
        .collect();
    let assets: Vec<Value> = (0..n)
        .map(|k| {
            json!({"id": format!("A{k}"), "name": format!("Asset {k}"), "kind": "system",
            "domain": "it", "owner": "Ops", "services": [format!("S{k}")]})
        })
        .collect();
    let scenarios: Vec<Value> = (0..n)
        .map(|k| {
            json!({"id": format!("R{k}"), "title": format!("Scenario {k}"),
            "asset": format!("A{k}"), "threat": "TH-RANSOMWARE", "owner": "Ops",
            "inherent": {"likelihood": 1 + k % 5, "impact": {"availability": 1 + (k / 5) % 5}},
            "treatment": {"option": "mitigate", "controls": [controls[k % 3]]}})
        })
        .collect();
    json!({"schema_version": "1", "name": "Chain", "matrix": "iso27005-style-5x5",
        "services": services, "assets": assets, "scenarios": scenarios})
}

#[test]
fn assessing_a_dependency_chain_gives_output_proportional_to_the_input() {
    let ratio = |n: usize| {
        let input = json!({"op": "assess", "register": chain_register(n)}).to_string();
        let out = risk_json(&input).unwrap();
        (out.len() as f64 / input.len() as f64, out)
    };
    let (small, _) = ratio(200);
    let (large, out) = ratio(2000);
    // Linear: a bounded number of output bytes per input byte (about 4.6: the trace and the
    // findings in two languages), the same at 200 and 2000 services. The full list of services
    // reached, per service, added about 20 more here at 2000, and 10 times that at 20,000.
    assert!(large <= 6.0, "output/input = {large}");
    assert!(
        large <= small * 1.1,
        "ratio grows: {small} at 200, {large} at 2000"
    );
    // The propagated information is still there: S0 reaches the whole chain.
    let v: Value = serde_json::from_str(&out).unwrap();
    let d = &v["services"][0];
    assert_eq!(d["dependants"], json!(["S1"]));
    assert_eq!(d["disruption_depth"], 1999);
    assert_eq!(
        d["most_critical_society_reached"],
        json!({"service": "S7", "criticality": "critical"})
    );
    let last = &v["services"][1999];
    assert_eq!(last["dependants"], json!([]));
    assert_eq!(last["disruption_depth"], 0);
    assert!(last.get("most_critical_customers_reached").is_none());
}

#[test]
fn planning_with_a_large_register_gives_output_proportional_to_the_input() {
    let plan = |n: usize| {
        let input = json!({"op": "plan", "assessment": {
            "schema_version": "1", "name": "Chain", "assessment_date": "2026-03-02",
            "frameworks": ["nis2"],
            "results": [{"requirement": "NIS2:21.2.j.mfa", "status": "partially_implemented"}],
            "risk_register": chain_register(n)}})
        .to_string();
        let out =
            nis2_core::api::call_json("assessment", &input, nis2_core::api::Detail::Explained)
                .unwrap();
        (out.len(), input.len(), out)
    };
    let (o1, i1, _) = plan(200);
    let (o2, i2, out) = plan(2000);
    // The plan itself is bounded by the catalog; only the scenario lists grow with the register.
    assert!(o2 <= i2, "plan {o2} bytes for {i2} bytes in");
    assert!(
        o2 - o1 <= (i2 - i1) / 2,
        "plan grows {o1} → {o2}, input {i1} → {i2}"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let mfa = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["requirement"] == "NIS2:21.2.j.mfa")
        .unwrap();
    let linked = mfa["breakdown"]["risk"]["scenarios"].as_array().unwrap();
    // Every third scenario names the requirement itself; others link through the mappings.
    assert!(linked.len() >= 667, "{}", linked.len());
    assert_eq!(linked[0], "R0");
}
