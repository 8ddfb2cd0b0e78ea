//! The operations of the catalogs, declared in the registry ([`OPS`]): a request tagged by `op`
//! in, the operation's response out.
//!
//! | op         | request fields                                   | response                 |
//! |------------|--------------------------------------------------|--------------------------|
//! | `list`     | —                                                | [`ListResponse`]         |
//! | `show`     | `framework`                                      | [`ShowResponse`]         |
//! | `node`     | `id`                                             | [`NodeResponse`]         |
//! | `map`      | `from` (node), `to` (framework), `via`?          | [`MapResponse`]          |
//! | `evidence` | `requirement` (node), `from` (framework), `via`? | [`EvidenceResponse`]     |
//! | `coverage` | `target` (node), `controls` (nodes), `via`?      | [`CoverageResponse`]     |
//! | `export`   | `framework` or `mapping`, `format`               | [`ExportResponse`]       |
//!
//! Unknown fields are rejected; unknown ids give [`Error::UnknownId`] with the nearest valid
//! ids; every error names its field path (`$.from`, `$.controls[2]`).

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::data::{catalogs, Catalogs};
use super::export;
use super::model::{
    Confidence, Framework, Mapping, MappingProvenance, Node, Relationship, VerificationStatus,
};
use super::query::{self, CoverageSummary, Hit, LeafCoverage, NodeRef, QueryProblem, Route};
use crate::error::{Error, Result};
use crate::text::{Str, Text};

/// `{"op": "list"}`: every framework and mapping.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListRequest {}

/// `{"op": "show", "framework": "nis2"}`: a whole framework.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShowRequest {
    /// Framework id.
    pub framework: String,
}

/// `{"op": "node", "id": "ISO27001:A.5.19"}`: one node, its neighbours and its direct pairs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeRequest {
    /// Node id.
    pub id: String,
}

/// `{"op": "map", "from": "ISO27001:A.5.19", "to": "nis2"}`: what a node covers in another
/// framework and how strongly.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapRequest {
    /// The node to start from.
    pub from: String,
    /// The framework to map into.
    pub to: String,
    /// A pivot framework to go through; without it, the direct mappings are used, or every
    /// single pivot when none exists.
    #[serde(default)]
    pub via: Option<String>,
}

/// `{"op": "evidence", "requirement": "NIS2:21.2.d", "from": "iso27001-2022"}`: which nodes
/// of a framework evidence a requirement.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRequest {
    /// The requirement to evidence.
    pub requirement: String,
    /// The framework whose nodes may evidence it.
    pub from: String,
    /// A pivot framework, as for `map`.
    #[serde(default)]
    pub via: Option<String>,
}

/// `{"op": "coverage", "target": "NIS2:21.2.d", "controls": ["ISO27001:A.5.19"]}`: how much
/// of a requirement a set of controls reaches.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageRequest {
    /// The requirement (or group) to cover.
    pub target: String,
    /// The controls in place (node ids, any framework).
    pub controls: Vec<String>,
    /// Count the leaves of this framework that detail the target (e.g. `cir-2024-2690` for
    /// an Art 21(2) point) instead of the target's own leaves.
    #[serde(default)]
    pub via: Option<String>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Our own JSON (the data model).
    Json,
    /// OSCAL 1.2.1 JSON (a catalog, or a mapping collection).
    Oscal,
    /// CSV (RFC 4180, CRLF line ends).
    Csv,
    /// A CISO Assistant library (YAML): a framework library, or a mapping library with the
    /// forward and the reverse mapping set.
    CisoAssistant,
}

/// `{"op": "export", "framework": "nis2", "format": "oscal"}` or
/// `{"op": "export", "mapping": "cir-2024-2690--iso27001-2022", "format": "csv"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    /// A framework id (exactly one of `framework` and `mapping`).
    #[serde(default)]
    pub framework: Option<String>,
    /// A mapping id.
    #[serde(default)]
    pub mapping: Option<String>,
    /// The format.
    pub format: ExportFormat,
    /// For a mapping as a CISO Assistant library: name CISO Assistant's own shipped frameworks
    /// where one exists (CIR 2024/2690 and ISO/IEC 27001:2022) instead of our framework
    /// libraries. Default `false`.
    #[serde(default)]
    pub ciso_assistant_frameworks: bool,
}

