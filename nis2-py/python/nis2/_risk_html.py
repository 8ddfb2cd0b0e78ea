"""Notebook views of the risk types (``to_html`` / ``_repr_html_``, ``_repr_svg_``); called by
the generated classes of ``nis2.risk_types``.

Matrices and heat maps are drawn as grids with likelihood rising upwards and impact to the
right, each cell in its level's colour with the level written in it (colour is never the only
carrier of meaning), as the engine's SVG heat map does. A heat map's SVG is the engine's own,
asked for when first shown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from . import _nis2
from ._html import cell, e, label, style, table, text, text_colour
from .errors import Nis2Error
from .text import Lang, Text

if TYPE_CHECKING:
    from .risk_types import (
        Assessment,
        CsvExport,
        HeatMap,
        HeatMapSvg,
        MatrixReport,
        PresetCatalog,
        RegisterCheck,
        Reprojection,
        RiskMatrix,
        ThreatCatalog,
    )

__all__ = [
    "assessment",
    "csv_export",
    "heatmap",
    "heatmap_svg",
    "heatmap_svg_document",
    "heatmap_svg_text",
    "matrix_report",
    "matrix_report_svg",
    "preset_catalog",
    "register_check",
    "reprojection",
    "risk_matrix",
    "risk_matrix_svg",
    "threat_catalog",
]

_CLS = "nis2-risk"


def _wrap(*parts: str) -> str:
    return style(_CLS) + f'<div class="{_CLS}">' + "".join(parts) + "</div>"


def _error(err: Nis2Error) -> str:
    items = "".join(
        f"<li><code>{e(x.path)}</code>: {e(x.message)}</li>" for x in (err.errors or [err])
    )
    return _wrap(f"<p><b>Invalid matrix</b> ({e(err.kind)})</p><ul>{items}</ul>")


# ------------------------------------------------------------------------------------------------
# Grids
# ------------------------------------------------------------------------------------------------

# A red-yellow-green ramp (ColorBrewer RdYlGn), for levels whose colour is not known.
_RAMP = ("#1a9850", "#91cf60", "#d9ef8b", "#fee08b", "#fc8d59", "#d73027")


@dataclass(frozen=True)
class _Level:
    id: str
    name: Optional[Text]
    colour: str

    def show(self, lang: Lang) -> str:
        return self.name.get(lang) if self.name is not None else self.id.replace("_", " ")


@dataclass(frozen=True)
class _Grid:
    """What a grid view needs: ``cells[l-1][i-1]`` is a level id; the axes' labels."""

    title: str
    cells: tuple[tuple[str, ...], ...]
    levels: dict[str, _Level]
    likelihood: tuple[Optional[Text], ...]
    impact: tuple[Optional[Text], ...]
    counts: Optional[dict[tuple[int, int], int]] = None

    def level(self, likelihood: int, impact: int) -> _Level:
        try:
            lid = self.cells[likelihood - 1][impact - 1]
        except IndexError:
            lid = "?"
        return self.levels.get(lid) or _Level(lid, None, "#cccccc")


def _fallback_levels(order: Sequence[str]) -> dict[str, _Level]:
    n = max(len(order) - 1, 1)
    return {
        lid: _Level(lid, None, _RAMP[round(k * (len(_RAMP) - 1) / n)])
        for k, lid in enumerate(order)
    }


def _report_grid(r: MatrixReport, lang: Lang) -> _Grid:
    m: Optional[RiskMatrix] = r._matrix
    if m is not None and m.id == r.id:
        levels = {lv.id: _Level(lv.id, lv.name, lv.colour) for lv in m.levels}
        lik: tuple[Optional[Text], ...] = tuple(s.label for s in m.likelihood)
        imp: tuple[Optional[Text], ...] = tuple(s.label for s in m.impact)
    else:
        levels = _fallback_levels([lc.level for lc in r.level_cells])
        lik = (None,) * r.likelihood_levels
        imp = (None,) * r.impact_levels
    return _Grid(r.name.get(lang), r.cells, levels, lik, imp)


def _axis(labels: Sequence[Optional[Text]], k: int, lang: Lang) -> str:
    t = labels[k - 1] if k - 1 < len(labels) else None
    return f"{k} {t.get(lang)}" if t is not None else str(k)


