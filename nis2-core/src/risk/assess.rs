//! Assessment of a validated register: the inherent, current and residual level of every
//! scenario, the highest risk of each asset and (inherited from its assets) of each service
//! with its trace, the risks above appetite ranked with the reasons, a summary and findings.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::text::{Str, Text};

use super::matrix::{Cell, Matrix};
use super::register::{
    AssetKind, Criticality, Domain, Property, Register, StageRating, TreatmentOption,
};
use super::validate::{self, Resolved};

/// The schema version of assessments.
pub const ASSESSMENT_SCHEMA_VERSION: &str = "1";

/// The three ratings of a scenario.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "RiskStage")]
pub enum Stage {
    /// Without any controls.
    Inherent,
    /// With the controls in place today.
    Current,
    /// After the planned treatment.
    Residual,
}

impl Stage {
    /// The three stages in order.
    pub const ALL: [Stage; 3] = [Stage::Inherent, Stage::Current, Stage::Residual];

    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Inherent => "inherent",
            Stage::Current => "current",
            Stage::Residual => "residual",
        }
    }

    /// The name in English and Danish.
    pub fn text(self) -> Text {
        match self {
            Stage::Inherent => Text::st("inherent", "iboende risiko"),
            Stage::Current => Text::st("current", "nuværende risiko"),
            Stage::Residual => Text::st("residual", "restrisiko"),
        }
    }
}

/// Where a stage's rating comes from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RatingBasis {
    /// Given in the register.
    Given,
    /// Not given: the inherent rating is taken (no existing control credited).
    Inherent,
    /// Not given: the current rating is taken (no treatment effect credited).
    Current,
}

/// The level of one property at a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PropertyRisk<'a> {
    /// The property's impact position.
    pub impact: u32,
    /// The level of (likelihood, this impact).
    pub level: Cow<'a, str>,
}

/// The level per property rated (a property not rated is absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PropertyRisks<'a> {
    /// Confidentiality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<PropertyRisk<'a>>,
    /// Integrity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<PropertyRisk<'a>>,
    /// Availability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<PropertyRisk<'a>>,
}

impl<'a> PropertyRisks<'a> {
    /// The level of one property.
    pub fn get(&self, p: Property) -> Option<&PropertyRisk<'a>> {
        match p {
            Property::Confidentiality => self.confidentiality.as_ref(),
            Property::Integrity => self.integrity.as_ref(),
            Property::Availability => self.availability.as_ref(),
        }
    }
}

/// A scenario's rating at one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRisk<'a> {
    /// Where the rating comes from.
    pub basis: RatingBasis,
    /// Likelihood position.
    pub likelihood: u32,
    /// Impact position: the highest over the properties rated.
    pub impact: u32,
    /// Score: the matrix formula's value, or likelihood × impact for a grid matrix.
    pub score: u32,
    /// The level id.
    pub level: Cow<'a, str>,
    /// The level per property rated.
    pub properties: PropertyRisks<'a>,
}

/// A scenario, assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioRisk<'a> {
    /// The scenario id.
    pub id: Cow<'a, str>,
    /// The asset id.
    pub asset: Cow<'a, str>,
    /// The threat id.
    pub threat: Cow<'a, str>,
    /// The threat's category id.
    pub threat_category: Cow<'a, str>,
    /// The vulnerability id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerability: Option<Cow<'a, str>>,
    /// Without controls.
    pub inherent: StageRisk<'a>,
    /// With today's controls.
    pub current: StageRisk<'a>,
    /// After the planned treatment.
    pub residual: StageRisk<'a>,
    /// The treatment option decided, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<TreatmentOption>,
    /// Whether the current risk is above the appetite (absent when the register states none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above_appetite: Option<bool>,
}

impl<'a> ScenarioRisk<'a> {
    /// The rating at a stage.
    pub fn stage(&self, s: Stage) -> &StageRisk<'a> {
        match s {
            Stage::Inherent => &self.inherent,
            Stage::Current => &self.current,
            Stage::Residual => &self.residual,
        }
    }
}

/// The highest risk at one stage, and the scenario it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Peak<'a> {
    /// The level id.
    pub level: Cow<'a, str>,
    /// The score.
    pub score: u32,
    /// Likelihood position.
    pub likelihood: u32,
    /// Impact position.
    pub impact: u32,
    /// The scenario it comes from (the first by id among equals).
    pub scenario: Cow<'a, str>,
    /// The asset the scenario concerns.
    pub asset: Cow<'a, str>,
    /// How many other scenarios reach the same level and score.
    pub ties: u32,
}

/// An asset, assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetRisk<'a> {
    /// The asset id.
    pub id: Cow<'a, str>,
    /// Its kind.
    pub kind: AssetKind,
    /// IT or OT.
    pub domain: Domain,
    /// The services it supports.
    pub services: Vec<Cow<'a, str>>,
    /// The number of scenarios on it.
    pub scenarios: u32,
    /// The highest inherent risk of its scenarios.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherent: Option<Peak<'a>>,
    /// The highest current risk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Peak<'a>>,
    /// The highest residual risk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<Peak<'a>>,
}

/// The current risk of a service that this one depends on (propagation information).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UpstreamRisk<'a> {
    /// The service depended on.
    pub service: Cow<'a, str>,
    /// Its current level, if it has assessed assets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_level: Option<Cow<'a, str>>,
}

/// A service reached by a disruption, and how critical it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReachedService<'a> {
    /// The service id.
    pub service: Cow<'a, str>,
    /// Its criticality (to society or to customers, as the field that holds it says).
    pub criticality: Criticality,
}

