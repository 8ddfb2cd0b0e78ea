//! The scope-aware requirement set: which requirements bind the organisation, and why.
//!
//! - Not in scope: nothing binds; the set is empty and says why.
//! - An in-scope activity of one of the eleven digital-provider types of Implementing
//!   Regulation (EU) 2024/2690 (entity types flagged `cir_2024_2690`): the Regulation's Annex
//!   binds for the Art. 21(2) measures; the other NIS2 obligations (Art. 3(4), 20, 21(1),
//!   21(3), 21(4), 23, 27) come from the `nis2` catalog.
//! - Any other in-scope activity: the `nis2` catalog, Art. 21(2)(a)–(j) included.
//! - Each node's applicability decides the rest: the classes it binds (essential,
//!   important), the entity types it is limited to (Art. 27), and whether it binds at all
//!   (Art. 20(2), second sentence, is an encouragement, not a duty).
//! - `frameworks` in the document overrides the selection: every requirement of each listed
//!   framework.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::{Applicability, Catalogs, EntityClass, Framework, Node, NodeKind};
use crate::entity_types;
use crate::scope::result::{Classification, Displacement, InScope, Provision, ScopeResult};
use crate::text::{Str, Text};

/// The schema version of requirement sets.
pub const SET_SCHEMA_VERSION: &str = "1";

/// Where the scope came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScopeBasis {
    /// A scope profile, evaluated here.
    Profile,
    /// A scope result given.
    Result,
    /// No scope: the frameworks were chosen in the document.
    None,
}

/// The organisation's scope as it bears on the requirement set.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ScopeSummary {
    /// Where it came from.
    pub basis: ScopeBasis,
    /// Whether NIS2 applies (absent without a scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_scope: Option<InScope>,
    /// The class (absent without a scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classification>,
    /// Whether requirements bind (and so are scored).
    pub applies: bool,
    /// The scope is not settled (undetermined or depending on the Member State): the set is
    /// what applies if the organisation is in scope.
    pub provisional: bool,
    /// The scope's own one-sentence outcome, or why there is none.
    pub summary: Text,
    /// The in-scope activities (entity type ids).
    pub entity_types: Vec<Str>,
    /// Those of them covered by Implementing Regulation (EU) 2024/2690.
    pub cir_entity_types: Vec<Str>,
    /// Provisions another act displaces for the whole organisation (Art 4, Art 2(8); see the
    /// scope's `displacements`): their requirements are left out of the set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub displaced: Vec<Provision>,
}

/// Whether and why a framework is in the set.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FrameworkSelection {
    /// Framework id.
    pub id: Str,
    /// Short name.
    pub short_name: Str,
    /// Whether its requirements are scored.
    pub selected: bool,
    /// Requirements of it in the set.
    pub requirements: usize,
    /// Why.
    pub reason: Text,
}

/// A requirement in the set.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SetItem {
    /// Node id.
    pub id: Str,
    /// Framework id.
    pub framework: Str,
    /// Reference to the source.
    pub citation: Str,
    /// Short title.
    pub title: Text,
    /// The measures it counts towards (node ids, e.g. `NIS2:21.2.i`).
    pub measures: Vec<Str>,
    /// Why it binds.
    pub reason: Text,
    /// The provisions that make it bind.
    pub basis: Vec<Str>,
}

/// A requirement of a binding catalog left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ExcludedItem {
    /// Node id.
    pub id: Str,
    /// Reference to the source.
    pub citation: Str,
    /// Why it is not in the set.
    pub reason: Text,
}

/// The requirement set (the response of `requirements`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RequirementSet {
    /// Data format version.
    pub schema_version: Str,
    /// The scope.
    pub scope: ScopeSummary,
    /// Every framework, selected or not, with the reason.
    pub frameworks: Vec<FrameworkSelection>,
    /// The requirements that bind, in catalog order.
    pub requirements: Vec<SetItem>,
    /// The requirements of binding catalogs left out, with the reason.
    pub excluded: Vec<ExcludedItem>,
}

/// A requirement of the set as the engine uses it.
#[derive(Debug, Clone)]
pub(crate) struct Req {
    pub(crate) fw: &'static Framework,
    pub(crate) node: &'static Node,
    pub(crate) measures: Vec<&'static Node>,
}

