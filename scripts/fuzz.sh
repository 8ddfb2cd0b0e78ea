#!/usr/bin/env bash
# Fuzzes the engine's JSON boundary with cargo-fuzz (libFuzzer): the targets of fuzz/ (`api::call`
# on every capability with JSON text at both detail levels, `api::render` of arbitrary
# documents, and structure-aware targets that build a scope profile, an assessment document and
# a risk register with `arbitrary`). Each target checks the contract (see fuzz/src/harness.rs).
#
#   bash scripts/fuzz.sh                 = smoke
#   bash scripts/fuzz.sh smoke           a short run of every target (FUZZ_SMOKE_SECONDS each, default 5)
#   bash scripts/fuzz.sh long N [T...]   N executions of each target (or of the targets T...), one
#                                        target at a time, at low priority (nice), then the corpus
#                                        minimised into fuzz/corpus/<target>/
#   bash scripts/fuzz.sh list            the targets
#
# Installs what it needs, idempotently: the nightly toolchain through rustup (only when it is
# missing: `rustup toolchain install nightly --profile minimal`) and cargo-fuzz (`cargo install
# cargo-fuzz --locked`, only when it is missing). The corpus is seeded from the inputs of the
# conformance vectors (tests/vectors/<capability>/*.json) and of the malformed vectors
# (tests/vectors/malformed/*.json), written by `fuzz/examples/seeds.rs` on stable.
#
# Working corpus: fuzz/corpus-work/<target>/ (not committed). Minimised corpus: fuzz/corpus/<target>/
# (committed, a few hundred files at most; nis2-core/tests/fuzz_replay.rs replays it on stable,
# so CI needs no nightly). A crash is kept by libFuzzer in fuzz/artifacts/<target>/; copy it to
# fuzz/regressions/<target>/ (replayed by the same test) once understood.
#
# Sanitizer: the smoke run builds with AddressSanitizer (cargo-fuzz's default); the long runs
# build without one (FUZZ_SANITIZER, default `none` for long, `address` for smoke). nis2-core and
# the CLI forbid `unsafe`, so what AddressSanitizer looks for (out-of-bounds and freed memory)
# can only come from a dependency's unsafe code. Without it, and with the harness's lighter
# reading of responses, call_reference went from 4,100 to 12,500 executions a second, which is
# what makes millions of executions per target possible on two cores. Panics, hangs (-timeout)
# and memory growth (-rss_limit_mb) are caught either way.
#
# Environment: FUZZ_MAX_SECONDS (long: stop a target after this many seconds even before N
# executions; default none), FUZZ_JOBS (libFuzzer -fork, default 1), FUZZ_NICE (default 19),
# FUZZ_SMOKE_SECONDS, FUZZ_MAX_LEN (default 65536), FUZZ_CORPUS_MAX (default 300 files per target).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

MODE=${1:-smoke}
if [ "$MODE" = long ]; then SANITIZER=${FUZZ_SANITIZER:-none}; else SANITIZER=${FUZZ_SANITIZER:-address}; fi
NICE=${FUZZ_NICE:-19}
MAX_LEN=${FUZZ_MAX_LEN:-65536}
CORPUS_MAX=${FUZZ_CORPUS_MAX:-300}

step() { printf -- '-- %s\n' "$*"; }

TARGETS=(call_scope call_screen call_catalog call_risk call_programme call_assessment call_reference render
  typed_scope_profile typed_assessment typed_risk_register)

case "$MODE" in
list)
  printf '%s\n' "${TARGETS[@]}"
  exit 0
  ;;
smoke) ;;
long)
  N=${2:?usage: $0 long N [TARGET...]}
  shift 2
  if [ "$#" -gt 0 ]; then TARGETS=("$@"); fi
  ;;
*)
  echo "usage: $0 [smoke | long N [TARGET...] | list]" >&2
  exit 2
  ;;
esac

# --- tools -----------------------------------------------------------------------------------
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  step "rustup toolchain install nightly --profile minimal"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  step "cargo install cargo-fuzz --locked (a minute or two, once)"
  cargo install cargo-fuzz --locked
fi
step "$(rustup run nightly rustc --version), $(cargo fuzz --version)"

# --- seeds -----------------------------------------------------------------------------------
SEEDS=$ROOT/fuzz/target/seeds
step "seeds from tests/vectors (fuzz/examples/seeds.rs) into ${SEEDS#"$ROOT"/}"
cargo run -q --manifest-path fuzz/Cargo.toml --example seeds -- "$SEEDS"

