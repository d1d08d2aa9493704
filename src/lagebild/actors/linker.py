"""Entity finding and actor linking: named entities for the article, every actor mention for the doc.

Mentions come from four places, cheapest first:
1. names in the knowledge base, matched over tokens by spelling-insensitive keys (longest match,
   multi-word, German genitive; case rules so "Iran" matches and the verb "irren" cannot);
2. adjectives and compounds ("russische", "US-Angriffe", "Kreml-Sprecher"): `doc.mentions` only;
3. the statistical NER (`ner.find_entities`) for names the KB lacks; KB-linked spans win where the
   two overlap, and a NER span that merely widens a KB span ("Dmitri" + "Peskow") takes its actor;
   with `LinkActors(use_ner=False)` runs of proper-noun tags stand in (a model that fails to
   load is an error, never a silent fallback);
4. role phrases ("der stellvertretende russische Außenminister", "Kreml-Sprecher", "Irans
   Präsident") that give a person a role and an affiliation, or stand for an actor themselves.

Span choice for compounds: "US-Angriffe" → a mention of just "US" (the attacks are not the actor);
"Kreml-Sprecher" → a role mention of the whole token (the spokesman is the actor, coded RUSGOV).
Adjectives and compounds never enter `article.entities` (GermEval counts them as `deriv`/`part`).
"""

from __future__ import annotations

import logging

from ..lang import get_language
from ..records import Actor, Doc, Entity, Token
from .compounds import CompoundMixin
from .context import STATE_SECTORS, ContextMixin
from .grammar import grammar
from .kb import ActorEntry, Alias, KnowledgeBase, actor_of
from .ner import find_entities
from .nermerge import NerMergeMixin
from .overlay import active_kb
from .roles import RoleMixin
from .spans import UNLINKED, Cand, alias_plain, alias_words, pat
from .translit import genitive_stems, is_dropped, name_key, plain, strip_article

log = logging.getLogger(__name__)
HYPHENS = frozenset({"-", "‐", "–"})


class LinkActors:
    """Fill `article.entities` (named entities) and `doc.mentions` (every actor mention)."""

    name = "actors"
    requires = ("doc.tokens", "article.language", "article.published")
    assigns = ("article.entities", "doc.mentions")

    def __init__(self, use_ner: bool = True) -> None:
        self.use_ner = use_ner

    def __call__(self, doc: Doc) -> Doc:
        if not doc.tokens:
            doc.article.entities, doc.mentions = [], []
            return doc
        ner_spans = self._ner(doc) if self.use_ner else None
        entities, mentions = _DocLinker(doc, active_kb(), ner_spans).run()
        doc.article.entities = entities
        doc.mentions = mentions
        return doc

    def _ner(self, doc: Doc) -> list[Entity] | None:
        # A model that fails to load or run is an error, not a reason to fall back silently.
        return list(find_entities(doc))


