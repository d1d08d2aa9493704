"""Offline language identification (py3langid, opened by `adapters.py3langid`); lagebild analyses the
languages of its registry (`lagebild.lang`) only."""

from __future__ import annotations

from functools import cache

from .errors import UnsupportedLanguage
from .lang import SUPPORTED


@cache
def _identifier():
    from .adapters import py3langid

    return py3langid.identifier()


def detect_language(text: str, *, name: str = "<text>") -> str:
    """Return a supported language code; raise UnsupportedLanguage for anything else.

    Only the first 5,000 characters are read: enough for a stable guess, cheap for long documents.
    """
    sample = text[:5000]
    if not sample.strip():
        raise UnsupportedLanguage(name, "empty text")
    lang, _ = _identifier().classify(sample)
    if lang in SUPPORTED:
        return lang
    # Short or noisy texts: langid's top guess can be off; fall back on the better of de/en
    # only when the text is short, otherwise the language is really something else.
    if len(sample) < 200:
        ranked = _identifier().rank(sample)
        scores = dict(ranked)
        return max(SUPPORTED, key=lambda k: scores.get(k, float("-inf")))
    raise UnsupportedLanguage(name, f"language {lang!r} is not supported (only {', '.join(SUPPORTED)})")
