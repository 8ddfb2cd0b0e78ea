//! Pure queries over the catalogs: what a node covers in another framework (`map`), which
//! nodes evidence a requirement (`evidence`), and how much of a requirement a set of controls
//! reaches (`coverage`). Chains run through at most one pivot framework; relationships are
//! composed with [`Relationship::compose`], which never overstates, and confidences with the
//! weakest link.

use std::borrow::Cow;
use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::Serialize;

use super::data::{Catalogs, Loc};
use super::model::{
    Confidence, Framework, MappingEntry, MappingProvenance, Node, NodeKind, Relationship,
};
use crate::text::{Str, Text};

/// A node as it appears in query results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct NodeRef {
    /// Node id.
    pub id: Str,
    /// Framework id.
    pub framework: Str,
    /// Group or requirement.
    pub kind: NodeKind,
    /// Number or label as the source writes it.
    pub label: Str,
    /// Short title.
    pub title: Text,
    /// Reference to the source.
    pub citation: Str,
}

impl NodeRef {
    /// The reference of a node of the embedded catalogs (no allocation).
    pub fn of(fw: &'static Framework, node: &'static Node) -> NodeRef {
        NodeRef {
            id: Cow::Borrowed(&node.id),
            framework: Cow::Borrowed(&fw.id),
            kind: node.kind,
            label: Cow::Borrowed(&node.label),
            title: Text::borrowed(&node.title),
            citation: Cow::Borrowed(&node.citation),
        }
    }
}

/// What a step of a chain is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// A pair of a mapping.
    Mapping,
    /// Moving from a group to a node inside it (the group is a superset of its parts), or
    /// back.
    Hierarchy,
}

/// One step of a chain, read from `from` to `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Step {
    /// Mapping pair or hierarchy.
    pub kind: StepKind,
    /// Node id the step starts at.
    pub from: Str,
    /// Node id the step ends at.
    pub to: Str,
    /// `from`'s relationship to `to` (inverted when a pair is read backwards).
    pub relationship: Relationship,
    /// The pair's confidence (`high` for hierarchy steps).
    pub confidence: Confidence,
    /// The mapping the pair belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mapping: Option<Str>,
    /// Who stands behind the pair.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<MappingProvenance>,
    /// For derived pairs: what they were composed from (omitted when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<MappingProvenance>,
    /// For derived pairs: the pivot nodes (omitted when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<Str>,
    /// The relationship the original source gave, when the pair sharpens it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_relationship: Option<Relationship>,
    /// Why.
    pub rationale: Text,
}

/// A node reached by a query, with the strongest claim found and the chain behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Hit {
    /// The node reached.
    pub node: NodeRef,
    /// The relationship of the query's subject to this node (for `evidence`: of this node to
    /// the requirement).
    pub relationship: Relationship,
    /// The weakest confidence along the chain.
    pub confidence: Confidence,
    /// Every provenance behind the chain (including the basis of derived pairs).
    pub provenance: Vec<MappingProvenance>,
    /// How many chains reach this node (the strongest is shown).
    pub routes: usize,
    /// The strongest chain, step by step.
    pub path: Vec<Step>,
}

/// A route a query took: through which mappings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Route {
    /// The pivot framework, for a two-step route.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Str>,
    /// The mappings used, in order.
    pub mappings: Vec<Str>,
}

#[derive(Debug, Clone, Copy)]
enum StepRef {
    Mapping {
        mi: usize,
        entry: &'static MappingEntry,
        forward: bool,
    },
    Hierarchy {
        from: Loc,
        to: Loc,
        down: bool,
    },
}

impl StepRef {
    fn relationship(self) -> Relationship {
        match self {
            StepRef::Mapping { entry, forward, .. } => {
                if forward {
                    entry.relationship
                } else {
                    entry.relationship.inverse()
                }
            }
            StepRef::Hierarchy { down: true, .. } => Relationship::Superset,
            StepRef::Hierarchy { down: false, .. } => Relationship::Subset,
        }
    }

    fn confidence(self) -> Confidence {
        match self {
            StepRef::Mapping { entry, .. } => entry.confidence,
            StepRef::Hierarchy { .. } => Confidence::High,
        }
    }

