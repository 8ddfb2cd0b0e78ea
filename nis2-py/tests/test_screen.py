"""`nis2.screen` (Arrow tables in and out: pyarrow, pandas, polars) and `nis2.scope_many`: each row
as `nis2.scope` answers it, bad rows in their error columns, whole-call errors naming the column."""

from __future__ import annotations

import json
import math
import random
from typing import Any, Literal

import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pytest

import nis2
from conftest import REPO, cli, load_vectors, needs_cli

TYPES = ["NIS2-I-01a-01", "NIS2-I-06-01", "NIS2-I-08-07", "NIS2-II-05c-01", "NIS2-II-06-03"]
STAFF = [None, 9.0, 10.0, 49.5, 50.0, 249.0, 250.0, 900.0]
MONEY = [None, 2_000_000.0, 10_000_000.0, 43_000_000.0, 50_000_000.0, 50_000_000.01, 1e9]


def rows(n: int, seed: int = 7) -> list[dict[str, Any]]:
    r = random.Random(seed)
    out = []
    for i in range(n):
        out.append(
            {
                "id": f"r{i}",
                "entity_types": r.sample(TYPES, r.randint(0, 2)),
                "member_state": r.choice(["DK", "DE", None]),
                "staff_headcount": r.choice(STAFF),
                "annual_turnover_eur": r.choice(MONEY),
                "balance_sheet_total_eur": r.choice(MONEY),
                "critical_entity_cer": r.choice([None, True, False]),
            }
        )
    return out


def profile_of(row: dict[str, Any]) -> dict[str, Any]:
    p: dict[str, Any] = {"activities": [{"entity_type": t} for t in row["entity_types"]]}
    if row["member_state"]:
        p["member_state"] = row["member_state"]
    size = {k: row[k] for k in ("staff_headcount", "annual_turnover_eur", "balance_sheet_total_eur")}
    if any(v is not None for v in size.values()):
        p["size"] = {k: v for k, v in size.items() if v is not None}
    if row["critical_entity_cer"] is not None:
        p["designations"] = {"critical_entity_cer": row["critical_entity_cer"]}
    return p


ROWS = rows(300)
TABLE = pa.Table.from_pylist(ROWS)


def expected(row: dict[str, Any]) -> dict[str, Any]:
    v = nis2.scope(profile_of(row), detail="verdict").to_dict()
    return {
        "in_scope": v["in_scope"],
        "classification": v["classification"],
        "possible_classifications": v["possible_classifications"],
        "size_class": v["size_class"],
        "possible_size_classes": v["possible_size_classes"],
        "supervision": v["supervision"],
        "reasons": [r["rule"] for r in v["reasons"]],
        "open_questions": [q["id"] for q in v["open_questions"]],
        "displacements": [d["id"] for d in v["displacements"]],
    }


def test_each_row_is_a_scope_call() -> None:
    out = nis2.screen(TABLE)
    assert isinstance(out, pa.Table) and out.num_rows == len(ROWS)
    assert out.column_names[:3] == ["index", "id", "in_scope"]
    for i, (row, got) in enumerate(zip(ROWS, out.to_pylist())):
        assert got["index"] == i and got["id"] == row["id"]
        assert got["error_kind"] is None
        assert {k: got[k] for k in expected(row)} == expected(row), row


