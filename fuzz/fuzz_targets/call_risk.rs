//! Fuzz target `call_risk` (see `nis2_fuzz::harness::TARGETS`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| nis2_fuzz::harness::run("call_risk", data));
