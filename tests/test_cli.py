"""The command line as a user runs it: formats, exit codes, the store commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, shared_path

EX004 = str(EXAMPLES / "004_8e7d378fd429c56a.txt")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lagebild", *args], capture_output=True, text=True, input=stdin
    )


def test_analyze_json_example_004():
    proc = run("analyze", EX004, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    [d] = json.loads(proc.stdout)  # --format json writes one JSON array
    assert d["title"] == "Lukaschenko umwirbt Irans Raisi in fortgesetztem diplomatischen Vorstoß"
    reasons = {r["text"]: r["reason"] for r in d["removed"]}
    assert set(reasons) == {"car-keys", "Kommentare", d["title"]}
    raw = Path(EX004).read_text(encoding="utf-8")
    body = [line for line in raw.splitlines() if line.strip() and line not in reasons]
    assert all(line in d["text"] for line in body)


def test_analyze_jsonl_when_piped_and_partial_failure_exit_code(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    proc = run("analyze", EX004, str(empty))
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 1 and json.loads(proc.stdout)["language"] == "de"
    assert f"{empty}: empty" in proc.stderr


def test_analyze_stdin_and_table():
    proc = run("analyze", "-", "--format", "table", stdin="Der Kreml wies die Vorwürfe am Montag zurück.")
    assert proc.returncode == 0 and "Der Kreml wies die Vorwürfe" in proc.stdout


def test_ingest_export_summary(tmp_path):
    db = str(tmp_path / "x.duckdb")
    first = run("ingest", str(EXAMPLES), "--db", db, "--workers", "1")
    assert first.returncode == 0, first.stderr
    assert "stored 2" in first.stderr
    assert "stored 0 · unchanged 2" in run("ingest", str(EXAMPLES), "--db", db, "--workers", "1").stderr
    out = run("export", "--db", db, "--format", "jsonl")
    assert len(out.stdout.splitlines()) == 2
    assert "2 articles" in run("summary", "--db", db).stdout
    pq = tmp_path / "pq"
    assert run("export", "--db", db, "--format", "parquet", "--out", str(pq)).returncode == 0
    assert (pq / "events.parquet").exists()


def test_store_error_exit_code(tmp_path):
    proc = run("summary", "--db", str(tmp_path / "none.duckdb"))
    assert proc.returncode == 2 and "no such store" in proc.stderr


@pytest.mark.slow
def test_ingest_real_corpus_twice(tmp_path):
    """A slice of the 877 real articles (the full run is in `make eval`): stored once, then 0 added."""
    src = shared_path("data", "news-10kgnad", "articles.jsonl")
    part = tmp_path / "part.jsonl"
    with open(src, encoding="utf-8") as fh:
        part.write_text("".join(line for _, line in zip(range(60), fh, strict=False)), encoding="utf-8")
    db = str(tmp_path / "g.duckdb")
    first = run("ingest", str(part), "--db", db, "--workers", "2")
    assert first.returncode == 0 and "stored 60" in first.stderr, first.stderr
    second = run("ingest", str(part), "--db", db, "--workers", "2")
    assert "stored 0 · unchanged 60" in second.stderr
