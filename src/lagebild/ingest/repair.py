"""Checks on what trafilatura extracted, each a small named rule: the body against JSON-LD articleBody,
titles without site names, authors that are names, the visible publication date, lines broken
inside a paragraph. Measured on trafilatura's own evaluation pages (eval/extraction_eval.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..resources import read_tsv
from .pagemeta import PageMeta, normalize_space

# A body shorter than this is worth a warning: a caption or a teaser, not an article.
SHORT_BODY_CHARS = 300
# JSON-LD articleBody replaces the extracted text when that is shorter than this share of it.
JSONLD_BODY_SHARE = 0.5
JSONLD_BODY_MIN_CHARS = 200
# trafilatura's date older than the page's shown or declared publication date by more than this is a
# CMS creation date, not the article's.
STALE_DAYS = 2

_TITLE_SEPARATOR = re.compile(r"\s+(?:[|»«·•:/]|::|[-–—])\s+")
_DATE_LIKE = re.compile(r"^\d{1,4}([./-]\d{1,2}){1,2}[./-]?\d{0,4}$")
_SENTENCE_END = re.compile(r"[.!?:;…\"'“”»«)]\s*$")
_SITE_SUFFIXES = frozenset({"online", "de", "at", "ch", "com", "net", "org", "news", "digital", "plus"})
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||,|\bund\b|\band\b|&)\s*")


@dataclass(frozen=True, slots=True)
class Repair:
    """One change made to what trafilatura gave, with the reason (reported as a note or warning)."""

    level: str  # note | warning
    message: str


@cache
def _words() -> dict[str, frozenset[str]]:
    rows = read_tsv("ingest", "data", "page_words.tsv", required=("kind", "word"))
    kinds: dict[str, set[str]] = {}
    for row in rows:
        kinds.setdefault(row["kind"], set()).add(row["word"].casefold())
    return {k: frozenset(v) for k, v in kinds.items()}


def fold(text: str | None) -> str:
    """Compare names loosely: case, punctuation and spacing ignored."""
    return re.sub(r"[\W_]+", "", (text or "").casefold())


# --- body -----------------------------------------------------------------------------------------


def choose_body(extracted: str | None, meta: PageMeta) -> tuple[str | None, list[Repair]]:
    """The extracted text, or JSON-LD articleBody when the extraction lost most of the article."""
    text = (extracted or "").strip()
    body = meta.body or ""
    if len(body) >= JSONLD_BODY_MIN_CHARS and len(text) < JSONLD_BODY_SHARE * len(body):
        note = Repair("note", f"main text taken from the page's JSON-LD articleBody ({len(body):,} characters; "
                              f"the page's HTML gave {len(text):,})")  # fmt: skip
        return body, [note]
    return (text or None), []


def short_body(text: str) -> list[Repair]:
    """A warning when what is left is too short to be an article (a caption, a teaser, a paywall stub)."""
    n = len(text.strip())
    if n < SHORT_BODY_CHARS:
        return [Repair("warning", f"suspiciously short article text ({n} characters): the page's main text "
                                  "may not have been found")]  # fmt: skip
    return []


# --- title ----------------------------------------------------------------------------------------


def is_site_name(segment: str, meta: PageMeta) -> bool:
    """'DW', 'CNET.de', 'SPIEGEL ONLINE', 'Süddeutsche.de' for pages of those sites."""
    f = fold(segment)
    if not f:
        return False
    names = {fold(n) for n in meta.site_names}
    if f in names:
        return True
    words = set(re.findall(r"\w+", segment.casefold()))
    labels = {n.casefold() for n in meta.site_names if "." not in n and " " not in n}
    return bool(words & labels) and words - labels <= _SITE_SUFFIXES


def _junk_segment(segment: str, meta: PageMeta) -> bool:
    s = segment.strip()
    return (
        not s or _DATE_LIKE.match(s) is not None or is_site_name(s, meta) or s.casefold() in _words()["title"]
    )


def strip_site(title: str | None, meta: PageMeta) -> str | None:
    """Drop site names, dates and section labels from the ends of a title ('… | DW | 10.06.2020')."""
    title = normalize_space(title)
    if not title:
        return None
    parts = _TITLE_SEPARATOR.split(title)
    seps = _TITLE_SEPARATOR.findall(title)
    start, end = 0, len(parts)
    while end - start > 1 and _junk_segment(parts[end - 1], meta):
        end -= 1
    while end - start > 1 and _junk_segment(parts[start], meta):
        start += 1
    if end - start == 1 and _junk_segment(parts[start], meta):
        return None
    out = parts[start]
    for i in range(start + 1, end):
        out += seps[i - 1] + parts[i]
    return out.strip() or None


def choose_title(extracted: str | None, meta: PageMeta) -> str | None:
    """trafilatura's title without site names; when that is only the site's name (or nothing), the
    JSON-LD headline, og:title, the one <h1> or the <title> element, cleaned the same way."""
    for candidate in (extracted, meta.headline, meta.og_title, meta.h1, meta.title_tag):
        title = strip_site(candidate, meta)
        if title:
            return title
    return normalize_space(extracted) or None


# --- author ---------------------------------------------------------------------------------------


def _strip_prefix(part: str) -> str:
    words = part.split()
    prefixes = _words()["author_prefix"]
    while len(words) > 2 and words[0].rstrip(":").casefold() in prefixes:
        words = words[1:]
    return " ".join(words).strip(" :")


def _boilerplate(part: str) -> bool:
    """A share button, a legal name, a CMS label: no author ('So Artikel Empfehlen', '… GmbH')."""
    junk = _words()["author"]
    words = part.split()
    return (
        not 1 <= len(words) <= 6
        or any(w.strip(".,:()").casefold() in junk for w in words)
        or re.search(r"\d|@|https?:|www\.", part) is not None
    )


def choose_author(extracted: str | None, meta: PageMeta) -> str | None:
    """Authors as '; '-separated names. Boilerplate parts ('So Artikel Empfehlen', 'SPIEGEL ONLINE',
    '… GmbH') are dropped, and with them the one-word places such lists carry ('SPIEGEL ONLINE;
    Hamburg; Germany'); the site's own name is dropped beside a person's ('Rob Picheta; CNN') but
    kept alone (a blog's author is often its name)."""
    raw = extracted or "; ".join(meta.authors)
    parts = [_strip_prefix(p) for p in _AUTHOR_SPLIT.split(normalize_space(raw)) if p.strip()]
    kept = [p for p in parts if not _boilerplate(p)]
    people = [p for p in kept if not is_site_name(p, meta)]
    if people:
        kept = people
    if len(kept) < len(parts):
        kept = [p for p in kept if len(p.split()) > 1]
    return "; ".join(dict.fromkeys(kept)) or None


# --- date -----------------------------------------------------------------------------------------


def choose_date(extracted: str | None, meta: PageMeta) -> str | None:
    """trafilatura's date (htmldate), unless it is older than both the date the page shows and the one
    it declares as published, by more than `STALE_DAYS`: htmldate prefers the oldest date on a page,
    and a CMS `dateCreated` can be years older than the article. Then the shown date wins."""
    declared = [d for d in (meta.visible_date, meta.published) if d]
    if not extracted:
        return declared[0] if declared else None
    if declared and all(_days_between(extracted, d) > STALE_DAYS for d in declared):
        return declared[0]
    return extracted


def _days_between(earlier: str, later: str) -> int:
    try:
        return (date.fromisoformat(later[:10]) - date.fromisoformat(earlier[:10])).days
    except ValueError:
        return 0


# --- lines broken inside a paragraph --------------------------------------------------------------


def join_broken_lines(tree) -> int:
    """Inside a <p>, a <br> after words that do not end a sentence is a hard wrap (zeit.de, print
    layouts), not a paragraph break: it becomes a space. Returns how many were joined."""
    joined = 0
    for br in list(tree.iter("br")):
        parent = br.getparent()
        if parent is None or parent.tag != "p":
            continue
        before = _text_before(br)
        if before.strip() and not _SENTENCE_END.search(before):
            _replace_with_space(br)
            joined += 1
    return joined


def _text_before(br) -> str:
    prev = br.getprevious()
    if prev is None:
        return br.getparent().text or ""
    return prev.tail or prev.text_content() or ""


def _replace_with_space(br) -> None:
    parent = br.getparent()
    tail = " " + (br.tail or "")
    prev = br.getprevious()
    if prev is None:
        parent.text = (parent.text or "").rstrip() + tail
    else:
        prev.tail = (prev.tail or "").rstrip() + tail
    parent.remove(br)
