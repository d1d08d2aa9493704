"""Fetching from the web: polite HTTP, feeds and sitemaps, each URL stored once, `fetch` and `watch`.

Everything is served by tests/localweb.py on 127.0.0.1 from fixture pages written for these tests
(tests/data/web/); no test touches the internet.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from tests.localweb import PAGES, WEB, LocalWeb, Route, news_site

from lagebild.fetch.crawl import Crawl
from lagebild.fetch.discover import canonical_url, feed_links, parse_day, sitemap_links, url_id
from lagebild.fetch.http import Fetcher, FetchError, FetchOptions
from lagebild.ingest.sources import RawDoc
from lagebild.store import Store

FEED_TITLES = [
    "Bund sagt Hochwassergebieten Soforthilfe zu",
    "Minister lobt Einigung im Tarifstreit",
    "EU ministers back new sanctions package",
]
FEED_DATES = ["2023-06-10", "2023-06-10", "2023-06-08"]


class Sleeps:
    """A `sleep` that records instead of waiting."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def fetcher(**options) -> tuple[Fetcher, Sleeps]:
    sleeps = Sleeps()
    defaults = {"delay": 0.0, "backoff": 0.5, "timeout": 5.0}
    return Fetcher(FetchOptions(**(defaults | options)), sleep=sleeps), sleeps


@pytest.fixture
def web():
    with LocalWeb() as site:
        yield news_site(site)


# --- polite HTTP ----------------------------------------------------------------------------------


def test_retries_with_back_off_after_503_then_succeeds(web):
    web.failures["/wirtschaft/tarifeinigung.html"] = [503, 503]
    f, sleeps = fetcher(retries=2)
    got = f.get(f"{web.base}/wirtschaft/tarifeinigung.html")
    assert got.status == 200 and b"Tarifstreit beigelegt" in got.body
    assert web.paths().count("/wirtschaft/tarifeinigung.html") == 3
    assert sleeps.calls[:2] == [0.5, 1.0]  # back-off doubles


def test_gives_up_after_the_retries_with_the_url_and_the_reason(web):
    web.failures["/world/eu-sanctions.html"] = [503, 503, 503]
    f, _ = fetcher(retries=1)
    url = f"{web.base}/world/eu-sanctions.html"
    with pytest.raises(FetchError) as exc:
        f.get(url)
    assert exc.value.name == url and exc.value.reason == "HTTP 503"


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"%PDF-1.7 ...", "application/pdf"), "content type 'application/pdf' is not a page"),
        (Route(b"<html>" + b"x" * 5000 + b"</html>"), "too large"),
        (Route(b"gone", "text/plain", status=410), "HTTP 410"),
    ],
)
def test_refuses_what_is_not_a_page(web, route, reason):
    web.routes["/doc"] = route
    f, _ = fetcher(max_bytes=4000)
    with pytest.raises(FetchError, match=reason):
        f.get(f"{web.base}/doc")


def test_redirects_are_bounded(web):
    web.routes["/loop"] = Route(b"", status=302, headers={"location": "/loop"}, etag=False)
    f, _ = fetcher(max_redirects=3)
    with pytest.raises(FetchError, match="more than 3 redirects"):
        f.get(f"{web.base}/loop")


def test_conditional_get_answers_304_when_unchanged(web):
    f, _ = fetcher()
    first = f.get(f"{web.base}/feed.xml", types=("application/rss+xml",))
    again = f.get(f"{web.base}/feed.xml", types=("application/rss+xml",), etag=first.etag)
    assert first.etag and again.not_modified and again.body == b""


def test_robots_txt_is_honoured(web):
    web.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /politik/\n", "text/plain")
    f, _ = fetcher()
    with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
        f.get(f"{web.base}/politik/schulreform.html")
    assert "/politik/schulreform.html" not in web.paths()
    assert f.get(f"{web.base}/world/eu-sanctions.html").status == 200


def test_one_host_is_asked_at_most_once_per_delay(web):
    f, sleeps = fetcher(delay=2.0)
    f.get(f"{web.base}/world/eu-sanctions.html")
    f.get(f"{web.base}/politik/schulreform.html")
    assert any(s > 1.5 for s in sleeps.calls), sleeps.calls  # waited before the second page


def test_crawl_delay_in_robots_txt_raises_the_delay(web):
    web.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 5\n", "text/plain")
    f, sleeps = fetcher(delay=0.0)
    f.get(f"{web.base}/world/eu-sanctions.html")
    f.get(f"{web.base}/politik/schulreform.html")
    assert any(s > 4 for s in sleeps.calls), sleeps.calls


# --- feeds, sitemaps, URLs ----------------------------------------------------------------------


