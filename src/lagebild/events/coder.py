"""Event coding: CAMEO events with source, target, date, negation and evidence, read off the clauses.

Per clause of the syntax layer (`doc.clauses`), in text order:
1. modality (`modality.py`): drop what is not stated as a fact, mark intent and negation; a clause
   inherits a dropped or intended governor (the content of a demand, the plan in "will … besuchen");
2. the predicate's most specific verb pattern with its frame (`frames.py`): source and target from
   subject, object, indirect or prepositional object, passive agent; coordinated arguments give one
   event each; pronoun subjects refer back (`reference.py`);
3. the clause's event nouns that no verb pattern consumed, with the noun's own arguments;
4. the date of the clause (or of its sentence, when the sentence has one date expression).
Explicitly negated events are kept with `negated=True`; intended acts are coded in the 03 family.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..dates import date_for_span
from ..lang import get_language
from ..quotes.lexicon import lexicon as quote_lexicon
from ..records import Doc, Event, Mention, Sentence, Span
from ..syntax import Clause, subtree
from .arguments import Arguments, linked
from .cameo import cameo_table
from .frames import Frame, FrameReader
from .lexicon import cues, lemma
from .modality import FACT, Modality, context, intent_code, modality
from .patterns import load_patterns
from .reference import References

__all__ = ["CodeEvents", "code_events", "intent_code"]


@cache
def _cues(language: str) -> dict[str, frozenset[str]]:
    """The event cues, plus the quotation stage's speech verbs (their complements are speech content)."""
    lex = quote_lexicon(language)
    return {**cues(language), "speech": frozenset(lex.say | lex.verbs | lex.claims)}


@dataclass
class Coded:
    """One event with the clause analysis behind it (for `--explain`)."""

    event: Event
    frame: Frame
    modality: Modality


