//! When an incident is significant for the entities of Commission Implementing Regulation (EU)
//! 2024/2690 (Articles 3 to 14): DNS service providers, TLD name registries, cloud computing,
//! data centre and content delivery network providers, managed (security) service providers,
//! online marketplaces, online search engines, social networking services platforms and trust
//! service providers.
//!
//! Each criterion is evaluated in three-valued logic: met, not met, or not determined because a
//! fact it needs was not given. The incident is significant as soon as one criterion is met; not
//! significant when every criterion is not met; otherwise undetermined, with the facts that
//! would settle it.
//!
//! The criteria of Arts 5 to 14 are measured on the figures of one service of the type they
//! concern (users, durations, data, physical access): an entity of several types gives each
//! service's own figures in `services`. The general criteria (Art 3(1)(a) to (f), Art 4) read
//! the entity's facts.
//!
//! Art 3(2): scheduled interruptions of service and the planned consequences of scheduled
//! maintenance are not significant incidents. Read with recital 33, that is the unavailability or
//! limited availability the scheduled operation planned: the availability criteria count only
//! what goes beyond the planned window; every other criterion applies in full. Whether a service
//! was under scheduled maintenance is a fact like any other: not given, it is unknown.
//!
//! The criteria were read in the text of the Regulation as published (EUR-Lex, CELEX
//! 32024R2690); they are marked `verified`. "More than 5 % of users or more than 1 million users,
//! whichever number is smaller" is met when the users affected exceed either figure.

mod check;
mod criteria;
mod eval;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Note, RESULT_SCHEMA_VERSION};
use crate::entity_types::VerificationStatus;
use crate::error::Result;
use crate::text::{Str, Text};
use check::Service;
use criteria::Criterion;
use eval::Eval;

/// The entity types the Regulation covers, with the Article of their specific criteria.
pub const COVERED: &[(&str, u8)] = &[
    ("NIS2-I-08-02", 5),
    ("NIS2-I-08-03", 6),
    ("NIS2-I-08-04", 7),
    ("NIS2-I-08-05", 8),
    ("NIS2-I-08-06", 9),
    ("NIS2-I-08-07", 14),
    ("NIS2-I-09-01", 10),
    ("NIS2-I-09-02", 10),
    ("NIS2-II-06-01", 11),
    ("NIS2-II-06-02", 12),
    ("NIS2-II-06-03", 13),
];

/// The schema of an entity type the Regulation covers (one of [`COVERED`]).
fn covered_type_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let ids: Vec<&str> = COVERED.iter().map(|(t, _)| *t).collect();
    schemars::json_schema!({"type": "string", "enum": ids})
}

/// The schema of `entity_types`: at least one covered type, each once (as the engine checks).
fn entity_types_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let item = covered_type_schema(g);
    schemars::json_schema!({"type": "array", "items": item, "minItems": 1, "uniqueItems": true})
}

/// `significant_incident`: apply the thresholds of Regulation (EU) 2024/2690.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignificanceRequest {
    /// The entity's types covered by the Regulation (catalog ids, e.g. `NIS2-I-08-04`), each
    /// once. An entity of several types is assessed against the criteria of each, on the
    /// figures of its service of that type.
    #[schemars(schema_with = "entity_types_schema")]
    pub entity_types: Vec<String>,
    /// What is known about the incident. A fact left out is unknown, not "no". The figures of
    /// a service may be given here only when every entity type falls under the same Article of
    /// the Regulation (one service) and `services` is not used.
    #[serde(default)]
    pub facts: IncidentFacts,
    /// The services of the entity the incident concerns, each with its entity type and its own
    /// figures (users, durations, data, physical access, scheduled maintenance). Needed when
    /// the entity's types fall under different Articles of the Regulation (e.g. a cloud
    /// computing service and a trust service): the criteria of each Article read only the
    /// figures of a service of that type. An entity type without a service here has its
    /// criteria undetermined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<AffectedService>,
}

/// Several incidents with the same apparent root cause (Art 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecurringIncidents {
    /// How many incidents (this one included) occurred within 6 months: at least 1.
    #[schemars(range(min = 1))]
    pub occurrences_within_6_months: u32,
    /// Whether they have the same apparent root cause.
    pub same_apparent_root_cause: bool,
    /// Their direct financial loss taken together, in EUR.
    #[schemars(range(min = 0.0))]
    pub combined_direct_financial_loss_eur: f64,
}

