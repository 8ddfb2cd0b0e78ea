//! Exports: OSCAL 1.2.1 catalogs and mapping collections (JSON), CSV, and our own JSON.
//! Deterministic: UUIDs are version-5 UUIDs of fixed names under a fixed namespace, and every
//! date comes from the data (`last_modified`), never from a clock.

use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::data::Catalogs;
use super::model::{Framework, Mapping, Node, NodeKind, VerificationStatus};
use crate::error::Result;
use crate::json;

/// The OSCAL version the exports conform to.
pub const OSCAL_VERSION: &str = "1.2.1";

/// The namespace of our own OSCAL properties.
pub const OSCAL_NS: &str = "https://nis2.invalid/ns/oscal";

/// The frameworks offered as OSCAL catalogs: the EU texts and our own programme. ISO/IEC 27001
/// (ISO's titles) and D-mærket (its owner's criteria) are offered as CSV and JSON only.
pub const OSCAL_CATALOGS: &[&str] = &["nis2", "cir-2024-2690", "dk-programme"];

/// The UUID namespace of this project's exports (itself the v5 UUID of
/// `https://nis2.invalid/ns/oscal` in the URL namespace).
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, OSCAL_NS.as_bytes())
}

/// A deterministic UUID for a name.
pub fn uuid_for(name: &str) -> String {
    Uuid::new_v5(&namespace(), name.as_bytes()).to_string()
}

/// The OSCAL token for a node id: `:` becomes `-` (`CIR-2690:6.7.2` → `CIR-2690-6.7.2`).
pub fn oscal_id(node_id: &str) -> String {
    node_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Where a framework is found, for OSCAL `href`s: our exported catalog, else its source.
pub fn catalog_href(fw: &Framework) -> String {
    if OSCAL_CATALOGS.contains(&fw.id.as_str()) {
        format!("{}.oscal-catalog.json", fw.id)
    } else {
        fw.source_url
            .clone()
            .unwrap_or_else(|| format!("{}.json", fw.id))
    }
}

pub(crate) fn status_str(s: VerificationStatus) -> &'static str {
    match s {
        VerificationStatus::Verified => "verified",
        VerificationStatus::Secondary => "secondary",
        VerificationStatus::Unverified => "unverified",
    }
}

fn prop(name: &str, value: &str) -> Value {
    json!({"name": name, "value": value})
}

fn ns_prop(name: &str, value: &str) -> Value {
    json!({"name": name, "ns": OSCAL_NS, "value": value})
}

/// One line, trimmed, never empty (OSCAL `markup-line` and `string`).
fn line(s: &str) -> String {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        "-".to_owned()
    } else {
        t
    }
}

fn node_props(node: &Node) -> Vec<Value> {
    let mut props = vec![
        prop("label", &line(&node.label)),
        prop("alt-identifier", &line(&node.id)),
        ns_prop("citation", &line(&node.citation)),
        ns_prop("title-da", &line(&node.title.da)),
    ];
    if let Some(s) = node.status {
        props.push(ns_prop("verification-status", status_str(s)));
    }
    if let Some(app) = &node.applicability {
        props.push(ns_prop(
            "binding",
            if app.binding { "true" } else { "false" },
        ));
        for c in &app.classes {
            props.push(ns_prop(
                "entity-class",
                match c {
                    super::model::EntityClass::Essential => "essential",
                    super::model::EntityClass::Important => "important",
                },
            ));
        }
        for t in app.entity_types.iter().flatten() {
            props.push(ns_prop("entity-type", t));
        }
    }
    for i in &node.implements {
        props.push(ns_prop("implements", i));
    }
    props
}

fn node_parts(node: &Node, statement: bool) -> Vec<Value> {
    let id = oscal_id(&node.id);
    let mut parts = Vec::new();
    if statement {
        parts.push(json!({
            "id": format!("{id}_smt"),
            "name": "statement",
            "prose": line(&node.title.en),
        }));
    }
    if let Some(note) = &node.note {
        parts.push(json!({
            "id": format!("{id}_gdn"),
            "name": "guidance",
            "prose": line(&note.en),
        }));
    }
    parts
}

/// A node as an OSCAL control (a group rendered as a control nests its children as controls).
fn control(cat: &Catalogs, node: &Node) -> Value {
    let mut obj = Map::new();
    obj.insert("id".into(), Value::String(oscal_id(&node.id)));
    obj.insert("class".into(), Value::String(oscal_id(&node.class)));
    obj.insert("title".into(), Value::String(line(&node.title.en)));
    obj.insert("props".into(), Value::Array(node_props(node)));
    let parts = node_parts(node, node.kind == NodeKind::Requirement);
    if !parts.is_empty() {
        obj.insert("parts".into(), Value::Array(parts));
    }
    let kids: Vec<Value> = cat
        .children(&node.id)
        .into_iter()
        .map(|c| control(cat, c))
        .collect();
    if !kids.is_empty() {
        obj.insert("controls".into(), Value::Array(kids));
    }
    Value::Object(obj)
}

