"""Shared pieces of the actor linker: candidate spans, tag sets and the context word lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..lang import all_languages
from ..records import Actor
from .kb import ActorEntry, RoleWord
from .translit import is_dropped, plain, tokenize_name

UNLINKED = "unlinked:"
PATTERN_KINDS = {
    "loc_prep",
    "org_head",
    "article",
    "name_particle",
    "not_name",
    "name_glue",
    "genitive_article",
    "possessive",
    "coordinator",
    "common_word",
    "definite_article",
    "plural_article",
}
# STTS (HanTa German), Penn and CLAWS5 (HanTa English) proper-noun and noun-like tags
PROPER_TAGS = {"NE", "NNP", "NNPS", "NP0"}
NAME_TAGS = {"NE", "NN", "FM", "XY", "TRUNC", "NNP", "NNPS", "NNS", "NP0", "NN0", "NN1", "NN2", "UNC"}
GROUPISH = {"ORG", "GPE", "LOC"}
NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'’.]*(?:-[^\W\d_]+)*\.?$")
ADJ_ENDING = {"m": "er", "f": "e", "n": "es", "pl": "e"}


@cache
def patterns() -> dict[tuple[str, str], frozenset[str]]:
    """Context word lists from lang/<code>/actors/linker.tsv, by (kind, language)."""
    out: dict[tuple[str, str], set[str]] = {}
    for lang in all_languages():
        for row in lang.read_tsv("actors", "linker.tsv", required=("kind", "value")):
            if row["kind"] not in PATTERN_KINDS:
                raise ValueError(f"lang/{lang.code}/actors/linker.tsv: unknown kind {row['kind']!r}")
            out.setdefault((row["kind"], lang.code), set()).add(row["value"])
    return {k: frozenset(v) for k, v in out.items()}


def pat(kind: str, lang: str) -> frozenset[str]:
    return patterns().get((kind, lang), frozenset())


@dataclass
class Cand:
    """A candidate mention over tokens [a, b) and characters [start, end)."""

    a: int
    b: int
    start: int
    end: int
    type: str
    kind: str  # name | ner | adj | part | body | role
    entry: ActorEntry | None = None
    actor: Actor | None = None
    role: str | None = None
    role_word: RoleWord | None = None
    country: str | None = None
    persons: list[Cand] = field(default_factory=list)
    modified: bool = False  # a role phrase with "stellvertretend", "ehemalig", "former" ...
    place: str | None = None  # the city of a role phrase ("Kiews Bürgermeister" → "Kiew")
    alternatives: list[ActorEntry] = field(default_factory=list)  # namesakes of other countries


@lru_cache(maxsize=50_000)
def alias_words(text: str) -> frozenset[str]:
    """The words of a KB name as written ("Ärzte ohne Grenzen" → {"Ärzte", "ohne", "Grenzen"})."""
    return frozenset(tokenize_name(text))


@lru_cache(maxsize=50_000)
def alias_plain(text: str) -> tuple[str, ...]:
    """The plain spelling of a KB name's words, without a stand-alone "Al"."""
    return tuple(p for p in (plain(t) for t in tokenize_name(text) if not is_dropped(t)) if p)
