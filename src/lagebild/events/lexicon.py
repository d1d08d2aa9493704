"""The event stage's word lookups: the language's modality cue words and a token's lemma."""

from __future__ import annotations

from functools import cache

from ..lang import get_language
from ..records import Token


@cache
def cues(language: str) -> dict[str, frozenset[str]]:
    """Cue class -> lemmas (lang/<code>/events/cues.tsv)."""
    out: dict[str, set[str]] = {}
    for row in get_language(language).read_tsv("events", "cues.tsv", required=("cue", "class")):
        out.setdefault(row["class"], set()).add(row["cue"].lower())
    return {k: frozenset(v) for k, v in out.items()}


def lemma(t: Token) -> str:
    """The lowercased lemma of a token (its text when the tagger gave none)."""
    return (t.lemma or t.text).lower()
