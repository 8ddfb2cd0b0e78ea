//! Benchmarks of the programme capability: a year's årshjul with 200 recurring activities
//! (target ≤ 1 ms) and one incident clock (target ≤ 5 µs).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use nis2_core::programme::cadence::{Cadence, Frequency};
use nis2_core::programme::incident::{deadlines, IncidentInput};
use nis2_core::programme::model::{ActivityKind, Person, Programme, WheelActivity};
use nis2_core::programme::wheel::{wheel, WheelRequest};
use nis2_core::Lang;

const KINDS: [ActivityKind; 6] = [
    ActivityKind::RiskAssessmentReview,
    ActivityKind::ManagementReporting,
    ActivityKind::RecoveryTest,
    ActivityKind::StaffTraining,
    ActivityKind::VulnerabilityReview,
    ActivityKind::AccessReview,
];

fn programme(activities: usize) -> Programme {
    let people: Vec<Person> = (0..20)
        .map(|i| Person {
            id: format!("p{i}"),
            name: format!("Person {i}"),
            role: None,
            email: None,
        })
        .collect();
    let wheel = (0..activities)
        .map(|i| {
            let cadence = match i % 5 {
                0 => Cadence {
                    every: Some(Frequency::Monthly),
                    anchor_day: Some(u32::try_from(i % 31).unwrap() + 1),
                    ..Cadence::default()
                },
                1 => Cadence {
                    every: Some(Frequency::Quarterly),
                    anchor_month: Some(u32::try_from(i % 3).unwrap() + 1),
                    anchor_day: Some(15),
                    ..Cadence::default()
                },
                2 => Cadence {
                    every: Some(Frequency::HalfYearly),
                    anchor_month: Some(u32::try_from(i % 6).unwrap() + 1),
                    ..Cadence::default()
                },
                3 => Cadence {
                    every: Some(Frequency::Yearly),
                    anchor_month: Some(u32::try_from(i % 12).unwrap() + 1),
                    anchor_day: Some(31),
                    ..Cadence::default()
                },
                _ => Cadence {
                    every_months: Some(2),
                    anchor_month: Some(2),
                    ..Cadence::default()
                },
            };
            WheelActivity {
                id: format!("activity-{i:03}"),
                kind: KINDS[i % KINDS.len()],
                title: (i % 2 == 0).then(|| format!("Activity number {i}")),
                cadence,
                owner: format!("p{}", i % 20),
                requirements: vec!["NIS2:21.2.a".to_owned()],
                duration_days: None,
                description: None,
            }
        })
        .collect();
    Programme {
        schema_version: Some("1".to_owned()),
        organisation: Some("Bench A/S".to_owned()),
        member_state: None,
        people,
        governance: None,
        plan: Vec::new(),
        suppliers: Vec::new(),
        wheel,
        policy: None,
    }
}

fn bench(c: &mut Criterion) {
    let request = WheelRequest {
        programme: programme(200),
        year: 2026,
        reference_date: None,
        lang: None,
    };
    let tasks = wheel(&request).unwrap().tasks.len();
    let mut g = c.benchmark_group("programme");
    g.bench_function(format!("wheel_200_activities_{tasks}_tasks"), |b| {
        b.iter(|| wheel(black_box(&request)).unwrap());
    });
    let result = wheel(&request).unwrap();
    g.bench_function(format!("ics_{tasks}_events"), |b| {
        b.iter(|| nis2_core::programme::ics::to_ics(black_box(&result), Lang::En));
    });
    let incident = IncidentInput {
        id: None,
        aware_at: "2026-03-28T10:00:00".to_owned(),
        time_zone: Some("Europe/Copenhagen".to_owned()),
        entity_type: None,
        trust_service_provider: None,
        impact_on_trust_services: None,
        member_state: None,
        early_warning_submitted_at: None,
        notification_submitted_at: Some("2026-03-30T16:45:00+02:00".to_owned()),
        final_report_submitted_at: None,
        ongoing: None,
        handling_concluded_at: None,
        intermediate_requests: Vec::new(),
        as_of: Some("2026-04-02T09:00:00+02:00".to_owned()),
    };
    g.bench_function("incident_clock", |b| {
        b.iter(|| deadlines(black_box(&incident)).unwrap());
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
