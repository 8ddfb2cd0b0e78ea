//! Replays every saved fuzz input on stable, through the same checks as the cargo-fuzz targets
//! (`fuzz/src/harness.rs`, included here): the minimised corpus `fuzz/corpus/<target>/*` and the
//! crash regressions `fuzz/regressions/<target>/*`, one named test per file
//! (`call_scope/0a1b…`). So CI checks the corpus without nightly; `scripts/fuzz.sh` grows it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

#[allow(dead_code)]
#[path = "../../fuzz/src/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    out.retain(|p| {
        p.is_file()
            && !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    });
    out.sort();
    out
}

fn replay(target: &'static str, path: &Path) -> Result<(), Failed> {
    let data = std::fs::read(path).map_err(|e| e.to_string())?;
    std::panic::catch_unwind(|| harness::run(target, &data)).map_err(|p| {
        let why = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        Failed::from(format!("{}: {why}", path.display()))
    })
}

fn main() {
    let args = Arguments::from_args();
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut trials = Vec::new();
    let mut corpus_files = 0;
    for (target, _) in harness::TARGETS {
        for (kind, dir) in [("corpus", "corpus"), ("regression", "regressions")] {
            for path in files(&fuzz.join(dir).join(target)) {
                if kind == "corpus" {
                    corpus_files += 1;
                }
                let name = format!("{target}/{}", path.file_name().unwrap().to_string_lossy());
                trials.push(Trial::test(name, move || replay(target, &path)).with_kind(kind));
            }
        }
    }
    assert!(corpus_files > 0, "no fuzz corpus in {}", fuzz.display());
    libtest_mimic::run(&args, trials).exit();
}
