"""`nis2.catalog` and its conveniences: every vector of `tests/vectors/catalog` through each
input form (a dict, JSON text, and the convenience function of its op), deep-equal to
`expected`, the `assert` block (`pointers`, `results_include`), byte identity with
`nis2 catalog request FILE`; then the auditor's questions, errors and notebook views."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Callable, Optional, Union

import pytest

import nis2
from nis2 import catalog_types as ct
from nis2._convert import Record
from conftest import (
    EXCEPTION_CLASS,
    Vector,
    cli_stdout,
    ids,
    load_vectors,
    needs_cli,
    pointer,
    without_position,
)

VECTORS = load_vectors("catalog")
SUCCESS = [v for v in VECTORS if v.error is None]
ERRORS = [v for v in VECTORS if v.error is not None]

Result = Union[Record, str]


# ------------------------------------------------------------------------------------------------
# The convenience function of each op, called with the request's fields
# ------------------------------------------------------------------------------------------------

# op -> (function, required request fields as positional arguments, optional ones as keywords)
CONVENIENCE: dict[str, tuple[Callable[..., Result], tuple[str, ...], tuple[str, ...]]] = {
    "list": (nis2.frameworks, (), ()),
    "show": (nis2.framework, ("framework",), ()),
    "node": (nis2.node, ("id",), ()),
    "map": (nis2.map, ("from", "to"), ("via",)),
    "evidence": (nis2.evidence, ("requirement", "from"), ("via",)),
    "coverage": (nis2.coverage, ("target", "controls"), ("via",)),
    "export": (nis2.export, (), ("framework", "mapping", "format")),
}


def convenience_call(request: Any) -> Optional[Callable[[], Result]]:
    """The call of the convenience function for `request`, or None when the request cannot be
    expressed through it (no or unknown op, a field it does not take, a required one missing)."""
    if not isinstance(request, dict) or request.get("op") not in CONVENIENCE:
        return None
    fn, positional, keywords = CONVENIENCE[request["op"]]
    fields = set(request) - {"op"}
    if not set(positional) <= fields or not fields <= set(positional) | set(keywords):
        return None
    args = [request[k] for k in positional]
    kwargs = {k: request[k] for k in keywords if k in request}
    return lambda: fn(*args, **kwargs)


def run_typed(v: Vector) -> Result:
    call = convenience_call(v.input)
    assert call is not None
    return call()


MODES: dict[str, Callable[[Vector], Result]] = {
    "dict": lambda v: nis2.catalog(v.input),
    "json": lambda v: nis2.catalog(v.input_json()),
    "convenience": run_typed,
}


def cases(vectors: list[Vector]) -> list[Any]:
    """(vector, mode) for each mode that can express the vector's request."""
    return [
        pytest.param(v, mode, id=f"{v.name}-{mode}")
        for v in vectors
        for mode in MODES
        if mode != "convenience" or convenience_call(v.input) is not None
    ]


def document(result: Result, v: Vector) -> dict[str, Any]:
    """The response as a dict; for `export` through `nis2.export` (which returns the content
    only), the expected response with that content."""
    if isinstance(result, str):
        assert v.expected is not None
        return {**v.expected, "content": result}
    return result.to_dict()


def test_vector_inventory() -> None:
    assert len(VECTORS) >= 20, f"only {len(VECTORS)} catalog vectors"
    without = [v.name for v in SUCCESS if v.expected is None]
    assert not without, f"result vectors without `expected`: {without}"
    assert ERRORS, "no error vectors"


def check_asserts(v: Vector, out: dict[str, Any]) -> None:
    for ptr, want in v.asserts.get("pointers", {}).items():
        assert pointer(out, ptr) == want, ptr
    results = {r["node"]["id"]: r for r in out.get("results", [])}
    for want in v.asserts.get("results_include", []):
        assert want["id"] in results, want["id"]
        for key in ("relationship", "confidence"):
            if key in want:
                assert results[want["id"]][key] == want[key], (want["id"], key)


@pytest.mark.parametrize(("vector", "mode"), cases(SUCCESS))
def test_result_vector(vector: Vector, mode: str) -> None:
    out = document(MODES[mode](vector), vector)
    check_asserts(vector, out)
    assert out == vector.expected


