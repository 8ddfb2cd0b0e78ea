//! The remediation plan: every gap ranked by `priority = gap × weight × risk ÷ effort`, put in
//! an order that respects the prerequisites table, scheduled towards the target date and
//! grouped into quarters with a milestone each (`docs/scoring.md` §5).

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::Catalogs;
use crate::error::Result;
use crate::risk::register::Register;
use crate::text::{Str, Text};

use super::data;
use super::infer;
use super::model::{AssessmentDocument, Status};
use super::num::Num;
use super::score::{self, Basis, Computed, Finding, Interval, ReqCalc, Value};

/// The schema version of plans.
pub const PLAN_SCHEMA_VERSION: &str = "1";

/// What closing a gap takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Assess the requirement (it is not assessed; its gap is the worst case).
    Assess,
    /// Implement it (its status is below fully implemented).
    Implement,
    /// Raise its maturity to the target (it is fully implemented).
    Mature,
    /// Confirm by a direct assessment: the result is inferred from sources that cover only
    /// part of the requirement (so it is capped at partially implemented), or from a coarser
    /// source (a superset, e.g. one NIS2 point carried into detailed CIR requirements).
    Verify,
}

impl ItemKind {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Assess => "assess",
            ItemKind::Implement => "implement",
            ItemKind::Mature => "mature",
            ItemKind::Verify => "verify",
        }
    }
}

/// How a risk of the register bears on a requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RiskLink {
    /// The scenarios whose treatment names the requirement (or a node linked to it).
    pub scenarios: Vec<String>,
    /// The highest current level among them (a level id of the register's matrix).
    pub level: String,
    /// Its position among the matrix's levels (0 = lowest).
    pub level_index: u32,
}

/// The numbers behind a priority.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Breakdown {
    /// The gap (see the evaluation).
    pub gap: Value,
    /// The requirement's weight.
    pub weight: u32,
    /// 1 + the level index of the highest linked risk; 1 (neutral) when none is linked or
    /// there is no register.
    pub risk_factor: u32,
    /// The linked risk, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskLink>,
    /// The effort, 1–5.
    pub effort: u32,
    /// `result` (given) or `default_rule`.
    pub effort_from: Str,
    /// The formula with its numbers.
    pub formula: String,
}

/// A prerequisite applied to an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Prerequisite {
    /// The requirement whose gap comes first.
    pub requirement: Str,
    /// The rule (an id of the prerequisites table).
    pub rule: Str,
}

/// One item of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PlanItem {
    /// Position in the plan (1 = first), after the prerequisites.
    pub order: u32,
    /// Position by priority alone (1 = highest).
    pub rank: u32,
    /// The requirement.
    pub requirement: Str,
    /// Its framework.
    pub framework: Str,
    /// Reference to the source.
    pub citation: Str,
    /// Short title.
    pub title: Text,
    /// The measures it counts towards.
    pub measures: Vec<Str>,
    /// What closing the gap takes.
    pub kind: ItemKind,
    /// The status today.
    pub status: Status,
    /// Where the status comes from.
    pub basis: Basis,
    /// gap × weight × risk ÷ effort.
    pub priority: Value,
    /// The numbers behind it.
    pub breakdown: Breakdown,
    /// The gaps that must be closed first (earlier items).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<Prerequisite>,
    /// The owner given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The due date: given in the result, or scheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// `result` or `schedule` (absent without a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_from: Option<Str>,
    /// The quarter of the due date, e.g. `2026-Q3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarter: Option<String>,
}

/// A milestone: the end of a quarter (or the target date), with the items due by then.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Milestone {
    /// The quarter, e.g. `2026-Q3`.
    pub quarter: String,
    /// Its date: the last day of the quarter, or the target date when it falls in it.
    pub date: String,
    /// The items due in the quarter (requirement ids, plan order).
    pub items: Vec<Str>,
    /// Their total effort.
    pub effort: u32,
    /// Items due by this milestone, in total.
    pub cumulative_items: usize,
    /// The overall status score once every item due by this milestone is closed (taken as
    /// fully implemented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projected_status: Option<Interval>,
}

