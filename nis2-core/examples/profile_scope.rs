//! Runs `scope` many times (for profilers): `cargo run --release --example profile_scope -- verdict|explained|json|json-verdict|call-verdict|write-verdict N`
//! (the profile: the file `NIS2_PROFILE` names, or a 40-staff Annex II manufacturer).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("verdict", String::as_str);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    // The profile: the file named by `NIS2_PROFILE`, or a 40-staff Annex II manufacturer.
    let file = std::env::var("NIS2_PROFILE")
        .ok()
        .map(|path| std::fs::read_to_string(path).unwrap());
    let text = file.as_deref().unwrap_or(
        r#"{"member_state":"DK","activities":[{"entity_type":"NIS2-II-05b-01"}],
        "size":{"staff_headcount":40,"annual_turnover_eur":12000000,"balance_sheet_total_eur":12000000}}"#,
    );
    let p: nis2_core::Profile = serde_json::from_str(text).unwrap();
    let mut total = 0usize;
    // The parts of a JSON call: the response written again and again, or the text read into
    // a request (and decided) without writing the response.
    let written = nis2_core::api::call(
        "scope",
        nis2_core::api::Input::Text(text),
        nis2_core::api::Detail::Verdict,
    )
    .unwrap();
    for _ in 0..n {
        match mode {
            "verdict" => total += nis2_core::scope::verdict(&p).unwrap().reasons.len(),
            "explained" => total += nis2_core::scope(&p).unwrap().trace.len(),
            "write-verdict" => total += written.with_json(<[u8]>::len).unwrap(),
            "call-verdict" => {
                total += nis2_core::api::call(
                    "scope",
                    nis2_core::api::Input::Text(text),
                    nis2_core::api::Detail::Verdict,
                )
                .is_ok() as usize
            }
            "json-verdict" => {
                total += nis2_core::api::call_json("scope", text, nis2_core::api::Detail::Verdict)
                    .unwrap()
                    .len()
            }
            _ => {
                total += nis2_core::api::call_json("scope", text, nis2_core::api::Detail::Explained)
                    .unwrap()
                    .len()
            }
        }
    }
    println!(
        "{total} ({} allocations per call)",
        ALLOCS.load(Ordering::Relaxed) / n.max(1)
    );
}
