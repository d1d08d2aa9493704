"""A batch of hostile inputs through `lagebild ingest` and `lagebild analyze`: one clear line per bad
input naming it and the reason, every good article stored once, exit code 1, no crash."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys

import pytest

from lagebild.batch import ingest
from lagebild.cli import main
from lagebild.errors import InputError
from lagebild.store import Store

DE = (
    "Die Bundesregierung hat am Dienstag in Berlin über die Lage im Nahen Osten beraten. "
    "„Wir werden alles tun, um die Gespräche fortzusetzen“, sagte Außenministerin Anna Beispiel."
)
FR = (
    "Le gouvernement français a annoncé lundi de nouvelles mesures pour soutenir les agriculteurs "
    "touchés par la sécheresse, a déclaré le ministre à Paris. "
) * 3


def good_and_bad(folder) -> tuple[dict[str, bytes], dict[str, str]]:
    """Files to write: good ones (bytes) and bad ones with a word their error line must contain."""
    good = {
        "gut.txt": DE.encode(),
        "gut-cp1252.txt": DE.replace("Dienstag", "Mittwoch").encode("cp1252"),
        "gut-utf16.txt": DE.replace("Dienstag", "Donnerstag").encode("utf-16"),
        "gut-utf16le.txt": DE.replace("Dienstag", "Freitag").encode("utf-16-le"),
        "seite.html": f"<html><head><title>Lage</title></head><body><article><p>{DE.replace('Dienstag', 'Samstag')}"
        "</p></article></body></html>".encode(),
        "zitate.txt": (
            "„„ »Ungleich« ‚verschachtelt „tief“‘ sagte er.\n" + DE.replace("Dienstag", "Sonntag")
        ).encode(),
    }
    bad = {
        "leer.txt": (b"", "empty"),
        "nur-bom.txt": (codecs.BOM_UTF8, "empty"),
        "bild.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        "tail.txt": (DE.encode() * 20 + b"\x00\x01", "binary"),
        "bombe.html": (("<div>" * 5000 + "x").encode(), "HTML"),
        "attribute.html": (b"<p " + b" ".join(b'a%d="x"' % i for i in range(5000)) + b">x</p>", "attributes"),
        "tief.json": (b"[" * 50_000, "nested too deeply"),
        "zahl.json": (b'{"text": "x", "id": ' + b"9" * 5000 + b"}", "digits"),
        "kein-text.json": (b'{"title": "nur Titel"}', "neither"),
        "programm.exe": (b"MZ\x90\x00", "unknown file type"),
        "francais.txt": (FR.encode(), "not supported"),
    }
    for name, data in good.items():
        (folder / name).write_bytes(data)
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    lines = [
        json.dumps({"id": "j1", "text": DE.replace("Dienstag", "Montag")}, ensure_ascii=False),
        '{"id": "j2", "text": "kaputt',
        json.dumps({"id": "j3", "text": "Der Kanzler \ud83d sagte am Montag in Berlin, die Lage sei ernst."}),
        "[" * 10_000,
        json.dumps({"id": "j5", "text": DE.replace("Dienstag", "Montagabend")}, ensure_ascii=False),
    ]
    (folder / "dump.jsonl").write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    return good, {name: reason for name, (_, reason) in bad.items()} | {
        "dump.jsonl:2": "broken JSON",
        "dump.jsonl:4": "nested too deeply",
    }


def test_cli_ingest_of_a_hostile_folder(tried, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    good, bad = good_and_bad(folder)
    (folder / "programm.exe").unlink()  # folders are read by known suffixes; a named file is checked below
    del bad["programm.exe"]
    db = tmp_path / "s.duckdb"
    code = main(
        [
            "ingest",
            str(folder),
            str(tmp_path / "fehlt.txt"),
            "--db",
            str(db),
            "--workers",
            "1",
            "--batch-size",
            "4",
            "--no-progress",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    error_lines = [line for line in err.splitlines() if line.startswith("error")]
    for name, reason in {**bad, "fehlt.txt": "no such file"}.items():
        [line] = [x for x in error_lines if f"{name}:" in x or x.endswith(name)] or [None]
        assert line is not None and reason in line, (name, err)
    assert len(error_lines) == len(bad) + 1
    with Store(db) as store:
        n = store.count("articles")
        assert n == len(good) + 3  # + j1, j3, j5 from the dump
        text = store.query("SELECT text FROM articles WHERE id = 'j3'")[0]["text"]
        assert "\ufffd" in text
    assert f"stored {n}" in err and f"failed {len(bad) + 1}" in err
    tried("hostile-folder", len(good) + len(bad) + 1 + 5)


def test_cli_analyze_names_each_bad_input_and_goes_on(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    good, bad = good_and_bad(folder)
    code = main(["analyze", *sorted(str(p) for p in folder.iterdir()), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(good) + 3, err
    for name, reason in bad.items():
        assert any(name in line and reason in line for line in err.splitlines()), (name, err)


def test_cli_analyze_stdin_binary_and_json(tmp_path):
    run = [sys.executable, "-m", "lagebild", "analyze", "-", "--format", "jsonl"]
    binary = subprocess.run(run, input=bytes(range(256)) * 4, capture_output=True, timeout=120)
    assert binary.returncode == 1 and b"<stdin>: binary data" in binary.stderr, binary.stderr[-2000:]
    pretty = json.dumps({"id": "p1", "text": DE}, ensure_ascii=False, indent=2).encode()
    ok = subprocess.run(run, input=pretty, capture_output=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["id"] == "p1"


def test_non_utf8_file_name_is_stored_and_reported(tried, tmp_path, capsys):
    tried("non-utf8-names")
    folder = os.fsencode(str(tmp_path))
    with open(folder + b"/bericht-\xe4.txt", "wb") as fh:  # latin-1 "ä" in the file name
        fh.write(DE.encode())
    with open(folder + b"/leer-\xe4.txt", "wb") as fh:
        fh.write(b"")
    db = tmp_path / "s.duckdb"
    code = main(["ingest", str(tmp_path), "--db", str(db), "--workers", "1", "--no-progress"])
    assert code == 1 and "leer-\ufffd.txt: empty" in capsys.readouterr().err
    with Store(db) as store:
        [row] = store.query("SELECT source FROM articles")
        assert row["source"].endswith("bericht-\ufffd.txt")
        assert store.query("SELECT name FROM ingest_errors")[0]["name"].endswith("leer-\ufffd.txt")


def test_many_tiny_documents_through_analysis_and_store(tried, tmp_path):
    """A subset of the 100k tiny documents (bench/fuzz_long.py runs all): read, analyse, store."""
    n = 1000
    path = tmp_path / "tiny.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            if i % 100 == 99:
                fh.write("{kaputt\n")
            else:
                fh.write(
                    json.dumps({"id": f"t{i}", "text": f"Meldung {i}: Der Rat tagte am Montag in Wien."})
                    + "\n"
                )
    errors: list[InputError] = []
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([str(path)], store, workers=1, batch_size=200, on_error=errors.append)
        assert (report.read, report.stored, report.failed) == (n, n - n // 100, n // 100)
        assert all("broken JSON" in e.reason for e in errors)
        assert store.count("articles") == n - n // 100
    tried("tiny-analysed", n)


@pytest.mark.parametrize("cls", ["InputError", "UnsupportedLanguage"])
def test_input_errors_survive_pickling(cls):
    """Worker processes send errors back pickled: an InputError that could not be rebuilt killed the
    pool's result thread, and `lagebild ingest --workers 2` hung on the first bad document."""
    import pickle

    from lagebild import errors

    err = getattr(errors, cls)("dump.jsonl:3", "language 'fr' is not supported")
    back = pickle.loads(pickle.dumps(err))
    assert (type(back), back.name, back.reason, str(back)) == (type(err), err.name, err.reason, str(err))


def test_a_worker_pool_survives_documents_that_fail_in_analysis(tried, tmp_path):
    """Bad documents that only the analysis can tell (another language, no text in a page) in worker
    processes: each is one error, the others are stored (run as a subprocess with a timeout)."""
    path = tmp_path / "mixed.jsonl"
    docs = [{"id": f"m{i}", "text": DE.replace("Dienstag", f"Tag {i}")} for i in range(6)]
    docs.insert(2, {"id": "fr", "text": FR})
    docs.insert(4, {"id": "leer", "html": "<html><body><script>var a = 1;</script></body></html>"})
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "lagebild",
            "ingest",
            str(path),
            "--db",
            str(db),
            "--workers",
            "2",
            "--batch-size",
            "3",
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 1, run.stderr
    assert "stored 6" in run.stderr and "failed 2" in run.stderr
    assert "mixed.jsonl:3: language 'fr' is not supported" in run.stderr
    assert "mixed.jsonl:5: no article text found in HTML" in run.stderr
    tried("worker-pool-failures", len(docs))
