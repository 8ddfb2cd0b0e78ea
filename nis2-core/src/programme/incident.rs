//! The Art 23(4) reporting clocks of a significant incident.
//!
//! * early warning: within 24 hours of becoming aware (Art 23(4)(a));
//! * incident notification: within 72 hours of becoming aware (Art 23(4)(b)), or 24 hours for a
//!   trust service provider as regards significant incidents that have an impact on the
//!   provision of its trust services (Art 23(4), second subparagraph);
//! * intermediate report: upon request of the CSIRT or competent authority (Art 23(4)(c));
//! * final report: not later than one month after the submission of the incident notification
//!   (Art 23(4)(d)); if the incident is still ongoing then, a progress report at that time and
//!   the final report within one month of the handling of the incident (Art 23(4)(e)).
//!
//! Hours are elapsed time (computed in UTC), so a deadline across a daylight-saving change shows
//! a different local clock time. The month is a calendar month in the local calendar of the
//! zone, clamped at the end of the month. The final report runs from the actual submission of
//! the notification when it is given, otherwise from the latest time the notification may be
//! submitted (the notification deadline).

use chrono::{DateTime, Duration, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::time::{self, Adjust, Resolved, Written, Zone};
use super::{Note, RESULT_SCHEMA_VERSION};
use crate::entity_types::VerificationStatus;
use crate::error::{Error, Result};
use crate::text::{Item, Str, Text};

/// The trust service provider entity type.
const TSP: &str = "NIS2-I-08-07";

/// `deadlines`: the Art 23 clocks of one incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlinesRequest {
    /// The incident.
    pub incident: IncidentInput,
}

/// An intermediate report requested by the CSIRT or competent authority (Art 23(4)(c)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IntermediateRequest {
    /// When it was requested.
    pub requested_at: String,
    /// The due time the authority set, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<String>,
    /// When it was submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
}

/// A significant incident, for the Art 23 clocks. Every time is RFC 3339 with its UTC offset
/// (`2026-03-28T10:00:00+01:00`) or a local time (`2026-03-28T10:00:00`) read in `time_zone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentInput {
    /// Your reference for the incident.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the entity became aware of the significant incident.
    pub aware_at: String,
    /// The IANA time zone the deadlines are shown in and local times are read in (e.g.
    /// `Europe/Copenhagen`). Without it, deadlines are shown at the UTC offset of `aware_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The entity type (catalog id); `NIS2-I-08-07` makes it a trust service provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    /// Whether the entity is a trust service provider (Annex I, point 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust_service_provider: Option<bool>,
    /// For a trust service provider: whether the incident has an impact on the provision of its
    /// trust services (then the notification is due within 24 hours).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact_on_trust_services: Option<bool>,
    /// The Member State whose law applies (adds national notes), e.g. `DK`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_state: Option<String>,
    /// When the early warning was submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_warning_submitted_at: Option<String>,
    /// When the incident notification was submitted (the final report runs from this).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_submitted_at: Option<String>,
    /// When the final report was submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_report_submitted_at: Option<String>,
    /// Whether the incident is still being handled (and no end of handling is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ongoing: Option<bool>,
    /// When the entity's handling of the incident concluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_concluded_at: Option<String>,
    /// Intermediate reports requested by the CSIRT or competent authority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intermediate_requests: Vec<IntermediateRequest>,
    /// The time to assess the status of each stage at (open, overdue); there is no clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// A reporting stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "ReportStage")]
pub enum Stage {
    /// Art 23(4)(a).
    EarlyWarning,
    /// Art 23(4)(b).
    IncidentNotification,
    /// Art 23(4)(c).
    IntermediateReport,
    /// Art 23(4)(e).
    ProgressReport,
    /// Art 23(4)(d) or (e).
    FinalReport,
}

/// Where a stage stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// Submitted by the deadline.
    SubmittedOnTime,
    /// Submitted after the deadline.
    SubmittedLate,
    /// Submitted (no deadline to compare with).
    Submitted,
    /// Not submitted, and the deadline is after `as_of`.
    Open,
    /// Not submitted, and the deadline is before `as_of`.
    Overdue,
    /// Only if the CSIRT or competent authority requests it.
    OnRequest,
    /// The deadline is not known yet (it runs from an event still to come).
    Pending,
    /// Not submitted; no `as_of` was given to compare with.
    NotAssessed,
}

/// One deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// The stage.
    pub stage: Stage,
    /// The deadline in the incident's zone (RFC 3339 with offset); null when not fixed.
    pub due: Option<String>,
    /// The deadline in UTC.
    pub due_utc: Option<String>,
    /// How it is computed.
    pub rule: Text,
    /// The legal basis.
    pub citation: Str,
    /// What the report contains.
    pub content: Text,
    /// When it was submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// Where it stands.
    pub status: StageStatus,
    /// Minutes from `as_of` to the deadline (negative when overdue), for a stage not submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_left: Option<i64>,
    /// How the local calendar or clock affected the deadline (daylight saving, month ends).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Item>,
}

