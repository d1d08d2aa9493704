"""Linear growth: `lagebild ingest` (one worker, streaming, DuckDB) over 1x and 10x real articles.

Each run is a fresh process, so its peak RSS is its own; the parent compares time and memory.
Run as a child: `python -m bench.growth JSONL DB` prints one JSON line.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_rss_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: on Linux a child's ru_maxrss starts from the
    forking parent's peak, so it would report the benchmark's own memory."""
    try:
        for row in Path("/proc/self/status").read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path: str, db: str, workers: int = 1) -> dict:
    """`lagebild ingest` in this process; with db "-" analysis only, as a pool or Dask worker runs
    it (the workers never hold the DuckDB store, the client does)."""
    from lagebild.batch import ingest, process
    from lagebild.ingest.sources import RawDoc, iter_inputs
    from lagebild.store import open_store

    from .stages import warm_up

    warm_up()  # model loading is a per-worker constant, not part of the growth
    rss0 = peak_rss_mb()
    c, w = time.process_time(), time.perf_counter()
    if db == "-":
        stored = failed = 0
        for x in iter_inputs([path]):  # results are dropped, as a worker hands them on
            ok = isinstance(x, RawDoc) and isinstance(process(x), tuple)
            stored, failed = stored + ok, failed + (not ok)
    else:
        with open_store(db) as store:
            report = ingest([path], store, workers=workers, batch_size=64)
        stored, failed = report.stored, report.failed
    return {
        "stored": stored,
        "failed": failed,
        "cpu": time.process_time() - c,
        "wall": time.perf_counter() - w,
        "rss_mb_after_load": rss0,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure(lines: list[str], workers: int = 1, env: dict | None = None, store: bool = True) -> dict:
    """Ingest `lines` (JSONL) in a fresh process; its figures plus the input's size in characters."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(lines), encoding="utf-8")
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.growth",
                str(src),
                str(Path(tmp) / "g.duckdb") if store else "-",
                str(workers),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
            check=True,
        )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["chars"] = sum(len(json.loads(x).get("text", "")) for x in lines)
    return result


def growth(corpus: Path, base: int) -> dict:
    """1x = the first `base` articles, 10x = the first 10*`base` (distinct real articles)."""
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    if len(lines) < 10 * base:
        raise ValueError(f"need {10 * base} articles, have {len(lines)}")
    one = measure(lines[:base])
    ten = measure(lines[: 10 * base])
    worker = measure(lines[: 10 * base], store=False)
    return {"1x": one, "10x": ten, "worker": worker}


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(child(args[0], args[1], int(args[2]) if len(args) > 2 else 1)))
