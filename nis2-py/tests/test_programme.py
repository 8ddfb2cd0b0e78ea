"""`nis2.programme` and its conveniences: every vector of `tests/vectors/programme` through each
input form (a dict, JSON text, and the convenience function of its op with typed inputs),
deep-equal to `expected` and in its canonical bytes, the `assert` block (`values`; `error` with
`kind`, `path` and the ordered `paths` of a `multiple` error), iCalendar output parsed back,
byte identity with `nis2 programme -`; then inputs, errors, iCalendar and notebook views."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, Callable, Optional

import icalendar
import pytest

import nis2
from nis2 import programme_types as pt
from nis2._convert import Record
from conftest import (
    REPO,
    Vector,
    canonical,
    check_error_vector,
    cli_stdin_stdout,
    cli_stdout,
    error_paths,
    ids,
    load_vectors,
    needs_cli,
    pointer,
    vector_cases,
)

VECTORS = load_vectors("programme")
SUCCESS = [v for v in VECTORS if v.error is None]
ERRORS = [v for v in VECTORS if v.error is not None]

PROGRAMME = REPO / "examples" / "danish-programme.json"
INCIDENT = REPO / "examples" / "incident.json"


# ------------------------------------------------------------------------------------------------
# The convenience function of each op, with typed inputs
# ------------------------------------------------------------------------------------------------


def typed_programme(value: Any) -> pt.Programme:
    return pt.Programme.from_dict(value, "$.programme")


def convenience_call(request: Any) -> Optional[Callable[[], Record]]:
    """The call of the convenience function for `request` (typed inputs built inside the call,
    so that their errors are raised by it), or None when the request cannot be expressed."""
    if not isinstance(request, dict):
        return None
    op = request.get("op")
    fields = set(request) - {"op"}
    if op == "deadlines" and fields == {"incident"}:
        return lambda: nis2.deadlines(pt.IncidentInput.from_dict(request["incident"], "$.incident"))
    if op == "significant_incident" and {"entity_types"} <= fields <= {"entity_types", "facts"}:

        def significant() -> Record:
            facts = request.get("facts")
            typed = None if facts is None else pt.IncidentFacts.from_dict(facts, "$.facts")
            return nis2.significant_incident(request["entity_types"], typed)

        return significant
    wheel_fields = {"programme", "year", "format", "reference_date", "language"}
    if op == "wheel" and {"programme", "year"} <= fields <= wheel_fields:
        fmt: pt.WheelFormat = request.get("format") or "data"
        return lambda: nis2.wheel(
            typed_programme(request["programme"]),
            request["year"],
            format=fmt,
            reference_date=request.get("reference_date"),
            language=request.get("language") or "en",
        )
    reports: dict[str, Callable[[nis2.ProgrammeInput, nis2.DateInput], Record]] = {
        "plan": nis2.plan,
        "governance": nis2.governance,
        "suppliers": nis2.suppliers,
    }
    if op in reports and fields == {"programme", "reference_date"}:
        fn = reports[op]
        return lambda: fn(typed_programme(request["programme"]), request["reference_date"])
    if op == "obligations" and {"profile"} <= fields <= {"profile", "worldwide_turnover_eur"}:
        return lambda: nis2.obligations(
            nis2.Profile.from_dict(request["profile"], "$.profile"),
            request.get("worldwide_turnover_eur"),
        )
    if op == "validate" and fields == {"programme"}:
        return lambda: nis2.validate_programme(typed_programme(request["programme"]))
    return None


def run_typed(v: Vector) -> Record:
    call = convenience_call(v.input)
    assert call is not None
    return call()


MODES: dict[str, Callable[[Vector], Record]] = {
    "dict": lambda v: nis2.programme(v.input),
    "json": lambda v: nis2.programme(v.input_json()),
    "typed": run_typed,
}


def cases(vectors: list[Vector]) -> list[Any]:
    """(vector, mode) for each mode that can express the vector's request."""
    return vector_cases(vectors, MODES, convenience_call)


def test_vector_inventory() -> None:
    assert len(VECTORS) >= 25, f"only {len(VECTORS)} programme vectors"
    for v in VECTORS:
        for key in ("description", "citations", "input", "assert"):
            assert key in v.data, f"{v.name}: no `{key}`"
    without = [v.name for v in SUCCESS if v.expected is None]
    assert not without, f"result vectors without `expected`: {without}"
    assert ERRORS and all(v.expected_error is not None for v in ERRORS)
    typed = [v.name for v in VECTORS if convenience_call(v.input) is not None]
    assert len(typed) >= len(VECTORS) - 2, "most vectors have a convenience function"


def check_asserts(v: Vector, out: dict[str, Any]) -> None:
    for ptr, want in v.asserts.get("values", {}).items():
        assert pointer(out, ptr) == want, ptr
    if "ics" in out:
        check_ics(out)


