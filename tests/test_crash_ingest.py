"""Crash safety of `lagebild ingest`: SIGKILL mid-batch, restart, and the store holds every article
exactly once with no half-written article; two concurrent ingests into one store.

The documents are short German news paragraphs written for this test and varied programmatically
(about 20-60 ms of analysis each), so a run over a few hundred of them stays within CI time.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lagebild.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

SPEAKERS = [
    ("Bundeskanzler Olaf Scholz", "Scholz"),
    ("Außenministerin Annalena Baerbock", "Baerbock"),
    ("Kremlsprecher Dmitri Peskow", "Peskow"),
    ("Nato-Generalsekretär Jens Stoltenberg", "Stoltenberg"),
    ("der ukrainische Präsident Wolodymyr Selenskyj", "Selenskyj"),
    ("Frankreichs Präsident Emmanuel Macron", "Macron"),
]
PLACES = ["Berlin", "Moskau", "Kiew", "Brüssel", "Paris", "Warschau", "Wien"]
DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]
TEMPLATES = [
    "{s} hat am {d} in {p} Vertreter der Europäischen Union empfangen. „Wir brauchen mehr Unterstützung“, "
    "sagte {n} nach dem Treffen. Die Gespräche sollen in der kommenden Woche fortgesetzt werden.",
    "{s} wies die Vorwürfe am {d} zurück. Man werde die eigenen Interessen verteidigen, sagte {n} in {p}. "
    "Beobachter rechnen mit weiteren Spannungen.",
    "In {p} hat {s} am {d} neue Sanktionen angekündigt. Die Maßnahmen seien notwendig, erklärte {n}. "
    "„Wir lassen uns nicht erpressen“, fügte {n} hinzu.",
    "{s} kritisierte am {d} die Regierung in {p} scharf. Die Lage sei ernst, sagte {n}. "
    "Ein Sprecher der Regierung wollte sich zunächst nicht äußern.",
]


def corpus(n: int) -> list[dict]:
    """n distinct short articles (ids a0000...), varied over speakers, places, days and templates."""
    combos = itertools.product(TEMPLATES, SPEAKERS, PLACES, DAYS)
    docs = []
    for i, (t, (s, name), p, d) in enumerate(itertools.islice(combos, n)):
        text = t.format(s=s[0].upper() + s[1:], n=name, p=p, d=d)
        docs.append({"id": f"a{i:04d}", "text": text, "published": f"2024-03-{1 + i % 28:02d}"})
    return docs


def write_corpus(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def ingest_cmd(inputs: Path, db: Path, batch_size: int = 8) -> list[str]:
    return [
        sys.executable,
        "-m",
        "lagebild",
        "ingest",
        str(inputs),
        "--db",
        str(db),
        "--workers",
        "1",
        "--batch-size",
        str(batch_size),
        "--no-progress",
    ]


def wait_for_commits(proc: subprocess.Popen, db: Path, n: int = 1, timeout: float = 90) -> bool:
    """Wait until the store's write-ahead log (DuckDB's `<db>.wal`) has grown `n` times, i.e. `n`
    windows are committed (the store is created beforehand, so no migration commits first; it cannot
    be read from outside while the ingest holds its lock)."""
    wal = Path(str(db) + ".wal")
    end = time.monotonic() + timeout
    size, grown = 0, 0
    while time.monotonic() < end:
        now = wal.stat().st_size if wal.exists() else 0
        if now > size:
            grown += 1
            if grown >= n:
                return True
        size = now
        if proc.poll() is not None:
            return False  # nothing (more) to commit: the run ended
        time.sleep(0.01)
    proc.kill()
    pytest.fail("ingest wrote nothing within the timeout")


CHILDREN = {
    "entities": ("text, start_char, end_char, type", lambda e: (e["text"], e["start"], e["end"], e["type"])),
    "quotes": ("text, start_char, end_char, kind", lambda q: (q["text"], q["start"], q["end"], q["kind"])),
    "events": (
        "code, trigger_start, trigger_end, negated",
        lambda e: (e["code"], e["trigger"]["start"], e["trigger"]["end"], e["negated"]),
    ),
}


def check_store(db: Path, expected_ids: set[str] | None = None) -> int:
    """Every stored article is whole: its entities, quotes and events rows are exactly its record's,
    and no child row lacks its article."""
    with Store(db) as store:
        articles = store.con.execute("SELECT id, text, record FROM articles").fetchall()
        ids = [a[0] for a in articles]
        assert len(ids) == len(set(ids)), "an article is stored twice"
        if expected_ids is not None:
            assert set(ids) == expected_ids, "articles lost or invented"
        records = {aid: json.loads(rec) for aid, _, rec in articles}
        for aid, text, _ in articles:
            assert records[aid]["id"] == aid and records[aid]["text"] == text
        for table, (cols, key) in CHILDREN.items():
            stored: dict[str, list[tuple]] = {}
            for row in store.con.execute(
                f"SELECT article_id, {cols} FROM {table} ORDER BY article_id, idx"
            ).fetchall():
                stored.setdefault(row[0], []).append(tuple(row[1:]))
            assert set(stored) <= set(records), f"{table} rows without their article"
            for aid, rec in records.items():
                assert stored.get(aid, []) == [key(x) for x in rec[table]], (
                    f"{table} of {aid} do not match its record"
                )
        return len(ids)


def test_sigkill_mid_batch_then_restart_stores_every_article_once(tried, tmp_path):
    docs = corpus(600)
    inputs = write_corpus(tmp_path / "news.jsonl", docs)
    db = tmp_path / "store.duckdb"
    Store(db).close()  # migrated up front: every later commit is a window of articles
    rng = random.Random(8)
    kills, partial_counts = 0, []
    for _ in range(3):
        proc = subprocess.Popen(
            ingest_cmd(inputs, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        if wait_for_commits(proc, db):
            time.sleep(rng.uniform(0.05, 0.5))  # somewhere inside a later window
        if proc.poll() is not None:
            proc.communicate()
            assert proc.returncode == 0
            break  # finished before the kill: nothing left to interrupt
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
        kills += 1
        partial_counts.append(check_store(db))  # consistent right after the kill, before any repair
    assert kills >= 1, "the run must have been interrupted at least once"
    # killed after a commit and (at least once) before the end
    assert all(n > 0 for n in partial_counts) and min(partial_counts) < len(docs), partial_counts
    done = subprocess.run(ingest_cmd(inputs, db), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "failed 0" in done.stderr
    assert check_store(db, {d["id"] for d in docs}) == len(docs)
    with Store(db) as store:  # the consistency check above compared real child rows, not empty lists
        assert store.count("quotes") >= len(docs) // 2
    again = subprocess.run(ingest_cmd(inputs, db), capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and f"unchanged {len(docs)}" in again.stderr and "stored 0" in again.stderr
    print(f"[robustness] articles stored when killed: {partial_counts}")
    tried("sigkill-batch", len(docs))
    tried("sigkill-batch-kills", kills)


def test_concurrent_ingests_take_turns_and_nothing_is_duplicated(tried, tmp_path):
    """Two ingests into one store: each holds the file only for one window's transaction, so both
    run to the end; every article is stored once (docs/store.md)."""
    docs = corpus(600)
    inputs = write_corpus(tmp_path / "news.jsonl", docs)
    db = tmp_path / "store.duckdb"
    Store(db).close()
    first = subprocess.Popen(
        ingest_cmd(inputs, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert wait_for_commits(first, db), "the first ingest must still be running"
        second = subprocess.run(ingest_cmd(inputs, db), capture_output=True, text=True, timeout=600)
        assert second.returncode == 0, second.stderr
        _, err = first.communicate(timeout=600)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err
    counts = [re.search(r"stored (\d+) · unchanged (\d+)", out) for out in (err, second.stderr)]
    assert all(m and int(m[1]) + int(m[2]) == len(docs) for m in counts), (err, second.stderr)
    assert check_store(db, {d["id"] for d in docs}) == len(docs)
    tried("concurrent-ingest", 2)


def test_overlapping_inputs_in_one_run_store_each_article_once(tried, tmp_path):
    """The same article twice in one window and again in a later window: one row, one set of children."""
    docs = corpus(12)
    repeated = docs + docs[:5] + docs[3:4]
    inputs = write_corpus(tmp_path / "news.jsonl", repeated)
    db = tmp_path / "store.duckdb"
    run = subprocess.run(ingest_cmd(inputs, db, batch_size=4), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert check_store(db, {d["id"] for d in docs}) == len(docs)
    tried("repeated-articles", len(repeated))


WRITER = """
import sys, time
from lagebild.records import Article, Entity, Mention, Quote, Sentence, Span
from lagebild.store import Store
from lagebild.store.write import write_articles