/// The result of `deadlines`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentClock {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// The incident reference, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The zone the times are shown in: an IANA name or a UTC offset.
    pub time_zone: String,
    /// When the entity became aware, in the zone.
    pub aware_at: String,
    /// The same in UTC.
    pub aware_at_utc: String,
    /// Whether the entity is a trust service provider.
    pub trust_service_provider: bool,
    /// Whether the 24-hour notification of Art 23(4), second subparagraph, applies.
    pub trust_service_derogation: bool,
    /// Hours from awareness to the incident notification deadline (72, or 24).
    pub notification_hours: u32,
    /// Whether the incident is (or is taken to be) still ongoing when the final report falls
    /// due; null when not stated.
    pub ongoing_at_final_deadline: Option<bool>,
    /// The time the statuses are assessed at, in the zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The stages, in order.
    pub deadlines: Vec<Deadline>,
    /// The earliest stage not yet submitted that has a deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_deadline: Option<Stage>,
    /// The legal background and the assumptions made.
    pub notes: Vec<Note>,
}

type Request = (DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

struct Times {
    zone: Zone,
    aware: DateTime<Utc>,
    early: Option<DateTime<Utc>>,
    notified: Option<DateTime<Utc>>,
    final_sent: Option<DateTime<Utc>>,
    concluded: Option<DateTime<Utc>>,
    as_of: Option<DateTime<Utc>>,
    /// Intermediate reports: requested, due, submitted.
    requests: Vec<Request>,
    tsp: bool,
}

/// Compute the Art 23 clocks of an incident (error paths start at `$.incident`).
pub fn deadlines(input: &IncidentInput) -> Result<IncidentClock> {
    let t = check(input, "$.incident")?;
    Ok(compute(input, &t))
}

fn check(input: &IncidentInput, base: &str) -> Result<Times> {
    let mut e: Vec<Error> = Vec::new();
    let (zone, zone_bad) = check_zone(input, base, &mut e);
    let r = TimeReader {
        base,
        zone,
        zone_bad,
    };
    let read = read_times(input, &r, &mut e);
    let requests = check_requests(input, &r, read.aware, &mut e);
    check_time_order(input, base, &read, &mut e);
    let tsp = check_trust_service(input, base, &mut e)?;
    check_member_state(input, base, &mut e)?;

    let ReadTimes {
        aware,
        early,
        notified,
        final_sent,
        concluded,
        as_of,
    } = read;
    Error::from_list(e)?;
    let aware = aware.ok_or_else(|| Error::invalid(format!("{base}.aware_at"), "missing"))?;
    // Show times in the given zone, or at the offset `aware_at` was written with.
    let zone = match zone {
        Some(z) => z,
        None => match time::parse(&input.aware_at) {
            Ok(Written::Instant(t)) => Zone::Fixed(*t.offset()),
            _ => Zone::Fixed(chrono::Offset::fix(&Utc)),
        },
    };
    Ok(Times {
        zone,
        aware,
        early,
        notified,
        final_sent,
        concluded,
        as_of,
        requests,
        tsp,
    })
}

/// The time zone given, if any, and whether it was given but is unknown.
fn check_zone(input: &IncidentInput, base: &str, e: &mut Vec<Error>) -> (Option<Zone>, bool) {
    let mut zone_bad = false;
    let zone = match &input.time_zone {
        Some(name) => match Zone::iana(name) {
            Some(z) => Some(z),
            None => {
                zone_bad = true;
                e.push(Error::UnknownId {
                    accepted: Vec::new(),
                    path: format!("{base}.time_zone"),
                    what: "time zone (an IANA name such as Europe/Copenhagen)".to_owned(),
                    value: name.clone(),
                    suggestions: Zone::suggestions(name),
                });
                None
            }
        },
        None => None,
    };
    (zone, zone_bad)
}

/// Reads the times of the request: with their offset, or local times in the zone given.
struct TimeReader<'a> {
    base: &'a str,
    zone: Option<Zone>,
    /// A zone was given but is unknown (its local times are not read, nor reported again).
    zone_bad: bool,
}

impl TimeReader<'_> {
    /// The time written in `field` as `s`; `None` (with the problem in `e`) if it cannot be
    /// read, has no offset and no zone, or is ambiguous or skipped in the zone.
    fn read(&self, field: &str, s: &str, e: &mut Vec<Error>) -> Option<DateTime<Utc>> {
        let (base, zone, zone_bad) = (self.base, self.zone, self.zone_bad);
        let path = || format!("{base}.{field}");
        match time::parse(s) {
            Err(m) => {
                e.push(Error::invalid(path(), m));
                None
            }
            Ok(Written::Instant(t)) => Some(t.with_timezone(&Utc)),
            Ok(Written::Local(l)) => match zone {
                None if zone_bad => None,
                None => {
                    e.push(Error::invalid(
                        path(),
                        format!("`{s}` has no time zone: add its UTC offset (e.g. {s}+01:00, or {s}Z for UTC) or give time_zone (an IANA zone such as Europe/Copenhagen)"),
                    ));
                    None
                }
                Some(z) => match z.resolve(l) {
                    Resolved::Single(t) => Some(t),
                    Resolved::Ambiguous(a, b) => {
                        e.push(Error::invalid(
                            path(),
                            format!(
                                "`{s}` happened twice in {} (the clocks were set back): it is {} or {}; write it with its offset",
                                z.name(),
                                time::fmt_in(z, a),
                                time::fmt_in(z, b)
                            ),
                        ));
                        None
                    }
                    Resolved::Gap => {
                        e.push(Error::invalid(
                            path(),
                            format!("`{s}` did not exist in {} (the clocks were set forward over it); check the time", z.name()),
                        ));
                        None
                    }
                },
            },
        }
    }
}

