"""Role phrases: "der stellvertretende russische Außenminister", "Kreml-Sprecher", "Irans Präsident".

A role gives a person a role and an affiliation, or stands for an actor itself (country + CAMEO
sector: "russische Truppen" → RUSMIL). Mixed into the linker's per-document state.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Actor
from .kb import ActorEntry, RoleWord, actor_of, code_at, role_at
from .offices import holders
from .spans import ADJ_ENDING, UNLINKED, Cand, pat
from .state import LinkerState
from .translit import adjective_stem

SEATS = frozenset({"capital", "state"})  # a body's seat after a locative preposition names its state


@dataclass
class _RoleContext:
    """The document's name and adjective spans by start/end token, for the role walk."""

    name_at: dict[int, Cand]
    name_end: dict[int, Cand]
    adj_at: dict[int, Cand]


@dataclass(frozen=True)
class _RoleHead:
    """A role head ending before token `end`; `entry` and `text` when the head itself names whose
    role it is ("Kreml-Sprecher", "Kremlsprecher")."""

    end: int
    rw: RoleWord
    entry: ActorEntry | None
    text: str | None


class RoleMixin(LinkerState):
    """Role-phrase methods of the linker; the attributes below are set by the linker (`_single` comes
    from the compound mixin, `_context_state` and `_typed_role` from the context mixin)."""

    articles: frozenset[str]
    loc_prep: frozenset[str]
    noun_tags: frozenset[str]  # common nouns (the tag view's common_noun)

    def _lemma(self, rw: RoleWord, form: str) -> str:
        if rw.gender == "f" and self.g.normalised_roles:
            return form[:-3] if form.endswith("innen") else form
        return rw.lemma

    def _role_actor(self, entry: ActorEntry | None, rw: RoleWord, role: str, mod_sector: str | None):
        """(actor, country) for a role of `entry` (a state, capital, seat or organisation)."""
        if entry is None:
            return None, None
        sector = mod_sector or rw.sector
        if entry.kind in ("state", "capital", "seat") and entry.country:
            base = code_at(entry, self.date) or entry.country
            if entry.kind == "state":
                code = entry.country + (sector or "GOV")
            elif (sector and entry.kind == "capital") or (
                sector and entry.kind == "seat" and not base.endswith(sector)
            ):
                code = entry.country + sector
            else:
                code = base
        else:
            code = code_at(entry, self.date)
        name = f"{entry.name}: {role}"
        return Actor(id=code or entry.id, name=name, code=code, country=entry.country), entry.country

    def _role_head(self, i: int) -> tuple[int, RoleWord] | None:
        """A role noun (phrase) starting at token i: (end token, role word)."""
        toks = self.toks
        if self.g.nouns_capitalised and not toks[i].text[:1].isupper():
            return None
        for n in range(min(self.kb.max_role_len, len(toks) - i), 0, -1):
            if any(toks[i + k].sent != toks[i].sent for k in range(n)):
                continue
            rw = self.kb.role(self.lang, tuple(t.text.lower() for t in toks[i : i + n]))
            if rw and rw.kind != "mod":
                return i + n, rw
        return None

    def _closed_compound_role(self, i: int) -> tuple[RoleWord, ActorEntry, str] | None:
        """'Kremlsprecher' → (Sprecher, KREMLIN, 'Kreml'); only for KB actors as the first part."""
        t = self.toks[i].text
        if not self.g.closed_compounds or len(t) < 8 or not t[:1].isupper() or "-" in t:
            return None
        low = t.lower()
        suffixes = self.kb.role_suffixes.get(self.lang, {})
        for k in range(3, len(low)):  # the longest role word the token ends in, leaving 3+ letters
            rw = suffixes.get(low[k:])
            if rw is None:
                continue
            prefix = t[:k]
            for cand in (prefix, prefix[:-1] if prefix.endswith("s") else ""):
                entry = self._single(cand) if len(cand) >= 3 else None
                if entry is not None and entry.type != "PER":
                    return rw, entry, cand
            return None
        return None

    def _role_pass(self, names: list[Cand], other: list[Cand]) -> list[Cand]:
        """Role phrases over the document: each becomes a mention (with the person's actor, a
        country + sector actor, or none) and gives an adjacent person its role."""
        ctx = _RoleContext(
            name_at={s.a: s for s in names},
            name_end={s.b: s for s in names},
            adj_at={s.a: s for s in other if s.kind == "adj"},
        )
        in_name = {k for s in names for k in range(s.a, s.b)}
        compound_role = {s.a: s for s in other if s.kind == "role"}
        roles: list[Cand] = []
        done = 0
        for i in range(len(self.toks)):
            if i in in_name or i < done:
                continue
            head = self._head_at(i, compound_role, other)
            if head is not None:
                done = max(done, self._role_phrase(i, head, ctx, roles))
        return roles

    def _head_at(self, i: int, compound_role: dict[int, Cand], other: list[Cand]) -> _RoleHead | None:
        """The role head at token i: a role compound ("Kreml-Sprecher"), a role noun (phrase)
        ("Präsident", "deputy foreign minister") or a closed compound ("Kremlsprecher")."""
        if i in compound_role:
            span = compound_role[i]
            other.remove(span)
            assert span.role_word is not None
            return _RoleHead(i + 1, span.role_word, span.entry, span.role)
        if h := self._role_head(i):
            return _RoleHead(h[0], h[1], None, None)
        if cc := self._closed_compound_role(i):
            return _RoleHead(i + 1, cc[0], cc[1], self.toks[i].text)
        return None

    def _role_phrase(self, i: int, head: _RoleHead, ctx: _RoleContext, roles: list[Cand]) -> int:
        """Walk out from the head, add the phrase (and coordinated complements) to `roles`, and
        return the token where the phrase ends."""
        toks, rw, end = self.toks, head.rw, head.end
        a, mods, mod_sector, country, modified = self._role_left(i, rw, head.entry, ctx)
        b, complement, country = self._role_right(i, end, country, ctx, rw.kind == "group")
        done = b
        role_text = self._phrase_text(a, b, head, mods, complement)
        is_person = rw.kind in ("person", "agent")
        person = self._attached_person(a, b, ctx.name_at, ctx.name_end) if is_person else None
        if country is None and not is_person:
            country = self._context_state(a, rw, modified)  # "die Armee": the country in context
        span = Cand(a, b, toks[a].start, toks[b - 1].end, "PER" if is_person else "ORG", "role", country)
        span.role, span.role_word, span.modified = role_text, rw, modified
        if country is not None and country.kind == "capital":
            span.place = country.name  # "Kiews Bürgermeister"
        if country is None and not is_person:
            span.actor = self._typed_role(span)  # "die Rebellen": unlinked, typed REB
            if span.actor is not None:
                roles.append(span)
            return done
        if country is not None:
            span.actor, span.country = self._role_actor(country, rw, role_text, mod_sector)
            for c, comp in self._conjoined(end, b, complement, ctx):
                extra = Cand(c.a, c.b, c.start, c.end, span.type, "role", c.entry)
                extra.role = (
                    self._role_text(mods, rw, toks[end - 1].text, comp)
                    if self.g.normalised_roles
                    else role_text
                )
                extra.role_word, extra.modified = rw, modified
                extra.actor, extra.country = self._role_actor(c.entry, rw, extra.role, mod_sector)
                roles.append(extra)
                done = c.b
        if person is not None:
            self._give_role(person, span, role_text)
        roles.append(span)
        return done

    def _phrase_text(self, a: int, b: int, head: _RoleHead, mods: list[str], complement: str) -> str:
        """The role text: as written, or normalised ("stellvertretender russischer Außenminister")."""
        toks = self.toks
        if not self.g.normalised_roles:
            return self.doc.text[toks[a].start : toks[b - 1].end]
        if head.text is None:
            return self._role_text(mods, head.rw, toks[head.end - 1].text, complement)
        if mods:
            return " ".join(self._inflect(m, head.rw) for m in mods) + " " + head.text
        return head.text

    def _give_role(self, person: Cand, span: Cand, role_text: str) -> None:
        """The person a role phrase describes takes its role; an unknown person is coded from it."""
        person.role = person.role or role_text
        if person.actor is None or person.actor.id.startswith(UNLINKED) or person.entry is None:
            person.actor = None  # an unknown person: coded from the role in coreference
            person.country = span.country
            person.persons.append(span)
        span.persons.append(person)

    def _role_left(
        self, i: int, rw: RoleWord, country: ActorEntry | None, ctx: _RoleContext
    ) -> tuple[int, list[str], str | None, ActorEntry | None, bool]:
        """Walk left from a role head over modifiers ("stellvertretende"), a country adjective
        ("russische") and a genitive or modifying name ("Irans", "Kremlin", "Iran 's")."""
        toks = self.toks
        a, mods, mod_sector, modified = i, [], None, False
        possessive = pat("possessive", self.lang)
        while a > self.sent_start[i]:
            prev = toks[a - 1]
            low = prev.text.lower()
            mod_text = low if self.g.normalised_roles else prev.text
            if a - 1 in ctx.adj_at and country is None:
                country = ctx.adj_at[a - 1].entry
                mods.insert(0, mod_text)
                a -= 1
                continue
            mw = self._modifier(low)
            if (
                mw
                and mw.kind == "mod"
                and (
                    not self.g.nouns_capitalised or not prev.text[:1].isupper() or a - 1 == self.sent_start[i]
                )
            ):
                mods.insert(0, mod_text)
                mod_sector = mod_sector or (mw.sector or None)
                modified = True
                a -= 1
                continue
            if country is None and prev.text in possessive and a - 1 in ctx.name_end:
                s = ctx.name_end[a - 1]
                if s.type != "PER":
                    country, a = s.entry, s.a
            elif country is None and a in ctx.name_end:
                s = ctx.name_end[a]
                # "Irans Präsident" (genitive), "Kremlin spokesman" (English noun modifier),
                # "Lukaschenkos Regierung" (a person's government: the person's country)
                genitive = not self.g.genitive_s or toks[a - 1].text.endswith("s")
                if genitive and s.type != "PER":
                    country = s.entry
                elif genitive and rw.kind == "group" and s.entry is not None and s.entry.country:
                    country = self.kb.entry(s.entry.country)
                if country is not None:
                    mods.insert(0, self.doc.text[s.start : s.end])
                    a = s.a
            break
        return a, mods, mod_sector, country, modified

    def _role_right(
        self, i: int, end: int, country: ActorEntry | None, ctx: _RoleContext, group_role: bool = False
    ) -> tuple[int, str, ActorEntry | None]:
        """A complement after the head: "des Iran", "Russlands", "of Iran", "des russischen
        Außenministeriums", for a body also its seat ("die Regierung in Kiew") — (end token,
        complement text, country)."""
        toks = self.toks
        b = end
        if country is not None or b >= len(toks) or toks[b].sent != toks[i].sent:
            return b, "", country
        gen_article = pat("genitive_article", self.lang)
        nxt = toks[b].text.lower()
        s = ctx.name_at.get(b + 1)
        if nxt in gen_article and s is not None and s.type != "PER" and s.entry is not None:
            return s.b, self.doc.text[toks[b].start : s.end], s.entry
        group = self._group_phrase(b + 1, ctx.adj_at) if nxt in gen_article else None
        if group is not None:
            return group[0], self.doc.text[toks[b].start : toks[group[0] - 1].end], group[1]
        s = ctx.name_at.get(b)
        if (
            self.g.genitive_s
            and s is not None
            and s.type != "PER"
            and s.entry is not None
            and toks[s.b - 1].text.endswith("s")
        ):
            return s.b, self.doc.text[s.start : s.end], s.entry
        s = ctx.name_at.get(b + 1)
        if (
            group_role
            and nxt in self.loc_prep
            and s is not None
            and s.entry is not None
            and s.entry.kind in SEATS
        ):
            return s.b, self.doc.text[toks[b].start : s.end], s.entry  # "die Regierung in Kiew"
        return b, "", country

    def _conjoined(self, end: int, b: int, complement: str, ctx: _RoleContext) -> list[tuple[Cand, str]]:
        """Further complements of one role, each with its text: "(die Präsidenten des Iran) und
        Weißrusslands", "(die Regierungen Frankreichs), Deutschlands und Italiens". German needs a
        genitive (-s or an article) so "Der Außenminister Russlands und China" stays two actors;
        English needs a plural head ("the presidents of Iran and Belarus")."""
        toks = self.toks
        plural_head = self.g.coordination == "plural_head"
        if not complement or (plural_head and not toks[end - 1].text.endswith("s")):
            return []
        coord, gen_article = pat("coordinator", self.lang), pat("genitive_article", self.lang)
        out: list[tuple[Cand, str]] = []
        j = b
        while j + 1 < len(toks) and toks[j].text.lower() in coord and toks[j + 1].sent == toks[b - 1].sent:
            k = j + 1 + (toks[j + 1].text.lower() in gen_article)
            s = ctx.name_at.get(k)
            if s is None or s.type == "PER" or s.entry is None or not s.entry.country:
                break
            if not plural_head and k == j + 1 and not toks[s.b - 1].text.endswith("s"):
                break
            out.append((s, self.doc.text[toks[j + 1].start : s.end]))
            j = s.b
        return out

    def _modifier(self, low: str) -> RoleWord | None:
        """The role word of a lower-cased word before a role head (an inflected adjective is tried
        by its stem where role texts are normalised: "stellvertretenden")."""
        mw = self.kb.role(self.lang, (low,))
        if mw is None and self.g.normalised_roles:
            mw = self.kb.role(self.lang, (adjective_stem(low),))
        return mw

    def _group_phrase(self, j: int, adj_at: dict[int, Cand]) -> tuple[int, ActorEntry] | None:
        """'russischen Außenministeriums' at token j: (end token, country) for a country adjective
        followed by a group role noun (the complement of "Sprecherin des ...")."""
        if j not in adj_at or adj_at[j].entry is None:
            return None
        h = self._role_head(j + 1) if j + 1 < len(self.toks) else None
        if h is None or h[1].kind != "group":
            return None
        return h[0], adj_at[j].entry

    def _inflect(self, word: str, rw: RoleWord) -> str:
        if not self.g.normalised_roles or word[:1].isupper():  # a genitive name ("Irans") stays
            return word
        return adjective_stem(word) + ADJ_ENDING.get(rw.gender, "e")

    def _role_text(self, mods: list[str], rw: RoleWord, head: str, complement: str) -> str:
        """German role text in the strong nominative: "stellvertretender russischer Außenminister"."""
        words = [self._inflect(m, rw) for m in mods] + [self._lemma(rw, head)]
        if complement:
            words.append(complement)
        return " ".join(words)

    def _genitive_attribute(self, a: int) -> bool:
        """The role phrase at `a` follows a noun after its article ("Einer der Kritiker des
        Ministerpräsidenten, Sondhi Limthongkul, …"): it is that noun's attribute, and a name in
        apposition after it describes the noun, not the role."""
        k = a
        while k > self.sent_start[a] and self.toks[k - 1].text.lower() in self.articles:
            k -= 1
        return k < a and k > self.sent_start[a] and self.toks[k - 1].tag in self.noun_tags

    def _attached_person(
        self, a: int, b: int, name_at: dict[int, Cand], name_end: dict[int, Cand]
    ) -> Cand | None:
        """The person a role phrase describes: right after it ("Präsident Ebrahim Raisi", also
        after a comma) or before it as an apposition ("Rjabkow, stellvertretender Außenminister")."""
        toks = self.toks
        j = b
        if (
            j < len(toks)
            and toks[j].text == ","
            and toks[j].sent == toks[b - 1].sent
            and not self._genitive_attribute(a)
        ):
            j += 1
        s = name_at.get(j)
        if s is not None and s.kind == "ner" and s.type == "MISC":
            s.type = "PER"  # a proper noun right after a person's role is a person
        if s is not None and s.type == "PER":
            return s
        k = a
        while k > self.sent_start[a] and toks[k - 1].text.lower() in self.articles:
            k -= 1
        if k > 0 and toks[k - 1].text == ",":
            s = name_end.get(k - 1)
            if s is not None and s.type == "PER":
                return s
        return None

    def _person_with_role(self, r: Cand, persons: list[Cand]) -> Actor | None:
        """The person a bare role phrase ("der iranische Präsident") refers to: the nearest person
        before it (else after it) in the document with that role and country, from the text or
        from the KB on the article date; failing that, the one KB person holding the office then."""
        rw = r.role_word
        assert rw is not None
        lemma = rw.lemma.lower()
        best = None
        for p in persons:
            if p.b > r.a and best is not None:
                break
            role = (p.role or (role_at(p.entry, self.date) if p.entry else None) or "").lower()
            country = p.actor.country if p.actor else None
            words = role.split()
            same_role = lemma in words or any(w.endswith("-" + lemma) for w in words)
            if same_role and country == r.country and self._is_modified(words) == r.modified:
                best = p
        if best is not None:
            return best.actor
        if r.modified or r.country is None:
            return None
        found = holders(r.country, rw.lemma, self.lang, self.date, place=r.place)
        return actor_of(found[0], self.date) if len(found) == 1 else None

    def _is_modified(self, words: list[str]) -> bool:
        """Whether a role text has a modifier such as "stellvertretender", "ehemaliger", "former"."""
        for w in words:
            mw = self.kb.role(self.lang, (w,)) or self.kb.role(self.lang, (adjective_stem(w),))
            if mw is not None and mw.kind == "mod":
                return True
        return False
