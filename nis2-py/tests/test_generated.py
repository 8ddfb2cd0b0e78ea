"""The generated modules (`nis2/catalog_types.py`, `risk_types.py`, `programme_types.py`,
`assessment_types.py`) are up to date with the JSON Schemas: `scripts/gen_types.py --check`
regenerates them in memory and compares."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "gen_types.py"


def test_generated_types_are_up_to_date() -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr + run.stdout
