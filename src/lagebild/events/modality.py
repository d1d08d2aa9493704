"""Modality: whether a clause states an act that happened, one only intended, or none at all.

Read from the clause view (`syntax.Clause`: kind, mood, modal, future, negation, mark, governor) and
the language's cue words (`lang/<code>/events/cues.tsv`). Each rule is a small named function over
one clause; the first that applies decides, and its name is the reason `--explain` prints:

- drop (the act is not stated as a fact): a question, a condition and its consequence, a
  hypothetical (Konjunktiv II, would/could), free reported speech (a Konjunktiv I main clause), the
  content of a speech, accusation, demand or denial ("wies den Vorwurf zurück, Drohnen geliefert zu
  haben"), an allegation ("soll … haben", "angeblich"), a possibility or obligation (können, müssen),
  an act reported and then denied ("…, was umgehend dementiert wurde"), an act "without" (ohne zu), an
  act said to be (un)likely or expected, the complement of a negated clause ("has no plans to …");
- intent (coded in the 03 family, `intent.tsv`): a modal of will (wollen, möchten), the future
  (werden + infinitive), a complement of an intent verb (planen, ankündigen, bereit sein);
- negated (kept, marked `negated`): a negated clause;
- fact: everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..records import Doc
from ..resources import read_tsv
from ..syntax import Clause
from .cameo import cameo_table
from .lexicon import cues, lemma


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


@dataclass(frozen=True)
class Modality:
    kind: str  # "fact" | "negated" | "intent" | "drop"
    reason: str = ""


FACT = Modality("fact")


@dataclass
class ClauseContext:
    """One clause with what its modality rules read: the doc, the clause above it, the cue words."""

    doc: Doc
    clause: Clause
    governor: Clause | None
    dependents: list[Clause]
    cues: dict[str, frozenset[str]]
    words: frozenset[str] = frozenset()  # the lemmas of the clause's own tokens

    def word(self, i: int | None) -> str:
        return "" if i is None else lemma(self.doc.tokens[i])

    def cue(self, cls: str, word: str | None) -> bool:
        return bool(word) and word in self.cues.get(cls, frozenset())

    def governor_lemma(self) -> str:
        return (self.governor.lemma or "").lower() if self.governor is not None else ""

    def completes(self) -> bool:
        """The clause is a complement or an infinitive of its governor."""
        g, c = self.governor, self.clause
        return g is not None and (c.predicate in g.complements or c.kind == "inf")

    def governor_cue(self, cls: str) -> bool:
        """The governing verb, with its particle or without ("rule out" / "rule"), is a cue of `cls`."""
        g = self.governor
        if g is None:
            return False
        return self.cue(cls, self.governor_lemma()) or self.cue(cls, self.word(g.predicate))


def _question(x: ClauseContext) -> bool:
    c = x.clause
    if x.cue("question", c.mark):
        return True
    _lo, hi = x.doc.sent_tokens[x.doc.tokens[c.predicate].sent]
    return c.kind == "main" and x.doc.tokens[hi - 1].text == "?"


def _condition(x: ClauseContext) -> bool:
    """'wenn/falls X', and the main clause a condition depends on ('…, würden sie …' is caught as
    hypothetical; 'Falls X, tut Y': the consequence)."""
    if x.cue("condition", x.clause.mark):
        return True
    return any(d.kind == "sub" and x.cue("condition", d.mark) for d in x.dependents)


def _hypothetical(x: ClauseContext) -> bool:
    c = x.clause
    if c.mood == "konj2":
        return True
    return x.cue("hypothetical", c.modal) or any(
        x.cue("hypothetical", x.doc.tokens[a].text.lower()) for a in c.auxiliaries
    )


def _reported(x: ClauseContext) -> bool:
    """Reported speech: a Konjunktiv I clause ("er habe Raketen geliefert"), whether it stands alone or
    hangs on a speech verb or an accusation noun, unless a factive verb governs it (the speech act
    itself is coded where it stands)."""
    return x.clause.mood == "konj1" and not x.cue("factive", x.governor_lemma())


def _content(x: ClauseContext) -> bool:
    """The content of a speech, accusation, demand or denial: a complement of such a verb, or an
    infinitive or subordinate clause hanging on it another way ("called on Iran to release …")."""
    g, c = x.governor, x.clause
    if g is None:
        return False
    attached = c.predicate in g.complements or (c.kind in ("inf", "sub") and not x.cue("purpose", c.mark))
    if not attached or x.governor_cue("factive"):
        return False  # "bestätigte, dass …", "confirmed that …": the content is stated as fact
    block, speech = x.governor_cue("block"), x.governor_cue("speech")
    if speech and not block and _impersonal(x, g):
        return False  # "Es wird berichtet, dass …": the article reports it as fact, no one claims it
    if speech and not block and c.predicative is None and x.cue("selfref", x.word(c.subject)):
        return False  # "Hamas said it had accepted the proposal": the speaker tells its own act
    return block or speech


def _gerund_content(x: ClauseContext) -> bool:
    """An -ing clause after a preposition of reason or content ('gerundblock': "no intention of attacking
    NATO", "sanctioned refineries for buying oil") names no act that happened."""
    c = x.clause
    return x.cue("gerundblock", c.mark) and x.doc.tokens[c.predicate].text.lower().endswith("ing")


def _own_intent(x: ClauseContext) -> bool:
    """What a speaker says they will do is their intent ("said it would host the talks", "kündigte an,
    Nordkorea zu besuchen", "said it was ready to resume talks"): a complement of a speech verb with
    the future, a modal of will or a readiness word."""
    announcing = x.governor_cue("announce")
    if not (x.governor_cue("speech") or announcing) or x.governor_cue("block"):
        return False
    c = x.clause
    if c.negation is not None:
        return False
    if announcing and x.cue("backshift", c.modal):
        return True  # "announced they would release the crew": the future seen from the past
    return c.future or x.cue("intent", c.modal) or bool(x.words & x.cues.get("intentword", frozenset()))


def _impersonal(x: ClauseContext, g: Clause) -> bool:
    """A speech verb without a speaker: an expletive subject ("es heißt") or a passive without agent."""
    if g.voice == "passive" and g.agent is None:
        return True
    return g.subject is not None and x.word(g.subject) in x.cues.get("expletive", frozenset())


def _alleged(x: ClauseContext) -> bool:
    c = x.clause
    if x.cue("allege", c.modal):
        return True
    toks = x.doc.tokens
    lo, hi = x.doc.sent_tokens[toks[c.predicate].sent]
    return any(
        x.cue("allegation", toks[k].text.lower()) and toks[k].head == c.predicate for k in range(lo, hi)
    )


def _possible(x: ClauseContext) -> bool:
    return x.cue("possible", x.clause.modal)


def _denied_after(x: ClauseContext) -> bool:
    """'er sei verhaftet worden, was umgehend dementiert wurde': a dependent clause denies this one."""
    return any(d.kind in ("rel", "sub") and x.cue("deny", d.lemma.lower()) for d in x.dependents)


def _without(x: ClauseContext) -> bool:
    return x.cue("negmark", x.clause.mark)


def _intent(x: ClauseContext) -> bool:
    c = x.clause
    if x.cue("intent", c.modal) or c.future or (c.kind == "inf" and x.cue("purpose", c.mark)):
        return True
    if x.words & x.cues.get("intentword", frozenset()):
        return True  # "zeigte sich zu Gesprächen bereit", "said it was ready to talk"
    g = x.governor
    return g is not None and c.predicate in g.complements and x.cue("intent", x.governor_lemma())


def _likelihood(x: ClauseContext) -> bool:
    """An act said to be (un)likely or expected is no fact: a likelihood word in the clause ("hält einen
    Abzug für unwahrscheinlich") or on the clause it completes ("is unlikely to lift", "are expected to
    resume", "wird erwartet, dass …")."""
    c = x.clause
    if x.words & x.cues.get("likely", frozenset()):
        return True
    if c.voice == "passive" and x.cue("expect", c.lemma.lower()):
        return True  # "The talks … are expected to resume": the talks are no fact yet
    if not x.completes():
        return False
    predicative = x.word(x.governor.predicative)  # "is unlikely to …"
    return any(x.governor_cue(cls) or x.cue(cls, predicative) for cls in ("likely", "expect"))


def _not_done(x: ClauseContext) -> bool:
    """The complement of a negated clause is no act that happened: "has no plans to send troops",
    "hat nicht vor, Truppen zu schicken"."""
    return x.completes() and x.governor.negation is not None


def _negated(x: ClauseContext) -> bool:
    return x.clause.negation is not None


RULES: tuple[tuple[str, Callable[[ClauseContext], bool]], ...] = (
    ("drop", _question),
    ("drop", _condition),
    ("intent", _own_intent),
    ("drop", _hypothetical),
    ("drop", _content),
    ("drop", _gerund_content),
    ("drop", _reported),
    ("drop", _alleged),
    ("drop", _possible),
    ("drop", _denied_after),
    ("drop", _without),
    ("drop", _likelihood),
    ("drop", _not_done),
    ("negated", _negated),
    ("intent", _intent),
)


def modality(x: ClauseContext) -> Modality:
    """The first rule that applies to the clause, else a fact; a dropped governor drops its complements."""
    for kind, rule in RULES:
        if rule(x):
            return Modality(kind, rule.__name__.lstrip("_"))
    return FACT


def context(
    doc: Doc,
    clause: Clause,
    by_predicate: dict[int, Clause],
    language: str,
    words: dict | None = None,
    own: frozenset[str] = frozenset(),
) -> ClauseContext:
    """The clause with its governor, the clauses that depend on it, the cue words and its own lemmas."""
    governor = by_predicate.get(clause.governor) if clause.governor is not None else None
    dependents = [c for c in by_predicate.values() if c.governor == clause.predicate]
    return ClauseContext(
        doc, clause, governor, dependents, words if words is not None else cues(language), own
    )
