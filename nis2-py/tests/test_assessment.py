"""`nis2.assessment` and its conveniences: every vector of `tests/vectors/assessment` through each
input form (a dict, JSON text, and the convenience function of its op with typed inputs),
deep-equal to `expected` and in its canonical bytes, the `assert` block (`json`,
`text_contains`, `error`, `errors`), byte identity with `nis2 assessment -`; then `assess` and
its reports (md, html, xlsx, json), inputs, errors and notebook views."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

import nis2
from nis2 import assessment_types as at
from nis2._convert import Record
from conftest import (
    REPO,
    Vector,
    canonical,
    check_error_vector,
    cli_stdin_stdout,
    cli_stdout,
    ids,
    load_vectors,
    needs_cli,
    pointer,
    vector_cases,
)

VECTORS = load_vectors("assessment")
SUCCESS = [v for v in VECTORS if v.error is None]
ERRORS = [v for v in VECTORS if v.error is not None]

EXAMPLE = REPO / "examples" / "msp-assessment.json"


# ------------------------------------------------------------------------------------------------
# The convenience function of each op, with typed inputs
# ------------------------------------------------------------------------------------------------


def typed_document(value: Any) -> at.AssessmentDocument:
    return at.AssessmentDocument.from_dict(value, "$.assessment")


def convenience_call(request: Any) -> Optional[Callable[[], Record]]:
    """The call of the convenience function for `request` (typed inputs built inside the call,
    so that their errors are raised by it), or None when the request cannot be expressed."""
    if not isinstance(request, dict):
        return None
    op = request.get("op")
    fields = set(request) - {"op"}
    if op == "scales" and not fields:
        return nis2.assessment_scales
    if op == "prerequisites" and not fields:
        return nis2.assessment_prerequisites
    if op == "requirements" and fields <= {"profile", "scope_result", "frameworks"}:

        def requirements() -> Record:
            profile = request.get("profile")
            result = request.get("scope_result")
            return nis2.requirements(
                None if profile is None else nis2.Profile.from_dict(profile, "$.profile"),
                scope_result=None
                if result is None
                else nis2.ScopeResult.from_dict(result, "$.scope_result"),
                frameworks=request.get("frameworks"),
            )

        return requirements
    documents: dict[str, Callable[[nis2.AssessmentInput], Record]] = {
        "score": nis2.assess,
        "infer": nis2.infer,
        "plan": nis2.remediation_plan,
    }
    if op in documents and fields == {"assessment"}:
        fn = documents[op]
        return lambda: fn(typed_document(request["assessment"]))
    if op == "report" and {"assessment", "format"} <= fields <= {"assessment", "format", "lang"}:
        return lambda: nis2.assessment_report(
            typed_document(request["assessment"]), request["format"], request.get("lang", "en")
        )
    return None


def run_typed(v: Vector) -> Record:
    call = convenience_call(v.input)
    assert call is not None
    return call()


MODES: dict[str, Callable[[Vector], Record]] = {
    "dict": lambda v: nis2.assessment(v.input),
    "json": lambda v: nis2.assessment(v.input_json()),
    "typed": run_typed,
}


def cases(vectors: list[Vector]) -> list[Any]:
    """(vector, mode) for each mode that can express the vector's request."""
    return vector_cases(vectors, MODES, convenience_call)


def test_vector_inventory() -> None:
    assert len(VECTORS) >= 20, f"only {len(VECTORS)} assessment vectors"
    without = [v.name for v in SUCCESS if v.expected is None]
    assert not without, f"result vectors without `expected`: {without}"
    assert ERRORS and all(v.expected_error is not None for v in ERRORS)
    typed = [v.name for v in VECTORS if convenience_call(v.input) is not None]
    assert len(typed) >= len(VECTORS) - 3, "most vectors have a convenience function"


