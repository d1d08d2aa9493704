"""Cue words and speaker phrases on the token layer: which verb frames a quote, and who its subject is.

Works on HanTa's coarse STTS tags (German) and Penn tags (English) without a parser: a speaker is the
first constituent before a cue verb when that is a noun phrase in the nominative, else the noun phrase
right after it ("sagte Raisi", "antwortete er"), else the agent of a passive ("wurde von X kritisiert").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..records import Token
from .lexicon import Lexicon, lexicon

NOUN = {"NN", "NE", "NNA", "NNI", "NNS", "NNP", "NNPS", "TRUNC"}
NAME = {"NE", "NNP", "NNPS"}
PRON = {"PPER", "PRP"}
NP_INNER = NOUN | {"ART", "ADJ(A)", "ADJA", "PPOSAT", "PIAT", "PDAT", "CARD", "JJ", "DT", "PRP$", "CD"}
PERSON_PRONOUNS = {"er", "sie", "ich", "wir", "he", "she", "i", "we", "they"}
NOT_SUBJECT_START = {"dem", "den", "einem", "einen", "ihm", "ihnen", "uns", "mir", "mich", "dich", "ihn"}
SKIP_AFTER_VERB = {
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
CLAUSE_OPENERS = {"KOUS", "PWAV", "KON", "PRELS", "KOKOM", "IN", "WRB", "CC"}
ADVERBIAL_START = {"APPR", "APPRART", "ADV", "PAV", "PROAV", "ADJ(D)", "ADJD", "PTKNEG", "RB", "PWS"}
GENITIVE_ART = {"des", "der", "eines", "einer"}
DETERMINERS = {"ART", "PPOSAT", "PDAT", "PIAT", "DT"}
ADVERB_PARTICLES = ("weiter", "fort", "erneut", "nochmals")
NOMINATIVE_ART = {"der", "die", "das", "ein", "eine"}
SUBORDINATORS = {"als", "wie", "während", "nachdem", "as", "while"}  # also when tagged as prepositions
FOCUS_WORDS = {
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
SOURCE_PREPS = {"von", "vom", "in", "im", "bei", "beim", "aus", "seitens"}
DEMONSTRATIVE_SUBJECTS = {"dieser", "diese", "jener", "jene", "letzterer", "letztere", "ersterer", "erstere"}
LEFT_BOUNDARY = {"$.", "$("}


def is_verb(t: Token) -> bool:
    return t.tag.startswith("V")


def is_finite(t: Token) -> bool:
    return "FIN" in t.tag or t.tag in ("VBD", "VBZ", "VBP")


def is_participle(t: Token) -> bool:
    return "(PP)" in t.tag or t.tag == "VBN"


def is_comma(t: Token) -> bool:
    return t.text == ","


def is_quote_mark(t: Token, quote_chars: frozenset[str]) -> bool:
    return len(t.text) == 1 and t.text in quote_chars


@dataclass
class Phrase:
    """A noun phrase as a token index range [a, b) in the document."""

    a: int
    b: int
    how: str = ""


def verb_lemma(tokens: list[Token], i: int, end: int) -> str:
    """The verb's lemma with its separated prefix joined ("fügte … hinzu" -> "hinzufügen")."""
    t = tokens[i]
    lemma = t.lemma if t.tag.startswith("V") else t.lemma.lower()
    if i > 0 and tokens[i - 1].text == "bekannt":
        return "bekannt" + lemma  # verb-final "… bekannt gab"
    if is_finite(t):
        for k in range(i + 1, end):
            u = tokens[k]
            if u.tag == "PTKVZ" or (
                u.text == "bekannt" and k + 1 < end and tokens[k + 1].tag in ("$,", "$.")
            ):
                return u.text.lower() + lemma
            if u.tag in ("$,", "$.") or is_verb(u):
                break
    return lemma