def _grid_html(g: _Grid, lang: Lang) -> str:
    n, m = len(g.cells), max((len(row) for row in g.cells), default=0)
    rows = []
    for lk in range(n, 0, -1):
        tds = [f"<th>{e(_axis(g.likelihood, lk, lang))}</th>"]
        for ik in range(1, m + 1):
            lv = g.level(lk, ik)
            count = ""
            if g.counts is not None:
                count = f"<b>{g.counts.get((lk, ik), 0)}</b><br>"
            tds.append(
                f'<td style="background:{e(lv.colour)};color:{text_colour(lv.colour)};'
                f'text-align:center;min-width:5em">{count}{e(lv.show(lang))}</td>'
            )
        rows.append("<tr>" + "".join(tds) + "</tr>")
    foot = "".join(f"<th>{e(_axis(g.impact, ik, lang))}</th>" for ik in range(1, m + 1))
    return (
        "<table><tbody>"
        + "".join(rows)
        + f"<tr><th><small>likelihood ↑ / impact →</small></th>{foot}</tr></tbody></table>"
    )


def _grid_svg(g: _Grid, lang: Lang) -> str:
    n, m = len(g.cells), max((len(row) for row in g.cells), default=0)
    cw, ch, left, top = 96, 44, 130, 40
    width, height = left + m * cw + 16, top + n * ch + 56
    t = e(g.title)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{t}" '
        f'lang="{lang}" font-family="Arial, Helvetica, sans-serif">',
        f"<title>{t}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="16" y="26" font-size="15" font-weight="bold" fill="#000000">{t}</text>',
    ]
    for lk in range(n, 0, -1):
        y = top + (n - lk) * ch
        out.append(
            f'<text x="{left - 8}" y="{y + ch // 2 + 4}" font-size="12" fill="#000000" '
            f'text-anchor="end">{e(_axis(g.likelihood, lk, lang))}</text>'
        )
        for ik in range(1, m + 1):
            x = left + (ik - 1) * cw
            lv = g.level(lk, ik)
            fg = text_colour(lv.colour)
            out.append(
                f'<rect x="{x}" y="{y}" width="{cw}" height="{ch}" fill="{e(lv.colour)}" '
                'stroke="#ffffff" stroke-width="2"/>'
            )
            out.append(
                f'<text x="{x + cw // 2}" y="{y + ch // 2 + 4}" font-size="12" fill="{fg}" '
                f'text-anchor="middle">{e(lv.show(lang))}</text>'
            )
    for ik in range(1, m + 1):
        x = left + (ik - 1) * cw + cw // 2
        out.append(
            f'<text x="{x}" y="{top + n * ch + 18}" font-size="12" fill="#000000" '
            f'text-anchor="middle">{e(_axis(g.impact, ik, lang))}</text>'
        )
    out.append(
        f'<text x="{left + m * cw // 2}" y="{top + n * ch + 40}" font-size="12" '
        'font-weight="bold" fill="#000000" text-anchor="middle">Impact →</text>'
    )
    out.append(
        f'<text x="16" y="{top + n * ch // 2}" font-size="12" font-weight="bold" fill="#000000" '
        f'transform="rotate(-90 16 {top + n * ch // 2})" text-anchor="middle">Likelihood ↑</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------
# Matrices
# ------------------------------------------------------------------------------------------------


def matrix_report(r: MatrixReport, lang: Lang) -> str:
    g = _report_grid(r, lang)
    legend = table(
        ["level", "cells", "scores"],
        (
            cell(e(g.levels[lc.level].show(lang) if lc.level in g.levels else lc.level))
            + cell(e(lc.cells), "num")
            + cell(e("–".join(str(s) for s in lc.scores)))
            for lc in r.level_cells
        ),
    )
    return _wrap(
        f"<h4>{e(r.name.get(lang))} <small><code>{e(r.id)}</code></small></h4>",
        f"<p>{r.likelihood_levels} × {r.impact_levels}, rule <b>{e(r.rule)}</b>"
        f"{' &middot; valid' if r.valid else ''}</p>",
        _grid_html(g, lang),
        legend,
    )


def matrix_report_svg(r: MatrixReport) -> Optional[str]:
    return _grid_svg(_report_grid(r, "en"), "en")


def _validated(m: RiskMatrix) -> MatrixReport:
    from ._risk_api import validate_matrix

    return validate_matrix(m)


def risk_matrix(m: RiskMatrix, lang: Lang) -> str:
    try:
        report = _validated(m)
    except Nis2Error as err:
        return _error(err)
    return matrix_report(report, lang)


def risk_matrix_svg(m: RiskMatrix) -> Optional[str]:
    try:
        return matrix_report_svg(_validated(m))
    except Nis2Error:
        return None


def preset_catalog(c: PresetCatalog, lang: Lang) -> str:
    parts = [
        f"<h4>Risk matrix presets ({len(c.presets)})</h4>",
        f"<p><small>{e(c.provenance.source)}. Status {e(c.provenance.status)}.</small></p>",
    ]
    for m in c.presets:
        parts.append(risk_matrix(m, lang))
        if m.description is not None:
            parts.append(f"<p><small>{text(m.description, lang)}</small></p>")
    return _wrap(*parts)


def threat_catalog(c: ThreatCatalog, lang: Lang) -> str:
    names = {cat.id: cat.name.get(lang) for cat in c.categories}
    rows = (
        cell(f"<code>{e(t.id)}</code>")
        + cell(e(names.get(t.category, t.category)))
        + cell(f"{text(t.name, lang)}<br><small>{text(t.description, lang)}</small>")
        + cell(e(", ".join(t.affects)))
        for t in c.threats
    )
    return _wrap(
        f"<h4>Threat catalogue: {len(c.threats)} threats in {len(c.categories)} categories</h4>",
        f"<p><small>{e(c.provenance.source)}. Status {e(c.provenance.status)}.</small></p>",
        table(["id", "category", "threat", "affects"], rows),
    )


def reprojection(r: Reprojection, lang: Lang) -> str:
    rows = (
        cell(f"{x.from_.likelihood} × {x.from_.impact}")
        + cell(label(x.from_.level))
        + cell(f"{x.to.likelihood} × {x.to.impact}")
        + cell(label(x.to.level))
        + cell(f"<small>{text(x.note, lang)}</small>")
        for x in r.ratings
    )
    return _wrap(
        f"<h4>Re-projection <code>{e(r.from_matrix)}</code> → <code>{e(r.to_matrix)}</code></h4>",
        table(["from (L × I)", "level", "to (L × I)", "level", "note"], rows),
        f"<p><small>{text(r.rule, lang)}</small></p>",
    )


# ------------------------------------------------------------------------------------------------
# Registers and assessments
# ------------------------------------------------------------------------------------------------


def register_check(r: RegisterCheck, lang: Lang) -> str:
    return _wrap(
        f"<p><b>{e(r.register)}</b>: {'valid' if r.valid else 'invalid'} &middot; matrix "
        f"<code>{e(r.matrix)}</code> &middot; {r.services} services, {r.assets} assets, "
        f"{r.scenarios} scenarios</p>"
    )


def assessment(a: Assessment, lang: Lang) -> str:
    levels = {lv.id: lv for lv in a.matrix.levels}

    def level(lid: Optional[str]) -> str:
        if lid is None:
            return ""
        lv = levels.get(lid)
        if lv is None:
            return e(lid)
        return (
            f'<span style="background:{e(lv.colour)};color:{text_colour(lv.colour)};'
            f'padding:0 4px">{text(lv.name, lang)}</span>'
        )

    s = a.summary
    parts = [
        f"<h4>Risk assessment: {e(a.register)}</h4>",
        f"<p>Matrix {text(a.matrix.name, lang)} (<code>{e(a.matrix.id)}</code>, "
        f"{a.matrix.likelihood_levels} × {a.matrix.impact_levels}) &middot; {s.services} services, "
        f"{s.assets} assets ({s.assets_it} IT, {s.assets_ot} OT), {s.scenarios} scenarios, "
        f"{s.threats_used} threats"
        + (f" &middot; highest current risk {level(s.highest_current)}" if s.highest_current else "")
        + "</p>",
    ]
    if s.above_appetite_current is not None:
        parts.append(
            f"<p>Above appetite: <b>{s.above_appetite_current}</b> now, "
            f"<b>{s.above_appetite_residual}</b> after treatment</p>"
        )
    parts.append(
        table(
            ["level", "inherent", "current", "residual"],
            (
                cell(level(c.level))
                + cell(e(c.inherent), "num")
                + cell(e(c.current), "num")
                + cell(e(c.residual), "num")
                for c in s.levels
            ),
        )
    )
    if a.above_appetite:
        rows = (
            cell(e(b.rank), "num")
            + cell(f"<code>{e(b.scenario)}</code> <small>on {e(b.asset)}</small>")
            + cell(level(b.level))
            + cell("<br>".join(text(x.text, lang) for x in b.reasons))
            + cell(label(b.treatment) if b.treatment else "<i>undecided</i>")
            + cell(level(b.residual_level) + ("" if b.residual_within_appetite else " ⚠"))
            for b in a.above_appetite
        )
        parts.append(f"<h4>Above appetite ({len(a.above_appetite)})</h4>")
        parts.append(
            table(["#", "scenario", "level", "why", "treatment", "residual"], rows)
        )
    if a.services:
        rows = (
            cell(f"<code>{e(sv.id)}</code>" + (f" <small>{e(sv.entity_type)}</small>"
                                               if sv.entity_type else ""))
            + cell(f"{label(sv.criticality_society)} / {label(sv.criticality_customers)}")
            + cell(level(sv.inherent.level if sv.inherent else None))
            + cell(level(sv.current.level if sv.current else None))
            + cell(level(sv.residual.level if sv.residual else None))
            + cell(f"<small>{text(sv.explanation, lang)}</small>")
            for sv in a.services
        )
        parts.append(f"<h4>Services ({len(a.services)})</h4>")
        parts.append(
            table(
                ["service", "criticality (society / customers)", "inherent", "current",
                 "residual", "explanation"],
                rows,
            )
        )
    if a.findings:
        items = "".join(
            f"<li><code>{e(f.code)}</code> <small>({e(f.path)})</small>: {text(f.message, lang)}</li>"
            for f in a.findings
        )
        parts.append(f"<details><summary><b>Findings</b> ({len(a.findings)})</summary>"
                     f"<ul>{items}</ul></details>")
    return _wrap(*parts)


# ------------------------------------------------------------------------------------------------
# Heat maps and CSV
# ------------------------------------------------------------------------------------------------


def _engine_svg(h: HeatMap, lang: Optional[Lang]) -> Optional[str]:
    """The engine's SVG of the heat map in ``lang`` (the language asked for when ``None``)."""
    request = h._request
    if request is None:
        return None
    if lang is None and h._svg is not None:
        return h._svg
    if lang is not None:
        data = json.loads(request)
        if data.get("lang") != lang:
            data["lang"] = lang
            request = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        svg = json.loads(_nis2.risk_json(request)).get("svg")
    except (_nis2.NativeError, ValueError, AttributeError):
        return None
    if not isinstance(svg, str):
        return None
    if request == h._request:
        object.__setattr__(h, "_svg", svg)
    return svg


def _request_lang(h: HeatMap) -> Lang:
    """The language the heat map was asked for (English when unknown)."""
    if h._request is not None and json.loads(h._request).get("lang") == "da":
        return "da"
    return "en"


def heatmap_svg(h: HeatMap) -> Optional[str]:
    return _engine_svg(h, None)


def heatmap(h: HeatMap, asked: Optional[Lang]) -> str:
    lang: Lang = asked if asked is not None else _request_lang(h)
    legend = table(
        ["level", "scenarios"],
        (
            f'<td style="background:{e(lv.colour)};color:{text_colour(lv.colour)}">'
            f"{text(lv.name, lang)}</td>" + cell(e(lv.count), "num")
            for lv in reversed(h.levels)
        ),
    )
    svg = _engine_svg(h, asked)
    if svg is None:
        n = max((c.likelihood for c in h.cells), default=0)
        m = max((c.impact for c in h.cells), default=0)
        grid = [["?"] * m for _ in range(n)]
        for c in h.cells:
            grid[c.likelihood - 1][c.impact - 1] = c.level
        g = _Grid(
            "",
            tuple(tuple(row) for row in grid),
            {lv.id: _Level(lv.id, lv.name, lv.colour) for lv in h.levels},
            tuple(s.label for s in h.likelihood),
            tuple(s.label for s in h.impact),
            {(c.likelihood, c.impact): c.count for c in h.cells},
        )
        picture = _grid_html(g, lang)
        picture += legend
    else:
        picture = f"<div>{svg}</div>"  # the engine's SVG has its own legend
    return _wrap(
        f"<h4>{label(h.stage).capitalize()} risk: {e(h.register)}</h4>",
        f"<p>{h.total} scenarios on <code>{e(h.matrix)}</code></p>",
        picture,
    )


def heatmap_svg_text(h: HeatMapSvg) -> Optional[str]:
    return h.svg


def heatmap_svg_document(h: HeatMapSvg, lang: Lang) -> str:
    return _wrap(f"<div>{h.svg}</div>")


def csv_export(c: CsvExport, lang: Lang) -> str:
    rows = list(csv.reader(io.StringIO(c.csv)))
    head, body = (rows[0], rows[1:]) if rows else ([], [])
    shown = body[:50]
    more = f"<p><small>… {len(body) - len(shown)} more rows</small></p>" if len(body) > 50 else ""
    return _wrap(
        f"<p>CSV: {c.rows} rows ({e(c.lang)})</p>",
        table(head, ("".join(cell(e(v)) for v in r) for r in shown)),
        more,
    )
