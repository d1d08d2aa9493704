"""Event coding: CAMEO events with source, target, date, negation and evidence from one Doc.

How it works, per sentence:
1. split the sentence into clauses (commas, dashes, conjunctions before a finite verb, subordinators,
   relative pronouns) and reattach the pieces a German verb bracket leaves behind ("wurden ... ,
   kritisiert", "wies ... , zurück", a subject NP before an embedded relative clause);
2. give every clause its kind (main, sub, rel, inf) and modality: question ("ob"), condition
   ("wenn", "im Falle"), hypothetical (Konjunktiv II), intent (modal "wollen", future "werden",
   "um ... zu", a complement of "ankündigen"), blocked complement (what is accused, denied,
   demanded: "beschuldigt, Drohnen geliefert zu haben") and negation;
3. match verb triggers (lemma, separable particle joined) and noun triggers (lemma or compound head)
   against the pattern index, most specific pattern first;
4. fill source and target from the actor mentions the linker put on the doc: subject (prefield, or
   first nominative after the finite verb), object, passive agent ("von X"), the pattern's
   prepositional target ("Sanktionen gegen X"), compounds and adjectives on event nouns
   ("US-Angriffe", "russische Angriffe"), coordination ("Russland und Iran"), relative-clause
   antecedents, third-person pronouns (last subject) and "wir" in a quote (its speaker).
Events whose acts did not happen are dropped, except explicit negation, kept with negated=True.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

from ..records import DateMention, Doc, Event, Mention, Sentence, Span, Token
from .cameo import cameo_table
from .clauses import Clause, split_clauses
from .groups import Group, GroupFinder
from .lexicon import cues
from .modality import ModalityReader, intent_code, intent_map
from .patterns import Pattern
from .roles import RoleFinder

__all__ = ["Clause", "CodeEvents", "EventCoder", "Group", "coder", "cues", "intent_code", "intent_map"]


class EventCoder(GroupFinder, ModalityReader, RoleFinder):
    """Codes the events of a Doc; one instance per language, reused across documents.

    The steps live in their own modules: clauses (`clauses.py`), actor groups (`groups.py`),
    modality (`modality.py`) and roles (`roles.py`); this class matches the patterns and emits events.
    """

    def clauses(self, toks: list[Token], a: int, b: int) -> list[Clause]:
        return split_clauses(toks, a, b, self.g, self.language, self.cues.get("subprep", frozenset()))

    # ------------------------------------------------------------------ triggers
    def _verb_patterns(self, toks: list[Token], c: Clause, i: int) -> list[Pattern]:
        """Patterns for the verb with its particle; if that compound has none, conditioned patterns of
        the bare verb ("zeigte sich ... bereit": HanTa tags "bereit" as a particle)."""
        pats = self.ix.for_verb(self._verb_lemma(toks, c, i))
        if not pats and self.language == "en" and toks[i].text.lower().endswith("ed"):
            cand = self._en_verb(toks[i].text.lower())  # the tagger's lemma of an unknown verb: "blackliste"
            pats = self.ix.for_verb(cand) if cand else []
        if not pats:
            bare = self._lemma(toks[i])
            if bare != self._verb_lemma(toks, c, i):
                pats = [p for p in self.ix.for_verb(bare) if p.require]
        return pats

    def _has(
        self, toks: list[Token], scope: list[int], words: frozenset[str], nouns: frozenset[str] = frozenset()
    ) -> int:
        """Index of the first token in scope with one of the lemmas (compound heads count), or -1.
        Words in `nouns` match only nouns."""
        for i in scope:
            t = toks[i]
            lem, low = self._lemma(t), t.text.lower()
            is_noun = t.tag in self.g.noun or t.tag in self.g.proper
            noun_only = (lem in nouns or low in nouns) and self.language == "de"
            if (lem in words or low in words) and (is_noun or not noun_only):
                return i
            if is_noun:
                for w in words:
                    if len(w) >= 5 and (lem.endswith(w) or low.endswith(w)):
                        return i  # a compound head: "Selbstmorddrohne" -> Drohne (not "Botschaft" -> Haft)
        return -1

    def _match(
        self,
        toks: list[Token],
        pats: list[Pattern],
        scope: list[int],
        clause: list[int],
        used: set[int] | None = None,
    ) -> Pattern | None:
        """The first (most specific) pattern whose conditions hold; `used` collects the condition words."""
        for p in pats:
            if p.refl and not any(
                toks[i].tag in self.g.refl or toks[i].text.lower() in ("uns", "sich", "itself", "themselves")
                for i in clause
            ):
                continue
            if p.exclude and self._has(toks, scope, p.exclude, p.nouns) >= 0:
                continue
            hits = [self._has(toks, scope, req, p.nouns) for req in p.require]
            if all(h >= 0 for h in hits):
                if used is not None:
                    used.update(hits)
                return p
        return None

    # ------------------------------------------------------------------ main
    def _rescue_verbs(self, toks: list[Token], a: int, b: int) -> None:
        """The tagger reads some past-tense verbs as adjectives ("Die USA belegten ...", "Bewaffnete
        entführten ...", "Kharkiv was shelled"): give a pattern verb its verb tag back."""
        if self.language == "en":
            self._rescue_verbs_en(toks, a, b)
            return
        g = self.g
        has_finite = any(toks[k].tag in g.finite for k in range(a, b))
        for k in range(a, b):
            t = toks[k]
            low = t.text.lower()
            after_conj = k > a and toks[k - 1].tag in g.conj and self._lemma(toks[k - 1]) == "und"
            if has_finite and not after_conj:
                continue  # "... und verhängte Sanktionen": a second verb after "und"
            if (
                t.tag == "ADJ(A)"
                and low.endswith(("te", "ten"))
                and k + 1 < b
                and (toks[k + 1].tag != "NN" or after_conj)
            ):
                stem = self._lemma(t)
                for cand in (stem[:-1] + "en" if stem.endswith("t") else "", stem + "en", stem[:-2] + "en"):
                    if cand and self.ix.for_verb(cand):
                        toks[k] = Token(t.text, t.start, t.end, "VV(FIN)", cand, t.sent)
                        return

    def _rescue_verbs_en(self, toks: list[Token], a: int, b: int) -> None:
        """English: an -ed adjective after a form of "be" is a passive participle ("was shelled");
        in a sentence without a finite verb, an -ed word before its object is a past tense
        ("Police in Istanbul detained dozens ...", tagged as participle or adjective)."""
        g = self.g
        passive = self.cues.get("passive", frozenset())
        has_finite = any(toks[k].tag in g.finite for k in range(a, b))
        if not has_finite:
            self._rescue_plural_verb(toks, a, b)
            has_finite = any(toks[k].tag in g.finite for k in range(a, b))
        for k in range(a + 1, b):
            t = toks[k]
            low = t.text.lower()
            if not low.endswith("ed") or t.tag not in ("AJ0", "VVN", "VVD-AJ0", "AJ0-VVN", "AJ0-VVD"):
                continue
            prev = k - 1
            while prev > a and toks[prev].tag in ("AV0", "XX0"):
                prev -= 1
            after_be = self._lemma(toks[prev]) in passive and g.is_verb(toks[prev].tag)
            nxt = toks[k + 1] if k + 1 < b else None
            if t.tag.startswith("AJ0") and after_be and (nxt is None or nxt.tag not in g.noun):
                cand = self._en_verb(low)
                if cand:
                    toks[k] = Token(t.text, t.start, t.end, "VVN", cand, t.sent)
                continue
            if has_finite or after_be or nxt is None:
                continue
            object_follows = (
                nxt.tag in ("AT0", "CRD", "DPS", "DT0") or nxt.tag in g.noun or nxt.tag in g.proper
            )
            if object_follows and toks[prev].tag in g.noun | g.proper:
                cand = self._lemma(t) if t.tag == "VVN" else self._en_verb(low)
                if cand and self.ix.for_verb(cand):
                    toks[k] = Token(t.text, t.start, t.end, "VVD", cand, t.sent)
                    return

    def _rescue_plural_verb(self, toks: list[Token], a: int, b: int) -> None:
        """'Moldova plans to join ...': a verb in -s that the tagger read as a plural noun, in a sentence
        without a finite verb, after its subject and before "to", an article or a name."""
        g = self.g
        words = self.cues.get("intent", frozenset()) | self.cues.get("block", frozenset())
        for k in range(a + 1, b - 1):
            t = toks[k]
            low = t.text.lower()
            if t.tag != "NN2" or not low.endswith("s") or toks[k - 1].tag not in g.proper | g.noun:
                continue
            stem = low[:-1]
            if (stem in words or self.ix.for_verb(stem)) and (
                toks[k + 1].tag in g.zu or toks[k + 1].tag in ("AT0", "DPS") or toks[k + 1].tag in g.proper
            ):
                toks[k] = Token(t.text, t.start, t.end, "VVZ", stem, t.sent)
                return

    def _en_verb(self, low: str) -> str | None:
        """The pattern verb an -ed form belongs to: shelled -> shell, dispersed -> disperse,
        stopped -> stop, carried -> carry."""
        stem = low[:-2]
        for cand in (
            stem,
            low[:-1],
            stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
            stem[:-1] + "y" if stem.endswith("i") else "",
        ):
            if cand and self.ix.for_verb(cand):
                return cand
        return None

    def __call__(self, doc: Doc) -> list[Event]:
        toks = list(doc.tokens)  # a private copy: verb rescue may retag a token
        if not toks:
            return []
        starts = [t.start for t in toks]
        quotes = [(q.start, q.end, q.speaker) for q in doc.article.quotes if q.speaker and q.speaker.actor]

        def speaker(offset: int):
            for s, e, sp in quotes:
                if s <= offset < e:
                    return sp.actor
            return None

        events: list[Event] = []
        seen: set[tuple] = set()
        last_subject: list[Mention | None] = [None]
        for si, (a, b) in enumerate(doc.sent_tokens):
            if a >= b:
                continue
            sent = (
                doc.article.sentences[si]
                if si < len(doc.article.sentences)
                else Sentence(toks[a].start, toks[b - 1].end)
            )
            self._rescue_verbs(toks, a, b)
            cl = self.clauses(toks, a, b)
            groups = self.groups(doc, toks, a, b, starts, speaker)
            self._state.groups = groups
            self._state.clauses = cl
            for c in cl:
                members = set(c.toks)
                c.groups = [x for x in groups if x.first in members]
            is_question = toks[b - 1].text == "?"
            dates: list[DateMention] | None = None
            sent_events: list[tuple[Event, int, str]] = []
            for ci, c in enumerate(cl):
                self._resolve_pronouns(c.groups, last_subject)
                mod = self._modality(toks, cl, ci, is_question)
                scope = list(c.toks)
                for j in range(ci + 1, len(cl)):
                    if cl[j].governor == ci and cl[j].kind in ("inf", "sub"):
                        scope += cl[j].toks
                    elif cl[j].kind == "main":
                        break
                negated = self._negated(toks, c.toks)
                verbs = [
                    i
                    for i in c.toks
                    if self.g.is_full_verb(toks[i].tag) and not self._attributive(toks, i, a, b)
                ]
                if not verbs:
                    verbs = [i for i in c.toks if toks[i].tag in self.g.aux and toks[i].tag in self.g.finite]
                passive_aux = any(
                    self._lemma(toks[i]) in self.cues.get("passive", frozenset())
                    and self.g.is_verb(toks[i].tag)
                    and not self.g.is_full_verb(toks[i].tag)
                    for i in c.toks
                )
                consumed: set[int] = set()  # condition words of verb events: "hob die Sanktionen auf"
                for i in verbs:
                    used: set[int] = set()
                    p = self._match(toks, self._verb_patterns(toks, c, i), scope, c.toks, used)
                    if p is None or p.stop:
                        continue
                    headline = not any(toks[k].tag in self.g.finite for k in c.toks) and any(
                        x.prep in self.cues.get("agent", frozenset()) for x in c.groups
                    )  # "Deutschland deswegen von EU-Kommission verklagt."
                    passive = (
                        (passive_aux or headline)
                        and toks[i].tag in self.g.participle
                        and not self._zu_perfect(toks, c, i)
                    )
                    if self._reduced_relative(toks, c, i):
                        # "schoolchildren kidnapped by gunmen": the noun before is the theme, "by" the agent
                        ag = next(
                            (
                                x
                                for x in c.groups
                                if x.first > i and x.prep in self.cues.get("agent", frozenset())
                            ),
                            None,
                        )
                        src, tgt = ag, None
                    else:
                        src, tgt = self._roles(toks, cl, ci, i, p, passive)
                    m = mod or ("intent" if self._intent_verbal(toks, c.toks, i) else None)
                    if m is None and not self.g.verb_second:
                        m = self._english_complement(toks, c, i)
                    for ev in self._emit(doc, p, src, tgt, i, sent, m, negated, cl, c, toks):
                        sent_events.append((ev, ci, "V"))
                        if ev.source is not None or self.language != "en":
                            consumed |= used  # (English: a sourceless verb event leaves its nouns to code)
                nominal_ok = not (self._verb_cue(toks, c, "block") or self._verb_cue(toks, c, "intent"))
                cue_at = self._first_cue_verb(toks, c) if not nominal_ok and self.language == "en" else None
                for i in c.toks:
                    if cue_at is not None and i < cue_at:
                        pass  # English: a noun before the demanding/planning verb is no part of its complement
                    elif not nominal_ok:
                        continue
                    if toks[i].tag not in self.g.noun or i in consumed:
                        continue
                    pats = self.ix.for_noun(self._lemma(toks[i]))
                    if not pats or self._noun_blocked(toks, c, i):
                        continue
                    p = self._match(toks, [q for q in pats if q.kind == "N"], c.toks, c.toks)
                    if p is None or p.stop:
                        continue
                    src, tgt = self._noun_roles(toks, c, i, p)
                    if mod == "intent" or self._future_clause(toks, c):
                        continue
                    for ev in self._emit(doc, p, src, tgt, i, sent, mod, False, cl, c, toks):
                        sent_events.append((ev, ci, "N"))
                if c.subject is None and c.kind in ("main", "sub"):
                    c.subject = self._subject_only(toks, c)
                if (
                    c.subject is not None
                    and len(c.subject.mentions) == 1
                    and c.subject.mentions[0].actor is not None
                ):
                    last_subject[0] = c.subject.mentions[0]
            strong = {ci for ev, ci, kind in sent_events if kind == "V" and not self.ix.by_id[ev.rule].weak}
            sent_events = [
                x
                for x in sent_events
                if not (x[2] == "V" and x[1] in strong and self.ix.by_id[x[0].rule].weak)
            ]
            verb_roots = {
                (ci, ev.root)
                for ev, ci, kind in sent_events
                if kind == "V" and (ev.source or self.language != "en")
            }
            noun_roots = {
                (ci, ev.root) for ev, ci, kind in sent_events if kind == "N" and ev.source is not None
            }
            for ev, ci, kind in sent_events:
                if kind == "N" and (ci, ev.root) in verb_roots:
                    continue
                if (
                    kind == "V"
                    and ev.source is None
                    and self.language == "en"
                    and (ci, ev.root) in noun_roots
                ):
                    continue  # "were killed in an Israeli air strike": the noun knows the source
                key = (
                    ev.code,
                    ev.source.actor.id if ev.source and ev.source.actor else None,
                    ev.target.actor.id if ev.target and ev.target.actor else None,
                    si,
                )
                if key in seen:
                    continue
                seen.add(key)
                if dates is None:
                    dates = [d for d in doc.dates if sent.start <= d.start < sent.end]
                ev.date, ev.date_text = self._date_for(dates, cl[ci], toks, ev)
                ev.date_precision = next(
                    (d.precision for d in dates if (d.text, d.date) == (ev.date_text, ev.date)), None
                )
                events.append(ev)
        return events

    def _future_clause(self, toks: list[Token], c: Clause) -> bool:
        """English: a clause with "will/would" ("would send a delegation for talks"): its event
        nouns are planned, not facts."""
        if self.language != "en":
            return False
        words = self.cues.get("future", frozenset()) | self.cues.get("intent", frozenset())
        return any(
            toks[k].tag in self.g.aux and toks[k].tag in self.g.finite and self._lemma(toks[k]) in words
            for k in c.toks
        )

    def _first_cue_verb(self, toks: list[Token], c: Clause) -> int | None:
        """Index of the first verb of class block or intent in the clause."""
        words = self.cues.get("block", frozenset()) | self.cues.get("intent", frozenset())
        return next(
            (i for i in c.toks if self.g.is_verb(toks[i].tag) and self._lemma(toks[i]) in words), None
        )

    def _reduced_relative(self, toks: list[Token], c: Clause, i: int) -> bool:
        """English participle right after a noun, behind the clause's finite verb: a reduced relative
        clause ("rescued 20 schoolchildren kidnapped by gunmen"), passive, about that noun."""
        if self.language != "en" or toks[i].tag not in self.g.participle or i - 1 < c.start:
            return False
        prev = toks[i - 1]
        return (prev.tag in self.g.noun or prev.tag in self.g.proper) and any(
            k < i - 1 and toks[k].tag in self.g.finite for k in c.toks
        )

    def _attributive(self, toks: list[Token], i: int, a: int, b: int) -> bool:
        """English participle used as an adjective: "the detained journalist" (no act of detaining)."""
        if self.language != "en" or toks[i].tag not in self.g.participle | {"VVD"} or i - 2 < a or i + 1 >= b:
            return False
        if (
            toks[i - 1].text == "-"
            and toks[i - 1].start == toks[i - 2].end
            and toks[i - 1].end == toks[i].start
        ):
            return True  # "Iranian-backed militias"
        return toks[i - 1].tag in ("AT0", "DPS", "DT0") and (
            toks[i + 1].tag in self.g.noun or toks[i + 1].tag in self.g.proper or toks[i + 1].tag == "AJ0"
        )

    def _reciprocal(self, toks: list[Token], idx: list[int]) -> bool:
        words = self.cues.get("reciprocal", frozenset())
        return any(f"{toks[x].text.lower()} {toks[y].text.lower()}" in words for x, y in pairwise(idx))

    def _zu_perfect(self, toks, c: Clause, i: int) -> bool:
        """'geliefert zu haben' / 'beschuldigt worden' are not a passive of the trigger itself."""
        return i + 2 < len(toks) and toks[i + 1].tag in self.g.zu

    def _emit(self, doc, p: Pattern, src, tgt, trig: int, sent, mod, negated, cl, c, toks) -> list[Event]:
        if mod == "drop":
            return []
        code = p.code
        if mod == "intent":
            code = intent_code(code)
            if code is None:
                return []
            if self.language == "de":
                negated = False if negated and code.startswith("03") else negated
        pairs: list[tuple[Mention | None, Mention | None]] = []
        srcs = src.mentions if src else []
        tgts = tgt.mentions if tgt else []
        if p.sym and tgt is not None and tgt.prep in ("zwischen", "between") and len(tgts) >= 2 and not srcs:
            pairs = [(x, y) for x in tgts for y in tgts if x is not y]
        if p.sym and not tgts:
            if len(srcs) >= 2:
                pairs = [(x, y) for x in srcs for y in srcs if x is not y]
            else:
                zw = next(
                    (x for x in c.groups if x.prep in ("zwischen", "between") and len(x.mentions) >= 2), None
                )
                if zw is not None:
                    pairs = [(x, y) for x in zw.mentions for y in zw.mentions if x is not y]
        if (
            not pairs
            and p.sym
            and len(srcs) >= 2
            and tgt is not None
            and tgt.prep is None
            and self.language == "en"
        ):
            pairs = [(x, y) for x in srcs for y in srcs if x is not y]  # "X and Y discussed Ukraine": a topic
        if not pairs and len(srcs) >= 2 and not tgts and self._reciprocal(toks, c.toks):
            pairs = [(x, y) for x in srcs for y in srcs if x is not y]  # "accused each other"
        if not pairs:
            pairs = [(s, t) for s in (srcs or [None]) for t in (tgts or [None])]
            if p.mutual and srcs and tgts:
                pairs += [(t, s) for s in srcs for t in tgts]  # "Syrian forces clashed with Druze militias"
        if (
            code == "042"
            and srcs
            and not tgts
            and c.governor is not None
            and cl[c.governor].subject is not None
        ):
            tgts = cl[c.governor].subject.mentions  # "Raisi ... mit Lukaschenko, der zu einem Besuch eintraf"
            pairs = [(s, t) for s in srcs for t in tgts]
        info = cameo_table()[code]
        t = toks[trig]
        out = []
        for s, o in pairs:
            if s is not None and o is not None and s.actor and o.actor and s.actor.id == o.actor.id:
                o = None
            if s is None and (o is None or p.needs_source):
                continue
            if code[:2] == "04" and o is None and code not in ("045",):
                continue  # a meeting or visit needs a counterpart
            out.append(
                Event(
                    code=code,
                    root=info.root,
                    name=info.name,
                    plover=info.plover,
                    goldstein=info.goldstein,
                    source=_copy(s),
                    target=_copy(o),
                    date=None,
                    date_text=None,
                    negated=bool(negated),
                    trigger=Span(t.text, t.start, t.end),
                    sentence=Sentence(sent.start, sent.end),
                    rule=p.id,
                )
            )
        return out

    def _date_for(self, dates: list[DateMention], c: Clause, toks: list[Token], ev: Event):
        if not dates:
            return None, None
        offsets = {toks[i].start for i in c.toks}
        inside = [d for d in dates if any(d.start <= o < d.end for o in offsets)]
        if inside:
            return inside[0].date, inside[0].text
        if c.kind == "main":
            for other in self._state.clauses:
                if other.kind == "main" and other is not c:
                    offs = {toks[i].start for i in other.toks}
                    for d in dates:
                        if any(d.start <= o < d.end for o in offs):
                            return d.date, d.text
        return None, None


def _copy(m: Mention | None) -> Mention | None:
    return None if m is None else Mention(m.text, m.start, m.end, m.actor)


@cache
def coder(language: str) -> EventCoder:
    return EventCoder(language)


class CodeEvents:
    """Pipeline component: fill `article.events` from tokens, actor mentions and quotes."""

    name = "events"
    requires = ("doc.tokens", "article.sentences", "doc.mentions", "doc.dates", "article.quotes")
    assigns = ("article.events",)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.tokens:
            return doc
        doc.article.events = coder(doc.language)(doc)
        return doc
