"""Indirect speech: the rules that find reported clauses after cue verbs, source phrases, claim nouns and
anaphors.

Each rule is a function `(ctx, lo, end) -> Reported | None` over one sentence's tokens [lo, end);
`rules.INDIRECT_RULES` lists them in the order they run, with ids, descriptions and examples. Every
rule runs on every sentence; a finding that overlaps an earlier one is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Span
from .context import COMPLEMENT_STARTS, QuoteContext, Reported
from .frames import Phrase, is_comma
from .settle import head_token, plausible
from .sources import source_phrase

NOT_A_COMPLEMENT = ("und", "aber", "doch", "sondern", "um")  # a comma before these opens no content clause
# optional patterns a language declares in lang/<code>/quotes/patterns.tsv
CLAUSE_FIRST_SUBJECT_VERB = "clause-first-subject-verb"
BARE_COMPLEMENT = "bare-complement"


@dataclass
class Match:
    """Reported content as tokens [i, j) with its cue and speaker phrase (before trimming)."""

    i: int
    j: int
    cue: Span
    speaker: Phrase | None


def _reported(ctx: QuoteContext, m: Match | None) -> Reported | None:
    return ctx.reported_span(m.i, m.j, m.cue, m.speaker) if m is not None else None


# ----- after a cue verb: "X erklärte, dass …"


def verb(ctx: QuoteContext, lo: int, end: int) -> Reported | None:
    """ "X erklärte, dass …", "sagte, man werde …", "Wie X mitteilte, …", "kündigte an, … zu …",
    "said (that) …"; the first cue verb with a complement clause."""
    toks = ctx.tokens
    for v in ctx.cue_in(lo, end, strong_only=False):
        lemma = ctx.cue_verb(v, end, False) or ""
        if v + 1 < end and toks[v + 1].text == "sich" and lemma == "bestätigen":
            continue
        subordinate = ctx.in_subordinate(lo, v)
        if v + 1 < end and toks[v + 1].text.lower() in ("that", "dass") and v + 1 not in ctx.blocked:
            ph = ctx.speaker_of(v, lo, v + 1)  # "said that …"
            return _reported(ctx, Match(v + 1, ctx.complement_end(v + 1, end), ctx.cue_span(v, v + 1), ph))
        start = _bare_complement(ctx, v, end, lemma)
        if start is not None:  # "said the sanctions would remain", "said on Monday that …"
            ph = ctx.speaker_of(v, lo, v + 1)
            return _reported(ctx, Match(start, ctx.complement_end(start, end), ctx.cue_span(v, v + 1), ph))
        found = _comma_complement(ctx, lo, v, end, lemma, subordinate)
        if found is not None:
            return _reported(ctx, found)
    return None


def _comma_complement(
    ctx: QuoteContext, lo: int, v: int, end: int, lemma: str, subordinate: bool
) -> Match | None:
    """The clause after the comma that closes the cue verb's clause, when it is reported content:
    dass/ob, a Konjunktiv, a zu-infinitive, or (after a core verb of saying) any finite verb."""
    toks, tg = ctx.tokens, ctx.tags
    c = v + 1
    while c < end and not is_comma(toks[c]) and c not in ctx.blocked and toks[c].text not in (":", "–", "—"):
        if tg.full_verb(toks[c]) and not tg.zu_infinitive(toks[c]):
            return None  # another full verb: this cue has no complement of its own
        c += 1
    if c >= end - 2 or not is_comma(toks[c]):
        return None
    first = toks[c + 1]
    low = first.text.lower()
    if c + 1 in ctx.blocked or first.tag in tg.no_complement_start or low in NOT_A_COMPLEMENT:
        return None
    window = toks[c + 1 : min(end, c + 10)]
    konj = any(ctx.konjunktiv(t) for t in window)
    zu = any(t.tag in tg.zu_marker for t in toks[c + 1 : end])
    if subordinate and (tg.finite(first) or not (low in COMPLEMENT_STARTS or konj)):
        return None  # "Nachdem sie den Fehler bemerkt hatten, leiteten sie …": the main clause follows
    if low in COMPLEMENT_STARTS:
        ok = True
    elif first.tag in tg.view.sub_intro:
        ok = False
    elif lemma in ctx.lex.say:
        ok = konj or zu or any(tg.finite(t) for t in window[:4])
    else:
        ok = konj or zu
    if not ok:
        return None
    return Match(c + 1, ctx.complement_end(c + 1, end), ctx.cue_span(v, c), ctx.speaker_of(v, lo, c))


def _bare_complement(ctx: QuoteContext, v: int, end: int, lemma: str) -> int | None:
    """Start of the clause a speech verb reports without a comma (languages declaring
    `bare-complement`, English), after at most one prepositional phrase ("said on Monday that …",
    "said in a statement it was ready"), with or without "that" ("said the sanctions would remain");
    None if none follows. A clause without "that" needs a noun phrase, then its finite verb. Verbs
    like "tell" take their object first ("told reporters the border would reopen")."""
    if BARE_COMPLEMENT not in ctx.lex.patterns or not ctx.cue_verb(v, end, True):
        return None
    toks, tg = ctx.tokens, ctx.tags
    k = v + 1
    if lemma in ctx.lex.object_first and k < end and k not in ctx.blocked:
        obj = ctx.chunk_right(k, end)  # "told reporters (on Monday) that …"
        k = obj.b if obj is not None else k
    if k < end and toks[k].tag in tg.prep and k not in ctx.blocked:
        pp = ctx.chunk_right(k + 1, end)
        k = pp.b if pp is not None else k
    if k >= end or k in ctx.blocked:
        return None
    if toks[k].text.lower() == "that":
        return k  # (an adjacent "that" has been taken by the rule before this one)
    if k + 1 >= end or toks[k].tag not in tg.bare_clause_start:
        return None
    for m in range(k + 1, min(end, k + 7)):
        if m in ctx.blocked or tg.punct(toks[m]):
            return None
        if tg.finite(toks[m]):
            return k
    return None


# ----- after a colon: "X sagte: Wir werden das nicht zulassen"


def colon(ctx: QuoteContext, lo: int, end: int) -> Reported | None:
    """Speech after a colon without quotation marks: "X sagte: Wir werden …" (a speech verb before the
    colon), or "X verteidigte die Regeln: Wir werden …" (no speech verb, but the speaker's own wording
    after the colon: first or second person). Direct unless the content is in Konjunktiv I."""
    toks = ctx.tokens
    p = next((k for k in range(lo + 2, end - 3) if toks[k].text == ":" and k not in ctx.blocked), None)
    if p is None or any(k in ctx.blocked or toks[k].text in ctx.qchars for k in range(p + 1, end)):
        return None
    if not any(ctx.tags.finite(toks[k]) for k in range(p + 1, end)):
        return None  # a list or a number after the colon, not a statement
    cues = ctx.cue_in(lo, p, strong_only=True)
    verbatim = ctx.verbatim(p + 1, end)
    if cues:
        v = cues[-1]
        ph = ctx.speaker_of(v, lo, p)
        cue = ctx.cue_span(v, p)
        if ph is None or not ctx.personish(ph):
            return None  # "wurden bekanntgegeben:", "ist zu berichten:": no one speaks
    elif verbatim:
        v = ctx.first_finite(lo, p)
        ph = ctx.speaker_of(v, lo, p) if v is not None else None
        if ph is None or not ctx.personish(ph):
            return None
        cue = ctx.span(p, p + 1)
    else:
        return None
    found = ctx.reported_span(p + 1, end, cue, ph)
    if found is not None and not any(ctx.konjunktiv_1(toks[k]) for k in range(p + 1, end)):
        found.kind = "direct"
    return found


# ----- a source phrase: "laut X", "nach Angaben X", "X zufolge"


def source(ctx: QuoteContext, lo: int, end: int) -> Reported | None:
    """The clause around a source phrase; the phrase is left out when it opens or closes the clause,
    kept when it sits in the middle and is short."""
    src = source_phrase(ctx, lo, end)
    if not src:
        return None
    cue, ph, (a, b) = src.cue, src.speaker, src.where
    if a - lo <= 1:
        return _reported(ctx, Match(b, end, cue, ph))
    cl, ce = ctx.clause_around(lo, end, a, b)
    left, right = a - cl, ce - b
    if left <= 1:  # phrase opens the clause: the rest is the reported content
        return _reported(ctx, Match(b, ce, cue, ph))
    if right <= 1:
        return _reported(ctx, Match(cl, a, cue, ph))
    phrase_chars = ctx.tokens[b - 1].end - ctx.tokens[a].start
    whole = ctx.tokens[ce - 1].end - ctx.tokens[cl].start
    if phrase_chars <= 0.5 * whole:
        return _reported(ctx, Match(cl, ce, cue, ph))
    return _reported(ctx, Match(cl, a, cue, ph) if left >= right else Match(b, ce, cue, ph))


# ----- the content first: "…, sagte X." / "…, so X."

SO, QUOTE_FIRST = "so", "quote-first"


def so(ctx: QuoteContext, lo: int, end: int) -> Reported | None:
    """ "…, so X." and "Der Präsident sei, so X, schuld daran"."""
    found = _clause_first(ctx, lo, end)
    return found[1] if found is not None and found[0] == SO else None


def quote_first(ctx: QuoteContext, lo: int, end: int) -> Reported | None:
    """ "…, sagte X.", "…, teilte die Polizei mit.", "…, hieß es.", "…, wie X mitteilte.",
    "…, the bank said."."""
    found = _clause_first(ctx, lo, end)
    return found[1] if found is not None and found[0] == QUOTE_FIRST else None


def _clause_first(ctx: QuoteContext, lo: int, end: int) -> tuple[str, Reported | None] | None:
    """The first comma (or dash) after which a frame follows the content: which kind, and what it
    reports. `so` and `quote_first` share this scan, so that at most one of them reports a sentence."""
    key = ("clause-first", lo, end)
    if key not in ctx.memo:
        ctx.memo[key] = _scan_clause_first(ctx, lo, end)
    return ctx.memo[key]  # type: ignore[return-value]


def _scan_clause_first(ctx: QuoteContext, lo: int, end: int) -> tuple[str, Reported | None] | None:
    toks = ctx.tokens
    if end < len(toks) and toks[end].text == ":":
        return None  # "Auf die Frage, …, antwortete er:" frames the quote on the next line
    for c in range(lo + 3, end - 1):
        if not (is_comma(toks[c]) or toks[c].text in ("–", "—", "(")) or c in ctx.blocked:
            continue
        if sum(k in ctx.blocked for k in range(lo, c)) > 0.5 * (c - lo):
            return None
        found = _frame_after_comma(ctx, lo, end, c)
        if found is not None:
            return found
    return None


def _frame_after_comma(ctx: QuoteContext, lo: int, end: int, c: int) -> tuple[str, Reported | None] | None:
    """The frame after the separator at c, if any: "so X", "wie X mitteilte", "sagte X", "X said"."""
    toks, tg = ctx.tokens, ctx.tags
    k = c + 1
    has_finite = any(tg.finite(toks[m]) for m in range(lo, c) if m not in ctx.blocked)
    inserted = _so_inserted(ctx, k, end, has_finite)
    if inserted is not None:
        return SO, _reported(ctx, Match(lo, end, ctx.span(k, k + 1), inserted))
    if not is_comma(toks[c]) or toks[lo].tag in tg.no_content_start or not has_finite:
        return None
    if toks[k].text.lower() == "so" and k + 1 < end:
        if not ctx.cue_verb(k + 1, end):
            return _so_after(ctx, lo, end, c, k)
        k += 1  # "…, so bestätigt das Gericht."
    if toks[k].text.lower() in ("wie", "as") and k + 2 < end:
        v = ctx.clause_final_cue(k, end)
        if v is None:  # "…, wie sein Anwalt mitteilte."
            return None
        ph = ctx.find_speaker(v, k, end)
        return QUOTE_FIRST, _reported(ctx, Match(lo, c, ctx.cue_span(v, end), ph))
    found = _subject_verb_after(ctx, lo, end, c, k) or _verb_after(ctx, lo, end, c, k)
    return (QUOTE_FIRST, _reported(ctx, found)) if found is not None else None


def _so_inserted(ctx: QuoteContext, k: int, end: int, has_finite: bool) -> Phrase | None:
    """ "Der Präsident sei, so X, schuld" / "– so X –": X between separators."""
    toks = ctx.tokens
    if not (toks[k].text.lower() == "so" and k + 1 < end and has_finite):
        return None
    ph = ctx.chunk_right(k + 1, end) if not ctx.cue_verb(k + 1, end) else None
    if ph is None:
        return None
    b = ph.b
    while b < end and toks[b].text.lower() in ("weiter", "zufolge", "nach"):
        b += 1
    return ph if b < end - 2 and toks[b].text in (",", "–", "—", ")") else None


def _so_after(ctx: QuoteContext, lo: int, end: int, c: int, k: int) -> tuple[str, Reported | None] | None:
    """ "…, so X." (the content before the comma) and "Der Präsident sei, so X, schuld daran"."""
    toks = ctx.tokens
    ph = ctx.chunk_right(k + 1, end)
    if not (
        ph and (ph.b >= end - 2 or toks[ph.b].text in (":", ",") or toks[k + 1].tag in ctx.tags.np_opener)
    ):
        return None
    if is_comma(toks[ph.b]) and ph.b < end - 2:
        return SO, _reported(ctx, Match(lo, end, ctx.span(k, k + 1), ph))
    return SO, _reported(ctx, Match(lo, c, ctx.span(k, k + 1), ph))


def _subject_verb_after(ctx: QuoteContext, lo: int, end: int, c: int, k: int) -> Match | None:
    """ "…, the central bank said on Monday.": subject, then the cue (languages declaring
    `clause-first-subject-verb`, English)."""
    if CLAUSE_FIRST_SUBJECT_VERB not in ctx.lex.patterns:
        return None
    ph = ctx.chunk_right(k, end)
    v = ph.b if ph is not None else end
    if v < end and ctx.tags.finite(ctx.tokens[v]) and ctx.cue_verb(v, end) and end - v <= 6:
        return Match(lo, c, ctx.cue_span(v, end), ph)
    return None


def _verb_after(ctx: QuoteContext, lo: int, end: int, c: int, k: int) -> Match | None:
    """ "…, sagte X.", "…, teilte die Polizei mit.", "…, hieß es."."""
    toks, tg = ctx.tokens, ctx.tags
    if not ((tg.finite(toks[k]) or tg.full_participle(toks[k])) and ctx.cue_verb(k, end)):
        return None
    if toks[k].lemma == "heißen" and k + 1 < end and toks[k + 1].text == "es":
        return Match(lo, c, ctx.span(k, k + 2), _heisst_es_from(ctx, k + 2, end))
    ph = ctx.find_speaker(k, k, end)
    if ph is None or ph.a < k:
        return None
    tail = [t for t in toks[ph.b : end] if not tg.particle(t)]
    if len(tail) > 6 and not (tail[0].tag in tg.prep_or_adverb or tg.comma_punct(tail[0])):
        return None
    return Match(lo, c, ctx.cue_span(k, end), ph)


def _heisst_es_from(ctx: QuoteContext, k: int, end: int) -> Phrase | None:
    """ "…, hieß es (am Montag) aus dem Kanzleramt / in einer Mitteilung der Polizei": the first
    prepositional object after "hieß es" that can be a speaker or a source."""
    toks, tg = ctx.tokens, ctx.tags
    for j in range(k, end - 1):
        if j in ctx.blocked or toks[j].tag not in tg.prep:
            continue
        ph = ctx.chunk_right(j + 1, end)
        if ph is None:
            continue
        h = toks[head_token(ctx, ph.a, ph.b)]
        if plausible(ctx, ph.a, ph.b) or ctx.lex.is_source_noun(h.text, h.lemma or h.text):
            return ph
    return None


# ----- pointing back, and claim nouns


def anaphor(ctx: QuoteContext, lo: int, end: int) -> Reported | None:
    """ "S. Das bestätigte X." — the previous sentence is the content, "Das"/"Dies" points back to it."""
    toks, tg = ctx.tokens, ctx.tags
    if end - lo < 3 or toks[lo].text.lower() not in ("das", "dies", "this", "that") or lo == 0:
        return None
    k = lo + 1
    if tg.finite(toks[k]) and tg.aux_or_modal(toks[k]):
        v = next((m for m in range(end - 1, k, -1) if tg.full_verb(toks[m])), None)
        if v is None or not ctx.cue_verb(v, end):
            return None
        return _previous_sentence(ctx, lo, v, end, ctx.find_speaker(v, k, end, aux=k))
    if not (tg.finite(toks[k]) and ctx.cue_verb(k, end)):
        return None
    return _previous_sentence(ctx, lo, k, end, ctx.find_speaker(k, k, end))


def _previous_sentence(ctx: QuoteContext, lo: int, v: int, end: int, ph: Phrase | None) -> Reported | None:
    toks = ctx.tokens
    p_lo, _ = ctx.sent_range(lo - 1)
    if any(m in ctx.blocked for m in range(p_lo, lo)) or ctx.line_of(toks[p_lo].start) != ctx.line_of(
        toks[lo].start
    ):
        return None
    return Reported(toks[p_lo].start, toks[lo].end, ctx.cue_span(v, end), ctx.mention(ph))


def noun(ctx: QuoteContext, lo: int, end: int) -> Reported | None:
    """ "der Vorwurf der Verteidigung, das Gericht sei nicht legitim", "die Forderung, … zu …"."""
    toks, tg = ctx.tokens, ctx.tags
    suffixes = tuple(w.lower() for w in ctx.lex.claims)
    for n in range(lo, end - 2):
        t = toks[n]
        if n in ctx.blocked or t.tag not in tg.noun:
            continue
        if not (t.lemma in ctx.lex.claims or t.text in ctx.lex.claims or t.lemma.lower().endswith(suffixes)):
            continue
        found = _claim_clause(ctx, lo, n, end)
        if found is not None:
            return _reported(ctx, found)
    return None


def _claim_clause(ctx: QuoteContext, lo: int, n: int, end: int) -> Match | None:
    """The content clause after the claim noun at n (and its attributes), set off by a comma."""
    toks, tg = ctx.tokens, ctx.tags
    c = n + 1
    while c < end and not is_comma(toks[c]) and not tg.verb(toks[c]) and c - n <= 8 and c not in ctx.blocked:
        c += 1  # "der Vorwurf der Verteidigung Saddam Husseins,"
    if c >= end - 2 or not is_comma(toks[c]) or c + 1 in ctx.blocked:
        return None
    first = toks[c + 1]
    if first.tag in tg.no_complement_start or first.text.lower() in NOT_A_COMPLEMENT:
        return None
    stop = ctx.complement_end(c + 1, end)
    window = toks[c + 1 : stop]
    konj = any(ctx.konjunktiv(w) for w in window[:10])
    zu = any(w.tag in tg.zu_marker for w in window)
    if not (
        first.text.lower() in ("dass", "daß", "ob") or (konj and first.tag not in tg.sub_or_wh_adverb) or zu
    ):
        return None
    a = n
    while a > lo and toks[a - 1].tag in tg.claim_np:
        a -= 1
    return Match(c + 1, stop, ctx.span(n, n + 1), Phrase(a, c, "claim"))
