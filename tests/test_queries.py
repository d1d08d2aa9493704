"""Aggregation in the store (views from migration 002) over hand-built article records."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.api.sample import content_hash, sample_articles
from lagebild.store import Store
from lagebild.store import queries as Q
from lagebild.store.migrations import MIGRATIONS
from lagebild.store.write import write_articles


@pytest.fixture(scope="module")
def con():
    store = Store(":memory:")
    write_articles(store, [(a, content_hash(a)) for a in sample_articles()], "test")
    cur = store.con.cursor()
    yield cur
    cur.close()
    store.close()


def test_queries_unique_events_merge_the_same_event_reported_by_two_articles(con):
    page = Q.list_unique_events(con, Q.EventFilter(source="belarus", target="iran", code="057"))
    assert page["total"] == 1
    ev = page["items"][0]
    assert (ev["num_mentions"], ev["num_articles"]) == (2, 2)
    assert ev["article_ids"] == ["a-lukaschenko", "a-roadmap-en"]
    assert ev["day"] == "2023-03-13"


def test_queries_negated_events_are_listed_but_not_aggregated(con):
    listed = Q.list_events(con, Q.EventFilter(source="china"))
    assert [e["negated"] for e in listed["items"]] == [True]
    assert Q.list_unique_events(con, Q.EventFilter(source="china"))["total"] == 0
    assert Q.list_dyads(con, Q.EventFilter(actor="china"))["total"] == 0


@pytest.mark.parametrize(
    ("code", "quad"),
    [("043", 1), ("057", 1), ("060", 2), ("061", 2), ("111", 3), ("120", 3), ("190", 4), ("195", 4)],
)
def test_queries_quad_class_comes_from_the_cameo_root(con, code, quad):
    rows = Q.list_events(con, Q.EventFilter(code=code))["items"]
    assert rows and {r["quad_class"] for r in rows} == {quad}


def test_queries_actor_counts_mentions_across_articles(con):
    iran = next(a for a in Q.list_actors(con)["items"] if a["id"] == "iran")
    expected = sum(1 for a in sample_articles() for e in a.entities if e.actor and e.actor.id == "iran")
    articles = {a.id for a in sample_articles() for e in a.entities if e.actor and e.actor.id == "iran"}
    assert iran["mentions"] == expected
    assert iran["articles"] == len(articles)


def test_queries_actor_profile_has_both_sides_and_roles(con):
    p = Q.actor_profile(con, "alexander-lukaschenko")
    assert [e["code"] for e in p["events_as_source"]] == ["051"]
    assert [e["code"] for e in p["events_as_target"]] == ["043"]
    assert {r["role"] for r in p["roles"]} == {"Präsident", "President"}
    assert {n["text"] for n in p["names"]} == {"Alexander Lukaschenko", "Alexander Lukashenko"}
    assert Q.actor_profile(con, "nobody") is None


def test_queries_quotes_per_speaker_join_the_linked_actor(con):
    speakers = {s["speaker"]: s for s in Q.list_speakers(con)["items"]}
    assert speakers["Sergei Rjabkow"]["quotes"] == 3  # "Rjabkow", "Sergei Rjabkow" and "Sergei Ryabkov"
    assert speakers["Sergei Rjabkow"]["articles"] == 2
    assert (speakers["Ebrahim Raisi"]["direct"], speakers["Alexander Lukaschenko"]["indirect"]) == (1, 1)


@pytest.mark.parametrize(
    ("period", "expected"),
    [("day", ["2025-06-23"]), ("week", ["2025-06-23"]), ("month", ["2025-06-01"])],
)
def test_queries_dyad_timeline_groups_by_period(con, period, expected):
    # Russia -> Iran cooperates on 23 June (060) and agrees on economic cooperation on 24 June (061): one
    # story (same dyad, root 06, a day apart), counted on its first day, with both mentions
    t = Q.dyad_timeline(con, "russia", "iran", period=period)
    assert [p["period"] for p in t["series"]] == expected
    assert sum(p["events"] for p in t["series"]) == 1
    assert sum(p["mentions"] for p in t["series"]) == 2
    assert sum(p["q2"] for p in t["series"]) == 1  # material cooperation (roots 06)


def test_queries_dyad_timeline_mean_goldstein_per_period(con):
    (month,) = Q.dyad_timeline(con, "russia", "iran", period="month")["series"]
    assert month["goldstein"] == pytest.approx((6.0 + 6.4) / 2)


@pytest.mark.parametrize(("directed", "events"), [(True, 1), (False, 2)])
def test_queries_dyad_timeline_direction(con, directed, events):
    t = Q.dyad_timeline(con, "ukraine", "russia", directed=directed)
    assert sum(p["events"] for p in t["series"]) == events


def test_queries_dyad_timeline_refuses_unknown_period(con):
    with pytest.raises(ValueError):
        Q.dyad_timeline(con, "russia", "iran", period="year; DROP TABLE events")


def test_queries_network_edges_touch_the_filtered_actor(con):
    net = Q.network(con, Q.EventFilter(actor="russia"))
    assert net["edges"]
    assert all("russia" in (e["source"], e["target"]) for e in net["edges"])
    assert {n["id"] for n in net["nodes"]} == {e["source"] for e in net["edges"]} | {
        e["target"] for e in net["edges"]
    }


@pytest.mark.parametrize(
    ("f", "count"),
    [
        (Q.EventFilter(date_from=date(2025, 1, 1)), 5),
        (Q.EventFilter(date_to=date(2023, 3, 13)), 5),
        (Q.EventFilter(plover="support"), 3),
        (Q.EventFilter(root="19"), 2),
        (Q.EventFilter(q="FAHRPLAN"), 1),
        (Q.EventFilter(q="50%' OR '1'='1"), 0),
        (Q.EventFilter(article="a-ukraine"), 3),
    ],
)
def test_queries_event_filters(con, f, count):
    assert Q.list_events(con, f)["total"] == count


def test_queries_summary_still_works():
    store = Store(":memory:")
    write_articles(store, [(a, content_hash(a)) for a in sample_articles()], "test")
    s = Q.summary(store)
    assert s["articles"] == 5 and s["top_actors"][0]["name"] == "Iran"


def test_queries_views_migration_is_recorded_once(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with Store(path) as store:
        names = [r["name"] for r in store.query("SELECT name FROM schema_migrations ORDER BY name")]
        assert names == [name for name, _ in MIGRATIONS]
        assert store.query("SELECT count(*) AS n FROM unique_events")[0]["n"] == 0


def test_queries_country_level_merges_a_countrys_actors(con):
    net = Q.network(con, Q.EventFilter(level="country"))
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("BLR", "IRN")]["weight"] == 2  # Belarus→Iran (057) and Lukaschenko→Iran (051)
    assert edges[("IRN", "BLR")]["weight"] == 1  # Raisi hosts Lukaschenko (043)
    assert all(s != t for s, t in edges)  # Rjabkow → Russia's own events would be loops: none drawn
    names = {n["id"]: n["name"] for n in net["nodes"]}
    assert names["BLR"] == "Belarus" and names["RUS"] == "Russland"


def test_queries_country_level_timeline_and_filters(con):
    t = Q.dyad_timeline(con, "BLR", "IRN", level="country")
    assert sum(p["events"] for p in t["series"]) == 3
    assert {(d["source"], d["target"]) for d in t["directions"]} == {("BLR", "IRN"), ("IRN", "BLR")}
    blr = [
        e
        for a in sample_articles()
        for e in a.events
        if "BLR" in (e.source.actor.country, e.target.actor.country)
    ]  # type: ignore[union-attr]
    assert Q.list_events(con, Q.EventFilter(actor="BLR", level="country"))["total"] == len(blr) == 4
    assert Q.list_quotes(con, country="RUS")["total"] == 3
    assert {a["id"] for a in Q.list_articles(con, country="BLR")["items"]} == {
        "a-lukaschenko",
        "a-roadmap-en",
    }


@pytest.mark.parametrize(
    ("dyad", "quotes", "articles"),
    [
        (Q.Dyad(), 5, 5),  # no side given: no condition at all
        (Q.Dyad(level="country"), 5, 5),
        (Q.Dyad(source="sergei-rjabkow", target="usa"), 2, 1),
        (Q.Dyad(source="usa", target="sergei-rjabkow", undirected=True), 2, 1),  # either side speaks
        (Q.Dyad(source="usa", target="sergei-rjabkow"), 0, 0),
        (Q.Dyad(source="RUS", target="IRN", level="country"), 3, 2),
        (Q.Dyad(source="iran' OR '1'='1", target="usa"), 0, 0),  # values are parameters
    ],
)
def test_queries_dyad_keeps_quotes_and_articles_of_the_dyad(con, dyad, quotes, articles):
    assert Q.list_quotes(con, dyad=dyad)["total"] == quotes
    assert Q.list_articles(con, dyad=dyad)["total"] == articles


def test_queries_dyad_uses_the_event_conditions_of_events(con):
    """The dyad is matched by `_event_where`, the code `/events` uses: same articles as the event mentions."""
    for level, (a, b) in (("actor", ("belarus", "iran")), ("country", ("BLR", "IRN"))):
        for undirected in (False, True):
            f = Q.EventFilter(source=b, target=a, undirected=undirected, level=level)
            events = {e["article_id"] for e in Q.list_events(con, f, limit=500)["items"]}
            dyad = Q.Dyad(source=b, target=a, undirected=undirected, level=level)
            assert {r["id"] for r in Q.list_articles(con, dyad=dyad, limit=500)["items"]} == events
