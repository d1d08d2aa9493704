"""HTML pages: main text and metadata via trafilatura (boilerplate removal), checked against what the
page declares about itself (`pagemeta`, `repair`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..adapters import trafilatura
from ..errors import InputError
from . import repair
from .pagemeta import PageMeta, read_page_meta
from .repair import Repair

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
    repairs: list[Repair] = field(default_factory=list)  # notes and warnings about this page


def _too_deep(html: str) -> bool:
    """Cheap guard before lxml: count unclosed openings of the most common tag."""
    depth = html.count("<div") - html.count("</div")
    return depth > MAX_HTML_DEPTH or html.count("<") > MAX_TAGS


def _too_many_attributes(html: str) -> bool:
    """Any tag with more than MAX_ATTRIBUTES attributes; only long tags (rare) are counted."""
    return any(len(_ATTRIBUTE.findall(m.group())) > MAX_ATTRIBUTES for m in _BIG_TAG.finditer(html))


def extract_html(html: str, name: str, *, url: str | None = None) -> Extracted:
    """Main text and metadata of one page, or InputError naming the page and what is wrong with it.

    trafilatura finds the text and metadata; `repair` checks them against what the page declares
    (JSON-LD, meta tags, the visible date) and notes every change.
    """
    if _too_deep(html):
        raise InputError(name, "HTML nesting too deep (likely an HTML bomb)")
    if _too_many_attributes(html):
        raise InputError(
            name, f"an HTML tag with more than {MAX_ATTRIBUTES:,} attributes (likely an HTML bomb)"
        )
    try:
        tree = trafilatura.parse_html(html)
        if tree is None:
            raise InputError(name, "no article text found in HTML")
        meta = read_page_meta(tree, url)
        repair.join_broken_lines(tree)
        found = trafilatura.extract(tree, url=url or meta.url)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(name, f"cannot parse HTML: {exc.__class__.__name__}: {exc}") from None
    return _checked(found, meta, name)


def _checked(found: trafilatura.TrafilaturaResult | None, meta: PageMeta, name: str) -> Extracted:
    text, repairs = repair.choose_body(found.text if found else None, meta)
    if not text or not text.strip():
        raise InputError(name, "no article text found in HTML")
    repairs += repair.short_body(text)
    return Extracted(
        text=text,
        title=repair.choose_title(found.title if found else None, meta),
        published=repair.choose_date(found.date if found else None, meta),
        author=repair.choose_author(found.author if found else None, meta),
        url=(found.url if found else None) or meta.url,
        repairs=repairs,
    )
