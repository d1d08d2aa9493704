"""What was fetched from the web: one row per requested URL, for conditional GETs and "seen before"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa

from .db import Store
from .write import registered


@dataclass(slots=True)
class FetchState:
    """The last successful fetch of a URL (as requested, normalised)."""

    url: str
    kind: str  # page, feed, sitemap
    status: int
    canonical_url: str | None = None
    article_id: str | None = None
    content_hash: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    stored: bool = False  # its article is in the store
    failed: bool = False  # its analysis failed after this fetch (an error recorded under its URL)

    @property
    def seen(self) -> bool:
        """Fetched before with an outcome: stored, or refused by the analysis (not worth asking again)."""
        return self.stored or self.failed


COLUMNS = ("url", "canonical_url", "kind", "article_id", "content_hash", "etag", "last_modified", "status")


def fetch_states(store: Store, urls: Iterable[str]) -> dict[str, FetchState]:
    """url -> its last fetch, for the URLs fetched before, with whether its article is stored and
    whether an analysis error was recorded for it since."""
    urls = list(dict.fromkeys(urls))
    if not urls:
        return {}
    with store.session() as con:
        rows = con.execute(
            "SELECT f.url, f.kind, f.status, f.canonical_url, f.article_id, f.content_hash, f.etag, "
            "f.last_modified, a.id IS NOT NULL, EXISTS (SELECT 1 FROM ingest_errors e WHERE e.level = 'error' "
            "AND e.name = f.canonical_url AND e.failed_at >= f.fetched_at) "
            "FROM fetched f LEFT JOIN articles a ON a.id = f.article_id WHERE f.url IN (SELECT unnest(?))",
            [urls],
        ).fetchall()
    return {r[0]: FetchState(*r) for r in rows}


def record_fetches(store: Store, states: Sequence[FetchState]) -> None:
    """Insert or update the fetch rows (one short transaction)."""
    if not states:
        return
    rows = [{c: getattr(s, c) for c in COLUMNS} for s in {s.url: s for s in states}.values()]
    schema = pa.schema([(c, pa.int32() if c == "status" else pa.string()) for c in COLUMNS])
    cols = ", ".join(COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c != "url")
    with store.session(write=True) as con, registered(con, rows, schema) as batch:
        con.execute(
            f"INSERT INTO fetched ({cols}) SELECT {cols} FROM {batch} "
            f"ON CONFLICT (url) DO UPDATE SET {updates}, fetched_at = now()"
        )