/// What is known about the incident. Every field is optional; "caused" includes "is capable of
/// causing" where the Regulation says so. The first seven facts concern the entity (Art 3(1)(a)
/// to (f), Art 4); the others are the figures of its one service (as in [`AffectedService`]),
/// accepted here only when every entity type falls under the same Article and `services` is
/// not used.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("dependentSchemas" = {"planned_window_minutes": {"required": ["scheduled_maintenance"], "properties": {"scheduled_maintenance": {"const": true}}}}))]
pub struct IncidentFacts {
    /// The service's unavailability or limited availability comes from a scheduled interruption
    /// of service or a scheduled maintenance operation (as in [`AffectedService`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_maintenance: Option<bool>,
    /// With `scheduled_maintenance: true`: the planned window of the interruption or
    /// maintenance, in minutes; only what goes beyond it counts (as in [`AffectedService`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub planned_window_minutes: Option<f64>,
    /// Direct financial loss for the entity the incident caused or is capable of causing (EUR).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub direct_financial_loss_eur: Option<f64>,
    /// The entity's total annual turnover in the preceding financial year (EUR).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub annual_turnover_eur: Option<f64>,
    /// Caused or capable of causing the exfiltration of trade secrets (Directive (EU) 2016/943,
    /// Art 2(1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_secrets_exfiltrated: Option<bool>,
    /// Caused or capable of causing the death of a natural person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub death: Option<bool>,
    /// Caused or capable of causing considerable damage to a natural person's health.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub considerable_health_damage: Option<bool>,
    /// A successful, suspectedly malicious and unauthorised access to network and information
    /// systems occurred that is capable of causing severe operational disruption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub malicious_unauthorised_access: Option<bool>,
    /// Earlier incidents with the same apparent root cause (Art 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurring: Option<RecurringIncidents>,
    /// The service's users in the Union (as in [`AffectedService`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_in_union: Option<u64>,
    /// How long the service was completely unavailable, in minutes (as in [`AffectedService`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub complete_unavailability_minutes: Option<f64>,
    /// Users in the Union for whom the service was completely unavailable (as in
    /// [`AffectedService`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_completely_unavailable: Option<u64>,
    /// How long the availability was limited, in minutes (as in [`AffectedService`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub limited_availability_minutes: Option<f64>,
    /// Users in the Union impacted by the limited availability (as in [`AffectedService`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_limited_availability: Option<u64>,
    /// DNS and TLD: how long the average response time was degraded, in minutes (as in
    /// [`AffectedService`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub slow_response_minutes: Option<f64>,
    /// DNS and TLD: the average response time to DNS requests over that period, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub average_response_seconds: Option<f64>,
    /// Trust services: unavailability within the calendar week, in minutes (as in
    /// [`AffectedService`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub unavailable_minutes_calendar_week: Option<f64>,
    /// The integrity, confidentiality or authenticity of data related to the provision of the
    /// service is compromised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_compromised: Option<bool>,
    /// … as a result of a suspectedly malicious action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_compromise_suspectedly_malicious: Option<bool>,
    /// Users in the Union impacted by the data compromise (as in [`AffectedService`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_data_compromise: Option<u64>,
    /// DNS: the only compromise is incorrect data caused by misconfiguration (Art 5(c)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_misconfiguration_only: Option<bool>,
    /// DNS: domain names whose data is incorrect (not more than `domain_names_managed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_names_incorrect: Option<u64>,
    /// DNS: domain names the provider manages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_names_managed: Option<u64>,
    /// Data centres: physical access to a data centre operated by the provider compromised;
    /// trust services: physical access to a restricted area (or its protection) compromised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_access_compromised: Option<bool>,
}