def test_a_long_repetitive_table_is_each_row_alone() -> None:
    """140,000 rows (three slices, many output batches) repeating 300 organisations under other
    ids and names, with bad cells among them: every row is what its organisation's own call
    gives, or what the row screened alone gives."""
    r = random.Random(2555)
    base = rows(300, seed=11)
    table_rows, origin = [], []
    for i in range(140_000):
        k = r.randrange(len(base))
        row = dict(base[k], id=f"x{i}", name=r.choice([None, f"Firma {i}"]))
        if r.random() < 0.01:
            row["member_state"] = "XX"
        table_rows.append(row)
        origin.append(k)
    out = nis2.screen(pa.Table.from_pylist(table_rows)).to_pylist()
    want = {k: expected(base[k]) for k in set(origin)}
    alone: dict[str, dict[str, Any]] = {}
    for i, (row, got) in enumerate(zip(table_rows, out)):
        assert got["index"] == i and got["id"] == row["id"]
        if row["member_state"] == "XX":
            key = json.dumps({k: v for k, v in row.items() if k not in ("id", "name")}, sort_keys=True)
            if key not in alone:
                alone[key] = nis2.screen(pa.Table.from_pylist([row])).to_pylist()[0]
            assert got["error_kind"] is not None
            assert {k: v for k, v in got.items() if k not in ("index", "id")} == {
                k: v for k, v in alone[key].items() if k not in ("index", "id")
            }
        else:
            assert got["error_kind"] is None
            assert {k: got[k] for k in want[origin[i]]} == want[origin[i]], row


def test_pandas_polars_and_readers_give_the_same_table() -> None:
    want = nis2.screen(TABLE)
    assert nis2.screen(TABLE.to_reader(max_chunksize=37)).equals(want)
    assert nis2.screen(pl.from_arrow(TABLE)).equals(want)
    frame = pd.DataFrame(ROWS)
    got = nis2.screen(frame)
    assert got.select(["in_scope", "classification", "size_class"]).equals(
        want.select(["in_scope", "classification", "size_class"])
    )
    # The result converts to pandas and polars.
    assert list(want.to_pandas()["in_scope"]) == want.column("in_scope").to_pylist()
    frame_out = pl.from_arrow(want)
    assert isinstance(frame_out, pl.DataFrame) and frame_out.height == len(ROWS)


def test_text_columns_as_in_a_csv() -> None:
    table = pa.table(
        {
            "entity_types": ["NIS2-II-05c-01;NIS2-I-06-01", "NIS2-II-05c-01"],
            "member_state": ["DK", "DK"],
            "staff_headcount": ["100", "100"],
            "annual_turnover_eur": ["50000000.0000000001", "50000000"],
            "balance_sheet_total_eur": ["43000000.0000000001", "43000000"],
        }
    )
    out = nis2.screen(table).to_pylist()
    assert [r["size_class"] for r in out] == ["large", "medium"]


def test_a_dash_is_no_activities_and_an_empty_cell_is_missing() -> None:
    # As a CSV holds it: `-` alone is an empty list (out of scope), an empty cell an absent fact.
    frame = pd.DataFrame(
        {"entity_types": ["-", None, " - ", "[]"], "member_state": ["DK"] * 4, "staff_headcount": [40] * 4}
    )
    for table in (frame, pl.from_pandas(frame), pa.Table.from_pandas(frame)):
        out = nis2.screen(table).to_pylist()
        assert [(r["in_scope"], r["classification"]) for r in out[::2]] == [("no", "none")] * 2
        assert out[1]["error_kind"] == "invalid_input" and out[1]["error_path"] == "$.entity_types"
        # A word for nothing could mean none or not known: refused, with that advice.
        assert out[3]["error_kind"] == "invalid_input" and out[3]["error_path"] == "$.entity_types"


def test_bad_rows_do_not_stop_the_batch() -> None:
    table = pa.table(
        {
            "entity_types": [["NIS2-I-06-01"], ["NIS2-I-0"], ["NIS2-I-06-01"]],
            "staff_headcount": [10.0, 10.0, -3.0],
        }
    )
    out = nis2.screen(table).to_pylist()
    assert out[0]["error_kind"] is None and out[0]["in_scope"] is not None
    assert out[1]["error_kind"] == "unknown_id" and out[1]["error_path"] == "$.entity_types[0]"
    assert out[1]["in_scope"] is None and out[1]["reasons"] is None
    assert out[2]["error_path"] == "$.staff_headcount"
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.screen(table, strict=True)
    assert info.value.path == "$.rows[1].entity_types[0]"


