//! Integrity of the embedded catalogs and mappings: counts from the sources, unique ids,
//! resolvable references, well-formed citations, provenance and licences, the derived mapping
//! recomputed independently, the ENISA data checked against its CSV, and OSCAL exports
//! validated against the official OSCAL 1.2.1 JSON schemas.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

fn call(capability: &str, request: &str) -> nis2_core::Result<String> {
    nis2_core::api::call_json(capability, request, nis2_core::api::Detail::Explained)
}

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use nis2_core::catalog::export;
use nis2_core::catalog::model::{
    Confidence, Framework, MappingProvenance, NodeKind, Relationship, VerificationStatus,
};
use nis2_core::catalog::{catalogs, Catalogs};

fn cat() -> &'static Catalogs {
    catalogs().expect("embedded catalogs load")
}

fn fw(id: &str) -> &'static Framework {
    cat()
        .framework(id)
        .unwrap_or_else(|| panic!("framework {id}"))
}

fn count(fw: &Framework, class: &str, kind: Option<NodeKind>) -> usize {
    fw.nodes
        .iter()
        .filter(|n| n.class == class && kind.iter().all(|k| n.kind == *k))
        .count()
}

#[test]
fn frameworks_and_mappings_are_listed() {
    let ids: Vec<&str> = cat().frameworks.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "nis2",
            "cir-2024-2690",
            "iso27001-2022",
            "dmaerket",
            "dk-programme"
        ]
    );
    let maps: Vec<&str> = cat().mappings.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        maps,
        [
            "cir-2024-2690--nis2",
            "cir-2024-2690--iso27001-2022",
            "nis2--iso27001-2022",
            "dmaerket--nis2",
            "dmaerket--iso27001-2022"
        ]
    );
}

#[test]
fn cir_counts_13_sections_49_subsections_161_requirements() {
    let cir = fw("cir-2024-2690");
    assert_eq!(count(cir, "section", Some(NodeKind::Group)), 13);
    // Sub-sections: the headed ones (46 groups and 5.2, a sub-section that is one numbered
    // requirement), plus sections 7 and 9, whose points hang directly off the section.
    let headed = count(cir, "sub-section", None);
    let unheaded: Vec<&str> = cir
        .nodes
        .iter()
        .filter(|n| n.class == "section")
        .filter(|n| {
            cat()
                .children(&n.id)
                .iter()
                .all(|c| c.kind == NodeKind::Requirement && c.class == "requirement")
        })
        .map(|n| n.label.as_str())
        .collect();
    assert_eq!(unheaded, ["7", "9"]);
    assert_eq!(headed + unheaded.len(), 49);
    let reqs = cir
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Requirement)
        .count();
    assert_eq!(reqs, 161);
    // Per section, as in the Annex.
    let per_section: Vec<usize> = (1..=13)
        .map(|s| cat().leaves(&format!("CIR-2690:{s}")).len())
        .collect();
    assert_eq!(per_section, [8, 11, 22, 14, 8, 31, 3, 8, 3, 10, 21, 13, 9]);
}

#[test]
fn iso_counts_30_subclauses_93_controls() {
    let iso = fw("iso27001-2022");
    let subclause_leaves = iso
        .nodes
        .iter()
        .filter(|n| n.class == "sub-clause" && n.kind == NodeKind::Requirement)
        .count();
    assert_eq!(subclause_leaves, 30);
    assert_eq!(count(iso, "control", None), 93);
    let themes: Vec<usize> = ["A.5", "A.6", "A.7", "A.8"]
        .iter()
        .map(|t| cat().children(&format!("ISO27001:{t}")).len())
        .collect();
    assert_eq!(themes, [37, 8, 14, 34]);
    assert_eq!(count(iso, "clause", None), 7);
}

