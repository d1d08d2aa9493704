"""The actor linker: entities and mentions on the bundled examples and on short real-style sentences.

The example articles are the user's own inputs (bundled in examples/); the other sentences are
written for these tests about real public figures.
"""

from __future__ import annotations

import pytest

from lagebild.actors.linker import LinkActors
from lagebild.ingest.sources import RawDoc
from lagebild.nlp import Tokenize
from lagebild.pipeline import PREPARED, Pipeline, prepare
from lagebild.records import Doc, Entity

EX_RJABKOW = "000_ac90ce9dbc56bd7f.txt"
EX_RAISI = "004_8e7d378fd429c56a.txt"


@pytest.fixture(scope="module")
def link():
    pipe = Pipeline([Tokenize(), LinkActors()], start=PREPARED)

    def run(text: str, language: str = "de", published: str | None = "2024-03-01") -> Doc:
        article = prepare(RawDoc(name="<test>", text=text, language=language, published=published))
        return pipe(Doc(article))

    return run


@pytest.fixture(scope="module")
def analyzed_examples(example_texts):
    """The examples through lagebild.analyze with the stages up to the linker (later stages are
    other issues' and must not make these tests fail)."""
    import lagebild

    dates = {EX_RJABKOW: "2025-06-23", EX_RAISI: "2023-03-13"}  # the dates the articles describe
    pipe = Pipeline([Tokenize(), LinkActors()], start=PREPARED)
    return {
        name: lagebild.analyze(text, published=dates.get(name), pipeline=pipe)
        for name, text in example_texts.items()
    }


def _named(entities: list[Entity], text: str) -> list[Entity]:
    found = [e for e in entities if e.text == text]
    assert found, f"{text!r} not among {[e.text for e in entities]}"
    return found


def _mention(doc: Doc, text: str) -> Entity:
    found = [m for m in doc.mentions if m.text == text]
    assert found, f"{text!r} not among mentions {[m.text for m in doc.mentions]}"
    return found[0]


# ---------------------------------------------------------------- the bundled examples


@pytest.mark.parametrize(
    ("example", "text", "code"),
    [
        (EX_RJABKOW, "Sergei Rjabkow", "RUSGOV"),
        (EX_RJABKOW, "Rjabkow", "RUSGOV"),
        (EX_RJABKOW, "Dmitri Peskow", "RUSGOV"),
        (EX_RJABKOW, "Russland", "RUS"),
        (EX_RJABKOW, "Iran", "IRN"),
        (EX_RJABKOW, "Irans", "IRN"),
        (EX_RJABKOW, "Moskau", "RUSGOV"),
        (EX_RJABKOW, "Teheran", "IRNGOV"),
        (EX_RJABKOW, "DVRK", "PRK"),
        (EX_RJABKOW, "Sicherheitsrats", "IGOUNO"),
        (EX_RAISI, "Ebrahim Raisi", "IRNGOV"),
        (EX_RAISI, "Raisi", "IRNGOV"),
        (EX_RAISI, "Alexander Lukaschenko", "BLRGOV"),
        (EX_RAISI, "Lukaschenko", "BLRGOV"),
        (EX_RAISI, "Wladimir Putin", "RUSGOV"),
        (EX_RAISI, "Weißrusslands", "BLR"),
        (EX_RAISI, "Belarus", "BLR"),
        (EX_RAISI, "Iran", "IRN"),
        (EX_RAISI, "Russland", "RUS"),
        (EX_RAISI, "Russlands", "RUS"),
        (EX_RAISI, "Ukraine", "UKR"),
        (EX_RAISI, "Washington", "USAGOV"),
        (EX_RAISI, "China", "CHN"),
        (EX_RAISI, "Pekings", "CHNGOV"),
    ],
)
def test_examples_every_actor_resolves_with_its_code(analyzed_examples, example, text, code):
    for e in _named(analyzed_examples[example].entities, text):
        assert e.actor is not None and e.actor.code == code, (text, e.start, e.actor)


