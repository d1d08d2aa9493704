"""Exports of what is stored: article records as JSON lines, tables as Parquet or CSV files.

CSV cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
return) get a leading apostrophe: a title such as `=HYPERLINK("http://evil.example","click")` stays
text (OWASP's advice against CSV injection). Parquet and JSON keep values as they are.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .db import Store

TABLES = ("articles", "entities", "quotes", "events", "actors")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def iter_records(store: Store, batch: int = 500) -> Iterator[dict]:
    """Stored article records in id order, fetched in batches (bounded memory)."""
    with store.session() as con:
        cur = con.execute("SELECT record FROM articles ORDER BY id")
        while rows := cur.fetchmany(batch):
            for (record,) in rows:
                yield json.loads(record)


def export_jsonl(store: Store, out: TextIO) -> int:
    n = 0
    for record in iter_records(store):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def _select(table: str) -> str:
    columns = "* EXCLUDE (record)" if table == "articles" else "*"
    return f"SELECT {columns} FROM {table}"


def export_parquet(store: Store, outdir: str | Path) -> list[Path]:
    """One Parquet file per table in `outdir` (created if needed)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with store.session() as con:
        for table in TABLES:
            path = outdir / f"{table}.parquet"
            con.execute(f"COPY ({_select(table)}) TO ? (FORMAT parquet)", [str(path)])
            written.append(path)
    return written


def export_csv(store: Store, outdir: str | Path) -> list[Path]:
    """One CSV file per table in `outdir` (UTF-8, header row, formula-like cells neutralised)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with store.session() as con:
        for table in TABLES:
            path = outdir / f"{table}.csv"
            path.write_bytes(table_csv(con.sql(_select(table)).to_arrow_table()))
            written.append(path)
    return written


def neutralise(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """A string column with formula-like cells prefixed by an apostrophe; other columns unchanged."""
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return column
    risky = pc.starts_with(column, FORMULA_START[0])
    for start in FORMULA_START[1:]:
        risky = pc.or_(risky, pc.starts_with(column, start))
    return pc.if_else(pc.fill_null(risky, False), pc.binary_join_element_wise("'", column, ""), column)


def table_csv(table: pa.Table) -> bytes:
    """CSV bytes of a table: lists joined with '|' (CSV has none), formula-like cells neutralised."""
    cols = []
    for col in table.columns:
        if pa.types.is_list(col.type) or pa.types.is_large_list(col.type):
            col = pa.array(
                ["|".join(map(str, v)) if v is not None else None for v in col.to_pylist()], pa.string()
            )
        cols.append(neutralise(col))
    buf = io.BytesIO()
    pacsv.write_csv(pa.table(cols, names=table.column_names), buf)
    return buf.getvalue()
