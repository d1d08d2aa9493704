"""Open the DuckDB store: a file by default, `:memory:` for tests; a locked file is a clear error."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from ..errors import StoreError
from .migrations import migrate

DEFAULT_DB = "lagebild.duckdb"


class Store:
    """A connection to the store. Writes go through `store.write` (one writer per file)."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            if read_only and self.path != ":memory:" and not Path(self.path).exists():
                raise StoreError(f"{self.path}: no such store (run `lagebild ingest` first)")
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreError(
                    f"{self.path}: the store is in use by another lagebild process; "
                    "wait for it to finish or use another --db"
                ) from None
            raise StoreError(f"{self.path}: cannot open store: {msg}") from None
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from None
        # DuckDB's buffer pool grows to most of RAM by default; an ingest worker should stay small.
        self.con.execute(f"SET memory_limit = '{_memory_limit()}'")
        if not read_only:
            migrate(self.con)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def query(self, sql: str, params: list | tuple | None = None) -> list[dict]:
        """Rows as dicts; SQL is the caller's own, values always go in as parameters."""
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def count(self, table: str) -> int:
        if table not in {"articles", "entities", "quotes", "events", "actors", "ingest_errors"}:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _memory_limit() -> str:
    value = os.environ.get("LAGEBILD_DB_MEMORY", "256MB").strip()
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]?i?B", value, re.IGNORECASE):
        raise StoreError(f"LAGEBILD_DB_MEMORY={value!r}: expected a size such as 256MB or 2GB")
    return value


def open_store(path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