class DocCoder:
    """Codes the events of one parsed doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.language = doc.language
        self.ix = load_patterns(doc.language, frames=True)
        self.cues = _cues(doc.language)
        self.args = Arguments(doc)
        self.refs = References(doc)
        self.by_predicate = {c.predicate: c for c in doc.clauses}
        self.owner = _owners(doc)
        self.tokens: dict[int, list[int]] = {}
        for i, c in sorted(self.owner.items()):
            self.tokens.setdefault(c.predicate, []).append(i)
        self.reader = FrameReader(doc, self.ix, self.args, self.refs, self.tokens)
        self.moods: dict[int, Modality] = {}
        self.coded: list[Coded] = []
        self.last_accuser: Mention | None = None  # the source of the last accusation or criticism

    def run(self) -> list[Coded]:
        seen: set[tuple] = set()
        for clause in sorted(self.doc.clauses, key=lambda c: c.predicate):
            for item in self._clause(clause):
                key = _key(item.event)
                if key not in seen:
                    seen.add(key)
                    self.coded.append(item)
        self.coded = _drop_weak(_drop_covered_statements(self.coded))
        self._date_events()
        return self.coded

    def _span(self, clause: Clause) -> tuple[int, int]:
        """Character span of a clause's own tokens."""
        own = self.tokens.get(clause.predicate) or [clause.predicate]
        toks = self.doc.tokens
        return toks[min(own)].start, toks[max(own)].end

    def _date_events(self) -> None:
        """Each event takes the date of its own clause, else its sentence's only date when that date lies
        in no other clause with an event of its own (`dates.date_for_span`)."""
        eventful = {id(c.frame.clause): self._span(c.frame.clause) for c in self.coded}
        for item in self.coded:
            ev, clause = item.event, item.frame.clause
            start, end = eventful[id(clause)]
            others = [span for key, span in eventful.items() if key != id(clause)]
            d = date_for_span(self.doc.dates, start, end, ev.sentence, others=others)
            if d is not None:
                ev.date, ev.date_text, ev.date_precision = d.date, d.text, d.precision

    def _clause(self, clause: Clause) -> list[Coded]:
        mod = self._modality(clause)
        words = self.reader.words(self.tokens.get(clause.predicate, []))
        out: list[Coded] = []
        verb = self.reader.verb_frame(clause, words)
        consumed: set[int] = set()
        if verb is not None and not verb.pattern.stop:
            out += self._events(verb, mod)
        if verb is not None and (out or verb.pattern.stop):  # a verb that yields nothing consumes nothing:
            consumed = set(verb.used)  # "flew home after talks with Tehran" (a trip needs a destination)
        if any(x.event.root in VERBAL_ROOTS for x in out):  # "Die Forderungen X wurden von Y kritisiert":
            # a speech act named as an argument of another speech act is no act of its own
            consumed |= {
                a
                for a in (clause.subject, clause.agent, *clause.objects)
                if a is not None and self._verbal_noun(a)
            }
        if self._governs_content(clause):  # "fordert Sanktionen": its object nouns are no facts
            consumed |= {i for o in clause.objects for i in subtree(self.doc, o)}
        if mod.kind != "drop":
            claimed = self._claims(clause, words)  # "claimed responsibility for the drone attack"
            self.reader.open_subject = claimed or (not out and (verb is None or not verb.pattern.stop))
            support = self.cues.get("light", frozenset())
            noun_mod = FACT if mod.kind == "negated" else mod  # "die Annexion … wurde nie anerkannt"
            for frame in self.reader.noun_frames(clause, words, consumed, support):
                if not frame.pattern.stop:
                    out += self._events(frame, self._noun_negation(frame) or noun_mod)
        self._note_subject(clause)
        return out

    def _modality(self, clause: Clause) -> Modality:
        """The clause's own modality, or its governor's when that drops or intends this clause."""
        if clause.predicate in self.moods:
            return self.moods[clause.predicate]
        own = frozenset(  # (not the verb itself: "opened an investigation" is no readiness, "open")
            lemma(self.doc.tokens[i]) for i in self.tokens.get(clause.predicate, []) if i != clause.predicate
        )
        mod = modality(context(self.doc, clause, self.by_predicate, self.language, self.cues, own))
        gov = self.by_predicate.get(clause.governor) if clause.governor is not None else None
        if (mod.kind == "fact" and gov is not None and clause.kind in ("inf", "sub")) or (
            mod.kind == "fact" and gov is not None and self.doc.tokens[clause.predicate].dep == "conj"
        ):
            inherited = self._modality(gov)
            if inherited.kind in ("drop", "intent"):
                mod = Modality(inherited.kind, f"governor: {inherited.reason}")
        self.moods[clause.predicate] = mod
        return mod

    def _reply_target(self, f: Frame) -> list[Mention]:
        """Rejecting or denying "die Vorwürfe" answers the last accuser of the article, else the speaker of
        the last reported claim in the sentences before ("Die CUD behauptete, dass … Regierungsvertreter
        wiesen die Vorwürfe zurück")."""
        words = self.cues.get("accusation", frozenset())
        objs = [lemma(self.doc.tokens[o]) for o in f.clause.objects]
        if not any(o in words or o.endswith(tuple(words)) for o in objs):
            return []
        m = self.last_accuser or self._last_claimant(f.clause)
        return [Mention(m.text, m.start, m.end, m.actor)] if m is not None else []

    def _last_claimant(self, clause: Clause) -> Mention | None:
        """The speaker (with an actor) of the last quotation that ends before the clause, at most
        `REPLY_WINDOW` sentences back."""
        toks = self.doc.tokens
        start, here = toks[clause.predicate].start, toks[clause.predicate].sent
        first = toks[self.doc.sent_tokens[max(here - REPLY_WINDOW, 0)][0]].start
        before = [
            q
            for q in self.doc.article.quotes
            if first <= q.start and q.end <= start and q.speaker is not None and q.speaker.actor is not None
        ]
        return max(before, key=lambda q: q.end).speaker if before else None

    def _deontic(self, clause: Clause) -> bool:
        """A complement with a modal of obligation ("solle", "müssten", "should")."""
        deontic = self.cues.get("deontic", frozenset())
        return any(
            (inner := self.by_predicate.get(q)) is not None and inner.modal in deontic
            for q in clause.complements
        )

    def _verbal_noun(self, i: int) -> bool:
        """A noun that names a speech act ("Forderung", "Kritik", "Vorwurf"): its patterns are verbal."""
        pats = self.ix.for_noun(lemma(self.doc.tokens[i]))
        return bool(pats) and all(p.code[:2] in VERBAL_ROOTS for p in pats if not p.stop)

    def _noun_negation(self, f: Frame) -> Modality | None:
        """An event noun with a negating determiner ("keine Angriffe") is negated itself."""
        toks = self.doc.tokens
        neg = self.cues.get("nounneg", frozenset())
        lo, hi = self.doc.sent_tokens[toks[f.token].sent]
        if any(toks[k].head == f.token and lemma(toks[k]) in neg for k in range(lo, hi)):
            return Modality("negated", "negated noun")
        return None

    def _noun_intended(self, f: Frame) -> bool:
        """An event noun is intended only where the clause intends that very act: a support verb
        ("will Gespräche führen") or a word of readiness ("zeigte sich zu Gesprächen bereit")."""
        c = f.clause
        if c.lemma.lower() in self.cues.get("light", frozenset()):
            return True
        words = self.cues.get("intentword", frozenset()) | {"bereit"}
        return any(lemma(self.doc.tokens[i]) in words for i in self.tokens.get(c.predicate, []))

    def _governs_content(self, clause: Clause) -> bool:
        """A demanding, planning or denying verb: its object nouns are not facts ("fordert Sanktionen"),
        unless it claims responsibility for them (`_claims`)."""
        word = clause.lemma.lower()
        if self._claims(clause, self.reader.words(self.tokens.get(clause.predicate, []))):
            return False
        return word in self.cues.get("block", frozenset()) or word in self.cues.get("intent", frozenset())

    def _claims(self, clause: Clause, words) -> bool:
        """A 'claimverb' with a 'claim' word ("claimed responsibility for the attack"): the claimed act is
        a fact and its source is the claimer."""
        if clause.lemma.lower() not in self.cues.get("claimverb", frozenset()):
            return False
        return any(w in words.words for w in self.cues.get("claim", frozenset()))

    def _note_subject(self, clause: Clause) -> None:
        """Remember the clause's actors for later reference: its subject, then every argument."""
        actor = clause.agent if clause.voice == "passive" and clause.agent is not None else clause.subject
        if clause.kind == "main" and actor is not None:
            sides = self.args.sides(actor)
            if len(sides) == 1:
                self.refs.note_subject(sides[0], self.args.is_person(sides[0]))
        for arg in (
            clause.subject,
            *clause.objects,
            clause.indirect_object,
            *(h for _, h in clause.obliques),
        ):
            for side in self.args.sides(arg):
                self.refs.note_argument(side)

    # ---------------------------------------------------------------- events
    def _events(self, f: Frame, mod: Modality) -> list[Coded]:
        code = f.pattern.code
        if mod.kind == "drop":
            return []
        if code == "010" and self._deontic(f.clause):
            code = "100"  # "sagte, die Regelung solle für alle gelten": what must be done is demanded
            f.targets = f.targets or self.reader.complement_subjects(f.clause)
        if mod.kind == "intent" and not code.startswith("03"):  # an offer or intent is coded as itself
            code = intent_code(code)
            if code is None or (f.kind == "N" and not (f.sources and self._noun_intended(f))):
                return []
        out = []
        if code[:2] == "11" and f.sources and linked(f.sources[0]):
            self.last_accuser = f.sources[0]
        if (not f.targets and code[:2] == "12") or code.startswith("016"):
            f.targets = f.targets or self._reply_target(f)
        for source, target in _pairs(f, self.cues.get("mutual", frozenset())):
            if source is None and (target is None or f.pattern.needs_source):
                continue
            if code[:2] == "04" and target is None:
                continue  # a meeting or visit needs a counterpart
            out.append(Coded(self._event(f, code, source, target, mod), f, mod))
        return out

    def _event(self, f: Frame, code: str, source, target, mod: Modality) -> Event:
        info = cameo_table()[code]
        t = self.doc.tokens[f.token]
        lo, hi = self.doc.sent_tokens[t.sent]
        sent = Sentence(self.doc.tokens[lo].start, self.doc.tokens[hi - 1].end)
        return Event(
            code=code,
            root=info.root,
            name=info.name,
            plover=info.plover,
            goldstein=info.goldstein,
            source=_copy(source),
            target=_copy(target),
            date=None,
            date_text=None,
            negated=mod.kind == "negated",
            trigger=Span(t.text, t.start, t.end),
            sentence=sent,
            rule=f.pattern.id,
        )


