"""The quotation stage: direct and indirect speech, cue, speaker, pronouns (sentences written for these tests)."""

from __future__ import annotations

import pytest

import lagebild
from lagebild.actors.linker import LinkActors
from lagebild.nlp import Tokenize
from lagebild.pipeline import Pipeline, Prepare
from lagebild.quotes import FindQuotes, quotes_by_speaker
from lagebild.quotes.lexicon import lexicon, marks
from lagebild.quotes.marks import quoted_spans

# Only the stages the quote finder requires (tokens, actor mentions), not the event coder.
PIPELINE = Pipeline([Prepare(), Tokenize(), LinkActors(), FindQuotes()])


def analyze(text: str, language: str = "de"):
    return lagebild.analyze(text, language=language, pipeline=PIPELINE)


def quotes(text: str, language: str = "de"):
    return analyze(text, language).quotes


def only(text: str, kind: str):
    found = [q for q in quotes(text) if q.kind == kind]
    assert found, f"no {kind} quote in {text!r}"
    return found


@pytest.mark.parametrize(
    "text, inner",
    [
        ("Er sagte: „Wir kommen morgen wieder.“", "„Wir kommen morgen wieder.“"),
        ("Er sagte: “Wir kommen morgen wieder.”", "“Wir kommen morgen wieder.”"),
        ('Er sagte: "Wir kommen morgen wieder."', '"Wir kommen morgen wieder."'),
        ("Er sagte: »Wir kommen morgen wieder.«", "»Wir kommen morgen wieder.«"),
        ("Er sagte: «Wir kommen morgen wieder.»", "«Wir kommen morgen wieder.»"),
        ("Er sagte: ‚Wir kommen morgen wieder.‘", "‚Wir kommen morgen wieder.‘"),
        ("Er sagte: 'Wir kommen morgen wieder.'", "'Wir kommen morgen wieder.'"),
        ('Er sagte: „Wir kommen morgen wieder."', '„Wir kommen morgen wieder."'),  # MT: mismatched pair
    ],
)
def test_marks_pair_every_style(text, inner):
    assert [text[a:b] for a, b in quoted_spans(text)] == [inner]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Er sagte: „Das ist die erste Zeile\nund das die zweite.“ Dann ging er.", 1),  # broken across lines
        ("Er sagte:\n„Absatz eins.\n„Absatz zwei.“", 2),  # German convention: each paragraph reopens
    ],
)
def test_marks_quotes_over_lines(text, expected):
    spans = quoted_spans(text)
    assert len(spans) == expected
    assert text[spans[-1][1] - 1] == "“"


def test_marks_apostrophes_are_not_quotes():
    assert quoted_spans("Geht's noch? Peters' Hund bellt, sagt's.") == []


@pytest.mark.parametrize(
    "text, speaker, rule",
    [
        ("„Wir bleiben hart“, sagte der Minister am Montag.", "der Minister", "direct-after"),
        ("„Das ist falsch“, fügte Müller hinzu.", "Müller", "direct-after"),
        ("„Das ist falsch“, so die Sprecherin der Polizei.", "die Sprecherin der Polizei", "direct-after"),
        ("Die Sprecherin sagte: „Wir prüfen den Fall sehr genau.“", "Die Sprecherin", "direct-before"),
        (
            "Anna Schmidt erklärte am Abend:\n„Wir prüfen den Fall sehr genau.“",
            "Anna Schmidt",
            "direct-frame-line",
        ),
        (
            "Bundesinnenminister Karl Weber: „Wir lassen uns nicht erpressen.“",
            "Bundesinnenminister Karl Weber",
            "direct-before-name",
        ),
        ("„Wir lassen uns nicht erpressen“, wie die Zeitung schreibt.", "die Zeitung", "direct-after"),
        ("„Der Vertrag ist tot.“ Das sagte der Kanzler am Montag.", "der Kanzler", "direct-anaphor"),
        ("Ein Sender zitierte Müller mit den Worten: „Ich trete zurück.“", "Müller", "direct-before"),
        (
            "Die Verantwortung lehnt er jedoch ab: „Ich habe nichts falsch gemacht.“",
            "er",
            "direct-before-subject",
        ),
        ("Die Ministerin lobte das, was sie eine „kluge Einigung“ nannte.", "sie", "direct-inside"),
        (
            "Der Präsident warnte vor dem, was die Opposition eine „gefährliche Eskalation“ nennt.",
            "die Opposition",
            "direct-inside",
        ),
    ],
)
def test_direct_speaker_and_rule(text, speaker, rule):
    q = only(text, "direct")[0]
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.rule == rule
    assert text[q.start : q.end] == q.text and q.text[0] in "„“\"»«‚'"


