#!/usr/bin/env bash
# Builds the WebAssembly packages and tests them:
#   nis2-wasm/pkg        npm package `nis2`, the whole engine (feature `full`)
#   nis2-wasm/pkg-scope  npm package `nis2-scope`, the scoping build the calculator loads
#
#   scripts/test-wasm.sh          build, check the generated API and types, run the node:test suites
#   scripts/test-wasm.sh build    build only (both packages; over a ceiling is reported, not an error)
#   scripts/test-wasm.sh types    build, then regenerate js/api*.js and types/*.d.ts (gen-types)
#   scripts/test-wasm.sh bench    build, then time calls from JavaScript (bench/api.bench.mjs)
#   scripts/test-wasm.sh size     build, then show where the bytes of each module go
#
# Idempotent, and fast when warm (every tool is installed and every step redone only when needed).
# A brand-new machine needs rustup/cargo and node/npm (≥ 20); it reaches crates.io and npm only.
# Steps: wasm32 target; wasm-bindgen-cli at the exact version of Cargo.lock; npm ci (binaryen's
# wasm-opt, json-schema-to-typescript, typescript); per package: cargo build (profile `wasm`, or
# `wasm-scope` for nis2-scope), wasm-bindgen --target web, wasm-opt; the generated entry point
# and declarations checked against the registry of each build and schemas/ (gen-types --check);
# assemble, with the size of the npm tarball checked against its target (reported) and its ceiling (an error above it);
# node --test (vectors, errors, API, the packed tarballs installed and type-checked with tsc
# --strict). The tests run on the wasm-opt output.
#
# Environment: NIS2_CLI, the CLI binary for byte-identity checks (default: builds and uses
# target/debug/nis2 of this checkout); a package over its size target is reported, over its
# ceiling an error (NIS2_SIZE_BUDGET=warn reports that as a warning instead; docs/calculator.md);
# NIS2_BENCH_ITERATIONS; CARGO_HOME as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WASM=$ROOT/nis2-wasm
BUILD=$WASM/build
MODE=${1:-test}
case "$MODE" in test | build | types | bench | size) ;; *)
  echo "usage: $0 [test|build|types|bench|size]" >&2
  exit 2
  ;;
esac
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf -- '-- %s\n' "$*"; }
sha() { sha256sum "$@" | cut -d' ' -f1; }

# --- tools -----------------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$BINDGEN_VERSION" ] || { echo "wasm-bindgen is not in Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $BINDGEN_VERSION (a few minutes, once)"
  # Some releases' lockfiles name crate versions the registry no longer serves: fall back.
  cargo install wasm-bindgen-cli --version "=$BINDGEN_VERSION" --locked ||
    cargo install wasm-bindgen-cli --version "=$BINDGEN_VERSION" --force
fi

