//! The embedded catalogs and mappings: parsed, checked and indexed once, on first use.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use super::model::{
    Confidence, Framework, Mapping, MappingEntry, MappingProvenance, Node, NodeKind, Relationship,
};
use crate::data::{self, File};
use crate::error::{Error, Result};
use crate::text::Text;

/// The embedded framework files (under `data/`), in listing order.
const FRAMEWORK_FILES: &[File] = &[
    data::NIS2,
    data::CIR_2024_2690,
    data::ISO27001_2022,
    data::DMAERKET,
    data::DK_PROGRAMME,
];

/// The embedded mapping files (under `data/`), in listing order. A mapping with a `derivation`
/// is completed after the mappings it is derived from have loaded.
const MAPPING_FILES: &[File] = &[
    data::MAP_CIR_NIS2,
    data::MAP_CIR_ISO,
    data::MAP_NIS2_ISO,
    data::MAP_DMAERKET_NIS2,
    data::MAP_DMAERKET_ISO,
];

/// Where a node lives: (framework index, node index).
pub(crate) type Loc = (usize, usize);

/// All catalogs and mappings, with lookup indexes.
#[derive(Debug)]
pub struct Catalogs {
    /// The frameworks, in listing order.
    pub frameworks: Vec<Framework>,
    /// The mappings, in listing order, derived pairs computed.
    pub mappings: Vec<Mapping>,
    nodes: HashMap<String, Loc>,
    /// Per framework, per node: indexes of its children.
    children: Vec<Vec<Vec<usize>>>,
    /// Per framework, per node: the index of its parent (a parent is an earlier node of the
    /// same framework), so that walking up a node's ancestors takes no lookup by id.
    parents: Vec<Vec<Option<usize>>>,
    /// Per mapping: entry indexes by source id and by target id.
    by_from: Vec<HashMap<String, Vec<usize>>>,
    by_to: Vec<HashMap<String, Vec<usize>>>,
    /// Node id → ids of nodes (in any framework) that list it in `implements`.
    implemented_by: HashMap<String, Vec<String>>,
}

static CATALOGS: OnceLock<std::result::Result<Catalogs, Error>> = OnceLock::new();

/// The embedded catalogs (parsed and checked on first use).
pub fn catalogs() -> Result<&'static Catalogs> {
    CATALOGS.get_or_init(load).as_ref().map_err(Clone::clone)
}

/// Parse, check and index the embedded data afresh, without the cache (what the first call to
/// [`catalogs`] does; exposed for benchmarks and tests).
pub fn parse_embedded() -> Result<Catalogs> {
    load()
}

fn data_error(file: &str, message: impl Into<String>) -> Error {
    Error::Data {
        file: file.to_owned(),
        message: message.into(),
    }
}

fn load() -> Result<Catalogs> {
    let mut frameworks = Vec::with_capacity(FRAMEWORK_FILES.len());
    for file in FRAMEWORK_FILES {
        frameworks.push(data::parse::<Framework>(*file)?);
    }
    let mut mappings = Vec::with_capacity(MAPPING_FILES.len());
    for file in MAPPING_FILES {
        mappings.push(data::parse::<Mapping>(*file)?);
    }
    build(frameworks, mappings)
}

/// Check, complete and index the catalogs.
fn build(mut frameworks: Vec<Framework>, mut mappings: Vec<Mapping>) -> Result<Catalogs> {
    let entity_types = crate::entity_types::catalog()?;
    let mut nodes: HashMap<String, Loc> = HashMap::new();
    let mut children: Vec<Vec<Vec<usize>>> = Vec::with_capacity(frameworks.len());
    let mut fw_ids: BTreeSet<String> = BTreeSet::new();
    for (fi, fw) in frameworks.iter_mut().enumerate() {
        let file = format!("data/catalogs/{}.json", fw.id);
        if !fw_ids.insert(fw.id.clone()) {
            return Err(data_error(
                &file,
                format!("duplicate framework id `{}`", fw.id),
            ));
        }
        let kids = index_framework(fi, fw, &file, entity_types, &mut nodes)?;
        check_node_kinds(fw, &kids, &file)?;
        children.push(kids);
    }
    let implemented_by = resolve_references(&frameworks, &nodes)?;
    let fw_index: HashMap<String, usize> = frameworks
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), i))
        .collect();
    check_mappings(&mappings, &fw_index, &nodes)?;
    derive_mappings(&mut mappings, &frameworks, &fw_index, &nodes)?;
    let (by_from, by_to) = entry_indexes(&mappings);
    let parents = children
        .iter()
        .map(|kids| {
            let mut parent = vec![None; kids.len()];
            for (pi, list) in kids.iter().enumerate() {
                for &ni in list {
                    if let Some(p) = parent.get_mut(ni) {
                        *p = Some(pi);
                    }
                }
            }
            parent
        })
        .collect();
    Ok(Catalogs {
        frameworks,
        mappings,
        nodes,
        children,
        parents,
        by_from,
        by_to,
        implemented_by,
    })
}

