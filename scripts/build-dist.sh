#!/usr/bin/env bash
# Builds the release artefacts of nis2 into dist/, all of one version (the workspace's):
#
#   nis2-VERSION-cp310-abi3-manylinux_2_34_ARCH.whl  Python wheel (abi3: one wheel for
#                                             CPython >= 3.10 on Linux with glibc >= 2.34)
#   nis2-VERSION.tar.gz                       Python sdist (nis2-py with nis2-core inside)
#   nis2-VERSION.tgz, nis2-scope-VERSION.tgz  npm packages (`npm pack` of nis2-wasm/pkg and
#                                             nis2-wasm/pkg-scope, built by scripts/test-wasm.sh)
#   nis2-VERSION-TARGET                       the CLI (`cargo build --release -p nis2-cli`), for
#                                             the host's target triple
#   SHA256SUMS                                `sha256sum -c SHA256SUMS` checks them
#
#   bash scripts/build-dist.sh                every artefact
#   bash scripts/build-dist.sh cli wheel      some: cli, wheel, sdist, npm (the others in dist/
#                                             are kept; SHA256SUMS covers what is there)
#
# Idempotent: each part replaces its own files, and reuses the build outputs of the test
# scripts (the wheel's Rust build shares target/py with scripts/test-python.sh; the npm
# packages reuse the wasm builds and wasm-opt output of scripts/test-wasm.sh). Installs only
# what it needs: maturin (the version pinned in nis2-py/requirements-dev.txt) into the
# repository's .venv, and what scripts/test-wasm.sh installs for the npm packages.
#
# The wheel's tag: `--compatibility manylinux_2_34` makes maturin check the extension module
# itself (its auditwheel-like check of the glibc symbol versions and of the libraries it
# links; an abi3 module links no libpython) and fail if it needs more than the policy allows,
# so the tag is checked, not assumed, without auditwheel, docker or zig. Why 2.34 and not
# manylinux2014 (glibc 2.17): built against this machine's glibc (Debian 12, 2.36), Rust's
# std binds the newest versions of some symbols (stat64 and friends 2.33, the pthread
# functions merged into libc 2.34, libm 2.29, ...); maturin rejects `manylinux2014` here with
# exactly that list. An older baseline needs an old glibc to link against: a manylinux
# container (none here) or `maturin --zig` (zig from PyPI's ziglang), which this script does
# not use, so that the wheel is linked by the same toolchain the tests use. manylinux_2_34 installs on Debian 12, Ubuntu 22.04, RHEL 9, Fedora
# 35 and later (Google Colab too); elsewhere `pip install` the sdist or ./nis2-py (builds from
# source). NIS2_WHEEL_COMPATIBILITY overrides it (`manylinux2014` where an old glibc is
# available, `linux` for a plain linux_ARCH wheel for this machine only).
#
# Environment: PYTHON (interpreter for a new .venv, default python3), SOURCE_DATE_EPOCH
# (default: the last commit's time, so archive timestamps do not depend on the build time).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=$ROOT/dist
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

PARTS=("$@")
[ ${#PARTS[@]} -gt 0 ] || PARTS=(cli wheel sdist npm)
for part in "${PARTS[@]}"; do
  case "$part" in cli | wheel | sdist | npm) ;; *)
    echo "usage: $0 [cli] [wheel] [sdist] [npm]   (default: all)" >&2
    exit 2
    ;;
  esac
done
want() { printf '%s\n' "${PARTS[@]}" | grep -qx "$1"; }
step() { printf -- '-- dist: %s\n' "$*"; }

VERSION=$(awk '/^\[workspace\.package\]/ { p = 1 } p && /^version *=/ { gsub(/"/, "", $3); print $3; exit }' Cargo.toml)
[ -n "$VERSION" ] || { echo "no [workspace.package] version in Cargo.toml" >&2; exit 1; }
TARGET=$(rustc -vV | sed -n 's/^host: //p')
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && git rev-parse --git-dir >/dev/null 2>&1; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)
  export SOURCE_DATE_EPOCH
fi
mkdir -p "$DIST"
step "version $VERSION, target $TARGET"

# --- the CLI ---------------------------------------------------------------------------------
if want cli; then
  step "cargo build --release -p nis2-cli"
  cargo build --release -q -p nis2-cli
  rm -f "$DIST"/nis2-*-"$TARGET"
  cp target/release/nis2 "$DIST/nis2-$VERSION-$TARGET"
  "$DIST/nis2-$VERSION-$TARGET" --version
  if command -v objdump >/dev/null 2>&1; then
    printf '   needs glibc >= %s\n' "$(objdump -T "$DIST/nis2-$VERSION-$TARGET" |
      grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)"
  fi
