"""The engine called from 8 threads at once (the native module releases the GIL while the engine
runs): a few hundred calls of every capability, both detail levels, results and errors, each
giving exactly the bytes of the same call made on one thread."""

from __future__ import annotations

import json
import random
from concurrent.futures import ThreadPoolExecutor

import nis2
from conftest import MALFORMED, load_vectors

Call = tuple[str, str, str]


def calls() -> list[Call]:
    """Every conformance vector's request at both levels, the malformed requests, shuffled."""
    out: list[Call] = []
    for v in load_vectors():
        if v.capability == "assessment" and v.input.get("format") == "xlsx":
            continue  # the workbook is the slowest call by far; one is enough below
        for detail in ("explained", "verdict"):
            out.append((v.capability, v.input_json(), detail))
    for path in sorted(MALFORMED.glob("*.json"))[:60]:
        m = json.loads(path.read_text(encoding="utf-8"))
        out.append((m["capability"], m["input_text"], m.get("detail", "explained")))
    out.append(("reference", '{"op":"labels"}', "explained"))
    random.Random(2555).shuffle(out)
    return out


def answer(call: Call) -> str:
    """The response's exact bytes, or the error's report as JSON."""
    capability, text, detail = call
    try:
        return nis2.call(capability, text, detail=detail).to_json()  # type: ignore[arg-type]
    except nis2.Nis2Error as e:
        return "error:" + json.dumps(e.report, ensure_ascii=False, sort_keys=True)


def test_eight_threads_give_the_single_threaded_bytes() -> None:
    work = calls()
    assert len(work) >= 300
    single = [answer(c) for c in work]
    assert any(s.startswith("error:") for s in single) and any(s.startswith("{") for s in single)
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(answer, work))
    for c, a, b in zip(work, single, threaded):
        assert a == b, f"{c[0]} {c[2]}: {c[1][:200]}"
