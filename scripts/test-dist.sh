#!/usr/bin/env bash
# Smoke-installs the release artefacts as a user would, after building them
# (scripts/build-dist.sh): the wheel into a fresh venv (`import nis2; nis2.scope(...)`), each npm
# tarball into a fresh npm project (an ES module import in Node, initialised as the package
# README says), the CLI binary on examples/manufacturer-40-staff.json; then checks that every
# artefact has the workspace version and that SHA256SUMS matches.
#
#   bash scripts/test-dist.sh            build (reusing the test scripts' outputs), then test
#   bash scripts/test-dist.sh --no-build test what dist/ holds
#
# Environment: NIS2_DIST_SDIST=1 also builds a wheel from the sdist (a full release compile of
# the sources it carries, a few minutes) and smoke-tests that one too.
# Everything is installed from dist/ only (pip --no-index, npm --offline: the packages have no
# dependencies), so no registry is reached. Temporary projects live in a temporary directory, removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=$ROOT/dist
export PIP_DISABLE_PIP_VERSION_CHECK=1

BUILD=1
for arg in "$@"; do
  case "$arg" in --no-build) BUILD=0 ;; *)
    echo "usage: $0 [--no-build]" >&2
    exit 2
    ;;
  esac
done
step() { printf -- '-- dist smoke: %s\n' "$*"; }

if [ "$BUILD" = 1 ]; then
  bash scripts/build-dist.sh
fi

VERSION=$(awk '/^\[workspace\.package\]/ { p = 1 } p && /^version *=/ { gsub(/"/, "", $3); print $3; exit }' Cargo.toml)
TARGET=$(rustc -vV | sed -n 's/^host: //p')
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nis2-dist-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

step "checksums"
(cd "$DIST" && sha256sum --quiet -c SHA256SUMS)
step "versions"
bash scripts/check-versions.sh dist

# The profile every surface is asked about, and what it must answer (README: a 40-person
# manufacturer with EUR 12 m turnover is an important entity).
PROFILE=$ROOT/examples/manufacturer-40-staff.json

# --- the CLI ---------------------------------------------------------------------------------
CLI=$DIST/nis2-$VERSION-$TARGET
step "$(basename "$CLI") scope $(basename "$PROFILE")"
(cd "$WORK" && "$CLI" scope "$PROFILE" --format json) >"$WORK/cli.json"
# shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (r.op !== "scope" || r.in_scope !== "yes" || r.classification !== "important")
    throw new Error(`unexpected CLI result: op=${r.op} in_scope=${r.in_scope} classification=${r.classification}`);
  console.log(`   ${r.op}: in_scope=${r.in_scope}, classification=${r.classification}`);
' "$WORK/cli.json"
(cd "$WORK" && "$CLI" scope "$PROFILE" --format table --lang da >/dev/null)

# --- Python ----------------------------------------------------------------------------------
PYTHON=${PYTHON:-python3}
# smoke_python VENV: import nis2 from the installed wheel, outside the repository.
smoke_python() {
  (cd "$WORK" && "$1/bin/python" - "$PROFILE" "$VERSION") <<'PY'
import json, sys
from importlib.metadata import version
import nis2

profile_path, want_version = sys.argv[1], sys.argv[2]
assert "site-packages" in nis2.__file__, f"nis2 imported from {nis2.__file__}, not the installed wheel"
installed = version("nis2")
assert installed == want_version.replace("-rc.", "rc"), f"installed nis2 {installed}, expected {want_version}"
if hasattr(nis2, "__version__"):
    assert nis2.__version__ == installed, f"nis2.__version__ {nis2.__version__} != {installed}"
with open(profile_path, encoding="utf-8") as f:
    profile = json.load(f)
result = nis2.scope(profile)
# A typed result (with to_dict), a plain dict, or JSON text: the document is the same.
if hasattr(result, "to_dict"):
    doc = result.to_dict()
elif isinstance(result, str):
    doc = json.loads(result)
else:
    doc = dict(result)
got = (doc.get("op"), doc.get("in_scope"), doc.get("classification"))
assert got == ("scope", "yes", "important"), f"unexpected scope result: {got}"
print(f"   nis2 {installed} on Python {sys.version.split()[0]}: op={got[0]}, in_scope={got[1]}, classification={got[2]}")
PY
}
new_venv() {
  "$PYTHON" -m venv "$1" 2>/dev/null || { rm -rf "$1"; "$PYTHON" -m venv --without-pip "$1"; }
  if "$1/bin/python" -m pip --version >/dev/null 2>&1; then
    PIP=("$1/bin/python" -m pip)
  else
    PIP=("$PYTHON" -m pip --python "$1/bin/python")
  fi
}

