//! CISO Assistant libraries: each framework as a framework library and each mapping as a
//! mapping library, in the YAML that CISO Assistant loads (`backend/library/libraries/`, or
//! `POST /api/stored-libraries/upload/`).
//!
//! The format has no schema of its own, so the shapes below are ours: [`Library`] is the subset
//! we emit, every export is checked against its JSON Schema (kind `ciso-assistant-library`) in
//! the tests, and the YAML is read back with an independent parser in the Python suite.
//!
//! - URNs follow `urn:nis2:risk:<type>:<ref>` (the packager `intuitem` is CISO Assistant's
//!   own), in lower case as CISO Assistant stores them. A node's URN ends with its local id
//!   (`CIR-2690:6.7.2` → `urn:nis2:risk:req_node:cir-2024-2690:6.7.2`).
//! - `version` is the data's last change as a number (`YYYYMMDD`), so that it grows whenever
//!   the data changes; `publication_date` is the same date.
//! - ISO/IEC 27001 nodes carry identifiers and short titles only (that is all our data holds).
//! - A mapping library holds two mapping sets, forward and reverse (subset and superset swap),
//!   as CISO Assistant's own mapping libraries do. NIST IR 8477 relationships: our
//!   `equivalent` becomes `equal` (the note says so), `intersects` becomes `intersect`,
//!   `no_relationship` becomes `not_related`. The `rationale` type is `semantic` (every pair
//!   compares meaning); our rationale text, confidence and provenance go in `annotation`. We do
//!   not rate strength, so `strength_of_relationship` is omitted.
//! - With `ciso_assistant_frameworks`, a mapping names CISO Assistant's own shipped framework
//!   where one exists and its node URNs were checked: CIR 2024/2690 (`annex-technical-and-
//!   methodological-requirements-nis2`) and ISO/IEC 27001:2022 (`iso27001-2022`). Other
//!   frameworks keep our URNs.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::data::Catalogs;
use super::model::{Framework, Mapping, MappingEntry, MappingProvenance, NodeKind, Relationship};
use crate::error::{Error, Result};

/// Our packager name (CISO Assistant reserves `intuitem` for its own libraries).
pub const PACKAGER: &str = "nis2";

/// The URN pattern CISO Assistant's loader accepts.
pub const URN_PATTERN: &str = r"^urn:([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9_-]+))?:([0-9A-Za-z\[\]\(\)\-\._:]+)$";

/// A CISO Assistant library: a framework library or a mapping library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Library {
    /// `urn:nis2:risk:library:<ref_id>`.
    #[schemars(regex(pattern = URN_PATTERN))]
    pub urn: String,
    /// Always `en`; Danish is in `translations`.
    pub locale: String,
    /// The library's reference id.
    pub ref_id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Licence and credit of the data.
    pub copyright: String,
    /// The data's last change as `YYYYMMDD`.
    pub version: u32,
    /// The date of the data's last change.
    pub publication_date: String,
    /// Who publishes the source.
    pub provider: String,
    /// Who packaged the library (`nis2`).
    pub packager: String,
    /// Other languages (`da`).
    pub translations: BTreeMap<String, Translation>,
    /// The libraries this one needs loaded first (a mapping library's two frameworks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<String>,
    /// The framework, or the mapping sets.
    pub objects: Objects,
}

/// The texts of an object in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What a library holds: one framework, or mapping sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objects {
    /// The framework (a framework library).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<LibraryFramework>,
    /// The mapping sets (a mapping library): forward, then reverse.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirement_mapping_sets: Vec<MappingSet>,
}

/// A framework with its requirement nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LibraryFramework {
    /// `urn:nis2:risk:framework:<id>`.
    #[schemars(regex(pattern = URN_PATTERN))]
    pub urn: String,
    /// Reference id.
    pub ref_id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Other languages.
    pub translations: BTreeMap<String, Translation>,
    /// The nodes as a flat list in display order (a parent before its children).
    pub requirement_nodes: Vec<RequirementNode>,
}

/// A requirement node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementNode {
    /// `urn:nis2:risk:req_node:<framework>:<local id>`.
    #[schemars(regex(pattern = URN_PATTERN))]
    pub urn: String,
    /// Whether it is assessed (a requirement) or groups others.
    pub assessable: bool,
    /// 1 for a top-level node.
    #[schemars(range(min = 1))]
    pub depth: u32,
    /// The parent's URN (absent at the top).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = URN_PATTERN))]
    pub parent_urn: Option<String>,
    /// The number or label as the source writes it (`6.7.2`, `A.5.19`, `21(2)(d)`).
    pub ref_id: String,
    /// Short title, in our words (for ISO/IEC 27001 the short heading only).
    pub name: String,
    /// What else a reader should know (our note), where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The citation, our node id, the verification status and what the node implements.
    pub annotation: String,
    /// Other languages.
    pub translations: BTreeMap<String, Translation>,
}

