"""A tag repair before parsing: a finite verb the tagger read as an adjective.

HanTa reads some past-tense verbs as attributive adjectives when no other verb is in the sentence
("Bewaffnete entführten in Nigeria drei Helfer", "Israelische Kampfjets bombardierten Ziele"): the
parser then builds a verbless tree and the clause is lost. A sentence with no finite verb whose
adjective in -te/-ten is not followed by a noun it could modify, and for which the tagger's own word
analysis also allows a finite full verb, gets that reading: the tag becomes the finite-verb tag and
the lemma the tagger's lemma for it. The repair is the tagger's second reading, not a word list.
"""

from __future__ import annotations

from ..lang import get_language
from ..records import Doc, Token

# How far (natural log) below the best reading the finite-verb reading may be.
MARGIN = 2.0
# The same where the context asks for a verb: a noun-tagged -ed word in a sentence without any finite verb
# ('The US brokered a ceasefire'), an adjective between 'be' and a by-phrase ('was shelled by').
CONTEXT_MARGIN = 5.0
# (language) -> (adjective tags to look at, the finite full-verb tag, word endings of a past tense)
# Noun tags among the candidates (English NN1): only with a wider margin.
NOUN_TAGS = frozenset({"NN1"})
RULES = {
    "de": (frozenset({"ADJ(A)", "ADJ(D)"}), "VV(FIN)", ("te", "ten")),
    "en": (frozenset({"AJ0", "VVN", "AJ0-VVN", "VVN-AJ0", "VVD-VVN", "VVN-VVD", "NN1"}), "VVD", ("ed",)),
}


def retag_verbs(doc: Doc, lo: int, hi: int) -> int | None:
    """Repair sentence [lo, hi) of the doc in place; the index of the retagged token, or None."""
    rule = RULES.get(doc.language)
    if rule is None:
        return None
    adjectives, finite, endings = rule
    tags = get_language(doc.language).tags
    toks = doc.tokens
    if any(toks[k].tag in tags.finite for k in range(lo, hi)):
        return None
    for k in range(lo, hi):
        t = toks[k]
        if t.tag not in adjectives or not t.text.lower().endswith(endings):
            continue
        nxt = toks[k + 1] if k + 1 < hi else None
        prev = toks[k - 1] if k > lo else None
        before_noun = nxt is not None and (nxt.tag in tags.noun or nxt.tag in adjectives)
        after_det = prev is not None and (prev.tag in tags.det and prev.tag not in adjectives)
        if before_noun and (after_det or prev is None):
            continue  # "die bombardierten Ziele", "Bombardierte Ziele …": an attribute after all
        margin = CONTEXT_MARGIN if t.tag in NOUN_TAGS else MARGIN
        lemma = _verb_reading(doc.language, t.text, finite, margin)
        if lemma is not None:
            toks[k] = Token(t.text, t.start, t.end, finite, lemma, t.sent, t.head, t.dep)
            return k
    return None


def retag_participles(doc: Doc, lo: int, hi: int) -> int:
    """English: an -ed word tagged as adjective between a form of 'be' and a by-phrase is the passive
    participle ('Kharkiv was shelled by Russian forces'), when the tagger's word analysis allows it."""
    if doc.language != "en":
        return 0
    toks, n = doc.tokens, 0
    for k in range(lo + 1, hi - 1):
        t = toks[k]
        if t.tag != "AJ0" or not t.text.lower().endswith("ed") or toks[k + 1].text.lower() != "by":
            continue
        if (toks[k - 1].lemma or "").lower() != "be":
            continue
        lemma = _verb_reading(doc.language, t.text, "VVN", CONTEXT_MARGIN)
        if lemma is not None:
            toks[k] = Token(t.text, t.start, t.end, "VVN", lemma, t.sent, t.head, t.dep)
            n += 1
    return n


def _verb_reading(language: str, word: str, finite: str, margin: float = MARGIN) -> str | None:
    """The tagger's lemma for `word` read as a finite verb, if its word analysis allows that tag."""
    from ..nlp import tagger

    tg = tagger(language)
    names = tg.hanta.int2tag
    readings = tg.analyze_forward(word.lower())
    best = max((lp for _, lp in readings), default=0.0)
    for tagnr, lp in readings:
        if names.get(tagnr) == finite and lp >= best - margin:
            return tg.lemma(word.lower(), tagnr)
    return None