/// A framework in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FrameworkSummary {
    /// Id.
    pub id: Str,
    /// Title.
    pub title: Text,
    /// Short name.
    pub short_name: Str,
    /// Version of the source.
    pub version: Str,
    /// Publisher.
    pub publisher: Str,
    /// Licence of the data.
    pub licence: Str,
    /// Verification status of the data.
    pub status: VerificationStatus,
    /// Number of nodes.
    pub nodes: usize,
    /// Number of requirement (leaf) nodes.
    pub requirements: usize,
    /// Export formats offered.
    pub exports: Vec<ExportFormat>,
}

/// A mapping in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MappingSummary {
    /// Id.
    pub id: Str,
    /// Title.
    pub title: Text,
    /// Source framework.
    pub from: Str,
    /// Target framework.
    pub to: Str,
    /// Number of pairs (computed ones included).
    pub pairs: usize,
    /// Number of computed pairs.
    pub derived_pairs: usize,
    /// Licence of the data.
    pub licence: Str,
    /// Verification status.
    pub status: VerificationStatus,
    /// Export formats offered.
    pub exports: Vec<ExportFormat>,
}

/// Response to `list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ListResponse {
    /// The frameworks.
    pub frameworks: Vec<FrameworkSummary>,
    /// The mappings.
    pub mappings: Vec<MappingSummary>,
}

/// Response to `show`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ShowResponse {
    /// The framework, nodes included.
    pub framework: &'static Framework,
}

/// A pair of a mapping seen from one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DirectPair {
    /// The mapping.
    pub mapping: Str,
    /// The node at the other end.
    pub other: NodeRef,
    /// This node's relationship to the other (inverted when the pair is read backwards).
    pub relationship: Relationship,
    /// Confidence.
    pub confidence: Confidence,
    /// Who stands behind the pair.
    pub provenance: MappingProvenance,
    /// The original source's relationship, when sharpened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_relationship: Option<Relationship>,
    /// Why.
    pub rationale: Text,
}

/// Response to `node`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NodeResponse {
    /// The framework id.
    pub framework: Str,
    /// The node.
    pub node: &'static Node,
    /// Its ancestors, root first.
    pub ancestors: Vec<NodeRef>,
    /// Its children.
    pub children: Vec<NodeRef>,
    /// The nodes it implements.
    pub implements: Vec<NodeRef>,
    /// The nodes that implement it.
    pub implemented_by: Vec<NodeRef>,
    /// The pairs of every mapping that name it directly.
    pub pairs: Vec<DirectPair>,
}

/// Response to `map`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MapResponse {
    /// The node mapped.
    pub from: NodeRef,
    /// The framework mapped into.
    pub to: Str,
    /// The routes taken (empty when no mapping joins the two).
    pub routes: Vec<Route>,
    /// The nodes reached, strongest first; `relationship` is the subject's relationship to
    /// each.
    pub results: Vec<Hit>,
}

/// Response to `evidence`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EvidenceResponse {
    /// The requirement.
    pub requirement: NodeRef,
    /// The framework searched.
    pub from: Str,
    /// The routes taken.
    pub routes: Vec<Route>,
    /// The nodes that evidence it, strongest first; `relationship` is each node's
    /// relationship to the requirement.
    pub results: Vec<Hit>,
}

/// Response to `coverage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CoverageResponse {
    /// The requirement covered.
    pub target: NodeRef,
    /// The framework whose leaves are counted, when not the target's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Str>,
    /// The controls given.
    pub controls: Vec<NodeRef>,
    /// The totals.
    pub summary: CoverageSummary,
    /// Every leaf, in catalog order.
    pub leaves: Vec<LeafCoverage>,
}

/// Response to `export`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ExportResponse {
    /// The format.
    pub format: ExportFormat,
    /// The media type of `content`.
    pub media_type: Str,
    /// A file name for `content`.
    pub file_name: String,
    /// The exported document.
    pub content: String,
}

fn unknown_node(cat: &Catalogs, path: &str, id: &str) -> Error {
    Error::UnknownId {
        accepted: Vec::new(),
        path: path.to_owned(),
        what: "catalog node".to_owned(),
        value: id.to_owned(),
        suggestions: cat.nearest_nodes(id, 3),
    }
}

