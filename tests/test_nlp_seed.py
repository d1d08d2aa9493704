"""The shipped seed of HanTa analyses (src/lagebild/lang/de/tagger/seed/, scripts/build_tag_seed.py).

The seed must hold exactly what HanTa computes (values and their types), be used when the tagger's
settings ask for it and not consulted otherwise, leave the memo caches bounded, be plain arrays (no
pickle), and be refused loudly when it was built for another HanTa.
"""

from __future__ import annotations

import json
import random
import shutil
from types import SimpleNamespace

import pytest

from lagebild import nlp
from lagebild.adapters import hanta
from lagebild.lang import get_language
from lagebild.nlp.seed import TagSeed

SENTENCES = [
    "Die Bundesregierung hat am Mittwoch neue Hilfen für die Landwirtschaft beschlossen.",
    "Der Außenminister kritisierte die Entscheidung scharf und kündigte Gegenmaßnahmen an.",
    "Tausende Menschen demonstrierten in den Straßen der Hauptstadt gegen die Regierung.",
]
SEED_DIR = get_language("de").path("tagger", "seed")


@pytest.fixture(scope="module")
def seeded() -> nlp.Tagger:
    t = nlp.Tagger("de", nlp.TaggerSettings(seed=True))
    assert t.seed is not None, "the German seed is not installed (scripts/build_tag_seed.py)"
    assert len(t.seed) > 1000
    return t


@pytest.fixture(scope="module")
def stock():
    return hanta.load_model(get_language("de").tagger_model)


def _words() -> list[str]:
    return [w for s in SENTENCES for w, _, _ in nlp.split_sentences(s, "de")[0]]


def _same(a: list, b: list) -> bool:
    """Equal values of equal types (numpy float64 stays numpy float64)."""
    return a == b and [(type(t), type(v)) for t, v in a] == [(type(t), type(v)) for t, v in b]


def test_seeded_analyses_equal_fresh_ones(seeded, stock) -> None:
    seed, fast = seeded.seed, seeded.lattice
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
            assert lemma == hanta.lemma(stock, w, tag), (w, tag)
    assert forward > 100 and lemmas > 100  # the sample really exercised both parts
    assert seed.forward("xqzvbrmpf") is None and seed.lemmas("xqzvbrmpf") == []


def test_tagging_with_and_without_seed_equals_stock(seeded, stock) -> None:
    words = _words()
    expected = [(tag, lemma) for _, lemma, tag in stock.tag_sent(words, taglevel=1)]
    cold = nlp.Tagger("de", nlp.TaggerSettings(seed=False))
    assert cold.seed is None and cold.seed_info() is None and "seed_words" not in cold.cache_info()
    assert cold.tag(words) == expected
    hits = seeded.seed.lemma_hits
    assert seeded.tag(words) == expected
    assert seeded.seed.lemma_hits > hits  # on means used (these are common words)
    assert seeded.seed_info()["words"] == len(seeded.seed)


def test_clear_caches_keeps_the_seed(seeded) -> None:
    seed = seeded.seed
    word = next(w for w in seed.words() if seed.forward(w) is not None)
    seeded.clear_caches()
    assert seed.forward_hits == 0
    assert seeded.analyze_forward(word) == seeded.analyze_forward(word) == seed.forward(word)
    assert seed.forward_hits == 3  # seeded words are answered by the seed each time...
    assert seeded.cache_info()["word_misses"] == 0  # ...and kept out of the bounded memo
    seeded.analyze_forward("xqzvbrmpfung")
    assert seeded.cache_info()["word_misses"] == 1


def test_seed_larger_than_the_memo_bound(stock) -> None:
    """A 10-entry memo with a seed of many thousand words: bounded, and the output is unchanged."""
    words = _words()
    small = nlp.Tagger("de", nlp.TaggerSettings(word_cache=10, seed=True))
    assert small.tag(words) == [(tag, lemma) for _, lemma, tag in stock.tag_sent(words, taglevel=1)]
    assert small._forward_memo.cache_info().currsize <= 10
    assert small._lemma.cache_info().currsize <= 15


def test_seed_is_plain_arrays_not_pickle() -> None:
    names = {p.name for p in SEED_DIR.iterdir()}
    assert names == {"meta.json"} | {f"{k}.npy" for k in nlp.seed.ARRAYS}
    assert not list(SEED_DIR.parent.parent.parent.rglob("*.pkl*"))


def test_a_seed_built_for_another_hanta_is_refused(tmp_path) -> None:
    folder = tmp_path / "tagger" / "seed"
    shutil.copytree(SEED_DIR, folder)
    meta = json.loads((folder / "meta.json").read_text())
    (folder / "meta.json").write_text(json.dumps({**meta, "hanta": "0.9"}))
    lang = SimpleNamespace(path=lambda *parts: tmp_path.joinpath(*parts), tagger_model=meta["model"])
    with pytest.raises(RuntimeError, match=r"built with HanTa 0\.9"):
        nlp.Tagger._load_seed(lang)
    assert isinstance(TagSeed.load(SEED_DIR), TagSeed)