def test_feed_items_keep_their_title_date_and_link():
    xml = (WEB / "feed.xml").read_text(encoding="utf-8")
    items = (WEB / "items.txt").read_text(encoding="utf-8").splitlines()[:3]
    body = xml.replace("{items}", "\n".join(items)).replace("{base}", "https://news.example").encode()
    links = feed_links(body, "https://news.example/feed.xml")
    assert [link.title for link in links] == FEED_TITLES
    # the item's own day, not shifted to UTC: "Sat, 10 Jun 2023 00:40:00 +0200" is 9 June in UTC
    assert [link.published for link in links] == FEED_DATES
    assert links[0].url.startswith("https://news.example/politik/hochwasser-soforthilfe.html?utm_source=rss")
    assert {link.source for link in links} == {"Nordkurier Politik"}


def test_atom_feed():
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Weltspiegel</title><id>urn:x</id><updated>2023-06-11T10:00:00Z</updated>
<entry><title>Gipfel in Vilnius beginnt</title><link href="/2023/06/gipfel.html"/><id>urn:1</id>
<published>2023-07-11T07:30:00+02:00</published><updated>2023-07-11T09:00:00+02:00</updated></entry></feed>"""
    [link] = feed_links(body, "https://weltspiegel.example/atom.xml")
    assert (link.url, link.title, link.published) == (
        "https://weltspiegel.example/2023/06/gipfel.html",
        "Gipfel in Vilnius beginnt",
        "2023-07-11",
    )


def test_sitemap_and_news_sitemap_and_index():
    urlset = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/a.html</loc><lastmod>2023-06-12</lastmod>
<news:news><news:publication><news:name>Nordkurier</news:name><news:language>de</news:language></news:publication>
<news:publication_date>2023-06-10T14:05:00+02:00</news:publication_date><news:title>Bund sagt Hilfe zu</news:title></news:news></url>
<url><loc>https://news.example/b.html</loc></url></urlset>"""
    pages, _ = sitemap_links(urlset, "https://news.example/sitemap.xml")
    assert [(p.url, p.title, p.published) for p in pages] == [
        ("https://news.example/a.html", "Bund sagt Hilfe zu", "2023-06-10"),
        ("https://news.example/b.html", None, None),  # lastmod is no publication date
    ]
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/sitemap-2023-06.xml</loc></sitemap></sitemapindex>"""
    assert sitemap_links(index, "https://news.example/sitemap.xml") == (
        [],
        ["https://news.example/sitemap-2023-06.xml"],
    )


def test_a_sitemap_with_an_external_entity_is_not_resolved():
    body = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/&e;</loc></url></urlset>"""
    pages, _ = sitemap_links(body, "https://news.example/sitemap.xml")
    assert all("root:" not in p.url for p in pages)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://News.Example:443/a.html?utm_source=rss&utm_medium=feed#top", "https://news.example/a.html"),
        ("https://news.example/a.html?id=5&fbclid=abc", "https://news.example/a.html?id=5"),
        ("https://news.example/b?b=2&a=1", "https://news.example/b?a=1&b=2"),
        ("https://news.example", "https://news.example/"),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_parse_day_keeps_the_items_own_day():
    assert parse_day("Sat, 10 Jun 2023 00:40:00 +0200") == "2023-06-10"
    assert parse_day("2023-07-11T23:30:00-05:00") == "2023-07-11"
    assert parse_day("gestern") is None


# --- a crawl into a store (no analysis) ---------------------------------------------------------


def test_crawl_stores_each_url_once_and_skips_what_it_has(web, tmp_path):
    with Store(tmp_path / "c.duckdb") as store:
        f, _ = fetcher()
        crawl = Crawl(store, f)
        plan = crawl.plan([f"{web.base}/feed.xml"])
        assert plan.total == 3
        raws = [x for x in crawl.pages(plan.links) if isinstance(x, RawDoc)]
        assert [r.title for r in raws] == FEED_TITLES and [r.published for r in raws] == FEED_DATES
        first = canonical_url(f"{web.base}/politik/hochwasser-soforthilfe.html")
        assert raws[0].url == first and raws[0].id == url_id(first)  # tracking parameters gone
        # the same page under a second URL is the same content: noted, not stored twice
        web.routes["/mirror/hochwasser.html"] = web.routes["/politik/hochwasser-soforthilfe.html"]
        from lagebild.pipeline import process
        from lagebild.store.write import write_articles

        done = [process(r) for r in raws]
        write_articles(store, [(d.article, d.content_hash) for d in done], "v")
        crawl.finish()
        again = Crawl(store, f)
        plan = again.plan([f"{web.base}/feed.xml"])
        assert plan.total == 0 and again.report.not_modified == 1  # the feed: 304
        from lagebild.fetch.discover import PageLink

        [note] = list(again.pages([PageLink(f"{web.base}/mirror/hochwasser.html")]))
        assert "same content as the stored article" in note.message


# --- the commands -------------------------------------------------------------------------------