type MeasureCache = HashMap<&'static str, Vec<&'static Node>>;

static MEASURES: OnceLock<MeasureCache> = OnceLock::new();

/// The measure(s) a leaf counts towards (computed once for every leaf of the catalogs).
pub(crate) fn measures_of(cat: &'static Catalogs, node: &'static Node) -> Vec<&'static Node> {
    let all = MEASURES.get_or_init(|| {
        cat.frameworks
            .iter()
            .flat_map(|f| f.nodes.iter())
            .filter(|n| n.kind == NodeKind::Requirement)
            .map(|n| (n.id.as_str(), compute_measures(cat, n)))
            .collect()
    });
    match all.get(node.id.as_str()) {
        Some(v) => v.clone(),
        None => compute_measures(cat, node),
    }
}

/// The measure(s) of a leaf: for `nis2`, its Art. 21(2) point or else its article; for CIR
/// 2024/2690 (and any framework whose nodes name the NIS2 provisions they implement, such as
/// the Danish programme), the NIS2 measures of the provisions it implements; otherwise its
/// top-level group (below an annex, the group under it: an ISO/IEC 27001 Annex A theme).
fn compute_measures(cat: &'static Catalogs, node: &'static Node) -> Vec<&'static Node> {
    if node.id.starts_with("NIS2:") {
        return vec![nis2_measure(cat, node)];
    }
    let ancestors = cat.ancestors(&node.id);
    let mut imp: Vec<&'static Node> = Vec::new();
    for n in std::iter::once(node).chain(ancestors.iter().rev().copied()) {
        if !n.implements.is_empty() {
            for (_, m) in n.implements.iter().filter_map(|i| cat.node(i)) {
                // A NIS2 provision counts towards its measure (a point of Art. 21(2), else its
                // article), so the measures stay those of the documented model.
                let measure = if m.id.starts_with("NIS2:") {
                    nis2_measure(cat, m)
                } else {
                    m
                };
                if !imp.iter().any(|x| x.id == measure.id) {
                    imp.push(measure);
                }
            }
            break;
        }
    }
    if !imp.is_empty() {
        return imp;
    }
    // The top-level group; below an annex (ISO/IEC 27001 Annex A), the group under it (the
    // theme).
    let pick = match (ancestors.first(), ancestors.get(1)) {
        (Some(root), Some(next)) if root.class == "annex" => *next,
        (Some(root), _) => *root,
        (None, _) => node,
    };
    vec![pick]
}

/// The measure of a NIS2 node: the point of Art. 21(2) it is (or is under), else its article
/// (the top-level node above it, or itself).
fn nis2_measure(cat: &'static Catalogs, node: &'static Node) -> &'static Node {
    if node.parent.as_deref() == Some("NIS2:21.2") {
        return node;
    }
    let ancestors = cat.ancestors(&node.id);
    if let Some(p) = ancestors
        .iter()
        .find(|a| a.parent.as_deref() == Some("NIS2:21.2"))
    {
        return p;
    }
    ancestors.first().copied().unwrap_or(node)
}

fn class_name(c: EntityClass) -> Text {
    match c {
        EntityClass::Essential => Text::st("essential", "væsentlige"),
        EntityClass::Important => Text::st("important", "vigtige"),
    }
}

fn join_types(types: &[Str]) -> String {
    types.join(", ")
}

/// The context the set is computed in.
#[derive(Debug, Clone)]
pub(crate) struct ScopeCtx {
    pub(crate) basis: ScopeBasis,
    pub(crate) result: Option<ScopeResult>,
}

