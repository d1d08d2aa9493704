"""The most frequent quote speakers on real news (10kGNAD in ../shared, skipped without it) are names or
person/organisation noun phrases — never an adverb, a date, a source phrase or an unresolved pronoun.

The whole corpus (877 articles) is `python -m eval.quotes_gnad_speakers`; this test runs every 6th article
so that `make test` stays short. The check itself is tested on strings first.
"""

from __future__ import annotations

import pytest
from eval.paths import Paths
from eval.quotes_gnad_speakers import GNAD, load, speaker_problem, top_speakers


@pytest.mark.parametrize(
    "text, resolved, problem",
    [
        ("Faymann", 1.0, None),
        ("die Polizei", 0.0, None),
        ("der Sprecher des Ministeriums", 0.0, None),
        ("Die Bundesregierung", 0.0, None),
        ("er", 0.95, None),
        ("er", 0.5, "unresolved pronoun"),
        ("man", 0.0, "names nobody"),
        ("demnach", 0.0, "adverb"),
        ("Montagmittag", 0.0, "date"),
        ("eigenen Angaben", 0.0, "source phrase"),
        ("Der Mitteilung", 0.0, "source phrase"),
        ("Bestimmungen", 0.0, "abstract noun"),
        ("die Wahrscheinlichkeit eines kurzfristigen Schocks", 0.0, "abstract noun"),
    ],
)
def test_the_speaker_check(text, resolved, problem):
    assert speaker_problem(text, resolved) == problem


def test_the_20_most_frequent_speakers_on_10kgnad_are_names_or_person_phrases(shared):
    shared(*GNAD.parts)
    texts = load(Paths(), step=6)
    assert len(texts) >= 140
    top = top_speakers(texts, 20)
    assert len(top) == 20
    bad = [(s, n, speaker_problem(s, k / n)) for s, n, k in top if speaker_problem(s, k / n)]
    assert bad == [], top
