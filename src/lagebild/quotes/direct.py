"""Direct quotations: the rules that find a quoted stretch's frame, cue and speaker.

Each rule is a function `(ctx, quote) -> Frame | None`; `rules.DIRECT_RULES` lists them in the order
they are tried (the first that gives a frame wins) with their ids, descriptions and examples. A rule
may rely on the rules before it having failed: `before_subject` is only asked when `before` found no
speech verb.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Mention, Quote, Span
from .context import QuoteContext
from .frames import Phrase, is_comma
from .sources import source_phrase

MIN_BARE_WORDS = 4  # a quote without any cue must be at least this long to count as speech
CONTINUE_LINES = 3  # an un-cued quote continues the speaker of a quote at most this many lines back


@dataclass
class Quoted:
    """A quoted stretch to classify: characters [a, b), tokens [i, j), the sentences [lo, hi) it
    touches, its line; the previous speaker (line, mention) and the indirect quotes found before."""

    a: int
    b: int
    i: int
    j: int
    lo: int
    hi: int
    words: int
    line: int
    last: tuple[int, Mention | None] | None
    indirect: list[Quote]


@dataclass
class Frame:
    """What a direct rule found: the cue and the speaker (either may be missing)."""

    cue: Span | None
    speaker: Mention | None


# ----- after the quote: „…“, sagte X


def after(ctx: QuoteContext, q: Quoted) -> Frame | None:
    """ "„…“, sagte X", "„…“ wird X zitiert", "„…“, so X", "„…“, wie die Zeitung schreibt", "…," she added."""
    toks, j = ctx.tokens, q.j
    k = j
    if not (k < len(toks) and ctx.line_of(toks[k].start) == ctx.line_of(toks[j - 1].start)):
        return None
    comma = is_comma(toks[k])
    if comma:
        k += 1
    if not (k < len(toks) and k not in ctx.blocked):
        return None
    hi = ctx.doc.sent_tokens[toks[k].sent][1]
    # the quote ends its clause: „…“, or English "…," / "…?" with the mark inside
    ends_clause = comma or ctx.text[toks[j - 1].start - 1 : toks[j - 1].start] in ("?", "!", ",")
    if ends_clause and ctx.cue_verb(k, hi) and ctx.tags.finite(toks[k]):
        return Frame(ctx.cue_span(k, hi), ctx.mention(ctx.find_speaker(k, k, hi)))
    return _after_aux(ctx, k, hi) or _after_so(ctx, k, hi) or _after_clause(ctx, k, hi, comma)


def _after_aux(ctx: QuoteContext, k: int, hi: int) -> Frame | None:
    """ "„…“ wird der Franzose zitiert", "„…“, hatte er gesagt"."""
    toks = ctx.tokens
    if toks[k].tag not in ctx.tags.finite_aux:
        return None
    for v in range(k + 1, hi):
        if v in ctx.blocked or ctx.tags.punct(toks[v]):
            break
        if ctx.cue_verb(v, hi):
            return Frame(ctx.cue_span(v, hi), ctx.mention(ctx.find_speaker(v, k, hi, aux=k)))
    return None


def _after_so(ctx: QuoteContext, k: int, hi: int) -> Frame | None:
    if ctx.tokens[k].text.lower() == "so" and k + 1 < hi:
        ph = ctx.chunk_right(k + 1, hi)
        if ph:
            return Frame(ctx.span(k, k + 1), ctx.mention(ph))
    return None


def _after_clause(ctx: QuoteContext, k: int, hi: int, comma: bool) -> Frame | None:
    """After a comma: "„…“, wie die Zeitung schreibt"; a subject before its verb: "„…“, she added"."""
    if not comma:
        return None
    toks = ctx.tokens
    if toks[k].text.lower() in ("wie", "as"):
        v = ctx.clause_final_cue(k, hi)
        if v is not None:
            return Frame(ctx.cue_span(v, hi), ctx.mention(ctx.find_speaker(v, k, hi)))
    ph = ctx.chunk_right(k, hi)
    if ph and ph.b < hi and ctx.tags.finite(toks[ph.b]) and ctx.cue_verb(ph.b, hi):
        return Frame(ctx.cue_span(ph.b, hi), ctx.mention(ph))
    return None


def anaphor(ctx: QuoteContext, q: Quoted) -> Frame | None:
    """The next sentence points back: "„…“ Das sagte X." / "„…“. Dies erklärte X."."""
    toks, tg, j = ctx.tokens, ctx.tags, q.j
    k = j
    while k < len(toks) and tg.sent_punct(toks[k]) and k - j < 2:
        k += 1
    if not (
        k + 1 < len(toks)
        and toks[k].text.lower() in ("das", "dies")
        and ctx.line_of(toks[k].start) == ctx.line_of(toks[j - 1].start)
    ):
        return None
    hi = ctx.doc.sent_tokens[toks[k].sent][1]
    v = k + 1
    if tg.finite(toks[v]) and tg.aux_or_modal(toks[v]):
        v = next((m for m in range(hi - 1, k + 1, -1) if tg.full_verb(toks[m])), v)
    if not ctx.cue_verb(v, hi):
        return None
    aux = k + 1 if v != k + 1 else None
    return Frame(ctx.cue_span(v, hi), ctx.mention(ctx.find_speaker(v, k, hi, aux=aux)))


# ----- before the quote: X sagte: „…“ (same line) or a frame line ending in ":" (the line before)


def _frame_before(ctx: QuoteContext, q: Quoted, frame_line: bool) -> tuple[int, int] | None:
    """(the ":" or "," right before the quote, its sentence start) when the quote's frame stands before
    it on the same line (`frame_line` False) or on the line before (True)."""
    toks, p = ctx.tokens, q.i - 1
    if not (p >= 0 and toks[p].text in (":", ",") and p not in ctx.blocked):
        return None
    if (ctx.line_of(toks[p].start) != ctx.line_of(toks[q.i].start)) != frame_line:
        return None
    return p, ctx.doc.sent_tokens[toks[p].sent][0]


def _frame_cue(ctx: QuoteContext, q: Quoted, frame_line: bool) -> Frame | None:
    """ "X sagte: „…“", "X sagte, „…“", "…, so Elshorst weiter: „…“"."""
    found = _frame_before(ctx, q, frame_line)
    if found is None:
        return None
    p, lo = found
    cues = ctx.cue_in(lo, p + 1, strong_only=False)
    if cues:
        v = cues[-1]
        return Frame(ctx.cue_span(v, p + 1), ctx.mention(ctx.speaker_of(v, lo, p + 1)))
    if ctx.tokens[p].text != ":":
        return None
    toks = ctx.tokens
    for k in range(p - 1, lo, -1):
        if toks[k].text.lower() == "so" and is_comma(toks[k - 1]):
            ph = ctx.chunk_right(k + 1, p)
            if ph is not None:
                return Frame(ctx.span(k, k + 1), ctx.mention(ph))
        if is_comma(toks[k]) or k in ctx.blocked:
            break
    return None


def _frame_subject(ctx: QuoteContext, q: Quoted, frame_line: bool) -> Frame | None:
    """A frame ending in ":" without a speech verb: "Hier sparte der Bundespräsident nicht mit Kritik:"."""
    found = _frame_before(ctx, q, frame_line)
    if found is None or ctx.tokens[found[0]].text != ":":
        return None
    p, lo = found
    v = ctx.first_finite(lo, p)
    if v is None:
        return None
    return Frame(ctx.cue_span(v, p + 1), ctx.mention(ctx.speaker_of(v, lo, p + 1)))


def _frame_name(ctx: QuoteContext, q: Quoted, frame_line: bool) -> Frame | None:
    """A bare name before the colon: "Bundesinnenminister Schäuble: „…“"."""
    found = _frame_before(ctx, q, frame_line)
    if found is None or ctx.tokens[found[0]].text != ":":
        return None
    p, start = found
    toks = ctx.tokens
    while start < p and toks[start].tag in ctx.tags.frame_skip:
        start += 1
    ph = ctx.chunk_right(start, p)
    if ph is not None and (ph.b >= p - 1 or is_comma(toks[ph.b])):
        return Frame(ctx.span(p, p + 1), ctx.mention(ph))
    return None


def before(ctx: QuoteContext, q: Quoted) -> Frame | None:
    return _frame_cue(ctx, q, frame_line=False)


def before_subject(ctx: QuoteContext, q: Quoted) -> Frame | None:
    return _frame_subject(ctx, q, frame_line=False)


def before_name(ctx: QuoteContext, q: Quoted) -> Frame | None:
    return _frame_name(ctx, q, frame_line=False)


def frame_line(ctx: QuoteContext, q: Quoted) -> Frame | None:
    return _frame_cue(ctx, q, frame_line=True)


def frame_line_subject(ctx: QuoteContext, q: Quoted) -> Frame | None:
    return _frame_subject(ctx, q, frame_line=True)


def frame_line_name(ctx: QuoteContext, q: Quoted) -> Frame | None:
    return _frame_name(ctx, q, frame_line=True)


# ----- inside a sentence: a partial quote


def inside(ctx: QuoteContext, q: Quoted) -> Frame | None:
    """A partial quote in a sentence with a cue: "wurde von Rjabkow als „…“ kritisiert", "…, so X."."""
    toks, lo, hi = ctx.tokens, q.lo, q.hi
    for k in range(lo + 1, hi - 1):  # "… wegen „…“ ausgefallen, so ein Sprecher."
        if toks[k].text.lower() == "so" and k not in ctx.blocked and toks[k - 1].text in (",", "–", "—"):
            ph = ctx.chunk_right(k + 1, hi)
            if ph is not None:
                return Frame(ctx.span(k, k + 1), ctx.mention(ph))
    cues = ctx.cue_in(lo, hi, strong_only=True) or ctx.cue_in(lo, hi, strong_only=False)
    if not cues:
        return None
    v = min(cues, key=lambda c: abs(c - q.i))
    ph = ctx.speaker_of(v, lo, hi)
    if ph is None and v >= q.j:  # "was er ihre „…“ nannte": a verb-final clause around the quote
        ph = _subject_before_quote(ctx, q.i, lo)
    return Frame(ctx.cue_span(v, hi), ctx.mention(ph))


def _subject_before_quote(ctx: QuoteContext, i: int, lo: int) -> Phrase | None:
    """The subject between a clause opener and the quote opening at token i ("was *er* ihre
    „…“ nannte", "wie *die Zeitung* „…“ schrieb"); None if no opener is near."""
    toks = ctx.tokens
    for k in range(i - 1, max(lo, i - 6) - 1, -1):
        if k in ctx.blocked or is_comma(toks[k]):
            return None
        if toks[k].tag in ctx.tags.quote_clause_opener:
            return ctx.chunk_right(k + 1, i)
    return None


def source(ctx: QuoteContext, q: Quoted) -> Frame | None:
    """A partial quote in a sentence with a source phrase: "laut X", "nach Angaben X"."""
    src = source_phrase(ctx, q.lo, q.hi)
    return Frame(src.cue, ctx.mention(src.speaker)) if src else None


def in_indirect(ctx: QuoteContext, q: Quoted) -> Frame | None:
    """A partial quote inside a reported clause the indirect rules found: that clause's cue and speaker."""
    host = next(
        (r for r in q.indirect if r.start <= q.a and q.b <= r.end + 1 and r.speaker is not None), None
    )
    return Frame(host.cue, host.speaker) if host is not None else None


def inside_subject(ctx: QuoteContext, q: Quoted) -> Frame | None:
    """A partial quote in a sentence without a cue: its subject ("attackierte X als „…“"), when that can be
    a speaker (a name, person, role or organisation), else the previous quote's recent speaker or none. A
    lone word or a short capitalised phrase so framed is a scare quote or a name, not speech."""
    inner = ctx.text[q.a + 1 : q.b - 1]
    if q.words < MIN_BARE_WORDS and (q.words < 2 or not inner[:1].islower()):
        return None
    if _title(ctx, q):
        return None
    i, lo, hi = q.i, q.lo, q.hi
    if ctx.text[ctx.tokens[i].start - 1 : ctx.tokens[i].start] in ("\n", "") or i <= lo:
        return None
    v = ctx.first_finite(lo, hi)
    if v is None:
        return None
    ph = ctx.speaker_of(v, lo, hi)
    if ph is None:
        return None
    if not ctx.personish(ph):  # "die vorgesehenen Mittel seien „völlig unrealistisch“": no speaker, so
        return Frame(ctx.cue_span(v, hi), _recent_speaker(q))  # the previous one's, if recent
    return Frame(ctx.cue_span(v, hi), ctx.mention(ph))


# ----- no frame: the previous speaker, or none


def _title(ctx: QuoteContext, q: Quoted) -> bool:
    """A capitalised quote without a verb and without a cue is a title or name („Gesetz zur
    Bekämpfung …“, „Der Fänger im Roggen“), not speech."""
    inner = ctx.text[q.a + 1 : q.b - 1]
    return inner[:1].isupper() and not any(ctx.tags.verb(t) for t in ctx.tokens[q.i : q.j])


def _recent_speaker(q: Quoted) -> Mention | None:
    """The previous quote's speaker when it is at most CONTINUE_LINES lines back."""
    if q.last is None or q.last[1] is None or q.line - q.last[0] > CONTINUE_LINES:
        return None
    return q.last[1]


def reported(ctx: QuoteContext, q: Quoted) -> Frame | None:
    """A short quote in a Konjunktiv sentence without a cue: the previous speaker's."""
    if q.words >= MIN_BARE_WORDS or not ctx.reported(q.i):
        return None
    speaker = _recent_speaker(q)
    return Frame(None, speaker) if speaker is not None else None


def reported_speaker(ctx: QuoteContext, q: Quoted) -> Mention | None:
    """For a quote whose frame names no speaker: in a Konjunktiv I sentence, the previous speaker's
    reported speech goes on ("Es drohe „eine dramatische Erderwärmung“")."""
    lo, hi = q.lo, q.hi
    if not any(k not in ctx.blocked and ctx.konjunktiv_1(ctx.tokens[k]) for k in range(lo, hi)):
        return None
    return _recent_speaker(q)


def continued(ctx: QuoteContext, q: Quoted) -> Frame | None:
    """An un-cued quote paragraph shortly after another quote continues its speaker."""
    if q.words < MIN_BARE_WORDS or _title(ctx, q):
        return None
    speaker = _recent_speaker(q)
    return Frame(None, speaker) if speaker is not None else None


def bare(ctx: QuoteContext, q: Quoted) -> Frame | None:
    """A long quote with no cue and no previous speaker: speech without a speaker."""
    return Frame(None, None) if q.words >= MIN_BARE_WORDS and not _title(ctx, q) else None
