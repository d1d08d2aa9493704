"""Which encoding a file is read in: UTF-8 with a few bad bytes stays UTF-8 (with replacement
characters and a warning); a legacy code page only for bytes that are not mostly UTF-8; the choice
is reported."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lagebild.ingest import iter_inputs
from lagebild.ingest.decode import choose_encoding, decode_document
from lagebild.ingest.sources import RawDoc

DE = (
    "Der iranische Außenminister traf am Montag seinen belarussischen Amtskollegen in Teheran. "
    "„Unsere Beziehungen sind sehr gut“, sagte er nach dem Gespräch. Beide Länder wollen die "
    "Zusammenarbeit in der Landwirtschaft und bei der Energieversorgung ausbauen."
)
EN = (
    "The foreign minister met his counterpart in Tehran on Monday. Both countries want to expand "
    "their cooperation in agriculture and energy, officials said after the talks."
)


def test_utf8_with_one_stray_byte_stays_utf8_with_a_warning():
    data = DE.encode("utf-8").replace(
        "Außenminister".encode(), "Au\xdfenminister".encode()[:2] + b"\xff" + "ßenminister".encode()
    )
    decoded = decode_document(data, "stray.txt")
    assert decoded.encoding == "utf-8" and decoded.replaced == 1
    assert "Au\ufffdßenminister" in decoded.text and "„Unsere Beziehungen sind sehr gut“" in decoded.text
    level, message = decoded.note()
    assert level == "warning" and "1 invalid byte replaced with U+FFFD" in message


@pytest.mark.parametrize("bad", [b"\x81", b"\xfe\xfd", b"\xc0\x8f", b"\x9d\xd0"])
def test_ascii_with_a_few_bad_bytes_is_not_read_as_a_legacy_code_page(bad):
    data = EN.encode("ascii").replace(b"Monday.", b"Monday." + bad)
    decoded = decode_document(data, "noise.txt")
    assert decoded.encoding == "utf-8" and decoded.replaced >= 1
    assert decoded.text.replace("\ufffd", "").replace(" ", "") == EN.replace(
        " ", ""
    )  # no Cyrillic, nothing else
    assert decoded.note()[0] == "warning"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_western_legacy_file_is_read_in_its_code_page_and_that_is_said(encoding):
    text = DE.replace("„", '"').replace("“", '"') if encoding == "latin-1" else DE
    decoded = decode_document(text.encode(encoding), "alt.txt")
    assert decoded.text == text and decoded.encoding == "cp1252" and decoded.replaced == 0
    assert decoded.note() == ("note", "read as cp1252 (not UTF-8)")


def test_a_non_latin_legacy_file_is_detected():
    text = "Министр иностранных дел встретился в понедельник со своим коллегой в Тегеране."
    assert choose_encoding(text.encode("cp1251")) == "cp1251"


def test_plain_utf8_has_no_note():
    assert decode_document(DE.encode("utf-8"), "ok.txt").note() is None


def test_the_note_travels_with_the_document(tmp_path):
    (tmp_path / "alt.txt").write_bytes(DE.encode("cp1252"))
    [raw] = list(iter_inputs([str(tmp_path / "alt.txt")]))
    assert isinstance(raw, RawDoc) and raw.text == DE
    assert [(n.level, n.message) for n in raw.notes] == [("note", "read as cp1252 (not UTF-8)")]


def test_a_jsonl_line_with_a_bad_byte_keeps_its_umlauts(tmp_path):
    good = '{"id": "a", "text": "' + DE.replace("„", "").replace("“", "") + '"}'
    path = tmp_path / "d.jsonl"
    path.write_bytes(good.encode("utf-8").replace(b"Montag", b"Mon\xfftag") + b"\n")
    [raw] = list(iter_inputs([str(path)]))
    assert "Außenminister" in raw.text and "Mon\ufffdtag" in raw.text
    assert raw.notes[0].level == "warning" and raw.notes[0].name == f"{path}:1"


def test_the_cli_reports_the_encoding(tmp_path):
    (tmp_path / "stray.txt").write_bytes(DE.encode("utf-8").replace(b"Montag", b"Mon\xfftag"))
    (tmp_path / "alt.txt").write_bytes(DE.encode("cp1252"))
    proc = subprocess.run(
        [sys.executable, "-m", "lagebild", "analyze", str(tmp_path), "--format", "jsonl"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"note {tmp_path / 'alt.txt'}: read as cp1252 (not UTF-8)" in proc.stderr
    assert f"warning {tmp_path / 'stray.txt'}: not valid UTF-8: 1 invalid byte replaced" in proc.stderr
    assert len(proc.stdout.splitlines()) == 2
