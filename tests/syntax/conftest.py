"""Fixtures for lagebild.syntax: parse a text with the shipped models, or build a parsed doc by hand."""

from __future__ import annotations

import pytest

from lagebild.records import Article, Doc, Sentence, Token


@pytest.fixture(scope="session")
def parse():
    """text, language -> Doc tokenised, tagged and parsed as the pipeline does (Tokenize, then Parse)."""
    from lagebild.nlp import Tokenize
    from lagebild.syntax import Parse

    def run(text: str, language: str = "de", select=None) -> Doc:
        doc = Tokenize()(Doc(Article(id="t", text=text, language=language)))
        return Parse(select)(doc)

    return run


def tree_doc(language: str, rows: list[tuple[str, str, str, int, str]]) -> Doc:
    """A one-sentence doc from CoNLL-U-like rows (text, tag, lemma, head 1-based or 0 for the root, label).

    For testing the rules on a given tree, without the parser.
    """
    tokens, text, pos = [], "", 0
    for i, (word, tag, lemma, head, dep) in enumerate(rows):
        tokens.append(Token(word, pos, pos + len(word), tag, lemma, 0, i if head == 0 else head - 1, dep))
        text += word + " "
        pos += len(word) + 1
    doc = Doc(
        Article(id="t", text=text.rstrip(), language=language), tokens=tokens, sent_tokens=[(0, len(tokens))]
    )
    doc.article.sentences = [Sentence(0, len(text.rstrip()))]
    return doc


def analyse(doc: Doc):
    """Repair rules + clause view over a hand-built tree (what Parse does after the parser)."""
    from lagebild.syntax.clauses import build_clauses
    from lagebild.syntax.lexicon import lexicon
    from lagebild.syntax.repair import Sentence as Sent
    from lagebild.syntax.repair import repair_sentence

    s = Sent(doc.tokens, 0, len(doc.tokens), lexicon(doc.language))
    fired = repair_sentence(s)
    doc.clauses = build_clauses(s)
    return doc, fired


def clause_of(doc: Doc, word: str):
    """The clause whose predicate (or predicative) is the token `word`."""
    for c in doc.clauses:
        for i in (c.predicate, c.predicative):
            if i is not None and doc.tokens[i].text == word:
                return c
    raise AssertionError(f"no clause for {word!r}: {[doc.tokens[c.predicate].text for c in doc.clauses]}")


def word(doc: Doc, i: int | None) -> str | None:
    return None if i is None else doc.tokens[i].text


@pytest.fixture
def tree():
    return tree_doc


@pytest.fixture
def rules():
    return analyse


@pytest.fixture
def clause():
    return clause_of


@pytest.fixture
def w():
    return word
