"""Notebook views of the assessment types (``to_html`` / ``_repr_html_``, ``rows``) and the
methods that ask the engine or write files (``Evaluation.report``, ``Report.to_bytes``,
``Report.save``); called by the generated classes of ``nis2.assessment_types``.

A score with missing results is an interval (worst case–best case), shown as ``low–high``."""

from __future__ import annotations

import base64
import binascii
import json
import os
from typing import TYPE_CHECKING, Any, Optional, Union

from . import _nis2
from ._convert import call, engine_document, load_json
from ._html import cell, e, label, style, table, text
from .errors import DataError
from .text import Lang

if TYPE_CHECKING:
    from .assessment_types import (
        AggregateScore,
        Evaluation,
        FullResult,
        GapFinding,
        InferenceReport,
        Interval,
        Plan,
        PrerequisiteTable,
        Report,
        ReportFormat,
        RequirementSet,
        ScaleCatalog,
        ScopeSummary,
    )

__all__ = [
    "evaluation",
    "evaluation_report",
    "full_result",
    "inference_report",
    "plan_rows",
    "prerequisite_table",
    "remediation_plan",
    "report",
    "report_bytes",
    "report_save",
    "requirement_set",
    "scale_catalog",
    "score_rows",
    "set_rows",
]

_CLS = "nis2-assessment"


def _wrap(*parts: str) -> str:
    return style(_CLS) + f'<div class="{_CLS}">' + "".join(parts) + "</div>"


def _interval(i: Optional[Interval]) -> str:
    if i is None:
        return "–"
    if i.low == i.high:
        return f"{i.low:.2f}"
    return f"{i.low:.2f}–{i.high:.2f}"


def _scope(s: ScopeSummary, lang: Lang) -> str:
    cls = f" &middot; class <b>{label(s.classification)}</b>" if s.classification else ""
    provisional = " (provisional)" if s.provisional else ""
    return f"<p>{text(s.summary, lang)}{cls}{provisional}</p>"


def _findings(findings: tuple[GapFinding, ...], lang: Lang) -> str:
    if not findings:
        return ""
    items = "".join(
        f"<li><code>{e(f.code)}</code> <small>({e(f.path)})</small>: {text(f.message, lang)}</li>"
        for f in findings
    )
    return (
        f"<details><summary><b>Findings</b> ({len(findings)})</summary><ul>{items}</ul></details>"
    )


def _aggregates(rows: tuple[AggregateScore, ...], lang: Lang, what: str) -> str:
    return table(
        [what, "status score", "maturity", "requirements", "not assessed"],
        (
            cell(
                (f"{e(a.citation)} " if a.citation else "")
                + text(a.title, lang)
                + f" <small>(<code>{e(a.id)}</code>)</small>"
            )
            + cell(_interval(a.status), "num")
            + cell(_interval(a.maturity), "num")
            + cell(e(a.counts.requirements), "num")
            + cell(e(a.counts.not_assessed), "num")
            for a in rows
        ),
    )


# ------------------------------------------------------------------------------------------------
# Evaluation
# ------------------------------------------------------------------------------------------------


def score_rows(ev: Evaluation) -> list[dict[str, Any]]:
    def bounds(i: Optional[Interval]) -> tuple[Optional[float], Optional[float]]:
        return (None, None) if i is None else (i.low, i.high)

    out = []
    for r in ev.requirements:
        s_low, s_high = bounds(r.status_score)
        m_low, m_high = bounds(r.maturity_score)
        out.append(
            {
                "id": r.id,
                "framework": r.framework,
                "citation": r.citation,
                "title": r.title.en,
                "basis": r.basis,
                "status": r.status,
                "status_low": s_low,
                "status_high": s_high,
                "maturity_low": m_low,
                "maturity_high": m_high,
                "gap": None if r.gap is None else r.gap.gap.value,
                "weight": r.weight,
                "owner": r.owner,
                "due_date": r.due_date,
            }
        )
    return out