def _pairs(f: Frame, mutual: frozenset[str] = frozenset()) -> list[tuple[Mention | None, Mention | None]]:
    """(source, target) pairs: every source with every target; a symmetric act between coordinated
    subjects goes both ways; a mutual one ("clashed with") also back."""
    p = f.pattern
    srcs, tgts = f.sources, f.targets
    symmetric = p.sym or p.code[:2] in SYMMETRIC_ROOTS or f.clause.lemma.lower() in mutual
    if symmetric and len(srcs) >= 2 and all(_among(t, srcs) or not linked(t) for t in tgts):
        # ("Russia and Ukraine swapped 95 prisoners": the act is between the subjects)
        pairs = [(a, b) for a in srcs for b in srcs if a is not b]
    elif symmetric and not srcs and len(f.between) >= 2:
        pairs = [(a, b) for a in f.between for b in f.between if a is not b]
    elif srcs and not tgts and len(f.mediated) >= 2:  # "bot an, zwischen Moskau und Kiew zu vermitteln"
        pairs = [(s, b) for s in srcs for b in f.mediated]
    else:
        pairs = [(s, t) for s in (srcs or [None]) for t in (tgts or [None])]
        if p.mutual and srcs and tgts:
            pairs += [(t, s) for s in srcs for t in tgts]
    return [(s, t) for s, t in pairs if not _same_actor(s, t)]


