"""Merging the statistical NER's spans with the knowledge base's, and the NER's precision rules.

A KB span wins where the two overlap; a NER span that widens a KB person ("Dmitri" + "Peskow") keeps
the KB actor when the added words fit one of the person's names ("Thomas Kurz" is not Sebastian
Kurz); a wider NER organisation around a place replaces it ("Bank of Russia" is not Russia).

Precision: a one-word PER or ORG span that is a common word ("Ernst", "Who") is no name unless the
document supports it (the word is the surname of a person named in full, or a title or role word
stands before it); a one-word person that is a place ("in Sada", "Adamawa" after a locative
preposition, a city of the gazetteer) without such support is the place. Mixed into the linker.
"""

from __future__ import annotations

from ..records import Entity, Token
from .kb import ActorEntry, actor_of, lookup
from .ner import gazetteers
from .offices import surname_in_office
from .places import place_actor
from .spans import GROUPISH, NAME_TOKEN, Cand, alias_plain
from .state import LinkerState
from .translit import plain, strip_article

PLACE_KINDS = ("loc_list", "country")
PERSON_KINDS = ("per_first", "per")


class NerMergeMixin(LinkerState):
    """NER-merge methods of the linker; the attributes below are set by the linker (`_capitalised`
    comes from the linker, `_adjective_tag` from the compound mixin, `_role_head` from the role mixin)."""

    ner: list[Entity] | None
    articles: frozenset[str]
    particles: frozenset[str]
    glue: frozenset[str]
    not_name: frozenset[str]
    loc_prep: frozenset[str]
    common: frozenset[str]
    org_heads: frozenset[str]
    finite_tags: frozenset[str]

    # ------------------------------------------------------------------ merge

    def _merge_ner(self, names: list[Cand], other: list[Cand]) -> list[Cand]:
        spans = self.ner if self.ner is not None else self._proper_runs(names + other)
        starts = {t.start: k for k, t in enumerate(self.toks)}
        ends = {t.end: k for k, t in enumerate(self.toks)}
        role_tokens = {s.a for s in other if s.kind == "role"}
        adj_tokens = {s.a for s in other if s.kind == "adj"}
        support = self._name_support(spans, names)
        out = list(names)
        for ent in spans:
            a, b = starts.get(ent.start), ends.get(ent.end)
            if a is None or b is None:
                continue
            a, b = self._trim(a, b + 1, ent.type, role_tokens)
            if b - a == 1 and a in adj_tokens:
                continue  # "Iranian", "Russische": adjectives are mentions, never entities
            if not self._name_shaped(a, b):
                continue  # "troops advanced near Kyiv on Sunday": not a name
            typ = self._checked_type(a, b, ent.type, support)
            if typ is not None:
                self._merge_span(out, a, b, typ)
        return out

    def _trim(self, a: int, b: int, typ: str, role_tokens: set[int]) -> tuple[int, int]:
        """A role compound, a lowercase article or adjective, or a person's title the NER took in is
        not part of the name ("Kreml-Sprecher Dmitri Peskow", "Präsident Putin"); a capitalised word
        opening an organisation stays ("Deutschen Bundestag", "Den Haag")."""
        toks = self.toks
        while a + 1 < b and (
            a in role_tokens
            or (
                not toks[a].text[:1].isupper()
                and (toks[a].text in self.articles or self._adjective_tag(toks[a]))
            )
            or (typ == "PER" and self._role_head(a))
        ):
            a += 1
        return a, b

    def _name_shaped(self, a: int, b: int) -> bool:
        """No finite verb inside a name ("Arakan Army eroberten Paletwa"); where common nouns are lower
        case, a name is a run of capitalised words (and glue words)."""
        toks = self.toks
        if any(t.tag in self.finite_tags for t in toks[a:b]):
            return False
        if self.g.nouns_capitalised:
            return True
        if not (self._capitalised(toks[a].text) and self._capitalised(toks[b - 1].text)):
            return False
        return all(
            self._capitalised(t.text) or t.text in self.particles or t.text in self.glue for t in toks[a:b]
        )

    def _merge_span(self, out: list[Cand], a: int, b: int, typ: str) -> None:
        toks = self.toks
        start, end = toks[a].start, toks[b - 1].end
        over = [s for s in out if s.start < end and s.end > start]
        if not over:
            out.append(self._ner_span(a, b, typ))
            return
        if self._org_of_other_state(over, a, b, typ):
            for s in over:
                out.remove(s)  # "Demokratische Partei Thailands" is not the US Democratic Party
            out.append(self._ner_span(a, b, typ, country=over[1].entry.country))  # type: ignore[union-attr]
            return
        s = over[0]
        if len(over) > 1 or not (start <= s.start and s.end <= end) or end - start <= s.end - s.start:
            return  # the KB span wins
        if all(t.text.lower() in self.articles for t in toks[a : s.a] + toks[s.b : b]):
            return  # "Das Rote Kreuz": an article is no part of the name
        capitalised = self._capitalised(toks[a].text) and self._capitalised(toks[b - 1].text)
        if typ == s.type or (typ in GROUPISH and s.type in GROUPISH and typ != "ORG"):
            if s.entry is not None and not self._fits_entry(a, b, s):
                out.remove(s)  # "Thomas Kurz" is not Sebastian Kurz, "Samsung Galaxy S6" not Samsung
                out.append(self._ner_span(a, b, typ))
                return
            s.a, s.b, s.start, s.end = a, b, start, end  # "Dmitri" + "Peskow": wider span, KB actor
        elif typ in ("ORG", "MISC", "PER") and s.type != "PER" and capitalised:
            out.remove(s)  # "Bank of Russia" is not Russia, "Paris Hilton" not Paris
            out.append(self._ner_span(a, b, typ))

    def _org_of_other_state(self, over: list[Cand], a: int, b: int, typ: str) -> bool:
        """A NER organisation made of a KB organisation and, at its end, a state other than the
        organisation's ("Demokratische Partei Thailands", "the Democratic Party of Thailand")."""
        if typ != "ORG" or len(over) != 2:
            return False
        org, state = sorted(over, key=lambda s: s.a)
        return (
            a <= org.a
            and state.b == b
            and org.entry is not None
            and org.type == "ORG"
            and state.entry is not None
            and state.entry.kind == "state"
            and org.entry.country != state.entry.country
        )

    def _fits_entry(self, a: int, b: int, s: Cand) -> bool:
        """Whether a NER span around a KB span still names the KB actor: it is one of the actor's
        names, or adds only articles and adjectives ("Deutschen Bundestag"), or, for a person, a
        given name or initial before the KB surname that fits one of the person's names ("W. Putin";
        not "Thomas Kurz", "Novak Djokovic" or "Samsung Galaxy S6")."""
        assert s.entry is not None
        toks = self.toks
        words = tuple(plain(t.text) for t in toks[a:b] if plain(t.text))
        if any(alias_plain(n) == words for n in s.entry.names):
            return True
        before = [t for t in toks[a : s.a] if plain(t.text)]
        after = [t for t in toks[s.b : b] if plain(t.text)]
        if all(self._filler(t) for t in before + after):
            return True
        if (
            s.type != "PER"
            and not after
            and all(self._filler(t) or t.text.lower() in self.org_heads for t in before)
        ):
            return True  # "die Partei Jesch Atid"
        if s.type != "PER" or s.b != b:
            return False
        added = [plain(t.text) for t in toks[a : s.a] if plain(t.text)]
        for name in s.entry.names:
            parts = [plain(w) for w in name.split()]
            if len(parts) > len(added) and all(
                w == x or (len(x) == 1 and w.startswith(x)) for w, x in zip(parts, added, strict=False)
            ):
                return True
        return False

    def _filler(self, t: Token) -> bool:
        """An article or adjective, which a NER span may add around a KB name."""
        return t.text.lower() in self.articles or self._adjective_tag(t)

    # ------------------------------------------------------------------ precision

    def _name_support(self, spans: list[Entity], names: list[Cand]) -> set[str]:
        """Surnames the document supports: last words of multi-word person names (NER or KB)."""
        out = set()
        for e in spans:
            words = e.text.split()
            if e.type == "PER" and len(words) > 1:
                out.add(plain(words[-1]))
        for s in names:
            if s.type == "PER" and s.b - s.a > 1:
                out.add(plain(self.toks[s.b - 1].text))
        return out

    def _checked_type(self, a: int, b: int, typ: str, support: set[str]) -> str | None:
        """The span's type after the precision rules: None to drop it, "LOC" for a place."""
        if b - a != 1 or typ not in ("PER", "ORG"):
            return typ
        t = self.toks[a].text
        if len(t) > 1 and t.replace("-", "").isupper():
            return typ  # an acronym
        if plain(t) in support or self._titled(a):
            return typ
        if typ == "PER" and self._place_like(a):
            return "LOC"
        if self._common_word(t) and not (typ == "PER" and surname_in_office(t, self.date)):
            return None  # "Ernst"; but "Köhler" in 2006 is the Bundespräsident's surname
        return typ

    def _titled(self, a: int) -> bool:
        """A title or a person's role word right before the token ("Herr Ernst", "Minister Kern")."""
        if a <= self.sent_start[a]:
            return False
        prev = self.toks[a - 1].text
        if prev in self.not_name or prev.lower() in gazetteers().get("per_title", ()):
            return True
        rw = self.kb.role(self.lang, (prev.lower(),))
        return rw is not None and rw.kind in ("person", "agent")

    def _place_like(self, a: int) -> bool:
        """A place rather than a person: after a locative preposition ("in Sada"), a city of the
        gazetteer, or a place name that is no given name or surname."""
        t = self.toks[a].text
        if a > self.sent_start[a] and self.toks[a - 1].text.lower() in self.loc_prep:
            return True
        if place_actor(t) is not None:
            return True
        gaz, low = gazetteers(), t.lower()
        return any(low in gaz.get(k, ()) for k in PLACE_KINDS) and not any(
            low in gaz.get(k, ()) for k in PERSON_KINDS
        )

    def _common_word(self, t: str) -> bool:
        """A word that is a common word written small (or, in German, a common noun): "Ernst", "Who"."""
        low = t.lower()
        if low in self.common:
            return True
        return self.g.nouns_capitalised and low in gazetteers().get("noun", ())

    # ------------------------------------------------------------------ NER spans

    def _ner_span(self, a: int, b: int, typ: str, country: str | None = None) -> Cand:
        """A NER span as a candidate, linked where its text is a KB name; an unknown one keeps
        `country` (the state in its name)."""
        toks = self.toks
        if typ not in ("PER", "ORG", "LOC", "GPE", "MISC"):
            typ = "MISC"
        span = Cand(a, b, toks[a].start, toks[b - 1].end, typ, "ner")
        text = self.doc.text[span.start : span.end]
        found = lookup(text, self.lang, self.kb) if typ in ("PER", "ORG", "LOC", "GPE") else []
        if found and not self._safe_lookup(text, found[0]):
            found = []
        if found and (found[0].type == typ or (typ != "PER" and found[0].type != "PER")):
            span.entry = found[0]
            span.actor = actor_of(found[0], self.date)
            span.country = span.actor.country
        elif typ in ("LOC", "GPE"):
            span.actor = place_actor(text)  # "Charkiw": a city stands for its country
            span.country = span.actor.country if span.actor else None
        else:
            span.country = country
        return span

    def _safe_lookup(self, text: str, entry: ActorEntry) -> bool:
        """A NER span found by the lossy key: short names and acronyms must match as spelled and an
        acronym in capitals ("Who" is not the WHO, "HSH" is not "HTS"); longer names may differ by
        transliteration."""
        want = alias_plain(text)
        upper = text.replace(".", "").replace("-", "").isupper()
        if sum(len(w) for w in want) > 4 and not upper and not (entry.type == "PER" and len(want) == 1):
            return True  # (a person's one-word name must be spelt as in the KB: "Store" is not Støre)
        return any(alias_plain(n) == want and (upper or not _is_acronym(n)) for n in entry.names)

    def _proper_runs(self, names: list[Cand]) -> list[Entity]:
        """Stand-in NER: runs of proper-noun tags not covered by a KB mention nor role words."""
        covered = set()
        for s in names:
            covered.update(range(s.a, s.b))
        out: list[Entity] = []
        toks = self.toks
        i = 0
        while i < len(toks):
            t = toks[i]
            if i in covered or not self._proper(t) or self.kb.role(self.lang, (t.text.lower(),)):
                i += 1
                continue
            j = i + 1
            while j < len(toks) and j not in covered and self.sent_start[j] == self.sent_start[i]:
                if not (self._proper(toks[j]) or self._particle_inside(j)):
                    break
                j += 1
            typ = "PER" if j - i >= 2 else "MISC"
            out.append(Entity(self.doc.text[t.start : toks[j - 1].end], t.start, toks[j - 1].end, typ))  # type: ignore[arg-type]
            i = j
        return out

    def _particle_inside(self, j: int) -> bool:
        toks = self.toks
        return toks[j].text in self.particles and j + 1 < len(toks) and toks[j + 1].tag in self.g.proper_tags

    def _proper(self, t: Token) -> bool:
        return (
            t.tag in self.g.proper_tags
            and bool(NAME_TOKEN.match(strip_article(t.text)))
            and t.text not in self.not_name
        )


def _is_acronym(name: str) -> bool:
    bare = name.replace(".", "").replace("-", "")
    return len(bare) > 1 and bare.isupper()
