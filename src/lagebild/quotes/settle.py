"""Settling a quote's speaker: a name, a person or organisation noun phrase, or a pronoun that resolves.

The quote rules give a speaker phrase from the frame; this stage checks what it is and turns source
phrases into the actor behind them (`SETTLE_RULES`, a decision list; the first rule that answers wins):

- "Angaben der Polizei", "Ansicht des Generalanwalts", "einer Mitteilung des Ministeriums" -> the holder
  ("der Polizei"); "Polizeiangaben", "Expertenmeinung" -> the first part of the compound ("Polizei");
  "seiner Meinung nach" -> the possessive ("seiner", resolved like a pronoun);
- "nach eigenen Angaben", a claim noun without a holder ("hegt den Verdacht") -> the subject of its clause; "demnach", "danach", a bare "der Bericht" or "der
  Mitteilung zufolge" -> the source the sentence before names (its speaker, the holder of a source noun,
  or its subject);
- a relative pronoun ("Bütikofer, der sagte") keeps its mention and takes its antecedent's actor;
- a phrase headed by anything else than a name, a person pronoun, a person or organisation noun
  (`source_heads.tsv`) or an actor the linker found (an adverb, a date, an abstract noun: "Bestimmungen",
  "die Wahrscheinlichkeit") is replaced by the subject or passive agent of the cue verb from the clause
  view when that is a speaker, else dropped; so is "man" and "es".

Settled speakers are cached per (mention, cue), so a speaker copied to another quote settles the same way.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from ..records import Mention, Span
from .context import QuoteContext
from .frames import DEMONSTRATIVE_SUBJECTS, GENITIVE_ART, PERSON_PRONOUNS, SOURCE_PREPS, Phrase, is_comma
from .resolve import attach_actor, unlinked_actor

HOLDER_PREPS = frozenset({"von", "vom", "of"})  # "Angaben von X", "statements of X"
NO_SPEAKER_PRONOUNS = frozenset({"man", "es", "it", "one"})
SELF_WORDS = ("eigen", "own")  # "nach eigenen Angaben", "by its own account": the clause's subject
MIN_COMPOUND_PART = (
    4  # shorter first parts are prefixes ("Ein|schätzung", "Aus|sagen"), but for acronyms ("UN-Angaben")
)
LINKING_S_AFTER = ("ungs", "heits", "keits", "ions", "täts", "schafts")  # "Regierungs|angaben": the linking s


@dataclass
class Speaking:
    """A speaker phrase to settle: tokens [a, b), its head token, and the cue of its quote."""

    a: int
    b: int
    head: int
    cue: Span | None
    mention: Mention


class Drop:
    """A settle rule's answer "this quote has no speaker that can be named"."""


DROP = Drop()
Settled = Mention | Drop | None  # None: the rule does not apply, ask the next
SettleRule = Callable[[QuoteContext, Speaking], Settled]


def settle(ctx: QuoteContext, mention: Mention | None, cue: Span | None) -> Mention | None:
    """The settled speaker of a quote whose rule gave `mention` with `cue` (see the module docstring)."""
    key = (
        "settle",
        mention.start if mention else None,
        mention.end if mention else None,
        cue.start if cue else None,
    )
    if key not in ctx.memo:
        ctx.memo[key] = _settle(ctx, mention, cue) if mention is not None else clause_speaker(ctx, cue)
    return ctx.memo[key]  # type: ignore[return-value]


def _settle(ctx: QuoteContext, mention: Mention, cue: Span | None) -> Mention | None:
    a = bisect.bisect_left(ctx.starts, mention.start)
    b = bisect.bisect_left(ctx.starts, mention.end)
    if b <= a:
        return mention
    sp = Speaking(a, b, head_token(ctx, a, b), cue, mention)
    for rule in SETTLE_RULES:
        found = rule(ctx, sp)
        if found is not None:
            return None if isinstance(found, Drop) else found
    return None


