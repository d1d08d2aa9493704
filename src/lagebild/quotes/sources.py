"""Source phrases: "laut X", "nach Angaben (von) X", "X zufolge", "seiner Meinung nach", "demnach",
"according to X". A decision list of small patterns, tried at each token in order (`SOURCE_PATTERNS`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..records import Span
from .context import QuoteContext
from .frames import NOT_SUBJECT_START, Phrase, is_comma
from .settle import genitive_start


@dataclass
class Source:
    """A source phrase: its cue word(s), the phrase naming the source, and the tokens [a, b) it covers."""

    cue: Span
    speaker: Phrase | None
    where: tuple[int, int]


SourcePattern = Callable[[QuoteContext, int, int, int], "Source | None"]


def relative_source(ctx: QuoteContext, k: int, lo: int, end: int) -> Source | None:
    """ "wonach", "nach denen", "laut dem": the antecedent speaks ("Spekulationen, wonach …")."""
    low, toks = ctx.tokens[k].text.lower(), ctx.tokens
    if not (
        low == "wonach"
        or (low in ("nach", "laut", "gemäß") and k + 1 < end and toks[k + 1].tag in ctx.tags.relative_or_wh)
    ):
        return None
    b = k + 1 if low == "wonach" else k + 2
    source = Phrase(b - 1, b, "source")
    if k - 1 > lo and is_comma(toks[k - 1]):
        source = ctx.phrase_before(lo, k - 1) or source
    return Source(ctx.span(k, k + 1), source, (k, b))


def laut(ctx: QuoteContext, k: int, lo: int, end: int) -> Source | None:
    """ "laut X", "gemäß X"; an unknown word the tagger missed counts too ("laut bildblog.de")."""
    t, toks, tg = ctx.tokens[k], ctx.tokens, ctx.tags
    if not (t.text.lower() in ("laut", "gemäß") and t.tag in tg.laut_tags and k + 1 < end):
        return None
    ph = ctx.chunk_right(k + 1, end)
    if ph is None and k + 1 not in ctx.blocked and not (tg.verb(toks[k + 1]) or tg.punct(toks[k + 1])):
        ph = Phrase(k + 1, k + 2, "source")
    return Source(ctx.span(k, k + 1), ph, (k, ph.b)) if ph else None


def according_to(ctx: QuoteContext, k: int, lo: int, end: int) -> Source | None:
    toks = ctx.tokens
    if not (toks[k].text.lower() == "according" and k + 2 < end and toks[k + 1].text.lower() == "to"):
        return None
    ph = ctx.chunk_right(k + 2, end)
    return Source(ctx.span(k, k + 2), ph, (k, ph.b)) if ph else None


def opinion_nach(ctx: QuoteContext, k: int, lo: int, end: int) -> Source | None:
    """ "Seiner Meinung nach", "Expertenschätzungen nach": a source noun before a postposed "nach"."""
    t, toks, tg = ctx.tokens[k], ctx.tokens, ctx.tags
    if not (
        t.text.lower() == "nach"
        and k > lo
        and t.tag in tg.postposed_nach
        and ctx.lex.is_source_noun(toks[k - 1].text, toks[k - 1].lemma)
    ):
        return None
    a = k - 1
    while a > lo and toks[a - 1].tag in tg.possessive_np:
        a -= 1
    return Source(ctx.span(k, k + 1), Phrase(a, k, "source"), (a, k + 1))


def nach_angaben(ctx: QuoteContext, k: int, lo: int, end: int) -> Source | None:
    """ "nach Angaben der Polizei", "nach Informationen von X", "nach eigenen Angaben"."""
    toks, tg = ctx.tokens, ctx.tags
    if not (toks[k].text.lower() == "nach" and k + 1 < end):
        return None
    n = k + 1
    while n < end and toks[n].tag in tg.before_source_noun:
        n += 1
    if not (n < end and toks[n].tag in tg.noun and ctx.lex.is_source_noun(toks[n].text, toks[n].lemma)):
        return None
    ph = ctx.chunk_right(k + 1, end)
    b = ph.b if ph else n + 1
    if b > n + 1 and not genitive_start(ctx, n + 1):
        b = n + 1  # "nach eigenen Angaben 300 Stellen gestrichen": no holder follows
    if n + 2 < end and toks[n + 1].text.lower() in ("von", "vom", "aus"):
        sub = ctx.chunk_right(n + 2, end)
        if sub:
            b = sub.b
    return Source(ctx.span(k, k + 1), Phrase(k + 1, b, "source"), (k, b))


def zufolge(ctx: QuoteContext, k: int, lo: int, end: int) -> Source | None:
    """ "Dem Bericht zufolge", "Angaben der Polizei zufolge"."""
    toks = ctx.tokens
    if not (toks[k].text.lower() == "zufolge" and k > lo):
        return None
    a = k - 1
    while (
        a > lo
        and toks[a - 1].tag in ctx.tags.zufolge_np
        and toks[a - 1].text.lower() not in NOT_SUBJECT_START - {"dem", "den"}
    ):
        a -= 1
    return Source(ctx.span(k, k + 1), Phrase(a, k, "source"), (a, k + 1))


def source_adverb(ctx: QuoteContext, k: int, lo: int, end: int) -> Source | None:
    """A sentence adverb that marks reported content on its own ("demnach")."""
    t = ctx.tokens[k]
    if t.text.lower() in ctx.lex.advs and t.tag in ctx.tags.sentence_adverb:
        return Source(ctx.span(k, k + 1), Phrase(k, k + 1, "source"), (k, k + 1))
    return None


def anaphoric_adverb(ctx: QuoteContext, k: int, lo: int, end: int) -> Source | None:
    """ "Danach …" opening a sentence right after one that names a source (a study, a report)."""
    if ctx.tokens[k].text.lower() in ctx.lex.anaphoric and k == lo and lo > 0 and ctx.names_source(lo - 1):
        return Source(ctx.span(k, k + 1), Phrase(k, k + 1, "source"), (k, k + 1))
    return None


def dem_vernehmen_nach(ctx: QuoteContext, k: int, lo: int, end: int) -> Source | None:
    toks = ctx.tokens
    if toks[k].text.lower() == "vernehmen" and k + 1 < end and toks[k + 1].text.lower() == "nach":
        a = max(lo, k - 1)
        return Source(ctx.span(k, k + 2), Phrase(a, k + 1, "source"), (a, k + 2))
    return None


SOURCE_PATTERNS: tuple[SourcePattern, ...] = (
    relative_source,
    laut,
    according_to,
    opinion_nach,
    nach_angaben,
    zufolge,
    source_adverb,
    anaphoric_adverb,
    dem_vernehmen_nach,
)


def source_phrase(ctx: QuoteContext, lo: int, end: int) -> Source | None:
    """The first source phrase in tokens [lo, end) outside quotes."""
    for k in range(lo, end):
        if k in ctx.blocked:
            continue
        for pattern in SOURCE_PATTERNS:
            found = pattern(ctx, k, lo, end)
            if found is not None:
                return found
    return None
