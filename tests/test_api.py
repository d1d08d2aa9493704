"""The HTTP API over a store seeded with hand-built records (FastAPI TestClient, no network)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from lagebild.api.app import _is_loopback, create_app
from lagebild.api.sample import content_hash, sample_articles
from lagebild.resources import data_path
from lagebild.store import Store
from lagebild.store.write import write_articles

ARTICLES = sample_articles()
EVENTS = [(a.id, i, e) for a in ARTICLES for i, e in enumerate(a.events)]


def seeded_store() -> Store:
    store = Store(":memory:")
    write_articles(store, [(a, content_hash(a)) for a in ARTICLES], "test")
    return store


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(seeded_store())) as c:
        yield c


def _actor(m):
    return m.actor.id if m and m.actor else None


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/health", "status"),
        ("/stats", "unique_events"),
        ("/articles", "items"),
        ("/articles/a-rjabkow", "text"),
        ("/actors", "items"),
        ("/actors/iran", "counts"),
        ("/events", "items"),
        ("/events/unique", "items"),
        ("/quotes", "items"),
        ("/quotes/speakers", "items"),
        ("/dyads", "items"),
        ("/dyads/belarus/iran/timeline", "series"),
        ("/network", "edges"),
        ("/openapi.json", "paths"),
    ],
)
def test_api_endpoint_answers(client, path, key):
    """Every read endpoint answers on the seeded store (the write endpoints have their own tests)."""
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert key in r.json()


def test_api_article_record_offsets_point_into_its_text(client):
    rec = client.get("/articles/a-lukaschenko").json()
    assert rec["title"].startswith("Lukaschenko umwirbt")
    for ent in rec["entities"]:
        assert rec["text"][ent["start"] : ent["end"]] == ent["text"]
    for ev in rec["events"]:
        assert rec["text"][ev["trigger"]["start"] : ev["trigger"]["end"]] == ev["trigger"]["text"]
    assert rec["stored"]["pipeline_version"] == "test"


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"actor": "iran"}, lambda e: "iran" in (_actor(e.source), _actor(e.target))),
        (
            {"source": "usa", "target": "iran"},
            lambda e: (_actor(e.source), _actor(e.target)) == ("usa", "iran"),
        ),
        (
            {"source": "iran", "target": "usa", "undirected": "true"},
            lambda e: {_actor(e.source), _actor(e.target)} == {"iran", "usa"},
        ),
        ({"code": "05"}, lambda e: e.code.startswith("05")),
        ({"root": "11"}, lambda e: e.root == "11"),
        ({"plover": "ASSAULT"}, lambda e: e.plover == "ASSAULT"),
        ({"quad": 3}, lambda e: 9 <= int(e.root) <= 13),
        (
            {"date_from": "2023-04-01", "date_to": "2025-06-22"},
            lambda e: "2023-04-01" <= e.date <= "2025-06-22",
        ),
        ({"q": "drohnen"}, lambda e: e.code == "112"),
        ({"negated": "true"}, lambda e: e.negated),
    ],
)
def test_api_events_filters_match_the_records(client, params, keep):
    r = client.get("/events", params={**params, "limit": 500})
    assert r.status_code == 200, r.text
    got = {(e["article_id"], e["idx"]) for e in r.json()["items"]}
    assert got == {(aid, i) for aid, i, e in EVENTS if keep(e)}
    assert got  # every filter above selects something


@pytest.mark.parametrize("path", ["/events", "/articles", "/actors", "/quotes", "/events/unique", "/dyads"])
def test_api_pages_cover_all_rows_once(client, path):
    total = client.get(path).json()["total"]
    seen = []
    for offset in range(0, total + 2, 2):
        page = client.get(path, params={"limit": 2, "offset": offset}).json()
        assert page["total"] == total and len(page["items"]) <= 2
        seen += [json.dumps(i, sort_keys=True) for i in page["items"]]
    assert len(seen) == len(set(seen)) == total


@pytest.mark.parametrize(
    "path",
    [
        "/articles/nope",
        "/actors/nobody",
        "/dyads/nobody/iran/timeline",
        "/dyads/iran/nobody/timeline",
        "/static/nothing.js",
        "/static/../app.py",
    ],
)
def test_api_unknown_things_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/events?limit=0",
        "/events?limit=501",
        "/events?offset=-1",
        "/events?quad=5",
        "/events?code=abc",
        "/events?root=1",
        "/events?plover=DROP%20TABLE",
        "/events?date_from=yesterday",
        "/events?sort=name",
        "/articles?language=fr",
        "/dyads/russia/iran/timeline?period=year",
        "/export/events.xls",
        "/export/network.png",
        "/network?max_edges=100000",
        "/actors?country=Russia",
    ],
)
def test_api_bad_parameters_are_422(client, path):
    assert client.get(path).status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": "   "},
        {"text": "Hallo.", "published": "13.03.2023"},
        {"text": "x", "language": "fr"},
        {"text": "x", "id": "../../etc/passwd"},
    ],
)
def test_api_analyze_refuses_bad_documents_with_422(client, body):
    assert client.post("/analyze", json=body).status_code == 422


def test_api_post_articles_refuses_an_empty_list(client):
    assert client.post("/articles", json={"documents": []}).status_code == 422


def test_api_oversize_body_is_413_by_content_length(client):
    r = client.post(
        "/analyze", content=b"x" * (5 * 1024 * 1024 + 1), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413


def test_api_oversize_body_is_413_when_streamed_without_length():
    with TestClient(create_app(seeded_store(), max_body=1000)) as c:
        chunks = (b'{"text": "' + b"a" * 600 + b'"}' for _ in range(3))
        r = c.post("/articles", content=chunks, headers={"content-type": "application/json"})
        assert r.status_code == 413
        assert c.get("/articles").json()["total"] == len(ARTICLES)


def test_api_oversize_upload_is_413():
    with TestClient(create_app(seeded_store(), max_body=1000)) as c:
        r = c.post("/analyze/upload", files=[("files", ("big.txt", b"Wort " * 400))])
        assert r.status_code == 413


def test_api_network_edges_carry_weight_and_mean_goldstein(client):
    net = client.get("/network").json()
    edge = next(e for e in net["edges"] if (e["source"], e["target"]) == ("usa", "iran"))
    assert edge["weight"] == 2 and edge["goldstein"] == pytest.approx((-10.0 + -2.0) / 2)
    node = next(n for n in net["nodes"] if n["id"] == "iran")
    assert node["mentions"] == 7


def test_api_actor_profile(client):
    p = client.get("/actors/sergei-rjabkow").json()
    assert p["name"] == "Sergei Rjabkow"
    assert len(p["quotes"]) == 3
    assert [e["code"] for e in p["events_as_source"]] == ["111"]
    assert p["partners"][0]["id"] == "usa"


def test_api_quotes_by_speaker(client):
    items = client.get("/quotes", params={"speaker": "ebrahim-raisi"}).json()["items"]
    assert [q["text"] for q in items] == [
        "Die beiden Länder haben den Willen, die Zusammenarbeit zu verstärken"
    ]


# --- dyads in the quote and article lists -------------------------------------------------------------

QUOTES = [(a.id, i, q) for a in ARTICLES for i, q in enumerate(a.quotes)]


def _side(m, level):
    """An event side or a speaker as the dyad filters see it: actor id, or its country with level=country."""
    if not (m and m.actor):
        return None
    return m.actor.country if level == "country" else m.actor.id


def _in_dyad(e, params):
    level = params.get("level", "actor")
    pair = (_side(e.source, level), _side(e.target, level))
    src, tgt = params.get("source"), params.get("target")
    if params.get("undirected") and src and tgt:
        return pair in {(src, tgt), (tgt, src)}
    return (not src or pair[0] == src) and (not tgt or pair[1] == tgt)


def _expected_quotes(params):
    """The rule in words: the speaker is the dyad's source (either side when undirected) in an event mention of
    the dyad reported by the quote's own article."""
    level = params.get("level", "actor")
    either = params.get("undirected") and params.get("source") and params.get("target")
    out = set()
    for aid, i, q in QUOTES:
        speaker = _side(q.speaker, level)
        events = [e for a, _, e in EVENTS if a == aid and _in_dyad(e, params)]
        sides = [(_side(e.source, level), _side(e.target, level)) for e in events]
        if speaker and any(speaker == s or (either and speaker == t) for s, t in sides):
            out.add((aid, i))
    return out