    fn reversed(self) -> StepRef {
        match self {
            StepRef::Mapping { mi, entry, forward } => StepRef::Mapping {
                mi,
                entry,
                forward: !forward,
            },
            StepRef::Hierarchy { from, to, down } => StepRef::Hierarchy {
                from: to,
                to: from,
                down: !down,
            },
        }
    }
}

/// A chain from the query's subject to a node.
#[derive(Debug, Clone)]
struct Chain {
    target: Loc,
    relationship: Relationship,
    confidence: Confidence,
    steps: Vec<StepRef>,
}

/// The framework hops of one route.
#[derive(Debug, Clone)]
struct RoutePlan {
    via: Option<usize>,
    hops: Vec<(usize, usize)>,
}

/// Mappings joining two frameworks (either direction).
fn joining(cat: &Catalogs, a: usize, b: usize) -> Vec<usize> {
    let (Some(fa), Some(fb)) = (cat.frameworks.get(a), cat.frameworks.get(b)) else {
        return Vec::new();
    };
    cat.mappings
        .iter()
        .enumerate()
        .filter(|(_, m)| (m.from == fa.id && m.to == fb.id) || (m.from == fb.id && m.to == fa.id))
        .map(|(i, _)| i)
        .collect()
}

/// The routes from framework `from` to framework `to`: the given pivot, else the direct
/// mappings, else every single pivot that joins them.
fn plan(cat: &Catalogs, from: usize, to: usize, via: Option<usize>) -> Vec<RoutePlan> {
    if let Some(p) = via {
        if joining(cat, from, p).is_empty() || joining(cat, p, to).is_empty() {
            return Vec::new();
        }
        return vec![RoutePlan {
            via: Some(p),
            hops: vec![(from, p), (p, to)],
        }];
    }
    if !joining(cat, from, to).is_empty() {
        return vec![RoutePlan {
            via: None,
            hops: vec![(from, to)],
        }];
    }
    (0..cat.frameworks.len())
        .filter(|&p| p != from && p != to)
        .filter(|&p| !joining(cat, from, p).is_empty() && !joining(cat, p, to).is_empty())
        .map(|p| RoutePlan {
            via: Some(p),
            hops: vec![(from, p), (p, to)],
        })
        .collect()
}

fn route_out(cat: &'static Catalogs, plan: &RoutePlan) -> Route {
    let mut mappings = Vec::new();
    for &(a, b) in &plan.hops {
        for mi in joining(cat, a, b) {
            if let Some(m) = cat.mappings.get(mi) {
                mappings.push(Cow::Borrowed(m.id.as_str()));
            }
        }
    }
    Route {
        via: plan
            .via
            .and_then(|p| cat.frameworks.get(p))
            .map(|f| Cow::Borrowed(f.id.as_str())),
        mappings,
    }
}

/// The subject and, for a group, every node inside it (the group is a superset of each).
fn sources(cat: &'static Catalogs, subject: Loc) -> Vec<Chain> {
    let mut out = vec![Chain {
        target: subject,
        relationship: Relationship::Equal,
        confidence: Confidence::High,
        steps: Vec::new(),
    }];
    let Some(node) = cat.node_at(subject) else {
        return out;
    };
    for d in cat.descendants(&node.id) {
        if let Some(loc) = cat.loc(&d.id) {
            out.push(Chain {
                target: loc,
                relationship: Relationship::Superset,
                confidence: Confidence::High,
                steps: vec![StepRef::Hierarchy {
                    from: subject,
                    to: loc,
                    down: true,
                }],
            });
        }
    }
    out
}