/// A mapping set: pairs from one framework to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MappingSet {
    /// `urn:nis2:risk:req_mapping_set:<ref_id>`.
    #[schemars(regex(pattern = URN_PATTERN))]
    pub urn: String,
    /// Reference id.
    pub ref_id: String,
    /// Name.
    pub name: String,
    /// Description, with the provenance.
    pub description: String,
    /// The source framework.
    #[schemars(regex(pattern = URN_PATTERN))]
    pub source_framework_urn: String,
    /// The target framework.
    #[schemars(regex(pattern = URN_PATTERN))]
    pub target_framework_urn: String,
    /// The pairs.
    pub requirement_mappings: Vec<RequirementMapping>,
}

/// A pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementMapping {
    /// The source node.
    #[schemars(regex(pattern = URN_PATTERN))]
    pub source_requirement_urn: String,
    /// The target node.
    #[schemars(regex(pattern = URN_PATTERN))]
    pub target_requirement_urn: String,
    /// The source's relationship to the target (NIST IR 8477).
    pub relationship: SetRelationship,
    /// The kind of comparison (NIST IR 8477): always `semantic` here.
    pub rationale: RationaleType,
    /// Our rationale, confidence and provenance.
    pub annotation: String,
}

/// NIST IR 8477 set-theory relationships, as CISO Assistant names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SetRelationship {
    /// Equal.
    Equal,
    /// The source is contained in the target.
    Subset,
    /// The source contains the target.
    Superset,
    /// They overlap.
    Intersect,
    /// No relationship.
    NotRelated,
}

/// NIST IR 8477 rationale types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RationaleType {
    /// Compares wording.
    Syntactic,
    /// Compares meaning.
    Semantic,
    /// Compares outcomes.
    Functional,
}

fn set_relationship(r: Relationship) -> SetRelationship {
    match r {
        Relationship::Equal | Relationship::Equivalent => SetRelationship::Equal,
        Relationship::Subset => SetRelationship::Subset,
        Relationship::Superset => SetRelationship::Superset,
        Relationship::Intersects => SetRelationship::Intersect,
        Relationship::NoRelationship => SetRelationship::NotRelated,
    }
}

fn reverse(r: SetRelationship) -> SetRelationship {
    match r {
        SetRelationship::Subset => SetRelationship::Superset,
        SetRelationship::Superset => SetRelationship::Subset,
        other => other,
    }
}

/// Where a framework lives: our library, or CISO Assistant's shipped one.
struct Home {
    library: String,
    framework: String,
    /// The prefix of a node URN; the node's local id (lower case) follows.
    node_prefix: String,
}

fn ours(fw: &Framework) -> Home {
    Home {
        library: format!("urn:{PACKAGER}:risk:library:{}", fw.id),
        framework: format!("urn:{PACKAGER}:risk:framework:{}", fw.id),
        node_prefix: format!("urn:{PACKAGER}:risk:req_node:{}:", fw.id),
    }
}

/// CISO Assistant's shipped frameworks whose node URNs we checked against its libraries.
fn shipped_home(fw: &Framework) -> Option<Home> {
    let name = match fw.id.as_str() {
        "cir-2024-2690" => "annex-technical-and-methodological-requirements-nis2",
        "iso27001-2022" => "iso27001-2022",
        _ => return None,
    };
    Some(Home {
        library: format!("urn:intuitem:risk:library:{name}"),
        framework: format!("urn:intuitem:risk:framework:{name}"),
        node_prefix: format!("urn:intuitem:risk:req_node:{name}:"),
    })
}

/// The prefix of a framework's node URNs (ours, or CISO Assistant's shipped framework's when
/// `shipped` and one exists), and the framework's URN.
pub(crate) fn node_urn_prefix(fw: &Framework, shipped: bool) -> (String, String) {
    let home = if shipped {
        shipped_home(fw).unwrap_or_else(|| ours(fw))
    } else {
        ours(fw)
    };
    (home.node_prefix, home.framework)
}

/// The `ref_id` of each node, in the order of the framework's nodes: the label as the source
/// writes it, unique within the framework (CISO Assistant matches audit rows by `ref_id`).
/// Where requirements share their label with another node (NIS2's `3(4)` holds two duties),
/// each requirement's `ref_id` adds the last part of its id (`3(4) submit`, `3(4) update`).
pub fn ref_ids(fw: &Framework) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for n in &fw.nodes {
        *count.entry(n.label.as_str()).or_default() += 1;
    }
    fw.nodes
        .iter()
        .map(|n| {
            let shared = count.get(n.label.as_str()).copied().unwrap_or(0) > 1;
            if shared && n.kind == NodeKind::Requirement {
                let last = n.id.rsplit(['.', ':']).next().unwrap_or(&n.id);
                format!("{} {last}", n.label)
            } else {
                n.label.clone()
            }
        })
        .collect()
}