DYADS = [
    {"source": "sergei-rjabkow", "target": "usa"},
    {"source": "ebrahim-raisi", "target": "alexander-lukaschenko"},
    {"source": "alexander-lukaschenko", "target": "ebrahim-raisi", "undirected": True},
    {"source": "russia", "target": "iran"},
    {"source": "china", "target": "russia"},  # only a negated mention, which /events lists too
    {"source": "usa"},
    {"target": "alexander-lukaschenko"},
    {"source": "BLR", "target": "IRN", "level": "country"},
    {"source": "IRN", "target": "BLR", "level": "country"},
    {"source": "IRN", "target": "BLR", "level": "country", "undirected": True},
    {"source": "RUS", "target": "IRN", "level": "country"},
    {"source": "IRN", "target": "RUS", "level": "country"},
    {"target": "USA", "level": "country"},
]


@pytest.mark.parametrize("dyad", DYADS, ids=lambda d: "-".join(f"{k}={v}" for k, v in d.items()))
def test_api_dyad_articles_are_those_of_the_dyads_events(client, dyad):
    """`/articles?source&target` keeps exactly the articles of the mentions `/events` lists for the same dyad."""
    events = client.get("/events", params={**dyad, "limit": 500}).json()["items"]
    r = client.get("/articles", params={**dyad, "limit": 500})
    assert r.status_code == 200, r.text
    got = {a["id"] for a in r.json()["items"]}
    assert got == {e["article_id"] for e in events}
    assert got == {aid for aid, _, e in EVENTS if _in_dyad(e, dyad)}


