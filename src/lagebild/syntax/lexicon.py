"""The closed-class words and tag classes the clause rules read (data/words.tsv, data/tags.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..resources import read_tsv

CASES = frozenset({"nom", "acc", "dat", "gen"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's word classes (lower-case lemma or form -> classes) and tag classes."""

    language: str
    words: dict[str, frozenset[str]]
    cases: dict[str, frozenset[str]]
    tags: dict[str, str]

    def has(self, word: str, cls: str) -> bool:
        return cls in self.words.get(word.lower(), ())

    def tag_class(self, tag: str) -> str:
        return self.tags.get(tag, "")

    def verb_form(self, tag: str) -> str:
        """'fin', 'inf', 'izu', 'part', 'ger' for a verb tag, '' otherwise."""
        cls = self.tags.get(tag, "")
        return cls[5:] if cls.startswith("verb:") else ""


@cache
def lexicon(language: str) -> Lexicon:
    """The language's lexicon (ValueError for a language without one)."""
    words: dict[str, set[str]] = {}
    cases: dict[str, frozenset[str]] = {}
    for row in read_tsv("syntax", "data", "words.tsv", required=("lang", "word", "class", "example")):
        if row["lang"] != language:
            continue
        word, cls = row["word"].lower(), row["class"]
        if cls.startswith("case:"):
            found = frozenset(cls[5:].split("|"))
            if not found <= CASES:
                raise ValueError(f"syntax/data/words.tsv: unknown case in {cls!r} ({word})")
            cases[word] = found
        else:
            words.setdefault(word, set()).add(cls)
    tags = {
        r["tag"]: r["class"]
        for r in read_tsv("syntax", "data", "tags.tsv", required=("lang", "tag", "class"))
        if r["lang"] == language
    }
    if not tags:
        raise ValueError(f"no syntax lexicon for language {language!r}")
    return Lexicon(language, {w: frozenset(c) for w, c in words.items()}, cases, tags)
