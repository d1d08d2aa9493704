"""The statistical NER finds typed names in German news, with spans on token boundaries."""

from __future__ import annotations

import pytest
from tests.conftest import shared_path

from lagebild.actors.ner import (
    _country_opener,
    find_entities,
    gazetteers,
    harmonise,
    phrase_flags,
    spans_from_bio,
)
from lagebild.nlp import Tokenize
from lagebild.records import Article, Doc, Entity


def _doc(text: str, language: str = "de") -> Doc:
    return Tokenize()(Doc(Article(id="t", text=text, language=language)))


def _found(text: str, language: str = "de") -> dict[str, str]:
    return {e.text: e.type for e in find_entities(_doc(text, language))}


@pytest.mark.parametrize(
    ("text", "name", "typ"),
    [
        (
            "Bundeskanzlerin Angela Merkel hat am Montag in Berlin mit Vertretern der Industrie gesprochen.",
            "Angela Merkel",
            "PER",
        ),
        (
            "Bundeskanzlerin Angela Merkel hat am Montag in Berlin mit Vertretern der Industrie gesprochen.",
            "Berlin",
            "LOC",
        ),
        (
            "Der Technologiekonzern Siemens will in den kommenden Jahren 5000 Stellen streichen.",
            "Siemens",
            "ORG",
        ),
        ("Der russische Präsident Wladimir Putin reiste am Dienstag nach Teheran.", "Wladimir Putin", "PER"),
        ("Der russische Präsident Wladimir Putin reiste am Dienstag nach Teheran.", "Teheran", "LOC"),
        ("Die SPD will nach der Wahl in Niedersachsen mit den Grünen regieren.", "SPD", "ORG"),
        (
            "Kreml-Sprecher Dmitri Peskow sagte, Moskau werde die Lieferungen fortsetzen.",
            "Dmitri Peskow",
            "PER",
        ),
        ("Die Nato verstärkt ihre Präsenz im Baltikum, teilte das Bündnis in Brüssel mit.", "Brüssel", "LOC"),
    ],
)
def test_ner_finds_typed_name(text, name, typ):
    assert _found(text).get(name) == typ


def test_ner_spans_align_to_tokens():
    doc = _doc("Der iranische Präsident Ebrahim Raisi traf in Minsk den Machthaber Alexander Lukaschenko.")
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    ents = find_entities(doc)
    assert ents
    for e in ents:
        assert e.start in starts and e.end in ends
        assert doc.text[e.start : e.end] == e.text
        assert e.role is None and e.actor is None


@pytest.mark.parametrize("text", ["", "   ", "...", "– — ! ?"])
def test_ner_empty_and_punctuation_docs(text):
    doc = _doc(text) if text.strip() else Doc(Article(id="t", text=text, language="de"))
    assert find_entities(doc) == []


def test_ner_lower_case_sentence_is_skipped():
    assert find_entities(_doc("und dann war es still.")) == []


@pytest.mark.parametrize(
    ("text", "name", "typ"),
    [
        ("President Joe Biden met Chancellor Olaf Scholz in Washington on Friday.", "Joe Biden", "PER"),
        ("President Joe Biden met Chancellor Olaf Scholz in Washington on Friday.", "Washington", "LOC"),
        (
            "The United Nations Security Council condemned the attack.",
            "United Nations Security Council",
            "ORG",
        ),
        ("A spokesman for Siemens said the Bank of England had been informed.", "Bank of England", "ORG"),
    ],
)
def test_ner_english_fallback_finds_typed_name(text, name, typ):
    assert _found(text, "en").get(name) == typ


def test_ner_english_fallback_leaves_weekdays_and_titles_out():
    found = _found("On Monday, Deputy Foreign Minister Sergei Ryabkov spoke.", "en")
    assert "Monday" not in found and found.get("Sergei Ryabkov") == "PER"


@pytest.mark.parametrize(
    ("word", "following", "split"),
    [
        ("Irans", "Raisi", True),
        ("Iran", "Russland", True),
        ("Bundesrepublik", "Deutschland", False),
        ("Iran", "Air", False),
        ("Hans", "Meier", False),
    ],
)
def test_ner_country_opener(word, following, split):
    assert _country_opener(word, following, gazetteers()["country"]) is split