def check_asserts(v: Vector, out: dict[str, Any]) -> None:
    for ptr, want in v.asserts.get("json", {}).items():
        assert pointer(out, ptr) == want, ptr
    for ptr, parts in v.asserts.get("text_contains", {}).items():
        value = pointer(out, ptr)
        assert isinstance(value, str), ptr
        for part in parts:
            assert part in value, (ptr, part)


@pytest.mark.parametrize(("vector", "mode"), cases(SUCCESS))
def test_result_vector(vector: Vector, mode: str) -> None:
    result = MODES[mode](vector)
    out = result.to_dict()
    check_asserts(vector, out)
    assert out == vector.expected
    # The engine's bytes are the canonical form of `expected` (as the Rust runner checks).
    assert result.to_json() == canonical(vector.expected)


RESPONSE_CLASS: dict[str, type[Record]] = {
    "scales": at.ScaleCatalog,
    "prerequisites": at.PrerequisiteTable,
    "requirements": at.RequirementSet,
    "score": at.Evaluation,
    "infer": at.InferenceReport,
    "plan": at.Plan,
    "report": at.Report,
}


@pytest.mark.parametrize("vector", SUCCESS, ids=ids(SUCCESS))
def test_typed_response_is_lossless(vector: Vector) -> None:
    """The right class for the op; `to_dict` the engine's document; the strict reader equal to
    the trusted builder; the typed objects written back field by field give the exact bytes."""
    result = nis2.assessment(vector.input)
    cls = RESPONSE_CLASS[vector.input["op"]]
    assert type(result) is cls
    text = result.to_json()
    assert json.loads(text) == result.to_dict() == vector.expected
    strict = cls.from_dict(result.to_dict())
    assert strict == result
    assert Record.to_json(strict) == text  # field by field, not the kept text
    again = cls.from_json(text)
    assert again == result and again.to_json() == text


@pytest.mark.parametrize("vector", SUCCESS, ids=ids(SUCCESS))
def test_typed_inputs_round_trip(vector: Vector) -> None:
    """The typed inputs (AssessmentDocument, Profile) read and write the request's documents
    unchanged."""
    request = vector.input
    if isinstance(request.get("assessment"), dict):
        doc = at.AssessmentDocument.from_dict(request["assessment"])
        assert doc.to_dict() == request["assessment"]
        assert at.AssessmentDocument.from_dict(doc.to_dict()) == doc
    if isinstance(request.get("profile"), dict):
        assert nis2.Profile.from_dict(request["profile"]).to_dict() == request["profile"]


@needs_cli
@pytest.mark.parametrize("vector", SUCCESS, ids=ids(SUCCESS))
def test_cli_gives_the_same_bytes(vector: Vector) -> None:
    out = cli_stdin_stdout(["assessment", "-"], vector.input_json())
    assert out == nis2.assessment(vector.input).to_json()
    assert out == nis2.assessment(vector.input_json()).to_json()


def raised_by_python_layer(vector: Vector) -> Optional[nis2.Nis2Error]:
    """The error the typed inputs raise when they are built (before the engine sees them)."""
    request = vector.input
    try:
        if isinstance(request.get("assessment"), dict):
            typed_document(request["assessment"])
        if isinstance(request.get("profile"), dict):
            nis2.Profile.from_dict(request["profile"], "$.profile")
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
# assess and the reports
# ------------------------------------------------------------------------------------------------


def test_the_example_assessment_round_trips() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    data = json.loads(text)
    doc = at.AssessmentDocument.from_dict(data)
    assert doc.to_dict() == data and list(doc.to_dict()) == list(data)
    assert at.AssessmentDocument.from_json(text).to_json() == text
    assert isinstance(doc.results, tuple)


def test_every_document_input_form_gives_the_same_evaluation() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    data = json.loads(text)
    forms: list[nis2.AssessmentInput] = [
        data,
        text,
        EXAMPLE,
        at.AssessmentDocument.from_dict(data),
        at.AssessmentDocument.from_json(text),
    ]
    outs = {nis2.assess(f).to_json() for f in forms}
    assert len(outs) == 1
    typed = at.AssessmentDocument.from_dict(data)
    via_request = nis2.assessment({"op": "score", "assessment": typed})
    assert isinstance(via_request, at.Evaluation) and via_request.to_json() in outs


