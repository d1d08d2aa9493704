"""A fetch run: resolve the sources (pages, feeds, sitemaps) into pages, fetch each page not seen
before, and hand them to the batch as raw documents. Each URL is stored once: the article id is the
SHA-256 of its canonical URL, a page whose content is already stored under another URL is left, and
a source fetched before is asked again with its validators (ETag / Last-Modified)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..errors import InputError
from ..ingest.decode import Decoded, decode_document, is_binary
from ..ingest.sources import Item, Notice, RawDoc
from ..store.db import Store
from ..store.fetched import FetchState, fetch_states, record_fetches
from ..store.write import stored_hashes
from .discover import PageLink, canonical_url, feed_links, iter_unique, kind_of, sitemap_links, url_id
from .http import PAGE_TYPES, SOURCE_TYPES, Fetched, Fetcher

MAX_CHILD_SITEMAPS = 50


@dataclass
class FetchReport:
    sources: int = 0
    pages: int = 0  # page URLs found (given, or listed by feeds and sitemaps)
    fetched: int = 0  # pages downloaded
    not_modified: int = 0  # sources or pages answered with 304
    seen: int = 0  # pages skipped: stored (or refused by the analysis) before
    duplicates: int = 0  # pages whose content is stored under another URL
    failed: int = 0

    def line(self) -> str:
        return (
            f"sources {self.sources} · pages {self.pages} · fetched {self.fetched} · seen before {self.seen} · "
            f"not modified {self.not_modified} · same content {self.duplicates} · failed to fetch {self.failed}"
        )


@dataclass
class Plan:
    """What a run will fetch: documents already in hand (pages given as sources) and links to fetch."""

    ready: list[Item] = field(default_factory=list)
    links: list[PageLink] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(1 for x in self.ready if not isinstance(x, Notice)) + len(self.links)


@dataclass
class Crawl:
    """One run over some sources into one store."""

    store: Store
    fetcher: Fetcher
    max_pages: int = 1000  # pages fetched per run; a big sitemap is read over several runs
    on_skip: Callable[[int], None] | None = None
    stop: threading.Event | None = None  # set: fetch no further page
    report: FetchReport = field(default_factory=FetchReport)
    _sources: list[FetchState] = field(default_factory=list)
    _complete: bool = True  # every listed page is fetched in this run (else no 304 next time)

    # --- phase 1: sources -----------------------------------------------------------------------

    def plan(self, sources: list[str]) -> Plan:
        plan = Plan()
        for url in sources:
            self.report.sources += 1
            try:
                self._resolve(url, plan, depth=0)
            except InputError as exc:
                self.report.failed += 1
                plan.ready.append(exc)
        links = list(iter_unique(plan.links))
        self.report.pages += len(links)
        unseen = self._unseen(links)
        plan.links = unseen[: self.max_pages]  # a big sitemap is read over several runs
        self._complete = len(unseen) <= self.max_pages
        return plan

    def _unseen(self, links: list[PageLink]) -> list[PageLink]:
        """The links not fetched before with an outcome (stored, or refused by the analysis)."""
        states = fetch_states(self.store, [canonical_url(link.url) for link in links])
        fresh = [link for link in links if not (s := states.get(canonical_url(link.url))) or not s.seen]
        self.report.seen += len(links) - len(fresh)
        return fresh

    def _resolve(self, url: str, plan: Plan, depth: int) -> None:
        key = canonical_url(url)
        state = fetch_states(self.store, [key]).get(key)
        conditional = state is not None and (state.kind != "page" or state.stored)
        fetched = self.fetcher.get(
            url, types=SOURCE_TYPES, etag=state.etag if conditional else None,
            last_modified=state.last_modified if conditional else None,
        )  # fmt: skip
        if fetched.not_modified:
            self.report.not_modified += 1
            return
        kind = kind_of(fetched.body, fetched.content_type)
        if kind == "page":
            self.report.pages += 1
            plan.ready.extend(self._page(PageLink(url), fetched))
            return
        self._sources.append(FetchState(key, kind, fetched.status, canonical_url(fetched.url), etag=fetched.etag,
                                        last_modified=fetched.last_modified))  # fmt: skip
        if kind == "feed":
            plan.links += feed_links(fetched.body, fetched.url, {"content-type": fetched.content_type})
            return
        pages, children = sitemap_links(fetched.body, fetched.url)
        plan.links += pages
        if depth < 2:
            for child in children[:MAX_CHILD_SITEMAPS]:
                self._resolve(child, plan, depth + 1)

    # --- phase 2: pages ---------------------------------------------------------------------------

    def pages(self, links: list[PageLink]) -> Iterator[Item]:
        """Fetch each link; yield its raw document, or the error that stopped it."""
        for link in links:
            if self.stop is not None and self.stop.is_set():
                self._complete = False
                return
            try:
                fetched = self.fetcher.get(link.url, types=PAGE_TYPES)
            except InputError as exc:
                self.report.failed += 1
                yield exc
                continue
            yield from self._page(link, fetched)

    def _page(self, link: PageLink, fetched: Fetched) -> list[Item]:
        """The raw document of a fetched page (or a note why it is left), its fetch recorded."""
        self.report.fetched += 1
        final = canonical_url(fetched.url)
        try:
            decoded = decode_body(fetched, final)
        except InputError as exc:
            return [exc]
        is_html = fetched.content_type != "text/plain"
        raw = RawDoc(
            name=final, html=decoded.text if is_html else None, text=None if is_html else decoded.text,
            id=url_id(final), title=link.title, published=link.published, url=final, source=link.source,
        )  # fmt: skip
        record_fetches(self.store, [FetchState(canonical_url(link.url), "page", fetched.status, final, raw.id,
                                               raw.content_hash, fetched.etag, fetched.last_modified)])  # fmt: skip
        other = stored_hashes(self.store, [raw.content_hash]).get(raw.content_hash)
        if other is not None and other != raw.id:
            self.report.duplicates += 1
            self._skipped()
            return [Notice(final, f"same content as the stored article {other}; not stored again")]
        note = decoded.note()
        if note:
            raw.notes = (Notice(final, note[1], note[0]),)
        return [raw]

    def _skipped(self) -> None:
        if self.on_skip:
            self.on_skip(1)

    def finish(self) -> None:
        """Remember the sources' validators, so the next run asks with If-None-Match/If-Modified-Since.
        Called after the pages are stored: an interrupted run asks for its feeds again, and so does a
        run that left pages for the next one (max_pages)."""
        if not self._complete:
            for state in self._sources:
                state.etag = state.last_modified = None
        record_fetches(self.store, self._sources)
        self._sources = []


def decode_body(fetched: Fetched, name: str) -> Decoded:
    """A response body as text: in the charset the server declared when the bytes fit it, else as a
    file is read (UTF-8 first, a legacy code page only for bytes that are not mostly UTF-8)."""
    charset = (fetched.charset or "").lower()
    if charset and charset.replace("_", "-") not in ("utf-8", "utf8"):
        try:
            text = fetched.body.decode(charset)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if text.strip() and not is_binary(text):
                return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), charset)
    return decode_document(fetched.body, name)
