"""Quote forms beyond a cue verb with a clause: support-verb constructions, speech after a colon, the kind by
form, Konjunktiv continuations, interviews, and speakers settled to the actor behind a source phrase
(sentences written for these tests; the interview in tests/data/quotes/interview_de.txt is invented)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import lagebild
from lagebild.actors.linker import LinkActors
from lagebild.nlp import Tokenize
from lagebild.pipeline import Pipeline, Prepare
from lagebild.quotes import FindQuotes

PIPELINE = Pipeline([Prepare(), Tokenize(), LinkActors(), FindQuotes()])
DE_QUOTES = Path(lagebild.__file__).parent / "lang" / "de" / "quotes"
INTERVIEW = Path(__file__).parent / "data" / "quotes" / "interview_de.txt"


def quotes(text: str):
    return lagebild.analyze(text, language="de", pipeline=PIPELINE).quotes


def speaker(q) -> str | None:
    return q.speaker.text if q.speaker else None


def _rows(name: str) -> list[dict[str, str]]:
    lines = [
        ln for ln in (DE_QUOTES / name).read_text(encoding="utf-8").splitlines() if not ln.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


# ----- support-verb constructions (constructions.tsv)


@pytest.mark.parametrize("row", _rows("constructions.tsv"), ids=lambda r: f"{r['verb']}+{r['word']}")
def test_every_construction_reports_on_its_example(row):
    found = [q for q in quotes(row["example"]) if q.kind == "indirect"]
    assert found, row["example"]
    start = row["example"].index(found[0].text)
    # what is reported comes after the construction's word, never the frame itself
    assert row["word"] in row["example"][:start].lower(), (found[0].text, row)


@pytest.mark.parametrize(
    "text",
    [
        "Der Minister ist der Meinung seiner Partei.",
        "Die Kommission kam zu dem Schluss der Sitzung.",
        "Er ließ die Kinder im Garten spielen.",
    ],
)
def test_a_construction_without_a_content_clause_reports_nothing(text):
    assert quotes(text) == []


# ----- speech after a colon, and the kind by form


@pytest.mark.parametrize(
    "text, content, kind, who",
    [
        (
            "Jaalon verteidigte die Einsatzregeln: Wir werden kein schießwütiges Verhalten zulassen.",
            "Wir werden kein schießwütiges Verhalten zulassen",
            "direct",
            "Jaalon",
        ),
        ("Jaalon sagte: Wir werden das nicht zulassen.", "Wir werden das nicht zulassen", "direct", "Jaalon"),
        (
            "Der Minister sagte am Montag: Die Lage sei ernst.",
            "Die Lage sei ernst",
            "indirect",
            "Der Minister",
        ),
    ],
)
def test_speech_after_a_colon_without_marks(text, content, kind, who):
    q = next(q for q in quotes(text) if q.rule == "indirect-colon")
    assert (q.text, q.kind, speaker(q)) == (content, kind, who)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("In einem Punkt haben Merkel und ich hundertprozentig übereingestimmt, sagte Fischer.", "direct"),
        ("Wir haben unsere Arbeit gemacht, sagte die Trainerin nach dem Spiel.", "direct"),
        ("Die Lage sei ernst, sagte Fischer.", "indirect"),
        ("Die Mannschaft habe ihre Arbeit gemacht, sagte die Trainerin nach dem Spiel.", "indirect"),
    ],
)
def test_first_person_wording_without_marks_is_direct(text, kind):
    (q,) = quotes(text)
    assert q.kind == kind and q.speaker is not None


# ----- Konjunktiv continuations


def test_konjunktiv_sentences_continue_the_previous_speaker_until_the_indicative():
    text = (
        "Der Minister sagte, die Lage sei ernst. Man arbeite an einer Lösung. Die Hilfe komme rechtzeitig. "
        "Die Sitzung dauerte drei Stunden."
    )
    found = [q for q in quotes(text) if q.rule == "indirect-continuation"]
    assert [(q.text, q.kind, speaker(q)) for q in found] == [
        ("Man arbeite an einer Lösung. Die Hilfe komme rechtzeitig", "indirect", "Der Minister")
    ]


def test_a_konjunktiv_sentence_without_a_previous_speaker_is_no_continuation():
    assert quotes("Die Brücke wurde 1962 gebaut. Sie sei längst baufällig.") == []


# ----- settled speakers: the actor behind a source phrase, never the phrase


@pytest.mark.parametrize(
    "text, who",
    [
        ("Der Konzern hat nach eigenen Angaben 300 Stellen gestrichen.", "Der Konzern"),
        ("Die Regierung sei gesprächsbereit, hieß es aus dem Kanzleramt.", "dem Kanzleramt"),
        ("Die Lage sei ernst, hieß es am Montag in einer Mitteilung der Polizei.", "der Polizei"),
        (
            "Die Polizei teilte am Montag mit, die Lage sei ruhig. Demnach wurden 20 Beamte verletzt.",
            "Die Polizei",
        ),
        ("Laut einer Mitteilung des Ministeriums wurden die Grenzen geschlossen.", "des Ministeriums"),
        ("Die Straße bleibt nach Angaben des Bürgermeisters bis Freitag gesperrt.", "des Bürgermeisters"),
        ("Nach Regierungsangaben wurden zwei Menschen verletzt.", "Regierung"),
        ("Den UN-Angaben zufolge sind 300 Menschen geflohen.", "UN"),
        ("Nach Einschätzung politischer Beobachter war der Angriff geplant.", "politischer Beobachter"),
        ("Der Minister hatte wissen lassen, dass er zurücktreten werde.", "Der Minister"),
        ("Eine offene Frage sei der Grund für die Verzögerung, erklärte der Sprecher.", "der Sprecher"),
    ],
)
def test_source_phrases_resolve_to_the_actor_behind_them(text, who):
    found = [q for q in quotes(text) if q.kind == "indirect"]
    assert found and speaker(found[-1]) == who, [(q.text, speaker(q)) for q in found]


@pytest.mark.parametrize(
    "text",
    [
        "Man geht davon aus, dass der Plan scheitern werde.",
        "Am Montagmittag hieß es, die Lage sei ernst.",
        "Demnach sollen die Preise steigen.",
        "Die Bestimmungen sehen vor, dass alle Waffen registriert werden müssen.",
    ],
)
def test_no_speaker_rather_than_a_pronoun_date_adverb_or_abstract_noun(text):
    assert all(q.speaker is None for q in quotes(text)), [(q.text, speaker(q)) for q in quotes(text)]


def test_example_004_has_no_quote_spoken_by_bestimmungen(analyzed_examples):
    qs = analyzed_examples["004_8e7d378fd429c56a.txt"].quotes
    assert qs and not [q for q in qs if q.speaker and "Bestimmungen" in q.speaker.text]


# ----- interviews


def _interview(text: str):
    found = lagebild.analyze(text, language="de").quotes
    return [q for q in found if q.rule == "direct-interview"], found


@pytest.mark.parametrize("layout", ["lines", "one line"])
def test_interview_answers_are_direct_quotes_of_the_interviewee(layout):
    text = INTERVIEW.read_text(encoding="utf-8")
    if layout == "one line":  # as scraped: paragraphs run together
        text = " ".join(text.split())
    answers, found = _interview(text)
    assert [a.text.split(".")[0] for a in answers] == [
        "Wenn alles gut geht, öffnen wir im Juni wieder",
        "Das sehe ich völlig anders",
        "Dann müssen wir mit dem Land reden",
    ]
    assert {(a.kind, speaker(a)) for a in answers} == {("direct", "Hafner")}
    # "Ein Beispiel:" inside an answer is no new speaker; the questions are no quotes
    assert "Ein Beispiel: Im letzten Sommer" in answers[1].text
    assert not [q for q in found if speaker(q) == "KURIER" or "Wie lange noch" in q.text]
    if layout == "lines":  # the paragraph after the last answer is the reporter's
        assert answers[-1].text.endswith("Ich gebe nicht auf.")


@pytest.mark.parametrize(
    "text",
    [
        "Die Gemeinde hat den Haushalt beschlossen.\n\nEinnahmen: 12 Millionen Euro aus Steuern und Gebühren.\n\n"
        "Ausgaben: 11,5 Millionen Euro, davon die Hälfte für Personal.\n\n"
        "Ergebnis: ein Überschuss von 500.000 Euro.",
        "Die Wahl brachte kaum Verschiebungen.\n\nSozialdemokratische Partei: 28,2 % (7 Sitze)\n"
        "Christliche Partei: 16,6 % (4 Sitze)\nLiberale Partei: 11,3 % (2 Sitze)\nGrüne Partei: 6,3 % (1 Sitz)",
    ],
    ids=["budget", "election results"],
)
def test_labels_in_a_report_do_not_make_an_interview(text):
    answers, _ = _interview(text)
    assert answers == []