@pytest.mark.parametrize(
    ("example", "text", "role"),
    [
        (EX_RJABKOW, "Sergei Rjabkow", "stellvertretender russischer Außenminister"),
        (EX_RJABKOW, "Dmitri Peskow", "Kreml-Sprecher"),
        (EX_RAISI, "Ebrahim Raisi", "iranischer Präsident"),
        (EX_RAISI, "Wladimir Putin", "russischer Präsident"),
    ],
)
def test_examples_roles_from_context(analyzed_examples, example, text, role):
    (e,) = _named(analyzed_examples[example].entities, text)
    assert e.role == role
    assert e.type == "PER"


def test_example_capital_as_place_keeps_the_country_code(analyzed_examples):
    article = analyzed_examples[EX_RAISI]
    codes = {e.start: e.actor.code for e in _named(article.entities, "Teheran")}
    first = min(codes)
    assert article.text[first - 3 : first] == "in "
    assert codes[first] == "IRN"  # "am Montag in Teheran": the place
    assert "IRNGOV" in codes.values()  # "während Teheran ... Beziehungen unterhält": the government


@pytest.mark.parametrize(
    ("example", "text", "code"), [(EX_RJABKOW, "US", "USA"), (EX_RJABKOW, "Kreml-Sprecher", "RUSGOV")]
)
def test_example_compounds_are_mentions_not_entities(link, example_texts, example, text, code):
    doc = link(example_texts[example], published="2025-06-23")
    m = _mention(doc, text)
    assert m.actor is not None and m.actor.code == code
    assert text not in {e.text for e in doc.article.entities}


def test_example_adjectives_are_mentions_only(link, example_texts):
    doc = link(example_texts[EX_RAISI], published="2023-03-13")
    adjectives = [m for m in doc.mentions if m.text in ("russische", "russischen", "iranische")]
    assert adjectives and all(m.actor.code in ("RUS", "IRN") for m in adjectives)
    assert not {"russische", "russischen", "iranische"} & {e.text for e in doc.article.entities}


def test_example_role_phrase_corefers_with_the_named_president(link, example_texts):
    doc = link(example_texts[EX_RAISI], published="2023-03-13")
    m = _mention(doc, "iranische Präsident")
    assert m.actor is not None and m.actor.id == "EBRAHIM_RAISI"


# ---------------------------------------------------------------- transliteration and inflection in text


@pytest.mark.parametrize(
    ("sentence", "name", "actor_id"),
    [
        ("Kreml-Sprecher Dmitri Peskov sagte, man prüfe den Vorschlag.", "Dmitri Peskov", "DMITRY_PESKOV"),
        ("Präsident Zelenskyy reiste am Montag nach Washington.", "Zelenskyy", "VOLODYMYR_ZELENSKYY"),
        ("Der Vizeaußenminister Ryabkov äußerte sich in Moskau.", "Ryabkov", "SERGEI_RYABKOV"),
        ("Der oberste Führer Khamenei ließ die Erklärung verlesen.", "Khamenei", "ALI_KHAMENEI"),
        ("Außenminister Lavrov reiste nach Ankara.", "Lavrov", "SERGEY_LAVROV"),
        ("Die Sprecherin Sacharowa kritisierte Berlin.", "Sacharowa", "MARIA_ZAKHAROVA"),
        ("Präsident Lukashenko empfing die Delegation in Minsk.", "Lukashenko", "ALEXANDER_LUKASHENKO"),
        ("Rjabkows Äußerungen wurden in Washington aufmerksam verfolgt.", "Rjabkows", "SERGEI_RYABKOV"),
    ],
)
def test_spelling_variants_link_one_actor(link, sentence, name, actor_id):
    (e,) = _named(link(sentence).article.entities, name)
    assert e.actor is not None and e.actor.id == actor_id
    assert e.type == "PER"


