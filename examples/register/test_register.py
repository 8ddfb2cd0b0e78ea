"""The register example, tested (scripts/test-distributed.sh): a generated register of 1,000,000
companies in four Parquet files screened on one machine, with PySpark in local mode through
`mapInArrow` and with Dask through `map_partitions`; the three give the same verdict for every
company, and the same as nis2.scope gives the company's profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

import nis2
import screen_register as example

ROWS = 1_000_000


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("register") / "extract"
    example.generate(str(path), ROWS)
    return str(path)


@pytest.fixture(scope="module")
def local(register: str) -> pa.Table:
    return by_id(example.screen_local(register))


def by_id(table: pa.Table) -> pa.Table:
    return table.sort_by("id")


def same(got: pa.Table, want: pa.Table) -> None:
    got = by_id(got).select(want.column_names).cast(want.schema)
    assert got.num_rows == want.num_rows
    for name in want.column_names:
        assert got.column(name).equals(want.column(name)), name


def test_the_single_machine_screening_reads_every_company(local: pa.Table, register: str) -> None:
    assert local.num_rows == ROWS
    assert local.column("error_kind").null_count == ROWS
    outcomes = set(pc.unique(local.column("in_scope")).to_pylist())
    assert {"yes", "undetermined"} <= outcomes, outcomes
    # A sample of rows against single calls on the profiles they stand for.
    table = example.pq.read_table(register).sort_by("id")
    for i in range(0, ROWS, 49_999):
        row = table.slice(i, 1).to_pylist()[0]
        verdict = nis2.scope(profile_of(row), detail="verdict").to_dict()
        got = local.slice(i, 1).to_pylist()[0]
        assert got["classification"] == verdict["classification"], row
        assert got["reasons"] == [r["rule"] for r in verdict["reasons"]], row
        assert got["open_questions"] == [q["id"] for q in verdict["open_questions"]], row


def profile_of(row: dict[str, Any]) -> dict[str, Any]:
    profile: dict[str, Any] = {"member_state": row["member_state"], "activities": [],
                               "nace_codes": row["nace_codes"]}  # fmt: skip
    low, high = row["staff_headcount_min"], row["staff_headcount_max"]
    if low is not None or high is not None:
        profile["size"] = {"staff_headcount": [low or 0, 1.7976931348623157e308 if high is None else high]}
    return profile


def test_spark_map_in_arrow(local: pa.Table, register: str, tmp_path: Path) -> None:
    spark = example.local_spark()
    try:
        frame = example.screen_spark(register, spark)
        frame.write.mode("overwrite").parquet(str(tmp_path / "verdicts"))
    finally:
        spark.stop()
    same(example.pq.read_table(str(tmp_path / "verdicts")), local)


def test_dask_map_partitions(local: pa.Table, register: str) -> None:
    frame = example.screen_dask(register)
    assert frame.npartitions >= 4
    got = pa.Table.from_pandas(frame.compute(), preserve_index=False)
    same(got, local)
