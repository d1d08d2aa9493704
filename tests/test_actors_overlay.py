"""The user's actor overlay: `lagebild actors add FILE.tsv` adds and corrects actors without a rebuild.

The people and sentences here are made up for the tests (the overlay must link what the shipped KB
cannot know), apart from Sebastian Kurz, whose shipped alias an analyst corrects.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from lagebild.actors.kb import load_kb, lookup
from lagebild.actors.overlay import ENV, active_kb, add_actors, apply_overlay, read_overlay
from lagebild.cli import main

HEADER = "id\tname\ttype\tcountry\tcodes\taliases\troles\n"
KARLA = "KARLA_BEISPIEL\tKarla Beispielfrau\tPER\tAUT\tAUTGOV 2024-03-01..; AUTELI\tBeispielfrau\tLandesrätin 2024-03-01..\n"
SENTENCE = "Landesrätin Karla Beispielfrau kritisierte am Montag die Bundesregierung scharf."


@pytest.fixture
def overlay(tmp_path, monkeypatch):
    path = tmp_path / "data" / "actors.tsv"
    monkeypatch.setenv(ENV, str(path))
    return path


def _entity(text: str, name: str, published: str = "2024-06-01"):
    import lagebild

    article = lagebild.analyze(text, language="de", published=published)
    found = [e for e in article.entities if e.text == name]
    assert found, [e.text for e in article.entities]
    return found[0]


def test_actors_add_end_to_end_in_new_processes(tmp_path):
    """The CLI adds the actor to the overlay, and a fresh `lagebild analyze` links it."""
    src = tmp_path / "mine.tsv"
    src.write_text(HEADER + KARLA, encoding="utf-8")
    env = {**os.environ, ENV: str(tmp_path / "overlay.tsv")}

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "lagebild", *args], capture_output=True, text=True, env=env
        )

    def karla_entity():
        proc = run(
            "analyze", str(text_file), "--language", "de", "--published", "2024-06-01", "--format", "json"
        )
        assert proc.returncode == 0, proc.stderr
        (record,) = json.loads(proc.stdout)  # a JSON array of the analysed articles
        (found,) = [e for e in record["entities"] if e["text"] == "Karla Beispielfrau"]
        return found

    text_file = tmp_path / "article.txt"
    text_file.write_text(SENTENCE, encoding="utf-8")
    assert karla_entity()["actor"]["id"].startswith("unlinked:")  # before: the shipped KB lacks her
    proc = run("actors", "add", str(src))
    assert proc.returncode == 0, proc.stderr
    assert "1 actors added" in proc.stderr
    karla = karla_entity()  # re-analysed in a new process
    assert karla["actor"] == {
        "id": "KARLA_BEISPIEL",
        "name": "Karla Beispielfrau",
        "code": "AUTGOV",
        "country": "AUT",
    }


def test_overlay_links_a_new_actor_and_its_alias(overlay, tmp_path):
    assert _entity(SENTENCE, "Karla Beispielfrau").actor.id.startswith("unlinked:")
    src = tmp_path / "mine.tsv"
    src.write_text(HEADER + KARLA, encoding="utf-8")
    assert main(["actors", "add", str(src)]) == 0
    e = _entity(SENTENCE, "Karla Beispielfrau")
    assert (e.actor.id, e.actor.code, e.actor.country) == ("KARLA_BEISPIEL", "AUTGOV", "AUT")
    later = _entity("Beispielfrau wies die Vorwürfe zurück.", "Beispielfrau")
    assert later.actor.id == "KARLA_BEISPIEL"
    old = _entity(SENTENCE, "Karla Beispielfrau", published="2020-06-01")
    assert old.actor.code == "AUTELI"  # the overlay's dated code on an earlier article date


def test_overlay_corrects_a_shipped_actor(overlay, tmp_path):
    """An existing id: the row's fields win, "-Alias" removes a shipped name, new aliases are added."""
    assert (
        _entity("Am Samstag kündigte Kurz Neuwahlen an.", "Kurz", "2019-05-20").actor.id == "SEBASTIAN_KURZ"
    )
    src = tmp_path / "fix.tsv"
    src.write_text(HEADER + "SEBASTIAN_KURZ\tSebastian Kurz\t\t\t\t-Kurz|Basti Kurz\t\n", encoding="utf-8")
    assert main(["actors", "add", str(src)]) == 0
    kb = active_kb()
    entry = kb.entry("SEBASTIAN_KURZ")
    assert entry is not None and entry.country == "AUT"  # not given in the row: kept
    assert not [e for e in lookup("Kurz", kb=kb) if e.id == "SEBASTIAN_KURZ"]
    assert lookup("Basti Kurz", kb=kb)[0].id == "SEBASTIAN_KURZ"


def test_overlay_wins_where_names_collide(tmp_path):
    """An overlay actor named like a shipped one ranks first."""
    path = tmp_path / "o.tsv"
    path.write_text(HEADER + "MY_WHO\tWorld Hockey Organisation\tORG\t\tNGO\tWHO\t\n", encoding="utf-8")
    kb = apply_overlay(load_kb(), read_overlay(path))
    assert lookup("WHO", kb=kb)[0].id == "MY_WHO"
    assert lookup("WHO")[0].id != "MY_WHO"  # the shipped KB is unchanged


def test_adding_rows_replaces_by_id(overlay, tmp_path):
    src = tmp_path / "a.tsv"
    src.write_text(HEADER + KARLA, encoding="utf-8")
    assert add_actors(src) == (overlay, 1, 0)
    src.write_text(
        HEADER + KARLA.replace("Beispielfrau\tLandes", "Beispielfrau|Karla B.\tLandes"), encoding="utf-8"
    )
    assert add_actors(src) == (overlay, 0, 1)
    rows = read_overlay(overlay)
    assert [r.id for r in rows] == ["KARLA_BEISPIEL"] and "Karla B." in rows[0].aliases


def test_actors_add_without_a_file_is_an_error(overlay, capsys):
    assert main(["actors", "add"]) == 2
    assert "needs a FILE.tsv" in capsys.readouterr().err
    assert not overlay.exists()


@pytest.mark.parametrize(
    "row, message",
    [
        ("X1\tErika Test\tPER\tXYZ\t\t\t\n", "country 'XYZ' is not a state"),
        ("X2\tErika Test\tPERSON\tAUT\t\t\t\n", "type 'PERSON' is not one of"),
        ("X3\tErika Test\tPER\tAUT\tAUTGOV 2024-13-01..\t\t\n", "invalid date '2024-13-01'"),
    ],
)
def test_bad_overlay_rows_are_refused_with_file_and_line(overlay, tmp_path, capsys, row, message):
    src = tmp_path / "bad.tsv"
    src.write_text("# my actors\n" + HEADER + row, encoding="utf-8")
    assert main(["actors", "add", str(src)]) == 2
    err = capsys.readouterr().err
    assert message in err and "bad.tsv:3" in err
    assert not overlay.exists()  # nothing written
