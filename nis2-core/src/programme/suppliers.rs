//! The supplier register report (Art 21(2)(d), 21(3); programme step 6): each supplier's risk
//! rating, contract clauses present and missing, review cadence and the next review, and the
//! gaps.
//!
//! The risk rating is a small self-contained 5 × 5 grid (likelihood × impact, each 1–5) with a
//! fixed banding of the product: 1–4 low, 5–9 medium, 10–16 high, 20–25 very high.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::check::{Checked, SupplierFacts};
use super::governance::{both, person_ref, reference_date};
use super::model::{Clause, Programme, Supplier, SupplierRiskRating, SupplierService};
use super::{date, Finding, PersonRef, Severity, RESULT_SCHEMA_VERSION};
use crate::error::Result;
use crate::text::{Str, Text};

/// `suppliers`: report on the supplier register as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuppliersRequest {
    /// The programme.
    pub programme: Programme,
    /// The date the report is made as of (`YYYY-MM-DD`); there is no clock.
    #[schemars(extend("format" = "date"))]
    pub reference_date: String,
}

/// The band of a supplier risk score.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RiskBand {
    /// Score 1–4.
    Low,
    /// Score 5–9.
    Medium,
    /// Score 10–16.
    High,
    /// Score 20–25.
    VeryHigh,
}

impl RiskBand {
    /// The band of a score (likelihood × impact).
    pub fn of(score: u8) -> RiskBand {
        match score {
            0..=4 => RiskBand::Low,
            5..=9 => RiskBand::Medium,
            10..=16 => RiskBand::High,
            _ => RiskBand::VeryHigh,
        }
    }

    /// Its label.
    pub fn label(self) -> Text {
        match self {
            RiskBand::Low => Text::st("low", "lav"),
            RiskBand::Medium => Text::st("medium", "middel"),
            RiskBand::High => Text::st("high", "høj"),
            RiskBand::VeryHigh => Text::st("very high", "meget høj"),
        }
    }
}

impl SupplierRiskRating {
    /// Likelihood × impact (1–25).
    pub fn score(self) -> u8 {
        self.likelihood.saturating_mul(self.impact)
    }

    /// The band of the score.
    pub fn band(self) -> RiskBand {
        RiskBand::of(self.score())
    }
}

impl Clause {
    /// Its label.
    pub fn label(self) -> Text {
        match self {
            Clause::IncidentNotification => {
                Text::st("incident notification", "underretning om hændelser")
            }
            Clause::AuditRights => Text::st("audit rights", "ret til audit"),
            Clause::SubSuppliers => Text::st("sub-suppliers", "underleverandører"),
            Clause::VulnerabilityHandling => {
                Text::st("vulnerability handling", "håndtering af sårbarheder")
            }
            Clause::Exit => Text::st("exit", "exit"),
        }
    }
}

/// A supplier's risk rating, scored and banded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskResult {
    /// Likelihood (1–5).
    pub likelihood: u8,
    /// Impact (1–5).
    pub impact: u8,
    /// Likelihood × impact (1–25).
    pub score: u8,
    /// The band.
    pub band: RiskBand,
}

/// A supplier's review cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewStatus {
    /// The period in months.
    pub every_months: u32,
    /// Whether the period is the programme's default (no `review` was given).
    pub defaulted: bool,
    /// The last review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_review: Option<String>,
    /// When the next review is due: the last review plus the period (the reference date if
    /// there has been none).
    pub next_due: String,
    /// Due before the reference date, or never reviewed.
    pub overdue: bool,
    /// Days past the due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
}

/// One supplier as of the reference date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierStatus {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Critical: flagged so, or providing a critical service.
    pub critical: bool,
    /// The services it provides.
    pub services: Vec<SupplierService>,
    /// The relationship owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonRef>,
    /// The risk rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskResult>,
    /// Whether there is a contract.
    pub has_contract: bool,
    /// When the contract expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_expires: Option<String>,
    /// The clauses the contract contains.
    pub clauses_present: Vec<Clause>,
    /// The clauses the programme's policy expects of this supplier.
    pub clauses_required: Vec<Clause>,
    /// Expected but absent.
    pub clauses_missing: Vec<Clause>,
    /// The review cycle.
    pub review: ReviewStatus,
    /// The requirements the relationship serves.
    pub requirements: Vec<String>,
    /// What is missing or late.
    pub gaps: Vec<Finding>,
}

