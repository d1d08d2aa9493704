"""The linker's per-language settings (lang/<code>/actors/grammar.tsv) load and are validated."""

from __future__ import annotations

import pytest

from lagebild.actors import grammar as grammar_mod
from lagebild.lang import SUPPORTED


@pytest.mark.parametrize("code", SUPPORTED)
def test_grammar_loads_for_every_language(code):
    g = grammar_mod.grammar(code)
    assert g.language == code
    assert g.role_text in grammar_mod.ROLE_TEXTS
    assert g.name_tags and g.proper_tags and g.coordination in grammar_mod.COORDINATIONS


class _FakeLanguage:
    def __init__(self, rows):
        self.rows = rows
        self.tags = type("T", (), {"proper": frozenset({"NE"})})()

    def read_tsv(self, *parts, required=()):
        return [{"setting": k, "value": v} for k, v in self.rows.items()]


def _rows(**over):
    rows = {
        "genitive_s": "yes",
        "nouns_capitalised": "yes",
        "closed_compounds": "no",
        "role_text": "normalised",
        "coordination": "genitive",
        "foreign_adjectives": "-",
        "foreign_tag": "-",
        "office_texts": "no",
        "name_tags": "NE|NN",
        "adjective_tag": "ADJ",
        "misread_tags": "ADJ",
    }
    rows.update(over)
    return {k: v for k, v in rows.items() if v is not None}


@pytest.mark.parametrize(
    "over, message",
    [
        ({"genitive_s": "maybe"}, "genitive_s: expected yes or no"),
        ({"role_text": "pretty"}, "role_text: expected one of"),
        ({"office_texts": None}, "missing settings ['office_texts']"),
        ({"plural_s": "yes"}, "unknown settings ['plural_s']"),
    ],
)
def test_grammar_rejects_bad_settings(monkeypatch, over, message):
    monkeypatch.setattr(grammar_mod, "get_language", lambda code: _FakeLanguage(_rows(**over)))
    grammar_mod.grammar.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"grammar\.tsv") as exc:
            grammar_mod.grammar("xx")
        assert message in str(exc.value)
    finally:
        grammar_mod.grammar.cache_clear()


def test_grammar_reads_optional_values(monkeypatch):
    monkeypatch.setattr(
        grammar_mod, "get_language", lambda code: _FakeLanguage(_rows(foreign_adjectives="en"))
    )
    grammar_mod.grammar.cache_clear()
    try:
        g = grammar_mod.grammar("xx")
        assert g.foreign_adjectives == "en" and g.foreign_tag is None and g.name_tags == {"NE", "NN"}
    finally:
        grammar_mod.grammar.cache_clear()
