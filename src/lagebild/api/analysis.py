"""Analysis for the server: documents run in a worker process, each under a time limit.

A thread cannot be stopped, a process can: a document that takes longer than the limit gets a clear
error, its worker is terminated and a fresh one started, and the server goes on. Uploaded bytes are
decoded and parsed in memory by the ingest readers (the file name is only a label and a suffix);
nothing is written to disk and nothing uploaded is ever executed.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from collections.abc import Callable, Iterator
from pathlib import PurePath

from ..errors import InputError
from ..ingest.sources import EXPECTED, KNOWN_SUFFIXES, Item, RawDoc, parse_bytes
from ..pipeline import Analysed, Result, process

DEFAULT_TIMEOUT = 60.0  # seconds per document, including the worker's start on the first request


class AnalysisTimeout(InputError):
    """A document took longer than the server's per-document limit."""


def _call(func: Callable[[RawDoc], Result], raw: RawDoc):
    """Run in the worker. An error travels back as a plain tuple: exceptions with custom constructors
    may not survive unpickling, and a result the pool cannot unpickle would hang the request."""
    result = func(raw)
    if isinstance(result, InputError):
        return ("error", result.name, result.reason)
    return result


class AnalysisService:
    """Runs `func` (default: the pipeline's `batch.process`) on one document at a time in a worker."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, func: Callable[[RawDoc], Result] = process) -> None:
        self.timeout = timeout
        self.func = func
        self._pool = None
        self._lock = threading.Lock()

    def _get_pool(self):
        with self._lock:
            if self._pool is None:
                self._pool = mp.get_context("spawn").Pool(1)
            return self._pool

    def _kill(self, pool) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.terminate()

    def run(self, raw: RawDoc) -> Result:
        pool = self._get_pool()
        pending = pool.apply_async(_call, (self.func, raw))
        try:
            result = pending.get(self.timeout)
        except mp.TimeoutError:
            self._kill(pool)
            return AnalysisTimeout(raw.name, f"analysis took longer than {self.timeout:g} s and was stopped")
        except Exception as exc:  # a worker that died must not take the server down
            self._kill(pool)
            return InputError(raw.name, f"analysis failed: {exc.__class__.__name__}: {exc}")
        if isinstance(result, tuple) and not isinstance(result, Analysed) and result[:1] == ("error",):
            return InputError(result[1], result[2])
        return result

    def map(self, raws: list[RawDoc]) -> list[Result]:
        """The `batch.Analyzer` interface, so `batch.ingest_window` can drive the service."""
        return [self.run(r) for r in raws]

    def warm(self) -> None:
        """Start the worker and load the models in the background (the first request is then quick)."""
        pool = self._get_pool()
        pool.apply_async(
            _call, (self.func, RawDoc(name="<warm-up>", text="Der Kreml wies den Vorwurf zurück."))
        )

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.terminate()


def upload_items(filename: str | None, data: bytes, max_bytes: int) -> Iterator[Item]:
    """Raw documents from one uploaded file's bytes, by its suffix (.txt, .html, .json, .jsonl)."""
    name = PurePath((filename or "upload.txt").replace("\\", "/")).name or "upload.txt"
    suffix = PurePath(name).suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        yield InputError(name, f"unknown file type {suffix!r} ({EXPECTED})")
        return
    yield from parse_bytes(data, name, suffix, max_bytes=max_bytes)
