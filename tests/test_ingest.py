"""Ingest: every input kind, language detection, and a clear error for every bad input."""

from __future__ import annotations

import io
import json

import pytest

from lagebild.errors import InputError, UnsupportedLanguage
from lagebild.ingest import iter_inputs
from lagebild.ingest.sources import Notice, RawDoc
from lagebild.language import detect_language
from lagebild.pipeline import prepare

DE = (
    "Der iranische Präsident Ebrahim Raisi hat am Montag den belarussischen Staatschef Alexander "
    "Lukaschenko in Teheran empfangen. Beide unterzeichneten einen Fahrplan zur Zusammenarbeit."
)
EN = (
    "Iranian President Ebrahim Raisi welcomed Belarusian leader Alexander Lukashenko in Tehran on Monday. "
    "The two presidents signed a roadmap for cooperation."
)
HTML = f"""<html><head><title>Raisi empfängt Lukaschenko | Nachrichten</title>
<meta property="article:published_time" content="2023-03-13T10:00:00Z">
<meta name="author" content="Anna Beispiel"><link rel="canonical" href="https://example.org/politik/raisi">
</head><body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article><h1>Raisi empfängt Lukaschenko</h1><p>{DE}</p>
<p>„Dreißig Jahre nach Beginn der Beziehungen haben die beiden Länder den Willen, die Zusammenarbeit zu
verstärken“, sagte Raisi.</p></article>
<footer><p>Wir verwenden Cookies. Alle akzeptieren</p><a href="/impressum">Impressum</a></footer></body></html>"""


def _items(tmp_path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return list(iter_inputs([str(path)]))


def test_txt(tmp_path):
    [raw] = _items(tmp_path, "a.txt", DE)
    article = prepare(raw)
    assert article.text == DE and article.language == "de" and article.source.endswith("a.txt")


def test_html_main_text_and_metadata(tmp_path):
    [raw] = _items(tmp_path, "page.html", HTML)
    article = prepare(raw)
    assert article.title == "Raisi empfängt Lukaschenko"
    assert article.published == "2023-03-13"
    assert article.author == "Anna Beispiel"
    assert article.url == "https://example.org/politik/raisi"
    assert "Startseite" not in article.text and "Cookies" not in article.text
    assert article.text.startswith("Der iranische Präsident") and "sagte Raisi" in article.text


def test_jsonl_objects_with_metadata(tmp_path):
    lines = [
        {
            "id": "a1",
            "text": DE,
            "title": "Raisi empfängt Lukaschenko",
            "published": "13.03.2023",
            "url": "u",
            "source": "dpa",
        },
        {"id": "a2", "html": HTML},
        {"id": "a3", "text": EN, "published": "2023-03-13T08:00:00Z"},
    ]
    items = _items(tmp_path, "dump.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    articles = [prepare(x) for x in items]
    assert [a.id for a in articles] == ["a1", "a2", "a3"]
    assert articles[0].published == "2023-03-13" and articles[0].source == "dpa"
    assert articles[1].title == "Raisi empfängt Lukaschenko"
    assert articles[2].language == "en" and articles[2].published == "2023-03-13"


def test_json_array(tmp_path):
    items = _items(tmp_path, "dump.json", json.dumps([{"text": DE}, {"text": EN}]))
    assert [prepare(x).language for x in items] == ["de", "en"]


def test_folder_and_glob_in_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(DE, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]\n", encoding="utf-8")  # hidden: passed over
    items = list(iter_inputs([str(tmp_path)]))
    names = [x.name for x in items if isinstance(x, RawDoc)]
    assert names == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]
    [note] = [x for x in items if isinstance(x, Notice)]  # the skipped file gets a note, not an error
    assert note.name == str(tmp_path / "notes.bin") and "skipped: unknown file type '.bin'" in note.message
    assert [x.name for x in iter_inputs([str(tmp_path / "**" / "*.txt")])] == sorted(names)


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(DE.encode("utf-8"))))
    [raw] = list(iter_inputs(["-"]))
    assert raw.name == "<stdin>" and raw.text == DE


def test_legacy_encoding_is_decoded(tmp_path):
    [raw] = _items(tmp_path, "cp1252.txt", DE.encode("cp1252"))
    assert raw.text == DE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_unicode_encodings(tmp_path, encoding):
    [raw] = _items(tmp_path, "u.txt", DE.encode(encoding))
    assert raw.text == DE


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n\t ", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("data.xlsx", b"PK\x03\x04 something", "unknown file type"),
    ],
)
def test_bad_inputs_name_file_and_reason(tmp_path, name, data, reason):
    [err] = _items(tmp_path, name, data)
    assert isinstance(err, InputError)
    assert name in str(err) and reason in err.reason


def test_oversize_file(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(DE * 10, encoding="utf-8")
    [err] = list(iter_inputs([str(path)], max_bytes=100))
    assert isinstance(err, InputError) and "too large" in err.reason


def test_missing_path_and_empty_glob(tmp_path):
    errs = list(iter_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.none")]))
    assert [e.reason for e in errs] == ["no such file or directory", "no file matches this pattern"]


def test_broken_jsonl_lines_do_not_stop_the_file(tmp_path):
    body = "\n".join(
        [
            json.dumps({"id": "ok1", "text": DE}),
            '{"id": "bad", "text": ',
            "[1, 2]",
            json.dumps({"id": "no-text"}),
            json.dumps({"id": "ok2", "text": EN}),
        ]
    )
    items = _items(tmp_path, "d.jsonl", body)
    assert [x.id if not isinstance(x, InputError) else x.reason.split(":")[0] for x in items] == [
        "ok1",
        "broken JSON",
        "expected a JSON object, got list",
        "object has neither a 'text' nor an 'html' string",
        "ok2",
    ]
    assert str(items[1]).startswith(f"{tmp_path / 'd.jsonl'}:2:")


def test_language_detection():
    assert detect_language(DE) == "de" and detect_language(EN) == "en"
    with pytest.raises(UnsupportedLanguage, match="'fr' is not supported"):
        detect_language(
            "Le président iranien Ebrahim Raïssi a reçu lundi à Téhéran son homologue biélorusse "
            "Alexandre Loukachenko. Les deux dirigeants ont signé une feuille de route pour la coopération, "
            "selon les médias d'État."
        )