#[test]
fn nis2_catalog_has_the_articles_and_components() {
    for letter in 'a'..='j' {
        assert!(
            cat().node(&format!("NIS2:21.2.{letter}")).is_some(),
            "Art 21(2)({letter})"
        );
    }
    let kids =
        |id: &str| -> Vec<String> { cat().children(id).iter().map(|n| n.id.clone()).collect() };
    assert_eq!(
        kids("NIS2:21.2.c"),
        [
            "NIS2:21.2.c.continuity",
            "NIS2:21.2.c.backup",
            "NIS2:21.2.c.dr",
            "NIS2:21.2.c.crisis"
        ]
    );
    assert_eq!(
        kids("NIS2:21.2.j"),
        [
            "NIS2:21.2.j.mfa",
            "NIS2:21.2.j.comms",
            "NIS2:21.2.j.emergency"
        ]
    );
    assert_eq!(
        kids("NIS2:23.4"),
        [
            "NIS2:23.4.a",
            "NIS2:23.4.b",
            "NIS2:23.4.c",
            "NIS2:23.4.d",
            "NIS2:23.4.e"
        ]
    );
    for id in [
        "NIS2:20.1.approve",
        "NIS2:20.1.oversee",
        "NIS2:20.2.management",
        "NIS2:21.1",
        "NIS2:21.3",
        "NIS2:21.4",
        "NIS2:23.1.notify",
        "NIS2:23.1.recipients",
        "NIS2:23.2",
        "NIS2:3.4.submit",
        "NIS2:3.4.update",
        "NIS2:27.2",
        "NIS2:27.3",
    ] {
        assert!(cat().node(id).is_some(), "{id}");
    }
    // Art 27 binds only the eleven main-establishment types.
    let (_, n) = cat().node("NIS2:27.2").unwrap();
    assert_eq!(
        n.applicability
            .as_ref()
            .unwrap()
            .entity_types
            .as_ref()
            .unwrap()
            .len(),
        11
    );
}

#[test]
fn dmaerket_and_programme_structure() {
    let dm = fw("dmaerket");
    assert_eq!(count(dm, "criterion", None), 8);
    let scheme = dm.scheme.as_ref().unwrap();
    let groups: Vec<&str> = scheme
        .company_groups
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(groups, ["I", "II", "III", "IV"]);
    assert_eq!(
        scheme.minimum_criteria,
        ["DMAERKET:1", "DMAERKET:2", "DMAERKET:3", "DMAERKET:5"]
    );
    assert!(scheme
        .placement_rules
        .iter()
        .any(|r| r.status == VerificationStatus::Unverified));
    // What the public pages do not show is marked unverified.
    let (_, n) = cat().node("DMAERKET:6.3").unwrap();
    assert_eq!(n.status, Some(VerificationStatus::Unverified));
    assert!(n.note.is_some());
    // What was read on a public criteria page is verified, and the note names the page.
    for id in [
        "DMAERKET:1.3",
        "DMAERKET:1.3.1",
        "DMAERKET:1.7",
        "DMAERKET:3.3",
    ] {
        let (_, n) = cat().node(id).unwrap();
        assert_eq!(n.status, Some(VerificationStatus::Verified), "{id}");
        let note = n
            .note
            .as_ref()
            .map(|t| t.en.to_string())
            .unwrap_or_default();
        assert!(
            note.contains("d-maerket.dk") || note.contains("d-seal.eu") || note.contains("page"),
            "{id}: {note}"
        );
    }
    assert_eq!(
        cat().node("DMAERKET:1.3.1").unwrap().1.parent.as_deref(),
        Some("DMAERKET:1.3")
    );
    let prog = fw("dk-programme");
    assert_eq!(count(prog, "step", None), 8);
    for step in prog.nodes.iter().filter(|n| n.class == "step") {
        assert!(
            !cat().children(&step.id).is_empty(),
            "{} has tasks",
            step.id
        );
    }
    for n in &prog.nodes {
        assert!(!n.implements.is_empty(), "{} serves an article", n.id);
        for i in &n.implements {
            assert!(i.starts_with("NIS2:"), "{} implements {i}", n.id);
        }
    }
}

