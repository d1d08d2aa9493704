"""Which sentences the syntax layer needs to parse: those that may yield an event or a speech act.

A sentence is parsed when a pattern of the language could match in it — its trigger is there (a verb,
also with a separable particle elsewhere in the sentence: "wies … zurück", or a form the tagger did not
know: "blacklisted"; an event noun, also as the head of a compound) and every `&` condition of the
pattern finds its word in the sentence — or when it holds a speech verb of the quotation stage. The
other sentences cannot yield an event, so parsing them would only cost time (`syntax.Parse(select=...)`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from ..lang import get_language
from ..quotes.lexicon import lexicon as quote_lexicon
from ..records import Doc
from .lexicon import lemma
from .patterns import Pattern, load_patterns, trigger_key


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


class Triggers:
    """A language's trigger words with their patterns, and its speech verbs."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.ix = load_patterns(language, frames=True)
        lex = quote_lexicon(language)
        self.speech = frozenset(trigger_key(w) for w in lex.say | lex.verbs)
        self.nouns = lru_cache(maxsize=100_000)(self.ix.for_noun)

    def verb_keys(self, word: str, particles: Iterable[str]) -> list[str]:
        """The trigger keys a verb-like word may stand for (with a particle, or as an unknown form)."""
        keys = [word, *(p + word for p in particles)]
        if word.endswith("t"):  # a past tense the tagger read as an adjective ("entführten": syntax.retag)
            keys += [word[:-1] + "en", word + "en"]
        return keys


@cache
def triggers(language: str) -> Triggers:
    return Triggers(language)


def _satisfied(p: Pattern, words: frozenset[str]) -> bool:
    """Every `&` condition of the pattern has a word in the sentence (compound heads count)."""
    return all(any((k := trigger_key(w)) in words or _head_in(k, words) for w in req) for req in p.require)


def _head_in(w: str, words: frozenset[str]) -> bool:
    return len(w) >= 5 and any(x.endswith(w) for x in words)


def has_trigger(doc: Doc, i: int) -> bool:
    """Sentence `i` of the doc may yield an event or a speech act (see the module docstring)."""
    t = triggers(doc.language)
    tags = get_language(doc.language).tags
    lo, hi = doc.sent_tokens[i]
    toks = doc.tokens[lo:hi]
    words = frozenset(trigger_key(w) for tok in toks for w in (lemma(tok), tok.text))
    particles = [trigger_key(lemma(tok)) for tok in toks if tok.tag in tags.particle]
    for tok in toks:
        word = trigger_key(lemma(tok))
        if word in t.speech:
            return True
        keys = t.verb_keys(word, particles) + verb_lemmas(doc.language, tok.text)
        if any(_satisfied(p, words) for k in keys for p in t.ix.for_verb(k)):
            return True
        if tok.tag in tags.noun and any(_satisfied(p, words) for p in t.nouns(word)):
            return True
    return False
