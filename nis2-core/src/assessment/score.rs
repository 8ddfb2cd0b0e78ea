//! Scoring with declared maths (`docs/scoring.md`): per requirement a status score and a
//! maturity score, each an interval from worst case to best case; roll-ups by the chosen
//! aggregation to the measures (Art. 21(2)(a)–(j) and the other articles), to each framework
//! and overall. Every score carries its inputs, weights and formula; values are computed as
//! exact fractions, always in catalog order, and rounded half up to four decimals.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::{Catalogs, Confidence, Node};
use crate::text::{Str, Text};

use super::infer::{self, Inferred};
use super::model::{Aggregation, AssessmentDocument, RequirementResult, Scale, Settings, Status};
use super::num::{weighted_sum, Num, DECIMALS};
use super::requirements::{Req, RequirementSet, ScopeSummary};

/// The schema version of evaluations.
pub const EVALUATION_SCHEMA_VERSION: &str = "1";

/// A score interval: `low` counts every not-assessed requirement as 0 (worst case), `high` as
/// 1 (best case); equal when everything is assessed.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Interval {
    /// Worst case, rounded to 4 decimals.
    pub low: f64,
    /// Best case, rounded to 4 decimals.
    pub high: f64,
    /// `low` as an exact fraction.
    pub exact_low: String,
    /// `high` as an exact fraction.
    pub exact_high: String,
}

impl Interval {
    pub(crate) fn of(low: &Num, high: &Num) -> Interval {
        if low == high {
            let exact = low.exact();
            let v = low.rounded();
            return Interval {
                low: v,
                high: v,
                exact_low: exact.clone(),
                exact_high: exact,
            };
        }
        Interval {
            low: low.rounded(),
            high: high.rounded(),
            exact_low: low.exact(),
            exact_high: high.exact(),
        }
    }
}

/// A score interval, rounded (the inputs of an aggregate; their exact values are with the
/// requirement or measure they come from).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Bounds {
    /// Worst case.
    pub low: f64,
    /// Best case.
    pub high: f64,
}

impl Bounds {
    pub(crate) fn of(low: &Num, high: &Num) -> Bounds {
        Bounds {
            low: low.rounded(),
            high: high.rounded(),
        }
    }
}

/// A single number with its exact fraction.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Value {
    /// Rounded to 4 decimals.
    pub value: f64,
    /// Exact fraction.
    pub exact: String,
}

impl Value {
    pub(crate) fn of(n: &Num) -> Value {
        Value {
            value: n.rounded(),
            exact: n.exact(),
        }
    }
}

/// Where a requirement's result comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Assessed directly.
    Direct,
    /// Inferred from other frameworks' results through the mappings.
    Inferred,
    /// Not assessed (no result, or `not_assessed`, and nothing to infer from).
    NotAssessed,
    /// Not applicable, with a justification: excluded from the scores.
    NotApplicable,
}

/// The gap of a requirement: how far it is from its target.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Gap {
    /// 1 − status score (worst case for a not-assessed requirement: 1).
    pub status_gap: Value,
    /// (target − weaker maturity layer) / (target − scale minimum), at least 0, in the worst
    /// case; absent when no maturity counts (none given, the status is not `not_implemented`
    /// and no target maturity is set in the result or the settings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maturity_gap: Option<Value>,
    /// The larger of the two: the worst case.
    pub gap: Value,
    /// The gap in the best case, when something it depends on is unknown (a status not
    /// assessed, a maturity not given while a target is set); absent when the gap is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_case: Option<Value>,
    /// The gap is the worst case of an interval (`best_case` is the other end).
    pub worst_case: bool,
    /// A maturity layer is not given while a target maturity is set: it counts as the scale
    /// minimum in the worst case; assess it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub maturity_unknown: bool,
    /// The formula with its numbers (the values are in the fields above).
    pub formula: String,
}

/// One requirement, scored.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RequirementScore {
    /// Node id.
    pub id: Str,
    /// Framework id.
    pub framework: Str,
    /// Reference to the source.
    pub citation: Str,
    /// Short title.
    pub title: Text,
    /// The measures it counts towards.
    pub measures: Vec<Str>,
    /// Where its result comes from.
    pub basis: Basis,
    /// The status used (direct, inferred, or `not_assessed`).
    pub status: Status,
    /// Why it does not apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// Implementation maturity used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation_maturity: Option<i64>,
    /// Documentation maturity used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_maturity: Option<i64>,
    /// The target maturity.
    pub target_maturity: i64,
    /// Its weight in its measures.
    pub weight: u32,
    /// Where the weight comes from: `result`, `settings:<node id>` or `default`.
    pub weight_from: Str,
    /// The status score (absent when not applicable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_score: Option<Interval>,
    /// How the status score was computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_formula: Option<Str>,
    /// The maturity score (absent when not applicable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maturity_score: Option<Interval>,
    /// How the maturity score was computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maturity_formula: Option<String>,
    /// The gap (absent when not applicable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<Gap>,
    /// The inferred result, when the basis is `inferred`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Inferred>,
    /// Evidence references given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The owner given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The due date given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// The document source given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Notes given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Counts of requirements by basis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Counts {
    /// Requirements.
    pub requirements: usize,
    /// Assessed directly.
    pub direct: usize,
    /// Inferred.
    pub inferred: usize,
    /// Not assessed.
    pub not_assessed: usize,
    /// Not applicable (excluded from the scores).
    pub not_applicable: usize,
}

impl Counts {
    fn add(&mut self, b: Basis) {
        self.requirements += 1;
        match b {
            Basis::Direct => self.direct += 1,
            Basis::Inferred => self.inferred += 1,
            Basis::NotAssessed => self.not_assessed += 1,
            Basis::NotApplicable => self.not_applicable += 1,
        }
    }
}

/// One input of an aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AggregateInput {
    /// Requirement or measure id.
    pub id: Str,
    /// Its weight.
    pub weight: u32,
    /// Its status score (rounded).
    pub status: Bounds,
    /// Its maturity score (rounded).
    pub maturity: Bounds,
}

