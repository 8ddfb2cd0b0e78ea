#!/usr/bin/env bash
# Growth series (issue 13, hardening items 2-4): time, output size (standard output and error
# together) and peak memory through the CLI on generated input, at 10^3, 10^4 and 10^5 items:
# `risk assess` and the assessment's `plan` op with a risk register (item 3), suggestions for
# unknown ids (item 2) and error reports (item 4). Not run in CI and not timed by any test; the
# bounds are asserted (untimed) by nis2-core/tests/risk.rs and the limits and suggestion tests.
#
#   bash scripts/growth.sh [BIN] [N...]    default BIN target/release/nis2, N 1000 10000 100000
#
# Inputs (written to $GROWTH_DIR, default a temporary directory):
#   risk-N.json  a register whose N services form one dependency chain (S0 → S1 → … → SN-1),
#                one asset per service, one scenario per asset, treated with a control.
#   plan-N.json  an assessment `plan` request with a register of N scenarios on N assets over
#                20 chained services (so that the plan, not the chain, is measured), whose
#                treatments name NIS2, CIR 2024/2690 and ISO/IEC 27001 requirements.
#   longid-N.json  an assessment `score` request whose one result names an unknown requirement
#                of N characters (what "did you mean" compares).
#   unknown-N.json a `score` request with N results, each naming a different unknown
#                requirement of 64 characters.
#   problems-N.json a `score` request with N results, each with a status that does not exist
#                (N problems for the error report).
#
# GROWTH_KINDS picks the series (default: risk plan longid unknown problems).
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
def score(results):
    return {"op": "score", "assessment": {
        "schema_version": "1", "name": "Growth", "assessment_date": "2026-03-02",
        "target_date": "2026-12-31", "frameworks": ["nis2"], "results": results}}
if kind == "risk":
    doc = reg
elif kind == "longid":
    doc = score([{"requirement": "NIS2:21.2." + "d" * n, "status": "fully_implemented"}])
elif kind == "unknown":
    doc = score([{"requirement": f"NIS2:21.2.d-{k:08d}-" + "x" * 45, "status": "fully_implemented"}
                 for k in range(n)])
elif kind == "problems":
    doc = score([{"requirement": "NIS2:21.2.d", "status": f"done-{k}"} for k in range(n)])
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
  local out="$DIR/out" err="$DIR/err" tv="$DIR/time"
  if (ulimit -v "$MEM_KB"; /usr/bin/time -v -o "$tv" "$@" "$file" >"$out" 2>"$err"); then
    status=ok
  else
    status="exit $?"
  fi
  local secs kb
  secs=$(grep 'Elapsed (wall clock)' "$tv" | awk '{print $NF}')
  kb=$(grep 'Maximum resident set size' "$tv" | awk '{print $NF}')
  printf '%-8s %8s  in %12s B  out %12s B  time %10s  peak RSS %9s KB  %s\n' \
    "$label" "$(basename "${file##*-}" .json)" "$(stat -c %s "$file")" "$(($(stat -c %s "$out") + $(stat -c %s "$err")))" \
    "$secs" "$kb" "$status"
}

KINDS=(${GROWTH_KINDS:-risk plan longid unknown problems})
for n in "${SIZES[@]}"; do
  for kind in "${KINDS[@]}"; do
    gen "$kind" "$n" "$DIR/$kind-$n.json"
  done
done
for kind in "${KINDS[@]}"; do
  for n in "${SIZES[@]}"; do
    case $kind in
      risk) run risk "$DIR/risk-$n.json" "$BIN" risk assess ;;
      *) run "$kind" "$DIR/$kind-$n.json" "$BIN" assessment ;;
    esac
  done
done
