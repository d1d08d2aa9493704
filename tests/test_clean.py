"""Cleaning keeps the article and drops what is not article, with a reason for every removal."""

from __future__ import annotations

import json

import pytest
from tests.conftest import shared_path

from lagebild.clean import clean_text
from lagebild.nlp import split_sentences

ARTICLE = (
    "Der ukrainische Präsident Wolodymyr Selenskyj hat am Dienstag in Kiew Vertreter der EU empfangen.\n\n"
    "„Wir brauchen mehr Luftabwehr“, sagte Selenskyj nach dem Treffen.\n\n"
    "Die EU-Außenbeauftragte kündigte weitere Hilfen an."
)


def test_example_004_title_label_and_comments(example_texts):
    cleaned = clean_text(example_texts["004_8e7d378fd429c56a.txt"])
    assert cleaned.title == "Lukaschenko umwirbt Irans Raisi in fortgesetztem diplomatischen Vorstoß"
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert "stray label" in reasons["car-keys"]
    assert "comments" in reasons["Kommentare"]
    assert "Kommentare" not in cleaned.text and "car-keys" not in cleaned.text
    assert cleaned.text.startswith("Die Präsidenten des Iran und Weißrusslands")
    assert cleaned.text.endswith("als rückwärtige Basis für Truppen aus Moskau.")


def test_example_000_teaser_removed_quotes_kept(example_texts):
    raw = example_texts["000_ac90ce9dbc56bd7f.txt"]
    cleaned = clean_text(raw)
    assert [r.reason for r in cleaned.removed] == ["link teaser"]
    assert cleaned.removed[0].text.startswith("Weiterführende Information – Putin verurteilt")
    assert "“Unsere strategische Partnerschaft mit Iran ist unzerbrechlich.”" in cleaned.text
    assert cleaned.text == raw[: raw.index("\nWeiterführende Information")]


@pytest.mark.parametrize(
    ("junk", "reason"),
    [
        ("Kommentare (12)", "comments trailer"),
        ("Comments", "comments trailer"),
        ("Weiterführende Informationen – Scholz telefoniert mit Putin", "link teaser"),
        ("Lesen Sie auch: Nato verstärkt Ostflanke", "link teaser"),
        ("Read more: Kremlin rejects talks", "link teaser"),
        ("Teilen Twittern E-Mail", "share buttons"),
        ("Share on Facebook | Share on X", "share buttons"),
        (
            "Wir verwenden Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten. Alle akzeptieren",
            "cookie banner",
        ),
        ("Newsletter abonnieren", "newsletter prompt"),
        ("Foto: dpa/Michael Kappeler", "image credit"),
    ],
)
def test_junk_lines_are_removed_with_reason(junk, reason):
    cleaned = clean_text(f"{ARTICLE}\n\n{junk}")
    assert [(r.text, r.reason) for r in cleaned.removed] == [(junk, reason)]
    assert cleaned.text == ARTICLE


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Kommentare des Ministers sorgten für Empörung.",
        "Teilen wollte die Regierung diese Einschätzung nicht.",
        "Lesen Sie auch die Erklärung des Außenministeriums, forderte die Opposition.",
        "Mehr zum Thema wollte der Sprecher nicht sagen.",
        "Cookies akzeptieren viele Nutzer, ohne die Bedingungen zu lesen.",
        "Kommentare",  # alone it is a trailer, but not inside the article body:
    ][:-1],
)
def test_sentences_that_look_like_junk_are_kept(sentence):
    cleaned = clean_text(f"{ARTICLE}\n\n{sentence}")
    assert cleaned.removed == [] and sentence in cleaned.text


def test_headline_duplicated_in_text_is_dropped_once():
    title = "Selenskyj empfängt EU-Vertreter in Kiew"
    cleaned = clean_text(f"{title}\n\n{ARTICLE}\n\n{title}", title=title)
    assert cleaned.text == ARTICLE
    assert [r.reason for r in cleaned.removed] == ["duplicated headline", "duplicated headline"]


def test_leading_headline_becomes_title():
    cleaned = clean_text(f"Politik\nSelenskyj empfängt EU-Vertreter in Kiew\n\n{ARTICLE}")
    assert cleaned.title == "Selenskyj empfängt EU-Vertreter in Kiew"
    assert cleaned.text == ARTICLE
    assert cleaned.removed[0].reason.startswith("stray label")


def test_clean_text_without_junk_is_unchanged():
    assert clean_text(ARTICLE).text == ARTICLE and clean_text(ARTICLE).removed == []


def _gnad_articles(limit: int | None = None) -> list[dict]:
    path = shared_path("data", "news-10kgnad", "articles.jsonl")
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return rows[:limit] if limit else rows


def test_real_articles_lose_no_sentence():
    """All 877 real articles: as delivered (one line each) cleaning must not touch them."""
    for row in _gnad_articles():
        cleaned = clean_text(row["text"])
        assert cleaned.text == row["text"].rstrip("\n"), row["id"]
        assert cleaned.removed == [], (row["id"], cleaned.removed)


def test_real_articles_scraped_with_junk_keep_every_sentence():
    """Real articles laid out as scraped pages (paragraphs, label, teaser, share line, comments trailer):
    the junk goes, every sentence of the article stays."""
    junk_lead = ["car-keys", "Politik"]
    junk_trail = ["Weiterführende Information – Mehr aus der Region", "Teilen Twittern E-Mail", "Kommentare"]
    for row in _gnad_articles(200):
        sents = [row["text"][a[0][1] : a[-1][2]] for a in split_sentences(row["text"], "de")]
        paras = ["  ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
        page = "\n".join(junk_lead) + "\n\n" + "\n\n".join(paras) + "\n\n" + "\n".join(junk_trail)
        cleaned = clean_text(page)
        for s in sents:
            assert s in cleaned.text, (row["id"], s)
        removed = {r.text for r in cleaned.removed}
        assert set(junk_lead + junk_trail) <= removed, (row["id"], removed)


@pytest.mark.parametrize(
    "text", ["Siehe auch : A roads In Cleethorpes", "Kommentare", "Read more: Kremlin rejects talks"]
)
def test_text_that_is_all_junk_is_kept_whole(text):
    """A user who analyses one such line wants it analysed, not an empty article."""
    cleaned = clean_text(text)
    assert cleaned.text == text and cleaned.removed == []