def head_token(ctx: QuoteContext, a: int, b: int) -> int:
    """The head of the phrase [a, b): the last word of its first run of nouns and names
    ("der Sprecher des Ministeriums" -> Sprecher, "Karl Weber" -> Weber, "the bank official" -> official)."""
    toks, nominal = ctx.tokens, ctx.tags.nominal
    k = a
    while k < b and toks[k].tag not in nominal:
        k += 1
    if k == b:
        return a
    while k + 1 < b and toks[k + 1].tag in nominal:
        k += 1
    return k


# ----- the rules


def pronoun(ctx: QuoteContext, sp: Speaking) -> Settled:
    """A person pronoun keeps its mention (resolved to its antecedent later); "man", "es" name nobody."""
    if sp.b - sp.a != 1:
        return None
    low = ctx.tokens[sp.a].text.lower()
    if low in NO_SPEAKER_PRONOUNS:
        return DROP
    if low in PERSON_PRONOUNS or low in DEMONSTRATIVE_SUBJECTS:
        return sp.mention
    return None


def relative(ctx: QuoteContext, sp: Speaking) -> Settled:
    """ "Bütikofer, der sagte", "Studien der Charité, nach denen …", "Meldungen, wonach …": the pronoun
    keeps its mention and takes the actor its antecedent settles to."""
    t = ctx.tokens[sp.a]
    if sp.b - sp.a != 1 or t.tag in ctx.tags.nominal or t.tag in ctx.tags.pron:
        return None
    ante = _antecedent(ctx, sp.a)
    if ante is None:
        return None
    m = settle(ctx, ctx.mention(ante), None)
    if m is None:
        return DROP
    return Mention(sp.mention.text, sp.mention.start, sp.mention.end, m.actor or unlinked_actor(m.text))


def holder(ctx: QuoteContext, sp: Speaking) -> Settled:
    """A source noun with its holder after it: "Angaben der Polizei", "Meinung vieler Experten",
    "Aussagen von Generalmajor Golan", "Angaben aus Khartum", "Angaben des Berichts"."""
    if not _source_noun(ctx, sp.head):
        return None
    toks, k = ctx.tokens, sp.head + 1
    _, hi = ctx.sent_range(sp.head)
    if k < hi and toks[k].text.lower() in HOLDER_PREPS | SOURCE_PREPS:
        k += 1
    elif not (k < hi and k not in ctx.blocked and genitive_start(ctx, k)):
        return None
    ph = ctx.chunk_right(k, hi)
    if ph is None:
        return None
    h = head_token(ctx, ph.a, ph.b)
    if plausible(ctx, ph.a, ph.b) or _document(ctx, h):
        return ctx.mention(ph)
    if _source_noun(ctx, h):
        return settle(ctx, ctx.mention(ph), None) or DROP
    return None


def genitive_start(ctx: QuoteContext, k: int) -> bool:
    """Does a genitive attribute start at token k: "der Polizei", "des Ministers", "Steinmeiers",
    "informierter Kreise", "vieler Experten" (a strong genitive ending on a word before the noun)?"""
    t, tg = ctx.tokens[k], ctx.tags
    if t.text.lower() in GENITIVE_ART or t.tag in tg.proper:
        return True
    return (t.tag in tg.view.adjective or t.tag in tg.view.indef_det) and t.text.lower().endswith("er")


def adjective(ctx: QuoteContext, sp: Speaking) -> Settled:
    """ "nach israelischen Angaben", "kubanischen Aussagen zufolge": the adjective the actor linker
    linked (to a state or organisation) names the source."""
    if not _source_noun(ctx, sp.head):
        return None
    for k in range(sp.head - 1, sp.a - 1, -1):
        t = ctx.tokens[k]
        if t.tag in ctx.tags.view.adjective and _linked(ctx, t.start, t.end):
            return Mention(t.text, t.start, t.end, attach_actor(ctx.doc, t.start, t.end))
    return None


