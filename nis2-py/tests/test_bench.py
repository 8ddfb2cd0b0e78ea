"""pytest-benchmark timings of one `scope` call. A normal run (`--benchmark-disable`) runs each
once as a plain test; `bash scripts/test-python.sh bench` times them."""

from __future__ import annotations

import json
from typing import Any

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