/// The times of the incident as read (`None`: absent or unreadable).
struct ReadTimes {
    aware: Option<DateTime<Utc>>,
    early: Option<DateTime<Utc>>,
    notified: Option<DateTime<Utc>>,
    final_sent: Option<DateTime<Utc>>,
    concluded: Option<DateTime<Utc>>,
    as_of: Option<DateTime<Utc>>,
}

/// Read awareness, the submissions, the end of handling and `as_of`.
fn read_times(input: &IncidentInput, r: &TimeReader<'_>, e: &mut Vec<Error>) -> ReadTimes {
    let aware = r.read("aware_at", &input.aware_at, e);
    let early = input
        .early_warning_submitted_at
        .as_deref()
        .and_then(|s| r.read("early_warning_submitted_at", s, e));
    let notified = input
        .notification_submitted_at
        .as_deref()
        .and_then(|s| r.read("notification_submitted_at", s, e));
    let final_sent = input
        .final_report_submitted_at
        .as_deref()
        .and_then(|s| r.read("final_report_submitted_at", s, e));
    let concluded = input
        .handling_concluded_at
        .as_deref()
        .and_then(|s| r.read("handling_concluded_at", s, e));
    let as_of = input.as_of.as_deref().and_then(|s| r.read("as_of", s, e));
    ReadTimes {
        aware,
        early,
        notified,
        final_sent,
        concluded,
        as_of,
    }
}

/// The intermediate-report requests, each requested after awareness, due and submitted after
/// it was requested.
fn check_requests(
    input: &IncidentInput,
    r: &TimeReader<'_>,
    aware: Option<DateTime<Utc>>,
    e: &mut Vec<Error>,
) -> Vec<Request> {
    let base = r.base;
    let mut requests = Vec::new();
    for (i, q) in input.intermediate_requests.iter().enumerate() {
        let f = |x: &str| format!("intermediate_requests[{i}].{x}");
        let req = r.read(&f("requested_at"), &q.requested_at, e);
        let due = q.due_at.as_deref().and_then(|s| r.read(&f("due_at"), s, e));
        let sub = q
            .submitted_at
            .as_deref()
            .and_then(|s| r.read(&f("submitted_at"), s, e));
        if let Some(rq) = req {
            if let Some(d) = due.filter(|d| *d < rq) {
                e.push(Error::invalid(
                    format!("{base}.{}", f("due_at")),
                    format!(
                        "the due time {} is before the request {}",
                        time::fmt_utc(d),
                        time::fmt_utc(rq)
                    ),
                ));
            }
            if let Some(s) = sub.filter(|s| *s < rq) {
                e.push(Error::invalid(
                    format!("{base}.{}", f("submitted_at")),
                    format!(
                        "submitted {} before it was requested {}",
                        time::fmt_utc(s),
                        time::fmt_utc(rq)
                    ),
                ));
            }
            if let Some(a) = aware.filter(|a| rq < *a) {
                e.push(Error::invalid(
                    format!("{base}.{}", f("requested_at")),
                    format!(
                        "requested {} before the entity became aware of the incident ({})",
                        time::fmt_utc(rq),
                        time::fmt_utc(a)
                    ),
                ));
            }
            requests.push((rq, due, sub));
        }
    }
    requests
}

/// Every time after awareness, the final report not before the notification, and `ongoing`
/// not contradicting `handling_concluded_at`.
fn check_time_order(input: &IncidentInput, base: &str, t: &ReadTimes, e: &mut Vec<Error>) {
    let ReadTimes {
        aware,
        early,
        notified,
        final_sent,
        concluded,
        as_of,
    } = *t;
    if let Some(a) = aware {
        for (field, t, what) in [
            ("early_warning_submitted_at", early, "the early warning"),
            (
                "notification_submitted_at",
                notified,
                "the incident notification",
            ),
            ("final_report_submitted_at", final_sent, "the final report"),
            (
                "handling_concluded_at",
                concluded,
                "the end of incident handling",
            ),
            ("as_of", as_of, "the assessment time (as_of)"),
        ] {
            if let Some(t) = t.filter(|t| *t < a) {
                e.push(Error::invalid(
                    format!("{base}.{field}"),
                    format!(
                        "{what} ({}) is before the entity became aware of the incident ({}): the Art 23(4) clocks run from awareness",
                        time::fmt_utc(t),
                        time::fmt_utc(a)
                    ),
                ));
            }
        }
    }
    if let (Some(n), Some(f)) = (notified, final_sent) {
        if f < n {
            e.push(Error::invalid(
                format!("{base}.final_report_submitted_at"),
                format!(
                    "the final report ({}) is before the incident notification ({})",
                    time::fmt_utc(f),
                    time::fmt_utc(n)
                ),
            ));
        }
    }
    if input.ongoing == Some(true) && input.handling_concluded_at.is_some() {
        e.push(Error::invalid(
            format!("{base}.ongoing"),
            "`ongoing` is true but `handling_concluded_at` says the handling has concluded; give one or the other",
        ));
    }
}