def compound(ctx: QuoteContext, sp: Speaking) -> Settled:
    """ "Polizeiangaben", "UN-Angaben", "Expertenmeinung": the first part of the compound names the source."""
    t = ctx.tokens[sp.head]
    if not _source_noun(ctx, sp.head):
        return None
    tail = min((w for w in ctx.lex.nouns if _suffix(t, (w,))), key=len, default="")
    lem = t.lemma or t.text
    if lem.lower().endswith(tail.lower()):  # "Regierungsvorwürfe": the prefix is the lemma's
        first = t.text[: max(0, len(lem) - len(tail))]
    else:
        first = t.text[: max(0, len(t.text) - len(tail) - _ending(t))]
    acronym = first.rstrip("-").isupper()  # "UN-Angaben", "EU-Kreisen", "NATO-Angaben"
    first = first.rstrip("-")
    if first.endswith(LINKING_S_AFTER):
        first = first[:-1]  # "Regierungsangaben" -> "Regierung"
    if not tail or (len(first) < MIN_COMPOUND_PART and not acronym) or not first[:1].isupper():
        return None
    return Mention(first, t.start, t.start + len(first), attach_actor(ctx.doc, t.start, t.start + len(first)))


def possessive(ctx: QuoteContext, sp: Speaking) -> Settled:
    """ "seiner Meinung nach", "ihren Angaben zufolge": the possessive stands for the speaker."""
    if not _source_noun(ctx, sp.head):
        return None
    for k in range(sp.a, sp.head):
        if ctx.tokens[k].tag in ctx.tags.view.possessive:
            return ctx.mention(Phrase(k, k + 1))
    return None


def own_account(ctx: QuoteContext, sp: Speaking) -> Settled:
    """ "nach eigenen Angaben": the subject of the clause holding the phrase."""
    if not (
        _source_noun(ctx, sp.head)
        and any(ctx.tokens[k].text.lower().startswith(SELF_WORDS) for k in range(sp.a, sp.head))
    ):
        return None
    return _clause_holder(ctx, sp)


def claim_subject(ctx: QuoteContext, sp: Speaking) -> Settled:
    """A claim noun without a holder ("Die Staatsanwaltschaft hegt den Verdacht, …", "formulierten die
    Forscher die Hypothese, …"): the subject of the nearest finite verb before it when that surely is a
    speaker, else no speaker."""
    t = ctx.tokens[sp.head]
    claim = len(_suffix(t, ctx.lex.claims))
    if not (
        t.tag in ctx.tags.noun
        and claim > len(_suffix(t, ctx.lex.source_heads))
        and not _suffix(t, ctx.lex.nouns)
    ):
        return None  # "Opposition" ends in "Position", but is a speaker
    lo, _ = ctx.sent_range(sp.a)
    verbs = [k for k in range(lo, sp.a) if k not in ctx.blocked and ctx.tags.finite(ctx.tokens[k])]
    found = clause_speaker(ctx, ctx.span(verbs[-1], verbs[-1] + 1), STRONG) if verbs else None
    return found if found is not None else DROP


def _clause_holder(ctx: QuoteContext, sp: Speaking) -> Mention | Drop:
    """The subject of the clause that holds the source phrase sp (from the clause view, else the frame
    grammar), or DROP."""
    lo, hi = ctx.sent_range(sp.a)
    v = _finite_outside(ctx, lo, hi, sp.a, sp.b)
    if v is None:
        return DROP
    found = clause_speaker(ctx, ctx.span(v, v + 1))
    if found is not None:
        return found
    ph = ctx.speaker_of(v, lo, hi)
    if ph is not None and not (sp.a <= ph.a < sp.b) and plausible(ctx, ph.a, ph.b):
        return ctx.mention(ph)
    return DROP


def context_source(ctx: QuoteContext, sp: Speaking) -> Settled:
    """ "demnach", "danach", a bare "ersten Angaben": the source the sentence before names (the speaker
    of its speech verb, or the holder of a source noun, or a document); else none. A bare document
    ("laut einer Studie", "dem Bericht zufolge") stands as the source."""
    t = ctx.tokens[sp.head]
    if _document(ctx, sp.head):
        return sp.mention
    if not (_source_noun(ctx, sp.head) or (sp.b - sp.a == 1 and t.tag not in ctx.tags.nominal)):
        return None
    s = ctx.sent_of[sp.a]
    if s == 0:
        return DROP
    lo, hi = ctx.doc.sent_tokens[s - 1]
    for v in ctx.cue_in(lo, hi, strong_only=False):
        found = settle(ctx, ctx.mention(ctx.speaker_of(v, lo, hi)), ctx.cue_span(v, hi))
        if _sure(ctx, found):
            return found
    for k in range(lo, hi):
        if k not in ctx.blocked and _source_noun(ctx, k):
            ph = ctx.chunk_right(k, hi) if toks_np_start(ctx, k) else None
            found = settle(ctx, ctx.mention(ph or Phrase(k, k + 1)), None)
            if _sure(ctx, found):
                return found
    return DROP


