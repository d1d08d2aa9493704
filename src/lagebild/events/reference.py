"""Sentence-to-sentence reference for event sides: pronouns and speaker pronouns.

A third-person pronoun that is a clause's subject ("Er kritisierte …") stands for the last actor that
was the subject of a clause before it, if that actor is a person for "er"/"he" (and the like); "sie"
/"they" takes the last subject of any type. A first-person pronoun inside a quotation ("Wir werden …")
stands for the quotation's speaker. Role nouns in context ("die Regierung", "der Präsident") are the
linker's work (`actors.linker`); what it links arrives here as an ordinary mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ..actors.context import STATE_SECTORS
from ..lang import get_language
from ..records import Doc, Mention
from .arguments import linked
from .lexicon import lemma

WINDOW = 2  # sentences before the current one in which an organisation noun finds what it names


@cache
def pronoun_classes(language: str) -> dict[str, frozenset[str]]:
    """Pronoun words by class (person, any, speaker) from lang/<code>/events/pronouns.tsv."""
    out: dict[str, set[str]] = {}
    for r in get_language(language).read_tsv("events", "pronouns.tsv", required=("word", "class")):
        out.setdefault(r["class"], set()).add(r["word"].lower())
    return {k: frozenset(v) for k, v in out.items()}


@dataclass
class References:
    """The discourse so far: the last subject actors, for the pronouns of later clauses."""

    doc: Doc
    last_person: Mention | None = None
    last_any: Mention | None = None
    quotes: list[tuple[int, int, Mention]] = field(default_factory=list)
    seen: list[Mention] = field(default_factory=list)  # linked actors of clause arguments, in order

    def __post_init__(self) -> None:
        self.classes = pronoun_classes(self.doc.language)
        self.quotes = [(q.start, q.end, q.speaker) for q in self.doc.article.quotes if linked(q.speaker)]

    def note_subject(self, side: Mention | None, person: bool) -> None:
        """Remember a clause's subject actor (linked, or an unlinked person's name); `person`: a person."""
        if side is None or (not linked(side) and not person):
            return
        self.last_any = side
        if person:
            self.last_person = side

    def note_argument(self, side: Mention) -> None:
        if linked(side):
            self.seen.append(side)

    def last_two(self, start: int, end: int) -> list[Mention]:
        """The last two actors of different countries ("die beiden Präsidenten", "both sides")."""
        out: list[Mention] = []
        text = self.doc.text[start:end]
        for m in reversed(self.seen):
            country = m.actor.country or m.actor.id
            if all((o.actor.country or o.actor.id) != country for o in out):
                out.append(Mention(text, start, end, m.actor))
            if len(out) == 2:
                return out[::-1]
        return []

    def resolve(self, head: int) -> Mention | None:
        """The actor a pronoun argument stands for, or None (not a pronoun, or nothing to refer to)."""
        t = self.doc.tokens[head]
        word = t.text.lower()
        if word in self.classes.get("speaker", ()):
            return self._speaker(t.start)
        if word in self.classes.get("person", ()):
            return _at(self.last_person, t.text, t.start, t.end)
        if word in self.classes.get("any", ()) or lemma(t) in self.classes.get("any", ()):
            return _at(self.last_any, t.text, t.start, t.end)
        return None

    def resolve_body(self, head: int, side: Mention) -> Mention | None:
        """A definite organisation noun with no actor of its own ("Die Partei droht damit, …") stands
        for the last organisation named in it or the `WINDOW` sentences before it; `side` is the noun's
        own (unlinked) side, whose text the answer keeps."""
        toks = self.doc.tokens
        t = toks[head]
        if lemma(t) not in self.classes.get("body", ()) or head == 0:
            return None
        if toks[head - 1].text.lower() not in self.classes.get("definite", ()):
            return None
        first = self.doc.sent_tokens[max(t.sent - WINDOW, 0)][0]
        earlier = [
            m
            for m in self.doc.mentions
            if m.type == "ORG"
            and m.actor is not None
            and not (m.actor.code or "").endswith(tuple(STATE_SECTORS))  # "die Regierung" is no organisation
            and toks[first].start <= m.start
            and m.end <= side.start
        ]
        if not earlier:
            return None
        return Mention(side.text, side.start, side.end, max(earlier, key=lambda m: m.start).actor)

    def _speaker(self, offset: int) -> Mention | None:
        for s, e, speaker in self.quotes:
            if s <= offset < e:
                return Mention(speaker.text, speaker.start, speaker.end, speaker.actor)
        return None


def _at(m: Mention | None, text: str, start: int, end: int) -> Mention | None:
    """The referred actor, as a mention of the pronoun (so its evidence stays in the sentence)."""
    if m is None:
        return None
    return Mention(text, start, end, m.actor)
