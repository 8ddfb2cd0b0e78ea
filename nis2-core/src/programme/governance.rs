//! The governance register report (Art 20): who sits on the management body and whether each
//! member's training is current, the accountable executives and operational owner, the decision
//! log, staff training, and the gaps.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::check::{req_date, Checked};
use super::model::{DecisionSubject, Governance, Programme, TrainingKind};
use super::{date, Finding, Note, PersonRef, Severity, RESULT_SCHEMA_VERSION};
use crate::entity_types::VerificationStatus;
use crate::error::{Error, Result};
use crate::text::{Str, Text};

/// `governance`: report on the governance register as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GovernanceRequest {
    /// The programme.
    pub programme: Programme,
    /// The date the report is made as of (`YYYY-MM-DD`); there is no clock.
    #[schemars(extend("format" = "date"))]
    pub reference_date: String,
}

/// A member of the management body and the state of their training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberStatus {
    /// Who.
    pub person: PersonRef,
    /// Their role on the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Member since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Their last management training on or before the reference date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_training: Option<String>,
    /// When their next training is due under the programme's interval (the reference date if
    /// they have none).
    pub training_due: String,
    /// Whether their training is current on the reference date.
    pub training_current: bool,
}

/// An accountable executive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountableStatus {
    /// Who.
    pub person: PersonRef,
    /// For what.
    pub area: String,
}

/// A decision of the management body, as logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionEntry {
    /// Its id.
    pub id: String,
    /// When.
    pub date: String,
    /// What was decided.
    pub title: String,
    /// What it approved.
    pub approves: Vec<DecisionSubject>,
    /// The requirements it concerns.
    pub requirements: Vec<String>,
    /// Who was present.
    pub attendees: Vec<PersonRef>,
    /// Where the minutes are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Staff training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffTrainingStatus {
    /// The last staff training on or before the reference date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    /// When the next is due under the programme's interval.
    pub next_due: String,
    /// Whether staff training is current.
    pub current: bool,
}

/// The result of `governance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GovernanceReport {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// The organisation, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The date the report is made as of.
    pub reference_date: String,
    /// The management body and each member's training.
    pub management_body: Vec<MemberStatus>,
    /// The accountable executives.
    pub accountable_executives: Vec<AccountableStatus>,
    /// The operational owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operational_owner: Option<PersonRef>,
    /// The decision log, oldest first.
    pub decisions: Vec<DecisionEntry>,
    /// The latest approval of the risk-management measures on or before the reference date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_measures_approved: Option<String>,
    /// Staff training.
    pub staff_training: StaffTrainingStatus,
    /// What is missing or late.
    pub findings: Vec<Finding>,
    /// The legal background.
    pub notes: Vec<Note>,
}

/// Report on the governance register.
pub fn governance(request: &GovernanceRequest) -> Result<GovernanceReport> {
    let reference = reference_date(&request.reference_date, "$.reference_date");
    let checked = super::check::check(&request.programme, "$.programme");
    let (checked, reference) = both(checked, reference)?;
    Ok(report(&checked, reference))
}

/// Parse a reference date (an error names `path`).
pub(crate) fn reference_date(s: &str, path: &str) -> Result<NaiveDate> {
    let mut e = Vec::new();
    let d = req_date(path.to_owned(), s, &mut e);
    Error::from_list(e)?;
    d.ok_or_else(|| Error::invalid(path, date::problem(s)))
}

/// Combine two results, listing the problems of both.
pub(crate) fn both<A, B>(a: Result<A>, b: Result<B>) -> Result<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e),
        (Err(x), Err(y)) => {
            let mut list = Vec::new();
            for e in [x, y] {
                match e {
                    Error::Multiple(v) => list.extend(v),
                    other => list.push(other),
                }
            }
            Err(Error::Multiple(list))
        }
    }
}

pub(crate) fn person_ref(c: &Checked, id: &str) -> PersonRef {
    PersonRef {
        id: id.to_owned(),
        name: c.person(id).map(|p| p.name.clone()).unwrap_or_default(),
    }
}

