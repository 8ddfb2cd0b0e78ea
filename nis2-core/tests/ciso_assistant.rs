//! CISO Assistant libraries (`catalog` op `export`, format `ciso_assistant`): every framework
//! and every mapping (with our framework URNs and with CISO Assistant's shipped ones) validates
//! against our schema of the subset we emit (`schemas/ciso-assistant-library.schema.json`),
//! uses URNs the loader accepts (lower case, unique, parents before children), keeps ISO/IEC
//! 27001 to identifiers and short titles, and comes out the same every time. The Python suite
//! reads the YAML back with `yaml.safe_load`, as CISO Assistant does.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::HashSet;

use nis2_core::catalog::ciso::{self, Library, URN_PATTERN};
use nis2_core::catalog::data::catalogs;
use serde_json::{json, Value};

fn validator() -> jsonschema::Validator {
    let schema = nis2_core::schema::schema_for("ciso-assistant-library").unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn check(v: &jsonschema::Validator, lib: &Library, what: &str) {
    let doc = serde_json::to_value(lib).unwrap();
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
    let urn = regex::Regex::new(URN_PATTERN).unwrap();
    let mut urns = Vec::new();
    collect_urns(&doc, &mut urns);
    for u in &urns {
        assert!(
            urn.is_match(u),
            "{what}: `{u}` is not a URN the loader accepts"
        );
        assert_eq!(*u, u.to_lowercase(), "{what}: URNs are lower case");
    }
    assert!(
        !lib.urn.contains(":intuitem:"),
        "{what}: `intuitem` is reserved"
    );
}

fn collect_urns(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k.ends_with("urn") {
                    if let Some(s) = x.as_str() {
                        out.push(s.to_owned());
                    }
                }
                if k == "dependencies" {
                    out.extend(
                        x.as_array()
                            .unwrap()
                            .iter()
                            .map(|d| d.as_str().unwrap().to_owned()),
                    );
                }
                collect_urns(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_urns(x, out)),
        _ => {}
    }
}

#[test]
fn every_framework_is_a_valid_framework_library() {
    let cat = catalogs().unwrap();
    let v = validator();
    for fw in &cat.frameworks {
        let lib = ciso::framework_library(cat, fw);
        check(&v, &lib, &fw.id);
        let f = lib.objects.framework.as_ref().unwrap();
        assert_eq!(f.requirement_nodes.len(), fw.nodes.len(), "{}", fw.id);
        let mut seen = HashSet::new();
        let refs: HashSet<&str> = f
            .requirement_nodes
            .iter()
            .map(|n| n.ref_id.as_str())
            .collect();
        assert_eq!(refs.len(), fw.nodes.len(), "{}: ref_ids are unique", fw.id);
        for (n, ours) in f.requirement_nodes.iter().zip(&fw.nodes) {
            if let Some(p) = &n.parent_urn {
                assert!(
                    seen.contains(p),
                    "{}: a parent comes before its children",
                    fw.id
                );
            } else {
                assert_eq!(n.depth, 1);
            }
            assert!(seen.insert(n.urn.clone()), "{}: `{}` twice", fw.id, n.urn);
            assert!(n.ref_id.starts_with(&ours.label), "{}", n.ref_id);
            assert_eq!(
                n.assessable,
                ours.kind == nis2_core::catalog::model::NodeKind::Requirement
            );
            assert!(n.translations.contains_key("da"));
            // The only text besides the title is our own note.
            assert_eq!(
                n.description.as_deref(),
                ours.note.as_ref().map(|t| t.en.as_ref())
            );
        }
        assert_eq!(lib.locale, "en");
        assert_eq!(lib.packager, "nis2");
        if fw.id == "iso27001-2022" {
            // Identifiers and short titles only (a description is our own note, checked above).
            for n in &f.requirement_nodes {
                assert!(n.name.len() < 120, "{}", n.urn);
            }
        }
    }
}

