"""Ingest on Dask distributed: workers analyse partitions and write Parquet, the client loads them.

The client streams the inputs, skips what the store already holds (same id, content hash and
pipeline version, as the local path does) and submits partitions of raw documents. Each worker runs
the same pipeline (`batch.process`) and writes one Parquet file per store table (articles, entities,
quotes, events, actors; columns as in `store/schema.sql`) into `<parts>/<run>/part-NNNNN/`, then
returns only the partition's path and errors. The client loads each finished partition into DuckDB in
one transaction (delete by id, insert from `read_parquet`), so an interrupted run keeps every loaded
partition and a rerun redoes only the rest. Memory on the client is bounded: at most
`2 * workers` partitions are in flight.

The parts folder must be reachable by the workers and the client under the same path (a shared file
system on a cluster). See docs/scale.md.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from .batch import IngestReport, process, report_errors
from .errors import InputError, LagebildError
from .ingest.sources import RawDoc, iter_inputs
from .pipeline import PIPELINE_VERSION
from .records import Article
from .resources import data_path
from .store.db import Store
from .store.write import _actors, _rows, stored_versions

TABLES = ("articles", "entities", "quotes", "events")
CHILD_TABLES = ("entities", "quotes", "events")
_ARROW = {"VARCHAR": "string", "JSON": "string", "INTEGER": "int32", "DOUBLE": "float64", "BOOLEAN": "bool_"}


@cache
def table_columns() -> dict[str, list[tuple[str, str]]]:
    """(column, DuckDB type) per table, read from the store's schema.sql (defaulted timestamps left out)."""
    sql = data_path("store", "schema.sql").read_text(encoding="utf-8")
    out: dict[str, list[tuple[str, str]]] = {}
    for m in re.finditer(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", sql, re.S):
        cols = []
        for line in m.group(2).splitlines():
            parts = line.strip().rstrip(",").split()
            if len(parts) < 2 or parts[0].upper() == "PRIMARY" or "DEFAULT" in parts:
                continue
            cols.append((parts[0], parts[1].upper()))
        out[m.group(1)] = cols
    return out


def arrow_schema(table: str):
    import pyarrow as pa

    fields = []
    for name, typ in table_columns()[table]:
        fields.append(pa.field(name, pa.date32() if typ == "DATE" else getattr(pa, _ARROW[typ])()))
    return pa.schema(fields)


def _value(value: Any, typ: str) -> Any:
    if typ == "DATE" and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def partition_tables(items: list[tuple[Article, str]], version: str = PIPELINE_VERSION) -> dict[str, Any]:
    """Arrow tables (store columns) for analysed (article, content_hash) pairs; last one per id wins."""
    import pyarrow as pa

    by_id = {a.id: (a, h) for a, h in items}
    rows: dict[str, list[dict]] = {t: [] for t in (*TABLES, "actors")}
    actors: dict[str, dict] = {}
    for article, content_hash in by_id.values():
        for table, table_rows in _rows(article, content_hash, version).items():
            rows[table].extend(table_rows)
        for a in _actors(article):
            actors[a.id] = {"id": a.id, "name": a.name, "code": a.code, "country": a.country}
    rows["actors"] = list(actors.values())
    out = {}
    for table, table_rows in rows.items():
        cols = table_columns()[table]
        data = {name: [_value(r.get(name), typ) for r in table_rows] for name, typ in cols}
        out[table] = pa.Table.from_pydict(data, schema=arrow_schema(table))
    return out


def analyze_partition(raws: list[RawDoc], outdir: str) -> tuple[str, int, list[tuple[str, str]]]:
    """Worker task: analyse, write `outdir/<table>.parquet`; return (outdir, stored, errors)."""
    import pyarrow.parquet as pq

    done: list[tuple[Article, str]] = []
    errors: list[tuple[str, str]] = []
    for raw in raws:
        result = process(raw)
        if isinstance(result, InputError):
            errors.append((result.name, result.reason))
        else:
            done.append(result)
    path = Path(outdir)
    tmp = path.with_name(path.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    for table, arrow in partition_tables(done).items():
        pq.write_table(arrow, tmp / f"{table}.parquet")
    tmp.rename(path)  # a partition folder exists only once complete
    return str(path), len({a.id for a, _ in done}), errors


def load_partition(store: Store, partdir: str | Path) -> int:
    """Load one partition's Parquet files into the store in one transaction; return articles loaded."""
    part = Path(partdir)
    con = store.con
    files = {t: str(part / f"{t}.parquet") for t in (*TABLES, "actors")}
    con.execute("BEGIN TRANSACTION")
    try:
        ids = "SELECT id FROM read_parquet(?)"
        for table in CHILD_TABLES:
            con.execute(f"DELETE FROM {table} WHERE article_id IN ({ids})", [files["articles"]])
        con.execute(f"DELETE FROM articles WHERE id IN ({ids})", [files["articles"]])
        for table in TABLES:
            cols = ", ".join(f'"{c}"' for c, _ in table_columns()[table])
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM read_parquet(?)", [files[table]])
        con.execute(
            "INSERT INTO actors SELECT id, name, code, country FROM read_parquet(?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
            "code = coalesce(excluded.code, actors.code), country = coalesce(excluded.country, actors.country)",
            [files["actors"]],
        )
        n = con.execute("SELECT count(*) FROM read_parquet(?)", [files["articles"]]).fetchone()[0]
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return n


def connect(scheduler: str, n_workers: int | None = None, timeout: str = "30s"):
    """A Dask client: 'local' starts a LocalCluster (one single-threaded process per core)."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        from .batch import default_workers

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


def default_parts_dir(store: Store) -> Path:
    if store.path == ":memory:":
        return Path(tempfile.gettempdir()) / "lagebild-parts"
    return Path(store.path + ".parts")


def partitions(items: Iterable[RawDoc | InputError], size: int) -> Iterator[list[RawDoc | InputError]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def ingest_dask(
    paths: Iterable[str],
    store: Store,
    *,
    scheduler: str = "local",
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    partition_size: int = 64,
    parts_dir: str | Path | None = None,
    keep_parts: bool = False,
    client: Any = None,
    n_workers: int | None = None,
    timeout: str = "30s",
) -> IngestReport:
    """Analyse everything behind `paths` on Dask and load the result into `store` (see module doc)."""
    from distributed import as_completed

    report = IngestReport()
    own_client, cluster = (None, None) if client is not None else connect(scheduler, n_workers, timeout)
    client = client or own_client
    run_dir = Path(parts_dir or default_parts_dir(store)) / f"run-{uuid.uuid4().hex[:12]}"
    run_dir.mkdir(parents=True, exist_ok=True)
    max_in_flight = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
    futures = as_completed()
    in_flight = 0

    def handle(errors: list[InputError]) -> None:
        report_errors(store, report, errors, on_error)

    def collect_one() -> None:
        nonlocal in_flight
        future = next(futures)
        partdir, stored, errors = future.result()
        in_flight -= 1
        report.stored += load_partition(store, partdir)
        handle([InputError(n, r) for n, r in errors])
        if not keep_parts:
            shutil.rmtree(partdir, ignore_errors=True)
        if on_progress:
            on_progress(stored + len(errors))

    try:
        for i, window in enumerate(partitions(iter_inputs(paths), partition_size)):
            raws = [x for x in window if isinstance(x, RawDoc)]
            report.read += len(window)
            handle([x for x in window if isinstance(x, InputError)])
            known = stored_versions(store, [r.doc_id() for r in raws])
            todo = [r for r in raws if known.get(r.doc_id()) != (r.content_hash, PIPELINE_VERSION)]
            report.unchanged += len(raws) - len(todo)
            if not todo:
                continue
            futures.add(client.submit(analyze_partition, todo, str(run_dir / f"part-{i:05d}"), pure=False))
            in_flight += 1
            while in_flight >= max_in_flight:
                collect_one()
        while in_flight:
            collect_one()
    finally:
        if not keep_parts:
            shutil.rmtree(run_dir, ignore_errors=True)
            with contextlib.suppress(OSError):
                run_dir.parent.rmdir()  # only if no other run uses it
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()
    return report