def test_the_example_is_scored_as_documented() -> None:
    """docs/scoring.md §7: the overall score of the example is an interval with exact ends."""
    ev = nis2.assess(EXAMPLE)
    assert ev.overall is not None and ev.overall.status is not None
    s = ev.overall.status
    assert 0 <= s.low <= s.high <= 1 and s.exact_low and s.exact_high
    assert ev.counts.requirements == sum(
        (ev.counts.direct, ev.counts.inferred, ev.counts.not_assessed, ev.counts.not_applicable)
    )
    rows = ev.rows()
    assert len(rows) == len(ev.requirements) and {"id", "status_low", "gap"} <= set(rows[0])


@needs_cli
def test_assess_is_the_cli_evaluation() -> None:
    out = cli_stdout(["assess", str(EXAMPLE)])
    assert json.loads(out) == nis2.assess(EXAMPLE).to_dict()


def test_xlsx_report_is_a_workbook() -> None:
    ev = nis2.assess(EXAMPLE)
    report = ev.report("xlsx")
    assert report.format == "xlsx" and report.encoding == "base64"
    assert report.file_name.endswith(".xlsx")
    data = report.to_bytes()
    assert data[:4] == b"PK\x03\x04"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        names = set(z.namelist())
        assert {"[Content_Types].xml", "xl/workbook.xml"} <= names
        assert any(n.startswith("xl/worksheets/") for n in names)
    same = nis2.assessment_report(EXAMPLE, "xlsx")
    assert same.to_bytes() == data and same.to_json() == report.to_json()
    assert "bytes" in report._repr_html_()


@needs_cli
def test_xlsx_report_is_the_cli_file(tmp_path: Path) -> None:
    out = tmp_path / "cli.xlsx"
    cli_stdout(["assess", str(EXAMPLE), "--report", "xlsx", "-o", str(out)])
    assert out.read_bytes() == nis2.assess(EXAMPLE).report("xlsx").to_bytes()


@needs_cli
@pytest.mark.parametrize(("format", "lang"), [("md", "en"), ("html", "da"), ("json", "en")])
def test_text_reports_are_the_cli_reports(format: nis2.assessment_types.ReportFormat,
                                          lang: nis2.text.Lang) -> None:
    out = cli_stdout(["assess", str(EXAMPLE), "--report", format, "--lang", lang])
    report = nis2.assess(EXAMPLE).report(format, lang)
    assert report.encoding == "utf8" and report.lang == lang
    assert out == report.content.rstrip("\r\n")
    assert report.to_bytes() == report.content.encode("utf-8")


def test_reports_in_every_format() -> None:
    ev = nis2.assess(EXAMPLE)
    md = ev.report()
    assert md.format == "md" and md.content.startswith("# ")
    assert md.media_type.startswith("text/markdown")
    assert "<pre" in md._repr_html_()
    html = ev.report("html", "da")
    assert html.content.startswith("<!DOCTYPE html>") and '<html lang="da">' in html.content
    assert "<iframe srcdoc=" in html._repr_html_() and "<!DOCTYPE" not in html._repr_html_()
    full = ev.report("json")
    result = at.FullResult.from_json(full.content)
    assert result.evaluation == ev
    assert result.plan == nis2.remediation_plan(EXAMPLE)
    assert "Remediation plan" in result._repr_html_()


def test_report_save(tmp_path: Path) -> None:
    report = nis2.assessment_report(EXAMPLE, "xlsx")
    written = report.save(tmp_path)
    assert Path(written) == tmp_path / report.file_name
    assert Path(written).read_bytes() == report.to_bytes()
    named = report.save(tmp_path / "board.xlsx")
    assert Path(named).read_bytes() == report.to_bytes()


