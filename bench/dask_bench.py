"""The Dask path: speed-up on 2 local workers vs 1, and the per-article cost scaled to 1M articles.

Each run starts its own `LocalCluster` (single-threaded worker processes), ingests the same JSONL
into a fresh DuckDB store through `lagebild.scale.ingest_dask`, and times the whole run from the
first submit to the last partition loaded (cluster start-up and model loading are measured apart).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def run(lines: list[str], n_workers: int, partition_size: int = 16) -> dict:
    from distributed import Client, LocalCluster

    from lagebild.scale import ingest_dask
    from lagebild.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(lines), encoding="utf-8")
        t0 = time.perf_counter()
        with (
            LocalCluster(
                n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(_warm)  # load the models on every worker before timing
            startup = time.perf_counter() - t0
            with open_store(Path(tmp) / "d.duckdb") as store:
                cpu0 = client.run(time.process_time)
                t1 = time.perf_counter()
                report = ingest_dask([str(src)], store, client=client, partition_size=partition_size)
                wall = time.perf_counter() - t1
                cpu1 = client.run(time.process_time)
    worker_cpu = sum(cpu1[w] - cpu0[w] for w in cpu1 if w in cpu0)
    return {
        "workers": n_workers,
        "stored": report.stored,
        "failed": report.failed,
        "wall": wall,
        "startup": startup,
        "worker_cpu": worker_cpu,
        "load": os.getloadavg()[0],
    }


def _warm() -> None:
    from lagebild.pipeline import analyze

    analyze("Der Kreml wies den Vorwurf am Montag zurück, sagte ein Sprecher.", language="de")


def speedup(corpus: Path, n: int) -> dict:
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:n]
    one = run(lines, 1)
    two = run(lines, 2)
    return {"1": one, "2": two, "speedup": one["wall"] / two["wall"] if two["wall"] else 0.0}


def on_paper(seconds_per_article_core: float, articles: int = 1_000_000) -> list[str]:
    """What `articles` cost at the measured per-article CPU cost, for a few cluster sizes."""
    core_hours = seconds_per_article_core * articles / 3600
    lines = [
        f"{articles:,} articles x {seconds_per_article_core * 1000:.1f} ms/article/core = {core_hours:,.1f} core-hours"
    ]
    for cores in (2, 16, 64, 256):
        hours = core_hours / cores / 0.9  # 90 % parallel efficiency (scheduler, Parquet, the one writer)
        lines.append(f"  {cores:>4} single-threaded workers: {hours:6.2f} h wall")
    return lines