fn unknown_framework(cat: &Catalogs, path: &str, id: &str) -> Error {
    Error::UnknownId {
        accepted: Vec::new(),
        path: path.to_owned(),
        what: "framework".to_owned(),
        value: id.to_owned(),
        suggestions: cat.nearest_frameworks(id, 3),
    }
}

fn unknown_mapping(cat: &Catalogs, path: &str, id: &str) -> Error {
    Error::UnknownId {
        accepted: Vec::new(),
        path: path.to_owned(),
        what: "mapping".to_owned(),
        value: id.to_owned(),
        suggestions: cat.nearest_mappings(id, 3),
    }
}

fn node_ref(cat: &'static Catalogs, path: &str, id: &str) -> Result<NodeRef> {
    cat.node(id)
        .map(|(f, n)| NodeRef::of(f, n))
        .ok_or_else(|| unknown_node(cat, path, id))
}

fn check_framework(cat: &Catalogs, path: &str, id: &str) -> Result<()> {
    match cat.framework(id) {
        Some(_) => Ok(()),
        None => Err(unknown_framework(cat, path, id)),
    }
}

fn problem(
    p: QueryProblem,
    subject_fw: &str,
    to_field: &str,
    to: &str,
    via: Option<&str>,
) -> Error {
    match p {
        QueryProblem::SameFramework => Error::invalid(
            to_field,
            format!("`{to}` is the node's own framework; name another framework"),
        ),
        QueryProblem::PivotIsEnd => Error::invalid(
            "$.via",
            format!(
                "the pivot `{}` must differ from `{subject_fw}` and `{to}`",
                via.unwrap_or("")
            ),
        ),
        QueryProblem::PivotNotJoined => Error::invalid(
            "$.via",
            format!(
                "no mapping joins `{}` to both `{subject_fw}` and `{to}`",
                via.unwrap_or("")
            ),
        ),
    }
}

fn exports_of_framework(fw: &Framework) -> Vec<ExportFormat> {
    if export::has_oscal_catalog(fw) {
        vec![
            ExportFormat::Json,
            ExportFormat::Oscal,
            ExportFormat::Csv,
            ExportFormat::CisoAssistant,
        ]
    } else {
        vec![
            ExportFormat::Json,
            ExportFormat::Csv,
            ExportFormat::CisoAssistant,
        ]
    }
}

/// `show`: a whole framework.
pub(crate) fn show(r: ShowRequest) -> Result<ShowResponse> {
    let cat = catalogs()?;
    let fw = cat
        .framework(&r.framework)
        .ok_or_else(|| unknown_framework(cat, "$.framework", &r.framework))?;
    Ok(ShowResponse { framework: fw })
}

/// `map`: what a node covers in another framework.
pub(crate) fn map(r: MapRequest) -> Result<MapResponse> {
    let cat = catalogs()?;
    let from = node_ref(cat, "$.from", &r.from)?;
    check_framework(cat, "$.to", &r.to)?;
    if let Some(v) = &r.via {
        check_framework(cat, "$.via", v)?;
    }
    let found = query::map(cat, &r.from, &r.to, r.via.as_deref())
        .ok_or_else(|| unknown_node(cat, "$.from", &r.from))?
        .map_err(|p| problem(p, &from.framework, "$.to", &r.to, r.via.as_deref()))?;
    Ok(MapResponse {
        from,
        to: Cow::Owned(r.to),
        routes: found.routes,
        results: found.hits,
    })
}

/// `evidence`: which nodes of a framework evidence a requirement.
pub(crate) fn evidence(r: EvidenceRequest) -> Result<EvidenceResponse> {
    let cat = catalogs()?;
    let requirement = node_ref(cat, "$.requirement", &r.requirement)?;
    check_framework(cat, "$.from", &r.from)?;
    if let Some(v) = &r.via {
        check_framework(cat, "$.via", v)?;
    }
    let found = query::evidence(cat, &r.requirement, &r.from, r.via.as_deref())
        .ok_or_else(|| unknown_node(cat, "$.requirement", &r.requirement))?
        .map_err(|p| {
            problem(
                p,
                &requirement.framework,
                "$.from",
                &r.from,
                r.via.as_deref(),
            )
        })?;
    Ok(EvidenceResponse {
        requirement,
        from: Cow::Owned(r.from),
        routes: found.routes,
        results: found.hits,
    })
}