@pytest.mark.parametrize("dyad", DYADS, ids=lambda d: "-".join(f"{k}={v}" for k, v in d.items()))
def test_api_dyad_quotes_match_the_records(client, dyad):
    r = client.get("/quotes", params={**dyad, "limit": 500})
    assert r.status_code == 200, r.text
    assert {(q["article_id"], q["idx"]) for q in r.json()["items"]} == _expected_quotes(dyad)


@pytest.mark.parametrize(
    ("dyad", "speakers", "articles"),
    [
        # Rjabkow criticised the USA in one article; his quote in the other article is not about that dyad
        ({"source": "sergei-rjabkow", "target": "usa"}, ["Sergei Rjabkow"] * 2, ["a-rjabkow"]),
        (
            {"source": "ebrahim-raisi", "target": "alexander-lukaschenko"},
            ["Ebrahim Raisi"],
            ["a-lukaschenko"],
        ),
        ({"source": "alexander-lukaschenko", "target": "ebrahim-raisi"}, [], []),
        (
            {"source": "alexander-lukaschenko", "target": "ebrahim-raisi", "undirected": "true"},
            ["Alexander Lukaschenko", "Ebrahim Raisi"],
            ["a-lukaschenko"],
        ),
        # states do not speak here: the actor-level dyad has articles but no quotes ...
        ({"source": "belarus", "target": "iran"}, [], ["a-lukaschenko", "a-roadmap-en"]),
        # ... the country-level one has the quotes of the countries' people, by direction
        (
            {"source": "BLR", "target": "IRN", "level": "country"},
            ["Alexander Lukaschenko"],
            ["a-lukaschenko", "a-roadmap-en"],
        ),
        ({"source": "IRN", "target": "BLR", "level": "country"}, ["Ebrahim Raisi"], ["a-lukaschenko"]),
        (
            {"source": "BLR", "target": "IRN", "level": "country", "undirected": "true"},
            ["Alexander Lukaschenko", "Ebrahim Raisi"],
            ["a-lukaschenko", "a-roadmap-en"],
        ),
        (
            {"source": "RUS", "target": "IRN", "level": "country"},
            ["Sergei Rjabkow"] * 3,
            ["a-rjabkow", "a-strikes-en"],
        ),
        ({"source": "IRN", "target": "RUS", "level": "country"}, [], []),
    ],
)
def test_api_dyad_quotes_and_articles_by_hand(client, dyad, speakers, articles):
    quotes = client.get("/quotes", params=dyad).json()
    assert sorted(q["speaker_name"] for q in quotes["items"]) == speakers and quotes["total"] == len(speakers)
    assert sorted(a["id"] for a in client.get("/articles", params=dyad).json()["items"]) == articles


