"""Sentences and tokens (SoMaJo), tags and lemmas (HanTa) for the cleaned text.

Each line of the cleaned text is tokenised as its own paragraph, so a sentence never spans a line
break: quotes set on their own line after "sagte er:" stay sentences of their own.

Speed (numbers in docs/performance.md): the output is exactly what stock SoMaJo and HanTa give; only
redundant work is skipped. SoMaJo runs without its own offset alignment (`adapters.somajo`); offsets
come from a verbatim scan of the paragraph (`align`), and a paragraph the scan cannot align (NFC
changes, spelling normalisation, tokens with inner whitespace) is re-tokenised with SoMaJo's own
offsets. Tagging memoises and seeds HanTa's per-word work (`nlp.tagger`).
`python -m bench.equivalence` checks this against the stock tools on the 877 real articles.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from ..adapters import somajo
from ..lang import get_language
from ..records import Doc, Sentence, Token
from .tagger import DEFAULT_SETTINGS, Tagger, TaggerSettings, tagger

__all__ = ["DEFAULT_SETTINGS", "Tagger", "TaggerSettings", "Tokenize", "split_sentences", "tagger"]


@cache
def tokenizer(language: str) -> Any:
    """Stock SoMaJo with character offsets (the reference the fast path falls back on)."""
    return somajo.reference_tokenizer(get_language(language).tokenizer_model)


@cache
def fast_tokenizer(language: str) -> Any:
    """SoMaJo without offset alignment (same tokens and sentences; see `adapters.somajo`)."""
    return somajo.fast_tokenizer(get_language(language).tokenizer_model)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their start offsets."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def align(para: str, sentences: list[list[Any]]) -> list[list[tuple[str, int, int]]] | None:
    """Offsets of SoMaJo tokens by scanning `para`; None when a token is not found verbatim.

    Mirrors SoMaJo's own alignment for the verbatim case: skip whitespace and invisible characters,
    then the token's (original) spelling must follow.
    """
    skip = somajo.skippable_characters()
    if not para.isascii() and not unicodedata.is_normalized("NFC", para):
        return None
    out: list[list[tuple[str, int, int]]] = []
    pos, n = 0, len(para)
    for sent in sentences:
        row = []
        for t in sent:
            text = t.original_spelling if t.original_spelling is not None else t.text
            while pos < n and (para[pos] in skip or para[pos].isspace()):
                pos += 1
            if not text or not para.startswith(text, pos) or any(c.isspace() for c in text):
                return None
            row.append((t.text, pos, pos + len(text)))
            pos += len(text)
        out.append(row)
    return out


def split_sentences(text: str, language: str) -> list[list[tuple[str, int, int]]]:
    """Sentences as lists of (token, start, end) with offsets into `text`."""
    fast = fast_tokenizer(language)
    out = []
    for offset, para in paragraphs(text):
        sents = [s for s in fast.tokenize_text([para]) if s]
        aligned = align(para, sents)
        if aligned is None:  # rare: let SoMaJo align this paragraph itself
            aligned = [
                [(t.text, t.character_offset[0], t.character_offset[1]) for t in s]
                for s in tokenizer(language).tokenize_text([para])
                if s
            ]
        for sent in aligned:
            out.append([(w, offset + s, offset + e) for w, s, e in sent])
    return out


class Tokenize:
    """Fill `sentences` on the article and the token layer on the doc."""

    name = "tokenize"
    requires = ("article.text", "article.language")
    assigns = ("article.sentences", "doc.tokens", "doc.sent_tokens")

    def __init__(self, tag: bool = True, settings: TaggerSettings = DEFAULT_SETTINGS) -> None:
        self.tag, self.settings = tag, settings

    def __call__(self, doc: Doc) -> Doc:
        return self.annotate(doc, split_sentences(doc.text, doc.language))

    def annotate(self, doc: Doc, sentences: list[list[tuple[str, int, int]]]) -> Doc:
        """Tag the split sentences and fill the doc (separate so the benchmark can time both steps)."""
        tokens: list[Token] = []
        sents: list[Sentence] = []
        spans: list[tuple[int, int]] = []
        for i, sent in enumerate(sentences):
            first = len(tokens)
            words = [w for w, _, _ in sent]
            tags = tagger(doc.language, self.settings).tag(words) if self.tag else [("", w) for w in words]
            for (word, start, end), (tag, lemma) in zip(sent, tags, strict=True):
                tokens.append(Token(word, start, end, tag, lemma, i))
            sents.append(Sentence(sent[0][1], sent[-1][2]))
            spans.append((first, len(tokens)))
        doc.tokens, doc.sent_tokens = tokens, spans
        doc.article.sentences = sents
        return doc