/// One service of the entity the incident concerns, with its own figures: the criteria of the
/// Article for its entity type (Arts 5 to 14) read only these. Every figure is optional: left
/// out, it is unknown.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("dependentSchemas" = {"planned_window_minutes": {"required": ["scheduled_maintenance"], "properties": {"scheduled_maintenance": {"const": true}}}}))]
pub struct AffectedService {
    /// Its entity type: one of the request's `entity_types`.
    #[schemars(schema_with = "covered_type_schema")]
    pub entity_type: String,
    /// Its name, shown in the result (the entity type when left out). Each service needs a
    /// name of its own when two are of the same type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub name: Option<String>,
    /// Whether the service's unavailability or limited availability comes from a scheduled
    /// interruption of service (such as one agreed in advance by contract) or a scheduled
    /// maintenance operation carried out by or on behalf of the entity. Its planned
    /// consequences, the unavailability or limited availability within the planned window, are
    /// not a significant incident (Art 3(2), recital 33); what goes beyond the window counts,
    /// and so does every criterion that is not about availability. Left out: unknown, and an
    /// availability figure over its threshold is then undetermined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_maintenance: Option<bool>,
    /// With `scheduled_maintenance: true`: how long the scheduled interruption or maintenance
    /// was planned (announced) to make the service unavailable or limit it, in minutes. The
    /// durations below are measured as usual, from the disruption to the recovery (recitals 34
    /// and 35); only the minutes beyond this window count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub planned_window_minutes: Option<f64>,
    /// The service's users in the Union (for a trust service: users and relying parties),
    /// counted as Art 3(3) says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_in_union: Option<u64>,
    /// How long the service was completely unavailable (minutes; 0 if it was not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub complete_unavailability_minutes: Option<f64>,
    /// Users in the Union for whom the service was completely unavailable (Arts 11–13; not more
    /// than `users_in_union`). After scheduled maintenance that went beyond its window: those
    /// for whom it was unavailable beyond it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_completely_unavailable: Option<u64>,
    /// How long the availability was limited (minutes; 0 if it was not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub limited_availability_minutes: Option<f64>,
    /// Users in the Union impacted by the limited availability (not more than
    /// `users_in_union`). After scheduled maintenance that went beyond its window: those
    /// impacted beyond it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_limited_availability: Option<u64>,
    /// DNS and TLD: how long the average response time was degraded (minutes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub slow_response_minutes: Option<f64>,
    /// DNS and TLD: the average response time to DNS requests over that period (seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub average_response_seconds: Option<f64>,
    /// Trust services: unavailability to users or relying parties within the calendar week
    /// (minutes), Art 14(b).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub unavailable_minutes_calendar_week: Option<f64>,
    /// The integrity, confidentiality or authenticity of stored, transmitted or processed data
    /// related to the provision of the service is compromised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_compromised: Option<bool>,
    /// … as a result of a suspectedly malicious action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_compromise_suspectedly_malicious: Option<bool>,
    /// Users in the Union impacted by the data compromise (not more than `users_in_union`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_data_compromise: Option<u64>,
    /// DNS: the only compromise is incorrect data caused by misconfiguration (Art 5(c)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_misconfiguration_only: Option<bool>,
    /// DNS: domain names whose data is incorrect (not more than `domain_names_managed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_names_incorrect: Option<u64>,
    /// DNS: domain names the provider manages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_names_managed: Option<u64>,
    /// Data centres: physical access to a data centre operated by the provider compromised;
    /// trust services: physical access to a restricted area (or its protection) compromised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_access_compromised: Option<bool>,
}

impl AffectedService {
    /// The names of the figures given (the fields of a service, without `entity_type` and
    /// `name`).
    fn given(&self) -> Vec<&'static str> {
        [
            (
                "scheduled_maintenance",
                self.scheduled_maintenance.is_some(),
            ),
            (
                "planned_window_minutes",
                self.planned_window_minutes.is_some(),
            ),
            ("users_in_union", self.users_in_union.is_some()),
            (
                "complete_unavailability_minutes",
                self.complete_unavailability_minutes.is_some(),
            ),
            (
                "users_completely_unavailable",
                self.users_completely_unavailable.is_some(),
            ),
            (
                "limited_availability_minutes",
                self.limited_availability_minutes.is_some(),
            ),
            (
                "users_limited_availability",
                self.users_limited_availability.is_some(),
            ),
            (
                "slow_response_minutes",
                self.slow_response_minutes.is_some(),
            ),
            (
                "average_response_seconds",
                self.average_response_seconds.is_some(),
            ),
            (
                "unavailable_minutes_calendar_week",
                self.unavailable_minutes_calendar_week.is_some(),
            ),
            ("data_compromised", self.data_compromised.is_some()),
            (
                "data_compromise_suspectedly_malicious",
                self.data_compromise_suspectedly_malicious.is_some(),
            ),
            (
                "users_data_compromise",
                self.users_data_compromise.is_some(),
            ),
            (
                "dns_misconfiguration_only",
                self.dns_misconfiguration_only.is_some(),
            ),
            (
                "domain_names_incorrect",
                self.domain_names_incorrect.is_some(),
            ),
            ("domain_names_managed", self.domain_names_managed.is_some()),
            (
                "physical_access_compromised",
                self.physical_access_compromised.is_some(),
            ),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }
}

