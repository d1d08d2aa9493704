"""Batch ingest: stream inputs, analyse in worker processes, write to the store in transactions.

Memory stays bounded: inputs are read lazily and handled in windows of `batch_size` documents, with
at most two windows alive at once: the workers analyse window k+1 while the main process writes
window k. A window is written in one transaction, so an interrupted run loses at most the windows in
flight; the next run skips what is stored (same id, content hash and pipeline version) and redoes the
rest.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError
from .ingest.sources import Item, RawDoc, iter_inputs
from .pipeline import PIPELINE_VERSION, Result, process
from .records import Article
from .store.db import Store
from .store.write import record_errors, stored_versions, write_articles


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def windows(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class _Done:
    """An already computed result, with the interface of `multiprocessing.pool.AsyncResult`."""

    def __init__(self, value: list[Result]) -> None:
        self.value = value

    def get(self) -> list[Result]:
        return self.value


class Analyzer:
    """Maps `process` over documents, in this process or in a pool of workers."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = mp.get_context("spawn").Pool(workers) if workers > 1 else None

    def map(self, raws: list[RawDoc]) -> list[Result]:
        return self.submit(raws).get()

    def submit(self, raws: list[RawDoc]):
        """Start analysing `raws`; `.get()` on the answer waits for the results, in input order."""
        if self.pool is None:
            return _Done([process(r) for r in raws])
        return self.pool.map_async(process, raws, chunksize=max(1, len(raws) // (self.workers * 4)))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()

    def terminate(self) -> None:
        if self.pool is not None:
            self.pool.terminate()


@dataclass
class _Window:
    """A window whose analysis is under way: its input errors and the pending results."""

    errors: list[InputError]
    todo: dict[str, str]  # id -> content hash of what is being analysed
    results: Any  # `.get()` -> list[Result]


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    workers: int | None = None,
    batch_size: int = 64,
    on_progress: Callable[[int], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    analyzer: Analyzer | None = None,
) -> IngestReport:
    """Analyse and store everything behind `paths`; report counts and per-document errors."""
    report = IngestReport()
    own = analyzer is None
    analyzer = analyzer or Analyzer(workers or default_workers())
    try:
        pending: tuple[_Window, int] | None = None
        for window in windows(iter_inputs(paths), batch_size):
            started = start_window(window, store, analyzer, report, pending[0] if pending else None)
            if pending:
                finish_window(pending[0], store, report, on_error)
                if on_progress:
                    on_progress(pending[1])
            pending = (started, len(window))
        if pending:
            finish_window(pending[0], store, report, on_error)
            if on_progress:
                on_progress(pending[1])
    except BaseException:
        if own:
            analyzer.terminate()
        raise
    else:
        if own:
            analyzer.close()
    return report


def start_window(
    window: list[Item], store: Store, analyzer: Any, report: IngestReport, previous: _Window | None = None
) -> _Window:
    """Skip what is stored (or being stored by the previous window) and start analysing the rest."""
    errors = [x for x in window if isinstance(x, InputError)]
    raws = [x for x in window if isinstance(x, RawDoc)]
    report.read += len(window)
    known = stored_versions(store, [r.doc_id() for r in raws])
    in_flight = previous.todo if previous else {}
    todo = [
        r
        for r in raws
        if known.get(r.doc_id()) != (r.content_hash, PIPELINE_VERSION)
        and in_flight.get(r.doc_id()) != r.content_hash
    ]
    report.unchanged += len(raws) - len(todo)
    submit = getattr(analyzer, "submit", None)  # any object with `map` will do (the API's analyser)
    results = submit(todo) if submit else _Done(analyzer.map(todo))
    return _Window(errors, {r.doc_id(): r.content_hash for r in todo}, results)


def finish_window(
    window: _Window, store: Store, report: IngestReport, on_error: Callable[[InputError], None] | None = None
) -> None:
    """Wait for the window's results and write them in one transaction; report its errors."""
    errors = list(window.errors)
    done: list[tuple[Article, str]] = []
    for result in window.results.get():
        if isinstance(result, InputError):
            errors.append(result)
        else:
            done.append(result)
    report.stored += _write(store, done, errors)
    report_errors(store, report, errors, on_error)


def report_errors(
    store: Store,
    report: IngestReport,
    errors: list[InputError],
    on_error: Callable[[InputError], None] | None,
) -> None:
    """Record failed inputs in the store and the report, and tell the caller about each."""
    if not errors:
        return
    record_errors(store, [(e.name, e.reason) for e in errors])
    report.failed += len(errors)
    report.errors.extend(errors)
    if on_error:
        for e in errors:
            on_error(e)


def _write(store: Store, done: list[tuple[Article, str]], errors: list[InputError]) -> int:
    """Write a window in one transaction; if that fails, article by article, so one bad record
    costs only itself (its error is reported) and never the batch."""
    try:
        return write_articles(store, done, PIPELINE_VERSION)
    except Exception:  # the transaction was rolled back: nothing of this window is stored
        pass
    stored = 0
    for item in done:
        try:
            stored += write_articles(store, [item], PIPELINE_VERSION)
        except Exception as exc:
            errors.append(
                InputError(item[0].source or item[0].id, f"cannot store: {exc.__class__.__name__}: {exc}")
            )
    return stored


def ingest_window(
    window: list[Item],
    store: Store,
    analyzer: Any,
    report: IngestReport,
    on_error: Callable[[InputError], None] | None = None,
) -> None:
    """Analyse and write one window (no overlap with the next); `analyzer` needs only `map`."""
    finish_window(start_window(window, store, analyzer, report), store, report, on_error)