/// `list`: every framework and mapping.
pub(crate) fn list(_: crate::api::registry::NoFields) -> Result<ListResponse> {
    let cat = catalogs()?;
    Ok(list_of(cat))
}

fn list_of(cat: &'static Catalogs) -> ListResponse {
    ListResponse {
        frameworks: cat
            .frameworks
            .iter()
            .map(|f| FrameworkSummary {
                id: Cow::Borrowed(&f.id),
                title: Text::borrowed(&f.title),
                short_name: Cow::Borrowed(&f.short_name),
                version: Cow::Borrowed(&f.version),
                publisher: Cow::Borrowed(&f.publisher),
                licence: Cow::Borrowed(&f.licence),
                status: f.provenance.status,
                nodes: f.nodes.len(),
                requirements: f
                    .nodes
                    .iter()
                    .filter(|n| n.kind == super::model::NodeKind::Requirement)
                    .count(),
                exports: exports_of_framework(f),
            })
            .collect(),
        mappings: cat
            .mappings
            .iter()
            .map(|m| MappingSummary {
                id: Cow::Borrowed(&m.id),
                title: Text::borrowed(&m.title),
                from: Cow::Borrowed(&m.from),
                to: Cow::Borrowed(&m.to),
                pairs: m.entries.len(),
                derived_pairs: m
                    .entries
                    .iter()
                    .filter(|e| e.provenance == MappingProvenance::Derived)
                    .count(),
                licence: Cow::Borrowed(&m.provenance.licence),
                status: m.provenance.status,
                exports: vec![
                    ExportFormat::Json,
                    ExportFormat::Oscal,
                    ExportFormat::Csv,
                    ExportFormat::CisoAssistant,
                ],
            })
            .collect(),
    }
}

/// `node`: one node, its neighbours and its direct pairs.
pub(crate) fn node(r: NodeRequest) -> Result<NodeResponse> {
    node_of(catalogs()?, &r.id)
}

fn node_of(cat: &'static Catalogs, id: &str) -> Result<NodeResponse> {
    let (fw, n) = cat.node(id).ok_or_else(|| unknown_node(cat, "$.id", id))?;
    let refs = |ids: &mut dyn Iterator<Item = &'static str>| -> Vec<NodeRef> {
        ids.filter_map(|i| cat.node(i).map(|(f, n)| NodeRef::of(f, n)))
            .collect()
    };
    let mut pairs = Vec::new();
    for (mi, m) in cat.mappings.iter().enumerate() {
        for e in cat.entries_from(mi, id) {
            if let Some((of, on)) = cat.node(&e.to) {
                pairs.push(DirectPair {
                    mapping: Cow::Borrowed(&m.id),
                    other: NodeRef::of(of, on),
                    relationship: e.relationship,
                    confidence: e.confidence,
                    provenance: e.provenance,
                    original_relationship: e.original_relationship,
                    rationale: Text::borrowed(&e.rationale),
                });
            }
        }
        for e in cat.entries_to(mi, id) {
            if let Some((of, on)) = cat.node(&e.from) {
                pairs.push(DirectPair {
                    mapping: Cow::Borrowed(&m.id),
                    other: NodeRef::of(of, on),
                    relationship: e.relationship.inverse(),
                    confidence: e.confidence,
                    provenance: e.provenance,
                    original_relationship: e.original_relationship.map(Relationship::inverse),
                    rationale: Text::borrowed(&e.rationale),
                });
            }
        }
    }
    Ok(NodeResponse {
        framework: Cow::Borrowed(&fw.id),
        node: n,
        ancestors: cat
            .ancestors(id)
            .into_iter()
            .map(|a| NodeRef::of(fw, a))
            .collect(),
        children: cat
            .children(id)
            .into_iter()
            .map(|c| NodeRef::of(fw, c))
            .collect(),
        implements: refs(&mut n.implements.iter().map(String::as_str)),
        implemented_by: refs(&mut cat.implemented_by(id).iter().map(String::as_str)),
        pairs,
    })
}