/// A service, assessed: it inherits the highest risk of its assets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceRisk<'a> {
    /// The service id.
    pub id: Cow<'a, str>,
    /// The entity type it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<Cow<'a, str>>,
    /// Criticality to society.
    pub criticality_society: Criticality,
    /// Criticality to customers.
    pub criticality_customers: Criticality,
    /// The assets that support it (ids, register order).
    pub assets: Vec<Cow<'a, str>>,
    /// The number of scenarios on those assets.
    pub scenarios: u32,
    /// The highest inherent risk of its assets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherent: Option<Peak<'a>>,
    /// The highest current risk of its assets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Peak<'a>>,
    /// The highest residual risk of its assets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<Peak<'a>>,
    /// The services it depends on, with their current level (not inherited: information).
    pub depends_on: Vec<UpstreamRisk<'a>>,
    /// The services that depend on it directly (register order): a disruption reaches them,
    /// and through their own `dependants` the services that depend on them in turn.
    pub dependants: Vec<Cow<'a, str>>,
    /// The length of the longest chain of dependants from it: 0 when nothing depends on it,
    /// 1 when only its direct dependants are reached, and so on.
    pub disruption_depth: u32,
    /// The service most critical to society among those a disruption reaches (directly or
    /// through others; the first in register order among equals); absent when nothing depends
    /// on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub most_critical_society_reached: Option<ReachedService<'a>>,
    /// The service most critical to customers among those reached (the same way).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub most_critical_customers_reached: Option<ReachedService<'a>>,
    /// Where its current risk comes from, in words.
    pub explanation: Text,
}

/// Why a risk is above the appetite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreachReason<'a> {
    /// `overall`, `confidentiality`, `integrity` or `availability`.
    pub criterion: Str,
    /// The level reached.
    pub level: Cow<'a, str>,
    /// The highest acceptable level.
    pub limit: Cow<'a, str>,
    /// In words.
    pub text: Text,
}

/// A risk above the appetite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppetiteBreach<'a> {
    /// Rank, 1 first (by level, then score, both highest first, then scenario id).
    pub rank: u32,
    /// The scenario id.
    pub scenario: Cow<'a, str>,
    /// The asset id.
    pub asset: Cow<'a, str>,
    /// The services the asset supports.
    pub services: Vec<Cow<'a, str>>,
    /// The current level.
    pub level: Cow<'a, str>,
    /// The current score.
    pub score: u32,
    /// Each threshold exceeded.
    pub reasons: Vec<BreachReason<'a>>,
    /// The treatment option decided, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<TreatmentOption>,
    /// The residual level after the planned treatment.
    pub residual_level: Cow<'a, str>,
    /// Whether the residual risk is within the appetite.
    pub residual_within_appetite: bool,
}

/// Counts per level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelCount<'a> {
    /// The level id.
    pub level: Cow<'a, str>,
    /// Scenarios at this inherent level.
    pub inherent: u32,
    /// Scenarios at this current level.
    pub current: u32,
    /// Scenarios at this residual level.
    pub residual: u32,
}

/// Counts per treatment option.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreatmentCounts {
    /// Mitigate.
    pub mitigate: u32,
    /// Accept.
    pub accept: u32,
    /// Transfer.
    pub transfer: u32,
    /// Avoid.
    pub avoid: u32,
    /// No treatment decided.
    pub undecided: u32,
}

/// The register in figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary<'a> {
    /// Services.
    pub services: u32,
    /// Assets.
    pub assets: u32,
    /// IT assets.
    pub assets_it: u32,
    /// OT assets.
    pub assets_ot: u32,
    /// Scenarios.
    pub scenarios: u32,
    /// Distinct threats used by the scenarios.
    pub threats_used: u32,
    /// Scenarios per level and stage, lowest level first.
    pub levels: Vec<LevelCount<'a>>,
    /// Treatment options decided.
    pub treatments: TreatmentCounts,
    /// Scenarios whose current risk is above appetite (absent without an appetite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above_appetite_current: Option<u32>,
    /// Scenarios whose residual risk is above appetite (absent without an appetite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above_appetite_residual: Option<u32>,
    /// The highest current level in the register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highest_current: Option<Cow<'a, str>>,
}

pub use crate::finding::Finding;

/// Matrix information echoed in outputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixInfo<'a> {
    /// The matrix id.
    pub id: Cow<'a, str>,
    /// Its name.
    pub name: Text,
    /// `grid`, `product`, `sum` or `max`.
    pub rule: Str,
    /// Number of likelihood levels.
    pub likelihood_levels: u32,
    /// Number of impact levels.
    pub impact_levels: u32,
    /// The levels, lowest first.
    pub levels: Vec<LevelInfo<'a>>,
}

/// A level as echoed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelInfo<'a> {
    /// Id.
    pub id: Cow<'a, str>,
    /// Name.
    pub name: Text,
    /// Colour.
    pub colour: Cow<'a, str>,
}

impl<'a> MatrixInfo<'a> {
    pub(crate) fn of(m: &Matrix<'a>) -> Self {
        let def: &'a super::matrix::RiskMatrix = m.def();
        MatrixInfo {
            id: Cow::Borrowed(&def.id),
            name: def.name.clone(),
            rule: Cow::Borrowed(m.rule()),
            likelihood_levels: m.likelihood_levels(),
            impact_levels: m.impact_levels(),
            levels: def
                .levels
                .iter()
                .map(|l| LevelInfo {
                    id: Cow::Borrowed(&l.id),
                    name: l.name.clone(),
                    colour: Cow::Borrowed(&l.colour),
                })
                .collect(),
        }
    }
}