/// The scope summary of a context.
pub(crate) fn summary(ctx: &ScopeCtx) -> ScopeSummary {
    let Some(r) = &ctx.result else {
        return ScopeSummary {
            basis: ctx.basis,
            in_scope: None,
            classification: None,
            applies: true,
            provisional: false,
            summary: Text::st(
                "No scope was given: the frameworks listed in the assessment are scored.",
                "Der er ikke angivet et anvendelsesområde: de rammer, der er opført i vurderingen, scores.",
            ),
            entity_types: Vec::new(),
            cir_entity_types: Vec::new(),
            displaced: Vec::new(),
        };
    };
    let types = entity_types::catalog().ok();
    let active: Vec<Str> = r
        .activities
        .iter()
        .filter(|a| a.in_scope != InScope::No)
        .map(|a| Cow::Owned(a.entity_type.to_string()))
        .collect();
    let cir: Vec<Str> = active
        .iter()
        .filter(|t| {
            types
                .and_then(|c| c.get(t))
                .is_some_and(|e| e.cir_2024_2690)
        })
        .cloned()
        .collect();
    ScopeSummary {
        basis: ctx.basis,
        in_scope: Some(r.in_scope),
        classification: Some(r.classification),
        applies: r.in_scope != InScope::No,
        provisional: matches!(
            r.in_scope,
            InScope::Undetermined | InScope::DependsOnMemberState
        ),
        summary: r.summary.clone(),
        entity_types: active,
        cir_entity_types: cir,
        displaced: crate::scope::displacement::whole(&r.displacements)
            .into_iter()
            .filter(|p| *p != Provision::NationalAct)
            .collect(),
    }
}

fn framework_reason(fw: &Framework, selected: bool, s: &ScopeSummary, explicit: bool) -> Text {
    if explicit {
        return if selected {
            Text::st(
                "Listed in the assessment's `frameworks`: every requirement is scored.",
                "Opført i vurderingens `frameworks`: alle krav scores.",
            )
        } else {
            Text::st(
                "Not listed in the assessment's `frameworks`; its results serve as sources for inference.",
                "Ikke opført i vurderingens `frameworks`; dens resultater bruges som kilder til afledning.",
            )
        };
    }
    if !s.applies {
        return Text::st(
            "The organisation is not in the scope of NIS2, so no requirement binds it.",
            "Organisationen er ikke omfattet af NIS2, så ingen krav binder den.",
        );
    }
    match fw.id.as_str() {
        "nis2" => Text::st(
            "Directive (EU) 2022/2555 binds every essential and important entity: registration (Art. 3(4), 27), governance (Art. 20), risk-management measures (Art. 21) and reporting (Art. 23), as each node's applicability says.",
            "Direktiv (EU) 2022/2555 binder alle væsentlige og vigtige enheder: registrering (art. 3, stk. 4, art. 27), ledelse (art. 20), risikostyringsforanstaltninger (art. 21) og rapportering (art. 23), som hver knudes anvendelse angiver.",
        ),
        "cir-2024-2690" if selected => Text::new(
            format!(
                "Implementing Regulation (EU) 2024/2690 lays down the technical and methodological requirements of the Art. 21(2) measures for the digital-provider types of its Art. 1; the organisation carries out {}.",
                join_types(&s.cir_entity_types)
            ),
            format!(
                "Gennemførelsesforordning (EU) 2024/2690 fastsætter de tekniske og metodiske krav til foranstaltningerne i art. 21, stk. 2, for de digitale udbydertyper i dens art. 1; organisationen udøver {}.",
                join_types(&s.cir_entity_types)
            ),
        ),
        "cir-2024-2690" => Text::st(
            "Implementing Regulation (EU) 2024/2690 binds only the eleven digital-provider types of its Art. 1; none of the in-scope activities is one (its Annex remains useful guidance). Its results serve as sources for inference.",
            "Gennemførelsesforordning (EU) 2024/2690 binder kun de elleve digitale udbydertyper i dens art. 1; ingen af de omfattede aktiviteter er en af dem (bilaget er fortsat nyttig vejledning). Dens resultater bruges som kilder til afledning.",
        ),
        "iso27001-2022" => Text::st(
            "ISO/IEC 27001 is a voluntary standard, not a NIS2 obligation (Art. 24, 25); its results (e.g. a statement of applicability) serve as sources for inference.",
            "ISO/IEC 27001 er en frivillig standard og ikke en NIS2-pligt (art. 24, 25); dens resultater (f.eks. en anvendelseserklæring) bruges som kilder til afledning.",
        ),
        "dmaerket" => Text::st(
            "D-mærket is a voluntary Danish label, not a NIS2 obligation; its self-evaluation serves as a source for inference.",
            "D-mærket er et frivilligt dansk mærke og ikke en NIS2-pligt; selvevalueringen bruges som kilde til afledning.",
        ),
        _ => Text::st(
            "Guidance, not an obligation; not scored unless listed in `frameworks`.",
            "Vejledning, ikke en pligt; scores kun, hvis den er opført i `frameworks`.",
        ),
    }
}