@pytest.mark.parametrize(
    ("sentence", "name", "code"),
    [
        ("Die Sanktionen Russlands gegen die Ukraine wurden verschärft.", "Russlands", "RUS"),
        ("Die Regierung Weißrusslands bestritt die Berichte.", "Weißrusslands", "BLR"),
        ("Das Atomprogramm des Irans bleibt umstritten.", "Irans", "IRN"),
        ("Sprecher des Weißen Hauses wiesen die Darstellung zurück.", "Weißen Hauses", "USAGOV"),
        ("Die Vereinten Nationen forderten eine Waffenruhe.", "Vereinten Nationen", "IGOUNO"),
        ("Ein Sprecher der Vereinigten Staaten nannte keine Details.", "Vereinigten Staaten", "USA"),
    ],
)
def test_inflected_names_link(link, sentence, name, code):
    (e,) = _named(link(sentence).article.entities, name)
    assert e.actor is not None and e.actor.code == code


@pytest.mark.parametrize(
    "sentence",
    [
        "Wir irren uns nicht, sagte der Minister.",
        "Irren ist menschlich, meinte sie.",
        "Das Haus war leer, dass es niemand bemerkte.",
    ],
)
def test_common_words_are_not_actors(link, sentence):
    doc = link(sentence)
    assert not [e for e in doc.article.entities if e.actor is not None and e.actor.code]


# ---------------------------------------------------------------- roles, unknown people, coreference, dates


@pytest.mark.parametrize(
    ("sentence", "name", "role", "code"),
    [
        (
            "Der stellvertretende russische Außenminister, Sergei Rjabkow, warnte den Westen.",
            "Sergei Rjabkow",
            "stellvertretender russischer Außenminister",
            "RUSGOV",
        ),
        ("Irans Präsident Ebrahim Raisi reiste nach Minsk.", "Ebrahim Raisi", "Irans Präsident", "IRNGOV"),
        (
            "Rjabkow, stellvertretender Außenminister Russlands, sagte das am Montag.",
            "Rjabkow",
            "stellvertretender Außenminister Russlands",
            "RUSGOV",
        ),
        (
            "Die Sprecherin des russischen Außenministeriums, Maria Sacharowa, widersprach.",
            "Maria Sacharowa",
            "Sprecherin des russischen Außenministeriums",
            "RUSGOV",
        ),
    ],
)
def test_role_and_affiliation_from_context(link, sentence, name, role, code):
    (e,) = _named(link(sentence, published="2023-03-13").article.entities, name)
    assert e.role == role
    assert e.actor is not None and e.actor.code == code


def test_unknown_person_with_role_gets_country_and_sector(link):
    doc = link("Der iranische Außenminister Bahram Teymouri-Ardakani kündigte Gespräche an.")
    (e,) = [e for e in doc.article.entities if e.type == "PER"]
    assert "Teymouri" in e.text
    assert e.role == "iranischer Außenminister"
    assert e.actor is not None and e.actor.code == "IRNGOV" and e.actor.id.startswith("unlinked:")


def test_unknown_person_surname_corefers(link):
    doc = link(
        "Der iranische Außenminister Bahram Teymouri-Ardakani kündigte Gespräche an. "
        "Teymouri-Ardakani sagte, man sei bereit."
    )
    people = [e for e in doc.article.entities if e.type == "PER"]
    assert len(people) == 2 and people[0].actor.id == people[1].actor.id


@pytest.mark.parametrize(
    ("sentence", "mention", "code"),
    [
        ("Russische Truppen zogen sich aus der Region zurück.", "Russische Truppen", "RUSMIL"),
        ("Die iranische Regierung wies die Vorwürfe zurück.", "iranische Regierung", "IRNGOV"),
        ("Der Kremlsprecher wies die Berichte zurück.", "Kremlsprecher", "RUSGOV"),
        ("Lukaschenkos Regierung ließ die Oppositionelle festnehmen.", "Lukaschenkos Regierung", "BLRGOV"),
        (
            "Der ehemalige iranische Präsident kritisierte die Regierung.",
            "ehemalige iranische Präsident",
            "IRNELI",
        ),
    ],
)
def test_role_mentions_carry_country_and_sector(link, sentence, mention, code):
    m = _mention(link(sentence), mention)
    assert m.actor is not None and m.actor.code == code


@pytest.mark.parametrize(
    ("published", "code"), [("2022-06-01", "USAGOV"), ("2012-06-01", "USAGOV"), ("2018-06-01", "USAELI")]
)
def test_linked_code_follows_the_article_date(link, published, code):
    doc = link("Joe Biden sprach mit Journalisten in Washington.", published=published)
    (e,) = _named(doc.article.entities, "Joe Biden")
    assert e.actor.code == code


