"""The live store: the server holds the file only while it answers, so other processes read and write
it meanwhile, and what they store shows up at the next request (docs/store.md)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from tests.conftest import EXAMPLES

from lagebild.api.sample import content_hash, sample_articles
from lagebild.store import Store
from lagebild.store.write import write_articles


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def lagebild(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lagebild", *args], capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def serving(tmp_path):
    """`lagebild serve` on a free loopback port over a store with two hand-built records."""
    db = tmp_path / "live.duckdb"
    with Store(db) as store:
        write_articles(store, [(a, content_hash(a)) for a in sample_articles()[:2]], "seed")
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "lagebild", "serve", "--db", str(db), "--port", str(port)],
            stdout=fh,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url, proc)
            yield db, url, proc, log
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _wait_until_up(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            _get(f"{url}/health")
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("lagebild serve stopped") from None
            time.sleep(0.3)
    raise RuntimeError("lagebild serve did not come up")


def test_summary_export_sql_and_ingest_while_serving(serving, tmp_path):
    import duckdb

    db, url, _, log = serving
    assert _get(f"{url}/articles")["total"] == 2
    con = duckdb.connect(str(db), read_only=True)  # plain SQL: readers share the file with the server
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    finally:
        con.close()
    summary = lagebild("summary", "--db", str(db))
    assert summary.returncode == 0, summary.stderr
    assert "2 articles" in summary.stdout
    export = lagebild("export", "--db", str(db))
    assert export.returncode == 0, export.stderr
    assert len(export.stdout.splitlines()) == 2
    ingest = lagebild("ingest", str(EXAMPLES), "--db", str(db), "--workers", "1", "--no-progress")
    assert ingest.returncode == 0, ingest.stderr
    assert "stored 2" in ingest.stderr
    listed = _get(f"{url}/articles?limit=50")
    assert listed["total"] == 4  # the ingested articles, without a restart
    titles = {a["title"] for a in listed["items"]}
    assert "Lukaschenko umwirbt Irans Raisi in fortgesetztem diplomatischen Vorstoß" in titles
    # the access log: one line per request (method, path, status, duration), no bodies
    lines = _log_lines(log, " GET /articles ", 2)
    assert len(lines) == 2 and all(line.split()[-2] == "200" and line.endswith("ms") for line in lines)


def _log_lines(log, needle: str, n: int) -> list[str]:
    """The log's lines with `needle`, once there are `n` (a line is written just after its answer)."""
    deadline = time.monotonic() + 10
    while True:
        lines = [line for line in log.read_text(encoding="utf-8").splitlines() if needle in line]
        if len(lines) >= n or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def test_a_reader_and_a_writer_in_one_process_take_turns(tmp_path):
    """Threads of one process (the server's request threads and its upload writer) never hold a
    read-only and a read-write connection at once, and the reader sees the writer's commit."""
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        seen: list[int] = []
        articles = sample_articles()

        def read() -> None:
            for _ in range(20):
                seen.append(store.count("articles"))

        def write() -> None:
            for a in articles:
                write_articles(store, [(a, content_hash(a))], "t")

        threads = [threading.Thread(target=read), threading.Thread(target=write)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert store.count("articles") == len(articles)
        assert seen == sorted(seen) and set(seen) <= set(range(len(articles) + 1))


def test_a_second_process_waits_for_a_short_write_instead_of_failing(tmp_path):
    """A writer holds the file for one transaction; another process opening it meanwhile waits."""
    db = tmp_path / "w.duckdb"
    Store(db).close()
    holder = Store(db)
    holder.con.execute("SELECT 1")  # hold the file like a long transaction would
    code = (
        "import time, sys\nfrom lagebild.store import Store\nt = time.monotonic()\n"
        f"s = Store({str(db)!r}, read_only=True, wait=30)\nprint(round(time.monotonic() - t, 1), s.count('articles'))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(2.5)
    holder.close()  # the "transaction" ends
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    waited, count = out.split()
    assert float(waited) >= 1.0 and count == "0"


def test_an_idle_reader_lets_a_waiting_writer_in_at_once(tmp_path):
    """A reader keeps its connection for a while after a request (the next one is likely to follow),
    but lets go as soon as another process's writer says it is waiting."""
    db = tmp_path / "i.duckdb"
    Store(db).close()
    with Store(db, read_only=True, linger=30) as reader:
        assert reader.count("articles") == 0  # its shared connection now lingers for 30 s
        code = (
            f"import time\nfrom lagebild.store import Store\nt = time.monotonic()\n"
            f"with Store({str(db)!r}) as w:\n    w.count('articles')\nprint(time.monotonic() - t)"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert float(proc.stdout) < 10
        assert not (tmp_path / "i.duckdb.writer-waiting").exists()