/// Whether the entity is a trust service provider: as said, or by its entity type (which must
/// be known and agree); `impact_on_trust_services` only for one.
fn check_trust_service(input: &IncidentInput, base: &str, e: &mut Vec<Error>) -> Result<bool> {
    let mut tsp = input.trust_service_provider.unwrap_or(false);
    if let Some(id) = &input.entity_type {
        let catalog = crate::entity_types::catalog()?;
        match catalog.get(id) {
            None => e.push(Error::UnknownId {
                accepted: Vec::new(),
                path: format!("{base}.entity_type"),
                what: "entity type".to_owned(),
                value: id.clone(),
                suggestions: catalog.nearest(id, 3),
            }),
            Some(t) => {
                let is_tsp = t.id == TSP;
                if input.trust_service_provider == Some(!is_tsp) {
                    e.push(Error::invalid(
                        format!("{base}.trust_service_provider"),
                        format!(
                            "contradicts entity_type `{id}`, which {} a trust service provider",
                            if is_tsp { "is" } else { "is not" }
                        ),
                    ));
                }
                tsp |= is_tsp;
            }
        }
    }
    if input.impact_on_trust_services.is_some() && !tsp {
        e.push(Error::invalid(
            format!("{base}.impact_on_trust_services"),
            "applies only to trust service providers (set trust_service_provider, or entity_type NIS2-I-08-07)",
        ));
    }
    Ok(tsp)
}

/// The Member State, if given, is one with an overlay.
fn check_member_state(input: &IncidentInput, base: &str, e: &mut Vec<Error>) -> Result<()> {
    if let Some(ms) = &input.member_state {
        e.extend(crate::overlay::unknown(ms, format!("{base}.member_state")));
    }
    Ok(())
}

fn status(
    due: Option<DateTime<Utc>>,
    submitted: Option<DateTime<Utc>>,
    as_of: Option<DateTime<Utc>>,
) -> (StageStatus, Option<i64>) {
    match (due, submitted, as_of) {
        (Some(d), Some(s), _) => (
            if s <= d {
                StageStatus::SubmittedOnTime
            } else {
                StageStatus::SubmittedLate
            },
            None,
        ),
        (None, Some(_), _) => (StageStatus::Submitted, None),
        (Some(d), None, Some(now)) => (
            if now > d {
                StageStatus::Overdue
            } else {
                StageStatus::Open
            },
            Some((d - now).num_minutes()),
        ),
        (Some(_), None, None) => (StageStatus::NotAssessed, None),
        (None, None, _) => (StageStatus::Pending, None),
    }
}

/// Explain a deadline `hours` after `from` whose local clock differs because of a change of
/// UTC offset in between.
fn dst_note(zone: Zone, from: DateTime<Utc>, due: DateTime<Utc>, hours: i64) -> Option<Item> {
    let a = zone.offset_at(from);
    let b = zone.offset_at(due);
    if a == b {
        return None;
    }
    let (fa, fb) = (time::fmt_offset(a), time::fmt_offset(b));
    let local_from = time::fmt_in(zone, from);
    let local_due = time::fmt_in(zone, due);
    Some(Item::new("utc_offset_change", Text::new(
        format!("The UTC offset changes from {fa} to {fb} in between (daylight saving time). The {hours} hours are elapsed time: {local_from} plus {hours} hours is {local_due}, so the local clock time of the deadline differs from that of awareness."),
        format!("UTC-forskydningen skifter fra {fa} til {fb} undervejs (sommertid). De {hours} timer er forløbet tid: {local_from} plus {hours} timer er {local_due}, så fristens lokale klokkeslæt afviger fra tidspunktet for kendskab."),
    )))
}

fn month_notes(
    zone: Zone,
    from: DateTime<Utc>,
    due: DateTime<Utc>,
    adjust: &[Adjust],
) -> Vec<Item> {
    let local_from = time::fmt_in(zone, from);
    let local_due = time::fmt_in(zone, due);
    adjust
        .iter()
        .map(|a| match a {
            Adjust::ClampedDay => Item::new("month_end_clamped", Text::new(
                format!("The day of {local_from} does not exist one month later; the month is clamped to its last day: {local_due}."),
                format!("Dagen i {local_from} findes ikke en måned senere; der regnes til månedens sidste dag: {local_due}."),
            )),
            Adjust::Gap => Item::new("dst_gap_moved_forward", Text::new(
                format!("One month after {local_from} falls on a local time skipped when the clocks were set forward; it is moved forward by the length of the gap: {local_due}."),
                format!("En måned efter {local_from} falder på et lokalt klokkeslæt, der blev sprunget over, da uret blev stillet frem; fristen rykkes frem med springets længde: {local_due}."),
            )),
            Adjust::Ambiguous => Item::new("dst_overlap_earlier_taken", Text::new(
                format!("One month after {local_from} falls on a local time that happens twice (the clocks are set back); the earlier is taken: {local_due}."),
                format!("En måned efter {local_from} falder på et lokalt klokkeslæt, der forekommer to gange (uret stilles tilbage); det tidligste bruges: {local_due}."),
            )),
        })
        .collect()
}

