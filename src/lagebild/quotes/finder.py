"""The quotation stage: direct quotes (by marks) and indirect speech (by cue), each with cue and speaker.

The rules and their ids are the table in `rules.py` (docs/quotes.md explains them with examples);
direct rules live in `direct.py`, indirect ones in `indirect.py`, source phrases in `sources.py`, the
per-document state in `context.py`, cue and speaker grammar in `frames.py`, pronoun resolution in
`resolve.py`. Indirect rules run first: a partial direct quote inside a reported clause takes its
speaker.
"""

from __future__ import annotations

from ..records import Doc, Mention, Quote
from .context import QuoteContext, same_quote
from .continuation import find_continuations
from .direct import Quoted, reported_speaker
from .interview import find_interview, outside_turns
from .resolve import link_speakers, resolve_pronoun
from .rules import DIRECT_RULES, INDIRECT_RULES
from .settle import settle


class FindQuotes:
    """Fill `doc.article.quotes` with direct and indirect quotations, their cue and speaker."""

    name = "quotes"
    requires = ("doc.tokens", "article.sentences", "article.entities", "doc.mentions")
    assigns = ("article.quotes",)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.tokens:
            doc.article.quotes = []
            return doc
        ctx = QuoteContext(doc)
        indirect = find_indirect(ctx)
        turns, labels = find_interview(ctx)
        quotes = outside_turns(find_direct(ctx, indirect) + indirect, turns, labels) + turns
        quotes += find_continuations(ctx, quotes)
        quotes.sort(key=lambda q: (q.start, q.end))
        link_speakers(doc, quotes, ctx.lex.source_heads)
        resolve_pronoun(doc, quotes)
        doc.article.quotes = quotes
        return doc


def find_indirect(ctx: QuoteContext) -> list[Quote]:
    """Every indirect rule on every sentence (final punctuation aside); overlapping findings dropped."""
    out: list[Quote] = []
    toks = ctx.tokens
    for lo, hi in ctx.doc.sent_tokens:
        end = hi
        while end > lo and ctx.tags.sent_punct(toks[end - 1]) and toks[end - 1].text != "…":
            end -= 1
        if end <= lo:
            continue
        found: list[Quote] = []
        for rule in INDIRECT_RULES:
            r = rule.find(ctx, lo, end)
            if r is None:
                continue
            speaker = settle(ctx, r.speaker, r.cue)
            kind = (
                "direct"
                if r.kind == "direct" or ctx.verbatim(*ctx.token_range(r.start, r.end))
                else "indirect"
            )
            q = Quote(ctx.text[r.start : r.end], r.start, r.end, kind, r.cue, speaker, rule.id)
            if not any(same_quote(q, other) for other in found):
                found.append(q)
        out.extend(found)
    return out


def find_direct(ctx: QuoteContext, indirect: list[Quote]) -> list[Quote]:
    """Each quoted stretch with the first direct rule that gives it a frame; none: not speech."""
    out: list[Quote] = []
    last: tuple[int, Mention | None] | None = None  # (line, speaker) of the previous quote
    earlier = sorted(indirect, key=lambda q: q.start)
    for (a, b), (i, j) in zip(ctx.spans, ctx.span_tokens, strict=True):
        while earlier and earlier[0].end <= a:
            q = earlier.pop(0)
            if q.speaker is not None:
                last = (ctx.line_of(q.end), q.speaker)
        if j <= i:
            continue
        s_lo, s_hi = ctx.sent_range(i)
        e_lo, e_hi = ctx.sent_range(j - 1)
        words = len(ctx.text[a + 1 : b - 1].split())
        quoted = Quoted(a, b, i, j, min(s_lo, e_lo), max(s_hi, e_hi), words, ctx.line_of(a), last, indirect)
        for rule in DIRECT_RULES:
            frame = rule.find(ctx, quoted)
            if frame is not None:
                speaker = settle(ctx, frame.speaker, frame.cue) or reported_speaker(ctx, quoted)
                out.append(Quote(ctx.text[a:b], a, b, "direct", frame.cue, speaker, rule.id))
                if speaker is not None:
                    last = (ctx.line_of(b), speaker)
                break
    return out
