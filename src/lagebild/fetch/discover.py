"""What a fetched source is (a page, an RSS/Atom feed, a sitemap) and the pages it lists."""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

from ..errors import InputError

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_SITEMAP_ROOT = re.compile(rb"<(urlset|sitemapindex)[\s>]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageLink:
    """A page to fetch, with what the feed or sitemap says about it."""

    url: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD as the feed item gives it
    source: str | None = None  # the feed's title, or the sitemap's host


def canonical_url(url: str) -> str:
    """The URL a page is stored under: scheme and host lower-cased, default port, tracking parameters
    (utm_*, fbclid, …) and the fragment dropped, query parameters sorted (courlan)."""
    from courlan import normalize_url

    try:
        normal = normalize_url(url.strip(), strict=False)
    except (ValueError, AttributeError):
        normal = url.strip()
    parts = urlsplit(normal)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def url_id(url: str) -> str:
    """The article id of a fetched page: 16 hex digits of its canonical URL's SHA-256."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def unzip(body: bytes, name: str) -> bytes:
    """A gzipped sitemap (`.xml.gz`), decompressed within the protocol's size limit."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as fh:
            data = fh.read(MAX_SITEMAP_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise InputError(name, f"broken gzip data: {exc}") from None
    if len(data) > MAX_SITEMAP_BYTES:
        raise InputError(name, f"sitemap larger than {MAX_SITEMAP_BYTES:,} bytes uncompressed")
    return data


def kind_of(body: bytes, content_type: str) -> str:
    """'feed', 'sitemap' or 'page', from the document's root element (the content type is often wrong)."""
    head = body[:4096]
    if _SITEMAP_ROOT.search(head):
        return "sitemap"
    if _FEED_ROOT.search(head) or content_type in ("application/rss+xml", "application/atom+xml"):
        return "feed"
    return "page"


# --- feeds ----------------------------------------------------------------------------------------


def feed_links(body: bytes, url: str, headers: dict[str, str] | None = None) -> list[PageLink]:
    """The items of an RSS or Atom feed: link, title and date of each (items without a link are left)."""
    import feedparser

    parsed = feedparser.parse(
        body, response_headers=headers or {}, sanitize_html=False, resolve_relative_uris=False
    )
    if parsed.bozo and not parsed.entries:
        raise InputError(url, f"not a readable feed: {parsed.get('bozo_exception', 'unknown error')}")
    source = _clean(parsed.feed.get("title")) or urlsplit(url).hostname
    out = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        out.append(PageLink(urljoin(url, link), _clean(entry.get("title")), entry_date(entry), source))
    return out


def entry_date(entry) -> str | None:
    """A feed item's date as written (its own time zone, not shifted to UTC): published, else updated."""
    for key in ("published", "updated", "created"):
        day = parse_day(entry.get(key))
        if day:
            return day
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def parse_day(value: str | None) -> str | None:
    """YYYY-MM-DD from an RFC 822 date (RSS) or an ISO 8601 timestamp (Atom, sitemaps)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _clean(text: str | None) -> str | None:
    return " ".join((text or "").split()) or None


# --- sitemaps -------------------------------------------------------------------------------------


def sitemap_links(body: bytes, url: str) -> tuple[list[PageLink], list[str]]:
    """(pages, child sitemaps) of a sitemap or sitemap index; news sitemaps give title and date."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(unzip(body, url), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(url, f"not a readable sitemap: {exc}") from None
    if root is None:
        raise InputError(url, "not a readable sitemap: empty document")
    host = urlsplit(url).hostname
    if _local(root.tag) == "sitemapindex":
        return [], [loc for el in root.iter(f"{SITEMAP_NS}sitemap") if (loc := _loc(el, url))]
    pages = [
        PageLink(loc, _news(el, "title"), parse_day(_news(el, "publication_date")), host)
        for el in root.iter(f"{SITEMAP_NS}url")
        if (loc := _loc(el, url))
    ]
    return pages, []


def _local(tag) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


def _loc(el, base: str) -> str | None:
    loc = el.findtext(f"{SITEMAP_NS}loc")
    return urljoin(base, loc.strip()) if loc and loc.strip() else None


def _news(el, field: str) -> str | None:
    return _clean(el.findtext(f"{NEWS_NS}news/{NEWS_NS}{field}"))


def iter_unique(links: list[PageLink]) -> Iterator[PageLink]:
    """Each canonical URL once (a feed may list a page twice); the first mention wins."""
    seen: set[str] = set()
    for link in links:
        key = canonical_url(link.url)
        if key not in seen:
            seen.add(key)
            yield link
