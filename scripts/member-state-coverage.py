#!/usr/bin/env python3
"""Validate the Member-State files and print (or write) the coverage table.

Usage:
  python3 scripts/member-state-coverage.py            # validate, print the table
  python3 scripts/member-state-coverage.py --check    # validate only (exit 1 on any problem)
  python3 scripts/member-state-coverage.py --write    # validate, then rewrite the table in docs/member-states.md

Reads nis2-core/data/member_states/<CODE>.json and validates each file against
schemas/member-state.schema.json, the JSON Schema generated from the engine's types
(`cargo run -p nis2-cli -- schema --write schemas`; with the `jsonschema` package when it is
installed, otherwise with a minimal built-in check), then applies the project's own consistency
rules (see README.md in that folder). The Rust test nis2-core/tests/member_states.rs checks the
same rules and that the table in docs/member-states.md is current.
"""
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "nis2-core", "data", "member_states")
SCHEMA = os.path.join(ROOT, "schemas", "member-state.schema.json")
DOC = os.path.join(ROOT, "docs", "member-states.md")
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"

EU = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
      "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
EEA = ["IS", "LI", "NO"]
STATUSES = ("verified", "secondary", "unverified")
OPTION_KEYS = ("local_public_administration", "education_institutions", "nis1_operators_essential", "partner_independence")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def schema_errors(doc, schema):
    try:
        import jsonschema  # type: ignore
    except ImportError:
        return minimal_check(doc)
    validator = jsonschema.Draft202012Validator(schema)
    return ["/".join(str(p) for p in e.absolute_path) + ": " + e.message
            for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))]


def minimal_check(doc):
    """Fallback when jsonschema is not installed: required keys, enums and bilingual texts."""
    errs = []
    for key in ("schema_version", "code", "name", "membership", "transposition", "authorities",
                "registration", "reporting", "options", "rules", "fines"):
        if key not in doc:
            errs.append("missing " + key)
    if errs:
        return errs
    if doc["membership"] not in ("eu", "eea"):
        errs.append("membership")
    t = doc["transposition"]
    if t.get("status") not in ("in_force", "adopted_not_in_force", "adopted_in_force_unknown", "not_transposed", "nis1_only"):
        errs.append("transposition/status")
    for k in ("item_status", "in_force_status"):
        if t.get(k) not in STATUSES:
            errs.append("transposition/" + k)
    for path, item in items(doc):
        if item.get("status") not in STATUSES:
            errs.append(path + "/status")
        if "read_on" not in item or "sources" not in item:
            errs.append(path + ": needs sources and read_on")

    def walk(node, path):
        if isinstance(node, dict):
            if set(node) == {"en", "da"} and not all(isinstance(v, str) and v for v in node.values()):
                errs.append(path + ": empty text")
            for k, v in node.items():
                walk(v, path + "/" + k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + "/" + str(i))
    walk(doc, "")
    return errs


def items(doc):
    """Every counted item: (path, dict with 'status')."""
    t = doc["transposition"]
    yield "transposition", {"status": t["item_status"], "sources": t["sources"], "read_on": t["read_on"]}
    for i, a in enumerate(doc["authorities"]):
        yield "authorities/%d" % i, a
    yield "registration", doc["registration"]
    yield "reporting", doc["reporting"]
    for k in OPTION_KEYS:
        yield "options/" + k, doc["options"][k]
    for i, r in enumerate(doc["rules"]):
        yield "rules/%s" % r.get("id", i), r
    yield "fines", doc["fines"]