def cue_verb(tokens: list[Token], i: int, end: int, lex: Lexicon, strong_only: bool = False) -> str | None:
    """The cue lemma if token i is a speech verb (with its particle), else None."""
    t = tokens[i]
    if not is_verb(t) or t.tag.startswith("VA") or t.tag.startswith("VM") or t.tag == "MD":
        return None
    lemma = verb_lemma(tokens, i, end)
    if lex.is_cue_verb(lemma, strong_only):
        return lemma
    base = t.lemma
    if lemma != base and lemma.startswith(ADVERB_PARTICLES) and lex.is_cue_verb(base, strong_only):
        return base  # "sagte … weiter" is still "sagen"
    return None


def particle_end(tokens: list[Token], i: int, end: int) -> int:
    """Index after the verb's separated particle, if any (to extend the cue span)."""
    for k in range(i + 1, end):
        u = tokens[k]
        if u.tag == "PTKVZ" or u.text == "bekannt":
            return k + 1
        if u.tag in ("$,", "$.") or is_verb(u):
            break
    return i + 1


def chunk_right(tokens: list[Token], j: int, end: int, blocked: set[int]) -> Phrase | None:
    """The noun phrase starting at token j (with genitive attribute and appositions), or None."""
    if j >= end or j in blocked:
        return None
    t = tokens[j]
    if t.tag in PRON:
        return Phrase(j, j + 1, "pron") if t.text.lower() in PERSON_PRONOUNS or t.text == "Sie" else None
    if t.tag in ("PDS", "PIS") and t.text.lower() in DEMONSTRATIVE_SUBJECTS | {"man"}:
        return Phrase(j, j + 1, "pron")  # "Dieser behaupte, …"
    if (
        t.text.lower() in NOMINATIVE_ART
        and j + 1 < end
        and tokens[j + 1].tag in ("PIS", "ADJ(A)")
        and tokens[j + 1].text not in time_nouns()
        and (j + 2 >= end or tokens[j + 2].tag not in NOUN | {"ADJ(A)"})
    ):
        return Phrase(j, j + 2, "np")  # "die beiden", "der 81-jährige"
    if (
        t.tag == "PIS"
        and t.text.lower() in ("einer", "eine", "one")
        and j + 1 < end
        and tokens[j + 1].tag == "ART"
    ):
        sub = chunk_right(tokens, j + 1, end, blocked)
        return Phrase(j, sub.b, "np") if sub else None  # "Einer der Feuerwehrmänner"
    k, head = j, False
    while (
        k < end
        and k not in blocked
        and (
            tokens[k].tag in NP_INNER
            or (tokens[k].tag == "FM" and tokens[k].text[:1].isupper())
            or _hyphen_name(tokens, k)
            or _name_mark(tokens, k)
            or _mistagged_name(tokens, k, end)
        )
    ):
        if head and tokens[k].tag in DETERMINERS and tokens[k - 1].tag in NOUN:
            break  # a new noun phrase starts: "die Fraktion | den Schritt"
        if head and tokens[k - 1].tag in NOUN and _new_phrase_adjective(tokens[k]):
            break  # "nach Medienberichten | weitere Teilnehmer", but "Angaben deutscher Behörden"
        head = (
            head
            or tokens[k].tag in NOUN
            or (tokens[k].tag == "FM" and tokens[k].text[:1].isupper())
            or (
                tokens[k].tag in ("ADJ(A)", "ADJA")
                and tokens[k].text[:1].isupper()
                and k > j
                and tokens[k].text not in time_nouns()
            )
        )
        k += 1
    if not head:
        return None
    if k == j + 1 and tokens[j].text in time_nouns():
        return None
    # genitive attribute: "der Sprecher des Ministeriums", "Angaben der Polizei"
    while k + 1 < end and tokens[k].text.lower() in GENITIVE_ART and tokens[k].tag == "ART":
        g = k + 1
        while g < end and g not in blocked and tokens[g].tag in NP_INNER and tokens[g].tag != "ART":
            g += 1
        if g == k + 1 or tokens[g - 1].tag not in NOUN:
            break
        k = g
    # "(Grüne)" or "(SPD)" after a name
    if k + 2 < end and tokens[k].text == "(" and tokens[k + 2].text == ")":
        k += 3
    # apposition ", Sergei Rjabkow," / ", Lars Beringer,"
    if k + 1 < end and is_comma(tokens[k]):
        g = k + 1
        while g < end and g not in blocked and tokens[g].tag in NP_INNER:
            g += 1
        if (
            g > k + 1
            and g - (k + 1) <= 5
            and tokens[g - 1].tag in NAME
            and (g == end or is_comma(tokens[g]) or is_verb(tokens[g]))
        ):
            k = g
    return Phrase(j, k, "np")