/// Check a framework's node ids and parents, fill in each node's applicability and status
/// from the framework's defaults, check the entity types named, and add its nodes to
/// `nodes`. The children of each node, by index.
fn index_framework(
    fi: usize,
    fw: &mut Framework,
    file: &str,
    entity_types: &crate::entity_types::EntityTypeCatalog,
    nodes: &mut HashMap<String, Loc>,
) -> Result<Vec<Vec<usize>>> {
    let prefix = format!("{}:", fw.id_prefix);
    let mut local: HashMap<String, usize> = HashMap::new();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); fw.nodes.len()];
    let default_app = fw.applicability.clone();
    let default_status = fw.provenance.status;
    for (ni, node) in fw.nodes.iter_mut().enumerate() {
        if !node.id.starts_with(&prefix) || node.id.len() == prefix.len() {
            return Err(data_error(
                file,
                format!("node id `{}` does not start with `{prefix}`", node.id),
            ));
        }
        if nodes.contains_key(&node.id) {
            return Err(data_error(file, format!("duplicate node id `{}`", node.id)));
        }
        if let Some(parent) = &node.parent {
            let Some(&pi) = local.get(parent) else {
                return Err(data_error(
                    file,
                    format!(
                        "node `{}`: parent `{parent}` is not an earlier node",
                        node.id
                    ),
                ));
            };
            if let Some(list) = kids.get_mut(pi) {
                list.push(ni);
            }
        }
        if node.applicability.is_none() {
            node.applicability = Some(default_app.clone());
        }
        if node.status.is_none() {
            node.status = Some(default_status);
        }
        if let Some(types) = node
            .applicability
            .as_ref()
            .and_then(|a| a.entity_types.as_ref())
        {
            for t in types {
                if entity_types.get(t).is_none() {
                    return Err(data_error(
                        file,
                        format!("node `{}`: unknown entity type `{t}`", node.id),
                    ));
                }
            }
        }
        local.insert(node.id.clone(), ni);
        nodes.insert(node.id.clone(), (fi, ni));
    }
    Ok(kids)
}