fn compute(input: &IncidentInput, t: &Times) -> IncidentClock {
    let derogation = t.tsp && input.impact_on_trust_services != Some(false);
    let notification_hours: u32 = if derogation { 24 } else { 72 };
    let early_due = t.aware + Duration::hours(24);
    let notif_due = t.aware + Duration::hours(i64::from(notification_hours));
    let mut deadlines = Vec::with_capacity(5);
    deadlines.push(early_warning(t, early_due));
    deadlines.push(incident_notification(
        t,
        notif_due,
        derogation,
        notification_hours,
    ));
    intermediate_reports(t, &mut deadlines);
    let ongoing_at_final = final_stages(input, t, notif_due, &mut deadlines);

    let next_deadline = deadlines
        .iter()
        .filter(|d| d.submitted_at.is_none())
        .filter_map(|d| d.due_utc.as_ref().map(|u| (u, d.stage)))
        .min_by(|a, b| a.0.cmp(b.0))
        .map(|(_, s)| s);

    IncidentClock {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        id: input.id.clone(),
        time_zone: t.zone.name(),
        aware_at: t.show(t.aware),
        aware_at_utc: time::fmt_utc(t.aware),
        trust_service_provider: t.tsp,
        trust_service_derogation: derogation,
        notification_hours,
        ongoing_at_final_deadline: ongoing_at_final,
        as_of: t.as_of.map(|x| t.show(x)),
        deadlines,
        next_deadline,
        notes: notes(input, t, derogation),
    }
}

impl Times {
    /// A time as shown: in the incident's zone.
    fn show(&self, x: DateTime<Utc>) -> String {
        time::fmt_in(self.zone, x)
    }
}

/// The early warning: 24 hours from awareness (Art 23(4)(a)).
fn early_warning(t: &Times, early_due: DateTime<Utc>) -> Deadline {
    let (st, left) = status(Some(early_due), t.early, t.as_of);
    Deadline {
        stage: Stage::EarlyWarning,
        due: Some(t.show(early_due)),
        due_utc: Some(time::fmt_utc(early_due)),
        rule: Text::st(
            "Without undue delay and in any event within 24 hours of becoming aware of the significant incident.",
            "Uden unødigt ophold og under alle omstændigheder senest 24 timer efter at have fået kendskab til den væsentlige hændelse.",
        ),
        citation: Str::Borrowed("Art. 23(4)(a)"),
        content: Text::st(
            "Where applicable, whether the incident is suspected of being caused by unlawful or malicious acts or could have a cross-border impact.",
            "Hvor det er relevant, om hændelsen mistænkes for at være forårsaget af ulovlige eller ondsindede handlinger eller kan have grænseoverskridende virkninger.",
        ),
        submitted_at: t.early.map(|x| t.show(x)),
        status: st,
        minutes_left: left,
        adjustments: dst_note(t.zone, t.aware, early_due, 24).into_iter().collect(),
    }
}

/// The incident notification: 72 hours from awareness, or 24 for a trust service provider's
/// incident with an impact on its trust services (Art 23(4)(b)).
fn incident_notification(
    t: &Times,
    notif_due: DateTime<Utc>,
    derogation: bool,
    notification_hours: u32,
) -> Deadline {
    let (st, left) = status(Some(notif_due), t.notified, t.as_of);
    Deadline {
        stage: Stage::IncidentNotification,
        due: Some(t.show(notif_due)),
        due_utc: Some(time::fmt_utc(notif_due)),
        rule: if derogation {
            Text::st(
                "Trust service provider, incident with an impact on the provision of its trust services: without undue delay and in any event within 24 hours of becoming aware.",
                "Tillidstjenesteudbyder, hændelse med indvirkning på leveringen af dens tillidstjenester: uden unødigt ophold og under alle omstændigheder senest 24 timer efter at have fået kendskab til hændelsen.",
            )
        } else {
            Text::st(
                "Without undue delay and in any event within 72 hours of becoming aware of the significant incident.",
                "Uden unødigt ophold og under alle omstændigheder senest 72 timer efter at have fået kendskab til den væsentlige hændelse.",
            )
        },
        citation: Str::Borrowed(if derogation {
            "Art. 23(4)(b); Art. 23(4), second subparagraph"
        } else {
            "Art. 23(4)(b)"
        }),
        content: Text::st(
            "Update the early warning; an initial assessment of the incident, including its severity and impact, and indicators of compromise where available.",
            "Opdatering af den tidlige varsling; en indledende vurdering af hændelsen, herunder dens alvor og virkninger, og kompromitteringsindikatorer, hvor de foreligger.",
        ),
        submitted_at: t.notified.map(|x| t.show(x)),
        status: st,
        minutes_left: left,
        adjustments: dst_note(t.zone, t.aware, notif_due, i64::from(notification_hours))
            .into_iter()
            .collect(),
    }
}

/// The intermediate reports: one per request of the CSIRT or authority, or a note that they
/// are due only on request (Art 23(4)(c)).
fn intermediate_reports(t: &Times, deadlines: &mut Vec<Deadline>) {
    let intermediate_content =
        Text::st("Relevant status updates.", "Relevante statusopdateringer.");
    if t.requests.is_empty() {
        deadlines.push(Deadline {
            stage: Stage::IntermediateReport,
            due: None,
            due_utc: None,
            rule: Text::st(
                "Only upon request of the CSIRT or, where applicable, the competent authority, by the time it sets.",
                "Kun på anmodning fra CSIRT'en eller i givet fald den kompetente myndighed, inden for den frist, den fastsætter.",
            ),
            citation: Str::Borrowed("Art. 23(4)(c)"),
            content: intermediate_content.clone(),
            submitted_at: None,
            status: StageStatus::OnRequest,
            minutes_left: None,
            adjustments: Vec::new(),
        });
    }
    for (requested, due, sent) in &t.requests {
        let (st, left) = status(*due, *sent, t.as_of);
        deadlines.push(Deadline {
            stage: Stage::IntermediateReport,
            due: due.map(|x| t.show(x)),
            due_utc: due.map(time::fmt_utc),
            rule: Text::new(
                format!(
                    "Requested {}; due by the time the CSIRT or competent authority set.",
                    t.show(*requested)
                ),
                format!(
                    "Anmodet {}; frist som fastsat af CSIRT'en eller den kompetente myndighed.",
                    t.show(*requested)
                ),
            ),
            citation: Str::Borrowed("Art. 23(4)(c)"),
            content: intermediate_content.clone(),
            submitted_at: sent.map(|x| t.show(x)),
            status: st,
            minutes_left: left,
            adjustments: Vec::new(),
        });
    }
}

