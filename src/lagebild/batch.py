"""Batch ingest: stream inputs, analyse in worker processes, write to the store in transactions.

Memory stays bounded: inputs are read lazily and handled in windows of `batch_size` documents.
A window is written in one transaction, so an interrupted run loses at most the window in flight;
the next run skips what is stored (same id, content hash and pipeline version) and redoes the rest.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import InputError
from .ingest.sources import Item, RawDoc, iter_inputs
from .pipeline import PIPELINE_VERSION, analyze_raw
from .records import Article
from .store.db import Store
from .store.write import record_errors, stored_versions, write_articles

Result = tuple[Article, str] | InputError


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


def process(raw: RawDoc) -> Result:
    """Analyse one raw document; any failure becomes an InputError naming it (the batch goes on)."""
    try:
        return analyze_raw(raw), raw.content_hash
    except InputError as exc:
        return exc
    except Exception as exc:
        return InputError(raw.name, f"analysis failed: {exc.__class__.__name__}: {exc}")


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def windows(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class Analyzer:
    """Maps `process` over documents, in this process or in a pool of workers."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = mp.get_context("spawn").Pool(workers) if workers > 1 else None

    def map(self, raws: list[RawDoc]) -> list[Result]:
        if self.pool is None:
            return [process(r) for r in raws]
        return self.pool.map(process, raws, chunksize=max(1, len(raws) // (self.workers * 4)))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()

    def terminate(self) -> None:
        if self.pool is not None:
            self.pool.terminate()


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
        for window in windows(iter_inputs(paths), batch_size):
            ingest_window(window, store, analyzer, report, on_error)
            if on_progress:
                on_progress(len(window))
    except BaseException:
        if own:
            analyzer.terminate()
        raise
    else:
        if own:
            analyzer.close()
    return report


def ingest_window(
    window: list[Item],
    store: Store,
    analyzer: Analyzer,
    report: IngestReport,
    on_error: Callable[[InputError], None] | None = None,
) -> None:
    errors = [x for x in window if isinstance(x, InputError)]
    raws = [x for x in window if isinstance(x, RawDoc)]
    report.read += len(window)
    known = stored_versions(store, [r.doc_id() for r in raws])
    todo = [r for r in raws if known.get(r.doc_id()) != (r.content_hash, PIPELINE_VERSION)]
    report.unchanged += len(raws) - len(todo)
    done: list[tuple[Article, str]] = []
    for result in analyzer.map(todo):
        if isinstance(result, InputError):
            errors.append(result)
        else:
            done.append(result)
    report.stored += write_articles(store, done, PIPELINE_VERSION)
    record_errors(store, [(e.name, e.reason) for e in errors])
    report.failed += len(errors)
    report.errors.extend(errors)
    if on_error:
        for e in errors:
            on_error(e)