/// Compute the set. `explicit`: the document's `frameworks` override (already validated).
pub(crate) fn select(
    cat: &'static Catalogs,
    ctx: &ScopeCtx,
    explicit: Option<&[String]>,
) -> (RequirementSet, Vec<Req>) {
    let s = summary(ctx);
    let mut sel = Selection {
        items: Vec::new(),
        reqs: Vec::new(),
        excluded: Vec::new(),
        selected_fw: vec![false; cat.frameworks.len()],
    };
    if let Some(list) = explicit {
        select_listed(cat, list, &mut sel);
    } else if s.applies {
        select_in_scope(cat, ctx, &s, &mut sel);
    }
    let Selection {
        items,
        reqs,
        excluded,
        selected_fw,
    } = sel;

    let frameworks = cat
        .frameworks
        .iter()
        .enumerate()
        .map(|(fi, fw)| {
            let selected = selected_fw.get(fi).copied().unwrap_or(false);
            FrameworkSelection {
                id: Cow::Borrowed(&fw.id),
                short_name: Cow::Borrowed(&fw.short_name),
                selected,
                requirements: reqs.iter().filter(|r| r.fw.id == fw.id).count(),
                reason: framework_reason(fw, selected, &s, explicit.is_some()),
            }
        })
        .collect();
    (
        RequirementSet {
            schema_version: Cow::Borrowed(SET_SCHEMA_VERSION),
            scope: s,
            frameworks,
            requirements: items,
            excluded,
        },
        reqs,
    )
}

/// The set as it is built: its items and requirements, the nodes left out, and which
/// frameworks contribute.
struct Selection {
    items: Vec<SetItem>,
    reqs: Vec<Req>,
    excluded: Vec<ExcludedItem>,
    selected_fw: Vec<bool>,
}

impl Selection {
    /// Add a requirement of `fw` to the set, with why it is there and its legal basis.
    fn push(
        &mut self,
        cat: &'static Catalogs,
        fw: &'static Framework,
        node: &'static Node,
        reason: Text,
        basis: Vec<Str>,
    ) {
        let measures = measures_of(cat, node);
        self.items.push(SetItem {
            id: Cow::Borrowed(&node.id),
            framework: Cow::Borrowed(&fw.id),
            citation: Cow::Borrowed(&node.citation),
            title: Text::borrowed(&node.title),
            measures: measures
                .iter()
                .map(|m| Cow::Borrowed(m.id.as_str()))
                .collect(),
            reason,
            basis,
        });
        self.reqs.push(Req { fw, node, measures });
    }

    /// Mark the framework at `fi` as contributing to the set.
    fn select_framework(&mut self, fi: usize) {
        if let Some(slot) = self.selected_fw.get_mut(fi) {
            *slot = true;
        }
    }
}

/// Every requirement of the frameworks listed in the assessment's `frameworks`.
fn select_listed(cat: &'static Catalogs, list: &[String], sel: &mut Selection) {
    for (fi, fw) in cat.frameworks.iter().enumerate() {
        if !list.contains(&fw.id) {
            continue;
        }
        sel.select_framework(fi);
        for node in fw.nodes.iter().filter(|n| n.kind == NodeKind::Requirement) {
            sel.push(
                cat,
                fw,
                node,
                Text::st(
                    "Its framework is listed in the assessment's `frameworks`.",
                    "Dens ramme er opført i vurderingens `frameworks`.",
                ),
                vec![Cow::Borrowed(node.citation.as_str())],
            );
        }
    }
}

/// What decides whether a requirement binds an organisation in scope.
struct ScopeFacts<'a> {
    cat: &'static Catalogs,
    s: &'a ScopeSummary,
    /// The classes the organisation is bound as (`None`: registration only).
    classes: Option<Vec<EntityClass>>,
    /// The in-scope entity types that CIR 2024/2690 does not cover.
    other_types: Vec<Str>,
    /// The scope's displacements.
    displacements: &'a [Displacement],
}

