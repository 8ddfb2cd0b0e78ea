//! Cross-framework inference: a requirement without a direct result takes one from the
//! results of other frameworks (an ISO/IEC 27001 statement of applicability, a D-mærket
//! self-evaluation, NIS2 or CIR results), through the typed mappings
//! ([`crate::catalog::query::evidence`]).
//!
//! Rules (`docs/scoring.md` §4):
//! - a source whose relationship to the requirement is `equal`, `equivalent` or `superset`
//!   (it covers the whole requirement) carries its status, and its maturities, over;
//! - `subset` and `intersects` (it covers part of the requirement, or overlaps it) carry at
//!   most `partially_implemented`, and no maturity;
//! - `no_relationship` carries nothing; nor do sources that are `not_assessed` or
//!   `not_applicable` (a control excluded from a statement of applicability says nothing
//!   about NIS2), nor pairs below the minimum confidence;
//! - among several sources the best carried status wins (ties: stronger relationship, then
//!   higher confidence, then catalog order); each maturity is the highest carried by any
//!   source that covers the whole requirement, so inference is monotone: raising a source
//!   never lowers an inferred result; every source is listed;
//! - a direct result (any status but `not_assessed`) always wins over an inferred one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::query;
use crate::catalog::{Catalogs, Confidence, MappingProvenance, Relationship};
use crate::text::Str;

use super::model::{RequirementResult, Status};

/// One source result behind an inferred result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InferenceSource {
    /// The source requirement (node id).
    pub requirement: Str,
    /// Its framework.
    pub framework: Str,
    /// Its status, as assessed.
    pub status: Status,
    /// The relationship of the source to the inferred requirement.
    pub relationship: Relationship,
    /// The weakest confidence along the mapping chain.
    pub confidence: Confidence,
    /// Who stands behind the chain.
    pub provenance: Vec<MappingProvenance>,
    /// The mappings used (ids).
    pub mappings: Vec<Str>,
    /// The status it carries over.
    pub carries: Status,
    /// `whole`: the source covers the whole requirement and carries its status (and
    /// maturities); `partial`: it covers part of it, or overlaps it, so it carries at most
    /// `partially_implemented` (and no maturity).
    pub rule: Str,
    /// The document source it comes from (an id of `sources`), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A result inferred through the mappings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Inferred {
    /// The status inferred.
    pub status: Status,
    /// The implementation maturity carried over: the highest given by a source that covers the
    /// whole requirement (whatever that source's status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation_maturity: Option<i64>,
    /// The documentation maturity carried over, likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_maturity: Option<i64>,
    /// The source result that decided it (node id).
    pub decided_by: Str,
    /// The deciding source is broader than this requirement (`superset`): one coarse answer
    /// (e.g. to NIS2 Art. 21(2)(d)) stands for a detailed requirement (e.g. a CIR 2024/2690
    /// one); verify it against the detailed requirement before relying on it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub coarse: bool,
    /// Every source result considered, strongest first.
    pub sources: Vec<InferenceSource>,
}

/// One evidence hit, compact.
#[derive(Debug, Clone)]
struct EvHit {
    /// The framework of the evidencing node (its id).
    framework: &'static str,
    node: Str,
    relationship: Relationship,
    confidence: Confidence,
    provenance: Vec<MappingProvenance>,
    mappings: Vec<Str>,
}

type Cache = Mutex<HashMap<&'static str, Arc<Vec<EvHit>>>>;

static CACHE: OnceLock<Cache> = OnceLock::new();

/// The nodes of every other framework that evidence `requirement` (framework order, then the
/// order of [`query::evidence`]), cached per requirement: the catalogs are immutable, so the
/// answer never changes.
fn evidence_all(cat: &'static Catalogs, requirement: &'static str) -> Arc<Vec<EvHit>> {
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(map) = cache.lock() {
        if let Some(v) = map.get(requirement) {
            return Arc::clone(v);
        }
    }
    let mut hits: Vec<EvHit> = Vec::new();
    for fw in &cat.frameworks {
        let Some(Ok(found)) = query::evidence(cat, requirement, &fw.id, None) else {
            continue;
        };
        for h in found.hits {
            let mut mappings: Vec<Str> = Vec::new();
            for s in &h.path {
                if let Some(m) = &s.mapping {
                    if !mappings.contains(m) {
                        mappings.push(m.clone());
                    }
                }
            }
            hits.push(EvHit {
                framework: &fw.id,
                node: h.node.id,
                relationship: h.relationship,
                confidence: h.confidence,
                provenance: h.provenance,
                mappings,
            });
        }
    }
    let hits = Arc::new(hits);
    if let Ok(mut map) = cache.lock() {
        map.insert(requirement, Arc::clone(&hits));
    }
    hits
}

