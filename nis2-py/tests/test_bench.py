"""pytest-benchmark timings of the capabilities (scope, catalog, risk, programme, assessment). A
normal run (`--benchmark-disable`) runs each once as a plain test; `bash scripts/test-python.sh
bench` times them."""

from __future__ import annotations

import json
from typing import Any, Callable

from pytest_benchmark.fixture import BenchmarkFixture

import nis2
from conftest import REPO

EXAMPLE: dict[str, Any] = json.loads(
    (REPO / "examples" / "manufacturer-40-staff.json").read_text(encoding="utf-8")
)


def test_bench_scope_dict(benchmark: BenchmarkFixture) -> None:
    result = benchmark(nis2.scope, EXAMPLE)
    assert result.in_scope == "yes"


def test_bench_scope_json(benchmark: BenchmarkFixture) -> None:
    text = json.dumps(EXAMPLE)
    result = benchmark(nis2.scope, text)
    assert result.in_scope == "yes"


def test_bench_scope_typed(benchmark: BenchmarkFixture) -> None:
    profile = nis2.Profile.from_dict(EXAMPLE)
    result = benchmark(nis2.scope, profile)
    assert result.in_scope == "yes"


def test_bench_native_only(benchmark: BenchmarkFixture) -> None:
    """The engine call alone (JSON text in and out, no typed result): the binding's floor."""
    text = json.dumps(EXAMPLE)
    out = benchmark(nis2._nis2.scope_json, text)
    assert out.startswith("{")


# Catalog and risk -------------------------------------------------------------------------------

REGISTER: dict[str, Any] = json.loads(
    (REPO / "examples" / "water-utility-risk-register.json").read_text(encoding="utf-8")
)


def test_bench_catalog_map(benchmark: BenchmarkFixture) -> None:
    result = benchmark(nis2.map, "ISO27001:A.5.19", "nis2")
    assert result.results


def test_bench_catalog_evidence(benchmark: BenchmarkFixture) -> None:
    result = benchmark(nis2.evidence, "NIS2:21.2.d", "iso27001-2022")
    assert result.results


def test_bench_catalog_show(benchmark: BenchmarkFixture) -> None:
    """The largest catalog document (CIR 2024/2690, 220 nodes) built into typed objects."""
    result = benchmark(nis2.framework, "cir-2024-2690")
    assert len(result.framework.nodes) > 200


def test_bench_risk_assess_dict(benchmark: BenchmarkFixture) -> None:
    result = benchmark(nis2.assess_risks, REGISTER)
    assert result.scenarios


def test_bench_risk_assess_typed(benchmark: BenchmarkFixture) -> None:
    register = nis2.Register.from_dict(REGISTER)
    result = benchmark(nis2.assess_risks, register)
    assert result.scenarios


def test_bench_risk_heatmap_svg(benchmark: BenchmarkFixture) -> None:
    result = benchmark(nis2.heatmap, REGISTER, "residual", format="svg")
    assert result.svg.startswith("<svg")


# Programme and assessment ------------------------------------------------------------------------

KINDS = (
    "risk_assessment_review",
    "management_reporting",
    "recovery_test",
    "staff_training",
    "vulnerability_review",
    "access_review",
)


def bench_programme(activities: int) -> dict[str, Any]:
    """The programme of the core's criterion benchmark (`nis2-core/benches/programme.rs`):
    20 people and `activities` recurring activities of every cadence."""
    cadences: list[Callable[[int], dict[str, Any]]] = [
        lambda i: {"every": "monthly", "anchor_day": i % 31 + 1},
        lambda i: {"every": "quarterly", "anchor_month": i % 3 + 1, "anchor_day": 15},
        lambda i: {"every": "half_yearly", "anchor_month": i % 6 + 1},
        lambda i: {"every": "yearly", "anchor_month": i % 12 + 1, "anchor_day": 31},
        lambda i: {"every_months": 2, "anchor_month": 2},
    ]
    wheel = []
    for i in range(activities):
        activity: dict[str, Any] = {"id": f"activity-{i:03}", "kind": KINDS[i % len(KINDS)]}
        if i % 2 == 0:
            activity["title"] = f"Activity number {i}"
        activity["cadence"] = cadences[i % 5](i)
        activity["owner"] = f"p{i % 20}"
        activity["requirements"] = ["NIS2:21.2.a"]
        wheel.append(activity)
    return {
        "schema_version": "1",
        "organisation": "Bench A/S",
        "people": [{"id": f"p{i}", "name": f"Person {i}"} for i in range(20)],
        "wheel": wheel,
    }


BENCH_PROGRAMME = bench_programme(200)
INCIDENT_INPUT: dict[str, Any] = {
    "aware_at": "2026-03-28T10:00:00",
    "time_zone": "Europe/Copenhagen",
    "notification_submitted_at": "2026-03-30T16:45:00+02:00",
    "as_of": "2026-04-02T09:00:00+02:00",
}
ASSESSMENT: dict[str, Any] = json.loads(
    (REPO / "examples" / "msp-assessment.json").read_text(encoding="utf-8")
)


def test_bench_incident_clock(benchmark: BenchmarkFixture) -> None:
    result = benchmark(nis2.deadlines, INCIDENT_INPUT)
    assert result.deadlines[0].due == "2026-03-29T11:00:00+02:00"  # 24 h across DST


def test_bench_wheel_200_activities(benchmark: BenchmarkFixture) -> None:
    """The årshjul of 200 recurring activities for a year (as the core's benchmark), typed."""
    result = benchmark(nis2.wheel, BENCH_PROGRAMME, 2026)
    assert len(result.tasks) > 200


def test_bench_wheel_200_activities_native(benchmark: BenchmarkFixture) -> None:
    """The same, the engine call alone (JSON text in and out)."""
    text = json.dumps({"op": "wheel", "programme": BENCH_PROGRAMME, "year": 2026})
    out = benchmark(nis2._nis2.programme_json, text)
    assert out.startswith("{")


def test_bench_wheel_200_activities_ics(benchmark: BenchmarkFixture) -> None:
    ics = benchmark(nis2.wheel_ics, BENCH_PROGRAMME, 2026)
    assert ics.startswith("BEGIN:VCALENDAR")


def test_bench_assess_example(benchmark: BenchmarkFixture) -> None:
    """Scoring `examples/msp-assessment.json` (with inference) into a typed evaluation."""
    result = benchmark(nis2.assess, ASSESSMENT)
    assert result.overall is not None


def test_bench_assess_example_native(benchmark: BenchmarkFixture) -> None:
    text = json.dumps({"op": "score", "assessment": ASSESSMENT})
    out = benchmark(nis2._nis2.assessment_json, text)
    assert out.startswith("{")
