"""Every word of lang/<code>/syntax/words.tsv comes with an example sentence; the tests parse each one and
check that the word does its job in the clause view (or, for case forms, that the form is in the example)."""

from __future__ import annotations

import pytest

from lagebild.lang import get_language


def rows(language: str) -> list[dict[str, str]]:
    return get_language(language).read_tsv("syntax", "words.tsv", required=("word", "class", "example"))


def test_every_row_has_an_example_holding_its_word():
    for lang in ("de", "en"):
        for row in rows(lang):
            example = row["example"].lower()
            assert len(example.split()) >= 3, row
            if not row["class"].startswith(
                ("modal", "future", "passive", "statal", "dative")
            ):  # lemmas, not forms
                assert row["word"] in example, row


def checks(language: str, cls: str, word: str):
    """What the clause view shows for a word of this class in its example, or None (not checked)."""

    def any_clause(doc, test):
        return any(test(doc, c) for c in doc.clauses)

    def text(doc, i):
        return None if i is None else doc.tokens[i].text.lower()

    return {
        "modal": lambda doc: any_clause(doc, lambda d, c: c.modal == word),
        "future": lambda doc: any_clause(doc, lambda d, c: c.future),
        "passive": lambda doc: any_clause(doc, lambda d, c: c.voice == "passive"),
        "agent": lambda doc: any_clause(doc, lambda d, c: c.agent is not None),
        "negation": lambda doc: any_clause(doc, lambda d, c: text(d, c.negation) == word),
        "negdet": lambda doc: any_clause(doc, lambda d, c: (text(d, c.negation) or "").startswith(word)),
        "negpron": lambda doc: any_clause(doc, lambda d, c: text(d, c.negation) == word),
        "negadv": lambda doc: any_clause(doc, lambda d, c: text(d, c.negation) == word),
        "negmark": lambda doc: any_clause(doc, lambda d, c: text(d, c.negation) == word),
        "unneg": lambda doc: not any_clause(doc, lambda d, c: c.negation is not None),
        "konj1": lambda doc: any_clause(doc, lambda d, c: c.mood == "konj1"),
        "konj2": lambda doc: any_clause(doc, lambda d, c: c.mood == "konj2"),
        "range": lambda doc: not any_clause(doc, lambda d, c: c.agent is not None),
        "range_number": lambda doc: not any_clause(doc, lambda d, c: c.agent is not None),
        "dative": lambda doc: any_clause(doc, lambda d, c: c.lemma == word and c.indirect_object is not None),
    }.get(cls)


CASES = [
    pytest.param(lang, r["word"], r["class"], r["example"], id=f"{lang}-{r['class']}-{r['word']}")
    for lang in ("de", "en")
    for r in rows(lang)
    if checks(lang, r["class"], r["word"]) is not None
]


@pytest.mark.parametrize(("language", "word", "cls", "example"), CASES)
def test_word_example_through_the_parser(parse, language, word, cls, example):
    doc = parse(example, language)
    assert checks(language, cls, word)(doc), [
        (doc.tokens[c.predicate].text, c.modal, c.voice, c.negation, c.mood, c.agent) for c in doc.clauses
    ]
