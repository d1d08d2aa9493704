"""Cue words and speaker phrases on the token layer: which verb frames a quote, and who its subject is.

Works on the tagger's tags through the language's tag classes (`tagsets.QuoteTags`), without a parser:
a speaker is the first constituent before a cue verb when that is a noun phrase in the nominative, else
the noun phrase right after it ("sagte Raisi", "antwortete er"), else the agent of a passive ("wurde
von X kritisiert"). Speaker finding is a decision list of small named rules (`SPEAKER_RULES`), tried in
order; the first that gives a phrase wins (`speakers.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Token
from .lexicon import Lexicon
from .tagsets import QuoteTags

PERSON_PRONOUNS = frozenset({"er", "sie", "ich", "wir", "he", "she", "i", "we", "they"})
NOT_SUBJECT_START = frozenset(
    {"dem", "den", "einem", "einen", "ihm", "ihnen", "uns", "mir", "mich", "dich", "ihn"}
)
SKIP_AFTER_VERB = frozenset(
    {
        "sich",
        "auch",
        "dazu",
        "zudem",
        "noch",
        "jedoch",
        "außerdem",
        "weiter",
        "allerdings",
        "gestern",
        "heute",
        "nun",
        "am",
        "bereits",
        "schon",
        "ebenfalls",
        "zuletzt",
        "später",
        "daraufhin",
        "damals",
        "denn",
        "aber",
        "also",
        "nur",
        "dann",
        "ferner",
        "mittlerweile",
    }
)
GENITIVE_ART = frozenset({"des", "der", "eines", "einer"})
ADVERB_PARTICLES = ("weiter", "fort", "erneut", "nochmals")
NOMINATIVE_ART = frozenset({"der", "die", "das", "ein", "eine"})
SUBORDINATORS = frozenset(
    {"als", "wie", "während", "nachdem", "as", "while"}
)  # also when tagged as prepositions
FOCUS_WORDS = frozenset(
    {
        "auch",
        "aber",
        "doch",
        "jedoch",
        "selbst",
        "sogar",
        "so",
        "nun",
        "also",
        "einzig",
        "nur",
        "lediglich",
    }
)
SOURCE_PREPS = frozenset({"von", "vom", "in", "im", "bei", "beim", "aus", "seitens"})
DEMONSTRATIVE_SUBJECTS = frozenset(
    {"dieser", "diese", "jener", "jene", "letzterer", "letztere", "ersterer", "erstere"}
)
DASHES = ("–", "—")


def is_comma(t: Token) -> bool:
    return t.text == ","


@dataclass
class Phrase:
    """A noun phrase as a token index range [a, b) in the document."""

    a: int
    b: int
    how: str = ""


class Frames:
    """The token layer of one document with the grammar of cue verbs and speaker phrases.

    `blocked` holds the token indices inside quotations (speech, not frame); it is filled by the owner.
    """

    def __init__(self, tokens: list[Token], tags: QuoteTags, lex: Lexicon) -> None:
        self.tokens = tokens
        self.tags = tags
        self.lex = lex
        self.blocked: set[int] = set()

    # ----- cue verbs

    def verb_lemma(self, i: int, end: int) -> str:
        """The verb's lemma with its separated prefix joined ("fügte … hinzu" -> "hinzufügen")."""
        toks, tg = self.tokens, self.tags
        t = toks[i]
        lemma = t.lemma if tg.verb(t) else t.lemma.lower()
        if i > 0 and toks[i - 1].text == "bekannt":
            return "bekannt" + lemma  # verb-final "… bekannt gab"
        if tg.finite(t):
            for k in range(i + 1, end):
                u = toks[k]
                if tg.particle(u) or (u.text == "bekannt" and k + 1 < end and tg.clause_punct(toks[k + 1])):
                    return u.text.lower() + lemma
                if tg.clause_punct(u) or tg.verb(u):
                    break
        return lemma

    def cue_verb(self, i: int, end: int, strong_only: bool = False) -> str | None:
        """The cue lemma if token i is a speech verb (with its particle), else None; a support-verb
        construction ("ist der Meinung", "hält es für möglich") counts as a weak cue."""
        t = self.tokens[i]
        if not self.tags.verb(t):
            return None
        if self.tags.aux_or_modal(t):
            return None if strong_only else self.construction(i, end)
        lemma = self.verb_lemma(i, end)
        if self.lex.is_cue_verb(lemma, strong_only):
            return lemma
        base = t.lemma
        if lemma != base and lemma.startswith(ADVERB_PARTICLES) and self.lex.is_cue_verb(base, strong_only):
            return base  # "sagte … weiter" is still "sagen"
        return None if strong_only else self.construction(i, end)

    def construction(self, i: int, end: int) -> str | None:
        """ "der Meinung sein", "die Ansicht vertreten", "zu dem Schluss kommen": the verb at i with the
        word its construction needs in the same clause (constructions.tsv), as "word verb"."""
        lemma = (self.tokens[i].lemma or self.tokens[i].text).lower()
        words = {w for v, w in self.lex.constructions if v == lemma}
        if not words:
            return None
        lo = i
        while lo > 0 and not (is_comma(self.tokens[lo - 1]) or self.tags.sent_punct(self.tokens[lo - 1])):
            lo -= 1
        hi = i + 1
        while hi < end and not is_comma(self.tokens[hi]):
            hi += 1
        for k in range(lo, hi):
            t = self.tokens[k]
            if (
                k != i
                and k not in self.blocked
                and (t.text.lower() in words or (t.lemma or "").lower() in words)
            ):
                return f"{t.text.lower()} {lemma}"
        return None

    def particle_end(self, i: int, end: int) -> int:
        """Index after the verb's separated particle, if any (to extend the cue span)."""
        for k in range(i + 1, end):
            u = self.tokens[k]
            if self.tags.particle(u) or u.text == "bekannt":
                return k + 1
            if self.tags.clause_punct(u) or self.tags.verb(u):
                break
        return i + 1

    def finite_aux(self, v: int, start: int) -> int | None:
        """The finite auxiliary/modal of a participle or infinitive cue ("hat … erklärt", "wurde … kritisiert")."""
        toks, tg = self.tokens, self.tags
        if tg.finite(toks[v]) and not (
            toks[v].text.endswith("t") and v + 1 < len(toks) and tg.punct(toks[v + 1])
        ):
            return (
                None  # a clause-final "…t" may be a participle the tagger read as finite ("wird … zitiert")
            )
        for k in range(v - 1, start - 1, -1):
            if k in self.blocked:
                continue  # a partial quote inside the clause: "wurden von X als „…“ kritisiert"
            if tg.sent_punct(toks[k]):
                return None
            if tg.finite(toks[k]) and tg.aux_or_modal(toks[k]):
                return k
            # past a comma: an apposition may sit between the subject and the verb
        return None

    # ----- noun phrases

    def chunk_right(self, j: int, end: int) -> Phrase | None:
        """The noun phrase starting at token j (with genitive attribute and appositions), or None."""
        if j >= end or j in self.blocked:
            return None
        t = self.tokens[j]
        if t.tag in self.tags.pron:
            return Phrase(j, j + 1, "pron") if t.text.lower() in PERSON_PRONOUNS else None
        short = self._pronominal_phrase(j, end)
        if short is not None:
            return short
        if self._one_of(j, end):
            sub = self.chunk_right(j + 1, end)
            return Phrase(j, sub.b, "np") if sub else None  # "Einer der Feuerwehrmänner"
        k = self._np_core(j, end)
        if k is None:
            return None
        k = self._genitive_end(k, end)
        if k + 2 < end and self.tokens[k].text == "(" and self.tokens[k + 2].text == ")":
            k += 3  # "(Grüne)" or "(SPD)" after a name
        return Phrase(j, self._apposition_end(k, end), "np")

    def _pronominal_phrase(self, j: int, end: int) -> Phrase | None:
        """ "Dieser behaupte, …", "man"; "die beiden", "der 81-jährige"."""
        toks, tg = self.tokens, self.tags
        t = toks[j]
        if t.tag in tg.pronoun_np and t.text.lower() in DEMONSTRATIVE_SUBJECTS | {"man"}:
            return Phrase(j, j + 1, "pron")
        if (
            t.text.lower() in NOMINATIVE_ART
            and j + 1 < end
            and toks[j + 1].tag in tg.pronoun_or_adj
            and toks[j + 1].text not in self.lex.time_nouns
            and (j + 2 >= end or toks[j + 2].tag not in tg.nominal_or_adj)
        ):
            return Phrase(j, j + 2, "np")
        return None

    def _one_of(self, j: int, end: int) -> bool:
        t = self.tokens[j]
        return (
            t.tag in self.tags.view.indef_pron
            and t.text.lower() in ("einer", "eine", "one")
            and j + 1 < end
            and self.tokens[j + 1].tag in self.tags.view.article
        )

    def _np_core(self, j: int, end: int) -> int | None:
        """End of the noun phrase proper starting at j (determiners, adjectives, nouns), None if headless."""
        toks, tg = self.tokens, self.tags
        k, head = j, False
        while k < end and k not in self.blocked and self._np_token(k, end):
            if head and toks[k].tag in tg.determiner and toks[k - 1].tag in tg.nominal:
                break  # a new noun phrase starts: "die Fraktion | den Schritt"
            if head and toks[k - 1].tag in tg.nominal and self._new_phrase_adjective(toks[k]):
                break  # "nach Medienberichten | weitere Teilnehmer", but "Angaben deutscher Behörden"
            head = head or self._np_head(j, k)
            k += 1
        if not head or (k == j + 1 and toks[j].text in self.lex.time_nouns):
            return None
        return k

    def _np_token(self, k: int, end: int) -> bool:
        t = self.tokens[k]
        return (
            t.tag in self.tags.np_inner
            or (t.tag in self.tags.view.foreign and t.text[:1].isupper())
            or self._hyphen_name(k)
            or self._name_mark(k)
            or self._mistagged_name(k, end)
        )

    def _np_head(self, j: int, k: int) -> bool:
        t, g = self.tokens[k], self.tags.view
        return (
            t.tag in self.tags.nominal
            or (t.tag in g.foreign and t.text[:1].isupper())
            or (t.tag in g.adjective and t.text[:1].isupper() and k > j and t.text not in self.lex.time_nouns)
        )

    def _genitive_end(self, k: int, end: int) -> int:
        """Extend over genitive attributes: "der Sprecher des Ministeriums", "Angaben der Polizei"."""
        toks, tg = self.tokens, self.tags
        while k + 1 < end and toks[k].text.lower() in GENITIVE_ART and toks[k].tag in tg.view.article:
            g = k + 1
            while (
                g < end
                and g not in self.blocked
                and toks[g].tag in tg.np_inner
                and toks[g].tag not in tg.view.article
            ):
                g += 1
            if g == k + 1 or toks[g - 1].tag not in tg.nominal:
                break
            k = g
        return k

    def _apposition_end(self, k: int, end: int) -> int:
        """Extend over a name in apposition: ", Sergei Rjabkow," / ", Lars Beringer,"."""
        toks, tg = self.tokens, self.tags
        if k + 1 < end and is_comma(toks[k]):
            g = k + 1
            while g < end and g not in self.blocked and toks[g].tag in tg.np_inner:
                g += 1
            if (
                g > k + 1
                and g - (k + 1) <= 5
                and toks[g - 1].tag in tg.proper
                and (g == end or is_comma(toks[g]) or tg.verb(toks[g]))
            ):
                return g
        return k

    def _new_phrase_adjective(self, t: Token) -> bool:
        """A lower-case attributive adjective right after a noun opens a new noun phrase, unless its
        strong genitive ending (-er) makes it the start of a genitive attribute."""
        return t.tag in self.tags.view.adjective and t.text[:1].islower() and not t.text.endswith("er")

    def _mistagged_name(self, k: int, end: int) -> bool:
        """A capitalised first name the tagger took for something else ("Henk" as an imperative) before a name."""
        toks, tg = self.tokens, self.tags
        t = toks[k]
        return (
            t.tag in tg.name_misread
            and t.text[:1].isupper()
            and k + 1 < end
            and toks[k + 1].text[:1].isupper()
            and (toks[k + 1].tag in tg.name_follower or (k > 0 and toks[k - 1].tag in tg.view.article))
        )

    def _name_mark(self, k: int) -> bool:
        """A quotation mark around a name inside a noun phrase: die „Süddeutsche Zeitung“."""
        return len(self.tokens[k].text) == 1 and self.tokens[k].text in '„“”"»«'

    def _hyphen_name(self, k: int) -> bool:
        return self.tokens[k].text in ("-",) and k > 0 and self.tokens[k - 1].tag in self.tags.nominal

    def personish(self, ph: Phrase) -> bool:
        """Does the phrase name a possible speaker: a name, a person pronoun, a role or an organisation?"""
        heads, tg = self.lex.source_heads, self.tags
        for t in self.tokens[ph.a : ph.b]:
            if t.tag in tg.proper or (t.tag in tg.pron and t.text.lower() in PERSON_PRONOUNS):
                return True
            if t.tag in tg.nominal and t.text.lower().endswith(heads):
                return True
        return False

    # ----- clauses

    def clause_start(self, v: int, start: int) -> int:
        """Leftmost token of the clause holding token v; appositions and relative clauses are crossed."""
        toks = self.tokens
        k = v - 1
        while k >= start:
            t = toks[k]
            if self._left_boundary(k):
                return k + 1
            if t.text == ")":
                while k >= start and toks[k].text != "(":
                    k -= 1
                k -= 1
                continue
            if (
                t.text in DASHES
            ):  # a parenthesis between dashes: "Der Iran – der … verweigert hat – hat erklärt"
                m = k - 1
                while m >= start and toks[m].text not in DASHES and m not in self.blocked:
                    m -= 1
                if m >= start and toks[m].text in DASHES:
                    k = m - 1
                    continue
                return k + 1
            if is_comma(t):
                crossed = self._cross_inserted_clause(k, start)
                if crossed is None:
                    return k + 1
                k = crossed
                continue
            if t.tag in self.tags.clause_opener and t.text.lower() not in ("und", "and"):
                return k + 1
            k -= 1
        return start

    def _left_boundary(self, k: int) -> bool:
        t = self.tokens[k]
        return (
            k in self.blocked
            or ((self.tags.sent_punct(t) or t.tag in self.tags.view.bracket_punct) and t.text not in "()/–—")
            or t.text in (":", ";")
        )

    def _cross_inserted_clause(self, k: int, start: int) -> int | None:
        """At the comma k: the index to go on from when the segment before it is a relative clause or an
        apposition to the noun before it, else None (the comma ends the clause)."""
        toks, tg = self.tokens, self.tags
        m = k - 1
        while m >= start and not (is_comma(toks[m]) or self._left_boundary(m)):
            m -= 1
        seg = toks[m + 1 : k]
        if seg and (
            seg[0].tag in tg.relative
            or (len(seg) > 1 and seg[0].tag in tg.view.prep_simple and seg[1].tag in tg.relative)
        ):
            return m - 1 if m >= start and is_comma(toks[m]) else m  # ", der zur Zeit … inne hat,"
        if (
            seg
            and len(seg) <= 9
            and not any(tg.finite(s) or s.tag in tg.no_apposition for s in seg)
            and m > start
            and is_comma(toks[m])
            and (toks[m - 1].tag in tg.apposition_anchor or toks[m - 1].text in '“”"»«')
        ):
            return m - 1  # ", Klaus Stöhr," is an apposition to the noun before it
        return None

    # ----- speakers

    def after_verb(self, head: int, end: int) -> Phrase | None:
        """The noun phrase right after the finite verb, skipping adverbs and a dative object."""
        toks = self.tokens
        k = head + 1
        while (
            k < end
            and k not in self.blocked
            and (
                toks[k].text.lower() in SKIP_AFTER_VERB
                or toks[k].tag in self.tags.view.adverb
                or toks[k].text in self.lex.time_nouns
            )
        ):
            k += 1
        ph = self.chunk_right(k, end)
        if ph and toks[ph.a].text.lower() in NOT_SUBJECT_START and ph.b < end:
            ph = self.chunk_right(ph.b, end)  # skip a dative object: "sagte dem Sender der Minister"
        return ph
