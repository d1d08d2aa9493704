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


# --- inputs: notes, empty inputs, --published ------------------------------------------------------

DE_TEXT = (
    "Der Bundestag hat am Donnerstag in Berlin das neue Heizungsgesetz beschlossen. "
    "„Das ist ein wichtiger Schritt“, sagte die Bauministerin nach der Abstimmung."
)


def test_a_skipped_file_gets_a_note_and_an_empty_folder_exits_1(tmp_path):
    (tmp_path / "a.txt").write_text(DE_TEXT, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    proc = run("analyze", str(tmp_path), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert f"note {tmp_path / 'scan.pdf'}: skipped: unknown file type '.pdf'" in proc.stderr
    empty = tmp_path / "leer"
    empty.mkdir()
    for cmd in (("analyze", str(empty)), ("ingest", str(empty), "--db", str(tmp_path / "e.duckdb"))):
        proc = run(*cmd)
        assert proc.returncode == 1, proc.stderr
        assert f"{empty}: no file to read in this folder" in proc.stderr


@pytest.mark.parametrize("command", ["analyze", "ingest", "quotes", "events", "fetch", "watch"])
def test_an_invalid_published_date_is_a_usage_error_naming_it(command):
    proc = run(command, "x.txt", "--published", "2023-02-30")
    assert proc.returncode == 2
    assert "argument --published: invalid date '2023-02-30'" in proc.stderr


def test_the_inputs_own_date_wins_over_published(tmp_path):
    (tmp_path / "ohne.txt").write_text(DE_TEXT, encoding="utf-8")
    record = {
        "id": "mit",
        "text": DE_TEXT.replace("Heizungsgesetz", "Haushaltsgesetz"),
        "published": "2023-03-13",
    }
    (tmp_path / "mit.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    html = (
        "<html><head><title>Heizungsgesetz beschlossen</title>"
        '<meta property="article:published_time" content="2023-07-07T12:00:00+02:00"></head>'
        f"<body><article><h1>Heizungsgesetz beschlossen</h1><p>{DE_TEXT} Die Opposition stimmte dagegen "
        "und kündigte eine Klage an. Das Gesetz soll im Januar in Kraft treten.</p></article></body></html>"
    )
    (tmp_path / "seite.html").write_text(html, encoding="utf-8")
    proc = run("analyze", str(tmp_path), "--published", "2020-01-01", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    dates = {Path(r["source"]).name.split(":")[0]: r["published"] for r in json.loads(proc.stdout)}
    assert dates == {"mit.jsonl": "2023-03-13", "ohne.txt": "2020-01-01", "seite.html": "2023-07-07"}


def test_json_format_is_one_array_also_when_empty(tmp_path):
    (tmp_path / "leer.txt").write_text("   ", encoding="utf-8")
    proc = run("analyze", str(tmp_path / "leer.txt"), "--format", "json")
    assert proc.returncode == 1 and json.loads(proc.stdout) == []


def test_export_csv(tmp_path):
    db = str(tmp_path / "x.duckdb")
    assert run("ingest", str(EXAMPLES), "--db", db, "--workers", "1").returncode == 0
    out = tmp_path / "csv"
    proc = run("export", "--db", db, "--format", "csv", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "actors.csv", "articles.csv", "entities.csv", "events.csv", "quotes.csv"
    ]  # fmt: skip
    import csv

    with open(out / "articles.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2 and "record" not in rows[0] and {r["language"] for r in rows} == {"de"}


def test_ingest_progress_has_a_total_and_an_eta(tmp_path, monkeypatch):
    """On a terminal, the bar counts documents against the total and shows the time remaining."""
    import io

    from rich.console import Console

    from lagebild import cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=120, color_system=None))
    code = cli.main(["ingest", str(EXAMPLES), "--db", str(tmp_path / "p.duckdb"), "--workers", "1"])
    assert code == 0
    shown = screen.getvalue()
    assert "2/2" in shown and "eta" in shown and "stored 2" in shown
