"""Reported speech continued without a cue: Konjunktiv I sentences after a quote keep its speaker.

"Der Minister sagte, die Lage sei ernst. Man arbeite an einer Lösung." — the second sentence has no
cue of its own; its Konjunktiv I says it is still the minister's reported speech. It becomes an
indirect quote with rule `indirect-continuation` and the previous quote's speaker. A run of such
sentences is one quote; a sentence that is not reported speech ends the run. A sentence whose speech
verb frames no quote ("X bezeichnete die Pläne als unrealistisch.") may open a run too.
"""

from __future__ import annotations

import bisect

from ..records import Mention, Quote
from .context import QuoteContext
from .sources import source_phrase

RULE = "indirect-continuation"


def find_continuations(ctx: QuoteContext, quotes: list[Quote]) -> list[Quote]:
    """Indirect quotes for the un-cued Konjunktiv I sentences that follow a quote with a speaker."""
    ending = _speakers_by_sentence(ctx, quotes)
    covered = _covered_sentences(ctx, quotes)
    out: list[Quote] = []
    for s, (lo, hi) in enumerate(ctx.doc.sent_tokens):
        if hi <= lo or s in covered or s == 0:
            continue
        speaker = _anchor(ctx, s - 1, ending, out)
        if speaker is None:
            continue
        found = _continued(ctx, lo, hi, speaker)
        if found is None:
            continue
        if out and out[-1].rule == RULE and _sentence_of(ctx, out[-1].end - 1) == s - 1:
            prev = out.pop()  # one quote for a run of continued sentences
            found = Quote(
                ctx.text[prev.start : found.end], prev.start, found.end, "indirect", None, prev.speaker, RULE
            )
        out.append(found)
    return out


def _anchor(ctx: QuoteContext, s: int, ending: dict[int, Mention], out: list[Quote]) -> Mention | None:
    """The speaker whose reported speech sentence s+1 may continue: of a quote ending in sentence s, of
    a continuation there, or of a speech verb in s that framed no quote."""
    if out and out[-1].rule == RULE and _sentence_of(ctx, out[-1].end - 1) == s:
        return out[-1].speaker
    if s in ending:
        return ending[s]
    lo, hi = ctx.doc.sent_tokens[s]
    for v in ctx.cue_in(lo, hi, strong_only=True):
        ph = ctx.speaker_of(v, lo, hi)
        if ph is not None and ctx.personish(ph):
            return ctx.mention(ph)
    v = ctx.first_finite(lo, hi)
    ph = ctx.speaker_of(v, lo, hi) if v is not None else None
    if ph is not None and ctx.personish(ph):
        return ctx.mention(ph)
    for back in range(s - 1, max(-1, s - 3), -1):
        if back in ending:
            return ending[back]
    return None


def _sentence_of(ctx: QuoteContext, offset: int) -> int:
    return ctx.sent_of[max(0, bisect.bisect_right(ctx.starts, offset) - 1)]


def _speakers_by_sentence(ctx: QuoteContext, quotes: list[Quote]) -> dict[int, Mention]:
    """Sentence -> the speaker of the last quote ending in it (quotes without a speaker left out)."""
    out: dict[int, Mention] = {}
    for q in sorted(quotes, key=lambda q: q.end):
        if q.speaker is not None:
            out[_sentence_of(ctx, q.end - 1)] = q.speaker
    return out


def _covered_sentences(ctx: QuoteContext, quotes: list[Quote]) -> set[int]:
    out: set[int] = set()
    for q in quotes:
        out.update(range(_sentence_of(ctx, q.start), _sentence_of(ctx, q.end - 1) + 1))
    return out


def _continued(ctx: QuoteContext, lo: int, hi: int, speaker: Mention) -> Quote | None:
    toks = ctx.tokens
    end = hi
    while end > lo and ctx.tags.sent_punct(toks[end - 1]):
        end -= 1
    if end - lo < 3:
        return None
    if not any(k not in ctx.blocked and ctx.konjunktiv_1(toks[k]) for k in range(lo, end)):
        return None
    if ctx.cue_in(lo, end, strong_only=False) or source_phrase(ctx, lo, end) is not None:
        return None
    if sum(k in ctx.blocked for k in range(lo, end)) > 0.5 * (end - lo):
        return None
    a, b = toks[lo].start, toks[end - 1].end
    sp = Mention(speaker.text, speaker.start, speaker.end, speaker.actor)
    return Quote(ctx.text[a:b], a, b, "indirect", None, sp, RULE)
