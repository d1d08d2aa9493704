"""Fetch pages, RSS/Atom feeds and sitemaps from the web into the store; watch them for new items.

`fetch_into` runs once: the sources are resolved into pages (`crawl.Crawl.plan`), each page not seen
before is fetched politely (`http.Fetcher`) and goes through the same batch as local files
(`batch.ingest_items`). `watch` repeats it every so many seconds.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from ..batch import Callbacks, IngestReport, ingest_items
from ..ingest.sources import RawDoc
from ..store.db import Store
from .crawl import Crawl, FetchReport
from .http import Fetcher, FetchError, FetchOptions

__all__ = ["FetchError", "FetchOptions", "FetchReport", "Fetcher", "fetch_into", "watch"]


def fetch_into(
    store: Store,
    sources: list[str],
    *,
    analyzer: Any,
    fetcher: Fetcher,
    batch_size: int = 8,
    max_pages: int = 1000,
    callbacks: Callbacks | None = None,
    on_total: Callable[[int], None] | None = None,
    default_published: str | None = None,
    language: str | None = None,
    stop: threading.Event | None = None,
) -> tuple[FetchReport, IngestReport]:
    """Fetch the sources' new pages, analyse and store them; report both sides. When `stop` is set,
    no further page is fetched; what was fetched is still analysed and stored."""
    calls = callbacks or Callbacks()
    crawl = Crawl(store, fetcher, max_pages=max_pages, on_skip=calls.progress, stop=stop)
    plan = crawl.plan(sources)
    if on_total:
        on_total(plan.total)
    items = (
        _with_options(x, default_published, language)
        for x in itertools.chain(plan.ready, crawl.pages(plan.links))
    )
    report = ingest_items(items, store, analyzer, batch_size=batch_size, callbacks=calls)
    crawl.finish()
    return crawl.report, report


def _with_options(item, published: str | None, language: str | None):
    """`--published` and `--language` on each fetched document (a page's own date still wins)."""
    if isinstance(item, RawDoc):
        item.default_published = published
        item.language = item.language or language
    return item


def watch(
    store: Store,
    sources: list[str],
    *,
    every: float,
    rounds: int | None = None,
    stop: threading.Event | None = None,
    **kwargs,
) -> Iterator[tuple[FetchReport, IngestReport]]:
    """`fetch_into` every `every` seconds (from the start of one round to the next), `rounds` times or
    until `stop` is set; yields each round's reports."""
    stop = stop or threading.Event()
    for n in itertools.count(1):
        started = time.monotonic()
        yield fetch_into(store, sources, stop=stop, **kwargs)
        if (rounds is not None and n >= rounds) or stop.wait(max(0.0, every - (time.monotonic() - started))):
            return
