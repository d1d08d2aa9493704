"""Event placement, the shipped coordinates and basemap, and `GET /events.geojson`."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lagebild.api.app import create_app
from lagebild.api.sample import content_hash, sample_articles
from lagebild.geo.locate import locate
from lagebild.geo.points import basemap, country_point, country_points, place_point
from lagebild.store import Store
from lagebild.store.write import write_articles


def _event(
    sentence: str, trigger: str, *, source: str | None = None, target_country=None, source_country=None
):
    ts = sentence.index(trigger)
    ev = {
        "article_id": "a",
        "sentence": sentence,
        "sentence_start": 0,
        "sentence_end": len(sentence),
        "trigger_start": ts,
        "trigger_end": ts + len(trigger),
        "target_country": target_country,
        "source_country": source_country,
        "source_start": None,
        "source_end": None,
    }
    if source:
        ev["source_start"] = sentence.index(source)
        ev["source_end"] = ev["source_start"] + len(source)
    return ev


def _entity(sentence: str, text: str, *, actor_id=None, name=None, code=None, country=None, etype="LOC"):
    s = sentence.index(text)
    return {
        "text": text,
        "start": s,
        "end": s + len(text),
        "type": etype,
        "actor_id": actor_id,
        "actor_name": name,
        "actor_code": code,
        "actor_country": country,
    }


def test_geo_a_place_named_in_the_sentence_wins():
    s = "Russische Truppen griffen in der Nacht Charkiw mit Drohnen an."
    where = locate(_event(s, "griffen", target_country="UKR"), [_entity(s, "Charkiw")])
    assert (where.precision, where.name) == ("place", "Kharkiv")
    assert 36 < where.lon < 37 and 49 < where.lat < 51
    assert (where.start, where.end) == (s.index("Charkiw"), s.index("Charkiw") + 7)


def test_geo_a_place_named_as_the_source_is_the_actor_not_the_location():
    s = "Moskau kritisierte die Regierung in Kiew scharf."
    ents = [
        _entity(s, "Moskau", actor_id="MOSCOW", name="Moskau", code="RUSGOV", country="RUS"),
        _entity(s, "Kiew", actor_id="KYIV", name="Kiew", code="UKRGOV", country="UKR"),
    ]
    where = locate(_event(s, "kritisierte", source="Moskau", target_country="UKR"), ents)
    assert (where.precision, where.name) == ("place", "Kyiv")


def test_geo_the_place_in_the_triggers_clause_beats_a_nearer_one_across_a_comma():
    s = "In Wien, wo die Konferenz tagte, unterzeichneten beide Seiten in Genf ein Abkommen."
    where = locate(_event(s, "unterzeichneten"), [_entity(s, "Wien"), _entity(s, "Genf")])
    assert where.name == "Geneva"


def test_geo_a_country_named_as_a_place_then_the_targets_country():
    s = "Firtasch wird von den USA Korruption bei Geschäften in Indien vorgeworfen."
    ents = [
        _entity(s, "USA", actor_id="USA", name="USA", code="USA", country="USA", etype="GPE"),
        _entity(s, "Indien", actor_id="IND", name="Indien", code="IND", country="IND", etype="GPE"),
    ]
    where = locate(_event(s, "vorgeworfen", source="USA", target_country="UKR"), ents)
    assert (where.precision, where.name) == ("country", "Indien")
    bare = locate(_event("Die Regierung kritisierte das Urteil.", "kritisierte", target_country="AUT"), [])
    assert (bare.precision, (bare.lon, bare.lat)) == ("target_country", country_point("AUT"))
    only_source = locate(
        _event("Die Regierung kritisierte das Urteil.", "kritisierte", source_country="HUN"), []
    )
    assert only_source.precision == "source_country"
    assert locate(_event("Es wurde kritisiert.", "kritisiert"), []) is None


@pytest.mark.parametrize(
    ("iso", "lon", "lat"),
    [
        ("HRV", (13, 19.5), (42, 46.6)),
        ("CHL", (-76, -66), (-56, -17)),
        ("MLT", (14, 15), (35.5, 36.2)),
        ("KSV", (20, 21.8), (41.8, 43.3)),
    ],
)
def test_geo_every_country_point_is_on_its_land(iso, lon, lat):
    x, y = country_point(iso)
    assert lon[0] < x < lon[1] and lat[0] < y < lat[1]


def test_geo_shipped_data_covers_the_knowledge_base_countries_and_names_its_source():
    world = basemap()
    assert "Natural Earth" in world["source"] and world["licence"] == "public domain"
    assert len(world["countries"]) >= 170 and len(country_points()) >= 245
    assert place_point("Mogadischu")[1] == "SOM"


@pytest.fixture(scope="module")
def client():
    store = Store(":memory:")
    write_articles(store, [(a, content_hash(a)) for a in sample_articles()], "test")
    with TestClient(create_app(store)) as c:
        yield c


def test_geo_events_geojson_is_a_feature_collection_with_event_fields(client):
    r = client.get("/events.geojson")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    doc = r.json()
    assert doc["type"] == "FeatureCollection" and doc["properties"]["unplaced"] == 0
    events = client.get("/events", params={"limit": 100}).json()
    assert len(doc["features"]) == events["total"]
    by_key = {(f["properties"]["article_id"], f["properties"]["idx"]): f for f in doc["features"]}
    empfing = by_key[("a-lukaschenko", 0)]  # "… empfing Alexander Lukaschenko in Teheran."
    assert empfing["properties"]["code"] == "043" and empfing["properties"]["location"]["name"] == "Tehran"
    lon, lat = empfing["geometry"]["coordinates"]
    assert 51 < lon < 52 and 35 < lat < 36
    assert all(f["geometry"]["type"] == "Point" for f in doc["features"])


def test_geo_events_geojson_takes_the_events_filters_and_merges_stories(client):
    doc = client.get("/events.geojson", params={"source": "belarus", "target": "iran"}).json()
    assert [f["properties"]["code"] for f in doc["features"]] == ["057", "057"]
    merged = client.get(
        "/events.geojson", params={"source": "belarus", "target": "iran", "merged": "true"}
    ).json()
    (story,) = merged["features"]
    assert story["properties"]["story_articles"] == 2
    assert client.get("/events.geojson", params={"quad": 9}).status_code == 422


def test_geo_basemap_and_names_routes(client):
    world = client.get("/basemap.json").json()
    assert {c["iso3"] for c in world["countries"]} >= {"DEU", "IRN", "UKR", "BLR"}
    names = client.get("/names", params=[("ids", "iran"), ("ids", "nope")]).json()["names"]
    assert names == {"iran": "Iran", "nope": None}
    names = client.get("/names", params=[("ids", "BLR"), ("ids", "XXX"), ("level", "country")]).json()[
        "names"
    ]
    assert names == {"BLR": "Belarus", "XXX": None}