def _new_phrase_adjective(t: Token) -> bool:
    """A lower-case attributive adjective right after a noun opens a new noun phrase, unless its
    strong genitive ending (-er) makes it the start of a genitive attribute."""
    return t.tag in ("ADJ(A)", "ADJA") and t.text[:1].islower() and not t.text.endswith("er")


@cache
def time_nouns() -> frozenset[str]:
    """Temporal nouns ("Abend", "Montag"): adverbials after a cue verb, never its speaker."""
    return frozenset(h for h, kind in lexicon("de").heads.items() if kind == "time")


def _mistagged_name(tokens: list[Token], k: int, end: int) -> bool:
    """A capitalised first name the tagger took for something else ("Henk" as an imperative) before a name."""
    t = tokens[k]
    return (
        t.tag in ("VV(IMP)", "XY", "FM", "ADJ(D)", "ADV", "VV(INF)", "VV(FIN)")
        and t.text[:1].isupper()
        and k + 1 < end
        and tokens[k + 1].text[:1].isupper()
        and (tokens[k + 1].tag in NAME | {"NN", "FM", "XY"} or (k > 0 and tokens[k - 1].tag == "ART"))
    )


def _name_mark(tokens: list[Token], k: int) -> bool:
    """A quotation mark around a name inside a noun phrase: die „Süddeutsche Zeitung“."""
    return len(tokens[k].text) == 1 and tokens[k].text in '„“”"»«'


def _hyphen_name(tokens: list[Token], k: int) -> bool:
    return tokens[k].text in ("-",) and k > 0 and tokens[k - 1].tag in NOUN


def clause_start(tokens: list[Token], v: int, start: int, blocked: set[int]) -> int:
    """Leftmost token of the clause holding token v; appositions and relative clauses are crossed."""

    def stop(k: int) -> bool:
        t = tokens[k]
        return k in blocked or (t.tag in LEFT_BOUNDARY and t.text not in "()/–—") or t.text in (":", ";")

    k = v - 1
    while k >= start:
        t = tokens[k]
        if stop(k):
            return k + 1
        if t.text == ")":
            while k >= start and tokens[k].text != "(":
                k -= 1
            k -= 1
            continue
        if t.text in (
            "–",
            "—",
        ):  # a parenthesis between dashes: "Der Iran – der … verweigert hat – hat erklärt"
            m = k - 1
            while m >= start and tokens[m].text not in ("–", "—") and m not in blocked:
                m -= 1
            if m >= start and tokens[m].text in ("–", "—"):
                k = m - 1
                continue
            return k + 1
        if is_comma(t):
            m = k - 1
            while m >= start and not (is_comma(tokens[m]) or stop(m)):
                m -= 1
            seg = tokens[m + 1 : k]
            if seg and (
                seg[0].tag in ("PRELS", "PRELAT")
                or (len(seg) > 1 and seg[0].tag == "APPR" and seg[1].tag in ("PRELS", "PRELAT"))
            ):
                k = m - 1 if m >= start and is_comma(tokens[m]) else m
                continue  # ", der zur Zeit … inne hat," belongs to the noun before it
            if (
                seg
                and len(seg) <= 9
                and not any(is_finite(s) or s.tag in ("KOUS", "PRELS") for s in seg)
                and m > start
                and is_comma(tokens[m])
                and (tokens[m - 1].tag in NOUN | {"$("} or tokens[m - 1].text in '“”"»«')
            ):
                k = m - 1
                continue  # ", Klaus Stöhr," is an apposition to the noun before it
            return k + 1
        if t.tag in CLAUSE_OPENERS and t.text.lower() not in ("und", "and"):
            return k + 1
        k -= 1
    return start