class Pausing:
    \"\"\"The store's connection, pausing after the n-th INSERT inside the transaction so the test can
    kill the process there.\"\"\"
    def __init__(self, con, after):
        self.con, self.after, self.inserts = con, after, 0
    def __getattr__(self, name):
        return getattr(self.con, name)
    def execute(self, sql, *args):
        batch = sys._getframe(1).f_locals.get("batch")  # DuckDB's replacement scan reads the caller's locals
        result = self.con.execute(sql, *args)
        if sql.startswith("INSERT INTO"):
            self.inserts += 1
            if self.inserts == self.after:
                print("inside", flush=True)
                time.sleep(60)
        return result

def art(i):
    t = f"Kanzler Scholz sagte am Montag in Berlin: „Wir helfen.“ Meldung {i}."
    return Article(id=f"w{i:05d}", text=t, language="de", sentences=[Sentence(0, len(t))],
        entities=[Entity("Scholz", 8, 14, "PER"), Entity("Berlin", 32, 38, "LOC")],
        quotes=[Quote("Wir helfen.", 41, 52, "direct", Span("sagte", 15, 20), Mention("Scholz", 8, 14))])

with Store(sys.argv[1]) as store:
    write_articles(store, [(art(i), "h") for i in range(10)], "v")
    store.con = Pausing(store.con, int(sys.argv[2]))
    # the same ten articles again (a re-analysis replaces them) and 2,000 new ones
    write_articles(store, [(art(i), "h2") for i in range(2010)], "v")
    print("done", flush=True)
"""


@pytest.mark.parametrize("after", [1, 2, 3], ids=["after-articles", "after-entities", "after-quotes"])
def test_sigkill_inside_a_write_transaction_leaves_all_or_nothing(tried, tmp_path, after):
    """Kill the writer between the INSERTs of one window (old rows already deleted, new ones half
    inserted): after recovery the store holds the state before the window, whole."""
    db = tmp_path / "store.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(after)], stdout=subprocess.PIPE, text=True
    )
    line = proc.stdout.readline().strip()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert line == "inside"
    assert check_store(db) == 10
    with Store(db) as store:
        assert {r["content_hash"] for r in store.query("SELECT content_hash FROM articles")} == {"h"}
        assert store.count("entities") == 20 and store.count("quotes") == 10
    tried("sigkill-write", 1)
