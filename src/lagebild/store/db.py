"""Open the DuckDB store for one unit of work at a time, so several processes can share one file.

DuckDB lets one process write a file, or several processes read it, never both at once. lagebild
therefore holds the file only while it works on it (see docs/store.md):

- `store.session(write=True)`: one short read-write connection (one ingest window, one API upload),
  closed afterwards; the lock is released between windows.
- `store.session()`: a read-only connection shared by the readers of this process (the server's
  request threads) and closed once they are done and `linger` seconds have passed.
- Opening waits while another process holds the file, retrying with back-off up to `wait` seconds;
  only then is it a `StoreError` ("in use by another lagebild process").

`:memory:` (tests) and `store.con` keep one connection open until `close()`.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..errors import StoreError
from .migrations import migrate

DEFAULT_DB = "lagebild.duckdb"
DEFAULT_WAIT = 60.0  # seconds to wait for another process's lock before giving up
DEFAULT_LINGER = 2.0  # seconds an idle shared read connection stays open (a dashboard's burst of requests)
TABLES = frozenset({"articles", "entities", "quotes", "events", "actors", "ingest_errors", "fetched"})


def _locked(exc: Exception) -> bool:
    """Another process holds the file, or another store object of this process opened it otherwise."""
    msg = str(exc).lower()
    return (isinstance(exc, duckdb.IOException) and "lock" in msg) or "different configuration" in msg


class _Readers:
    """This process's shared read-only connection: readers share it, a writer waits until it is closed.

    DuckDB refuses a read-only and a read-write connection to one file in the same process, so the
    in-process writer waits for the readers to finish (and readers for the writer). The connection
    stays open `linger` seconds after the last reader (a dashboard's requests come in bursts), unless
    a writer of another process has said it is waiting (`intent`): then it closes at once.
    """

    def __init__(self, opener, linger: float, intent: Path | None) -> None:
        self._open = opener
        self.linger = linger
        self.intent = intent
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._idle_since = 0.0
        self._closer: threading.Thread | None = None

    def _writer_waits(self) -> bool:
        return self.intent is not None and self.intent.exists()

    def acquire(self) -> duckdb.DuckDBPyConnection:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            if self._con is not None and self._readers == 0 and self._writer_waits():
                self._close_connection()  # let the other process's writer in before reading again
            if self._con is None:
                self._con = self._open(write=False)
            self._readers += 1
            return self._con.cursor()

    def release(self, cursor) -> None:
        cursor.close()
        with self._cond:
            self._readers -= 1
            if self._readers == 0:
                self._idle_since = time.monotonic()
                if self._writers_waiting or self.linger <= 0 or self._writer_waits():
                    self._close_connection()
                elif self._closer is None:
                    self._closer = threading.Thread(target=self._close_when_idle, daemon=True)
                    self._closer.start()
            self._cond.notify_all()

    def _close_when_idle(self) -> None:
        """Close the connection once it has been idle for `linger` seconds, or a writer waits."""
        with self._cond:
            while self._con is not None:
                idle = self._readers == 0
                if idle and (time.monotonic() - self._idle_since >= self.linger or self._writer_waits()):
                    self._close_connection()
                    break
                self._cond.wait(0.05)
            self._closer = None

    def _close_connection(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """No reader of this process holds the file while the caller writes."""
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
            self._close_connection()
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._close_connection()
            self._cond.notify_all()


class Store:
    """The store file. Reads and writes go through `session()`; writes through `store.write`."""

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        *,
        read_only: bool = False,
        wait: float = DEFAULT_WAIT,
        linger: float = DEFAULT_LINGER,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.wait = wait
        self._memory_limit = _memory_limit()
        self._migrated = False
        self._held: duckdb.DuckDBPyConnection | None = None
        self._intent = None if self.in_memory else Path(self.path + ".writer-waiting")
        self._readers = _Readers(self._open, linger, self._intent)
        if self.in_memory:
            self._held = self._open(write=True)
            return
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store (run `lagebild ingest` first)")
        with self.session(write=not read_only):
            pass  # a wrong or broken file fails here, and a new store gets its tables

    @property
    def in_memory(self) -> bool:
        return self.path == ":memory:"

    # --- connections --------------------------------------------------------------------------

    def _connect(self, write: bool) -> duckdb.DuckDBPyConnection:
        """One connection, retried with back-off while another process holds the file. A writer that
        has to wait says so (the `.writer-waiting` file beside the store), so that other processes'
        idle readers let go at once."""
        deadline = time.monotonic() + self.wait
        delay = 0.02
        announced = False
        try:
            while True:
                try:
                    return duckdb.connect(self.path, read_only=not write)
                except duckdb.Error as exc:
                    if not _locked(exc):
                        raise StoreError(f"{self.path}: cannot open store: {exc}") from None
                    if time.monotonic() + delay > deadline:
                        raise StoreError(
                            f"{self.path}: the store is in use by another lagebild process "
                            f"(waited {self.wait:g} s); wait for it to finish or use another --db"
                        ) from None
                if write and not announced and self._intent is not None:
                    announced = _touch(self._intent)
                time.sleep(delay)
                delay = min(delay * 2, 0.25)
        finally:
            if announced:
                self._intent.unlink(missing_ok=True)

    def _open(self, *, write: bool) -> duckdb.DuckDBPyConnection:
        con = self._connect(write)
        try:
            # DuckDB's buffer pool grows to most of RAM by default; an ingest worker should stay small.
            con.execute(f"SET memory_limit = '{self._memory_limit}'")
            if write and not self._migrated:
                migrate(con)
                self._migrated = True
        except BaseException:
            con.close()
            raise
        return con

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one unit of work: read-write and exclusive, or read-only and shared."""
        if write and self.read_only:
            raise StoreError(f"{self.path}: the store was opened read-only")
        if self._held is not None:
            yield from self._held_session(write)
            return
        if write:
            with self._readers.exclusive():
                con = self._open(write=True)
                try:
                    yield con
                finally:
                    con.close()
            return
        cursor = self._readers.acquire()
        try:
            yield cursor
        finally:
            self._readers.release(cursor)

    def _held_session(self, write: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        held = self._held
        assert held is not None
        if write:  # one writer at a time, on the held connection itself
            with self._readers.exclusive():
                yield held
            return
        cursor = held.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """A connection held open until `close()` (short commands, tests): it keeps the file locked."""
        if self._held is None:
            self._readers.close()
            self._held = self._open(write=not self.read_only)
        return self._held

    @con.setter
    def con(self, value) -> None:
        self._held = value

    def close(self) -> None:
        self._readers.close()
        if self._held is not None:
            self._held.close()
            self._held = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- small reads ----------------------------------------------------------------------------

    def query(self, sql: str, params: list | tuple | None = None) -> list[dict]:
        """Rows as dicts; SQL is the caller's own, values always go in as parameters."""
        with self.session() as con:
            cur = con.execute(sql, params or [])
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        with self.session() as con:
            return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _touch(path: Path) -> bool:
    try:
        path.touch()
    except OSError:  # a read-only folder: readers then just linger as usual
        return False
    return True


def _memory_limit() -> str:
    value = os.environ.get("LAGEBILD_DB_MEMORY", "256MB").strip()
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]?i?B", value, re.IGNORECASE):
        raise StoreError(f"LAGEBILD_DB_MEMORY={value!r}: expected a size such as 256MB or 2GB")
    return value


def open_store(
    path: str | Path = DEFAULT_DB, *, read_only: bool = False, wait: float = DEFAULT_WAIT
) -> Store:
    return Store(path, read_only=read_only, wait=wait)
