"""Speaker actors: attach the actor linker's actors to speaker spans and resolve pronoun speakers."""

from __future__ import annotations

import re

from ..actors.spans import UNLINKED
from ..lang import get_language
from ..records import Actor, Doc, Entity, Mention, Quote
from .frames import PERSON_PRONOUNS


def is_pronoun(text: str) -> bool:
    return text.lower() in PERSON_PRONOUNS


def _overlapping(doc: Doc, a: int, b: int) -> list[Entity]:
    seen = {(e.start, e.end): e for e in [*doc.article.entities, *doc.mentions]}
    return [e for e in seen.values() if e.start < b and e.end > a and e.actor is not None]


def attach_actor(doc: Doc, a: int, b: int) -> Actor | None:
    """The linked actor of the entity or mention overlapping [a, b) most (persons first), if any."""
    cands = _overlapping(doc, a, b)
    if not cands:
        return None
    best = max(cands, key=lambda e: (min(b, e.end) - max(a, e.start), e.type == "PER"))
    return best.actor


def unlinked_actor(name: str) -> Actor:
    """A stand-in actor for a speaker the linker did not resolve: named by its text."""
    clean = re.sub(r"\s+", " ", name).strip()
    return Actor(id=UNLINKED + clean.lower(), name=clean)


def _person_mentions(doc: Doc) -> list[Entity]:
    return sorted(
        (e for e in [*doc.mentions, *doc.article.entities] if e.type == "PER" and e.actor is not None),
        key=lambda e: e.start,
    )


def _name_before(doc: Doc, offset: int, inside: list[tuple[int, int]], window: int = 3) -> Mention | None:
    """The last run of proper-name tokens before `offset` outside quotes, at most `window` sentences back."""
    sent = doc.sentence_of(offset)
    proper = get_language(doc.language).tags.proper
    best: Mention | None = None
    run: list = []
    for t in doc.tokens:
        if t.start >= offset:
            break
        if t.sent < sent - window or any(a <= t.start < b for a, b in inside):
            run = []
            continue
        if t.tag in proper:
            run.append(t)
        else:
            if run:
                best = Mention(doc.text[run[0].start : run[-1].end], run[0].start, run[-1].end)
            run = []
    if run:
        best = Mention(doc.text[run[0].start : run[-1].end], run[0].start, run[-1].end)
    return best


def _kb_actor(actor: Actor | None) -> bool:
    return actor is not None and not actor.id.startswith(UNLINKED)


def _words(text: str) -> list[str]:
    return [w.strip(".,()„“\"'").lower() for w in text.split() if w[:1].isalpha()]


def link_speakers(doc: Doc, quotes: list[Quote], heads: tuple[str, ...] = ()) -> None:
    """Give speakers without a knowledge-base actor the actor of the entity they refer to, in place:
    a name that is part of a linked name in the document ("Thaksin" after "Thaksin Shinawatra",
    "Uribe" after "Álvaro Uribe Vélez"), or a role phrase without a name ("Der Kommissar", "der grüne
    Staatssekretär") whose head (one of `heads`, lower case) ends a word of or right before the
    closest linked entity before it ("EU-Kommissar Jan Figel")."""
    linked = sorted((e for e in [*doc.article.entities, *doc.mentions] if e.actor), key=lambda e: e.start)
    named = [e for e in linked if _kb_actor(e.actor)]
    for q in quotes:
        sp = q.speaker
        if sp is None or _kb_actor(sp.actor) or is_pronoun(sp.text):
            continue
        found = _same_name(doc, sp, named)
        if found is None and sp.actor is None:
            found = _same_role(doc, sp, linked, heads) or _apposed(doc, sp, linked)
        if found is not None:
            sp.actor = found


# The opening of an apposition after a speaker phrase: ", Name", ", die „Name", ", the Name".
_APPOSITION_OPENING = re.compile(r"\s*,\s*(?:(?:der|die|das|the)\s+)?(?:''|„|\"|“)?\s*[A-ZÄÖÜ]")
APPOSITION_MAX_CHARS = 80  # an apposition is a name with a bracketed short form at most


def _apposed(doc: Doc, sp: Mention, linked: list[Entity]) -> Actor | None:
    """A speaker phrase that names no actor, followed by a person or organisation in apposition: "Eine
    der größten Oppositionsgruppen des Landes, die Koalition für Einheit und Entwicklung (CUD),
    behauptete …" is said by that coalition."""
    if not _APPOSITION_OPENING.match(doc.text, sp.end):
        return None
    close = doc.text.find(",", sp.end + 1, sp.end + APPOSITION_MAX_CHARS)
    if close < 0:
        return None
    for e in linked:
        if sp.end < e.start and e.end <= close and e.type in ("PER", "ORG"):
            return e.actor
    return None


def _same_name(doc: Doc, sp: Mention, named: list[Entity]) -> Actor | None:
    proper = get_language(doc.language).tags.proper
    words = {
        t.text.lower()
        for t in doc.tokens
        if sp.start <= t.start < sp.end and t.tag in proper and len(t.text) > 2
    }
    if not words:
        return None
    hits = {e.actor.id: e.actor for e in named if e.type in ("PER", "ORG") and words & set(_words(e.text))}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _same_role(doc: Doc, sp: Mention, named: list[Entity], heads: tuple[str, ...]) -> Actor | None:
    words = _words(sp.text)
    head = next((w for w in reversed(words) if w.endswith(heads)), None)
    if head is None or len(words) > 4:
        return None
    role = max((h for h in heads if head.endswith(h)), key=len)
    for e in reversed([e for e in named if e.end <= sp.start and e.type == "PER"]):
        around = _words(doc.text[max(0, e.start - 40) : e.end])
        if any(w.endswith(role) for w in around):
            return e.actor
    return None


def resolve_pronoun(doc: Doc, quotes: list[Quote], window: int = 5) -> None:
    """Give pronoun speakers ("Er fügte hinzu:") the actor of their antecedent, in place.

    The antecedent is the more recent of the previous named quote speaker (speakers chain through
    an article) and the last person mention of the actor linker; without either, the last proper
    name before the pronoun outside quotes. Without a linked actor the antecedent's text stands in.
    """
    persons = _person_mentions(doc)
    inside = [(q.start, q.end) for q in quotes if q.kind == "direct"]
    last_named: Mention | None = None
    for q in quotes:
        sp = q.speaker
        if sp is None:
            continue
        if not is_pronoun(sp.text):
            if sp.actor is None or sp.actor.id.startswith(UNLINKED) is False:
                last_named = sp
            continue
        sent = doc.sentence_of(sp.start)
        cand: Mention | None = None
        if (
            last_named is not None
            and last_named.start < sp.start
            and doc.sentence_of(last_named.start) >= sent - window
        ):
            cand = last_named
        linked = [e for e in persons if e.end <= sp.start and not any(a <= e.start < b for a, b in inside)]
        if linked and (cand is None or linked[-1].start > cand.end):
            e = linked[-1]
            cand = Mention(e.text, e.start, e.end, e.actor)
        if cand is None:
            cand = _name_before(doc, sp.start, inside)
        if cand is None:
            continue
        sp.actor = cand.actor or unlinked_actor(cand.text)