def check_ics(out: dict[str, Any]) -> None:
    """What the Rust runner checks of iCalendar text: CRLF line ends, lines of at most 75
    octets, parseable, one VEVENT per task with a unique UID, an all-day DTSTART, a SUMMARY and
    a DTSTAMP."""
    ics = out["ics"]
    assert isinstance(ics, str)
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
    for line in ics.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
    cal = icalendar.Calendar.from_ical(ics)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == out.get("events", 0)
    uids = [str(ev.get("UID")) for ev in events]
    assert all(uids) and len(set(uids)) == len(uids)
    for ev in events:
        start = ev.decoded("DTSTART")
        assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime)
        assert str(ev.get("SUMMARY") or "")
        assert ev.get("DTSTAMP") is not None


@pytest.mark.parametrize(("vector", "mode"), cases(SUCCESS))
def test_result_vector(vector: Vector, mode: str) -> None:
    result = MODES[mode](vector)
    out = result.to_dict()
    check_asserts(vector, out)
    assert out == vector.expected
    # The engine's bytes are the canonical form of `expected` (as the Rust runner checks).
    assert result.to_json() == canonical(vector.expected)


RESPONSE_CLASS: dict[str, type[Record]] = {
    "deadlines": pt.IncidentClock,
    "significant_incident": pt.SignificanceResult,
    "wheel": pt.WheelResult,
    "plan": pt.PlanReport,
    "governance": pt.GovernanceReport,
    "suppliers": pt.SupplierReport,
    "obligations": pt.ObligationsResult,
    "validate": pt.ValidateResult,
}


def response_class(request: dict[str, Any]) -> type[Record]:
    if request["op"] == "wheel" and request.get("format") == "ics":
        return pt.WheelIcs
    return RESPONSE_CLASS[request["op"]]


@pytest.mark.parametrize("vector", SUCCESS, ids=ids(SUCCESS))
def test_typed_response_is_lossless(vector: Vector) -> None:
    """The right class for the op; `to_dict` the engine's document; the strict reader equal to
    the trusted builder; the typed objects written back field by field give the exact bytes."""
    result = nis2.programme(vector.input)
    cls = response_class(vector.input)
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
    """The typed inputs (Programme, IncidentInput, IncidentFacts, Profile) read and write the
    request's documents unchanged."""
    request = vector.input
    readers: dict[str, Callable[[Any], Record]] = {
        "programme": pt.Programme.from_dict,
        "incident": pt.IncidentInput.from_dict,
        "facts": pt.IncidentFacts.from_dict,
        "profile": nis2.Profile.from_dict,
    }
    for key, read in readers.items():
        if isinstance(request.get(key), dict):
            typed = read(request[key])
            assert typed.to_dict() == request[key], key
            hash(typed)  # frozen and made of tuples


@needs_cli
@pytest.mark.parametrize("vector", SUCCESS, ids=ids(SUCCESS))
def test_cli_gives_the_same_bytes(vector: Vector) -> None:
    out = cli_stdin_stdout(["programme", "-"], vector.input_json())
    assert out == nis2.programme(vector.input).to_json()
    assert out == nis2.programme(vector.input_json()).to_json()


def raised_by_python_layer(vector: Vector) -> Optional[nis2.Nis2Error]:
    """The error the typed inputs raise when they are built (before the engine sees them)."""
    request = vector.input
    try:
        if isinstance(request.get("programme"), dict):
            typed_programme(request["programme"])
        if isinstance(request.get("incident"), dict):
            pt.IncidentInput.from_dict(request["incident"], "$.incident")
        if isinstance(request.get("facts"), dict):
            pt.IncidentFacts.from_dict(request["facts"], "$.facts")
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
# Inputs
# ------------------------------------------------------------------------------------------------


def test_the_example_programme_round_trips() -> None:
    text = PROGRAMME.read_text(encoding="utf-8")
    data = json.loads(text)
    prog = pt.Programme.from_dict(data)
    assert prog.to_dict() == data
    assert list(prog.to_dict()) == list(data)  # the engine's key order, as the file has it
    assert pt.Programme.from_json(text).to_json() == text
    assert isinstance(prog.people, tuple)
    hash(prog)


def test_every_programme_input_form_gives_the_same_report() -> None:
    text = PROGRAMME.read_text(encoding="utf-8")
    data = json.loads(text)
    forms: list[nis2.ProgrammeInput] = [
        data,
        text,
        PROGRAMME,
        pt.Programme.from_dict(data),
        pt.Programme.from_json(text),
    ]
    outs = {nis2.plan(f, "2026-04-01").to_json() for f in forms}
    assert len(outs) == 1
    assert nis2.plan(data, datetime.date(2026, 4, 1)).to_json() in outs
    assert nis2.plan(data, datetime.datetime(2026, 4, 1, 12, 30)).to_json() in outs
    check = nis2.validate_programme(PROGRAMME)
    assert check.valid and check.counts.people == len(data["people"])


