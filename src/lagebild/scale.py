"""Ingest on Dask distributed: workers analyse windows of documents, the client stores them.

The client streams the inputs and runs the same batch as a local ingest (`batch.ingest_items`): the
same windows, the same skip-if-stored rule (id, content hash and pipeline version), the same writer
(`store.write`, one transaction per window). Only the analyser differs: each window is one Dask task
running `batch.process` on a worker, and up to `2 × workers` windows are in flight, so client memory
stays bounded. An interrupted run keeps every stored window and a rerun redoes only the rest. See
docs/scale.md.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from .batch import Callbacks, IngestReport, default_workers, ingest_items
from .errors import InputError, LagebildError
from .ingest.sources import Item, RawDoc, iter_inputs
from .pipeline import Result, process
from .store.db import Store


def analyze_window(raws: list[RawDoc]) -> list[Result]:
    """Worker task: the results of one window, in input order."""
    return [process(raw) for raw in raws]


class DaskAnalyzer:
    """The batch's analyser interface on a Dask client: `submit(raws).get()`."""

    def __init__(self, client: Any) -> None:
        self.client = client

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, raws: list[RawDoc]):
        return _Future(self.client.submit(analyze_window, raws, pure=False) if raws else None)


class _Future:
    def __init__(self, future) -> None:
        self.future = future

    def get(self) -> list[Result]:
        return self.future.result() if self.future is not None else []


def connect(scheduler: str, n_workers: int | None = None, timeout: str = "30s"):
    """A Dask client: 'local' starts a LocalCluster (one single-threaded process per core)."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.core"):
            logging.getLogger(name).setLevel(logging.ERROR)  # the CLI reports; -v shows lagebild's own logs
        cluster = LocalCluster(
            n_workers=n_workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=timeout), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise LagebildError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from None


def ingest_dask_items(
    items: Iterable[Item],
    store: Store,
    *,
    scheduler: str = "local",
    client: Any = None,
    n_workers: int | None = None,
    partition_size: int = 64,
    callbacks: Callbacks | None = None,
    timeout: str = "30s",
) -> IngestReport:
    """Analyse a stream of items on Dask and store the results through the local batch's writer."""
    own_client, cluster = (None, None) if client is not None else connect(scheduler, n_workers, timeout)
    analyzer = DaskAnalyzer(client or own_client)
    try:
        return ingest_items(
            items, store, analyzer, batch_size=partition_size, ahead=2 * analyzer.workers, callbacks=callbacks
        )
    finally:
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()


def ingest_dask(
    paths: Iterable[str],
    store: Store,
    *,
    scheduler: str = "local",
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    partition_size: int = 64,
    client: Any = None,
    n_workers: int | None = None,
    timeout: str = "30s",
) -> IngestReport:
    """Analyse everything behind `paths` on Dask and store it in `store` (see the module doc)."""
    return ingest_dask_items(
        iter_inputs(paths), store, scheduler=scheduler, client=client, n_workers=n_workers,
        partition_size=partition_size, callbacks=Callbacks(on_progress, on_error), timeout=timeout,
    )  # fmt: skip
