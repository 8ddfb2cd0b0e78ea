"""A plain-Python comparator for the scope benchmark: Arts 2–3 of NIS2 for the general case,
without explanation, open questions, overlays or the special rules of Art 2(2)–(4).

- The size class under Art 2 of the Annex to Recommendation 2003/361/EC: the staff headcount
  ceiling, and the turnover *or* the balance-sheet ceiling (one of the two suffices).
- Art 2(1), the size-cap rule: an entity of a type in Annex I or II is in scope when it is a
  medium-sized enterprise or exceeds the ceilings for medium-sized enterprises.
- Art 3(1)(a): essential when of an Annex I type and exceeding the medium ceilings; otherwise,
  in scope, important (Art 3(2)).

The Annex is read from the entity-type id (``NIS2-I-06-01`` → Annex I, ``NIS2-II-05d-01`` →
Annex II).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Rec. 2003/361/EC, Annex, Art 2(3), 2(2), 2(1): (class, staff below, turnover ≤, balance ≤).
CEILINGS = (
    ("micro", 10, 2_000_000, 2_000_000),
    ("small", 50, 10_000_000, 10_000_000),
    ("medium", 250, 50_000_000, 43_000_000),
)


def size_class(size: Mapping[str, Any]) -> str:
    staff = size.get("staff_headcount", 0)
    turnover = size.get("annual_turnover_eur", 0)
    balance = size.get("balance_sheet_total_eur", 0)
    for name, staff_below, turnover_max, balance_max in CEILINGS:
        if staff < staff_below and (turnover <= turnover_max or balance <= balance_max):
            return name
    return "large"


def annex(entity_type: str) -> str:
    return entity_type.split("-")[1]


def scope(profile: Mapping[str, Any]) -> tuple[str, str, str]:
    """(in scope, class, size class) of a profile, as ``yes``/``no``, ``essential``/
    ``important``/``none`` and ``micro``…``large``."""
    size = size_class(profile.get("size") or {})
    annexes = {annex(a["entity_type"]) for a in profile.get("activities", [])}
    if not annexes or size in ("micro", "small"):
        return ("no", "none", size)
    if "I" in annexes and size == "large":
        return ("yes", "essential", size)
    return ("yes", "important", size)
