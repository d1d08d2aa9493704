"""Speaker finding: a decision list of small named rules (`SPEAKER_RULES`) over the clause of a cue verb.

The first rule that gives a phrase wins; a rule may instead answer that the verb shares the subject of
another verb (coordination), and the search moves there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .frames import (
    FOCUS_WORDS,
    NOT_SUBJECT_START,
    SKIP_AFTER_VERB,
    SOURCE_PREPS,
    SUBORDINATORS,
    Frames,
    Phrase,
    is_comma,
)


@dataclass(frozen=True)
class SameSubject:
    """A speaker rule's answer "this verb shares the subject of the verb at `verb`" (coordination)."""

    verb: int


def find_speaker(f: Frames, v: int, start: int, end: int, aux: int | None = None) -> Phrase | None:
    """The speaker phrase of the cue verb at token v within sentence tokens [start, end); `aux` is its
    finite auxiliary, if any."""
    clause = Clause(f, v, start, end, aux)
    for rule in SPEAKER_RULES:
        found = rule(f, clause)
        if isinstance(found, SameSubject):
            return find_speaker(f, found.verb, start, end)
        if found is not None:
            return found
    return None


class Clause:
    """The cue verb a speaker is sought for, and its clause: where it starts and where a subject may."""

    def __init__(self, f: Frames, v: int, start: int, end: int, aux: int | None) -> None:
        self.f, self.v, self.start, self.end, self.aux = f, v, start, end, aux
        self.head = aux if aux is not None else v  # the finite verb
        self.quoting = f.tokens[v].lemma == "zitieren"  # the quoted person is the object

    @property
    def passive(self) -> bool:
        return self.aux is not None and self.f.tokens[self.aux].lemma == "werden"

    @cached_property
    def cs(self) -> int:
        return self.f.clause_start(self.head, self.start)

    @cached_property
    def _subject_slot(self) -> tuple[int, bool]:
        """Where the subject may start (after conjunctions, focus words, "wie"), and whether the clause
        is subordinate ("wie der Sprecher mitteilte", "und er sagte", "Auch Hassemer glaubt")."""
        toks, tg, cs, head = self.f.tokens, self.f.tags, self.cs, self.head
        first = cs
        subordinate = cs > self.start and toks[cs - 1].tag in tg.subordinate_opener
        while first < head and (
            toks[first].tag in tg.clause_opener
            or toks[first].text.lower() in FOCUS_WORDS
            or (
                first == cs
                and toks[first].text.lower() in SUBORDINATORS
                and head + 1 < len(toks)
                and tg.clause_punct(toks[head + 1])
            )
        ):
            subordinate = subordinate or (first == cs and toks[first].text.lower() in SUBORDINATORS)
            subordinate = subordinate or toks[first].tag in tg.subordinate_opener
            first += 1
        if subordinate:
            while first < head and toks[first].tag in tg.view.adverb:
                first += 1  # "wie schon die WHO sagte"
        return first, subordinate

    @property
    def first(self) -> int:
        return self._subject_slot[0]

    @property
    def subordinate(self) -> bool:
        return self._subject_slot[1]


SpeakerRule = Callable[[Frames, Clause], "Phrase | SameSubject | None"]


def heisst_es_source(f: Frames, c: Clause) -> Phrase | None:
    """ "Im Bericht heißt es, …", "Bei der Agentur hieß es": the source is the prepositional object."""
    if f.tokens[c.v].lemma != "heißen":
        return None
    for k in range(c.start, c.end):
        if k not in f.blocked and f.tokens[k].tag in f.tags.prep and k + 1 < c.end:
            ph = f.chunk_right(k + 1, c.end)
            if ph:
                return Phrase(ph.a, ph.b, "source")
    return None


def coordinated_verb(f: Frames, c: Clause) -> SameSubject | None:
    """A verb without its own subject after "und": "biss den Fluggast und rief:"."""
    toks = f.tokens
    if not (c.head - 1 >= c.start and toks[c.head - 1].text.lower() in ("und", "and")):
        return None
    for k in range(c.head - 2, c.start - 1, -1):
        if k in f.blocked or is_comma(toks[k]):
            return None
        if f.tags.finite(toks[k]):
            return SameSubject(k)
    return None


