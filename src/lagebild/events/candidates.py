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
from .patterns import load_patterns


@cache
def _triggers(language: str) -> tuple[frozenset[str], object]:
    ix = load_patterns(language, frames=True)
    lex = quote_lexicon(language)
    verbs = frozenset(ix.verbs) | lex.say | lex.verbs
    return verbs, lru_cache(maxsize=100_000)(lambda word: bool(ix.for_noun(word)))


def has_trigger(doc: Doc, i: int) -> bool:
    """Sentence `i` of the doc holds a word that may trigger an event (see module docstring)."""
    verbs, is_noun_trigger = _triggers(doc.language)
    tags = get_language(doc.language).tags
    lo, hi = doc.sent_tokens[i]
    toks = doc.tokens[lo:hi]
    particles = [lemma(t) for t in toks if t.tag in tags.particle]
    for t in toks:
        word = lemma(t)
        if word in verbs or any(p + word in verbs for p in particles):
            return True
        if word.endswith("t") and (word[:-1] + "en" in verbs or word + "en" in verbs):
            return True  # a past tense the tagger read as an adjective ("entführten", syntax.retag)
        if t.tag in tags.noun and is_noun_trigger(word):
            return True
    return False
