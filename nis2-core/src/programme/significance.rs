//! When an incident is significant for the entities of Commission Implementing Regulation (EU)
//! 2024/2690 (Articles 3 to 14): DNS service providers, TLD name registries, cloud computing,
//! data centre and content delivery network providers, managed (security) service providers,
//! online marketplaces, online search engines, social networking services platforms and trust
//! service providers.
//!
//! Each criterion is evaluated in three-valued logic: met, not met, or not determined because a
//! fact it needs was not given. The incident is significant as soon as one criterion is met (and
//! it is not a scheduled interruption, Art 3(2)); not significant when every criterion is not
//! met; otherwise undetermined, with the facts that would settle it.
//!
//! The criteria were read in the text of the Regulation as published (EUR-Lex, CELEX
//! 32024R2690); they are marked `verified`. "More than 5 % of users or more than 1 million users,
//! whichever number is smaller" is met when the users affected exceed either figure.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Note, RESULT_SCHEMA_VERSION};
use crate::entity_types::VerificationStatus;
use crate::error::{Error, Result};
use crate::text::{Str, Text};

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

/// `significant_incident`: apply the thresholds of Regulation (EU) 2024/2690.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignificanceRequest {
    /// The entity's types covered by the Regulation (catalog ids, e.g. `NIS2-I-08-04`). An
    /// entity of several types is assessed against the criteria of each.
    pub entity_types: Vec<String>,
    /// What is known about the incident. A fact left out is unknown, not "no".
    #[serde(default)]
    pub facts: IncidentFacts,
}

/// Several incidents with the same apparent root cause (Art 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecurringIncidents {
    /// How many incidents (this one included) occurred within 6 months.
    pub occurrences_within_6_months: u32,
    /// Whether they have the same apparent root cause.
    pub same_apparent_root_cause: bool,
    /// Their direct financial loss taken together, in EUR.
    #[schemars(range(min = 0.0))]
    pub combined_direct_financial_loss_eur: f64,
}

/// What is known about the incident. Every field is optional; "caused" includes "is capable of
/// causing" where the Regulation says so.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentFacts {
    /// A scheduled interruption of service, or a planned consequence of scheduled maintenance
    /// (Art 3(2): then not a significant incident).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_maintenance: Option<bool>,
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
    /// The service's users in the Union (for a trust service: users and relying parties),
    /// counted as Art 3(3) says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_in_union: Option<u64>,
    /// How long the service was completely unavailable (minutes; 0 if it was not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub complete_unavailability_minutes: Option<f64>,
    /// Users in the Union for whom the service was completely unavailable (Arts 11–13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_completely_unavailable: Option<u64>,
    /// How long the availability was limited (minutes; 0 if it was not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub limited_availability_minutes: Option<f64>,
    /// Users in the Union impacted by the limited availability.
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
    /// Users in the Union impacted by the data compromise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_data_compromise: Option<u64>,
    /// DNS: the only compromise is incorrect data caused by misconfiguration (Art 5(c)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_misconfiguration_only: Option<bool>,
    /// DNS: domain names whose data is incorrect.
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

/// The verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Significance {
    /// At least one criterion is met.
    Significant,
    /// No criterion is met (or the incident is a scheduled interruption, Art 3(2)).
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
    /// What the criterion says (our summary of the text).
    pub criterion: Text,
    /// Met (true), not met (false), or not determined (null).
    pub met: Option<bool>,
    /// Why, with the figures.
    pub reason: Text,
    /// The facts that would decide it, when not determined.
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
    /// The criteria met (ids).
    pub met: Vec<Str>,
    /// The facts that would settle the undetermined criteria.
    pub missing_facts: Vec<Str>,
    /// Whether Art 3(2) (scheduled interruption or maintenance) excludes the incident.
    pub scheduled_maintenance: bool,
    /// Every criterion evaluated, Art 3 first.
    pub criteria: Vec<CriterionResult>,
    /// The legal background.
    pub notes: Vec<Note>,
}

/// A three-valued evaluation with its explanation.
struct Eval {
    met: Option<bool>,
    en: String,
    da: String,
    needs: Vec<&'static str>,
}

impl Eval {
    fn unknown(field: &'static str) -> Eval {
        Eval {
            met: None,
            en: format!("`{field}` is not given"),
            da: format!("`{field}` er ikke oplyst"),
            needs: vec![field],
        }
    }

    fn flag(v: Option<bool>, field: &'static str, en: &str, da: &str) -> Eval {
        match v {
            None => Eval::unknown(field),
            Some(true) => Eval {
                met: Some(true),
                en: en.to_owned(),
                da: da.to_owned(),
                needs: Vec::new(),
            },
            Some(false) => Eval {
                met: Some(false),
                en: format!("not the case: {en}"),
                da: format!("ikke tilfældet: {da}"),
                needs: Vec::new(),
            },
        }
    }

    fn minutes_over(
        v: Option<f64>,
        limit: f64,
        field: &'static str,
        what_en: &str,
        what_da: &str,
    ) -> Eval {
        match v {
            None => Eval::unknown(field),
            Some(m) => {
                let met = m > limit;
                let (ce, cd) = if met {
                    ("more than", "mere end")
                } else {
                    ("not more than", "ikke mere end")
                };
                Eval {
                    met: Some(met),
                    en: format!("{what_en} {m} minutes, {ce} {limit}"),
                    da: format!("{what_da} {m} minutter, {cd} {limit}"),
                    needs: Vec::new(),
                }
            }
        }
    }