def test_figures_in_one_band_share_and_bad_figures_keep_their_errors() -> None:
    """The memo keys a figure column's cells by band (which ceilings each meets): rows at, just
    below and just above every ceiling, and figures the profile refuses (negative, NaN,
    infinite) among them, each give what the row gives screened alone."""
    staff = [0.0, 9.99, 10.0, 10.5, 49.99, 50.0, 249.99, 250.0, 1e6, -1.0, -2.0, math.nan, math.inf]
    money = [0.0, 2e6, 2_000_000.01, 1e7, 10_000_000.01, 4.3e7, 43_000_000.01, 5e7,
             50_000_000.01, -5.0, math.nan]  # fmt: skip
    r = random.Random(2690)
    table_rows = [
        {
            "entity_types": [r.choice(["NIS2-II-05c-01", "NIS2-I-06-01"])],
            "member_state": "DK",
            "staff_headcount": r.choice(staff),
            "annual_turnover_eur": r.choice(money),
            "balance_sheet_total_eur": r.choice(money),
        }
        for _ in range(1500)
    ]
    out = nis2.screen(pa.Table.from_pylist(table_rows)).to_pylist()
    alone: dict[str, dict[str, Any]] = {}
    for row, got in zip(table_rows, out):
        key = repr(sorted(row.items()))
        if key not in alone:
            alone[key] = nis2.screen(pa.Table.from_pylist([row])).to_pylist()[0]
        assert {k: v for k, v in got.items() if k != "index"} == {
            k: v for k, v in alone[key].items() if k != "index"
        }, row
    assert any(g["error_kind"] for g in out) and any(g["in_scope"] for g in out)


def test_whole_call_errors_name_the_column() -> None:
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.screen(pa.table({"entity_types": [["NIS2-I-06-01"]], "staf": [1]}))
    assert info.value.path == "$.columns[1]"
    with pytest.raises(nis2.InvalidInputError) as bad:
        nis2.screen(pa.table({"entity_types": [["NIS2-I-06-01"]], "staff_headcount": [True]}))
    assert bad.value.path == "$.columns.staff_headcount"
    with pytest.raises(nis2.InvalidInputError) as missing:
        nis2.screen(pa.table({"staff_headcount": [1.0]}))
    assert missing.value.path == "$.columns"
    with pytest.raises(nis2.InvalidInputError):
        nis2.screen([{"entity_types": []}])


def test_explained_result_column() -> None:
    out = nis2.screen(TABLE.slice(0, 20), detail="explained").to_pylist()
    for row, got in zip(ROWS, out):
        want = nis2.scope(profile_of(row)).to_dict()
        del want["op"]
        assert json.loads(got["result"]) == want


def test_scope_many_is_scope_for_every_vector() -> None:
    inputs = [v.input for v in load_vectors() if v.capability == "scope"]
    many = nis2.scope_many(inputs)
    assert isinstance(many, nis2.ScreenVerdict)
    for p, row in zip(inputs, many.rows):
        try:
            want: Any = nis2.scope(p, detail="verdict").to_dict()
        except nis2.Nis2Error:
            assert row.error is not None
            continue
        del want["op"], want["detail"]
        assert row.verdict is not None and row.verdict.to_dict() == want
    explained = nis2.scope_many(inputs[:5], detail="explained")
    assert isinstance(explained, nis2.ScreenResult)
    assert explained.summary.rows == 5


def test_range_columns_are_scope_ranges() -> None:
    frame = pd.DataFrame(
        {
            "entity_types": [["NIS2-II-05d-01"]] * 3,
            "staff_headcount_min": [50.0, 40.0, 250.0],
            "staff_headcount_max": [99.0, 60.0, None],
            "annual_turnover_eur": [8e6, 8e6, None],
            "balance_sheet_total_eur": [8e6, 8e6, None],
        }
    )
    out = nis2.screen(frame).to_pylist()
    assert [r["size_class"] for r in out] == ["medium", "undetermined", "large"]
    assert out[1]["possible_size_classes"] == ["small", "medium"]
    assert "size_range" in out[1]["open_questions"]
    single = nis2.scope(
        {
            "activities": [{"entity_type": "NIS2-II-05d-01"}],
            "size": {"staff_headcount": [40, 60], "annual_turnover_eur": 8e6, "balance_sheet_total_eur": 8e6},
        },
        detail="verdict",
    ).to_dict()
    assert single["possible_size_classes"] == out[1]["possible_size_classes"]
    bad = nis2.screen(pa.table({"entity_types": [["NIS2-I-06-01"]], "staff_headcount": [5.0], "staff_headcount_max": [9.0]}))
    assert bad.column("error_path").to_pylist() == ["$.staff_headcount_max"]