class _DocLinker(ContextMixin, NerMergeMixin, CompoundMixin, RoleMixin):
    def __init__(self, doc: Doc, kb: KnowledgeBase, ner: list[Entity] | None) -> None:
        self.doc, self.kb, self.ner = doc, kb, ner
        self.lang = doc.language
        self.g = grammar(self.lang)
        self.date = doc.article.published
        self.toks: list[Token] = doc.tokens
        self.sent_start = [0] * len(self.toks)
        for a, b in doc.sent_tokens or [(0, len(self.toks))]:
            for i in range(a, b):
                self.sent_start[i] = a
        self.particles = pat("name_particle", self.lang)
        self.not_name = pat("not_name", self.lang)
        self.loc_prep = pat("loc_prep", self.lang)
        self.articles = pat("article", self.lang)
        self.glue = pat("name_glue", self.lang)
        self.common = pat("common_word", self.lang)
        self.org_heads = frozenset(w.lower() for w in pat("org_head", self.lang))
        self.finite_tags = get_language(self.lang).tags.finite
        self.noun_tags = get_language(self.lang).tags.common_noun
        self.surnames_seen: set[str] = set()  # last words of full person names found so far

    # ------------------------------------------------------------------ driver

    def run(self) -> tuple[list[Entity], list[Entity]]:
        names, other = self._kb_pass()
        names = self._merge_ner(names, other)
        self._collect_marks([s for s in names + other if not s.alternatives])
        self._disambiguate(names + other)
        roles = self._role_pass(names, other)
        self._coreference(names, roles)
        entities = [self._entity(s) for s in sorted(names, key=lambda s: s.start)]
        by_span = {(e.start, e.end): e for e in entities}
        role_at = {
            (r.start, r.end): self._entity(r) for r in roles
        }  # "(Präsidenten des Iran und) Weißrusslands"
        mentions = [role_at.get((e.start, e.end), e) for e in entities]
        for s in sorted(other + roles, key=lambda s: s.start):
            if (s.start, s.end) not in by_span:
                mentions.append(self._entity(s))
        mentions.sort(key=lambda e: (e.start, -e.end))
        return entities, mentions

    def _entity(self, s: Cand) -> Entity:
        text = self.doc.text[s.start : s.end]
        return Entity(text, s.start, s.end, s.type, s.role, s.actor)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ 1-2: KB names, adjectives, compounds

    def _units(self, i: int, end: int) -> list[tuple[str, int]]:
        """Spellings of the name word at token i as (text, width): the token, and for a compound
        the tokenizer split ("Amir", "-", "Abdollahian" in English) the joined word first."""
        toks = self.toks
        out = []
        if (
            i + 2 < end
            and toks[i + 1].text in HYPHENS
            and toks[i].end == toks[i + 1].start
            and toks[i + 1].end == toks[i + 2].start
        ):
            out.append((toks[i].text + "-" + toks[i + 2].text, 3))
        out.append((toks[i].text, 1))
        return out

    def _unit_keys(self, text: str, last: bool) -> list[tuple[str, bool]]:
        """(key, is_genitive_stem) for a name word; German genitive stems on a name's last word."""
        keys = [(name_key(text), False)]
        if last and self.g.genitive_s:
            keys += [(name_key(s), True) for s in genitive_stems(text)]
        return [(k, g) for k, g in keys if k]

    def _capitalised(self, t: str) -> bool:
        return t[:1].isupper() or t[:1].isdigit()

    def _match_at(self, i: int, end: int) -> tuple[int, Alias] | None:
        """Longest KB name starting at token i (not past `end`); (end token, alias)."""
        t = self.toks[i].text
        if t in self.not_name or not (self._capitalised(t) or t in self.particles):
            return None
        best: tuple[int, Alias] | None = None
        for text, width in self._units(i, end):
            for key, gen in self._unit_keys(text, True):
                for alias in self._exact_first(self.kb.candidates(key), text):
                    j = self._walk(alias, i + width, end) if len(alias.keys) > 1 else i + width
                    if j is None or (best and j <= best[0]):
                        continue
                    if self._alias_ok(alias, i, j, text, gen):
                        best = (j, alias)
                        break
        return best

    def _namesakes(self, alias: Alias, i: int, j: int) -> list[ActorEntry]:
        """Other actors of other countries with the same name at the same rank ("Die Grünen" of
        Austria and of Germany): the context chooses between them (`_disambiguate`)."""
        first = self.kb.entries[alias.entry]
        out: list[ActorEntry] = []
        for other in self.kb.candidates(alias.keys[0]):
            e = self.kb.entries[other.entry]
            if other.keys != alias.keys or other.prio != alias.prio or e.country in (first.country, None):
                continue
            if e not in out and self._alias_ok(other, i, j, self.toks[i].text, False):
                out.append(e)
        return out

    def _disambiguate(self, spans: list[Cand]) -> None:
        """A name several actors share takes the one of the country in context (else the first)."""
        for s in spans:
            if not s.alternatives or s.entry is None:
                continue
            options = [s.entry, *s.alternatives]
            for country in self._context_countries(s.a):
                chosen = next((e for e in options if e.country == country), None)
                if chosen is not None:
                    s.entry, s.actor = chosen, actor_of(chosen, self.date)
                    s.country = chosen.country
                    break

    def _exact_first(self, cands: list[Alias], text: str) -> list[Alias]:
        """Candidates of one key, longest first as indexed, and among names of one length those spelt
        as in the text before those matched only through the lossy key ("Valls" before "Waltz")."""
        if len(cands) < 2:
            return cands
        word = plain(text)
        return sorted(cands, key=lambda a: (-len(a.keys), alias_plain(a.text)[:1] != (word,)))

    def _walk(self, alias: Alias, p: int, end: int) -> int | None:
        """Match the alias's remaining keys from token p; the end token, or None."""
        n = len(alias.keys)
        for k in range(1, n):
            while p + 1 < end and is_dropped(self.toks[p].text):
                p += 1  # "Tamim bin Hamad Al Thani": a stand-alone "Al" is optional
            if p >= end:
                return None
            for text, width in self._units(p, end):
                if any(key == alias.keys[k] for key, _ in self._unit_keys(text, k == n - 1)):
                    p += width
                    break
            else:
                return None
        return p

    def _alias_ok(self, alias: Alias, i: int, j: int, first: str, gen: bool) -> bool:
        """Language, case and tag checks for a KB name matched at tokens [i, j) (`first`: the
        first name word as matched). A match only through the lossy transliteration key ("Room" ~
        "Rom", "Das" ~ "Daesh") needs proper-noun tags: a spelling variant of a name is itself
        tagged as a name."""
        if alias.lang and alias.lang != self.lang:
            return False
        toks = self.toks
        if alias.upper and not first.replace(".", "").replace("-", "").isupper():
            return False
        exact = alias_plain(alias.text)
        if len(alias.keys) == 1:
            return self._one_word_ok(alias, i, first, gen, exact[0] if exact else "")
        seen: set[str] = set()
        written = alias_words(alias.text)
        for k in range(i, j):
            t = toks[k].text
            if not (self._capitalised(strip_article(t)) or t in self.particles or t in ".-" or t in written):
                return False  # a lower-case word only as the name itself has it ("Ärzte ohne Grenzen")
            seen.update(plain(text) for text, _ in self._units(k, j))
        if self.g.genitive_s:
            seen.update(plain(s) for s in genitive_stems(toks[j - 1].text))
        if any(w in seen for w in exact):
            return True
        return all(t.tag in self.g.proper_tags for t in toks[i:j] if t.text not in HYPHENS)

    def _one_word_ok(self, alias: Alias, i: int, first: str, gen: bool, want: str) -> bool:
        """Checks for a one-word KB name: tags, hyphens, all capitals, and the spelling. Acronyms,
        short names and a person's one-word name must match as spelled, up to diacritics ("IAO" is
        not "IAEO", "Lewis" is not "Levits", "Valls" not "Waltz"; "Erdogan" is "Erdoğan"); other
        names may differ by transliteration if tagged as proper nouns."""
        tok = self.toks[i]
        if gen and len(first) <= 4:
            return False
        if tok.tag and tok.tag not in self.g.name_tags and not self._misread_name(i, alias):
            return False
        if alias.prio >= 2 and tok.tag and tok.tag not in self.g.proper_tags:
            return False
        if "-" in first and "-" not in alias.text:
            return False
        if len(first) > 1 and first.isupper() and not alias.upper:
            return False  # "XI" is not "Xi"
        person = self.kb.entries[alias.entry].type == "PER"
        if gen and person and tok.tag not in self.g.proper_tags:
            return False  # a person's genitive is tagged as a name ("Merkels"; not "Apple Stores")
        same = plain(first) == want or (gen and any(plain(s) == want for s in genitive_stems(first)))
        if same and person and self._folded_common_word(first, alias.text, gen):
            return False  # "im iTunes Store" is not Jonas Gahr Støre
        if alias.upper or len(want) <= 4 or (person and alias.prio >= 1):
            return same
        if same:
            return True
        if person and not self._lone_surname(i, first):
            return False  # "Lewis Hamilton" is not Levits, "Valls" after "Manuel Valls" not Waltz
        return tok.tag in self.g.proper_tags and len(plain(first)) >= 5

    def _folded_common_word(self, word: str, spelt: str, gen: bool) -> bool:
        """A person's one-word name matched only by folding its letters ("Store" ~ "Støre") where the
        word as written is a common word."""
        forms = [word, *(genitive_stems(word) if gen else ())]
        if any(f.casefold() == spelt.casefold() for f in forms):
            return False
        return any(self._common_word(f) for f in forms)

    def _lone_surname(self, i: int, word: str) -> bool:
        """A one-word name that may be a spelling variant of a KB person's: no name word right before
        or after it, and no other person in the document spelt exactly so."""
        toks = self.toks
        near = [
            k
            for k in (i - 1, i + 1)
            if self.sent_start[i] <= k < len(toks) and self.sent_start[k] == self.sent_start[i]
        ]
        if any(toks[k].tag in self.g.proper_tags and toks[k].text[:1].isupper() for k in near):
            return False
        return plain(word) not in self.surnames_seen

    def _misread_name(self, i: int, alias: Alias) -> bool:
        """A curated name the tagger read as an adjective or adverb ("kündigte Kurz ...", ADJD; "die
        Grünen", ADJA): where only nouns and names are capitalised, a capitalised word inside a
        sentence that is no noun is a name."""
        tok = self.toks[i]
        return (
            self.g.nouns_capitalised
            and i != self.sent_start[i]
            and alias.prio <= 1
            and tok.text[:1].isupper()
            and tok.tag.startswith(self.g.misread_tags)
        )

    def _kb_pass(self) -> tuple[list[Cand], list[Cand]]:
        names: list[Cand] = []
        other: list[Cand] = []
        toks = self.toks
        for a, b in self.doc.sent_tokens or [(0, len(toks))]:
            i = a
            while i < b:
                m = self._match_at(i, b)
                if m and m[0] - i >= 2:
                    inner = self._match_at(i + 1, b)  # "Emir Tamim" | "Tamim bin Hamad Al Thani"
                    if inner is not None and inner[0] > m[0]:
                        i, m = i + 1, inner
                if m:
                    j, alias = m
                    span = self._name_span(i, j, self.kb.entries[alias.entry])
                    if span.type == "PER" and j - i > 1:
                        self.surnames_seen.add(plain(toks[j - 1].text))
                    span.alternatives = self._namesakes(alias, i, j)
                    if span.entry is not None and (span.entry.kind == "body" or self._actor_compound(i, j)):
                        # "Bundesregierung": an actor, not a named entity; "EU-Kommission": GermEval's
                        # ORGpart (a compound of a name), so a mention only
                        span.kind = "body"
                        other.append(span)
                    else:
                        names.append(span)
                    i = j
                    continue
                tok = toks[i]
                if "-" in tok.text.strip("-"):
                    other.extend(self._compound(i))
                elif tok.text.endswith("-") and len(tok.text) > 2:  # "US- und EU-Vertreter"
                    entry = self._single(tok.text[:-1])
                    if entry is not None:
                        sp = Cand(i, i + 1, tok.start, tok.end - 1, entry.type, "part", entry)
                        code = entry.country if entry.kind == "capital" else None
                        sp.actor, sp.country = actor_of(entry, self.date, code), entry.country
                        other.append(sp)
                else:
                    adj = self._adjective(i)
                    if adj:
                        other.append(adj)
                i += 1
        return names, other

    def _actor_compound(self, i: int, j: int) -> bool:
        t = self.toks[i].text
        return j == i + 1 and "-" in t.strip("-") and self._single(t.split("-", 1)[0]) is not None

    def _name_span(self, i: int, j: int, entry: ActorEntry) -> Cand:
        toks = self.toks
        typ = entry.type if entry.type in ("PER", "ORG", "GPE", "LOC") else "MISC"
        code = None
        if entry.kind == "capital":
            prev = toks[i - 1].text.lower() if i > self.sent_start[i] else ""
            typ = "LOC"
            if prev in self.loc_prep:  # "in Teheran": the place, not the government
                code = entry.country
        span = Cand(i, j, toks[i].start, toks[j - 1].end, typ, "name", entry)
        span.actor = actor_of(entry, self.date, code)
        span.country = entry.country
        return span

    # ------------------------------------------------------------------ 5: coreference and final actors

    def _coreference(self, names: list[Cand], roles: list[Cand]) -> None:
        names.sort(key=lambda s: s.start)
        seen: list[Cand] = []
        for s in names:
            if s.type == "MISC" and s.entry is None and s.kind == "ner" and self._earlier_person(s, seen):
                s.type = "PER"  # a bare surname of a person named before
            if s.type == "PER" and s.entry is None and s.actor is None:
                self._link_unknown_person(s, seen)
            elif s.type == "ORG" and s.actor is None:
                clean = self._clean_text(s)
                s.actor = Actor(UNLINKED + clean.lower(), clean, None, s.country)
            seen.append(s)
        self._resolve_roles(names, roles)

    def _clean_text(self, s: Cand) -> str:
        return " ".join(self.doc.text[s.start : s.end].split())

    def _surname_key(self, s: Cand) -> str:
        """The key by which a later mention refers back to a person: the surname's, or for a name
        abbreviated to an initial ("Salah A.") the whole name's, so that "Mohammed A." stays apart."""
        words = self.doc.text[s.start : s.end].split()
        if len(words[-1].rstrip(".")) <= 1:
            return " ".join(name_key(w) for w in words)
        return name_key(words[-1])

    def _earlier_person(self, s: Cand, seen: list[Cand], linked: bool = False) -> Cand | None:
        """The latest person before `s` whose last name word is `s`'s (with an actor, if `linked`)."""
        key = self._surname_key(s)
        for prev in reversed(seen):
            if (
                prev.type == "PER"
                and (not linked or prev.actor is not None)
                and self._surname_key(prev) == key
            ):
                return prev if not linked or self._same_given_name(s, prev) else None
        return None

    def _same_given_name(self, s: Cand, prev: Cand) -> bool:
        """Whether a full name can be the person named before ("Michael Clegg" is not Nick Clegg):
        a bare surname can; else the given names (or an initial) must agree, with the earlier
        mention's or, for a KB person, with one of the KB names."""
        words = self.doc.text[s.start : s.end].split()
        if len(words) < 2:
            return True
        given = plain(words[0])
        earlier = [self.doc.text[prev.start : prev.end]]
        if prev.entry is not None:
            earlier += list(prev.entry.names)
        for name in earlier:
            parts = name.split()
            if len(parts) >= 2:
                first = plain(parts[0])
                if first == given or (len(given) == 1 and first.startswith(given)):
                    return True
        return all(len(n.split()) < 2 for n in earlier)

    def _link_unknown_person(self, s: Cand, seen: list[Cand]) -> None:
        """A person the KB lacks: the actor of a person with the same surname named before, else an
        unlinked actor coded from the role phrase attached to it."""
        prev = self._earlier_person(s, seen, linked=True)
        if prev is not None:
            s.actor, s.role = prev.actor, s.role or prev.role
            return
        code, country = None, s.country
        for r in s.persons:
            if r.actor is not None:
                code, country = r.actor.code, r.actor.country
        if code is None and country is None:
            code, country = self._office_in_context(s)
        clean = self._clean_text(s)
        s.actor = Actor(UNLINKED + clean.lower(), clean, code, country)

    def _office_in_context(self, s: Cand) -> tuple[str | None, str | None]:
        """An unknown person with a bare state office ("Justizminister Gabriel Entcha-Ebia", "X, der
        Justizminister des Landes,"): the office's sector in the country in context, as for "die
        Regierung" (`_context_state`); (None, None) for any other role or no country in context."""
        for r in s.persons:
            rw = r.role_word
            if rw is None or rw.kind != "person" or r.modified or rw.sector not in STATE_SECTORS:
                continue
            countries = self._context_countries(s.a)
            if countries:
                return countries[0] + rw.sector, countries[0]
        return None, None

    def _resolve_roles(self, names: list[Cand], roles: list[Cand]) -> None:
        """Role phrases: the attached person's actor, else a person in the document with that role;
        a role phrase that names no actor ("der Sprecher" alone) is dropped."""
        persons = [s for s in names if s.type == "PER" and s.actor is not None]
        for r in roles:
            if r.persons:
                r.actor = r.persons[0].actor
                continue
            if r.role_word is None or r.role_word.kind != "person":
                continue
            if r.country is not None:  # "der iranische Präsident": the person, else IRNGOV
                r.actor = self._person_with_role(r, persons) or r.actor
            elif r.actor is None:  # "der Bundespräsident": the holder in context; "ein Polizist": COP
                r.actor = (
                    self._context_holder(r)
                    or self._recent_person_with_role(r, persons)
                    or self._typed_role(r)
                )
        roles[:] = [r for r in roles if r.actor is not None]  # "der Sprecher" alone names no actor