/// The assessment of a register. It borrows the register's strings (`Cow`), so assessing does
/// not copy them; serialise it (or deserialise into `Assessment<'static>`) to detach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment<'a> {
    /// Data format version.
    pub schema_version: Str,
    /// The register's name.
    pub register: Cow<'a, str>,
    /// The matrix used.
    pub matrix: MatrixInfo<'a>,
    /// The register in figures.
    pub summary: Summary<'a>,
    /// The risks whose current level is above the appetite, ranked.
    pub above_appetite: Vec<AppetiteBreach<'a>>,
    /// Services with their inherited risk, register order.
    pub services: Vec<ServiceRisk<'a>>,
    /// Assets with their highest risk, register order.
    pub assets: Vec<AssetRisk<'a>>,
    /// Every scenario, register order.
    pub scenarios: Vec<ScenarioRisk<'a>>,
    /// Points for attention.
    pub findings: Vec<Finding>,
}

// ---------------------------------------------------------------------------------------------

/// A compact per-stage evaluation used while assessing.
#[derive(Debug, Clone, Copy)]
struct Eval {
    cell: Cell,
    /// (impact, level index) per property (C, I, A), if rated.
    props: [Option<(u32, usize)>; 3],
}

fn eval(m: &Matrix<'_>, r: &StageRating) -> Eval {
    let impact = r.impact.max().unwrap_or(1);
    let cell = m.cell(r.likelihood, impact).unwrap_or(Cell {
        likelihood: r.likelihood,
        impact,
        score: 0,
        level: 0,
    });
    let mut props = [None; 3];
    for (slot, p) in props.iter_mut().zip(Property::ALL) {
        if let Some(i) = r.impact.get(p) {
            *slot = m.cell(r.likelihood, i).map(|c| (i, c.level));
        }
    }
    Eval { cell, props }
}

fn stage_risk<'a>(m: &Matrix<'a>, e: &Eval, basis: RatingBasis) -> StageRisk<'a> {
    let prop = |v: Option<(u32, usize)>| {
        v.map(|(impact, level)| PropertyRisk {
            impact,
            level: Cow::Borrowed(m.level_id(level)),
        })
    };
    let [c, i, a] = e.props;
    StageRisk {
        basis,
        likelihood: e.cell.likelihood,
        impact: e.cell.impact,
        score: e.cell.score,
        level: Cow::Borrowed(m.level_id(e.cell.level)),
        properties: PropertyRisks {
            confidentiality: prop(c),
            integrity: prop(i),
            availability: prop(a),
        },
    }
}

/// The sort key of a scenario at a stage: (level, score) highest first, then id.
fn key<'r>(
    reg: &'r Register,
    evals: &[[Eval; 3]],
    i: usize,
    stage: usize,
) -> (usize, u32, &'r str) {
    let e = evals.get(i).and_then(|e| e.get(stage));
    (
        e.map_or(0, |e| e.cell.level),
        e.map_or(0, |e| e.cell.score),
        reg.scenarios.get(i).map_or("", |s| s.id.as_str()),
    )
}

#[derive(Debug, Clone, Copy)]
struct PeakAcc {
    scenario: usize,
    ties: u32,
}

/// Fold a candidate (a scenario, or another peak with its ties) into a running peak.
fn merge_peak(
    slot: &mut Option<PeakAcc>,
    incoming: PeakAcc,
    reg: &Register,
    evals: &[[Eval; 3]],
    stage: usize,
) {
    match slot {
        None => *slot = Some(incoming),
        Some(p) => {
            let a = key(reg, evals, incoming.scenario, stage);
            let b = key(reg, evals, p.scenario, stage);
            if (a.0, a.1) == (b.0, b.1) {
                p.ties += incoming.ties + 1;
                if a.2 < b.2 {
                    p.scenario = incoming.scenario;
                }
            } else if (a.0, a.1) > (b.0, b.1) {
                *p = incoming;
            }
        }
    }
}

fn peak<'a>(
    m: &Matrix<'a>,
    reg: &'a Register,
    evals: &[[Eval; 3]],
    acc: Option<PeakAcc>,
    stage: usize,
) -> Option<Peak<'a>> {
    let a = acc?;
    let e = evals.get(a.scenario)?.get(stage)?;
    let s = reg.scenarios.get(a.scenario)?;
    Some(Peak {
        level: Cow::Borrowed(m.level_id(e.cell.level)),
        score: e.cell.score,
        likelihood: e.cell.likelihood,
        impact: e.cell.impact,
        scenario: Cow::Borrowed(&s.id),
        asset: Cow::Borrowed(&s.asset),
        ties: a.ties,
    })
}

fn level_name<'m>(m: &Matrix<'m>, ix: usize) -> (&'m str, &'m str) {
    m.level(ix)
        .map_or(("", ""), |l| (l.name.en.as_ref(), l.name.da.as_ref()))
}

/// Whether an evaluation is within the appetite.
fn within(limits: &[Option<usize>; 4], e: &Eval) -> bool {
    let [overall, c, i, a] = *limits;
    let ok = |limit: Option<usize>, level: Option<usize>| match (limit, level) {
        (Some(limit), Some(level)) => level <= limit,
        _ => true,
    };
    ok(overall, Some(e.cell.level))
        && ok(c, e.props[0].map(|p| p.1))
        && ok(i, e.props[1].map(|p| p.1))
        && ok(a, e.props[2].map(|p| p.1))
}

