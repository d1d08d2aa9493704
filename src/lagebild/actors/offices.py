"""Offices and who held them when: "der Bundespräsident" in a German context in 2015 is Joachim Gauck.

The KB's people carry dated roles; those compiled from `officials*.tsv` are written "Title (State)"
("Bundeskanzler (Österreich)", "Bürgermeister von Wien (Österreich)"). A title's first role word
(read with the role words of the language the KB's office texts are written in, the one whose
`grammar.tsv` says `office_texts yes`) gives its office and title group; the pack indexes roles by it
(`KnowledgeBase.role_index`). A role word of any language names an office (`roles.tsv` columns
`office`, `title_group`). `holders` answers: who held that office of that state on that date, by the
exact title word first (any KB role) or by office (the compiled roles). Built on first use; nothing
happens at import.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from ..lang import get_language
from .grammar import office_text_language
from .kb import ActorEntry, today
from .overlay import kb_for, overlay_stamp
from .translit import plain

CANONICAL = re.compile(r"^(?P<title>.+) \((?P<state>[^()]+)\)$")


@dataclass(frozen=True)
class OfficeWord:
    """What a role word names: an office, and the title group of its holders ("*": any)."""

    office: str
    group: str


@dataclass(frozen=True)
class Tenure:
    """One KB person's dated role, read as an office of a state."""

    entry: int
    start: str | None
    end: str | None
    lemma: str  # the title's role word, lower case ("bundespräsident")
    office: str  # "" where the word names no office
    group: str
    title: str  # the role text without the state ("Bürgermeister von Wien")
    canonical: bool  # "Title (State)" with the entry's own state


@cache
def office_words(lang: str) -> dict[str, OfficeWord]:
    """Role word lemma (lower case) → office, from lang/<code>/actors/roles.tsv."""
    out = {}
    for row in get_language(lang).read_tsv("actors", "roles.tsv", required=("word", "kind")):
        if row.get("office"):
            out[row["word"].lower()] = OfficeWord(row["office"], row.get("title_group") or "*")
    return out


@lru_cache(maxsize=2)
def _tenures(stamp: tuple[str, int, int] | None) -> dict[str, list[Tenure]]:
    """The dated roles of the KB's people by state, in the KB with the overlay `stamp`: the pack's role
    index (`kbpack._role_index`: the title's first person role word) with each role's office, title
    group and whether it is written "Title (State)"; only the people it names are decoded."""
    kb = kb_for(stamp)
    words = office_words(office_text_language())
    out: dict[str, list[Tenure]] = defaultdict(list)
    for (country, lemma), hits in kb.role_index.items():
        word = words.get(lemma)
        office, group = (word.office, word.group) if word else ("", "")
        state = kb.entry(country)
        for i, start, end in dict.fromkeys(tuple(h) for h in hits):
            roles = [r for r, s, e in kb.entries[i].roles if (s, e) == (start, end)]
            if not roles:
                continue  # the overlay changed this person's roles
            canonical = [
                m for m in map(CANONICAL.match, roles) if m and state and m.group("state") == state.name
            ]
            title = canonical[0].group("title") if canonical else roles[0]
            out[country].append(Tenure(i, start, end, lemma, office, group, title, bool(canonical)))
    return dict(out)


@lru_cache(maxsize=2)
def _surnames(stamp: tuple[str, int, int] | None) -> dict[str, list[Tenure]]:
    """The tenures of `_tenures(stamp)` by the plain last word of the holder's display name."""
    kb = kb_for(stamp)
    out: dict[str, list[Tenure]] = defaultdict(list)
    for tenures in _tenures(stamp).values():
        for t in tenures:
            words = kb.entries[t.entry].name.split()
            if len(words) > 1:
                out[plain(words[-1])].append(t)
    return dict(out)


def surname_in_office(word: str, date: str | None = None) -> bool:
    """Whether `word` is the surname of a KB person holding a dated office on `date` ("Köhler" in
    2006): support for a one-word name that is also a common noun."""
    date = (date or today())[:10]
    return any(_held(t, date) for t in _surnames(overlay_stamp()).get(plain(word), ()))


def _held(t: Tenure, date: str) -> bool:
    return (t.start is None or t.start <= date) and (t.end is None or date < t.end)


def holders(
    country: str,
    lemma: str,
    lang: str,
    date: str | None = None,
    *,
    exact: bool = True,
    place: str | None = None,
) -> list[ActorEntry]:
    """The KB people holding the office a role word names (`lemma`, a role word of `lang`) for
    `country` on `date`: those with that very title word if `exact` and any hold it, else those
    holding the office the word names (compiled roles only; a title group must agree unless the word
    names any holder). A mayor's office needs `place` (the city) in the title."""
    date = (date or today())[:10]
    stamp = overlay_stamp()
    kb = kb_for(stamp)
    held = [t for t in _tenures(stamp).get(country, []) if _held(t, date)]
    found: list[int] = []
    if exact:
        found = [t.entry for t in held if t.lemma == lemma.lower()]
    word = office_words(lang).get(lemma.lower())
    if not found and word is not None:
        found = [
            t.entry
            for t in held
            if t.canonical
            and t.office == word.office
            and word.group in ("*", t.group)
            and _at(t, word, place)
        ]
    return [kb.entries[i] for i in dict.fromkeys(found)]


def _at(t: Tenure, word: OfficeWord, place: str | None) -> bool:
    """A mayor is the mayor of the place in question."""
    if word.office != "MAYOR":
        return True
    return place is not None and plain(place) in {plain(w) for w in t.title.split()}