/// The declared method of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PlanMethod {
    /// The priority formula.
    pub priority: Str,
    /// The default effort rule.
    pub effort_rule: Text,
    /// The risk factor rule.
    pub risk_rule: Text,
    /// The ordering rule.
    pub order_rule: Text,
    /// The scheduling rule.
    pub schedule_rule: Text,
}

/// The result of `plan`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Plan {
    /// Data format version.
    pub schema_version: Str,
    /// The start (the assessment date).
    pub start_date: String,
    /// The target date, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_date: Option<String>,
    /// The method.
    pub method: PlanMethod,
    /// The overall status score today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_status: Option<Interval>,
    /// The items, in plan order.
    pub items: Vec<PlanItem>,
    /// One per quarter with items due.
    pub milestones: Vec<Milestone>,
    /// Points for attention.
    pub findings: Vec<Finding>,
}

/// The default effort of a gap: 1 to assess or verify, or to close a maturity gap or a
/// largely-implemented one; 2 for partially implemented; 3 for not implemented.
pub fn default_effort(kind: ItemKind, status: Status) -> u32 {
    match (kind, status) {
        (ItemKind::Assess | ItemKind::Verify | ItemKind::Mature, _) => 1,
        (_, Status::NotImplemented) => 3,
        (_, Status::PartiallyImplemented) => 2,
        _ => 1,
    }
}

/// `YYYY-Qn`.
pub(crate) fn quarter_of(d: NaiveDate) -> String {
    format!("{}-Q{}", d.year(), d.month0() / 3 + 1)
}

fn quarter_end(d: NaiveDate) -> Option<NaiveDate> {
    let q = d.month0() / 3;
    if q == 3 {
        NaiveDate::from_ymd_opt(d.year(), 12, 31)
    } else {
        NaiveDate::from_ymd_opt(d.year(), (q + 1) * 3 + 1, 1)?.pred_opt()
    }
}

/// Per requirement (by id): the risk link from the register's treatments.
///
/// Linear in the register: the scenarios are looked up by position (the assessment lists them
/// in register order), the requirements a control id links to are computed once per distinct
/// control id, and a scenario is added to a requirement's list at most once without searching
/// it (the scenarios are visited in order and their ids are unique).
fn risk_links(
    cat: &'static Catalogs,
    c: &Computed,
    register: Option<&Register>,
    risk: Option<&crate::risk::Assessment<'_>>,
) -> HashMap<&'static str, RiskLink> {
    let (Some(reg), Some(a)) = (register, risk) else {
        return HashMap::new();
    };
    let level_ix: HashMap<&str, u32> = a
        .matrix
        .levels
        .iter()
        .enumerate()
        .filter_map(|(p, l)| Some((l.id.as_ref(), u32::try_from(p).ok()?)))
        .collect();
    // Per control id named by a treatment: the indices of the calcs it links to.
    let mut linked_by_control: HashMap<&str, Vec<usize>> = HashMap::new();
    // Per requirement: the link, and the last scenario (index) added to it.
    let mut out: HashMap<&'static str, (RiskLink, usize)> = HashMap::new();
    for (k, sc) in reg.scenarios.iter().enumerate() {
        let Some(t) = &sc.treatment else { continue };
        let Some(sr) = a.scenarios.get(k).filter(|s| s.id == sc.id) else {
            continue;
        };
        let li = level_ix
            .get(sr.current.level.as_ref())
            .copied()
            .unwrap_or(0);
        for control in &t.controls {
            let calcs = linked_by_control
                .entry(control.as_str())
                .or_insert_with(|| linked_calcs(cat, c, control));
            for &ci in calcs.iter() {
                let Some(calc) = c.calcs.get(ci) else {
                    continue;
                };
                let (entry, last) = out.entry(calc.req.node.id.as_str()).or_insert_with(|| {
                    (
                        RiskLink {
                            scenarios: Vec::new(),
                            level: sr.current.level.to_string(),
                            level_index: li,
                        },
                        usize::MAX,
                    )
                });
                if *last != k {
                    *last = k;
                    entry.scenarios.push(sc.id.clone());
                }
                if li > entry.level_index {
                    entry.level_index = li;
                    entry.level = sr.current.level.to_string();
                }
            }
        }
    }
    out.into_iter().map(|(id, (link, _))| (id, link)).collect()
}