def test_direct_interrupted_quote_gives_both_parts_the_speaker():
    text = "„Wir werden verhandeln“, sagte die Ministerin, „aber nicht um jeden Preis.“"
    qs = only(text, "direct")
    assert len(qs) == 2
    assert all(q.speaker and q.speaker.text == "die Ministerin" for q in qs)


def test_direct_passive_frame_gives_agent():
    text = "Die Angriffe wurden von Rjabkow als „höchst beunruhigend“ kritisiert."
    q = only(text, "direct")[0]
    assert q.text == "„höchst beunruhigend“"
    assert q.speaker.text == "Rjabkow" and q.cue.text == "kritisiert"


def test_pronoun_speaker_keeps_mention_and_resolves_actor():
    text = (
        "Der Bürgermeister Hans Weber hat erklärt, dass die Brücke gesperrt bleibe.\n"
        "Er fügte hinzu:\n"
        "„Die Sicherheit der Menschen geht vor.“"
    )
    q = only(text, "direct")[0]
    assert q.speaker.text == "Er"
    assert q.speaker.actor is not None and "Weber" in q.speaker.actor.name


def test_uncued_quote_paragraph_continues_previous_speaker():
    text = "Die Ärztin Eva Brandt sagte:\n„Wir haben keine Betten mehr frei.“\n„Die Lage ist sehr ernst.“"
    qs = only(text, "direct")
    assert len(qs) == 2
    assert qs[1].rule == "direct-continue" and qs[1].speaker.text == qs[0].speaker.text


@pytest.mark.parametrize(
    "text",
    [
        "Er las die „Süddeutsche Zeitung“ beim Frühstück.",
        "Das Album „Blue Moon“ erschien im Mai.",
        "Die Software, kurz „Libre“ genannt, ist frei.",
        "Das Gericht entschied „in dubio pro reo“ und sprach ihn frei.",
        "Zu den Themen gehörten „Bahn und Stadt“, „Brücken im Wandel“ und „Neue Wege“.",
        "Die „Berliner Zeitung“ berichtet heute über den Fall.",
    ],
)
def test_scare_quotes_and_titles_are_not_speech(text):
    assert [q for q in quotes(text) if q.kind == "direct"] == []


@pytest.mark.parametrize(
    "text, content_start, speaker",
    [
        ("Der Minister erklärte, dass die Steuern nicht steigen würden.", "dass die Steuern", "Der Minister"),
        ("Die Sprecherin sagte, man werde den Vorfall prüfen.", "man werde", "Die Sprecherin"),
        ("Wie die Polizei mitteilte, wurden zwei Menschen verletzt.", "wurden zwei", "die Polizei"),
        ("Laut Polizei sei der Täter geflohen.", "sei der Täter", "Polizei"),
        (
            "Nach Angaben der Feuerwehr brannte die Halle vollständig ab.",
            "brannte die Halle",
            "der Feuerwehr",  # the holder of the source noun, not the phrase
        ),
        ("Dem Bericht zufolge stiegen die Preise um fünf Prozent.", "stiegen die Preise", "Dem Bericht"),
        ("Die Lage sei unter Kontrolle, teilte das Ministerium mit.", "Die Lage sei", "das Ministerium"),
        ("Des Weiteren erklärte Rjabkow, dass die Gespräche andauerten.", "dass die Gespräche", "Rjabkow"),
        ("Wie schon die WHO sagte, ist eine Ansteckung unwahrscheinlich.", "ist eine Ansteckung", "die WHO"),
        (
            "Auch Eva Roth, die Leiterin der Klinik, glaubt, dass die Zahlen sinken.",
            "dass die Zahlen",
            "Eva Roth",
        ),
        ("Im Bericht heißt es, die Lage habe sich verschlechtert.", "die Lage habe", "Bericht"),
        (
            "Nach Angaben deutscher Behörden wurden zwei Menschen verletzt.",
            "wurden zwei",
            "deutscher Behörden",
        ),
        (
            "Neben dem Anführer wurden nach Medienberichten weitere Demonstranten festgenommen.",
            "Neben dem Anführer",
            "Medien",  # the first part of the compound names the source
        ),
    ],
)
def test_indirect_content_and_speaker(text, content_start, speaker):
    q = only(text, "indirect")[0]
    assert q.text.startswith(content_start)
    assert not q.text.endswith(".")
    assert q.speaker is not None and q.speaker.text == speaker