LOCK_SHA=$(sha "$WASM/package-lock.json" "$WASM/package.json" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$WASM/node_modules/.nis2-lock-sha" 2>/dev/null)" != "$LOCK_SHA" ]; then
  step "npm ci (nis2-wasm)"
  (cd "$WASM" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$LOCK_SHA" >"$WASM/node_modules/.nis2-lock-sha"
fi
BIN=$WASM/node_modules/.bin

# --- build -----------------------------------------------------------------------------------
# -Oz, except two things that make the module smaller raw but bigger gzipped: inlining
# functions that have one caller (-ocimfs 0 turns it off), and leaving functions in call-count
# order (sorted by name instead, the many copies of serde's generic code sit together for gzip:
# the full module is 679 KB gzipped with -Oz alone, 641 KB with both). Names go after the sort.
OPT_FLAGS=(-Oz --one-caller-inline-max-function-size 0 --reorder-functions-by-name --strip-debug --strip-producers)
VERSION=$(awk '/^\[workspace\.package\]/ { p = 1 } p && /^version *=/ { gsub(/"/, "", $3); print $3; exit }' Cargo.toml)

# build_module NAME BUILD_DIR PROFILE [cargo feature args...]: cargo, wasm-bindgen, wasm-opt.
build_module() {
  local name=$1 build=$2 profile=$3
  shift 3
  step "[$name] cargo build -p nis2-wasm --target wasm32-unknown-unknown --profile $profile $*"
  cargo build -q -p nis2-wasm --target wasm32-unknown-unknown --profile "$profile" "$@"
  step "[$name] wasm-bindgen --target web"
  mkdir -p "$build"
  rm -rf "$build/bindgen"
  wasm-bindgen --target web --out-dir "$build/bindgen" --out-name nis2 \
    "$ROOT/target/wasm32-unknown-unknown/$profile/nis2_wasm.wasm"
  # wasm-opt takes ~10–40 s: redo it only when wasm-bindgen's output or the flags changed.
  local bg_sha
  bg_sha=$(printf '%s %s' "$(sha "$build/bindgen/nis2_bg.wasm")" "${OPT_FLAGS[*]}" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$build/opt.sha" 2>/dev/null)" != "$bg_sha" ] || [ ! -f "$build/nis2_bg.opt.wasm" ]; then
    step "[$name] wasm-opt ${OPT_FLAGS[*]} (binaryen $("$BIN/wasm-opt" --version | awk '{print $3}'))"
    rm -f "$build/opt.sha"
    "$BIN/wasm-opt" "${OPT_FLAGS[@]}" "$build/bindgen/nis2_bg.wasm" -o "$build/nis2_bg.opt.wasm"
    echo "$bg_sha" >"$build/opt.sha"
  else
    step "[$name] wasm-opt: up to date"
  fi
}

# The scoping build uses the profile `wasm-scope` (opt-level "z": smaller, slower, and still far
# inside the calculator's 5 ms); the full engine `wasm` (opt-level "s").
build_module nis2-scope "$BUILD/scope" wasm-scope --no-default-features
build_module nis2 "$BUILD" wasm

# --- the generated API and declarations (from each build's registry and schemas/) ------------
if [ "$MODE" = types ]; then
  step "gen-types: js/api*.js and types/*.d.ts from the registries and schemas/"
  node "$WASM/scripts/gen-types.mjs"
else
  step "js/api*.js and types/*.d.ts are up to date with the registries and schemas/"
  node "$WASM/scripts/gen-types.mjs" --check
fi

# --- assemble ----------------------------------------------------------------------------------
size_line() { printf '   %-14s %8d bytes raw, %7d gzip -9\n' "$1" "$(wc -c <"$2")" "$(gzip -9c "$2" | wc -c)"; }

# assemble NAME BUILD_DIR PKG_DIR NPM_TEMPLATE_DIR API_JS DTS TARGET_KB CEILING_KB
assemble() {
  local name=$1 build=$2 pkg=$3 npm=$4 api=$5 dts=$6 target_kb=$7 ceiling_kb=$8
  step "[$name] assemble ${pkg#"$ROOT"/}"
  rm -rf "$pkg"
  mkdir -p "$pkg"
  cp "$build/bindgen/nis2.js" "$npm/README.md" "$pkg/"
  cp -R "$build/bindgen/snippets" "$pkg/"
  cp "$build/nis2_bg.opt.wasm" "$pkg/nis2_bg.wasm"
  cp "$WASM/$api" "$pkg/index.js"
  cp "$WASM/$dts" "$pkg/index.d.ts"
  node -e '
    const fs = require("fs");
    const [template, out, version] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(template, "utf8"));
    pkg.version = version;
    fs.writeFileSync(out, JSON.stringify(pkg, null, 2) + "\n");
  ' "$npm/package.json" "$pkg/package.json" "$VERSION"
  size_line nis2_bg.wasm "$pkg/nis2_bg.wasm"
  size_line nis2.js "$pkg/nis2.js"
  size_line index.js "$pkg/index.js"
  size_line index.d.ts "$pkg/index.d.ts"
  local packed unpacked entries
  read -r packed unpacked entries <<<"$(cd "$pkg" && npm pack --dry-run --json --ignore-scripts 2>/dev/null |
    node -e 'const [p] = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(`${p.size} ${p.unpackedSize} ${p.entryCount}`)')"
  printf '   %-14s %8d bytes gzip (unpacked %d, %d files); target %d KB, ceiling %d KB\n' "npm tarball" "$packed" "$unpacked" "$entries" "$target_kb" "$ceiling_kb"
  if [ "$packed" -gt $((ceiling_kb * 1024)) ]; then
    printf '   error: %s is %d KB gzipped, over its ceiling of %d KB (scripts/test-wasm.sh size shows where the bytes go)\n' \
      "$name" $((packed / 1024)) "$ceiling_kb" >&2
    return 1
  fi
  if [ "$packed" -gt $((target_kb * 1024)) ]; then
    printf '   warning: %s is %d KB gzipped, over its target of %d KB (not met: see docs/calculator.md)\n' \
      "$name" $((packed / 1024)) "$target_kb" >&2
  fi
}

# Sizes of the npm tarballs (gzipped). The targets (nis2-scope 150 KB, nis2 400 KB) are not met
# today (282 and 839 KB on 2026-12-02: the code of every type's serde implementation and the
# reference data of 30 States; docs/calculator.md) and are reported; the ceilings, a few per
# cent above today's sizes, fail the run so that the packages cannot grow unnoticed.
OVER=0
assemble nis2-scope "$BUILD/scope" "$WASM/pkg-scope" "$WASM/npm/scope" js/api-scope.js types/nis2-scope.d.ts 150 "${NIS2_SCOPE_CEILING_KB:-301}" || OVER=1
assemble nis2 "$BUILD" "$WASM/pkg" "$WASM/npm" js/api.js types/nis2.d.ts 400 "${NIS2_CEILING_KB:-1000}" || OVER=1

if [ "$OVER" = 1 ] && [ "${NIS2_SIZE_BUDGET:-}" = warn ]; then
  echo "warning: over a size ceiling (NIS2_SIZE_BUDGET=warn)" >&2
  OVER=0
fi
case "$MODE" in
build | types)
  # Building (for the calculator, for gen-types) reports the sizes; `test` fails above a ceiling.
  exit 0
  ;;
size)
  for b in "$BUILD/scope" "$BUILD"; do
    step "size of ${b#"$ROOT"/}/bindgen/nis2_bg.wasm (wasm-bindgen output, with names; the package has them stripped)"
    node "$WASM/scripts/wasm-size.mjs" "$b/bindgen/nis2_bg.wasm" 40
  done
  exit "$OVER"
  ;;
bench)
  step "bench"
  node "$WASM/bench/api.bench.mjs" "${NIS2_BENCH_ITERATIONS:-20000}"
  exit "$OVER"
  ;;
esac

# --- tests -----------------------------------------------------------------------------------
if [ -z "${NIS2_CLI:-}" ]; then
  if cargo build -q -p nis2-cli; then
    export NIS2_CLI=$ROOT/target/debug/nis2
  else
    echo "warning: the CLI does not build: the byte-identity checks against it are skipped" >&2
    export NIS2_CLI=/nonexistent
  fi
fi

step "node --test"
node --test --test-reporter=spec "$WASM"/tests/*.test.mjs
exit "$OVER"