#[test]
fn ids_are_unique_and_parents_resolve() {
    let mut seen = HashSet::new();
    let mut oscal = HashSet::new();
    for f in &cat().frameworks {
        for n in &f.nodes {
            assert!(seen.insert(n.id.clone()), "duplicate id {}", n.id);
            assert!(
                oscal.insert(export::oscal_id(&n.id)),
                "OSCAL id clash {}",
                n.id
            );
            assert!(n.id.starts_with(&format!("{}:", f.id_prefix)), "{}", n.id);
            if let Some(p) = &n.parent {
                let (pf, pn) = cat().node(p).unwrap();
                assert_eq!(pf.id, f.id);
                assert_eq!(pn.kind, NodeKind::Group, "{} parent {p}", n.id);
            }
            let has_kids = !cat().children(&n.id).is_empty();
            assert_eq!(has_kids, n.kind == NodeKind::Group, "{}", n.id);
            assert!(
                !n.title.en.trim().is_empty() && !n.title.da.trim().is_empty(),
                "{}",
                n.id
            );
            assert!(n.applicability.is_some() && n.status.is_some(), "{}", n.id);
        }
    }
}

#[test]
fn every_mapping_endpoint_resolves_and_pairs_are_unique() {
    for m in &cat().mappings {
        let mut pairs = HashSet::new();
        assert!(!m.entries.is_empty(), "{}", m.id);
        for e in &m.entries {
            let (ff, _) = cat()
                .node(&e.from)
                .unwrap_or_else(|| panic!("{}: {}", m.id, e.from));
            let (tf, _) = cat()
                .node(&e.to)
                .unwrap_or_else(|| panic!("{}: {}", m.id, e.to));
            assert_eq!(ff.id, m.from, "{}: {}", m.id, e.from);
            assert_eq!(tf.id, m.to, "{}: {}", m.id, e.to);
            assert!(
                pairs.insert((&e.from, &e.to)),
                "{}: duplicate {} → {}",
                m.id,
                e.from,
                e.to
            );
            assert!(
                !e.rationale.en.trim().is_empty() && !e.rationale.da.trim().is_empty(),
                "{}: {} → {} needs a rationale",
                m.id,
                e.from,
                e.to
            );
            if let Some(orig) = e.original_relationship {
                assert_eq!(orig, Relationship::Intersects);
                assert_ne!(e.relationship, Relationship::Intersects);
                assert_eq!(e.provenance, MappingProvenance::OwnAnalysis);
            }
            if e.provenance == MappingProvenance::Derived {
                assert!(!e.via.is_empty() && !e.basis.is_empty());
            }
        }
    }
}

#[test]
fn every_cir_requirement_cites_an_existing_art_21_2_point() {
    let c = cat();
    let to_nis2 = c.mapping("cir-2024-2690--nis2").unwrap();
    for n in fw("cir-2024-2690").nodes.iter() {
        assert!(!n.implements.is_empty(), "{}", n.id);
        for p in &n.implements {
            let (pf, pn) = c.node(p).unwrap_or_else(|| panic!("{} cites {p}", n.id));
            assert_eq!(pf.id, "nis2");
            assert_eq!(pn.class, "point", "{} cites {p}", n.id);
            assert!(p.starts_with("NIS2:21.2."), "{p}");
        }
        if n.kind == NodeKind::Requirement {
            // Mapped, by the regulation, into the cited point (or a component of it).
            let primary: Vec<_> = to_nis2
                .entries
                .iter()
                .filter(|e| e.from == n.id && e.relationship == Relationship::Subset)
                .filter(|e| e.confidence == Confidence::High)
                .collect();
            assert!(!primary.is_empty(), "{} has no regulation pair", n.id);
            for e in primary {
                assert!(
                    n.implements
                        .iter()
                        .any(|p| *p == e.to || c.is_ancestor(p, &e.to)),
                    "{} → {} is outside its cited point",
                    n.id,
                    e.to
                );
            }
        }
    }
    // Section 11 cites (i) and (j); 11.7 (multi-factor authentication) serves (j).
    let (_, s11) = c.node("CIR-2690:11").unwrap();
    assert_eq!(s11.implements, ["NIS2:21.2.i", "NIS2:21.2.j"]);
    let (_, r) = c.node("CIR-2690:11.7.1").unwrap();
    assert_eq!(r.implements, ["NIS2:21.2.j"]);
    // The 2024/2690 Annex binds only the eleven digital provider types.
    let app = &fw("cir-2024-2690").applicability;
    let types: BTreeSet<&str> = app
        .entity_types
        .as_ref()
        .unwrap()
        .iter()
        .map(String::as_str)
        .collect();
    let expected: BTreeSet<&str> = [
        "NIS2-I-08-02",
        "NIS2-I-08-03",
        "NIS2-I-08-04",
        "NIS2-I-08-05",
        "NIS2-I-08-06",
        "NIS2-I-08-07",
        "NIS2-I-09-01",
        "NIS2-I-09-02",
        "NIS2-II-06-01",
        "NIS2-II-06-02",
        "NIS2-II-06-03",
    ]
    .into_iter()
    .collect();
    assert_eq!(types, expected);
    let et = nis2_core::entity_types::catalog().unwrap();
    for t in &expected {
        assert!(et.get(t).unwrap().cir_2024_2690, "{t}");
    }
}

