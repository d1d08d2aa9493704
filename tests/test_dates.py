"""Dates in the text: finding and resolving date expressions against the article's date, their relation
to the words around them, the date of an event's clause, and the precision in records and store."""

from __future__ import annotations

import dateparser
import pytest
from eval.baseline import check, explain
from eval.dates_eval import load_cases, score
from eval.gate import failures
from tests.conftest import SHARED

from lagebild.dates import date_for_span, expand_pattern, find_dates, lexicon, normalize_date, resolve_date
from lagebild.lang import get_language
from lagebild.records import DateMention, Sentence

# The bar of issue 14: "resolved with accuracy >= 0.95". The figures themselves (0.968 on all rows, blind
# 0.922 and 0.911 before: docs/dates.md) are held in eval/baseline.json, suites dates_cases (with ../shared)
# and dates_cases_own (the rows quoted in the file); the tests below compare with them.
BAR = 0.95
WITH_SHARED = (SHARED / "data").is_dir()


@pytest.fixture(scope="module")
def cases():
    loaded, _, _ = load_cases(shared=SHARED if WITH_SHARED else None)
    return loaded


def _pattern_rows():
    return [(code, row) for code in ("de", "en") for row in get_language(code).read_tsv("dates_patterns.tsv")]


def _one(text: str, language: str, anchor: str | None) -> DateMention:
    found = find_dates(text, language, anchor)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- the data files


@pytest.mark.parametrize("code, row", _pattern_rows(), ids=lambda x: x["id"] if isinstance(x, dict) else x)
def test_dates_every_pattern_resolves_its_example(code, row):
    found = [d for d in find_dates(row["example"], code, row["anchor"]) if d.text == row["match"]]
    assert found, f"{row['id']}: {row['match']!r} not found in {row['example']!r}"
    d = found[0]
    assert d.rule == row["id"]
    assert (d.date, d.precision, d.last or "") == (row["value"], row["precision"], row["last"])


def test_dates_bad_placeholder_is_named():
    with pytest.raises(ValueError, match=r"dates_patterns.tsv: unknown placeholder \{monthz\}"):
        expand_pattern(r"\bim\s+{monthz}", lexicon("de").words, "lang/de/dates_patterns.tsv")


def test_dates_month_tables_agree_with_dateparser():
    """Every month word with a full date around it resolves as dateparser reads the same string."""
    for code, form in (("de", "3. {} 2016"), ("en", "{} 3, 2016")):
        for word, number in lexicon(code).words["month"].items():
            text = form.format(word.title())
            ours = resolve_date(text, None, code)
            theirs = dateparser.parse(text, languages=[code], settings={"STRICT_PARSING": True})
            assert ours == f"2016-{int(number):02d}-03", text
            if theirs is not None:  # dateparser does not know every abbreviation ("Sept.")
                assert theirs.date().isoformat() == ours, text


def test_dates_a_rule_runs_wherever_it_would_match(cases):
    """`needs` in dates_patterns.tsv is a claim about every match; a false claim would silently skip
    the rule. Every match of every rule on the test sentences must come from a rule the gate lets run."""
    texts = [(c.language, c.sentence) for c in cases] + [
        (code, row["example"]) for code, row in _pattern_rows()
    ]
    for code, text in texts:
        lex = lexicon(code)
        allowed = {rule.id for rule in lex.rules_for(text)}
        for rule in lex.rules:
            if rule.regex.search(text):
                assert rule.id in allowed, (rule.id, text)


# ---------------------------------------------------------------- resolution, by kind


