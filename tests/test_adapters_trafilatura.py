"""The trafilatura adapter is pinned to the versions it was written for and the internals it uses are
there: this fails loudly when trafilatura or htmldate change (re-run eval/extraction_eval.py, adapt,
then bump the pins)."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from lagebild.adapters import trafilatura


@pytest.mark.parametrize("dist", sorted(trafilatura.PINNED))
def test_installed_library_is_the_pinned_one(dist):
    assert version(dist) == trafilatura.PINNED[dist], (
        f"{dist} changed: check lagebild/adapters/trafilatura.py"
    )


def test_the_internals_the_adapter_uses_are_there():
    assert trafilatura.check() == []


def test_extract_gives_text_and_metadata_of_a_page():
    html = """<html lang="de"><head><title>Bund sagt Hilfe zu | Nordkurier</title>
    <meta name="author" content="Jana Lindqvist"><meta property="article:published_time" content="2023-06-10">
    </head><body><article><h1>Bund sagt Hilfe zu</h1>
    <p>Die Bundesregierung hat den vom Hochwasser betroffenen Gemeinden schnelle Hilfe zugesagt. Das Kabinett
    werde in der kommenden Woche über ein Soforthilfeprogramm entscheiden, sagte ein Sprecher in Berlin.</p>
    <p>„Wir lassen die Menschen nicht allein“, sagte der Sprecher. Die Länder hatten um Hilfe gebeten.</p>
    </article></body></html>"""
    tree = trafilatura.parse_html(html)
    found = trafilatura.extract(tree, url="https://nordkurier.example/a.html")
    assert (
        found.text.startswith("Bund sagt Hilfe zu\nDie Bundesregierung hat")
        and "sagte der Sprecher" in found.text
    )
    assert (found.title, found.author, found.date) == ("Bund sagt Hilfe zu", "Jana Lindqvist", "2023-06-10")


def test_extraction_keeps_no_state_between_pages():
    """With trafilatura's deduplication on, a page seen before in the process lost its text."""
    html = (
        "<html><body><article><p>"
        + "Der Landtag beriet am Mittwoch über den Haushalt. " * 8
        + "</p></article></body></html>"
    )
    first = trafilatura.extract(trafilatura.parse_html(html))
    again = trafilatura.extract(trafilatura.parse_html(html))
    assert first.text and again.text == first.text