@pytest.mark.parametrize("vector", SUCCESS, ids=ids(SUCCESS))
def test_typed_response_is_lossless(vector: Vector) -> None:
    """The typed response: the right class, `to_dict` the engine's document, the strict reader
    equal to the trusted builder, and the typed objects written back field by field give the
    engine's exact bytes (key order and nulls included)."""
    result = nis2.catalog(vector.input)
    op = vector.input["op"]
    assert result.op == op
    assert type(result).__name__ == f"{op.capitalize()}Response"
    text = result.to_json()
    assert json.loads(text) == result.to_dict() == vector.expected
    strict = ct.catalog_response_from_dict(result.to_dict())
    assert strict == result and type(strict) is type(result)
    assert strict.to_json() == text  # rebuilt from the fields: the same bytes
    again = ct.catalog_response_from_json(text)
    assert again == result and again.to_json() == text
    typed = convenience_call(vector.input)
    if typed is not None and not isinstance(got := typed(), str):
        assert got.to_json() == text


@needs_cli
@pytest.mark.parametrize("vector", SUCCESS, ids=ids(SUCCESS))
def test_cli_gives_the_same_bytes(vector: Vector, tmp_path: Path) -> None:
    request = tmp_path / "request.json"
    request.write_text(vector.input_json(), encoding="utf-8")
    assert cli_stdout(["catalog", "request", str(request)]) == nis2.catalog(vector.input).to_json()


@pytest.mark.parametrize(("vector", "mode"), cases(ERRORS))
def test_error_vector(vector: Vector, mode: str) -> None:
    want = vector.error
    assert want is not None
    with pytest.raises(nis2.Nis2Error) as info:
        MODES[mode](vector)
    err = info.value
    assert err.kind == want["kind"], err.report
    if "path" in want:
        assert err.path == want["path"], err.report
    assert isinstance(err, EXCEPTION_CLASS[want["kind"]])
    expected = vector.expected_error
    assert expected is not None
    if mode == "json":
        assert err.report == expected
    else:
        assert without_position(err.report) == without_position(expected)


# ------------------------------------------------------------------------------------------------
# The auditor's two questions
# ------------------------------------------------------------------------------------------------


def test_which_nis2_requirements_does_a_5_19_help_with() -> None:
    r = nis2.map("ISO27001:A.5.19", "nis2")
    assert isinstance(r, nis2.MapResponse)
    assert r.from_.id == "ISO27001:A.5.19" and r.from_.citation == "ISO/IEC 27001:2022 A.5.19"
    assert r.to == "nis2" and r.routes
    hits = {h.node.id: h for h in r.results}
    assert {"NIS2:21.2.d", "NIS2:21.2.a.risk"} <= set(hits)
    d = hits["NIS2:21.2.d"]
    assert isinstance(d, ct.Hit) and isinstance(d.node, ct.NodeRef)
    assert d.relationship == "intersects"  # an overlap, never equivalence
    assert d.confidence in ("low", "medium", "high")
    assert d.node.citation == "Art. 21(2)(d)" and d.node.title.en
    assert d.provenance and set(d.provenance) <= {"enisa", "regulation", "own_analysis", "derived"}
    assert d.routes >= 1 and d.path
    step = d.path[0]
    assert step.from_ == "ISO27001:A.5.19" and d.path[-1].to == "NIS2:21.2.d"
    assert step.rationale.en and step.rationale.da and step.mapping
    rows = r.rows()
    assert [row["id"] for row in rows] == [h.node.id for h in r.results]
    assert rows[0].keys() >= {"citation", "relationship", "confidence", "provenance", "rationale"}


def test_which_iso_controls_evidence_21_2_d() -> None:
    r = nis2.evidence("NIS2:21.2.d", "iso27001-2022")
    assert isinstance(r, nis2.EvidenceResponse)
    assert r.requirement.citation == "Art. 21(2)(d)" and r.from_ == "iso27001-2022"
    ids_ = [h.node.id for h in r.results]
    assert {"ISO27001:A.5.19", "ISO27001:A.5.20", "ISO27001:A.5.21", "ISO27001:A.5.22"} <= set(
        ids_
    )
    for h in r.results:
        assert h.node.framework == "iso27001-2022"
        assert h.relationship == "intersects" and h.confidence and h.provenance
        assert h.node.citation.startswith("ISO/IEC 27001:2022 ")