/// The appetite reasons for one evaluation (empty: within appetite).
fn breach_reasons<'a>(
    m: &Matrix<'a>,
    limits: &[Option<usize>; 4],
    e: &Eval,
) -> Vec<BreachReason<'a>> {
    let mut out = Vec::new();
    if let Some(limit) = limits[0] {
        if e.cell.level > limit {
            let (len, lda) = level_name(m, e.cell.level);
            let (ten, tda) = level_name(m, limit);
            out.push(BreachReason {
                criterion: Cow::Borrowed("overall"),
                level: Cow::Borrowed(m.level_id(e.cell.level)),
                limit: Cow::Borrowed(m.level_id(limit)),
                text: Text::new(
                    format!("Overall level {len} (likelihood {} × impact {}) is above the highest acceptable level {ten}.", e.cell.likelihood, e.cell.impact),
                    format!("Samlet niveau {lda} (sandsynlighed {} × konsekvens {}) er over det højeste acceptable niveau {tda}.", e.cell.likelihood, e.cell.impact),
                ),
            });
        }
    }
    for ((p, v), limit) in Property::ALL
        .into_iter()
        .zip(e.props.iter())
        .zip(limits.iter().skip(1))
    {
        let (Some((impact, level)), Some(limit)) = (*v, *limit) else {
            continue;
        };
        if level > limit {
            let (len, lda) = level_name(m, level);
            let (ten, tda) = level_name(m, limit);
            let (pen, pda) = (p.as_str(), p.da());
            out.push(BreachReason {
                criterion: Cow::Borrowed(pen),
                level: Cow::Borrowed(m.level_id(level)),
                limit: Cow::Borrowed(m.level_id(limit)),
                text: Text::new(
                    format!("{} risk at level {len} (likelihood {} × {pen} impact {impact}) is above the highest acceptable level {ten} for {pen}.", capitalise(pen), e.cell.likelihood),
                    format!("Risiko for {pda} på niveau {lda} (sandsynlighed {} × konsekvens {impact} for {pda}) er over det højeste acceptable niveau {tda} for {pda}.", e.cell.likelihood),
                ),
            });
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn finding(code: &'static str, path: String, en: String, da: String) -> Finding {
    Finding::at(Cow::Borrowed(code), path, Text::new(en, da))
}

/// Validate and assess a register (paths of problems under `$`).
pub fn assess(reg: &Register) -> Result<Assessment<'_>> {
    assess_at(reg, "$")
}

/// Validate and assess a register, paths of problems under `base`.
pub fn assess_at<'r>(reg: &'r Register, base: &str) -> Result<Assessment<'r>> {
    assess_with_matrix(reg, base).map(|(a, _)| a)
}

/// Validate and assess a register; also the resolved matrix.
pub(crate) fn assess_with_matrix<'r>(
    reg: &'r Register,
    base: &str,
) -> Result<(Assessment<'r>, Matrix<'r>)> {
    let r = validate::validate(reg, base)?;
    let a = compute(reg, &r);
    Ok((a, r.matrix))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn compute<'a>(reg: &'a Register, r: &Resolved<'a>) -> Assessment<'a> {
    let m = &r.matrix;
    let x = Run {
        reg,
        r,
        m,
        evals: evaluations(reg, m),
    };
    let mut findings = Vec::new();
    let ScenarioTally {
        scenarios,
        level_counts,
        treatments,
        breaches,
        above_residual,
    } = scenario_risks(&x, &mut findings);
    let (asset_acc, asset_count) = asset_peaks(&x);
    let (assets, domains) = asset_risks(&x, &asset_acc, &asset_count, &mut findings);
    let services = service_risks(&x, &asset_acc, &asset_count, &mut findings);
    let above_current = breaches.len();
    let above_appetite = appetite_breaches(&x, breaches);
    let summary = summary(
        &x,
        level_counts,
        treatments,
        domains,
        above_current,
        above_residual,
    );

    Assessment {
        schema_version: Cow::Borrowed(ASSESSMENT_SCHEMA_VERSION),
        register: Cow::Borrowed(&reg.name),
        matrix: MatrixInfo::of(m),
        summary,
        above_appetite,
        services,
        assets,
        scenarios,
        findings,
    }
}

/// The register, its resolution and, per scenario, its three evaluations (inherent, current,
/// residual).
struct Run<'a, 'x> {
    reg: &'a Register,
    r: &'x Resolved<'a>,
    m: &'x Matrix<'a>,
    evals: Vec<[Eval; 3]>,
}

/// The peak scenario per stage (inherent, current, residual) of an asset or a service.
type Peaks = [Option<PeakAcc>; 3];

/// Per scenario: the three evaluations (current defaults to inherent, residual to current).
fn evaluations(reg: &Register, m: &Matrix<'_>) -> Vec<[Eval; 3]> {
    let ns = reg.scenarios.len();
    let mut evals: Vec<[Eval; 3]> = Vec::with_capacity(ns);
    for s in &reg.scenarios {
        let inh = eval(m, &s.inherent);
        let c = s.current.as_ref().map_or(inh, |x| eval(m, x));
        let rr = s.residual.as_ref().map_or(c, |x| eval(m, x));
        evals.push([inh, c, rr]);
    }
    evals
}

/// The scenarios assessed, with the counts the summary needs: per level and stage, per
/// treatment, the appetite breaches (scenario, residual within appetite) and how many are
/// above appetite after treatment.
struct ScenarioTally<'a> {
    scenarios: Vec<ScenarioRisk<'a>>,
    level_counts: Vec<[u32; 3]>,
    treatments: TreatmentCounts,
    breaches: Vec<(usize, bool)>,
    above_residual: u32,
}