def lagebild(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "lagebild", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


FAST = ("--workers", "1", "--delay", "0", "--no-progress")


def stored(db) -> list[dict]:
    with Store(db, read_only=True) as store:
        return store.query(
            "SELECT title, published::VARCHAR AS published, url FROM articles ORDER BY published, title"
        )


def test_fetch_a_feed_stores_its_items_once_and_a_failed_url_is_one_line(web, tmp_path):
    db = tmp_path / "news.duckdb"
    missing = f"{web.base}/gibt-es-nicht.html"
    first = lagebild("fetch", missing, f"{web.base}/feed.xml", "--db", str(db), *FAST)
    assert first.returncode == 1  # one source failed; the run went on
    errors = [line for line in first.stderr.splitlines() if line.startswith("error")]
    assert errors == [f"error {missing}: HTTP 404 Not Found"]
    assert "stored 3" in first.stderr
    rows = stored(db)
    assert sorted(r["title"] for r in rows) == sorted(FEED_TITLES)  # the feed's titles, not the pages'
    assert {r["title"]: r["published"] for r in rows} == dict(zip(FEED_TITLES, FEED_DATES, strict=True))
    again = lagebild("fetch", f"{web.base}/feed.xml", "--db", str(db), *FAST)
    assert again.returncode == 0, again.stderr
    assert "stored 0" in again.stderr and "not modified 1" in again.stderr
    feed_requests = [h for m, p, h in web.requests if p == "/feed.xml"]
    assert "if-none-match" in feed_requests[-1]  # asked conditionally the second time
    assert len(stored(db)) == 3


def test_a_page_keeps_its_own_title_and_date(web, tmp_path):
    from lagebild.batch import Analyzer
    from lagebild.fetch import Fetcher, fetch_into

    with Store(tmp_path / "p.duckdb") as store, Fetcher(FetchOptions(delay=0)) as f:
        _, report = fetch_into(
            store, [f"{web.base}/world/eu-sanctions.html"], analyzer=Analyzer(1), fetcher=f,
            default_published="2020-01-01",
        )  # fmt: skip
        assert report.stored == 1
    assert stored(tmp_path / "p.duckdb") == [
        {
            "title": "EU agrees sanctions",
            "published": "2023-06-08",
            "url": canonical_url(f"{web.base}/world/eu-sanctions.html"),
        }
    ]  # the page's own title and date; --published only for pages without one


def test_watch_picks_up_a_new_item(web, tmp_path):
    db = tmp_path / "news.duckdb"
    cmd = [
        sys.executable,
        "-m",
        "lagebild",
        "watch",
        f"{web.base}/feed.xml",
        "--every",
        "1",
        "--db",
        str(db),
        *FAST,
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: db.exists() and len(stored(db)) == 3, 180), "the first round stores 3"
        web.feed(4)  # a fourth item appears in the feed
        assert _wait_for(lambda: len(stored(db)) == 4, 120), "watch picks up the fourth item"
        assert "Landtag debattiert über Schulreform" in {r["title"] for r in stored(db)}
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err  # Ctrl-C ends watch cleanly after storing what it fetched
    assert "stopping: storing what was fetched" in err
    page_gets = sorted(p.split("?")[0] for p in web.paths() if ".html" in p)
    assert page_gets == sorted(PAGES)  # each page fetched once over all rounds


def _wait_for(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except Exception:  # the store is being created or written: look again
            pass
        time.sleep(0.5)
    return False


def test_a_big_sitemap_is_read_over_several_runs(web, tmp_path):
    """`max_pages` caps what one run fetches; the next run goes on with the pages not seen yet."""
    from lagebild.pipeline import process
    from lagebild.store.write import write_articles

    locs = "".join(f"<url><loc>{web.base}{path}</loc></url>" for path in sorted(PAGES))
    web.routes["/sitemap.xml"] = Route(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode(),
        "application/xml",
    )
    fetched: list[str] = []
    with Store(tmp_path / "s.duckdb") as store:
        f, _ = fetcher()
        for _ in range(2):
            crawl = Crawl(store, f, max_pages=3)
            plan = crawl.plan([f"{web.base}/sitemap.xml"])
            raws = [x for x in crawl.pages(plan.links) if isinstance(x, RawDoc)]
            write_articles(store, [(r.article, r.content_hash) for r in map(process, raws)], "v")
            crawl.finish()
            fetched += [r.url for r in raws]
    assert sorted(fetched) == sorted(canonical_url(web.base + p) for p in PAGES)  # 3, then the 4th


def test_an_unreachable_host_or_a_failing_robots_txt_is_named_as_such(web):
    f, _ = fetcher()
    with pytest.raises(FetchError, match=r"host not reachable \(ConnectError"):
        f.get("http://127.0.0.1:9/feed.xml")  # nothing listens on the discard port
    web.routes["/robots.txt"] = Route(b"down", "text/plain", status=503)
    with pytest.raises(FetchError, match=r"robots\.txt answered HTTP 503"):
        f.get(f"{web.base}/world/eu-sanctions.html")  # RFC 9309: a server error disallows all
