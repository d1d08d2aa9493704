"""All writes to the store: one transaction per batch, so a killed ingest leaves no half article.

Articles are keyed by id; an article whose content hash and pipeline version are already stored is
skipped, one whose hash or version differs is replaced with its children, never duplicated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import pyarrow as pa

from ..records import Actor, Article, Event, Mention, Quote
from .db import Store
from .stories import refresh_stories, story_groups

ARTICLE_TABLES = ("articles", "entities", "quotes", "events")
CHILD_TABLES = ("entities", "quotes", "events")


def stored_versions(store: Store, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """id -> (content_hash, pipeline_version) for the ids already in the store."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    with store.session() as con:
        rows = con.execute(
            "SELECT id, content_hash, pipeline_version FROM articles WHERE id IN (SELECT unnest(?))", [ids]
        ).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def stored_hashes(store: Store, hashes: Iterable[str]) -> dict[str, str]:
    """content_hash -> id for the hashes some stored article already has (the same page under two URLs)."""
    hashes = list(dict.fromkeys(hashes))
    if not hashes:
        return {}
    with store.session() as con:
        rows = con.execute(
            "SELECT content_hash, min(id) FROM articles WHERE content_hash IN (SELECT unnest(?)) GROUP BY 1",
            [hashes],
        ).fetchall()
    return dict(rows)


def _mention(m: Mention | None, prefix: str) -> dict:
    a = m.actor if m else None
    return {
        f"{prefix}_text": m.text if m else None,
        f"{prefix}_start": m.start if m else None,
        f"{prefix}_end": m.end if m else None,
        f"{prefix}_actor_id": a.id if a else None,
        f"{prefix}_code": a.code if a else None,
    }


def article_row(article: Article, content_hash: str, version: str) -> dict:
    """The `articles` row: metadata columns for SQL plus the whole record as JSON."""
    return {
        "id": article.id,
        "content_hash": content_hash,
        "pipeline_version": version,
        "source": article.source,
        "url": article.url,
        "language": article.language,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "text": article.text,
        "record": json.dumps(article.to_dict(), ensure_ascii=False),
    }


def entity_rows(article: Article) -> list[dict]:
    return [
        {
            "article_id": article.id,
            "idx": i,
            "text": e.text,
            "start_char": e.start,
            "end_char": e.end,
            "type": e.type,
            "role": e.role,
            "actor_id": e.actor.id if e.actor else None,
            "actor_code": e.actor.code if e.actor else None,
        }
        for i, e in enumerate(article.entities)
    ]


def _quote_row(article_id: str, i: int, q: Quote) -> dict:
    speaker = _mention(q.speaker, "speaker")
    del speaker["speaker_code"]
    cue = q.cue
    return {
        "article_id": article_id,
        "idx": i,
        "text": q.text,
        "start_char": q.start,
        "end_char": q.end,
        "kind": q.kind,
        "cue_text": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        **speaker,
        "rule": q.rule,
    }


def quote_rows(article: Article) -> list[dict]:
    return [_quote_row(article.id, i, q) for i, q in enumerate(article.quotes)]


def _event_row(article_id: str, i: int, ev: Event) -> dict:
    return {
        "article_id": article_id,
        "idx": i,
        "code": ev.code,
        "root": ev.root,
        "name": ev.name,
        "plover": ev.plover,
        "goldstein": ev.goldstein,
        **_mention(ev.source, "source"),
        **_mention(ev.target, "target"),
        "date": ev.date,
        "date_text": ev.date_text,
        "date_precision": ev.date_precision,
        "negated": ev.negated,
        "trigger_text": ev.trigger.text,
        "trigger_start": ev.trigger.start,
        "trigger_end": ev.trigger.end,
        "sentence_start": ev.sentence.start,
        "sentence_end": ev.sentence.end,
        "rule": ev.rule,
    }


def event_rows(article: Article) -> list[dict]:
    return [_event_row(article.id, i, ev) for i, ev in enumerate(article.events)]


def article_rows(article: Article, content_hash: str, version: str) -> dict[str, list[dict]]:
    """Rows for every per-article table."""
    return {
        "articles": [article_row(article, content_hash, version)],
        "entities": entity_rows(article),
        "quotes": quote_rows(article),
        "events": event_rows(article),
    }


def _actors(article: Article) -> Iterable[Actor]:
    for e in article.entities:
        if e.actor:
            yield e.actor
    for q in article.quotes:
        if q.speaker and q.speaker.actor:
            yield q.speaker.actor
    for ev in article.events:
        for m in (ev.source, ev.target):
            if m and m.actor:
                yield m.actor


@contextmanager
def registered(con, rows: list[dict], schema: pa.Schema | None = None) -> Iterator[str]:
    """Rows as an Arrow table registered with the connection for one statement; yields its name."""
    name = "lagebild_rows"
    con.register(name, pa.Table.from_pylist(rows, schema=schema))
    try:
        yield name
    finally:
        con.unregister(name)


def _insert(con, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    cols = ", ".join(f'"{c}"' for c in rows[0])
    with registered(con, rows) as batch:
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {batch}")


def _upsert_actors(con, actors: Iterable[Actor]) -> None:
    rows = [{"id": a.id, "name": a.name, "code": a.code, "country": a.country} for a in actors]
    if not rows:
        return
    with registered(con, rows) as batch:
        con.execute(
            f"INSERT INTO actors SELECT id, name, code, country FROM {batch} "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
            "code = coalesce(excluded.code, actors.code), country = coalesce(excluded.country, actors.country)"
        )


def _collect(
    items: Sequence[tuple[Article, str]], version: str
) -> tuple[dict[str, list[dict]], dict[str, Actor]]:
    """Rows per table and the actors they name, for (article, content_hash) pairs; the last of an id wins."""
    by_id: dict[str, tuple[Article, str]] = {item[0].id: (item[0], item[1]) for item in items}
    tables: dict[str, list[dict]] = {t: [] for t in ARTICLE_TABLES}
    actors: dict[str, Actor] = {}
    for article, content_hash in by_id.values():
        for table, rows in article_rows(article, content_hash, version).items():
            tables[table].extend(rows)
        for actor in _actors(article):
            actors[actor.id] = actor
    return tables, actors


def write_articles(store: Store, items: Sequence[tuple[Article, str]], version: str) -> int:
    """Store (article, content_hash) pairs in one transaction; return how many were written.

    An id already stored is replaced with its children, never duplicated.
    """
    if not items:
        return 0
    tables, actors = _collect(items, version)
    ids = [row["id"] for row in tables["articles"]]
    with store.session(write=True) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            groups = story_groups(con, ids)  # stories the replaced events belonged to
            for table in CHILD_TABLES:
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
            con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])
            for table, rows in tables.items():
                _insert(con, table, rows)
            _upsert_actors(con, actors.values())
            refresh_stories(con, groups | story_groups(con, ids))
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return len(ids)


def record_errors(store: Store, errors: Sequence[tuple[str, str]], *, level: str = "error") -> None:
    """Failed inputs (level 'error') or inputs read with a warning (level 'warning') in `ingest_errors`."""
    if errors:
        with store.session(write=True) as con:
            con.executemany(
                "INSERT INTO ingest_errors (name, reason, level) VALUES (?, ?, ?)",
                [(name, reason, level) for name, reason in errors],
            )
