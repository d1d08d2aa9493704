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

import bisect
import threading
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from ..dates import DateMention, find_dates
from ..records import Doc, Event, Mention, Sentence, Span, Token
from ..resources import read_tsv
from .cameo import cameo_table
from .grammar import Grammar, grammar_for
from .patterns import Pattern, PatternIndex, load_patterns

_BOUNDARY = {",", "–", "—", ";", ":", "-"}


@cache
def cues(language: str) -> dict[str, frozenset[str]]:
    """Cue class -> lemmas (data/cues.tsv)."""
    out: dict[str, set[str]] = {}
    for row in read_tsv("events", "data", "cues.tsv", required=("lang", "cue", "class")):
        if row["lang"] == language:
            out.setdefault(row["class"], set()).add(row["cue"].lower())
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _time_words(language: str) -> frozenset[str]:
    from ..dates import _lexicon

    words = _lexicon(language).words
    return frozenset(w for k in ("weekday", "month", "unit", "part", "day") for w in words.get(k, {}))


@cache
def intent_map() -> dict[str, str]:
    rows = read_tsv("events", "data", "intent.tsv", required=("from", "to"))
    table = cameo_table()
    out = {}
    for r in rows:
        if r["to"] not in table:
            raise ValueError(f"intent.tsv: unknown code {r['to']!r}")
        out[r["from"]] = r["to"]
    return out


def intent_code(code: str) -> str | None:
    """The 'express intent' code for an act that is only intended, or None (not coded)."""
    table = intent_map()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


@dataclass
class Group:
    """Coordinated actor mentions in one position ("Russland und Iran"), with their context."""

    mentions: list[Mention]
    first: int  # token index of the first token
    last: int
    prep: str | None = None
    oblique: bool = False
    genitive: bool = False
    pronoun: bool = False


@dataclass
class Clause:
    toks: list[int]
    kind: str = "main"  # main | sub | rel | inf | frag | vfrag
    intro: str | None = None
    governor: int | None = None  # index of the governing clause (for sub/inf/rel)
    subject: Group | None = None
    groups: list[Group] = field(default_factory=list)
    lemmas: set[str] | None = None
    lemma_size: int = 0

    @property
    def start(self) -> int:
        return self.toks[0]