/// An input left out of an aggregate, and why.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AggregateExcluded {
    /// Requirement or measure id.
    pub id: Str,
    /// Why.
    pub reason: String,
}

/// A score rolled up from its inputs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AggregateScore {
    /// The measure id (a node), the framework id, or `overall`.
    pub id: Str,
    /// Reference to the source (measures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<Str>,
    /// Title.
    pub title: Text,
    /// Its weight in the next level (measures: the settings' `measure_weights`, default 1).
    pub weight: u32,
    /// The aggregation used.
    pub method: Aggregation,
    /// Its formula.
    pub formula: Str,
    /// The status score; absent when every input is excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Interval>,
    /// The maturity score; absent when every input is excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maturity: Option<Interval>,
    /// Requirements by basis.
    pub counts: Counts,
    /// The inputs, in catalog order.
    pub inputs: Vec<AggregateInput>,
    /// Inputs left out (not applicable), with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<AggregateExcluded>,
}

/// The score of one status.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct StatusScore {
    /// The status.
    pub status: Status,
    /// Its score.
    pub score: Value,
}

/// The declared method.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Method {
    /// The aggregation.
    pub aggregation: Aggregation,
    /// Its formula.
    pub aggregation_formula: Str,
    /// Status → score.
    pub status_scores: Vec<StatusScore>,
    /// The maturity score formula.
    pub maturity_formula: Str,
    /// The gap formula.
    pub gap_formula: Str,
    /// How not-assessed and not-applicable requirements count.
    pub intervals: Text,
    /// How results are inferred.
    pub inference: Text,
    /// Whether inference was on.
    pub inference_enabled: bool,
    /// The lowest mapping confidence used.
    pub min_confidence: Confidence,
    /// Decimals in the output (rounded half up from the exact fraction).
    pub decimals: u32,
}

/// The scale as used.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ScaleInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Lowest level.
    pub min: i64,
    /// Highest level.
    pub max: i64,
    /// The default target used.
    pub target: i64,
}

pub use crate::finding::Finding;

/// The result of `score`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Evaluation {
    /// Data format version.
    pub schema_version: Str,
    /// The assessment's name.
    pub name: String,
    /// The organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The assessment date.
    pub assessment_date: String,
    /// The target date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_date: Option<String>,
    /// The scope.
    pub scope: ScopeSummary,
    /// The scale.
    pub scale: ScaleInfo,
    /// The declared method.
    pub method: Method,
    /// The overall score (aggregate of the measures); absent when nothing is scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<AggregateScore>,
    /// Per framework (aggregate of its measures).
    pub frameworks: Vec<AggregateScore>,
    /// Per measure (aggregate of its requirements), in catalog order.
    pub measures: Vec<AggregateScore>,
    /// Every requirement of the set, in catalog order.
    pub requirements: Vec<RequirementScore>,
    /// Requirements by basis.
    pub counts: Counts,
    /// Points for attention.
    pub findings: Vec<Finding>,
}

/// The status score of an implementation status.
pub fn status_score(s: Status) -> Option<Num> {
    Some(match s {
        Status::NotImplemented => Num::ZERO,
        Status::PartiallyImplemented => Num::frac(1, 3),
        Status::LargelyImplemented => Num::frac(2, 3),
        Status::FullyImplemented => Num::ONE,
        _ => return None,
    })
}

/// The per-requirement numbers the plan and the reports use.
#[derive(Debug, Clone)]
pub(crate) struct ReqCalc {
    pub(crate) req: Req,
    pub(crate) basis: Basis,
    pub(crate) weight: u32,
    pub(crate) s: (Num, Num),
    pub(crate) m: (Num, Num),
    pub(crate) gap: Num,
    /// The gap in the best case (equal to `gap` when nothing is unknown).
    pub(crate) gap_best: Num,
    /// Indexes into the measure list.
    pub(crate) measure_ix: Vec<usize>,
    pub(crate) fw_ix: usize,
    pub(crate) effort: Option<u32>,
    pub(crate) due_date: Option<String>,
    pub(crate) owner: Option<String>,
}

/// A measure definition.
#[derive(Debug, Clone)]
pub(crate) struct MeasureDef {
    pub(crate) node: &'static Node,
    pub(crate) weight: u32,
}

/// Everything computed, for the plan and the reports.
#[derive(Debug, Clone)]
pub(crate) struct Computed {
    pub(crate) eval: Evaluation,
    pub(crate) calcs: Vec<ReqCalc>,
    pub(crate) measures: Vec<MeasureDef>,
    pub(crate) frameworks: Vec<&'static str>,
    pub(crate) aggregation: Aggregation,
    /// Per measure: the calcs counting towards it, catalog order.
    pub(crate) by_measure: Vec<Vec<usize>>,
    /// Per framework: the measures its requirements count towards, catalog order.
    pub(crate) fw_measures: Vec<Vec<usize>>,
}

/// The aggregates of one pass.
#[derive(Debug, Clone)]
pub(crate) struct Aggregates {
    /// Per measure.
    pub(crate) measures: Vec<Option<Pair>>,
    /// Per framework, per measure of `fw_measures`: the framework's own sub-score.
    pub(crate) fw_subs: Vec<Vec<Option<Pair>>>,
    /// Per framework.
    pub(crate) frameworks: Vec<Option<Pair>>,
    /// Overall.
    pub(crate) overall: Option<Pair>,
}

/// A status interval and a maturity interval.
pub(crate) type Pair = ((Num, Num), (Num, Num));

/// `x / n` for a whole `n > 0`.
fn divide(x: &Num, n: i64) -> Num {
    x.over(&Num::int(n))
}

