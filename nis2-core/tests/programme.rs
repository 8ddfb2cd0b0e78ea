//! Integration tests of the programme capability: the Danish example, lossless round trips,
//! iCalendar read back with a real parser, deadline arithmetic over whole years, JSON Schemas.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

fn call(capability: &str, request: &str) -> nis2_core::Result<String> {
    nis2_core::api::call_json(capability, request, nis2_core::api::Detail::Explained)
}

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use nis2_core::programme::incident::{deadlines, IncidentInput, Stage};
use nis2_core::programme::model::Programme;

use serde_json::{json, Value};

fn example_text() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/danish-programme.json"),
    )
    .unwrap()
}

fn example() -> Value {
    serde_json::from_str(&example_text()).unwrap()
}

fn run(request: Value) -> Value {
    let out = call("programme", &request.to_string()).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn example_round_trips_losslessly() {
    let v = example();
    let p: Programme = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&p).unwrap(), v);
    nis2_core::programme::validate(&p).unwrap();
}

#[test]
fn example_has_the_expected_shape() {
    let p: Programme = serde_json::from_value(example()).unwrap();
    assert!(p.plan.len() >= 15);
    assert!(p.suppliers.len() >= 5);
    assert!(p.wheel.len() >= 12);
    let out = run(json!({"op": "validate", "programme": example()}));
    assert_eq!(out["valid"], true);
}

