#!/usr/bin/env bash
# Builds the WebAssembly packages (nis2-wasm/pkg, the npm package `nis2`, the whole engine; and
# nis2-wasm/pkg-scope, `nis2-scope`, the scoping build the calculator loads) and tests them.
#
#   scripts/test-wasm.sh          build, then run the node:test suites on the optimised package
#   scripts/test-wasm.sh build    build only
#   scripts/test-wasm.sh bench    build, then time scope, catalog and risk calls from JavaScript
#   scripts/test-wasm.sh size     build, then show where the bytes of the module go
#
# Idempotent, and fast when warm (every tool is installed and every step redone only when needed).
# A brand-new machine needs rustup/cargo and node/npm (≥ 20); it reaches crates.io and npm only.
# Steps: wasm32 target; wasm-bindgen-cli at the exact version of Cargo.lock; npm ci (binaryen's
# wasm-opt, json-schema-to-typescript, typescript); check types/nis2.d.ts against schemas/;
# for each package: cargo build --profile wasm; wasm-bindgen --target web; wasm-opt -Oz;
# assemble (and report its size against the 300 KB budget: an error for nis2-scope, a warning
# for the full engine); node --test
# (vectors, errors, API, and the packed tarball installed and type-checked with tsc --strict).
# The tests run on the wasm-opt output.
#
# Environment: NIS2_CLI, the CLI binary for byte-identity checks (default: builds
# target/debug/nis2); NIS2_WASM_OPT_LEVEL (see the build step); NIS2_BENCH_ITERATIONS; CARGO_HOME
# as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WASM=$ROOT/nis2-wasm
BUILD=$WASM/build
PKG=$WASM/pkg
MODE=${1:-test}
case "$MODE" in test | build | bench | size) ;; *)
  echo "usage: $0 [test|build|bench|size]" >&2
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

# --- TypeScript types of the documents (embedded by the build, so checked first) -------------
step "types/nis2.d.ts is up to date with schemas/"
node "$WASM/scripts/gen-types.mjs" --check

# --- build -----------------------------------------------------------------------------------
# Two builds of the same crate: the full engine (npm package `nis2`, nis2-wasm/pkg) and the
# scoping build (`--no-default-features`: npm package `nis2-scope`, nis2-wasm/pkg-scope, the one
# the calculator loads). Both go through wasm-bindgen and wasm-opt the same way.
# NIS2_WASM_OPT_LEVEL overrides the profile's opt-level ("s"), for size experiments: "z" is
# 28 KB smaller gzipped but 1.5 to 2.7 times slower (measured with `bench`).
if [ -n "${NIS2_WASM_OPT_LEVEL:-}" ]; then export CARGO_PROFILE_WASM_OPT_LEVEL=$NIS2_WASM_OPT_LEVEL; fi
RAW=$ROOT/target/wasm32-unknown-unknown/wasm/nis2_wasm.wasm
# -Oz, except two things that make the module smaller raw but bigger gzipped (measured, 2 MB
# module: -Oz alone 535 KB gzip, with both 440 KB): inlining functions that have one caller
# (-ocimfs 0 turns it off), and leaving functions in call-count order (sorted by name instead,
# the many copies of serde's generic code sit together for gzip). Names go after the sort.
OPT_FLAGS=(-Oz --one-caller-inline-max-function-size 0 --reorder-functions-by-name --strip-debug --strip-producers)
VERSION=$(awk '/^\[workspace\.package\]/ { p = 1 } p && /^version *=/ { gsub(/"/, "", $3); print $3; exit }' Cargo.toml)
size_line() { printf '   %-14s %8d bytes raw, %7d gzip -9\n' "$1" "$(wc -c <"$2")" "$(gzip -9c "$2" | wc -c)"; }

# build_variant NAME BUILD_DIR PKG_DIR NPM_TEMPLATE_DIR BUDGET_KB HARD [cargo feature args...]
build_variant() {
  local name=$1 build=$2 pkg=$3 npm=$4 budget_kb=$5 hard=$6
  shift 6
  step "[$name] cargo build -p nis2-wasm --target wasm32-unknown-unknown --profile wasm $*${NIS2_WASM_OPT_LEVEL:+ (opt-level $NIS2_WASM_OPT_LEVEL)}"
  cargo build -q -p nis2-wasm --target wasm32-unknown-unknown --profile wasm "$@"

  step "[$name] wasm-bindgen --target web"
  mkdir -p "$build"
  rm -rf "$build/bindgen"
  wasm-bindgen --target web --out-dir "$build/bindgen" --out-name nis2 "$RAW"

  # wasm-opt takes ~10 s: redo it only when wasm-bindgen's output or the flags changed.
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

  step "[$name] assemble ${pkg#"$ROOT"/}"
  rm -rf "$pkg"
  mkdir -p "$pkg"
  cp "$build/bindgen/nis2.js" "$build/bindgen/nis2.d.ts" "$npm/README.md" "$pkg/"
  cp -R "$build/bindgen/snippets" "$pkg/"
  cp "$build/nis2_bg.opt.wasm" "$pkg/nis2_bg.wasm"
  node -e '
    const fs = require("fs");
    const [template, out, version] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(template, "utf8"));
    pkg.version = version;
    fs.writeFileSync(out, JSON.stringify(pkg, null, 2) + "\n");
  ' "$npm/package.json" "$pkg/package.json" "$VERSION"

  step "[$name] package size"
  size_line nis2_bg.wasm "$pkg/nis2_bg.wasm"
  size_line nis2.js "$pkg/nis2.js"
  size_line nis2.d.ts "$pkg/nis2.d.ts"
  local tarball packed unpacked entries
  tarball=$(cd "$pkg" && npm pack --dry-run --json --ignore-scripts 2>/dev/null |
    node -e 'const [p] = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(`${p.size} ${p.unpackedSize} ${p.entryCount}`)')
  read -r packed unpacked entries <<<"$tarball"
  printf '   %-14s %8d bytes gzip (unpacked %d, %d files)\n' "npm tarball" "$packed" "$unpacked" "$entries"
  if [ "$packed" -gt $((budget_kb * 1024)) ]; then
    printf '   %s: the package is %d KB gzipped, over its budget of %d KB\n' \
      "$([ "$hard" = 1 ] && echo error || echo warning)" $((packed / 1024)) "$budget_kb"
    [ "$hard" = 1 ] && return 1
  fi
  return 0
}

# The scoping package has a hard budget of 300 KB (the calculator's); the full engine, every
# catalog included, is reported against the same figure (a warning: `scripts/test-wasm.sh size`
# shows where its bytes go).
build_variant nis2-scope "$BUILD/scope" "$WASM/pkg-scope" "$WASM/npm/scope" 300 1 --no-default-features
build_variant nis2 "$BUILD" "$PKG" "$WASM/npm" 300 0

[ "$MODE" = build ] && exit 0

if [ "$MODE" = size ]; then
  step "size (wasm-bindgen output, with names; the package has them stripped)"
  node "$WASM/scripts/wasm-size.mjs" "$BUILD/bindgen/nis2_bg.wasm" 40
  exit 0
fi

if [ "$MODE" = bench ]; then
  step "bench"
  node "$WASM/bench/api.bench.mjs" "${NIS2_BENCH_ITERATIONS:-20000}"
  exit 0
fi

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
