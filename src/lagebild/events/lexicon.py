"""Per-language cue tables and the word lookups (lemma, cue, clause lemmas) every coding step shares."""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING

from ..dates import time_words
from ..lang import get_language
from ..lang.tags import TagView
from ..records import Token
from .patterns import PatternIndex, load_patterns

if TYPE_CHECKING:
    from .clauses import Clause


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


class CoderBase:
    """The per-language resources of an event coder and the lookups its steps (mixins) share."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.g: TagView = get_language(language).tags
        self.ix: PatternIndex = load_patterns(language)
        self.cues = cues(language)
        self._state = threading.local()  # the sentence being coded; one coder serves many threads

    def _lemma(self, t: Token) -> str:
        return lemma(t)

    def _cue(self, t: Token, cls: str) -> bool:
        words = self.cues.get(cls, frozenset())
        return self._lemma(t) in words or t.text.lower() in words

    def _time_word(self, t: Token) -> bool:
        return t.text.lower() in time_words(self.language)

    def _lemmas(self, toks: list[Token], c: Clause) -> set[str]:
        """Lemmas and word forms of a clause, separable verbs joined ("wies ... zurück" -> zurückweisen)."""
        if c.lemmas is not None and c.lemma_size == len(c.toks):
            return c.lemmas
        out: set[str] = set()
        for i in c.toks:
            t = toks[i]
            out.add(self._lemma(t))
            out.add(t.text.lower())
            if self.g.is_verb(t.tag):
                out.add(self._verb_lemma(toks, c, i))
        c.lemmas, c.lemma_size = out, len(c.toks)
        return out

    def _verb_lemma(self, toks: list[Token], c: Clause, i: int) -> str:
        g = self.g
        t = toks[i]
        lem = self._lemma(t)
        if t.tag in g.finite:
            parts = [toks[k] for k in c.toks if k > i and toks[k].tag in g.particle]
            if parts:
                if self.language == "en":
                    return lem
                return self._lemma(parts[-1]) + lem
        return lem

    def _verb_cue(self, toks: list[Token], c: Clause, cls: str) -> bool:
        """A verb (or predicative "bereit") of the class governs the clause: its event nouns are
        demanded, refused, planned ("fordert Verhandlungen", "lehnte Gespräche ab"), not facts.
        "Der Anschlag forderte acht Tote" is no demand."""
        words = self.cues.get(cls, frozenset())
        if cls == "block" and self._clause_cue(toks, c, "casualty"):
            words = words - {"fordern"}
        if cls == "block" and self._clause_cue(toks, c, "claim"):
            words = words - self.cues.get(
                "claimverb", frozenset()
            )  # "claimed responsibility for the bombing"
        for i in c.toks:
            t = toks[i]
            if self.g.is_verb(t.tag) and (self._verb_lemma(toks, c, i) in words or self._lemma(t) in words):
                return True
            if t.tag in ("PTKVZ", "ADJ(D)") and self._lemma(t) in words:
                return True
        return False

    def _clause_cue(self, toks: list[Token], c: Clause, cls: str) -> bool:
        return bool(self._lemmas(toks, c) & self.cues.get(cls, frozenset()))