/// The final report one month after the notification (Art 23(4)(d)), or, when the incident is
/// still ongoing then, a progress report and the final report one month after its handling
/// (Art 23(4)(e)). Whether the incident is ongoing at the final deadline (`None`: not known).
fn final_stages(
    input: &IncidentInput,
    t: &Times,
    notif_due: DateTime<Utc>,
    deadlines: &mut Vec<Deadline>,
) -> Option<bool> {
    // The final report runs from the submission of the notification (or its deadline).
    let (base, based_on_actual) = match t.notified {
        Some(n) => (n, true),
        None => (notif_due, false),
    };
    let (final_normal, adjust) = t
        .zone
        .add_months(base, 1)
        .unwrap_or((base + Duration::days(31), Vec::new()));
    let base_text = final_base_text(t, base, based_on_actual);
    let month_adj = month_notes(t.zone, base, final_normal, &adjust);
    let ongoing_at_final = match (t.concluded, input.ongoing) {
        (Some(c), _) => Some(c > final_normal),
        (None, Some(true)) => Some(true),
        (None, Some(false)) => Some(false),
        (None, None) => None,
    };
    if ongoing_at_final == Some(true) {
        deadlines.push(progress_report(t, final_normal, &base_text, month_adj));
        deadlines.push(match t.concluded {
            Some(c) => final_after_handling(t, c),
            None => final_while_ongoing(t, final_normal),
        });
    } else {
        deadlines.push(final_report(
            t,
            final_normal,
            &base_text,
            ongoing_at_final.is_none(),
            month_adj,
        ));
    }
    ongoing_at_final
}

/// What the final report's month counts from, in words.
fn final_base_text(t: &Times, base: DateTime<Utc>, based_on_actual: bool) -> Text {
    if based_on_actual {
        Text::new(
            format!(
                "one month after the incident notification was submitted ({})",
                t.show(base)
            ),
            format!(
                "en måned efter indsendelsen af hændelsesunderretningen ({})",
                t.show(base)
            ),
        )
    } else {
        Text::new(
            format!("one month after the incident notification; it has not been submitted, so this counts from its deadline ({}) and falls earlier if it is submitted earlier", t.show(base)),
            format!("en måned efter hændelsesunderretningen; den er ikke indsendt, så der regnes fra dens frist ({}), og fristen bliver tidligere, hvis den indsendes tidligere", t.show(base)),
        )
    }
}

/// What a final report contains (Art 23(4)(d)).
fn final_content() -> Text {
    Text::st(
        "A detailed description of the incident, including its severity and impact; the type of threat or root cause that is likely to have triggered it; applied and ongoing mitigation measures; where applicable, the cross-border impact.",
        "En detaljeret beskrivelse af hændelsen, herunder dens alvor og virkninger; den type trussel eller grundlæggende årsag, der sandsynligvis har udløst den; anvendte og igangværende afbødende foranstaltninger; hvor det er relevant, hændelsens grænseoverskridende virkninger.",
    )
}

/// The progress report due when the final report would be, the incident still ongoing.
fn progress_report(
    t: &Times,
    final_normal: DateTime<Utc>,
    base_text: &Text,
    month_adj: Vec<Item>,
) -> Deadline {
    let (st, left) = status(Some(final_normal), None, t.as_of);
    Deadline {
        stage: Stage::ProgressReport,
        due: Some(t.show(final_normal)),
        due_utc: Some(time::fmt_utc(final_normal)),
        rule: Text::new(
            format!("The incident is still ongoing when the final report would fall due ({}): a progress report at that time.", base_text.en),
            format!("Hændelsen er stadig i gang, når den endelige rapport skulle indsendes ({}): en statusrapport på det tidspunkt.", base_text.da),
        ),
        citation: Str::Borrowed("Art. 23(4)(e)"),
        content: Text::st(
            "The progress of the incident handling.",
            "Status for håndteringen af hændelsen.",
        ),
        submitted_at: None,
        status: st,
        minutes_left: left,
        adjustments: month_adj,
    }
}

