"""The story layer (migration 003): the same event reported by several articles is one story."""

from __future__ import annotations

import pytest

from lagebild.api.sample import _Builder, content_hash, sample_articles
from lagebild.store import Store
from lagebild.store import queries as Q
from lagebild.store import stories as S
from lagebild.store.write import write_articles


def _report(
    aid: str,
    text: str,
    trigger: str,
    code: str,
    source: tuple,
    target: tuple,
    day: str | None,
    published: str | None = None,
):
    b = _Builder(text)
    b.entity(source[0], "GPE", source[1]).entity(target[0], "GPE", target[1])
    b.event(code, trigger, source, target, day)
    return b.article(aid, language="de", title=text[:40], published=published or day or "", source="wire")


# Short reports in the style of agency copy (written for these tests): Russia attacks Ukraine on several days.
ATTACKS = [
    ("r1", "Russland griff die Ukraine am Montag mit Raketen an.", "griff", "190", "2023-04-03"),
    (
        "r2",
        "Russland bombardierte die Ukraine in der Nacht zum Dienstag.",
        "bombardierte",
        "195",
        "2023-04-04",
    ),
    ("r3", "Russland griff die Ukraine am Donnerstag erneut an.", "griff", "190", "2023-04-06"),
    ("r4", "Russland drohte der Ukraine mit weiteren Angriffen.", "drohte", "138", "2023-04-06"),
]


@pytest.fixture(scope="module")
def con():
    arts = [
        _report(aid, t, trig, code, ("Russland", "russia"), ("Ukraine", "ukraine"), day)
        for aid, t, trig, code, day in ATTACKS
    ]
    undated = "Russland griff die Ukraine erneut an. Russland griff die Ukraine auch im Osten an."
    b = _Builder(undated)
    b.entity("Russland", "GPE", "russia").entity("Ukraine", "GPE", "ukraine")
    b.event("190", "griff", ("Russland", "russia"), ("Ukraine", "ukraine"), None)
    b.event("190", "griff", ("Russland", "russia", 1), ("Ukraine", "ukraine", 1), None, nth=1)
    arts.append(b.article("u1", language="de", title="undatiert", published="", source="wire"))
    arts.append(
        _report(
            "u2",
            "Russland griff die Ukraine an.",
            "griff",
            "190",
            ("Russland", "russia"),
            ("Ukraine", "ukraine"),
            None,
        )
    )
    for a in arts:
        a.published = a.published or None
    store = Store(":memory:")
    write_articles(store, [(a, content_hash(a)) for a in [*arts, *sample_articles()]], "test")
    cur = store.con.cursor()
    yield cur
    cur.close()
    store.close()


def _attack_stories(con):
    page = S.list_stories(con, Q.EventFilter(source="russia", target="ukraine", root="19"), sort="date_asc")
    return page["items"]


def test_stories_chain_reports_a_day_apart_and_split_at_a_gap(con):
    dated = [s for s in _attack_stories(con) if s["day"]]
    # 3 and 4 April agree (a day apart, both root 19: 190 and 195); 6 April is two days later; the sample's
    # own 2 April attack is a day before the 3rd, so it joins the first story
    assert [(s["first_day"], s["last_day"], s["num_articles"]) for s in dated] == [
        ("2023-04-02", "2023-04-04", 3),
        ("2023-04-06", "2023-04-06", 1),
    ]
    assert dated[0]["article_ids"] == ["a-ukraine", "r1", "r2"]
    assert dated[0]["code"] == "190" and dated[0]["codes"] == ["190", "195"]  # the code most reports give


def test_stories_another_code_family_is_another_story(con):
    threats = S.list_stories(con, Q.EventFilter(source="russia", target="ukraine", root="13"))["items"]
    assert [(s["day"], s["code"], s["article_ids"]) for s in threats] == [("2023-04-06", "138", ["r4"])]


def test_stories_undated_reports_stay_apart_across_articles(con):
    undated = [s for s in _attack_stories(con) if s["day"] is None]
    assert sorted((s["article_ids"], s["num_mentions"]) for s in undated) == [(["u1"], 2), (["u2"], 1)]


def test_stories_lead_is_the_first_report_with_its_evidence(con):
    first = _attack_stories(con)[0]
    assert (first["lead_article_id"], first["trigger_text"]) == ("a-ukraine", "griff")
    assert first["sentence"].startswith("Russland griff die Ukraine erneut mit Raketen an")


