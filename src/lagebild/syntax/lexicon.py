"""The closed-class words and tag classes the clause rules read (lang/<code>/syntax/words.tsv, tags.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lang import get_language

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
    """The language's lexicon (UnsupportedLanguage for a language lagebild does not know)."""
    lang = get_language(language)
    words: dict[str, set[str]] = {}
    cases: dict[str, frozenset[str]] = {}
    for row in lang.read_tsv("syntax", "words.tsv", required=("word", "class", "example")):
        word, cls = row["word"].lower(), row["class"]
        if cls.startswith("case:"):
            found = frozenset(cls[5:].split("|"))
            if not found <= CASES:
                raise ValueError(f"lang/{language}/syntax/words.tsv: unknown case in {cls!r} ({word})")
            cases[word] = found
        else:
            words.setdefault(word, set()).add(cls)
    tags = {r["tag"]: r["class"] for r in lang.read_tsv("syntax", "tags.tsv", required=("tag", "class"))}
    return Lexicon(language, {w: frozenset(c) for w, c in words.items()}, cases, tags)