/// Assess each scenario: its three stages, treatment and appetite, with its findings.
fn scenario_risks<'a>(x: &Run<'a, '_>, findings: &mut Vec<Finding>) -> ScenarioTally<'a> {
    let (reg, r, m) = (x.reg, x.r, x.m);
    let mut level_counts = vec![[0u32; 3]; m.level_count()];
    let mut treatments = TreatmentCounts::default();
    let mut breaches: Vec<(usize, bool)> = Vec::new();
    let mut above_residual = 0u32;
    let mut scenarios = Vec::with_capacity(reg.scenarios.len());
    for (k, (s, ev)) in reg.scenarios.iter().zip(&x.evals).enumerate() {
        let [ei, ec, er] = ev;
        for (st, e) in ev.iter().enumerate() {
            if let Some(c) = level_counts
                .get_mut(e.cell.level)
                .and_then(|c| c.get_mut(st))
            {
                *c += 1;
            }
        }
        match s.treatment.as_ref().map(|t| t.option) {
            Some(TreatmentOption::Mitigate) => treatments.mitigate += 1,
            Some(TreatmentOption::Accept) => treatments.accept += 1,
            Some(TreatmentOption::Transfer) => treatments.transfer += 1,
            Some(TreatmentOption::Avoid) => treatments.avoid += 1,
            None => treatments.undecided += 1,
        }
        let above = r.appetite.as_ref().map(|limits| {
            let residual_ok = within(limits, er);
            if !residual_ok {
                above_residual += 1;
            }
            let above = !within(limits, ec);
            if above {
                breaches.push((k, residual_ok));
            }
            above
        });
        let basis_cur = if s.current.is_some() {
            RatingBasis::Given
        } else {
            RatingBasis::Inherent
        };
        let basis_res = if s.residual.is_some() {
            RatingBasis::Given
        } else {
            RatingBasis::Current
        };
        scenario_findings(findings, reg, k, s, ev, above);
        scenarios.push(ScenarioRisk {
            id: Cow::Borrowed(&s.id),
            asset: Cow::Borrowed(&s.asset),
            threat: Cow::Borrowed(&s.threat),
            threat_category: Cow::Borrowed(r.scenario_threat.get(k).map_or("", |t| t.category())),
            vulnerability: s.vulnerability.as_deref().map(Cow::Borrowed),
            inherent: stage_risk(m, ei, RatingBasis::Given),
            current: stage_risk(m, ec, basis_cur),
            residual: stage_risk(m, er, basis_res),
            treatment: s.treatment.as_ref().map(|t| t.option),
            above_appetite: above,
        });
    }
    ScenarioTally {
        scenarios,
        level_counts,
        treatments,
        breaches,
        above_residual,
    }
}

/// Per asset: the peak scenario per stage, and the number of scenarios.
fn asset_peaks(x: &Run<'_, '_>) -> (Vec<Peaks>, Vec<u32>) {
    let (reg, r) = (x.reg, x.r);
    let na = reg.assets.len();
    let mut asset_acc: Vec<Peaks> = vec![[None; 3]; na];
    let mut asset_count = vec![0u32; na];
    for (k, &a) in r.scenario_asset.iter().enumerate() {
        if let Some(acc) = asset_acc.get_mut(a) {
            for (st, slot) in acc.iter_mut().enumerate() {
                merge_peak(
                    slot,
                    PeakAcc {
                        scenario: k,
                        ties: 0,
                    },
                    reg,
                    &x.evals,
                    st,
                );
            }
        }
        if let Some(c) = asset_count.get_mut(a) {
            *c += 1;
        }
    }
    (asset_acc, asset_count)
}

/// Each asset with its peak risks, with its findings; and the number of IT and OT assets.
fn asset_risks<'a>(
    x: &Run<'a, '_>,
    asset_acc: &[Peaks],
    asset_count: &[u32],
    findings: &mut Vec<Finding>,
) -> (Vec<AssetRisk<'a>>, (u32, u32)) {
    let (reg, m) = (x.reg, x.m);
    let na = reg.assets.len();
    let mut assets = Vec::with_capacity(na);
    let (mut it, mut ot) = (0u32, 0u32);
    for (k, a) in reg.assets.iter().enumerate() {
        match a.domain {
            Domain::It => it += 1,
            Domain::Ot => ot += 1,
        }
        let acc = asset_acc.get(k).copied().unwrap_or([None; 3]);
        let n = asset_count.get(k).copied().unwrap_or(0);
        asset_findings(findings, k, a, n);
        assets.push(AssetRisk {
            id: Cow::Borrowed(&a.id),
            kind: a.kind,
            domain: a.domain,
            services: a
                .services
                .iter()
                .map(|s| Cow::Borrowed(s.as_str()))
                .collect(),
            scenarios: n,
            inherent: peak(m, reg, &x.evals, acc[0], 0),
            current: peak(m, reg, &x.evals, acc[1], 1),
            residual: peak(m, reg, &x.evals, acc[2], 2),
        });
    }
    (assets, (it, ot))
}