fn aggregate(method: Aggregation, inputs: &[(u32, Num, Num)]) -> Option<(Num, Num)> {
    if inputs.is_empty() {
        return None;
    }
    let lows: Vec<(u32, Num)> = inputs.iter().map(|(w, l, _)| (*w, l.clone())).collect();
    let highs: Vec<(u32, Num)> = inputs.iter().map(|(w, _, h)| (*w, h.clone())).collect();
    Some(match method {
        Aggregation::WeightedMean => {
            let w: i64 = inputs.iter().map(|(w, _, _)| i64::from(*w)).sum();
            (
                divide(&weighted_sum(&lows), w),
                divide(&weighted_sum(&highs), w),
            )
        }
        Aggregation::Mean => {
            let n = i64::try_from(inputs.len()).unwrap_or(i64::MAX);
            let ones = |v: &[(u32, Num)]| -> Vec<(u32, Num)> {
                v.iter().map(|(_, x)| (1, x.clone())).collect()
            };
            (
                divide(&weighted_sum(&ones(&lows)), n),
                divide(&weighted_sum(&ones(&highs)), n),
            )
        }
        Aggregation::Minimum => {
            let mut lo = Num::ONE;
            let mut hi = Num::ONE;
            for (_, l, h) in inputs {
                lo = lo.min(l);
                hi = hi.min(h);
            }
            (lo, hi)
        }
    })
}

/// The weight of a requirement: its result's, else the most specific `settings.weights`
/// entry on it or an ancestor, else 1.
fn weight_of(
    cat: &'static Catalogs,
    node: &'static Node,
    result: Option<&RequirementResult>,
    weights: Option<&BTreeMap<String, u32>>,
) -> (u32, Str) {
    if let Some(w) = result.and_then(|r| r.weight) {
        return (w, Cow::Borrowed("result"));
    }
    if let Some(map) = weights {
        if let Some(w) = map.get(&node.id) {
            return (*w, Cow::Owned(format!("settings:{}", node.id)));
        }
        for a in cat.ancestors(&node.id).iter().rev() {
            if let Some(w) = map.get(&a.id) {
                return (*w, Cow::Owned(format!("settings:{}", a.id)));
            }
        }
    }
    (1, Cow::Borrowed("default"))
}

fn layer(level: Option<i64>, implied: bool, scale: &Scale) -> (Num, Num) {
    match level {
        Some(v) => {
            let q = Num::frac(v - scale.min, scale.max - scale.min);
            (q.clone(), q)
        }
        None if implied => (Num::ZERO, Num::ZERO),
        None => (Num::ZERO, Num::ONE),
    }
}

fn layer_text(level: Option<i64>, implied: bool, scale: &Scale) -> String {
    match level {
        Some(v) => format!("({v} − {}) / {}", scale.min, scale.max - scale.min),
        None if implied => "0 (implied by not_implemented)".to_owned(),
        None => "[0, 1] (not given)".to_owned(),
    }
}

/// The status score as written in formulas.
fn status_value_text(s: Status) -> &'static str {
    match s {
        Status::PartiallyImplemented => "1/3",
        Status::LargelyImplemented => "2/3",
        Status::FullyImplemented => "1",
        _ => "0",
    }
}

fn status_formula(s: Status) -> &'static str {
    match s {
        Status::NotImplemented => "score(not_implemented) = 0",
        Status::PartiallyImplemented => "score(partially_implemented) = 1/3",
        Status::LargelyImplemented => "score(largely_implemented) = 2/3",
        Status::FullyImplemented => "score(fully_implemented) = 1",
        _ => "not assessed: [0, 1] (worst case 0, best case 1)",
    }
}

/// Score a validated document against its requirement set.
pub(crate) fn compute(
    cat: &'static Catalogs,
    doc: &AssessmentDocument,
    scale: &Scale,
    set: &RequirementSet,
    reqs: &[Req],
) -> Computed {
    let settings = doc.settings.clone().unwrap_or_default();
    let aggregation = settings.aggregation.unwrap_or_default();
    let default_target = settings.target_maturity.unwrap_or(scale.default_target);
    let inference_on = settings.inference.unwrap_or(true);
    let min_conf = settings.min_confidence.unwrap_or(Confidence::Low);

    let results: HashMap<&str, &RequirementResult> = doc
        .results
        .iter()
        .map(|r| (r.requirement.as_str(), r))
        .collect();
    let source_fws = infer::source_frameworks(cat, doc);

    let measures = measure_defs(cat, reqs, &settings);
    let measure_pos: HashMap<&str, usize> = measures
        .iter()
        .enumerate()
        .map(|(i, d)| (d.node.id.as_str(), i))
        .collect();
    let frameworks = frameworks_of(reqs);

    let ctx = ScoreCtx {
        cat,
        scale,
        results: &results,
        source_fws: &source_fws,
        inference_on,
        min_conf,
        weights: settings.weights.as_ref(),
        default_target,
        explicit_target: settings.target_maturity.is_some(),
        measure_pos: &measure_pos,
        frameworks: &frameworks,
    };
    let mut scores: Vec<RequirementScore> = Vec::with_capacity(reqs.len());
    let mut calcs: Vec<ReqCalc> = Vec::with_capacity(reqs.len());
    let mut counts = Counts::default();
    for req in reqs {
        let (score, calc) = score_requirement(&ctx, req);
        counts.add(score.basis);
        scores.push(score);
        calcs.push(calc);
    }

    let findings = findings(cat, doc, set, reqs, &frameworks);
    let (by_measure, fw_measures) = measure_groups(&calcs, measures.len(), frameworks.len());
    let c = Computed {
        eval: Evaluation {
            schema_version: Cow::Borrowed(EVALUATION_SCHEMA_VERSION),
            name: doc.name.clone(),
            organisation: doc.organisation.clone(),
            assessment_date: doc.assessment_date.clone(),
            target_date: doc.target_date.clone(),
            scope: set.scope.clone(),
            scale: ScaleInfo {
                id: scale.id.clone(),
                name: scale.name.clone(),
                min: scale.min,
                max: scale.max,
                target: default_target,
            },
            method: method(aggregation, inference_on, min_conf, scale),
            overall: None,
            frameworks: Vec::new(),
            measures: Vec::new(),
            requirements: scores,
            counts,
            findings,
        },
        by_measure,
        fw_measures,
        calcs,
        measures,
        frameworks,
        aggregation,
    };
    roll_up(cat, c)
}