def test_programme_built_in_python() -> None:
    prog = pt.Programme(
        organisation="Mini A/S",
        people=[pt.Person("ciso", "Carla", role="CISO")],
        wheel=[
            pt.WheelActivity(
                id="risk-review",
                kind="risk_assessment_review",
                cadence=pt.Cadence(every="quarterly"),
                owner="ciso",
                requirements=["NIS2:21.2.a.risk"],
            )
        ],
    )
    assert isinstance(prog.people, tuple) and isinstance(prog.wheel, tuple)
    hash(prog)
    w = nis2.wheel(prog, 2026)
    assert [t.date for t in w.tasks] == ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"]
    assert all(t.owner is not None and t.owner.name == "Carla" for t in w.tasks)
    assert pt.Programme.from_dict(prog.to_dict()) == prog


def test_deadlines_of_the_example_incident() -> None:
    """The README's incident: aware 29 January 2026 08:00 in Copenhagen, notified 31 January
    16:00: early warning 30 January 08:00, notification 1 February 08:00, final report one
    month after the notification."""
    clock = nis2.deadlines(INCIDENT)
    due = {d.stage: d.due for d in clock.deadlines}
    assert due["early_warning"] == "2026-01-30T08:00:00+01:00"
    assert due["incident_notification"] == "2026-02-01T08:00:00+01:00"
    assert due["final_report"] == "2026-02-28T16:00:00+01:00"
    assert nis2.deadlines(INCIDENT.read_text(encoding="utf-8")) == clock
    typed = pt.IncidentInput.from_json(INCIDENT.read_text(encoding="utf-8"))
    assert nis2.deadlines(typed).to_json() == clock.to_json()
    rows = clock.rows()
    assert [r["stage"] for r in rows] == [d.stage for d in clock.deadlines]


def test_significant_incident_accepts_one_type_and_typed_facts() -> None:
    facts = pt.IncidentFacts(direct_financial_loss_eur=600_000.0, annual_turnover_eur=1e9)
    a = nis2.significant_incident("NIS2-I-08-04", facts)
    b = nis2.significant_incident(["NIS2-I-08-04"], {"direct_financial_loss_eur": 600_000.0,
                                                      "annual_turnover_eur": 1e9})
    assert a.to_json() == b.to_json()
    assert a.significant == "significant" and a.met
    unknown = nis2.significant_incident("NIS2-I-08-04")
    assert unknown.significant == "undetermined" and unknown.missing_facts


def test_obligations_with_and_without_turnover() -> None:
    profile = json.loads((REPO / "examples" / "manufacturer-40-staff.json").read_text("utf-8"))
    without = nis2.obligations(profile)
    assert without.classification == "important" and without.fines[0].turnover_based_eur is None
    assert "null" in without.to_json()  # the engine writes the unknown amount as null
    with_turnover = nis2.obligations(nis2.Profile.from_dict(profile), 1e9)
    assert with_turnover.fines[0].turnover_based_eur == pytest.approx(1.4e7)
    assert with_turnover.worldwide_turnover_eur == 1e9


def test_unreadable_inputs_name_the_field() -> None:
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.plan("{not json", "2026-01-01")
    assert info.value.path == "$.programme" and "not valid JSON" in info.value.message
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.wheel(Path("/nonexistent/programme.json"), 2026)
    assert info.value.path == "$.programme" and "cannot read" in info.value.message
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.deadlines(42)  # type: ignore[arg-type]
    assert info.value.path == "$.incident"
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.programme([1, 2])  # type: ignore[arg-type]
    assert info.value.path == "$"
    with pytest.raises(nis2.InvalidInputError) as info:
        pt.Programme.from_json("[")
    assert info.value.path == "$"


def test_errors_name_their_paths() -> None:
    data = json.loads(PROGRAMME.read_text(encoding="utf-8"))
    data["plan"][0]["owner"] = "nobody"
    with pytest.raises(nis2.Nis2Error) as info:
        nis2.plan(data, "2026-04-01")
    assert "$.programme.plan[0].owner" in error_paths(info.value.report)
    with pytest.raises(nis2.UnknownIdError) as unknown:
        nis2.programme({"op": "deadline", "incident": {}})
    assert unknown.value.path == "$.op" and "deadlines" in unknown.value.suggestions
    with pytest.raises(nis2.InvalidInputError) as info2:
        nis2.deadlines({"aware_at": "2026-01-29T08:00:00"})
    assert info2.value.path == "$.incident.aware_at" and isinstance(info2.value, ValueError)
    with pytest.raises(nis2.InvalidInputError) as info3:
        pt.IncidentInput.from_dict({"aware_at": 5})
    assert info3.value.path == "$.aware_at"