def test_an_evaluation_read_back_cannot_make_reports() -> None:
    ev = nis2.assess(EXAMPLE)
    read = at.Evaluation.from_dict(ev.to_dict())
    assert read == ev
    with pytest.raises(nis2.DataError) as info:
        read.report("md")
    assert "assessment_report" in str(info.value)


def test_requirements_infer_and_plan() -> None:
    profile = json.loads((REPO / "examples" / "manufacturer-40-staff.json").read_text("utf-8"))
    a = nis2.requirements(profile)
    assert a.scope.applies and a.requirements
    scope_result = nis2.scope(profile)
    b = nis2.requirements(scope_result=scope_result)
    assert [r.id for r in b.requirements] == [r.id for r in a.requirements]
    c = nis2.requirements(frameworks="nis2")
    assert c.scope.basis == "none" and c.requirements
    assert len(a.rows()) == len(a.requirements)
    inf = nis2.infer(EXAMPLE)
    assert inf.counts.requirements >= inf.counts.inferred
    plan = nis2.remediation_plan(EXAMPLE)
    assert [i.order for i in plan.items] == list(range(1, len(plan.items) + 1))
    assert len(plan.rows()) == len(plan.items)
    scales = nis2.assessment_scales()
    assert scales.default in [s.id for s in scales.scales]
    assert nis2.assessment_prerequisites().rules


def test_errors_name_their_paths() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["scale"] = "cmmi-0-6"
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.assess(data)
    assert info.value.path == "$.assessment.scale" and info.value.suggestions
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["results"][0]["status"] = "mostly_done"
    with pytest.raises(nis2.InvalidInputError) as info2:
        nis2.assess(data)
    assert info2.value.path == "$.assessment.results[0].status"
    with pytest.raises(nis2.InvalidInputError) as info3:
        at.AssessmentDocument.from_dict(data)
    assert info3.value.path == "$.results[0].status"
    with pytest.raises(nis2.InvalidInputError) as info4:
        nis2.requirements()
    assert info4.value.path == "$.profile"
    with pytest.raises(nis2.InvalidInputError) as info5:
        nis2.assess("{not json")
    assert info5.value.path == "$.assessment" and "not valid JSON" in info5.value.message
    with pytest.raises(nis2.InvalidInputError) as info6:
        nis2.assessment({"op": "scales", "format": "md"})
    assert info6.value.path == "$.format"


def test_scope_input_is_exactly_one_of_profile_or_result() -> None:
    profile = nis2.Profile.from_dict(
        json.loads((REPO / "examples" / "manufacturer-40-staff.json").read_text("utf-8"))
    )
    one = at.ScopeInput(profile=profile)
    assert one.to_dict() == {"profile": profile.to_dict()}
    assert at.ScopeInput.from_dict(one.to_dict()) == one
    with pytest.raises(nis2.InvalidInputError) as info:
        at.ScopeInput.from_dict({})
    assert info.value.path == "$" and "exactly one" in info.value.message
    with pytest.raises(nis2.InvalidInputError):
        at.ScopeInput.from_dict({"profile": profile.to_dict(), "result": {}})


# ------------------------------------------------------------------------------------------------
# Notebook views
# ------------------------------------------------------------------------------------------------


def test_notebook_views() -> None:
    ev = nis2.assess(EXAMPLE)
    page = ev._repr_html_()
    assert "Overall status score" in page and "Largest gaps" in page
    assert ev.to_html("da") != page
    assert "Remediation plan" in nis2.remediation_plan(EXAMPLE)._repr_html_()
    assert "Inference across frameworks" in nis2.infer(EXAMPLE)._repr_html_()
    assert "Maturity scales" in nis2.assessment_scales()._repr_html_()
    assert "Prerequisites" in nis2.assessment_prerequisites()._repr_html_()
    assert "Requirement set" in nis2.requirements(frameworks=["nis2"])._repr_html_()
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["name"] = "<script>x</script>"
    page = nis2.assess(data)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