def test_api_dyad_combines_with_the_other_quote_and_article_filters(client):
    dyad = {"source": "BLR", "target": "IRN", "level": "country", "undirected": "true"}
    assert client.get("/quotes", params={**dyad, "speaker": "ebrahim-raisi"}).json()["total"] == 1
    assert client.get("/quotes", params={**dyad, "speaker": "sergei-rjabkow"}).json()["total"] == 0
    assert (
        client.get("/quotes", params={**dyad, "kind": "indirect"}).json()["items"][0]["speaker_text"]
        == "Lukaschenko"
    )
    assert client.get("/quotes", params={**dyad, "country": "BLR"}).json()["total"] == 1
    assert client.get("/quotes", params={**dyad, "date_from": "2024-01-01"}).json()["total"] == 0
    assert [a["id"] for a in client.get("/articles", params={**dyad, "language": "en"}).json()["items"]] == [
        "a-roadmap-en"
    ]
    assert [
        a["id"] for a in client.get("/articles", params={**dyad, "actor": "ebrahim-raisi"}).json()["items"]
    ] == ["a-lukaschenko"]
    assert client.get("/articles", params={**dyad, "q": "Washington"}).json()["total"] == 1


@pytest.mark.parametrize("path", ["/quotes", "/articles"])
def test_api_dyad_pages_cover_all_rows_once(client, path):
    dyad = {"source": "RUS", "target": "IRN", "level": "country"}
    total = client.get(path, params=dyad).json()["total"]
    seen = [
        json.dumps(i, sort_keys=True)
        for o in range(total)
        for i in client.get(path, params={**dyad, "limit": 1, "offset": o}).json()["items"]
    ]
    assert total >= 2 and len(set(seen)) == total


@pytest.mark.parametrize("path", ["/quotes", "/articles"])
def test_api_quote_and_article_lists_without_a_dyad_are_unchanged(client, path):
    everything = {"/quotes": len(QUOTES), "/articles": len(ARTICLES)}[path]
    for params in ({}, {"level": "country"}, {"level": "actor"}, {"undirected": "false"}):
        assert client.get(path, params=params).json()["total"] == everything


@pytest.mark.parametrize(
    ("path", "loc", "message"),
    [
        ("/quotes?source=Iran&target=BLR&level=country", "source", "ISO-3 country codes"),
        ("/articles?source=IRN&target=blr&level=country", "target", "ISO-3 country codes"),
        ("/quotes?source=iran&undirected=true", "undirected", "needs both source and target"),
        ("/articles?target=iran&undirected=true", "undirected", "needs both source and target"),
        ("/export/quotes.csv?target=USA&undirected=true&level=country", "undirected", "needs both"),
        ("/quotes?level=planet", "level", "'actor' or 'country'"),
        ("/articles?source=" + "x" * 201, "source", "at most 200"),
        ("/quotes?undirected=perhaps&source=iran&target=usa", "undirected", "boolean"),
    ],
)
def test_api_bad_dyad_parameters_are_422_and_say_why(client, path, loc, message):
    r = client.get(path)
    assert r.status_code == 422, r.text
    errors = r.json()["detail"]
    assert any(e["loc"] == ["query", loc] and message in e["msg"] for e in errors), errors


@pytest.mark.parametrize("path", ["/quotes", "/articles", "/export/quotes.{fmt}"])
def test_api_dyad_parameters_are_documented(client, path):
    params = {p["name"]: p for p in client.get("/openapi.json").json()["paths"][path]["get"]["parameters"]}
    for name in ("source", "target", "undirected", "level"):
        assert params[name]["in"] == "query" and params[name]["description"], name
    assert params["level"]["schema"]["enum"] == ["actor", "country"]


def test_api_export_quotes_follows_the_dyad(client):
    dyad = {"source": "sergei-rjabkow", "target": "usa"}
    rows = list(csv.DictReader(io.StringIO(client.get("/export/quotes.csv", params=dyad).text)))
    assert [r["article_id"] for r in rows] == ["a-rjabkow", "a-rjabkow"]


