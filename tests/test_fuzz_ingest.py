"""Fuzz and property tests of the ingest layer: any bytes in, a RawDoc or a clear InputError out.

Each test counts the inputs it runs (the `tried` fixture); `pytest --robust-counts FILE` writes the
counts of the run, which docs/robustness.md cites (bench/fuzz_long.py records them). Budgets are small
for CI; bench/fuzz_long.py runs the same properties for longer.
"""

from __future__ import annotations

import codecs
import json
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.clean import clean_text
from lagebild.errors import InputError
from lagebild.ingest import iter_inputs
from lagebild.ingest.decode import decode_bytes
from lagebild.ingest.html import extract_html
from lagebild.ingest.sources import RawDoc, from_object, read_path

SCALE = int(os.environ.get("LAGEBILD_FUZZ_SCALE", "1"))  # bench/fuzz_long.py raises it for long runs
FUZZ = settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = settings(max_examples=60 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DE = (
    "Die Bundesregierung hat am Dienstag in Berlin über die Lage im Nahen Osten beraten. "
    "„Wir werden alles tun, um die Gespräche fortzusetzen“, sagte Außenministerin Anna Beispiel. "
    "Über Öl, Gas und Grenzübergänge soll in der kommenden Woche weiter verhandelt werden."
)
QUOTE_MARKS = "„“”»«‚‘’\"'"


def _check(item: RawDoc | InputError, path_part: str) -> None:
    """The reader's contract: a RawDoc with a body, or an InputError that names the input and a reason."""
    if isinstance(item, InputError):
        assert path_part in item.name and item.reason
        assert str(item).startswith(item.name)
    else:
        assert isinstance(item, RawDoc)
        body = item.text if item.text is not None else item.html
        assert body and body.strip() and "\x00" not in body
        body.encode("utf-8")  # no lone surrogates: every writer downstream encodes UTF-8
        item.name.encode("utf-8")
        (item.source or "").encode("utf-8")


def _read(tmp_path, name: str, data: bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(iter_inputs([str(path)]))
    for item in items:
        _check(item, name)
    return items


# -- arbitrary bytes and text through every reader ---------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=3000))
def test_decode_arbitrary_bytes_gives_text_or_input_error(tried, data):
    tried("decode-bytes")
    try:
        text = decode_bytes(data, "fuzz.bin")
    except InputError as exc:
        assert exc.name == "fuzz.bin" and exc.reason
    else:
        assert text.strip() and "\x00" not in text and "\r" not in text
        text.encode("utf-8")


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl", ""])
@FUZZ
@given(
    data=st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_every_reader_on_arbitrary_bytes(tried, tmp_path_factory, suffix, data):
    tried("readers-arbitrary")
    _read(tmp_path_factory.mktemp("f"), f"fuzz{suffix}", data)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
_objects = st.fixed_dictionaries(
    {},
    optional={
        k: _json_values | st.text(max_size=200)
        for k in ("text", "html", "id", "title", "published", "date", "url", "source", "language")
    },
)


@FUZZ
@given(obj=_objects | _json_values)
def test_json_object_fields_of_any_type(tried, obj):
    tried("json-fields")
    item = from_object(obj, "dump.jsonl:7")
    _check(item, "dump.jsonl:7")
    if isinstance(item, RawDoc):
        for field in (item.id, item.title, item.published, item.url, item.source, item.language):
            assert field is None or isinstance(field, str)


@SMALL
@given(
    lines=st.lists(
        st.one_of(
            st.builds(
                lambda t: json.dumps({"text": t}, ensure_ascii=False), st.text(min_size=1, max_size=80)
            ),
            st.text(max_size=80).filter(lambda s: "\n" not in s and "\r" not in s),
            st.just('{"text": "Der Satz'),  # cut off
            st.just('{"text": "a"} {"text": "b"}'),
            st.just("[" * 5000),
            st.just('{"text": "x", "id": ' + "7" * 5000 + "}"),
            st.just('{"text": "\\ud83d"}'),  # half an emoji: a lone surrogate
        ),
        max_size=30,
    )
)
def test_jsonl_with_broken_lines_keeps_every_good_line(tried, tmp_path_factory, lines):
    tried("jsonl-broken-lines")
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    items = _read(tmp_path_factory.mktemp("j"), "dump.jsonl", data)
    good = sum(1 for x in items if isinstance(x, RawDoc))
    expected = 0
    for line in lines:
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(obj, dict) and isinstance(obj.get("text"), str) and obj["text"].strip():
            expected += 1
    # Lines that parse to an article with text are kept (unless binary); none is lost silently.
    assert good <= expected and len(items) >= expected
    assert all(":" in x.name for x in items)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"text": "x", "id": ' + "9" * 5000 + "}", "4300 digits"),
        ('{"text": "Der Satz', "broken JSON"),
        ('"nur ein String"', "expected a JSON object"),
        ('{"title": "ohne Text"}', "neither a 'text' nor an 'html'"),
        ('{"text": "   "}', "empty text"),
        ('{"text": "Der \\u0000 Satz"}', "NUL"),
        ('{"text": "\\u0001\\u0002\\u0003\\u001b\\u001b"}', "control characters"),
    ],
)
def test_jsonl_bad_line_is_a_clear_error_and_next_line_survives(tried, tmp_path, line, reason):
    tried("jsonl-bad-line")
    data = (line + "\n" + json.dumps({"text": DE}, ensure_ascii=False) + "\n").encode()
    bad, good = _read(tmp_path, "dump.jsonl", data)
    assert isinstance(bad, InputError) and bad.name.endswith("dump.jsonl:1") and reason in bad.reason
    assert isinstance(good, RawDoc) and good.text == DE and good.name.endswith("dump.jsonl:2")


def test_deeply_nested_json_file_is_an_error(tmp_path):
    [err] = _read(tmp_path, "deep.json", b"[" * 100_000 + b"]" * 100_000)
    assert isinstance(err, InputError) and "nested too deeply" in err.reason


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path):
    data = b'{"text": "Der Kanzler \\ud83d sagte es.", "title": "\\udc00 Titel", "id": "a\\ud800"}\n'
    [doc] = _read(tmp_path, "dump.jsonl", data)
    assert doc.text == "Der Kanzler \ufffd sagte es." and doc.title == "\ufffd Titel" and doc.id == "a\ufffd"


