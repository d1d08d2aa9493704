"""The HTTP API under hostile requests: never a 5xx for bad input, no path traversal, no SQL from user
strings, uploads never written to disk, body and page limits, loopback by default.

tests/test_api.py covers the API's own behaviour; these tests fuzz it (FastAPI TestClient, no network).
"""

from __future__ import annotations

import inspect
import json
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

app_module = pytest.importorskip("lagebild.api.app")
if not hasattr(app_module, "create_app"):
    pytest.skip("lagebild.api.app.create_app not there yet", allow_module_level=True)

from fastapi.testclient import TestClient  # noqa: E402

from lagebild.api.sample import content_hash, sample_articles  # noqa: E402
from lagebild.store import Store  # noqa: E402
from lagebild.store.write import write_articles  # noqa: E402

TABLES = ("articles", "entities", "quotes", "events", "actors")
DE = "Der Kanzler sagte am Montag in Berlin, die Lage sei ernst. „Wir handeln“, sagte er."


@pytest.fixture(scope="module")
def store():
    s = Store(":memory:")
    write_articles(s, [(a, content_hash(a)) for a in sample_articles()], "test")
    yield s


@pytest.fixture(scope="module")
def client(store):
    app = app_module.create_app(store, max_body=200_000, analysis_timeout=60)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def counts(store) -> dict[str, int]:
    return {t: store.count(t) for t in TABLES}


def _all_routes(routes) -> list:
    """Routes, with those of included routers (FastAPI may keep them behind one entry) unfolded."""
    out = []
    for route in routes:
        inner = getattr(route, "routes", None) or getattr(getattr(route, "router", None), "routes", None)
        out.extend(_all_routes(inner) if inner and not hasattr(route, "methods") else [route])
    return out


def get_routes(client) -> list[str]:
    """Every GET route of the API except the dashboard, static files and docs."""
    from lagebild.api.routes import router

    paths = []
    for route in _all_routes([*client.app.routes, *router.routes]):
        path = getattr(route, "path", "")
        if (
            "GET" in getattr(route, "methods", set())
            and path not in ("/", "/health")
            and not path.startswith(("/static", "/docs", "/redoc", "/openapi"))
        ):
            paths.append(path)
    return sorted(set(paths))


# -- GET: fuzzed query strings and path parameters ------------------------------------------------------

HOSTILE_STRINGS = [
    "' OR 1=1 --",
    "'; DROP TABLE articles; --",
    '" OR ""="',
    "%",
    "_",
    "%_%",
    "\\",
    "\x00",
    "\ufffd",
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "$(rm -rf /)",
    "{{7*7}}",
    "<script>alert(1)</script>",
    "a" * 5000,
    "-1",
    "1e308",
    "NaN",
    "[]",
    "{}",
    "„“»«‚‘",
]
PARAMS = [
    "q",
    "actor",
    "source",
    "target",
    "speaker",
    "article",
    "code",
    "root",
    "plover",
    "quad",
    "level",
    "limit",
    "offset",
    "date_from",
    "date_to",
    "sort",
    "period",
    "max_edges",
    "language",
    "country",
    "undirected",
    "min_weight",
    "fmt",
]
N_GET = 150 * int(os.environ.get("LAGEBILD_FUZZ_SCALE", "1"))  # bench/fuzz_long.py raises the scale


@settings(max_examples=N_GET, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    route=st.integers(min_value=0, max_value=10_000),
    params=st.dictionaries(
        st.sampled_from(PARAMS), st.sampled_from(HOSTILE_STRINGS) | st.text(max_size=30), max_size=4
    ),
    segment=st.sampled_from(HOSTILE_STRINGS) | st.text(min_size=1, max_size=30),
)
def test_fuzzed_get_requests_never_fail_on_the_server(tried, client, store, route, params, segment):
    tried("api-fuzzed-get")
    before = counts(store)
    routes = get_routes(client)
    path = routes[route % len(routes)]
    path = re.sub(r"\{[^}]+\}", lambda _m: quote(segment, safe="") or "x", path)
    r = client.get(path, params=params)
    assert r.status_code < 500, (path, params, r.status_code, r.text[:300])
    assert counts(store) == before, "a GET changed the store"


@pytest.mark.parametrize("value", HOSTILE_STRINGS[:6])
def test_sql_metacharacters_match_literally(client, store, value):
    before = counts(store)
    r = client.get("/articles", params={"q": value})
    assert r.status_code in (200, 422)
    if r.status_code == 200:
        assert r.json()["total"] == 0  # no stored text contains these strings
    assert counts(store) == before


# -- path traversal -------------------------------------------------------------------------------------