fi

# --- Python: wheel and sdist (maturin) -------------------------------------------------------
if want wheel || want sdist; then
  PYTHON=${PYTHON:-python3}
  VENV=$ROOT/.venv
  PY=$VENV/bin/python
  if [ ! -x "$PY" ]; then
    step "create $VENV"
    "$PYTHON" -m venv "$VENV" || { rm -rf "$VENV"; "$PYTHON" -m venv --without-pip "$VENV"; }
  fi
  if "$PY" -m pip --version >/dev/null 2>&1; then PIP=("$PY" -m pip); else PIP=("$PYTHON" -m pip --python "$PY"); fi
  MATURIN_PIN=$(grep -E '^maturin==' nis2-py/requirements-dev.txt | head -1)
  [ -n "$MATURIN_PIN" ] || { echo "no maturin pin in nis2-py/requirements-dev.txt" >&2; exit 1; }
  if [ "$("$VENV/bin/maturin" --version 2>/dev/null | awk '{print "maturin==" $2}')" != "$MATURIN_PIN" ]; then
    step "pip install $MATURIN_PIN"
    "${PIP[@]}" install --quiet "$MATURIN_PIN"
  fi
  # Same target directory as scripts/test-python.sh: the release build is shared.
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target/py}
  if want sdist; then
    step "maturin sdist"
    rm -f "$DIST"/nis2-*.tar.gz
    "$VENV/bin/maturin" sdist -m nis2-py/Cargo.toml -o "$DIST"
  fi
  if want wheel; then
    COMPATIBILITY=${NIS2_WHEEL_COMPATIBILITY:-manylinux_2_34}
    step "maturin build --release --compatibility $COMPATIBILITY"
    rm -f "$DIST"/nis2-*.whl
    "$VENV/bin/maturin" build --release --quiet --compatibility "$COMPATIBILITY" \
      -m nis2-py/Cargo.toml -i "$PY" -o "$DIST"
    # The tags the wheel declares (its WHEEL file) must match its file name.
    "$PY" - "$DIST" <<'PY'
import glob, sys, zipfile
wheels = glob.glob(f"{sys.argv[1]}/nis2-*.whl")
if len(wheels) != 1:
    sys.exit(f"expected one wheel, found {wheels}")
name = wheels[0].rsplit("/", 1)[-1][:-len(".whl")]
_, _, py, abi, plat = name.split("-")
expected = {f"{p}-{abi}-{q}" for p in py.split(".") for q in plat.split(".")}
with zipfile.ZipFile(wheels[0]) as z:
    meta = next(n for n in z.namelist() if n.endswith(".dist-info/WHEEL"))
    declared = {l.split(":", 1)[1].strip() for l in z.read(meta).decode().splitlines() if l.startswith("Tag:")}
if declared != expected:
    sys.exit(f"{name}: WHEEL declares {sorted(declared)}, the file name says {sorted(expected)}")
if abi != "abi3" or py != "cp310":
    sys.exit(f"{name}: expected a cp310-abi3 wheel")
print(f"   wheel tags: {', '.join(sorted(declared))}")
PY
  fi
  unset CARGO_TARGET_DIR
fi

# --- npm: nis2 and nis2-scope ------------------------------------------------------------------
if want npm; then
  step "scripts/test-wasm.sh build"
  bash scripts/test-wasm.sh build
  rm -f "$DIST"/nis2-[0-9]*.tgz "$DIST"/nis2-scope-*.tgz
  for pkg in nis2-wasm/pkg nis2-wasm/pkg-scope; do
    # npm packs a LICENSE file whatever `files` lists.
    cp LICENSE "$pkg/LICENSE"
    name=$(node -p 'require(process.argv[1]).name' "$ROOT/$pkg/package.json")
    step "npm pack $pkg ($name)"
    (cd "$pkg" && npm pack --ignore-scripts --silent --pack-destination "$DIST" >/dev/null)
    [ -f "$DIST/$name-$VERSION.tgz" ] || { echo "npm pack did not write $name-$VERSION.tgz" >&2; exit 1; }
  done
fi

# --- checksums -------------------------------------------------------------------------------
(
  cd "$DIST"
  rm -f SHA256SUMS
  shopt -s nullglob
  files=(*)
  [ ${#files[@]} -gt 0 ] || { echo "dist/ is empty" >&2; exit 1; }
  sha256sum "${files[@]}" >SHA256SUMS
)
step "dist/"
for f in "$DIST"/*; do printf '   %10d  %s\n' "$(wc -c <"$f")" "${f##*/}"; done