/// `coverage`: how much of a requirement a set of controls reaches.
pub(crate) fn coverage(r: CoverageRequest) -> Result<CoverageResponse> {
    coverage_of(catalogs()?, &r)
}

fn coverage_of(cat: &'static Catalogs, r: &CoverageRequest) -> Result<CoverageResponse> {
    let target = node_ref(cat, "$.target", &r.target)?;
    if r.controls.is_empty() {
        return Err(Error::invalid(
            "$.controls",
            "give at least one control (a node id of any framework)",
        ));
    }
    let mut problems = Vec::new();
    let mut controls = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for (i, c) in r.controls.iter().enumerate() {
        match node_ref(cat, &format!("$.controls[{i}]"), c) {
            Ok(n) => {
                if !ids.contains(&c.as_str()) {
                    ids.push(c);
                    controls.push(n);
                }
            }
            Err(e) => problems.push(e),
        }
    }
    if let Some(v) = &r.via {
        if let Err(e) = check_framework(cat, "$.via", v) {
            problems.push(e);
        } else if *v == target.framework {
            problems.push(Error::invalid(
                "$.via",
                format!("`{v}` is the target's own framework; leave `via` out"),
            ));
        }
    }
    Error::from_list(problems)?;
    let cov = query::coverage(cat, &r.target, &ids, r.via.as_deref())
        .ok_or_else(|| unknown_node(cat, "$.target", &r.target))?;
    Ok(CoverageResponse {
        target,
        via: r.via.clone().map(Cow::Owned),
        controls,
        summary: cov.summary,
        leaves: cov.leaves,
    })
}

fn media_type(format: ExportFormat) -> Str {
    Cow::Borrowed(match format {
        ExportFormat::Json | ExportFormat::Oscal => "application/json",
        ExportFormat::Csv => "text/csv",
        ExportFormat::CisoAssistant => "application/yaml",
    })
}

/// `export`: a framework or a mapping as JSON, OSCAL 1.2.1 or CSV.
pub(crate) fn export(r: ExportRequest) -> Result<ExportResponse> {
    export_one(catalogs()?, &r)
}

fn export_one(cat: &'static Catalogs, r: &ExportRequest) -> Result<ExportResponse> {
    if r.ciso_assistant_frameworks
        && (r.format != ExportFormat::CisoAssistant || r.mapping.is_none())
    {
        return Err(Error::invalid(
            "$.ciso_assistant_frameworks",
            "applies only to a mapping exported with `format` `ciso_assistant`",
        ));
    }
    match (&r.framework, &r.mapping) {
        (Some(f), None) => {
            let fw = cat
                .framework(f)
                .ok_or_else(|| unknown_framework(cat, "$.framework", f))?;
            let (content, file_name) = match r.format {
                ExportFormat::Json => (export::pretty(fw)?, format!("{}.json", fw.id)),
                ExportFormat::Csv => (export::catalog_csv(fw), format!("{}.csv", fw.id)),
                ExportFormat::CisoAssistant => (
                    super::ciso::to_yaml(&super::ciso::framework_library(cat, fw))?,
                    format!("{}.ciso-assistant.yaml", fw.id),
                ),
                ExportFormat::Oscal => {
                    if !export::has_oscal_catalog(fw) {
                        return Err(Error::invalid(
                            "$.format",
                            format!(
                                "`{}` is not offered as an OSCAL catalog (only {}); use `json` or `csv`",
                                fw.id,
                                export::OSCAL_CATALOGS.join(", ")
                            ),
                        ));
                    }
                    (
                        export::pretty(&export::oscal_catalog(cat, fw))?,
                        format!("{}.oscal-catalog.json", fw.id),
                    )
                }
            };
            Ok(ExportResponse {
                format: r.format,
                media_type: media_type(r.format),
                file_name,
                content,
            })
        }
        (None, Some(m)) => {
            let mapping: &Mapping = cat
                .mapping(m)
                .ok_or_else(|| unknown_mapping(cat, "$.mapping", m))?;
            let (content, file_name) = match r.format {
                ExportFormat::Json => (export::pretty(mapping)?, format!("{}.json", mapping.id)),
                ExportFormat::Csv => (
                    export::mapping_csv(cat, mapping),
                    format!("{}.csv", mapping.id),
                ),
                ExportFormat::Oscal => (
                    export::pretty(&export::oscal_mapping(cat, mapping))?,
                    format!("{}.oscal-mapping.json", mapping.id),
                ),
                ExportFormat::CisoAssistant => (
                    super::ciso::to_yaml(&super::ciso::mapping_library(
                        cat,
                        mapping,
                        r.ciso_assistant_frameworks,
                    )?)?,
                    if r.ciso_assistant_frameworks {
                        format!("mapping-{}.ciso-assistant-frameworks.yaml", mapping.id)
                    } else {
                        format!("mapping-{}.ciso-assistant.yaml", mapping.id)
                    },
                ),
            };
            Ok(ExportResponse {
                format: r.format,
                media_type: media_type(r.format),
                file_name,
                content,
            })
        }
        (Some(_), Some(_)) => Err(Error::invalid(
            "$",
            "give either `framework` or `mapping`, not both",
        )),
        (None, None) => Err(Error::invalid(
            "$",
            "give `framework` (a framework id) or `mapping` (a mapping id) to export",
        )),
    }
}

