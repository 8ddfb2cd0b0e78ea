//! The catalog document model: frameworks made of nodes, and typed mappings between nodes of
//! two frameworks. These are the shapes of the embedded data files
//! (`data/catalogs/*.json`, `data/catalogs/mappings/*.json`) and of the `show` and `export`
//! (`json`) outputs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::entity_types::{Provenance, VerificationStatus};
use crate::text::Text;

/// Whether a node groups other nodes or is itself an assessable requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A heading that groups other nodes (an article, a section, a theme).
    Group,
    /// An assessable requirement, control or task (a leaf: it has no children).
    Requirement,
}

/// The NIS2 class of an entity (Art 3).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EntityClass {
    /// Essential entity (Art 3(1)).
    Essential,
    /// Important entity (Art 3(2)).
    Important,
}

/// Whom a node binds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Applicability {
    /// `true` for a legal obligation; `false` for a voluntary standard, a label or guidance.
    pub binding: bool,
    /// The classes of entity it binds (or addresses); empty when it binds no NIS2 class.
    pub classes: Vec<EntityClass>,
    /// The entity-type ids it binds (see the entity-type catalog, e.g. `NIS2-I-08-04`); `null`
    /// means every type of the classes listed.
    pub entity_types: Option<Vec<String>>,
    /// What else a reader should know about who is bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One node of a framework: a group heading or a requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Stable id, `<PREFIX>:<number>`, e.g. `CIR-2690:6.7.2`, `ISO27001:A.5.19`,
    /// `NIS2:21.2.d`.
    pub id: String,
    /// The id of the parent node; `null` for a top-level node.
    pub parent: Option<String>,
    /// Group or requirement.
    pub kind: NodeKind,
    /// The framework's own name for this level (`article`, `point`, `component`, `section`,
    /// `sub-section`, `requirement`, `clause`, `sub-clause`, `theme`, `control`, `criterion`,
    /// `step`, `task`, ...).
    pub class: String,
    /// The number or label as the source writes it, e.g. `6.7.2`, `A.5.19`, `21(2)(d)`.
    pub label: String,
    /// Short title in our own words (for ISO/IEC 27001: the short heading only).
    pub title: Text,
    /// The reference to the source, e.g. `CIR 2024/2690 Annex 6.7.2`,
    /// `ISO/IEC 27001:2022 A.5.19`, `Art. 21(2)(d)`.
    pub citation: String,
    /// Whom the node binds. Omitted in the data files when it equals the framework's default;
    /// always present once the catalogs are loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicability: Option<Applicability>,
    /// Nodes of another framework that this node implements or serves (for CIR 2024/2690
    /// items: the Art 21(2) points their section cites).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implements: Vec<String>,
    /// How far this node was checked. Omitted in the data files when it equals the
    /// framework's provenance status; always present once the catalogs are loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<VerificationStatus>,
    /// What else a reader should know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A whole-number band, e.g. 10–49 employees; `max: null` is open-ended. (Whole numbers keep
/// the JSON output identical on every surface.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lower bound (inclusive).
    pub min: u64,
    /// Upper bound (inclusive); `null` for no upper bound.
    pub max: Option<u64>,
}

/// A company group of a label scheme (D-mærket groups I–IV).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyGroup {
    /// `I`, `II`, `III` or `IV`.
    pub id: String,
    /// Name.
    pub title: Text,
    /// Staff (full-time equivalents) band.
    pub employees: Band,
    /// Net turnover band, in thousands of DKK (the published bands are DKK 0–7.9 million,
    /// 8–155.9, 156–313 and 313 million or more).
    pub net_turnover_dkk_thousand: Band,
    /// Whether companies in the group typically supply software or IT services.
    pub supplies_software_or_it_services: bool,
    /// Whether companies in the group typically process special categories of personal data.
    pub processes_special_category_data: bool,
}

/// A published placement rule of a label scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlacementRule {
    /// Stable id.
    pub id: String,
    /// The rule, in our words.
    pub text: Text,
    /// How far it was checked.
    pub status: VerificationStatus,
}

/// How a label scheme places companies (D-mærket only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelScheme {
    /// The company groups.
    pub company_groups: Vec<CompanyGroup>,
    /// The published placement rules.
    pub placement_rules: Vec<PlacementRule>,
    /// The criteria every company must meet (node ids).
    pub minimum_criteria: Vec<String>,
    /// What the public material does not say.
    pub note: Text,
}