impl IncidentFacts {
    /// The figures of the one service given in `facts`.
    fn service(&self) -> AffectedService {
        AffectedService {
            entity_type: String::new(),
            name: None,
            scheduled_maintenance: self.scheduled_maintenance,
            planned_window_minutes: self.planned_window_minutes,
            users_in_union: self.users_in_union,
            complete_unavailability_minutes: self.complete_unavailability_minutes,
            users_completely_unavailable: self.users_completely_unavailable,
            limited_availability_minutes: self.limited_availability_minutes,
            users_limited_availability: self.users_limited_availability,
            slow_response_minutes: self.slow_response_minutes,
            average_response_seconds: self.average_response_seconds,
            unavailable_minutes_calendar_week: self.unavailable_minutes_calendar_week,
            data_compromised: self.data_compromised,
            data_compromise_suspectedly_malicious: self.data_compromise_suspectedly_malicious,
            users_data_compromise: self.users_data_compromise,
            dns_misconfiguration_only: self.dns_misconfiguration_only,
            domain_names_incorrect: self.domain_names_incorrect,
            domain_names_managed: self.domain_names_managed,
            physical_access_compromised: self.physical_access_compromised,
        }
    }
}

/// The verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Significance {
    /// At least one criterion is met.
    Significant,
    /// No criterion is met.
    NotSignificant,
    /// No criterion is met so far, but some cannot be decided without more facts.
    Undetermined,
}

/// One criterion of the Regulation, evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionResult {
    /// Stable id, e.g. `art7_b`.
    pub id: Str,
    /// Article, paragraph and point, e.g. `Reg. (EU) 2024/2690, Art. 7(b)`.
    pub citation: Str,
    /// The entity types it applies to (empty: every covered type, Arts 3 and 4).
    pub entity_types: Vec<Str>,
    /// The service of `services` whose figures it was measured on: its `name`, or its entity
    /// type (absent for Arts 3 and 4, for the figures of `facts`, and for a type without a
    /// service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<Str>,
    /// What the criterion says (our summary of the text).
    pub criterion: Text,
    /// Met (true), not met (false), or not determined (null).
    pub met: Option<bool>,
    /// Why, with the figures.
    pub reason: Text,
    /// The facts that would decide it, when not determined (a figure of a service of
    /// `services` as `services[1].users_in_union`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Str>,
    /// How far the criterion has been checked against the official text.
    pub status: VerificationStatus,
}

/// The result of `significant_incident`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignificanceResult {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// The entity types assessed.
    pub entity_types: Vec<String>,
    /// The verdict.
    pub significant: Significance,
    /// One sentence.
    pub summary: Text,
    /// The criteria met (ids, each once; `criteria` says for which service).
    pub met: Vec<Str>,
    /// The facts that would settle the undetermined criteria.
    pub missing_facts: Vec<Str>,
    /// Every criterion evaluated, Art 3 first, then by Article.
    pub criteria: Vec<CriterionResult>,
    /// The legal background.
    pub notes: Vec<Note>,
}

const REG: &str = "Reg. (EU) 2024/2690";

/// Apply Articles 3 to 14 of Regulation (EU) 2024/2690 (error paths start at `$`).
pub fn assess(request: &SignificanceRequest) -> Result<SignificanceResult> {
    let services = check::check(request)?;
    let mut out: Vec<CriterionResult> = Vec::new();
    for c in criteria::general(&request.facts) {
        out.push(criterion_result(c, Vec::new(), None, ""));
    }
    for s in &services {
        out.extend(service_criteria(s));
    }
    let (significant, met, missing) = verdict(&out);
    let summary = summary(significant, &out, &missing);
    let maintenance = services.iter().any(|s| {
        s.figures
            .as_ref()
            .is_some_and(|f| f.scheduled_maintenance == Some(true))
    });
    Ok(SignificanceResult {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        entity_types: request.entity_types.clone(),
        significant,
        summary,
        met,
        missing_facts: missing,
        criteria: out,
        notes: notes(maintenance),
    })
}

/// The criteria of a service's Article, measured on its figures (undetermined when no service
/// of its type is given).
fn service_criteria(s: &Service) -> Vec<CriterionResult> {
    let types: Vec<Str> = s
        .entity_types
        .iter()
        .map(|t| Str::Owned(t.clone()))
        .collect();
    let label = s.label.clone().map(Str::Owned);
    match &s.figures {
        Some(f) => criteria::specific(s.article, f)
            .into_iter()
            .map(|c| criterion_result(c, types.clone(), label.clone(), &s.prefix))
            .collect(),
        None => {
            let t = s.entity_types.join(", ");
            criteria::specific(s.article, &AffectedService::default())
                .into_iter()
                .map(|c| {
                    let c = Criterion {
                        eval: Eval {
                            met: None,
                            en: format!("no figures are given for the entity's {t} service: list it in `services`, with its `entity_type` and its own figures"),
                            da: format!("der er ikke oplyst tal for enhedens {t}-tjeneste: angiv den i `services` med dens `entity_type` og dens egne tal"),
                            needs: vec![Str::Borrowed("services")],
                        },
                        ..c
                    };
                    criterion_result(c, types.clone(), None, "")
                })
                .collect()
        }
    }
}