/// The final report one month after the handling of the incident concluded at `c`.
fn final_after_handling(t: &Times, c: DateTime<Utc>) -> Deadline {
    let (due, adj) = t
        .zone
        .add_months(c, 1)
        .unwrap_or((c + Duration::days(31), Vec::new()));
    let (st, left) = status(Some(due), t.final_sent, t.as_of);
    Deadline {
        stage: Stage::FinalReport,
        due: Some(t.show(due)),
        due_utc: Some(time::fmt_utc(due)),
        rule: Text::new(
            format!(
                "Within one month of the handling of the incident, which concluded {}.",
                t.show(c)
            ),
            format!(
                "Senest en måned efter håndteringen af hændelsen, som blev afsluttet {}.",
                t.show(c)
            ),
        ),
        citation: Str::Borrowed("Art. 23(4)(e)"),
        content: final_content(),
        submitted_at: t.final_sent.map(|x| t.show(x)),
        status: st,
        minutes_left: left,
        adjustments: month_notes(t.zone, c, due, &adj),
    }
}

/// The final report while the handling is still ongoing: due one month after it concludes.
fn final_while_ongoing(t: &Times, final_normal: DateTime<Utc>) -> Deadline {
    let st = if t.final_sent.is_some() {
        StageStatus::Submitted
    } else {
        StageStatus::Pending
    };
    Deadline {
        stage: Stage::FinalReport,
        due: None,
        due_utc: None,
        rule: Text::new(
            format!("Within one month of the end of the handling of the incident (still ongoing). If the handling concludes by {}, the final report is due then instead.", t.show(final_normal)),
            format!("Senest en måned efter afslutningen af håndteringen af hændelsen (stadig i gang). Afsluttes håndteringen senest {}, skal den endelige rapport i stedet indsendes da.", t.show(final_normal)),
        ),
        citation: Str::Borrowed("Art. 23(4)(e)"),
        content: final_content(),
        submitted_at: t.final_sent.map(|x| t.show(x)),
        status: st,
        minutes_left: None,
        adjustments: Vec::new(),
    }
}

/// The final report one month after the notification; `unknown_ongoing`: whether the
/// incident will still be ongoing then is not known (the rule says what happens if it is).
fn final_report(
    t: &Times,
    final_normal: DateTime<Utc>,
    base_text: &Text,
    unknown_ongoing: bool,
    month_adj: Vec<Item>,
) -> Deadline {
    let (st, left) = status(Some(final_normal), t.final_sent, t.as_of);
    let mut rule = Text::new(
        format!("Not later than {}.", base_text.en),
        format!("Senest {}.", base_text.da),
    );
    if unknown_ongoing {
        rule.en.to_mut().push_str(" If the incident is still ongoing then, a progress report is due instead and the final report within one month of the handling of the incident (Art 23(4)(e)).");
        rule.da.to_mut().push_str(" Er hændelsen stadig i gang på det tidspunkt, skal der i stedet indsendes en statusrapport og den endelige rapport senest en måned efter håndteringen af hændelsen (art. 23, stk. 4, litra e).");
    }
    Deadline {
        stage: Stage::FinalReport,
        due: Some(t.show(final_normal)),
        due_utc: Some(time::fmt_utc(final_normal)),
        rule,
        citation: Str::Borrowed("Art. 23(4)(d)"),
        content: final_content(),
        submitted_at: t.final_sent.map(|x| t.show(x)),
        status: st,
        minutes_left: left,
        adjustments: month_adj,
    }
}