#[test]
fn every_mapping_is_a_valid_mapping_library_both_ways() {
    let cat = catalogs().unwrap();
    let v = validator();
    for m in &cat.mappings {
        for shipped in [false, true] {
            let lib = ciso::mapping_library(cat, m, shipped).unwrap();
            check(&v, &lib, &format!("{} (shipped: {shipped})", m.id));
            let sets = &lib.objects.requirement_mapping_sets;
            assert_eq!(sets.len(), 2);
            assert_eq!(sets[0].requirement_mappings.len(), m.entries.len());
            assert_eq!(sets[1].requirement_mappings.len(), m.entries.len());
            assert_eq!(sets[0].source_framework_urn, sets[1].target_framework_urn);
            assert_eq!(lib.dependencies.len(), 2);
            // Every node a pair names is a node of the framework library it depends on (ours).
            if !shipped {
                let nodes: HashSet<String> = [&m.from, &m.to]
                    .iter()
                    .flat_map(|f| {
                        let fw = cat.framework(f).unwrap();
                        ciso::framework_library(cat, fw)
                            .objects
                            .framework
                            .unwrap()
                            .requirement_nodes
                            .into_iter()
                            .map(|n| n.urn)
                    })
                    .collect();
                for p in &sets[0].requirement_mappings {
                    assert!(
                        nodes.contains(&p.source_requirement_urn),
                        "{}",
                        p.source_requirement_urn
                    );
                    assert!(
                        nodes.contains(&p.target_requirement_urn),
                        "{}",
                        p.target_requirement_urn
                    );
                }
            }
            for (f, r) in sets[0]
                .requirement_mappings
                .iter()
                .zip(&sets[1].requirement_mappings)
            {
                assert_eq!(f.source_requirement_urn, r.target_requirement_urn);
            }
        }
    }
}

#[test]
fn shipped_frameworks_use_ciso_assistants_urns() {
    let cat = catalogs().unwrap();
    let m = cat.mapping("cir-2024-2690--iso27001-2022").unwrap();
    let lib = ciso::mapping_library(cat, m, true).unwrap();
    let set = &lib.objects.requirement_mapping_sets[0];
    assert_eq!(
        set.source_framework_urn,
        "urn:intuitem:risk:framework:annex-technical-and-methodological-requirements-nis2"
    );
    assert_eq!(
        set.target_framework_urn,
        "urn:intuitem:risk:framework:iso27001-2022"
    );
    assert!(set
        .requirement_mappings
        .iter()
        .any(|p| p.target_requirement_urn == "urn:intuitem:risk:req_node:iso27001-2022:a.5.19"));
    assert_eq!(
        lib.dependencies,
        [
            "urn:intuitem:risk:library:annex-technical-and-methodological-requirements-nis2",
            "urn:intuitem:risk:library:iso27001-2022"
        ]
    );
}

fn export(req: &Value) -> nis2_core::Result<Value> {
    let out = nis2_core::api::call_json(
        "catalog",
        &req.to_string(),
        nis2_core::api::Detail::Explained,
    )?;
    Ok(serde_json::from_str(&out).unwrap())
}

#[test]
fn the_export_op_gives_yaml_the_same_every_time() {
    let req = json!({"op": "export", "framework": "nis2", "format": "ciso_assistant"});
    let a = export(&req).unwrap();
    assert_eq!(a, export(&req).unwrap());
    assert_eq!(a["media_type"], "application/yaml");
    assert_eq!(a["file_name"], "nis2.ciso-assistant.yaml");
    let text = a["content"].as_str().unwrap();
    assert!(text.contains("\nurn: \"urn:nis2:risk:library:nis2\"\n"));
    assert!(text.contains("\n    requirement_nodes:\n    - urn: "));
}

#[test]
fn the_shipped_option_is_only_for_mapping_libraries() {
    for req in [
        json!({"op": "export", "framework": "nis2", "format": "ciso_assistant", "ciso_assistant_frameworks": true}),
        json!({"op": "export", "mapping": "nis2--iso27001-2022", "format": "oscal", "ciso_assistant_frameworks": true}),
    ] {
        let e = export(&req).unwrap_err();
        assert_eq!(
            e.report().path.as_deref(),
            Some("$.ciso_assistant_frameworks"),
            "{e}"
        );
    }
}