def _sure(ctx: QuoteContext, m: Mention | None) -> bool:
    """Is m surely a speaker (a name, person or organisation noun, resolved pronoun, document), not just
    a concrete noun ("die Luft", "Internet") that a source in another sentence cannot stand for?"""
    if m is None:
        return False
    a = bisect.bisect_left(ctx.starts, m.start)
    b = bisect.bisect_left(ctx.starts, m.end)
    if b <= a or m.actor is not None:
        return True
    return strength(ctx, a, b) == STRONG or _document(ctx, head_token(ctx, a, b))


def toks_np_start(ctx: QuoteContext, k: int) -> bool:
    return ctx.tokens[k].tag in ctx.tags.np_start


def named(ctx: QuoteContext, sp: Speaking) -> Settled:
    """A name, a person or organisation noun, or an actor the linker found: the speaker as it is; a
    phrase that only may be one ("Die Arbeit der großen Koalition lobte er") gives way to the subject
    of the cue verb in the clause view when that surely is one."""
    level = strength(ctx, sp.a, sp.b)
    if level == STRONG:
        return sp.mention
    if level == WEAK:
        other = clause_speaker(ctx, sp.cue, STRONG)
        return other if other is not None and other.start != sp.mention.start else sp.mention
    return None


def clause_subject(ctx: QuoteContext, sp: Speaking) -> Settled:
    """Anything else: the subject (passive: the agent) of the cue verb in the clause view, if that is a
    speaker; else no speaker."""
    found = clause_speaker(ctx, sp.cue)
    return found if found is not None else DROP


SETTLE_RULES: tuple[SettleRule, ...] = (
    pronoun,
    relative,
    possessive,
    own_account,
    compound,
    holder,
    adjective,
    claim_subject,
    named,
    context_source,
    clause_subject,
)


# ----- helpers


def plausible(ctx: QuoteContext, a: int, b: int) -> bool:
    """Can the phrase [a, b) be a speaker (`strength` above 0)?"""
    return strength(ctx, a, b) > 0


STRONG, WEAK, NONE = 2, 1, 0


def strength(ctx: QuoteContext, a: int, b: int) -> int:
    """How surely the phrase [a, b) names a speaker. STRONG: a name (also one the tagger missed:
    "el-Baradei", „Welt“), a person pronoun or "die beiden", a person or organisation noun
    (`source_heads.tsv`, also as a compound's head; or a noun with a person ending, `person_endings.tsv`),
    a nominalised adjective ("der Vorsitzende"), a phrase the actor linker linked, or the one noun after
    "laut". WEAK: another concrete noun. NONE: a source noun, an abstract noun (`abstract_heads.tsv`),
    a date or temporal noun, an adverb."""
    toks, tg = ctx.tokens, ctx.tags
    head = head_token(ctx, a, b)
    t = toks[head]
    if _pronominal(ctx, a, b) or _quoted_name(ctx, a, b):
        return STRONG
    if _temporal(ctx, head) or _is_date(ctx, t.start, t.end):
        return NONE
    if t.tag not in tg.nominal:
        return STRONG if _unknown_name(ctx, a, b) else NONE
    run = range(_run_start(ctx, a, head), head + 1)
    if any(toks[k].tag in tg.proper or toks[k].tag in tg.view.adj_noun for k in run):
        return STRONG
    if any(_suffix(toks[k], ctx.lex.source_heads) and not _source_noun(ctx, k) for k in run):
        return STRONG
    if _source_noun(ctx, head):
        return NONE
    if any(_person_noun(ctx, k) for k in run) or _after_source_prep(ctx, a, b):
        return STRONG
    if _linked(ctx, t.start, t.end) or _named_adjective(ctx, a, head):
        return STRONG
    return NONE if _abstract(ctx, head) else WEAK