/// Extend every chain by one framework hop.
fn hop(cat: &'static Catalogs, chains: &[Chain], from_fw: usize, to_fw: usize) -> Vec<Chain> {
    let maps = joining(cat, from_fw, to_fw);
    let mut out = Vec::new();
    for chain in chains {
        let Some(node) = cat.node_at(chain.target) else {
            continue;
        };
        for &mi in &maps {
            let Some(m) = cat.mappings.get(mi) else {
                continue;
            };
            let forward = cat.frameworks.get(from_fw).is_some_and(|f| f.id == m.from);
            let entries: Vec<&'static MappingEntry> = if forward {
                cat.entries_from(mi, &node.id).collect()
            } else {
                cat.entries_to(mi, &node.id).collect()
            };
            for entry in entries {
                let step = StepRef::Mapping { mi, entry, forward };
                let Some(rel) = chain.relationship.compose(step.relationship()) else {
                    continue;
                };
                let other = if forward { &entry.to } else { &entry.from };
                let Some(loc) = cat.loc(other) else { continue };
                let mut steps = chain.steps.clone();
                steps.push(step);
                out.push(Chain {
                    target: loc,
                    relationship: rel,
                    confidence: chain.confidence.and(step.confidence()),
                    steps,
                });
            }
        }
    }
    out
}

/// Every chain from `subject` into framework `to`.
fn chains(cat: &'static Catalogs, subject: Loc, to: usize, plans: &[RoutePlan]) -> Vec<Chain> {
    let start = sources(cat, subject);
    let mut all = Vec::new();
    for plan in plans {
        let mut frontier = start.clone();
        for &(a, b) in &plan.hops {
            frontier = hop(cat, &frontier, a, b);
        }
        all.extend(frontier.into_iter().filter(|c| c.target.0 == to));
    }
    all
}

/// Chains within one framework: the hierarchy only (a node equals itself, contains its
/// descendants and is part of its ancestors).
fn same_framework(cat: &'static Catalogs, subject: Loc, other: Loc) -> Option<Chain> {
    let (a, b) = (cat.node_at(subject)?, cat.node_at(other)?);
    let (relationship, steps) = if subject == other {
        (Relationship::Equal, Vec::new())
    } else if cat.is_ancestor(&a.id, &b.id) {
        (
            Relationship::Superset,
            vec![StepRef::Hierarchy {
                from: subject,
                to: other,
                down: true,
            }],
        )
    } else if cat.is_ancestor(&b.id, &a.id) {
        (
            Relationship::Subset,
            vec![StepRef::Hierarchy {
                from: subject,
                to: other,
                down: false,
            }],
        )
    } else {
        return None;
    };
    Some(Chain {
        target: other,
        relationship,
        confidence: Confidence::High,
        steps,
    })
}

fn better(a: &Chain, b: &Chain) -> bool {
    (
        a.relationship.strength(),
        a.confidence,
        std::cmp::Reverse(a.steps.len()),
    ) > (
        b.relationship.strength(),
        b.confidence,
        std::cmp::Reverse(b.steps.len()),
    )
}

/// The best chain per target node, with the number of chains; ordered strongest first, then
/// by catalog order.
fn best_per_target(chains: Vec<Chain>) -> Vec<(Chain, usize)> {
    let mut best: Vec<(Chain, usize)> = Vec::new();
    let mut index: std::collections::HashMap<Loc, usize> = std::collections::HashMap::new();
    for c in chains {
        match index.get(&c.target) {
            Some(&i) => {
                if let Some(slot) = best.get_mut(i) {
                    slot.1 += 1;
                    if better(&c, &slot.0) {
                        slot.0 = c;
                    }
                }
            }
            None => {
                index.insert(c.target, best.len());
                best.push((c, 1));
            }
        }
    }
    best.sort_by(|(a, _), (b, _)| {
        (
            std::cmp::Reverse(a.relationship.strength()),
            std::cmp::Reverse(a.confidence),
            a.target,
        )
            .cmp(&(
                std::cmp::Reverse(b.relationship.strength()),
                std::cmp::Reverse(b.confidence),
                b.target,
            ))
    });
    best
}

/// A chain read backwards: from its last node to `subject`.
fn reverse_chain(subject: Loc, c: Chain) -> Chain {
    Chain {
        target: subject,
        relationship: c.relationship.inverse(),
        confidence: c.confidence,
        steps: c.steps.into_iter().rev().map(StepRef::reversed).collect(),
    }
}