def find_speaker(
    tokens: list[Token], v: int, start: int, end: int, blocked: set[int], aux: int | None = None
) -> Phrase | None:
    """The speaker phrase of the cue verb at token v within sentence tokens [start, end)."""
    head = aux if aux is not None else v
    # "Im Bericht heißt es, …", "Bei der Agentur hieß es": the source is the prepositional object
    if tokens[v].lemma == "heißen":
        for k in range(start, end):
            if k not in blocked and tokens[k].tag in ("APPR", "APPRART") and k + 1 < end:
                ph = chunk_right(tokens, k + 1, end, blocked)
                if ph:
                    return Phrase(ph.a, ph.b, "source")
    # coordinated verb without its own subject: "biss den Fluggast und rief:"
    if head - 1 >= start and tokens[head - 1].text.lower() in ("und", "and"):
        for k in range(head - 2, start - 1, -1):
            if k in blocked or is_comma(tokens[k]):
                break
            if is_finite(tokens[k]):
                return find_speaker(tokens, k, start, end, blocked)
    quoting = tokens[v].lemma == "zitieren"  # the quoted person is the object, the medium the subject
    if quoting and (aux is None or tokens[aux].lemma != "werden"):
        k = head + 1
        while (
            k < end
            and k not in blocked
            and (tokens[k].text.lower() in SKIP_AFTER_VERB | {"man"} or tokens[k].tag == "ADV")
        ):
            k += 1
        ph = chunk_right(tokens, k, end, blocked)
        if ph and ph.a > head:
            # "Ein Fernsehsender zitierte Papandreou"; inverted "zitierte die Zeitung X": take the second NP
            cs0 = clause_start(tokens, head, start, blocked)
            subject_before = cs0 < head and chunk_right(tokens, cs0, head, blocked) is not None
            if not subject_before and ph.b < end:
                nxt = chunk_right(tokens, ph.b, end, blocked)
                if nxt:
                    return Phrase(nxt.a, nxt.b, "object")
            return Phrase(ph.a, ph.b, "object")
    # passive agent: "wurde von Rjabkow … kritisiert"
    if tokens[v].tag.startswith("VV") and aux is not None and tokens[aux].lemma == "werden" and not quoting:
        for k in range(aux + 1, v):
            if tokens[k].text.lower() in ("von", "vom", "by", "durch") and k not in blocked:
                ph = chunk_right(tokens, k + 1, end, blocked)
                if ph:
                    return Phrase(ph.a, ph.b, "passive")
    cs = clause_start(tokens, head, start, blocked)
    first = cs
    subordinate = cs > start and tokens[cs - 1].tag in ("KOUS", "KOKOM", "PWAV")
    while first < head and (
        tokens[first].tag in CLAUSE_OPENERS
        or tokens[first].text.lower() in FOCUS_WORDS
        or (
            first == cs
            and tokens[first].text.lower() in SUBORDINATORS
            and head + 1 < len(tokens)
            and tokens[head + 1].tag in ("$,", "$.")
        )
    ):
        subordinate = subordinate or (first == cs and tokens[first].text.lower() in SUBORDINATORS)
        subordinate = subordinate or tokens[first].tag in ("KOUS", "KOKOM", "PWAV")
        first += 1  # "wie der Sprecher mitteilte", "und er sagte", "Auch Hassemer glaubt"
    if subordinate:
        while first < head and tokens[first].tag in ("ADV", "RB"):
            first += 1  # "wie schon die WHO sagte"
    if (
        first < head
        and tokens[first].tag not in ADVERBIAL_START
        and tokens[first].text.lower() not in NOT_SUBJECT_START
    ):
        ph = chunk_right(tokens, first, head, blocked)
        if ph and ph.b <= head:
            if not personish(tokens, ph):
                other = _after_verb(tokens, head, end, blocked)
                if other is not None and other.how == "pron":
                    return Phrase(
                        other.a, other.b, "after"
                    )  # fronted object: "Die Mitverantwortung weist X von sich"
            return Phrase(ph.a, ph.b, "before")
    if (
        subordinate
        and first < head
        and is_verb(tokens[v])
        and v == head
        and not any(k in blocked for k in range(first, head))
    ):
        return Phrase(first, head, "before")  # "wie t-online.de berichtet": whatever stands before the verb
    # agentless passive with a source up front: "In einem Bericht der X wurde vermutet", "Von den Behörden wird angenommen"
    if (
        aux is not None
        and tokens[aux].lemma == "werden"
        and tokens[cs].tag in ("APPR", "APPRART")
        and tokens[cs].text.lower() in SOURCE_PREPS
    ):
        ph = chunk_right(tokens, cs + 1, head, blocked)
        if ph:
            return Phrase(ph.a, ph.b, "passive")
    # inverted: "sagte Raisi", "antwortete er", "fügte Lukaschenko hinzu"
    ph = _after_verb(tokens, head, end, blocked)
    if ph:
        return Phrase(ph.a, ph.b, "after")
    # a relative clause: "eine Argumentation, die davon ausgeht", "Bütikofer, der sagte"
    if cs > start and tokens[cs - 1].tag in ("PRELS", "PWS"):
        return Phrase(cs - 1, cs, "relative")
    # a second verb of the same subject after a comma: "X monieren …, sprechen aber davon, dass …"
    if first >= head - 1 and cs > start and is_comma(tokens[cs - 1]):
        for k in range(cs - 2, start - 1, -1):
            if k not in blocked and is_finite(tokens[k]) and not tokens[k].tag.startswith("VM"):
                return find_speaker(tokens, k, start, end, blocked)
    # coordinated verb without its own subject: "… und sagte bei der Gelegenheit"
    if first > start and tokens[first - 1].text.lower() in ("und", "and"):
        for k in range(first - 2, start - 1, -1):
            if k not in blocked and is_finite(tokens[k]):
                return find_speaker(tokens, k, start, end, blocked)
    return None