fn finding(
    id: &'static str,
    subject: Option<&str>,
    severity: Severity,
    citation: &'static str,
    text: Text,
) -> Finding {
    Finding {
        path: None,
        code: Str::Borrowed(id),
        subject: subject.map(str::to_owned),
        severity: Some(severity),
        citation: Some(Str::Borrowed(citation)),
        message: text,
    }
}

pub(crate) fn report(c: &Checked, reference: NaiveDate) -> GovernanceReport {
    let p = c.p;
    let empty = Governance::default();
    let g = p.governance.as_ref().unwrap_or(&empty);
    let x = Gov { c, g, reference };
    let mut findings = Vec::new();
    future_training_findings(&x, &mut findings);
    let management_body = management_body(&x, &mut findings);
    responsibility_findings(g, &mut findings);
    let decisions = decision_log(&x);
    let approved = risk_measures_approval(&x, &mut findings);
    let staff_training = staff_training(&x, &mut findings);
    let notes = notes(p);

    GovernanceReport {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        organisation: p.organisation.clone(),
        reference_date: date::fmt(reference),
        management_body,
        accountable_executives: g
            .accountable_executives
            .iter()
            .map(|a| AccountableStatus {
                person: person_ref(c, &a.person),
                area: a.area.clone(),
            })
            .collect(),
        operational_owner: g.operational_owner.as_deref().map(|o| person_ref(c, o)),
        decisions,
        risk_measures_approved: approved.map(date::fmt),
        staff_training,
        findings,
        notes,
    }
}

/// What the governance report reads: the checked programme, its governance register and the
/// reference date.
struct Gov<'a> {
    c: &'a Checked<'a>,
    g: &'a Governance,
    reference: NaiveDate,
}

impl Gov<'_> {
    /// The latest training of a kind on or before the reference date, of a person (or of
    /// anyone).
    fn last_training(&self, person: Option<&str>, kind: TrainingKind) -> Option<NaiveDate> {
        let (g, c, reference) = (self.g, self.c, self.reference);
        g.training
            .iter()
            .zip(&c.training)
            .filter(|(t, d)| {
                t.kind == kind
                    && **d <= reference
                    && match person {
                        None => true,
                        Some(who) => t.participants.iter().any(|x| x == who),
                    }
            })
            .map(|(_, d)| *d)
            .max()
    }
}

/// A finding for each training record dated after the reference date (not counted).
fn future_training_findings(x: &Gov<'_>, findings: &mut Vec<Finding>) {
    let (g, c, reference) = (x.g, x.c, x.reference);
    for (t, d) in g.training.iter().zip(&c.training) {
        if *d > reference {
            findings.push(finding(
                "training_after_reference_date",
                Some(&t.id),
                Severity::Low,
                "programme policy",
                Text::new(
                    format!("Training record `{}` is dated {}, after the reference date; it is not counted.", t.id, date::fmt(*d)),
                    format!("Uddannelsesregistreringen `{}` er dateret {}, efter referencedatoen; den tælles ikke med.", t.id, date::fmt(*d)),
                ),
            ));
        }
    }
}

