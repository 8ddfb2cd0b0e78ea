//! Fuzz target `typed_risk_register` (see `nis2_fuzz::harness::TARGETS`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| nis2_fuzz::harness::run("typed_risk_register", data));