# Roots of verbal acts (statements, appeals, demands, criticism, rejections, threats).
VERBAL_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
REPLY_WINDOW = 2  # sentences back in which a rejection of "die Vorwürfe" finds the claim it answers
# Claiming responsibility is an act of its own beside the claimed act ("claimed responsibility for the
# bombing": 015 and the bombing), not a statement the claimed act covers.
CLAIM_CODE = "015"
# Cooperative acts between coordinated actors go both ways ("Israel und die Hamas einigten sich").
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})


def _drop_covered_statements(coded: list[Coded]) -> list[Coded]:
    """A statement (01) of a speaker who does something more specific in the same sentence (appeals,
    accuses, rejects …) is that act, not also a statement."""
    specific = {
        (c.event.sentence.start, _side_key(c.event.source))
        for c in coded
        if c.event.root != "01" and c.event.source is not None
    }
    return [
        c
        for c in coded
        if c.event.root != "01"
        or c.event.code == CLAIM_CODE
        or (c.event.sentence.start, _side_key(c.event.source)) not in specific
    ]


def _drop_weak(coded: list[Coded]) -> list[Coded]:
    """A weak verb ("agreed to …") yields its event only when no complement of its clause yields one:
    "agreed to exchange prisoners" is the exchange, "agreed to work together" is 030."""
    eventful = {c.frame.clause.predicate for c in coded}
    return [
        c
        for c in coded
        if not (c.frame.kind == "V" and c.frame.pattern.weak)
        or not any(q in eventful for q in c.frame.clause.complements)
    ]


def _side_key(m: Mention | None):
    return None if m is None else (m.actor.id if m.actor else m.text)


def _among(m: Mention, group: list[Mention]) -> bool:
    return any(_same_actor(m, g) or (m.start, m.end) == (g.start, g.end) for g in group)


def _same_actor(s: Mention | None, t: Mention | None) -> bool:
    return (
        s is not None
        and t is not None
        and s.actor is not None
        and t.actor is not None
        and s.actor.id == t.actor.id
    )


def _key(ev: Event) -> tuple:
    def side(m):
        return (m.actor.id if m.actor else m.text) if m is not None else None

    return (ev.code, side(ev.source), side(ev.target), ev.sentence.start)


def _copy(m: Mention | None) -> Mention | None:
    return None if m is None else Mention(m.text, m.start, m.end, m.actor)


def _owners(doc: Doc) -> dict[int, Clause]:
    """Each token -> the clause it belongs to: its nearest ancestor that heads a clause."""
    heads: dict[int, Clause] = {}
    for c in doc.clauses:
        heads[c.predicative if c.predicative is not None else c.predicate] = c
        heads.setdefault(c.predicate, c)
    toks = doc.tokens
    out: dict[int, Clause] = {}
    for i, t in enumerate(toks):
        if t.head < 0:
            continue
        j, steps = i, 0
        while j not in heads and toks[j].head != j and steps < 64:
            j, steps = toks[j].head, steps + 1
        if j in heads:
            out[i] = heads[j]
    return out


def code_events(doc: Doc) -> list[Coded]:
    """The events of a parsed doc with the analysis behind each (see `Coded`)."""
    if not doc.tokens or not doc.clauses:
        return []
    get_language(doc.language)  # an unsupported language fails here, not deep inside
    return DocCoder(doc).run()


class CodeEvents:
    """Pipeline component: fill `article.events` from the clause view, actor mentions, dates and quotes."""

    name = "events"
    requires = ("doc.tokens", "doc.clauses", "doc.mentions", "doc.dates", "article.quotes")
    assigns = ("article.events",)

    def __call__(self, doc: Doc) -> Doc:
        doc.article.events = [c.event for c in code_events(doc)]
        return doc