def evaluation(ev: Evaluation, lang: Lang) -> str:
    c = ev.counts
    m = ev.method
    parts = [
        f"<h4>Assessment: {e(ev.name)}{(' — ' + e(ev.organisation)) if ev.organisation else ''}"
        "</h4>",
        f"<p>Assessed {e(ev.assessment_date)}"
        + (f" &middot; target {e(ev.target_date)}" if ev.target_date else "")
        + f" &middot; scale {text(ev.scale.name, lang)} (target {ev.scale.target})</p>",
        _scope(ev.scope, lang),
    ]
    if ev.overall is not None:
        parts.append(
            f"<p>Overall status score <b>{_interval(ev.overall.status)}</b>, maturity "
            f"<b>{_interval(ev.overall.maturity)}</b> <small>({label(m.aggregation)}: "
            f"{e(m.aggregation_formula)})</small></p>"
        )
    parts.append(
        f"<p>{c.requirements} requirements: {c.direct} assessed directly, {c.inferred} inferred, "
        f"{c.not_assessed} not assessed, {c.not_applicable} not applicable. "
        f"<small>{text(m.intervals, lang)}</small></p>"
    )
    if ev.frameworks:
        parts.append(_aggregates(ev.frameworks, lang, "framework"))
    if ev.measures:
        parts.append(
            f"<details><summary><b>Measures</b> ({len(ev.measures)})</summary>"
            + _aggregates(ev.measures, lang, "measure")
            + "</details>"
        )
    gaps = sorted(
        (r for r in ev.requirements if r.gap is not None),
        key=lambda r: -(r.gap.gap.value if r.gap is not None else 0.0),
    )[:10]
    if gaps:
        rows = (
            cell(f"{e(r.citation)} <small>(<code>{e(r.id)}</code>)</small>")
            + cell(text(r.title, lang))
            + cell(
                label(r.status)
                + ("" if r.basis == "direct" else f" <small>({label(r.basis)})</small>")
            )
            + cell(_interval(r.status_score), "num")
            + cell("" if r.gap is None else f"{r.gap.gap.value:.2f}", "num")
            for r in gaps
        )
        parts.append("<h4>Largest gaps</h4>")
        parts.append(table(["requirement", "title", "status", "status score", "gap"], rows))
    parts.append(_findings(ev.findings, lang))
    return _wrap(*parts)


def evaluation_report(ev: Evaluation, format: ReportFormat, lang: Lang) -> Report:
    """A report of the document ``ev`` scores (the engine's ``report`` op)."""
    from .assessment_types import Report  # not at the top: that module imports this one

    if ev._document is None:
        raise DataError(
            "this evaluation does not know its assessment document (it was not made by "
            "nis2.assess or nis2.assessment): use nis2.assessment_report(document, format, lang)"
        )
    request = (
        '{"op":"report","assessment":'
        + ev._document
        + f',"format":{json.dumps(format)},"lang":{json.dumps(lang)}}}'
    )
    out = call(_nis2.assessment_json, request)
    return engine_document(Report, load_json(out, "an assessment report"), out)


# ------------------------------------------------------------------------------------------------
# The other responses
# ------------------------------------------------------------------------------------------------


def set_rows(s: RequirementSet) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "framework": r.framework,
            "citation": r.citation,
            "title": r.title.en,
            "measures": ", ".join(r.measures),
            "reason": r.reason.en,
        }
        for r in s.requirements
    ]


def requirement_set(s: RequirementSet, lang: Lang) -> str:
    frameworks = (
        cell(f"{e(f.short_name)} <small>(<code>{e(f.id)}</code>)</small>")
        + cell("yes" if f.selected else "no")
        + cell(e(f.requirements), "num")
        + cell(f"<small>{text(f.reason, lang)}</small>")
        for f in s.frameworks
    )
    rows = (
        cell(f"{e(r.citation)} <small>(<code>{e(r.id)}</code>)</small>")
        + cell(text(r.title, lang))
        + cell(f"<small>{text(r.reason, lang)}</small>")
        for r in s.requirements
    )
    return _wrap(
        "<h4>Requirement set</h4>",
        _scope(s.scope, lang),
        table(["framework", "selected", "requirements", "why"], frameworks),
        f"<details><summary><b>Requirements</b> ({len(s.requirements)}; "
        f"{len(s.excluded)} excluded)</summary>"
        + table(["requirement", "title", "why"], rows)
        + "</details>",
    )


def inference_report(r: InferenceReport, lang: Lang) -> str:
    c = r.counts
    rows = (
        cell(f"{e(i.citation)} <small>(<code>{e(i.requirement)}</code>)</small>")
        + cell(label(i.inferred.status))
        + cell(e(i.inferred.decided_by))
        + cell(
            "<br>".join(
                f"<code>{e(s.requirement)}</code> {label(s.status)} "
                f"<small>({label(s.relationship)}, {e(s.confidence)})</small>"
                for s in i.inferred.sources
            )
        )
        for i in r.inferred
    )
    return _wrap(
        "<h4>Inference across frameworks</h4>",
        f"<p>{'enabled' if r.enabled else 'disabled'} &middot; from "
        f"{e(', '.join(r.source_frameworks)) or 'no framework'} &middot; {c.inferred} inferred, "
        f"{c.overridden} overridden by a direct result, {c.not_assessed} not assessed</p>",
        f"<p><small>{text(r.rules, lang)}</small></p>",
        table(["requirement", "inferred status", "decided by", "sources"], rows),
    )


