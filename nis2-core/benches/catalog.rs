//! Benchmarks of the catalogs: ready on first use (parse, check and index every embedded
//! catalog and mapping, computing the derived pairs; target ≤ 5 ms native) and one mapping
//! query (target ≤ 10 µs native).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nis2_core::catalog::{catalogs, data, query};

fn bench(c: &mut Criterion) {
    c.bench_function("catalog/ready_on_first_use", |b| {
        b.iter(|| data::parse_embedded().unwrap())
    });
    let cat = catalogs().unwrap();
    c.bench_function("catalog/map_iso_a_5_19_to_nis2", |b| {
        b.iter(|| {
            query::map(cat, black_box("ISO27001:A.5.19"), black_box("nis2"), None)
                .unwrap()
                .unwrap()
        })
    });
    c.bench_function("catalog/evidence_nis2_21_2_d_from_iso", |b| {
        b.iter(|| {
            query::evidence(
                cat,
                black_box("NIS2:21.2.d"),
                black_box("iso27001-2022"),
                None,
            )
            .unwrap()
            .unwrap()
        })
    });
    c.bench_function("catalog/coverage_21_2_d_via_cir", |b| {
        let controls = ["ISO27001:A.5.19", "ISO27001:A.5.22"];
        b.iter(|| {
            query::coverage(
                cat,
                black_box("NIS2:21.2.d"),
                &controls,
                Some("cir-2024-2690"),
            )
            .unwrap()
        })
    });
    c.bench_function("catalog_json/map_iso_a_5_19_to_nis2", |b| {
        let req = r#"{"op":"map","from":"ISO27001:A.5.19","to":"nis2"}"#;
        b.iter(|| {
            nis2_core::api::call_json("catalog", black_box(req), nis2_core::api::Detail::Explained)
                .unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
