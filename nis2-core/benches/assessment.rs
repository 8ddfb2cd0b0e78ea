//! Benchmarks of the assessment capability: scoring and inferring a full assessment over every
//! catalog (every leaf requirement of the five frameworks, about 400; target ≤ 1 ms native),
//! the plan, and the XLSX export (target ≤ 100 ms).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nis2_core::assessment::model::{AssessmentDocument, RequirementResult, Status};
use nis2_core::assessment::{self as assessment, ReportFormat};
use nis2_core::catalog::{catalogs, NodeKind};
use nis2_core::risk::Lang;

/// Every framework scored; three requirements in four have a direct result (statuses and
/// maturities cycling), the rest are inferred from the others or stay not assessed.
fn full() -> AssessmentDocument {
    let cat = catalogs().unwrap();
    let statuses = [
        Status::FullyImplemented,
        Status::LargelyImplemented,
        Status::PartiallyImplemented,
        Status::NotImplemented,
    ];
    let mut results = Vec::new();
    let mut k = 0usize;
    for fw in &cat.frameworks {
        for n in fw.nodes.iter().filter(|n| n.kind == NodeKind::Requirement) {
            k += 1;
            if k.is_multiple_of(4) {
                continue;
            }
            let status = statuses[k % 4];
            results.push(RequirementResult {
                requirement: n.id.clone(),
                status,
                justification: None,
                implementation_maturity: Some((k % 6) as i64),
                documentation_maturity: Some(((k + 2) % 6) as i64),
                target_maturity: None,
                weight: None,
                effort: None,
                evidence: Some(vec![format!("DOC-{k}")]),
                owner: Some("Owner".into()),
                due_date: None,
                source: None,
                notes: None,
            });
        }
    }
    AssessmentDocument {
        schema_version: "1".into(),
        name: "Full assessment".into(),
        organisation: None,
        assessment_date: "2026-03-02".into(),
        target_date: Some("2027-06-30".into()),
        scale: None,
        scope: None,
        frameworks: Some(cat.frameworks.iter().map(|f| f.id.clone()).collect()),
        sources: None,
        results,
        risk_register: None,
        settings: None,
    }
}

fn example() -> AssessmentDocument {
    let text = include_str!("../../examples/msp-assessment.json");
    serde_json::from_str(text).unwrap()
}

fn bench(c: &mut Criterion) {
    let doc = full();
    let msp = example();
    // Warm the catalogs and the evidence cache (what a long-lived process has).
    assessment::evaluate(&doc).unwrap();
    assessment::evaluate(&msp).unwrap();
    c.bench_function("assessment/score_and_infer_every_catalog", |b| {
        b.iter(|| assessment::evaluate(black_box(&doc)).unwrap())
    });
    c.bench_function("assessment/infer_every_catalog", |b| {
        b.iter(|| assessment::infer(black_box(&doc)).unwrap())
    });
    c.bench_function("assessment/score_msp_example", |b| {
        b.iter(|| assessment::evaluate(black_box(&msp)).unwrap())
    });
    c.bench_function("assessment/plan_msp_example", |b| {
        b.iter(|| assessment::plan(black_box(&msp)).unwrap())
    });
    // The plan of every catalog's requirements up to mid-2027, and the same plan with its target
    // ten years later: a projected score for each quarter that has items due, so many more.
    c.bench_function("assessment/plan_every_catalog", |b| {
        b.iter(|| assessment::plan(black_box(&doc)).unwrap())
    });
    let mut decade = doc.clone();
    decade.target_date = Some("2036-06-30".into());
    c.bench_function("assessment/plan_every_catalog_ten_years", |b| {
        b.iter(|| assessment::plan(black_box(&decade)).unwrap())
    });
    c.bench_function("assessment/report_html_msp_example", |b| {
        b.iter(|| assessment::report(black_box(&msp), ReportFormat::Html, Lang::En).unwrap())
    });
    let mut g = c.benchmark_group("assessment_xlsx");
    g.sample_size(20);
    g.bench_function("xlsx_every_catalog", |b| {
        b.iter(|| assessment::report(black_box(&doc), ReportFormat::Xlsx, Lang::En).unwrap())
    });
    g.bench_function("xlsx_msp_example", |b| {
        b.iter(|| assessment::report(black_box(&msp), ReportFormat::Xlsx, Lang::En).unwrap())
    });
    g.finish();
    let json = format!(
        r#"{{"op":"score","assessment":{}}}"#,
        serde_json::to_string(&msp).unwrap()
    );
    c.bench_function("assessment/score_msp_example_json_in_out", |b| {
        b.iter(|| {
            nis2_core::api::call_json(
                "assessment",
                black_box(&json),
                nis2_core::api::Detail::Explained,
            )
            .unwrap()
        })
    });
    // The same call at verdict level (the explained document without its prose).
    for op in ["score", "evaluate"] {
        let json = format!(
            r#"{{"op":"{op}","assessment":{}}}"#,
            serde_json::to_string(&msp).unwrap()
        );
        c.bench_function(&format!("assessment/{op}_msp_example_json_verdict"), |b| {
            b.iter(|| {
                nis2_core::api::call_json(
                    "assessment",
                    black_box(&json),
                    nis2_core::api::Detail::Verdict,
                )
                .unwrap()
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
