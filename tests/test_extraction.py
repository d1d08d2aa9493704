"""The extraction safety net on fixture pages written for the project (tests/data/extraction/): each page
misleads trafilatura in one way seen on real news sites, and the check repairs it or says so."""

from __future__ import annotations

from pathlib import Path

import pytest

import lagebild
from lagebild.adapters import trafilatura
from lagebild.errors import InputError
from lagebild.ingest.html import extract_html
from lagebild.ingest.page import extract_page
from lagebild.ingest.pagemeta import PageMeta, shown_day
from lagebild.ingest.repair import choose_author, choose_date, strip_site
from lagebild.ingest.sources import RawDoc

PAGES = Path(__file__).resolve().parent / "data" / "extraction"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def raw_extraction(name: str) -> trafilatura.TrafilaturaResult:
    """What trafilatura alone gives for the page (the 'before')."""
    found = trafilatura.extract(trafilatura.parse_html(page(name)))
    assert found is not None
    return found


def test_body_falls_back_to_json_ld_when_the_page_gives_only_a_caption():
    assert len(raw_extraction("caption_only.html").text) < 200  # trafilatura keeps the photo caption
    ex = extract_html(page("caption_only.html"), "caption_only.html")
    assert ex.text.startswith("The city's chief executive promised a fresh start")
    assert '"We need homes, not more consultations," a tenants\' group said last week.' in ex.text
    assert "\n\n" in ex.text  # the paragraphs of articleBody are kept
    [note] = ex.repairs
    assert note.level == "note" and "JSON-LD articleBody" in note.message


def test_a_suspiciously_short_page_gives_a_warning():
    ex = extract_html(page("teaser_only.html"), "teaser_only.html")
    [warning] = ex.repairs
    assert (
        warning.level == "warning" and "suspiciously short article text (172 characters)" in warning.message
    )


def test_the_warning_reaches_the_caller_of_the_batch():
    _, notices = extract_page(RawDoc(name="teaser_only.html", html=page("teaser_only.html")))
    assert [(n.name, n.level) for n in notices] == [("teaser_only.html", "warning")]


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("site_name_title.html", "Nordkurier", "Stadtrat beschließt neuen Haushalt"),
        (
            "suffix_title.html",
            "Germany pledges more aid for flood victims | DW | 10.06.2023",
            "Germany pledges more aid for flood victims",
        ),
    ],
)
def test_titles_lose_the_site_name(name, before, after):
    assert raw_extraction(name).title == before
    assert extract_html(page(name), name).title == after


@pytest.mark.parametrize(
    ("title", "site", "clean"),
    [
        ("Ein Albtraum - SPIEGEL ONLINE", {"SPIEGEL ONLINE"}, "Ein Albtraum"),
        (
            "Nordkurier » Stadtrat beschließt neuen Haushalt",
            {"Nordkurier"},
            "Stadtrat beschließt neuen Haushalt",
        ),
        ("So schützen Sie Ihre Daten - CNET.de", {"cnet.de", "cnet"}, "So schützen Sie Ihre Daten"),
        ("Zeit für einen Neuanfang | ZEIT ONLINE", {"zeit.de", "zeit"}, "Zeit für einen Neuanfang"),
        ("Studen BE - A6 nach Unfall gesperrt", {"polizeiticker.ch"}, "Studen BE - A6 nach Unfall gesperrt"),
        ("Nordkurier", {"Nordkurier"}, None),
    ],
)
def test_strip_site(title, site, clean):
    assert strip_site(title, PageMeta(site_names=site)) == clean


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("share_author.html", "So Artikel Empfehlen", None),
        ("publisher_author.html", "NORDSPIEGEL ONLINE; Hamburg; Germany", None),
        ("company_author.html", "Jana Lindqvist; Nordkurier Mediengruppe GmbH", "Jana Lindqvist"),
    ],
)
def test_boilerplate_authors_are_rejected(name, before, after):
    assert raw_extraction(name).author == before
    assert extract_html(page(name), name).author == after


