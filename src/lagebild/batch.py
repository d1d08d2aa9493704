"""Batch ingest: stream inputs, analyse them elsewhere, write to the store in short transactions.

Memory stays bounded: inputs are read lazily and handled in windows of `batch_size` documents, with
at most `ahead + 1` windows alive at once: the analyser works on the next windows while this
process writes the oldest one. A window is written in one transaction (and the store is held only
for that transaction), so an interrupted run loses at most the windows in flight; the next run skips
what is stored (same id, content hash and pipeline version) and redoes the rest.

The same code serves every analyser: a local process pool (`Analyzer`), a Dask cluster
(`scale.DaskAnalyzer`) and the API's analysis service; fetching from the web feeds it too.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from .errors import InputError
from .ingest.sources import Item, Notice, RawDoc, iter_inputs
from .pipeline import PIPELINE_VERSION, Result, process
from .records import Article
from .store.db import Store
from .store.write import record_errors, stored_versions, write_articles

T = TypeVar("T")


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    warned: int = 0
    errors: list[InputError] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # stored or unchanged, in input order

    @property
    def ok(self) -> bool:
        return self.failed == 0


@dataclass
class Callbacks:
    """What the caller is told: progress (documents done), each error, each note or warning."""

    progress: Callable[[int], None] | None = None
    error: Callable[[InputError], None] | None = None
    notice: Callable[[Notice], None] | None = None


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def windows(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last one shorter): the one windowing helper."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class Pending(Protocol):
    def get(self) -> list[Result]: ...


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

    def submit(self, raws: list[RawDoc]) -> Pending:
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
    """A window whose analysis is under way: its read errors and notices, and the pending results."""

    size: int
    errors: list[InputError]
    notices: list[Notice]
    todo: dict[str, str]  # id -> content hash of what is being analysed
    results: Pending
    ids: list[str] = field(default_factory=list)


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    workers: int | None = None,
    batch_size: int = 64,
    on_progress: Callable[[int], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_notice: Callable[[Notice], None] | None = None,
    analyzer: Any = None,
) -> IngestReport:
    """Analyse and store everything behind `paths`; report counts and per-document errors."""
    own = analyzer is None
    analyzer = analyzer or Analyzer(workers or default_workers())
    try:
        report = ingest_items(
            iter_inputs(paths), store, analyzer, batch_size=batch_size,
            callbacks=Callbacks(on_progress, on_error, on_notice),
        )  # fmt: skip
    except BaseException:
        if own:
            analyzer.terminate()
        raise
    if own:
        analyzer.close()
    return report


def ingest_items(
    items: Iterable[Item],
    store: Store,
    analyzer: Any,
    *,
    batch_size: int = 64,
    ahead: int = 1,
    callbacks: Callbacks | None = None,
) -> IngestReport:
    """Analyse and store a stream of items, window by window, with `ahead` windows analysed in advance.

    `analyzer` needs `submit(raws) -> .get()` (or just `map(raws)`).
    """
    report = IngestReport()
    calls = callbacks or Callbacks()
    pending: deque[_Window] = deque()
    for window in windows(items, batch_size):
        in_flight = {k: v for w in pending for k, v in w.todo.items()}
        pending.append(start_window(window, store, analyzer, report, in_flight))
        while len(pending) > ahead:
            _finish_and_tell(pending.popleft(), store, report, calls)
    while pending:
        _finish_and_tell(pending.popleft(), store, report, calls)
    return report


def _finish_and_tell(window: _Window, store: Store, report: IngestReport, calls: Callbacks) -> None:
    finish_window(window, store, report, calls.error, calls.notice)
    if calls.progress:
        calls.progress(window.size)


def _is_new(raw: RawDoc, known: dict[str, tuple[str, str]], in_flight: dict[str, str]) -> bool:
    """Not stored with this content and pipeline version, and not being analysed in an earlier window."""
    doc_id = raw.doc_id()
    return (
        known.get(doc_id) != (raw.content_hash, PIPELINE_VERSION)
        and in_flight.get(doc_id) != raw.content_hash
    )


def start_window(
    window: list[Item],
    store: Store,
    analyzer: Any,
    report: IngestReport,
    in_flight: dict[str, str] | None = None,
) -> _Window:
    """Skip what is stored (or being analysed in an earlier window) and start analysing the rest."""
    errors = [x for x in window if isinstance(x, InputError)]
    raws = [x for x in window if isinstance(x, RawDoc)]
    notices = [x for x in window if isinstance(x, Notice)] + [n for r in raws for n in r.notes]
    report.read += len(raws) + len(errors)
    known = stored_versions(store, [r.doc_id() for r in raws])
    todo = [r for r in raws if _is_new(r, known, in_flight or {})]
    report.unchanged += len(raws) - len(todo)
    submit = getattr(analyzer, "submit", None)  # any object with `map` will do (the API's analyser)
    results = submit(todo) if submit else _Done(analyzer.map(todo))
    todo_ids = {r.doc_id(): r.content_hash for r in todo}
    unchanged = [r.doc_id() for r in raws if r.doc_id() not in todo_ids]
    return _Window(len(raws) + len(errors), errors, notices, todo_ids, results, unchanged)


def finish_window(
    window: _Window,
    store: Store,
    report: IngestReport,
    on_error: Callable[[InputError], None] | None = None,
    on_notice: Callable[[Notice], None] | None = None,
) -> None:
    """Wait for the window's results and write them in one transaction; report its errors and notices."""
    errors = list(window.errors)
    notices = list(window.notices)
    done: list[tuple[Article, str]] = []
    for result in window.results.get():
        if isinstance(result, InputError):
            errors.append(result)
        else:
            done.append((result.article, result.content_hash))
            notices.extend(result.notices)
    stored_ids = _write(store, done, errors)
    report.stored += len(stored_ids)
    report.ids.extend(window.ids + stored_ids)
    report_notices(store, report, notices, on_notice)
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


def report_notices(
    store: Store, report: IngestReport, notices: list[Notice], on_notice: Callable[[Notice], None] | None
) -> None:
    """Warnings go to `ingest_errors` (level 'warning') and the report; every notice to the caller."""
    warnings = [n for n in notices if n.level == "warning"]
    if warnings:
        record_errors(store, [(n.name, n.message) for n in warnings], level="warning")
        report.warned += len(warnings)
    if on_notice:
        for n in notices:
            on_notice(n)


def _write(store: Store, done: list[tuple[Article, str]], errors: list[InputError]) -> list[str]:
    """Write a window in one transaction; if that fails, article by article, so one bad record
    costs only itself (its error is reported) and never the batch. Returns the ids written."""
    ids = list(dict.fromkeys(a.id for a, _ in done))
    try:
        write_articles(store, done, PIPELINE_VERSION)
        return ids
    except Exception:  # the transaction was rolled back: nothing of this window is stored
        pass
    stored: list[str] = []
    for item in done:
        try:
            write_articles(store, [item], PIPELINE_VERSION)
            stored.append(item[0].id)
        except Exception as exc:
            errors.append(
                InputError(item[0].source or item[0].id, f"cannot store: {exc.__class__.__name__}: {exc}")
            )
    return list(dict.fromkeys(stored))


def ingest_window(
    window: list[Item],
    store: Store,
    analyzer: Any,
    report: IngestReport,
    on_error: Callable[[InputError], None] | None = None,
) -> None:
    """Analyse and write one window (no overlap with the next); `analyzer` needs only `map`."""
    finish_window(start_window(window, store, analyzer, report), store, report, on_error)