# ---------------------------------------------------------------- English


@pytest.mark.parametrize(
    ("sentence", "name", "code", "role"),
    [
        (
            "Russian Deputy Foreign Minister Sergei Ryabkov said Moscow and Tehran were cooperating.",
            "Sergei Ryabkov",
            "RUSGOV",
            "Russian Deputy Foreign Minister",
        ),
        (
            "Kremlin spokesman Dmitry Peskov declined to comment.",
            "Dmitry Peskov",
            "RUSGOV",
            "Kremlin spokesman",
        ),
        (
            "Iran's President Ebrahim Raisi met Belarusian leader Alexander Lukashenko.",
            "Ebrahim Raisi",
            "IRNGOV",
            "Iran's President",
        ),
    ],
)
def test_english_roles_and_links(link, sentence, name, code, role):
    doc = link(sentence, language="en", published="2023-03-13")
    (e,) = _named(doc.article.entities, name)
    assert e.actor.code == code and e.role == role


@pytest.mark.parametrize(
    ("sentence", "name", "code"),
    [
        ("The UN Security Council condemned North Korea's missile test.", "UN Security Council", "IGOUNO"),
        ("The UN Security Council condemned North Korea's missile test.", "North Korea", "PRK"),
        ("Ukrainian troops advanced near Kyiv on Sunday.", "Kyiv", "UKR"),
        ("The White House said it would respond.", "White House", "USAGOV"),
    ],
)
def test_english_names(link, sentence, name, code):
    (e,) = _named(link(sentence, language="en").article.entities, name)
    assert e.actor.code == code


def test_english_adjective_is_mention_not_entity(link):
    doc = link("Ukrainian troops advanced near Kyiv on Sunday.", language="en")
    assert _mention(doc, "Ukrainian troops").actor.code == "UKRMIL"
    assert "Ukrainian" not in {e.text for e in doc.article.entities}


def test_linker_runs_without_the_ner_when_asked():
    pipe = Pipeline([Tokenize(), LinkActors(use_ner=False)], start=PREPARED)
    raw = RawDoc(name="<test>", text="Der Kreml wies den Vorwurf zurück, sagte Dmitri Peskow.", language="de")
    doc = pipe(Doc(prepare(raw)))
    assert {e.text for e in doc.article.entities} >= {"Kreml", "Dmitri Peskow"}


def test_a_broken_ner_model_is_an_error_not_a_fallback(monkeypatch):
    from lagebild.actors import linker

    def broken(doc):
        raise OSError("model.crfsuite: truncated")

    monkeypatch.setattr(linker, "find_entities", broken)
    pipe = Pipeline([Tokenize(), LinkActors()], start=PREPARED)
    raw = RawDoc(name="<test>", text="Der Kreml wies den Vorwurf zurück.", language="de")
    with pytest.raises(OSError, match="truncated"):
        pipe(Doc(prepare(raw)))


@pytest.mark.parametrize(
    ("sentence", "published", "mention", "actor_id"),
    [
        (
            "Der iranische Präsident kündigte Gespräche an.",
            "2023-03-13",
            "iranische Präsident",
            "EBRAHIM_RAISI",
        ),
        (
            "Der iranische Präsident kündigte Gespräche an.",
            "2025-03-13",
            "iranische Präsident",
            "MASOUD_PEZESHKIAN",
        ),
        (
            "Der russische Außenminister reiste nach Ankara.",
            "2023-03-13",
            "russische Außenminister",
            "SERGEY_LAVROV",
        ),
        ("Der US-Präsident telefonierte mit Kiew.", "2023-03-13", "US-Präsident", "JOE_BIDEN"),
    ],
)
def test_bare_role_resolves_to_the_office_holder_on_the_date(link, sentence, published, mention, actor_id):
    assert _mention(link(sentence, published=published), mention).actor.id == actor_id


