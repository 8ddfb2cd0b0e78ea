"""pytest-benchmark timings. ``bash scripts/test-python.sh bench`` times them in one run and
prints the scope figures against their targets and against a plain-Python implementation of
Arts 2–3 (``tests/bench/plain_scope.py``); a normal run (``--benchmark-disable``) runs each once
as a plain test.

Targets (one ``nis2.scope`` of ``examples/manufacturer-40-staff.json``): the typed explained
result ≤ 30 µs, the verdict ≤ 5 µs.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Literal

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

import nis2
from bench import plain_scope
from conftest import example

PROFILE: dict[str, Any] = example("manufacturer-40-staff.json")
REGISTER: dict[str, Any] = example("water-utility-risk-register.json")
ASSESSMENT: dict[str, Any] = example("msp-assessment.json")

# Seconds (min, median) by benchmark, for the summary that conftest prints after the run.
FIGURES: dict[str, tuple[float, float]] = {}
TARGETS = {"scope_explained": 30e-6, "scope_verdict": 5e-6}
COMPARATOR = "plain_python_scope"


def timed(
    benchmark: BenchmarkFixture, name: str, fn: Callable[..., Any], *args: Any, **kw: Any
) -> Any:
    result = benchmark(fn, *args, **kw)
    if benchmark.stats is not None:
        stats = benchmark.stats.stats
        FIGURES[name] = (stats.min, stats.median)
    return result


def summary() -> list[str]:
    """The scope figures against their targets and the plain-Python comparator."""
    if COMPARATOR not in FIGURES:
        return []
    plain = FIGURES[COMPARATOR][1]
    lines = ["scope of examples/manufacturer-40-staff.json"]
    lines[0] += " (min / median; the ratio of medians to plain Python):"
    for name, (low, median) in sorted(FIGURES.items()):
        if not name.startswith(("scope", "native", "plain")) or "_loop_" in name:
            continue  # the loops of the screening comparison are reported below
        target = f", target ≤ {TARGETS[name] * 1e6:.0f} µs" if name in TARGETS else ""
        lines.append(
            f"  {name:32} {low * 1e6:7.2f} / {median * 1e6:7.2f} µs  ×{median / plain:5.1f}{target}"
        )
    lines.extend(_screen_summary())
    return lines


def _screen_summary() -> list[str]:
    """Screening: rows per second (median), and the ratio to Python loops over ``nis2.scope``
    on rows of the same table (the default explained call, and the verdict)."""
    lines = []
    for table, screen, rows, loops in [
        ("portfolio", "screen_rows", SCREEN_ROWS, ["scope_loop_explained_rows", "scope_loop_rows"]),
        ("register", "screen_register_rows", REGISTER_ROWS,
         ["register_loop_rows", "register_loop_verdict_rows"]),
    ]:  # fmt: skip
        if screen not in FIGURES:
            continue
        per_row = FIGURES[screen][1] / rows
        line = f"screen, {table}: {1 / per_row:,.0f} rows/s (target ≥ 1,000,000)"
        for loop in loops:
            if loop in FIGURES:
                each = FIGURES[loop][1] / LOOP_ROWS
                line += f"; ×{each / per_row:.1f} a loop ({loop}, {1 / each:,.0f} rows/s)"
        lines.append(line + " (target ×50)")
    return lines


def test_plain_python_agrees_with_the_engine() -> None:
    verdict = nis2.scope(PROFILE, detail="verdict")
    assert plain_scope.scope(PROFILE) == (
        verdict.in_scope,
        verdict.classification,
        verdict.size_class,
    )


def test_bench_scope_explained(benchmark: BenchmarkFixture) -> None:
    """`nis2.scope(profile)`: the typed explained result (its document is read lazily)."""
    result = timed(benchmark, "scope_explained", nis2.scope, PROFILE)
    assert type(result) is nis2.ScopeResult


def test_bench_scope_verdict(benchmark: BenchmarkFixture) -> None:
    result = timed(benchmark, "scope_verdict", nis2.scope, PROFILE, detail="verdict")
    assert type(result) is nis2.ScopeVerdict


def test_bench_scope_explained_first_field(benchmark: BenchmarkFixture) -> None:
    """The result and its first field: the whole document converted to Python objects once."""
    out = timed(benchmark, "scope_explained_first_field", lambda: nis2.scope(PROFILE).in_scope)
    assert out == "yes"


def test_bench_scope_json_text(benchmark: BenchmarkFixture) -> None:
    text = json.dumps(PROFILE)
    assert type(timed(benchmark, "scope_explained_json_text", nis2.scope, text)) is nis2.ScopeResult


def test_bench_native_call(benchmark: BenchmarkFixture) -> None:
    """The native call alone (`_nis2.call`, a dict in, a native response out)."""
    response = timed(benchmark, "native_call_explained", nis2._nis2.call, "scope", PROFILE)
    assert response.op == "scope"


def test_bench_native_call_verdict(benchmark: BenchmarkFixture) -> None:
    response = timed(benchmark, "native_call_verdict", nis2._nis2.call, "scope", PROFILE, "verdict")
    assert response.detail == "verdict"


def test_bench_plain_python(benchmark: BenchmarkFixture) -> None:
    """Arts 2–3 in plain Python, without explanation (the comparator)."""
    assert timed(benchmark, COMPARATOR, plain_scope.scope, PROFILE)[0] == "yes"


# Other capabilities ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, run",
    [
        ("catalog_map", lambda: nis2.map("ISO27001:A.5.19", "nis2")),
        ("catalog_evidence", lambda: nis2.evidence("NIS2:21.2.d", "iso27001-2022")),
        ("catalog_show_cir_nodes", lambda: nis2.framework("cir-2024-2690").framework.nodes),
        ("risk_assess", lambda: nis2.assess_risks(REGISTER)),
        ("risk_heatmap_svg", lambda: nis2.heatmap_svg(REGISTER)),
        ("assessment_evaluate", lambda: nis2.assess(ASSESSMENT)),
        ("labels", nis2.labels),
    ],
)
def test_bench_capability(benchmark: BenchmarkFixture, name: str, run: Callable[[], Any]) -> None:
    assert timed(benchmark, name, run) is not None


# Screening ------------------------------------------------------------------------------------

SCREEN_ROWS = 100_000
LOOP_ROWS = 2_000


def _screen_rows() -> list[dict[str, Any]]:
    from test_screen import rows

    return rows(SCREEN_ROWS, seed=11)


def test_bench_screen(benchmark: BenchmarkFixture) -> None:
    """``nis2.screen`` over an Arrow table of 100,000 generated rows, at the verdict level."""
    import pyarrow as pa  # type: ignore[import-untyped]

    table = pa.Table.from_pylist(_screen_rows())
    out = timed(benchmark, "screen_rows", nis2.screen, table)
    assert out.num_rows == SCREEN_ROWS


REGISTER_ROWS = 500_000


def test_bench_screen_register(benchmark: BenchmarkFixture) -> None:
    """``nis2.screen`` over a generated register extract of 500,000 rows (NACE codes, staff
    bands; ``tests/bench/register.py``), at the verdict level."""
    import pyarrow as pa

    from bench import register

    table = pa.table(register.columns(REGISTER_ROWS))
    out = timed(benchmark, "screen_register_rows", nis2.screen, table)
    assert out.num_rows == REGISTER_ROWS
    assert out.column("error_kind").null_count == REGISTER_ROWS


@pytest.mark.parametrize("detail", ["explained", "verdict"])
def test_bench_register_loop(benchmark: BenchmarkFixture, detail: Literal["explained", "verdict"]) -> None:
    """The comparator: a Python loop over ``nis2.scope`` (as called by default, and at the
    verdict level) on 2,000 rows of the same register."""
    from bench import register

    profiles = register.profiles(register.columns(LOOP_ROWS), LOOP_ROWS)
    run = lambda: [nis2.scope(p, detail=detail) for p in profiles]  # noqa: E731
    name = "register_loop_rows" if detail == "explained" else "register_loop_verdict_rows"
    assert len(timed(benchmark, name, run)) == LOOP_ROWS


@pytest.mark.parametrize("detail", ["explained", "verdict"])
def test_bench_scope_loop(benchmark: BenchmarkFixture, detail: Literal["explained", "verdict"]) -> None:
    """The comparator of ``screen``: a Python loop over ``nis2.scope`` (as called by default, and
    at the verdict level) on 2,000 of the same rows."""
    from test_screen import profile_of

    profiles = [profile_of(r) for r in _screen_rows()[:LOOP_ROWS]]
    run = lambda: [nis2.scope(p, detail=detail) for p in profiles]  # noqa: E731
    name = "scope_loop_explained_rows" if detail == "explained" else "scope_loop_rows"
    assert len(timed(benchmark, name, run)) == LOOP_ROWS

