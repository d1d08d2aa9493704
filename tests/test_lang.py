"""The language registry: every supported language is complete, and nothing else is accepted."""

from __future__ import annotations

from dataclasses import fields

import pytest

from lagebild.errors import UnsupportedLanguage
from lagebild.lang import SUPPORTED, get_language
from lagebild.lang.tags import TagView

FILES = [
    ("dates.tsv",),
    ("dates_patterns.tsv",),
    ("events", "patterns.tsv"),
    ("events", "cues.tsv"),
    ("quotes", "cues.tsv"),
    ("actors", "linker.tsv"),
]


@pytest.mark.parametrize("code", SUPPORTED)
def test_every_language_has_its_files_and_a_full_tag_view(code):
    lang = get_language(code)
    assert lang.code == code and lang.tags.language == code
    for parts in FILES:
        assert lang.has(*parts), f"lang/{code}/{'/'.join(parts)} is missing"
    for f in fields(TagView):
        assert getattr(lang.tags, f.name) is not None, f.name
    assert lang.tags.finite and lang.tags.noun and lang.tags.prep


@pytest.mark.parametrize("code", ["fr", "xx", "", "DE"])
def test_other_languages_are_refused_by_name(code):
    with pytest.raises(UnsupportedLanguage, match="not supported"):
        get_language(code)