/// A criterion evaluated, with the reason in words (`Met: …`, `Not met: …`, `Not determined: …`),
/// the entity types it applies to (none for the general criteria of Art 3), the service it was
/// measured on and where that service's figures are in the request (`services[1].`).
fn criterion_result(
    c: Criterion,
    types: Vec<Str>,
    service: Option<Str>,
    prefix: &str,
) -> CriterionResult {
    let (en, da) = match c.eval.met {
        Some(true) => (
            format!("Met: {}.", c.eval.en),
            format!("Opfyldt: {}.", c.eval.da),
        ),
        Some(false) => (
            format!("Not met: {}.", c.eval.en),
            format!("Ikke opfyldt: {}.", c.eval.da),
        ),
        None => (
            format!("Not determined: {}.", c.eval.en),
            format!("Ikke afgjort: {}.", c.eval.da),
        ),
    };
    let needs = c
        .eval
        .needs
        .into_iter()
        .map(|n| {
            if prefix.is_empty() {
                n
            } else {
                Str::Owned(format!("{prefix}{n}"))
            }
        })
        .collect();
    CriterionResult {
        id: Str::Borrowed(c.id),
        citation: Str::Owned(format!("{REG}, {}", c.citation)),
        entity_types: types,
        service,
        criterion: c.text,
        met: c.eval.met,
        reason: Text::new(en, da),
        needs,
        status: VerificationStatus::Verified,
    }
}

/// The verdict, the criteria met and (when undetermined) the facts that would decide it.
fn verdict(out: &[CriterionResult]) -> (Significance, Vec<Str>, Vec<Str>) {
    let mut met: Vec<Str> = Vec::new();
    for c in out.iter().filter(|c| c.met == Some(true)) {
        if !met.contains(&c.id) {
            met.push(c.id.clone());
        }
    }
    let mut missing: Vec<Str> = Vec::new();
    for c in out.iter().filter(|c| c.met.is_none()) {
        for n in &c.needs {
            if !missing.contains(n) {
                missing.push(n.clone());
            }
        }
    }
    let significant = if !met.is_empty() {
        Significance::Significant
    } else if out.iter().any(|c| c.met.is_none()) {
        Significance::Undetermined
    } else {
        Significance::NotSignificant
    };
    if significant != Significance::Undetermined {
        missing.clear();
    }
    (significant, met, missing)
}

/// The verdict in a sentence: the criteria met (with the service, where one is named).
fn summary(significant: Significance, out: &[CriterionResult], missing: &[Str]) -> Text {
    match significant {
        Significance::Significant => {
            let mut met: Vec<String> = Vec::new();
            for c in out.iter().filter(|c| c.met == Some(true)) {
                let item = match &c.service {
                    Some(s) => format!("{} [{s}]", c.id),
                    None => c.id.to_string(),
                };
                if !met.contains(&item) {
                    met.push(item);
                }
            }
            Text::new(
                format!("Significant incident: {} met ({}). The Art 23 reporting clocks run from becoming aware of it.", if met.len() == 1 { "one criterion is" } else { "criteria are" }, met.join(", ")),
                format!("Væsentlig hændelse: {} opfyldt ({}). Fristerne for rapportering efter art. 23 løber fra kendskabet til den.", if met.len() == 1 { "ét kriterium er" } else { "kriterier er" }, met.join(", ")),
            )
        }
        Significance::NotSignificant => Text::st(
            "Not a significant incident under Regulation (EU) 2024/2690: no criterion of Articles 3 to 14 is met.",
            "Ikke en væsentlig hændelse efter forordning (EU) 2024/2690: intet kriterium i artikel 3-14 er opfyldt.",
        ),
        Significance::Undetermined => Text::new(
            format!("Undetermined: no criterion is met by the facts given, but some cannot be decided without {}.", missing.join(", ")),
            format!("Uafklaret: intet kriterium er opfyldt ud fra de oplyste fakta, men nogle kan ikke afgøres uden {}.", missing.join(", ")),
        ),
    }
}

