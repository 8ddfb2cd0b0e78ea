#!/usr/bin/env bash
# Runs every test of the project: versions, Rust (fmt, clippy, unit, conformance vectors, CLI
# snapshots, property tests, the fuzz corpus replayed, a fuzz smoke run (nightly), cargo package,
# schema freshness), Python (wheel, pytest, mypy stubtest),
# the register example on one machine, with PySpark and with Dask (scripts/test-distributed.sh),
# WebAssembly (build, wasm-opt, node tests), the release artefacts (scripts/test-dist.sh: built
# into dist/ and smoke-installed) and the calculator in Chromium.
# Installs what it needs, idempotently (rustup target, the nightly toolchain and cargo-fuzz,
# wasm-bindgen-cli, npm packages, a Python venv with pyspark and dask, Java 17 and chromium from Debian); a brand-new machine needs only the Rust toolchain, python3 and node/npm.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# A full run builds everything once, from clean: incremental state (about 5 GB here) is never
# reused, and full debug info for every dependency doubles the test binaries' size. Line tables
# keep backtraces readable. With both, a run from a clean clone leaves 9.2 GB (target/ 5.1 GB,
# the fuzz builds 2.5 GB, the venv 1.4 GB; it was about 16 GB). Both can be overridden from the
# environment.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}"

section() { printf '\n==== %s ====\n' "$*"; }

section "disk: free space where the build goes (a full run from a clean clone takes about 9 GB)"
df -h . | sed -n '1,2p' || true
FREE_KB=$(df -Pk . 2>/dev/null | awk 'NR == 2 { print $4 }' || true)
if [[ "$FREE_KB" =~ ^[0-9]+$ ]] && [ "$FREE_KB" -lt $((10 * 1024 * 1024)) ]; then
  echo "warning: less than 10 GB free here; the run may stop on a full disk (No space left on device)" >&2
fi

section "versions: one for every crate and package"
bash scripts/check-versions.sh

section "rust: format"
cargo fmt --all --check

section "rust: clippy (-D warnings)"
cargo clippy --workspace --all-targets -- -D warnings

section "rust: tests (core, CLI snapshots, conformance vectors; the Python binding's own unit tests)"
cargo test -p nis2-core -p nis2-cli
cargo test -p nis2-py --lib

section "fuzzing: a short smoke run of every cargo-fuzz target (nightly; the saved corpus is replayed by cargo test above)"
FUZZ_SMOKE_SECONDS="${FUZZ_SMOKE_SECONDS:-5}" bash scripts/fuzz.sh smoke

section "cargo package (dry run: nis2-core and nis2-cli packaged together and built from the tarballs; the bindings listed)"
# The publishable crates are verified (built from their packaged sources, so nothing may reach
# outside its folder at build time); the binding crates (publish = false: they ship as a wheel
# and npm packages) are only packaged, which checks their manifests and file lists.
# (The tests and benches read the repository and are left out of the packages, by `exclude`:
# cargo's notes on each are filtered.)
# Cargo unpacks the packaged nis2-core from a temporary local registry into its registry cache
# (a directory named after the registry's path) and reuses an unpacked copy of the same version
# from an earlier run without unpacking it again: drop those copies so the tarball just built is
# what the CLI is verified against.
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/nis2-core-*
cargo package -p nis2-core -p nis2-cli --allow-dirty 2>&1 | { grep -v '^warning: ignoring \(test\|benchmark\) ' || true; }
# (nis2-core goes with them: packaging resolves it from the packages made in the same run.)
cargo package --workspace --allow-dirty --no-verify --quiet 2>&1 | { grep -v '^warning: ignoring \(test\|benchmark\) ' || true; }

section "schemas: freshness"
cargo run -q -p nis2-cli -- schema --check schemas

section "CLI binary for cross-surface byte checks"
cargo build -q -p nis2-cli
export NIS2_CLI="$PWD/target/debug/nis2"

section "python"
bash scripts/test-python.sh

section "screening a register with Spark and Dask (Java, pyspark, dask installed idempotently)"
bash scripts/test-distributed.sh

section "webassembly"
bash scripts/test-wasm.sh

section "release artefacts: build dist/, then install and smoke-test each one"
bash scripts/test-dist.sh

if [ -f scripts/test-browser.sh ]; then
  section "browser (Chromium)"
  bash scripts/test-browser.sh
fi

section "all tests passed"
