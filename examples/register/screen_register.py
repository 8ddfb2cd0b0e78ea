"""Screening a national company register with nis2: on one machine, with PySpark (`mapInArrow`)
and with Dask (`map_partitions`). See docs/screening-a-register.md.

    python examples/register/screen_register.py generate register/ 1000000
    python examples/register/screen_register.py local register/ out.parquet
    python examples/register/screen_register.py spark register/ out-spark/
    python examples/register/screen_register.py dask register/ out-dask/

The register is generated (fictional companies `FIKTIV-…`): one or two NACE Rev. 2 codes and a
staff band per company, in the flat layout of docs/screening.md. Each engine hands nis2 Arrow
data and gets Arrow verdict columns back; nis2 releases the GIL while it screens and uses every
core of the worker it runs on.
"""

from __future__ import annotations

import random
import sys
from typing import Any, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

import nis2

CODES = ["28.11", "28.22", "29.10", "30.11", "21.20", "26.51", "35.11", "35.13",
         "36.00", "37.00", "38.32", "53.10", "61.10", "63.11", "62.03", "86.90",
         "01.11", "47.11", "56.10", "68.10", "10.71", "20.14", "46.46"]  # fmt: skip
BANDS = [(0, 0), (1, 1), (2, 4), (5, 9), (10, 19), (20, 49), (50, 99), (100, 199),
         (200, 499), (500, 999), (1000, None), (None, None)]  # fmt: skip


def generate(path: str, rows: int, seed: int = 2555, parts: int = 4) -> None:
    """Write a register extract of `rows` companies to a folder of `parts` Parquet files (as a
    register's bulk extract comes)."""
    r = random.Random(seed)
    codes, low, high = [], [], []
    for _ in range(rows):
        codes.append([r.choice(CODES)] + ([r.choice(CODES)] if r.random() < 0.3 else []))
        band = r.choice(BANDS)
        low.append(band[0])
        high.append(band[1])
    table = pa.table(
        {
            "id": [f"FIKTIV-{i:07d}" for i in range(rows)],
            "nace_codes": codes,
            "member_state": pa.array(["DK"] * rows),
            "staff_headcount_min": pa.array(low, pa.float64()),
            "staff_headcount_max": pa.array(high, pa.float64()),
        }
    )
    import os

    os.makedirs(path, exist_ok=True)
    step = -(-rows // parts)
    for k in range(parts):
        part = table.slice(k * step, step)
        pq.write_table(part, os.path.join(path, f"part-{k}.parquet"), row_group_size=100_000)


def verdicts(batch: pa.Table | pa.RecordBatch) -> pa.Table:
    """The verdict columns of a part of the register. `index` counts within the part, so it is
    left out: the `id` column names each row."""
    out = nis2.screen(batch)
    return out.drop_columns(["index"])


def plain(table: pa.Table) -> pa.Table:
    """The verdict columns with their lists as lists of plain strings. `nis2.screen` gives the
    words of its lists dictionary-encoded (pandas, polars and pyarrow read them as they are);
    Spark reads no dictionary, so its batches are cast."""
    string_lists = pa.list_(pa.string())
    fields = [
        pa.field(f.name, string_lists) if pa.types.is_list(f.type) else f for f in table.schema
    ]
    return table.cast(pa.schema(fields))


# The verdict columns as Spark's schema (nis2.screen's Arrow schema without `index`).
SPARK_SCHEMA = (
    "id string, in_scope string, classification string, possible_classifications array<string>,"
    " size_class string, possible_size_classes array<string>, supervision string,"
    " reasons array<string>, open_questions array<string>, displacements array<string>,"
    " error_kind string, error_path string, error_message string"
)


def screen_local(path: str) -> pa.Table:
    """One machine: read the file, screen it (in slices, on every core), done."""
    return verdicts(pq.read_table(path))


def screen_spark(path: str, spark: Any) -> Any:
    """PySpark: every partition's Arrow batches go through nis2 on the executor
    (`DataFrame.mapInArrow`); the result is a Spark DataFrame of the verdict columns."""

    def screen_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield from plain(verdicts(batch)).to_batches()

    return spark.read.parquet(path).mapInArrow(screen_batches, SPARK_SCHEMA)


def local_spark() -> Any:
    """Spark in local mode on every core, its Python workers running this interpreter (where
    nis2 is installed)."""
    import os

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master("local[*]")
        .appName("nis2-screen")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "100000")
        .getOrCreate()
    )


def screen_dask(path: str) -> Any:
    """Dask: each partition (a pandas DataFrame backed by Arrow) goes through nis2
    (`map_partitions`); the result is a Dask DataFrame of the verdict columns."""
    import dask.dataframe as dd

    frame = dd.read_parquet(path, dtype_backend="pyarrow")
    meta = verdicts(pq.read_table(path).slice(0, 0)).to_pandas(types_mapper=pd_arrow_type)
    # One partition per file.
    return frame.map_partitions(
        lambda part: verdicts(part).to_pandas(types_mapper=pd_arrow_type), meta=meta
    )


def pd_arrow_type(t: pa.DataType) -> Any:
    """Keep Arrow types in pandas (strings and lists of strings), so nothing is copied into
    Python objects."""
    import pandas as pd

    return pd.ArrowDtype(t)


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    what, source = argv[1], argv[2]
    if what == "generate":
        generate(source, int(argv[3]) if len(argv) > 3 else 1_000_000)
    elif what == "local":
        pq.write_table(screen_local(source), argv[3])
    elif what == "spark":
        spark = local_spark()
        screen_spark(source, spark).write.mode("overwrite").parquet(argv[3])
        spark.stop()
    elif what == "dask":
        screen_dask(source).to_parquet(argv[3])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