/// The notes every result carries: how to count users (Art 3(3)) and what the Regulation
/// specifies (Art 23(3) of the Directive); with scheduled maintenance, what Art 3(2) leaves
/// out.
fn notes(maintenance: bool) -> Vec<Note> {
    let mut notes = vec![
        Note::new(
            "cir_2690_art3_3_users",
            "Reg. (EU) 2024/2690, Art. 3(3)",
            Text::st(
                "When counting the users impacted (Articles 7 and 9 to 14), count both the customers with a contract granting access to the network and information systems or services, and the natural and legal persons associated with business customers that use them.",
                "Ved optælling af berørte brugere (artikel 7 og 9-14) medregnes både kunder med en aftale, der giver adgang til net- og informationssystemerne eller tjenesterne, og de fysiske og juridiske personer, der er tilknyttet erhvervskunder, som anvender dem.",
            ),
            VerificationStatus::Verified,
        ),
        Note::new(
            "art23_3",
            "Directive (EU) 2022/2555, Art. 23(3)",
            Text::st(
                "The Regulation further specifies, for these entity types, the cases in which an incident is significant under Art 23(3) of the Directive (severe operational disruption or financial loss; considerable material or non-material damage to others).",
                "Forordningen præciserer for disse enhedstyper, i hvilke tilfælde en hændelse er væsentlig efter direktivets art. 23, stk. 3 (alvorlige driftsforstyrrelser eller økonomiske tab; betydelig materiel eller immateriel skade for andre).",
            ),
            VerificationStatus::Verified,
        ),
    ];
    if maintenance {
        notes.push(Note::new(
            "cir_2690_art3_2_maintenance",
            "Reg. (EU) 2024/2690, Art. 3(2); recital 33",
            Text::st(
                "Scheduled interruptions of service and the planned consequences of scheduled maintenance carried out by or on behalf of the entity are not significant incidents (Art 3(2)). Recital 33 explains this as the unavailability or limited availability of the service that follows from the scheduled operation (or from an interruption agreed in advance by contract). Only the availability criteria leave out the planned window; what goes beyond it is not planned and counts, and every other criterion (financial loss, trade secrets, death or health, malicious access, compromised data, physical access, recurring incidents) applies in full.",
                "Planlagte afbrydelser af tjenesten og planlagte følger af planlagt vedligeholdelse, som udføres af eller på vegne af enheden, er ikke væsentlige hændelser (art. 3, stk. 2). Betragtning 33 forklarer det som tjenestens utilgængelighed eller begrænsede tilgængelighed, der følger af den planlagte handling (eller af en afbrydelse aftalt på forhånd ved kontrakt). Kun tilgængelighedskriterierne ser bort fra det planlagte tidsrum; det, der går ud over det, er ikke planlagt og tæller med, og alle andre kriterier (økonomisk tab, forretningshemmeligheder, død eller helbred, ondsindet adgang, kompromitterede data, fysisk adgang, tilbagevendende hændelser) gælder fuldt ud.",
            ),
            VerificationStatus::Secondary,
        ));
    }
    notes
}
#[cfg(test)]
mod tests {
    use super::*;

    fn req(types: &[&str], facts: IncidentFacts) -> SignificanceRequest {
        SignificanceRequest {
            entity_types: types.iter().map(|s| (*s).to_owned()).collect(),
            facts,
            services: Vec::new(),
        }
    }

    fn met(r: &SignificanceResult, id: &str) -> Option<bool> {
        r.criteria.iter().find(|c| c.id == id).unwrap().met
    }

