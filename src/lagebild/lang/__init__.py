"""The supported languages: one package per language owns everything language-specific.

`lang/<code>/` holds the language's definition (`__init__.py`: models, tag view) and its data under one
naming convention, by stage: `tags.py` (the tag view), `dates.tsv`, `events/` (patterns, cues),
`quotes/` (cues, Konjunktiv forms, source heads), `actors/` (linker words), `ner/` (model and word lists),
`tagger/` (the tagging seed), `parser/` (the dependency model). Stages ask the registry for a
`Language` and read its files through it; they never test a language code or fall back on another
language. `docs/languages.md` is the checklist for adding one.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import UnsupportedLanguage
from ..resources import data_path, read_tsv
from .tags import TagView

SUPPORTED: tuple[str, ...] = ("de", "en")


@dataclass(frozen=True)
class Language:
    """A supported language: its code, its models and its tag view; its data files by path."""

    code: str
    name: str
    tokenizer_model: str  # SoMaJo's model name
    tagger_model: str  # HanTa's model file
    tags: TagView
    recogniser: str  # the NER: "crf" (a model in ner/) or "capitalised-runs" (rules over ner/cues.tsv)

    def path(self, *parts: str) -> Path:
        """A data file of this language: `lang/<code>/<parts...>`."""
        return data_path("lang", self.code, *parts)

    def has(self, *parts: str) -> bool:
        return self.path(*parts).exists()

    def read_tsv(self, *parts: str, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
        """Rows of one of this language's TSV files (validated; see `resources.read_tsv`)."""
        return read_tsv("lang", self.code, *parts, required=required)


@cache
def get_language(code: str) -> Language:
    """The registered language for `code`; UnsupportedLanguage for anything else."""
    if code not in SUPPORTED:
        raise UnsupportedLanguage(
            "<language>", f"language {code!r} is not supported (only {', '.join(SUPPORTED)})"
        )
    module = importlib.import_module(f"{__name__}.{code}")
    language = module.LANGUAGE
    if language.code != code or language.tags.language != code:
        raise ValueError(f"lang/{code}: the package defines language {language.code!r}")
    return language


def all_languages() -> list[Language]:
    return [get_language(code) for code in SUPPORTED]
