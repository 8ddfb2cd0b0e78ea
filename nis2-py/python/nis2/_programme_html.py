"""Notebook views of the programme types (``to_html`` / ``_repr_html_``, ``rows``) and the
engine calls their methods make (``WheelResult.to_ics``); called by the generated classes of
``nis2.programme_types``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from . import _nis2
from ._html import cell, e, label, style, table, text
from .text import Lang

if TYPE_CHECKING:
    from .programme_types import (
        GovernanceReport,
        IncidentClock,
        Note,
        ObligationsResult,
        PersonRef,
        PlanReport,
        ProgrammeFinding,
        SignificanceResult,
        SupplierReport,
        ValidateResult,
        WheelIcs,
        WheelResult,
    )

__all__ = [
    "criterion_rows",
    "deadline_rows",
    "governance_report",
    "incident_clock",
    "obligations",
    "plan_report",
    "significance",
    "supplier_report",
    "supplier_rows",
    "task_rows",
    "validate_result",
    "wheel",
    "wheel_ics",
    "wheel_rows",
    "wheel_to_ics",
]

_CLS = "nis2-programme"


def _wrap(*parts: str) -> str:
    return style(_CLS) + f'<div class="{_CLS}">' + "".join(parts) + "</div>"


def _person(p: Optional[PersonRef]) -> str:
    return "" if p is None else f"{e(p.name)} <small>({e(p.id)})</small>"


def _yes(value: Optional[bool]) -> str:
    return "?" if value is None else ("yes" if value else "no")


def _notes(notes: tuple[Note, ...], lang: Lang) -> str:
    if not notes:
        return ""
    items = "".join(
        f"<li>{text(n.text, lang)} <small>({e(n.citation)}; {e(n.status)})</small></li>"
        for n in notes
    )
    return f"<details><summary><b>Notes</b> ({len(notes)})</summary><ul>{items}</ul></details>"


def _findings(findings: tuple[ProgrammeFinding, ...], lang: Lang) -> str:
    if not findings:
        return ""
    rows = (
        cell(e(f.severity))
        + cell(f"<code>{e(f.id)}</code>" + (f" <small>{e(f.subject)}</small>" if f.subject else ""))
        + cell(text(f.text, lang))
        + cell(e(f.citation))
        for f in findings
    )
    return f"<h4>Findings ({len(findings)})</h4>" + table(
        ["severity", "finding", "what", "citation"], rows
    )


# ------------------------------------------------------------------------------------------------
# Incidents
# ------------------------------------------------------------------------------------------------


def _minutes(m: Optional[int]) -> str:
    if m is None:
        return ""
    sign = "-" if m < 0 else ""
    m = abs(m)
    days, rest = divmod(m, 24 * 60)
    hours, minutes = divmod(rest, 60)
    out = f"{days} d {hours} h" if days else f"{hours} h {minutes} min"
    return sign + out


def deadline_rows(c: IncidentClock) -> list[dict[str, Any]]:
    return [
        {
            "stage": d.stage,
            "due": d.due,
            "due_utc": d.due_utc,
            "status": d.status,
            "submitted_at": d.submitted_at,
            "minutes_left": d.minutes_left,
            "citation": d.citation,
            "rule": d.rule.en,
        }
        for d in c.deadlines
    ]


def incident_clock(c: IncidentClock, lang: Lang) -> str:
    head = (
        f"<h4>Incident clock{(': ' + e(c.id)) if c.id else ''}</h4>"
        f"<p>Aware at {e(c.aware_at)} ({e(c.time_zone)}) &middot; notification within "
        f"{c.notification_hours} h"
        + (" (trust service provider)" if c.trust_service_provider else "")
        + (f" &middot; as of {e(c.as_of)}" if c.as_of else "")
        + (f" &middot; next: <b>{label(c.next_deadline)}</b>" if c.next_deadline else "")
        + "</p>"
    )
    rows = (
        cell(label(d.stage))
        + cell(e(d.due) if d.due else "<i>when handling concludes</i>")
        + cell(label(d.status))
        + cell(_minutes(d.minutes_left), "num")
        + cell(e(d.citation))
        + cell(f"<small>{text(d.rule, lang)}</small>")
        for d in c.deadlines
    )
    return _wrap(
        head,
        table(["stage", "due", "status", "time left", "citation", "rule"], rows),
        _notes(c.notes, lang),
    )


def criterion_rows(r: SignificanceResult) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "met": c.met,
            "citation": c.citation,
            "entity_types": ", ".join(c.entity_types),
            "criterion": c.criterion.en,
            "reason": c.reason.en,
            "needs": ", ".join(c.needs or ()),
        }
        for c in r.criteria
    ]


def significance(r: SignificanceResult, lang: Lang) -> str:
    rows = (
        cell(f"<code>{e(c.id)}</code>")
        + cell(_yes(c.met))
        + cell(e(c.citation))
        + cell(text(c.criterion, lang))
        + cell(
            f"<small>{text(c.reason, lang)}</small>"
            + (f"<br><small>needs: {e(', '.join(c.needs))}</small>" if c.needs else "")
        )
        for c in r.criteria
    )
    return _wrap(
        f"<h4>Significant incident: {label(r.significant)}</h4>",
        f"<p>{text(r.summary, lang)}</p>",
        f"<p><small>Entity types: {e(', '.join(r.entity_types))}</small></p>",
        table(["criterion", "met", "citation", "what", "why"], rows),
        _notes(r.notes, lang),
    )


# ------------------------------------------------------------------------------------------------
# The årshjul
# ------------------------------------------------------------------------------------------------


def wheel_rows(w: WheelResult) -> list[dict[str, Any]]:
    return [
        {
            "date": t.date,
            "title": t.title.en,
            "owner": t.owner.name if t.owner else None,
            "kind": t.kind,
            "activity": t.activity,
            "citation": t.citation,
            "requirements": ", ".join(t.requirements),
            "duration_days": t.duration_days,
            "uid": t.uid,
        }
        for t in w.tasks
    ]


def wheel(w: WheelResult, lang: Lang) -> str:
    months = "".join(
        f"<td class='num'>{m.tasks}</td>" for m in w.months
    )
    load = (
        "<table><thead><tr>"
        + "".join(f"<th>{m.month}</th>" for m in w.months)
        + f"</tr></thead><tbody><tr>{months}</tr></tbody></table>"
    )
    rows = (
        cell(e(t.date))
        + cell(text(t.title, lang))
        + cell(_person(t.owner))
        + cell(e(t.citation))
        for t in w.tasks
    )
    return _wrap(
        f"<h4>Årshjul {w.year}{(': ' + e(w.organisation)) if w.organisation else ''}</h4>",
        f"<p>{len(w.tasks)} tasks; tasks per month:</p>",
        load,
        table(["date", "task", "owner", "citation"], rows),
    )


def wheel_to_ics(w: WheelResult) -> Optional[str]:
    """The engine's iCalendar text of the request that made ``w`` (None without one)."""
    if w._request is None:
        return None
    try:
        return _nis2.programme_ics(w._request)
    except _nis2.NativeError:
        return None