def plan_rows(p: Plan) -> list[dict[str, Any]]:
    return [
        {
            "order": i.order,
            "rank": i.rank,
            "requirement": i.requirement,
            "citation": i.citation,
            "title": i.title.en,
            "kind": i.kind,
            "status": i.status,
            "priority": i.priority.value,
            "gap": i.breakdown.gap.value,
            "weight": i.breakdown.weight,
            "risk_factor": i.breakdown.risk_factor,
            "effort": i.breakdown.effort,
            "after": ", ".join(a.requirement for a in i.after or ()),
            "quarter": i.quarter,
            "owner": i.owner,
            "due_date": i.due_date,
        }
        for i in p.items
    ]


def remediation_plan(p: Plan, lang: Lang) -> str:
    rows = (
        cell(e(i.order), "num")
        + cell(f"{e(i.citation)} <small>(<code>{e(i.requirement)}</code>)</small>")
        + cell(text(i.title, lang))
        + cell(label(i.kind))
        + cell(f"{i.priority.value:.4g}", "num")
        + cell(e(i.quarter))
        + cell(e(i.owner))
        for i in p.items
    )
    milestones = (
        cell(e(m.quarter))
        + cell(e(m.date))
        + cell(e(len(m.items)), "num")
        + cell(_interval(m.projected_status), "num")
        for m in p.milestones
    )
    return _wrap(
        "<h4>Remediation plan</h4>",
        f"<p>From {e(p.start_date)}"
        + (f" to {e(p.target_date)}" if p.target_date else "")
        + f": {len(p.items)} items &middot; current status {_interval(p.current_status)} "
        f"&middot; <small>priority = {e(p.method.priority)}</small></p>",
        table(["#", "requirement", "title", "kind", "priority", "quarter", "owner"], rows),
        table(["quarter", "date", "items", "projected status"], milestones) if p.milestones else "",
        _findings(p.findings, lang),
    )


def scale_catalog(c: ScaleCatalog, lang: Lang) -> str:
    parts = [f"<h4>Maturity scales</h4><p>Default: <code>{e(c.default)}</code></p>"]
    for s in c.scales:
        rows = (
            cell(e(lv.value), "num")
            + cell(text(lv.name, lang))
            + cell(f"<small>{text(lv.implementation, lang)}</small>")
            for lv in s.levels
        )
        parts.append(
            f"<details><summary><b>{text(s.name, lang)}</b> (<code>{e(s.id)}</code>, "
            f"{s.min}–{s.max}, target {s.default_target})</summary>"
            + table(["level", "name", "implementation"], rows)
            + "</details>"
        )
    return _wrap(*parts)


def prerequisite_table(t: PrerequisiteTable, lang: Lang) -> str:
    rows = (
        cell(f"<code>{e(r.id)}</code>")
        + cell(e(", ".join(r.before)))
        + cell(e(", ".join(r.after)))
        + cell(f"<small>{text(r.reason, lang)}</small>")
        for r in t.rules
    )
    return _wrap(
        "<h4>Prerequisites of the plan</h4>",
        table(["rule", "before", "after", "why"], rows),
    )


def full_result(r: FullResult, lang: Lang) -> str:
    return (
        evaluation(r.evaluation, lang)
        + remediation_plan(r.plan, lang)
    )


# ------------------------------------------------------------------------------------------------
# Reports
# ------------------------------------------------------------------------------------------------


def report_bytes(r: Report) -> bytes:
    if r.encoding == "base64":
        try:
            return base64.b64decode(r.content, validate=True)
        except (binascii.Error, ValueError) as err:
            raise DataError(f"the engine's {r.format} report is not valid base64: {err}") from None
    return r.content.encode("utf-8")


def report_save(r: Report, path: Union[str, os.PathLike[str]]) -> str:
    target = os.fspath(path)
    if os.path.isdir(target):
        target = os.path.join(target, r.file_name)
    with open(target, "wb") as f:
        f.write(report_bytes(r))
    return target


def report(r: Report, lang: Lang) -> str:
    head = (
        f"<p>Report <code>{e(r.file_name)}</code> &middot; {e(r.format)} &middot; "
        f"<code>{e(r.media_type)}</code></p>"
    )
    if r.format == "html":
        body = (
            f'<iframe srcdoc="{e(r.content)}" title="{e(r.file_name)}" '
            'style="width:100%;height:36em;border:1px solid #ccc"></iframe>'
        )
    elif r.encoding == "base64":
        body = (
            f"<p>{len(report_bytes(r))} bytes: <code>.to_bytes()</code> or "
            "<code>.save(path)</code></p>"
        )
    else:
        shown = r.content if len(r.content) <= 20000 else r.content[:20000] + "\n…"
        body = f"<pre style='white-space:pre-wrap'>{e(shown)}</pre>"
    return _wrap(head, body)