def test_non_utf8_file_name_is_printable_and_storable(tried, tmp_path):
    tried("non-utf8-names")
    raw = os.fsencode(str(tmp_path)) + b"/bericht-\xff\xfe.txt"
    with open(raw, "wb") as fh:
        fh.write(DE.encode())
    [doc] = list(iter_inputs([os.fsdecode(raw)]))
    assert doc.text == DE and doc.name.endswith("bericht-\ufffd\ufffd.txt")
    doc.name.encode("utf-8")


# -- encodings -----------------------------------------------------------------------------------------

ENCODED = {
    "utf-8": DE.encode("utf-8"),
    "utf-8 with BOM": codecs.BOM_UTF8 + DE.encode("utf-8"),
    "cp1252": DE.encode("cp1252"),
    "latin-1": DE.replace("„", '"').replace("“", '"').encode("latin-1"),
    "utf-16 with BOM": DE.encode("utf-16"),
    "utf-16-le without BOM": DE.encode("utf-16-le"),
    "utf-16-be without BOM": DE.encode("utf-16-be"),
    "utf-32 with BOM": DE.encode("utf-32"),
}

CODECS = {
    "utf-8 with BOM": "utf-8-sig",
    "utf-16 with BOM": "utf-16",
    "utf-32 with BOM": "utf-32",
    "utf-16-le without BOM": "utf-16-le",
    "utf-16-be without BOM": "utf-16-be",
}


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
@pytest.mark.parametrize("encoding", list(ENCODED))
def test_wrong_encodings_decode_to_the_original_text(tried, tmp_path, encoding, suffix):
    tried("encodings")
    expected = DE if encoding != "latin-1" else DE.replace("„", '"').replace("“", '"')
    data = ENCODED[encoding]
    if suffix == ".jsonl":  # the same text as one JSON line, in the same encoding
        line = json.dumps({"text": expected}, ensure_ascii=False)
        data = line.encode(CODECS.get(encoding, encoding))
    [doc] = _read(tmp_path, f"artikel{suffix}", data)
    assert isinstance(doc, RawDoc) and doc.text == expected


