"""Source and target: subject, object, passive agent and prepositional target of verb and noun events."""

from __future__ import annotations

from ..records import Token
from .clauses import Clause
from .groups import Group
from .lexicon import CoderBase
from .patterns import Pattern


class RoleFinder(CoderBase):
    """Mixed into EventCoder: the source and target actor groups of a trigger in its clause."""

    def _roles(self, toks, cl: list[Clause], ci: int, trig: int, p: Pattern, passive: bool):
        c = cl[ci]
        g = self.g
        groups = c.groups
        fin = next((i for i in c.toks if toks[i].tag in g.finite), None)
        core = [
            x
            for x in groups
            if x.prep is None and not (x.first <= trig <= x.last and toks[trig].tag in g.noun)
        ]
        agent = self.cues.get("agent", frozenset())
        subj: Group | None = None
        obj: Group | None = None
        if c.kind == "rel":
            ante = self._antecedent(cl, ci)
            nom = [x for x in core if not x.oblique and x.first > c.start]
            if passive:
                obj = nom[0] if nom else ante
            elif nom:
                subj, obj = nom[0], ante
                rest = [x for x in core if x is not subj and x is not ante]
                obj = obj or (rest[0] if rest else None)
            else:
                subj = ante
                obj = core[0] if core else None
        elif c.kind == "inf":
            gov = cl[c.governor] if c.governor is not None else None
            subj = gov.subject if gov else None
            obj = core[0] if core else None
        else:
            if c.kind == "main" and g.verb_second and fin is not None:
                pre = [x for x in core if x.last < fin]
                post = [x for x in core if x.first > fin]
                lead = self._prefield(toks, c, fin)
                if lead == "oblique":  # "Den Vorschlag des Ministeriums lehnte Platter ab"
                    cand = [x for x in post if not x.oblique][:1]
                    post = pre + [x for x in post if x not in cand]
                elif lead == "np" and not pre:  # "Die Armee beschoss die Stadt X": subject unknown
                    cand = [] if passive else self._pp_subject(toks, c, fin)
                else:
                    cand = [x for x in pre if not x.oblique][:1] or [x for x in post if not x.oblique][:1]
            elif not g.verb_second and fin is not None:
                pre = [x for x in core if x.last < trig]
                post = [x for x in core if x.first > trig]
                cand = pre[-1:] if pre else []
                if not cand and c.kind == "main":
                    cand = self._pp_subject(toks, c, trig)  # "Police in Istanbul detained ..."
            else:
                pre, post = [], core
                cand = [x for x in core if not x.oblique][:1]
            subj = cand[0] if cand else None
            rest = [x for x in (post if g.verb_second or not passive else core) if x is not subj]
            if not g.verb_second:
                rest = [x for x in core if x.first > trig]
            obj = next((x for x in rest if x.oblique), rest[0] if rest else None)
            if subj is None and c.kind == "main" and toks[c.toks[0]].tag in g.conj:
                subj = self._previous_subject(cl, ci)
            if subj is None and c.kind == "main" and fin is not None and c.toks[0] == fin:
                subj = self._previous_subject(cl, ci)
        source, target = subj, obj
        if passive:
            ag = next((x for x in groups if x.prep in agent), None)
            target = subj if subj is not None else obj
            source = ag
        if p.preps and p.rev:
            pp = next((x for x in groups if x.prep in p.preps and x is not source), None)
            source, target = pp, (subj if not passive else None)  # "Ukraine received jets from Denmark"
            c.subject = c.subject or subj
            return source, target
        if p.preps:
            pp = next((x for x in groups if x.prep in p.preps and x is not source), None)
            if pp is not None:
                target = pp
        if target is None and self.language == "en" and p.code[:2] in ("02", "10", "13"):
            target = self._complement_subject(cl, ci)  # "demanded that Belarus release ..."
        if target is None:
            # the object phrase's possessor, beneficiary, origin or destination ("Hilfe für die Ukraine")
            fallback = ("gegen", "an", "zu", "für", "aus", "nach", "against", "to", "for", "from")
            fallback += ("von", "of") if not passive else ()
            fallback += ("mit", "with") if p.code[:2] in ("04", "12", "16") else ()
            fallback += (
                ("in", "im", "auf", "in", "on", "inside", "into", "across")
                if p.code[:2] in ("18", "19", "20")
                else ()
            )
            fallback += ("on",) if self.language == "en" and p.code[:2] >= "11" else ()
            target = next(
                (x for x in groups if x.prep in fallback and x is not source and x.first > (fin or 0)), None
            )

        statement = (
            target is not None and self.language == "en" and p.code[:2] == "01" and target.prep not in p.preps
        )
        if statement and any(trig < k < target.first and g.is_full_verb(toks[k].tag) for k in c.toks):
            target = None  # "denied supplying missiles to Russia": Russia belongs to the denied act
        c.subject = c.subject or subj
        return source, target

    def _complement_subject(self, cl: list[Clause], ci: int) -> Group | None:
        """The first actor without a preposition in the that-/to-complement governed by clause ci."""
        for j in range(ci + 1, len(cl)):
            if cl[j].governor == ci and cl[j].kind in ("sub", "inf"):
                return next((x for x in cl[j].groups if x.prep is None and not x.pronoun), None)
            if cl[j].kind == "main":
                break
        return None

    def _prefield(self, toks: list[Token], c: Clause, fin: int) -> str | None:
        """What stands before the finite verb: 'np' (a noun phrase, the subject unless marked),
        'oblique' (a fronted object: "Den Vorschlag ..."), or None (adverbial, date, nothing)."""
        g = self.g
        pre = [i for i in c.toks if i < fin and toks[i].tag not in g.conj]
        while len(pre) > 1 and toks[pre[0]].tag in ("ADV", "AV0") and toks[pre[1]].tag not in g.prep:
            pre = pre[1:]  # "Auch Vertreter von Amnesty International verurteilten ..."
        if not pre:
            return None
        head = toks[pre[0]]
        if (
            head.tag in g.prep
            or head.tag in ("ADV", "ADJ(D)", "PAV", "PWAV", "KOUS")
            or self._time_word(head)
        ):
            return None
        if head.text.lower() in g.oblique:
            return "oblique"
        if (
            head.tag in ("ART", "PPOSAT", "PIAT", "PDAT", "ADJ(A)", "CARD", "PIDAT")
            or head.tag in g.noun
            or head.tag in g.proper
            or head.tag in g.pron
        ):
            return "np"
        return None

    def _pp_subject(self, toks: list[Token], c: Clause, fin: int) -> list[Group]:
        """'Die Behörden in Kasachstan', 'Der Präsident von Ecuador': an actor in a PP right after the
        prefield's head noun speaks for the subject."""
        if self.language == "en":
            for x in c.groups:  # "Tens of thousands of Israelis rallied", "Hundreds of Palestinian prisoners"
                quantified = (
                    x.first < fin
                    and x.prep == "of"
                    and x.first >= 2
                    and toks[x.first - 2].tag == "CRD"
                    and not x.pronoun
                )
                if quantified and all(
                    toks[k].tag in ("CRD", "PRF", "AT0", "AV0", "DT0") for k in range(c.start, x.first)
                ):
                    return [x]
        head = next((i for i in c.toks if i < fin and toks[i].tag in self.g.noun), None)
        if head is not None and self.language == "en" and self.ix.for_noun(self._lemma(toks[head])):
            return []  # "The talks in Geneva ...": an event noun, not an agent
        for x in c.groups:
            if (
                head is not None
                and head < x.first < fin
                and x.prep in ("in", "von", "aus", "of", "from")
                and not x.pronoun
            ):
                k = x.first - 1
                while k > c.start and toks[k].tag in self.g.det:
                    k -= 1
                if toks[k].tag in self.g.prep and k - 1 == head:
                    return [x]
        return []

    def _antecedent(self, cl: list[Clause], ci: int) -> Group | None:
        """The actor group right before a relative clause ("Lukaschenko, der ...", "Der Iran – der ...")."""
        c = cl[ci]
        best = None
        for x in self._state.groups:
            if x.last < c.start and c.start - x.last <= 2:
                best = x
        return best

    def _previous_subject(self, cl: list[Clause], ci: int) -> Group | None:
        for j in range(ci - 1, -1, -1):
            if cl[j].kind == "main" and cl[j].subject is not None:
                return cl[j].subject
        return None

    def _subject_only(self, toks: list[Token], c: Clause) -> Group | None:
        """The subject of a clause without a coded event, so that later pronouns can refer to it."""
        g = self.g
        fin = next((i for i in c.toks if toks[i].tag in g.finite), None)
        core = [x for x in c.groups if x.prep is None and not x.oblique]
        if fin is None:
            return None
        if not core:
            pp = self._pp_subject(toks, c, fin) if c.kind == "main" and g.verb_second else []
            return pp[0] if pp else None
        if c.kind == "main" and g.verb_second:
            pre = [x for x in core if x.last < fin]
            if pre:
                return pre[0]
            lead = self._prefield(toks, c, fin)
            if lead == "np":
                pp = self._pp_subject(toks, c, fin)
                return pp[0] if pp else None
            return core[0]
        return core[0]

    def _noun_roles(self, toks, c: Clause, n: int, p: Pattern):
        g = self.g
        src: Group | None = None
        tgt: Group | None = None
        agent = self.cues.get("agent", frozenset())
        for x in c.groups:
            if (
                x.first <= n <= x.last
                and x.mentions[0].end <= toks[n].end
                and x.mentions[0].text != toks[n].text
            ):
                src = x  # compound modifier: "US-Angriffe"
        if src is None:
            for x in c.groups:
                mods = g.det | (g.noun if self.language == "en" else frozenset())  # "Israeli air strike"
                close = x.last < n and all(
                    toks[k].tag in mods and toks[k].tag not in ("ART", "AT0") for k in range(x.last + 1, n)
                )
                possessor = (
                    self.language == "en" and x.last + 1 < n and toks[x.last + 1].tag == "POS"
                )  # "Russia's drone incursion"
                if close and (x.last == n - 1 or toks[x.last].tag.startswith(("ADJ", "AJ")) or possessor):
                    src = x  # adjective or prenominal genitive: "russische Angriffe", "Irans Angriffe"
        after = [x for x in c.groups if x.first > n and x.first - n <= 8]
        gen = None
        if after:
            x = after[0]
            attached = x.genitive and all(toks[k].tag in g.det for k in range(n + 1, x.first))
            if attached or (
                x.prep is None
                and (
                    x.genitive
                    or x.first == n + 1
                    or (
                        toks[n + 1].text.lower() in ("der", "des")
                        and all(toks[k].tag in g.det for k in range(n + 1, x.first))
                    )
                )
            ):
                gen = x  # "Angriffe Russlands", "die Angriffe der Huthis"
            elif x.prep in agent and x.prep not in p.preps and src is None:
                src = x
        if gen is not None:
            if p.gentarget:
                tgt = gen
            elif src is None:
                src = gen
        if tgt is None:
            for x in after:
                if x.prep in p.preps and x is not src:
                    tgt = x
                    break
        if tgt is None and p.preps:
            # a fronted phrase: "An die Hamas erging die Aufforderung", "Gegen Russland wurden Sanktionen verhängt"
            tgt = next((x for x in c.groups if x.last < n and x.prep in p.preps and x is not src), None)
        if tgt is None and ("auf" in p.preps or (self.language == "en" and "on" in p.preps)):
            # "Luftangriff auf das Krankenhaus in Gaza": the place of the target
            for x in after:
                if x.prep in ("in", "im") and any(
                    toks[k].text.lower() in ("auf", "on") for k in range(n + 1, x.first)
                ):
                    tgt = x
                    break
        if tgt is None and p.code[:2] in ("18", "19", "20"):
            # "Bei einem Bombenanschlag in Tripoli": the place attacked
            reach = (
                8 if self.language == "en" else 4
            )  # "a car bomb exploded outside a military base in Somalia"
            tgt = next(
                (x for x in after if x.prep in ("in", "im") and x is not src and x.first - n <= reach), None
            )
        if src is None and self.language == "en" and self._after_light_verb(toks, c, n):
            src = self._subject_only(toks, c)  # "Israel carried out air strikes", "ISIS committed genocide"
            if src is tgt:
                src = None
        if src is None and (self._possessive(toks, n) or self._clause_cue(toks, c, "claim")):
            src = self._subject_only(
                toks, c
            )  # "setzten ihre Angriffe fort", "übernahm die Verantwortung für die Angriffe"
            if src is tgt:
                src = None
        if (
            src is None
            and p.code[:2] == "04"
            and ((p.sym and tgt is not None) or (n > c.start and self._in_pp(toks, c, n)))
        ):
            src = self._subject_only(toks, c)  # "X ... nach Gesprächen mit Y", "bei einem Besuch in Y"
            if src is tgt:
                src = None
        return src, tgt

    def _after_light_verb(self, toks: list[Token], c: Clause, n: int) -> bool:
        """A light verb (cue class 'light') before the event noun in its clause."""
        return any(k < n and self.g.is_full_verb(toks[k].tag) and self._cue(toks[k], "light") for k in c.toks)

    def _possessive(self, toks: list[Token], n: int) -> bool:
        """'ihre Angriffe': a third-person possessive before the event noun points to the subject."""
        k = n - 1
        while k >= 0 and toks[k].tag in self.g.det and toks[k].tag not in ("PPOSAT", "DPS"):
            k -= 1
        return (
            k >= 0
            and toks[k].tag in ("PPOSAT", "DPS")
            and self._lemma(toks[k]) in ("sein", "ihr", "his", "her", "its", "their")
        )

    def _in_pp(self, toks: list[Token], c: Clause, n: int) -> bool:
        k = n - 1
        while k >= c.start and toks[k].tag in self.g.det:
            k -= 1
        return (
            k >= c.start
            and toks[k].tag in self.g.prep
            and self._lemma(toks[k]) in ("bei", "nach", "während", "during", "after")
        )