def test_ner_genitive_country_before_name_is_split():
    found = _found("Lukaschenko umwirbt Irans Raisi in fortgesetztem diplomatischen Vorstoß.")
    assert found.get("Irans") == "LOC" and "Irans Raisi" not in found


def test_ner_surname_after_full_name_is_per():
    ents = harmonise([Entity("Ebrahim Raisi", 0, 13, "PER"), Entity("Raisi", 40, 45, "LOC")])
    assert [e.type for e in ents] == ["PER", "PER"]


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        (["O", "B-PER", "I-PER", "O"], [(1, 3, "PER")]),
        (["I-LOC", "O", "B-ORG"], [(0, 1, "LOC"), (2, 3, "ORG")]),
        (["B-PER", "I-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),
        ([], []),
    ],
)
def test_ner_spans_from_bio(labels, spans):
    assert spans_from_bio(labels) == spans


def test_ner_phrase_gazetteer_marks_multiword_place():
    flags = phrase_flags(
        ["in", "den", "vereinigten", "staaten"], {"vereinigten": [(("vereinigten", "staaten"), "loc")]}
    )
    assert flags == [[], [], ["pB:loc"], ["pI:loc"]]


def test_ner_gazetteer_loads_kinds():
    gaz = gazetteers()
    assert "berlin" in gaz["loc"] and "angela" in gaz["per_first"] and "haus" in gaz["noun"]


def test_ner_germeval_sample_recall(shared):
    """On 100 GermEval news sentences the shipped model (trained on them: an upper bound, not a score)
    must find most PER/LOC/ORG names; the honest estimate is eval/ner_eval.py's cross-validation."""
    import sys

    path = shared_path("data", "ner-germeval2014", "NER-de-dev.tsv")
    sys.path.insert(0, str(path.parent.parent.parent / "tools"))
    import germeval

    gold = [(u, s) for u, s in germeval.read_gold(path) if germeval.is_news(u)][:100]
    found = total = 0
    for _, sent in gold:
        words = [w for w, _ in sent]
        doc = _doc(" ".join(words))
        got = {e.text for e in find_entities(doc)}
        for a, b, _ in germeval.spans([t for _, t in sent]):
            total += 1
            found += " ".join(words[a:b]) in got
    assert total > 50 and found / total > 0.8


def test_ner_import_loads_nothing_heavy():
    import subprocess
    import sys

    code = "import sys, lagebild.actors.ner; assert 'pycrfsuite' not in sys.modules and 'HanTa' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_packed_gazetteer_matches_its_sources():
    """The shipped trie is what scripts/build_gazetteer.py makes of the TSV sources (not stale)."""
    from lagebild.actors import gazetteer

    fresh = gazetteer.build_gazetteer()
    shipped = gazetteer.load_gazetteer().trie
    assert len(fresh) == len(shipped) and sorted(fresh.items()) == sorted(shipped.items())


def test_ner_train_writes_a_model_that_recognises_its_names(tmp_path):
    """`train` is what scripts/train_ner.py and the cross-validation (eval/ner_eval.py) call: a model
    trained on a few tagged sentences loads and finds a name it was trained on."""
    from lagebild.actors.ner import Recogniser, entities_with, train

    sentences = [
        (["Olaf", "Scholz", "reiste", "nach", "Paris", "."], ["NE", "NE", "VVFIN", "APPR", "NE", "$."]),
        (["Scholz", "traf", "Macron", "in", "Berlin", "."], ["NE", "VVFIN", "NE", "APPR", "NE", "$."]),
    ]
    labels = [["B-PER", "I-PER", "O", "O", "B-LOC", "O"], ["B-PER", "O", "B-PER", "O", "B-LOC", "O"]]
    model = tmp_path / "tiny.crfsuite"
    train([(w, t, lab) for (w, t), lab in zip(sentences, labels, strict=True)], model, copies=0)
    found = entities_with(Recogniser(model), _doc("Scholz reiste nach Paris."))
    assert ("Scholz", "PER") in {(e.text, e.type) for e in found}