def test_indirect_english_said_that_and_according_to():
    qs = quotes(
        "The minister said that taxes would not rise. According to the police, two people were hurt.", "en"
    )
    kinds = [q.kind for q in qs]
    assert kinds.count("indirect") == 2


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "The White House said the sanctions would remain in place.",
            "the sanctions would remain in place",
            "The White House",
        ),
        ("Officials said on Monday that talks would resume.", "that talks would resume", "Officials"),
        ("Russia said in a statement it was ready for talks.", "it was ready for talks", "Russia"),
    ],
)
def test_indirect_english_complement_after_an_adverbial_or_without_that(text, content, speaker):
    q = next(q for q in quotes(text, "en") if q.kind == "indirect")
    assert q.text == content and q.speaker is not None and q.speaker.text == speaker


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "Fuel prices will rise again in autumn, the energy regulator said on Friday.",
            "Fuel prices",
            "the energy regulator",
        ),
        ("The ceasefire is holding, she said.", "The ceasefire is holding", "she"),
        ("The envoy told journalists in Geneva that a deal was close.", "that a deal was close", "The envoy"),
        ("The envoy told journalists a deal was close.", "a deal was close", "The envoy"),
        ("The tribunal ruled that the election was valid.", "that the election was valid", "The tribunal"),
    ],
)
def test_indirect_english_clause_first_and_object_first_verbs(text, content, speaker):
    q = next(q for q in quotes(text, "en") if q.kind == "indirect")
    assert q.text.startswith(content) and q.speaker is not None and q.speaker.text == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The minister denied the report on Monday.",  # an object, not a clause
        "Biden said goodbye to his staff.",
        "Lavrov told reporters in Moscow about the talks.",
    ],
)
def test_english_speech_verb_with_an_object_reports_nothing(text):
    assert [q for q in quotes(text, "en") if q.kind == "indirect"] == []


def test_english_quote_with_the_comma_inside_is_speech_not_a_name():
    q = [q for q in quotes('"This is a turning point," said NATO Secretary-General Mark Rutte.', "en")]
    assert len(q) == 1 and q[0].kind == "direct" and q[0].rule == "direct-after"
    assert q[0].speaker is not None and q[0].speaker.text.endswith("Mark Rutte")


def test_subordinate_clause_with_cue_verb_is_not_reported_speech():
    assert quotes("Nachdem sie den Fehler bemerkt hatten, leiteten die Piloten eine Notbremsung ein.") == []


def test_offsets_point_into_text():
    text = "Kanzlerin Maria Berg sagte am Dienstag, die Regierung werde handeln."
    art = analyze(text)
    for q in art.quotes:
        assert art.text[q.start : q.end] == q.text
        assert art.text[q.cue.start : q.cue.end] == q.cue.text
        assert art.text[q.speaker.start : q.speaker.end] == q.speaker.text


def test_quotes_by_speaker_groups_name_variants():
    text = "Ministerin Clara Vogt sagte, die Schulen blieben offen.\n„Wir haben genug Lehrer“, sagte Vogt."
    rows = quotes_by_speaker(analyze(text))
    assert len(rows) == 1 and len(rows[0].quotes) == 2
    assert rows[0].to_dict()["quotes"][0]["kind"] == "indirect"


