"""What a news page says about itself, read before extraction: JSON-LD, meta tags, `<title>`, `<h1>`,
the visible `<time>`, and the names the site goes by. `repair.py` uses these to check trafilatura.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

ARTICLE_TYPES = frozenset(
    t.casefold()
    for t in (
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "BlogPosting", "LiveBlogPosting",
        "Report", "ScholarlyArticle", "TechArticle", "SatiricalArticle",
    )
)  # fmt: skip
SITE_TYPES = frozenset(
    t.casefold() for t in ("Organization", "NewsMediaOrganization", "WebSite", "Corporation")
)
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publication_date", "dc.date.issued", "dcterms.issued", "sailthru.date",
    "parsely-pub-date", "date",
)  # fmt: skip
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site", "publisher")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HIDDEN = "ancestor::nav or ancestor::footer or ancestor::aside"


@dataclass(slots=True)
class PageMeta:
    """Metadata candidates of one page; every field may be missing."""

    body: str | None = None  # JSON-LD articleBody
    headline: str | None = None  # JSON-LD headline
    published: str | None = None  # JSON-LD datePublished, else a published-time meta tag (YYYY-MM-DD)
    visible_date: str | None = None  # the first <time> of the article shown to the reader (YYYY-MM-DD)
    authors: list[str] = field(default_factory=list)  # JSON-LD author names
    og_title: str | None = None
    title_tag: str | None = None
    h1: str | None = None
    url: str | None = None  # canonical link or og:url
    site_names: set[str] = field(default_factory=set)  # og:site_name, JSON-LD publisher, host labels


def read_page_meta(tree, url: str | None = None) -> PageMeta:
    """Read the candidates from a parsed page (the tree is not changed)."""
    meta = PageMeta()
    for obj in _jsonld_objects(tree):
        _take_jsonld(meta, obj)
    tags = _meta_tags(tree)
    meta.og_title = tags.get("og:title")
    meta.published = meta.published or next((d for k in PUBLISHED_META if (d := iso_day(tags.get(k)))), None)
    meta.site_names |= {tags[k].lstrip("@") for k in SITE_META if tags.get(k)}
    meta.title_tag = _text(tree.find(".//title"))
    h1s = [t for h in tree.iter("h1") if (t := _text(h))]
    meta.h1 = h1s[0] if len(h1s) == 1 else None
    meta.visible_date = _visible_date(tree)
    meta.url = _canonical(tree) or tags.get("og:url") or url
    meta.site_names |= host_labels(meta.url) | host_labels(url)
    meta.site_names = {n for n in (normalize_space(s) for s in meta.site_names) if n}
    return meta


def normalize_space(text: str | None) -> str:
    return " ".join((text or "").split())


def iso_day(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO date or timestamp (what meta tags and JSON-LD hold); None otherwise."""
    m = _ISO_DATE.match((value or "").strip())
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    try:
        return date(year, month, day).isoformat() if 1990 <= year <= 2100 else None
    except ValueError:
        return None


def host_labels(url: str | None) -> set[str]:
    """The names a host goes by: 'www.dw.com' -> {'dw.com', 'dw'}; 'www.spiegel.de' -> {'spiegel.de', 'spiegel'}."""
    host = urlsplit(url or "").hostname or ""
    parts = [p for p in host.split(".") if p and p != "www"]
    if len(parts) < 2:
        return set()
    return {".".join(parts[-2:]), parts[-2]}


def _text(el) -> str | None:
    if el is None:
        return None
    return normalize_space(el.text_content()) or None


def _meta_tags(tree) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().casefold()
        value = (el.get("content") or el.get("datetime") or "").strip()
        if key and value and key not in out:
            out[key] = value
    return out


def _canonical(tree) -> str | None:
    for el in tree.iter("link"):
        if "canonical" in (el.get("rel") or "").casefold().split() and el.get("href", "").startswith("http"):
            return el.get("href").strip()
    return None


def _visible_date(tree) -> str | None:
    """The first date shown with the article: a <time> marked as the publication date, else the first
    <time> in the <article> or its <header>, else a short date line there (an element whose class
    says date, 'Stand: 10.06.2023'); never one in navigation, asides or the footer."""
    marked = tree.xpath(f'//time[(@itemprop="datePublished" or @pubdate) and not({_HIDDEN})]')
    shown = tree.xpath(f"(//article//time | //header//time)[not({_HIDDEN})]")
    for el in [*marked, *shown]:
        day = iso_day(el.get("datetime")) or iso_day(el.get("content")) or shown_day(_text(el))
        if day:
            return day
    labelled = tree.xpath(f"(//article | //header)//*[{_DATE_CLASS}][not({_HIDDEN})]")
    for el in labelled:
        text = _text(el)
        if text and len(text) <= 80 and (day := shown_day(text)):
            return day
    return None


