"""Direct quotations: classify quoted stretches and find each one's frame, cue and speaker."""

from __future__ import annotations

from ..records import Mention, Quote, Span
from .context import CONTINUE_LINES, MIN_BARE_WORDS, QuoteContext
from .frames import Phrase, chunk_right, cue_verb, find_speaker, is_comma, is_finite


class DirectRules(QuoteContext):
    """Rules for quoted speech; the rule ids are listed in `finder`."""

    def direct(self, indirect: list[Quote]) -> list[Quote]:
        out: list[Quote] = []
        last: tuple[int, Mention | None] | None = None  # (line, speaker) of the previous quote
        earlier = sorted(indirect, key=lambda q: q.start)
        for (a, b), (i, j) in zip(self.spans, self.span_tokens, strict=True):
            while earlier and earlier[0].end <= a:
                q = earlier.pop(0)
                if q.speaker is not None:
                    last = (self.line_of(q.end), q.speaker)
            if j <= i:
                continue
            words = len(self.text[a + 1 : b - 1].split())
            found = self.direct_frame(i, j)
            line = self.line_of(a)
            if found is None or found[0] in ("direct-inside-subject",):
                host = next(
                    (q for q in indirect if q.start <= a and b <= q.end + 1 and q.speaker is not None), None
                )
                if host is not None:  # a partial quote inside reported speech: the reporter's speaker
                    found = ("direct-in-indirect", host.cue, host.speaker)
            if found is not None and found[0] == "direct-inside-subject" and words < MIN_BARE_WORDS:
                inner = self.text[a + 1 : b - 1]
                if words < 2 or not inner[:1].islower():
                    found = None  # a lone word or a capitalised phrase without a cue is a scare quote or name
            if found is None and words < MIN_BARE_WORDS:
                if not self.reported(i) or last is None or last[1] is None or line - last[0] > CONTINUE_LINES:
                    continue  # a short quote outside reported speech is a scare quote
                found = ("direct-reported", None, last[1])
            if found is None:
                if words < MIN_BARE_WORDS:
                    continue  # scare quote or title
                if last is not None and line - last[0] <= CONTINUE_LINES and last[1] is not None:
                    found = ("direct-continue", None, last[1])
                else:
                    found = ("direct-bare", None, None)
            rule, cue, speaker = found
            out.append(Quote(self.text[a:b], a, b, "direct", cue=cue, speaker=speaker, rule=rule))
            if speaker is not None:
                last = (self.line_of(b), speaker)
        return out

    def direct_frame(self, i: int, j: int) -> tuple[str, Span | None, Mention | None] | None:
        toks = self.tokens
        s_lo, s_hi = self.sent_range(i)
        e_lo, e_hi = self.sent_range(j - 1)
        # after: „…“, sagte X / „…“, so X / „…“, fügte er hinzu
        k = j
        hi = self.doc.sent_tokens[toks[k].sent][1] if k < len(toks) else k
        if k < len(toks) and self.line_of(toks[k].start) == self.line_of(toks[j - 1].start):
            comma = is_comma(toks[k])
            if comma:
                k += 1
            if k < len(toks) and k not in self.blocked:
                hi = self.doc.sent_tokens[toks[k].sent][1]
                ends_clause = comma or self.text[toks[j - 1].start - 1 : toks[j - 1].start] in (
                    "?",
                    "!",
                    ",",
                )  # English: „…," said X
                if ends_clause and cue_verb(toks, k, hi, self.lex) and is_finite(toks[k]):
                    ph = find_speaker(toks, k, k, hi, self.blocked)
                    return "direct-after", self.cue_span(k, hi), self.mention(ph)
                if toks[k].tag.startswith("VA(FIN)") or toks[k].tag.startswith("VM(FIN)"):
                    # „…“ wird der Franzose zitiert / „…“, hatte er gesagt
                    for v in range(k + 1, hi):
                        if v in self.blocked or toks[v].tag.startswith("$"):
                            break
                        if cue_verb(toks, v, hi, self.lex):
                            ph = find_speaker(toks, v, k, hi, self.blocked, aux=k)
                            return "direct-after", self.cue_span(v, hi), self.mention(ph)
                if toks[k].text.lower() == "so" and k + 1 < hi:
                    ph = chunk_right(toks, k + 1, hi, self.blocked)
                    if ph:
                        return "direct-after", self.span(k, k + 1), self.mention(ph)
                if comma and toks[k].text.lower() in ("wie", "as"):
                    v = self.clause_final_cue(k, hi)
                    if v is not None:  # „…“, wie die Zeitung schreibt
                        return (
                            "direct-after",
                            self.cue_span(v, hi),
                            self.mention(find_speaker(toks, v, k, hi, self.blocked)),
                        )
                ph = chunk_right(toks, k, hi, self.blocked) if comma else None
                if ph and ph.b < hi and is_finite(toks[ph.b]) and cue_verb(toks, ph.b, hi, self.lex):
                    return "direct-after", self.cue_span(ph.b, hi), self.mention(ph)  # „…“, she added
        # the next sentence points back: „…“ Das sagte X. / „…“. Dies erklärte X.
        k = j
        while k < len(toks) and toks[k].tag == "$." and k - j < 2:
            k += 1
        if (
            k + 1 < len(toks)
            and toks[k].text.lower() in ("das", "dies")
            and self.line_of(toks[k].start) == self.line_of(toks[j - 1].start)
        ):
            hi = self.doc.sent_tokens[toks[k].sent][1]
            v = k + 1
            if is_finite(toks[v]) and toks[v].tag.startswith(("VA", "VM")):
                v = next((m for m in range(hi - 1, k + 1, -1) if toks[m].tag.startswith("VV")), v)
            if cue_verb(toks, v, hi, self.lex):
                aux = k + 1 if v != k + 1 else None
                ph = find_speaker(toks, v, k, hi, self.blocked, aux=aux)
                return "direct-anaphor", self.cue_span(v, hi), self.mention(ph)
        # before: X sagte: „…“ / X sagte, „…“  (same sentence, or a frame line ending with ":")
        p = i - 1
        if p >= 0 and toks[p].text in (":", ",") and p not in self.blocked:
            lo = self.doc.sent_tokens[toks[p].sent][0]
            cues = self.cue_in(lo, p + 1, strong_only=False)
            rule = (
                "direct-frame-line"
                if self.line_of(toks[p].start) != self.line_of(toks[i].start)
                else "direct-before"
            )
            if cues:
                v = cues[-1]
                return rule, self.cue_span(v, p + 1), self.mention(self.speaker_of(v, lo, p + 1))
            if toks[p].text == ":":
                for k in range(p - 1, lo, -1):  # "…, so Elshorst weiter: „…“"
                    if toks[k].text.lower() == "so" and is_comma(toks[k - 1]):
                        ph = chunk_right(toks, k + 1, p, self.blocked)
                        if ph is not None:
                            return rule, self.span(k, k + 1), self.mention(ph)
                    if is_comma(toks[k]) or k in self.blocked:
                        break
                # a frame without a speech verb: "Hier sparte der Bundespräsident nicht mit Kritik:"
                v = self.first_finite(lo, p)
                if v is not None:
                    return (
                        rule + "-subject",
                        self.cue_span(v, p + 1),
                        self.mention(self.speaker_of(v, lo, p + 1)),
                    )
                # a bare name before the colon: "Bundesinnenminister Schäuble: „…“"
                start = lo
                while start < p and toks[start].tag in ("ADV", "KON", "APPR", "PTKNEG"):
                    start += 1
                ph = chunk_right(toks, start, p, self.blocked)
                if ph is not None and (ph.b >= p - 1 or is_comma(toks[ph.b])):
                    return rule + "-name", self.span(p, p + 1), self.mention(ph)
        # inside: partial quote in a sentence with a cue ("wurde von Rjabkow als „…“ kritisiert")
        lo, hi = min(s_lo, e_lo), max(s_hi, e_hi)
        for k in range(lo + 1, hi - 1):  # "… wegen „…“ ausgefallen, so ein Sprecher."
            if toks[k].text.lower() == "so" and k not in self.blocked and toks[k - 1].text in (",", "–", "—"):
                ph = chunk_right(toks, k + 1, hi, self.blocked)
                if ph is not None:
                    return "direct-inside", self.span(k, k + 1), self.mention(ph)
        cues = self.cue_in(lo, hi, strong_only=True) or self.cue_in(lo, hi, strong_only=False)
        if cues:
            v = min(cues, key=lambda c: abs(c - i))
            ph = self.speaker_of(v, lo, hi)
            if ph is None and v >= j:  # "was er ihre „…“ nannte": a verb-final clause around the quote
                ph = self.subject_before_quote(i, lo)
            return "direct-inside", self.cue_span(v, hi), self.mention(ph)
        src = self.source_phrase(lo, hi)
        if src:
            cue, ph, _ = src
            return "direct-source", cue, self.mention(ph)
        if self.text[self.tokens[i].start - 1 : self.tokens[i].start] not in ("\n", "") and i > lo:
            # a partial quote inside a sentence without a cue: its subject ("attackierte X als „…“")
            v = self.first_finite(lo, hi)
            if v is not None:
                ph = self.speaker_of(v, lo, hi)
                if ph is not None:
                    return "direct-inside-subject", self.cue_span(v, hi), self.mention(ph)
        return None

    def subject_before_quote(self, i: int, lo: int) -> Phrase | None:
        """The subject between a clause opener and the quote opening at token i ("was *er* ihre
        „…“ nannte", "wie *die Zeitung* „…“ schrieb"); None if no opener is near."""
        toks = self.tokens
        for k in range(i - 1, max(lo, i - 6) - 1, -1):
            if k in self.blocked or is_comma(toks[k]):
                return None
            if toks[k].tag in ("PRELS", "PWS", "KOUS"):
                return chunk_right(toks, k + 1, i, self.blocked)
        return None