def project_rules(code, doc, path):
    errs = []
    if doc.get("code") != code:
        errs.append("code %r does not match the file name %s" % (doc.get("code"), os.path.basename(path)))
    expected = "eea" if code in EEA else "eu"
    if doc.get("membership") != expected:
        errs.append("membership should be %s" % expected)
    for p, it in items(doc):
        if it["status"] in ("verified", "secondary") and not it.get("sources"):
            errs.append(p + ": a %s item needs at least one source" % it["status"])
    t = doc["transposition"]
    if t["status"] in ("not_transposed", "nis1_only"):
        for k in OPTION_KEYS:
            o = doc["options"][k]
            if o["taken"] is not None and o["status"] != "unverified":
                errs.append("options/%s: no NIS2 act in force, so an option cannot be settled" % k)
    if t["status"] == "in_force" and t["in_force"] is None:
        errs.append("transposition: in_force status needs an in_force date (partial allowed)")
    if t["in_force"] is None and t["in_force_status"] != "unverified":
        errs.append("transposition: no in_force date, so in_force_status must be unverified")
    ids = [r["id"] for r in doc["rules"]]
    if len(ids) != len(set(ids)):
        errs.append("rules: duplicate id")
    for r in doc["rules"]:
        if not r["id"].startswith(code.lower() + "_"):
            errs.append("rules/%s: id should start with %s_" % (r["id"], code.lower()))
    return errs


def counts(doc):
    c = {s: 0 for s in STATUSES}
    for _, it in items(doc):
        c[it["status"]] += 1
    return c


def table(docs):
    lines = ["| State | Transposition | Act | In force | verified | secondary | unverified | Read on |",
             "|---|---|---|---|---:|---:|---:|---|"]
    tot = {s: 0 for s in STATUSES}
    for code in EU + EEA:
        d = docs[code]
        t = d["transposition"]
        c = counts(d)
        for s in STATUSES:
            tot[s] += c[s]
        act = (t["act"] or {}).get("number") or (t["act"] or {}).get("name") or "—"
        act = act.replace("|", "/")
        if len(act) > 60:
            act = act[:57] + "…"
        in_force = t["in_force"] or "—"
        if t["in_force"]:
            in_force += " (%s)" % t["in_force_status"]
        name = "%s %s%s" % (code, d["name"]["en"], " (EEA)" if d["membership"] == "eea" else "")
        lines.append("| %s | %s (%s) | %s | %s | %d | %d | %d | %s |" % (
            name, t["status"], t["item_status"], act, in_force, c["verified"], c["secondary"], c["unverified"], t["read_on"]))
    lines.append("| **Total** | | | | **%d** | **%d** | **%d** | |" % (tot["verified"], tot["secondary"], tot["unverified"]))
    return "\n".join(lines)


def main(argv):
    schema = load(SCHEMA)
    docs, problems = {}, []
    paths = sorted(glob.glob(os.path.join(DATA, "[A-Z][A-Z].json")))
    for path in paths:
        code = os.path.basename(path)[:-5]
        try:
            doc = load(path)
        except ValueError as e:
            problems.append("%s: not JSON: %s" % (code, e))
            continue
        errs = schema_errors(doc, schema)
        if not errs:
            errs = project_rules(code, doc, path)
        problems += ["%s: %s" % (code, e) for e in errs]
        docs[code] = doc
    missing = [c for c in EU + EEA if c not in docs]
    extra = [c for c in docs if c not in EU + EEA]
    if missing:
        problems.append("missing States: " + ", ".join(missing))
    if extra:
        problems.append("unexpected files: " + ", ".join(extra))
    try:
        import jsonschema  # noqa: F401
        how = "jsonschema"
    except ImportError:
        how = "minimal built-in check (install jsonschema for full validation)"
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("%d problem(s) in %d file(s) [%s]" % (len(problems), len(paths), how), file=sys.stderr)
        return 1
    print("%d files valid [%s]" % (len(paths), how), file=sys.stderr)
    if "--check" in argv:
        return 0
    tab = table(docs)
    if "--write" in argv:
        with open(DOC, encoding="utf-8") as f:
            text = f.read()
        if START not in text or END not in text:
            print("markers not found in " + DOC, file=sys.stderr)
            return 1
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        with open(DOC, "w", encoding="utf-8") as f:
            f.write(head + START + "\n" + tab + "\n" + END + tail)
        print("wrote the table to docs/member-states.md", file=sys.stderr)
    else:
        print(tab)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