def test_api_export_events_csv_and_parquet_have_the_filtered_rows(client):
    total = client.get("/events", params={"actor": "iran"}).json()["total"]
    r = client.get("/export/events.csv", params={"actor": "iran"})
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total and {"code", "sentence", "source_actor_id"} <= set(rows[0])
    table = pq.read_table(io.BytesIO(client.get("/export/events.parquet", params={"actor": "iran"}).content))
    assert table.num_rows == total


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_api_export_quotes(client, fmt):
    r = client.get(f"/export/quotes.{fmt}", params={"speaker": "sergei-rjabkow"})
    assert r.status_code == 200
    n = (
        len(list(csv.DictReader(io.StringIO(r.text))))
        if fmt == "csv"
        else pq.read_table(io.BytesIO(r.content)).num_rows
    )
    assert n == 3


@pytest.mark.parametrize(
    ("fmt", "node_tag", "edge_tag"),
    [
        ("gexf", "{http://gexf.net/1.3}node", "{http://gexf.net/1.3}edge"),
        (
            "graphml",
            "{http://graphml.graphdrawing.org/xmlns}node",
            "{http://graphml.graphdrawing.org/xmlns}edge",
        ),
    ],
)
def test_api_export_network_xml(client, fmt, node_tag, edge_tag):
    net = client.get("/network").json()
    root = ET.fromstring(client.get(f"/export/network.{fmt}").content)
    assert len(list(root.iter(node_tag))) == len(net["nodes"])
    assert len(list(root.iter(edge_tag))) == len(net["edges"])


def test_api_post_articles_stores_once():
    with TestClient(create_app(seeded_store())) as c:
        doc = {
            "text": "Der Kreml wies den Vorwurf zurück. Die Regierung in Berlin äußerte sich nicht.",
            "published": "2024-01-02",
            "id": "kreml-1",
        }
        first = c.post("/articles", json={"documents": [doc]})
        assert first.status_code == 201, first.text
        assert (first.json()["stored"], first.json()["ids"]) == (1, ["kreml-1"])
        assert c.post("/articles", json={"documents": [doc]}).json()["unchanged"] == 1
        rec = c.get("/articles/kreml-1").json()
        assert rec["published"] == "2024-01-02" and rec["text"].startswith("Der Kreml")
        assert c.get("/articles").json()["total"] == len(ARTICLES) + 1


def test_api_upload_reads_files_in_memory_and_names_bad_ones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    jsonl = (
        "\n".join(
            json.dumps({"id": f"j{i}", "text": f"Die Regierung in Berlin beriet am Montag über Punkt {i}."})
            for i in range(2)
        )
        + "\n{broken\n"
    )
    files = [
        ("files", ("../../evil.exe", b"MZ\x90\x00")),
        ("files", ("batch.jsonl", jsonl.encode())),
        ("files", ("../a.txt", "Der Kreml wies den Vorwurf zurück.".encode())),
    ]
    with TestClient(create_app(seeded_store())) as c:
        r = c.post("/articles/upload", files=files)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["stored"] == 3
        assert {e["name"] for e in body["errors"]} >= {"evil.exe"}
        assert any(e["name"].startswith("batch.jsonl") for e in body["errors"])  # the broken line
    assert list(tmp_path.iterdir()) == []  # nothing written where the server runs
    assert not (tmp_path.parent.parent / "evil.exe").exists()


def test_api_analyze_returns_a_record_without_storing(client):
    r = client.post(
        "/analyze", json={"text": "Der Kreml wies den Vorwurf zurück.", "published": "2024-05-01"}
    )
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["text"] == "Der Kreml wies den Vorwurf zurück." and rec["published"] == "2024-05-01"
    assert client.get(f"/articles/{rec['id']}").status_code == 404


def test_api_analysis_timeout_is_504_and_the_server_goes_on():
    app = create_app(seeded_store(), analysis_timeout=0.01)
    with TestClient(app) as c:
        r = c.post("/analyze", json={"text": "Der Kreml wies den Vorwurf zurück."})
        assert r.status_code == 504
        assert "longer than" in r.json()["detail"]
        assert c.get("/stats").status_code == 200