fn step_out(cat: &'static Catalogs, s: StepRef) -> Option<Step> {
    Some(match s {
        StepRef::Mapping { mi, entry, forward } => {
            let m = cat.mappings.get(mi)?;
            let (from, to) = if forward {
                (&entry.from, &entry.to)
            } else {
                (&entry.to, &entry.from)
            };
            Step {
                kind: StepKind::Mapping,
                from: Cow::Borrowed(from.as_str()),
                to: Cow::Borrowed(to.as_str()),
                relationship: s.relationship(),
                confidence: entry.confidence,
                mapping: Some(Cow::Borrowed(m.id.as_str())),
                provenance: Some(entry.provenance),
                basis: entry.basis.clone(),
                via: entry
                    .via
                    .iter()
                    .map(|v| Cow::Borrowed(v.as_str()))
                    .collect(),
                original_relationship: entry.original_relationship.map(|r| {
                    if forward {
                        r
                    } else {
                        r.inverse()
                    }
                }),
                rationale: Text::borrowed(&entry.rationale),
            }
        }
        StepRef::Hierarchy { from, to, down } => {
            let (a, b) = (cat.node_at(from)?, cat.node_at(to)?);
            let rationale = if down {
                Text::new(
                    format!(
                        "{} contains {}, so it is a superset of it.",
                        a.citation, b.citation
                    ),
                    format!(
                        "{} omfatter {}, og er derfor en overmængde af det.",
                        a.citation, b.citation
                    ),
                )
            } else {
                Text::new(
                    format!(
                        "{} is part of {}, so it is a subset of it.",
                        a.citation, b.citation
                    ),
                    format!(
                        "{} er en del af {}, og er derfor en delmængde af det.",
                        a.citation, b.citation
                    ),
                )
            };
            Step {
                kind: StepKind::Hierarchy,
                from: Cow::Borrowed(a.id.as_str()),
                to: Cow::Borrowed(b.id.as_str()),
                relationship: s.relationship(),
                confidence: Confidence::High,
                mapping: None,
                provenance: None,
                basis: Vec::new(),
                via: Vec::new(),
                original_relationship: None,
                rationale,
            }
        }
    })
}

fn hit_out(cat: &'static Catalogs, node: Loc, c: &Chain, routes: usize) -> Option<Hit> {
    let fw = cat.frameworks.get(node.0)?;
    let n = fw.nodes.get(node.1)?;
    let mut provenance: BTreeSet<MappingProvenance> = BTreeSet::new();
    for s in &c.steps {
        if let StepRef::Mapping { entry, .. } = s {
            provenance.insert(entry.provenance);
            provenance.extend(entry.basis.iter().copied());
        }
    }
    Some(Hit {
        node: NodeRef::of(fw, n),
        relationship: c.relationship,
        confidence: c.confidence,
        provenance: provenance.into_iter().collect(),
        routes,
        path: c.steps.iter().filter_map(|&s| step_out(cat, s)).collect(),
    })
}

/// Why a query cannot run (the caller turns this into a field-path error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryProblem {
    /// `to` is the subject's own framework.
    SameFramework,
    /// The pivot is one of the two ends.
    PivotIsEnd,
    /// No mapping joins the pivot to one of the ends.
    PivotNotJoined,
}

/// The result of `map` and `evidence`.
#[derive(Debug, Clone)]
pub struct Found {
    /// The routes taken.
    pub routes: Vec<Route>,
    /// The nodes reached.
    pub hits: Vec<Hit>,
}

fn check_ends(
    cat: &Catalogs,
    from: usize,
    to: usize,
    via: Option<usize>,
) -> Result<(), QueryProblem> {
    if from == to {
        return Err(QueryProblem::SameFramework);
    }
    if let Some(p) = via {
        if p == from || p == to {
            return Err(QueryProblem::PivotIsEnd);
        }
        if joining(cat, from, p).is_empty() || joining(cat, p, to).is_empty() {
            return Err(QueryProblem::PivotNotJoined);
        }
    }
    Ok(())
}