#[test]
fn citations_are_well_formed() {
    let patterns: BTreeMap<&str, &str> = [
        (
            "nis2",
            r"^Art\. \d{1,2}(\(\d\))?(\([a-j]\))?(, (first|second) subparagraph)?(, (first|second) sentence)?$",
        ),
        ("cir-2024-2690", r"^CIR 2024/2690 Annex \d{1,2}(\.\d{1,2}){0,2}$"),
        (
            "iso27001-2022",
            r"^ISO/IEC 27001:2022 (clause (4|5|6|7|8|9|10)(\.\d){0,2}|Annex A|A\.[5-8](\.\d{1,2})?)$",
        ),
        ("dmaerket", r"^D-mærket criterion [1-8](\.\d){0,2}$"),
        ("dk-programme", r"^IT-Branchen NIS2 guide, step [1-8]$"),
    ]
    .into_iter()
    .collect();
    for f in &cat().frameworks {
        let re = regex::Regex::new(patterns[f.id.as_str()]).unwrap();
        for n in &f.nodes {
            assert!(
                re.is_match(&n.citation),
                "{}: citation `{}`",
                n.id,
                n.citation
            );
        }
    }
    // Labels agree with ids.
    for n in &fw("iso27001-2022").nodes {
        let tail = n.id.split_once(':').unwrap().1;
        if n.class != "annex" {
            assert_eq!(n.label, tail, "{}", n.id);
            assert!(n.citation.ends_with(tail), "{}", n.id);
        }
    }
    for n in &fw("cir-2024-2690").nodes {
        let tail = n.id.split_once(':').unwrap().1;
        assert_eq!(n.label, tail);
        assert!(n.citation.ends_with(tail), "{}", n.id);
    }
}

#[test]
fn every_data_file_states_source_and_licence() {
    for f in &cat().frameworks {
        for (what, s) in [
            ("licence", &f.licence),
            ("source_document", &f.source_document),
            ("provenance.source", &f.provenance.source),
            ("provenance.retrieved_from", &f.provenance.retrieved_from),
            ("provenance.licence", &f.provenance.licence),
            ("provenance.notes", &f.provenance.notes),
        ] {
            assert!(s.trim().len() > 10, "{}: {what}", f.id);
        }
        assert!(f.last_modified.ends_with('Z'), "{}", f.id);
    }
    for m in &cat().mappings {
        for (what, s) in [
            ("provenance.source", &m.provenance.source),
            ("provenance.retrieved_from", &m.provenance.retrieved_from),
            ("provenance.licence", &m.provenance.licence),
            ("provenance.notes", &m.provenance.notes),
        ] {
            assert!(s.trim().len() > 10, "{}: {what}", m.id);
        }
    }
    let enisa = cat().mapping("cir-2024-2690--iso27001-2022").unwrap();
    assert!(enisa.provenance.licence.contains("CC BY 4.0"));
    assert!(enisa.provenance.source.contains("ENISA"));
    assert!(enisa.provenance.notes.contains("Changes made"));
    // ISO: identifiers and short titles only.
    assert!(fw("iso27001-2022").licence.contains("no ISO text"));
}

