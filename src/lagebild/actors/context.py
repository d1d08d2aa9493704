"""The country and place in context, for role phrases that name none: "der Bundespräsident", "die
Armee", "das Stadtoberhaupt".

A role phrase without its own country ("die Regierung", not "die Regierung Spaniens") takes the
country of the mentions before it: the most recent first, within the sentence and the two before it,
then the country the whole document is mostly about (at least two mentions and half of them). A state
body ("die Regierung", "die Armee", "die Polizei") becomes that country's actor (GOV, MIL, COP); an
office ("der Bundespräsident", "der Premier") the person holding it there on the article date
(`offices.holders`, the most recent country that has exactly one holder); a mayor ("das
Stadtoberhaupt") the mayor of the most recent city. A non-state group without a country ("die
Rebellen", "Demonstranten") stays unlinked but typed by its sector (REB, OPP). Mixed into the linker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..records import Actor
from .kb import ActorEntry, RoleWord, actor_of
from .offices import holders, office_words
from .spans import UNLINKED, Cand, pat
from .state import LinkerState

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
TYPED_SECTORS = frozenset({"MIL", "COP", "JUD", "REB", "INS", "UAF", "OPP", "CVL", "REF", "MED"})
WINDOW = 2  # sentences before the current one that count as context
PLACE_KINDS = frozenset({"capital"})


@dataclass(frozen=True)
class Mark:
    """A mention that places the text in a country: token, sentence number, country, place name."""

    tok: int
    sent: int
    country: str
    place: str | None


class ContextMixin(LinkerState):
    """Context methods of the linker; the attributes below are set by the linker."""

    marks: list[Mark]
    sent_of: list[int]

    def _collect_marks(self, spans: list[Cand]) -> None:
        """The document's country-bearing mentions (states, capitals, cities, people, adjectives)."""
        sent_no = {start: n for n, start in enumerate(sorted(set(self.sent_start)))}
        self.sent_of = [sent_no[start] for start in self.sent_start]
        marks = []
        for s in spans:
            country = s.actor.country if s.actor is not None else None
            if country is None or self.kb.entry(country) is None:
                continue
            place = None
            if s.entry is not None and s.entry.kind in PLACE_KINDS:
                place = s.entry.name
            elif s.actor is not None and s.actor.id.startswith("geonames:"):
                place = s.actor.name
            marks.append(Mark(s.a, self.sent_of[s.a], country, place))
        self.marks = sorted(marks, key=lambda m: m.tok)

    def _context_countries(self, i: int) -> list[str]:
        """Countries in context at token i: the recent ones (most recent first), then the dominant."""
        here = self.sent_of[i]
        recent = [m.country for m in reversed(self.marks) if m.tok < i and here - m.sent <= WINDOW]
        out = list(dict.fromkeys(recent))
        counts = Counter(m.country for m in self.marks)
        if counts:
            top, n = counts.most_common(1)[0]
            if n >= 2 and n * 2 >= sum(counts.values()) and top not in out:
                out.append(top)
        return out

    def _context_place(self, i: int) -> Mark | None:
        """The most recent city (a capital or a gazetteer place) before token i, within the window."""
        here = self.sent_of[i]
        for m in reversed(self.marks):
            if m.tok < i and m.place and here - m.sent <= WINDOW:
                return m
        return None

    # ------------------------------------------------------------------ role phrases without a country

    def _definite_singular(self, a: int, rw: RoleWord) -> bool:
        """A role phrase that names one known body or office holder: a definite article right before
        it, and no plural ("die Armee", "der Bundespräsident"; not "Soldaten", "die beiden Präsidenten",
        "die Präsidenten")."""
        if a <= self.sent_start[a] or rw.gender == "pl":
            return False
        article = self.toks[a - 1].text.lower()
        if article not in pat("definite_article", self.lang):
            return False
        return not (rw.gender in ("m", "n") and article in pat("plural_article", self.lang))

    def _context_state(self, a: int, rw: RoleWord, modified: bool) -> ActorEntry | None:
        """The state whose body a bare group role names ("die Armee" → the country in context)."""
        if modified or rw.sector not in STATE_SECTORS or not self._definite_singular(a, rw):
            return None
        countries = self._context_countries(a)
        return self.kb.entry(countries[0]) if countries else None

    def _context_holder(self, r: Cand) -> Actor | None:
        """The office holder a bare office role names in context ("der Bundespräsident")."""
        rw = r.role_word
        if rw is None or r.modified or not self._definite_singular(r.a, rw):
            return None
        word = office_words(self.lang).get(rw.lemma.lower())
        if word is None:
            return None
        if word.office == "MAYOR":
            mark = self._context_place(r.a)
            candidates = [(mark.country, mark.place)] if mark else []
        else:
            candidates = [(c, None) for c in self._context_countries(r.a)]
        for country, place in candidates:
            found = holders(country, rw.lemma, self.lang, self.date, exact=False, place=place)
            if len(found) == 1:
                r.country = country
                return actor_of(found[0], self.date)
        return None

    def _recent_person_with_role(self, r: Cand, persons: list[Cand]) -> Actor | None:
        """A bare definite role ("Der Minister kündigte … an") names the nearest person before it, within
        the context window, whose role has that head ("Justizminister Gabriel Entcha-Ebia")."""
        rw = r.role_word
        if rw is None or r.modified or not self._definite_singular(r.a, rw):
            return None
        head, here = rw.lemma.lower(), self.sent_of[r.a]
        for p in reversed(persons):
            if p.b > r.a or here - self.sent_of[p.a] > WINDOW:
                continue
            words = (p.role or "").lower().split()
            if words and words[-1].endswith(head):
                return p.actor
        return None

    def _typed_role(self, r: Cand) -> Actor | None:
        """An unlinked side typed by its role word: "die Rebellen" → REB, "die Polizei" → COP."""
        rw = r.role_word
        if rw is None or rw.sector not in TYPED_SECTORS or r.role is None:
            return None
        name = " ".join(r.role.split())
        return Actor(id=UNLINKED + name.lower(), name=name, code=rw.sector, country=None)