fn notes(input: &IncidentInput, t: &Times, derogation: bool) -> Vec<Note> {
    let mut notes = vec![
        Note::new(
            "art23_4_outer_limits",
            "Art. 23(4)",
            Text::st(
                "Each stage is due \"without undue delay\" and the times shown are the outer limits (\"in any event within\"). Hours are elapsed time from the moment of becoming aware; the month is a calendar month in the local calendar, clamped at the month's end.",
                "Hvert trin skal ske \"uden unødigt ophold\", og de viste tidspunkter er de yderste frister (\"under alle omstændigheder senest\"). Timer er forløbet tid fra tidspunktet for kendskab; måneden er en kalendermåned i den lokale kalender, afkortet ved månedens udgang.",
            ),
            VerificationStatus::Verified,
        ),
        Note::new(
            "art23_1_recipients",
            "Art. 23(1)",
            Text::st(
                "Notify the CSIRT or, where applicable, the competent authority; where appropriate, also notify the recipients of your services of significant incidents likely to affect them.",
                "Underret CSIRT'en eller i givet fald den kompetente myndighed; underret også, hvor det er relevant, modtagerne af jeres tjenester om væsentlige hændelser, der sandsynligvis vil påvirke dem.",
            ),
            VerificationStatus::Verified,
        ),
    ];
    if t.tsp {
        notes.push(Note::new(
            "art23_4_tsp",
            "Art. 23(4), second subparagraph",
            if derogation && input.impact_on_trust_services.is_none() {
                Text::st(
                    "A trust service provider notifies significant incidents that have an impact on the provision of its trust services within 24 hours of becoming aware. Whether this incident has such an impact was not stated, so the 24-hour deadline is shown; without an impact on the trust services the notification is due within 72 hours. The early warning stage still applies.",
                    "En tillidstjenesteudbyder underretter om væsentlige hændelser, der har indvirkning på leveringen af dens tillidstjenester, senest 24 timer efter at have fået kendskab til dem. Det er ikke oplyst, om denne hændelse har en sådan indvirkning, så 24-timersfristen vises; uden indvirkning på tillidstjenesterne skal underretningen ske inden for 72 timer. Den tidlige varsling gælder stadig.",
                )
            } else {
                Text::st(
                    "A trust service provider notifies significant incidents that have an impact on the provision of its trust services within 24 hours of becoming aware (instead of 72 hours). The early warning stage still applies.",
                    "En tillidstjenesteudbyder underretter om væsentlige hændelser, der har indvirkning på leveringen af dens tillidstjenester, senest 24 timer efter at have fået kendskab til dem (i stedet for 72 timer). Den tidlige varsling gælder stadig.",
                )
            },
            VerificationStatus::Verified,
        ));
    }
    if input
        .entity_type
        .as_deref()
        .is_some_and(|id| super::significance::COVERED.iter().any(|(t, _)| *t == id))
    {
        notes.push(Note::new(
            "cir_2024_2690_significance",
            "Reg. (EU) 2024/2690, Art. 3–14",
            Text::st(
                "For this entity type, Implementing Regulation (EU) 2024/2690 specifies when an incident is significant (Articles 3 to 14); the `significant_incident` operation applies those thresholds.",
                "For denne enhedstype fastlægger gennemførelsesforordning (EU) 2024/2690, hvornår en hændelse er væsentlig (artikel 3-14); operationen `significant_incident` anvender disse tærskler.",
            ),
            VerificationStatus::Verified,
        ));
    }
    if input.member_state.as_deref() == Some("DK") {
        notes.push(Note::new(
            "dk_reporting_virk",
            "NIS 2-loven § 12",
            Text::st(
                "In Denmark, significant incidents are reported through virk.dk and forwarded automatically to the sector authority and the CSIRT; the Danish act keeps the Art 23(4) timeline.",
                "I Danmark indberettes væsentlige hændelser via virk.dk og videresendes automatisk til sektormyndigheden og CSIRT'en; den danske lov følger tidsfristerne i art. 23, stk. 4.",
            ),
            VerificationStatus::Secondary,
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incident(aware: &str) -> IncidentInput {
        IncidentInput {
            id: None,
            aware_at: aware.to_owned(),
            time_zone: None,
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

    fn due(c: &IncidentClock, stage: Stage) -> Option<String> {
        c.deadlines.iter().find(|d| d.stage == stage)?.due.clone()
    }

    #[test]
    fn basic_clock() {
        let c = deadlines(&incident("2026-01-30T14:00:00+01:00")).unwrap();
        assert_eq!(
            due(&c, Stage::EarlyWarning).unwrap(),
            "2026-01-31T14:00:00+01:00"
        );
        assert_eq!(
            due(&c, Stage::IncidentNotification).unwrap(),
            "2026-02-02T14:00:00+01:00"
        );
        assert_eq!(
            due(&c, Stage::FinalReport).unwrap(),
            "2026-03-02T14:00:00+01:00"
        );
        assert_eq!(c.time_zone, "+01:00");
    }

    #[test]
    fn month_end_from_submission() {
        let mut i = incident("2026-01-29T09:00:00+01:00");
        i.notification_submitted_at = Some("2026-01-31T10:00:00+01:00".into());
        let c = deadlines(&i).unwrap();
        assert_eq!(
            due(&c, Stage::FinalReport).unwrap(),
            "2026-02-28T10:00:00+01:00"
        );
        let mut i = incident("2028-01-29T09:00:00+01:00");
        i.notification_submitted_at = Some("2028-01-31T10:00:00+01:00".into());
        let c = deadlines(&i).unwrap();
        assert_eq!(
            due(&c, Stage::FinalReport).unwrap(),
            "2028-02-29T10:00:00+01:00"
        );
    }

    #[test]
    fn dst_in_zone() {
        let mut i = incident("2026-03-28T10:00:00");
        i.time_zone = Some("Europe/Copenhagen".into());
        let c = deadlines(&i).unwrap();
        assert_eq!(
            due(&c, Stage::EarlyWarning).unwrap(),
            "2026-03-29T11:00:00+02:00"
        );
        assert_eq!(
            due(&c, Stage::IncidentNotification).unwrap(),
            "2026-03-31T11:00:00+02:00"
        );
        assert!(!c.deadlines[0].adjustments.is_empty());
    }

    #[test]
    fn tsp_and_errors() {
        let mut i = incident("2026-05-04T08:00:00Z");
        i.entity_type = Some("NIS2-I-08-07".into());
        i.impact_on_trust_services = Some(true);
        let c = deadlines(&i).unwrap();
        assert_eq!(c.notification_hours, 24);
        assert_eq!(
            due(&c, Stage::IncidentNotification).unwrap(),
            "2026-05-05T08:00:00+00:00"
        );
        let mut bad = incident("2026-05-04T08:00:00");
        bad.notification_submitted_at = Some("2026-05-03T08:00:00Z".into());
        bad.time_zone = Some("Europe/Copenhgen".into());
        let err = deadlines(&bad).unwrap_err();
        assert_eq!(err.kind(), "unknown_id");
        let mut bad = incident("2026-05-04T08:00:00");
        bad.notification_submitted_at = Some("2026-05-03T08:00:00Z".into());
        let err = deadlines(&bad).unwrap_err();
        assert_eq!(err.path(), Some("$.incident.aware_at"));
        let mut bad = incident("2026-05-04T08:00:00Z");
        bad.notification_submitted_at = Some("2026-05-03T08:00:00Z".into());
        let err = deadlines(&bad).unwrap_err();
        assert_eq!(err.path(), Some("$.incident.notification_submitted_at"));
    }
}
