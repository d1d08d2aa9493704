"""Shared state of the quote rules: the token layer, quoted stretches (speech vs. names) and helpers."""

from __future__ import annotations

import bisect

from ..records import Doc, Mention, Quote, Span, Token
from .frames import (
    NOT_SUBJECT_START,
    Phrase,
    chunk_right,
    cue_verb,
    find_speaker,
    finite_aux,
    is_comma,
    is_finite,
    particle_end,
)
from .lexicon import Lexicon, english_tags, lexicon, marks
from .marks import quoted_spans
from .resolve import attach_actor

MIN_BARE_WORDS = 4  # a quote without any cue must be at least this long to count as speech
CONTINUE_LINES = 3  # an un-cued quote continues the speaker of a quote at most this many lines back
MAX_NAME_WORDS = 12
NP_TAGS = {"ART", "ADJ(A)", "NN", "NE", "NNA", "PPOSAT", "PIAT", "CARD", "XY", "FM"}
NP_START = {"ART", "ADJ(A)", "NN", "NE", "NNA", "PPOSAT", "PIAT", "CARD"}
NAME_CONTEXT = {"NN", "NE", "APPRART", "CARD", "NNP"}
NAMING_WORDS = {
    "genannt",
    "bezeichnet",
    "sogenannte",
    "sogenannten",
    "sogenannter",
    "genannten",
    "heißt",
    "called",
}
EXTRA_NAME_CONTEXT = {"PPOSAT"}
DEFINITE = {"der", "die", "das", "des", "dem", "den", "the"}
NO_COMPLEMENT_START = {"PRELS", "PRELAT", "KOUI", "$(", "XY"}
COMPLEMENT_STARTS = {"dass", "daß", "ob", "that", "wonach"}


def as_stts(tokens: list[Token]) -> list[Token]:
    """English tokens with their CLAWS5 tags mapped to STTS (punctuation by its text)."""
    table = english_tags()
    out = []
    for t in tokens:
        tag = table.get(t.tag, t.tag)
        if t.tag == "PUN":
            tag = "$," if t.text == "," else "$."
        out.append(Token(t.text, t.start, t.end, tag, t.lemma, t.sent))
    return out


def same_quote(a: Quote, b: Quote) -> bool:
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared >= 0.5 * max(a.end - a.start, b.end - b.start)


def is_konjunktiv_1(t: Token) -> bool:
    """Regular Konjunktiv I, 3rd person singular: finite full verb in -e ("trage", "gebe", "stehe")."""
    return t.tag == "VV(FIN)" and t.text.endswith("e") and not t.text.endswith("ie") and len(t.text) > 3


