"""Streaming batch ingest (`lagebild.batch`): bounded look-ahead, workers, resume, no duplicates.

The documents are short news paragraphs written for these tests, varied programmatically.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import duckdb
import pytest

from lagebild import batch
from lagebild.batch import Analyzer, ingest
from lagebild.ingest.sources import RawDoc
from lagebild.store import open_store

SUBJECTS = [
    "Die Bundesregierung",
    "Der französische Außenminister",
    "Die Gewerkschaft Verdi",
    "Kremlsprecher Dmitri Peskow",
    "Die Europäische Kommission",
]
ACTIONS = [
    "hat am {d} neue Gespräche in {p} angekündigt.",
    "wies am {d} in {p} die Kritik der Opposition zurück.",
    "forderte am {d} in {p} mehr Geld für die Infrastruktur.",
]
DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag"]
PLACES = ["Berlin", "Paris", "Wien", "Moskau"]


def docs(n: int) -> list[dict]:
    combos = itertools.islice(itertools.product(SUBJECTS, ACTIONS, DAYS, PLACES), n)
    return [
        {"id": f"b{i:03d}", "text": f"{s} {a.format(d=d, p=p)} Eine Entscheidung wird im Herbst erwartet."}
        for i, (s, a, d, p) in enumerate(combos)
    ]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def dump(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for t in ("articles", "entities", "quotes", "events", "actors"):
            cols = "* EXCLUDE (ingested_at)" if t == "articles" else "*"
            out[t] = sorted(con.execute(f"SELECT {cols} FROM {t}").fetchall(), key=repr)
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def analyzer():
    a = Analyzer(1)
    yield a
    a.close()


def test_two_workers_store_what_one_worker_stores(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", docs(24))
    reports = {}
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.duckdb") as store:
            reports[workers] = ingest([str(src)], store, workers=workers, batch_size=8)
    assert reports[1].stored == reports[2].stored == 24
    assert dump(tmp_path / "w1.duckdb") == dump(tmp_path / "w2.duckdb")


@pytest.mark.parametrize("batch_size", [4, 10])
def test_inputs_are_read_at_most_two_windows_ahead(tmp_path, monkeypatch, analyzer, batch_size):
    """Bounded memory: when a window is written, no more than the next window has been read."""
    pulled = 0

    def lazy(paths):
        nonlocal pulled
        for row in docs(30):
            pulled += 1
            yield RawDoc(name=row["id"], text=row["text"], id=row["id"])

    seen_at_write: list[tuple[int, int]] = []
    real_write = batch.write_articles

    def spy(store, items, version):
        seen_at_write.append((len(seen_at_write), pulled))
        return real_write(store, items, version)

    monkeypatch.setattr(batch, "iter_inputs", lazy)
    monkeypatch.setattr(batch, "write_articles", spy)
    with open_store(tmp_path / "s.duckdb") as store:
        report = ingest(["<generated>"], store, analyzer=analyzer, batch_size=batch_size)
        assert store.count("articles") == 30
    assert report.stored == 30
    assert len(seen_at_write) == -(-30 // batch_size)
    for k, n in seen_at_write:
        assert n <= (k + 2) * batch_size


def test_interrupted_ingest_resumes_without_redoing_or_duplicating(tmp_path, analyzer):
    src = write_jsonl(tmp_path / "in.jsonl", docs(20))
    db = tmp_path / "r.duckdb"
    windows_done = 0

    def stop_after_first_window(n: int) -> None:
        nonlocal windows_done
        windows_done += 1
        raise KeyboardInterrupt

    with open_store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest([str(src)], store, analyzer=analyzer, batch_size=8, on_progress=stop_after_first_window)
    with open_store(db) as store:
        assert windows_done == 1
        assert store.count("articles") == 8  # the first window, committed whole
        report = ingest([str(src)], store, analyzer=analyzer, batch_size=8)
        assert (report.read, report.stored, report.unchanged) == (20, 12, 8)
    with open_store(tmp_path / "straight.duckdb") as store:
        ingest([str(src)], store, analyzer=analyzer, batch_size=8)
    assert dump(db) == dump(tmp_path / "straight.duckdb")


def test_duplicate_in_the_next_window_is_not_analysed_twice(tmp_path, analyzer):
    rows = docs(6)
    src = write_jsonl(tmp_path / "in.jsonl", [*rows, rows[1]])  # window 2 repeats a doc of window 1
    with open_store(tmp_path / "d.duckdb") as store:
        report = ingest([str(src)], store, analyzer=analyzer, batch_size=6)
        assert (report.stored, report.unchanged) == (6, 1)
        assert store.count("articles") == 6


def test_bad_documents_are_reported_and_the_batch_goes_on(tmp_path, analyzer):
    rows = docs(5)
    rows.insert(2, {"id": "empty", "text": " \n "})
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    (tmp_path / "broken.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    errors = []
    with open_store(tmp_path / "e.duckdb") as store:
        report = ingest(
            [str(src), str(tmp_path / "broken.jsonl")],
            store,
            analyzer=analyzer,
            batch_size=3,
            on_error=errors.append,
        )
        assert store.count("articles") == 5
        assert store.count("ingest_errors") == 2
    assert (report.stored, report.failed, report.ok) == (5, 2, False)
    assert sorted(e.name for e in errors) == sorted([f"{src}:3", f"{tmp_path / 'broken.jsonl'}:1"])