/// A group node as an OSCAL group: with sub-groups when every child is a group, otherwise
/// with controls (child groups then become controls that nest their own children).
fn group(cat: &Catalogs, node: &Node) -> Value {
    let mut obj = Map::new();
    obj.insert("id".into(), Value::String(oscal_id(&node.id)));
    obj.insert("class".into(), Value::String(oscal_id(&node.class)));
    obj.insert("title".into(), Value::String(line(&node.title.en)));
    obj.insert("props".into(), Value::Array(node_props(node)));
    let parts = node_parts(node, false);
    if !parts.is_empty() {
        obj.insert("parts".into(), Value::Array(parts));
    }
    let kids = cat.children(&node.id);
    if kids.iter().all(|k| k.kind == NodeKind::Group) {
        obj.insert(
            "groups".into(),
            Value::Array(kids.into_iter().map(|k| group(cat, k)).collect()),
        );
    } else {
        obj.insert(
            "controls".into(),
            Value::Array(kids.into_iter().map(|k| control(cat, k)).collect()),
        );
    }
    Value::Object(obj)
}

/// The OSCAL catalog of a framework (JSON value).
pub fn oscal_catalog(cat: &Catalogs, fw: &Framework) -> Value {
    let tops: Vec<&Node> = fw.nodes.iter().filter(|n| n.parent.is_none()).collect();
    let mut groups = Vec::new();
    let mut controls = Vec::new();
    for n in tops {
        match n.kind {
            NodeKind::Group => groups.push(group(cat, n)),
            NodeKind::Requirement => controls.push(control(cat, n)),
        }
    }
    let mut links = Vec::new();
    if let Some(url) = &fw.source_url {
        links.push(json!({"href": url, "rel": "reference", "text": line(&fw.source_document)}));
    }
    let mut metadata = Map::new();
    metadata.insert("title".into(), Value::String(line(&fw.title.en)));
    metadata.insert(
        "last-modified".into(),
        Value::String(fw.last_modified.clone()),
    );
    metadata.insert("version".into(), Value::String(line(&fw.version)));
    metadata.insert("oscal-version".into(), Value::String(OSCAL_VERSION.into()));
    metadata.insert(
        "props".into(),
        json!([
            ns_prop("framework-id", &fw.id),
            ns_prop("title-da", &line(&fw.title.da)),
            ns_prop("publisher", &line(&fw.publisher)),
            ns_prop("licence", &line(&fw.licence)),
            ns_prop("verification-status", status_str(fw.provenance.status)),
        ]),
    );
    if !links.is_empty() {
        metadata.insert("links".into(), Value::Array(links));
    }
    metadata.insert(
        "remarks".into(),
        Value::String(format!(
            "Source: {}. Retrieved from: {}. Licence: {}. Notes: {}",
            fw.provenance.source,
            fw.provenance.retrieved_from,
            fw.provenance.licence,
            fw.provenance.notes
        )),
    );
    let mut resource = Map::new();
    resource.insert(
        "uuid".into(),
        Value::String(uuid_for(&format!("resource/{}/source", fw.id))),
    );
    resource.insert("title".into(), Value::String(line(&fw.source_document)));
    if let Some(url) = &fw.source_url {
        resource.insert("rlinks".into(), json!([{ "href": url }]));
    }
    let mut catalog = Map::new();
    catalog.insert(
        "uuid".into(),
        Value::String(uuid_for(&format!(
            "catalog/{}/{}/{}",
            fw.id, fw.version, fw.last_modified
        ))),
    );
    catalog.insert("metadata".into(), Value::Object(metadata));
    if !controls.is_empty() {
        catalog.insert("controls".into(), Value::Array(controls));
    }
    if !groups.is_empty() {
        catalog.insert("groups".into(), Value::Array(groups));
    }
    catalog.insert(
        "back-matter".into(),
        json!({ "resources": [Value::Object(resource)] }),
    );
    json!({ "catalog": Value::Object(catalog) })
}

