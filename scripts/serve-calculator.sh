#!/usr/bin/env bash
# Builds the WebAssembly packages (if needed: nis2-scope, which the page loads, and nis2, which its list mode
# loads on demand) and the static calculator site, then serves it on
# http://127.0.0.1:${PORT:-8765}/ . Usage: bash scripts/serve-calculator.sh [--build-only]
set -euo pipefail
cd "$(dirname "$0")/.."
SITE="$PWD/target/calculator-site"
if [ ! -f nis2-wasm/pkg-scope/index.js ] || [ ! -f nis2-wasm/pkg-scope/nis2_bg.wasm ] \
  || [ ! -f nis2-wasm/pkg/index.js ] || [ ! -f nis2-wasm/pkg/nis2_bg.wasm ] || [ "${REBUILD_WASM:-0}" = 1 ]; then
  bash scripts/test-wasm.sh build
fi
rm -rf "$SITE"
mkdir -p "$SITE/nis2" "$SITE/nis2-full"
cp calculator/index.html calculator/calculator.js calculator/calculator.css calculator/i18n.js "$SITE/"
cp -R nis2-wasm/pkg-scope/. "$SITE/nis2/"
rm -f "$SITE/nis2/package.json" "$SITE/nis2/README.md" "$SITE/nis2/index.d.ts"
# The full build, for the list mode only (loaded when a file is chosen: screening is not in nis2-scope).
cp -R nis2-wasm/pkg/. "$SITE/nis2-full/"
rm -f "$SITE/nis2-full/package.json" "$SITE/nis2-full/README.md" "$SITE/nis2-full/index.d.ts"
# The JavaScript minified (terser, from calculator/package.json): a few kilobytes of the page's
# 300 KB budget. The sources stay readable in calculator/ and the npm packages.
if [ ! -x calculator/node_modules/.bin/terser ] || [ calculator/package-lock.json -nt calculator/node_modules/.package-lock.json ]; then
  (cd calculator && npm ci --no-audit --no-fund)
fi
find "$SITE" -name '*.js' -print0 | while IFS= read -r -d '' js; do
  calculator/node_modules/.bin/terser "$js" --module --compress --mangle --output "$js.min"
  mv "$js.min" "$js"
done
echo "calculator site: $SITE ($(du -sk "$SITE" | cut -f1) KB; wasm $(gzip -9c "$SITE/nis2/nis2_bg.wasm" | wc -c) bytes gzipped)"
if [ "${1:-}" = "--build-only" ]; then exit 0; fi
echo "serving on http://127.0.0.1:${PORT:-8765}/"
exec python3 -m http.server --bind 127.0.0.1 "${PORT:-8765}" -d "$SITE"