def test_nace_codes() -> None:
    got = nis2.nace("281100")
    assert isinstance(got, nis2.NaceLookup) and got.code == "C28.11"
    assert [(c.entity_type, c.status) for c in got.candidates] == [("NIS2-II-05d-01", "exact")]
    assert got.to_json() == nis2.call("reference", {"op": "nace", "code": "281100"}).to_json()
    assert len(nis2.nace_table().rows) > 50
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.nace("Q28")
    assert info.value.path == "$.code"
    rows = pa.table(
        {
            "nace_codes": [["C29.10"], ["351100"]],
            "member_state": ["DK", "DK"],
            "staff_headcount": [300.0, 300.0],
        }
    )
    out = nis2.screen(rows).to_pylist()
    assert [r["classification"] for r in out] == ["important", "none"]
    assert "nace_indicative" in out[1]["open_questions"]
    assert "nace_indicative" in out[1]["reasons"]


@needs_cli
def test_csv_op_and_csv_rendering_match_the_cli() -> None:
    """The `screen` op `csv` with a register's column map, rendered as `csv`, gives the bytes
    `nis2 screen --columns` writes for the same file, and the same rows as the Arrow path."""
    table = (REPO / "examples/screening/dk-register-sample.csv").read_text(encoding="utf-8")
    map_path = REPO / "examples/screening/dk-register-map.json"
    answer = nis2.call(
        "screen",
        {"op": "csv", "content": table, "map": json.loads(map_path.read_text())},
        detail="verdict",
    )
    assert answer.to_dict()["op"] == "screen.csv"
    rendered = nis2.render(answer, format="csv")
    streamed = cli(["screen", "-", "--input-format", "csv", "--columns", str(map_path)], table)
    assert streamed.returncode == 0, streamed.stderr
    assert rendered == streamed.stdout.decode("utf-8")
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.call("screen", {"op": "csv", "content": "id,entity_types\n\"A,B\n"})
    assert info.value.path == "$"


@pytest.mark.parametrize("detail", ["verdict", "explained"])
def test_a_register_in_its_own_columns(detail: Literal["verdict", "explained"]) -> None:
    """``columns``: a table in a register's own columns and codes (the Danish sample, read as
    text) gives each row the answer of the ``screen`` op ``csv`` with the same map."""
    import csv

    folder = REPO / "examples" / "screening"
    text = (folder / "dk-register-sample.csv").read_text(encoding="utf-8")
    mapping = json.loads((folder / "dk-register-map.json").read_text(encoding="utf-8"))
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    table = pa.table({name: [r[i] or None for r in rows[1:]] for i, name in enumerate(rows[0])})
    want = nis2._nis2.call("screen", {"op": "csv", "content": text, "map": mapping}, detail)
    want_rows = want.to_dict()["rows"]
    for columns in (mapping, json.dumps(mapping)):
        got = nis2.screen(table, columns=columns, detail=detail).to_pylist()
        assert len(got) == len(want_rows) == 40
        for g, w in zip(got, want_rows):
            assert g["id"] == w["id"]
            if detail == "verdict":
                assert g["classification"] == w["verdict"]["classification"]
                assert g["reasons"] == [r["rule"] for r in w["verdict"]["reasons"]]
                assert g["open_questions"] == [q["id"] for q in w["verdict"]["open_questions"]]
            else:
                assert json.loads(g["result"]) == w["result"]
    with pytest.raises(nis2.UnknownIdError) as bad:
        nis2.screen(table, columns={"columns": {"Navn": {"to": "nowhere"}}})
    assert bad.value.path is not None and bad.value.path.startswith("$.columns")