/// A framework: a requirement catalog with its source and provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Data format version.
    pub schema_version: String,
    /// Stable id: `nis2`, `cir-2024-2690`, `iso27001-2022`, `dmaerket`, `dk-programme`.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Short name for display, e.g. `CIR 2024/2690`.
    pub short_name: String,
    /// The prefix of every node id, e.g. `CIR-2690`.
    pub id_prefix: String,
    /// Version of the source.
    pub version: String,
    /// Who publishes the source.
    pub publisher: String,
    /// The source document.
    pub source_document: String,
    /// Date of the source document (`YYYY-MM-DD`), where known.
    pub source_date: Option<String>,
    /// Where the source can be read, where public.
    pub source_url: Option<String>,
    /// When this data was last changed (RFC 3339); used for exports instead of a clock.
    pub last_modified: String,
    /// Licence and reuse terms of this data.
    pub licence: String,
    /// Whom the nodes bind unless a node says otherwise.
    pub applicability: Applicability,
    /// Where the data came from.
    pub provenance: Provenance,
    /// Company groups and placement rules (label schemes only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<LabelScheme>,
    /// The nodes, parents before children, in the source's order.
    pub nodes: Vec<Node>,
}

/// The relationship of a mapping's source to its target, with the set-theory meaning of NIST
/// IR 8477 and the OSCAL mapping model (`equal-to`, `equivalent-to`, `subset-of`,
/// `superset-of`, `intersects-with`, `no-relationship`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// The source's requirements are the same as the target's.
    Equal,
    /// Same effective meaning, different words.
    Equivalent,
    /// Everything the source requires is within the target; the target asks for more.
    Subset,
    /// The source requires everything the target does, and more.
    Superset,
    /// They overlap; neither is known to contain the other.
    Intersects,
    /// No overlap.
    NoRelationship,
}

/// How confident the author of a pair is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Indicative only.
    Low,
    /// Reasoned but not authoritative.
    Medium,
    /// From the legal text or an authority, or plain on its face.
    High,
}

/// Who stands behind a pair.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MappingProvenance {
    /// ENISA's mapping table (CC BY 4.0).
    Enisa,
    /// The legal text's own cross-references.
    Regulation,
    /// The nis2 project's own analysis.
    OwnAnalysis,
    /// Computed by composing other pairs (see `basis` and `via`).
    Derived,
}

/// How a mapping was made (the OSCAL `method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MappingMethod {
    /// By people.
    Human,
    /// By a program.
    Automation,
    /// Both.
    Hybrid,
}

/// One pair of a mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MappingEntry {
    /// Source node id (in the mapping's `from` framework).
    pub from: String,
    /// Target node id (in the mapping's `to` framework).
    pub to: String,
    /// The source's relationship to the target.
    pub relationship: Relationship,
    /// Why, in our words.
    pub rationale: Text,
    /// How confident we are.
    pub confidence: Confidence,
    /// Who stands behind the pair.
    pub provenance: MappingProvenance,
    /// The relationship the original source gave, when our analysis sharpened it (ENISA's
    /// `intersects`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_relationship: Option<Relationship>,
    /// For derived pairs: the pivot nodes the pair was composed through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
    /// For derived pairs: the provenances of the pairs composed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<MappingProvenance>,
}

/// How a mapping's computed pairs are derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Derivation {
    /// The pivot framework.
    pub via: String,
    /// The mappings composed: first `via` → `from`, then `via` → `to`.
    pub mappings: Vec<String>,
    /// How, in words.
    pub note: Text,
}

/// A mapping between the nodes of two frameworks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Data format version.
    pub schema_version: String,
    /// Stable id, `<from>--<to>`, e.g. `cir-2024-2690--iso27001-2022`.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Source framework id.
    pub from: String,
    /// Target framework id.
    pub to: String,
    /// Version of this mapping.
    pub version: String,
    /// When this data was last changed (RFC 3339).
    pub last_modified: String,
    /// How it was made.
    pub method: MappingMethod,
    /// Present when some pairs are computed from other mappings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derivation: Option<Derivation>,
    /// Where the pairs came from, the licence and what we changed.
    pub provenance: Provenance,
    /// The pairs (computed pairs first, then hand-written ones).
    pub entries: Vec<MappingEntry>,
}
