"""The KB build script: PETRARCH dictionary parsing, curated-row parsing, German name variants."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_actors", ROOT / "scripts" / "build_actors.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_actors"] = module
    spec.loader.exec_module(module)
    return module


# A made-up dictionary in PETRARCH's format (entry lines, +synonyms, unprefixed synonyms before the
# first code line, [CODE DATE-RANGE] with 6- and 8-digit dates, comments).
PHOENIX_SAMPLE = """\
# comment line
RUSSIAN_FEDERATION_  [RUS]
+RUSSIA_
+MOSKVA_
KREMLIN_
+RUSSIAN_WHITE_HOUSE
\t[RUSGOV]
LEONID_BREZHNEV_  # CountryInfo.txt
LEONID_ILYICH_BREZHNEV
\t[RUSELI 19240101-641014]
\t[RUSGOV 641014-821110]
KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]# IGOrulers.txt
"""


def test_parse_phoenix_blocks(build, tmp_path):
    path = tmp_path / "sample.actors.txt"
    path.write_text(PHOENIX_SAMPLE, encoding="utf-8")
    blocks = list(build.parse_phoenix(path))
    assert [b[0][0] for b in blocks] == ["RUSSIAN_FEDERATION_", "KREMLIN_", "LEONID_BREZHNEV_", "KOFI_ANNAN_"]
    assert blocks[0][0] == ["RUSSIAN_FEDERATION_", "RUSSIA_", "MOSKVA_"]
    assert blocks[1][1] == [["RUSGOV", None, None]]
    assert blocks[2][0] == ["LEONID_BREZHNEV_", "LEONID_ILYICH_BREZHNEV"]
    assert blocks[2][1] == [["RUSELI", "1924-01-01", "1964-10-14"], ["RUSGOV", "1964-10-14", "1982-11-10"]]
    assert "CountryInfo" in blocks[2][2]
    assert blocks[3][1] == [["IGOUNO", "1997-01-01", "2006-12-31"], ["ELI", None, None]]


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        ("USAGOV >090120", ["USAGOV", "2009-01-20", None]),
        ("USAELI <600101", ["USAELI", None, "1960-01-01"]),
        ("~GOV", None),
        ("IGOUNO", ["IGOUNO", None, None]),
    ],
)
def test_phoenix_code_lines(build, spec, code):
    assert build._phoenix_code(spec) == code


def test_parse_dated_cells(build):
    assert build.parse_dated("RUSGOV 2000-05-07..; RUSELI", "x") == [
        ["RUSGOV", "2000-05-07", None],
        ["RUSELI", None, None],
    ]
    assert build.parse_dated("Präsident Russlands 2000-05-07..2008-05-07", "x") == [
        ["Präsident Russlands", "2000-05-07", "2008-05-07"]
    ]
    with pytest.raises(SystemExit):
        build.parse_dated("RUSGOV 2008-01-01..2000-01-01", "x")


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        ("Vereinte Nationen", "Vereinten Nationen"),
        ("Weißes Haus", "Weißen Haus"),
        ("Internationaler Strafgerichtshof", "Internationalen Strafgerichtshof"),
    ],
)
def test_german_variants_inflect_leading_adjectives(build, name, variant):
    assert variant in build.german_variants(name)


def test_agents_expand_macros(build, tmp_path):
    path = tmp_path / "agents.txt"
    path.write_text(
        "!PERSON! = MAN, WOMAN\nBUSINESS!PERSON! [~BUS]\nFOREIGN_MINISTER [~GOV]\n", encoding="utf-8"
    )
    assert set(build.parse_agents(path)) == {
        ("businessman", "BUS"),
        ("businesswoman", "BUS"),
        ("foreign minister", "GOV"),
    }
