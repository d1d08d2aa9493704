"""The pipeline: raw document -> cleaned article -> tokens -> actors -> quotes -> events.

Like a spaCy `Language`, a `Pipeline` runs small components over one `Doc`; each component names
what it assigns. Components are built once per process and reused for every document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from .clean import clean_text
from .dates import normalize_date
from .errors import InputError, UnsupportedLanguage
from .ingest.html import extract_html
from .ingest.sources import RawDoc
from .lang import SUPPORTED
from .language import detect_language
from .records import Article, Doc

# Bump when analysis output changes: the store re-analyses articles stored by an older version.
PIPELINE_VERSION = "0.2.0"
# One article's text; longer ones (books, dumps pasted as one document) would hold a batch up for
# minutes (a 1 MB text takes about a minute to analyse) and are refused with a clear error.
MAX_TEXT_CHARS = 500_000


class Component(Protocol):
    name: str
    assigns: tuple[str, ...]

    def __call__(self, doc: Doc) -> Doc: ...


def default_components() -> list[Component]:
    from .actors.linker import LinkActors
    from .events.coder import CodeEvents
    from .nlp import Tokenize
    from .quotes.finder import FindQuotes

    return [Tokenize(), LinkActors(), FindQuotes(), CodeEvents()]


@dataclass
class Pipeline:
    components: Sequence[Component] = field(default_factory=default_components)

    def __call__(self, doc: Doc) -> Doc:
        for component in self.components:
            doc = component(doc)
        return doc

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]


@cache
def default_pipeline() -> Pipeline:
    return Pipeline()


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def prepare(raw: RawDoc) -> Article:
    """Extract (HTML), clean, detect the language: the article before linguistic analysis."""
    title, published, author, url = raw.title, raw.published, None, raw.url
    if raw.html is not None:
        ex = extract_html(raw.html, raw.name)
        body = ex.text
        title = title or ex.title
        published = published or ex.published
        author, url = ex.author, url or ex.url
    else:
        body = raw.text or ""
    if len(body) > MAX_TEXT_CHARS:
        raise InputError(raw.name, f"text too long ({len(body):,} characters; limit {MAX_TEXT_CHARS:,})")
    cleaned = clean_text(body, title=title)
    if not cleaned.text.strip():
        raise InputError(raw.name, "nothing left after cleaning")
    language = raw.language or detect_language(cleaned.text, name=raw.name)
    if language not in SUPPORTED:
        raise UnsupportedLanguage(
            raw.name, f"language {language!r} is not supported (only {', '.join(SUPPORTED)})"
        )
    return Article(
        id=raw.doc_id(),
        text=cleaned.text,
        language=language,
        source=raw.source,
        url=url,
        title=cleaned.title,
        author=author or cleaned.author,
        published=normalize_date(published),
        removed=cleaned.removed,
    )


def analyze_raw(raw: RawDoc, pipeline: Pipeline | None = None) -> Article:
    article = prepare(raw)
    return (pipeline or default_pipeline())(Doc(article)).article


def analyze(
    text: str,
    *,
    language: str | None = None,
    published: str | None = None,
    title: str | None = None,
    html: bool = False,
    pipeline: Pipeline | None = None,
) -> Article:
    """Analyse one text (or HTML page with `html=True`) and return its article record."""
    raw = RawDoc(
        name="<text>",
        text=None if html else text,
        html=text if html else None,
        title=title,
        published=published,
        language=language,
    )
    return analyze_raw(raw, pipeline)