class EventCoder:
    """Codes the events of a Doc; one instance per language, reused across documents."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.g: Grammar = grammar_for(language)
        self.ix: PatternIndex = load_patterns(language)
        self.cues = cues(language)
        self._state = threading.local()  # the sentence being coded; one coder serves many threads

    # ------------------------------------------------------------------ helpers
    def _lemma(self, t: Token) -> str:
        return (t.lemma or t.text).lower()

    def _cue(self, t: Token, cls: str) -> bool:
        words = self.cues.get(cls, frozenset())
        return self._lemma(t) in words or t.text.lower() in words

    # ------------------------------------------------------------------ clauses
    def clauses(self, toks: list[Token], a: int, b: int) -> list[Clause]:
        g = self.g
        raw: list[list[int]] = []
        cur: list[int] = []
        depth = 0
        for i in range(a, b):
            t = toks[i]
            if t.text in ("(", "["):
                depth += 1
                continue
            if t.text in (")", "]"):
                depth = max(0, depth - 1)
                continue
            if depth:
                continue  # a parenthesis is no part of the clause around it
            if t.text == "," and self._enumeration(toks, i, b):
                cur.append(i)
                continue
            if t.text in _BOUNDARY or (t.tag in g.comma and t.text == ","):
                if cur:
                    raw.append(cur)
                cur = []
                continue
            if t.tag in g.conj and cur and i + 1 < b and toks[i + 1].tag in g.finite:
                raw.append(cur)
                cur = [i]
                continue
            if t.tag in g.sub_intro | g.inf_intro and cur and self.language == "en":
                raw.append(cur)
                cur = [i]
                continue
            if t.tag in ("$.",) or (t.text in {".", "!", "?"} and i == b - 1):
                continue
            cur.append(i)
        if cur:
            raw.append(cur)
        out = [self._classify(toks, c, a) for c in raw]
        return self._repair(toks, out)

    def _enumeration(self, toks: list[Token], i: int, b: int) -> bool:
        """'Russland, China und Iran': a comma between names that a conjunction closes is no clause boundary."""
        g = self.g
        if i == 0 or toks[i - 1].tag not in g.proper:
            return False
        for k in range(i + 1, min(b, i + 8)):
            t = toks[k]
            if t.tag in g.conj:
                return k + 1 < b and toks[k + 1].tag in g.proper | {"ART", "AT0"}
            if not (t.tag in g.proper or t.tag in ("ART", "AT0") or t.text == ","):
                return False
        return False

    def _classify(self, toks: list[Token], idx: list[int], sent_start: int) -> Clause:
        g = self.g
        c = Clause(list(idx))
        first = [i for i in idx if toks[i].tag not in g.conj]
        head = toks[first[0]] if first else toks[idx[0]]
        nxt = toks[first[1]] if len(first) > 1 else None
        tags = {toks[i].tag for i in idx}
        has_fin = bool(tags & g.finite)
        if head.tag in g.sub_intro:
            c.kind, c.intro = "sub", self._lemma(head)
        elif head.tag in g.inf_intro:
            c.kind, c.intro = "inf", self._lemma(head)
        elif head.tag in g.rel or (head.tag in g.prep and nxt is not None and nxt.tag in g.rel):
            c.kind, c.intro = "rel", self._lemma(head)
        elif (
            self.language == "de"
            and head.text.lower() in ("der", "die", "das")
            and idx[0] > sent_start
            and toks[idx[-1]].tag in g.finite
            and len(idx) > 3
            and toks[idx[1]].tag not in g.noun | {"ADJ(A)"}  # "die Stadt ... angegriffen hätten" is an article
        ):
            c.kind, c.intro = "rel", "der"  # HanTa tags some relative pronouns as articles; verb-final shows it
        elif has_fin:
            c.kind = "main"
        elif any(t in g.zu for t in tags) or "VV(IZU)" in tags:
            c.kind = "inf"
        elif any(g.is_verb(t) for t in tags) or any(t in g.particle for t in tags):
            c.kind = "vfrag"
        else:
            c.kind = "frag"
        return c

    def _repair(self, toks: list[Token], cl: list[Clause]) -> list[Clause]:
        """Reattach bracket leftovers and a pre-posed subject to the clause they belong to."""
        g = self.g
        out: list[Clause] = []
        pending: list[Clause] = []  # verbless fragments waiting for a verb-initial main clause
        for c in cl:
            if c.kind == "frag":
                pending.append(c)
                out.append(c)
                continue
            if c.kind == "vfrag":
                host = self._open_bracket(toks, out)
                if host is not None:
                    host.toks.extend(c.toks)
                    continue
                c.kind = "main"
            if c.kind == "main" and self.language == "de" and len(c.toks) >= 3 and toks[c.toks[-1]].tag in g.finite:
                host = next((o for o in reversed(out) if o.kind in ("sub", "main")), None)
                if host is not None and host.kind == "sub" and not any(toks[i].tag in g.finite for i in host.toks):
                    host.toks.extend(c.toks)  # "dass die Truppen X, der ..., die Stadt angegriffen hätten"
                    continue
            if c.kind == "main" and pending:
                lead = [i for i in c.toks if toks[i].tag not in g.conj]
                if lead and toks[lead[0]].tag in g.finite and toks[c.toks[0]].tag not in g.conj:
                    # the subject and its appositions: "Die Fraktionschefin der Linken, Petra Pau, forderte"
                    c.toks = [i for p in pending for i in p.toks] + c.toks
                    for p in pending:
                        if p in out:
                            out.remove(p)
                    pending = []
            if c.kind == "main":
                pending = []
            out.append(c)
        for i, c in enumerate(out):
            if c.kind in ("sub", "inf", "rel"):
                for j in range(i - 1, -1, -1):
                    if out[j].kind in ("main", "sub", "rel", "inf") and not (c.kind == "inf" and out[j].kind == "inf"):
                        c.governor = j
                        break
        return out

    def _open_bracket(self, toks: list[Token], prev: list[Clause]) -> Clause | None:
        """The nearest earlier clause whose verb bracket is still open (finite aux/modal, or a
        finite full verb without its particle)."""
        g = self.g
        for c in reversed(prev):
            if c.kind not in ("main", "sub", "rel"):
                continue
            tags = [toks[i].tag for i in c.toks]
            if not any(g.is_full_verb(t) for t in tags) and any(t in g.finite for t in tags):
                return c
            if any(t in g.finite and g.is_full_verb(t) for t in tags) and not any(t in g.particle for t in tags):
                return c
            return None
        return None

    # ------------------------------------------------------------------ actors
    def groups(self, doc: Doc, toks: list[Token], a: int, b: int, starts: list[int], speaker) -> list[Group]:
        """Actor groups of a sentence, in token order."""
        g = self.g
        items: list[tuple[int, int, Mention, bool]] = []
        for m in doc.mentions:
            if m.actor is None:
                continue
            i = bisect.bisect_right(starts, m.start) - 1
            if i < a or i >= b:
                continue
            j = i
            while j + 1 < b and toks[j + 1].start < m.end:
                j += 1
            items.append((i, j, Mention(m.text, m.start, m.end, m.actor), False))
        taken = {(i, j) for i, j, _, _ in items}
        covered = {k for i, j, _, _ in items for k in range(i, j + 1)}
        for k in range(a, b):
            t = toks[k]
            if k in covered or t.tag not in g.pron:
                continue
            low = t.text.lower()
            actor = None
            if low in g.speaker_pronouns:
                actor = speaker(t.start)
            elif low in g.subject_pronouns and t.text != "Sie":
                actor = "resolve"
            if actor is not None and (k, k) not in taken:
                items.append((k, k, Mention(t.text, t.start, t.end, None if actor == "resolve" else actor), True))
        items.extend(self._both(doc, toks, a, b, covered))
        items.sort(key=lambda x: (x[0], -x[1]))
        out: list[Group] = []
        for i, j, m, pron in items:
            if out and not pron and not out[-1].pronoun:
                prev = out[-1]
                if (i, j) == (prev.first, prev.last) and m.text == prev.mentions[-1].text:
                    prev.mentions.append(m)  # "die beiden Präsidenten": two actors, one phrase
                    continue
                if i <= prev.last:  # nested or overlapping mention: keep the first
                    continue
                between = toks[prev.last + 1 : i]
                joined = bool(between) and all(
                    (t.tag in g.conj and self._lemma(t) in ("und", "sowie", "and")) or t.text == "," or t.tag in ("ART", "AT0")
                    for t in between
                )
                comma_conj = any(x.text == "," and y.tag in g.conj for x, y in pairwise(between))
                if joined and not comma_conj and (any(t.tag in g.conj for t in between) or self._list_continues(toks, j, b, g)):
                    prev.mentions.append(m)
                    prev.last = j
                    continue
            out.append(Group([m], i, j, pronoun=pron))
        for grp in out:
            self._context(toks, a, grp)
        return out

    def _list_continues(self, toks: list[Token], j: int, b: int, g: Grammar) -> bool:
        """After 'X, Y' the list goes on to 'und Z' (', Z und W'): a list, not an apposition."""
        k = j + 1
        while k < b and (toks[k].tag in g.det or toks[k].tag in g.proper or toks[k].text == ","):
            k += 1
        return k < b and toks[k].tag in g.conj

    def _both(self, doc: Doc, toks: list[Token], a: int, b: int, covered: set[int]):
        """'die beiden Präsidenten/Länder' -> the last two actors of different countries before it."""
        out = []
        both = self.cues.get("both", frozenset())
        for k in range(a, b - 1):
            if self._lemma(toks[k]) not in both or toks[k + 1].tag not in self.g.noun or (k + 1) in covered:
                continue
            if self._lemma(toks[k + 1]) not in self.cues.get("bothnoun", frozenset()):
                continue
            found: list = []
            for m in sorted((m for m in doc.mentions if m.actor is not None and m.end <= toks[k].start), key=lambda m: -m.start):
                key = m.actor.country or m.actor.id
                if key not in [f[0] for f in found]:
                    found.append((key, m.actor))
                if len(found) == 2:
                    break
            if len(found) == 2:
                start = k - 1 if k > a and toks[k - 1].tag in ("ART", "AT0") else k
                text = doc.text[toks[start].start : toks[k + 1].end]
                for _, actor in found:
                    out.append((start, k + 1, Mention(text, toks[start].start, toks[k + 1].end, actor), False))
        return out

    def _context(self, toks: list[Token], a: int, grp: Group) -> None:
        """Preposition governing the group, and whether a determiner marks it oblique/genitive."""
        g = self.g
        k = grp.first - 1
        det_seen = False
        if grp.pronoun:
            grp.oblique = toks[grp.first].text.lower() in g.oblique
        while k >= a and grp.first - k <= 10:
            t = toks[k]
            if t.tag in g.prep:
                grp.prep = self._lemma(t)
                if grp.prep in ("an", "zu", "in", "von", "bei") and t.tag == "APPRART":
                    pass
                return
            if t.tag in g.det:
                if not det_seen and t.text.lower() in g.oblique:
                    grp.oblique = True
                if not det_seen and t.text.lower() in g.genitive:
                    grp.genitive = True
                if t.tag in ("ART", "AT0", "PPOSAT", "DPS"):
                    det_seen = True
                k -= 1
                continue
            if t.tag in g.noun:
                # a title before a name ("Kreml-Sprecher Dmitri Peskow", not "Luftangriff Soleimani")
                # or a head noun with this group as its genitive attribute ("die Präsidenten des Iran",
                # "Angriffe Russlands"): the group shares the head's position, so look further back
                adjacent = k == grp.first - 1
                title = (
                    adjacent
                    and not self._time_word(t)
                    and not self.ix.for_noun(self._lemma(t))
                    and (k == a or toks[k - 1].tag != "APPRART")
                )
                nxt = toks[k + 1].text.lower()
                genitive = (k + 1 < grp.first and nxt in g.genitive | {"der", "einer"}) or (
                    adjacent and self.language == "de" and toks[grp.first].text.endswith("s")
                )
                if title or genitive:
                    grp.genitive = grp.genitive or genitive
                    det_seen = False
                    k -= 1
                    continue
            return

    def _time_word(self, t: Token) -> bool:
        return t.text.lower() in _time_words(self.language)

    def _lemmas(self, toks: list[Token], c: Clause) -> set[str]:
        """Lemmas and word forms of a clause, separable verbs joined ("wies ... zurück" -> zurückweisen)."""
        if c.lemmas is not None and c.lemma_size == len(c.toks):
            return c.lemmas
        out: set[str] = set()
        for i in c.toks:
            t = toks[i]
            out.add(self._lemma(t))
            out.add(t.text.lower())
            if self.g.is_verb(t.tag):
                out.add(self._verb_lemma(toks, c, i))
        c.lemmas, c.lemma_size = out, len(c.toks)
        return out

    def _verb_cue(self, toks: list[Token], c: Clause, cls: str) -> bool:
        """A verb (or predicative "bereit") of the class governs the clause: its event nouns are
        demanded, refused, planned ("fordert Verhandlungen", "lehnte Gespräche ab"), not facts.
        "Der Anschlag forderte acht Tote" is no demand."""
        words = self.cues.get(cls, frozenset())
        if cls == "block" and self._clause_cue(toks, c, "casualty"):
            words = words - {"fordern"}
        for i in c.toks:
            t = toks[i]
            if self.g.is_verb(t.tag) and (self._verb_lemma(toks, c, i) in words or self._lemma(t) in words):
                return True
            if t.tag in ("PTKVZ", "ADJ(D)") and self._lemma(t) in words:
                return True
        return False

    def _clause_cue(self, toks: list[Token], c: Clause, cls: str) -> bool:
        return bool(self._lemmas(toks, c) & self.cues.get(cls, frozenset()))

    # ------------------------------------------------------------------ modality
    def _modality(self, toks: list[Token], cl: list[Clause], ci: int, is_question: bool) -> str | None:
        """'drop' (not an act that happened), 'intent', or None (factual)."""
        c = cl[ci]
        q, cond = self.cues.get("question", frozenset()), self.cues.get("condition", frozenset())
        if c.kind == "sub" and c.intro in q:
            return "drop"
        if c.kind == "sub" and c.intro in cond:
            return "drop"
        if is_question and c.kind == "main":
            return "drop"
        if any(self._cue(toks[i], "hypothetical") for i in c.toks):
            return "drop"
        if self._falls(toks, c.toks):
            return "drop"
        gov = cl[c.governor] if c.governor is not None else None
        if gov is not None and c.kind in ("sub", "inf") and (c.kind == "inf" or c.intro in ("dass", "that")):
            if self._clause_cue(toks, gov, "block"):
                return "drop"
            if c.kind == "inf" and self._clause_cue(toks, gov, "intent"):
                return "intent"
            mod = self._modality(toks, cl, c.governor, is_question)
            if mod:
                return mod
        if c.kind == "main" and ci > 0:
            prev = cl[ci - 1]
            if prev.kind in ("main", "frag") and self._clause_cue(toks, prev, "block") and self._clause_cue(toks, c, "reported"):
                return "drop"  # "wies den Vorwurf zurück, er habe Raketen geliefert"
            if any(p.kind == "sub" and p.intro in cond for p in cl[:ci]):
                return "drop"  # the consequent of "wenn/falls ..."
        if c.kind == "inf" and c.intro in ("um", "so"):
            return "intent"
        if c.kind == "inf" and c.intro == "ohne":
            return "drop"
        if c.kind == "rel" and gov is not None and any(self._cue(toks[i], "hypothetical") for i in gov.toks):
            return "drop"
        return None

    def _falls(self, toks: list[Token], idx: list[int]) -> bool:
        """A conditional frame inside the clause: "im Falle (eines Angriffs)", "in case of"."""
        cond = self.cues.get("condition", frozenset())
        for n, i in enumerate(idx):
            t = toks[i]
            if t.tag in self.g.noun and self._lemma(t) in cond and n > 0:
                prev = toks[idx[n - 1]]
                if prev.tag in self.g.prep:
                    return True
        return False

    def _negated(self, toks: list[Token], idx: list[int]) -> bool:
        neg = self.cues.get("negation", frozenset())
        unneg = self.cues.get("unneg", frozenset())
        for n, i in enumerate(idx):
            t = toks[i]
            if self._lemma(t) in neg or t.text.lower() in neg:
                if n + 1 < len(idx) and toks[idx[n + 1]].text.lower() in unneg:
                    continue
                return True
        return False

    def _intent_verbal(self, toks: list[Token], idx: list[int], trig: int) -> bool:
        """Modal of intention ("will unterzeichnen") or future ("wird unterzeichnen") in the clause."""
        g = self.g
        t = toks[trig]
        if t.tag in g.finite:
            return False
        for i in idx:
            x = toks[i]
            if x.tag in g.finite and x.tag in g.aux:
                lem = self._lemma(x)
                if lem in self.cues.get("intent", frozenset()):
                    return True
                if lem in self.cues.get("future", frozenset()) and t.tag in g.infinitive:
                    return True
        return False

    # ------------------------------------------------------------------ triggers
    def _verb_patterns(self, toks: list[Token], c: Clause, i: int) -> list[Pattern]:
        """Patterns for the verb with its particle; if that compound has none, conditioned patterns of
        the bare verb ("zeigte sich ... bereit": HanTa tags "bereit" as a particle)."""
        pats = self.ix.for_verb(self._verb_lemma(toks, c, i))
        if not pats:
            bare = self._lemma(toks[i])
            if bare != self._verb_lemma(toks, c, i):
                pats = [p for p in self.ix.for_verb(bare) if p.require]
        return pats

    def _verb_lemma(self, toks: list[Token], c: Clause, i: int) -> str:
        g = self.g
        t = toks[i]
        lem = self._lemma(t)
        if t.tag in g.finite:
            parts = [toks[k] for k in c.toks if k > i and toks[k].tag in g.particle]
            if parts:
                if self.language == "en":
                    return lem
                return self._lemma(parts[-1]) + lem
        return lem

    def _has(self, toks: list[Token], scope: list[int], words: frozenset[str], nouns: frozenset[str] = frozenset()) -> int:
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

    def _match(self, toks: list[Token], pats: list[Pattern], scope: list[int], clause: list[int], used: set[int] | None = None) -> Pattern | None:
        """The first (most specific) pattern whose conditions hold; `used` collects the condition words."""
        for p in pats:
            if p.refl and not any(toks[i].tag in self.g.refl or toks[i].text.lower() in ("uns", "sich", "itself", "themselves") for i in clause):
                continue
            if p.exclude and self._has(toks, scope, p.exclude, p.nouns) >= 0:
                continue
            hits = [self._has(toks, scope, req, p.nouns) for req in p.require]
            if all(h >= 0 for h in hits):
                if used is not None:
                    used.update(hits)
                return p
        return None

    # ------------------------------------------------------------------ roles
    def _roles(self, toks, cl: list[Clause], ci: int, trig: int, p: Pattern, passive: bool):
        c = cl[ci]
        g = self.g
        groups = c.groups
        fin = next((i for i in c.toks if toks[i].tag in g.finite), None)
        core = [x for x in groups if x.prep is None and not (x.first <= trig <= x.last and toks[trig].tag in g.noun)]
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
        if p.preps:
            pp = next((x for x in groups if x.prep in p.preps and x is not source), None)
            if pp is not None:
                target = pp
        if target is None:
            # the object phrase's possessor, beneficiary, origin or destination ("Hilfe für die Ukraine")
            fallback = ("gegen", "an", "zu", "für", "aus", "nach", "against", "to", "for", "from")
            fallback += ("von", "of") if not passive else ()
            fallback += ("mit", "with") if p.code[:2] in ("04", "12", "16") else ()
            fallback += ("in", "im", "auf", "in", "on") if p.code[:2] in ("18", "19", "20") else ()
            fallback += ("on",) if self.language == "en" and p.code[:2] >= "11" else ()
            target = next((x for x in groups if x.prep in fallback and x is not source and x.first > (fin or 0)), None)

        c.subject = c.subject or subj
        return source, target

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
        if head.tag in g.prep or head.tag in ("ADV", "ADJ(D)", "PAV", "PWAV", "KOUS") or self._time_word(head):
            return None
        if head.text.lower() in g.oblique:
            return "oblique"
        if head.tag in ("ART", "PPOSAT", "PIAT", "PDAT", "ADJ(A)", "CARD", "PIDAT") or head.tag in g.noun or head.tag in g.proper or head.tag in g.pron:
            return "np"
        return None

    def _pp_subject(self, toks: list[Token], c: Clause, fin: int) -> list[Group]:
        """'Die Behörden in Kasachstan', 'Der Präsident von Ecuador': an actor in a PP right after the
        prefield's head noun speaks for the subject."""
        head = next((i for i in c.toks if i < fin and toks[i].tag in self.g.noun), None)
        for x in c.groups:
            if head is not None and head < x.first < fin and x.prep in ("in", "von", "aus", "of", "from") and not x.pronoun:
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

    def _noun_roles(self, toks, c: Clause, n: int, p: Pattern):
        g = self.g
        src: Group | None = None
        tgt: Group | None = None
        agent = self.cues.get("agent", frozenset())
        for x in c.groups:
            if x.first <= n <= x.last and x.mentions[0].end <= toks[n].end and x.mentions[0].text != toks[n].text:
                src = x  # compound modifier: "US-Angriffe"
        if src is None:
            for x in c.groups:
                close = x.last < n and all(toks[k].tag in g.det and toks[k].tag not in ("ART", "AT0") for k in range(x.last + 1, n))
                if close and (x.last == n - 1 or toks[x.last].tag.startswith(("ADJ", "AJ"))):
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
                    or (toks[n + 1].text.lower() in ("der", "des") and all(toks[k].tag in g.det for k in range(n + 1, x.first)))
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
        if tgt is None and "auf" in p.preps:
            # "Luftangriff auf das Krankenhaus in Gaza": the place of the target
            for x in after:
                if x.prep in ("in", "im") and any(toks[k].text.lower() == "auf" for k in range(n + 1, x.first)):
                    tgt = x
                    break
        if tgt is None and p.code[:2] in ("18", "19", "20"):
            # "Bei einem Bombenanschlag in Tripoli": the place attacked
            tgt = next((x for x in after if x.prep in ("in", "im") and x is not src and x.first - n <= 4), None)
        if src is None and (self._possessive(toks, n) or self._clause_cue(toks, c, "claim")):
            src = self._subject_only(toks, c)  # "setzten ihre Angriffe fort", "übernahm die Verantwortung für die Angriffe"
            if src is tgt:
                src = None
        if src is None and p.code[:2] == "04" and ((p.sym and tgt is not None) or (n > c.start and self._in_pp(toks, c, n))):
            src = self._subject_only(toks, c)  # "X ... nach Gesprächen mit Y", "bei einem Besuch in Y"
            if src is tgt:
                src = None
        return src, tgt

    def _possessive(self, toks: list[Token], n: int) -> bool:
        """'ihre Angriffe': a third-person possessive before the event noun points to the subject."""
        k = n - 1
        while k >= 0 and toks[k].tag in self.g.det and toks[k].tag not in ("PPOSAT", "DPS"):
            k -= 1
        return k >= 0 and toks[k].tag in ("PPOSAT", "DPS") and self._lemma(toks[k]) in ("sein", "ihr", "his", "her", "its", "their")

    def _in_pp(self, toks: list[Token], c: Clause, n: int) -> bool:
        k = n - 1
        while k >= c.start and toks[k].tag in self.g.det:
            k -= 1
        return k >= c.start and toks[k].tag in self.g.prep and self._lemma(toks[k]) in ("bei", "nach", "während", "during", "after")

    # ------------------------------------------------------------------ main
    def _rescue_verbs(self, toks: list[Token], a: int, b: int) -> None:
        """HanTa tags some sentence-initial past-tense verbs as adjectives ("Die USA belegten ...",
        "Bewaffnete entführten ..."): a sentence without a finite verb whose -te(n) adjective is a
        pattern verb gets it back as VV(FIN)."""
        g = self.g
        if self.language != "de":
            return
        has_finite = any(toks[k].tag in g.finite for k in range(a, b))
        for k in range(a, b):
            t = toks[k]
            low = t.text.lower()
            after_conj = k > a and toks[k - 1].tag in g.conj and self._lemma(toks[k - 1]) == "und"
            if has_finite and not after_conj:
                continue  # "... und verhängte Sanktionen": a second verb after "und"
            if t.tag == "ADJ(A)" and low.endswith(("te", "ten")) and k + 1 < b and (toks[k + 1].tag != "NN" or after_conj):
                stem = self._lemma(t)
                for cand in (stem[:-1] + "en" if stem.endswith("t") else "", stem + "en", stem[:-2] + "en"):
                    if cand and self.ix.for_verb(cand):
                        toks[k] = Token(t.text, t.start, t.end, "VV(FIN)", cand, t.sent)
                        return

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
        anchor = doc.article.published
        for si, (a, b) in enumerate(doc.sent_tokens):
            if a >= b:
                continue
            sent = doc.article.sentences[si] if si < len(doc.article.sentences) else Sentence(toks[a].start, toks[b - 1].end)
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
                verbs = [i for i in c.toks if self.g.is_full_verb(toks[i].tag)]
                if not verbs:
                    verbs = [i for i in c.toks if toks[i].tag in self.g.aux and toks[i].tag in self.g.finite]
                passive_aux = any(
                    self._lemma(toks[i]) in self.cues.get("passive", frozenset()) and self.g.is_verb(toks[i].tag) and not self.g.is_full_verb(toks[i].tag)
                    for i in c.toks
                )
                consumed: set[int] = set()  # condition words of verb events: "hob die Sanktionen auf"
                for i in verbs:
                    used: set[int] = set()
                    p = self._match(toks, self._verb_patterns(toks, c, i), scope, c.toks, used)
                    if p is None:
                        continue
                    headline = not any(toks[k].tag in self.g.finite for k in c.toks) and any(
                        x.prep in self.cues.get("agent", frozenset()) for x in c.groups
                    )  # "Deutschland deswegen von EU-Kommission verklagt."
                    passive = (passive_aux or headline) and toks[i].tag in self.g.participle and not self._zu_perfect(toks, c, i)
                    src, tgt = self._roles(toks, cl, ci, i, p, passive)
                    m = mod or ("intent" if self._intent_verbal(toks, c.toks, i) else None)
                    if m is None and not self.g.verb_second:
                        m = self._english_complement(toks, c, i)
                    for ev in self._emit(doc, p, src, tgt, i, sent, m, negated, cl, c, toks):
                        sent_events.append((ev, ci, "V"))
                        consumed |= used
                nominal_ok = not (self._verb_cue(toks, c, "block") or self._verb_cue(toks, c, "intent"))
                for i in c.toks:
                    if not nominal_ok or toks[i].tag not in self.g.noun or i in consumed:
                        continue
                    pats = self.ix.for_noun(self._lemma(toks[i]))
                    if not pats or self._noun_blocked(toks, c, i):
                        continue
                    p = self._match(toks, [q for q in pats if q.kind == "N"], c.toks, c.toks)
                    if p is None:
                        continue
                    src, tgt = self._noun_roles(toks, c, i, p)
                    if mod == "intent":
                        continue
                    for ev in self._emit(doc, p, src, tgt, i, sent, mod, False, cl, c, toks):
                        sent_events.append((ev, ci, "N"))
                if c.subject is None and c.kind in ("main", "sub"):
                    c.subject = self._subject_only(toks, c)
                if c.subject is not None and len(c.subject.mentions) == 1 and c.subject.mentions[0].actor is not None:
                    last_subject[0] = c.subject.mentions[0]
            verb_roots = {(ci, ev.root) for ev, ci, kind in sent_events if kind == "V"}
            for ev, ci, kind in sent_events:
                if kind == "N" and (ci, ev.root) in verb_roots:
                    continue
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
                    dates = find_dates(doc.text[sent.start : sent.end], self.language, anchor, sent.start)
                ev.date, ev.date_text = self._date_for(dates, cl[ci], toks, ev)
                events.append(ev)
        return events

    def _english_complement(self, toks: list[Token], c: Clause, i: int) -> str | None:
        """English keeps complements in the clause ("accused Iran of supplying drones", "plans to
        sign"): a verb after an earlier verb of accusing/denying/demanding is dropped, after a verb
        of intention it is an intent."""
        for k in c.toks:
            if k >= i:
                break
            t = toks[k]
            if self.g.is_full_verb(t.tag):
                lem = self._lemma(t)
                if lem in self.cues.get("block", frozenset()):
                    return "drop"
                if lem in self.cues.get("intent", frozenset()):
                    return "intent"
        return None

    def _zu_perfect(self, toks, c: Clause, i: int) -> bool:
        """'geliefert zu haben' / 'beschuldigt worden' are not a passive of the trigger itself."""
        return i + 2 < len(toks) and toks[i + 1].tag in self.g.zu

    def _noun_blocked(self, toks: list[Token], c: Clause, n: int) -> bool:
        """An event noun under "kein", "über" or "ohne" is no fact ("keine Angriffe", "Klausel über Militärhilfe")."""
        g = self.g
        k = n - 1
        while k >= c.start and toks[k].tag in g.det | g.proper | g.noun:
            if toks[k].text.lower() in self.cues.get("nounneg", frozenset()) or self._lemma(toks[k]) in self.cues.get("nounneg", frozenset()):
                return True
            if toks[k].tag in g.noun:
                break
            k -= 1
        if n - 2 >= c.start and toks[n - 1].text.lower() in self.g.genitive | {"der"} and toks[n - 2].tag in g.noun:
            return True  # "Aufhebung der Sanktionen": the noun is the theme of another
        blockers = self.cues.get("nounblock", frozenset())
        return bool(k >= 0 and toks[k].tag in g.prep and self._lemma(toks[k]) in blockers)

    def _resolve_pronouns(self, groups: list[Group], last_subject: list[Mention | None]) -> None:
        """A third-person pronoun stands for the last single-actor subject (same or earlier sentence)."""
        for grp in groups:
            if grp.pronoun and grp.mentions[0].actor is None:
                ante = last_subject[0]
                if ante is not None and not grp.oblique:
                    grp.mentions[0].actor = ante.actor
        groups[:] = [x for x in groups if x.mentions[0].actor is not None]

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

    def _emit(self, doc, p: Pattern, src, tgt, trig: int, sent, mod, negated, cl, c, toks) -> list[Event]:
        if mod == "drop":
            return []
        code = p.code
        if mod == "intent":
            code = intent_code(code)
            if code is None:
                return []
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
                zw = next((x for x in c.groups if x.prep in ("zwischen", "between") and len(x.mentions) >= 2), None)
                if zw is not None:
                    pairs = [(x, y) for x in zw.mentions for y in zw.mentions if x is not y]
        if not pairs:
            pairs = [(s, t) for s in (srcs or [None]) for t in (tgts or [None])]
        if code == "042" and srcs and not tgts and c.governor is not None and cl[c.governor].subject is not None:
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

    def _adjective(self, m: Mention) -> bool:
        return bool(m.text) and m.text[0].islower() and " " not in m.text

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
    assigns = ("article.events",)

    def __call__(self, doc: Doc) -> Doc:
        if doc.language not in ("de", "en") or not doc.tokens:
            return doc
        doc.article.events = coder(doc.language)(doc)
        return doc