#[test]
fn example_reports() {
    let plan = run(json!({"op": "plan", "programme": example(), "reference_date": "2026-04-01"}));
    assert_eq!(plan["steps"].as_array().unwrap().len(), 8);
    // t11 (due 31 March, blocked) is overdue on 1 April.
    assert!(plan["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "t11"));
    let sup =
        run(json!({"op": "suppliers", "programme": example(), "reference_date": "2026-04-01"}));
    assert_eq!(sup["summary"]["suppliers"], 5);
    let telecom = &sup["suppliers"][3];
    assert_eq!(telecom["id"], "telecom");
    assert_eq!(telecom["review"]["defaulted"], true);
    let gov =
        run(json!({"op": "governance", "programme": example(), "reference_date": "2026-04-01"}));
    assert_eq!(gov["risk_measures_approved"], "2025-12-09");
    assert_eq!(gov["management_body"][0]["training_current"], true);
}

#[test]
fn example_wheel_matches_ics() {
    let data = run(json!({"op": "wheel", "programme": example(), "year": 2026}));
    let tasks = data["tasks"].as_array().unwrap();
    // Monthly vulnerability reviews: 12; quarterly reports and restore tests: 4 each.
    let count = |id: &str| tasks.iter().filter(|t| t["activity"] == id).count();
    assert_eq!(count("vuln-review"), 12);
    assert_eq!(count("board-report"), 4);
    assert_eq!(count("supplier-review.scada-vendor"), 2);
    assert_eq!(count("supplier-review.cloud-erp"), 1);
    // 24-month cycle from June 2024: 2026, not 2027.
    let data_2027 = run(json!({"op": "wheel", "programme": example(), "year": 2027}));
    assert!(!data_2027["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["activity"] == "supplier-review.cloud-erp"));
    // Quarterly on the 31st: 31 March, 30 June, 30 September, 31 December.
    let dates: Vec<&str> = tasks
        .iter()
        .filter(|t| t["activity"] == "board-report")
        .map(|t| t["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]
    );
    // Sorted by date.
    let all: Vec<&str> = tasks.iter().map(|t| t["date"].as_str().unwrap()).collect();
    let mut sorted = all.clone();
    sorted.sort_unstable();
    assert_eq!(all, sorted);

    let out = call(
        "programme",
        &json!({"op": "wheel_ics", "programme": example(), "year": 2026, "reference_date": "2026-01-05"})
            .to_string(),
    )
    .unwrap();
    let out: Value = serde_json::from_str(&out).unwrap();
    let ics = out["ics"].as_str().unwrap().to_owned();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    let cal: Calendar = ics.parse().unwrap();
    let events: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), tasks.len());
    for (e, t) in events.iter().zip(tasks) {
        assert_eq!(e.get_uid(), t["uid"].as_str());
        let date = NaiveDate::parse_from_str(t["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        assert_eq!(e.get_start(), Some(DatePerhapsTime::Date(date)));
        let days = i64::from(u32::try_from(t["duration_days"].as_u64().unwrap()).unwrap());
        assert_eq!(
            e.get_end(),
            Some(DatePerhapsTime::Date(date + Duration::days(days)))
        );
        assert_eq!(e.get_summary(), t["title"]["en"].as_str());
        assert_eq!(e.property_value("DTSTAMP"), Some("20260105T000000Z"));
    }
    // Unfolding and unescaping restores the long Danish description.
    let reg = events
        .iter()
        .find(|e| e.get_uid() == Some("registration-check-20260115@nis2.invalid"))
        .unwrap();
    let desc = reg.get_description().unwrap();
    assert!(desc.contains("ændringer meddeles inden for 2 uger (NIS 2-loven § 10, stk. 3)."));
    assert!(desc.contains("Owner: Frida Nørgaard (frida)"));
}

#[test]
fn ics_is_deterministic_and_uids_are_stable() {
    let req = json!({"op": "wheel_ics", "programme": example(), "year": 2026}).to_string();
    let a = call("programme", &req).unwrap();
    let b = call("programme", &req).unwrap();
    assert_eq!(a, b);
    // Adding an unrelated activity keeps the other UIDs.
    let mut p = example();
    p["wheel"].as_array_mut().unwrap().push(json!({
        "id": "extra", "kind": "other", "cadence": {"every": "yearly"}, "owner": "frida"
    }));
    let before = run(json!({"op": "wheel", "programme": example(), "year": 2026}));
    let after = run(json!({"op": "wheel", "programme": p, "year": 2026}));
    let uids = |v: &Value| -> Vec<String> {
        v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["uid"].as_str().unwrap().to_owned())
            .filter(|u| !u.starts_with("extra-"))
            .collect()
    };
    assert_eq!(uids(&before), uids(&after));
}

fn incident(aware: &str, zone: Option<&str>) -> IncidentInput {
    IncidentInput {
        id: None,
        aware_at: aware.to_owned(),
        time_zone: zone.map(str::to_owned),
        entity_type: None,
        trust_service_provider: None,
        impact_on_trust_services: None,
        member_state: None,
        early_warning_submitted_at: None,
        notification_submitted_at: None,
        final_report_submitted_at: None,
        ongoing: None,
        handling_concluded_at: None,
        intermediate_requests: Vec::new(),
        as_of: None,
    }
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Every hour of 2026–2028 in Copenhagen: the early warning is exactly 24 elapsed hours after
/// awareness and the notification 72; the final report is one local calendar month after the
/// notification deadline, on the same local day (or the month's last day) at the same local time
/// (or an hour later inside a spring-forward gap).
#[test]
fn clock_arithmetic_over_three_years() {
    let tz: chrono_tz::Tz = "Europe/Copenhagen".parse().unwrap();
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 30, 0).unwrap();
    let mut t = start;
    let end = Utc.with_ymd_and_hms(2029, 1, 1, 0, 0, 0).unwrap();
    let mut checked = 0;
    while t < end {
        let aware = t.with_timezone(&tz).to_rfc3339();
        let c = deadlines(&incident(&aware, Some("Europe/Copenhagen"))).unwrap();
        let due = |s: Stage| {
            utc(c
                .deadlines
                .iter()
                .find(|d| d.stage == s)
                .unwrap()
                .due
                .as_deref()
                .unwrap())
        };
        assert_eq!(due(Stage::EarlyWarning) - t, Duration::hours(24), "{aware}");
        let notif = due(Stage::IncidentNotification);
        assert_eq!(notif - t, Duration::hours(72), "{aware}");
        let fin = due(Stage::FinalReport).with_timezone(&tz);
        let base = notif.with_timezone(&tz);
        let months = (fin.year() - base.year()) * 12 + i32::try_from(fin.month()).unwrap()
            - i32::try_from(base.month()).unwrap();
        assert_eq!(months, 1, "{aware}");
        let last_day = fin.day() < base.day();
        assert!(fin.day() == base.day() || last_day, "{aware}");
        if last_day {
            let next = fin.date_naive().succ_opt().unwrap();
            assert_ne!(
                next.month(),
                fin.month(),
                "{aware}: clamped to a day not at month end"
            );
        }
        let drift = fin.naive_local().time() - base.naive_local().time();
        assert!(
            drift == Duration::zero() || drift == Duration::hours(1),
            "{aware}: {drift}"
        );
        checked += 1;
        t += Duration::hours(1);
    }
    assert!(checked > 26_000);
}

#[test]
fn every_problem_is_listed_at_once() {
    let req = json!({
        "op": "plan",
        "reference_date": "2026-13-01",
        "programme": {
            "people": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}],
            "plan": [
                {"id": "t1", "title": "x", "step": "step-1", "owner": "b", "status": "done", "requirements": ["NIS2:99"]}
            ],
            "wheel": [
                {"id": "w", "kind": "other", "cadence": {"every_months": 0}, "owner": "a"}
            ]
        }
    });
    let e = call("programme", &req.to_string()).unwrap_err();
    let paths: Vec<String> = match &e {
        nis2_core::Error::Multiple(list) => {
            list.iter().map(|x| x.path().unwrap().to_owned()).collect()
        }
        other => panic!("{other}"),
    };
    assert_eq!(
        paths,
        [
            "$.programme.people[1].id",
            "$.programme.plan[0].owner",
            "$.programme.plan[0].requirements[0]",
            "$.programme.wheel[0].cadence.every_months",
            "$.reference_date"
        ]
    );
}

#[test]
fn shape_errors_have_paths() {
    for (req, path) in [
        (
            json!({"op": "plan", "reference_date": "2026-01-01", "programme": {"plan": [{"id": "t"}]}}),
            "$.programme.plan[0].title",
        ),
        (
            json!({"op": "plan", "reference_date": "2026-01-01", "programme": {"plan": [{"id": "t", "title": "x", "step": "step-9", "owner": "a", "status": "done"}]}}),
            "$.programme.plan[0].step",
        ),
        (
            json!({"op": "wheel", "year": 2026, "programme": {"wheel": [{"id": "w", "kind": "other", "cadence": {"every": "weekly"}, "owner": "a"}]}}),
            "$.programme.wheel[0].cadence.every",
        ),
        (
            json!({"op": "suppliers", "reference_date": "2026-01-01", "programme": {"suppliers": [{"id": "s", "name": "S", "risk": {"likelihood": -1, "impact": 2}}]}}),
            "$.programme.suppliers[0].risk.likelihood",
        ),
        (
            json!({"op": "deadlines", "incident": {"aware_at": "2026-01-01T00:00:00Z", "extra": true}}),
            "$.incident.extra",
        ),
    ] {
        let e = call("programme", &req.to_string()).unwrap_err();
        assert_eq!(e.path(), Some(path), "{e}");
    }
}
