#!/usr/bin/env bash
# Builds the scoping WebAssembly package nis2-scope (if needed) and the static calculator site, then serves it on
# http://127.0.0.1:${PORT:-8765}/ . Usage: bash scripts/serve-calculator.sh [--build-only]
set -euo pipefail
cd "$(dirname "$0")/.."
SITE="$PWD/target/calculator-site"
if [ ! -f nis2-wasm/pkg-scope/index.js ] || [ ! -f nis2-wasm/pkg-scope/nis2_bg.wasm ] || [ "${REBUILD_WASM:-0}" = 1 ]; then
  bash scripts/test-wasm.sh build
fi
rm -rf "$SITE"
mkdir -p "$SITE/nis2"
cp calculator/index.html calculator/calculator.js calculator/calculator.css calculator/i18n.js "$SITE/"
cp -R nis2-wasm/pkg-scope/. "$SITE/nis2/"
rm -f "$SITE/nis2/package.json" "$SITE/nis2/README.md" "$SITE/nis2/index.d.ts"
echo "calculator site: $SITE ($(du -sk "$SITE" | cut -f1) KB; wasm $(gzip -9c "$SITE/nis2/nis2_bg.wasm" | wc -c) bytes gzipped)"
if [ "${1:-}" = "--build-only" ]; then exit 0; fi
echo "serving on http://127.0.0.1:${PORT:-8765}/"
exec python3 -m http.server --bind 127.0.0.1 "${PORT:-8765}" -d "$SITE"
