"""The pipeline component: parse the doc's sentences, repair the trees, build the clause view."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from ..nlp.tagger import tagger
from ..records import Doc
from .clauses import build_clauses
from .lexicon import lexicon
from .parser import has_parser, parse_sentences
from .repair import Sentence, repair_sentence
from .retag import retag_participles, retag_verbs

log = logging.getLogger(__name__)

# (doc, sentence index) -> parse this sentence? A cheap prefilter, e.g. "holds a candidate predicate".
SentenceFilter = Callable[[Doc, int], bool]


def parse_doc(doc: Doc, select: SentenceFilter | None = None) -> Doc:
    """Fill `head`/`dep` on the tokens of (selected) sentences and `doc.clauses`.

    Sentences that `select` turns down keep head -1 and dep "", and have no clauses. A language without a
    parser leaves the doc as it is (logged once per call).
    """
    doc.clauses = []
    for t in doc.tokens:
        t.head, t.dep = -1, ""
    if not has_parser(doc.language):
        log.info("no parser for language %r: %s left unparsed", doc.language, doc.article.id)
        return doc
    chosen = [
        i for i, (lo, hi) in enumerate(doc.sent_tokens) if hi > lo and (select is None or select(doc, i))
    ]
    if not chosen:
        return doc
    toks = doc.tokens
    batch = []
    for i in chosen:
        lo, hi = doc.sent_tokens[i]
        retag_verbs(doc, lo, hi)
        retag_participles(doc, lo, hi)
        sent = toks[lo:hi]
        spaces = [sent[k].end < sent[k + 1].start for k in range(len(sent) - 1)] + [False]
        batch.append(_plain([t.text for t in sent], spaces, [t.tag for t in sent], doc.language))
    lex = lexicon(doc.language)
    for i, parsed in zip(chosen, parse_sentences(doc.language, batch), strict=True):
        lo, hi = doc.sent_tokens[i]
        for k, (head, dep) in enumerate(zip(parsed.heads, parsed.deps, strict=True)):
            toks[lo + k].head = lo + head
            toks[lo + k].dep = "root" if dep == "ROOT" else dep
        s = Sentence(toks, lo, hi, lex)
        repair_sentence(s)
        doc.clauses.extend(build_clauses(s))
    return doc


# Typographic quotation marks and dashes, which the tagger does not know ("„" comes out FM, "–" XY), are
# shown to the parser as the straight ones of its training text, with their tags ("’" stays: it is also
# the apostrophe).
PLAIN_PUNCT = {q: '"' for q in ("„", "“", "”", "‟", "«", "»", "‹", "›", "‚", "‘")} | {"–": "-", "—": "-"}


@cache
def _plain_tags(language: str) -> dict[str, str]:
    """The tagger's tags of the plain quotation mark and dash (asked once per language)."""
    return dict(zip(('"', "-"), (t for t, _ in tagger(language).tag(['"', "-"])), strict=True))


def _plain(words: list[str], spaces: list[bool], tags: list[str], language: str) -> tuple:
    if not any(w in PLAIN_PUNCT for w in words):
        return words, spaces, tags
    plain = [PLAIN_PUNCT.get(w, w) for w in words]
    known = _plain_tags(language)
    return (
        plain,
        spaces,
        [known[p] if w in PLAIN_PUNCT else t for w, p, t in zip(words, plain, tags, strict=True)],
    )


class Parse:
    """Dependency parse (trained spaCy parser over SoMaJo tokens + HanTa tags), grammar repairs, clause view.

    `select` is an optional sentence prefilter (see `SentenceFilter`): only the sentences it accepts are
    parsed, which bounds the cost when only some sentences matter downstream.
    """

    name = "parse"
    requires = ("doc.tokens",)
    assigns = ("doc.tokens.syntax", "doc.clauses")

    def __init__(self, select: SentenceFilter | None = None) -> None:
        self.select = select

    def __call__(self, doc: Doc) -> Doc:
        return parse_doc(doc, self.select)
