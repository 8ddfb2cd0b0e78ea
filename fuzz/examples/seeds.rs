//! Writes the seed corpus of every fuzz target into `DIR/<target>/` (file names are content
//! hashes, so running it again adds nothing):
//!
//! - `call_<capability>`: the inputs of the conformance vectors of that capability
//!   (`tests/vectors/<capability>/*.json`, compact and indented) and the `input_text` of every
//!   malformed vector for it (`tests/vectors/malformed/*.json`);
//! - `render`: every vector's `expected` document and its verdict, with a format/language byte;
//! - `typed_*`: one input per vector document the target edits, and a few from nothing.
//!
//! Usage: `cargo run --manifest-path fuzz/Cargo.toml --example seeds -- DIR`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use nis2_core::api::{self, Detail, Input};
use nis2_fuzz::harness::{vector_inputs, TARGETS};
use serde_json::Value;

const CAPABILITIES: &[&str] = &[
    "scope",
    "screen",
    "catalog",
    "risk",
    "programme",
    "assessment",
    "reference",
];

fn fnv(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("seed-{h:016x}")
}

fn write(dir: &Path, target: &str, bytes: &[u8]) -> usize {
    let d = dir.join(target);
    std::fs::create_dir_all(&d).unwrap();
    let path = d.join(fnv(bytes));
    if path.exists() {
        return 0;
    }
    std::fs::write(path, bytes).unwrap();
    1
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: seeds DIR");
    let dir = Path::new(&dir);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut counts = std::collections::BTreeMap::new();
    let mut add = |target: &str, bytes: &[u8]| {
        *counts.entry(target.to_owned()).or_insert(0) += write(dir, target, bytes);
    };
    for cap in CAPABILITIES {
        let target = format!("call_{cap}");
        for input in vector_inputs(cap) {
            add(&target, serde_json::to_string(&input).unwrap().as_bytes());
            add(
                &target,
                serde_json::to_string_pretty(&input).unwrap().as_bytes(),
            );
        }
    }
    for request in [
        r#"{"op":"entity_types"}"#,
        r#"{"op":"member_states"}"#,
        r#"{"op":"labels"}"#,
        r#"{"op":"labels","lang":"da"}"#,
    ] {
        add("call_reference", request.as_bytes());
    }
    let malformed = repo.join("tests/vectors/malformed");
    if let Ok(entries) = std::fs::read_dir(&malformed) {
        for e in entries {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let v: Value = serde_json::from_str(&text).unwrap();
            let (Some(cap), Some(input)) = (v["capability"].as_str(), v["input_text"].as_str())
            else {
                continue;
            };
            if CAPABILITIES.contains(&cap) {
                add(&format!("call_{cap}"), input.as_bytes());
            }
        }
    }
    let mut k = 0u8;
    for cap in &CAPABILITIES[..5] {
        for input in vector_inputs(cap) {
            for detail in [Detail::Explained, Detail::Verdict] {
                if let Ok(doc) = api::call(cap, Input::Value(input.clone()), detail) {
                    let mut bytes = vec![k % 8];
                    bytes.extend(doc.to_json().unwrap().into_bytes());
                    add("render", &bytes);
                    k = k.wrapping_add(1);
                }
            }
        }
    }
    for (target, _) in TARGETS.iter().filter(|(t, _)| t.starts_with("typed_")) {
        for seed in nis2_fuzz::harness::typed_seeds(target) {
            add(target, &seed);
        }
    }
    for (target, n) in counts {
        println!("{target}: {n} new seeds");
    }
}