def test_cp1252_lines_in_a_utf8_dump_are_read(tmp_path):
    data = json.dumps({"text": DE}, ensure_ascii=False).encode("cp1252") + b"\n"
    data += json.dumps({"text": DE}, ensure_ascii=False).encode("utf-8") + b"\n"
    a, b = _read(tmp_path, "mixed.jsonl", data)
    assert a.text == DE and b.text == DE


# -- binary, empty, oversize ----------------------------------------------------------------------------

BINARIES = {
    "png header": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "gzip": b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4,
    "pdf with NULs": b"%PDF-1.7\n" + b"\x00\x01\x02\x03" * 100,
    "elf": b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
    "zeros": b"\x00" * 5000,
    "text with a binary tail": DE.encode() * 100 + b"\x00\x00\x00\x01\x02",
    "control characters": bytes(range(1, 32)) * 50,
}
EMPTIES = {
    "empty": b"",
    "spaces": b"   \n\t\n  ",
    "BOM only": codecs.BOM_UTF8,
    "UTF-16 BOM only": codecs.BOM_UTF16_LE,
}


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl"])
@pytest.mark.parametrize("kind", list(BINARIES))
def test_binary_file_is_a_clear_error(tried, tmp_path, kind, suffix):
    tried("binary-files")
    items = _read(tmp_path, f"file{suffix}", BINARIES[kind])
    assert items and all(isinstance(x, InputError) for x in items)
    if suffix != ".jsonl":
        assert "binary" in items[0].reason


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl"])
@pytest.mark.parametrize("kind", list(EMPTIES))
def test_empty_file_is_a_clear_error_or_nothing(tried, tmp_path, kind, suffix):
    tried("empty-files")
    items = _read(tmp_path, f"file{suffix}", EMPTIES[kind])
    if suffix == ".jsonl":
        assert all(isinstance(x, InputError) for x in items)  # an empty dump holds no article
    else:
        [err] = items
        assert isinstance(err, InputError) and "empty" in err.reason


def test_oversize_jsonl_line_is_skipped_in_bounded_memory(tried, tmp_path):
    tried("oversize-line")
    path = tmp_path / "big.jsonl"
    with open(path, "wb") as fh:
        fh.write(b'{"text": "' + b"a" * 3_000_000 + b'"}\n')
        fh.write(json.dumps({"text": DE}, ensure_ascii=False).encode() + b"\n")
    big, good = list(read_path(str(path), max_bytes=100_000))
    assert isinstance(big, InputError) and "line too large" in big.reason and big.name.endswith(":1")
    assert isinstance(good, RawDoc) and good.text == DE and good.name.endswith(":2")


def test_missing_file_and_empty_glob_are_errors(tmp_path):
    items = list(iter_inputs([str(tmp_path / "fehlt.txt"), str(tmp_path / "*.nix")]))
    assert [x.reason for x in items] == ["no such file or directory", "no file matches this pattern"]


# -- size: 1 MB single line, 100k tiny documents --------------------------------------------------------


