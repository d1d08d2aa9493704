"""The adapters are pinned to the library versions they were written for, and the private parts they
touch still exist: this fails loudly when SoMaJo or HanTa change (update the adapter, then the pin)."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from lagebild.adapters import hanta, somajo
from lagebild.lang import get_language


@pytest.mark.parametrize(("dist", "adapter"), [("SoMaJo", somajo), ("HanTa", hanta)])
def test_installed_library_is_the_pinned_one(dist, adapter):
    assert version(dist) == adapter.PINNED, f"{dist} changed: check lagebild/adapters/{adapter.__name__}"


def test_somajo_private_parts():
    tok = somajo.fast_tokenizer("de_CMC")
    assert callable(tok._tokenizer._split_emojis)
    assert "\u200b" in somajo.skippable_characters()  # a zero-width space is skipped between tokens
    sents = list(tok.tokenize_text(["Er sagte 👍 und ging."]))
    assert [t.text for t in sents[0]] == ["Er", "sagte", "👍", "und", "ging", "."]


def test_hanta_private_parts():
    t = hanta.load_model(get_language("de").tagger_model)
    for name in ("LP_m_t", "LP_hapax_t", "LP_s_t", "LP_trans_nonfinal", "LP_trans_final", "reachability"):
        assert hasattr(t, name), name
    lattice = hanta.FastLattice(t, guess_cache_size=100)
    for word in ("Außenminister", "verhandelten", "Xqzvbr"):
        assert lattice.analyze_forward(word) == t.analyze_forward(word)
    words = ["Die", "Minister", "verhandelten", "lange", "."]
    tags = hanta.tag_numbers(t, words)
    assert [hanta.tag_names(t)[n] for n in tags][:3] == ["ART", "NN", "VV(FIN)"]
    assert hanta.lemma(t, "verhandelten", tags[2]) == "verhandeln"
    assert hanta.candidate_tags(t, "Regierung")


LANGID_TEXTS = [
    "Kreml-Sprecher Dmitri Peskow wies die Vorwürfe am Montag zurück.",
    "The European Commission declined to comment on the talks in Brussels.",
    "Le gouvernement a annoncé de nouvelles mesures contre l'inflation.",
    "De regering heeft nieuwe maatregelen aangekondigd tegen de inflatie.",
    "Ein kurzer Satz.",
    "ok",
]


def test_py3langid_adapter_is_pinned_and_gives_the_librarys_results(tmp_path):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from lagebild.adapters import py3langid

    assert version("py3langid") == py3langid.PINNED
    stock = LanguageIdentifier.from_model_file(MODEL_FILE)
    folder = tmp_path / "cache" / "model"
    unpacked = py3langid.identifier(py3langid.load_arrays(folder=folder))  # unpacks and writes the cache
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.npy" for n in py3langid.ARRAYS)
    mapped = py3langid.identifier(py3langid.load_arrays(folder=folder))  # memory-maps the cache
    for text in LANGID_TEXTS:
        want = stock.classify(text)
        assert unpacked.classify(text) == want and mapped.classify(text) == want, text
        assert mapped.rank(text)[:5] == stock.rank(text)[:5]