/// Each service with the highest risk of its assets, its dependencies both ways and an
/// explanation, with its findings.
fn service_risks<'a>(
    x: &Run<'a, '_>,
    asset_acc: &[Peaks],
    asset_count: &[u32],
    findings: &mut Vec<Finding>,
) -> Vec<ServiceRisk<'a>> {
    let (reg, r, m) = (x.reg, x.r, x.m);
    let nsv = reg.services.len();
    let (svc_acc, svc_assets, svc_count) = service_peaks(x, asset_acc, asset_count);
    let mut depends_on: Vec<Vec<usize>> = vec![Vec::new(); nsv];
    for (s, ds) in r.dependants.iter().enumerate() {
        for &d in ds {
            if let Some(v) = depends_on.get_mut(d) {
                v.push(s);
            }
        }
    }
    let mut services: Vec<ServiceRisk<'a>> = Vec::with_capacity(nsv);
    for (k, s) in reg.services.iter().enumerate() {
        let acc = svc_acc.get(k).copied().unwrap_or([None; 3]);
        let cur = peak(m, reg, &x.evals, acc[1], 1);
        let asset_ids: Vec<Cow<'a, str>> = svc_assets
            .get(k)
            .map(|v| {
                v.iter()
                    .filter_map(|&a| {
                        reg.assets
                            .get(a)
                            .map(|asset| Cow::Borrowed(asset.id.as_str()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if asset_ids.is_empty() {
            findings.push(finding(
                "service_without_assets",
                format!("$.services[{k}]"),
                format!(
                    "Service `{}` has no supporting asset: its risk cannot be inherited.",
                    s.id
                ),
                format!(
                    "Ydelsen `{}` har intet understøttende aktiv: dens risiko kan ikke nedarves.",
                    s.id
                ),
            ));
        }
        let explanation = explain(m, cur.as_ref(), asset_ids.len());
        services.push(ServiceRisk {
            id: Cow::Borrowed(&s.id),
            entity_type: s.entity_type.as_deref().map(Cow::Borrowed),
            criticality_society: s.criticality_society,
            criticality_customers: s.criticality_customers,
            assets: asset_ids,
            scenarios: svc_count.get(k).copied().unwrap_or(0),
            inherent: peak(m, reg, &x.evals, acc[0], 0),
            current: cur,
            residual: peak(m, reg, &x.evals, acc[2], 2),
            depends_on: Vec::new(),
            dependants: Vec::new(),
            disruption_depth: 0,
            most_critical_society_reached: None,
            most_critical_customers_reached: None,
            explanation,
        });
    }
    for (s, d) in services.iter_mut().zip(disruptions(r, reg)) {
        s.dependants = d.dependants;
        s.disruption_depth = d.depth;
        s.most_critical_society_reached = d.society;
        s.most_critical_customers_reached = d.customers;
    }
    // Upstream information (after all services have their level).
    for (k, ups) in depends_on.iter().enumerate() {
        let list: Vec<UpstreamRisk<'a>> = ups
            .iter()
            .filter_map(|&u| {
                services.get(u).map(|s| UpstreamRisk {
                    service: s.id.clone(),
                    current_level: s.current.as_ref().map(|p| p.level.clone()),
                })
            })
            .collect();
        if let Some(s) = services.get_mut(k) {
            s.depends_on = list;
        }
    }
    services
}

/// Per service: the peak scenario per stage over its assets, its assets and the number of
/// scenarios.
fn service_peaks(
    x: &Run<'_, '_>,
    asset_acc: &[Peaks],
    asset_count: &[u32],
) -> (Vec<Peaks>, Vec<Vec<usize>>, Vec<u32>) {
    let (reg, r) = (x.reg, x.r);
    let nsv = reg.services.len();
    let mut svc_acc: Vec<Peaks> = vec![[None; 3]; nsv];
    let mut svc_assets: Vec<Vec<usize>> = vec![Vec::new(); nsv];
    let mut svc_count = vec![0u32; nsv];
    for (a, svcs) in r.asset_services.iter().enumerate() {
        let acc = asset_acc.get(a).copied().unwrap_or([None; 3]);
        let n = asset_count.get(a).copied().unwrap_or(0);
        for &sv in svcs {
            if let Some(list) = svc_assets.get_mut(sv) {
                list.push(a);
            }
            if let Some(c) = svc_count.get_mut(sv) {
                *c += n;
            }
            if let Some(sacc) = svc_acc.get_mut(sv) {
                for (st, slot) in sacc.iter_mut().enumerate() {
                    if let Some(pa) = acc.get(st).copied().flatten() {
                        merge_peak(slot, pa, reg, &x.evals, st);
                    }
                }
            }
        }
    }
    (svc_acc, svc_assets, svc_count)
}

/// The scenarios above appetite now, ranked (level, then score, highest first, then id).
fn appetite_breaches<'a>(
    x: &Run<'a, '_>,
    mut breaches: Vec<(usize, bool)>,
) -> Vec<AppetiteBreach<'a>> {
    let (reg, r, m) = (x.reg, x.r, x.m);
    breaches.sort_unstable_by(|a, b| {
        let (ka, kb) = (key(reg, &x.evals, a.0, 1), key(reg, &x.evals, b.0, 1));
        (kb.0, kb.1).cmp(&(ka.0, ka.1)).then_with(|| ka.2.cmp(kb.2))
    });
    let limits = r.appetite.unwrap_or([None; 4]);
    breaches
        .into_iter()
        .enumerate()
        .filter_map(|(rank, (k, residual_ok))| {
            let s = reg.scenarios.get(k)?;
            let e = x.evals.get(k)?;
            let services = r
                .scenario_asset
                .get(k)
                .and_then(|&a| reg.assets.get(a))
                .map(|a| {
                    a.services
                        .iter()
                        .map(|s| Cow::Borrowed(s.as_str()))
                        .collect()
                })
                .unwrap_or_default();
            Some(AppetiteBreach {
                rank: count(rank + 1),
                scenario: Cow::Borrowed(&s.id),
                asset: Cow::Borrowed(&s.asset),
                services,
                level: Cow::Borrowed(m.level_id(e[1].cell.level)),
                score: e[1].cell.score,
                reasons: breach_reasons(m, &limits, &e[1]),
                treatment: s.treatment.as_ref().map(|t| t.option),
                residual_level: Cow::Borrowed(m.level_id(e[2].cell.level)),
                residual_within_appetite: residual_ok,
            })
        })
        .collect()
}

/// The totals: services, assets (IT and OT), scenarios, threats used, levels per stage,
/// treatments, appetite breaches now and after treatment, the highest current level.
fn summary<'a>(
    x: &Run<'a, '_>,
    level_counts: Vec<[u32; 3]>,
    treatments: TreatmentCounts,
    (it, ot): (u32, u32),
    above_current: usize,
    above_residual: u32,
) -> Summary<'a> {
    let (reg, r, m) = (x.reg, x.r, x.m);
    let mut threats_used = vec![false; r.threat_count];
    for &t in &r.scenario_threat_ix {
        if let Some(u) = threats_used.get_mut(t) {
            *u = true;
        }
    }
    let highest_current = x
        .evals
        .iter()
        .map(|e| e[1].cell.level)
        .max()
        .map(|ix| Cow::Borrowed(m.level_id(ix)));
    Summary {
        services: count(reg.services.len()),
        assets: count(reg.assets.len()),
        assets_it: it,
        assets_ot: ot,
        scenarios: count(reg.scenarios.len()),
        threats_used: count(threats_used.iter().filter(|u| **u).count()),
        levels: level_counts
            .iter()
            .enumerate()
            .map(|(ix, c)| LevelCount {
                level: Cow::Borrowed(m.level_id(ix)),
                inherent: c[0],
                current: c[1],
                residual: c[2],
            })
            .collect(),
        treatments,
        above_appetite_current: r.appetite.map(|_| count(above_current)),
        above_appetite_residual: r.appetite.map(|_| above_residual),
        highest_current,
    }
}

fn scenario_findings(
    findings: &mut Vec<Finding>,
    reg: &Register,
    k: usize,
    s: &super::register::Scenario,
    ev: &[Eval; 3],
    above: Option<bool>,
) {
    let [ei, ec, er] = ev;
    if s.current.is_some() && ec.cell.level > ei.cell.level {
        findings.push(finding(
            "current_above_inherent",
            format!("$.scenarios[{k}].current"),
            format!("Scenario `{}`: the current level is higher than the inherent level; controls should not raise a risk — check the ratings.", s.id),
            format!("Scenarie `{}`: det nuværende niveau er højere end det iboende; foranstaltninger bør ikke øge en risiko — kontrollér vurderingerne.", s.id),
        ));
    }
    if s.residual.is_some() && er.cell.level > ec.cell.level {
        findings.push(finding(
            "residual_above_current",
            format!("$.scenarios[{k}].residual"),
            format!("Scenario `{}`: the residual level is higher than the current level; a treatment should not raise a risk — check the ratings.", s.id),
            format!("Scenarie `{}`: restniveauet er højere end det nuværende; en behandling bør ikke øge en risiko — kontrollér vurderingerne.", s.id),
        ));
    }
    if let Some(t) = &s.treatment {
        if t.option == TreatmentOption::Accept && t.justification.is_none() {
            findings.push(finding(
                "accepted_without_justification",
                format!("$.scenarios[{k}].treatment"),
                format!("Scenario `{}`: the risk is accepted without a justification; Implementing Regulation (EU) 2024/2690, Annex point 2.1.2(j), asks for the reasons for accepting residual risks.", s.id),
                format!("Scenarie `{}`: risikoen er accepteret uden begrundelse; gennemførelsesforordning (EU) 2024/2690, bilaget punkt 2.1.2(j), kræver begrundelse for accepterede restrisici.", s.id),
            ));
        }
    }
    if above == Some(true) && s.treatment.is_none() {
        findings.push(finding(
            "above_appetite_untreated",
            format!("$.scenarios[{k}].treatment"),
            format!("Scenario `{}`: the current risk is above the appetite and no treatment is decided.", s.id),
            format!("Scenarie `{}`: den nuværende risiko er over risikoappetitten, og der er ikke besluttet nogen behandling.", s.id),
        ));
    }
    if s.owner.is_none() {
        findings.push(finding(
            "scenario_without_owner",
            format!("$.scenarios[{k}].owner"),
            format!(
                "Scenario `{}` has no risk owner (ISO/IEC 27001 6.1.2(c)).",
                s.id
            ),
            format!(
                "Scenarie `{}` har ingen risikoejer (ISO/IEC 27001 6.1.2(c)).",
                s.id
            ),
        ));
    }
    if let (Some(review), Some(today)) = (&s.review_date, &reg.assessment_date) {
        if review < today {
            findings.push(finding(
                "review_overdue",
                format!("$.scenarios[{k}].review_date"),
                format!("Scenario `{}`: the review was due on {review}, before the assessment date {today}.", s.id),
                format!("Scenarie `{}`: gennemgangen skulle være sket {review}, før vurderingsdatoen {today}.", s.id),
            ));
        }
    }
}

fn asset_findings(findings: &mut Vec<Finding>, k: usize, a: &super::register::Asset, n: u32) {
    if a.owner.is_none() {
        findings.push(finding(
            "asset_without_owner",
            format!("$.assets[{k}].owner"),
            format!("Asset `{}` has no owner (ISO/IEC 27001 A.5.9).", a.id),
            format!("Aktivet `{}` har ingen ejer (ISO/IEC 27001 A.5.9).", a.id),
        ));
    }
    if n == 0 {
        findings.push(finding(
            "asset_without_scenarios",
            format!("$.assets[{k}]"),
            format!(
                "Asset `{}` has no risk scenario: its risk is not assessed.",
                a.id
            ),
            format!(
                "Aktivet `{}` har intet risikoscenarie: dets risiko er ikke vurderet.",
                a.id
            ),
        ));
    }
    if a.services.is_empty() {
        findings.push(finding(
            "asset_without_service",
            format!("$.assets[{k}].services"),
            format!(
                "Asset `{}` supports no service: its risks reach no service.",
                a.id
            ),
            format!(
                "Aktivet `{}` understøtter ingen ydelse: dets risici når ingen ydelse.",
                a.id
            ),
        ));
    }
}

fn explain(m: &Matrix<'_>, cur: Option<&Peak<'_>>, n_assets: usize) -> Text {
    let Some(p) = cur else {
        return Text::st(
            "No current risk: none of the service's assets has a risk scenario.",
            "Ingen nuværende risiko: ingen af ydelsens aktiver har et risikoscenarie.",
        );
    };
    let (en, da) = m
        .level_index(&p.level)
        .map_or(("", ""), |ix| level_name(m, ix));
    let ties_en = match p.ties {
        0 => String::new(),
        1 => " (1 other scenario reaches the same level and score)".to_owned(),
        n => format!(" ({n} other scenarios reach the same level and score)"),
    };
    let ties_da = match p.ties {
        0 => String::new(),
        1 => " (1 andet scenarie når samme niveau og score)".to_owned(),
        n => format!(" ({n} andre scenarier når samme niveau og score)"),
    };
    let (assets_en, assets_da) = match n_assets {
        1 => (
            "its only asset".to_owned(),
            "for ydelsens eneste aktiv".to_owned(),
        ),
        n => (
            format!("its {n} assets"),
            format!("blandt ydelsens {n} aktiver"),
        ),
    };
    Text::new(
        format!("Current risk {en}, inherited from scenario `{}` on asset `{}` (likelihood {} × impact {}, score {}): the highest current risk of {assets_en}{ties_en}.", p.scenario, p.asset, p.likelihood, p.impact, p.score),
        format!("Nuværende risiko {da}, nedarvet fra scenarie `{}` på aktivet `{}` (sandsynlighed {} × konsekvens {}, score {}): den højeste nuværende risiko {assets_da}{ties_da}.", p.scenario, p.asset, p.likelihood, p.impact, p.score),
    )
}

/// The most critical service reached so far: (criticality, register index), the higher
/// criticality first, then the lower index.
type Most = Option<(Criticality, usize)>;

/// What a disruption of a service reaches (see the fields of `ServiceRisk`).
struct Disruption<'a> {
    dependants: Vec<Cow<'a, str>>,
    depth: u32,
    society: Option<ReachedService<'a>>,
    customers: Option<ReachedService<'a>>,
}

