"""Arguments to actors: which actor mention an argument of a clause stands for.

The syntax layer gives an argument as its head token; the linker's mentions (`doc.mentions`) give
the actors. An argument is the mention that covers its head, else the best mention inside its phrase
(the head's subtree without relative clauses, appositions set off by commas and further conjuncts:
`syntax.phrase_span`). A phrase without a mention is still a side when its head is an actor noun
("die Rebellen", "Demonstranten", "US-Einheiten": the language's `events/actor_nouns.tsv`) or a
name the linker could not place: the side keeps the phrase's text with no actor. Coordinated
arguments ("mit den USA, Frankreich und den Briten") give one side each.
"""

from __future__ import annotations

import bisect
from functools import cache

from ..actors.kb import load_kb
from ..actors.spans import UNLINKED
from ..lang import get_language
from ..records import Doc, Entity, Mention
from ..syntax import conjuncts, noun_dependents, phrase_span
from .lexicon import lemma

# Prepositions that place an actor noun in a state ("die Polizei in Minsk"), by language-neutral lemma.
PLACE_MARKERS = frozenset({"in", "aus", "von", "gen", "of", "from"})
# Determiners and the like that an unlinked side's text leaves out at its start.
_LEADING = frozenset({"ART", "PDAT", "PIAT", "PPOSAT", "AT0", "DT0", "DPS"})


@cache
def actor_nouns(language: str) -> frozenset[str]:
    """Lower-cased nouns that denote actors (people, groups, bodies): lang/<code>/events/actor_nouns.tsv."""
    lang = get_language(language)
    if not lang.has("events", "actor_nouns.tsv"):
        return frozenset()
    return frozenset(
        r["noun"].lower() for r in lang.read_tsv("events", "actor_nouns.tsv", required=("noun",))
    )