class QuoteContext:
    """One document prepared for the quote rules: tokens (English mapped to STTS), quoted spans, lines."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.tokens: list[Token] = doc.tokens if doc.language == "de" else as_stts(doc.tokens)
        self.lex: Lexicon = lexicon(doc.language)
        self.starts = [t.start for t in self.tokens]
        self.qchars = marks().all
        self.blocked: set[int] = set()
        self.spans: list[tuple[int, int]] = []
        self.span_tokens: list[tuple[int, int]] = []
        last_name_end: int | None = None
        for a, b in quoted_spans(self.text):
            i = bisect.bisect_left(self.starts, a)
            j = bisect.bisect_left(self.starts, b)
            if self.text.startswith("''", a):
                continue  # wiki markup, not a quotation mark
            words = len(self.text[a + 1 : b - 1].split())
            listed = (  # „Parchin“ und „Lavisan II“: a quote listed right after a name is a name too
                last_name_end is not None
                and a - last_name_end < 12
                and self.text[last_name_end:a].strip(" ,") in ("", "und", "oder", "sowie", "and", "or")
            )
            if words <= MAX_NAME_WORDS and (
                listed or self.looks_like_name(a, b, i) or self.foreign_term(i, j, words)
            ):
                last_name_end = b
                continue  # a title, name or foreign term in quotes is part of the sentence, not speech
            self.spans.append((a, b))
            self.span_tokens.append((i, j))
            self.blocked.update(range(i, j))
        self.sent_of = [t.sent for t in self.tokens]
        self.line_starts = [0] + [k + 1 for k, c in enumerate(self.text) if c == "\n"]

    def sent_range(self, i: int) -> tuple[int, int]:
        return self.doc.sent_tokens[self.sent_of[i]]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    def mention(self, ph: Phrase | None) -> Mention | None:
        if ph is None:
            return None
        a, b = self.tokens[ph.a].start, self.tokens[ph.b - 1].end
        return Mention(self.text[a:b], a, b, attach_actor(self.doc, a, b))

    def span(self, i: int, j: int) -> Span:
        a, b = self.tokens[i].start, self.tokens[j - 1].end
        return Span(self.text[a:b], a, b)

    def cue_in(self, lo: int, hi: int, strong_only: bool = True) -> list[int]:
        """Cue verb token indices in [lo, hi) outside quotes."""
        out = []
        for k in range(lo, hi):
            if k not in self.blocked and cue_verb(self.tokens, k, hi, self.lex, strong_only):
                out.append(k)
        return out

    def speaker_of(self, v: int, lo: int, hi: int) -> Phrase | None:
        aux = finite_aux(self.tokens, v, lo, self.blocked)
        return find_speaker(self.tokens, v, lo, hi, self.blocked, aux)

    def cue_span(self, v: int, hi: int) -> Span:
        return self.span(v, particle_end(self.tokens, v, hi))

    def foreign_term(self, i: int, j: int, words: int) -> bool:
        """A short quote the tagger reads as foreign material ("in dubio pro reo", "running mate")."""
        if self.doc.language != "de" or words > 4:
            return False
        inner = [t for t in self.tokens[i + 1 : j - 1] if t.text[:1].isalpha()]
        return (
            bool(inner)
            and sum(t.tag == "FM" for t in inner) * 2 >= len(inner)
            and inner[-1].text[-1:] not in ".!?"
        )

    def looks_like_name(self, a: int, b: int, i: int) -> bool:
        """A short capitalised quote after an article or noun is a title or name ("die „Berliner Zeitung“")."""
        inner = self.text[a + 1 : b - 1].strip()
        words = inner.split()
        if inner[-1:] == ",":
            return False  # English speech: "This is a turning point," said X
        if inner[-1:] not in ".!?" and any(w[1:] != w[1:].lower() and w[1:].isalpha() for w in words[:2]):
            return True  # „iPod nano“, „YouTube“
        if not inner[:1].isupper() and not inner[:1].isdigit():
            return False
        if inner[-1:] in ".!?":
            return False
        if (
            self.text[b : b + 3].lstrip()[:1] == "("
            or self.text[max(0, a - 2) : a].strip() == "("
            or self.text[b : b + 1] == ")"
        ):
            return True  # „Staphylococcus Aureus“ (MRSA), (Codename: „Maelstrom“)
        if any(c.isdigit() for c in inner) or any(w[1:] != w[1:].lower() and w[1:].isalpha() for w in words):
            return True  # „Muslix64“, „YouTube“, „HD 13189“
        if len(words) >= 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
            return True  # Title Case: „Van Helsing“, „BBC News“
        j = bisect.bisect_left(self.starts, b)
        if (
            j < len(self.tokens)
            and is_finite(self.tokens[j])
            and self.tokens[j].start == b + 1 - 1 + (self.text[b : b + 1] == " ")
        ):
            return True  # the quoted name is the subject: „BBC News“ berichtet
        nxt = self.text[b : b + 1]
        if nxt == "-":
            return True  # „Bild“-Zeitung
        after = self.text[b : b + 14].split()
        if after and after[0].strip(",.;)") in NAMING_WORDS:
            return True  # „Bonus View“ genannt
        prev = self.tokens[i - 1] if i > 0 else None
        if prev is None or prev.sent != self.tokens[i].sent:
            return False
        if prev.tag in NAME_CONTEXT | EXTRA_NAME_CONTEXT or prev.text.lower() in DEFINITE | NAMING_WORDS | {
            "laut",
            "gemäß",
            "(",
            "kurz",
        }:
            return True
        # „Parchin“ und „Lavisan II“
        return prev.tag in ("KON", "CC") and i >= 2 and self.tokens[i - 2].text in self.qchars

    def reported(self, i: int) -> bool:
        """Is token i in a sentence of reported speech (a Konjunktiv verb outside quotes)?"""
        lo, hi = self.sent_range(i)
        return any(
            k not in self.blocked
            and (self.tokens[k].text.lower() in self.lex.konjunktiv or is_konjunktiv_1(self.tokens[k]))
            for k in range(lo, hi)
        )

    def clause_final_cue(self, k: int, end: int) -> int | None:
        """The cue verb closing the clause that starts at token k ("wie X mitteilte", "wie X berichtet hatte")."""
        toks = self.tokens
        e = k + 1
        while e < end and not (is_comma(toks[e]) or toks[e].tag == "$." or e in self.blocked):
            e += 1
        for v in range(e - 1, k, -1):
            if toks[v].tag.startswith(("VA", "VM")) or toks[v].tag == "PTKVZ":
                continue
            return v if cue_verb(toks, v, end, self.lex) else None
        return None

    def first_finite(self, lo: int, hi: int) -> int | None:
        for k in range(lo, hi):
            if k not in self.blocked and is_finite(self.tokens[k]):
                return k
        return None

    def _quote(self, i: int, j: int, rule: str, cue: Span, ph: Phrase | None) -> Quote | None:
        while j > i and self.tokens[j - 1].text in (",", ";", ":", "-", "–"):
            j -= 1
        while i < j and self.tokens[i].text in (",", ";", ":", "-", "–"):
            i += 1
        if j - i < 3:
            return None
        a, b = self.tokens[i].start, self.tokens[j - 1].end
        inside = sum(1 for k in range(i, j) if k in self.blocked)
        if inside > 0.8 * (j - i):
            return None  # mostly a direct quote: reported by the direct rules
        return Quote(self.text[a:b], a, b, "indirect", cue=cue, speaker=self.mention(ph), rule=rule)

    def complement_end(self, i: int, end: int) -> int:
        """Where a reported clause stops: at ":" or at "und"/"aber" + a finite verb (a new main clause)."""
        toks = self.tokens
        for k in range(i + 2, end):
            if k in self.blocked:
                continue
            if toks[k].text in (":", ";"):
                return k
            if (
                toks[k].text.lower() in ("und", "aber", "and")
                and k + 1 < end
                and is_finite(toks[k + 1])
                and k + 1 not in self.blocked
            ):
                return k
            if (
                is_comma(toks[k])
                and k + 1 < end
                and is_finite(toks[k + 1])
                and toks[k + 1].tag.startswith(("VA", "VV"))
            ):
                return k  # "…, haben sich viele Stimmen …": the main clause after a fronted subordinate one
        return end

    def in_subordinate(self, lo: int, v: int) -> bool:
        """Is token v inside a subordinate or relative clause other than "wie X mitteilte"?"""
        for k in range(v - 1, lo - 1, -1):
            t = self.tokens[k]
            if t.tag in ("KOUS", "PRELS", "PRELAT", "PWS"):
                return t.text.lower() not in ("wie", "as")
            if t.tag == "PWAV":
                return t.text.lower() not in ("wie",)
            if is_comma(t) or t.text in (":", ";"):
                return False
        return False

    def source_phrase(self, lo: int, end: int) -> tuple[Span, Phrase | None, tuple[int, int]] | None:
        """ "laut X", "nach Angaben (von) X", "X zufolge", "gemäß X", "demnach", "according to X"."""
        toks = self.tokens
        for k in range(lo, end):
            if k in self.blocked:
                continue
            t = toks[k]
            low = t.text.lower()
            if low == "wonach" or (
                low in ("nach", "laut", "gemäß") and k + 1 < end and toks[k + 1].tag in ("PRELS", "PWS")
            ):
                b = k + 1 if low == "wonach" else k + 2
                source = Phrase(b - 1, b, "source")
                if k - 1 > lo and is_comma(toks[k - 1]):
                    # the antecedent speaks: "Spekulationen, wonach …", "Bestimmungen, laut denen …"
                    source = self.phrase_before(lo, k - 1) or source
                return self.span(k, k + 1), source, (k, b)
            if low in ("laut", "gemäß") and t.tag in ("APPR", "ADJ(D)", "ADV") and k + 1 < end:
                ph = chunk_right(toks, k + 1, end, self.blocked)
                if ph is None and k + 1 not in self.blocked and not toks[k + 1].tag.startswith(("V", "$")):
                    ph = Phrase(
                        k + 1, k + 2, "source"
                    )  # an unknown word the tagger missed: "laut bildblog.de"
                if ph:
                    return self.span(k, k + 1), ph, (k, ph.b)
            if low == "according" and k + 2 < end and toks[k + 1].text.lower() == "to":
                ph = chunk_right(toks, k + 2, end, self.blocked)
                if ph:
                    return self.span(k, k + 2), ph, (k, ph.b)
            if (
                low == "nach"
                and k > lo
                and t.tag in ("APPO", "ADV", "PTKVZ")
                and self.lex.is_source_noun(toks[k - 1].text, toks[k - 1].lemma)
            ):
                a = k - 1
                while a > lo and toks[a - 1].tag in ("PPOSAT", "ART", "ADJ(A)", "PIAT"):
                    a -= 1
                return self.span(k, k + 1), Phrase(a, k, "source"), (a, k + 1)  # "Seiner Meinung nach"
            if low == "nach" and k + 1 < end:
                n = k + 1
                while n < end and toks[n].tag in (
                    "ADJ(A)",
                    "ART",
                    "PPOSAT",
                    "PIAT",
                    "ADJA",
                    "PDAT",
                    "PRELAT",
                    "PDS",
                    "NE",
                ):
                    n += 1
                if (
                    n < end
                    and toks[n].tag.startswith("NN")
                    and self.lex.is_source_noun(toks[n].text, toks[n].lemma)
                ):
                    ph = chunk_right(toks, k + 1, end, self.blocked)
                    b = ph.b if ph else n + 1
                    if n + 2 < end and toks[n + 1].text.lower() in ("von", "vom", "aus"):
                        sub = chunk_right(toks, n + 2, end, self.blocked)
                        if sub:
                            b = sub.b
                    return self.span(k, k + 1), Phrase(k + 1, b, "source"), (k, b)
            if low == "zufolge" and k > lo:
                a = k - 1
                while (
                    a > lo
                    and toks[a - 1].tag in ("ART", "ADJ(A)", "NN", "NE", "PPOSAT", "NNA")
                    and toks[a - 1].text.lower() not in NOT_SUBJECT_START - {"dem", "den"}
                ):
                    a -= 1
                return self.span(k, k + 1), Phrase(a, k, "source"), (a, k + 1)
            if low in self.lex.advs and t.tag in ("PAV", "PROAV", "ADV"):
                return self.span(k, k + 1), Phrase(k, k + 1, "source"), (k, k + 1)
            if low in self.lex.anaphoric and k == lo and lo > 0 and self.names_source(lo - 1):
                return self.span(k, k + 1), Phrase(k, k + 1, "source"), (k, k + 1)
            if low == "vernehmen" and k + 1 < end and toks[k + 1].text.lower() == "nach":
                return self.span(k, k + 2), Phrase(max(lo, k - 1), k + 1, "source"), (max(lo, k - 1), k + 2)
        return None

    def phrase_before(self, lo: int, k: int) -> Phrase | None:
        """The noun phrase ending right before token k (the antecedent of "…, wonach")."""
        a = k
        while a > lo and self.tokens[a - 1].tag in NP_TAGS and a - 1 not in self.blocked:
            a -= 1
        while a < k and self.tokens[a].tag not in NP_START:
            a += 1
        return (
            Phrase(a, k, "source")
            if a < k and any(self.tokens[m].tag.startswith("N") for m in range(a, k))
            else None
        )

    def names_source(self, i: int) -> bool:
        """Does the sentence holding token i mention a source (a cue verb or a source/claim noun)?"""
        lo, hi = self.sent_range(i)
        toks = self.tokens
        return any(
            cue_verb(toks, k, hi, self.lex)
            or (
                toks[k].tag.startswith("NN")
                and (self.lex.is_source_noun(toks[k].text, toks[k].lemma) or toks[k].lemma in self.lex.claims)
            )
            or toks[k].lemma.startswith("veröffentlich")
            for k in range(lo, hi)
            if k not in self.blocked
        )

    def clause_around(self, lo: int, end: int, a: int, b: int) -> tuple[int, int]:
        """The clause (between ":" / ";" / a comma before a conjunction or relative) holding [a, b)."""
        toks = self.tokens

        def boundary(k: int, left: bool) -> bool:
            t = toks[k]
            if t.text in (":", ";") or (k in self.blocked and t.text in self.qchars):
                return True
            # a relative clause after the phrase still belongs to the reported content
            tags = ("KOUS", "PRELS", "PRELAT", "KON", "PWAV") if left else ("KOUS", "KON", "PWAV")
            return is_comma(t) and k + 1 < end and toks[k + 1].tag in tags

        cl = a
        while cl > lo and not boundary(cl - 1, True):
            cl -= 1
        ce = b
        while ce < end and not boundary(ce, False):
            ce += 1
        if cl > lo and toks[cl].tag in ("KOUS", "KON", "PWAV"):
            cl += 1 if toks[cl].tag != "KOUS" else 0
        return cl, ce