    /// Affected users "more than `permille`‰ of the users in the Union or more than `cap`,
    /// whichever number is smaller".
    fn users_over(
        affected: Option<u64>,
        field: &'static str,
        total: Option<u64>,
        permille: u64,
        cap: u64,
    ) -> Eval {
        let (pct_en, pct_da) = format_pct(permille);
        let Some(a) = affected else {
            return Eval::unknown(field);
        };
        if a > cap {
            return Eval {
                met: Some(true),
                en: format!("{a} users affected, more than {cap}"),
                da: format!("{a} brugere berørt, mere end {cap}"),
                needs: Vec::new(),
            };
        }
        match total {
            Some(u) => {
                let met = u128::from(a) * 1000 > u128::from(permille) * u128::from(u);
                let share = format_share(a, u);
                let share_da = share.replace('.', ",");
                let (ce, cd) = if met {
                    ("more than", "mere end")
                } else {
                    ("not more than", "ikke mere end")
                };
                Eval {
                    met: Some(met),
                    en: format!("{a} of {u} users in the Union affected ({share} %), {ce} {pct_en} % and not more than {cap}"),
                    da: format!("{a} af {u} brugere i Unionen berørt ({share_da} %), {cd} {pct_da} % og ikke mere end {cap}"),
                    needs: Vec::new(),
                }
            }
            None if a == 0 => Eval {
                met: Some(false),
                en: "no users affected".to_owned(),
                da: "ingen brugere berørt".to_owned(),
                needs: Vec::new(),
            },
            None => Eval {
                met: None,
                en: format!("{a} users affected, not more than {cap}; whether that is more than {pct_en} % needs `users_in_union`"),
                da: format!("{a} brugere berørt, ikke mere end {cap}; om det er mere end {pct_da} %, kræver `users_in_union`"),
                needs: vec!["users_in_union"],
            },
        }
    }

    /// Both must hold.
    fn and(self, other: Eval) -> Eval {
        let met = match (self.met, other.met) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        };
        // When one side settles the outcome as not met, the other side's missing facts do not
        // matter.
        let needs = if met == Some(false) {
            Vec::new()
        } else {
            let mut n = self.needs;
            for x in other.needs {
                if !n.contains(&x) {
                    n.push(x);
                }
            }
            n
        };
        Eval {
            met,
            en: format!("{}; {}", self.en, other.en),
            da: format!("{}; {}", self.da, other.da),
            needs,
        }
    }
}

/// A per-mille figure as a percentage, in English and Danish notation.
fn format_pct(permille: u64) -> (String, String) {
    if permille.is_multiple_of(10) {
        let s = format!("{}", permille / 10);
        (s.clone(), s)
    } else {
        (
            format!("{}.{}", permille / 10, permille % 10),
            format!("{},{}", permille / 10, permille % 10),
        )
    }
}