/// The management body, each member with their management training, and the findings on it
/// (no members, training missing or overdue).
fn management_body(x: &Gov<'_>, findings: &mut Vec<Finding>) -> Vec<MemberStatus> {
    let (g, c, reference) = (x.g, x.c, x.reference);
    let months = c.policy.management_training_months;
    if g.management_body.is_empty() {
        findings.push(finding(
            "management_body_empty",
            None,
            Severity::High,
            "Art. 20(1)",
            Text::st(
                "No management body members are registered: Art 20(1) requires the management body to approve the risk-management measures and oversee their implementation.",
                "Der er ikke registreret medlemmer af ledelsesorganet: art. 20, stk. 1, kræver, at ledelsesorganet godkender risikostyringsforanstaltningerne og fører tilsyn med gennemførelsen.",
            ),
        ));
    }
    let mut management_body = Vec::with_capacity(g.management_body.len());
    for (m, since) in g.management_body.iter().zip(&c.member_since) {
        let last = x.last_training(Some(&m.person), TrainingKind::Management);
        let due = last
            .and_then(|l| date::add_months(l, i64::from(months)))
            .unwrap_or(reference);
        let current = last.is_some() && due >= reference;
        let name = c.person(&m.person).map(|x| x.name.as_str()).unwrap_or("");
        match last {
            None => findings.push(finding(
                "management_training_missing",
                Some(&m.person),
                Severity::High,
                "Art. 20(2)",
                Text::new(
                    format!("{name} ({}) sits on the management body but has no recorded management training: Art 20(2) requires members of management bodies to follow training.", m.person),
                    format!("{name} ({}) sidder i ledelsesorganet, men har ingen registreret ledelsesuddannelse: art. 20, stk. 2, kræver, at medlemmer af ledelsesorganer følger kurser.", m.person),
                ),
            )),
            Some(l) if !current => findings.push(finding(
                "management_training_overdue",
                Some(&m.person),
                Severity::Medium,
                "Art. 20(2); programme policy",
                Text::new(
                    format!("The last management training of {name} ({}) was {}; under the programme's {months}-month interval the next was due {}.", m.person, date::fmt(l), date::fmt(due)),
                    format!("{name} ({}) fik sidst ledelsesuddannelse {}; med programmets interval på {months} måneder skulle den næste have været gennemført senest {}.", m.person, date::fmt(l), date::fmt(due)),
                ),
            )),
            Some(_) => {}
        }
        management_body.push(MemberStatus {
            person: person_ref(c, &m.person),
            role: m.role.clone(),
            since: since.map(date::fmt),
            last_training: last.map(date::fmt),
            training_due: date::fmt(due),
            training_current: current,
        });
    }
    management_body
}

/// Findings when no accountable executive or no operational owner is named.
fn responsibility_findings(g: &Governance, findings: &mut Vec<Finding>) {
    if g.accountable_executives.is_empty() {
        findings.push(finding(
            "no_accountable_executive",
            None,
            Severity::Medium,
            "Art. 20(1); programme step 1",
            Text::st(
                "No accountable executive is named: place overall responsibility with named people in top management.",
                "Der er ikke udpeget en ansvarlig i topledelsen: placér det overordnede ansvar hos navngivne personer i topledelsen.",
            ),
        ));
    }
    if g.operational_owner.is_none() {
        findings.push(finding(
            "no_operational_owner",
            None,
            Severity::Medium,
            "programme step 1",
            Text::st(
                "No operational owner is named: give one person the day-to-day responsibility for the programme.",
                "Der er ikke udpeget en operationel ejer: giv én person det daglige ansvar for programmet.",
            ),
        ));
    }
}

/// The decision log, by date and then id.
fn decision_log(x: &Gov<'_>) -> Vec<DecisionEntry> {
    let (g, c) = (x.g, x.c);
    let mut order: Vec<usize> = (0..g.decisions.len()).collect();
    order.sort_by(|&a, &b| {
        let da = c.decisions.get(a);
        let db = c.decisions.get(b);
        da.cmp(&db).then_with(|| {
            let ia = g.decisions.get(a).map(|d| d.id.as_str());
            let ib = g.decisions.get(b).map(|d| d.id.as_str());
            ia.cmp(&ib)
        })
    });
    order
        .iter()
        .filter_map(|&i| Some((g.decisions.get(i)?, *c.decisions.get(i)?)))
        .map(|(d, when)| DecisionEntry {
            id: d.id.clone(),
            date: date::fmt(when),
            title: d.title.clone(),
            approves: d.approves.clone(),
            requirements: d.requirements.clone(),
            attendees: d.attendees.iter().map(|a| person_ref(c, a)).collect(),
            reference: d.reference.clone(),
        })
        .collect()
}

/// The latest approval of the risk-management measures on or before the reference date; a
/// finding if there is none.
fn risk_measures_approval(x: &Gov<'_>, findings: &mut Vec<Finding>) -> Option<NaiveDate> {
    let (g, c, reference) = (x.g, x.c, x.reference);
    let approved = g
        .decisions
        .iter()
        .zip(&c.decisions)
        .filter(|(d, when)| {
            **when <= reference
                && d.approves
                    .contains(&DecisionSubject::RiskManagementMeasures)
        })
        .map(|(_, when)| *when)
        .max();
    if approved.is_none() {
        findings.push(finding(
            "risk_measures_not_approved",
            None,
            Severity::High,
            "Art. 20(1)",
            Text::st(
                "The decision log has no approval of the cybersecurity risk-management measures by the management body (Art 20(1)).",
                "Beslutningsloggen indeholder ingen godkendelse af cybersikkerhedsforanstaltningerne fra ledelsesorganet (art. 20, stk. 1).",
            ),
        ));
    }
    approved
}

