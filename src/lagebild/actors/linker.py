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
from functools import lru_cache

from ..records import Actor, Doc, Entity, Token
from .grammar import grammar
from .kb import ActorEntry, Alias, KnowledgeBase, actor_of, load_kb, lookup
from .ner import find_entities
from .places import place_actor
from .roles import RoleMixin
from .spans import GROUPISH, NAME_TOKEN, UNLINKED, Cand, pat
from .translit import genitive_stems, name_key, plain, tokenize_name

log = logging.getLogger(__name__)
HYPHENS = frozenset({"-", "‐", "–"})


@lru_cache(maxsize=50_000)
def _alias_plain(text: str) -> tuple[str, ...]:
    return tuple(p for p in (plain(t) for t in tokenize_name(text)) if p)


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
        entities, mentions = _DocLinker(doc, load_kb(), ner_spans).run()
        doc.article.entities = entities
        doc.mentions = mentions
        return doc

    def _ner(self, doc: Doc) -> list[Entity] | None:
        # A model that fails to load or run is an error, not a reason to fall back silently.
        return list(find_entities(doc))


class _DocLinker(RoleMixin):
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

    # ------------------------------------------------------------------ driver

    def run(self) -> tuple[list[Entity], list[Entity]]:
        names, other = self._kb_pass()
        names = self._merge_ner(names, other)
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
                for alias in self.kb.candidates(key):
                    j = self._walk(alias, i + width, end) if len(alias.keys) > 1 else i + width
                    if j is None or (best and j <= best[0]):
                        continue
                    if self._alias_ok(alias, i, j, text, gen):
                        best = (j, alias)
                        break
        return best

    def _walk(self, alias: Alias, p: int, end: int) -> int | None:
        """Match the alias's remaining keys from token p; the end token, or None."""
        n = len(alias.keys)
        for k in range(1, n):
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
        exact = _alias_plain(alias.text)
        if len(alias.keys) == 1:
            tok = toks[i]
            if gen and len(first) <= 4:
                return False
            if tok.tag and tok.tag not in self.g.name_tags:
                return False
            if alias.prio >= 2 and tok.tag and tok.tag not in self.g.proper_tags:
                return False
            if "-" in first and "-" not in alias.text:
                return False
            want = exact[0] if exact else ""
            same = plain(first) == want or (gen and any(plain(s) == want for s in genitive_stems(first)))
            if alias.upper or len(want) <= 4:
                return same  # acronyms and short names only as spelled ("IAO" is not "IAEO")
            return same or (tok.tag in self.g.proper_tags and len(plain(first)) >= 5)
        seen: set[str] = set()
        for k in range(i, j):
            tok = toks[k]
            if not (self._capitalised(tok.text) or tok.text in self.particles or tok.text in ".-"):
                return False
            seen.update(plain(text) for text, _ in self._units(k, j))
        if self.g.genitive_s:
            seen.update(plain(s) for s in genitive_stems(toks[j - 1].text))
        if any(w in seen for w in exact):
            return True
        return all(t.tag in self.g.proper_tags for t in toks[i:j] if t.text not in HYPHENS)

    def _kb_pass(self) -> tuple[list[Cand], list[Cand]]:
        names: list[Cand] = []
        other: list[Cand] = []
        toks = self.toks
        for a, b in self.doc.sent_tokens or [(0, len(toks))]:
            i = a
            while i < b:
                m = self._match_at(i, b)
                if m:
                    j, alias = m
                    span = self._name_span(i, j, self.kb.entries[alias.entry])
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

    def _adjective(self, i: int) -> Cand | None:
        tok = self.toks[i]
        t = tok.text
        g = self.g
        idx = self.kb.adjectives.get((self.lang, t.lower()))
        if idx is None and g.foreign_adjectives and tok.tag == g.foreign_tag:
            idx = self.kb.adjectives.get((g.foreign_adjectives, t.lower()))  # "die [Iranian] Menschen"
        elif (
            idx is not None
            and g.nouns_capitalised
            and t[:1].isupper()
            and i != self.sent_start[i]
            and not self._adjective_tag(tok)
        ):
            return None  # "Deutsch" the noun, "Russisch" the language
        if idx is None:
            return None
        entry = self.kb.entries[idx]
        span = Cand(i, i + 1, tok.start, tok.end, entry.type, "adj", entry)
        span.actor = actor_of(entry, self.date, entry.country)
        span.country = entry.country
        return span

    def _adjective_tag(self, tok: Token) -> bool:
        return bool(self.g.adjective_tag) and tok.tag.startswith(self.g.adjective_tag)

    def _single(self, text: str) -> ActorEntry | None:
        """A curated or CLDR actor named by one word (compound parts: "US", "Kreml", "Ukraine")."""
        if not text or not (text[:1].isupper()):
            return None
        forms = [text, *genitive_stems(text)]
        for form in forms:
            for alias in self.kb.candidates(name_key(form)):
                if len(alias.keys) != 1 or alias.prio > 1 or alias.lang not in ("", self.lang):
                    continue
                want = _alias_plain(alias.text)
                if (alias.upper or sum(map(len, want)) <= 4) and (plain(form),) != want:
                    continue  # acronyms and short names only as spelled ("HSH" is not "HTS")
                if alias.upper and not text.replace(".", "").isupper():
                    continue
                return self.kb.entries[alias.entry]
        return None

    def _compound(self, i: int) -> list[Cand]:
        """Hyphenated tokens: whole-token adjectives ("US-amerikanische"), role compounds
        ("Kreml-Sprecher": whole token), actor parts ("US-Angriffe": the "US" part)."""
        tok = self.toks[i]
        whole = self.kb.adjectives.get((self.lang, tok.text.lower()))
        if whole is not None:
            e = self.kb.entries[whole]
            s = Cand(i, i + 1, tok.start, tok.end, e.type, "adj", e, actor_of(e, self.date, e.country))
            s.country = e.country
            return [s]
        parts, pos, out = [], tok.start, []
        for p in tok.text.split("-"):
            parts.append((p, pos, pos + len(p)))
            pos += len(p) + 1
        actor_parts: list[tuple[str, int, int, ActorEntry]] = []
        for p, s, e in parts:
            entry = self._single(p)
            if entry is None:
                idx = self.kb.adjectives.get((self.lang, p.lower()))
                entry = self.kb.entries[idx] if idx is not None else None
            if entry is not None:
                actor_parts.append((p, s, e, entry))
        if not actor_parts:
            return []
        head = parts[-1][0]
        rw = self.kb.role(self.lang, (head.lower(),))
        if rw and rw.kind != "mod" and actor_parts[-1][0] != head:
            p, _, _, entry = actor_parts[-1]
            span = Cand(i, i + 1, tok.start, tok.end, "PER" if rw.kind == "person" else "ORG", "role", entry)
            span.role_word = rw
            span.role = "-".join(x for x, _, _ in parts[:-1]) + "-" + self._lemma(rw, head)
            span.actor, span.country = self._role_actor(entry, rw, span.role, None)
            return [span]
        for _p, s, e, entry in actor_parts:
            sp = Cand(i, i + 1, s, e, entry.type if entry.type != "PER" else "PER", "part", entry)
            sp.actor = actor_of(entry, self.date, entry.country if entry.kind == "capital" else None)
            sp.country = entry.country
            out.append(sp)
        return out

    # ------------------------------------------------------------------ 3: NER merge

    def _tok_index(self) -> dict[int, int]:
        return {t.start: k for k, t in enumerate(self.toks)}

    def _merge_ner(self, names: list[Cand], other: list[Cand]) -> list[Cand]:
        spans = self.ner if self.ner is not None else self._proper_runs(names + other)
        starts = self._tok_index()
        ends = {t.end: k for k, t in enumerate(self.toks)}
        role_tokens = {s.a for s in other if s.kind == "role"}
        adj_tokens = {s.a for s in other if s.kind == "adj"}
        toks = self.toks
        out = list(names)
        for ent in spans:
            a = starts.get(ent.start)
            b = ends.get(ent.end)
            if a is None or b is None:
                continue
            b += 1
            # a role compound, a lowercase article or adjective, or a person's title the NER took
            # in is not part of the name ("Kreml-Sprecher Dmitri Peskow", "Präsident Putin"); a
            # capitalised word opening an organisation stays ("Deutschen Bundestag", "Den Haag")
            while a + 1 < b and (
                a in role_tokens
                or (
                    not toks[a].text[:1].isupper()
                    and (toks[a].text in self.articles or self._adjective_tag(toks[a]))
                )
                or (ent.type == "PER" and self._role_head(a))
            ):
                a += 1
            if b - a == 1 and a in adj_tokens:
                continue  # "Iranian", "Russische": adjectives are mentions, never entities
            capitalised = self._capitalised(toks[a].text) and self._capitalised(toks[b - 1].text)
            if not self.g.nouns_capitalised and not (
                capitalised
                and all(
                    self._capitalised(t.text) or t.text in self.particles or t.text in self.glue
                    for t in toks[a:b]
                )
            ):
                continue  # "troops advanced near Kyiv on Sunday": not a name
            start, end = toks[a].start, toks[b - 1].end
            over = [s for s in out if s.start < end and s.end > start]
            if not over:
                out.append(self._ner_span(a, b, ent.type))
                continue
            s = over[0]
            if len(over) > 1 or not (start <= s.start and s.end <= end) or end - start <= s.end - s.start:
                continue  # the KB span wins
            if ent.type == s.type or (ent.type in GROUPISH and s.type in GROUPISH and ent.type != "ORG"):
                s.a, s.b, s.start, s.end = a, b, start, end  # "Dmitri" + "Peskow": wider span, KB actor
            elif ent.type in ("ORG", "MISC", "PER") and s.type != "PER" and capitalised:
                out.remove(s)  # "Bank of Russia" is not Russia, "Paris Hilton" not Paris
                out.append(self._ner_span(a, b, ent.type))
        return out

    def _ner_span(self, a: int, b: int, typ: str) -> Cand:
        toks = self.toks
        if typ not in ("PER", "ORG", "LOC", "GPE", "MISC"):
            typ = "MISC"
        span = Cand(a, b, toks[a].start, toks[b - 1].end, typ, "ner")
        text = self.doc.text[span.start : span.end]
        found = lookup(text, self.lang) if typ in ("PER", "ORG", "LOC", "GPE") else []
        if found and not self._safe_lookup(text, found[0]):
            found = []
        if found and (found[0].type == typ or (typ != "PER" and found[0].type != "PER")):
            span.entry = found[0]
            span.actor = actor_of(found[0], self.date)
            span.country = found[0].country
        elif typ in ("LOC", "GPE"):
            span.actor = place_actor(text)  # "Charkiw": a city stands for its country
            span.country = span.actor.country if span.actor else None
        return span

    def _safe_lookup(self, text: str, entry: ActorEntry) -> bool:
        """A NER span found by the lossy key: short names and acronyms must match as spelled
        ("HSH" is not "HTS"); longer names may differ by transliteration."""
        want = _alias_plain(text)
        if sum(len(w) for w in want) > 4 and not text.replace(".", "").isupper():
            return True
        return any(_alias_plain(n) == want for n in entry.names)

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
            while (
                j < len(toks)
                and j not in covered
                and self.sent_start[j] == self.sent_start[i]
                and (
                    self._proper(toks[j])
                    or (
                        toks[j].text in self.particles
                        and j + 1 < len(toks)
                        and toks[j + 1].tag in self.g.proper_tags
                    )
                )
            ):
                j += 1
            typ = "PER" if j - i >= 2 else "MISC"
            out.append(Entity(self.doc.text[t.start : toks[j - 1].end], t.start, toks[j - 1].end, typ))  # type: ignore[arg-type]
            i = j
        return out

    def _proper(self, t: Token) -> bool:
        return t.tag in self.g.proper_tags and bool(NAME_TOKEN.match(t.text)) and t.text not in self.not_name

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
                s.actor = Actor(UNLINKED + clean.lower(), clean)
            seen.append(s)
        self._resolve_roles(names, roles)

    def _clean_text(self, s: Cand) -> str:
        return " ".join(self.doc.text[s.start : s.end].split())

    def _surname_key(self, s: Cand) -> str:
        return name_key(self.doc.text[s.start : s.end].split()[-1])

    def _earlier_person(self, s: Cand, seen: list[Cand], linked: bool = False) -> Cand | None:
        """The latest person before `s` whose last name word is `s`'s (with an actor, if `linked`)."""
        key = self._surname_key(s)
        for prev in reversed(seen):
            if (
                prev.type == "PER"
                and (not linked or prev.actor is not None)
                and self._surname_key(prev) == key
            ):
                return prev
        return None

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
        clean = self._clean_text(s)
        s.actor = Actor(UNLINKED + clean.lower(), clean, code, country)

    def _resolve_roles(self, names: list[Cand], roles: list[Cand]) -> None:
        """Role phrases: the attached person's actor, else a person in the document with that role;
        a role phrase that names no actor ("der Sprecher" alone) is dropped."""
        persons = [s for s in names if s.type == "PER" and s.actor is not None]
        for r in roles:
            if r.persons:
                r.actor = r.persons[0].actor
                continue
            if r.role_word is None or r.role_word.kind != "person" or r.country is None:
                continue  # "die beiden Präsidenten": without a country, too vague to resolve
            match = self._person_with_role(r, persons)
            if match is not None:
                r.actor = match
        roles[:] = [r for r in roles if r.actor is not None]