fn format_share(a: u64, u: u64) -> String {
    if u == 0 {
        return "–".to_owned();
    }
    // Two decimals, rounded half up, exact in integers.
    let hundredths = (u128::from(a) * 10_000 + u128::from(u) / 2) / u128::from(u);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// Direct financial loss "exceeds EUR 500 000 or 5 % of the total annual turnover in the
/// preceding financial year, whichever is lower".
fn financial(loss: Option<f64>, loss_field: &'static str, turnover: Option<f64>) -> Eval {
    let Some(l) = loss else {
        return Eval::unknown(loss_field);
    };
    if l > 500_000.0 {
        return Eval {
            met: Some(true),
            en: format!("direct financial loss EUR {l}, more than EUR 500000"),
            da: format!("direkte økonomisk tab EUR {l}, mere end EUR 500000"),
            needs: Vec::new(),
        };
    }
    match turnover {
        Some(t) => {
            let five = t * 0.05;
            let met = l > five;
            let (ce, cd) = if met {
                ("more than", "mere end")
            } else {
                ("not more than", "ikke mere end")
            };
            Eval {
                met: Some(met),
                en: format!("direct financial loss EUR {l}, not more than EUR 500000 and {ce} 5 % of the annual turnover (EUR {five})"),
                da: format!("direkte økonomisk tab EUR {l}, ikke mere end EUR 500000 og {cd} 5 % af årsomsætningen (EUR {five})"),
                needs: Vec::new(),
            }
        }
        None if l <= 0.0 => Eval {
            met: Some(false),
            en: "no direct financial loss".to_owned(),
            da: "intet direkte økonomisk tab".to_owned(),
            needs: Vec::new(),
        },
        None => Eval {
            met: None,
            en: format!("direct financial loss EUR {l}, not more than EUR 500000; whether it is more than 5 % of the annual turnover needs `annual_turnover_eur`"),
            da: format!("direkte økonomisk tab EUR {l}, ikke mere end EUR 500000; om det er mere end 5 % af årsomsætningen, kræver `annual_turnover_eur`"),
            needs: vec!["annual_turnover_eur"],
        },
    }
}

struct Criterion {
    id: &'static str,
    citation: &'static str,
    text: Text,
    eval: Eval,
}

const REG: &str = "Reg. (EU) 2024/2690";

/// Apply Articles 3 to 14 of Regulation (EU) 2024/2690 (error paths start at `$`).
pub fn assess(request: &SignificanceRequest) -> Result<SignificanceResult> {
    let articles = check(request)?;
    let f = &request.facts;
    let mut out: Vec<CriterionResult> = Vec::new();
    for c in general(f) {
        out.push(criterion_result(c, Vec::new()));
    }
    for (article, types) in &articles {
        let types: Vec<Str> = types.iter().map(|t| Str::Owned(t.clone())).collect();
        for c in specific(*article, f) {
            out.push(criterion_result(c, types.clone()));
        }
    }

    let scheduled = f.scheduled_maintenance == Some(true);
    let (significant, met, missing) = verdict(&out, scheduled);
    let summary = summary(significant, scheduled, &met, &missing);

    Ok(SignificanceResult {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        entity_types: request.entity_types.clone(),
        significant,
        summary,
        met,
        missing_facts: missing,
        scheduled_maintenance: scheduled,
        criteria: out,
        notes: notes(),
    })
}

/// A criterion evaluated, with the reason in words (`Met: …`, `Not met: …`, `Not determined: …`)
/// and the entity types it applies to (none for the general criteria of Art 3).
fn criterion_result(c: Criterion, types: Vec<Str>) -> CriterionResult {
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
    CriterionResult {
        id: Str::Borrowed(c.id),
        citation: Str::Owned(format!("{REG}, {}", c.citation)),
        entity_types: types,
        criterion: c.text,
        met: c.eval.met,
        reason: Text::new(en, da),
        needs: c.eval.needs.into_iter().map(Str::Borrowed).collect(),
        status: VerificationStatus::Verified,
    }
}

/// The verdict, the criteria met and (when undetermined) the facts that would decide it.
fn verdict(out: &[CriterionResult], scheduled: bool) -> (Significance, Vec<Str>, Vec<Str>) {
    let met: Vec<Str> = out
        .iter()
        .filter(|c| c.met == Some(true))
        .map(|c| c.id.clone())
        .collect();
    let mut missing: Vec<Str> = Vec::new();
    for c in out.iter().filter(|c| c.met.is_none()) {
        for n in &c.needs {
            if !missing.contains(n) {
                missing.push(n.clone());
            }
        }
    }
    let significant = if scheduled {
        Significance::NotSignificant
    } else if !met.is_empty() {
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

/// The verdict in a sentence.
fn summary(significant: Significance, scheduled: bool, met: &[Str], missing: &[Str]) -> Text {
    match significant {
        Significance::NotSignificant if scheduled => Text::st(
            "Not a significant incident: scheduled interruptions of service and planned consequences of scheduled maintenance are not significant incidents (Art 3(2)).",
            "Ikke en væsentlig hændelse: planlagte afbrydelser af tjenesten og planlagte følger af planlagt vedligeholdelse er ikke væsentlige hændelser (art. 3, stk. 2).",
        ),
        Significance::Significant => Text::new(
            format!("Significant incident: {} met ({}). The Art 23 reporting clocks run from becoming aware of it.", if met.len() == 1 { "one criterion is" } else { "criteria are" }, met.join(", ")),
            format!("Væsentlig hændelse: {} opfyldt ({}). Fristerne for rapportering efter art. 23 løber fra kendskabet til den.", if met.len() == 1 { "ét kriterium er" } else { "kriterier er" }, met.join(", ")),
        ),
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
/// specifies (Art 23(3) of the Directive).
fn notes() -> Vec<Note> {
    vec![
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
    ]
}

/// Validate the request; the Articles with specific criteria and the types they cover, in
/// Article order.
fn check(r: &SignificanceRequest) -> Result<Vec<(u8, Vec<String>)>> {
    let mut e = Vec::new();
    let catalog = crate::entity_types::catalog()?;
    if r.entity_types.is_empty() {
        e.push(Error::invalid(
            "$.entity_types",
            "give at least one entity type covered by Regulation (EU) 2024/2690",
        ));
    }
    let mut articles = check_entity_types(r, catalog, &mut e);
    check_facts(&r.facts, &mut e);
    Error::from_list(e)?;
    articles.sort_by_key(|(a, _)| *a);
    Ok(articles)
}

/// Each entity type listed once and covered by the Regulation: the Articles with specific
/// criteria and the types they cover, in the order first listed.
fn check_entity_types(
    r: &SignificanceRequest,
    catalog: &crate::entity_types::EntityTypeCatalog,
    e: &mut Vec<Error>,
) -> Vec<(u8, Vec<String>)> {
    let mut articles: Vec<(u8, Vec<String>)> = Vec::new();
    for (i, id) in r.entity_types.iter().enumerate() {
        let path = format!("$.entity_types[{i}]");
        if r.entity_types.iter().take(i).any(|x| x == id) {
            e.push(Error::invalid(path, format!("`{id}` is listed twice")));
            continue;
        }
        match COVERED.iter().find(|(t, _)| t == id) {
            Some((_, art)) => match articles.iter_mut().find(|(a, _)| a == art) {
                Some((_, list)) => list.push(id.clone()),
                None => articles.push((*art, vec![id.clone()])),
            },
            None if catalog.get(id).is_some() => e.push(Error::invalid(
                path,
                format!("`{id}` is not covered by Implementing Regulation (EU) 2024/2690 (its Art 1 lists DNS, TLD, cloud, data centre, CDN, MSP, MSSP, online marketplaces, search engines, social networks and trust service providers: {}); for other entities, Art 23(3) of the Directive and national guidance decide significance", COVERED.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(", ")),
            )),
            None => e.push(Error::UnknownId {
                accepted: Vec::new(),
                path,
                what: "entity type".to_owned(),
                value: id.clone(),
                suggestions: crate::suggest::nearest(id, COVERED.iter().map(|(t, _)| *t), 3),
            }),
        }
    }
    articles
}

/// The facts: amounts and durations finite and not negative, counts within their totals.
fn check_facts(f: &IncidentFacts, e: &mut Vec<Error>) {
    let non_negative = |e: &mut Vec<Error>, field: &str, v: Option<f64>| {
        if let Some(x) = v {
            if !x.is_finite() || x < 0.0 {
                e.push(Error::invalid(
                    format!("$.facts.{field}"),
                    format!("must be a finite number, zero or more, got {x}"),
                ));
            }
        }
    };
    for (field, v) in [
        ("direct_financial_loss_eur", f.direct_financial_loss_eur),
        ("annual_turnover_eur", f.annual_turnover_eur),
        (
            "complete_unavailability_minutes",
            f.complete_unavailability_minutes,
        ),
        (
            "limited_availability_minutes",
            f.limited_availability_minutes,
        ),
        ("slow_response_minutes", f.slow_response_minutes),
        ("average_response_seconds", f.average_response_seconds),
        (
            "unavailable_minutes_calendar_week",
            f.unavailable_minutes_calendar_week,
        ),
    ] {
        non_negative(e, field, v);
    }
    if let Some(rec) = &f.recurring {
        non_negative(
            e,
            "recurring.combined_direct_financial_loss_eur",
            Some(rec.combined_direct_financial_loss_eur),
        );
        if rec.occurrences_within_6_months == 0 {
            e.push(Error::invalid(
                "$.facts.recurring.occurrences_within_6_months",
                "count this incident too: at least 1",
            ));
        }
    }
    if let Some(total) = f.users_in_union {
        for (field, v) in [
            (
                "users_completely_unavailable",
                f.users_completely_unavailable,
            ),
            ("users_limited_availability", f.users_limited_availability),
            ("users_data_compromise", f.users_data_compromise),
        ] {
            if let Some(a) = v.filter(|a| *a > total) {
                e.push(Error::invalid(
                    format!("$.facts.{field}"),
                    format!("{a} users affected is more than the {total} users in the Union (users_in_union)"),
                ));
            }
        }
    }
    if let (Some(a), Some(m)) = (f.domain_names_incorrect, f.domain_names_managed) {
        if a > m {
            e.push(Error::invalid(
                "$.facts.domain_names_incorrect",
                format!("{a} incorrect domain names is more than the {m} managed (domain_names_managed)"),
            ));
        }
    }
}

fn general(f: &IncidentFacts) -> Vec<Criterion> {
    let recurring = match &f.recurring {
        None => Eval::unknown("recurring"),
        Some(r) => {
            let twice = Eval {
                met: Some(r.occurrences_within_6_months >= 2),
                en: format!(
                    "{} occurrences within 6 months (at least two needed)",
                    r.occurrences_within_6_months
                ),
                da: format!(
                    "{} forekomster inden for 6 måneder (mindst to kræves)",
                    r.occurrences_within_6_months
                ),
                needs: Vec::new(),
            };
            let cause = Eval::flag(
                Some(r.same_apparent_root_cause),
                "recurring.same_apparent_root_cause",
                "the same apparent root cause",
                "samme tilsyneladende grundlæggende årsag",
            );
            let money = financial(
                Some(r.combined_direct_financial_loss_eur),
                "recurring.combined_direct_financial_loss_eur",
                f.annual_turnover_eur,
            );
            twice.and(cause).and(money)
        }
    };
    vec![
        Criterion {
            id: "art3_1_a",
            citation: "Art. 3(1)(a)",
            text: Text::st(
                "The incident has caused or is capable of causing direct financial loss for the entity that exceeds EUR 500 000 or 5 % of its total annual turnover in the preceding financial year, whichever is lower.",
                "Hændelsen har forårsaget eller kan forårsage et direkte økonomisk tab for enheden, der overstiger 500 000 EUR eller 5 % af dens samlede årsomsætning i det foregående regnskabsår, alt efter hvilket beløb der er lavest.",
            ),
            eval: financial(f.direct_financial_loss_eur, "direct_financial_loss_eur", f.annual_turnover_eur),
        },
        Criterion {
            id: "art3_1_b",
            citation: "Art. 3(1)(b)",
            text: Text::st(
                "The incident has caused or is capable of causing the exfiltration of trade secrets (Directive (EU) 2016/943, Art 2(1)) of the entity.",
                "Hændelsen har forårsaget eller kan forårsage udtræk af enhedens forretningshemmeligheder (direktiv (EU) 2016/943, art. 2, nr. 1).",
            ),
            eval: Eval::flag(f.trade_secrets_exfiltrated, "trade_secrets_exfiltrated", "exfiltration of trade secrets", "udtræk af forretningshemmeligheder"),
        },
        Criterion {
            id: "art3_1_c",
            citation: "Art. 3(1)(c)",
            text: Text::st(
                "The incident has caused or is capable of causing the death of a natural person.",
                "Hændelsen har forårsaget eller kan forårsage en fysisk persons død.",
            ),
            eval: Eval::flag(f.death, "death", "death of a natural person", "en fysisk persons død"),
        },
        Criterion {
            id: "art3_1_d",
            citation: "Art. 3(1)(d)",
            text: Text::st(
                "The incident has caused or is capable of causing considerable damage to a natural person's health.",
                "Hændelsen har forårsaget eller kan forårsage betydelig skade på en fysisk persons helbred.",
            ),
            eval: Eval::flag(f.considerable_health_damage, "considerable_health_damage", "considerable damage to a natural person's health", "betydelig skade på en fysisk persons helbred"),
        },
        Criterion {
            id: "art3_1_e",
            citation: "Art. 3(1)(e)",
            text: Text::st(
                "A successful, suspectedly malicious and unauthorised access to network and information systems occurred, which is capable of causing severe operational disruption.",
                "Der er sket en vellykket, formodet ondsindet og uautoriseret adgang til net- og informationssystemer, som kan forårsage alvorlige driftsforstyrrelser.",
            ),
            eval: Eval::flag(f.malicious_unauthorised_access, "malicious_unauthorised_access", "successful, suspectedly malicious and unauthorised access capable of causing severe operational disruption", "vellykket, formodet ondsindet og uautoriseret adgang, der kan forårsage alvorlige driftsforstyrrelser"),
        },
        Criterion {
            id: "art3_1_f",
            citation: "Art. 3(1)(f) and 4",
            text: Text::st(
                "Recurring incidents: incidents that individually are not significant count collectively as one significant incident where they occurred at least twice within 6 months, have the same apparent root cause and collectively meet the financial criterion of Art 3(1)(a).",
                "Tilbagevendende hændelser: hændelser, der hver for sig ikke er væsentlige, betragtes samlet som én væsentlig hændelse, når de er indtruffet mindst to gange inden for 6 måneder, har samme tilsyneladende grundlæggende årsag og samlet opfylder det økonomiske kriterium i art. 3, stk. 1, litra a.",
            ),
            eval: recurring,
        },
    ]
}

/// Data compromised as a result of a suspectedly malicious action; data compromised with an
/// impact on more than 5 % of the users or more than 1 million (whichever smaller).
fn data_criteria(f: &IncidentFacts) -> (Eval, Eval) {
    let malicious = Eval::flag(
        f.data_compromised,
        "data_compromised",
        "data related to the provision of the service compromised",
        "data vedrørende leveringen af tjenesten kompromitteret",
    )
    .and(Eval::flag(
        f.data_compromise_suspectedly_malicious,
        "data_compromise_suspectedly_malicious",
        "as a result of a suspectedly malicious action",
        "som følge af en formodet ondsindet handling",
    ));
    let impact = Eval::flag(
        f.data_compromised,
        "data_compromised",
        "data related to the provision of the service compromised",
        "data vedrørende leveringen af tjenesten kompromitteret",
    )
    .and(Eval::users_over(
        f.users_data_compromise,
        "users_data_compromise",
        f.users_in_union,
        50,
        1_000_000,
    ));
    (malicious, impact)
}

/// The criteria of the Article with specific criteria for the entity type (Art 5 to 14).
fn specific(article: u8, f: &IncidentFacts) -> Vec<Criterion> {
    match article {
        5 => dns_criteria(f),
        6 => tld_criteria(f),
        7 | 9 | 10 => service_criteria(article, f),
        8 => data_centre_criteria(f),
        11..=13 => platform_criteria(article, f),
        14 => trust_service_criteria(f),
        _ => Vec::new(),
    }
}

/// Art 5: DNS service providers.
fn dns_criteria(f: &IncidentFacts) -> Vec<Criterion> {
    let compromised = Eval::flag(
        f.data_compromised,
        "data_compromised",
        "data related to the authoritative resolution compromised",
        "data vedrørende den autoritative navneopløsning kompromitteret",
    );
    let excepted = match f.dns_misconfiguration_only {
        Some(false) => Eval {
            met: Some(false),
            en: "not only incorrect data from misconfiguration".to_owned(),
            da: "ikke kun forkerte data som følge af fejlkonfiguration".to_owned(),
            needs: Vec::new(),
        },
        None => Eval::unknown("dns_misconfiguration_only"),
        Some(true) => match (f.domain_names_incorrect, f.domain_names_managed) {
            (Some(n), Some(m)) => {
                let exc = n < 1000 && u128::from(n) * 100 <= u128::from(m);
                Eval {
                    met: Some(exc),
                    en: format!("misconfiguration affecting {n} of {m} domain names ({} the exception: fewer than 1000 and no more than 1 %)", if exc { "within" } else { "outside" }),
                    da: format!("fejlkonfiguration, der berører {n} af {m} domænenavne ({} undtagelsen: færre end 1000 og højst 1 %)", if exc { "inden for" } else { "uden for" }),
                    needs: Vec::new(),
                }
            }
            (Some(n), None) if n >= 1000 => Eval {
                met: Some(false),
                en: format!("misconfiguration affecting {n} domain names, not fewer than 1000 (outside the exception)"),
                da: format!("fejlkonfiguration, der berører {n} domænenavne, ikke færre end 1000 (uden for undtagelsen)"),
                needs: Vec::new(),
            },
            (None, _) => Eval::unknown("domain_names_incorrect"),
            (Some(_), None) => Eval::unknown("domain_names_managed"),
        },
    };
    let not_excepted = Eval {
        met: excepted.met.map(|x| !x),
        en: excepted.en,
        da: excepted.da,
        needs: excepted.needs,
    };
    vec![
        criterion("art5_a", "Art. 5(a)", "A recursive or authoritative domain name resolution service is completely unavailable for more than 30 minutes.", "En rekursiv eller autoritativ domænenavnsopløsningstjeneste er fuldstændig utilgængelig i mere end 30 minutter.", unavailable(f, 30.0)),
        criterion("art5_b", "Art. 5(b)", "For a period of more than one hour, the average response time of a recursive or authoritative domain name resolution service to DNS requests is more than 10 seconds.", "I mere end en time er den gennemsnitlige svartid for en rekursiv eller autoritativ domænenavnsopløsningstjeneste på DNS-forespørgsler mere end 10 sekunder.", slow(f)),
        criterion("art5_c", "Art. 5(c)", "The integrity, confidentiality or authenticity of data related to the provision of the authoritative domain name resolution service is compromised, except where the data of fewer than 1 000 domain names, no more than 1 % of those managed, are incorrect because of misconfiguration.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af den autoritative domænenavnsopløsningstjeneste er kompromitteret, undtagen når data for færre end 1 000 domænenavne, højst 1 % af de forvaltede, er forkerte på grund af fejlkonfiguration.", if compromised.met == Some(false) { compromised } else { compromised.and(not_excepted) }),
    ]
}

/// Art 6: TLD name registries.
fn tld_criteria(f: &IncidentFacts) -> Vec<Criterion> {
    vec![
        criterion("art6_a", "Art. 6(a)", "An authoritative domain name resolution service is completely unavailable (any duration).", "En autoritativ domænenavnsopløsningstjeneste er fuldstændig utilgængelig (uanset varighed).", unavailable(f, 0.0)),
        criterion("art6_b", "Art. 6(b)", "For a period of more than one hour, the average response time of an authoritative domain name resolution service to DNS requests is more than 10 seconds.", "I mere end en time er den gennemsnitlige svartid for en autoritativ domænenavnsopløsningstjeneste på DNS-forespørgsler mere end 10 sekunder.", slow(f)),
        criterion("art6_c", "Art. 6(c)", "The integrity, confidentiality or authenticity of data related to the technical operation of the TLD is compromised.", "Integriteten, fortroligheden eller ægtheden af data vedrørende den tekniske drift af topdomænet er kompromitteret.", Eval::flag(f.data_compromised, "data_compromised", "data related to the technical operation of the TLD compromised", "data vedrørende den tekniske drift af topdomænet kompromitteret")),
    ]
}

/// Art 7, 9 and 10: cloud computing, content delivery networks, managed (security) services.
fn service_criteria(article: u8, f: &IncidentFacts) -> Vec<Criterion> {
    let (malicious, impact) = data_criteria(f);
    let (ids, cites, svc_en, svc_da) = match article {
        7 => (
            ["art7_a", "art7_b", "art7_c", "art7_d"],
            ["Art. 7(a)", "Art. 7(b)", "Art. 7(c)", "Art. 7(d)"],
            "A cloud computing service",
            "En cloudcomputingtjeneste",
        ),
        9 => (
            ["art9_a", "art9_b", "art9_c", "art9_d"],
            ["Art. 9(a)", "Art. 9(b)", "Art. 9(c)", "Art. 9(d)"],
            "A content delivery network",
            "Et netværk til levering af indhold",
        ),
        _ => (
            ["art10_a", "art10_b", "art10_c", "art10_d"],
            ["Art. 10(a)", "Art. 10(b)", "Art. 10(c)", "Art. 10(d)"],
            "A managed service or managed security service",
            "En administreret tjeneste eller administreret sikkerhedstjeneste",
        ),
    };
    let [ia, ib, ic, id] = ids;
    let [ca, cb, cc, cd] = cites;
    vec![
        Criterion { id: ia, citation: ca, text: Text::new(format!("{svc_en} is completely unavailable for more than 30 minutes."), format!("{svc_da} er fuldstændig utilgængelig i mere end 30 minutter.")), eval: unavailable(f, 30.0) },
        Criterion { id: ib, citation: cb, text: Text::new(format!("{svc_en} has limited availability for more than 5 % of its users in the Union or more than 1 million of them, whichever number is smaller, for more than one hour."), format!("{svc_da} har begrænset tilgængelighed for mere end 5 % af sine brugere i Unionen eller mere end 1 million af dem, alt efter hvilket tal der er mindst, i mere end en time.")), eval: limited_hour(f) },
        Criterion { id: ic, citation: cc, text: Text::st("The integrity, confidentiality or authenticity of data related to the provision of the service is compromised as a result of a suspectedly malicious action.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af tjenesten er kompromitteret som følge af en formodet ondsindet handling."), eval: malicious },
        Criterion { id, citation: cd, text: Text::st("The integrity, confidentiality or authenticity of data related to the provision of the service is compromised with an impact on more than 5 % of its users in the Union or more than 1 million of them, whichever number is smaller.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af tjenesten er kompromitteret med virkning for mere end 5 % af dens brugere i Unionen eller mere end 1 million af dem, alt efter hvilket tal der er mindst."), eval: impact },
    ]
}

/// Art 8: data centre services.
fn data_centre_criteria(f: &IncidentFacts) -> Vec<Criterion> {
    vec![
        criterion("art8_a", "Art. 8(a)", "A data centre service of a data centre operated by the provider is completely unavailable (any duration).", "En datacentertjeneste i et datacenter, som udbyderen driver, er fuldstændig utilgængelig (uanset varighed).", unavailable(f, 0.0)),
        criterion("art8_b", "Art. 8(b)", "The availability of a data centre service of a data centre operated by the provider is limited for more than one hour.", "Tilgængeligheden af en datacentertjeneste i et datacenter, som udbyderen driver, er begrænset i mere end en time.", Eval::minutes_over(f.limited_availability_minutes, 60.0, "limited_availability_minutes", "limited availability for", "begrænset tilgængelighed i")),
        criterion("art8_c", "Art. 8(c)", "The integrity, confidentiality or authenticity of data related to the provision of a data centre service is compromised as a result of a suspectedly malicious action.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af en datacentertjeneste er kompromitteret som følge af en formodet ondsindet handling.", data_criteria(f).0),
        criterion("art8_d", "Art. 8(d)", "Physical access to a data centre operated by the provider is compromised.", "Den fysiske adgang til et datacenter, som udbyderen driver, er kompromitteret.", Eval::flag(f.physical_access_compromised, "physical_access_compromised", "physical access to a data centre operated by the provider compromised", "den fysiske adgang til et datacenter, som udbyderen driver, kompromitteret")),
    ]
}

/// Art 11 to 13: online marketplaces, online search engines, social networking platforms.
fn platform_criteria(article: u8, f: &IncidentFacts) -> Vec<Criterion> {
    let (malicious, impact) = data_criteria(f);
    let (ids, cites, svc_en, svc_da) = match article {
        11 => (
            ["art11_a", "art11_b", "art11_c", "art11_d"],
            ["Art. 11(a)", "Art. 11(b)", "Art. 11(c)", "Art. 11(d)"],
            "online marketplace",
            "onlinemarkedspladsen",
        ),
        12 => (
            ["art12_a", "art12_b", "art12_c", "art12_d"],
            ["Art. 12(a)", "Art. 12(b)", "Art. 12(c)", "Art. 12(d)"],
            "online search engine",
            "onlinesøgemaskinen",
        ),
        _ => (
            ["art13_a", "art13_b", "art13_c", "art13_d"],
            ["Art. 13(a)", "Art. 13(b)", "Art. 13(c)", "Art. 13(d)"],
            "social networking services platform",
            "platformen for sociale netværkstjenester",
        ),
    };
    let [ia, ib, ic, id] = ids;
    let [ca, cb, cc, cd] = cites;
    vec![
        Criterion { id: ia, citation: ca, text: Text::new(format!("The {svc_en} is completely unavailable for more than 5 % of its users in the Union or more than 1 million of them, whichever number is smaller (no minimum duration)."), format!("Der er fuldstændig utilgængelighed af {svc_da} for mere end 5 % af brugerne i Unionen eller mere end 1 million af dem, alt efter hvilket tal der er mindst (ingen minimumsvarighed).")), eval: Eval::users_over(f.users_completely_unavailable, "users_completely_unavailable", f.users_in_union, 50, 1_000_000) },
        Criterion { id: ib, citation: cb, text: Text::new(format!("More than 5 % of the users in the Union of the {svc_en} or more than 1 million of them, whichever number is smaller, are impacted by its limited availability."), format!("Mere end 5 % af brugerne i Unionen af {svc_da} eller mere end 1 million af dem, alt efter hvilket tal der er mindst, er berørt af begrænset tilgængelighed.")), eval: limited_users(f) },
        Criterion { id: ic, citation: cc, text: Text::st("The integrity, confidentiality or authenticity of data related to the provision of the service is compromised as a result of a suspectedly malicious action.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af tjenesten er kompromitteret som følge af en formodet ondsindet handling."), eval: malicious },
        Criterion { id, citation: cd, text: Text::st("The integrity, confidentiality or authenticity of data related to the provision of the service is compromised with an impact on more than 5 % of its users in the Union or more than 1 million of them, whichever number is smaller.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af tjenesten er kompromitteret med virkning for mere end 5 % af dens brugere i Unionen eller mere end 1 million af dem, alt efter hvilket tal der er mindst."), eval: impact },
    ]
}

/// Art 14: trust service providers.
fn trust_service_criteria(f: &IncidentFacts) -> Vec<Criterion> {
    vec![
        criterion("art14_a", "Art. 14(a)", "A trust service is completely unavailable for more than 20 minutes.", "En tillidstjeneste er fuldstændig utilgængelig i mere end 20 minutter.", unavailable(f, 20.0)),
        criterion("art14_b", "Art. 14(b)", "A trust service is unavailable to users or relying parties for more than one hour calculated on a calendar week basis.", "En tillidstjeneste er utilgængelig for brugere eller relying parties i mere end en time beregnet på kalenderugebasis.", Eval::minutes_over(f.unavailable_minutes_calendar_week, 60.0, "unavailable_minutes_calendar_week", "unavailable within the calendar week for", "utilgængelig i kalenderugen i")),
        criterion("art14_c", "Art. 14(c)", "More than 1 % of the users or relying parties in the Union, or more than 200 000 of them, whichever number is smaller, are impacted by limited availability of a trust service.", "Mere end 1 % af brugerne eller relying parties i Unionen eller mere end 200 000 af dem, alt efter hvilket tal der er mindst, er berørt af begrænset tilgængelighed af en tillidstjeneste.", Eval::users_over(f.users_limited_availability, "users_limited_availability", f.users_in_union, 10, 200_000)),
        criterion("art14_d", "Art. 14(d)", "Physical access to an area where network and information systems are located and to which access is restricted to trusted personnel, or the protection of such physical access, is compromised.", "Den fysiske adgang til et område, hvor net- og informationssystemer befinder sig, og hvortil kun betroet personale har adgang, eller beskyttelsen af denne fysiske adgang, er kompromitteret.", Eval::flag(f.physical_access_compromised, "physical_access_compromised", "physical access to a restricted area (or its protection) compromised", "den fysiske adgang til et begrænset område (eller dens beskyttelse) kompromitteret")),
        criterion("art14_e", "Art. 14(e)", "The integrity, confidentiality or authenticity of data related to the provision of a trust service is compromised with an impact on more than 0,1 % of users or relying parties in the Union, or more than 100 of them, whichever number is smaller.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af en tillidstjeneste er kompromitteret med virkning for mere end 0,1 % af brugerne eller relying parties i Unionen eller mere end 100 af dem, alt efter hvilket tal der er mindst.", Eval::flag(f.data_compromised, "data_compromised", "data related to the provision of the trust service compromised", "data vedrørende leveringen af tillidstjenesten kompromitteret").and(Eval::users_over(f.users_data_compromise, "users_data_compromise", f.users_in_union, 1, 100))),
    ]
}

/// Complete unavailability of the service for more than `limit` minutes.
fn unavailable(f: &IncidentFacts, limit: f64) -> Eval {
    Eval::minutes_over(
        f.complete_unavailability_minutes,
        limit,
        "complete_unavailability_minutes",
        "completely unavailable for",
        "fuldstændig utilgængelig i",
    )
}

/// An average response time of more than 10 seconds for more than one hour.
fn slow(f: &IncidentFacts) -> Eval {
    Eval::minutes_over(
        f.slow_response_minutes,
        60.0,
        "slow_response_minutes",
        "degraded response time for",
        "forringet svartid i",
    )
    .and(match f.average_response_seconds {
        None => Eval::unknown("average_response_seconds"),
        Some(s) => Eval {
            met: Some(s > 10.0),
            en: format!(
                "average response time {s} s, {} 10 s",
                if s > 10.0 {
                    "more than"
                } else {
                    "not more than"
                }
            ),
            da: format!(
                "gennemsnitlig svartid {s} s, {} 10 s",
                if s > 10.0 {
                    "mere end"
                } else {
                    "ikke mere end"
                }
            ),
            needs: Vec::new(),
        },
    })
}

/// Limited availability for more than 5 % of the users in the Union or more than 1 million
/// of them, whichever smaller.
fn limited_users(f: &IncidentFacts) -> Eval {
    Eval::users_over(
        f.users_limited_availability,
        "users_limited_availability",
        f.users_in_union,
        50,
        1_000_000,
    )
}

/// Limited availability for those users for more than one hour.
fn limited_hour(f: &IncidentFacts) -> Eval {
    limited_users(f).and(Eval::minutes_over(
        f.limited_availability_minutes,
        60.0,
        "limited_availability_minutes",
        "limited availability for",
        "begrænset tilgængelighed i",
    ))
}

/// A criterion with a fixed text.
fn criterion(
    id: &'static str,
    citation: &'static str,
    en: &'static str,
    da: &'static str,
    eval: Eval,
) -> Criterion {
    Criterion {
        id,
        citation,
        text: Text::st(en, da),
        eval,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(types: &[&str], facts: IncidentFacts) -> SignificanceRequest {
        SignificanceRequest {
            entity_types: types.iter().map(|s| (*s).to_owned()).collect(),
            facts,
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
            users_in_union: Some(10_000_000),
            users_limited_availability: Some(600_000),
            limited_availability_minutes: Some(61.0),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04"], f)).unwrap();
        assert_eq!(met(&r, "art7_b"), Some(true));
        // Exactly 5 % is not "more than".
        let f = IncidentFacts {
            users_in_union: Some(10_000_000),
            users_limited_availability: Some(500_000),
            limited_availability_minutes: Some(120.0),
            ..IncidentFacts::default()
        };
        let r = assess(&req(&["NIS2-I-08-04"], f)).unwrap();
        assert_eq!(met(&r, "art7_b"), Some(false));
        // More than 1 million is enough without the total.
        let f = IncidentFacts {
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
}