def wheel_ics(w: WheelIcs, lang: Lang) -> str:
    shown = w.ics if len(w.ics) <= 4000 else w.ics[:4000] + "\n…"
    return _wrap(
        f"<h4>Årshjul {w.year} as iCalendar</h4>",
        f"<p>{w.events} events &middot; <code>{e(w.media_type)}</code> &middot; as of "
        f"{e(w.reference_date)}</p>",
        f"<details><summary>the calendar</summary><pre>{e(shown)}</pre></details>",
    )


# ------------------------------------------------------------------------------------------------
# Registers
# ------------------------------------------------------------------------------------------------


def task_rows(p: PlanReport) -> list[dict[str, Any]]:
    return [
        {
            "id": t.id,
            "title": t.title,
            "step": t.step,
            "owner": t.owner.name,
            "status": t.status,
            "due": t.due,
            "overdue": t.overdue,
            "days_overdue": t.days_overdue,
            "due_soon": t.due_soon,
            "waiting_for": ", ".join(t.waiting_for),
            "requirements": ", ".join(t.requirements),
        }
        for t in p.tasks
    ]


def plan_report(p: PlanReport, lang: Lang) -> str:
    o = p.overall
    pct = "–" if o.percent_done is None else f"{o.percent_done} %"
    steps = (
        cell(text(s.label, lang))
        + cell(e(s.progress.tasks), "num")
        + cell(e(s.progress.done), "num")
        + cell(e(s.progress.overdue), "num")
        + cell("–" if s.progress.percent_done is None else f"{s.progress.percent_done} %", "num")
        for s in p.steps
    )
    overdue = [t for t in p.tasks if t.overdue]
    parts = [
        f"<h4>Implementation plan{(': ' + e(p.organisation)) if p.organisation else ''}</h4>",
        f"<p>As of {e(p.reference_date)}: {o.tasks} tasks, {o.done} done ({pct}), "
        f"{o.in_progress} in progress, {o.blocked} blocked, <b>{o.overdue} overdue</b></p>",
        table(["step", "tasks", "done", "overdue", "done %"], steps),
    ]
    if overdue:
        rows = (
            cell(f"<code>{e(t.id)}</code>")
            + cell(e(t.title))
            + cell(_person(t.owner))
            + cell(e(t.due))
            + cell(e(t.days_overdue), "num")
            for t in overdue
        )
        parts.append(f"<h4>Overdue ({len(overdue)})</h4>")
        parts.append(table(["task", "title", "owner", "due", "days overdue"], rows))
    parts.append(_findings(p.findings, lang))
    return _wrap(*parts)