def test_api_no_cors_unless_configured():
    origin = {"Origin": "http://evil.example"}
    with TestClient(create_app(seeded_store())) as c:
        assert "access-control-allow-origin" not in c.get("/stats", headers=origin).headers
    with TestClient(create_app(seeded_store(), cors_origins=["http://evil.example"])) as c:
        assert c.get("/stats", headers=origin).headers["access-control-allow-origin"] == "http://evil.example"


def test_api_docs_page_is_there(client):
    r = client.get("/docs")
    assert r.status_code == 200 and "swagger" in r.text.lower()


def test_api_dashboard_is_served_with_a_same_origin_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and "<title>lagebild" in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/app.js").status_code == 200


def test_api_dashboard_loads_nothing_from_elsewhere():
    web = data_path("web", "static")
    files = [p for p in web.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"index.html", "app.js", "style.css"}
    for p in files:
        urls = re.findall(r"(?:https?:)?//[\w.-]+\.\w+[^\s\"')]*", p.read_text(encoding="utf-8"))
        assert [u for u in urls if "www.w3.org/2000/svg" not in u] == [], p.name


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("::1", True), ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False)],
)
def test_api_bind_address_check(host, loopback):
    assert _is_loopback(host) is loopback


def test_api_cli_serves_on_loopback_by_default():
    from lagebild.cli import build_parser

    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"


@pytest.mark.parametrize(
    ("path", "params", "check"),
    [
        ("/network", {"level": "country"}, lambda b: {"BLR", "IRN", "RUS"} <= {n["id"] for n in b["nodes"]}),
        ("/dyads", {"level": "country"}, lambda b: b["items"][0]["source_actor_id"] in {"BLR", "USA", "RUS"}),
        ("/dyads/BLR/IRN/timeline", {"level": "country"}, lambda b: b["series"][0]["q1"] == 3),
        ("/events", {"actor": "UKR", "level": "country"}, lambda b: b["total"] == 2),
        (
            "/quotes",
            {"country": "IRN"},
            lambda b: [q["speaker_name"] for q in b["items"]] == ["Ebrahim Raisi"],
        ),
        ("/articles", {"country": "UKR"}, lambda b: [a["id"] for a in b["items"]] == ["a-ukraine"]),
    ],
)
def test_api_country_level(client, path, params, check):
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    assert check(r.json())


@pytest.mark.parametrize(
    "path", ["/dyads/XXX/IRN/timeline?level=country", "/dyads/iran/belarus/timeline?level=country"]
)
def test_api_country_level_unknown_country_is_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/quotes?country=Russia", "/events?level=planet", "/articles?country=rus"])
def test_api_country_parameters_are_checked(client, path):
    assert client.get(path).status_code == 422


def test_api_reads_go_on_while_articles_are_written():
    """Readers use their own cursors; a write is one transaction, so no reader sees half an article."""
    from concurrent.futures import ThreadPoolExecutor

    docs = [
        {
            "id": f"w{i}",
            "text": f"Die Regierung in Berlin beriet am Montag über den Haushalt {i}. Sie einigte sich.",
        }
        for i in range(6)
    ]
    with TestClient(create_app(seeded_store())) as c:

        def read(i: int) -> tuple[int, int]:
            r = c.get("/articles", params={"limit": 500})
            page = r.json()
            return r.status_code, page["total"] - len(page["items"])

        with ThreadPoolExecutor(4) as pool:
            writes = [pool.submit(c.post, "/articles", json={"documents": [d]}) for d in docs]
            reads = list(pool.map(read, range(40)))
        assert [w.result().status_code for w in writes] == [201] * len(docs)
        assert reads == [(200, 0)] * 40
        assert c.get("/articles").json()["total"] == len(ARTICLES) + len(docs)


@pytest.mark.parametrize(
    ("doc", "status"),
    [
        (json.dumps({"text": "<div>" * 2000 + "</div>" * 2000, "html": True}), 422),  # nothing left
        (
            '{"text": "Der Kanzler \\ud800 sagte am Montag in Berlin, die Lage sei ernst.", "language": "de"}',
            422,
        ),
    ],
)
def test_api_documents_that_fail_or_carry_surrogates_get_a_clear_answer(client, doc, status):
    r = client.post("/analyze", content=doc.encode(), headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    assert "analysis failed" not in r.text and r.json()["detail"]