/// The measures the requirements count towards, in catalog order, with their weights.
fn measure_defs(cat: &'static Catalogs, reqs: &[Req], settings: &Settings) -> Vec<MeasureDef> {
    let mut measure_nodes: Vec<&'static Node> = Vec::new();
    for r in reqs {
        for m in &r.measures {
            if !measure_nodes.iter().any(|x| x.id == m.id) {
                measure_nodes.push(m);
            }
        }
    }
    measure_nodes.sort_by_key(|n| cat.loc(&n.id));
    measure_nodes
        .iter()
        .map(|n| MeasureDef {
            node: n,
            weight: settings
                .measure_weights
                .as_ref()
                .and_then(|m| m.get(&n.id))
                .copied()
                .unwrap_or(1),
        })
        .collect()
}

/// The frameworks of the requirements, in the order they first appear.
fn frameworks_of(reqs: &[Req]) -> Vec<&'static str> {
    let mut frameworks: Vec<&'static str> = Vec::new();
    for r in reqs {
        if !frameworks.contains(&r.fw.id.as_str()) {
            frameworks.push(&r.fw.id);
        }
    }
    frameworks
}

/// What scoring one requirement needs from the document, its settings and the requirement set.
struct ScoreCtx<'a> {
    cat: &'static Catalogs,
    scale: &'a Scale,
    results: &'a HashMap<&'a str, &'a RequirementResult>,
    source_fws: &'a [&'static str],
    inference_on: bool,
    min_conf: Confidence,
    weights: Option<&'a BTreeMap<String, u32>>,
    default_target: i64,
    /// `settings.target_maturity` is given.
    explicit_target: bool,
    measure_pos: &'a HashMap<&'a str, usize>,
    frameworks: &'a [&'static str],
}

/// One requirement scored: its result (direct, else inferred, else not assessed), weight,
/// target and, when it applies, its scores and gap; with what the roll-ups need.
fn score_requirement(x: &ScoreCtx<'_>, req: &Req) -> (RequirementScore, ReqCalc) {
    let direct = x.results.get(req.node.id.as_str()).copied();
    let inferred = match direct {
        Some(r) if r.status != Status::NotAssessed => None,
        _ if x.inference_on => infer::infer(
            x.cat,
            &req.node.id,
            &req.fw.id,
            x.source_fws,
            x.results,
            x.min_conf,
        ),
        _ => None,
    };
    let (basis, status, im, dm) = basis_of(direct, inferred.as_ref());
    let (weight, weight_from) = weight_of(x.cat, req.node, direct, x.weights);
    let target = direct
        .and_then(|r| r.target_maturity)
        .unwrap_or(x.default_target);

    let mut score = RequirementScore {
        id: Cow::Borrowed(&req.node.id),
        framework: Cow::Borrowed(&req.fw.id),
        citation: Cow::Borrowed(&req.node.citation),
        title: Text::borrowed(&req.node.title),
        measures: req
            .measures
            .iter()
            .map(|m| Cow::Borrowed(m.id.as_str()))
            .collect(),
        basis,
        status,
        justification: direct.and_then(|r| r.justification.clone()),
        implementation_maturity: im,
        documentation_maturity: dm,
        target_maturity: target,
        weight,
        weight_from,
        status_score: None,
        status_formula: None,
        maturity_score: None,
        maturity_formula: None,
        gap: None,
        inferred: if basis == Basis::Inferred {
            inferred
        } else {
            None
        },
        evidence: direct.and_then(|r| r.evidence.clone()).unwrap_or_default(),
        owner: direct.and_then(|r| r.owner.clone()),
        due_date: direct.and_then(|r| r.due_date.clone()),
        source: direct.and_then(|r| r.source.clone()),
        notes: direct.and_then(|r| r.notes.clone()),
    };
    let measure_ix: Vec<usize> = req
        .measures
        .iter()
        .filter_map(|m| x.measure_pos.get(m.id.as_str()).copied())
        .collect();
    let fw_ix = x
        .frameworks
        .iter()
        .position(|f| *f == req.fw.id)
        .unwrap_or(0);
    let mut calc = ReqCalc {
        req: req.clone(),
        basis,
        weight,
        s: (Num::ZERO, Num::ONE),
        m: (Num::ZERO, Num::ONE),
        gap: Num::ZERO,
        gap_best: Num::ZERO,
        measure_ix,
        fw_ix,
        effort: direct.and_then(|r| r.effort),
        due_date: direct.and_then(|r| r.due_date.clone()),
        owner: direct.and_then(|r| r.owner.clone()),
    };
    if basis != Basis::NotApplicable {
        let explicit = x.explicit_target || direct.and_then(|r| r.target_maturity).is_some();
        score_applicable(&mut score, &mut calc, x.scale, explicit);
    }
    (score, calc)
}

/// Where a requirement's result comes from, and the status and maturities it gives: the direct
/// result if assessed, else the inferred one, else not assessed.
fn basis_of(
    direct: Option<&RequirementResult>,
    inferred: Option<&Inferred>,
) -> (Basis, Status, Option<i64>, Option<i64>) {
    match (direct, inferred) {
        (Some(r), _) if r.status == Status::NotApplicable => {
            (Basis::NotApplicable, Status::NotApplicable, None, None)
        }
        (Some(r), _) if r.status != Status::NotAssessed => (
            Basis::Direct,
            r.status,
            r.implementation_maturity,
            r.documentation_maturity,
        ),
        (_, Some(i)) => (
            Basis::Inferred,
            i.status,
            i.implementation_maturity,
            i.documentation_maturity,
        ),
        _ => (Basis::NotAssessed, Status::NotAssessed, None, None),
    }
}

