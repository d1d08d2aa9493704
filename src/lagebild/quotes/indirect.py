"""Indirect speech: reported clauses after cue verbs, source phrases, claim nouns and anaphors."""

from __future__ import annotations

from ..records import Quote
from .context import COMPLEMENT_STARTS, NO_COMPLEMENT_START, QuoteContext, is_konjunktiv_1, same_quote
from .frames import Phrase, chunk_right, cue_verb, find_speaker, is_comma, is_finite, is_verb

# STTS tags (English CLAWS5 mapped) that can open the subject of a complement clause without "that"
BARE_CLAUSE_START = {"ART", "PDAT", "PPOSAT", "PPER", "NN", "NE", "ADJ(A)", "CARD", "PIAT", "PIS", "PDS"}


class IndirectRules(QuoteContext):
    """Rules for reported speech; the rule ids are listed in `finder`."""

    def indirect(self) -> list[Quote]:
        out: list[Quote] = []
        for lo, hi in self.doc.sent_tokens:
            end = hi
            while end > lo and self.tokens[end - 1].tag in ("$.",) and self.tokens[end - 1].text != "…":
                end -= 1
            if end <= lo:
                continue
            found: list[Quote] = []
            for rule in (
                self.indirect_verb,
                self.indirect_source,
                self.indirect_quote_first,
                self.indirect_anaphor,
                self.indirect_noun,
            ):
                q = rule(lo, end)
                if q and not any(same_quote(q, other) for other in found):
                    found.append(q)
            out.extend(found)
        return out

    def indirect_verb(self, lo: int, end: int) -> Quote | None:
        """ "X erklärte, dass …", "sagte, man werde …", "Wie X mitteilte, …", "kündigte an, … zu …"."""
        toks = self.tokens
        for v in self.cue_in(lo, end, strong_only=False):
            lemma = cue_verb(toks, v, end, self.lex, False) or ""
            if v + 1 < end and toks[v + 1].text == "sich" and lemma == "bestätigen":
                continue
            subordinate = self.in_subordinate(lo, v)
            if v + 1 < end and toks[v + 1].text.lower() in ("that", "dass") and v + 1 not in self.blocked:
                ph = self.speaker_of(v, lo, v + 1)
                return self._quote(
                    v + 1, self.complement_end(v + 1, end), "indirect-verb", self.cue_span(v, v + 1), ph
                )  # "said that …"
            start = self._english_complement(v, end, lemma)
            if start is not None:
                ph = self.speaker_of(v, lo, v + 1)
                return self._quote(
                    start, self.complement_end(start, end), "indirect-verb", self.cue_span(v, v + 1), ph
                )  # "said the sanctions would remain", "said on Monday that …", "said in a statement it …"
            c = v + 1
            while (
                c < end
                and not is_comma(toks[c])
                and c not in self.blocked
                and toks[c].text not in (":", "–", "—")
            ):
                if toks[c].tag.startswith("VV") and toks[c].tag != "VV(IZU)":
                    break  # another full verb: this cue has no complement of its own
                c += 1
            if c >= end - 2 or not is_comma(toks[c]):
                continue
            first = toks[c + 1]
            low = first.text.lower()
            if (
                c + 1 in self.blocked
                or first.tag in NO_COMPLEMENT_START
                or low in ("und", "aber", "doch", "sondern", "um")
            ):
                continue
            window = toks[c + 1 : min(end, c + 10)]
            konj = any(t.text.lower() in self.lex.konjunktiv or is_konjunktiv_1(t) for t in window)
            zu = any(t.tag in ("PTKZU", "VV(IZU)", "TO") for t in toks[c + 1 : end])
            if subordinate and (is_finite(first) or not (low in COMPLEMENT_STARTS or konj)):
                continue  # "Nachdem sie den Fehler bemerkt hatten, leiteten sie …": the main clause follows
            if low in COMPLEMENT_STARTS:
                ok = True
            elif first.tag in ("KOUS",):
                ok = False
            elif lemma in self.lex.say:
                ok = konj or zu or any(is_finite(t) for t in window[:4])
            else:
                ok = konj or zu
            if not ok:
                continue
            ph = self.speaker_of(v, lo, c)
            return self._quote(
                c + 1, self.complement_end(c + 1, end), "indirect-verb", self.cue_span(v, c), ph
            )
        return None

    def indirect_noun(self, lo: int, end: int) -> Quote | None:
        """ "der Vorwurf der Verteidigung, das Gericht sei nicht legitim", "die Forderung, … zu …"."""
        toks = self.tokens
        for n in range(lo, end - 2):
            t = toks[n]
            if n in self.blocked or not t.tag.startswith("NN"):
                continue
            if not (
                t.lemma in self.lex.claims
                or t.text in self.lex.claims
                or t.lemma.lower().endswith(self._claim_suffixes)
            ):
                continue
            c = n + 1
            while (
                c < end
                and not is_comma(toks[c])
                and not is_verb(toks[c])
                and c - n <= 8
                and c not in self.blocked
            ):
                c += 1  # "der Vorwurf der Verteidigung Saddam Husseins,"
            if c >= end - 2 or not is_comma(toks[c]) or c + 1 in self.blocked:
                continue
            first = toks[c + 1]
            if first.tag in NO_COMPLEMENT_START or first.text.lower() in (
                "und",
                "aber",
                "doch",
                "sondern",
                "um",
            ):
                continue
            stop = self.complement_end(c + 1, end)
            window = toks[c + 1 : stop]
            konj = any(w.text.lower() in self.lex.konjunktiv or is_konjunktiv_1(w) for w in window[:10])
            zu = any(w.tag in ("PTKZU", "VV(IZU)") for w in window)
            if not (
                first.text.lower() in ("dass", "daß", "ob")
                or (konj and first.tag not in ("KOUS", "PWAV"))
                or zu
            ):
                continue
            a = n
            while a > lo and toks[a - 1].tag in ("ART", "ADJ(A)", "PPOSAT", "PIAT", "PDAT"):
                a -= 1
            return self._quote(c + 1, stop, "indirect-noun", self.span(n, n + 1), Phrase(a, c, "claim"))
        return None

    @property
    def _claim_suffixes(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in self.lex.claims)

    def indirect_quote_first(self, lo: int, end: int) -> Quote | None:
        """ "…, sagte X.", "…, teilte die Polizei mit.", "…, so X.", "…, hieß es."."""
        toks = self.tokens
        if end < len(toks) and toks[end].text == ":":
            return None  # "Auf die Frage, …, antwortete er:" frames the quote on the next line
        for c in range(lo + 3, end - 1):
            if not (is_comma(toks[c]) or toks[c].text in ("–", "—", "(")) or c in self.blocked:
                continue
            if sum(k in self.blocked for k in range(lo, c)) > 0.5 * (c - lo):
                return None
            k = c + 1
            first = toks[lo]
            has_finite = any(is_finite(toks[m]) for m in range(lo, c) if m not in self.blocked)
            if toks[k].text.lower() == "so" and k + 1 < end and has_finite:
                ph = (
                    chunk_right(toks, k + 1, end, self.blocked)
                    if not cue_verb(toks, k + 1, end, self.lex)
                    else None
                )
                if ph is not None:
                    b = ph.b
                    while b < end and toks[b].text.lower() in ("weiter", "zufolge", "nach"):
                        b += 1
                    if b < end - 2 and toks[b].text in (
                        ",",
                        "–",
                        "—",
                        ")",
                    ):  # "Der Präsident sei, so X, schuld"
                        return self._quote(lo, end, "indirect-so", self.span(k, k + 1), ph)
            if not is_comma(toks[c]):
                continue
            if first.tag in ("KOUS", "PWAV", "PRELS") or not has_finite:
                continue
            if toks[k].text.lower() == "so" and k + 1 < end:
                if cue_verb(toks, k + 1, end, self.lex):
                    k += 1  # "…, so bestätigt das Gericht."
                else:
                    ph = chunk_right(toks, k + 1, end, self.blocked)
                    if ph and (
                        ph.b >= end - 2
                        or toks[ph.b].text in (":", ",")
                        or toks[k + 1].tag in ("ART", "NE", "NN")
                    ):
                        if is_comma(toks[ph.b]) and ph.b < end - 2:  # "Der Präsident sei, so X, schuld daran"
                            return self._quote(lo, end, "indirect-so", self.span(k, k + 1), ph)
                        return self._quote(lo, c, "indirect-so", self.span(k, k + 1), ph)
                    continue
            if toks[k].text.lower() in ("wie", "as") and k + 2 < end:
                v = self.clause_final_cue(k, end)
                if v is not None:  # "…, wie sein Anwalt mitteilte."
                    ph = find_speaker(toks, v, k, end, self.blocked)
                    return self._quote(lo, c, "indirect-quote-first", self.cue_span(v, end), ph)
                continue
            if self.doc.language == "en":  # "…, the central bank said on Monday."
                ph = chunk_right(toks, k, end, self.blocked)
                v = ph.b if ph is not None else end
                if v < end and is_finite(toks[v]) and cue_verb(toks, v, end, self.lex) and end - v <= 6:
                    return self._quote(lo, c, "indirect-quote-first", self.cue_span(v, end), ph)
            if not ((is_finite(toks[k]) or toks[k].tag == "VV(PP)") and cue_verb(toks, k, end, self.lex)):
                continue
            if toks[k].lemma == "heißen" and k + 1 < end and toks[k + 1].text == "es":
                return self._quote(lo, c, "indirect-quote-first", self.span(k, k + 2), None)  # "…, hieß es."
            ph = find_speaker(toks, k, k, end, self.blocked)
            if ph is None or ph.a < k:
                continue
            tail = [t for t in toks[ph.b : end] if t.tag != "PTKVZ"]
            if len(tail) > 6 and tail[0].tag not in ("APPR", "APPRART", "$,", "ADV"):
                continue
            return self._quote(lo, c, "indirect-quote-first", self.cue_span(k, end), ph)
        return None

    def indirect_anaphor(self, lo: int, end: int) -> Quote | None:
        """ "S. Das bestätigte X." — the previous sentence is the content, "Das"/"Dies" points back to it."""
        toks = self.tokens
        if end - lo < 3 or toks[lo].text.lower() not in ("das", "dies", "this", "that") or lo == 0:
            return None
        k = lo + 1
        if is_finite(toks[k]) and toks[k].tag.startswith(("VA", "VM")):
            v = next((m for m in range(end - 1, k, -1) if toks[m].tag.startswith("VV")), None)
            if v is None or not cue_verb(toks, v, end, self.lex):
                return None
            ph = find_speaker(toks, v, k, end, self.blocked, aux=k)
            return self._anaphor(lo, v, end, ph)
        if not (is_finite(toks[k]) and cue_verb(toks, k, end, self.lex)):
            return None
        return self._anaphor(lo, k, end, find_speaker(toks, k, k, end, self.blocked))

    def _anaphor(self, lo: int, v: int, end: int, ph: Phrase | None) -> Quote | None:
        toks = self.tokens
        p_lo, _ = self.sent_range(lo - 1)
        if any(m in self.blocked for m in range(p_lo, lo)) or self.line_of(toks[p_lo].start) != self.line_of(
            toks[lo].start
        ):
            return None
        a, b = toks[p_lo].start, toks[lo].end
        return Quote(
            self.text[a:b],
            a,
            b,
            "indirect",
            cue=self.cue_span(v, end),
            speaker=self.mention(ph),
            rule="indirect-anaphor",
        )

    def _english_complement(self, v: int, end: int, lemma: str) -> int | None:
        """Start of the clause an English speech verb reports, after at most one prepositional phrase
        ("said on Monday that …", "said in a statement it was ready"), with or without "that"
        ("said the sanctions would remain"); None if none follows. A clause without "that" needs a
        noun phrase, then its finite verb. Verbs like "tell" take their object first ("told
        reporters the border would reopen")."""
        toks = self.tokens
        if self.doc.language != "en" or not cue_verb(toks, v, end, self.lex, True):
            return None
        k = v + 1
        if lemma in self.lex.object_first and k < end and k not in self.blocked:
            obj = chunk_right(toks, k, end, self.blocked)  # "told reporters (on Monday) that …"
            k = obj.b if obj is not None else k
        if k < end and toks[k].tag in ("APPR", "APPRART") and k not in self.blocked:
            pp = chunk_right(toks, k + 1, end, self.blocked)
            k = pp.b if pp is not None else k
        if k >= end or k in self.blocked:
            return None
        if toks[k].text.lower() == "that":
            return k  # (an adjacent "that" has been taken by the rule before this one)
        if k + 1 >= end or toks[k].tag not in BARE_CLAUSE_START:
            return None
        for m in range(k + 1, min(end, k + 7)):
            if m in self.blocked or toks[m].tag.startswith("$"):
                return None
            if is_finite(toks[m]):
                return k
        return None

    def indirect_source(self, lo: int, end: int) -> Quote | None:
        src = self.source_phrase(lo, end)
        if not src:
            return None
        cue, ph, (a, b) = src
        if a - lo <= 1:
            return self._quote(b, end, "indirect-source", cue, ph)
        cl, ce = self.clause_around(lo, end, a, b)
        left, right = a - cl, ce - b
        if left <= 1:  # phrase opens the clause: the rest is the reported content
            return self._quote(b, ce, "indirect-source", cue, ph)
        if right <= 1:
            return self._quote(cl, a, "indirect-source", cue, ph)
        phrase_chars = self.tokens[b - 1].end - self.tokens[a].start
        whole = self.tokens[ce - 1].end - self.tokens[cl].start
        if phrase_chars <= 0.5 * whole:
            return self._quote(cl, ce, "indirect-source", cue, ph)
        return (
            self._quote(cl, a, "indirect-source", cue, ph)
            if left >= right
            else self._quote(b, ce, "indirect-source", cue, ph)
        )
