#!/usr/bin/env bash
# Builds the Python package `nis2` (nis2-py: pyo3 + maturin, one abi3 wheel for CPython >= 3.10)
# and tests it: pytest (every conformance vector through JSON text and a dict, its verdict, byte
# identity with the CLI; rendering, errors, the typed views, the import graph, the line budget,
# the generated model's freshness), mypy stubtest (the native module against its .pyi stub, and
# the package) and mypy --strict (package, tests, generator).
#
#   bash scripts/test-python.sh          build + all tests (benchmarks run once, untimed)
#   bash scripts/test-python.sh bench    build + the pytest-benchmark timings only (and the scope
#                                        figures against their targets and plain Python)
#
# Idempotent, and needs only python3 (with venv or pip) and cargo: it creates .venv at the
# repository root when missing and installs the pinned tools of nis2-py/requirements-dev.txt only
# when they changed. Environment:
#   PYTHON            interpreter for a new venv (default python3)
#   CARGO_TARGET_DIR  Rust build directory (default target/py, apart from the main target/ so
#                     that this build does not invalidate or wait on the workspace's dev builds)
#   NIS2_CLI          CLI binary for the byte-identity test (default target/debug/nis2, built by
#                     `cargo build -p nis2-cli`; the test is skipped, with the reason, without it)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

MODE="${1:-test}"
case "$MODE" in
  test | bench) ;;
  *) echo "usage: $0 [test|bench]" >&2; exit 2 ;;
esac

section() { printf '\n==== python: %s ====\n' "$*"; }

PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/py}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

section "virtual environment (.venv)"
if [ ! -x "$PY" ]; then
  echo "creating $VENV with $("$PYTHON" --version 2>&1)"
  if ! "$PYTHON" -m venv "$VENV"; then
    # Debian without python3-venv: a venv without pip, driven by the system pip.
    rm -rf "$VENV"
    "$PYTHON" -m venv --without-pip "$VENV"
  fi
fi
if "$PY" -m pip --version >/dev/null 2>&1; then
  PIP=("$PY" -m pip)
else
  PIP=("$PYTHON" -m pip --python "$PY")
fi
"$PY" --version

section "tools (nis2-py/requirements-dev.txt)"
REQS="nis2-py/requirements-dev.txt"
STAMP="$VENV/.nis2-py-requirements.sha256"
WANT="$(sha256sum "$REQS" | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" = "$WANT" ] && "$PY" -m pytest --version >/dev/null 2>&1; then
  echo "up to date"
else
  "${PIP[@]}" install --quiet -r "$REQS"
  echo "$WANT" >"$STAMP"
fi
"${PIP[@]}" list --format=freeze 2>/dev/null | grep -iE '^(maturin|pytest|pytest-benchmark|mypy)==' || true

section "build the wheel (maturin, release, $CARGO_TARGET_DIR)"
WHEELS="$CARGO_TARGET_DIR/wheels-nis2"
rm -rf "$WHEELS"
"$VENV/bin/maturin" build --release --quiet -m nis2-py/Cargo.toml -i "$PY" -o "$WHEELS"
shopt -s nullglob
WHEEL=("$WHEELS"/nis2-*.whl)
shopt -u nullglob
if [ "${#WHEEL[@]}" -ne 1 ]; then
  echo "expected one wheel in $WHEELS, found ${#WHEEL[@]}" >&2
  exit 1
fi
echo "built $(basename "${WHEEL[0]}")"

section "install the wheel"
"${PIP[@]}" install --quiet --force-reinstall --no-deps "${WHEEL[0]}"
(cd / && "$PY" -c 'import nis2, sys; print("nis2", nis2.__version__, "from", nis2.__file__, "on Python", sys.version.split()[0])')

if [ "$MODE" = bench ]; then
  section "pytest-benchmark"
  (cd nis2-py && "$PY" -m pytest tests/test_bench.py --benchmark-only \
    --benchmark-columns=min,median,mean,max,rounds --benchmark-sort=name)
  exit 0
fi

section "pytest"
(cd nis2-py && "$PY" -m pytest --benchmark-disable)

section "mypy stubtest (native module vs nis2/_nis2.pyi, and the package)"
# Allowlist, generated: stubtest reports every multi-value `typing.Literal` alias (InScope,
# SizeClass, ...) as "is not a Union", because mypy expands Literal["a", "b"] into a union of
# literals while at run time it is one Literal object (a stubtest limitation, mypy 2.4); a
# one-value alias (QuestionnaireFormat = Literal["xlsx"]) is "not a recognised type alias" for
# the same reason. Only
# those aliases are listed, each where it is defined (not where it is re-exported), found by
# inspecting the installed package, so nothing else is hidden.
ALLOW="$CARGO_TARGET_DIR/nis2-stubtest-allowlist.txt"
(cd / && "$PY" - >"$ALLOW") <<'PYEOF'
import importlib, pkgutil, typing
import nis2
seen = set()
for name in [m.name for m in pkgutil.walk_packages(nis2.__path__, "nis2.")] + ["nis2"]:
    module = importlib.import_module(name)
    public = getattr(module, "__all__", [a for a in vars(module) if not a.startswith("_")])
    for attr in sorted(public):
        value = getattr(module, attr)
        literal = typing.get_origin(value) is typing.Literal and len(typing.get_args(value)) >= 1
        if literal and id(value) not in seen:
            seen.add(id(value))
            print(f"{name}.{attr}")
PYEOF
echo "allowlisted Literal aliases: $(wc -l <"$ALLOW")"
# Run from / so that the installed package is what is imported and checked, not the sources.
(cd / && "$PY" -m mypy.stubtest nis2 --mypy-config-file "$ROOT/nis2-py/pyproject.toml" \
  --allowlist "$ALLOW")

section "mypy --strict (package, tests and the generator)"
"$PY" -m mypy --strict --config-file nis2-py/pyproject.toml nis2-py/python/nis2 nis2-py/tests \
  nis2-py/scripts

section "all python tests passed"