/// A group has children and a requirement has none.
fn check_node_kinds(fw: &Framework, kids: &[Vec<usize>], file: &str) -> Result<()> {
    for (ni, node) in fw.nodes.iter().enumerate() {
        let has_children = kids.get(ni).is_some_and(|k| !k.is_empty());
        match (node.kind, has_children) {
            (NodeKind::Group, false) => {
                return Err(data_error(
                    file,
                    format!("group `{}` has no children", node.id),
                ))
            }
            (NodeKind::Requirement, true) => {
                return Err(data_error(
                    file,
                    format!("requirement `{}` has children", node.id),
                ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// `implements` and scheme references resolve. Node id → ids of the nodes that implement it.
fn resolve_references(
    frameworks: &[Framework],
    nodes: &HashMap<String, Loc>,
) -> Result<HashMap<String, Vec<String>>> {
    let mut implemented_by: HashMap<String, Vec<String>> = HashMap::new();
    for fw in frameworks {
        let file = format!("data/catalogs/{}.json", fw.id);
        for node in &fw.nodes {
            for target in &node.implements {
                if !nodes.contains_key(target) {
                    return Err(data_error(
                        &file,
                        format!("node `{}` implements unknown node `{target}`", node.id),
                    ));
                }
                implemented_by
                    .entry(target.clone())
                    .or_default()
                    .push(node.id.clone());
            }
        }
        if let Some(scheme) = &fw.scheme {
            for id in &scheme.minimum_criteria {
                if !nodes.contains_key(id) {
                    return Err(data_error(
                        &file,
                        format!("unknown minimum criterion `{id}`"),
                    ));
                }
            }
        }
    }
    Ok(implemented_by)
}

/// Mappings: ids unique, endpoints resolve to two different frameworks, no duplicate pairs.
fn check_mappings(
    mappings: &[Mapping],
    fw_index: &HashMap<String, usize>,
    nodes: &HashMap<String, Loc>,
) -> Result<()> {
    let mut map_ids: BTreeSet<String> = BTreeSet::new();
    for m in mappings {
        let file = format!("data/catalogs/mappings/{}.json", m.id);
        if !map_ids.insert(m.id.clone()) {
            return Err(data_error(
                &file,
                format!("duplicate mapping id `{}`", m.id),
            ));
        }
        let (Some(&from_fw), Some(&to_fw)) = (fw_index.get(&m.from), fw_index.get(&m.to)) else {
            return Err(data_error(&file, "unknown `from` or `to` framework"));
        };
        if from_fw == to_fw {
            return Err(data_error(
                &file,
                "a mapping must join two different frameworks",
            ));
        }
        check_entries(&file, m, &m.entries, nodes, from_fw, to_fw)?;
    }
    Ok(())
}

/// Complete each derived mapping: the pairs composed through its pivot, then its hand-written
/// pairs (which must not duplicate a derived one).
fn derive_mappings(
    mappings: &mut [Mapping],
    frameworks: &[Framework],
    fw_index: &HashMap<String, usize>,
    nodes: &HashMap<String, Loc>,
) -> Result<()> {
    for mi in 0..mappings.len() {
        let Some(derivation) = mappings.get(mi).and_then(|m| m.derivation.clone()) else {
            continue;
        };
        let Some(m) = mappings.get(mi) else { continue };
        let file = format!("data/catalogs/mappings/{}.json", m.id);
        let [first, second] = derivation.mappings.as_slice() else {
            return Err(data_error(
                &file,
                "a derivation composes exactly two mappings",
            ));
        };
        let find = |id: &str| mappings.iter().find(|x| x.id == id);
        let (Some(a), Some(b)) = (find(first), find(second)) else {
            return Err(data_error(&file, "derivation names an unknown mapping"));
        };
        if a.derivation.is_some() || b.derivation.is_some() {
            return Err(data_error(
                &file,
                "a derivation cannot use a derived mapping",
            ));
        }
        if a.from != derivation.via || b.from != derivation.via || a.to != m.from || b.to != m.to {
            return Err(data_error(
                &file,
                "derivation mappings must run from the pivot to `from` and to `to`",
            ));
        }
        let (Some(&from_fw), Some(&to_fw)) = (fw_index.get(&m.from), fw_index.get(&m.to)) else {
            return Err(data_error(&file, "unknown `from` or `to` framework"));
        };
        let derived = derive(a, b, frameworks, nodes, from_fw, to_fw);
        for d in &derived {
            if m.entries.iter().any(|e| e.from == d.from && e.to == d.to) {
                return Err(data_error(
                    &file,
                    format!(
                        "hand-written pair {} → {} duplicates a derived pair",
                        d.from, d.to
                    ),
                ));
            }
        }
        if let Some(target) = mappings.get_mut(mi) {
            let hand = std::mem::take(&mut target.entries);
            target.entries = derived;
            target.entries.extend(hand);
        }
    }
    Ok(())
}

/// Entry indexes of a mapping by node id.
type EntryIndex = HashMap<String, Vec<usize>>;

/// Per mapping: entry indexes by source id and by target id.
fn entry_indexes(mappings: &[Mapping]) -> (Vec<EntryIndex>, Vec<EntryIndex>) {
    let mut by_from = Vec::with_capacity(mappings.len());
    let mut by_to = Vec::with_capacity(mappings.len());
    for m in mappings {
        let mut f: HashMap<String, Vec<usize>> = HashMap::new();
        let mut t: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in m.entries.iter().enumerate() {
            f.entry(e.from.clone()).or_default().push(i);
            t.entry(e.to.clone()).or_default().push(i);
        }
        by_from.push(f);
        by_to.push(t);
    }
    (by_from, by_to)
}

fn check_entries(
    file: &str,
    m: &Mapping,
    entries: &[MappingEntry],
    nodes: &HashMap<String, Loc>,
    from_fw: usize,
    to_fw: usize,
) -> Result<()> {
    let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
    for e in entries {
        match nodes.get(&e.from) {
            Some((f, _)) if *f == from_fw => {}
            _ => {
                return Err(data_error(
                    file,
                    format!("`{}` is not a node of `{}`", e.from, m.from),
                ))
            }
        }
        match nodes.get(&e.to) {
            Some((f, _)) if *f == to_fw => {}
            _ => {
                return Err(data_error(
                    file,
                    format!("`{}` is not a node of `{}`", e.to, m.to),
                ))
            }
        }
        if !pairs.insert((&e.from, &e.to)) {
            return Err(data_error(
                file,
                format!("duplicate pair {} → {}", e.from, e.to),
            ));
        }
        if e.provenance == MappingProvenance::Derived {
            return Err(data_error(file, "derived pairs are computed, not written"));
        }
    }
    Ok(())
}

/// One candidate claim for a derived pair.
struct Candidate {
    relationship: Relationship,
    confidence: Confidence,
    via: Vec<String>,
    basis: BTreeSet<MappingProvenance>,
}

/// Compose `a` (pivot → from) and `b` (pivot → to) into pairs from → to.
fn derive(
    a: &Mapping,
    b: &Mapping,
    frameworks: &[Framework],
    nodes: &HashMap<String, Loc>,
    from_fw: usize,
    to_fw: usize,
) -> Vec<MappingEntry> {
    let mut b_by_from: HashMap<&str, Vec<&MappingEntry>> = HashMap::new();
    for e in &b.entries {
        b_by_from.entry(e.from.as_str()).or_default().push(e);
    }
    // (from node index, to node index) → best candidate.
    let mut best: HashMap<(usize, usize), Candidate> = HashMap::new();
    for ea in &a.entries {
        let Some(eb_list) = b_by_from.get(ea.from.as_str()) else {
            continue;
        };
        // ea: pivot r1 from  ⇒  from r1⁻¹ pivot.
        let first = ea.relationship.inverse();
        for eb in eb_list {
            let Some(rel) = first.compose(eb.relationship) else {
                continue;
            };
            let (Some(&(_, fi)), Some(&(_, ti))) = (nodes.get(&ea.to), nodes.get(&eb.to)) else {
                continue;
            };
            let conf = ea.confidence.and(eb.confidence);
            let slot = best.entry((fi, ti)).or_insert_with(|| Candidate {
                relationship: rel,
                confidence: conf,
                via: Vec::new(),
                basis: BTreeSet::new(),
            });
            let better = (rel.strength(), conf) > (slot.relationship.strength(), slot.confidence);
            if better {
                slot.relationship = rel;
                slot.confidence = conf;
                slot.via.clear();
                slot.basis.clear();
            }
            if (rel.strength(), conf) == (slot.relationship.strength(), slot.confidence) {
                if !slot.via.contains(&ea.from) {
                    slot.via.push(ea.from.clone());
                }
                slot.basis.insert(ea.provenance);
                slot.basis.insert(eb.provenance);
            }
        }
    }
    let mut keys: Vec<(usize, usize)> = best.keys().copied().collect();
    keys.sort_unstable();
    let from_nodes = frameworks
        .get(from_fw)
        .map(|f| f.nodes.as_slice())
        .unwrap_or(&[]);
    let to_nodes = frameworks
        .get(to_fw)
        .map(|f| f.nodes.as_slice())
        .unwrap_or(&[]);
    let pivot_short = frameworks
        .iter()
        .find(|f| f.id == a.from)
        .map(|f| f.short_name.as_str())
        .unwrap_or("the pivot");
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let (Some(c), Some(fnode), Some(tnode)) =
            (best.get(&key), from_nodes.get(key.0), to_nodes.get(key.1))
        else {
            continue;
        };
        let labels: Vec<&str> = c
            .via
            .iter()
            .map(|id| id.split_once(':').map(|(_, l)| l).unwrap_or(id.as_str()))
            .collect();
        let list = labels.join(", ");
        let rationale = Text::new(
            format!(
                "Derived through {pivot_short} {list}: each of these implements {} and is mapped to {}; the two relationships compose to `{}`.",
                fnode.citation,
                tnode.citation,
                c.relationship.as_str()
            ),
            format!(
                "Afledt via {pivot_short} {list}: hvert af disse gennemfører {} og er knyttet til {}; de to relationer sammensættes til `{}`.",
                crate::cite::cite(&fnode.citation, crate::Lang::Da),
                crate::cite::cite(&tnode.citation, crate::Lang::Da),
                c.relationship.as_str()
            ),
        );
        out.push(MappingEntry {
            from: fnode.id.clone(),
            to: tnode.id.clone(),
            relationship: c.relationship,
            rationale,
            confidence: c.confidence,
            provenance: MappingProvenance::Derived,
            original_relationship: None,
            via: c.via.clone(),
            basis: c.basis.iter().copied().collect(),
        });
    }
    out
}

impl Catalogs {
    /// A framework by id.
    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    pub(crate) fn framework_index(&self, id: &str) -> Option<usize> {
        self.frameworks.iter().position(|f| f.id == id)
    }

    /// A mapping by id.
    pub fn mapping(&self, id: &str) -> Option<&Mapping> {
        self.mappings.iter().find(|m| m.id == id)
    }

    /// A node by id, with its framework.
    pub fn node(&self, id: &str) -> Option<(&Framework, &Node)> {
        let &(fi, ni) = self.nodes.get(id)?;
        let fw = self.frameworks.get(fi)?;
        Some((fw, fw.nodes.get(ni)?))
    }

    pub(crate) fn loc(&self, id: &str) -> Option<Loc> {
        self.nodes.get(id).copied()
    }

    pub(crate) fn node_at(&self, loc: Loc) -> Option<&Node> {
        self.frameworks.get(loc.0)?.nodes.get(loc.1)
    }

    /// The direct children of a node, in order.
    pub fn children(&self, id: &str) -> Vec<&Node> {
        let Some((fi, ni)) = self.loc(id) else {
            return Vec::new();
        };
        let Some(fw) = self.frameworks.get(fi) else {
            return Vec::new();
        };
        self.children
            .get(fi)
            .and_then(|c| c.get(ni))
            .map(|list| list.iter().filter_map(|&i| fw.nodes.get(i)).collect())
            .unwrap_or_default()
    }

    /// All descendants of a node (depth-first, in catalog order), without the node itself.
    pub fn descendants(&self, id: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut stack: Vec<&Node> = self.children(id).into_iter().rev().collect();
        while let Some(n) = stack.pop() {
            out.push(n);
            for c in self.children(&n.id).into_iter().rev() {
                stack.push(c);
            }
        }
        out
    }

    /// The leaf requirements under a node (the node itself when it is a requirement).
    pub fn leaves(&self, id: &str) -> Vec<&Node> {
        match self.node(id) {
            Some((_, n)) if n.kind == NodeKind::Requirement => vec![n],
            Some(_) => self
                .descendants(id)
                .into_iter()
                .filter(|n| n.kind == NodeKind::Requirement)
                .collect(),
            None => Vec::new(),
        }
    }

    /// The ancestors of a node, root first.
    pub fn ancestors(&self, id: &str) -> Vec<&Node> {
        let mut out: Vec<&Node> = self.parents(id).collect();
        out.reverse();
        out
    }

    /// The ancestors of a node, its parent first (nothing copied).
    fn parents<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Node> + 'a {
        self.ancestor_locs(self.loc(id))
            .filter_map(move |l| self.node_at(l))
    }

    /// The parent of the node at `loc`, if it has one.
    fn parent_loc(&self, (fi, ni): Loc) -> Option<Loc> {
        let pi = self.parents.get(fi)?.get(ni).copied().flatten()?;
        Some((fi, pi))
    }

    /// The ancestors of the node at `loc`, nearest first.
    fn ancestor_locs(&self, loc: Option<Loc>) -> impl Iterator<Item = Loc> + '_ {
        std::iter::successors(loc.and_then(|l| self.parent_loc(l)), move |&l| {
            self.parent_loc(l)
        })
    }

    /// Whether `ancestor` is a strict ancestor of `id` (two lookups by id, then a walk up by
    /// index).
    pub fn is_ancestor(&self, ancestor: &str, id: &str) -> bool {
        let Some(a) = self.loc(ancestor) else {
            return false;
        };
        self.ancestor_locs(self.loc(id)).any(|l| l == a)
    }

    /// Ids of nodes that list `id` in their `implements`.
    pub fn implemented_by(&self, id: &str) -> &[String] {
        self.implemented_by
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Entries of mapping `mi` whose source is `id`.
    pub(crate) fn entries_from(&self, mi: usize, id: &str) -> impl Iterator<Item = &MappingEntry> {
        let m = self.mappings.get(mi);
        self.by_from
            .get(mi)
            .and_then(|idx| idx.get(id))
            .into_iter()
            .flatten()
            .filter_map(move |&i| m.and_then(|m| m.entries.get(i)))
    }

    /// Entries of mapping `mi` whose target is `id`.
    pub(crate) fn entries_to(&self, mi: usize, id: &str) -> impl Iterator<Item = &MappingEntry> {
        let m = self.mappings.get(mi);
        self.by_to
            .get(mi)
            .and_then(|idx| idx.get(id))
            .into_iter()
            .flatten()
            .filter_map(move |&i| m.and_then(|m| m.entries.get(i)))
    }

    /// Every node id, in catalog order.
    pub fn node_ids(&self) -> impl Iterator<Item = &str> {
        self.frameworks
            .iter()
            .flat_map(|f| f.nodes.iter().map(|n| n.id.as_str()))
    }

    /// The ids nearest to an unknown node id, best first. A known prefix (`ISO27001:`)
    /// narrows the search to that framework.
    pub fn nearest_nodes(&self, id: &str, n: usize) -> Vec<String> {
        let prefix = id.split_once(':').map(|(p, _)| p.to_ascii_lowercase());
        let fw = prefix.and_then(|p| {
            self.frameworks
                .iter()
                .find(|f| f.id_prefix.to_ascii_lowercase() == p)
        });
        let mut out = match fw {
            Some(f) => crate::suggest::nearest(id, f.nodes.iter().map(|x| x.id.as_str()), n),
            None => crate::suggest::nearest(id, self.node_ids(), n),
        };
        // An id that differs only in case is the best suggestion.
        if let Some(exact) = self.node_ids().find(|x| x.eq_ignore_ascii_case(id)) {
            out.retain(|x| x != exact);
            out.insert(0, exact.to_owned());
            out.truncate(n);
        }
        out
    }

    /// The framework ids nearest to an unknown one.
    pub fn nearest_frameworks(&self, id: &str, n: usize) -> Vec<String> {
        crate::suggest::nearest(id, self.frameworks.iter().map(|f| f.id.as_str()), n)
    }

    /// The mapping ids nearest to an unknown one.
    pub fn nearest_mappings(&self, id: &str, n: usize) -> Vec<String> {
        crate::suggest::nearest(id, self.mappings.iter().map(|m| m.id.as_str()), n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed() -> (Vec<Framework>, Vec<Mapping>) {
        let f = FRAMEWORK_FILES
            .iter()
            .map(|n| data::parse(*n).unwrap())
            .collect();
        let m = MAPPING_FILES
            .iter()
            .map(|n| data::parse(*n).unwrap())
            .collect();
        (f, m)
    }

    fn fails(f: Vec<Framework>, m: Vec<Mapping>, needle: &str) {
        match build(f, m) {
            Err(Error::Data { message, .. }) => {
                assert!(message.contains(needle), "`{message}` lacks `{needle}`")
            }
            other => panic!("expected a data error with `{needle}`, got {other:?}"),
        }
    }

    #[test]
    fn embedded_data_builds() {
        let (f, m) = parsed();
        let cat = build(f, m).unwrap();
        assert!(cat.node("NIS2:21.2.d").is_some());
        assert_eq!(cat.leaves("NIS2:21.2.c").len(), 4);
        assert_eq!(cat.ancestors("CIR-2690:6.7.2").len(), 2);
        assert!(cat.is_ancestor("NIS2:21", "NIS2:21.2.c.backup"));
        assert_eq!(
            cat.nearest_nodes("iso27001:a.5.19", 3)[0],
            "ISO27001:A.5.19"
        );
    }

    /// The ancestors walked by index are the nodes named by `parent`, one after the other,
    /// for every node of every catalog; and `is_ancestor` holds for exactly those (checked
    /// against every node of the same framework, and a node of another framework, an
    /// unknown id and the node itself).
    #[test]
    fn ancestors_by_index_are_the_parents_by_id() {
        let (f, m) = parsed();
        let cat = build(f, m).unwrap();
        let mut pairs = 0usize;
        for (fi, fw) in cat.frameworks.iter().enumerate() {
            let other = cat.frameworks.get((fi + 1) % cat.frameworks.len()).unwrap();
            for node in &fw.nodes {
                let mut by_id = Vec::new();
                let mut next = node.parent.as_deref();
                while let Some(p) = next {
                    let (_, parent) = cat.node(p).unwrap();
                    by_id.push(parent.id.as_str());
                    next = parent.parent.as_deref();
                }
                let by_index: Vec<&str> = cat.parents(&node.id).map(|n| n.id.as_str()).collect();
                assert_eq!(by_index, by_id, "{}", node.id);
                for candidate in &fw.nodes {
                    let expected = by_id.contains(&candidate.id.as_str());
                    assert_eq!(
                        cat.is_ancestor(&candidate.id, &node.id),
                        expected,
                        "{} above {}",
                        candidate.id,
                        node.id
                    );
                    pairs += 1;
                }
                assert!(!cat.is_ancestor(&node.id, &node.id));
                assert!(!cat.is_ancestor("NIS2:no-such-node", &node.id));
                assert!(!cat.is_ancestor(&node.id, "NIS2:no-such-node"));
                if let Some(first) = other.nodes.first() {
                    if other.id != fw.id {
                        assert!(!cat.is_ancestor(&first.id, &node.id));
                    }
                }
            }
        }
        assert!(pairs > 10_000, "{pairs} pairs");
    }

    #[test]
    fn broken_frameworks_are_rejected() {
        let (mut f, m) = parsed();
        let dup = f[0].nodes[2].clone();
        f[0].nodes.push(dup);
        fails(f, m, "duplicate node id");

        let (mut f, m) = parsed();
        f[0].nodes[2].parent = Some("NIS2:99".into());
        fails(f, m, "is not an earlier node");

        let (mut f, m) = parsed();
        f[0].nodes[2].id = "XX:1".into();
        fails(f, m, "does not start with");

        let (mut f, m) = parsed();
        f[0].nodes[3].kind = NodeKind::Group;
        fails(f, m, "has no children");

        let (mut f, m) = parsed();
        f[1].applicability.entity_types = Some(vec!["NIS2-I-99-99".into()]);
        fails(f, m, "unknown entity type");

        let (mut f, m) = parsed();
        f[1].nodes[0].implements = vec!["NIS2:21.2.z".into()];
        fails(f, m, "implements unknown node");
    }

    #[test]
    fn broken_mappings_are_rejected() {
        let (f, mut m) = parsed();
        m[1].entries[0].to = "NIS2:21.2.d".into();
        fails(f, m, "is not a node of `iso27001-2022`");

        let (f, mut m) = parsed();
        let dup = m[3].entries[0].clone();
        m[3].entries.push(dup);
        fails(f, m, "duplicate pair");

        let (f, mut m) = parsed();
        m[3].entries[0].provenance = MappingProvenance::Derived;
        fails(f, m, "derived pairs are computed");

        let (f, mut m) = parsed();
        let derived_pair = MappingEntry {
            from: "NIS2:21.2.d".into(),
            to: "ISO27001:A.5.19".into(),
            ..m[2].entries[0].clone()
        };
        m[2].entries.push(derived_pair);
        fails(f, m, "duplicates a derived pair");
    }
}