/// A node's local id (after its framework's prefix), in lower case.
pub(crate) fn local(node_id: &str) -> String {
    node_id
        .split_once(':')
        .map_or(node_id, |(_, rest)| rest)
        .to_lowercase()
}

fn date_of(last_modified: &str) -> (String, u32) {
    let date = last_modified.get(..10).unwrap_or(last_modified).to_owned();
    let number = date.replace('-', "").parse().unwrap_or(0);
    (date, number)
}

fn da(name: &str, description: Option<String>) -> BTreeMap<String, Translation> {
    BTreeMap::from([(
        "da".to_owned(),
        Translation {
            name: name.to_owned(),
            description,
        },
    )])
}

/// The framework library of a framework.
pub fn framework_library(cat: &Catalogs, fw: &Framework) -> Library {
    let home = ours(fw);
    let (date, version) = date_of(&fw.last_modified);
    let mut depth: BTreeMap<&str, u32> = BTreeMap::new();
    let mut nodes = Vec::with_capacity(fw.nodes.len());
    for (n, ref_id) in fw.nodes.iter().zip(ref_ids(fw)) {
        let d = n
            .parent
            .as_deref()
            .and_then(|p| depth.get(p))
            .map_or(1, |d| d + 1);
        depth.insert(n.id.as_str(), d);
        let mut annotation = format!("{} (nis2 id {})", n.citation, n.id);
        let status = n.status.unwrap_or(fw.provenance.status);
        annotation.push_str(&format!(
            "; data status: {}",
            super::export::status_str(status)
        ));
        if !n.implements.is_empty() {
            let cited: Vec<String> = n
                .implements
                .iter()
                .map(|i| {
                    cat.node(i)
                        .map_or_else(|| i.clone(), |(_, t)| t.citation.clone())
                })
                .collect();
            annotation.push_str(&format!("; implements {}", cited.join(", ")));
        }
        nodes.push(RequirementNode {
            urn: format!("{}{}", home.node_prefix, local(&n.id)),
            assessable: n.kind == NodeKind::Requirement,
            depth: d,
            parent_urn: n
                .parent
                .as_deref()
                .map(|p| format!("{}{}", home.node_prefix, local(p))),
            ref_id,
            name: n.title.en.to_string(),
            description: n.note.as_ref().map(|t| t.en.to_string()),
            annotation,
            translations: da(&n.title.da, n.note.as_ref().map(|t| t.da.to_string())),
        });
    }
    let description = format!(
        "{}. Packaged by the nis2 project from its catalog data (data status: {}).",
        fw.source_document,
        super::export::status_str(fw.provenance.status)
    );
    let description_da = format!(
        "{}. Pakket af nis2-projektet fra dets katalogdata (datastatus: {}).",
        fw.source_document,
        super::export::status_str(fw.provenance.status)
    );
    Library {
        urn: home.library,
        locale: "en".to_owned(),
        ref_id: fw.id.clone(),
        name: fw.title.en.to_string(),
        description: description.clone(),
        copyright: fw.licence.clone(),
        version,
        publication_date: date,
        provider: fw.publisher.clone(),
        packager: PACKAGER.to_owned(),
        translations: da(&fw.title.da, Some(description_da.clone())),
        dependencies: Vec::new(),
        objects: Objects {
            framework: Some(LibraryFramework {
                urn: home.framework,
                ref_id: fw.id.clone(),
                name: fw.title.en.to_string(),
                description,
                translations: da(&fw.title.da, Some(description_da)),
                requirement_nodes: nodes,
            }),
            requirement_mapping_sets: Vec::new(),
        },
    }
}

fn annotation(e: &MappingEntry) -> String {
    let mut out = format!(
        "{} Confidence: {}; provenance: {}.",
        e.rationale.en,
        e.confidence.as_str(),
        e.provenance.as_str()
    );
    if e.relationship == Relationship::Equivalent {
        out.push_str(" nis2 relationship: equivalent (same meaning, different words).");
    }
    if let Some(o) = e.original_relationship {
        out.push_str(&format!(" The source's own relationship: {}.", o.as_str()));
    }
    if !e.via.is_empty() {
        out.push_str(&format!(" Derived via {}.", e.via.join(", ")));
    }
    out
}

