"""The actor knowledge base: transliteration keys, German inflection, look-up, time-aware codes.

Sentences and names are real public figures and places; no third-party text is copied.
"""

from __future__ import annotations

import gzip
import json

import pytest

from lagebild.actors.kb import code_at, describe, load_kb, lookup, role_at
from lagebild.actors.translit import adjective_forms, adjective_stem, genitive_stems, name_key


@pytest.mark.parametrize(
    ("german", "english"),
    [
        ("Rjabkow", "Ryabkov"),
        ("Peskow", "Peskov"),
        ("Lukaschenko", "Lukashenko"),
        ("Selenskyj", "Zelensky"),
        ("Selenskyj", "Zelenskyy"),
        ("Chamenei", "Khamenei"),
        ("Raisi", "Raeisi"),
        ("Lawrow", "Lavrov"),
        ("Sacharowa", "Zakharova"),
        ("Schoigu", "Shoigu"),
        ("Nawalny", "Navalny"),
        ("Araghtschi", "Araghchi"),
        ("Peseschkian", "Pezeshkian"),
        ("Netanjahu", "Netanyahu"),
        ("Gorbatschow", "Gorbachev"),
        ("Medwedew", "Medvedev"),
        ("Erdoğan", "Erdogan"),
    ],
)
def test_translit_key_joins_german_and_english_spellings(german, english):
    assert name_key(german) == name_key(english)


@pytest.mark.parametrize(
    ("a", "b"), [("Iran", "irren"), ("Iran", "Irak"), ("Putin", "Puten"), ("Lawrow", "Lauro")]
)
def test_translit_key_keeps_different_words_apart(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("form", "stem"),
    [
        ("Irans", "Iran"),
        ("Russlands", "Russland"),
        ("Weißrusslands", "Weißrussland"),
        ("Rjabkows", "Rjabkow"),
        ("Hauses", "Haus"),
    ],
)
def test_genitive_stems_strip_s_and_es(form, stem):
    assert stem in genitive_stems(form)


def test_adjective_forms_cover_german_endings():
    assert set(adjective_forms("russisch")) == {
        "russisch",
        "russische",
        "russischen",
        "russischer",
        "russisches",
        "russischem",
    }
    assert adjective_stem("iranischen") == "iranisch"


@pytest.mark.parametrize(
    ("name", "actor_id", "code"),
    [
        ("Rjabkow", "SERGEI_RYABKOV", "RUSGOV"),
        ("Ryabkov", "SERGEI_RYABKOV", "RUSGOV"),
        ("Peskow", "DMITRY_PESKOV", "RUSGOV"),
        ("Zelenskyy", "VOLODYMYR_ZELENSKYY", "UKRGOV"),
        ("Lukashenko", "ALEXANDER_LUKASHENKO", "BLRGOV"),
        ("Irans", "IRN", "IRN"),
        ("Weißrusslands", "BLR", "BLR"),
        ("Weißrussland", "BLR", "BLR"),
        ("Burma", "MMR", "MMR"),
        ("Kyjiw", "KYIV", "UKRGOV"),
        ("Kyiv", "KYIV", "UKRGOV"),
        ("DVRK", "PRK", "PRK"),
        ("Nordkorea", "PRK", "PRK"),
        ("Teheran", "TEHRAN", "IRNGOV"),
        ("Kreml", "KREMLIN", "RUSGOV"),
        ("Downing Street", "DOWNING_STREET", "GBRGOV"),
        ("Sicherheitsrat", "UNSC", "IGOUNO"),
        ("Vereinten Nationen", "UN", "IGOUNO"),
        ("NATO", "NATO", "IGOWSTNAT"),
        ("IAEO", "IAEA", "IGOUNOIAE"),
        ("Afrikanische Union", "AU", "IGOAFRAFU"),
    ],
)
def test_lookup_resolves_names_to_actors(name, actor_id, code):
    found = lookup(name)
    assert found, name
    assert found[0].id == actor_id
    assert code_at(found[0], "2023-03-13") == code


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Joe Biden", "2022-06-01", "USAGOV"),
        ("Joe Biden", "2012-06-01", "USAGOV"),  # vice president
        ("Joe Biden", "2018-06-01", "USAELI"),
        ("Joe Biden", "2025-06-01", "USAELI"),
        ("Donald Trump", "2019-06-01", "USAGOV"),
        ("Donald Trump", "2023-06-01", "USAELI"),
        ("Ebrahim Raisi", "2023-03-13", "IRNGOV"),
        ("Ebrahim Raisi", "2020-03-13", "IRNJUD"),
        ("Olaf Scholz", "2023-01-01", "DEUGOV"),
        ("Mark Rutte", "2025-01-01", "IGOWSTNAT"),
    ],
)
def test_code_depends_on_the_date(name, date, code):
    assert code_at(lookup(name)[0], date) == code


def test_code_without_date_is_todays():
    biden, trump = lookup("Biden")[0], lookup("Trump")[0]
    # the KB's ranges end in 2025: after that Trump is in office and Biden is not
    assert code_at(biden) == code_at(biden, None) == "USAELI"
    assert code_at(trump) == "USAGOV"


def test_role_at_follows_terms_of_office():
    putin = lookup("Putin")[0]
    assert role_at(putin, "2010-01-01").startswith("Ministerpräsident")
    assert role_at(putin, "2023-01-01").startswith("Präsident")


def test_describe_lists_codes_roles_and_names():
    (entry,) = [d for d in describe("Lukaschenko") if d["id"] == "ALEXANDER_LUKASHENKO"]
    assert entry["codes"][0] == {"code": "BLRGOV", "from": "1994-07-20", "to": None}
    assert "Alexander Lukashenko" in entry["names"]
    assert entry["roles"] and entry["roles"][0]["role"].startswith("Präsident")
    assert describe("Xyzzyland") == []


def test_kb_has_phoenix_people_and_adjectives():
    kb = load_kb()
    assert len(kb.entries) > 10_000
    assert kb.adjectives[("de", "weißrussischen")] == kb.by_id["BLR"]
    assert kb.adjectives[("de", "us-amerikanische")] == kb.by_id["USA"]
    assert kb.role("de", ("außenministers",)).lemma == "Außenminister"


def test_kb_file_records_sources_and_licences():
    from lagebild.resources import data_path

    with gzip.open(data_path("actors", "data", "actors.jsonl.gz"), "rt", encoding="utf-8") as fh:
        header = json.loads(fh.readline())
    licences = {s["licence"] for s in header["sources"]}
    assert "MIT" in licences and "Unicode-3.0" in licences


def test_cli_actor_lookup_prints_codes_and_dates(capsys):
    from lagebild.cli import main

    assert main(["actor", "Ryabkov"]) == 0
    out = capsys.readouterr().out
    assert '"SERGEI_RYABKOV"' in out and '"RUSGOV"' in out and "2008-01-01" in out


def test_cli_actor_lookup_unknown_name_fails():
    from lagebild.cli import main

    assert main(["actor", "Xyzzyland"]) != 0


def test_shipped_pack_is_the_pack_of_the_shipped_kb(tmp_path):
    """`data/kb/` is exactly what kbpack makes of `data/actors.jsonl.gz` (rebuild: scripts/build_actors.py)."""
    from lagebild.actors import kbpack
    from lagebild.resources import data_path

    fresh = kbpack.pack_kb(out=tmp_path / "kb")
    shipped = data_path(*kbpack.FOLDER)
    names = sorted(p.name for p in shipped.iterdir())
    assert names == sorted(p.name for p in fresh.iterdir())
    for name in names:
        assert (fresh / name).read_bytes() == (shipped / name).read_bytes(), name