/// Staff training: the latest, when the next is due and whether it is current; a finding if
/// it is missing or overdue.
fn staff_training(x: &Gov<'_>, findings: &mut Vec<Finding>) -> StaffTrainingStatus {
    let (c, reference) = (x.c, x.reference);
    let staff_months = c.policy.staff_training_months;
    let staff_last = x.last_training(None, TrainingKind::Staff);
    let staff_due = staff_last
        .and_then(|l| date::add_months(l, i64::from(staff_months)))
        .unwrap_or(reference);
    let staff_current = staff_last.is_some() && staff_due >= reference;
    match staff_last {
        None => findings.push(finding(
            "staff_training_missing",
            None,
            Severity::Medium,
            "Art. 20(2); Art. 21(2)(g)",
            Text::st(
                "No staff training is recorded: Art 21(2)(g) requires basic cyber hygiene practices and cybersecurity training, and Art 20(2) encourages regular training of employees.",
                "Der er ikke registreret uddannelse af medarbejdere: art. 21, stk. 2, litra g, kræver grundlæggende cyberhygiejne og cybersikkerhedsuddannelse, og art. 20, stk. 2, tilskynder til regelmæssig uddannelse af medarbejdere.",
            ),
        )),
        Some(l) if !staff_current => findings.push(finding(
            "staff_training_overdue",
            None,
            Severity::Medium,
            "Art. 21(2)(g); programme policy",
            Text::new(
                format!("The last staff training was {}; under the programme's {staff_months}-month interval the next was due {}.", date::fmt(l), date::fmt(staff_due)),
                format!("Den seneste uddannelse af medarbejdere var {}; med programmets interval på {staff_months} måneder skulle den næste have været gennemført senest {}.", date::fmt(l), date::fmt(staff_due)),
            ),
        )),
        Some(_) => {}
    }
    StaffTrainingStatus {
        last: staff_last.map(date::fmt),
        next_due: date::fmt(staff_due),
        current: staff_current,
    }
}

/// The notes on Art 20 (and, for Denmark, NIS 2-loven § 7).
fn notes(p: &Programme) -> Vec<Note> {
    let mut notes = vec![
        Note::new(
            "art20_1",
            "Art. 20(1)",
            Text::st(
                "The management bodies of essential and important entities approve the cybersecurity risk-management measures, oversee their implementation and can be held liable for infringements of Art 21.",
                "Ledelsesorganerne i væsentlige og vigtige enheder godkender cybersikkerhedsforanstaltningerne, fører tilsyn med gennemførelsen og kan holdes ansvarlige for overtrædelser af art. 21.",
            ),
            VerificationStatus::Verified,
        ),
        Note::new(
            "art20_2",
            "Art. 20(2)",
            Text::st(
                "Members of the management bodies are required to follow training; Member States encourage entities to offer similar training to their employees on a regular basis. The Directive sets no interval: the intervals used here are the programme's policy.",
                "Medlemmer af ledelsesorganerne skal følge kurser; medlemsstaterne tilskynder enhederne til at tilbyde tilsvarende kurser til deres ansatte regelmæssigt. Direktivet fastsætter ikke et interval: intervallerne her er programmets egen politik.",
            ),
            VerificationStatus::Verified,
        ),
    ];
    if p.member_state.as_deref() == Some("DK") {
        notes.push(Note::new(
            "dk_nis2_loven_7",
            "NIS 2-loven § 7",
            Text::st(
                "In Denmark, NIS 2-loven § 7 implements Art 20: the management approves the measures, oversees them and follows courses.",
                "I Danmark gennemfører NIS 2-loven § 7 art. 20: ledelsen godkender foranstaltningerne, fører tilsyn med dem og følger kurser.",
            ),
            VerificationStatus::Verified,
        ));
    }
    notes
}