_DATE_CLASS = " or ".join(
    f'contains(translate(@{attr}, "DATUMPUBLISHED", "datumpublished"), "{word}")'
    for attr in ("class", "itemprop")
    for word in ("date", "datum", "publish")
)
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("januar", "jänner", "january", "jan"), ("februar", "february", "feb"), ("märz", "march", "mär", "mar"),
            ("april", "apr"), ("mai", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
            ("august", "aug"), ("september", "sept", "sep"), ("oktober", "october", "okt", "oct"),
            ("november", "nov"), ("dezember", "december", "dez", "dec"),
        ),
        1,
    )
    for m in names
}  # fmt: skip
_NUMERIC_DAY = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")  # 10.06.2023: day first
_NAMED_DAY = re.compile(r"\b(\d{1,2})\.?\s+([A-Za-zÄÖÜäöü]+)\.?\s+(\d{4})\b")  # 10. Juni 2023
_NAMED_MONTH_FIRST = re.compile(r"\b([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")  # June 10, 2023


def shown_day(text: str | None) -> str | None:
    """YYYY-MM-DD from a date as pages show it: ISO, '10.06.2023' (day first, as in German),
    '10. Juni 2023', '10 June 2023', 'June 10, 2023'; None when there is none."""
    text = text or ""
    if m := _ISO_DATE.search(text):
        return iso_day(m.group(0))
    if m := _NUMERIC_DAY.search(text):
        return _day(m[3], m[2], m[1])
    if (m := _NAMED_DAY.search(text)) and m[2].casefold() in _MONTHS:
        return _day(m[3], _MONTHS[m[2].casefold()], m[1])
    if (m := _NAMED_MONTH_FIRST.search(text)) and m[1].casefold() in _MONTHS:
        return _day(m[3], _MONTHS[m[1].casefold()], m[2])
    return None


def _day(year, month, day) -> str | None:
    return iso_day(f"{int(year):04d}-{int(month):02d}-{int(day):02d}")


def _jsonld_objects(tree) -> Iterator[dict]:
    """Every JSON object in the page's JSON-LD blocks, including @graph members and nested mainEntity."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().casefold() != "application/ld+json":
            continue
        raw = (script.text or "").strip().removeprefix("<![CDATA[").removesuffix("]]>")
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue
        yield from _walk(data, 0)


def _walk(data, depth: int) -> Iterator[dict]:
    if depth > 4:
        return
    items = data if isinstance(data, list) else [data]
    for item in items:
        if not isinstance(item, dict):
            continue
        yield item
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(item.get(key), dict | list):
                yield from _walk(item[key], depth + 1)


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    values = t if isinstance(t, list) else [t]
    return {v.casefold() for v in values if isinstance(v, str)}


def _take_jsonld(meta: PageMeta, obj: dict) -> None:
    types = _types(obj)
    if types & SITE_TYPES and isinstance(obj.get("name"), str):
        meta.site_names.add(obj["name"])
    if not types & ARTICLE_TYPES:
        return
    publisher = obj.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        meta.site_names.add(publisher["name"])
    if meta.body is None and isinstance(obj.get("articleBody"), str) and obj["articleBody"].strip():
        meta.body = clean_body(obj["articleBody"])
    if meta.headline is None and isinstance(obj.get("headline"), str):
        meta.headline = normalize_space(htmllib.unescape(obj["headline"])) or None
    meta.published = meta.published or iso_day(_str(obj.get("datePublished")))
    if not meta.authors:
        meta.authors = list(_names(obj.get("author")))


def _str(value) -> str | None:
    return value if isinstance(value, str) else None


def _names(value) -> Iterator[str]:
    for item in value if isinstance(value, list) else [value]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and normalize_space(name):
            yield normalize_space(name)


_TAG = re.compile(r"<[^<>]{0,2000}>")
_BLOCK_TAG = re.compile(r"</?(p|div|br|h\d|li|blockquote)\b[^<>]{0,2000}>", re.IGNORECASE)


def clean_body(body: str) -> str:
    """articleBody as text: markup some sites leave in it removed (block tags become line breaks),
    entities decoded, spaces inside a line collapsed, paragraphs kept."""
    if "<" in body and ">" in body:
        body = _TAG.sub("", _BLOCK_TAG.sub("\n", body))
    body = htmllib.unescape(body).replace("\r\n", "\n").replace("\r", "\n")
    lines = [normalize_space(line) for line in body.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
