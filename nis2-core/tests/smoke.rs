#![allow(clippy::unwrap_used, missing_docs)]
#[test]
fn print_examples() {
    for f in ["aarhus-water", "nordic-msp", "manufacturer-40-staff"] {
        let s = std::fs::read_to_string(format!(
            "{}/../examples/{f}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let out = nis2_core::ffi::scope_json(&s).unwrap();
        println!("{out}");
    }
}
