"""The Dask path (`lagebild.scale`) on a real LocalCluster, and the fast NLP path against stock tools.

The documents are short news paragraphs written for these tests.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import duckdb
import pytest

from lagebild import nlp
from lagebild.batch import ingest
from lagebild.store import open_store

DOCS = [
    (
        "d01",
        "Bundeskanzler Olaf Scholz hat am Montag in Berlin den polnischen Präsidenten empfangen. "
        "„Wir stehen an der Seite unserer Partner“, sagte Scholz nach dem Treffen.",
    ),
    (
        "d02",
        "Der Kreml wies die Vorwürfe aus Washington am Dienstag zurück. Kremlsprecher Dmitri Peskow "
        "nannte die Berichte haltlos und kündigte eine Antwort an.",
    ),
    (
        "d03",
        "Die Europäische Union hat neue Sanktionen gegen Belarus beschlossen. Die Maßnahmen treffen "
        "vor allem die Kaliindustrie, teilte der Rat in Brüssel mit.",
    ),
    (
        "d04",
        "Frankreichs Präsident Emmanuel Macron reist in der kommenden Woche nach Peking. Er will mit "
        "Staatschef Xi Jinping über den Krieg in der Ukraine sprechen.",
    ),
    (
        "d05",
        "In Wien haben Tausende Menschen gegen die geplante Pensionsreform demonstriert. Die "
        "Gewerkschaft kündigte weitere Proteste an, falls die Regierung nicht einlenkt.",
    ),
    (
        "d06",
        "Die Nato will ihre Präsenz an der Ostflanke verstärken. Generalsekretär Jens Stoltenberg "
        "sagte in Brüssel, man werde jeden Zentimeter des Bündnisgebiets verteidigen.",
    ),
    (
        "d07",
        "Iran und Saudi-Arabien haben vereinbart, ihre Botschaften wieder zu öffnen. Die Einigung "
        "wurde unter Vermittlung Chinas in Peking erzielt.",
    ),
    (
        "d08",
        "The United Nations Security Council met on Friday to discuss the situation in Sudan. "
        "The Secretary-General called for an immediate ceasefire.",
    ),
    (
        "d09",
        "Die Bundesregierung hat den Haushaltsentwurf für das kommende Jahr gebilligt. "
        "Finanzminister Christian Lindner verteidigte die geplanten Einsparungen.",
    ),
    (
        "d10",
        "Der ukrainische Präsident Wolodymyr Selenskyj hat um weitere Luftabwehrsysteme gebeten. "
        "„Jeder Tag zählt“, sagte er in einer Videobotschaft.",
    ),
    (
        "d11",
        "Russland hat den Botschafter Estlands ausgewiesen. Das Außenministerium in Moskau warf "
        "Tallinn eine feindselige Politik vor.",
    ),
    (
        "d12",
        "Bei Überschwemmungen im Süden Brasiliens sind mindestens zwölf Menschen ums Leben gekommen. "
        "Die Behörden riefen den Notstand aus.",
    ),
]


def write_docs(path: Path, docs=DOCS, extra: list[dict] | None = None) -> Path:
    rows = [{"id": i, "text": t, "published": "2024-05-06"} for i, t in docs] + (extra or [])
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


BAD = [{"id": "bad", "text": "   "}]
TABLES = ("articles", "entities", "quotes", "events", "actors")


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every stored row, sorted (ingest times left out): what must be equal across runs."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for t in TABLES:
            cols = "* EXCLUDE (ingested_at)" if t == "articles" else "*"
            out[t] = sorted(con.execute(f"SELECT {cols} FROM {t}").fetchall(), key=repr)
        out["ingest_errors"] = sorted(con.execute("SELECT name, reason FROM ingest_errors").fetchall())
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def single_run(tmp_path_factory):
    """The reference: the same inputs through the single-process local path."""
    tmp = tmp_path_factory.mktemp("single")
    src = write_docs(tmp / "in.jsonl", extra=BAD)
    with open_store(tmp / "single.duckdb") as store:
        report = ingest([str(src)], store, workers=1)
    return src, tmp / "single.duckdb", report


def test_dask_store_equals_single_process_run(client, single_run, tmp_path):
    from lagebild.scale import ingest_dask

    src, single_db, single_report = single_run
    errors = []
    with open_store(tmp_path / "dask.duckdb") as store:
        report = ingest_dask([str(src)], store, client=client, partition_size=3, on_error=errors.append)
    assert (report.read, report.stored, report.failed) == (single_report.read, single_report.stored, 1)
    assert [e.name for e in errors] == [f"{src}:13"]
    got, want = dump(tmp_path / "dask.duckdb"), dump(single_db)
    assert {r[0] for r in got["articles"]} == {i for i, _ in DOCS}
    for table in (*TABLES, "ingest_errors"):
        assert got[table] == want[table], table


def test_dask_rerun_changes_nothing(client, single_run, tmp_path):
    from lagebild.scale import ingest_dask

    src = write_docs(tmp_path / "in.jsonl")
    db = tmp_path / "d.duckdb"
    with open_store(db) as store:
        first = ingest_dask([str(src)], store, client=client, partition_size=5)
    before = dump(db)
    with open_store(db) as store:
        again = ingest_dask([str(src)], store, client=client, partition_size=5)
    assert (first.stored, again.stored, again.unchanged) == (len(DOCS), 0, len(DOCS))
    assert dump(db) == before


def test_dask_resumes_where_the_local_path_stopped(client, tmp_path):
    """Half the inputs are stored already (an interrupted run): only the rest is analysed."""
    from lagebild.scale import ingest_dask

    half = write_docs(tmp_path / "half.jsonl", DOCS[:6])
    full = write_docs(tmp_path / "full.jsonl", DOCS)
    db = tmp_path / "r.duckdb"
    with open_store(db) as store:
        ingest([str(half)], store, workers=1)
        report = ingest_dask([str(full)], store, client=client, partition_size=4)
        assert (report.stored, report.unchanged) == (6, 6)
        assert store.count("articles") == len(DOCS)


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    from lagebild.errors import LagebildError
    from lagebild.scale import ingest_dask

    src = write_docs(tmp_path / "in.jsonl", DOCS[:1])
    with open_store(tmp_path / "x.duckdb") as store, pytest.raises(LagebildError, match="Dask scheduler"):
        ingest_dask([str(src)], store, scheduler="tcp://127.0.0.1:9", timeout="2s")


def test_dask_windows_are_written_by_the_local_writer(client, tmp_path, monkeypatch):
    """One writer: every window analysed on Dask is stored through `store.write.write_articles`, in
    transactions of at most `partition_size` articles, as a local ingest stores them."""
    import lagebild.batch as batch
    from lagebild.scale import ingest_dask

    writes: list[list[str]] = []
    real = batch.write_articles

    def spy(store, items, version):
        writes.append([a.id for a, _ in items])
        return real(store, items, version)

    monkeypatch.setattr(batch, "write_articles", spy)
    src = write_docs(tmp_path / "in.jsonl", DOCS[:5])
    with open_store(tmp_path / "w.duckdb") as store:
        report = ingest_dask([str(src)], store, client=client, partition_size=2)
    assert report.stored == 5
    assert sorted(i for w in writes for i in w) == sorted(i for i, _ in DOCS[:5])
    assert [len(w) for w in writes] == [2, 2, 1]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Der Kreml wies den Vorwurf zurück.\n„Das ist absurd“, sagte Peskow am Montag in Moskau."),
        (
            "de",
            "Ein  Satz mit  doppelten Leerzeichen, einem Emoji 🙂 und einer URL: https://example.org/a?b=1.",
        ),
        ("de", "Die Cafe\u0301-Kette (NFD-Akzent) meldete 3,5 Mio. Euro Umsatz – ca. 12 % mehr als 2022."),
        ("de", "Bun\u00addes\u00adregierung und z.B. die E-Mail info@example.org :-) sowie „Zitate“."),
        ("en", "\"We won't back down,\" the minister said on Monday. The U.S. didn't comment (yet)."),
        ("en", "Prices rose 3.5% in Q2 -- the fastest since 2019 -- per the ONS' report."),
    ],
)
def test_fast_tokens_equal_stock_somajo(language, text):
    """Offsets from the verbatim scan (or its fallback) equal SoMaJo's own alignment."""
    stock = nlp.tokenizer(language)
    want = []
    for offset, para in nlp.paragraphs(text):
        for sent in stock.tokenize_text([para]):
            want.append(
                [(t.text, offset + t.character_offset[0], offset + t.character_offset[1]) for t in sent]
            )
    assert nlp.split_sentences(text, language) == want


@cache
def stock_hanta():
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Bundeskanzler fügte hinzu , die Verhandlungen seien gescheitert .",
        "Die Oppositionsabgeordneten kritisierten die Haushaltskonsolidierungsmaßnahmen scharf .",
        "Kremlsprecher Peskow wies die Vorwürfe des ukrainischen Außenministers zurück .",
    ],
)
def test_fast_tags_and_lemmas_equal_stock_hanta(sentence):
    """The memoised, pruned lattices give HanTa's own tags and lemmas, cold and warm."""
    words = sentence.split()
    stock = stock_hanta().tag_sent(words, taglevel=1)
    want = [(tag, lemma) for _, lemma, tag in stock]
    nlp.tagger("de").clear_caches()
    assert nlp.tagger("de").tag(words) == want
    assert nlp.tagger("de").tag(words) == want