def quoted_object(f: Frames, c: Clause) -> Phrase | None:
    """ "Ein Fernsehsender zitierte Papandreou": the quoted person is the object; in an inverted
    "zitierte die Zeitung X" the second noun phrase."""
    if not c.quoting or (c.aux is not None and f.tokens[c.aux].lemma == "werden"):
        return None
    toks, k = f.tokens, c.head + 1
    while (
        k < c.end
        and k not in f.blocked
        and (toks[k].text.lower() in SKIP_AFTER_VERB | {"man"} or toks[k].tag in f.tags.view.adverb)
    ):
        k += 1
    ph = f.chunk_right(k, c.end)
    if not ph or ph.a <= c.head:
        return None
    cs0 = f.clause_start(c.head, c.start)
    subject_before = cs0 < c.head and f.chunk_right(cs0, c.head) is not None
    if not subject_before and ph.b < c.end:
        nxt = f.chunk_right(ph.b, c.end)
        if nxt:
            return Phrase(nxt.a, nxt.b, "object")
    return Phrase(ph.a, ph.b, "object")


def passive_agent(f: Frames, c: Clause) -> Phrase | None:
    """ "wurde von Rjabkow … kritisiert"."""
    if not (f.tags.full_verb(f.tokens[c.v]) and c.passive and not c.quoting):
        return None
    for k in range(c.aux + 1, c.v):
        if f.tokens[k].text.lower() in ("von", "vom", "by", "durch") and k not in f.blocked:
            ph = f.chunk_right(k + 1, c.end)
            if ph:
                return Phrase(ph.a, ph.b, "passive")
    return None


def subject_before(f: Frames, c: Clause) -> Phrase | None:
    """The first constituent before the verb when it is a nominative-looking noun phrase; a fronted
    object gives way to a pronoun after the verb ("Die Mitverantwortung weist er von sich")."""
    first, toks = c.first, f.tokens
    if not (
        first < c.head
        and toks[first].tag not in f.tags.adverbial_start
        and toks[first].text.lower() not in NOT_SUBJECT_START
    ):
        return None
    ph = f.chunk_right(first, c.head)
    if not ph or ph.b > c.head:
        return None
    if not f.personish(ph):
        other = f.after_verb(c.head, c.end)
        if other is not None and other.how == "pron":
            return Phrase(other.a, other.b, "after")
    return Phrase(ph.a, ph.b, "before")


def subordinate_subject(f: Frames, c: Clause) -> Phrase | None:
    """ "wie t-online.de berichtet": in a subordinate clause, whatever stands before the verb."""
    if (
        c.subordinate
        and c.first < c.head
        and f.tags.verb(f.tokens[c.v])
        and c.v == c.head
        and not any(k in f.blocked for k in range(c.first, c.head))
    ):
        return Phrase(c.first, c.head, "before")
    return None


def passive_source(f: Frames, c: Clause) -> Phrase | None:
    """An agentless passive with a source up front: "In einem Bericht der X wurde vermutet"."""
    t = f.tokens[c.cs]
    if c.passive and t.tag in f.tags.prep and t.text.lower() in SOURCE_PREPS:
        ph = f.chunk_right(c.cs + 1, c.head)
        if ph:
            return Phrase(ph.a, ph.b, "passive")
    return None


def subject_after(f: Frames, c: Clause) -> Phrase | None:
    """Inverted: "sagte Raisi", "antwortete er", "fügte Lukaschenko hinzu"."""
    ph = f.after_verb(c.head, c.end)
    return Phrase(ph.a, ph.b, "after") if ph else None


def relative_pronoun(f: Frames, c: Clause) -> Phrase | None:
    """A relative clause: "eine Argumentation, die davon ausgeht", "Bütikofer, der sagte"."""
    if c.cs > c.start and f.tokens[c.cs - 1].tag in f.tags.relative_or_wh:
        return Phrase(c.cs - 1, c.cs, "relative")
    return None


def second_verb(f: Frames, c: Clause) -> SameSubject | None:
    """A second verb of the same subject after a comma: "X monieren …, sprechen aber davon, dass …"."""
    if not (c.first >= c.head - 1 and c.cs > c.start and is_comma(f.tokens[c.cs - 1])):
        return None
    for k in range(c.cs - 2, c.start - 1, -1):
        if k not in f.blocked and f.tags.finite(f.tokens[k]) and not f.tags.modal(f.tokens[k]):
            return SameSubject(k)
    return None


def coordinated_clause(f: Frames, c: Clause) -> SameSubject | None:
    """A coordinated verb without its own subject: "… und sagte bei der Gelegenheit"."""
    if not (c.first > c.start and f.tokens[c.first - 1].text.lower() in ("und", "and")):
        return None
    for k in range(c.first - 2, c.start - 1, -1):
        if k not in f.blocked and f.tags.finite(f.tokens[k]):
            return SameSubject(k)
    return None


SPEAKER_RULES: tuple[SpeakerRule, ...] = (
    heisst_es_source,
    coordinated_verb,
    quoted_object,
    passive_agent,
    subject_before,
    subordinate_subject,
    passive_source,
    subject_after,
    relative_pronoun,
    second_verb,
    coordinated_clause,
)
