//! Fuzz target `call_screen` (see `nis2_fuzz::harness::TARGETS`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| nis2_fuzz::harness::run("call_screen", data));