/// The NIS2 → ISO pairs for Art 21(2) recomputed here, independently, from the two CIR
/// mappings and the composition table.
#[test]
fn derived_mapping_is_the_composition_of_its_sources() {
    let c = cat();
    let to_nis2 = c.mapping("cir-2024-2690--nis2").unwrap();
    let to_iso = c.mapping("cir-2024-2690--iso27001-2022").unwrap();
    let derived = c.mapping("nis2--iso27001-2022").unwrap();
    let mut expect: BTreeMap<(String, String), (u8, Confidence)> = BTreeMap::new();
    for a in &to_nis2.entries {
        for b in to_iso.entries.iter().filter(|b| b.from == a.from) {
            let Some(r) = a.relationship.inverse().compose(b.relationship) else {
                continue;
            };
            let conf = a.confidence.min(b.confidence);
            let slot = expect
                .entry((a.to.clone(), b.to.clone()))
                .or_insert((r.strength(), conf));
            if (r.strength(), conf) > *slot {
                *slot = (r.strength(), conf);
            }
        }
    }
    let got: BTreeMap<(String, String), (u8, Confidence)> = derived
        .entries
        .iter()
        .filter(|e| e.provenance == MappingProvenance::Derived)
        .map(|e| {
            (
                (e.from.clone(), e.to.clone()),
                (e.relationship.strength(), e.confidence),
            )
        })
        .collect();
    assert_eq!(got, expect);
    assert!(got.len() > 100);
    // The hand-written pairs cover what the pivot cannot reach.
    for e in derived
        .entries
        .iter()
        .filter(|e| e.provenance != MappingProvenance::Derived)
    {
        assert_eq!(e.provenance, MappingProvenance::OwnAnalysis);
        assert!(!expect.contains_key(&(e.from.clone(), e.to.clone())));
    }
    // Art 21(2)(d) reaches A.5.19 through CIR 5.1.
    let d = derived
        .entries
        .iter()
        .find(|e| e.from == "NIS2:21.2.d" && e.to == "ISO27001:A.5.19")
        .unwrap();
    assert_eq!(d.relationship, Relationship::Intersects);
    assert!(d.via.iter().all(|v| v.starts_with("CIR-2690:5.")));
}

fn shared_dir() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut candidates = Vec::new();
    if let Ok(d) = std::env::var("NIS2_SHARED_DIR") {
        candidates.push(PathBuf::from(d));
    }
    candidates.push(manifest.join("../../shared"));
    candidates.push(PathBuf::from("/work/shared"));
    candidates.into_iter().find(|d| {
        d.join("reference/enisa-cir2690-to-iso27001-2022.csv")
            .exists()
    })
}

/// Every pair of ENISA's CSV is in the mapping (lettered items folded into their numbered
/// requirement; the row keyed `1` read as 12.5.1), and every `enisa` pair is in the CSV.
#[test]
fn enisa_mapping_matches_its_csv() {
    let Some(dir) = shared_dir() else {
        eprintln!("shared/reference not found: ENISA CSV cross-check skipped");
        return;
    };
    let text =
        std::fs::read_to_string(dir.join("reference/enisa-cir2690-to-iso27001-2022.csv")).unwrap();
    let mut csv: BTreeSet<(String, String)> = BTreeSet::new();
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let (cir, iso) = line.split_once(',').unwrap();
        let mut parts: Vec<&str> = cir.split('.').collect();
        if parts
            .last()
            .unwrap()
            .chars()
            .all(|c| c.is_ascii_alphabetic())
        {
            parts.pop();
        }
        let mut num = parts.join(".");
        if num == "1" {
            num = "12.5.1".to_owned();
        }
        csv.insert((
            format!("CIR-2690:{num}"),
            format!("ISO27001:{}", iso.trim()),
        ));
    }
    let m = cat().mapping("cir-2024-2690--iso27001-2022").unwrap();
    let ours: BTreeMap<(String, String), &nis2_core::catalog::MappingEntry> = m
        .entries
        .iter()
        .map(|e| ((e.from.clone(), e.to.clone()), e))
        .collect();
    for pair in &csv {
        let e = ours
            .get(pair)
            .unwrap_or_else(|| panic!("CSV pair {pair:?} missing"));
        assert!(
            e.provenance == MappingProvenance::Enisa || e.original_relationship.is_some(),
            "{pair:?}"
        );
    }
    for (pair, e) in &ours {
        if e.provenance == MappingProvenance::Enisa || e.original_relationship.is_some() {
            assert!(csv.contains(pair), "{pair:?} is not ENISA's");
        }
    }
    assert_eq!(csv.len(), 416);
}

