"""The `fetch` and `watch` commands (see `cli` for the others): sources from the web into the store."""

from __future__ import annotations

import signal
import threading
import time

from .batch import Analyzer, default_workers
from .cli import EXIT_OK, EXIT_PARTIAL, _callbacks, _db, _progress, _report_line, err
from .store import open_store


def _fetcher(args):
    from .fetch import Fetcher, FetchOptions

    options = FetchOptions(
        delay=args.delay, timeout=args.timeout, retries=args.retries, max_bytes=args.max_bytes
    )
    return Fetcher(options)


def _fetch_kwargs(args, analyzer, fetcher, calls, progress, task) -> dict:
    return {
        "analyzer": analyzer,
        "fetcher": fetcher,
        "batch_size": args.batch_size or 8,
        "max_pages": args.max_pages,
        "callbacks": calls,
        "on_total": lambda n: progress.update(task, total=n, completed=0),
        "default_published": args.published,
        "language": args.language,
    }


def fetch(args) -> int:
    from .fetch import fetch_into

    progress, task = _progress(args, "fetch")
    analyzer = Analyzer(args.workers or default_workers())
    try:
        with open_store(_db(args)) as store, _fetcher(args) as fetcher, progress:
            calls = _callbacks(progress, task)
            fetched, report = fetch_into(
                store, args.sources, **_fetch_kwargs(args, analyzer, fetcher, calls, progress, task)
            )
    finally:
        analyzer.terminate()
    err.print(fetched.line())
    err.print(_report_line(report, _db(args)))
    return EXIT_OK if report.ok and not fetched.failed else EXIT_PARTIAL


def watch(args) -> int:
    from .fetch import watch as watching

    progress, task = _progress(args, "watch")
    analyzer = Analyzer(args.workers or default_workers())
    failed = False
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, _stopping(stop))
    try:
        with open_store(_db(args)) as store, _fetcher(args) as fetcher, progress:
            kwargs = _fetch_kwargs(args, analyzer, fetcher, _callbacks(progress, task), progress, task)
            for fetched, report in watching(
                store, args.sources, every=args.every, rounds=args.rounds, stop=stop, **kwargs
            ):
                err.print(_round_line(fetched, report, _db(args)))
                failed = failed or not report.ok or bool(fetched.failed)
    finally:
        signal.signal(signal.SIGINT, previous)
        analyzer.terminate()
    return EXIT_PARTIAL if failed else EXIT_OK


def _round_line(fetched, report, db: str) -> str:
    """One watch round: a short line when nothing was new, else what was fetched and stored."""
    stamp = time.strftime("%H:%M:%S")
    if not report.read and not fetched.failed:
        return f"{stamp} nothing new (sources {fetched.sources}, not modified {fetched.not_modified})"
    return f"{stamp} {fetched.line()}\n{stamp} {_report_line(report, db)}"


def _stopping(stop: threading.Event):
    """The first Ctrl-C ends `watch` after the pages in hand are stored; a second one at once."""

    def handler(signum, frame) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        err.print("stopping: storing what was fetched (Ctrl-C again to stop at once)")

    return handler