TRAVERSALS = [
    "/static/../app.py",
    "/static/..%2f..%2fpyproject.toml",
    "/static/%2e%2e/%2e%2e/api/app.py",
    "/static/%2e%2e%2f%2e%2e%2fapi%2fapp.py",
    "/static//etc/passwd",
    "/static/%2Fetc%2Fpasswd",
    "/static/....//....//etc/passwd",
    "/static/..\\..\\api\\app.py",
    "/static/%00../app.py",
    "/articles/..%2F..%2Fetc%2Fpasswd",
    "/actors/..%2F..%2F..%2Fetc%2Fpasswd",
    "/export/events.%2e%2e%2fpasswd",
    "/dyads/..%2F..%2F/..%2F/timeline",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_traversal(tried, client, path):
    tried("api-traversal")
    r = client.get(path)
    assert r.status_code in (400, 404, 405, 422), (path, r.status_code)
    assert "root:" not in r.text and "create_app" not in r.text and "[project]" not in r.text


FILENAMES = [
    "../../evil.txt",
    "/etc/cron.d/evil.txt",
    "..\\..\\evil.html",
    "evil.py",
    "x.txt\x00.py",
    "....//evil.json",
    "%2e%2e%2fevil.txt",
    "evil.jsonl",
]


def _content(name: str) -> bytes:
    """A valid document for the name's suffix."""
    if name.endswith(".html"):
        return f"<html><body><article><p>{DE}</p></article></body></html>".encode()
    if name.endswith((".json", ".jsonl")):
        return json.dumps({"text": DE}, ensure_ascii=False).encode()
    return DE.encode()


def test_uploads_are_never_written_or_executed(tried, client):
    """Upload files with hostile names: nothing appears in the working directory or the temp dir, and
    the names in the answer are bare file names."""
    watched = [Path.cwd(), Path(tempfile.gettempdir()), Path.cwd().parent]
    before = {d: set(os.listdir(d)) for d in watched}
    files = [("files", (name, _content(name))) for name in FILENAMES]
    files.append(("files", ("script.py", b"import os; os.system('touch /tmp/lagebild-pwned')")))
    r = client.post("/analyze/upload", files=files)
    assert r.status_code == 200, r.text[:300]
    body = r.json()
    names = [a["source"] for a in body["articles"]] + [e["name"] for e in body["errors"]]
    assert names and all("/" not in n and "\\" not in n and ".." not in n for n in names if n), names
    assert any(e["name"] == "script.py" and "unknown file type" in e["reason"] for e in body["errors"])
    assert not Path(tempfile.gettempdir(), "lagebild-pwned").exists()
    for d in watched:
        new = set(os.listdir(d)) - before[d]
        assert not {n for n in new if "evil" in n or "pwned" in n}, (d, new)
    tried("api-upload-names", len(files))


# -- hostile bodies ------------------------------------------------------------------------------------

BODIES = {
    "deep JSON": '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}",
    "huge integer": '{"text": "x", "id": ' + "9" * 5000 + "}",
    "not JSON": "text=Der Kanzler sagte",
    "wrong types": '{"text": 12, "html": "yes", "published": []}',
    "NUL in text": '{"text": "Der \\u0000 Kanzler sagte am Montag etwas."}',
    "controls only": '{"text": "\\u0001\\u0002\\u001b[31m"}',
    "quotes only": '{"text": "„„„»»»«««‚‚‘‘“”", "language": "de"}',
    "HTML bomb": json.dumps({"text": "<div>" * 20_000 + "x", "html": True}),
    "attribute bomb": json.dumps(
        {"text": "<p " + " ".join(f"a{i}=x" for i in range(3000)) + ">x</p>", "html": True}
    ),
    "lone surrogate": '{"text": "Der Kanzler \\ud800 sagte am Montag in Berlin, die Lage sei ernst."}',
    "invalid UTF-8": b'{"text": "\xff\xfe Der Kanzler"}',
}


@pytest.mark.parametrize("kind", list(BODIES))
@pytest.mark.parametrize("endpoint", ["/analyze", "/articles"])
def test_hostile_bodies_get_a_clear_answer(tried, client, store, kind, endpoint):
    tried("api-hostile-bodies")
    body = BODIES[kind]
    if endpoint == "/articles":
        body = (
            (b'{"documents": [' + body + b"]}")
            if isinstance(body, bytes)
            else '{"documents": [' + body + "]}"
        )
    r = client.post(endpoint, content=body, headers={"content-type": "application/json"})
    assert r.status_code in (200, 201, 400, 413, 422), (kind, r.status_code, r.text[:300])
    if r.status_code in (400, 413, 422):
        assert r.json()["detail"]
    ids = store.query("SELECT id FROM articles")
    assert len(ids) == len({r["id"] for r in ids})


# -- limits --------------------------------------------------------------------------------------------


def test_body_limit_applies_to_uploads_split_over_many_files(tried, store):
    tried("api-limits")
    with TestClient(app_module.create_app(store, max_body=10_000), raise_server_exceptions=False) as c:
        files = [("files", (f"f{i}.txt", DE.encode() * 3)) for i in range(60)]
        r = c.post("/analyze/upload", files=files)
        assert r.status_code == 413


def test_too_many_documents_in_one_request_are_refused(tried, client, store):
    tried("api-limits")
    before = counts(store)
    n = app_module.MAX_DOCS_PER_REQUEST + 1
    r = client.post("/articles", json={"documents": [{"text": f"Meldung {i}."} for i in range(n)]})
    assert r.status_code in (413, 422)
    assert counts(store) == before


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 10**9},
        {"limit": 501},
        {"offset": 10**12},
        {"limit": -5},
        {"offset": "1e3"},
        {"limit": "50; DROP TABLE articles"},
    ],
)
@pytest.mark.parametrize("path", ["/articles", "/events", "/quotes", "/actors"])
def test_page_caps(tried, client, path, params):
    tried("api-limits")
    assert client.get(path, params=params).status_code == 422


def test_biggest_allowed_page_is_bounded(client):
    r = client.get("/events", params={"limit": 500})
    assert r.status_code == 200 and len(r.json()["items"]) <= 500


def test_serve_binds_loopback_and_has_no_cors_by_default():
    assert app_module.ServeOptions().host in ("127.0.0.1", "::1", "localhost")
    assert app_module.is_loopback(app_module.ServeOptions().host)
    assert inspect.signature(app_module.create_app).parameters["cors_origins"].default in (None, [], ())
