"""A generated extract in the shape of a national company register, for the screening benchmarks:
fictional companies with one or two NACE Rev. 2 codes and a staff band (a register publishes
intervals such as "50-99", not head counts), all established in Denmark."""

from __future__ import annotations

import random
from typing import Any

# Codes the NACE table maps exactly, indicatively, or not at all.
CODES = ["28.11", "28.22", "29.10", "30.11", "21.20", "26.51", "35.11", "35.13",
         "36.00", "37.00", "38.32", "53.10", "61.10", "63.11", "62.03", "86.90",
         "01.11", "47.11", "56.10", "68.10", "10.71", "20.14", "46.46"]  # fmt: skip
# Staff bands [min, max] (None: open or not given).
BANDS: list[tuple[float | None, float | None]] = [
    (0, 0), (1, 1), (2, 4), (5, 9), (10, 19), (20, 49), (50, 99), (100, 199), (200, 499),
    (500, 999), (1000, None), (None, None),
]  # fmt: skip


def columns(n: int, seed: int = 2555) -> dict[str, list[Any]]:
    """The register's columns in the flat layout of ``docs/screening.md``."""
    r = random.Random(seed)
    out: dict[str, list[Any]] = {
        "id": [], "name": [], "nace_codes": [], "member_state": [],
        "staff_headcount_min": [], "staff_headcount_max": [],
    }  # fmt: skip
    for i in range(n):
        codes = [r.choice(CODES)] + ([r.choice(CODES)] if r.random() < 0.3 else [])
        low, high = r.choice(BANDS)
        out["id"].append(f"FIKTIV-{i:07d}")
        out["name"].append(f"Firma {i} ApS")
        out["nace_codes"].append(codes)
        out["member_state"].append("DK")
        out["staff_headcount_min"].append(low)
        out["staff_headcount_max"].append(high)
    return out


def profiles(cols: dict[str, list[Any]], n: int) -> list[dict[str, Any]]:
    """The profiles the first ``n`` rows stand for (the layout's documented meaning: a band
    with no upper end is open, up to the largest figure the engine takes)."""
    out = []
    for i in range(n):
        p: dict[str, Any] = {
            "name": cols["name"][i],
            "member_state": "DK",
            "activities": [],
            "nace_codes": cols["nace_codes"][i],
        }
        low, high = cols["staff_headcount_min"][i], cols["staff_headcount_max"][i]
        if low is not None or high is not None:
            p["size"] = {"staff_headcount": [low or 0, 1.7976931348623157e308 if high is None else high]}
        out.append(p)
    return out