@pytest.mark.parametrize(
    ("author", "site", "clean"),
    [
        ("Rob Picheta; CNN", {"cnn.com", "cnn"}, "Rob Picheta"),
        ("Andreas Kalt", {"Andreas Kalt"}, "Andreas Kalt"),  # a blog's author is its name
        ("von Anna Beispiel und Max Muster", set(), "Anna Beispiel; Max Muster"),
        ("Autor; In Korinna Hennig", set(), "Korinna Hennig"),
        ("Redaktion", set(), "Redaktion"),
    ],
)
def test_choose_author(author, site, clean):
    assert choose_author(author, PageMeta(site_names=site)) == clean


def test_the_shown_date_wins_over_a_cms_creation_date():
    assert raw_extraction("cms_date.html").date == "2016-04-02"  # htmldate prefers the oldest date
    assert extract_html(page("cms_date.html"), "cms_date.html").published == "2023-06-10"


@pytest.mark.parametrize(
    ("extracted", "visible", "declared", "chosen"),
    [
        ("2016-04-02", "2023-06-10", "2023-06-10", "2023-06-10"),  # CMS creation date, years before
        ("2016-02-08", "2017-02-23", "2016-02-08", "2016-02-08"),  # the declared date agrees: kept
        ("2023-06-11", "2023-06-10", None, "2023-06-11"),  # a day later (an update): kept
        (None, None, "2023-06-10", "2023-06-10"),
    ],
)
def test_choose_date(extracted, visible, declared, chosen):
    assert choose_date(extracted, PageMeta(visible_date=visible, published=declared)) == chosen


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Stand: 10.06.2023, 14:05 Uhr", "2023-06-10"),  # day first, as German pages write it
        ("10. Juni 2023", "2023-06-10"),
        ("June 10, 2023", "2023-06-10"),
        ("31.02.2023", None),
        ("vor 3 Stunden", None),
    ],
)
def test_shown_day(text, day):
    assert shown_day(text) == day


def test_lines_broken_inside_a_paragraph_are_joined_and_the_quotes_found():
    raw = raw_extraction("wrapped_quote.html").text
    assert "so lange\nunterstützen" in raw  # trafilatura keeps the <br> of a print layout
    ex = extract_html(page("wrapped_quote.html"), "wrapped_quote.html")
    assert (
        "„Wir werden die Ukraine so lange unterstützen, wie es nötig ist“, sagte Scholz am Montag nach"
        in ex.text
    )
    article = lagebild.analyze(page("wrapped_quote.html"), html=True, language="de")
    assert len(article.sentences) == 5
    quotes = {(q.kind, q.speaker.text if q.speaker else None) for q in article.quotes}
    assert quotes == {("direct", "Scholz"), ("indirect", "Die Opposition")}


def test_a_br_after_a_full_sentence_stays_a_line_break():
    html = (
        "<html><body><article><h1>Ergebnisse der Wahl</h1><p>Die SPD erhielt 31 Prozent der Stimmen.<br>"
        "Die CDU kam auf 24 Prozent.<br>Die Grünen erreichten 18 Prozent, die FDP sieben Prozent der "
        "Stimmen. Die Wahlbeteiligung lag bei 68 Prozent und damit höher als vor vier Jahren.</p>"
        "</article></body></html>"
    )
    text = extract_html(html, "wahl.html").text
    assert "Stimmen.\nDie CDU kam auf 24 Prozent.\nDie Grünen" in text


def test_a_page_without_an_article_is_an_error_or_a_warning():
    with pytest.raises(InputError, match="no article text found"):
        extract_html("<html><head><title>Leer</title></head><body></body></html>", "leer.html")
    ex = extract_html("<html><body><nav><a href='/'>Start</a></nav></body></html>", "nav.html")
    assert [r.level for r in ex.repairs] == ["warning"]  # trafilatura keeps the link text: warned
