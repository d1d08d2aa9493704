"""Which sentences the syntax layer needs to parse: those that hold a possible event trigger.

A sentence is parsed when one of its words is a trigger of the language's event patterns (a verb,
also with a separable particle elsewhere in the sentence: "wies … zurück"; an event noun, also as the
head of a compound) or a speech verb of the quotation stage. Other sentences cannot yield an event, so
parsing them would only cost time (`syntax.Parse(select=...)`).
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..lang import get_language
from ..quotes.lexicon import lexicon as quote_lexicon
from ..records import Doc
from .lexicon import lemma
from .patterns import load_patterns, trigger_key


@cache
def _triggers(language: str) -> tuple[frozenset[str], object]:
    ix = load_patterns(language, frames=True)
    lex = quote_lexicon(language)
    verbs = frozenset(ix.verbs) | frozenset(trigger_key(w) for w in lex.say | lex.verbs)
    return verbs, lru_cache(maxsize=100_000)(lambda word: bool(ix.for_noun(word)))


@cache
def lemma_rules(language: str) -> tuple[tuple[str, str], ...]:
    """(ending, lemma ending) rules of lang/<code>/events/lemma_rules.tsv, longest ending first."""
    lang = get_language(language)
    if not lang.has("events", "lemma_rules.tsv"):
        return ()
    rows = lang.read_tsv("events", "lemma_rules.tsv", required=("ending",))
    return tuple(sorted(((r["ending"], r.get("lemma_ending", "")) for r in rows), key=lambda r: -len(r[0])))


def verb_lemmas(language: str, word: str) -> list[str]:
    """Candidate lemmas of an inflected verb form the tagger did not know ("blacklisted" -> blacklist)."""
    low = word.lower()
    return [
        low[: -len(end)] + new
        for end, new in lemma_rules(language)
        if low.endswith(end) and len(low) > len(end) + 2
    ]


def has_trigger(doc: Doc, i: int) -> bool:
    """Sentence `i` of the doc holds a word that may trigger an event (see module docstring)."""
    verbs, is_noun_trigger = _triggers(doc.language)
    tags = get_language(doc.language).tags
    lo, hi = doc.sent_tokens[i]
    toks = doc.tokens[lo:hi]
    particles = [trigger_key(lemma(t)) for t in toks if t.tag in tags.particle]
    for t in toks:
        word = trigger_key(lemma(t))
        if word in verbs or any(p + word in verbs for p in particles):
            return True
        if word.endswith("t") and (word[:-1] + "en" in verbs or word + "en" in verbs):
            return True  # a past tense the tagger read as an adjective ("entführten", syntax.retag)
        if any(v in verbs for v in verb_lemmas(doc.language, t.text)):
            return True
        if t.tag in tags.noun and is_noun_trigger(word):
            return True
    return False
