"""One document prepared for the quote rules: the token layer, quoted stretches (speech vs. names), helpers."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from ..records import Doc, Mention, Quote, Span, Token
from .frames import Frames, Phrase, is_comma
from .lexicon import lexicon, marks
from .marks import quoted_spans
from .resolve import attach_actor
from .speakers import find_speaker
from .tagsets import quote_tags

MAX_NAME_WORDS = 12
NAMING_WORDS = frozenset(
    {
        "genannt",
        "bezeichnet",
        "sogenannte",
        "sogenannten",
        "sogenannter",
        "genannten",
        "heißt",
        "called",
    }
)
DEFINITE = frozenset({"der", "die", "das", "des", "dem", "den", "the"})
NAME_PRECEDERS = DEFINITE | NAMING_WORDS | {"laut", "gemäß", "(", "kurz"}
AS_WORDS = frozenset({"als", "as"})  # "bezeichnete es als „Fest“": what someone called something
COMPLEMENT_STARTS = frozenset({"dass", "daß", "ob", "that", "wonach"})
KONJUNKTIV_1_IN_E = "konjunktiv-1-in-e"  # an optional pattern (lang/<code>/quotes/patterns.tsv)


def _joined_by_name(between: str) -> bool:
    """ "„Der Fänger im Roggen“ von J.D. Salinger, „Die Früchte des Zorns“": an author between two titles."""
    words = between.strip(" ,").split()
    return 1 < len(words) <= 5 and words[0] in ("von", "by") and between.rstrip().endswith(",")


@dataclass
class Reported:
    """What an indirect rule found: the reported content (character offsets), its cue and speaker."""

    start: int
    end: int
    cue: Span | None
    speaker: Mention | None
    kind: str = "indirect"  # "direct" for the speaker's own wording without marks (decided by form)


def same_quote(a: Quote, b: Quote) -> bool:
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared >= 0.5 * max(a.end - a.start, b.end - b.start)


class QuoteContext(Frames):
    """One document for the quote rules: its tokens, quoted spans (speech, not names) and lines."""

    def __init__(self, doc: Doc) -> None:
        super().__init__(doc.tokens, quote_tags(doc.language), lexicon(doc.language))
        self.doc = doc
        self.text = doc.text
        self.starts = [t.start for t in self.tokens]
        self.qchars = marks().all
        self.spans: list[tuple[int, int]] = []
        self.span_tokens: list[tuple[int, int]] = []
        self.memo: dict[tuple, object] = {}  # results shared by rules over the same sentence
        self.sent_of = [t.sent for t in self.tokens]
        self._find_speech()
        self.line_starts = [0] + [k + 1 for k, c in enumerate(self.text) if c == "\n"]

    def _find_speech(self) -> None:
        """Keep the quoted stretches that are speech; a title, name, term or foreign phrase in quotes is
        part of its sentence. Tokens inside speech are `blocked` for the frame grammar."""
        last_name_end: int | None = None
        spans = [(a, b) for a, b in quoted_spans(self.text) if not self.text.startswith("''", a)]
        listed_titles = self._listed_titles(spans)
        for a, b in spans:
            i = bisect.bisect_left(self.starts, a)
            j = bisect.bisect_left(self.starts, b)
            words = len(self.text[a + 1 : b - 1].split())
            listed = (  # „Parchin“ und „Lavisan II“: a quote listed right after a name is a name too
                last_name_end is not None
                and a - last_name_end < 12
                and self.text[last_name_end:a].strip(" ,") in ("", "und", "oder", "sowie", "and", "or")
            )
            if words <= MAX_NAME_WORDS and (
                listed
                or (a, b) in listed_titles
                or self.looks_like_name(a, b, i)
                or self.foreign_term(i, j, words)
                or self.term(i, j)
            ):
                last_name_end = b
                continue
            self.spans.append((a, b))
            self.span_tokens.append((i, j))
            self.blocked.update(range(i, j))

    def _listed_titles(self, spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
        """Capitalised quotes without a verb listed together („Der Fänger im Roggen“, „Die Früchte des Zorns“ oder
        „…“) are titles or slogans named, not speech."""
        out: set[tuple[int, int]] = set()
        for (a, b), (c, d) in itertools.pairwise(spans):
            between = self.text[b:c]
            joined = len(between) <= 40 and between.strip(" ,") in ("", "und", "oder", "sowie", "and", "or")
            if not joined and not _joined_by_name(between):
                continue
            if self._verbless(a, b) and self._verbless(c, d):
                out.update({(a, b), (c, d)})
        return out

    def _verbless(self, a: int, b: int) -> bool:
        i, j = bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b)
        inner = self.tokens[i:j]
        return (
            self.text[a + 1 : a + 2].isupper()
            and not any(self.tags.verb(t) for t in inner)
            and self.text[b - 2 : b - 1] not in ".!?"
        )

    def term(self, i: int, j: int) -> bool:
        """A lone quoted noun is a term, not speech ("von „Kapitalismuskritik“"), unless a naming verb
        or "als" frames it as what someone called something ("nannte es einen „Militärputsch“")."""
        inner = [k for k in range(i, j) if self.tokens[k].text[:1].isalnum()]
        if len(inner) != 1 or self.tokens[inner[0]].tag not in self.tags.noun_or_name:
            return False
        if i > 0 and (
            self.tokens[i - 1].tag in self.tags.view.comparison or self.tokens[i - 1].text in AS_WORDS
        ):
            return False
        lo, hi = self.sent_range(i)
        return not any(
            self.verb_lemma(k, hi) in self.lex.naming for k in range(lo, hi) if self.tags.verb(self.tokens[k])
        )

    # ----- positions

    def sent_range(self, i: int) -> tuple[int, int]:
        return self.doc.sent_tokens[self.sent_of[i]]

    def token_range(self, a: int, b: int) -> tuple[int, int]:
        """The tokens [i, j) covering the characters [a, b)."""
        return bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b)

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

    # ----- cues and speakers

    def cue_in(self, lo: int, hi: int, strong_only: bool = True) -> list[int]:
        """Cue verb token indices in [lo, hi) outside quotes."""
        return [k for k in range(lo, hi) if k not in self.blocked and self.cue_verb(k, hi, strong_only)]

    def find_speaker(self, v: int, start: int, end: int, aux: int | None = None) -> Phrase | None:
        """The speaker phrase of the cue verb at token v in [start, end) (`speakers.SPEAKER_RULES`)."""
        return find_speaker(self, v, start, end, aux)

    def speaker_of(self, v: int, lo: int, hi: int) -> Phrase | None:
        return self.find_speaker(v, lo, hi, self.finite_aux(v, lo))

    def cue_span(self, v: int, hi: int) -> Span:
        return self.span(v, self.particle_end(v, hi))

    def first_finite(self, lo: int, hi: int) -> int | None:
        for k in range(lo, hi):
            if k not in self.blocked and self.tags.finite(self.tokens[k]):
                return k
        return None

    def clause_final_cue(self, k: int, end: int) -> int | None:
        """The cue verb closing the clause that starts at token k ("wie X mitteilte", "wie X berichtet hatte")."""
        toks, tg = self.tokens, self.tags
        e = k + 1
        while e < end and not (is_comma(toks[e]) or tg.sent_punct(toks[e]) or e in self.blocked):
            e += 1
        for v in range(e - 1, k, -1):
            if tg.aux_or_modal(toks[v]) or tg.particle(toks[v]):
                continue
            return v if self.cue_verb(v, end) else None
        return None

    def in_subordinate(self, lo: int, v: int) -> bool:
        """Is token v inside a subordinate or relative clause other than "wie X mitteilte"?"""
        for k in range(v - 1, lo - 1, -1):
            t = self.tokens[k]
            if t.tag in self.tags.subordinating:
                return t.text.lower() not in ("wie", "as")
            if t.tag in self.tags.view.wh_adverb:
                return t.text.lower() not in ("wie",)
            if is_comma(t) or t.text in (":", ";"):
                return False
        return False

    # ----- names versus speech

    def foreign_term(self, i: int, j: int, words: int) -> bool:
        """A short quote the tagger reads as foreign material ("in dubio pro reo", "running mate")."""
        if words > 4:
            return False
        inner = [t for t in self.tokens[i + 1 : j - 1] if t.text[:1].isalpha()]
        return (
            bool(inner)
            and sum(t.tag in self.tags.view.foreign for t in inner) * 2 >= len(inner)
            and inner[-1].text[-1:] not in ".!?"
        )

    def looks_like_name(self, a: int, b: int, i: int) -> bool:
        """A short capitalised quote after an article or noun is a title or name ("die „Berliner Zeitung“")."""
        inner = self.text[a + 1 : b - 1].strip()
        words = inner.split()
        if inner[-1:] == ",":
            return False  # English speech: "This is a turning point," said X
        if len(words) <= 4 and a > 0 and self.text[a - 1] in "([" and self.text[b : b + 1] in (")", "]"):
            return True  # a gloss in brackets: Operation „Cast Lead“ („gegossenes Blei“)
        if len(words) == 1 and "." in inner.strip(".") and inner[-1:] not in ".!?":
            return True  # a web address: laut „tagesschau.de“
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
        return self._named_by_context(a, b, i)

    def _named_by_context(self, a: int, b: int, i: int) -> bool:
        """The words around a short capitalised quote make it a name: „BBC News“ berichtet,
        „Bild“-Zeitung, „Bonus View“ genannt, die „Berliner Zeitung“, „Parchin“ und „Lavisan II“."""
        j = bisect.bisect_left(self.starts, b)
        if (
            j < len(self.tokens)
            and self.tags.finite(self.tokens[j])
            and self.tokens[j].start == b + 1 - 1 + (self.text[b : b + 1] == " ")
        ):
            return True  # the quoted name is the subject
        if self.text[b : b + 1] == "-":
            return True
        after = self.text[b : b + 14].split()
        if after and after[0].strip(",.;)") in NAMING_WORDS:
            return True
        prev = self.tokens[i - 1] if i > 0 else None
        if prev is None or prev.sent != self.tokens[i].sent:
            return False
        if prev.tag in self.tags.name_context or prev.text.lower() in NAME_PRECEDERS:
            return True
        return prev.tag in self.tags.view.conj and i >= 2 and self.tokens[i - 2].text in self.qchars

    # ----- reported speech

    def konjunktiv(self, t: Token) -> bool:
        """A verb form that marks reported speech: a listed Konjunktiv form (konjunktiv.tsv) or, in a
        language declaring `konjunktiv-1-in-e`, a regular Konjunktiv I (3rd person singular of a finite
        full verb in -e: "trage", "gebe", "stehe")."""
        return t.text.lower() in self.lex.konjunktiv or (
            KONJUNKTIV_1_IN_E in self.lex.patterns
            and self.tags.full_finite(t)
            and t.text.endswith("e")
            and not t.text.endswith("ie")
            and len(t.text) > 3
        )

    def konjunktiv_1(self, t: Token) -> bool:
        """A Konjunktiv I form, which marks reported speech even without a cue: a listed form of mood 1
        (konjunktiv.tsv) or the regular 3rd person singular in -e (`konjunktiv-1-in-e`)."""
        low = t.text.lower()
        if low in self.lex.konjunktiv:
            return low in self.lex.konjunktiv_1
        lem = (t.lemma or "").lower()
        stem_t = lem.endswith(("ten", "den")) and low == lem[:-1]  # "arbeite", "melde": not "setzte"
        return self.konjunktiv(t) and (stem_t or not low.endswith("te"))  # "setzte": the past tense

    def verbatim(self, i: int, j: int) -> bool:
        """Is the content [i, j) the speaker's own wording: a word of the first or second person outside
        quotation marks (verbatim.tsv; a capitalised entry such as the formal "Sie" only capitalised and
        not opening the content) and no Konjunktiv I?"""
        words = self.lex.verbatim
        person = False
        for k in range(i, j):
            if k in self.blocked:
                continue
            t = self.tokens[k]
            if self.konjunktiv_1(t):
                return False
            low = t.text.lower()
            if low in words or (t.text in words and (len(t.text) == 1 or k != i)):
                person = True
        return person

    def reported(self, i: int) -> bool:
        """Is token i in a sentence of reported speech (a Konjunktiv verb outside quotes)?"""
        lo, hi = self.sent_range(i)
        return any(k not in self.blocked and self.konjunktiv(self.tokens[k]) for k in range(lo, hi))

    def reported_span(self, i: int, j: int, cue: Span, ph: Phrase | None) -> Reported | None:
        """The reported content [i, j) without edge punctuation; None when too short or mostly a direct
        quote (which the direct rules report)."""
        while j > i and self.tokens[j - 1].text in (",", ";", ":", "-", "–"):
            j -= 1
        while i < j and self.tokens[i].text in (",", ";", ":", "-", "–"):
            i += 1
        if j - i < 3:
            return None
        inside = sum(1 for k in range(i, j) if k in self.blocked)
        if inside > 0.8 * (j - i):
            return None
        return Reported(self.tokens[i].start, self.tokens[j - 1].end, cue, self.mention(ph))

    def complement_end(self, i: int, end: int) -> int:
        """Where a reported clause stops: at ":" or at "und"/"aber" + a finite verb (a new main clause)."""
        toks, tg = self.tokens, self.tags
        for k in range(i + 2, end):
            if k in self.blocked:
                continue
            if toks[k].text in (":", ";"):
                return k
            if (
                toks[k].text.lower() in ("und", "aber", "and")
                and k + 1 < end
                and tg.finite(toks[k + 1])
                and k + 1 not in self.blocked
            ):
                return k
            if is_comma(toks[k]) and k + 1 < end and tg.finite(toks[k + 1]) and tg.aux_or_full(toks[k + 1]):
                return k  # "…, haben sich viele Stimmen …": the main clause after a fronted subordinate one
        return end

    def phrase_before(self, lo: int, k: int) -> Phrase | None:
        """The noun phrase ending right before token k (the antecedent of "…, wonach")."""
        toks, tg = self.tokens, self.tags
        a = k
        while a > lo and toks[a - 1].tag in tg.np_span and a - 1 not in self.blocked:
            a -= 1
        while a < k and toks[a].tag not in tg.np_start:
            a += 1
        if a < k and any(toks[m].tag in tg.noun_or_name for m in range(a, k)):
            return Phrase(a, k, "source")
        return None

    def names_source(self, i: int) -> bool:
        """Does the sentence holding token i mention a source (a cue verb or a source/claim noun)?"""
        lo, hi = self.sent_range(i)
        toks = self.tokens
        return any(
            self.cue_verb(k, hi)
            or (
                toks[k].tag in self.tags.noun
                and (self.lex.is_source_noun(toks[k].text, toks[k].lemma) or toks[k].lemma in self.lex.claims)
            )
            or toks[k].lemma.startswith("veröffentlich")
            for k in range(lo, hi)
            if k not in self.blocked
        )

    def clause_around(self, lo: int, end: int, a: int, b: int) -> tuple[int, int]:
        """The clause (between ":" / ";" / a comma before a conjunction or relative) holding [a, b)."""
        toks, tg = self.tokens, self.tags

        def boundary(k: int, left: bool) -> bool:
            t = toks[k]
            if t.text in (":", ";") or (k in self.blocked and t.text in self.qchars):
                return True
            # a relative clause after the phrase still belongs to the reported content
            tags = tg.clause_break_left if left else tg.clause_break_right
            return is_comma(t) and k + 1 < end and toks[k + 1].tag in tags

        cl = a
        while cl > lo and not boundary(cl - 1, True):
            cl -= 1
        ce = b
        while ce < end and not boundary(ce, False):
            ce += 1
        if cl > lo and toks[cl].tag in tg.clause_break_right:
            cl += 1 if toks[cl].tag not in tg.view.sub_intro else 0
        return cl, ce