def test_via_pivot_and_request_equivalence() -> None:
    direct = nis2.map("ISO27001:A.5.19", "nis2", via="cir-2024-2690")
    same = nis2.catalog(
        {"op": "map", "from": "ISO27001:A.5.19", "to": "nis2", "via": "cir-2024-2690"}
    )
    assert direct == same and direct.to_json() == same.to_json()
    assert any(route.via == "cir-2024-2690" for route in direct.routes)


def test_coverage_accepts_one_control_or_any_iterable() -> None:
    one = nis2.coverage("NIS2:21.2.d", "ISO27001:A.5.19")
    listed = nis2.coverage("NIS2:21.2.d", ["ISO27001:A.5.19"])
    from_tuple = nis2.coverage("NIS2:21.2.d", ("ISO27001:A.5.19",))
    assert one.to_json() == listed.to_json() == from_tuple.to_json()
    s = one.summary
    assert s.leaves == s.reached + s.not_reached >= 1
    assert [row["id"] for row in one.rows()] == [x.leaf.id for x in one.leaves]
    via = nis2.coverage("NIS2:21.2.d", ["ISO27001:A.5.19", "ISO27001:A.5.20"], via="cir-2024-2690")
    assert via.via == "cir-2024-2690" and via.summary.leaves > s.leaves
    not_reached = [x for x in via.leaves if x.best is None]
    assert len(not_reached) == via.summary.not_reached
    assert all(row["relationship"] is None for row in via.rows() if row["best_control"] is None)


def test_frameworks_framework_and_node() -> None:
    listing = nis2.frameworks()
    ids_ = [f.id for f in listing.frameworks]
    assert ids_ == ["nis2", "cir-2024-2690", "iso27001-2022", "dmaerket", "dk-programme"]
    assert all(isinstance(f.title, nis2.Text) and f.nodes >= f.requirements for f in listing.frameworks)
    assert {m.from_ for m in listing.mappings} <= set(ids_)
    shown = nis2.framework("nis2")
    fw = shown.framework
    assert isinstance(fw, nis2.Framework) and fw.id == "nis2" and fw.nodes
    roots = [n for n in fw.nodes if n.parent is None]
    assert roots and all(n.applicability is not None for n in fw.nodes)
    # `parent: null` is written by the engine and kept by the typed objects.
    assert '"parent":null' in shown.to_json()
    assert '"parent":null' in ct.ShowResponse.from_dict(shown.to_dict()).to_json()
    node = nis2.node("ISO27001:A.5.19")
    assert node.node.id == "ISO27001:A.5.19" and node.framework == "iso27001-2022"
    assert [a.id for a in node.ancestors][-1] == "ISO27001:A.5"
    assert node.pairs and all(isinstance(p, ct.DirectPair) for p in node.pairs)


def test_export_formats() -> None:
    text = nis2.export(framework="nis2")
    fw = ct.Framework.from_json(text)  # the JSON export is the data model
    assert fw.id == "nis2" and fw.to_json() == text
    oscal = json.loads(nis2.export(framework="nis2", format="oscal"))
    assert "catalog" in oscal
    rows = list(csv.reader(io.StringIO(nis2.export(mapping="dmaerket--nis2", format="csv"))))
    assert rows[0][:3] == ["mapping", "from", "from_citation"] and len(rows) > 10
    full = nis2.catalog({"op": "export", "mapping": "dmaerket--nis2", "format": "csv"})
    assert isinstance(full, ct.ExportResponse) and full.media_type == "text/csv"
    assert full.file_name == "dmaerket--nis2.csv"
    mapping = ct.Mapping.from_json(nis2.export(mapping="dmaerket--nis2"))
    assert mapping.entries and "<table>" in mapping._repr_html_()


# ------------------------------------------------------------------------------------------------
# Errors
# ------------------------------------------------------------------------------------------------


def test_unknown_ids_have_suggestions() -> None:
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.map("ISO27001:A.5.99", "nis2")
    err = info.value
    assert err.path == "$.from" and "ISO27001:A.5.19" in err.suggestions
    assert isinstance(err, LookupError)
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.evidence("NIS2:21.2.d", "iso27001")
    assert info.value.path == "$.from" and "iso27001-2022" in info.value.suggestions
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.framework("nis")
    assert info.value.path == "$.framework" and "nis2" in info.value.suggestions
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.node("NIS2:21.2.x")
    assert info.value.path == "$.id" and info.value.suggestions
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.catalog({"op": "mapp"})
    assert info.value.path == "$.op" and "map" in info.value.suggestions