/// Counts per risk band.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandCounts {
    /// Low.
    pub low: u32,
    /// Medium.
    pub medium: u32,
    /// High.
    pub high: u32,
    /// Very high.
    pub very_high: u32,
    /// Not rated.
    pub unrated: u32,
}

/// Totals over the register.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierSummary {
    /// Suppliers.
    pub suppliers: u32,
    /// Critical suppliers.
    pub critical: u32,
    /// Suppliers with at least one gap.
    pub with_gaps: u32,
    /// Reviews overdue (or never done).
    pub reviews_overdue: u32,
    /// Suppliers missing at least one expected clause (or with no contract).
    pub missing_clauses: u32,
    /// Suppliers per risk band.
    pub by_band: BandCounts,
}

/// The result of `suppliers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierReport {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// The organisation, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The date the report is made as of.
    pub reference_date: String,
    /// Totals.
    pub summary: SupplierSummary,
    /// Every supplier, in register order.
    pub suppliers: Vec<SupplierStatus>,
    /// The legal basis of the register.
    pub citations: Vec<Str>,
}

/// Report on the supplier register.
pub fn suppliers(request: &SuppliersRequest) -> Result<SupplierReport> {
    let reference = reference_date(&request.reference_date, "$.reference_date");
    let checked = super::check::check(&request.programme, "$.programme");
    let (checked, reference) = both(checked, reference)?;
    Ok(report(&checked, reference))
}

const SUPPLY_CHAIN: &str = "Art. 21(2)(d); Art. 21(3)";

fn gap(
    id: &'static str,
    subject: &str,
    severity: Severity,
    citation: &'static str,
    text: Text,
) -> Finding {
    Finding {
        path: None,
        code: Str::Borrowed(id),
        subject: Some(subject.to_owned()),
        severity: Some(severity),
        citation: Some(Str::Borrowed(citation)),
        message: text,
    }
}

fn report(c: &Checked, reference: NaiveDate) -> SupplierReport {
    let p = c.p;
    let mut summary = SupplierSummary::default();
    let mut out = Vec::with_capacity(p.suppliers.len());
    for (s, f) in p.suppliers.iter().zip(&c.suppliers) {
        let status = supplier_status(c, s, f, reference);
        summary.add(&status);
        out.push(status);
    }
    SupplierReport {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        organisation: p.organisation.clone(),
        reference_date: date::fmt(reference),
        summary,
        suppliers: out,
        citations: vec![Str::Borrowed("Art. 21(2)(d)"), Str::Borrowed("Art. 21(3)")],
    }
}

impl SupplierSummary {
    /// Count a supplier in the totals.
    fn add(&mut self, st: &SupplierStatus) {
        self.suppliers += 1;
        if st.critical {
            self.critical += 1;
        }
        if !st.gaps.is_empty() {
            self.with_gaps += 1;
        }
        if st.review.overdue {
            self.reviews_overdue += 1;
        }
        if !st.has_contract || !st.clauses_missing.is_empty() {
            self.missing_clauses += 1;
        }
        match st.risk.as_ref().map(|r| r.band) {
            Some(RiskBand::Low) => self.by_band.low += 1,
            Some(RiskBand::Medium) => self.by_band.medium += 1,
            Some(RiskBand::High) => self.by_band.high += 1,
            Some(RiskBand::VeryHigh) => self.by_band.very_high += 1,
            None => self.by_band.unrated += 1,
        }
    }
}

