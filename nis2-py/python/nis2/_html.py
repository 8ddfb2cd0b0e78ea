"""Small HTML helpers shared by the notebook views (``_repr_html_``) of the typed results."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Optional

from .text import Lang, Text

__all__ = ["cell", "e", "label", "style", "table", "text", "text_colour"]


def e(value: object) -> str:
    """``value`` as escaped HTML text (``None`` is empty)."""
    return html.escape("" if value is None else str(value))


def text(t: Optional[Text], lang: Lang) -> str:
    """A bilingual text in ``lang``, escaped."""
    return "" if t is None else e(t.get(lang))


def label(value: Optional[str]) -> str:
    """An enumerated value for reading (``no_relationship`` → ``no relationship``), escaped."""
    return "" if value is None else e(value.replace("_", " "))


def style(cls: str) -> str:
    """The style block of a view whose root element has class ``cls``."""
    c = f".{cls}"
    return (
        f"<style>{c} table{{border-collapse:collapse;margin:.3em 0}}"
        f"{c} th,{c} td{{border:1px solid #ccc;padding:2px 6px;text-align:left;"
        f"vertical-align:top}}{c} th{{background:#f4f4f4}}{c} small{{color:#555}}"
        f"{c} .num{{text-align:right}}{c} details>summary{{cursor:pointer}}</style>"
    )


def cell(content: str, cls: str = "", attrs: str = "") -> str:
    """A ``<td>`` with already-escaped content."""
    c = f' class="{cls}"' if cls else ""
    return f"<td{c}{attrs}>{content}</td>"


def table(head: Sequence[str], rows: Iterable[str]) -> str:
    """A table with header cells ``head`` (plain text) and rows of already-made ``<td>``s."""
    out = ["<table><thead><tr>"]
    out.extend(f"<th>{e(h)}</th>" for h in head)
    out.append("</tr></thead><tbody>")
    out.extend(f"<tr>{r}</tr>" for r in rows)
    out.append("</tbody></table>")
    return "".join(out)


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def text_colour(background: str) -> str:
    """Black or white, whichever has the higher WCAG contrast with ``#rrggbb`` (as the engine's
    SVG chooses); black for anything else."""
    if len(background) != 7 or not background.startswith("#"):
        return "#000000"
    try:
        r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return "#000000"
    lum = 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"