    #[test]
    fn financial_threshold_is_the_lower_figure() {
        let f = IncidentFacts {
            direct_financial_loss_eur: Some(300_000.0),
            annual_turnover_eur: Some(5_000_000.0),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04"], f)).unwrap();
        assert_eq!(met(&r, "art3_1_a"), Some(true)); // 5 % of 5 m = 250 000
        let f = IncidentFacts {
            direct_financial_loss_eur: Some(300_000.0),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04"], f)).unwrap();
        assert_eq!(met(&r, "art3_1_a"), None);
        let f = IncidentFacts {
            direct_financial_loss_eur: Some(500_000.01),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04"], f)).unwrap();
        assert_eq!(met(&r, "art3_1_a"), Some(true));
        assert_eq!(r.significant, Significance::Significant);
    }

    #[test]
    fn users_whichever_smaller() {
        // 5 % of 10 m users is 500 000: 600 000 affected exceeds it.
        let f = IncidentFacts {
            scheduled_maintenance: Some(false),
            users_in_union: Some(10_000_000),
            users_limited_availability: Some(600_000),
            limited_availability_minutes: Some(61.0),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04"], f)).unwrap();
        assert_eq!(met(&r, "art7_b"), Some(true));
        // Exactly 5 % is not "more than".
        let f = IncidentFacts {
            scheduled_maintenance: Some(false),
            users_in_union: Some(10_000_000),
            users_limited_availability: Some(500_000),
            limited_availability_minutes: Some(120.0),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04"], f)).unwrap();
        assert_eq!(met(&r, "art7_b"), Some(false));
        // More than 1 million is enough without the total.
        let f = IncidentFacts {
            scheduled_maintenance: Some(false),
            users_limited_availability: Some(1_000_001),
            limited_availability_minutes: Some(61.0),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-09-01", "NIS2-I-09-02"], f)).unwrap();
        assert_eq!(met(&r, "art10_b"), Some(true));
        assert_eq!(
            r.criteria
                .iter()
                .filter(|c| c.id.starts_with("art10"))
                .count(),
            4
        );
    }

    #[test]
    fn all_facts_no() {
        let f = IncidentFacts {
            scheduled_maintenance: Some(false),
            direct_financial_loss_eur: Some(0.0),
            trade_secrets_exfiltrated: Some(false),
            death: Some(false),
            considerable_health_damage: Some(false),
            malicious_unauthorised_access: Some(false),
            recurring: Some(RecurringIncidents {
                occurrences_within_6_months: 1,
                same_apparent_root_cause: false,
                combined_direct_financial_loss_eur: 0.0,
            }),
            complete_unavailability_minutes: Some(10.0),
            unavailable_minutes_calendar_week: Some(10.0),
            users_in_union: Some(1000),
            users_limited_availability: Some(5),
            data_compromised: Some(false),
            physical_access_compromised: Some(false),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-07"], f)).unwrap();
        assert_eq!(r.significant, Significance::NotSignificant, "{r:#?}");
    }

    #[test]
    fn rejects_uncovered_types() {
        let e = assess(&req(&["NIS2-I-06-01"], IncidentFacts::default())).unwrap_err();
        assert_eq!(e.path(), Some("$.entity_types[0]"));
        let e = assess(&req(&["NIS2-I-08-4"], IncidentFacts::default())).unwrap_err();
        assert_eq!(e.kind(), "unknown_id");
    }

    fn service(entity_type: &str) -> AffectedService {
        AffectedService {
            entity_type: entity_type.to_owned(),
            ..AffectedService::default()
        }
    }

    #[test]
    fn maintenance_excludes_only_the_planned_window() {
        let f = IncidentFacts {
            scheduled_maintenance: Some(true),
            planned_window_minutes: Some(120.0),
            complete_unavailability_minutes: Some(150.0),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04"], f.clone())).unwrap();
        assert_eq!(met(&r, "art7_a"), Some(false)); // 30 minutes beyond: not more than 30
        let f = IncidentFacts {
            complete_unavailability_minutes: Some(151.0),
            death: Some(true),
            ..f
        };
        let r = assess(&req(&["NIS2-I-08-04"], f)).unwrap();
        assert_eq!(met(&r, "art7_a"), Some(true));
        assert_eq!(met(&r, "art3_1_c"), Some(true));
        assert_eq!(r.notes.len(), 3);
    }

    #[test]
    fn unknown_maintenance_matters_only_over_a_threshold() {
        let f = IncidentFacts {
            complete_unavailability_minutes: Some(31.0),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04"], f)).unwrap();
        let c = r.criteria.iter().find(|c| c.id == "art7_a").unwrap();
        assert_eq!(c.met, None);
        assert_eq!(c.needs, vec![Str::Borrowed("scheduled_maintenance")]);
        let f = IncidentFacts {
            complete_unavailability_minutes: Some(30.0),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04"], f)).unwrap();
        assert_eq!(met(&r, "art7_a"), Some(false));
    }

    #[test]
    fn no_duration_criteria_count_only_beyond_the_window() {
        let f = IncidentFacts {
            scheduled_maintenance: Some(true),
            planned_window_minutes: Some(60.0),
            users_in_union: Some(1000),
            users_completely_unavailable: Some(100),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-II-06-01"], f.clone())).unwrap();
        let c = r.criteria.iter().find(|c| c.id == "art11_a").unwrap();
        assert_eq!(c.met, None);
        assert_eq!(
            c.needs,
            vec![Str::Borrowed("complete_unavailability_minutes")]
        );
        let within = IncidentFacts {
            complete_unavailability_minutes: Some(60.0),
            ..f.clone()
        };
        let r = assess(&req(&["NIS2-II-06-01"], within)).unwrap();
        assert_eq!(met(&r, "art11_a"), Some(false));
        let beyond = IncidentFacts {
            complete_unavailability_minutes: Some(61.0),
            ..f
        };
        let r = assess(&req(&["NIS2-II-06-01"], beyond)).unwrap();
        assert_eq!(met(&r, "art11_a"), Some(true));
    }

    #[test]
    fn several_articles_need_figures_per_service() {
        let f = IncidentFacts {
            users_in_union: Some(10),
            ..IncidentFacts::default()
        };
        let e = assess(&req(&["NIS2-I-08-04", "NIS2-I-08-07"], f)).unwrap_err();
        assert_eq!(e.path(), Some("$.facts.users_in_union"));
        // Without figures in `facts`, each type's criteria wait for its service.
        let f = IncidentFacts {
            death: Some(false),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04", "NIS2-I-08-07"], f)).unwrap();
        let c = r.criteria.iter().find(|c| c.id == "art14_a").unwrap();
        assert_eq!(c.needs, vec![Str::Borrowed("services")]);
    }

    #[test]
    fn each_service_is_measured_on_its_own_figures() {
        let cloud = AffectedService {
            name: Some("compute".to_owned()),
            complete_unavailability_minutes: Some(10.0),
            ..service("NIS2-I-08-04")
        };
        let tsp = AffectedService {
            scheduled_maintenance: Some(false),
            complete_unavailability_minutes: Some(25.0),
            ..service("NIS2-I-08-07")
        };
        let mut r = req(&["NIS2-I-08-04", "NIS2-I-08-07"], IncidentFacts::default());
        r.services = vec![tsp, cloud];
        let out = assess(&r).unwrap();
        assert_eq!(met(&out, "art7_a"), Some(false));
        assert_eq!(met(&out, "art14_a"), Some(true));
        let c = out.criteria.iter().find(|c| c.id == "art7_a").unwrap();
        assert_eq!(c.service.as_deref(), Some("compute"));
        let c = out.criteria.iter().find(|c| c.id == "art14_b").unwrap();
        assert_eq!(
            c.needs,
            vec![Str::Borrowed(
                "services[0].unavailable_minutes_calendar_week"
            )]
        );
        // Art 7 comes before Art 14 whatever the order of `services`.
        let first = out.criteria.iter().position(|c| c.id == "art7_a").unwrap();
        let last = out.criteria.iter().position(|c| c.id == "art14_a").unwrap();
        assert!(first < last);
    }

    #[test]
    fn service_problems_are_named_at_their_paths() {
        let mut r = req(&["NIS2-I-08-04"], IncidentFacts::default());
        r.facts.users_in_union = Some(5);
        r.services = vec![
            service("NIS2-I-08-04"),
            service("NIS2-I-08-04"),
            AffectedService {
                planned_window_minutes: Some(5.0),
                ..service("NIS2-I-08-07")
            },
        ];
        let e = assess(&r).unwrap_err();
        let paths: Vec<String> = match &e {
            crate::error::Error::Multiple(list) => list
                .iter()
                .filter_map(|x| x.path().map(str::to_owned))
                .collect(),
            other => vec![other.path().unwrap_or("").to_owned()],
        };
        assert_eq!(
            paths,
            [
                "$.services[2].planned_window_minutes",
                "$.services[1].name",
                "$.services[2].entity_type",
                "$.facts.users_in_union",
            ]
        );
    }

    #[test]
    fn service_fields_are_the_same_in_facts() {
        let service = serde_json::to_value(schemars::schema_for!(AffectedService)).unwrap();
        let facts = serde_json::to_value(schemars::schema_for!(IncidentFacts)).unwrap();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect()
        };
        let mut want: Vec<String> = keys(&service)
            .into_iter()
            .filter(|k| k != "entity_type" && k != "name")
            .collect();
        let entity = [
            "direct_financial_loss_eur",
            "annual_turnover_eur",
            "trade_secrets_exfiltrated",
            "death",
            "considerable_health_damage",
            "malicious_unauthorised_access",
            "recurring",
        ];
        let mut got: Vec<String> = keys(&facts)
            .into_iter()
            .filter(|k| !entity.contains(&k.as_str()))
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want);
        // `given` names every figure.
        let all = IncidentFacts {
            scheduled_maintenance: Some(true),
            planned_window_minutes: Some(0.0),
            users_in_union: Some(0),
            complete_unavailability_minutes: Some(0.0),
            users_completely_unavailable: Some(0),
            limited_availability_minutes: Some(0.0),
            users_limited_availability: Some(0),
            slow_response_minutes: Some(0.0),
            average_response_seconds: Some(0.0),
            unavailable_minutes_calendar_week: Some(0.0),
            data_compromised: Some(false),
            data_compromise_suspectedly_malicious: Some(false),
            users_data_compromise: Some(0),
            dns_misconfiguration_only: Some(false),
            domain_names_incorrect: Some(0),
            domain_names_managed: Some(0),
            physical_access_compromised: Some(false),
            ..IncidentFacts::default()
        };
        let mut given: Vec<String> = all
            .service()
            .given()
            .into_iter()
            .map(str::to_owned)
            .collect();
        given.sort();
        assert_eq!(given, want);
    }
}
