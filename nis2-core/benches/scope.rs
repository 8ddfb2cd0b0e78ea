//! Benchmarks of `scope`: the explained result with its full trace (≤ 2 µs), the verdict
//! (≤ 300 ns), and both through the JSON boundary.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nis2_core::api::{self, Detail};

fn bench(c: &mut Criterion) {
    let manufacturer: nis2_core::Profile = serde_json::from_str(
        r#"{"member_state":"DK","activities":[{"entity_type":"NIS2-II-05b-01"}],
            "size":{"staff_headcount":40,"annual_turnover_eur":12000000,"balance_sheet_total_eur":12000000}}"#,
    )
    .unwrap();
    let utility: nis2_core::Profile =
        serde_json::from_str(include_str!("../../examples/aarhus-water.json")).unwrap();
    // Warm the embedded catalogs.
    nis2_core::scope(&manufacturer).unwrap();
    c.bench_function("scope/manufacturer_40_staff", |b| {
        b.iter(|| nis2_core::scope(black_box(&manufacturer)).unwrap())
    });
    c.bench_function("scope/water_utility_example", |b| {
        b.iter(|| nis2_core::scope(black_box(&utility)).unwrap())
    });
    c.bench_function("scope_verdict/manufacturer_40_staff", |b| {
        b.iter(|| nis2_core::scope::verdict(black_box(&manufacturer)).unwrap())
    });
    c.bench_function("scope_verdict/water_utility_example", |b| {
        b.iter(|| nis2_core::scope::verdict(black_box(&utility)).unwrap())
    });
    // Two activities and a linked enterprise: its figures are summed exactly (Annex Art 6).
    let msp: nis2_core::Profile =
        serde_json::from_str(include_str!("../../examples/nordic-msp.json")).unwrap();
    c.bench_function("scope_verdict/msp_linked_enterprise", |b| {
        b.iter(|| nis2_core::scope::verdict(black_box(&msp)).unwrap())
    });
    let s = serde_json::to_string(&manufacturer).unwrap();
    c.bench_function("scope_json/manufacturer_40_staff", |b| {
        b.iter(|| api::call_json("scope", black_box(&s), Detail::Explained).unwrap())
    });
    c.bench_function("scope_json_verdict/manufacturer_40_staff", |b| {
        b.iter(|| api::call_json("scope", black_box(&s), Detail::Verdict).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