use crate::api::registry::{NoFields, Op, OpSpec};
use crate::api::Body;

/// The operations of the catalogs.
pub(crate) static OPS: [OpSpec; 7] = [
    OpSpec {
        id: "catalog.list",
        capability: "catalog",
        name: "list",
        summary: "Every framework and mapping, with counts, licences and export formats.",
        request_type: "CatalogListRequest",
        response_kind: "catalog-list",
        verdict_kind: "catalog-list-verdict",
        handler: &Op::<NoFields, ListResponse>::new(|r| list(r).map(Body::typed)),
    },
    OpSpec {
        id: "catalog.show",
        capability: "catalog",
        name: "show",
        summary: "A whole framework: its nodes, with citations and provenance.",
        request_type: "CatalogShowRequest",
        response_kind: "catalog-show",
        verdict_kind: "catalog-show-verdict",
        handler: &Op::<ShowRequest, ShowResponse>::new(|r| show(r).map(Body::typed)),
    },
    OpSpec {
        id: "catalog.node",
        capability: "catalog",
        name: "node",
        summary: "One node, its neighbours and its direct mapping pairs.",
        request_type: "CatalogNodeRequest",
        response_kind: "catalog-node",
        verdict_kind: "catalog-node-verdict",
        handler: &Op::<NodeRequest, NodeResponse>::new(|r| node(r).map(Body::typed)),
    },
    OpSpec {
        id: "catalog.map",
        capability: "catalog",
        name: "map",
        summary: "What a node covers in another framework, and how strongly.",
        request_type: "CatalogMapRequest",
        response_kind: "catalog-map",
        verdict_kind: "catalog-map-verdict",
        handler: &Op::<MapRequest, MapResponse>::new(|r| map(r).map(Body::typed)),
    },
    OpSpec {
        id: "catalog.evidence",
        capability: "catalog",
        name: "evidence",
        summary: "Which nodes of a framework evidence a requirement.",
        request_type: "CatalogEvidenceRequest",
        response_kind: "catalog-evidence",
        verdict_kind: "catalog-evidence-verdict",
        handler: &Op::<EvidenceRequest, EvidenceResponse>::new(|r| evidence(r).map(Body::typed)),
    },
    OpSpec {
        id: "catalog.coverage",
        capability: "catalog",
        name: "coverage",
        summary: "How much of a requirement a set of controls reaches.",
        request_type: "CatalogCoverageRequest",
        response_kind: "catalog-coverage",
        verdict_kind: "catalog-coverage-verdict",
        handler: &Op::<CoverageRequest, CoverageResponse>::new(|r| coverage(r).map(Body::typed)),
    },
    OpSpec {
        id: "catalog.export",
        capability: "catalog",
        name: "export",
        summary: "A framework or a mapping as JSON, OSCAL 1.2.1 or CSV.",
        request_type: "CatalogExportRequest",
        response_kind: "catalog-export",
        verdict_kind: "catalog-export-verdict",
        handler: &Op::<ExportRequest, ExportResponse>::new(|r| export(r).map(Body::typed)),
    },
];
