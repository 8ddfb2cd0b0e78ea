//! The JSON Schemas in `schemas/` must equal the ones generated from the core types.
//! Regenerate with `cargo run -p nis2-cli -- schema --write schemas`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[test]
fn schemas_are_fresh() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let mut stale = Vec::new();
    for kind in nis2_core::schema::kinds() {
        let file = nis2_core::schema::file_name(&kind);
        let generated =
            serde_json::to_string_pretty(&nis2_core::schema::schema_for(&kind).unwrap()).unwrap()
                + "\n";
        let on_disk = std::fs::read_to_string(dir.join(&file)).unwrap_or_default();
        if generated != on_disk {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: run `cargo run -p nis2-cli -- schema --write schemas`"
    );
}

#[test]
fn embedded_data_matches_its_schema_types() {
    // Parsing is strict (deny_unknown_fields); these fail the build's tests, not a user's call.
    let cat = nis2_core::entity_types::catalog().unwrap();
    assert_eq!(cat.entity_types.len(), 73);
    nis2_core::overlay::data().unwrap();
}