/// One supplier as of the reference date: criticality, clauses present and missing, contract
/// expiry, risk rating, owner and review, with its gaps.
fn supplier_status(
    c: &Checked,
    s: &Supplier,
    f: &SupplierFacts,
    reference: NaiveDate,
) -> SupplierStatus {
    let critical = s.critical || s.services.iter().any(|x| x.critical);
    let serious = if critical {
        Severity::High
    } else {
        Severity::Medium
    };
    let mut gaps = Vec::new();
    let required = if critical {
        &c.policy.clauses_critical
    } else {
        &c.policy.clauses_other
    };
    let present: Vec<Clause> = s
        .contract
        .as_ref()
        .map(|k| {
            Clause::ALL
                .iter()
                .copied()
                .filter(|x| k.clauses.contains(x))
                .collect()
        })
        .unwrap_or_default();
    let missing: Vec<Clause> = required
        .iter()
        .copied()
        .filter(|x| !present.contains(x))
        .collect();
    contract_gaps(c, s, f, &missing, serious, reference, &mut gaps);
    register_gaps(s, &mut gaps);
    let review = review_of(f, reference);
    gaps.extend(review_gap(s, f, &review, serious));
    SupplierStatus {
        id: s.id.clone(),
        name: s.name.clone(),
        critical,
        services: s.services.clone(),
        owner: s.owner.as_deref().map(|o| person_ref(c, o)),
        risk: s.risk.map(|r| RiskResult {
            likelihood: r.likelihood,
            impact: r.impact,
            score: r.score(),
            band: r.band(),
        }),
        has_contract: s.contract.is_some(),
        contract_expires: f.expires.map(date::fmt),
        clauses_present: present,
        clauses_required: required.clone(),
        clauses_missing: missing,
        review: ReviewStatus {
            every_months: review.months,
            defaulted: f.review_defaulted,
            last_review: f.last_review.map(date::fmt),
            next_due: date::fmt(review.due),
            overdue: review.overdue,
            days_overdue: (f.last_review.is_some() && review.days > 0).then_some(review.days),
        },
        requirements: s.requirements.clone(),
        gaps,
    }
}

/// The contract's gaps: none registered, clauses missing, expired or expiring soon.
fn contract_gaps(
    c: &Checked,
    s: &Supplier,
    f: &SupplierFacts,
    missing: &[Clause],
    serious: Severity,
    reference: NaiveDate,
    gaps: &mut Vec<Finding>,
) {
    match &s.contract {
        None => gaps.push(gap(
            "no_contract",
            &s.id,
            serious,
            SUPPLY_CHAIN,
            Text::new(
                format!("{} has no registered contract, so none of the expected security clauses is evidenced.", s.name),
                format!("{} har ingen registreret kontrakt, så ingen af de forventede sikkerhedsklausuler er dokumenteret.", s.name),
            ),
        )),
        Some(_) => {
            for m in missing {
                let l = m.label();
                gaps.push(gap(
                    "clause_missing",
                    &s.id,
                    serious,
                    SUPPLY_CHAIN,
                    Text::new(
                        format!("The contract with {} lacks a clause on {}.", s.name, l.en),
                        format!("Kontrakten med {} mangler en klausul om {}.", s.name, l.da),
                    ),
                ));
            }
        }
    }
    if let Some(exp) = f.expires {
        if exp < reference {
            gaps.push(gap(
                "contract_expired",
                &s.id,
                Severity::Medium,
                SUPPLY_CHAIN,
                Text::new(
                    format!("The contract with {} expired {}.", s.name, date::fmt(exp)),
                    format!("Kontrakten med {} udløb {}.", s.name, date::fmt(exp)),
                ),
            ));
        } else if (exp - reference).num_days() <= i64::from(c.policy.due_soon_days) {
            gaps.push(gap(
                "contract_expires_soon",
                &s.id,
                Severity::Low,
                SUPPLY_CHAIN,
                Text::new(
                    format!("The contract with {} expires {}: renegotiation is a chance to add missing clauses.", s.name, date::fmt(exp)),
                    format!("Kontrakten med {} udløber {}: genforhandlingen er en lejlighed til at tilføje manglende klausuler.", s.name, date::fmt(exp)),
                ),
            ));
        }
    }
}

