#!/usr/bin/env bash
# Builds the WebAssembly package (nis2-wasm/pkg, the npm package `nis2`) and tests it.
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
# cargo build --profile wasm; wasm-bindgen --target web; wasm-opt -Oz; assemble pkg/
# (and report its size against the budget); node --test
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
# NIS2_WASM_OPT_LEVEL overrides the profile's opt-level ("s"), for size experiments: "z" is
# 28 KB smaller gzipped but 1.5 to 2.7 times slower (measured with `bench`).
if [ -n "${NIS2_WASM_OPT_LEVEL:-}" ]; then export CARGO_PROFILE_WASM_OPT_LEVEL=$NIS2_WASM_OPT_LEVEL; fi
step "cargo build -p nis2-wasm --target wasm32-unknown-unknown --profile wasm${NIS2_WASM_OPT_LEVEL:+ (opt-level $NIS2_WASM_OPT_LEVEL)}"
cargo build -q -p nis2-wasm --target wasm32-unknown-unknown --profile wasm
RAW=$ROOT/target/wasm32-unknown-unknown/wasm/nis2_wasm.wasm

step "wasm-bindgen --target web"
mkdir -p "$BUILD"
rm -rf "$BUILD/bindgen"
wasm-bindgen --target web --out-dir "$BUILD/bindgen" --out-name nis2 "$RAW"

# -Oz, except two things that make the module smaller raw but bigger gzipped (measured, 2 MB
# module: -Oz alone 535 KB gzip, with both 440 KB): inlining functions that have one caller
# (-ocimfs 0 turns it off), and leaving functions in call-count order (sorted by name instead,
# the many copies of serde's generic code sit together for gzip). Names go after the sort.
OPT_FLAGS=(-Oz --one-caller-inline-max-function-size 0 --reorder-functions-by-name --strip-debug --strip-producers)
# wasm-opt takes ~10 s: redo it only when wasm-bindgen's output or the flags changed.
BG_SHA=$(printf '%s %s' "$(sha "$BUILD/bindgen/nis2_bg.wasm")" "${OPT_FLAGS[*]}" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$BUILD/opt.sha" 2>/dev/null)" != "$BG_SHA" ] || [ ! -f "$BUILD/nis2_bg.opt.wasm" ]; then
  step "wasm-opt ${OPT_FLAGS[*]} (binaryen $("$BIN/wasm-opt" --version | awk '{print $3}'))"
  rm -f "$BUILD/opt.sha"
  "$BIN/wasm-opt" "${OPT_FLAGS[@]}" "$BUILD/bindgen/nis2_bg.wasm" -o "$BUILD/nis2_bg.opt.wasm"
  echo "$BG_SHA" >"$BUILD/opt.sha"
else
  step "wasm-opt: up to date"
fi

step "assemble nis2-wasm/pkg"
rm -rf "$PKG"
mkdir -p "$PKG"
cp "$BUILD/bindgen/nis2.js" "$BUILD/bindgen/nis2.d.ts" "$WASM/npm/README.md" "$PKG/"
cp -R "$BUILD/bindgen/snippets" "$PKG/"
cp "$BUILD/nis2_bg.opt.wasm" "$PKG/nis2_bg.wasm"
VERSION=$(awk '/^\[workspace\.package\]/ { p = 1 } p && /^version *=/ { gsub(/"/, "", $3); print $3; exit }' Cargo.toml)
node -e '
  const fs = require("fs");
  const [template, out, version] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync(template, "utf8"));
  pkg.version = version;
  fs.writeFileSync(out, JSON.stringify(pkg, null, 2) + "\n");
' "$WASM/npm/package.json" "$PKG/package.json" "$VERSION"

size_line() { printf '   %-14s %8d bytes raw, %7d gzip -9\n' "$1" "$(wc -c <"$2")" "$(gzip -9c "$2" | wc -c)"; }
step "package size"
size_line nis2_bg.wasm "$PKG/nis2_bg.wasm"
size_line nis2.js "$PKG/nis2.js"
size_line nis2.d.ts "$PKG/nis2.d.ts"
TARBALL=$(cd "$PKG" && npm pack --dry-run --json --ignore-scripts 2>/dev/null |
  node -e 'const [p] = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(`${p.size} ${p.unpackedSize} ${p.entryCount}`)')
read -r PACKED UNPACKED ENTRIES <<<"$TARBALL"
printf '   %-14s %8d bytes gzip (unpacked %d, %d files)\n' "npm tarball" "$PACKED" "$UNPACKED" "$ENTRIES"
# The budget of the whole package, every catalog included (a warning, not a failure: see
# `scripts/test-wasm.sh size` for where the bytes go).
BUDGET=$((300 * 1024))
if [ "$PACKED" -gt "$BUDGET" ]; then
  printf '   warning: the package is %d KB gzipped, over its budget of %d KB\n' $((PACKED / 1024)) $((BUDGET / 1024))
fi

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