@pytest.mark.parametrize(
    "expression, anchor, expected",
    [
        ("Am 8. April 2025", None, ("2025-04-08", "day", None)),
        ("am 21. August", "2025-06-23", ("2025-08-21", "day", None)),  # the closest such day
        ("am 21. Dezember", "2025-01-05", ("2024-12-21", "day", None)),
        ("am Montag", "2023-03-13", ("2023-03-13", "day", None)),  # the anchor is a Monday: that day
        ("Sonntagabend", "2023-03-13", ("2023-03-12", "day", None)),
        ("vergangenen Montag", "2023-03-13", ("2023-03-06", "day", None)),
        ("kommenden Freitag", "2023-03-13", ("2023-03-17", "day", None)),
        ("die für Mittwoch geplante Kundgebung", "2023-03-14", ("2023-03-15", "day", None)),
        ("vorgestern", "2023-03-13", ("2023-03-11", "day", None)),
        ("vergangene Woche", "2023-03-15", ("2023-03-06", "day", "2023-03-12")),
        ("vor drei Tagen", "2023-03-13", ("2023-03-10", "day", None)),
        ("vor zwei Monaten", "2023-03-13", ("2023-01-01", "month", None)),
        ("vor zweieinhalb Jahren", "2023-03-13", ("2020-01-01", "year", None)),
        ("im März", "2023-06-10", ("2023-03-01", "month", None)),
        ("im Dezember", "2023-01-10", ("2022-12-01", "month", None)),  # closest: last December
        ("im vergangenen März", "2023-03-13", ("2022-03-01", "month", None)),  # this March is not over
        ("Anfang August", "2023-09-20", ("2023-08-01", "month", None)),  # the phase does not narrow
        ("Ende 2008", None, ("2008-01-01", "year", None)),
        ("im vergangenen Jahr", "2023-03-13", ("2022-01-01", "year", None)),
        ("Im Juni vergangenen Jahres", "2023-03-13", ("2022-06-01", "month", None)),
        ("im Winter 2014/15", None, ("2014-12-01", "month", "2015-02-28")),
        ("im Herbst", "2023-01-20", ("2022-09-01", "month", "2022-11-30")),
        ("vom 3. bis 5. Mai", "2023-04-20", ("2023-05-03", "day", "2023-05-05")),
        ("von Dezember bis Februar 2009", None, ("2008-12-01", "month", "2009-02-28")),
        ("in den 90er Jahren", "2023-03-13", ("1990-01-01", "year", "1999-12-31")),
        ("im dritten Quartal", "2023-03-13", ("2023-07-01", "month", "2023-09-30")),
        ("im Vorjahr", "2023-03-13", ("2022-01-01", "year", None)),
        ("am 3.5.", "2023-03-13", ("2023-05-03", "day", None)),
        ("Der Vertrag vom 03.04.22 gilt.", "2023-03-13", ("2022-04-03", "day", None)),
    ],
)
def test_dates_resolve_german(expression, anchor, expected):
    d = _one(expression, "de", anchor)
    assert (d.date, d.precision, d.last) == expected


@pytest.mark.parametrize(
    "expression, anchor, expected",
    [
        ("on Monday", "2023-03-15", ("2023-03-13", "day", None)),
        ("April 8, 2025", None, ("2025-04-08", "day", None)),
        ("8 April 2025", None, ("2025-04-08", "day", None)),
        ("last August 21", "2023-03-15", ("2022-08-21", "day", None)),
        ("two days ago", "2023-03-13", ("2023-03-11", "day", None)),
        ("last March", "2023-03-15", ("2022-03-01", "month", None)),
        ("in early August", "2023-09-20", ("2023-08-01", "month", None)),
        ("the week before.", "2023-03-15", ("2023-03-06", "day", "2023-03-12")),
        ("in 2008", None, ("2008-01-01", "year", None)),
        ("earlier this month", "2023-03-15", ("2023-03-01", "month", None)),
        ("late last year", "2023-03-15", ("2022-01-01", "year", None)),
        ("in the summer of 2014", None, ("2014-06-01", "month", "2014-08-31")),
        ("from March to May 2008", None, ("2008-03-01", "month", "2008-05-31")),
        ("in the 1990s", None, ("1990-01-01", "year", "1999-12-31")),
        ("03/14/2023", None, ("2023-03-14", "day", None)),
        ("three decades ago", "2023-03-15", ("1993-01-01", "year", None)),
    ],
)
def test_dates_resolve_english(expression, anchor, expected):
    d = _one(expression, "en", anchor)
    assert (d.date, d.precision, d.last) == expected