/// The mapping library of a mapping: the forward and the reverse mapping set.
///
/// # Errors
/// [`Error::Data`] when the mapping names a framework the catalogs do not hold (the embedded
/// data is checked on load, so this does not happen).
pub fn mapping_library(
    cat: &Catalogs,
    m: &Mapping,
    ciso_assistant_frameworks: bool,
) -> Result<Library> {
    let fw = |id: &str| {
        cat.framework(id).ok_or_else(|| Error::Data {
            file: format!("mappings/{}.json", m.id),
            message: format!("names the unknown framework `{id}`"),
        })
    };
    let home = |f: &Framework| {
        if ciso_assistant_frameworks {
            shipped_home(f).unwrap_or_else(|| ours(f))
        } else {
            ours(f)
        }
    };
    let (from_fw, to_fw) = (fw(&m.from)?, fw(&m.to)?);
    let (from, to) = (home(from_fw), home(to_fw));
    let (date, version) = date_of(&m.last_modified);
    let pairs: Vec<(String, String, SetRelationship, String)> = m
        .entries
        .iter()
        .map(|e| {
            (
                format!("{}{}", from.node_prefix, local(&e.from)),
                format!("{}{}", to.node_prefix, local(&e.to)),
                set_relationship(e.relationship),
                annotation(e),
            )
        })
        .collect();
    let provenance = format!(
        "Source: {} Licence: {} {}",
        m.provenance.source, m.provenance.licence, m.provenance.notes
    );
    let set = |reverse_set: bool| {
        let (src, dst, a, b) = if reverse_set {
            (&to, &from, to_fw, from_fw)
        } else {
            (&from, &to, from_fw, to_fw)
        };
        let ref_id = format!("{}--{}", a.id, b.id);
        MappingSet {
            urn: format!("urn:{PACKAGER}:risk:req_mapping_set:{ref_id}"),
            ref_id,
            name: format!("{} → {}", a.short_name, b.short_name),
            description: provenance.trim_end().to_owned(),
            source_framework_urn: src.framework.clone(),
            target_framework_urn: dst.framework.clone(),
            requirement_mappings: pairs
                .iter()
                .map(|(f, t, r, note)| {
                    let (s, d, rel) = if reverse_set {
                        (t, f, reverse(*r))
                    } else {
                        (f, t, *r)
                    };
                    RequirementMapping {
                        source_requirement_urn: s.clone(),
                        target_requirement_urn: d.clone(),
                        relationship: rel,
                        rationale: RationaleType::Semantic,
                        annotation: note.clone(),
                    }
                })
                .collect(),
        }
    };
    let ref_id = format!("mapping-{}", m.id);
    Ok(Library {
        urn: format!("urn:{PACKAGER}:risk:library:{ref_id}"),
        locale: "en".to_owned(),
        ref_id,
        name: m.title.en.to_string(),
        description: provenance.trim_end().to_owned(),
        copyright: m.provenance.licence.clone(),
        version,
        publication_date: date,
        provider: if m
            .entries
            .iter()
            .any(|e| e.provenance == MappingProvenance::Enisa)
        {
            "ENISA; the nis2 project".to_owned()
        } else {
            "the nis2 project".to_owned()
        },
        packager: PACKAGER.to_owned(),
        translations: da(&m.title.da, None),
        dependencies: vec![from.library.clone(), to.library.clone()],
        objects: Objects {
            framework: None,
            requirement_mapping_sets: vec![set(false), set(true)],
        },
    })
}

/// A library as YAML: block style, every string double-quoted (JSON escapes are YAML escapes),
/// keys in the order of the types above. Deterministic.
///
/// # Errors
/// [`Error::Data`] when the library cannot be serialised (it always can).
pub fn to_yaml(lib: &Library) -> Result<String> {
    let value = crate::json::to_value(lib)?;
    let mut out = String::from(
        "# CISO Assistant library, packaged by the nis2 project (https://nis2.invalid).\n",
    );
    write_value(&mut out, &value, 0, false);
    Ok(out)
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    }
}

/// Write `v` at `indent`; `inline` when the caller already wrote `- ` or `key:` on this line.
fn write_value(out: &mut String, v: &Value, indent: usize, inline: bool) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(map) if !map.is_empty() => {
            let mut first = true;
            for (k, item) in map {
                if !(first && inline) {
                    out.push_str(&pad);
                }
                first = false;
                out.push_str(k);
                out.push(':');
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        out.push('\n');
                        write_value(out, item, indent + 2, false);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        write_value(out, item, indent, false);
                    }
                    _ => {
                        out.push(' ');
                        out.push_str(&scalar_or_empty(item));
                        out.push('\n');
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&pad);
                out.push_str("- ");
                match item {
                    Value::Object(m) if !m.is_empty() => write_value(out, item, indent + 2, true),
                    _ => {
                        out.push_str(&scalar_or_empty(item));
                        out.push('\n');
                    }
                }
            }
        }
        other => {
            if !inline {
                out.push_str(&pad);
            }
            out.push_str(&scalar_or_empty(other));
            out.push('\n');
        }
    }
}

fn scalar_or_empty(v: &Value) -> String {
    match v {
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
        other => scalar(other),
    }
}