/// What `subject` covers in framework `to`, and how strongly: for each node reached, the
/// relationship of `subject` to it. `via` forces a pivot framework; without it the direct
/// mappings are used, or every single pivot when there are none.
pub fn map(
    cat: &'static Catalogs,
    subject: &str,
    to: &str,
    via: Option<&str>,
) -> Option<Result<Found, QueryProblem>> {
    let s = cat.loc(subject)?;
    let t = cat.framework_index(to)?;
    let v = match via {
        Some(v) => Some(cat.framework_index(v)?),
        None => None,
    };
    if let Err(p) = check_ends(cat, s.0, t, v) {
        return Some(Err(p));
    }
    let plans = plan(cat, s.0, t, v);
    let best = best_per_target(chains(cat, s, t, &plans));
    Some(Ok(Found {
        routes: plans.iter().map(|p| route_out(cat, p)).collect(),
        hits: best
            .iter()
            .filter_map(|(c, n)| hit_out(cat, c.target, c, *n))
            .collect(),
    }))
}

/// Which nodes of framework `from` evidence `requirement`, and how strongly: for each, its
/// relationship to the requirement (the reverse of [`map`]).
pub fn evidence(
    cat: &'static Catalogs,
    requirement: &str,
    from: &str,
    via: Option<&str>,
) -> Option<Result<Found, QueryProblem>> {
    let r = cat.loc(requirement)?;
    let f = cat.framework_index(from)?;
    let v = match via {
        Some(v) => Some(cat.framework_index(v)?),
        None => None,
    };
    if let Err(p) = check_ends(cat, r.0, f, v) {
        return Some(Err(p));
    }
    let plans = plan(cat, r.0, f, v);
    let reversed: Vec<Chain> = chains(cat, r, f, &plans)
        .into_iter()
        .map(|c| {
            let origin = c.target;
            let mut rc = reverse_chain(r, c);
            // Key the chain by the evidencing node, so the best per node is kept.
            rc.target = origin;
            rc
        })
        .collect();
    let best = best_per_target(reversed);
    Some(Ok(Found {
        routes: plans.iter().map(|p| route_out(cat, p)).collect(),
        hits: best
            .iter()
            .filter_map(|(c, n)| hit_out(cat, c.target, c, *n))
            .collect(),
    }))
}

/// How one leaf of the target is reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LeafCoverage {
    /// The leaf requirement.
    pub leaf: NodeRef,
    /// The strongest relationship of any control to the leaf; `null` when none reaches it.
    pub best: Option<Hit>,
    /// Every control that reaches the leaf (any relationship but `no_relationship`).
    pub reached_by: Vec<Str>,
}

/// Counts of the leaves by the strongest relationship that reaches them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RelationshipCounts {
    /// Leaves reached as `equal`.
    pub equal: usize,
    /// Leaves reached as `equivalent`.
    pub equivalent: usize,
    /// Leaves a control contains (`superset`).
    pub superset: usize,
    /// Leaves a control is part of (`subset`).
    pub subset: usize,
    /// Leaves a control overlaps (`intersects`).
    pub intersects: usize,
    /// Leaves a control is stated to have no relationship with.
    pub no_relationship: usize,
    /// Leaves no chain reaches.
    pub none: usize,
}

/// The totals of a coverage query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CoverageSummary {
    /// Number of leaf requirements of the target.
    pub leaves: usize,
    /// Leaves some control reaches.
    pub reached: usize,
    /// Leaves some control reaches whole (`equal`, `equivalent`, `superset`).
    pub covered_whole: usize,
    /// Leaves reached only in part (`subset`, `intersects`).
    pub covered_in_part: usize,
    /// Leaves not reached.
    pub not_reached: usize,
    /// By strongest relationship.
    pub by_relationship: RelationshipCounts,
}

/// The result of `coverage`.
#[derive(Debug, Clone)]
pub struct Coverage {
    /// The leaves, in catalog order.
    pub leaves: Vec<LeafCoverage>,
    /// The totals.
    pub summary: CoverageSummary,
}

