"""`nis2.risk` and its conveniences: every vector of `tests/vectors/risk` through each input form
(a dict, JSON text, and the convenience function of its op with typed inputs), deep-equal to
`expected`, the `assert` block (`json`, `text_contains`, `errors`), byte identity with
`nis2 risk request FILE`; then inputs, errors and notebook views."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable, Optional, Union

import pytest

import nis2
from nis2 import risk_types as rt
from nis2._convert import Record
from conftest import (
    REPO,
    Vector,
    check_error_vector,
    cli_stdout,
    ids,
    load_vectors,
    needs_cli,
    pointer,
    vector_cases,
)

VECTORS = load_vectors("risk")
SUCCESS = [v for v in VECTORS if v.error is None]
ERRORS = [v for v in VECTORS if v.error is not None]

EXAMPLE = REPO / "examples" / "water-utility-risk-register.json"

Result = Union[Record, str]


# ------------------------------------------------------------------------------------------------
# The convenience function of each op, with typed inputs
# ------------------------------------------------------------------------------------------------


def typed_matrix(value: Any, path: str) -> Any:
    """A preset id as it is; an inline matrix as a `RiskMatrix` (read at the request's path, so
    that errors name the same field as the engine's)."""
    return rt.RiskMatrix.from_dict(value, path) if isinstance(value, dict) else value


def typed_register(value: Any) -> rt.Register:
    return rt.Register.from_dict(value, "$.register")


def convenience_call(request: Any) -> Optional[Callable[[], Result]]:
    """The call of the convenience function for `request` (typed inputs built inside the call,
    so that their errors are raised by it), or None when the request cannot be expressed."""
    if not isinstance(request, dict):
        return None
    op = request.get("op")
    fields = set(request) - {"op"}
    if op == "presets" and not fields:
        return nis2.risk_presets
    if op == "threats" and not fields:
        return nis2.threats
    if op == "validate_matrix" and fields == {"matrix"}:
        return lambda: nis2.validate_matrix(typed_matrix(request["matrix"], "$.matrix"))
    if op == "validate_register" and fields == {"register"}:
        return lambda: nis2.validate_register(typed_register(request["register"]))
    if op == "assess" and fields == {"register"}:
        return lambda: nis2.assess_risks(typed_register(request["register"]))
    if op == "heatmap" and {"register", "stage"} <= fields <= {"register", "stage", "format", "lang"}:
        fmt, lang = request.get("format", "data"), request.get("lang", "en")
        return lambda: nis2.heatmap(
            typed_register(request["register"]), request["stage"], format=fmt, lang=lang
        )
    if op == "reproject" and fields == {"from", "to", "ratings"}:
        return lambda: nis2.reproject(
            typed_matrix(request["from"], "$.from"),
            typed_matrix(request["to"], "$.to"),
            [rt.Rating.from_dict(r, f"$.ratings[{i}]") for i, r in enumerate(request["ratings"])],
        )
    if op == "csv" and {"register"} <= fields <= {"register", "lang"}:
        return lambda: nis2.risk_csv(typed_register(request["register"]), request.get("lang", "en"))
    return None


def run_typed(v: Vector) -> Result:
    call = convenience_call(v.input)
    assert call is not None
    return call()


MODES: dict[str, Callable[[Vector], Result]] = {
    "dict": lambda v: nis2.risk(v.input),
    "json": lambda v: nis2.risk(v.input_json()),
    "typed": run_typed,
}


def cases(vectors: list[Vector]) -> list[Any]:
    """(vector, mode) for each mode that can express the vector's request."""
    return vector_cases(vectors, MODES, convenience_call)


def document(result: Result, v: Vector) -> dict[str, Any]:
    """The response as a dict; for `csv` through `nis2.risk_csv` (the text only), the expected
    response with that text."""
    if isinstance(result, str):
        assert v.expected is not None
        return {**v.expected, "csv": result}
    return result.to_dict()


def test_vector_inventory() -> None:
    assert len(VECTORS) >= 40, f"only {len(VECTORS)} risk vectors"
    without = [v.name for v in SUCCESS if v.expected is None]
    assert not without, f"result vectors without `expected`: {without}"
    assert ERRORS


def check_asserts(v: Vector, out: dict[str, Any]) -> None:
    for ptr, want in v.asserts.get("json", {}).items():
        assert pointer(out, ptr) == want, ptr
    for ptr, parts in v.asserts.get("text_contains", {}).items():
        value = pointer(out, ptr)
        for part in parts:
            assert part in value, (ptr, part)


@pytest.mark.parametrize(("vector", "mode"), cases(SUCCESS))
def test_result_vector(vector: Vector, mode: str) -> None:
    out = document(MODES[mode](vector), vector)
    check_asserts(vector, out)
    assert out == vector.expected


RESPONSE_CLASS = {
    "presets": rt.PresetCatalog,
    "threats": rt.ThreatCatalog,
    "validate_matrix": rt.MatrixReport,
    "validate_register": rt.RegisterCheck,
    "assess": rt.Assessment,
    "heatmap": rt.HeatMap,
    "reproject": rt.Reprojection,
    "csv": rt.CsvExport,
}


@pytest.mark.parametrize("vector", SUCCESS, ids=ids(SUCCESS))
def test_typed_response_is_lossless(vector: Vector) -> None:
    """The right class for the op; `to_dict` the engine's document; the strict reader equal to
    the trusted builder; the typed objects written back field by field give the exact bytes."""
    result = nis2.risk(vector.input)
    cls = RESPONSE_CLASS[vector.input["op"]]
    if vector.input.get("format") == "svg":
        cls = rt.HeatMapSvg
    assert type(result) is cls
    text = result.to_json()
    assert json.loads(text) == result.to_dict() == vector.expected
    strict = cls.from_dict(result.to_dict())
    assert strict == result
    assert strict.to_json() == text
    again = cls.from_json(text)
    assert again == result and again.to_json() == text
    typed = convenience_call(vector.input)
    if typed is not None and not isinstance(got := typed(), str):
        assert got.to_json() == text


@pytest.mark.parametrize("vector", SUCCESS, ids=ids(SUCCESS))
def test_typed_inputs_round_trip(vector: Vector) -> None:
    """The typed inputs (Register, RiskMatrix, Rating) read and write the request's documents
    unchanged, in the engine's key order."""
    request = vector.input
    if "register" in request:
        reg = rt.Register.from_dict(request["register"])
        assert reg.to_dict() == request["register"]
        assert json.loads(reg.to_json()) == request["register"]
        hash(reg)  # frozen and made of tuples
    for key in ("matrix", "from", "to"):
        if isinstance(request.get(key), dict):
            m = rt.RiskMatrix.from_dict(request[key])
            assert m.to_dict() == request[key]
    for r in request.get("ratings", []):
        assert rt.Rating.from_dict(r).to_dict() == r


@needs_cli
@pytest.mark.parametrize("vector", SUCCESS, ids=ids(SUCCESS))
def test_cli_gives_the_same_bytes(vector: Vector, tmp_path: Path) -> None:
    request = tmp_path / "request.json"
    request.write_text(vector.input_json(), encoding="utf-8")
    assert cli_stdout(["risk", "request", str(request)]) == nis2.risk(vector.input).to_json()


def raised_by_python_layer(vector: Vector) -> Optional[nis2.Nis2Error]:
    """The error the typed inputs raise when they are built (before the engine sees them)."""
    request = vector.input
    try:
        if isinstance(request.get("register"), dict):
            typed_register(request["register"])
        for key in ("matrix", "from", "to"):
            typed_matrix(request.get(key), f"$.{key}")
        for i, r in enumerate(request.get("ratings", [])):
            rt.Rating.from_dict(r, f"$.ratings[{i}]")
    except nis2.Nis2Error as e:
        return e
    return None


@pytest.mark.parametrize(("vector", "mode"), cases(ERRORS))
def test_error_vector(vector: Vector, mode: str) -> None:
    with pytest.raises(nis2.Nis2Error) as info:
        MODES[mode](vector)
    typed_layer = raised_by_python_layer(vector) if mode == "typed" else None
    check_error_vector(vector, mode, info.value, typed_layer)


# ------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------


def test_the_example_register_round_trips_byte_for_byte() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    reg = rt.Register.from_dict(json.loads(text))
    assert json.dumps(reg.to_dict(), ensure_ascii=False, indent=2) + "\n" == text
    assert rt.Register.from_json(text).to_json() == text


def test_every_register_input_form_gives_the_same_assessment() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    data = json.loads(text)
    forms: list[nis2.RegisterInput] = [
        data,
        text,
        EXAMPLE,
        rt.Register.from_dict(data),
        rt.Register.from_json(text),
    ]
    outs = {nis2.assess_risks(f).to_json() for f in forms}
    assert len(outs) == 1
    a = nis2.assess_risks(EXAMPLE)
    assert a.summary.scenarios == len(data["scenarios"]) and a.above_appetite
    assert all(isinstance(b, rt.AppetiteBreach) for b in a.above_appetite)
    assert a.above_appetite[0].rank == 1
    check = nis2.validate_register(EXAMPLE)
    assert check.valid and check.scenarios == a.summary.scenarios


def test_register_built_in_python() -> None:
    reg = rt.Register(
        schema_version="1",
        name="Mini",
        matrix="iso27005-style-3x3",
        services=[rt.Service("S-1", "Water", "critical", "high")],
        assets=[rt.Asset("A-1", "PLC", "hardware", "ot", owner="OT lead", services=["S-1"])],
        scenarios=[
            rt.Scenario(
                id="R-1",
                title="Ransomware on the PLC network",
                asset="A-1",
                threat="TH-RANSOMWARE",
                inherent=rt.StageRating(3, rt.Impact(availability=3)),
                treatment=rt.Treatment("mitigate", controls=["ISO27001:A.8.7"]),
                owner="OT lead",
            )
        ],
        appetite=rt.Appetite(overall="medium"),
    )
    assert isinstance(reg.services, tuple) and isinstance(reg.assets[0].services, tuple)
    hash(reg)
    a = nis2.assess_risks(reg)
    assert a.scenarios[0].inherent.level == "high"
    assert a.summary.above_appetite_current == 1
    assert rt.Register.from_dict(reg.to_dict()) == reg


def test_reproject_accepts_tuples_dicts_and_ratings() -> None:
    ratings: list[nis2.RatingInput] = [(4, 2), {"likelihood": 5, "impact": 5}, nis2.Rating(1, 1)]
    r = nis2.reproject("iso27005-style-5x5", "iso27005-style-3x3", ratings)
    assert [(x.from_.likelihood, x.from_.impact) for x in r.ratings] == [(4, 2), (5, 5), (1, 1)]
    assert [(x.to.likelihood, x.to.impact) for x in r.ratings] == [(3, 2), (3, 3), (1, 1)]
    assert r.rule.en and r.from_matrix == "iso27005-style-5x5"


def test_unreadable_inputs_name_the_field() -> None:
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.assess_risks("{not json")
    assert info.value.path == "$.register" and "not valid JSON" in info.value.message
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.assess_risks(Path("/nonexistent/register.json"))
    assert info.value.path == "$.register" and "cannot read" in info.value.message
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.assess_risks(42)  # type: ignore[arg-type]
    assert info.value.path == "$.register"
    with pytest.raises(nis2.InvalidInputError) as info:
        rt.Register.from_json("[")
    assert info.value.path == "$"


# ------------------------------------------------------------------------------------------------
# Matrices and errors
# ------------------------------------------------------------------------------------------------


def vector_input(name: str) -> dict[str, Any]:
    v = next(v for v in VECTORS if v.name == name)
    data: dict[str, Any] = copy.deepcopy(v.input)
    return data


def test_bad_matrix_lists_every_problem_with_its_path() -> None:
    matrix = vector_input("008-error-matrix-not-monotone-two-cells")["matrix"]
    with pytest.raises(nis2.MultipleErrors) as info:
        nis2.validate_matrix(matrix)
    err = info.value
    paths = [e.path for e in err.errors]
    assert "$.matrix.grid[0][3]" in paths and "$.matrix.grid[3][0]" in paths
    assert isinstance(err, ValueError) and len(err.errors) >= 2
    # The same through a typed matrix.
    with pytest.raises(nis2.MultipleErrors) as info2:
        nis2.validate_matrix(rt.RiskMatrix.from_dict(matrix))
    assert info2.value.report == err.report
    # An invalid matrix renders its problems instead of a grid.
    page = rt.RiskMatrix.from_dict(matrix)._repr_html_()
    assert "Invalid matrix" in page and "$.matrix.grid[0][3]" in page
    assert rt.RiskMatrix.from_dict(matrix)._repr_svg_() is None


def test_unknown_ids_have_suggestions() -> None:
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.validate_matrix("iso27005-style-5x6")
    assert info.value.path == "$.matrix" and "iso27005-style-5x5" in info.value.suggestions
    reg = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    reg["scenarios"][0]["threat"] = "TH-RANSOMWAR"
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.assess_risks(reg)
    assert info.value.path == "$.register.scenarios[0].threat"
    assert "TH-RANSOMWARE" in info.value.suggestions


def test_presets_and_threats() -> None:
    presets = nis2.risk_presets()
    assert [m.id for m in presets.presets] == [
        "iso27005-style-3x3",
        "iso27005-style-4x4",
        "iso27005-style-5x5",
    ]
    assert all(isinstance(m, nis2.RiskMatrix) for m in presets.presets)
    assert presets.presets[0].formula == "product" and presets.presets[0].grid is None
    five = presets.presets[2]
    assert five.grid is not None and len(five.grid) == len(five.likelihood) == 5
    t = nis2.threats()
    cats = {c.id for c in t.categories}
    assert t.threats and all(x.category in cats for x in t.threats)
    assert all(set(x.affects) <= {"confidentiality", "integrity", "availability"} for x in t.threats)


def test_risk_dispatches_on_op() -> None:
    reg = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    svg = nis2.risk({"op": "heatmap", "register": reg, "stage": "current", "format": "svg"})
    assert isinstance(svg, rt.HeatMapSvg) and svg.svg.startswith("<svg")
    text = json.dumps({"op": "heatmap", "register": reg, "stage": "current"})
    data = nis2.risk(text)
    assert isinstance(data, rt.HeatMap) and data.stage == "current"
    assert data._repr_svg_() == svg.svg  # the request's SVG, asked for on demand
    csv_ = nis2.risk({"op": "csv", "register": reg})
    assert isinstance(csv_, rt.CsvExport) and csv_.csv == nis2.risk_csv(reg)
    assert csv_.rows == len(reg["scenarios"])


# ------------------------------------------------------------------------------------------------
# Notebook views
# ------------------------------------------------------------------------------------------------


def test_heatmap_svg_is_the_engines() -> None:
    h = nis2.heatmap(EXAMPLE)  # residual, English
    assert isinstance(h, nis2.HeatMap) and h.stage == "residual"
    want = nis2.heatmap(EXAMPLE, "residual", format="svg").svg
    assert h._svg is None  # not asked for yet
    assert h._repr_svg_() == want and h._svg == want  # asked once, then kept
    page = h._repr_html_()
    assert want in page
    for lv in h.levels:
        assert lv.name.en in page
    da = nis2.heatmap(EXAMPLE, "inherent", lang="da")
    assert da._repr_svg_() == nis2.heatmap(EXAMPLE, "inherent", format="svg", lang="da").svg
    assert 'lang="da"' in da._repr_html_()  # the language asked for
    assert 'lang="en"' in da.to_html("en")
    # Read back from JSON (no request): no SVG, an HTML grid with the counts instead.
    again = rt.HeatMap.from_json(h.to_json())
    assert again == h and again._repr_svg_() is None
    grid = again._repr_html_()
    assert "<svg" not in grid and "likelihood ↑" in grid
    for lv in h.levels:  # the legend, with the counts
        assert lv.name.en in grid and lv.colour in grid
    assert sum(c.count for c in h.cells) == h.total


def test_matrix_report_renders_a_coloured_grid() -> None:
    r = nis2.validate_matrix("iso27005-style-5x5")
    assert r.valid and r.rule == "grid" and len(r.cells) == 5
    page = r._repr_html_()
    five = nis2.risk_presets().presets[2]
    for lv in five.levels:
        assert lv.colour in page and lv.name.en in page
    for step in five.likelihood:
        assert step.label.en in page
    svg = r._repr_svg_()
    assert svg is not None and svg.startswith("<svg") and 'role="img"' in svg
    assert svg.count("<rect") == 1 + 25
    # Formula matrices: the engine derives the cells.
    three = nis2.risk_presets().presets[0]
    assert three.grid is None
    html3 = three._repr_html_()
    assert html3.count("<td style=") == 9
    # Through the generic entry point too.
    generic = nis2.risk({"op": "validate_matrix", "matrix": "iso27005-style-5x5"})
    assert isinstance(generic, rt.MatrixReport) and generic._repr_html_() == page
    # Without the matrix (read back from JSON): neutral colours, level ids.
    bare = rt.MatrixReport.from_json(r.to_json())
    assert "very low" in bare._repr_html_() and bare._repr_svg_() is not None


@pytest.mark.parametrize(
    "make",
    [
        lambda: nis2.risk_presets(),
        lambda: nis2.threats(),
        lambda: nis2.assess_risks(EXAMPLE),
        lambda: nis2.validate_register(EXAMPLE),
        lambda: nis2.reproject("iso27005-style-3x3", "iso27005-style-5x5", [(1, 3)]),
        lambda: nis2.risk({"op": "csv", "register": json.loads(EXAMPLE.read_text("utf-8"))}),
        lambda: nis2.heatmap(EXAMPLE, format="svg"),
    ],
    ids=["presets", "threats", "assess", "validate_register", "reproject", "csv", "svg"],
)
def test_every_response_renders(make: Callable[[], Record]) -> None:
    result = make()
    page = result._repr_html_()  # type: ignore[attr-defined]
    assert page.startswith("<style>") and page.endswith("</div>") and "<script" not in page
    assert len(repr(result)) < 400


def test_assessment_html() -> None:
    a = nis2.assess_risks(EXAMPLE)
    page = a._repr_html_()
    assert a.register.split(" — ")[0] in page
    for b in a.above_appetite:
        assert b.scenario in page
    for f in a.findings:
        assert f.code in page
    assert a.to_html("da") != page


def test_requests_may_hold_typed_documents() -> None:
    reg = rt.Register.from_json(EXAMPLE.read_text(encoding="utf-8"))
    typed = nis2.risk({"op": "assess", "register": reg})
    assert typed.to_json() == nis2.assess_risks(EXAMPLE).to_json()
    five = nis2.risk_presets().presets[2]
    r = nis2.risk(
        {"op": "reproject", "from": five, "to": "iso27005-style-3x3", "ratings": [nis2.Rating(5, 5)]}
    )
    assert isinstance(r, rt.Reprojection) and r.ratings[0].to.level == "high"
