#!/usr/bin/env bash
# Screens a generated register of 1,000,000 companies (four Parquet files) on one machine, with
# PySpark in local mode (`mapInArrow`) and with Dask (`map_partitions`), and checks that all three
# give the same verdicts (examples/register/test_register.py).
#
# Installs what it needs, idempotently: Java 17 from Debian (openjdk-17-jre-headless) when no
# `java` is on the PATH, and the pinned pyspark and dask (examples/register/requirements.txt)
# into the repository's .venv. The nis2 wheel must be installed there (scripts/test-python.sh
# builds and installs it; this script runs after it in scripts/test-all.sh).
#
#   bash scripts/test-distributed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

section() { printf '\n---- %s ----\n' "$*"; }

section "Java (for PySpark)"
if ! command -v java >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
java -version 2>&1 | head -1

section "pyspark and dask (examples/register/requirements.txt)"
if [ ! -x "$PY" ] || ! "$PY" -c "import nis2" 2>/dev/null; then
  echo "nis2 is not installed in $VENV: run scripts/test-python.sh first" >&2
  exit 1
fi
REQS="examples/register/requirements.txt"
STAMP="$VENV/.register-requirements.sha256"
WANT="$(sha256sum "$REQS" | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
  echo "up to date"
else
  "$PY" -m pip install --quiet --disable-pip-version-check -r "$REQS"
  echo "$WANT" >"$STAMP"
fi
"$PY" -m pip list --format=freeze 2>/dev/null | grep -iE '^(pyspark|dask)==' || true

section "screen a 1,000,000-row register: one machine, Spark mapInArrow, Dask map_partitions"
cd examples/register
"$PY" -m pytest -q -p no:cacheprovider -W ignore::FutureWarning test_register.py