/// The indices of the calcs (requirements) a treatment's control id links to: the requirement
/// itself, one below it, one counting towards it as a measure, or one of another framework
/// mapped to it. Empty for an id that is no catalog node.
fn linked_calcs(cat: &'static Catalogs, c: &Computed, control: &str) -> Vec<usize> {
    let Some((cfw, _)) = cat.node(control) else {
        return Vec::new();
    };
    c.calcs
        .iter()
        .enumerate()
        .filter(|(_, calc)| {
            let node = calc.req.node;
            node.id == control
                || cat.is_ancestor(control, &node.id)
                || names_a_measure(cat, c, calc, control)
                || (cfw.id != calc.req.fw.id && infer::linked(cat, &node.id, &cfw.id, control))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether `control` is a measure the requirement counts towards, or a node above one (e.g.
/// `NIS2:21.2.j` for the CIR 2024/2690 requirements that detail Art. 21(2)(j)).
fn names_a_measure(cat: &'static Catalogs, c: &Computed, calc: &ReqCalc, control: &str) -> bool {
    calc.measure_ix.iter().any(|&mi| {
        c.measures
            .get(mi)
            .is_some_and(|m| m.node.id == control || cat.is_ancestor(control, &m.node.id))
    })
}

/// Build the plan from a computed evaluation.
pub(crate) fn plan(
    cat: &'static Catalogs,
    doc: &AssessmentDocument,
    c: &Computed,
    risk: Option<&crate::risk::Assessment<'_>>,
) -> Result<Plan> {
    let rules = data::prerequisites()?;
    let links = risk_links(cat, c, doc.risk_register.as_deref(), risk);
    let mut findings: Vec<Finding> = Vec::new();

    let cands = candidates(cat, c, &links);
    let (by_rank, rank_of) = rank(c, &cands);
    let preds = prerequisite_edges(c, &cands, rules);
    let effective = effective_priorities(&cands, &preds);
    let order = placement_order(&by_rank, &rank_of, &effective, &preds);
    let r = Ranked {
        c,
        doc,
        cands,
        preds,
        rank_of,
    };

    let target = doc.target_date.as_deref().and_then(crate::date::parse);
    let (items, due_dates) = schedule(&r, &order, target, &mut findings);
    let milestones = milestones(&r, &items, &due_dates, target);
    Ok(Plan {
        schema_version: Cow::Borrowed(PLAN_SCHEMA_VERSION),
        start_date: doc.assessment_date.clone(),
        target_date: doc.target_date.clone(),
        method: plan_method(),
        current_status: c.eval.overall.as_ref().and_then(|o| o.status.clone()),
        items,
        milestones,
        findings,
    })
}

/// A requirement with a gap, a candidate item of the plan.
struct Cand {
    calc_ix: usize,
    priority: Num,
    breakdown: Breakdown,
    kind: ItemKind,
    ancestors: Vec<&'static str>,
}

/// The candidates with their prerequisite edges and ranks, and what the schedule reads.
struct Ranked<'a> {
    c: &'a Computed,
    doc: &'a AssessmentDocument,
    cands: Vec<Cand>,
    /// Per candidate: the candidates that come before it, with the rule that says so.
    preds: Vec<Vec<(usize, &'static str)>>,
    rank_of: Vec<usize>,
}

/// Candidates: every requirement with a gap, in catalog order, with its priority and how it
/// was computed.
fn candidates(
    cat: &'static Catalogs,
    c: &Computed,
    links: &HashMap<&'static str, RiskLink>,
) -> Vec<Cand> {
    let mut cands: Vec<Cand> = Vec::new();
    for (i, calc) in c.calcs.iter().enumerate() {
        if calc.basis == Basis::NotApplicable || calc.gap.compare(&Num::ZERO).is_le() {
            continue;
        }
        let score = c.eval.requirements.get(i);
        let status = score.map_or(Status::NotAssessed, |r| r.status);
        // An inference to verify: from a source that covers only part of the requirement, or
        // from a coarser one (a superset) standing for a detailed requirement.
        let partial_inference = score.and_then(|r| r.inferred.as_ref()).is_some_and(|inf| {
            inf.coarse || inf.sources.first().is_some_and(|s| s.rule == "partial")
        });
        let kind = match status {
            Status::NotAssessed => ItemKind::Assess,
            _ if calc.basis == Basis::Inferred && partial_inference => ItemKind::Verify,
            Status::FullyImplemented => ItemKind::Mature,
            _ => ItemKind::Implement,
        };
        let (effort, effort_from) = match calc.effort {
            Some(e) => (e, "result"),
            None => (default_effort(kind, status), "default_rule"),
        };
        let link = links.get(calc.req.node.id.as_str()).cloned();
        let risk_factor = 1 + link.as_ref().map_or(0, |l| l.level_index);
        let priority = calc
            .gap
            .times(&Num::int(i64::from(calc.weight)))
            .times(&Num::int(i64::from(risk_factor)))
            .over(&Num::int(i64::from(effort)));
        let g = |n: &Num| n.exact();
        let formula = format!(
            "gap × weight × risk ÷ effort = {} × {} × {} ÷ {} = {}",
            g(&calc.gap),
            calc.weight,
            risk_factor,
            effort,
            g(&priority)
        );
        cands.push(Cand {
            calc_ix: i,
            priority,
            breakdown: Breakdown {
                gap: Value::of(&calc.gap),
                weight: calc.weight,
                risk_factor,
                risk: link,
                effort,
                effort_from: Cow::Borrowed(effort_from),
                formula,
            },
            kind,
            ancestors: cat
                .ancestors(&calc.req.node.id)
                .iter()
                .map(|n| n.id.as_str())
                .collect(),
        });
    }
    cands
}

/// Rank: priority, then gap, then catalog order (stable sort); the candidates by rank, and
/// each candidate's rank.
fn rank(c: &Computed, cands: &[Cand]) -> (Vec<usize>, Vec<usize>) {
    let mut by_rank: Vec<usize> = (0..cands.len()).collect();
    let key = |k: usize| -> (Num, Num) {
        cands.get(k).map_or((Num::ZERO, Num::ZERO), |cd| {
            (
                cd.priority.clone(),
                c.calcs.get(cd.calc_ix).map_or(Num::ZERO, |x| x.gap.clone()),
            )
        })
    };
    by_rank.sort_by(|&a, &b| {
        let ((pa, ga), (pb, gb)) = (key(a), key(b));
        pb.compare(&pa).then_with(|| gb.compare(&ga))
    });
    let mut rank_of = vec![0usize; cands.len()];
    for (r, &ci) in by_rank.iter().enumerate() {
        if let Some(slot) = rank_of.get_mut(ci) {
            *slot = r;
        }
    }
    (by_rank, rank_of)
}

/// Prerequisite edges between candidates (from the prerequisites table): per candidate, the
/// candidates that come before it and the rule.
fn prerequisite_edges(
    c: &Computed,
    cands: &[Cand],
    rules: &'static data::PrerequisiteTable,
) -> Vec<Vec<(usize, &'static str)>> {
    let matches = |cand: &Cand, id: &str| -> bool {
        c.calcs
            .get(cand.calc_ix)
            .is_some_and(|x| x.req.node.id == id)
            || cand.ancestors.contains(&id)
    };
    let mut preds: Vec<Vec<(usize, &'static str)>> = vec![Vec::new(); cands.len()];
    for rule in &rules.rules {
        let before: Vec<usize> = (0..cands.len())
            .filter(|&k| {
                cands
                    .get(k)
                    .is_some_and(|cd| rule.before.iter().any(|b| matches(cd, b)))
            })
            .collect();
        if before.is_empty() {
            continue;
        }
        for (k, cd) in cands.iter().enumerate() {
            if !rule.after.iter().any(|a| matches(cd, a)) {
                continue;
            }
            for &b in &before {
                if b != k {
                    if let Some(p) = preds.get_mut(k) {
                        if !p.iter().any(|(x, _)| *x == b) {
                            p.push((b, rule.id.as_str()));
                        }
                    }
                }
            }
        }
    }
    preds
}

/// A prerequisite inherits the priority of the gaps that wait for it (transitively): the
/// effective priority of an item is the highest priority among itself and its dependants.
fn effective_priorities(cands: &[Cand], preds: &[Vec<(usize, &'static str)>]) -> Vec<Num> {
    let mut effective: Vec<Num> = cands.iter().map(|cd| cd.priority.clone()).collect();
    for _ in 0..cands.len() {
        let mut changed = false;
        for (k, p) in preds.iter().enumerate() {
            let Some(ek) = effective.get(k).cloned() else {
                continue;
            };
            for (b, _) in p {
                if let Some(eb) = effective.get_mut(*b) {
                    if ek.compare(eb).is_gt() {
                        *eb = ek.clone();
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    effective
}

/// The order of the plan: in effective priority, then rank, repeatedly take the first
/// candidate whose prerequisites are placed; if none is free (a cycle, which the embedded
/// table does not have), the first one left.
fn placement_order(
    by_rank: &[usize],
    rank_of: &[usize],
    effective: &[Num],
    preds: &[Vec<(usize, &'static str)>],
) -> Vec<usize> {
    // The order to pick in: effective priority, then rank.
    let mut pick_order: Vec<usize> = by_rank.to_vec();
    pick_order.sort_by(|&a, &b| {
        let ea = effective.get(a).unwrap_or(&Num::ZERO);
        let eb = effective.get(b).unwrap_or(&Num::ZERO);
        eb.compare(ea)
            .then_with(|| rank_of.get(a).cmp(&rank_of.get(b)))
    });
    // Order: repeatedly take the first candidate (in pick order) whose prerequisites are
    // placed; if none is free (a cycle, which the embedded table does not have), the first
    // one left.
    let n = by_rank.len(); // every candidate
    let mut placed = vec![false; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    while order.len() < n {
        let free = pick_order.iter().copied().find(|&k| {
            !placed.get(k).copied().unwrap_or(true)
                && preds.get(k).is_some_and(|p| {
                    p.iter()
                        .all(|(b, _)| placed.get(*b).copied().unwrap_or(true))
                })
        });
        let next = free.or_else(|| {
            pick_order
                .iter()
                .copied()
                .find(|&k| !placed.get(k).copied().unwrap_or(true))
        });
        let Some(k) = next else { break };
        if let Some(p) = placed.get_mut(k) {
            *p = true;
        }
        order.push(k);
    }

    order
}

/// Schedule the items in order towards the target date: each one due as its result gives,
/// else at its share of the cumulative effort and not before its prerequisites; with the
/// finding of a plan without a target date and those of due dates before a prerequisite's.
fn schedule(
    r: &Ranked<'_>,
    order: &[usize],
    target: Option<NaiveDate>,
    findings: &mut Vec<Finding>,
) -> (Vec<PlanItem>, Vec<Option<NaiveDate>>) {
    let (c, doc, cands, preds) = (r.c, r.doc, &r.cands, &r.preds);
    let start = crate::date::parse(&doc.assessment_date);
    let total_effort: i64 = order
        .iter()
        .filter_map(|&k| cands.get(k))
        .map(|cd| i64::from(cd.breakdown.effort))
        .sum();
    let span = match (start, target) {
        (Some(s), Some(t)) => Some((s, (t - s).num_days())),
        _ => None,
    };
    if target.is_none() && !order.is_empty() {
        findings.push(Finding::at(
            Cow::Borrowed("plan_not_scheduled"),
            "$.target_date".to_owned(),
            Text::st(
                "No target date: the plan is ranked but not scheduled.",
                "Ingen måldato: planen er prioriteret, men ikke tidsplanlagt.",
            ),
        ));
    }
    let mut cumulative: i64 = 0;
    let mut items: Vec<PlanItem> = Vec::with_capacity(order.len());
    let mut due_dates: Vec<Option<NaiveDate>> = vec![None; cands.len()];
    for (pos, &k) in order.iter().enumerate() {
        let Some(cd) = cands.get(k) else { continue };
        let Some(calc) = c.calcs.get(cd.calc_ix) else {
            continue;
        };
        cumulative += i64::from(cd.breakdown.effort);
        let given = calc.due_date.as_deref().and_then(crate::date::parse);
        // The latest due date among the prerequisites (placed before this item).
        let after_prereqs: Option<NaiveDate> = preds
            .get(k)
            .into_iter()
            .flatten()
            .filter_map(|(b, _)| due_dates.get(*b).copied().flatten())
            .max();
        let (due, from) = match (given, span) {
            (Some(d), _) => (Some(d), Some("result")),
            (None, Some((s, days))) if total_effort > 0 => {
                let offset = (days * cumulative + total_effort - 1) / total_effort;
                let scheduled = u64::try_from(offset.max(0))
                    .ok()
                    .and_then(|o| s.checked_add_days(chrono::Days::new(o)));
                (scheduled.max(after_prereqs), Some("schedule"))
            }
            _ => (None, None),
        };
        if let Some(slot) = due_dates.get_mut(k) {
            *slot = due;
        }
        if let Some(d) = due {
            prerequisite_due_later(r, k, pos, calc, d, &due_dates, findings);
        }
        items.push(plan_item(r, k, pos, cd, calc, (due, from)));
    }
    (items, due_dates)
}

/// A finding for each prerequisite of an item due later than the item's due date `d`.
fn prerequisite_due_later(
    r: &Ranked<'_>,
    k: usize,
    pos: usize,
    calc: &ReqCalc,
    d: NaiveDate,
    due_dates: &[Option<NaiveDate>],
    findings: &mut Vec<Finding>,
) {
    let (c, doc, cands) = (r.c, r.doc, &r.cands);
    if let Some(p) = r.preds.get(k) {
        for (b, rule) in p {
            if let Some(Some(bd)) = due_dates.get(*b) {
                if *bd > d {
                    if let Some(bn) = cands.get(*b).and_then(|x| c.calcs.get(x.calc_ix)) {
                        findings.push(Finding::at(Cow::Borrowed("prerequisite_due_later"), doc
                                .results
                                .iter()
                                .position(|res| res.requirement == calc.req.node.id)
                                .map_or_else(
                                    || format!("$.plan.items[{pos}]"),
                                    |ri| format!("$.results[{ri}].due_date"),
                                ), Text::new(
                                format!(
                                    "`{}` is due {d}, before its prerequisite `{}` (due {bd}, rule `{rule}`).",
                                    calc.req.node.id, bn.req.node.id
                                ),
                                format!(
                                    "`{}` har frist {d}, før forudsætningen `{}` (frist {bd}, regel `{rule}`).",
                                    calc.req.node.id, bn.req.node.id
                                ),
                            )));
                    }
                }
            }
        }
    }
}

/// The plan item placed at `pos` (candidate `k`) with its due date and where it comes from.
fn plan_item(
    r: &Ranked<'_>,
    k: usize,
    pos: usize,
    cd: &Cand,
    calc: &ReqCalc,
    (due, from): (Option<NaiveDate>, Option<&'static str>),
) -> PlanItem {
    let (c, cands, preds, rank_of) = (r.c, &r.cands, &r.preds, &r.rank_of);
    let status = c
        .eval
        .requirements
        .get(cd.calc_ix)
        .map(|r| r.status)
        .unwrap_or(Status::NotAssessed);
    let after: Vec<Prerequisite> = preds
        .get(k)
        .map(|p| {
            p.iter()
                .filter_map(|(b, rule)| {
                    let bc = cands.get(*b)?;
                    let node = c.calcs.get(bc.calc_ix)?.req.node;
                    Some(Prerequisite {
                        requirement: Cow::Borrowed(node.id.as_str()),
                        rule: Cow::Borrowed(*rule),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    PlanItem {
        order: u32::try_from(pos + 1).unwrap_or(u32::MAX),
        rank: u32::try_from(rank_of.get(k).copied().unwrap_or(0) + 1).unwrap_or(u32::MAX),
        requirement: Cow::Borrowed(calc.req.node.id.as_str()),
        framework: Cow::Borrowed(calc.req.fw.id.as_str()),
        citation: Cow::Borrowed(calc.req.node.citation.as_str()),
        title: Text::borrowed(&calc.req.node.title),
        measures: calc
            .req
            .measures
            .iter()
            .map(|m| Cow::Borrowed(m.id.as_str()))
            .collect(),
        kind: cd.kind,
        status,
        basis: calc.basis,
        priority: Value::of(&cd.priority),
        breakdown: cd.breakdown.clone(),
        after,
        owner: calc.owner.clone(),
        due_date: due.map(crate::date::fmt),
        due_from: from.map(Cow::Borrowed),
        quarter: due.map(quarter_of),
    }
}

/// Milestones: one per quarter with items due, chronological, each with the projected status
/// once the items due by its end are done.
fn milestones(
    r: &Ranked<'_>,
    items: &[PlanItem],
    due_dates: &[Option<NaiveDate>],
    target: Option<NaiveDate>,
) -> Vec<Milestone> {
    let (c, cands) = (r.c, &r.cands);
    let mut quarters: Vec<(String, NaiveDate)> = Vec::new();
    for d in due_dates.iter().flatten() {
        let q = quarter_of(*d);
        if !quarters.iter().any(|(x, _)| *x == q) {
            if let Some(end) = quarter_end(*d) {
                quarters.push((q, end));
            }
        }
    }
    quarters.sort_by_key(|(_, end)| *end);
    let mut milestones = Vec::with_capacity(quarters.len());
    for (q, end) in quarters {
        let date = match target {
            Some(t) if t <= end && quarter_of(t) == q => t,
            _ => end,
        };
        let due_by: Vec<usize> = (0..cands.len())
            .filter(|&k| {
                due_dates
                    .get(k)
                    .copied()
                    .flatten()
                    .is_some_and(|d| d <= end)
            })
            .collect();
        let in_q: Vec<&PlanItem> = items
            .iter()
            .filter(|it| it.quarter.as_deref() == Some(q.as_str()))
            .collect();
        // The requirements whose items are due by the quarter's end, as a mask (one lookup
        // per requirement, not a search of the list).
        let mut done = vec![false; c.calcs.len()];
        for cd in due_by.iter().filter_map(|&k| cands.get(k)) {
            if let Some(d) = done.get_mut(cd.calc_ix) {
                *d = true;
            }
        }
        let projection = |i: usize| -> Option<(Num, Num)> {
            done.get(i)
                .copied()
                .unwrap_or(false)
                .then_some((Num::ONE, Num::ONE))
        };
        let status = score::projected_status(c, &projection);
        milestones.push(Milestone {
            quarter: q.clone(),
            date: crate::date::fmt(date),
            items: in_q.iter().map(|it| it.requirement.clone()).collect(),
            effort: in_q.iter().map(|it| it.breakdown.effort).sum(),
            cumulative_items: due_by.len(),
            projected_status: status.map(|s| Interval::of(&s.0, &s.1)),
        });
    }
    milestones
}

/// The method of the plan in words: priority, effort, risk, order and schedule rules.
fn plan_method() -> PlanMethod {
    PlanMethod {
        priority: Cow::Borrowed("priority = gap × weight × risk_factor ÷ effort"),
        effort_rule: Text::st(
            "Effort 1–5 (1 days, 2 weeks, 3 a month, 4 a quarter, 5 more than a quarter), as given in the result; by default 1 to assess, to verify an inference that covers part of the requirement, or to close a maturity gap; otherwise 3 for not_implemented, 2 for partially_implemented, 1 for largely_implemented.",
            "Indsats 1-5 (1 dage, 2 uger, 3 en måned, 4 et kvartal, 5 mere end et kvartal) som angivet i resultatet; som standard 1 for at vurdere, for at bekræfte en afledning, der kun dækker en del af kravet, eller for at lukke en modenhedsmangel; ellers 3 for not_implemented, 2 for partially_implemented og 1 for largely_implemented.",
        ),
        risk_rule: Text::st(
            "risk_factor = 1 + the position (0 = lowest) of the highest current level among the register's scenarios whose treatment names the requirement, a node above it, or a node of another framework mapped to it; 1 (neutral) otherwise.",
            "risk_factor = 1 + placeringen (0 = laveste) af det højeste nuværende niveau blandt registrets scenarier, hvis behandling nævner kravet, en knude over det eller en knude i en anden ramme, der er kortlagt til det; ellers 1 (neutral).",
        ),
        order_rule: Text::st(
            "Ranked by priority, then gap, then catalog order. A prerequisite (data/assessment/prerequisites.json) inherits the highest priority of the gaps that wait for it; the plan then repeatedly takes the gap with the highest such priority (then the best rank) whose prerequisites are already placed.",
            "Prioriteret efter prioritet, derefter mangel og derefter katalogrækkefølge. En forudsætning (data/assessment/prerequisites.json) arver den højeste prioritet blandt de mangler, der venter på den; planen tager derefter gentagne gange den mangel med den højeste sådanne prioritet (derefter den bedste placering), hvis forudsætninger allerede er placeret.",
        ),
        schedule_rule: Text::st(
            "Item k is due at start + ⌈days(start, target) × cumulative effort up to k ÷ total effort⌉ days, or at the latest due date of its prerequisites if that is later, unless its result gives a due date; items are grouped by the calendar quarter of their due date.",
            "Punkt k har frist på start + ⌈dage(start, mål) × samlet indsats til og med k ÷ total indsats⌉ dage eller på den seneste frist blandt dets forudsætninger, hvis den er senere, medmindre resultatet angiver en frist; punkterne grupperes efter kalenderkvartalet for deres frist.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_and_their_ends() {
        let d = |s: &str| crate::date::parse(s).unwrap();
        assert_eq!(quarter_of(d("2026-03-31")), "2026-Q1");
        assert_eq!(quarter_of(d("2026-04-01")), "2026-Q2");
        assert_eq!(quarter_end(d("2026-02-10")), Some(d("2026-03-31")));
        assert_eq!(quarter_end(d("2026-05-10")), Some(d("2026-06-30")));
        assert_eq!(quarter_end(d("2026-08-10")), Some(d("2026-09-30")));
        assert_eq!(quarter_end(d("2026-11-10")), Some(d("2026-12-31")));
        assert!(crate::date::parse("2026-02-30").is_none());
    }

    #[test]
    fn default_effort_rule() {
        assert_eq!(
            default_effort(ItemKind::Implement, Status::NotImplemented),
            3
        );
        assert_eq!(
            default_effort(ItemKind::Implement, Status::PartiallyImplemented),
            2
        );
        assert_eq!(
            default_effort(ItemKind::Implement, Status::LargelyImplemented),
            1
        );
        assert_eq!(
            default_effort(ItemKind::Verify, Status::PartiallyImplemented),
            1
        );
        assert_eq!(default_effort(ItemKind::Assess, Status::NotAssessed), 1);
        assert_eq!(
            default_effort(ItemKind::Mature, Status::FullyImplemented),
            1
        );
    }
}
