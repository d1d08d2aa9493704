"""Interviews: "STANDARD: question? Poposki: answer." — each answer after a speaker label is a direct quote.

A label is one to three capitalised words without a verb (or one word in capitals) opening a sentence or
a line and followed by a colon; it counts when it names a speaker (a name or a person noun,
`settle.strength`) or recurs. A document is an interview when a label that names a speaker opens at
least two turns and labels open at least three turns in all. Each labelled turn runs up to the next
label or the end of its paragraph. The interviewer is the recurring label whose turns ask most often
(a third of them at least: prompts need not ask; "STANDARD:", "Frage:"): its turns are questions, not
quotes. Every other turn is a direct quote of its label (rule `direct-interview`); quotes found inside
an answer, or across a label, give way to it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..records import Quote
from .context import QuoteContext
from .frames import Phrase
from .settle import STRONG, settle, strength

RULE = "direct-interview"
MAX_LABEL_WORDS = 3
MIN_TURNS = 3  # labelled turns in a document that make it an interview
MIN_WORDS = 3  # a turn shorter than this is no answer
QUESTION_SHARE = 0.3  # the interviewer: at least this share of its turns asks (prompts need not)


@dataclass
class Turn:
    label: Phrase  # the speaker label's tokens
    start: int  # first token of what is said
    end: int  # token after it


def find_interview(ctx: QuoteContext) -> tuple[list[Quote], list[tuple[int, int]]]:
    """The answers of an interview as direct quotes, and the character ranges of its labels; ([], [])
    when the document is no interview."""
    turns = _turns(ctx)
    if not _is_interview(ctx, [t for t in turns if _says(ctx, t)]):
        return [], []
    asking = _interviewer(ctx, turns)
    out: list[Quote] = []
    for t in turns:
        if not _says(ctx, t) or _key(ctx, t.label) == asking:
            continue
        a, b = ctx.tokens[t.start].start, ctx.tokens[t.end - 1].end
        speaker = settle(ctx, ctx.mention(t.label), None)
        out.append(Quote(ctx.text[a:b], a, b, "direct", ctx.span(t.label.b, t.label.b + 1), speaker, RULE))
    labels = [(ctx.tokens[t.label.a].start, ctx.tokens[t.label.b].end) for t in turns]
    return out, labels


def _labels(ctx: QuoteContext) -> list[Phrase]:
    """Speaker labels: capitalised words opening a sentence or line, right before a colon, that name a
    speaker or recur."""
    found = [
        ph for lo, hi in ctx.doc.sent_tokens for a in _line_starts(ctx, lo, hi) if (ph := _label(ctx, a, hi))
    ]
    counts = Counter(_key(ctx, ph) for ph in found)
    return [ph for ph in found if counts[_key(ctx, ph)] >= 2 or strength(ctx, ph.a, ph.b) == STRONG]


def _line_starts(ctx: QuoteContext, lo: int, hi: int) -> list[int]:
    toks = ctx.tokens
    return [lo] + [k for k in range(lo + 1, hi) if ctx.text[toks[k].start - 1 : toks[k].start] == "\n"]


def _label(ctx: QuoteContext, a: int, hi: int) -> Phrase | None:
    toks = ctx.tokens
    b = a
    while b < hi and b - a < MAX_LABEL_WORDS and toks[b].text[:1].isupper() and toks[b].text != ":":
        b += 1
    if not (a < b < hi and toks[b].text == ":") or any(k in ctx.blocked for k in range(a, b + 1)):
        return None
    if any(ctx.tags.verb(toks[k]) for k in range(a, b)):
        return None
    return Phrase(a, b, "label")


def _turns(ctx: QuoteContext) -> list[Turn]:
    labels = _labels(ctx)
    out: list[Turn] = []
    for n, lab in enumerate(labels):
        start = lab.b + 1
        stop = labels[n + 1].a if n + 1 < len(labels) else len(ctx.tokens)
        end = start
        while end < stop and not (end > start and _paragraph_break(ctx, end)):
            end += 1
        out.append(Turn(lab, start, end))
    return out


def _says(ctx: QuoteContext, t: Turn) -> bool:
    """Does the turn say something: a finite verb ("Partei: 28,6 %" in a list of results does not)?"""
    return t.end - t.start >= MIN_WORDS and any(ctx.tags.finite(ctx.tokens[k]) for k in range(t.start, t.end))


def _paragraph_break(ctx: QuoteContext, k: int) -> bool:
    return "\n\n" in ctx.text[ctx.tokens[k - 1].end : ctx.tokens[k].start]


def _key(ctx: QuoteContext, ph: Phrase) -> str:
    """A label by its words; a name by its last word ("Peter Kaiser:" and "Kaiser:" are one speaker)."""
    last = ctx.tokens[ph.b - 1]
    if last.tag in ctx.tags.proper:
        return last.text.lower()
    return " ".join(t.text.lower() for t in ctx.tokens[ph.a : ph.b])


def _is_interview(ctx: QuoteContext, turns: list[Turn]) -> bool:
    if len(turns) < MIN_TURNS:
        return False
    counts = Counter(_key(ctx, t.label) for t in turns)
    return any(
        counts[_key(ctx, t.label)] >= 2 and strength(ctx, t.label.a, t.label.b) == STRONG for t in turns
    )


def _interviewer(ctx: QuoteContext, turns: list[Turn]) -> str | None:
    """The recurring label whose turns hold a question mark most often (`QUESTION_SHARE` of them at least,
    and a larger share than any other label's)."""
    asks: Counter[str] = Counter()
    n: Counter[str] = Counter()
    for t in turns:
        key = _key(ctx, t.label)
        n[key] += 1
        asks[key] += any(ctx.tokens[k].text == "?" for k in range(t.start, t.end))
    share = {k: asks[k] / n[k] for k in n if n[k] >= 2}
    best = max(share, key=lambda k: share[k], default=None)
    if best is None or share[best] < QUESTION_SHARE:
        return None
    return best if all(share[k] < share[best] for k in share if k != best) else None


def outside_turns(quotes: list[Quote], turns: list[Quote], labels: list[tuple[int, int]]) -> list[Quote]:
    """The quotes that neither lie inside an answer (the answer is the speaker's speech) nor cross a label."""
    return [
        q
        for q in quotes
        if not any(t.start <= q.start and q.end <= t.end for t in turns)
        and not any(q.start < b and a < q.end for a, b in labels)
    ]
