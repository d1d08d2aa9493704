"""HTML pages: main text and metadata via trafilatura (boilerplate removal) and htmldate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

MAX_HTML_DEPTH = 2000  # deeper nesting is an HTML bomb, not a news page
MAX_TAGS = 2_000_000
# libxml2 checks an element's attributes for duplicates pair by pair: 200,000 attributes on one tag
# (1.6 MB of HTML) took four minutes. Real pages stay far below this.
MAX_ATTRIBUTES = 1000
_ATTRIBUTE = re.compile(r"""\s[^\s"'<>/=]+\s*=""")
_BIG_TAG = re.compile(r"<[A-Za-z][^<>]{4000,}")


@dataclass(slots=True)
class Extracted:
    text: str
    title: str | None
    published: str | None
    author: str | None
    url: str | None


def _too_deep(html: str) -> bool:
    """Cheap guard before lxml: count unclosed openings of the most common tag."""
    depth = html.count("<div") - html.count("</div")
    return depth > MAX_HTML_DEPTH or html.count("<") > MAX_TAGS


def _too_many_attributes(html: str) -> bool:
    """Any tag with more than MAX_ATTRIBUTES attributes; only long tags (rare) are counted."""
    return any(len(_ATTRIBUTE.findall(m.group())) > MAX_ATTRIBUTES for m in _BIG_TAG.finditer(html))


def extract_html(html: str, name: str) -> Extracted:
    """Main text and metadata of one page, or InputError naming the page and what is wrong with it."""
    if _too_deep(html):
        raise InputError(name, "HTML nesting too deep (likely an HTML bomb)")
    if _too_many_attributes(html):
        raise InputError(
            name, f"an HTML tag with more than {MAX_ATTRIBUTES:,} attributes (likely an HTML bomb)"
        )
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,  # True keeps a cache across documents: a page seen before lost its text
        )
    except Exception as exc:
        raise InputError(name, f"cannot parse HTML: {exc.__class__.__name__}: {exc}") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(name, "no article text found in HTML")
    return Extracted(
        text=text,
        title=getattr(doc, "title", None) or None,
        published=getattr(doc, "date", None) or None,
        author=getattr(doc, "author", None) or None,
        url=getattr(doc, "url", None) or None,
    )