def _abstract(ctx: QuoteContext, k: int) -> bool:
    """An abstract noun (`abstract_heads.tsv`): "Bestimmungen", "die Wahrscheinlichkeit", "der Grund"."""
    t = ctx.tokens[k]
    low, lem = t.text.lower(), (t.lemma or t.text).lower()
    return low.endswith(ctx.lex.abstract_endings) or any(
        w.endswith(n) for w in (low, lem) for n in ctx.lex.abstract_nouns
    )


def _named_adjective(ctx: QuoteContext, a: int, head: int) -> bool:
    """A capitalised adjective inside the phrase makes it a name: "die Salzburger Nachrichten"."""
    lo, _ = ctx.sent_range(a)
    return any(
        ctx.tokens[k].tag in ctx.tags.view.adjective and ctx.tokens[k].text[:1].isupper() and k > lo
        for k in range(a, head)
    )


def _pronominal(ctx: QuoteContext, a: int, b: int) -> bool:
    """A person pronoun, "dieser", or "die beiden" / "der 81-Jährige"."""
    toks = ctx.tokens
    low = toks[a].text.lower()
    if b - a == 1:
        return low in PERSON_PRONOUNS or low in DEMONSTRATIVE_SUBJECTS
    return (
        b - a == 2
        and toks[a].tag in ctx.tags.view.article
        and toks[a + 1].tag in ctx.tags.pronoun_or_adj
        and toks[a + 1].text.lower() not in NO_SPEAKER_PRONOUNS
    )


def _run_start(ctx: QuoteContext, a: int, head: int) -> int:
    k = head
    while k > a and ctx.tokens[k - 1].tag in ctx.tags.nominal:
        k -= 1
    return k


def _person_noun(ctx: QuoteContext, k: int) -> bool:
    t = ctx.tokens[k]
    low = t.text.lower()
    return t.tag in ctx.tags.noun and len(low) > 5 and low.endswith(ctx.lex.person_endings)


def _after_source_prep(ctx: QuoteContext, a: int, b: int) -> bool:
    """The one noun after "laut" / "gemäß" names the source ("laut IGDRB", "laut Ministerium")."""
    words = [t for t in ctx.tokens[a:b] if t.text[:1].isalnum()]
    return len(words) == 1 and a > 0 and ctx.tokens[a - 1].text.lower() in ctx.lex.preps


def _unknown_name(ctx: QuoteContext, a: int, b: int) -> bool:
    """Words the tagger did not read as nouns that still are a name: "el-Baradei", "bildblog.de",
    "IGDRB" (an inner capital, a hyphen or a dot), "Barack Obama" (capitalised words; one alone only
    when it does not open the sentence)."""
    words = [k for k in range(a, b) if ctx.tokens[k].text[:1].isalnum()]
    if not words or len(words) > 4:
        return False
    if any(ctx.tokens[k].tag in ctx.tags.pron or ctx.tokens[k].tag in ctx.tags.relative for k in words):
        return False
    texts = [ctx.tokens[k].text for k in words]
    if any(any(c.isupper() for c in w[1:]) or "-" in w or "." in w.strip(".") for w in texts):
        return True
    lo, _ = ctx.sent_range(a)
    return all(w[:1].isupper() for w in texts) and (len(words) > 1 or words[0] > lo)


def _quoted_name(ctx: QuoteContext, a: int, b: int) -> bool:
    """A name in quotation marks: „Welt“, die „Süddeutsche Zeitung“."""
    return any(len(t.text) == 1 and t.text in ctx.qchars for t in ctx.tokens[a:b])


def clause_speaker(ctx: QuoteContext, cue: Span | None, level: int = WEAK) -> Mention | None:
    """The subject (in a passive, the agent) of the cue verb's clause in the clause view, if parsed and
    a speaker; in a passive without an agent, the source it names ("Im Bericht der X wurde festgestellt",
    "Von Seiten der Delegation war vorgeworfen worden")."""
    clause = _cue_clause(ctx, cue)
    if clause is None:
        return None
    if clause.voice == "active" or clause.agent is not None:
        arg = clause.agent if clause.voice == "passive" else clause.subject
        return _argument(ctx, arg, level=level) if arg is not None else None
    if level == STRONG:
        return None
    for prep, arg in clause.obliques:
        if prep in SOURCE_PREPS:
            found = _argument(ctx, arg, settled=True)
            if found is not None:
                return found
    return None


