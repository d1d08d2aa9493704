"""The embedded store: idempotent ingest, re-analysis on a new pipeline version, exports, locking."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from lagebild import pipeline
from lagebild.batch import ingest
from lagebild.errors import StoreError
from lagebild.store import Store
from lagebild.store.export import export_jsonl, export_parquet

ARTICLES = [
    {
        "id": "kiew-1",
        "published": "2024-02-20",
        "text": (
            "Der ukrainische Präsident Wolodymyr Selenskyj hat am Dienstag in Kiew Vertreter der EU empfangen. "
            "„Wir brauchen mehr Luftabwehr“, sagte Selenskyj nach dem Treffen."
        ),
    },
    {
        "id": "moskau-1",
        "published": "2024-02-21",
        "text": (
            "Kremlsprecher Dmitri Peskow wies die Vorwürfe am Mittwoch zurück. Russland werde seine Interessen "
            "verteidigen, sagte Peskow in Moskau."
        ),
    },
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES), encoding="utf-8")
    return path


def test_ingest_is_idempotent(tmp_path, corpus):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        first = ingest([str(corpus)], store, workers=1)
        second = ingest([str(corpus)], store, workers=1)
        assert (first.stored, first.unchanged, first.failed) == (2, 0, 0)
        assert (second.stored, second.unchanged) == (0, 2)
        assert store.count("articles") == 2
        rows = store.query("SELECT id, published, language FROM articles ORDER BY id")
    assert [(r["id"], str(r["published"]), r["language"]) for r in rows] == [
        ("kiew-1", "2024-02-20", "de"),
        ("moskau-1", "2024-02-21", "de"),
    ]


def test_new_pipeline_version_reanalyses_without_duplicates(tmp_path, corpus, monkeypatch):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([str(corpus)], store, workers=1)
        n_children = {t: store.count(t) for t in ("entities", "quotes", "events")}
        monkeypatch.setattr("lagebild.batch.PIPELINE_VERSION", pipeline.PIPELINE_VERSION + "+test")
        again = ingest([str(corpus)], store, workers=1)
        assert again.stored == 2 and store.count("articles") == 2
        assert {t: store.count(t) for t in n_children} == n_children


def test_changed_text_under_same_id_replaces_article(tmp_path, corpus):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([str(corpus)], store, workers=1)
        changed = tmp_path / "changed.jsonl"
        changed.write_text(
            json.dumps(
                {**ARTICLES[0], "text": ARTICLES[0]["text"] + " Die Gespräche gehen weiter."},
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        report = ingest([str(changed)], store, workers=1)
        assert report.stored == 1 and store.count("articles") == 2
        [row] = store.query("SELECT text FROM articles WHERE id = ?", ["kiew-1"])
        assert row["text"].endswith("Die Gespräche gehen weiter.")


def test_bad_inputs_are_recorded_and_the_batch_goes_on(tmp_path, corpus):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": \n' + json.dumps(ARTICLES[1], ensure_ascii=False), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([str(tmp_path / "missing.txt"), str(bad), str(corpus)], store, workers=1)
        assert report.failed == 2 and not report.ok
        assert store.count("articles") == 2 and store.count("ingest_errors") == 2


def test_exports_round_trip(tmp_path, corpus):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([str(corpus)], store, workers=1)
        out = tmp_path / "out.jsonl"
        with open(out, "w", encoding="utf-8") as fh:
            assert export_jsonl(store, fh) == 2
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in records] == ["kiew-1", "moskau-1"]
        assert records[1]["text"] == ARTICLES[1]["text"]
        paths = export_parquet(store, tmp_path / "pq")
        assert pq.read_table(tmp_path / "pq" / "articles.parquet").num_rows == 2
        assert {p.name for p in paths} >= {"events.parquet", "quotes.parquet", "entities.parquet"}


def test_a_store_held_longer_than_the_wait_gets_a_clear_refusal(tmp_path):
    """Stores take the file only for a unit of work; one held open (`store.con`) past the other
    process's wait is a clear error naming the file, not a hang."""
    import subprocess
    import sys

    db = tmp_path / "s.duckdb"
    with Store(db) as holder:
        holder.con.execute("SELECT 1")  # keeps the file locked until close
        code = f"from lagebild.store import Store\nStore({str(db)!r}, wait=0.5)"
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert proc.returncode != 0
        assert "in use by another lagebild process (waited 0.5 s)" in proc.stderr and str(db) in proc.stderr


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_an_article_that_cannot_be_stored_costs_only_itself(tmp_path, corpus, monkeypatch):
    import lagebild.batch as batch

    real = batch.write_articles

    def failing(store, items, version):
        if any(a.id == "moskau-1" for a, _ in items):
            raise ValueError("simulated constraint violation")
        return real(store, items, version)

    monkeypatch.setattr(batch, "write_articles", failing)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([str(corpus)], store, workers=1)
        assert report.stored == 1 and report.failed == 1
        assert "cannot store: ValueError: simulated constraint violation" in report.errors[0].reason
        assert [r["id"] for r in store.query("SELECT id FROM articles")] == ["kiew-1"]


def test_overlong_text_is_refused_with_a_clear_error(tmp_path):
    from lagebild.pipeline import MAX_TEXT_CHARS

    path = tmp_path / "book.txt"
    path.write_text("Die Regierung in Berlin beriet am Montag. " * (MAX_TEXT_CHARS // 40), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([str(path)], store, workers=1)
    assert report.failed == 1 and "text too long" in report.errors[0].reason


def test_summary_counts_dyads_by_country_and_leaves_out_negated_events():
    """Raisi (a person) and Iran (a state) are one side, IRN; the negated threat China -> Russia is no dyad."""
    from lagebild.api.sample import content_hash, sample_articles
    from lagebild.store.queries import summary
    from lagebild.store.write import write_articles

    with Store(":memory:") as store:
        articles = sample_articles()
        write_articles(store, [(a, content_hash(a)) for a in articles], "test")
        dyads = {(d["source"], d["target"]): d for d in summary(store)["dyads"]}
    assert dyads[("BLR", "IRN")]["events"] == 3 and dyads[("IRN", "BLR")]["events"] == 1
    assert dyads[("USA", "IRN")]["goldstein"] < 0 < dyads[("RUS", "IRN")]["goldstein"]
    assert ("CHN", "RUS") not in dyads
    assert all(src != tgt for src, tgt in dyads)