/// The leaves of `target`: its own leaf requirements, or with `via`, the requirements of the
/// `via` framework that are part of it (the target is their superset, equal or equivalent).
fn target_leaves(cat: &'static Catalogs, target: Loc, via: Option<usize>) -> Vec<Loc> {
    let Some(node) = cat.node_at(target) else {
        return Vec::new();
    };
    match via {
        None => cat
            .leaves(&node.id)
            .into_iter()
            .filter_map(|n| cat.loc(&n.id))
            .collect(),
        Some(v) => {
            let plans = plan(cat, target.0, v, None);
            let mut locs: Vec<Loc> = best_per_target(chains(cat, target, v, &plans))
                .into_iter()
                .filter(|(c, _)| c.relationship.covers_target())
                .map(|(c, _)| c.target)
                .filter(|&l| {
                    cat.node_at(l)
                        .is_some_and(|n| n.kind == NodeKind::Requirement)
                })
                .collect();
            locs.sort_unstable();
            locs
        }
    }
}

/// How much of `target` the `controls` reach: for each leaf requirement of the target (or,
/// with `via`, each requirement of that framework that details the target), the strongest
/// relationship of any control to it.
pub fn coverage(
    cat: &'static Catalogs,
    target: &str,
    controls: &[&str],
    via: Option<&str>,
) -> Option<Coverage> {
    let t = cat.loc(target)?;
    let v = match via {
        Some(v) => Some(cat.framework_index(v)?),
        None => None,
    };
    let leaves = target_leaves(cat, t, v);
    let leaf_fw = v.unwrap_or(t.0);
    // For each control: its best chain to each node of the leaves' framework.
    let mut per_control: Vec<(Loc, Vec<(Chain, usize)>)> = Vec::new();
    for c in controls {
        let cl = cat.loc(c)?;
        let found: Vec<(Chain, usize)> = if cl.0 == leaf_fw {
            leaves
                .iter()
                .filter_map(|&l| same_framework(cat, cl, l))
                .map(|c| (c, 1))
                .collect()
        } else {
            let plans = plan(cat, cl.0, leaf_fw, None);
            best_per_target(chains(cat, cl, leaf_fw, &plans))
        };
        per_control.push((cl, found));
    }
    let mut out = Vec::with_capacity(leaves.len());
    let mut counts = RelationshipCounts::default();
    let (mut reached, mut whole, mut part) = (0, 0, 0);
    for &leaf in &leaves {
        let (Some(fw), Some(node)) = (cat.frameworks.get(leaf.0), cat.node_at(leaf)) else {
            continue;
        };
        let mut best: Option<(&Chain, usize, Loc)> = None;
        let mut reached_by: Vec<Str> = Vec::new();
        for (cl, found) in &per_control {
            for (chain, n) in found.iter().filter(|(c, _)| c.target == leaf) {
                if chain.relationship.reaches() {
                    if let Some(cn) = cat.node_at(*cl) {
                        let id: Str = Cow::Borrowed(cn.id.as_str());
                        if !reached_by.contains(&id) {
                            reached_by.push(id);
                        }
                    }
                }
                let replace = match best {
                    None => true,
                    Some((b, _, _)) => better(chain, b),
                };
                if replace {
                    best = Some((chain, *n, *cl));
                }
            }
        }
        let best_hit = best.and_then(|(chain, n, cl)| hit_out(cat, cl, chain, n));
        match best.map(|(c, _, _)| c.relationship) {
            None => counts.none += 1,
            Some(r) => {
                match r {
                    Relationship::Equal => counts.equal += 1,
                    Relationship::Equivalent => counts.equivalent += 1,
                    Relationship::Superset => counts.superset += 1,
                    Relationship::Subset => counts.subset += 1,
                    Relationship::Intersects => counts.intersects += 1,
                    Relationship::NoRelationship => counts.no_relationship += 1,
                }
                if r.reaches() {
                    reached += 1;
                    if r.covers_target() {
                        whole += 1;
                    } else {
                        part += 1;
                    }
                }
            }
        }
        out.push(LeafCoverage {
            leaf: NodeRef::of(fw, node),
            best: best_hit,
            reached_by,
        });
    }
    Some(Coverage {
        summary: CoverageSummary {
            leaves: out.len(),
            reached,
            covered_whole: whole,
            covered_in_part: part,
            not_reached: out.len().saturating_sub(reached),
            by_relationship: counts,
        },
        leaves: out,
    })
}