/// The status score, maturity score and gap of a requirement that applies, with their
/// formulas, from its status, maturities and target (`explicit`: the target is set in the
/// result or the settings, not only the scale's default).
fn score_applicable(
    score: &mut RequirementScore,
    calc: &mut ReqCalc,
    scale: &Scale,
    explicit: bool,
) {
    let status = score.status;
    let (im, dm) = (score.implementation_maturity, score.documentation_maturity);
    let (s_lo, s_hi, s_text): (Num, Num, Str) = match status_score(status) {
        Some(q) => (q.clone(), q, Cow::Borrowed(status_formula(status))),
        None => (
            Num::ZERO,
            Num::ONE,
            Cow::Borrowed("not assessed: [0, 1] (worst case 0, best case 1)"),
        ),
    };
    let implied = status == Status::NotImplemented;
    let (il, ih) = layer(im, implied, scale);
    let (dl, dh) = layer(dm, implied, scale);
    let (m_lo, m_hi) = (divide(&il.plus(&dl), 2), divide(&ih.plus(&dh), 2));
    let m_text = format!(
        "(ℓ_impl + ℓ_doc) / 2 = ({} + {}) / 2",
        layer_text(im, implied, scale),
        layer_text(dm, implied, scale)
    );
    let (gap, g, g_best) = gap_of(score, (&s_lo, &s_hi), scale, explicit);
    score.status_score = Some(Interval::of(&s_lo, &s_hi));
    score.status_formula = Some(s_text);
    score.maturity_score = Some(Interval::of(&m_lo, &m_hi));
    score.maturity_formula = Some(m_text);
    score.gap = Some(gap);
    calc.s = (s_lo, s_hi);
    calc.m = (m_lo, m_hi);
    calc.gap = g;
    calc.gap_best = g_best;
}

/// How a maturity layer counts in the gap, as (worst case, best case) levels: a level given;
/// the scale minimum when the status is `not_implemented` (implied); unknown (the minimum at
/// worst, the maximum at best) when a target maturity is set explicitly; otherwise it is not
/// counted (`None`: the assessment does not assess maturity).
fn gap_layer(
    level: Option<i64>,
    implied: bool,
    explicit: bool,
    scale: &Scale,
) -> Option<(i64, i64)> {
    match level {
        Some(v) => Some((v, v)),
        None if implied => Some((scale.min, scale.min)),
        None if explicit => Some((scale.min, scale.max)),
        None => None,
    }
}

/// The gap of a requirement that applies: the larger of 1 − status score and the weakest
/// maturity layer's distance to the target, in the worst case (and in the best case, when
/// something is unknown), with its formula; and its exact worst and best values.
fn gap_of(
    score: &RequirementScore,
    (s_lo, s_hi): (&Num, &Num),
    scale: &Scale,
    explicit: bool,
) -> (Gap, Num, Num) {
    let (status, basis, target) = (score.status, score.basis, score.target_maturity);
    let implied = status == Status::NotImplemented;
    let layers = [
        gap_layer(score.implementation_maturity, implied, explicit, scale),
        gap_layer(score.documentation_maturity, implied, explicit, scale),
    ];
    let weakest: Option<(i64, i64)> = layers
        .iter()
        .flatten()
        .copied()
        .reduce(|(a, b), (c, d)| (a.min(c), b.min(d)));
    let maturity_unknown = layers.iter().flatten().any(|(w, b)| w != b);
    let mg = |w: i64| {
        if target <= scale.min {
            Num::ZERO
        } else {
            Num::frac((target - w).max(0), target - scale.min)
        }
    };
    let status_gap = Num::ONE.minus(s_lo);
    let (gap, best) = match weakest {
        Some((w, b)) => (status_gap.max(&mg(w)), Num::ONE.minus(s_hi).max(&mg(b))),
        None => (status_gap.clone(), Num::ONE.minus(s_hi)),
    };
    let s_low_text = status_value_text(if basis == Basis::NotAssessed {
        Status::NotImplemented
    } else {
        status
    });
    let mut formula = match weakest {
        Some((w, _)) => format!(
            "max(1 − s, max(0, target − weakest layer) / (target − min)) = max(1 − {s_low_text}, max(0, {target} − {w}) / ({target} − {}))",
            scale.min,
        ),
        None => format!("1 − s = 1 − {s_low_text} (no maturity given, and no target maturity set)"),
    };
    if maturity_unknown {
        formula.push_str(&format!(
            "; a maturity not given counts as {} (worst case), the target being set",
            scale.min
        ));
    }
    let worst_case = gap.compare(&best).is_gt();
    let g = Gap {
        status_gap: Value::of(&status_gap),
        maturity_gap: weakest.map(|(w, _)| Value::of(&mg(w))),
        gap: Value::of(&gap),
        best_case: worst_case.then(|| Value::of(&best)),
        worst_case,
        maturity_unknown,
        formula,
    };
    (g, gap, best)
}

