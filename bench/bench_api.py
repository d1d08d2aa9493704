"""API latency at a realistic store size: p50/p95 of /events with filters and /network.

Seeds a DuckDB file with synthetic-but-realistic article records (built from records, not by the slow
analysis: about 6 entities, 2 quotes and 4 events each, 220 actors with a long-tailed frequency, three
years of dates), then times requests through the ASGI app in this process (FastAPI TestClient: routing,
validation, SQL and JSON, without the socket).

    python -m bench.bench_api [--articles 10000] [--repeat 40] [--db PATH]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def seed(db: Path, n: int, batch: int = 500) -> float:
    from lagebild.api.sample import content_hash, synthetic_articles
    from lagebild.store import Store
    from lagebild.store.write import write_articles

    t0 = time.perf_counter()
    with Store(db) as store:
        chunk = []
        for article in synthetic_articles(n):
            chunk.append((article, content_hash(article)))
            if len(chunk) == batch:
                write_articles(store, chunk, "bench")
                chunk = []
        write_articles(store, chunk, "bench")
    return time.perf_counter() - t0


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run(db: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    from fastapi.testclient import TestClient

    from lagebild.api.app import create_app

    with TestClient(create_app(db)) as client:
        stats = client.get("/stats").json()
        top = client.get("/actors", params={"limit": 2}).json()["items"]
        a, b = top[0]["id"], top[1]["id"]
        mid = client.get("/actors", params={"limit": 1, "offset": 60}).json()["items"][0]["id"]
        print(
            f"store: {stats['articles']:,} articles, {stats['events']:,} event mentions "
            f"({stats['unique_events']:,} unique), {stats['entities']:,} entities, {stats['quotes']:,} quotes, "
            f"{stats['actors']:,} actors"
        )
        cases = [
            ("/events", {}),
            ("/events", {"actor": a}),
            ("/events", {"source": a, "target": b, "undirected": "true"}),
            ("/events", {"plover": "ASSAULT", "date_from": "2023-01-01", "date_to": "2023-06-30"}),
            ("/events", {"quad": 4, "actor": mid}),
            ("/events", {"code": "05", "offset": 400}),
            ("/events", {"q": "sanktionierte"}),
            ("/events/unique", {"actor": a}),
            ("/stories", {"date_from": "2023-01-01", "date_to": "2023-03-31"}),
            ("/events/volume", {"actor": a}),
            ("/events.geojson", {"actor": a}),
            ("/report", {"date_from": "2023-03-01", "date_to": "2023-03-31"}),
            ("/network", {}),
            ("/network", {"actor": a}),
            ("/network", {"date_from": "2023-01-01", "date_to": "2023-03-31", "quad": 1}),
            ("/dyads/{a}/{b}/timeline", {"period": "week"}),
            ("/actors/{a}", {}),
            ("/quotes", {"speaker": mid}),
        ]
        results = []
        for path, params in cases:
            url = path.format(a=a, b=b)
            r = client.get(url, params=params)  # warm-up (and a check)
            assert r.status_code == 200, (url, r.text)
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                client.get(url, params=params)
                times.append((time.perf_counter() - t0) * 1000)
            label = url.replace(a, "A").replace(b, "B") + (
                "?"
                + "&".join(
                    f"{k}={'M' if v == mid else 'A' if v == a else 'B' if v == b else v}"
                    for k, v in params.items()
                )
                if params
                else ""
            )
            results.append((label, statistics.median(times), percentile(times, 0.95), len(r.content)))
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--db", type=Path, help="reuse (or create) this store instead of a temporary one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        if not db.exists():
            secs = seed(db, args.articles)
            print(f"seeded {args.articles:,} articles in {secs:.1f} s")
        results = run(db, args.repeat)
    print(f"\n{'request':<78} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>9}")
    for label, p50, p95, size in results:
        print(f"{label:<78} {p50:8.1f} {p95:8.1f} {size:9,}")


if __name__ == "__main__":
    main()