/// The OSCAL mapping collection of a mapping (JSON value).
pub fn oscal_mapping(cat: &Catalogs, m: &Mapping) -> Value {
    let method = match m.method {
        super::model::MappingMethod::Human => "human",
        super::model::MappingMethod::Automation => "automation",
        super::model::MappingMethod::Hybrid => "hybrid",
    };
    let status = match m.provenance.status {
        VerificationStatus::Verified | VerificationStatus::Secondary => "complete",
        VerificationStatus::Unverified => "draft",
    };
    let href = |id: &str| {
        cat.framework(id)
            .map(catalog_href)
            .unwrap_or_else(|| format!("{id}.json"))
    };
    let maps: Vec<Value> = m
        .entries
        .iter()
        .map(|e| {
            let mut props = vec![
                ns_prop("provenance", e.provenance.as_str()),
                ns_prop("relationship", e.relationship.as_str()),
            ];
            if let Some(o) = e.original_relationship {
                props.push(ns_prop("original-relationship", o.oscal()));
            }
            for v in &e.via {
                props.push(ns_prop("via", v));
            }
            json!({
                "uuid": uuid_for(&format!("map/{}/{}/{}", m.id, e.from, e.to)),
                "matching-rationale": "semantic",
                "relationship": e.relationship.oscal(),
                "sources": [{"type": "control", "id-ref": oscal_id(&e.from)}],
                "targets": [{"type": "control", "id-ref": oscal_id(&e.to)}],
                "confidence-score": {"category": e.confidence.as_str()},
                "props": props,
                "remarks": line(&e.rationale.en),
            })
        })
        .collect();
    let description = format!(
        "{} Source: {}. Licence: {}. Notes: {}",
        line(&m.title.en),
        m.provenance.source,
        m.provenance.licence,
        m.provenance.notes
    );
    json!({
        "mapping-collection": {
            "uuid": uuid_for(&format!("mapping-collection/{}/{}/{}", m.id, m.version, m.last_modified)),
            "metadata": {
                "title": line(&m.title.en),
                "last-modified": m.last_modified,
                "version": line(&m.version),
                "oscal-version": OSCAL_VERSION,
                "props": [
                    ns_prop("mapping-id", &m.id),
                    ns_prop("title-da", &line(&m.title.da)),
                    ns_prop("verification-status", status_str(m.provenance.status)),
                ],
                "remarks": format!("Retrieved from: {}", m.provenance.retrieved_from),
            },
            "provenance": {
                "method": method,
                "matching-rationale": "semantic",
                "status": status,
                "mapping-description": description,
            },
            "mappings": [{
                "uuid": uuid_for(&format!("mapping/{}", m.id)),
                "method": method,
                "matching-rationale": "semantic",
                "status": status,
                "source-resource": {"type": "catalog", "href": href(&m.from)},
                "target-resource": {"type": "catalog", "href": href(&m.to)},
                "maps": maps,
            }]
        }
    })
}

/// A CSV field, quoted when needed (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

pub(crate) fn csv_line(out: &mut String, cells: &[&str]) {
    let row: Vec<String> = cells.iter().map(|c| field(c)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

/// A framework as CSV: one row per node.
pub fn catalog_csv(fw: &Framework) -> String {
    let mut out = String::new();
    csv_line(
        &mut out,
        &[
            "framework",
            "id",
            "parent",
            "kind",
            "class",
            "label",
            "title_en",
            "title_da",
            "citation",
            "status",
            "binding",
            "classes",
            "entity_types",
            "implements",
            "note_en",
            "note_da",
        ],
    );
    for n in &fw.nodes {
        let app = n.applicability.as_ref();
        let classes: Vec<&str> = app
            .map(|a| {
                a.classes
                    .iter()
                    .map(|c| match c {
                        super::model::EntityClass::Essential => "essential",
                        super::model::EntityClass::Important => "important",
                    })
                    .collect()
            })
            .unwrap_or_default();
        let types = app
            .and_then(|a| a.entity_types.as_ref())
            .map(|t| t.join(" "))
            .unwrap_or_else(|| "all".to_owned());
        csv_line(
            &mut out,
            &[
                &fw.id,
                &n.id,
                n.parent.as_deref().unwrap_or(""),
                match n.kind {
                    NodeKind::Group => "group",
                    NodeKind::Requirement => "requirement",
                },
                &n.class,
                &n.label,
                &n.title.en,
                &n.title.da,
                &n.citation,
                n.status.map(status_str).unwrap_or(""),
                if app.is_some_and(|a| a.binding) {
                    "true"
                } else {
                    "false"
                },
                &classes.join(" "),
                &types,
                &n.implements.join(" "),
                n.note.as_ref().map(|t| t.en.as_ref()).unwrap_or(""),
                n.note.as_ref().map(|t| t.da.as_ref()).unwrap_or(""),
            ],
        );
    }
    out
}

/// A mapping as CSV: one row per pair.
pub fn mapping_csv(cat: &Catalogs, m: &Mapping) -> String {
    let mut out = String::new();
    csv_line(
        &mut out,
        &[
            "mapping",
            "from",
            "from_citation",
            "to",
            "to_citation",
            "relationship",
            "original_relationship",
            "confidence",
            "provenance",
            "basis",
            "via",
            "rationale_en",
            "rationale_da",
        ],
    );
    let citation = |id: &str| {
        cat.node(id)
            .map(|(_, n)| n.citation.clone())
            .unwrap_or_default()
    };
    for e in &m.entries {
        let basis: Vec<&str> = e.basis.iter().map(|p| p.as_str()).collect();
        csv_line(
            &mut out,
            &[
                &m.id,
                &e.from,
                &citation(&e.from),
                &e.to,
                &citation(&e.to),
                e.relationship.as_str(),
                e.original_relationship.map(|r| r.as_str()).unwrap_or(""),
                e.confidence.as_str(),
                e.provenance.as_str(),
                &basis.join(" "),
                &e.via.join(" "),
                &e.rationale.en,
                &e.rationale.da,
            ],
        );
    }
    out
}

/// Pretty JSON with a final newline, for files.
pub fn pretty(value: &impl serde::Serialize) -> Result<String> {
    let mut s = json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

/// Whether a framework is offered as an OSCAL catalog.
pub fn has_oscal_catalog(fw: &Framework) -> bool {
    OSCAL_CATALOGS.contains(&fw.id.as_str())
}
