"""Notebook views of the catalog types (``to_html`` / ``_repr_html_``, ``rows``); called by the
generated classes of ``nis2.catalog_types``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from ._html import cell, e, label, style, table, text
from .text import Lang

if TYPE_CHECKING:
    from .catalog_types import (
        CoverageResponse,
        EvidenceResponse,
        ExportResponse,
        Framework,
        Hit,
        ListResponse,
        MapResponse,
        Mapping,
        NodeRef,
        NodeResponse,
        ShowResponse,
        Step,
    )

__all__ = [
    "coverage_response",
    "coverage_rows",
    "evidence_response",
    "export_response",
    "framework",
    "hit_rows",
    "list_response",
    "map_response",
    "mapping",
    "node_response",
    "show_response",
]

_CLS = "nis2-catalog"
_OPEN_UP_TO = 60
"""Long tables (more rows than this) start folded."""


def _wrap(*parts: str) -> str:
    return style(_CLS) + f'<div class="{_CLS}">' + "".join(parts) + "</div>"


def _ref(n: NodeRef, lang: Lang, *, title: bool = True) -> str:
    t = f" {text(n.title, lang)}" if title else ""
    return f"<code>{e(n.id)}</code>{t} <small>({e(n.citation)})</small>"


def _details(summary: str, body: str, rows: int) -> str:
    state = " open" if rows <= _OPEN_UP_TO else ""
    return f"<details{state}><summary>{summary}</summary>{body}</details>"


# ------------------------------------------------------------------------------------------------
# list, show, node, export
# ------------------------------------------------------------------------------------------------


def list_response(r: ListResponse, lang: Lang) -> str:
    fw = table(
        ["id", "framework", "version", "publisher", "nodes", "requirements", "status", "licence",
         "exports"],
        (
            cell(f"<code>{e(f.id)}</code>")
            + cell(f"{e(f.short_name)}<br><small>{text(f.title, lang)}</small>")
            + cell(e(f.version))
            + cell(e(f.publisher))
            + cell(e(f.nodes), "num")
            + cell(e(f.requirements), "num")
            + cell(e(f.status))
            + cell(e(f.licence))
            + cell(e(", ".join(f.exports)))
            for f in r.frameworks
        ),
    )
    maps = table(
        ["id", "mapping", "from → to", "pairs", "derived", "status", "licence"],
        (
            cell(f"<code>{e(m.id)}</code>")
            + cell(text(m.title, lang))
            + cell(f"<code>{e(m.from_)}</code> → <code>{e(m.to)}</code>")
            + cell(e(m.pairs), "num")
            + cell(e(m.derived_pairs), "num")
            + cell(e(m.status))
            + cell(e(m.licence))
            for m in r.mappings
        ),
    )
    return _wrap(
        f"<h4>Frameworks ({len(r.frameworks)})</h4>",
        fw,
        f"<h4>Mappings ({len(r.mappings)})</h4>",
        maps,
    )


def show_response(r: ShowResponse, lang: Lang) -> str:
    return framework(r.framework, lang)


def framework(f: Framework, lang: Lang) -> str:
    depth: dict[str, int] = {}
    for n in f.nodes:
        depth[n.id] = depth.get(n.parent, -1) + 1 if n.parent is not None else 0
    leaves = sum(1 for n in f.nodes if n.kind == "requirement")
    rows = (
        cell(f"<code>{e(n.id)}</code>")
        + cell("&nbsp;" * 4 * depth.get(n.id, 0) + e(n.label))
        + cell(text(n.title, lang) + (f"<br><small>{text(n.note, lang)}</small>" if n.note else ""))
        + cell(e(n.citation))
        + cell(e(n.kind))
        + cell(e(n.status or ""))
        for n in f.nodes
    )
    body = table(["id", "label", "title", "citation", "kind", "status"], rows)
    source = e(f.source_document) + (f", {e(f.source_date)}" if f.source_date else "")
    return _wrap(
        f"<h4>{e(f.short_name)}: {text(f.title, lang)}</h4>",
        f"<p><code>{e(f.id)}</code> &middot; version {e(f.version)} &middot; {e(f.publisher)}"
        f" &middot; status <b>{e(f.provenance.status)}</b><br><small>Source: {source}. "
        f"Licence: {e(f.licence)}</small></p>",
        _details(f"<b>{len(f.nodes)} nodes</b> ({leaves} requirements)", body, len(f.nodes)),
    )


def node_response(r: NodeResponse, lang: Lang) -> str:
    n = r.node
    crumbs = " › ".join(f"<code>{e(a.id)}</code>" for a in r.ancestors)
    parts = [
        f"<h4><code>{e(n.id)}</code> {text(n.title, lang)}</h4>",
        f"<p>{e(n.citation)} &middot; {e(n.kind)} ({e(n.class_)}) &middot; framework "
        f"<code>{e(r.framework)}</code>"
        + (f" &middot; status <b>{e(n.status)}</b>" if n.status else "")
        + (f"<br><small>in: {crumbs}</small>" if crumbs else "")
        + "</p>",
    ]
    if n.applicability is not None:
        a = n.applicability
        who = ", ".join(a.classes) or "no NIS2 class"
        types = "" if a.entity_types is None else f"; entity types: {', '.join(a.entity_types)}"
        parts.append(
            f"<p><small>{'Binding' if a.binding else 'Not binding'} ({e(who)}{e(types)})"
            + (f": {text(a.note, lang)}" if a.note else "")
            + "</small></p>"
        )
    if n.note:
        parts.append(f"<p><small>{text(n.note, lang)}</small></p>")
    for title, refs in (
        ("Children", r.children),
        ("Implements", r.implements),
        ("Implemented by", r.implemented_by),
    ):
        if refs:
            items = "".join(f"<li>{_ref(x, lang)}</li>" for x in refs)
            parts.append(_details(f"<b>{title}</b> ({len(refs)})", f"<ul>{items}</ul>", len(refs)))
    if r.pairs:
        rows = (
            cell(f"<b>{label(p.relationship)}</b>"
                 + (f"<br><small>source: {label(p.original_relationship)}</small>"
                    if p.original_relationship else ""))
            + cell(_ref(p.other, lang))
            + cell(e(p.confidence))
            + cell(label(p.provenance))
            + cell(f"<code>{e(p.mapping)}</code>")
            + cell(f"<small>{text(p.rationale, lang)}</small>")
            for p in r.pairs
        )
        body = table(
            [f"{n.id} is … to", "node", "confidence", "provenance", "mapping", "rationale"], rows
        )
        parts.append(_details(f"<b>Mapping pairs</b> ({len(r.pairs)})", body, len(r.pairs)))
    return _wrap(*parts)


def export_response(r: ExportResponse, lang: Lang) -> str:
    lines = r.content.splitlines()
    shown = "\n".join(lines[:40]) + ("\n…" if len(lines) > 40 else "")
    return _wrap(
        f"<p><b>{e(r.file_name)}</b> &middot; {e(r.format)} &middot; {e(r.media_type)} &middot; "
        f"{len(r.content):,} characters, {len(lines):,} lines</p>",
        f"<pre>{e(shown)}</pre>",
    )


def mapping(m: Mapping, lang: Lang) -> str:
    rows = (
        cell(f"<code>{e(x.from_)}</code>")
        + cell(f"<b>{label(x.relationship)}</b>"
               + (f"<br><small>source: {label(x.original_relationship)}</small>"
                  if x.original_relationship else ""))
        + cell(f"<code>{e(x.to)}</code>")
        + cell(e(x.confidence))
        + cell(label(x.provenance))
        + cell(f"<small>{text(x.rationale, lang)}</small>")
        for x in m.entries
    )
    body = table(["from", "relationship", "to", "confidence", "provenance", "rationale"], rows)
    return _wrap(
        f"<h4>{text(m.title, lang)}</h4>",
        f"<p><code>{e(m.id)}</code>: <code>{e(m.from_)}</code> → <code>{e(m.to)}</code> &middot; "
        f"method {e(m.method)} &middot; status <b>{e(m.provenance.status)}</b><br>"
        f"<small>{e(m.provenance.source)}. Licence: {e(m.provenance.licence)}</small></p>",
        _details(f"<b>{len(m.entries)} pairs</b>", body, len(m.entries)),
    )


# ------------------------------------------------------------------------------------------------
# map, evidence, coverage
# ------------------------------------------------------------------------------------------------


def _steps(path: tuple[Step, ...], lang: Lang) -> str:
    items = []
    for s in path:
        where = (
            f"<code>{e(s.mapping)}</code>, {label(s.provenance)}" if s.mapping else "hierarchy"
        )
        sharpened = (
            f"; source said {label(s.original_relationship)}" if s.original_relationship else ""
        )
        via = f"<br><small>via {e(', '.join(s.via))}</small>" if s.via else ""
        items.append(
            f"<li><code>{e(s.from_)}</code> <b>{label(s.relationship)}</b> <code>{e(s.to)}</code>"
            f" <small>({where}, {e(s.confidence)}{sharpened})</small><br>"
            f"<small>{text(s.rationale, lang)}</small>{via}</li>"
        )
    return "<ol>" + "".join(items) + "</ol>"


def _hits(hits: tuple[Hit, ...], lang: Lang, head: str) -> str:
    rows = (
        cell(e(i), "num")
        + cell(_ref(h.node, lang))
        + cell(f"<b>{label(h.relationship)}</b>")
        + cell(e(h.confidence))
        + cell(label(", ".join(h.provenance)))
        + cell(
            f"<details><summary>{e(h.routes)} chain{'s' if h.routes != 1 else ''}"
            f"</summary>{_steps(h.path, lang)}</details>"
        )
        for i, h in enumerate(hits, 1)
    )
    return table(["#", head, "relationship", "confidence", "provenance", "why"], rows)


def _routes(r: Union[MapResponse, EvidenceResponse]) -> str:
    if not r.routes:
        return "no mapping joins the two"
    return "; ".join(
        " + ".join(f"<code>{e(m)}</code>" for m in route.mappings)
        + (f" (via <code>{e(route.via)}</code>)" if route.via else "")
        for route in r.routes
    )


def map_response(r: MapResponse, lang: Lang) -> str:
    return _wrap(
        f"<h4>{_ref(r.from_, lang)} → <code>{e(r.to)}</code>: {len(r.results)} "
        f"result{'s' if len(r.results) != 1 else ''}</h4>",
        f"<p><small>The relationship is that of <code>{e(r.from_.id)}</code> to each node "
        f"(<i>intersects</i>: they overlap; <i>subset</i>: it is part of the node; "
        f"<i>superset</i>: it contains the whole node). Routes: {_routes(r)}.</small></p>",
        _hits(r.results, lang, f"{r.to} node") if r.results else "<p>Nothing reached.</p>",
    )


def evidence_response(r: EvidenceResponse, lang: Lang) -> str:
    return _wrap(
        f"<h4>Evidence for {_ref(r.requirement, lang)} from <code>{e(r.from_)}</code>: "
        f"{len(r.results)} result{'s' if len(r.results) != 1 else ''}</h4>",
        f"<p><small>The relationship is that of each node to <code>{e(r.requirement.id)}</code> "
        f"(<i>superset</i>: it contains the whole requirement; <i>subset</i>: part of it; "
        f"<i>intersects</i>: an overlap). Routes: {_routes(r)}.</small></p>",
        _hits(r.results, lang, f"{r.from_} node") if r.results else "<p>Nothing found.</p>",
    )


def coverage_response(r: CoverageResponse, lang: Lang) -> str:
    s = r.summary
    counts = ", ".join(
        f"{label(k)} {v}"
        for k, v in (
            ("equal", s.by_relationship.equal),
            ("equivalent", s.by_relationship.equivalent),
            ("superset", s.by_relationship.superset),
            ("subset", s.by_relationship.subset),
            ("intersects", s.by_relationship.intersects),
            ("no_relationship", s.by_relationship.no_relationship),
            ("none", s.by_relationship.none),
        )
        if v
    )
    rows = (
        cell(_ref(x.leaf, lang))
        + cell(f"<b>{label(x.best.relationship)}</b>" if x.best else "<i>not reached</i>")
        + cell(_ref(x.best.node, lang, title=False) if x.best else "")
        + cell(e(x.best.confidence) if x.best else "")
        + cell(e(", ".join(x.reached_by)))
        for x in r.leaves
    )
    controls = ", ".join(f"<code>{e(c.id)}</code>" for c in r.controls)
    return _wrap(
        f"<h4>Coverage of {_ref(r.target, lang)}</h4>",
        f"<p>Controls: {controls}"
        + (f" &middot; leaves of <code>{e(r.via)}</code>" if r.via else "")
        + "</p>",
        f"<p><b>{s.reached} of {s.leaves}</b> leaves reached: {s.covered_whole} whole, "
        f"{s.covered_in_part} in part; {s.not_reached} not reached. "
        f"<small>({counts})</small></p>",
        _details(
            f"<b>Leaves</b> ({len(r.leaves)})",
            table(["leaf", "best relationship", "by", "confidence", "reached by"], rows),
            len(r.leaves),
        ),
    )


# ------------------------------------------------------------------------------------------------
# rows (for pandas)
# ------------------------------------------------------------------------------------------------


def hit_rows(r: Union[MapResponse, EvidenceResponse]) -> list[dict[str, Any]]:
    return [_hit_row(h) for h in r.results]


def _hit_row(h: Hit) -> dict[str, Any]:
    mapped = [s for s in h.path if s.mapping is not None]
    return {
        "id": h.node.id,
        "framework": h.node.framework,
        "label": h.node.label,
        "title": h.node.title.en,
        "citation": h.node.citation,
        "relationship": h.relationship,
        "confidence": h.confidence,
        "provenance": ", ".join(h.provenance),
        "chains": h.routes,
        "path": " → ".join([h.path[0].from_] + [s.to for s in h.path]) if h.path else "",
        "rationale": " / ".join(s.rationale.en for s in mapped),
    }


def coverage_rows(r: CoverageResponse) -> list[dict[str, Any]]:
    out = []
    for x in r.leaves:
        best: Optional[Hit] = x.best
        out.append(
            {
                "id": x.leaf.id,
                "label": x.leaf.label,
                "title": x.leaf.title.en,
                "citation": x.leaf.citation,
                "relationship": best.relationship if best else None,
                "confidence": best.confidence if best else None,
                "best_control": best.node.id if best else None,
                "reached_by": ", ".join(x.reached_by),
            }
        )
    return out