@pytest.mark.parametrize(
    "text, language",
    [
        ("Bei dem Erdbeben gab es 2008 Tote.", "de"),
        ("Ermittelt wird nach Paragraf 129.", "de"),
        ("Die G20 trafen sich in Rom.", "de"),
        ("Die Sitzung beginnt um 20.15 Uhr.", "de"),
        ("Die 42-Jährige wurde festgenommen.", "de"),
        ("Rund 12.000 Menschen demonstrierten.", "de"),
        ("Er ist seit 20 Jahren im Amt.", "de"),
        ("Global 2000 fordert den Ausstieg.", "de"),
        ("Der Markt hat jeden Montag geöffnet.", "de"),
        ("Some 2000 people were killed.", "en"),
        ("Troops may march on the capital.", "en"),
        ("The market opens every Friday.", "en"),
        ("The meeting starts at 9:30 a.m.", "en"),
    ],
)
def test_dates_non_dates_do_not_resolve(text, language):
    assert [d for d in find_dates(text, language, "2023-03-15") if d.date] == []


def test_dates_without_anchor_keep_the_words():
    d = _one("am späten Sonntag", "de", None)
    assert (d.text, d.date, d.precision) == ("am späten Sonntag", None, None)
    assert resolve_date("im März", None, "de") is None


def test_dates_find_keeps_words_and_offsets():
    text = "Lukaschenko traf am späten Sonntag ein; am Montag begann das Treffen."
    found = find_dates(text, "de", "2023-03-13", offset=100)
    assert [(d.text, d.date) for d in found] == [
        ("am späten Sonntag", "2023-03-12"),
        ("am Montag", "2023-03-13"),
    ]
    assert found[0].start == 100 + text.index("am späten")
    assert found[0].end - found[0].start == len("am späten Sonntag")


def test_dates_morning_is_not_tomorrow():
    found = find_dates("Er kam heute morgen an, am Morgen danach reiste er ab.", "de", "2023-03-13")
    assert [(d.text, d.date) for d in found] == [("heute morgen", "2023-03-13")]


def test_dates_normalize_publication_date():
    assert normalize_date("2025-06-23T10:00:00") == "2025-06-23"
    assert normalize_date("23. Juni 2025") == "2025-06-23"
    assert normalize_date("2025-02-30") is None
    assert normalize_date("") is None


# ---------------------------------------------------------------- accuracy on real sentences


def test_dates_accuracy_holds_the_baseline():
    """Rows from ../shared are skipped when it is absent; then the suite of the rows quoted in the file."""
    now, rows = check("dates_cases" if WITH_SHARED else "dates_cases_own")
    assert not failures(rows), explain(rows)
    assert now["size"]["rows"] >= 100 and now["figures"]["accuracy"] >= BAR
    assert now["figures"]["non_date_acc"] >= BAR  # what is not a date must not resolve


def test_dates_test_set_covers_every_kind(cases):
    kinds = score(cases)["kind"]
    assert {
        "day",
        "month",
        "year",
        "season",
        "phase",
        "period",
        "ago",
        "range",
        "weekday",
        "negative",
    } <= set(kinds)


def test_dates_test_set_is_large_and_covers_both_languages(cases):
    if len(cases) < 400:
        pytest.skip("../shared is absent: the corpus rows are not available")
    assert sum(c.language == "en" for c in cases) >= 100
    assert sum(c.language == "de" for c in cases) >= 250
    assert sum(c.value is None for c in cases) >= 50


# ---------------------------------------------------------------- relation and the date of a clause


@pytest.mark.parametrize(
    "text, language, words, relation",
    [
        ("Nach dem AKP-Wahlsieg vom Sonntag kündigte er Reformen an.", "de", "Sonntag", "attribute"),
        ("Das Abkommen von 2015 sieht Kontrollen vor.", "de", "2015", "attribute"),
        ("Die Frist endet vor dem 3. Mai.", "de", "3. Mai", "bound"),
        ("Die Polizei nahm ihn am Sonntag fest.", "de", "am Sonntag", None),
        ("The ruling party won Sunday's election.", "en", "Sunday", "attribute"),
        ("Talks will continue until March.", "en", "March", "bound"),
        ("The elections of 2008 were disputed.", "en", "2008", "attribute"),
    ],
)
def test_dates_relation_to_the_words_around(text, language, words, relation):
    d = _one(text, language, "2015-11-03")
    assert (d.text, d.relation) == (words, relation)


def _clause(text: str, clause: str) -> tuple[int, int]:
    start = text.index(clause)
    return start, start + len(clause)