def _after_verb(tokens: list[Token], head: int, end: int, blocked: set[int]) -> Phrase | None:
    """The noun phrase right after the finite verb, skipping adverbs and a dative object."""
    k = head + 1
    while (
        k < end
        and k not in blocked
        and (
            tokens[k].text.lower() in SKIP_AFTER_VERB
            or tokens[k].tag in ("ADV", "RB")
            or tokens[k].text in time_nouns()
        )
    ):
        k += 1
    ph = chunk_right(tokens, k, end, blocked)
    if ph and tokens[ph.a].text.lower() in NOT_SUBJECT_START and ph.b < end:
        ph = chunk_right(tokens, ph.b, end, blocked)  # skip a dative object: "sagte dem Sender der Minister"
    return ph


def personish(tokens: list[Token], ph: Phrase) -> bool:
    """Does the phrase name a possible speaker: a name, a person pronoun, a role or an organisation?"""
    heads = source_heads()
    for t in tokens[ph.a : ph.b]:
        if t.tag in NAME or (t.tag in PRON and t.text.lower() in PERSON_PRONOUNS | {"sie"}):
            return True
        if t.tag in NOUN and t.text.lower().endswith(heads):
            return True
    return False


@cache
def source_heads() -> tuple[str, ...]:
    """Role, group and source nouns ("Sprecher", "Regierung"), also as compound heads ("Kreml-Sprecher")."""
    endings = ("", "n", "en", "in", "innen", "s", "e", "er")
    return tuple(h.lower() + e for h, kind in lexicon("de").heads.items() if kind != "time" for e in endings)


def finite_aux(tokens: list[Token], v: int, start: int, blocked: set[int]) -> int | None:
    """The finite auxiliary/modal of a participle or infinitive cue ("hat … erklärt", "wurde … kritisiert")."""
    if is_finite(tokens[v]) and not (
        tokens[v].text.endswith("t") and v + 1 < len(tokens) and tokens[v + 1].tag.startswith("$")
    ):
        return None  # a clause-final "…t" may be a participle the tagger read as finite ("wird … zitiert")
    for k in range(v - 1, start - 1, -1):
        if k in blocked:
            continue  # a partial quote inside the clause: "wurden von X als „…“ kritisiert"
        if tokens[k].tag in ("$.",):
            return None
        if is_finite(tokens[k]) and (
            tokens[k].tag.startswith("VA") or tokens[k].tag.startswith("VM") or tokens[k].tag == "MD"
        ):
            return k
        if is_comma(tokens[k]):
            # an apposition may sit between the subject and the verb; keep looking one comma further
            continue
    return None
