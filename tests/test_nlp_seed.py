"""The shipped seed of HanTa analyses (src/lagebild/nlp_data/de_seed.pkl.xz, scripts/build_tag_seed.py).

The seed must hold exactly what HanTa computes (values and their types), be used when on, be ignored
when off (LAGEBILD_TAG_SEED=0 or `nlp.use_seed(False)`), and leave the memo caches bounded.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from lagebild import nlp

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Die Bundesregierung hat am Mittwoch neue Hilfen für die Landwirtschaft beschlossen.",
    "Der Außenminister kritisierte die Entscheidung scharf und kündigte Gegenmaßnahmen an.",
    "Tausende Menschen demonstrierten in den Straßen der Hauptstadt gegen die Regierung.",
]


@pytest.fixture(scope="module")
def seed() -> nlp.TagSeed:
    nlp.use_seed(True)
    nlp.tagger("de")
    got = nlp._seed("de")
    assert got is not None, "the German seed is not installed (scripts/build_tag_seed.py)"
    assert len(got) > 1000
    return got


@pytest.fixture(scope="module")
def stock():
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger(nlp._HANTA_MODEL["de"])


def _same(a: list, b: list) -> bool:
    """Equal values of equal types (numpy float64 stays numpy float64)."""
    return a == b and [(type(t), type(v)) for t, v in a] == [(type(t), type(v)) for t, v in b]


def test_seeded_analyses_equal_fresh_ones(seed, stock) -> None:
    fast = nlp.tagger("de").analyze_viterbi.__self__  # the uncached _FastLattice
    words = random.Random(20261124).sample(seed.words(), 400)
    forward = lemmas = 0
    for i, w in enumerate(words):
        got = seed.forward(w)
        if got is not None:
            forward += 1
            assert _same(got, fast.analyze_forward(w)), w
            if i < 80:  # stock HanTa is slower: a smaller sample
                assert _same(got, stock.analyze_forward(w)), w
        for tag, lemma in seed.lemmas(w):
            lemmas += 1
            assert lemma == stock._analyze(w, tag, taglevel=1)[0], (w, tag)
    assert forward > 100 and lemmas > 100  # the sample really exercised both parts
    assert seed.forward("xqzvbrmpf") is None and seed.lemmas("xqzvbrmpf") == []


def test_tagging_with_and_without_seed_equals_stock(seed, stock) -> None:
    words = [w for s in SENTENCES for w, _, _ in nlp.split_sentences(s, "de")[0]]
    expected = [(tag, lemma) for _, lemma, tag in stock.tag_sent(words, taglevel=1)]
    try:
        nlp.use_seed(False)
        hits = seed.forward_hits, seed.lemma_hits
        assert nlp._tag("de", words) == expected
        assert (seed.forward_hits, seed.lemma_hits) == hits  # off means not consulted
        assert nlp.seed_info() is None and "seed_words" not in nlp.cache_info()["de"]
        nlp.use_seed(True)
        assert nlp._tag("de", words) == expected
        assert seed.lemma_hits > hits[1]  # on means used (these are common words)
        assert nlp.seed_info()["words"] == len(seed)
    finally:
        nlp.use_seed(True)


def test_clear_caches_keeps_the_seed(seed) -> None:
    t = nlp.tagger("de")
    word = next(w for w in seed.words() if seed.forward(w) is not None)
    nlp.clear_caches()
    assert seed.forward_hits == 0
    assert t.analyze_forward(word) == t.analyze_forward(word) == seed.forward(word)
    assert seed.forward_hits == 3  # seeded words are answered by the seed each time...
    assert t.analyze_forward.cache_info().currsize == 0  # ...and kept out of the bounded memo
    t.analyze_forward("xqzvbrmpfung")
    assert t.analyze_forward.cache_info().currsize == 1


def _child(code: str, **env: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_env_var_turns_the_seed_off() -> None:
    code = "import json; from lagebild import nlp; print(json.dumps([nlp._SEED_ENABLED, nlp.seed_info()]))"
    assert _child(code, LAGEBILD_TAG_SEED="0") == [False, None]


def test_seed_larger_than_the_memo_bound(stock) -> None:
    """A 10-entry memo with a seed of many thousand words: bounded, and the output is unchanged."""
    words = [w for s in SENTENCES for w, _, _ in nlp.split_sentences(s, "de")[0]]
    code = (
        "import json; from lagebild import nlp\n"
        f"words = {words!r}\n"
        "tags = nlp._tag('de', words)\n"
        "t = nlp.tagger('de')\n"
        "print(json.dumps({'tags': tags, 'memo': t.analyze_forward.cache_info().currsize,\n"
        "  'lemmas': nlp._lemmatizer('de').cache_info().currsize, 'seed': nlp.seed_info()['words']}))"
    )
    got = _child(code, LAGEBILD_TAG_CACHE="10", LAGEBILD_TAG_SEED="1")
    assert [tuple(x) for x in got["tags"]] == [
        (tag, lemma) for _, lemma, tag in stock.tag_sent(words, taglevel=1)
    ]
    assert got["memo"] <= 10 and got["lemmas"] <= 15
    assert got["seed"] > 10