def test_one_megabyte_single_line_is_read_and_cleaned(tried, tmp_path):
    line = (DE.replace("\n", " ") + " ") * (1_000_000 // (len(DE) + 1) + 1)
    [doc] = _read(tmp_path, "lang.txt", line.encode())
    start = time.perf_counter()
    cleaned = clean_text(doc.text)
    assert time.perf_counter() - start < 5
    assert cleaned.text == doc.text.rstrip("\n") and not cleaned.removed
    tried("megabyte-line", 1)


@pytest.mark.parametrize("line", ["„" * 1_000_000, "." * 1_000_000, "a. " * 350_000, "wort " * 200_000])
def test_one_megabyte_pathological_lines_clean_fast(tried, line):
    tried("megabyte-pathological")
    start = time.perf_counter()
    cleaned = clean_text(line)
    assert time.perf_counter() - start < 5
    assert cleaned.text in (line, line.rstrip(), "")


def test_hundred_thousand_tiny_documents(tried, tmp_path):
    path = tmp_path / "tiny.jsonl"
    n = 100_000
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            if i % 1000 == 999:
                fh.write('{"text": "kaputt\n')  # a broken line every thousand
            else:
                fh.write(json.dumps({"id": f"t{i}", "text": f"Meldung {i}: Der Rat tagte."}) + "\n")
    start = time.perf_counter()
    docs = errors = 0
    for item in iter_inputs([str(path)]):
        if isinstance(item, InputError):
            errors += 1
        else:
            docs += 1
            assert clean_text(item.text).text
    assert (docs, errors) == (n - n // 1000, n // 1000)
    assert time.perf_counter() - start < 60
    tried("tiny-read-clean", n)


# -- HTML bombs ----------------------------------------------------------------------------------------

P = f"<p>{DE}</p>"
BOMBS = {
    "deep div": "<html><body>" + "<div>" * 100_000 + P + "</div>" * 100_000 + "</body></html>",
    "deep span": "<html><body>" + "<span>" * 100_000 + P + "</span>" * 100_000 + "</body></html>",
    "unclosed tags": "<html><body>" + "<b><i><u>" * 50_000 + P,
    "huge attribute": '<html><body><p title="' + "A" * 12_000_000 + f'">{DE}</p></body></html>',
    "many attributes": "<html><body><p "
    + " ".join(f'a{i}="x"' for i in range(200_000))
    + f">{DE}</p></body></html>",
    "many entities": "<html><body><p>" + "&amp;" * 500_000 + DE + "</p></body></html>",
    "huge comment": "<html><body><!--" + "x" * 5_000_000 + f"-->{P}</body></html>",
    "unclosed comment": "<html><body><!--" + "x" * 1_000_000 + P,
    "many tags": "<html><body>" + "<br>" * 2_100_000 + P + "</body></html>",
    "script only": "<html><body><script>" + "var a=1;" * 200_000 + "</script></body></html>",
}


@pytest.mark.parametrize("kind", list(BOMBS))
def test_html_bomb_is_quick_and_clean(tried, kind):
    tried("html-bombs")
    start = time.perf_counter()
    try:
        extracted = extract_html(BOMBS[kind], f"{kind}.html")
    except InputError as exc:
        assert exc.name == f"{kind}.html" and exc.reason
    else:
        assert extracted.text.strip()
    assert time.perf_counter() - start < 10, "an HTML bomb must not stall the batch"


@SMALL
@given(
    html=st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<span>",
                "<!--",
                "-->",
                "<script>",
                "</script>",
                "<a href='",
                "'>",
                "&",
                "&#x",
                ";",
                "<",
                ">",
                DE,
                "„Zitat“ sagte er. ",
                "<![CDATA[",
                "]]>",
            ]
        )
        | st.text(max_size=40),
        max_size=60,
    ).map("".join)
)
def test_arbitrary_html_gives_text_or_input_error(tried, html):
    tried("tag-soup")
    try:
        extracted = extract_html(html, "fuzz.html")
    except InputError as exc:
        assert exc.name == "fuzz.html"
    else:
        assert extracted.text.strip()


@pytest.mark.parametrize("marks", ["„„„“", "»«»«", "‚‘‚", "\"'\"'", "„»‚‘«“", "“„", "”"])
def test_unbalanced_quote_marks_read_unchanged(tried, tmp_path, marks):
    tried("quote-marks")
    text = f"{marks}Die Ministerin sagte: „Wir {marks} prüfen das.{marks}"
    [doc] = _read(tmp_path, "zitat.txt", text.encode())
    assert doc.text == text


def test_html_extraction_does_not_depend_on_pages_seen_before():
    """trafilatura's `deduplicate` keeps a cache across documents: the second time a page (or a
    paragraph) was seen in one process its text vanished ("no article text found")."""
    page = f"<html><body><article><p>{DE}</p></article></body></html>"
    first = extract_html(page, "a.html").text
    assert extract_html(page, "a.html").text == first
    assert extract_html(page.replace("<article>", "<article><h2>Neu</h2>"), "b.html").text.endswith(first)


def test_metadata_fields_are_one_clean_line(tmp_path):
    obj = {"id": "a\u0000b", "title": "Titel\nmit\u001b[31mEscape", "url": " ", "source": 7, "text": DE}
    [doc] = _read(tmp_path, "dump.jsonl", json.dumps(obj).encode())
    assert (doc.id, doc.title, doc.url, doc.source) == ("a b", "Titel mit [31mEscape", None, "7")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_device_is_read_only_up_to_the_limit():
    [err] = list(read_path("/dev/zero", max_bytes=1_000_000))
    assert isinstance(err, InputError) and "too large" in err.reason