/// The register's gaps: no risk rating, no relationship owner.
fn register_gaps(s: &Supplier, gaps: &mut Vec<Finding>) {
    if s.risk.is_none() {
        gaps.push(gap(
            "no_risk_rating",
            &s.id,
            Severity::Medium,
            "Art. 21(3)",
            Text::new(
                format!("{} has no risk rating: Art 21(3) requires taking into account the vulnerabilities specific to each direct supplier.", s.name),
                format!("{} har ingen risikovurdering: art. 21, stk. 3, kræver, at der tages hensyn til de sårbarheder, der er specifikke for hver direkte leverandør.", s.name),
            ),
        ));
    }
    if s.owner.is_none() {
        gaps.push(gap(
            "no_owner",
            &s.id,
            Severity::Low,
            "programme policy",
            Text::new(
                format!("{} has no relationship owner; its reviews in the årshjul go to the operational owner, if one is named.", s.name),
                format!("{} har ingen ansvarlig for relationen; gennemgangene i årshjulet tildeles den operationelle ejer, hvis der er udpeget en.", s.name),
            ),
        ));
    }
}

/// A supplier's review cycle as of the reference date.
struct Review {
    months: u32,
    /// When the next review is due (the reference date if never reviewed).
    due: NaiveDate,
    /// Days since it was due (negative: days until).
    days: i64,
    overdue: bool,
}

/// When a supplier's next review is due and whether it is overdue (never reviewed counts as
/// overdue).
fn review_of(f: &SupplierFacts, reference: NaiveDate) -> Review {
    let months = f.review_months;
    let due = f
        .last_review
        .and_then(|l| date::add_months(l, i64::from(months)))
        .unwrap_or(reference);
    let days = (reference - due).num_days();
    let overdue = f.last_review.is_none() || days > 0;
    Review {
        months,
        due,
        days,
        overdue,
    }
}

/// The review's gap: never reviewed, or overdue.
fn review_gap(s: &Supplier, f: &SupplierFacts, r: &Review, serious: Severity) -> Option<Finding> {
    let (months, due, days) = (r.months, r.due, r.days);
    match f.last_review {
        None => Some(gap(
            "never_reviewed",
            &s.id,
            serious,
            SUPPLY_CHAIN,
            Text::new(
                format!("{} has never been reviewed.", s.name),
                format!("{} er aldrig blevet gennemgået.", s.name),
            ),
        )),
        Some(l) if r.overdue => Some(gap(
            "review_overdue",
            &s.id,
            Severity::Medium,
            SUPPLY_CHAIN,
            Text::new(
                format!("{} was last reviewed {}; with a {months}-month cycle the next review was due {} ({} ago).", s.name, date::fmt(l), date::fmt(due), super::plan::days_en(days)),
                format!("{} blev sidst gennemgået {}; med en cyklus på {months} måneder skulle næste gennemgang have været {} (for {} siden).", s.name, date::fmt(l), date::fmt(due), super::plan::days_da(days)),
            ),
        )),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banding() {
        let r = |l, i| SupplierRiskRating {
            likelihood: l,
            impact: i,
        };
        assert_eq!(r(1, 4).band(), RiskBand::Low);
        assert_eq!(r(5, 1).band(), RiskBand::Medium);
        assert_eq!(r(3, 3).band(), RiskBand::Medium);
        assert_eq!(r(2, 5).band(), RiskBand::High);
        assert_eq!(r(4, 4).band(), RiskBand::High);
        assert_eq!(r(4, 5).band(), RiskBand::VeryHigh);
        assert_eq!(r(5, 5).score(), 25);
        // Every product on the grid falls in a band, and the bands are monotone.
        let mut last = RiskBand::Low;
        for s in 1..=25u8 {
            let b = RiskBand::of(s);
            assert!(b >= last);
            last = b;
        }
    }
}
