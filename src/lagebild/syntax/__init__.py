"""Syntax: a dependency parse of each sentence and a clause view (predicate, subject, objects, agent …).

    from lagebild.syntax import Parse, parse_doc, conjuncts, phrase_span
    doc = parse_doc(doc)                  # or Parse()(doc) as a pipeline component after Tokenize
    for c in doc.clauses: ...             # one Clause per verbal predicate; indices into doc.tokens

See docs/syntax.md for the design, the role mapping to Universal Dependencies and the figures.
"""

from __future__ import annotations

from .clauses import Clause, ClauseKind, Mood, Voice, describe
from .component import Parse, SentenceFilter, parse_doc
from .tree import case_marker, conjuncts, noun_dependents, phrase_span, subtree

__all__ = [
    "Clause",
    "ClauseKind",
    "Mood",
    "Parse",
    "SentenceFilter",
    "Voice",
    "case_marker",
    "conjuncts",
    "describe",
    "noun_dependents",
    "parse_doc",
    "phrase_span",
    "subtree",
]
