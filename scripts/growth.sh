#!/usr/bin/env bash
# Growth series (issue 13, hardening item 3): time, output size and peak memory of `risk assess`
# and of the assessment's `plan` op with a risk register, at 10^3, 10^4 and 10^5 items, through
# the CLI on generated input. Not run in CI and not timed by any test; the linear output size is
# asserted (untimed) by nis2-core/tests/risk.rs.
#
#   bash scripts/growth.sh [BIN] [N...]    default BIN target/release/nis2, N 1000 10000 100000
#
# Inputs (written to $GROWTH_DIR, default a temporary directory):
#   risk-N.json  a register whose N services form one dependency chain (S0 → S1 → … → SN-1),
#                one asset per service, one scenario per asset, treated with a control.
#   plan-N.json  an assessment `plan` request with a register of N scenarios on N assets over
#                20 chained services (so that the plan, not the chain, is measured), whose
#                treatments name NIS2, CIR 2024/2690 and ISO/IEC 27001 requirements.
#
# Each run is capped at GROWTH_MEM_KB of virtual memory (default 8 GiB, `ulimit -v`): a run that
# exceeds it is reported as failed instead of taking the machine's memory.
# Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/nis2}
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)
DIR=${GROWTH_DIR:-$(mktemp -d)}
MEM_KB=${GROWTH_MEM_KB:-8388608}
mkdir -p "$DIR"

gen() { # kind n file
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
nsv = n if kind == "risk" else min(n, 20)
controls = ["NIS2:21.2.j.mfa", "CIR-2690:4.2.2", "ISO27001:A.8.7", "NIS2:21.2.d", "ISO27001:A.5.19"]
threats = ["TH-RANSOMWARE", "TH-PHISHING", "TH-OT-MANIPULATION"]
services = [{"id": f"S{k}", "name": f"Service {k}", "criticality_society": "high",
             "criticality_customers": "medium",
             **({"dependants": [f"S{k+1}"]} if k + 1 < nsv else {})} for k in range(nsv)]
assets = [{"id": f"A{k}", "name": f"Asset {k}", "kind": "system", "domain": "it",
           "owner": "Ops", "services": [f"S{k % nsv}"]} for k in range(n)]
scenarios = [{"id": f"R{k}", "title": f"Scenario {k}", "asset": f"A{k}",
              "threat": threats[k % len(threats)], "owner": "Ops",
              "inherent": {"likelihood": 1 + k % 5, "impact": {"availability": 1 + (k // 5) % 5}},
              "treatment": {"option": "mitigate", "controls": [controls[k % len(controls)]]}}
             for k in range(n)]
reg = {"schema_version": "1", "name": "Growth", "matrix": "iso27005-style-5x5",
       "services": services, "assets": assets, "scenarios": scenarios}
if kind == "risk":
    doc = reg
else:
    doc = {"op": "plan", "assessment": {
        "schema_version": "1", "name": "Growth", "assessment_date": "2026-03-02",
        "target_date": "2026-12-31", "frameworks": ["nis2", "cir-2024-2690"],
        "results": [{"requirement": "NIS2:21.2.j.mfa", "status": "partially_implemented"},
                    {"requirement": "NIS2:21.2.d", "status": "not_implemented"}],
        "risk_register": reg}}
with open(path, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
PY
}

run() { # label file cmd...
  local label=$1 file=$2; shift 2
  local out="$DIR/out" tv="$DIR/time"
  if (ulimit -v "$MEM_KB"; /usr/bin/time -v "$@" "$file" >"$out" 2>"$tv.err"); then
    status=ok
  else
    status=failed
  fi
  cat "$tv.err" >"$tv"
  local secs kb
  secs=$(grep 'Elapsed (wall clock)' "$tv" | awk '{print $NF}')
  kb=$(grep 'Maximum resident set size' "$tv" | awk '{print $NF}')
  printf '%-6s %8s  in %12s B  out %12s B  time %10s  peak RSS %9s KB  %s\n' \
    "$label" "${file##*-}" "$(stat -c %s "$file")" "$(stat -c %s "$out")" "$secs" "$kb" "$status"
}

for n in "${SIZES[@]}"; do
  gen risk "$n" "$DIR/risk-$n.json"
  gen plan "$n" "$DIR/plan-$n.json"
done
for n in "${SIZES[@]}"; do
  run risk "$DIR/risk-$n.json" "$BIN" risk assess
done
for n in "${SIZES[@]}"; do
  run plan "$DIR/plan-$n.json" "$BIN" assessment
done