fn better(a: Most, b: Most) -> Most {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.0 > x.0 || (y.0 == x.0 && y.1 < x.1) {
            y
        } else {
            x
        }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Per service, what a disruption reaches: in one pass over the dependency graph (a DAG, the
/// validation rejects cycles), sinks first, each service combining its direct dependants'
/// results. The maximum over the services reached is the same through every path, so no
/// service's closure is listed: time and size are linear in the services and dependencies.
fn disruptions<'a>(r: &Resolved<'_>, reg: &'a Register) -> Vec<Disruption<'a>> {
    let n = reg.services.len();
    let mut upstream: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut pending: Vec<usize> = vec![0; n];
    for (s, ds) in r.dependants.iter().enumerate() {
        for &d in ds {
            if let Some(u) = upstream.get_mut(d) {
                u.push(s);
            }
            if let Some(p) = pending.get_mut(s) {
                *p += 1;
            }
        }
    }
    // (depth, most critical to society, to customers) per service.
    let mut acc: Vec<(u32, Most, Most)> = vec![(0, None, None); n];
    let mut ready: Vec<usize> = (0..n).filter(|&k| pending.get(k) == Some(&0)).collect();
    while let Some(d) = ready.pop() {
        let (dd, ds, dc) = acc.get(d).copied().unwrap_or((0, None, None));
        let Some(svc) = reg.services.get(d) else {
            continue;
        };
        let own_s = better(ds, Some((svc.criticality_society, d)));
        let own_c = better(dc, Some((svc.criticality_customers, d)));
        for &u in upstream.get(d).map_or(&[][..], Vec::as_slice) {
            if let Some(a) = acc.get_mut(u) {
                *a = (
                    a.0.max(dd.saturating_add(1)),
                    better(a.1, own_s),
                    better(a.2, own_c),
                );
            }
            if let Some(p) = pending.get_mut(u) {
                *p = p.saturating_sub(1);
                if *p == 0 {
                    ready.push(u);
                }
            }
        }
    }
    let reached = |m: Most| {
        m.and_then(|(criticality, ix)| {
            reg.services.get(ix).map(|s| ReachedService {
                service: Cow::Borrowed(s.id.as_str()),
                criticality,
            })
        })
    };
    acc.into_iter()
        .enumerate()
        .map(|(k, (depth, most_s, most_c))| {
            let mut direct: Vec<usize> = r.dependants.get(k).cloned().unwrap_or_default();
            direct.sort_unstable();
            direct.dedup();
            Disruption {
                dependants: direct
                    .iter()
                    .filter_map(|&d| reg.services.get(d).map(|s| Cow::Borrowed(s.id.as_str())))
                    .collect(),
                depth,
                society: reached(most_s),
                customers: reached(most_c),
            }
        })
        .collect()
}
