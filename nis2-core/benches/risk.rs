//! Benchmarks of the risk capability: assessing a generated register of 10,000 scenarios over
//! 2,000 assets (target ≤ 10 ms native) and rendering a heat map as SVG (target ≤ 1 ms).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nis2_core::risk::assess::Stage;
use nis2_core::risk::register::{
    Appetite, Asset, AssetKind, Criticality, Domain, Impact, Register, Scenario, Service,
    StageRating, Treatment, TreatmentOption,
};
use nis2_core::risk::{self as risk, heatmap, Lang, MatrixRef};

fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

/// 20 services in a dependency chain, `assets` assets (each supporting two services) and
/// `scenarios` scenarios with inherent, current and residual ratings on the 5×5 preset, an
/// appetite (overall Medium, availability Low), and a treatment on half of them.
///
/// `realistic`: controls never raise a rating (current ≤ inherent, residual ≤ current), as in a
/// real register. Otherwise every rating is drawn independently: most scenarios end up above
/// appetite and raise findings, the worst case for the text the assessment writes.
fn generated(scenarios: usize, assets: usize, realistic: bool) -> Register {
    let mut seed = 42u64;
    let services: Vec<Service> = (0..20)
        .map(|k| Service {
            id: format!("S{k:02}"),
            name: format!("Service {k}"),
            description: None,
            entity_type: Some("NIS2-I-06-01".into()),
            criticality_society: Criticality::High,
            criticality_customers: Criticality::Medium,
            dependants: if k + 1 < 20 {
                vec![format!("S{:02}", k + 1)]
            } else {
                vec![]
            },
            indirect_consequences: None,
            owner: Some("Owner".into()),
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
            services: vec![format!("S{:02}", k % 20), format!("S{:02}", (k + 7) % 20)],
        })
        .collect();
    let threats = risk::threats().unwrap();
    let draw = |seed: &mut u64, max: u32| 1 + (lcg(seed) % u64::from(max)) as u32;
    let rating = |seed: &mut u64, below: Option<&StageRating>| {
        let cap = |seed: &mut u64, v: Option<u32>| match (realistic, v) {
            (true, Some(v)) => draw(seed, v),
            _ => draw(seed, 5),
        };
        StageRating {
            likelihood: cap(seed, below.map(|b| b.likelihood)),
            impact: Impact {
                confidentiality: Some(cap(seed, below.and_then(|b| b.impact.confidentiality))),
                integrity: Some(cap(seed, below.and_then(|b| b.impact.integrity))),
                availability: Some(cap(seed, below.and_then(|b| b.impact.availability))),
            },
        }
    };
    let scen: Vec<Scenario> = (0..scenarios)
        .map(|k| {
            let inherent = rating(&mut seed, None);
            let current = rating(&mut seed, Some(&inherent));
            let residual = (k % 2 == 0).then(|| rating(&mut seed, Some(&current)));
            Scenario {
                id: format!("R{k:06}"),
                title: format!("Scenario {k}"),
                description: None,
                asset: format!("A{:05}", k % assets),
                threat: threats.threats[k % threats.threats.len()].id.clone(),
                vulnerability: None,
                inherent,
                current: Some(current),
                residual,
                treatment: (k % 2 == 0).then(|| Treatment {
                    option: TreatmentOption::Mitigate,
                    controls: vec!["ISO27001:A.8.7".into()],
                    description: None,
                    justification: None,
                    due_date: Some("2026-12-31".into()),
                }),
                owner: Some("Owner".into()),
                review_date: Some("2026-12-31".into()),
            }
        })
        .collect();
    Register {
        schema_version: "1".into(),
        name: "Generated".into(),
        organisation: None,
        assessment_date: Some("2026-03-01".into()),
        matrix: MatrixRef::Preset("iso27005-style-5x5".into()),
        appetite: Some(Appetite {
            overall: Some("medium".into()),
            availability: Some("low".into()),
            ..Default::default()
        }),
        services,
        assets: assets_v,
        threats: vec![],
        vulnerabilities: vec![],
        scenarios: scen,
    }
}

fn bench(c: &mut Criterion) {
    let big = generated(10_000, 2_000, true);
    let worst = generated(10_000, 2_000, false);
    let big_json =
        serde_json::to_string(&serde_json::json!({"op": "assess", "register": big})).unwrap();
    let example: Register = serde_json::from_str(include_str!(
        "../../examples/water-utility-risk-register.json"
    ))
    .unwrap();
    // Warm the embedded data.
    let a = risk::assess(&big).unwrap();
    let w = risk::assess(&worst).unwrap();
    eprintln!(
        "generated registers: realistic {} of 10,000 above appetite, {} findings; worst case {} above appetite, {} findings",
        a.above_appetite.len(),
        a.findings.len(),
        w.above_appetite.len(),
        w.findings.len()
    );
    let m = risk::catalog::preset("iso27005-style-5x5")
        .unwrap()
        .unwrap();
    let big_map = heatmap::build(&a, m, Stage::Current);
    let example_map = risk::heatmap(&example, Stage::Current).unwrap();

    c.bench_function("risk/assess_10k_scenarios_2k_assets", |b| {
        b.iter(|| risk::assess(black_box(&big)).unwrap())
    });
    c.bench_function("risk/assess_10k_scenarios_2k_assets_worst_case", |b| {
        b.iter(|| risk::assess(black_box(&worst)).unwrap())
    });
    c.bench_function("risk/assess_water_utility_example", |b| {
        b.iter(|| risk::assess(black_box(&example)).unwrap())
    });
    c.bench_function("risk/heatmap_svg_5x5_render", |b| {
        b.iter(|| heatmap::render_svg(black_box(&example_map), Lang::En))
    });
    c.bench_function("risk/heatmap_svg_5x5_render_10k", |b| {
        b.iter(|| heatmap::render_svg(black_box(&big_map), Lang::Da))
    });
    c.bench_function("risk/heatmap_svg_example_end_to_end", |b| {
        b.iter(|| risk::heatmap_svg(black_box(&example), Stage::Current, Lang::En).unwrap())
    });
    let mut g = c.benchmark_group("risk_json");
    g.sample_size(20);
    g.bench_function("assess_10k_scenarios_2k_assets_json_in_out", |b| {
        b.iter(|| {
            nis2_core::api::call_json(
                "risk",
                black_box(&big_json),
                nis2_core::api::Detail::Explained,
            )
            .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
