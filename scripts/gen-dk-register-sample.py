#!/usr/bin/env python3
"""Writes examples/screening/dk-register-sample.csv: a small, generated extract in the shape of a
Danish company register (fictional companies: ids `FIKTIV-…`, no real CVR numbers), with DB07
industry codes and staff bands, for `nis2 screen --columns examples/screening/dk-register-map.json`.
Deterministic (fixed seed): run it again to get the same file."""

import csv
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "examples" / "screening" / "dk-register-sample.csv"
# DB07 codes (NACE Rev. 2 class + a national digit pair): exact, indicative and unlisted ones.
CODES = ["281100", "282200", "291000", "301100", "212000", "265100", "351100", "351300",
         "360000", "370000", "383200", "531000", "611000", "631100", "620300", "869000",
         "011100", "471100", "561000", "681000", "107100", "201400", "464600", ""]
BANDS = ["0", "1", "2-4", "5-9", "10-19", "20-49", "50-99", "100-199", "200-499", "500-999",
         "1000+", ""]
TOWNS = ["København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Vejle", "Herning"]
WORDS = ["Nord", "Syd", "Øst", "Vest", "Fjord", "Bakke", "Eng", "Skov", "Havn", "Bro"]
KINDS = ["Maskinfabrik", "Energi", "Vandværk", "Data", "Logistik", "Service", "Pharma", "Handel"]


def main() -> None:
    r = random.Random(2555)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(["CVR-nummer", "Navn", "Hovedbranche", "Bibranche 1", "Antal ansatte",
                    "Kommune", "Status"])
        for i in range(1, 41):
            main_code = r.choice(CODES[:-1])
            side = r.choice(CODES) if r.random() < 0.3 else ""
            name = f"{r.choice(WORDS)}{r.choice(WORDS).lower()} {r.choice(KINDS)} ApS"
            w.writerow([f"FIKTIV-{i:04d}", name, main_code, side, r.choice(BANDS),
                        r.choice(TOWNS), "NORMAL"])
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
