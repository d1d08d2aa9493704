"""From a raw document to the text the pipeline analyses: HTML extracted (with its notes), and the
publication date settled: the input's own date (a JSON record's `published`, a feed item's date, the
page's date) wins; `default_published` (`--published`) is only for inputs without one."""

from __future__ import annotations

from dataclasses import replace

from .html import extract_html
from .sources import Notice, RawDoc


def extract_page(raw: RawDoc) -> tuple[RawDoc, list[Notice]]:
    """The document as text with its metadata settled, and the notes and warnings about it.

    The result keeps the input's id (`doc_id()` of the original, so an HTML page keeps the id its
    HTML gave it); the caller keeps the original's content hash.
    """
    if raw.html is None:
        return replace(raw, id=raw.doc_id(), published=raw.published or raw.default_published), []
    ex = extract_html(raw.html, raw.name, url=raw.url)
    notices = [Notice(raw.name, r.message, r.level) for r in ex.repairs]
    page = RawDoc(
        name=raw.name,
        text=ex.text,
        id=raw.doc_id(),
        title=raw.title or ex.title,
        published=raw.published or ex.published or raw.default_published,
        url=raw.url or ex.url,
        source=raw.source,
        language=raw.language,
        author=raw.author or ex.author,
    )
    return page, notices