shopt -s nullglob
WHEELS=("$DIST"/nis2-*.whl)
SDISTS=("$DIST"/nis2-*.tar.gz)
shopt -u nullglob
step "pip install $(basename "${WHEELS[0]}") (fresh venv)"
new_venv "$WORK/venv"
# The wheel has no dependencies today, so nothing but dist/ is read; should it gain some, they
# come from the index.
"${PIP[@]}" install --quiet --no-index "${WHEELS[0]}" 2>/dev/null || "${PIP[@]}" install --quiet "${WHEELS[0]}"
smoke_python "$WORK/venv"

if [ "${NIS2_DIST_SDIST:-0}" = 1 ]; then
  step "pip wheel $(basename "${SDISTS[0]}") (builds from the sdist), then install it (fresh venv)"
  # The repository's .venv has maturin (scripts/build-dist.sh installed it): build without
  # isolation so that nothing is downloaded; registry crates are reused from target/py.
  CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target/py} "$ROOT/.venv/bin/python" -m pip wheel \
    --quiet --no-deps --no-build-isolation -w "$WORK/from-sdist" "${SDISTS[0]}"
  new_venv "$WORK/venv-sdist"
  "${PIP[@]}" install --quiet --no-index "$WORK"/from-sdist/nis2-*.whl 2>/dev/null ||
    "${PIP[@]}" install --quiet "$WORK"/from-sdist/nis2-*.whl
  smoke_python "$WORK/venv-sdist"
fi

# --- npm -------------------------------------------------------------------------------------
for name in nis2 nis2-scope; do
  TARBALL=$DIST/$name-$VERSION.tgz
  step "npm install $(basename "$TARBALL") (fresh project)"
  PROJECT=$WORK/npm-$name
  mkdir -p "$PROJECT"
  printf '{ "name": "smoke-%s", "private": true, "type": "module" }\n' "$name" >"$PROJECT/package.json"
  (cd "$PROJECT" && npm install --offline --no-audit --no-fund --loglevel=error "$TARBALL" >/dev/null)
  # As the package README says for Node.js: read the .wasm bytes the package ships, initSync.
  cat >"$PROJECT/smoke.mjs" <<EOF
import { readFileSync } from "node:fs";
import { initSync, scope } from "$name";

initSync({ module: readFileSync(new URL(import.meta.resolve("$name/nis2_bg.wasm"))) });
const pkg = JSON.parse(readFileSync(new URL(import.meta.resolve("$name/package.json")), "utf8"));
const profile = JSON.parse(readFileSync(process.argv[2], "utf8"));
const r = scope(profile);
const doc = typeof r === "string" ? JSON.parse(r) : r;
if (pkg.version !== "$VERSION") throw new Error(\`$name package.json version \${pkg.version}\`);
if (doc.op !== "scope" || doc.in_scope !== "yes" || doc.classification !== "important")
  throw new Error(\`unexpected scope result: op=\${doc.op} in_scope=\${doc.in_scope} classification=\${doc.classification}\`);
console.log(\`   $name \${pkg.version} on Node \${process.versions.node}: op=\${doc.op}, in_scope=\${doc.in_scope}, classification=\${doc.classification}\`);
EOF
  (cd "$PROJECT" && node smoke.mjs "$PROFILE")
done

step "every artefact installed and answered"