def test_date_for_span_takes_the_clause_date():
    text = "Nach dem AKP-Wahlsieg vom Sonntag kündigte Erdoğan am Dienstag Reformen an."
    dates = find_dates(text, "de", "2015-11-04")
    d = date_for_span(
        dates, *_clause(text, "kündigte Erdoğan am Dienstag Reformen an"), Sentence(0, len(text))
    )
    assert (d.text, d.date) == ("am Dienstag", "2015-11-03")


def test_date_for_span_skips_a_date_that_hangs_on_a_noun():
    text = "Nach dem AKP-Wahlsieg vom Sonntag kündigte Erdoğan Reformen an."
    dates = find_dates(text, "de", "2015-11-04")
    sentence = Sentence(0, len(text))
    assert date_for_span(dates, 0, len(text), sentence) is None  # even inside the clause
    assert date_for_span(dates, *_clause(text, "kündigte Erdoğan Reformen an"), sentence) is None


def test_date_for_span_falls_back_to_the_one_date_of_the_sentence():
    text = "Am Montag teilte die Regierung mit, dass die Armee die Stadt eingenommen habe."
    dates = find_dates(text, "de", "2023-03-15")
    sentence = Sentence(0, len(text))
    clause = _clause(text, "dass die Armee die Stadt eingenommen habe")
    assert date_for_span(dates, *clause, sentence).date == "2023-03-13"
    # ... unless the date lies in another clause that has an event of its own
    other = _clause(text, "Am Montag teilte die Regierung mit")
    assert date_for_span(dates, *clause, sentence, others=[other]) is None


def test_date_for_span_does_not_guess_between_two_dates():
    text = "Nachdem die Rebellen am Montag angegriffen hatten, verhängte die EU am Mittwoch Sanktionen."
    dates = find_dates(text, "de", "2023-03-15")
    sentence = Sentence(0, len(text))
    assert date_for_span(dates, *_clause(text, "verhängte die EU"), sentence) is None
    clause = _clause(text, "verhängte die EU am Mittwoch Sanktionen")
    assert date_for_span(dates, *clause, sentence).date == "2023-03-15"


def test_date_for_span_prefers_a_resolved_date():
    text = "Am Montag, dem 3. Mai, wurde gewählt."
    dates = [DateMention(0, 9, "Am Montag", None), DateMention(11, 24, "dem 3. Mai", "2021-05-03", "day")]
    assert date_for_span(dates, 0, len(text), Sentence(0, len(text))).date == "2021-05-03"


# ---------------------------------------------------------------- events, records and the store


def test_event_carries_the_precision_of_its_date():
    from eval.events_gold import Case, build_doc, parse_markup

    from lagebild.events.coder import code_events

    text, spans = parse_markup("Im März 2008 unterzeichneten [Russland|RUS] und [Iran|IRN] ein Abkommen.")
    events = [c.event for c in code_events(build_doc(Case("t", text, spans, published="2016-03-15")))]
    assert events and {(e.date, e.date_text, e.date_precision) for e in events} == {
        ("2008-03-01", "Im März 2008", "month")
    }


def test_date_precision_round_trips_through_the_record_and_the_store(tmp_path):
    import duckdb

    from lagebild.records import Article
    from lagebild.store import Store
    from lagebild.store.migrations import migrate
    from lagebild.store.write import write_articles

    text = "Im März 2008 unterzeichneten Russland und Iran in Moskau ein Abkommen über Zusammenarbeit."
    import lagebild

    article = lagebild.analyze(text, language="de", published="2016-03-15")
    assert any(e.date_precision == "month" for e in article.events)
    old = article.to_dict()
    for e in old["events"]:
        del e["date_precision"]  # a record stored before the field existed still loads
    assert all(e.date_precision is None for e in Article.from_dict(old).events)

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))  # a store made before migration 003: no date_precision column
    migrate(con)
    con.execute("ALTER TABLE events DROP COLUMN date_precision")
    con.execute("DELETE FROM schema_migrations WHERE name = '004_date_precision'")
    con.close()
    with Store(db) as store:
        write_articles(store, [(article, "h")], "v")
        rows = store.query("SELECT date, date_precision FROM event_facts")
    assert rows and {(str(r["date"]), r["date_precision"]) for r in rows} == {("2008-03-01", "month")}


def test_dates_yesterday_across_a_leap_day():
    assert _one("gestern", "de", "2024-03-01").date == "2024-02-29"