# ------------------------------------------------------------------------------------------------
# The årshjul as iCalendar
# ------------------------------------------------------------------------------------------------


def test_wheel_ics_parses_and_matches_the_data() -> None:
    w = nis2.wheel(PROGRAMME, 2026, reference_date="2026-01-05", language="da")
    ics = nis2.wheel_ics(PROGRAMME, 2026, reference_date=datetime.date(2026, 1, 5), language="da")
    assert w.to_ics() == ics
    doc = nis2.wheel(PROGRAMME, 2026, format="ics", reference_date="2026-01-05", language="da")
    assert isinstance(doc, pt.WheelIcs) and doc.ics == ics and doc.events == len(w.tasks)
    check_ics(doc.to_dict())
    cal = icalendar.Calendar.from_ical(ics)
    events = list(cal.walk("VEVENT"))
    assert [str(ev["UID"]) for ev in events] == [t.uid for t in w.tasks]
    assert [ev.decoded("DTSTART").isoformat() for ev in events] == [t.date for t in w.tasks]
    assert [str(ev["SUMMARY"]) for ev in events] == [t.title.da for t in w.tasks]
    request = {"op": "wheel", "programme": json.loads(PROGRAMME.read_text("utf-8")), "year": 2026,
               "reference_date": "2026-01-05", "language": "da"}
    assert nis2._nis2.programme_ics(json.dumps(request)) == ics


def test_wheel_to_ics_needs_the_request() -> None:
    w = nis2.wheel(PROGRAMME, 2026)
    assert pt.WheelResult.from_dict(w.to_dict()).to_ics() is None
    assert w.to_ics() is not None
    via_request = nis2.programme({"op": "wheel", "programme": pt.Programme.from_json(
        PROGRAMME.read_text("utf-8")), "year": 2026})
    assert isinstance(via_request, pt.WheelResult) and via_request.to_ics() == w.to_ics()


@needs_cli
def test_wheel_ics_is_the_cli_calendar() -> None:
    cli = cli_stdout(["wheel", str(PROGRAMME), "--year", "2026", "--ics", "--date", "2026-01-05"])
    ics = nis2.wheel_ics(PROGRAMME, 2026, reference_date="2026-01-05")
    assert cli == ics.rstrip("\r\n")


@needs_cli
def test_deadlines_is_the_cli_clock() -> None:
    out = cli_stdout(["deadlines", str(INCIDENT), "--format", "json"])
    assert out == nis2.deadlines(INCIDENT).to_json()


# ------------------------------------------------------------------------------------------------
# Notebook views
# ------------------------------------------------------------------------------------------------


def test_notebook_views() -> None:
    prog = pt.Programme.from_json(PROGRAMME.read_text(encoding="utf-8"))
    clock = nis2.deadlines(INCIDENT)
    page = clock._repr_html_()
    assert "early warning" in page and "Art. 23(4)(a)" in page
    assert "Tidlig varsling" in clock.to_html("da") or "24 timer" in clock.to_html("da")
    w = nis2.wheel(prog, 2026)
    assert "Årshjul 2026" in w._repr_html_() and len(w.rows()) == len(w.tasks)
    assert "BEGIN:VCALENDAR" in nis2.wheel(prog, 2026, format="ics")._repr_html_()
    plan = nis2.plan(prog, "2026-04-01")
    assert "Implementation plan" in plan._repr_html_() and len(plan.rows()) == len(plan.tasks)
    assert "Governance" in nis2.governance(prog, "2026-04-01")._repr_html_()
    sup = nis2.suppliers(prog, "2026-04-01")
    assert "Suppliers" in sup._repr_html_() and len(sup.rows()) == len(sup.suppliers)
    assert "valid" in nis2.validate_programme(prog)._repr_html_()
    sig = nis2.significant_incident("NIS2-I-08-04", {"direct_financial_loss_eur": 600_000.0})
    assert "Significant incident" in sig._repr_html_() and sig.rows()
    profile = json.loads((REPO / "examples" / "manufacturer-40-staff.json").read_text("utf-8"))
    assert "Art. 34" in nis2.obligations(profile)._repr_html_()
    # Escaping: text from the input never becomes markup.
    evil = pt.Programme(organisation="<script>x</script>", people=[pt.Person("a", "<b>A</b>")])
    page = nis2.wheel(evil, 2026)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_repr_is_short() -> None:
    clock = nis2.deadlines(INCIDENT)
    assert repr(clock).startswith("IncidentClock(") and "deadlines=[4]" in repr(clock)