/// The frameworks with at least one usable result, in catalog order.
pub(crate) fn source_frameworks(
    cat: &'static Catalogs,
    doc: &super::model::AssessmentDocument,
) -> Vec<&'static str> {
    let mut has = vec![false; cat.frameworks.len()];
    for r in doc.results.iter().filter(|r| usable(r)) {
        if let Some(fi) = r
            .requirement
            .split_once(':')
            .and_then(|(p, _)| cat.frameworks.iter().position(|f| f.id_prefix == p))
        {
            if let Some(slot) = has.get_mut(fi) {
                *slot = true;
            }
        }
    }
    cat.frameworks
        .iter()
        .zip(has)
        .filter(|(_, h)| *h)
        .map(|(f, _)| f.id.as_str())
        .collect()
}

/// Whether a result can serve as a source.
pub(crate) fn usable(r: &RequirementResult) -> bool {
    r.status.rank().is_some()
}

/// Infer a result for `requirement` (of framework `own_fw`) from the usable results of the
/// other frameworks. `results` maps node ids to results; `frameworks` lists the frameworks
/// that have at least one usable result.
pub(crate) fn infer(
    cat: &'static Catalogs,
    requirement: &'static str,
    own_fw: &'static str,
    frameworks: &[&'static str],
    results: &HashMap<&str, &RequirementResult>,
    min_confidence: Confidence,
) -> Option<Inferred> {
    let mut sources: Vec<(InferenceSource, Option<i64>, Option<i64>)> = Vec::new();
    let all = evidence_all(cat, requirement);
    for &fw in frameworks {
        if fw == own_fw {
            continue;
        }
        for hit in all.iter().filter(|h| h.framework == fw) {
            if hit.relationship == Relationship::NoRelationship || hit.confidence < min_confidence {
                continue;
            }
            let Some(r) = results.get(hit.node.as_ref()) else {
                continue;
            };
            let Some(rank) = r.status.rank() else {
                continue;
            };
            let whole = hit.relationship.covers_target();
            let (carries, rule) = if whole {
                (r.status, "whole")
            } else if rank <= 1 {
                (r.status, "partial")
            } else {
                (Status::PartiallyImplemented, "partial")
            };
            sources.push((
                InferenceSource {
                    requirement: hit.node.clone(),
                    framework: Cow::Borrowed(fw),
                    status: r.status,
                    relationship: hit.relationship,
                    confidence: hit.confidence,
                    provenance: hit.provenance.clone(),
                    mappings: hit.mappings.clone(),
                    carries,
                    rule: Cow::Borrowed(rule),
                    source: r.source.clone(),
                },
                if whole {
                    r.implementation_maturity
                } else {
                    None
                },
                if whole {
                    r.documentation_maturity
                } else {
                    None
                },
            ));
        }
    }
    if sources.is_empty() {
        return None;
    }
    // Strongest first: carried status, relationship, confidence; then the order found
    // (framework order, then the evidence order, which is by strength and catalog order).
    sources.sort_by(|(a, _, _), (b, _, _)| {
        (
            std::cmp::Reverse(a.carries.rank()),
            std::cmp::Reverse(a.relationship.strength()),
            std::cmp::Reverse(a.confidence),
        )
            .cmp(&(
                std::cmp::Reverse(b.carries.rank()),
                std::cmp::Reverse(b.relationship.strength()),
                std::cmp::Reverse(b.confidence),
            ))
    });
    // Each maturity is the highest carried by any source that covers the whole requirement,
    // whatever its status: so raising one source's status or maturity never lowers what is
    // inferred (taking the maturities of the best-status source only would drop a known
    // maturity when another source's status rises past it).
    let im = sources.iter().filter_map(|(_, m, _)| *m).max();
    let dm = sources.iter().filter_map(|(_, _, m)| *m).max();
    let best = sources.first().map(|(s, _, _)| s.clone())?;
    Some(Inferred {
        status: best.carries,
        implementation_maturity: im,
        documentation_maturity: dm,
        coarse: best.relationship == Relationship::Superset,
        decided_by: best.requirement,
        sources: sources.into_iter().map(|(s, _, _)| s).collect(),
    })
}

/// Whether `control` (a node of framework `fw`), or a node under it when it is a group (e.g.
/// `ISO27001:A.8`), reaches `requirement` through the mappings (any relationship but
/// `no_relationship`).
pub(crate) fn linked(
    cat: &'static Catalogs,
    requirement: &'static str,
    fw: &'static str,
    control: &str,
) -> bool {
    evidence_all(cat, requirement).iter().any(|h| {
        h.framework == fw
            && h.relationship.reaches()
            && (h.node == control || cat.is_ancestor(control, &h.node))
    })
}
