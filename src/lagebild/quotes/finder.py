"""The quotation stage: direct quotes (by marks) and indirect speech (by cue), each with cue and speaker.

Rule ids kept in `Quote.rule` (docs/quotes.md has a table with examples):
direct-after, direct-anaphor, direct-before, direct-before-name, direct-frame-line, direct-*-subject,
direct-inside, direct-in-indirect, direct-source, direct-reported, direct-continue, direct-bare;
indirect-verb, indirect-quote-first, indirect-so, indirect-source, indirect-noun, indirect-anaphor.
The rules live in `direct.py` and `indirect.py`, their shared document state in `context.py`, cue and
speaker grammar in `frames.py`, pronoun resolution in `resolve.py`.
"""

from __future__ import annotations

from ..records import Doc, Quote
from .direct import DirectRules
from .indirect import IndirectRules
from .resolve import resolve_pronoun


class FindQuotes:
    """Fill `doc.article.quotes` with direct and indirect quotations, their cue and speaker."""

    name = "quotes"
    requires = ("doc.tokens", "article.sentences", "article.entities", "doc.mentions")
    assigns = ("article.quotes",)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.tokens:
            doc.article.quotes = []
            return doc
        doc.article.quotes = _Finder(doc).run()
        return doc


class _Finder(DirectRules, IndirectRules):
    """Indirect rules run first: a partial direct quote inside a reported clause takes its speaker."""

    def run(self) -> list[Quote]:
        indirect = self.indirect()
        quotes = self.direct(indirect) + indirect
        quotes.sort(key=lambda q: (q.start, q.end))
        resolve_pronoun(self.doc, quotes)
        return quotes
