"""HTML pages: main text and metadata via trafilatura (boilerplate removal) and htmldate."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError

MAX_HTML_DEPTH = 2000  # deeper nesting is an HTML bomb, not a news page


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
    return depth > MAX_HTML_DEPTH or html.count("<") > 2_000_000


def extract_html(html: str, name: str) -> Extracted:
    if _too_deep(html):
        raise InputError(name, "HTML nesting too deep (likely an HTML bomb)")
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=True,
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