/// Findings on the document that scoring does not cover: results outside the requirement set,
/// due dates after the target date, a scope that is not in force or not settled.
fn findings(
    cat: &'static Catalogs,
    doc: &AssessmentDocument,
    set: &RequirementSet,
    reqs: &[Req],
    frameworks: &[&'static str],
) -> Vec<Finding> {
    let mut findings = outside_set_findings(cat, doc, set, reqs, frameworks);
    due_after_target_findings(doc, &mut findings);
    scope_findings(set, &mut findings);
    findings
}

/// A finding per result on a requirement of a scored framework that is not in the set.
fn outside_set_findings(
    cat: &'static Catalogs,
    doc: &AssessmentDocument,
    set: &RequirementSet,
    reqs: &[Req],
    frameworks: &[&'static str],
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = Vec::new();
    let in_set: std::collections::HashSet<&str> = reqs.iter().map(|q| q.node.id.as_str()).collect();
    for (i, r) in doc.results.iter().enumerate() {
        if in_set.contains(r.requirement.as_str()) {
            continue;
        }
        let in_scored_fw = cat
            .node(&r.requirement)
            .is_some_and(|(f, _)| frameworks.contains(&f.id.as_str()));
        if in_scored_fw {
            let why = set
                .excluded
                .iter()
                .find(|e| e.id == r.requirement)
                .map(|e| e.reason.clone());
            findings.push(Finding::at(
                Cow::Borrowed("result_outside_set"),
                format!("$.results[{i}].requirement"),
                match why {
                    Some(w) => Text::new(
                        format!(
                            "`{}` is not in the requirement set, so it is not scored: {}",
                            r.requirement, w.en
                        ),
                        format!(
                            "`{}` er ikke i kravsættet og scores derfor ikke: {}",
                            r.requirement, w.da
                        ),
                    ),
                    None => Text::new(
                        format!(
                            "`{}` is not in the requirement set, so it is not scored.",
                            r.requirement
                        ),
                        format!(
                            "`{}` er ikke i kravsættet og scores derfor ikke.",
                            r.requirement
                        ),
                    ),
                },
            ));
        }
    }
    findings
}

/// A finding per result due after the assessment's target date.
fn due_after_target_findings(doc: &AssessmentDocument, findings: &mut Vec<Finding>) {
    if let Some(t) = &doc.target_date {
        for (i, r) in doc.results.iter().enumerate() {
            if let Some(d) = &r.due_date {
                if d > t {
                    findings.push(Finding::at(
                        Cow::Borrowed("due_after_target"),
                        format!("$.results[{i}].due_date"),
                        Text::new(
                            format!(
                                "The due date {d} of `{}` is after the target date {t}.",
                                r.requirement
                            ),
                            format!(
                                "Fristen {d} for `{}` ligger efter måldatoen {t}.",
                                r.requirement
                            ),
                        ),
                    ));
                }
            }
        }
    }
}

/// A finding when the organisation is not in scope, and when its scope is not settled.
fn scope_findings(set: &RequirementSet, findings: &mut Vec<Finding>) {
    if !set.scope.applies {
        findings.push(Finding::at(Cow::Borrowed("not_in_scope"), "$.scope".to_owned(), Text::st(
                "The organisation is not in the scope of NIS2: no requirement binds it and nothing is scored.",
                "Organisationen er ikke omfattet af NIS2: ingen krav binder den, og intet scores.",
            )));
    }
    if set.scope.provisional {
        findings.push(Finding::at(Cow::Borrowed("scope_provisional"), "$.scope".to_owned(), Text::st(
                "The scope is not settled (see the scope's open questions): the scores assume the organisation is in scope.",
                "Anvendelsesområdet er ikke afklaret (se de åbne spørgsmål): scorerne forudsætter, at organisationen er omfattet.",
            )));
    }
}

/// The requirements of each measure and the measures of each framework (by index, the
/// measures sorted).
fn measure_groups(
    calcs: &[ReqCalc],
    measures: usize,
    frameworks: usize,
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut by_measure: Vec<Vec<usize>> = vec![Vec::new(); measures];
    let mut fw_measures: Vec<Vec<usize>> = vec![Vec::new(); frameworks];
    for (i, calc) in calcs.iter().enumerate() {
        for &m in &calc.measure_ix {
            if let Some(list) = by_measure.get_mut(m) {
                list.push(i);
            }
            if let Some(list) = fw_measures.get_mut(calc.fw_ix) {
                if !list.contains(&m) {
                    list.push(m);
                }
            }
        }
    }
    for list in &mut fw_measures {
        list.sort_unstable();
    }
    (by_measure, fw_measures)
}

impl Method {
    /// The inference rules in words.
    pub fn inference_rules() -> Text {
        Text::st(
            "A source whose relationship to the requirement is equal, equivalent or superset carries its status and maturities over; subset and intersects carry at most partially_implemented and no maturity; not_assessed and not_applicable sources carry nothing; the best carried status wins; a direct result always wins.",
            "En kilde, hvis relation til kravet er equal, equivalent eller superset, overfører sin status og modenhed; subset og intersects overfører højst partially_implemented og ingen modenhed; kilder, der er not_assessed eller not_applicable, overfører intet; den bedste overførte status vinder; et direkte resultat vinder altid.",
        )
    }
}

fn method(
    aggregation: Aggregation,
    inference: bool,
    min_confidence: Confidence,
    scale: &Scale,
) -> Method {
    Method {
        aggregation,
        aggregation_formula: Cow::Borrowed(aggregation.formula()),
        status_scores: Status::IMPLEMENTATION
            .iter()
            .filter_map(|s| {
                status_score(*s).map(|q| StatusScore {
                    status: *s,
                    score: Value::of(&q),
                })
            })
            .collect(),
        maturity_formula: Cow::Owned(format!(
            "m = (ℓ_impl + ℓ_doc) / 2, ℓ = (level − {min}) / ({max} − {min}); a layer not given counts as [0, 1], or 0 when the status is not_implemented",
            min = scale.min,
            max = scale.max
        )),
        gap_formula: Cow::Borrowed(
            "gap = max(1 − s_low, max(0, target − min(impl, doc)) / (target − scale min)); without a maturity, 1 − s_low",
        ),
        intervals: Text::st(
            "A not-assessed requirement counts as 0 in the worst case (low) and 1 in the best case (high); a not-applicable one is left out of every aggregate, with its justification.",
            "Et ikke-vurderet krav tæller som 0 i værste fald (low) og 1 i bedste fald (high); et ikke-relevant krav udelades af alle aggregater med sin begrundelse.",
        ),
        inference: Method::inference_rules(),
        inference_enabled: inference,
        min_confidence,
        decimals: DECIMALS,
    }
}

/// The calcs of `list` (indices) that count towards an aggregate: every one but those not
/// applicable. With their index.
fn counted<'c>(
    c: &'c Computed,
    list: impl Iterator<Item = usize> + 'c,
) -> impl Iterator<Item = (usize, &'c ReqCalc)> + 'c {
    list.filter_map(|i| c.calcs.get(i).map(|calc| (i, calc)))
        .filter(|(_, calc)| calc.basis != Basis::NotApplicable)
}

/// The measure, framework and overall aggregates from the per-requirement numbers (`s` and
/// `m` of each calc).
pub(crate) fn aggregates(c: &Computed) -> Aggregates {
    let method = c.aggregation;
    let score_of = |calcs: &mut dyn Iterator<Item = usize>| -> Option<Pair> {
        let mut si = Vec::new();
        let mut mi = Vec::new();
        for (_, calc) in counted(c, calcs) {
            si.push((calc.weight, calc.s.0.clone(), calc.s.1.clone()));
            mi.push((calc.weight, calc.m.0.clone(), calc.m.1.clone()));
        }
        Some((aggregate(method, &si)?, aggregate(method, &mi)?))
    };
    let roll = |scores: &mut dyn Iterator<Item = (usize, Option<&Pair>)>| -> Option<Pair> {
        let mut si = Vec::new();
        let mut mi = Vec::new();
        for (m, sc) in scores {
            if let (Some((s, mm)), Some(def)) = (sc, c.measures.get(m)) {
                si.push((def.weight, s.0.clone(), s.1.clone()));
                mi.push((def.weight, mm.0.clone(), mm.1.clone()));
            }
        }
        Some((aggregate(method, &si)?, aggregate(method, &mi)?))
    };
    let measures: Vec<Option<Pair>> = c
        .by_measure
        .iter()
        .map(|list| score_of(&mut list.iter().copied()))
        .collect();
    let fw_subs: Vec<Vec<Option<Pair>>> = c
        .fw_measures
        .iter()
        .enumerate()
        .map(|(fi, ms)| {
            ms.iter()
                .map(|&m| {
                    score_of(
                        &mut c
                            .by_measure
                            .get(m)
                            .into_iter()
                            .flatten()
                            .copied()
                            .filter(|&i| c.calcs.get(i).is_some_and(|x| x.fw_ix == fi)),
                    )
                })
                .collect()
        })
        .collect();
    let frameworks: Vec<Option<Pair>> = c
        .fw_measures
        .iter()
        .zip(&fw_subs)
        .map(|(ms, subs)| roll(&mut ms.iter().copied().zip(subs.iter().map(Option::as_ref))))
        .collect();
    let overall = roll(&mut measures.iter().map(Option::as_ref).enumerate());
    Aggregates {
        measures,
        fw_subs,
        frameworks,
        overall,
    }
}

/// The overall status interval with some requirements' status intervals replaced by
/// `override_s` (a plan's projection): the status of [`aggregates`]' `overall` for those
/// numbers, without the per-framework aggregates and the maturity intervals a projection does
/// not read (a plan computes one for every quarter it spans).
pub(crate) fn projected_status(
    c: &Computed,
    override_s: &dyn Fn(usize) -> Option<(Num, Num)>,
) -> Option<(Num, Num)> {
    let method = c.aggregation;
    let mut si = Vec::new();
    let mut per_measure = Vec::with_capacity(c.by_measure.len());
    for (m, list) in c.by_measure.iter().enumerate() {
        si.clear();
        for (i, calc) in counted(c, list.iter().copied()) {
            let (lo, hi) = override_s(i).unwrap_or_else(|| calc.s.clone());
            si.push((calc.weight, lo, hi));
        }
        // A measure counts when it has a score (`aggregates` pairs its status with a maturity
        // that exists exactly when the status does).
        if let (Some((lo, hi)), Some(def)) = (aggregate(method, &si), c.measures.get(m)) {
            per_measure.push((def.weight, lo, hi));
        }
    }
    aggregate(method, &per_measure)
}

/// The aggregates of the computed requirement scores: per measure, per framework and overall.
fn roll_up(cat: &'static Catalogs, mut c: Computed) -> Computed {
    let agg = aggregates(&c);
    let measures = measure_scores(&c, &agg);
    let frameworks = framework_scores(cat, &c, &agg);
    let overall = overall_score(&c, &agg);
    c.eval.measures = measures;
    c.eval.frameworks = frameworks;
    c.eval.overall = overall;
    c
}

/// An input of an aggregate: a requirement's or a measure's scores with its weight.
fn aggregate_input(id: &'static str, weight: u32, p: &Pair) -> AggregateInput {
    AggregateInput {
        id: Cow::Borrowed(id),
        weight,
        status: Bounds::of(&p.0 .0, &p.0 .1),
        maturity: Bounds::of(&p.1 .0, &p.1 .1),
    }
}

/// Each measure's aggregate of its requirements (those not applicable excluded).
fn measure_scores(c: &Computed, agg: &Aggregates) -> Vec<AggregateScore> {
    let method = c.aggregation;
    let formula: Str = Cow::Borrowed(method.formula());
    let mut measures = Vec::with_capacity(c.measures.len());
    for (mi, def) in c.measures.iter().enumerate() {
        let mut counts = Counts::default();
        let mut inputs = Vec::new();
        let mut excluded = Vec::new();
        for &i in c.by_measure.get(mi).into_iter().flatten() {
            let (Some(calc), Some(rs)) = (c.calcs.get(i), c.eval.requirements.get(i)) else {
                continue;
            };
            counts.add(calc.basis);
            if calc.basis == Basis::NotApplicable {
                excluded.push(AggregateExcluded {
                    id: Cow::Borrowed(calc.req.node.id.as_str()),
                    reason: rs.justification.as_ref().map_or_else(
                        || "not applicable".to_owned(),
                        |j| format!("not applicable: {j}"),
                    ),
                });
            } else {
                inputs.push(aggregate_input(
                    &calc.req.node.id,
                    calc.weight,
                    &(calc.s.clone(), calc.m.clone()),
                ));
            }
        }
        let sc = agg.measures.get(mi).and_then(Option::as_ref);
        measures.push(AggregateScore {
            id: Cow::Borrowed(def.node.id.as_str()),
            citation: Some(Cow::Borrowed(def.node.citation.as_str())),
            title: Text::borrowed(&def.node.title),
            weight: def.weight,
            method,
            formula: formula.clone(),
            status: sc.map(|(s, _)| Interval::of(&s.0, &s.1)),
            maturity: sc.map(|(_, m)| Interval::of(&m.0, &m.1)),
            counts,
            inputs,
            excluded,
        });
    }
    measures
}

/// The inputs of an aggregate of measures, and the measures left out (every requirement of
/// them not applicable).
fn measure_inputs(
    c: &Computed,
    pairs: &mut dyn Iterator<Item = (usize, Option<&Pair>)>,
) -> (Vec<AggregateInput>, Vec<AggregateExcluded>) {
    let mut inputs = Vec::new();
    let mut excluded = Vec::new();
    for (mi, sc) in pairs {
        let Some(def) = c.measures.get(mi) else {
            continue;
        };
        match sc {
            Some(p) => inputs.push(aggregate_input(&def.node.id, def.weight, p)),
            None => excluded.push(AggregateExcluded {
                id: Cow::Borrowed(def.node.id.as_str()),
                reason: "every requirement of the measure is not applicable".to_owned(),
            }),
        }
    }
    (inputs, excluded)
}

/// Each framework's aggregate of its measures (over its own requirements).
fn framework_scores(cat: &'static Catalogs, c: &Computed, agg: &Aggregates) -> Vec<AggregateScore> {
    let method = c.aggregation;
    let formula: Str = Cow::Borrowed(method.formula());
    let mut frameworks = Vec::with_capacity(c.frameworks.len());
    for (fi, fid) in c.frameworks.iter().enumerate() {
        let Some(fw) = cat.framework(fid) else {
            continue;
        };
        let mut counts = Counts::default();
        for calc in c.calcs.iter().filter(|x| x.fw_ix == fi) {
            counts.add(calc.basis);
        }
        let (inputs, excluded) = measure_inputs(
            c,
            &mut c.fw_measures.get(fi).into_iter().flatten().copied().zip(
                agg.fw_subs
                    .get(fi)
                    .into_iter()
                    .flatten()
                    .map(Option::as_ref),
            ),
        );
        let sc = agg.frameworks.get(fi).and_then(Option::as_ref);
        frameworks.push(AggregateScore {
            id: Cow::Borrowed(fw.id.as_str()),
            citation: None,
            title: Text::borrowed(&fw.title),
            weight: 1,
            method,
            formula: formula.clone(),
            status: sc.map(|(s, _)| Interval::of(&s.0, &s.1)),
            maturity: sc.map(|(_, m)| Interval::of(&m.0, &m.1)),
            counts,
            inputs,
            excluded,
        });
    }
    frameworks
}

/// The overall aggregate of the measures (none without requirements).
fn overall_score(c: &Computed, agg: &Aggregates) -> Option<AggregateScore> {
    let method = c.aggregation;
    let formula: Str = Cow::Borrowed(method.formula());
    if c.calcs.is_empty() {
        None
    } else {
        let (inputs, excluded) =
            measure_inputs(c, &mut agg.measures.iter().map(Option::as_ref).enumerate());
        Some(AggregateScore {
            id: Cow::Borrowed("overall"),
            citation: None,
            title: Text::st("Overall", "Samlet"),
            weight: 1,
            method,
            formula,
            status: agg.overall.as_ref().map(|(s, _)| Interval::of(&s.0, &s.1)),
            maturity: agg.overall.as_ref().map(|(_, m)| Interval::of(&m.0, &m.1)),
            counts: c.eval.counts.clone(),
            inputs,
            excluded,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::catalog::{catalogs, NodeKind};

    /// An assessment of every catalog's requirements (most assessed, with maturity levels, some
    /// not applicable, some weighted), aggregated by `method`.
    fn every_catalog(method: Aggregation) -> AssessmentDocument {
        let cat = catalogs().unwrap();
        let statuses = [
            "fully_implemented",
            "largely_implemented",
            "partially_implemented",
            "not_implemented",
            "not_applicable",
        ];
        let mut results = Vec::new();
        let mut k = 0usize;
        for fw in &cat.frameworks {
            for n in fw.nodes.iter().filter(|n| n.kind == NodeKind::Requirement) {
                k += 1;
                if k.is_multiple_of(6) {
                    continue;
                }
                let status = statuses[k % statuses.len()];
                let mut r = serde_json::json!({"requirement": n.id, "status": status});
                if status == "not_applicable" {
                    r["justification"] = "Not used here.".into();
                } else {
                    r["implementation_maturity"] = (k % 6).into();
                    r["documentation_maturity"] = ((k + 2) % 6).into();
                }
                if k.is_multiple_of(7) {
                    r["weight"] = 3.into();
                }
                results.push(r);
            }
        }
        let frameworks: Vec<&str> = cat.frameworks.iter().map(|f| f.id.as_str()).collect();
        serde_json::from_value(serde_json::json!({
            "schema_version": "1",
            "name": "every catalog",
            "assessment_date": "2026-03-02",
            "target_date": "2030-06-30",
            "frameworks": frameworks,
            "results": results,
            "settings": {"aggregation": method.as_str()},
        }))
        .unwrap()
    }

    /// A plan's projected status is the status of the overall aggregate computed with the
    /// projected requirements' status intervals put in (what it was computed from before it
    /// had a function of its own), for every aggregation method and several projections.
    #[test]
    fn projected_status_is_the_overall_status_with_the_projection_put_in() {
        for method in [
            Aggregation::WeightedMean,
            Aggregation::Mean,
            Aggregation::Minimum,
        ] {
            let doc = every_catalog(method);
            let run = crate::assessment::run(&doc, "$").unwrap();
            let c = &run.computed;
            assert!(
                c.calcs.len() > 300,
                "{method:?}: {} requirements",
                c.calcs.len()
            );
            for every in [1usize, 2, 3, 10, usize::MAX] {
                let done = |i: usize| every != usize::MAX && i.is_multiple_of(every);
                let projection = |i: usize| done(i).then_some((Num::ONE, Num::ONE));
                let mut with = c.clone();
                for (i, calc) in with.calcs.iter_mut().enumerate() {
                    if done(i) {
                        calc.s = (Num::ONE, Num::ONE);
                    }
                }
                let expected = aggregates(&with).overall.map(|(s, _)| s);
                assert!(expected.is_some(), "{method:?}: no overall score");
                assert_eq!(
                    projected_status(c, &projection),
                    expected,
                    "{method:?}, every {every}th requirement done"
                );
            }
        }
    }
}