/// Whether a requirement binds the organisation: why and on what basis, or why not.
enum Applies {
    Binds(Text, Vec<Str>),
    Excluded(Text),
}

/// The requirements that bind an organisation in scope: those of NIS2 and (for its
/// digital-provider types) of CIR 2024/2690, each as its applicability says.
fn select_in_scope(cat: &'static Catalogs, ctx: &ScopeCtx, s: &ScopeSummary, sel: &mut Selection) {
    let classes: Option<Vec<EntityClass>> = match ctx.result.as_ref().map(|r| r.classification) {
        Some(Classification::Essential) => Some(vec![EntityClass::Essential]),
        Some(Classification::Important) => Some(vec![EntityClass::Important]),
        Some(Classification::RegistrationOnly) => None,
        _ => Some(vec![EntityClass::Essential, EntityClass::Important]),
    };
    let other_types: Vec<Str> = s
        .entity_types
        .iter()
        .filter(|t| !s.cir_entity_types.contains(t))
        .cloned()
        .collect();
    let x = ScopeFacts {
        cat,
        s,
        classes,
        other_types,
        displacements: ctx
            .result
            .as_ref()
            .map_or(&[][..], |r| r.displacements.as_slice()),
    };
    for (fi, fw) in cat.frameworks.iter().enumerate() {
        let is_nis2 = fw.id == "nis2";
        let is_cir = fw.id == "cir-2024-2690";
        if !(is_nis2 || (is_cir && !s.cir_entity_types.is_empty())) {
            continue;
        }
        for node in fw.nodes.iter().filter(|n| n.kind == NodeKind::Requirement) {
            let Some(app) = node.applicability.as_ref() else {
                continue;
            };
            match applies(&x, fw, node, app) {
                Applies::Binds(reason, basis) => {
                    sel.select_framework(fi);
                    sel.push(cat, fw, node, reason, basis);
                }
                Applies::Excluded(reason) => sel.excluded.push(ExcludedItem {
                    id: Cow::Borrowed(&node.id),
                    citation: Cow::Borrowed(&node.citation),
                    reason,
                }),
            }
        }
    }
}