def governance_report(g: GovernanceReport, lang: Lang) -> str:
    members = (
        cell(_person(m.person))
        + cell(e(m.role))
        + cell(e(m.last_training) or "<i>never</i>")
        + cell(e(m.training_due))
        + cell("yes" if m.training_current else "<b>no</b>")
        for m in g.management_body
    )
    s = g.staff_training
    return _wrap(
        f"<h4>Governance{(': ' + e(g.organisation)) if g.organisation else ''}</h4>",
        f"<p>As of {e(g.reference_date)} &middot; risk measures approved: "
        f"{e(g.risk_measures_approved) or '<i>no decision</i>'} &middot; staff training "
        f"{'current' if s.current else '<b>due</b>'} (next {e(s.next_due)}) &middot; "
        f"{len(g.decisions)} decisions</p>",
        table(["management body", "role", "last training", "due", "current"], members),
        _findings(g.findings, lang),
        _notes(g.notes, lang),
    )


def supplier_rows(r: SupplierReport) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "name": s.name,
            "critical": s.critical,
            "owner": s.owner.name if s.owner else None,
            "band": s.risk.band if s.risk else None,
            "has_contract": s.has_contract,
            "clauses_missing": ", ".join(s.clauses_missing),
            "review_due": s.review.next_due,
            "review_overdue": s.review.overdue,
            "gaps": len(s.gaps),
        }
        for s in r.suppliers
    ]


def supplier_report(r: SupplierReport, lang: Lang) -> str:
    m = r.summary
    rows = (
        cell(f"{e(s.name)} <small>({e(s.id)})</small>")
        + cell("yes" if s.critical else "")
        + cell(label(s.risk.band) if s.risk else "<i>unrated</i>")
        + cell(label(", ".join(s.clauses_missing)) if s.clauses_missing else "")
        + cell(e(s.review.next_due) + (" ⚠ overdue" if s.review.overdue else ""))
        + cell("<br>".join(text(g.text, lang) for g in s.gaps))
        for s in r.suppliers
    )
    return _wrap(
        f"<h4>Suppliers{(': ' + e(r.organisation)) if r.organisation else ''}</h4>",
        f"<p>As of {e(r.reference_date)}: {m.suppliers} suppliers, {m.critical} critical, "
        f"{m.with_gaps} with gaps, {m.reviews_overdue} reviews overdue, {m.missing_clauses} "
        "missing clauses</p>",
        table(["supplier", "critical", "risk", "clauses missing", "review due", "gaps"], rows),
    )


def _eur(x: Optional[float]) -> str:
    return "" if x is None else f"EUR {x:,.0f}"


def obligations(o: ObligationsResult, lang: Lang) -> str:
    fines = (
        cell(label(f.class_))
        + cell(_yes(f.applies))
        + cell(_eur(f.fixed_eur), "num")
        + cell(f"{f.turnover_percent:g} %", "num")
        + cell(_eur(f.turnover_based_eur), "num")
        + cell(_eur(f.maximum_at_least_eur), "num")
        + cell(e(f.citation))
        for f in o.fines
    )
    reg = "".join(
        f"<li>{'; '.join(text(d, lang) for d in r.data)} <small>({e(r.citation)})</small></li>"
        for r in o.registration
    )
    return _wrap(
        f"<h4>Obligations{(': ' + e(o.name)) if o.name else ''}</h4>",
        f"<p>In scope: <b>{label(o.in_scope)}</b> &middot; class <b>{label(o.classification)}"
        f"</b> &middot; supervision {label(o.supervision.regime)} "
        f"<small>({e(o.supervision.citation)})</small></p>",
        f"<p>{text(o.supervision.text, lang)}</p>",
        table(
            ["class", "applies", "fixed", "% turnover", "of turnover", "at least", "citation"],
            fines,
        ),
        f"<h4>Registration</h4><ul>{reg}</ul>" if reg else "",
        _notes(o.notes, lang),
    )


def validate_result(v: ValidateResult, lang: Lang) -> str:
    c = v.counts
    return _wrap(
        f"<p>Programme {'valid' if v.valid else 'invalid'}: {c.people} people, {c.tasks} tasks, "
        f"{c.suppliers} suppliers, {c.activities} årshjul activities, {c.management_body} "
        f"management body members, {c.training} training records, {c.decisions} decisions</p>"
    )