def test_lexicon_loads_and_joins_separable_verbs():
    lex = lexicon("de")
    assert "hinzufügen" in lex.say and "mitteilen" in lex.say
    assert lex.is_source_noun("Polizeiangaben", "Polizeiangabe")
    assert "„" in marks().closers and "“" in marks().closers["„"]


@pytest.mark.parametrize(
    "text, content_start, speaker, rule",
    [
        (
            "Das Gericht wies den Vorwurf der Verteidigung, das Verfahren sei unfair, zurück.",
            "das Verfahren sei",
            "der Verteidigung",
            "indirect-noun",
        ),
        (
            "Die Studie wurde am Montag veröffentlicht. Danach leiden viele Kinder unter Armut.",
            "leiden viele Kinder",
            "Studie",  # "danach" stands for the source the sentence before names
            "indirect-source",
        ),
        (
            "Der Iran – der jede Lieferung bestritten hat – hat erklärt, dass er Flugzeuge kaufe.",
            "dass er Flugzeuge",
            "Der Iran",
            "indirect-verb",
        ),
        (
            "Der Bau sei zu teuer gewesen. Das bestätigte der Bürgermeister am Abend.",
            "Der Bau sei",
            "der Bürgermeister",
            "indirect-anaphor",
        ),
    ],
)
def test_indirect_more_frames(text, content_start, speaker, rule):
    q = next(q for q in quotes(text) if q.rule == rule)
    assert q.text.startswith(content_start)
    assert q.speaker is not None and q.speaker.text == speaker


def test_an_abstract_antecedent_gives_no_speaker():
    q = only("Es gibt eine Argumentation, die davon ausgeht, dass der Plan scheitern werde.", "indirect")[0]
    assert q.text.startswith("dass der Plan") and q.speaker is None


def test_temporal_danach_is_not_a_source():
    assert quotes("Er ging nach Hause. Danach regnete es den ganzen Abend.") == []


def test_linked_actors_are_attached_and_pronouns_resolved():
    from lagebild.records import Actor, Article, Doc, Entity

    text = (
        "Ministerin Clara Vogt sagte, die Schulen blieben offen.\nSie fügte hinzu:\n„Wir haben genug Lehrer.“"
    )
    vogt = Actor(id="CLARA_VOGT", name="Clara Vogt")
    doc = Tokenize()(Doc(Article(id="t", text=text, language="de")))
    start = text.index("Clara Vogt")
    doc.mentions = [Entity("Clara Vogt", start, start + len("Clara Vogt"), "PER", actor=vogt)]
    qs = FindQuotes()(doc).article.quotes
    assert [q.speaker.actor for q in qs] == [vogt, vogt]
    assert qs[1].speaker.text == "Sie"
    rows = quotes_by_speaker(doc.article)
    assert [(r.speaker, r.actor_id, len(r.quotes)) for r in rows] == [("Clara Vogt", "CLARA_VOGT", 2)]


def test_a_descriptive_speaker_takes_the_actor_named_in_apposition():
    rec = analyze(
        "Eine der größten Oppositionsparteien des Landes, die Bewegung für Freiheit und Recht (MFR), "
        "behauptete am Abend, dass hunderte Wahlhelfer festgenommen worden seien."
    )
    (q,) = rec.quotes
    assert q.speaker.text == "Eine der größten Oppositionsparteien des Landes"
    assert q.speaker.actor is not None and q.speaker.actor.name in ("MFR", "Bewegung für Freiheit und Recht")


def test_a_partial_quote_does_not_make_an_abstract_subject_its_speaker():
    rec = analyze(
        "Der Haushalt wurde am Dienstag vorgestellt. Die vorgesehenen Mittel reichen dann wohl "
        "„hinten und vorne nicht für die Aufgaben des Landes“."
    )
    (q,) = [q for q in rec.quotes if "hinten und vorne" in q.text]
    assert q.speaker is None or "Mittel" not in q.speaker.text