def _cue_clause(ctx: QuoteContext, cue: Span | None):
    if cue is None or not ctx.doc.clauses:
        return None
    v = bisect.bisect_left(ctx.starts, cue.start)
    return next(
        (c for c in ctx.doc.clauses if c.predicate == v or v in c.auxiliaries or c.particle == v), None
    )


def _argument(ctx: QuoteContext, arg: int, settled: bool = False, level: int = WEAK) -> Mention | None:
    """The phrase of a clause argument as a speaker: plausible as it is, or (`settled`) after settling."""
    from ..syntax import phrase_span

    if ctx.tokens[arg].tag in ctx.tags.view.refl or ctx.tokens[arg].tag in ctx.tags.relative:
        return None
    a, b = phrase_span(ctx.doc, arg)
    while b > a and ctx.tags.punct(ctx.tokens[b - 1]):
        b -= 1
    if b <= a or any(k in ctx.blocked for k in range(a, b)):
        return None
    if settled:
        return settle(ctx, ctx.mention(Phrase(a, b)), None)
    return ctx.mention(Phrase(a, b)) if strength(ctx, a, b) >= level else None


def _antecedent(ctx: QuoteContext, k: int) -> Phrase | None:
    lo, _ = ctx.sent_range(k)
    if k - 1 <= lo or not is_comma(ctx.tokens[k - 1]):
        return None
    return ctx.phrase_before(lo, k - 1)


def _source_noun(ctx: QuoteContext, k: int) -> bool:
    """A source noun ("Angaben", "Polizeibericht") or claim noun, not a speaker head: of "Medien" (both)
    the speaker wins, of "Medienberichte" the source."""
    t = ctx.tokens[k]
    if t.tag not in ctx.tags.noun:
        return False
    src = max(len(_suffix(t, ctx.lex.nouns)), len(_suffix(t, ctx.lex.claims)))
    return src > 0 and src > len(_suffix(t, ctx.lex.source_heads))


def _suffix(t, words) -> str:
    """The longest of `words` that the token's text or lemma ends with ("" if none)."""
    low, lem = t.text.lower(), (t.lemma or t.text).lower()
    return max((w for w in words if low.endswith(w.lower()) or lem.endswith(w.lower())), key=len, default="")


def _ending(t) -> int:
    """Length of the inflection ending the text has beyond its lemma ("Medienberichten" -> 1)."""
    lem = t.lemma or t.text
    return max(0, len(t.text) - len(lem)) if t.text.lower().startswith(lem.lower()[:-1]) else 0


def _temporal(ctx: QuoteContext, k: int) -> bool:
    """A temporal noun ("Abend"), also a compound of two ("Montagmittag", "Sonntagabend")."""
    low = ctx.tokens[k].text.lower()
    times = [n.lower() for n in ctx.lex.time_nouns]
    return low in times or (any(low.endswith(n) for n in times) and any(low.startswith(n) for n in times))


def _document(ctx: QuoteContext, k: int) -> bool:
    return bool(_suffix(ctx.tokens[k], ctx.lex.docs))


def _is_date(ctx: QuoteContext, a: int, b: int) -> bool:
    return any(d.start < b and d.end > a for d in ctx.doc.dates)


def _linked(ctx: QuoteContext, a: int, b: int) -> bool:
    return any(
        e.start < b and e.end > a and e.actor is not None and e.type in ("PER", "ORG", "GPE")
        for e in (*ctx.doc.article.entities, *ctx.doc.mentions)
    )


def _finite_outside(ctx: QuoteContext, lo: int, hi: int, a: int, b: int) -> int | None:
    for k in range(lo, hi):
        if not (a <= k < b) and k not in ctx.blocked and ctx.tags.finite(ctx.tokens[k]):
            return k
    return None
