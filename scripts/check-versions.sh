#!/usr/bin/env bash
# Checks that every crate and package states one version: the workspace's
# ([workspace.package] version in Cargo.toml).
#
#   bash scripts/check-versions.sh           the sources (fast; needs cargo and python3)
#   bash scripts/check-versions.sh dist      also the release artefacts in dist/ (after
#                                            scripts/build-dist.sh)
#
# Where each version comes from:
#   crates       `version.workspace = true` in every member (checked through `cargo metadata`);
#                the workspace dependency on nis2-core pins `=VERSION`; Cargo.lock agrees
#   Python       nis2-py/pyproject.toml has `dynamic = ["version"]`: maturin takes the crate's
#                version (a 0.2.0-rc.1 style pre-release would become 0.2.0rc1 in the wheel)
#   npm          scripts/test-wasm.sh stamps the workspace version into the assembled
#                nis2-wasm/pkg*/package.json; the templates in nis2-wasm/npm state it too
#   CHANGELOG    has a section for it
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-sources}
case "$MODE" in sources | dist) ;; *)
  echo "usage: $0 [sources|dist]" >&2
  exit 2
  ;;
esac

cargo metadata --no-deps --format-version 1 --offline >"${TMPDIR:-/tmp}/nis2-metadata.$$.json" 2>/dev/null ||
  cargo metadata --no-deps --format-version 1 >"${TMPDIR:-/tmp}/nis2-metadata.$$.json"
trap 'rm -f "${TMPDIR:-/tmp}/nis2-metadata.$$.json"' EXIT

python3 - "$MODE" "${TMPDIR:-/tmp}/nis2-metadata.$$.json" <<'PY'
import glob, json, os, re, subprocess, sys, tarfile, zipfile

mode, metadata_path = sys.argv[1], sys.argv[2]
try:
    import tomllib
except ImportError:  # Python < 3.11: only the few keys read here, with regular expressions
    tomllib = None

problems = []
checked = []

def check(what, got, want):
    checked.append(what)
    if got != want:
        problems.append(f"{what}: {got!r}, expected {want!r}")

text = open("Cargo.toml", encoding="utf-8").read()
m = re.search(r'^\[workspace\.package\][^\[]*?^version\s*=\s*"([^"]+)"', text, re.M | re.S)
if not m:
    sys.exit("no [workspace.package] version in Cargo.toml")
version = m.group(1)
if not re.fullmatch(r"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?", version):
    sys.exit(f"workspace version {version!r} is not semver")

# Every member's version, as cargo reads it, and how the manifest states it.
meta = json.load(open(metadata_path, encoding="utf-8"))
members = {p["name"]: p for p in meta["packages"]}
for name in ("nis2-core", "nis2-cli", "nis2-py", "nis2-wasm"):
    if name not in members:
        problems.append(f"{name} is not a workspace member")
        continue
    check(f"{name} (cargo metadata)", members[name]["version"], version)
    manifest = open(members[name]["manifest_path"], encoding="utf-8").read()
    if not re.search(r"^version\.workspace\s*=\s*true", manifest, re.M):
        problems.append(f"{name}/Cargo.toml: use `version.workspace = true`")

m = re.search(r'^nis2-core\s*=\s*\{[^}]*\bversion\s*=\s*"([^"]+)"', text, re.M)
check("Cargo.toml [workspace.dependencies] nis2-core", m.group(1) if m else None, f"={version}")

lock = open("Cargo.lock", encoding="utf-8").read()
for name in ("nis2-core", "nis2-cli", "nis2-py", "nis2-wasm"):
    m = re.search(r'^name = "%s"\nversion = "([^"]+)"' % re.escape(name), lock, re.M)
    check(f"Cargo.lock {name}", m.group(1) if m else None, version)

py = open("nis2-py/pyproject.toml", encoding="utf-8").read()
if tomllib:
    project = tomllib.loads(py).get("project", {})
    check("nis2-py/pyproject.toml [project] dynamic has version", "version" in project.get("dynamic", []), True)
    check("nis2-py/pyproject.toml [project] has no static version", "version" in project, False)
else:
    check("nis2-py/pyproject.toml dynamic version", bool(re.search(r'^dynamic\s*=\s*\[[^\]]*"version"', py, re.M)), True)

for path in ("nis2-wasm/npm/package.json", "nis2-wasm/npm/scope/package.json"):
    check(path, json.load(open(path, encoding="utf-8")).get("version"), version)
for path in ("nis2-wasm/pkg/package.json", "nis2-wasm/pkg-scope/package.json"):
    if os.path.exists(path):  # assembled by scripts/test-wasm.sh
        check(path, json.load(open(path, encoding="utf-8")).get("version"), version)

changelog = open("CHANGELOG.md", encoding="utf-8").read()
check("CHANGELOG.md has a section for the version",
      bool(re.search(r"^## \[%s\]" % re.escape(version), changelog, re.M)), True)

if mode == "dist":
    # The Python version of the crate version (PEP 440 spelling of a pre-release).
    pyver = re.sub(r"-(alpha|beta|rc)\.?(\d+)$", lambda m: {"alpha": "a", "beta": "b", "rc": "rc"}[m.group(1)] + m.group(2), version)
    wheels = glob.glob("dist/nis2-*.whl")
    check("dist: one wheel", len(wheels), 1)
    for w in wheels:
        check(f"{w}: version in the file name", os.path.basename(w).split("-")[1], pyver)
        with zipfile.ZipFile(w) as z:
            meta_name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            m = re.search(r"^Version: (.+)$", z.read(meta_name).decode(), re.M)
            check(f"{w}: METADATA Version", m.group(1).strip() if m else None, pyver)
    sdists = glob.glob("dist/nis2-*.tar.gz")
    check("dist: one sdist", len(sdists), 1)
    for s in sdists:
        check(f"{s}: version in the file name", os.path.basename(s)[len("nis2-"):-len(".tar.gz")], pyver)
    for name in ("nis2", "nis2-scope"):
        tgz = f"dist/{name}-{version}.tgz"
        check(f"dist: {tgz} exists", os.path.exists(tgz), True)
        if os.path.exists(tgz):
            with tarfile.open(tgz) as t:
                pkg = json.load(t.extractfile("package/package.json"))
            check(f"{tgz}: package.json name", pkg.get("name"), name)
            check(f"{tgz}: package.json version", pkg.get("version"), version)
    clis = [p for p in glob.glob(f"dist/nis2-{version}-*") if not p.endswith((".tgz", ".tar.gz", ".whl"))]
    check("dist: one CLI binary", len(clis), 1)
    for c in clis:
        out = subprocess.run([c, "--version"], capture_output=True, text=True, check=True).stdout.strip()
        check(f"{c} --version", out, f"nis2 {version}")

if problems:
    print(f"version {version}: {len(problems)} of {len(checked)} checks disagree:", file=sys.stderr)
    for p in problems:
        print(f"  - {p}", file=sys.stderr)
    sys.exit(1)
print(f"version {version}: {len(checked)} checks agree ({mode})")
PY