class Arguments:
    """Maps argument heads of one doc to sides (mentions, linked or not)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.nouns = actor_nouns(doc.language)
        self.kb = load_kb()
        starts = [t.start for t in doc.tokens]
        self._starts = starts
        self._by_token: dict[int, list[Entity]] = {}
        self.persons: set[tuple[int, int]] = set()  # (start, end) of sides that are people
        for m in doc.mentions:
            for i in self._token_range(m.start, m.end):
                self._by_token.setdefault(i, []).append(m)

    def _token_range(self, start: int, end: int) -> range:
        a = bisect.bisect_right(self._starts, start) - 1
        b = bisect.bisect_left(self._starts, end)
        return range(max(a, 0), b)

    def sides(self, head: int | None) -> list[Mention]:
        """One side per conjunct of the argument (none when no conjunct is an actor)."""
        if head is None or head < 0:
            return []
        out: list[Mention] = []
        for h in conjuncts(self.doc, head) if self.doc.tokens[head].head >= 0 else [head]:
            for side in self._placed_all(h) or [self.side(h)]:
                if side is not None and all((side.start, side.end) != (o.start, o.end) for o in out):
                    out.append(side)
        return out

    def _placed_all(self, head: int) -> list[Mention]:
        """An unlinked actor noun placed by coordinated states: "die Präsidenten Russlands und Chinas"
        stand for both."""
        if not self._actor_noun(head):
            return []  # (a mention of the noun itself may cover the first place only: "the foreign
            # ministers of Greece and Turkey", "Officials from Kyiv and Warsaw")
        a, _ = phrase_span(self.doc, head)
        out = []
        for marker, dep in noun_dependents(self.doc, head):
            if marker in PLACE_MARKERS:
                for h in conjuncts(self.doc, dep):
                    known = [m for m in self._by_token.get(h, []) if linked(m)]
                    out += [self._span_to(a, _best(known))] if known else []
        return out if len(out) > 1 else []

    def _span_to(self, a: int, m: Entity) -> Mention:
        start = self.doc.tokens[a].start
        return Mention(self.doc.text[start : m.end], start, m.end, m.actor)

    def side(self, head: int) -> Mention | None:
        """The mention an argument head stands for, or an unlinked side, or None. A name in brackets is a
        gloss, no argument: "Franz Josef Jung (CDU)", "Berninger (Grüne)"."""
        if self._bracketed(head):
            return None
        covering = self._by_token.get(head, [])
        a, b = phrase_span(self.doc, head)
        if covering and not linked(_best(covering)) and self._actor_noun(head):
            placed = self._placed(head, a)  # "officials from Kyiv" stand for Ukraine
            if placed is not None:
                return placed
        if covering:
            best = _best(covering)
            apposed = self._apposed_person(head) if best.type != "PER" else None
            return self._as_mention(apposed or best)  # "Der Spitzenkandidat der CDU, Christoph Böhr,"
        inside = [m for i in range(a, b) if not self._bracketed(i) for m in self._by_token.get(i, [])]
        apposed = self._apposed_person(head)  # the apposition names the head itself, not an attribute's actor
        if apposed is not None:
            return self._as_mention(apposed)
        known = [m for m in inside if linked(m)]
        if known:
            return self._as_mention(_best(known))
        if self._actor_noun(head):
            return self._placed(head, a) or self._unlinked(a, b)
        return None

    def _apposed_person(self, head: int) -> Entity | None:
        """The person an apposition names where the phrase names none: "Einer der größten Kritiker des
        Ministerpräsidenten, Sondhi Limthongkul, …" stands for Sondhi Limthongkul. For a role noun the
        apposition may hang on a noun inside its phrase ("Der Spitzenkandidat der CDU in Bayern, Markus
        Huber,": the parser hangs the name on "Bayern"); it still names the role's holder."""
        toks = self.doc.tokens
        _, hi = self.doc.sent_tokens[toks[head].sent]
        deep = self._actor_noun(head) and toks[head].tag not in get_language(self.doc.language).tags.proper
        for k in range(head + 1, hi):
            if toks[k].dep != "appos" or not (toks[k].head == head or (deep and self._below(k, head))):
                continue
            persons = [m for m in self._by_token.get(k, []) if m.type == "PER"]
            if persons:
                return _best(persons)
        return None

    def _below(self, k: int, head: int) -> bool:
        """Token k hangs (directly or not) on `head`."""
        toks, seen = self.doc.tokens, set()
        while toks[k].head != k and k not in seen:
            seen.add(k)
            k = toks[k].head
            if k == head:
                return True
        return False

    def _bracketed(self, i: int, reach: int = 6) -> bool:
        """Token `i` stands inside round brackets that close within a few tokens."""
        toks = self.doc.tokens
        lo, hi = self.doc.sent_tokens[toks[i].sent]
        left = next((k for k in range(i - 1, max(lo, i - reach) - 1, -1) if toks[k].text in ("(", ")")), None)
        right = next((k for k in range(i + 1, min(hi, i + reach + 1)) if toks[k].text in ("(", ")")), None)
        return left is not None and right is not None and toks[left].text == "(" and toks[right].text == ")"

    def _placed(self, head: int, a: int) -> Mention | None:
        """An actor noun placed by a country or city: "die Opposition in Serbien", "die Polizei in
        Minsk", "Demonstranten aus Georgien" stand for that state."""
        for marker, dep in noun_dependents(self.doc, head):
            if marker not in PLACE_MARKERS:
                continue
            place = self._by_token.get(dep, [])
            known = [m for m in place if linked(m)]
            if known:
                m = _best(known)
                start = self.doc.tokens[a].start
                return Mention(self.doc.text[start : m.end], start, m.end, m.actor)
        return None

    def is_actor(self, head: int) -> bool:
        """The argument itself names an actor: a mention covers its head, or it is an actor noun or a name
        (not merely a phrase with an actor inside: "eine Reform des Sicherheitsrats" is no actor)."""
        return bool(self._by_token.get(head)) or self._actor_noun(head)

    def _actor_noun(self, head: int) -> bool:
        """A noun that denotes actors (the language's actor nouns, or a role word of the knowledge base:
        "Amtskollege", "Bürgermeister"), or a name."""
        t = self.doc.tokens[head]
        tags = get_language(self.doc.language).tags
        for low in {lemma(t), t.text.lower()}:
            if low in self.nouns or any(low.endswith(n) for n in self.nouns if len(n) >= 6):
                return True
            if t.tag in tags.noun and self.kb.role(self.doc.language, (low,)) is not None:
                return True
        return t.tag in tags.proper and t.text[:1].isupper()

    def _as_mention(self, e: Entity) -> Mention:
        if e.type == "PER":
            self.persons.add((e.start, e.end))
        return Mention(e.text, e.start, e.end, e.actor)

    def is_person(self, m: Mention) -> bool:
        return (m.start, m.end) in self.persons

    def _unlinked(self, a: int, b: int) -> Mention:
        toks = self.doc.tokens
        while a < b - 1 and toks[a].tag in _LEADING:
            a += 1
        start, end = toks[a].start, toks[b - 1].end
        return Mention(self.doc.text[start:end], start, end, None)


def linked(m) -> bool:
    """A mention linked to a knowledge-base actor (the linker's `unlinked:` placeholders are not)."""
    return m is not None and m.actor is not None and not m.actor.id.startswith(UNLINKED)


def _best(mentions: list[Entity]) -> Entity:
    """A linked mention before an unlinked one, then the longest (the person over a role word in it)."""
    return max(mentions, key=lambda m: (linked(m), m.end - m.start, -m.start))
