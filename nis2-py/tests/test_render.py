"""Rendering goes through the core's views: a result, its stored document and its JSON text
render to the same text, in English and Danish; the notebook views are those renderings."""

from __future__ import annotations

import pytest

import nis2
from conftest import example, load_vectors

RESULTS = [v for v in load_vectors() if v.expected is not None]
FORMATS = ("html", "md", "table")


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("format", FORMATS)
def test_every_result_renders_alike_from_every_form(format: str, lang: str) -> None:
    """For every vector result and its verdict: the response, a view over its stored document,
    the dict and the JSON text render to the same text."""
    for vector in RESULTS:
        for detail in ("explained", "verdict"):
            result = nis2.call(vector.capability, vector.input, detail=detail)
            text = result.render(format, lang)
            assert text, vector.id
            assert nis2.render(result.to_dict(), format, lang) == text
            assert nis2.render(result.to_json(), format, lang) == text
            assert nis2.load(result.to_dict()).render(format, lang) == text


def test_languages_differ() -> None:
    result = nis2.scope(example("manufacturer-40-staff.json"))
    en, da = result.render("html", "en"), result.render("html", "da")
    assert en != da
    assert 'lang="en"' in en and 'lang="da"' in da
    assert result.render() == en  # html, en by default


def test_row_errors_are_danish_in_a_danish_view() -> None:
    """A screening's row errors: the document keeps the engine's English message; the Danish
    view gives it in Danish (the core's message patterns), the English view as it is."""
    out = nis2.scope_many([{"activities": [{"entity_type": "NIS2-I-06-01"}], "size": {"staff_headcount": -1}}])
    assert out.rows[0].error is not None
    message = out.rows[0].error.message
    assert message == "invalid input at `$.profile.size.staff_headcount`: must be zero or more, got -1"
    assert message in out.render("html", "en")
    da = out.render("html", "da")
    assert "ugyldigt input ved `$.profile.size.staff_headcount`: skal være nul eller mere, men er -1" in da
    assert "must be zero" not in da


def test_notebook_views() -> None:
    result = nis2.scope(example("manufacturer-40-staff.json"))
    assert result._repr_html_() == result.render("html", "en")
    part = result.size
    assert part._repr_html_() is None and part._repr_svg_() is None


def test_svg_is_the_views_figure_or_none() -> None:
    """`_repr_svg_` is the view's figure; a view without one gives None (and `render("svg")`
    raises the core's error at `format`)."""
    for vector in RESULTS:
        result = nis2.call(vector.capability, vector.input)
        svg = result._repr_svg_()
        if svg is None:
            with pytest.raises(nis2.InvalidInputError) as info:
                result.render("svg")
            assert info.value.path == "format"
        else:
            assert svg.lstrip().startswith("<svg") and result.render("svg") == svg


def test_render_problems_are_typed() -> None:
    result = nis2.scope(example("manufacturer-40-staff.json"))
    with pytest.raises(nis2.UnknownIdError) as info:
        result.render("pdf")
    assert info.value.path == "format" and "html" in info.value.accepted
    with pytest.raises(nis2.UnknownIdError) as lang:
        result.render("html", "de")
    assert lang.value.path == "lang" and lang.value.accepted == ["en", "da"]
    with pytest.raises(nis2.InvalidInputError) as part:
        result.size.render()
    assert part.value.path == "$.op"
    with pytest.raises(nis2.UnknownIdError):
        nis2.render({"op": "scoop"})
    with pytest.raises(nis2.InvalidInputError):
        nis2.render("not json")
