"""Sentences and tokens (SoMaJo), tags and lemmas (HanTa) for the cleaned text.

Each line of the cleaned text is tokenised as its own paragraph, so a sentence does not span a line
break (quotes set on their own line after "sagte er:" stay sentences of their own) — except where a
sentence was visibly wrapped over lines, which is rejoined.
"""

from __future__ import annotations

from functools import cache

from .clean import wrapped
from .records import Doc, Sentence, Token

_SOMAJO_MODEL = {"de": "de_CMC", "en": "en_PTB"}
_HANTA_MODEL = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}


@cache
def tokenizer(language: str):
    from somajo import SoMaJo

    return SoMaJo(
        _SOMAJO_MODEL[language],
        split_camel_case=False,
        split_sentences=True,
        character_offsets=True,
    )


@cache
def tagger(language: str):
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger(_HANTA_MODEL[language])


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their start offsets; a sentence wrapped over lines stays one paragraph.

    Joined lines keep their length (the newline becomes a space), so offsets stay valid.
    """
    lines = text.split("\n")
    out: list[tuple[int, str]] = []
    pos, run_start, run = 0, 0, []
    for i, line in enumerate(lines):
        if line.strip():
            if not run:
                run_start = pos
            run.append(line)
            if not wrapped(lines, i):
                out.append((run_start, " ".join(run)))
                run = []
        pos += len(line) + 1
    if run:
        out.append((run_start, " ".join(run)))
    return out


def split_sentences(text: str, language: str) -> list[list[tuple[str, int, int]]]:
    """Sentences as lists of (token, start, end) with offsets into `text`."""
    tok = tokenizer(language)
    out = []
    for offset, para in paragraphs(text):
        for sent in tok.tokenize_text([para]):
            out.append([(t.text, offset + t.character_offset[0], offset + t.character_offset[1]) for t in sent])
    return out


def _tag(language: str, words: list[str]) -> list[tuple[str, str]]:
    """(tag, lemma) per word; HanTa's coarse STTS tags such as NN, NE, VV(FIN), ADJ(A)."""
    tagged = tagger(language).tag_sent(words, taglevel=1)
    return [(tag, lemma) for _, lemma, tag in tagged]


class Tokenize:
    """Fill `sentences` on the article and the token layer on the doc."""

    name = "tokenize"
    assigns = ("article.sentences", "doc.tokens")

    def __init__(self, tag: bool = True) -> None:
        self.tag = tag

    def __call__(self, doc: Doc) -> Doc:
        tokens: list[Token] = []
        sents: list[Sentence] = []
        spans: list[tuple[int, int]] = []
        for i, sent in enumerate(split_sentences(doc.text, doc.language)):
            first = len(tokens)
            tags = _tag(doc.language, [w for w, _, _ in sent]) if self.tag else [("", w) for w, _, _ in sent]
            for (word, start, end), (tag, lemma) in zip(sent, tags, strict=True):
                tokens.append(Token(word, start, end, tag, lemma, i))
            sents.append(Sentence(sent[0][1], sent[-1][2]))
            spans.append((first, len(tokens)))
        doc.tokens, doc.sent_tokens = tokens, spans
        doc.article.sentences = sents
        return doc