def test_several_unknown_controls_are_all_named() -> None:
    with pytest.raises(nis2.MultipleErrors) as info:
        nis2.coverage("NIS2:21.2.d", ["ISO27001:A.5.19", "ISO27001:A5.20", "nope"])
    err = info.value
    assert [e.path for e in err.errors] == ["$.controls[1]", "$.controls[2]"]
    assert all(isinstance(e, nis2.UnknownIdError) and e.suggestions for e in err.errors)


def test_bad_requests() -> None:
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.export(framework="nis2", mapping="dmaerket--nis2")
    assert info.value.path == "$"
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.export(framework="iso27001-2022", format="oscal")
    assert info.value.path == "$.format"
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.map("ISO27001:A.5.19", "iso27001-2022")
    assert info.value.path == "$.to"
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.map(19, "nis2")  # type: ignore[arg-type]
    assert info.value.path == "$.from"
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.catalog("{")
    assert "EOF" in info.value.message
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.catalog([])  # type: ignore[arg-type]
    assert info.value.path == "$"


def test_strict_readers_name_the_path() -> None:
    data = nis2.map("ISO27001:A.5.19", "nis2").to_dict()
    data["results"][0]["path"][0]["extra"] = 1
    with pytest.raises(nis2.InvalidInputError) as info:
        ct.catalog_response_from_dict(data)
    assert info.value.path == "$.results[0].path[0].extra"
    data = nis2.map("ISO27001:A.5.19", "nis2").to_dict()
    data["results"][0]["relationship"] = "overlaps"
    with pytest.raises(nis2.InvalidInputError) as info:
        ct.MapResponse.from_dict(data)
    assert info.value.path == "$.results[0].relationship"
    assert "`intersects`" in info.value.message
    with pytest.raises(nis2.InvalidInputError) as info:
        ct.catalog_response_from_dict({"op": "nope"})
    assert info.value.path == "$.op"
    with pytest.raises(nis2.InvalidInputError) as info:
        ct.ListResponse.from_dict({"op": "map", "frameworks": [], "mappings": []})
    assert info.value.path == "$.op"


# ------------------------------------------------------------------------------------------------
# Notebook views
# ------------------------------------------------------------------------------------------------


def test_map_and_evidence_html() -> None:
    r = nis2.map("ISO27001:A.5.19", "nis2")
    page = r._repr_html_()
    assert page.count("<tr>") >= len(r.results) + 1
    for h in r.results:
        assert h.node.id in page and h.node.citation in page
        assert f"<b>{h.relationship}</b>" in page
    assert "ISO/IEC 27001:2022 A.5.19" in page
    assert r.results[0].path[0].rationale.en.split("`")[0] in page
    da = r.to_html("da")
    assert r.results[0].node.title.da in da
    e = nis2.evidence("NIS2:21.2.d", "iso27001-2022")._repr_html_()
    assert "Evidence for" in e and "ISO27001:A.5.20" in e
    assert "MapResponse(" in repr(r) and len(repr(r)) < 300


@pytest.mark.parametrize(
    "make",
    [
        lambda: nis2.frameworks(),
        lambda: nis2.framework("dmaerket"),
        lambda: nis2.node("NIS2:21.2.d"),
        lambda: nis2.coverage("NIS2:21.2.d", ["ISO27001:A.5.19"], via="cir-2024-2690"),
        lambda: nis2.catalog({"op": "export", "framework": "nis2", "format": "csv"}),
    ],
    ids=["list", "show", "node", "coverage", "export"],
)
def test_every_response_renders(make: Callable[[], Record]) -> None:
    result = make()
    page = result._repr_html_()  # type: ignore[attr-defined]
    assert page.startswith("<style>") and page.endswith("</div>") and "<script" not in page
    assert len(repr(result)) < 400


def test_html_escapes_data() -> None:
    r = nis2.map("ISO27001:A.5.19", "nis2")
    data = r.to_dict()
    data["results"][0]["node"]["title"]["en"] = "<script>alert(1)</script>"
    page = ct.MapResponse.from_dict(data)._repr_html_()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_results_pickle_and_hash() -> None:
    import pickle

    r = nis2.map("ISO27001:A.5.19", "nis2")
    again = pickle.loads(pickle.dumps(r))
    assert again == r and again.to_json() == r.to_json()
    assert hash(again) == hash(r)
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.coverage("NIS2:21.2.d", 5)  # type: ignore[arg-type]
    assert info.value.path == "$.controls"
