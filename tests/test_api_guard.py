"""Who may drive the server: Host allow-list, same-origin writes, token, read-only, access log,
truncated error bodies, CSV cells that cannot run as formulas, and real dates in `published`."""

from __future__ import annotations

import csv
import io
import logging

import pytest
from fastapi.testclient import TestClient

from lagebild.api.app import ServeOptions, create_app, serve_hosts
from lagebild.api.sample import content_hash, sample_articles
from lagebild.store import Store
from lagebild.store.write import write_articles

SERVER = "http://127.0.0.1:8765"
UPLOAD = {"files": ("bericht.txt", "Der Kreml wies die Vorwürfe am Montag zurück.".encode(), "text/plain")}


def seeded(articles=None) -> Store:
    store = Store(":memory:")
    write_articles(store, [(a, content_hash(a)) for a in articles or sample_articles()], "test")
    return store


def client(store: Store | None = None, **kw) -> TestClient:
    hosts = kw.pop("allowed_hosts", ["127.0.0.1", "localhost", "::1"])
    return TestClient(create_app(store or seeded(), allowed_hosts=hosts, **kw), base_url=SERVER)


def count(c: TestClient) -> int:
    return c.get("/stats").json()["articles"]


# --- Host allow-list (DNS rebinding) ------------------------------------------------------------


@pytest.mark.parametrize("path", ["/stats", "/", "/articles", "/static/app.js", "/docs"])
def test_a_foreign_host_gets_400(path):
    with client() as c:
        r = c.get(path, headers={"host": "evil.example:8765"})
        assert r.status_code == 400 and "evil.example" in r.json()["detail"]
        assert c.get(path).status_code == 200  # the loopback name is served


def test_allowed_hosts_are_loopback_plus_what_the_user_adds():
    hosts = serve_hosts(ServeOptions(host="0.0.0.0", allow_hosts=("lagebild.intern",)))
    assert set(hosts) == {"localhost", "127.0.0.1", "::1", "lagebild.intern"}
    assert "192.0.2.10" in serve_hosts(ServeOptions(host="192.0.2.10", token="t"))


# --- Origin / Referer on writes (CSRF) ----------------------------------------------------------


def test_cross_site_upload_is_refused_and_stores_nothing():
    with client() as c:
        before = count(c)
        r = c.post("/articles/upload", files=UPLOAD, headers={"origin": "http://evil.example"})
        assert r.status_code == 403 and "cross-origin" in r.json()["detail"]
        r = c.post("/articles/upload", files=UPLOAD, headers={"referer": "http://evil.example/page.html"})
        assert r.status_code == 403
        r = c.post("/articles", json={"documents": [{"text": "x"}]}, headers={"origin": "null"})
        assert r.status_code == 403
        assert count(c) == before


def test_same_origin_write_passes_the_guard():
    with client() as c:
        # the guard lets it through; the body is then validated (422), not refused (403)
        r = c.post("/articles", json={"documents": []}, headers={"origin": SERVER})
        assert r.status_code == 422
        r = c.post("/articles", json={"documents": []}, headers={"referer": f"{SERVER}/?level=country"})
        assert r.status_code == 422


def test_a_configured_cors_origin_may_write():
    with client(cors_origins=["http://dashboard.example"]) as c:
        r = c.post("/articles", json={"documents": []}, headers={"origin": "http://dashboard.example"})
        assert r.status_code == 422


# --- token --------------------------------------------------------------------------------------


def test_token_is_required_and_accepted_three_ways():
    with client(token="s3cret-token") as c:
        assert c.get("/stats").status_code == 401
        assert c.get("/stats", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/health").status_code == 200  # liveness needs no token
        assert c.get("/stats", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
        page = c.get("/?token=s3cret-token")  # the dashboard opened once with the token
        assert page.status_code == 200 and "HttpOnly" in page.headers["set-cookie"]
        assert c.get("/stats").status_code == 200  # the cookie now carries it


def test_serving_off_loopback_without_a_token_is_a_usage_error():
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "lagebild", "serve", "--host", "0.0.0.0", "--db", ":memory:"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 2 and "--token" in proc.stderr


# --- read-only ----------------------------------------------------------------------------------


def test_read_only_refuses_writes_but_reads_and_analyses():
    with client(read_only=True) as c:
        r = c.post("/articles", json={"documents": [{"text": "Der Kreml wies die Vorwürfe zurück."}]})
        assert r.status_code == 403 and r.json()["detail"] == "the server is read-only"
        assert c.post("/articles/upload", files=UPLOAD).status_code == 403
        assert c.get("/articles").status_code == 200


def test_read_only_store_file_is_not_written(tmp_path):
    db = tmp_path / "r.duckdb"
    seeded_file = Store(db)
    write_articles(seeded_file, [(a, content_hash(a)) for a in sample_articles()], "test")
    seeded_file.close()
    before = db.stat().st_mtime_ns
    with TestClient(create_app(db, read_only=True, allowed_hosts=["127.0.0.1"]), base_url=SERVER) as c:
        assert c.get("/stats").json()["articles"] == len(sample_articles())
    assert db.stat().st_mtime_ns == before


# --- access log, error bodies -------------------------------------------------------------------


def test_every_request_gets_one_access_log_line(caplog):
    with client() as c, caplog.at_level(logging.INFO, logger="lagebild.access"):
        c.get("/stats")
        c.get("/articles?q=secret-search")
        c.get("/stats", headers={"host": "evil.example"})
        c.post("/articles", json={"documents": []})
    lines = [r.getMessage() for r in caplog.records if r.name == "lagebild.access"]
    assert [line.rsplit(" ", 1)[0] for line in lines] == [
        "GET /stats 200",
        "GET /articles 200",
        "GET /stats 400",
        "POST /articles 422",
    ]
    assert all(line.endswith("ms") for line in lines) and not any("secret" in line for line in lines)


def test_error_bodies_do_not_echo_a_large_input():
    big = "x" * 384_000
    with client(max_body=1_000_000) as c:
        r = c.post("/articles", json={"documents": big})  # not a list: the error names the input
        assert r.status_code == 422
        assert len(r.content) < 5_000 and "384,000 characters" in r.text


# --- CSV formula injection ----------------------------------------------------------------------


def test_csv_cells_cannot_run_as_formulas():
    articles = sample_articles()
    articles[0].title = '=HYPERLINK("http://evil.example","click")'
    articles[1].title = "@SUM(A1:A9)"
    with client(seeded(articles)) as c:
        body = c.get("/export/events.csv").text
    rows = list(csv.DictReader(io.StringIO(body)))
    titles = {r["article_title"] for r in rows}
    assert '\'=HYPERLINK("http://evil.example","click")' in titles and "'@SUM(A1:A9)" in titles
    assert not any(v[:1] in "=+-@" for r in rows for k, v in r.items() if v and k != "goldstein")
    assert any(r["goldstein"].startswith("-") for r in rows)  # numbers stay numbers


# --- published ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2023-02-30", "2023-13-01", "gestern"])
def test_published_must_be_an_existing_day(value):
    with client() as c:
        r = c.post(f"/articles?published={value}", json={"documents": [{"text": "Der Kreml wies zurück."}]})
        assert r.status_code == 422 and value in r.text
        r = c.post("/analyze", json={"text": "Der Kreml wies zurück.", "published": value})
        assert r.status_code == 422 and value in r.text