def test_stories_mentions_carry_their_story(con):
    rows = S.list_event_mentions(con, Q.EventFilter(article="r2"), order="idx", limit=10, offset=0)["items"]
    (row,) = rows
    assert row["story_articles"] == 3
    story = S.get_story(con, row["story_id"])
    assert [m["article_id"] for m in story["mentions"]] == ["a-ukraine", "r1", "r2"]
    negated = S.list_event_mentions(con, Q.EventFilter(source="china"), order="idx", limit=10, offset=0)[
        "items"
    ]
    assert [(r["negated"], r["story_id"]) for r in negated] == [(True, None)]


def test_stories_filter_keeps_a_story_when_one_mention_matches(con):
    (story,) = S.list_stories(con, Q.EventFilter(article="r1"))["items"]
    assert story["num_articles"] == 3  # the whole story's counts, not the matching mention's


def test_stories_volume_counts_mentions_or_stories_per_period(con):
    f = Q.EventFilter(source="russia", target="ukraine")
    mentions = S.volume(con, f, period="day")
    assert mentions["undated"] == 3 and mentions["total"] == 8
    assert {p["period"]: p["q4"] for p in mentions["series"]} == {
        "2023-04-02": 1,
        "2023-04-03": 1,
        "2023-04-04": 1,
        "2023-04-06": 1,
    }
    merged = S.volume(con, f, period="day", merged=True)
    assert {p["period"]: (p["q3"], p["q4"]) for p in merged["series"]} == {
        "2023-04-02": (0, 1),
        "2023-04-06": (1, 1),
    }
    assert merged["undated"] == 2
    assert S.volume(con, f)["period"] == "day"  # four days: day bars


def test_stories_export_has_story_columns(con):
    table = Q.events_table(con, Q.EventFilter(article="r1"), limit=10)
    row = table.to_pylist()[0]
    assert row["story_articles"] == 3 and len(row["story_id"]) == 16


def test_stories_queries_survive_a_new_events_column(tmp_path):
    """Events gain columns over time (date_precision did): the views and queries name their columns."""
    store = Store(tmp_path / "s.duckdb")
    write_articles(store, [(a, content_hash(a)) for a in sample_articles()], "test")
    store.con.execute("ALTER TABLE events ADD COLUMN future_column VARCHAR")
    cur = store.con.cursor()
    assert S.list_stories(cur, Q.EventFilter())["total"] > 0
    assert S.list_event_mentions(cur, Q.EventFilter(), order="idx", limit=5, offset=0)["items"]
    assert Q.network(cur, Q.EventFilter())["edges"]
    store.close()


def _attack(aid: str, day: str, code: str = "190"):
    return _report(
        aid,
        f"Russland griff die Ukraine am {day} an.",
        "griff",
        code,
        ("Russland", "russia"),
        ("Ukraine", "ukraine"),
        day,
    )


def _stored(store) -> list[tuple]:
    return store.query("SELECT first_day, last_day, article_ids FROM stories ORDER BY first_day")


def test_stories_are_kept_current_batch_by_batch():
    """The writer refreshes the stories of the groups a batch touches: a later report can bridge two stories,
    a replaced article leaves its story, and the stored stories always equal a recomputation."""
    store = Store(":memory:")
    write_articles(
        store, [(a, content_hash(a)) for a in (_attack("d3", "2023-04-03"), _attack("d5", "2023-04-05"))], "t"
    )
    assert [s["article_ids"] for s in _stored(store)] == [["d3"], ["d5"]]
    write_articles(store, [(a, content_hash(a)) for a in [_attack("d4", "2023-04-04")]], "t")  # bridges them
    assert [s["article_ids"] for s in _stored(store)] == [["d3", "d4", "d5"]]
    moved = _attack("d4", "2023-04-20")
    moved.text += " "  # a changed article is replaced
    write_articles(store, [(moved, content_hash(moved))], "t")
    assert [s["article_ids"] for s in _stored(store)] == [["d3"], ["d5"], ["d4"]]
    live = store.query("SELECT article_id, idx, story_id FROM story_members_live ORDER BY 1, 2")
    kept = store.query("SELECT article_id, idx, story_id FROM story_members ORDER BY 1, 2")
    assert kept == live
    facts = "SELECT story_id, code, first_day, last_day, num_mentions, num_articles, lead_article_id FROM {} ORDER BY 1"
    assert store.query(facts.format("story_facts")) == store.query(facts.format("story_facts_live"))
    store.close()