def test_former_office_holder_is_not_the_incumbent(link):
    doc = link("Der ehemalige iranische Präsident kritisierte die Regierung.", published="2023-03-13")
    actor = _mention(doc, "ehemalige iranische Präsident").actor
    assert actor.id != "EBRAHIM_RAISI" and actor.code == "IRNELI"


@pytest.mark.parametrize(
    ("sentence", "language", "mention", "code"),
    [
        ("Die Präsidenten des Iran und Weißrusslands trafen sich in Minsk.", "de", "Weißrusslands", "BLRGOV"),
        (
            "Die Regierungen Frankreichs, Deutschlands und Italiens einigten sich.",
            "de",
            "Deutschlands",
            "DEUGOV",
        ),
        ("Die Regierungen Frankreichs, Deutschlands und Italiens einigten sich.", "de", "Italiens", "ITAGOV"),
        ("Die Präsidenten Russlands und der USA telefonierten.", "de", "USA", "USAGOV"),
        ("The presidents of Iran and Belarus met in Minsk.", "en", "Belarus", "BLRGOV"),
    ],
)
def test_a_role_carries_over_to_coordinated_complements(link, sentence, language, mention, code):
    doc = link(sentence, language=language, published="2023-03-13")
    assert _mention(doc, mention).actor.code == code
    # the name itself stays a plain named entity of the state
    assert {e.text: e.actor.code for e in doc.article.entities}[mention] == code[:3]


def test_coordinated_president_resolves_to_the_office_holder(link):
    doc = link("Die Präsidenten des Iran und Weißrusslands trafen sich in Minsk.", published="2023-03-13")
    assert _mention(doc, "Präsidenten des Iran").actor.id == "EBRAHIM_RAISI"
    assert _mention(doc, "Weißrusslands").actor.id == "ALEXANDER_LUKASHENKO"


@pytest.mark.parametrize(
    ("sentence", "language", "mention", "code"),
    [
        (
            "Der Außenminister Russlands und China kritisierten die USA.",
            "de",
            "China",
            "CHN",
        ),  # not a genitive
        ("Der Präsident des Iran und Putin trafen sich in Moskau.", "de", "Putin", "RUSGOV"),  # a person
        ("The President of Iran and Belarus signed the treaty.", "en", "Belarus", "BLR"),  # singular head
    ],
)
def test_a_separate_actor_after_a_role_is_not_given_the_role(link, sentence, language, mention, code):
    assert _mention(link(sentence, language=language, published="2023-03-13"), mention).actor.code == code


@pytest.mark.parametrize(
    ("sentence", "language", "place", "country"),
    [
        ("Russische Truppen griffen am Montag Charkiw an.", "de", "Charkiw", "UKR"),
        ("Die Verluste Awdijiwkas waren hoch.", "de", "Awdijiwkas", "UKR"),
        ("In Mogadischu explodierte eine Autobombe.", "de", "Mogadischu", "SOM"),
        ("Der Gipfel fand in Mailand statt.", "de", "Mailand", "ITA"),
        ("Die Polizei in Linz nahm drei Verdächtige fest.", "de", "Linz", "AUT"),  # not Leeds
        ("Russian troops shelled Kharkiv on Monday.", "en", "Kharkiv", "UKR"),
    ],
)
def test_a_city_stands_for_its_country(link, sentence, language, place, country):
    entity = {e.text: e for e in link(sentence, language=language).article.entities}[place]
    assert entity.type == "LOC"
    assert (
        entity.actor is not None and entity.actor.code == country and entity.actor.id.startswith("geonames:")
    )


def test_place_gazetteer_matches_spellings_not_lossy_keys():
    from lagebild.actors.places import place_actor

    assert place_actor("Kharkiv") == place_actor("Charkiw") == place_actor("Charkiws")
    assert place_actor("Sonne") is None  # a common noun, though some town's name shares its key
    assert place_actor("Peking").country == "CHN"


def test_an_english_adjective_left_in_german_text_is_a_mention_not_an_entity(link):
    doc = link("Er lobte, wie die [Iranian] Menschen dem äußeren Druck widerstehen.")
    assert _mention(doc, "Iranian").actor.code == "IRN"
    assert not any("Iranian" in e.text for e in doc.article.entities)
