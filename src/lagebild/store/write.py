"""All writes to the store: one transaction per batch, so a killed ingest leaves no half article.

Articles are keyed by id; an article whose content hash and pipeline version are already stored is
skipped, one whose hash or version differs is replaced with its children, never duplicated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import pyarrow as pa

from ..records import Actor, Article, Mention
from .db import Store
from .stories import refresh_stories, story_groups


def stored_versions(store: Store, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """id -> (content_hash, pipeline_version) for the ids already in the store."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    rows = store.con.execute(
        "SELECT id, content_hash, pipeline_version FROM articles WHERE id IN (SELECT unnest(?))", [ids]
    ).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def _mention(m: Mention | None, prefix: str) -> dict:
    a = m.actor if m else None
    return {
        f"{prefix}_text": m.text if m else None,
        f"{prefix}_start": m.start if m else None,
        f"{prefix}_end": m.end if m else None,
        f"{prefix}_actor_id": a.id if a else None,
        f"{prefix}_code": a.code if a else None,
    }


def _rows(article: Article, content_hash: str, version: str) -> dict[str, list[dict]]:
    aid = article.id
    rows: dict[str, list[dict]] = {"articles": [], "entities": [], "quotes": [], "events": []}
    rows["articles"].append(
        {
            "id": aid,
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
    )
    for i, e in enumerate(article.entities):
        rows["entities"].append(
            {
                "article_id": aid,
                "idx": i,
                "text": e.text,
                "start_char": e.start,
                "end_char": e.end,
                "type": e.type,
                "role": e.role,
                "actor_id": e.actor.id if e.actor else None,
                "actor_code": e.actor.code if e.actor else None,
            }
        )
    for i, q in enumerate(article.quotes):
        sp = _mention(q.speaker, "speaker")
        del sp["speaker_code"]
        rows["quotes"].append(
            {
                "article_id": aid,
                "idx": i,
                "text": q.text,
                "start_char": q.start,
                "end_char": q.end,
                "kind": q.kind,
                "cue_text": q.cue.text if q.cue else None,
                "cue_start": q.cue.start if q.cue else None,
                "cue_end": q.cue.end if q.cue else None,
                **sp,
                "rule": q.rule,
            }
        )
    for i, ev in enumerate(article.events):
        rows["events"].append(
            {
                "article_id": aid,
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
        )
    return rows


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


def _insert(store: Store, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    batch = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB's replacement scan below
    cols = ", ".join(f'"{c}"' for c in rows[0])
    store.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM batch")


def write_articles(store: Store, items: Sequence[tuple[Article, str]], version: str) -> int:
    """Store (article, content_hash) pairs in one transaction; return how many were written."""
    if not items:
        return 0
    by_id: dict[str, tuple[Article, str]] = {a.id: (a, h) for a, h in items}  # last one wins
    tables: dict[str, list[dict]] = {"articles": [], "entities": [], "quotes": [], "events": []}
    actors: dict[str, Actor] = {}
    for article, content_hash in by_id.values():
        for table, rows in _rows(article, content_hash, version).items():
            tables[table].extend(rows)
        for actor in _actors(article):
            actors[actor.id] = actor
    ids = list(by_id)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        groups = story_groups(con, ids)  # stories the replaced events belonged to
        for table in ("entities", "quotes", "events"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
        con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])
        for table, rows in tables.items():
            _insert(store, table, rows)
        if actors:
            batch = pa.Table.from_pylist(
                [{"id": a.id, "name": a.name, "code": a.code, "country": a.country} for a in actors.values()]
            )
            con.register("batch", batch)
            con.execute(
                "INSERT INTO actors SELECT id, name, code, country FROM batch "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                "code = coalesce(excluded.code, actors.code), country = coalesce(excluded.country, actors.country)"
            )
            con.unregister("batch")
        refresh_stories(con, groups | story_groups(con, ids))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(by_id)


def record_errors(store: Store, errors: Sequence[tuple[str, str]]) -> None:
    if errors:
        store.con.executemany("INSERT INTO ingest_errors (name, reason) VALUES (?, ?)", list(errors))
