"""Modality on the clause view: what is stated as a fact is coded, what is only asked, conditioned,
reported, demanded, alleged, possible, denied or intended is not (or is coded as intent).
Sentences written for these tests about real public actors."""

from __future__ import annotations

import pytest
from eval.events_gold import Case, build_doc, parse_markup

from lagebild.events.coder import code_events


def coded(marked: str, language: str = "de"):
    text, spans = parse_markup(marked)
    doc = build_doc(Case("t", text, spans, published="2024-03-06"), language=language)
    return code_events(doc)


def roots(marked: str, language: str = "de") -> set[str]:
    return {c.event.root for c in coded(marked, language) if not c.event.negated}


@pytest.mark.parametrize(
    ("marked", "absent", "reason"),
    [
        ("Es ist unklar, ob [Russland|RUS] die [Ukraine|UKR] erneut angegriffen hat.", "19", "question"),
        ("Wenn [Russland|RUS] die [Ukraine|UKR] angreift, reagiert die [Nato|NATO].", "19", "condition"),
        ("[Russland|RUS] würde die [Ukraine|UKR] angreifen, hieß es.", "19", "hypothetical"),
        ("[Kiew|UKR] forderte, dass [Moskau|RUS] die Truppen abzieht.", "08", "content"),
        ("[Russland|RUS] soll [Iran|IRN] Kampfjets geliefert haben.", "06", "alleged"),
        ("Angeblich hat [Russland|RUS] [Iran|IRN] Kampfjets geliefert.", "06", "alleged"),
        ("[Russland|RUS] könnte die [Ukraine|UKR] angreifen.", "19", "possible"),
        ("[Washington|USA] wies den Vorwurf zurück, [Iran|IRN] angegriffen zu haben.", "19", "content"),
    ],
)
def test_acts_that_are_not_stated_as_facts_are_not_coded(marked, absent, reason):
    assert absent not in roots(marked), reason


def test_reported_speech_in_konjunktiv_is_not_a_fact():
    # the Konjunktiv I main clause reports what someone said; only the speech act may be coded
    found = coded("[Peskow|RUS] äußerte sich. [Russland|RUS] habe die [Ukraine|UKR] nicht angegriffen.")
    assert all(c.event.root != "19" for c in found)


def test_intended_visit_is_coded_as_intent_not_as_a_visit():
    found = coded("[Putin|RUS] will im Sommer [Nordkorea|PRK] besuchen.")
    codes = {c.event.code for c in found}
    assert "042" not in codes and "036" in codes
    assert next(c for c in found if c.event.code == "036").modality.kind == "intent"


def test_purpose_clause_is_intent():
    found = coded("[Blinken|USA] reiste nach [Kairo|EGY], um mit [Sisi|EGY] zu verhandeln.")
    assert any(c.event.code.startswith("03") and c.modality.reason == "intent" for c in found)


def test_negated_act_is_kept_and_marked():
    found = [c.event for c in coded("[Ungarn|HUN] hat die Sanktionen gegen [Russland|RUS] nicht blockiert.")]
    assert found and all(e.negated for e in found)


def test_confirmed_content_is_a_fact():
    assert "04" in roots("Der [Kreml|RUS] bestätigte, dass [Putin|RUS] [Erdogan|TUR] getroffen hat.")