/// Whether a requirement of NIS2 or CIR 2024/2690 binds the organisation: not if it is no
/// direct duty, lists none of its entity types, binds none of its classes, or is an Art. 21(2)
/// measure that CIR 2024/2690 details for all of its activities.
fn applies(
    x: &ScopeFacts<'_>,
    fw: &'static Framework,
    node: &'static Node,
    app: &'static Applicability,
) -> Applies {
    let is_nis2 = fw.id == "nis2";
    let is_cir = fw.id == "cir-2024-2690";
    let cite: Str = Cow::Borrowed(node.citation.as_str());
    if !app.binding {
        let mut r = Text::st(
            "It is not a direct duty of the entity.",
            "Det er ikke en direkte pligt for enheden.",
        );
        if let Some(n) = &app.note {
            r = Text::new(format!("{} {}", r.en, n.en), format!("{} {}", r.da, n.da));
        }
        return Applies::Excluded(r);
    }
    if let Some(d) = displaced_by(x, fw, node) {
        return Applies::Excluded(Text::new(
            format!(
                "{} does not bind the organisation: {} governs instead ({}).",
                node.citation, d.governed_by.en, d.citation
            ),
            format!(
                "{} binder ikke organisationen: {} gælder i stedet ({}).",
                crate::cite::sentence(&node.citation, crate::Lang::Da),
                d.governed_by.da,
                crate::cite::sentence(&d.citation, crate::Lang::Da)
            ),
        ));
    }
    let explicit_types: Vec<Str> = app
        .entity_types
        .as_ref()
        .map(|list| {
            x.s.entity_types
                .iter()
                .filter(|t| list.iter().any(|l| l == t.as_ref()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    if app.entity_types.is_some() && explicit_types.is_empty() {
        return Applies::Excluded(Text::new(
            format!(
                "{} binds only the entity types it lists; none of the in-scope activities ({}) is one.",
                node.citation,
                join_types(&x.s.entity_types)
            ),
            format!(
                "{} binder kun de enhedstyper, der er opregnet; ingen af de omfattede aktiviteter ({}) er en af dem.",
                crate::cite::sentence(&node.citation, crate::Lang::Da),
                join_types(&x.s.entity_types)
            ),
        ));
    }
    let class_ok = match &x.classes {
        Some(cls) => app.classes.iter().any(|c| cls.contains(c)),
        None => !explicit_types.is_empty(),
    };
    if !class_ok {
        return Applies::Excluded(Text::st(
            "It binds essential and important entities; the organisation is in scope for registration only (Art. 2(4)).",
            "Det binder væsentlige og vigtige enheder; organisationen er kun omfattet med henblik på registrering (art. 2, stk. 4).",
        ));
    }
    let in_21_2 = is_nis2
        && (node.parent.as_deref() == Some("NIS2:21.2")
            || x.cat.is_ancestor("NIS2:21.2", &node.id));
    if in_21_2 && !x.s.cir_entity_types.is_empty() && x.other_types.is_empty() {
        return Applies::Excluded(Text::new(
            format!(
                "For {} the Art. 21(2) measures are detailed by the Annex of Implementing Regulation (EU) 2024/2690, which is assessed instead (CIR 2024/2690 Art. 1, 2).",
                join_types(&x.s.cir_entity_types)
            ),
            format!(
                "For {} er foranstaltningerne i art. 21, stk. 2, uddybet i bilaget til gennemførelsesforordning (EU) 2024/2690, som vurderes i stedet (forordningens art. 1 og 2).",
                join_types(&x.s.cir_entity_types)
            ),
        ));
    }
    let (reason, basis) = if is_cir {
        cir_binding(x, node, cite)
    } else {
        nis2_binding(x, node, app, in_21_2, &explicit_types, cite)
    };
    Applies::Binds(reason, basis)
}

/// The displacement (for the whole organisation) of the provision a requirement belongs to:
/// Art 20 governance, Art 21 measures (and the Annex of CIR 2024/2690), Art 23 reporting (and
/// the Regulation's Articles on significant incidents).
fn displaced_by<'a>(x: &ScopeFacts<'a>, fw: &Framework, node: &Node) -> Option<&'a Displacement> {
    let provision = match fw.id.as_str() {
        "nis2" => {
            let article = node.id.strip_prefix("NIS2:")?.split('.').next()?;
            match article {
                "20" => Provision::Governance,
                "21" => Provision::RiskManagement,
                "23" => Provision::Reporting,
                _ => return None,
            }
        }
        "cir-2024-2690" => Provision::RiskManagement,
        _ => return None,
    };
    if !x.s.displaced.contains(&provision) {
        return None;
    }
    crate::scope::displacement::find_whole(x.displacements, provision)
}

/// Why a requirement of NIS2 binds the organisation: the classes it binds (for an Art. 21(2)
/// measure, of the activities CIR 2024/2690 does not cover) or the entity types it lists.
fn nis2_binding(
    x: &ScopeFacts<'_>,
    node: &'static Node,
    app: &'static Applicability,
    in_21_2: bool,
    explicit_types: &[Str],
    cite: Str,
) -> (Text, Vec<Str>) {
    let cls_for_text: Vec<EntityClass> = match &x.classes {
        Some(c) => app
            .classes
            .iter()
            .filter(|k| c.contains(k))
            .copied()
            .collect(),
        None => Vec::new(),
    };
    let ct = class_text(&cls_for_text);
    if in_21_2 && !x.s.cir_entity_types.is_empty() {
        (
            Text::new(
                format!(
                    "{} binds {} entities; it applies to the activities not covered by Implementing Regulation (EU) 2024/2690 ({}).",
                    node.citation,
                    ct.en,
                    join_types(&x.other_types)
                ),
                format!(
                    "{} binder {} enheder; det gælder for de aktiviteter, som gennemførelsesforordning (EU) 2024/2690 ikke dækker ({}).",
                    crate::cite::sentence(&node.citation, crate::Lang::Da),
                    ct.da,
                    join_types(&x.other_types)
                ),
            ),
            vec![cite],
        )
    } else if !explicit_types.is_empty() {
        (
            Text::new(
                format!(
                    "{} binds the entity types it lists, among them {}.",
                    node.citation,
                    join_types(explicit_types)
                ),
                format!(
                    "{} binder de enhedstyper, der er opregnet, herunder {}.",
                    crate::cite::sentence(&node.citation, crate::Lang::Da),
                    join_types(explicit_types)
                ),
            ),
            vec![cite],
        )
    } else {
        (
            Text::new(
                format!("{} binds {} entities.", node.citation, ct.en),
                format!(
                    "{} binder {} enheder.",
                    crate::cite::sentence(&node.citation, crate::Lang::Da),
                    ct.da
                ),
            ),
            vec![cite],
        )
    }
}

/// Why a requirement of CIR 2024/2690 binds the organisation: the Art. 21(2) points it
/// details for the organisation's digital-provider types.
fn cir_binding(x: &ScopeFacts<'_>, node: &'static Node, cite: Str) -> (Text, Vec<Str>) {
    let points: Vec<String> = measures_of(x.cat, node)
        .iter()
        .map(|m| m.citation.clone())
        .collect();
    (
        Text::new(
            format!(
                "{} details {} for {} (CIR 2024/2690 Art. 1, 2).",
                node.citation,
                points.join(", "),
                join_types(&x.s.cir_entity_types)
            ),
            format!(
                "{} uddyber {} for {} (forordningens art. 1 og 2).",
                crate::cite::sentence(&node.citation, crate::Lang::Da),
                crate::cite::cite(&points.join("; "), crate::Lang::Da),
                join_types(&x.s.cir_entity_types)
            ),
        ),
        std::iter::once(cite)
            .chain(std::iter::once(Cow::Borrowed("CIR 2024/2690 Art. 1, 2")))
            .chain(points.into_iter().map(Cow::Owned))
            .collect(),
    )
}

/// The classes as words (`essential and important`).
fn class_text(cls: &[EntityClass]) -> Text {
    let en: Vec<String> = cls.iter().map(|c| class_name(*c).en.into_owned()).collect();
    let da: Vec<String> = cls.iter().map(|c| class_name(*c).da.into_owned()).collect();
    Text::new(en.join(" and "), da.join(" og "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalogs;

    fn ids(cat: &'static Catalogs, id: &str) -> Vec<String> {
        let (_, n) = cat.node(id).unwrap();
        measures_of(cat, n).iter().map(|m| m.id.clone()).collect()
    }

    #[test]
    fn measures_of_leaves() {
        let cat = catalogs().unwrap();
        assert_eq!(ids(cat, "NIS2:21.2.c.backup"), ["NIS2:21.2.c"]);
        assert_eq!(ids(cat, "NIS2:21.2.d"), ["NIS2:21.2.d"]);
        assert_eq!(ids(cat, "NIS2:23.4.a"), ["NIS2:23"]);
        assert_eq!(ids(cat, "NIS2:21.3"), ["NIS2:21"]);
        assert_eq!(ids(cat, "CIR-2690:11.7.1"), ["NIS2:21.2.j"]);
        assert_eq!(ids(cat, "CIR-2690:12.4.1"), ["NIS2:21.2.i"]);
        assert_eq!(ids(cat, "ISO27001:A.5.9"), ["ISO27001:A.5"]);
        // The Danish programme names NIS2 leaves: they count towards their measures.
        assert_eq!(ids(cat, "DKPROG:1.1"), ["NIS2:20"]);
    }

    #[test]
    fn every_measure_is_a_point_or_an_article_of_nis2_or_a_top_group() {
        let cat = catalogs().unwrap();
        for fw in &cat.frameworks {
            for n in fw.nodes.iter().filter(|n| n.kind == NodeKind::Requirement) {
                for m in measures_of(cat, n) {
                    if m.id.starts_with("NIS2:") {
                        assert!(
                            m.parent.is_none() || m.parent.as_deref() == Some("NIS2:21.2"),
                            "{} counts towards {}",
                            n.id,
                            m.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_cir_leaf_counts_towards_an_art_21_2_point() {
        let cat = catalogs().unwrap();
        let fw = cat.framework("cir-2024-2690").unwrap();
        for n in fw.nodes.iter().filter(|n| n.kind == NodeKind::Requirement) {
            let m = measures_of(cat, n);
            assert!(!m.is_empty());
            assert!(
                m.iter().all(|x| x.parent.as_deref() == Some("NIS2:21.2")),
                "{}",
                n.id
            );
        }
    }
}
