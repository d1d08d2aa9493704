"""Exports of what is stored: article records as JSON lines, tables as Parquet files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .db import Store

TABLES = ("articles", "entities", "quotes", "events", "actors")


def iter_records(store: Store, batch: int = 500) -> Iterator[dict]:
    """Stored article records in id order, fetched in batches (bounded memory)."""
    cur = store.con.execute("SELECT record FROM articles ORDER BY id")
    while rows := cur.fetchmany(batch):
        for (record,) in rows:
            yield json.loads(record)


def export_jsonl(store: Store, out: TextIO) -> int:
    n = 0
    for record in iter_records(store):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_parquet(store: Store, outdir: str | Path) -> list[Path]:
    """One Parquet file per table in `outdir` (created if needed)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = outdir / f"{table}.parquet"
        columns = "* EXCLUDE (record)" if table == "articles" else "*"
        store.con.execute(f"COPY (SELECT {columns} FROM {table}) TO ? (FORMAT parquet)", [str(path)])
        written.append(path)
    return written