# opts TARGET: cargo-fuzz options of its own. A structure-aware target (typed_*) builds its
# document from the fuzz bytes through a generator, so the values the engine compares (JSON
# keys, ids, numbers) are not in the input: libFuzzer's compare tracing, which feeds compared
# values back into mutations, has nothing to feed, and cost 35-40 % of an execution (perf,
# 4 December). Long runs build those without it, in a target directory of their own (other
# flags in the same one would rebuild every dependency at each switch). Smoke runs keep
# cargo-fuzz's defaults.
opts() {
  if [ "$MODE" = long ] && [[ $1 == typed_* ]]; then
    echo "--no-trace-compares --target-dir target/no-trace-compares"
  fi
}

if [ "$MODE" = long ]; then
  for t in "${TARGETS[@]}"; do
    step "cargo +nightly fuzz build -O --sanitizer $SANITIZER $(opts "$t") $t"
    # shellcheck disable=SC2046 # opts is words on purpose
    (cd fuzz && nice -n "$NICE" cargo +nightly fuzz build -O --sanitizer "$SANITIZER" $(opts "$t") "$t")
  done
else
  step "cargo +nightly fuzz build -O --sanitizer $SANITIZER"
  (cd fuzz && nice -n "$NICE" cargo +nightly fuzz build -O --sanitizer "$SANITIZER")
fi

# run TARGET ARGS...: libFuzzer on the working corpus, the committed one and the seeds; the
# execution count is printed from libFuzzer's last status line.
run() {
  local target=$1
  shift
  local work=$ROOT/fuzz/corpus-work/$target
  mkdir -p "$work" "$ROOT/fuzz/corpus/$target" "$ROOT/fuzz/artifacts/$target"
  local log=$ROOT/fuzz/target/fuzz-$target.log
  local status=0
  # shellcheck disable=SC2046
  (cd fuzz && nice -n "$NICE" cargo +nightly fuzz run -O --sanitizer "$SANITIZER" $(opts "$target") "$target" "$work" "corpus/$target" "$SEEDS/$target" -- \
    -max_len="$MAX_LEN" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$ROOT/fuzz/artifacts/$target/" "$@") >"$log" 2>&1 || status=$?
  local execs
  execs=$(grep -Eo '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1 || true)
  printf '   %-22s %12s executions, %s\n' "$target" "${execs:-?}" "$([ "$status" = 0 ] && echo ok || echo "FAILED (exit $status; log ${log#"$ROOT"/})")"
  if [ "$status" != 0 ]; then
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" | head -20 >&2 || true
    return 1
  fi
}

# minimise TARGET: merge the working corpus into a fresh fuzz/corpus/<target>/ (libFuzzer
# -merge=1 keeps the smallest inputs that cover everything), then cap it at CORPUS_MAX files,
# the smallest kept.
minimise() {
  local target=$1
  local fresh=$ROOT/fuzz/target/merge-$target
  rm -rf "$fresh"
  mkdir -p "$fresh"
  # shellcheck disable=SC2046
  (cd fuzz && nice -n "$NICE" cargo +nightly fuzz run -O --sanitizer "$SANITIZER" $(opts "$target") "$target" "$fresh" "corpus/$target" "corpus-work/$target" -- \
    -merge=1 -max_len="$MAX_LEN" -timeout=30 -rss_limit_mb=4096) >"$ROOT/fuzz/target/merge-$target.log" 2>&1
  local count
  count=$(find "$fresh" -type f | wc -l)
  if [ "$count" -gt "$CORPUS_MAX" ]; then
    find "$fresh" -type f -printf '%s %p\n' | sort -n | tail -n +"$((CORPUS_MAX + 1))" | cut -d' ' -f2- | xargs rm -f
  fi
  rm -rf "$ROOT/fuzz/corpus/$target"
  mv "$fresh" "$ROOT/fuzz/corpus/$target"
  printf '   %-22s %5d files in fuzz/corpus/%s (of %d after merging)\n' "$target" "$(find "$ROOT/fuzz/corpus/$target" -type f | wc -l)" "$target" "$count"
}

FAILED=0
if [ "$MODE" = smoke ]; then
  SECONDS_EACH=${FUZZ_SMOKE_SECONDS:-5}
  step "smoke: ${SECONDS_EACH}s of each target"
  for t in "${TARGETS[@]}"; do
    run "$t" -max_total_time="$SECONDS_EACH" || FAILED=1
  done
else
  step "long: $N executions of each target, one at a time (nice $NICE, ${FUZZ_JOBS:-1} job(s))"
  LIMIT=()
  if [ -n "${FUZZ_MAX_SECONDS:-}" ]; then LIMIT=(-max_total_time="$FUZZ_MAX_SECONDS"); fi
  for t in "${TARGETS[@]}"; do
    if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then
      run "$t" -runs="$N" "${LIMIT[@]}" -fork="$FUZZ_JOBS" || FAILED=1
    else
      run "$t" -runs="$N" "${LIMIT[@]}" || FAILED=1
    fi
    minimise "$t"
  done
fi
exit "$FAILED"