fn schema(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/catalogs/oscal-schemas")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn validate(validator: &jsonschema::Validator, doc: &serde_json::Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid OSCAL:\n{}",
        errors.join("\n")
    );
}

#[test]
fn oscal_exports_validate() {
    let catalog_schema = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema("oscal_catalog_schema.json"))
        .unwrap();
    let mapping_schema = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema("oscal_mapping_schema.json"))
        .unwrap();
    let c = cat();
    for id in export::OSCAL_CATALOGS {
        let doc = export::oscal_catalog(c, fw(id));
        validate(&catalog_schema, &doc, id);
        // Every requirement is a control; ids resolve.
        let text = doc.to_string();
        for n in fw(id)
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Requirement)
        {
            assert!(
                text.contains(&format!("\"id\":\"{}\"", export::oscal_id(&n.id))),
                "{}",
                n.id
            );
        }
    }
    for m in &c.mappings {
        let doc = export::oscal_mapping(c, m);
        validate(&mapping_schema, &doc, &m.id);
        let maps = &doc["mapping-collection"]["mappings"][0]["maps"];
        assert_eq!(maps.as_array().unwrap().len(), m.entries.len());
    }
    // A broken document is caught (the validator is live).
    let mut bad = export::oscal_catalog(c, fw("nis2"));
    bad["catalog"]["uuid"] = serde_json::Value::String("not-a-uuid".into());
    assert!(!catalog_schema.is_valid(&bad));
    // Token patterns (XML `\p{L}` classes) are enforced too.
    let mut bad = export::oscal_catalog(c, fw("nis2"));
    bad["catalog"]["groups"][0]["id"] = serde_json::Value::String("3:bad id".into());
    assert!(!catalog_schema.is_valid(&bad));
    let mut bad = export::oscal_mapping(c, &c.mappings[0]);
    bad["mapping-collection"]["metadata"]["last-modified"] =
        serde_json::Value::String("yesterday".into());
    assert!(!mapping_schema.is_valid(&bad));
}

#[test]
fn exports_are_deterministic() {
    let c = cat();
    for f in &c.frameworks {
        for format in ["json", "csv", "oscal"] {
            if format == "oscal" && !export::has_oscal_catalog(f) {
                continue;
            }
            let req = format!(
                r#"{{"op":"export","framework":"{}","format":"{format}"}}"#,
                f.id
            );
            let a = call("catalog", &req).unwrap();
            let b = call("catalog", &req).unwrap();
            assert_eq!(a, b);
        }
    }
    for m in &c.mappings {
        for format in ["json", "csv", "oscal"] {
            let req = format!(
                r#"{{"op":"export","mapping":"{}","format":"{format}"}}"#,
                m.id
            );
            let a = call("catalog", &req).unwrap();
            assert_eq!(a, call("catalog", &req).unwrap());
        }
    }
    // UUIDs are version 5 and stable.
    let u = export::uuid_for("catalog/nis2");
    assert_eq!(u.as_bytes()[14], b'5');
    assert_eq!(u, export::uuid_for("catalog/nis2"));
}

#[test]
fn csv_exports_have_one_row_per_node_or_pair() {
    let c = cat();
    for f in &c.frameworks {
        let csv = export::catalog_csv(f);
        assert_eq!(csv.matches("\r\n").count(), f.nodes.len() + 1, "{}", f.id);
    }
    for m in &c.mappings {
        let csv = export::mapping_csv(c, m);
        assert!(csv.starts_with("mapping,from,"));
        // Quoted fields may not contain line breaks, so rows = lines.
        assert_eq!(csv.matches("\r\n").count(), m.entries.len() + 1, "{}", m.id);
    }
}
