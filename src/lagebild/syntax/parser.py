"""The trained dependency parsers (spaCy) over lagebild's own tokens and HanTa tags.

This is the one module that talks to spaCy. A parser is loaded once per process and language, lazily,
from `lagebild/lang/<code>/parser/` (weights built by scripts/train_parser.py; no model hub). It parses
pre-split sentences: the tokens are SoMaJo's, the tags HanTa's (the features it was trained on), and
sentence boundaries are fixed (the parser may not split a sentence further).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

# Sentences handed to spaCy per batch (the tok2vec runs on a batch at once).
BATCH_SIZE = 64
# spaCy keeps every word it has seen in the model's vocabulary (strings and lexemes, a few hundred bytes
# each): a long-running worker would grow without bound. Past this many strings the model is reloaded.
MAX_STRINGS = 150_000


@dataclass(frozen=True, slots=True)
class Parsed:
    """One parsed sentence: per token the head (sentence-relative, the root points to itself) and label."""

    heads: tuple[int, ...]
    deps: tuple[str, ...]


def has_parser(language: str) -> bool:
    """Whether the language ships a dependency parser (`lang/<code>/parser/`)."""
    from ..lang import SUPPORTED, get_language

    return language in SUPPORTED and get_language(language).has("parser", "config.cfg")


def model_path(language: str) -> Path:
    """Folder of the shipped parser for a language (raises ValueError when there is none)."""
    from ..lang import get_language

    if not has_parser(language):
        raise ValueError(f"no dependency parser for language {language!r} (lang/{language}/parser/)")
    return get_language(language).path("parser")


@cache
def load(language: str) -> Any:
    """The spaCy pipeline holding the language's parser (loaded once per process)."""
    import spacy

    return spacy.load(model_path(language), exclude=["tokenizer"])


def parse_sentences(
    language: str, sentences: Iterable[tuple[Sequence[str], Sequence[bool], Sequence[str]]]
) -> list[Parsed]:
    """Parse (words, spaces-after, tags) sentences; one `Parsed` per sentence, in order."""
    from spacy.tokens import Doc

    nlp = load(language)
    parser = nlp.get_pipe("parser")
    docs = []
    for words, spaces, tags in sentences:
        n = len(words)
        docs.append(
            Doc(
                nlp.vocab,
                words=list(words),
                spaces=list(spaces),
                tags=list(tags),
                sent_starts=[True] + [False] * (n - 1) if n else [],
            )
        )
    out = []
    for doc in parser.pipe((d for d in docs if len(d)), batch_size=BATCH_SIZE):
        out.append(Parsed(tuple(t.head.i for t in doc), tuple(t.dep_ for t in doc)))
    result, it = [], iter(out)
    for d in docs:
        result.append(next(it) if len(d) else Parsed((), ()))
    if len(nlp.vocab.strings) > MAX_STRINGS:
        load.cache_clear()  # the next call loads a fresh copy; this one is dropped with its vocabulary
    return result
