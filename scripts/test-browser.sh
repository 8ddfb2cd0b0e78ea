#!/usr/bin/env bash
# Browser tests of the calculator in Debian's Chromium, driven by playwright-core (installs
# Chromium and the npm package when missing). Screenshots: artifacts/calculator/.
#
#   bash scripts/test-browser.sh          the tests; the timing budgets are measured and printed
#   bash scripts/test-browser.sh bench    the same, with the budgets (navigation → interactive
#                                         ≤ 300 ms, recalculation ≤ 5 ms, medians) asserted
set -euo pipefail
case "${1:-test}" in
  test) ;;
  bench) export NIS2_TIMING_BUDGETS=enforce ;;
  *) echo "usage: $0 [test|bench]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ ! -d calculator/node_modules/playwright-core ] || [ calculator/package-lock.json -nt calculator/node_modules/.package-lock.json ]; then
  (cd calculator && npm ci --no-audit --no-fund)
fi
bash scripts/serve-calculator.sh --build-only
PORT="${PORT:-8765}"
python3 -m http.server --bind 127.0.0.1 "$PORT" -d target/calculator-site >/tmp/nis2-calculator-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/')" 2>/dev/null; then break; fi
  sleep 0.1
done
CALCULATOR_URL="http://127.0.0.1:$PORT/" node --test calculator/tests/
