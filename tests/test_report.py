"""The situation report: sections, charts, German and English, and every link resolving to its evidence."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from fastapi.testclient import TestClient
from tests.conftest import EXAMPLES, shared_path

from lagebild.api.app import create_app
from lagebild.api.sample import content_hash, sample_articles
from lagebild.cli import main
from lagebild.report import build_report, render
from lagebild.report.charts import network_svg
from lagebild.report.layout import CHAR_WIDTH, LABEL_HEIGHT
from lagebild.report.render import Links as ReportLinks
from lagebild.report.render import Md as ReportMd
from lagebild.report.render import Writer as ReportWriter
from lagebild.store import Store
from lagebild.store.report import Scope
from lagebild.store.write import write_articles

BASE = "http://127.0.0.1:8000/"
SECTIONS = ("figures", "timeline", "dyads", "network", "statements", "new", "notes")
VIEW_KEYS = {"date_from", "date_to", "actor", "level", "source", "target", "quad", "view", "merged", "story"}


class Links(HTMLParser):
    """Every <a href> with its text, the ids of sections, the SVGs, and the figure cells."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.sections: list[str] = []
        self.svgs = 0
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a":
            self._href, self._text = a.get("href"), []
        elif tag == "section":
            self.sections.append(a.get("id"))
        elif tag == "svg":
            self.svgs += 1

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text)))
            self._href = None


def _norm(text: str) -> str:
    return " ".join(text.split()).strip('„“”"')


def check_links(con, links: list[tuple[str, str]], base: str = BASE) -> dict[str, int]:
    """Assert that every link resolves: passages to stored articles and offsets (a quoted sentence to exactly
    its text), views to known filters and stored ids, source links to stored article URLs."""
    kinds = {"evidence": 0, "view": 0, "source": 0}
    texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
    urls = {r[0] for r in con.execute("SELECT url FROM articles WHERE url IS NOT NULL").fetchall()}
    actor_ids = {r[0] for r in con.execute("SELECT id FROM actors").fetchall()}
    countries = {
        r[0] for r in con.execute("SELECT DISTINCT country FROM actors WHERE country IS NOT NULL").fetchall()
    }
    stories = {r[0] for r in con.execute("SELECT story_id FROM stories").fetchall()}
    for href, text in links:
        if not href.startswith(base):
            assert href in urls, f"{href!r} is neither the dashboard nor a stored article URL"
            kinds["source"] += 1
            continue
        parts = urlsplit(href)
        if parts.fragment:
            frag = parse_qs(parts.fragment)
            aid, start, end = unquote(frag["article"][0]), int(frag["start"][0]), int(frag["end"][0])
            assert aid in texts, f"{href}: no article {aid!r}"
            assert 0 <= start < end <= len(texts[aid]), f"{href}: offsets outside the article"
            if text.startswith(("„", "“")) and not text.endswith("…”") and not text.endswith("…“"):
                assert _norm(texts[aid][start:end]) == _norm(text), (
                    f"{href}: the passage is not the quoted text"
                )
            kinds["evidence"] += 1
            continue
        query = parse_qs(parts.query)
        assert set(query) <= VIEW_KEYS, f"{href}: unknown view parameters {set(query) - VIEW_KEYS}"
        level = query.get("level", ["actor"])[0]
        for key in ("actor", "source", "target"):
            for value in query.get(key, []):
                assert value in (countries if level == "country" else actor_ids), (
                    f"{href}: unknown {key} {value!r}"
                )
        for key in ("date_from", "date_to"):
            for value in query.get(key, []):
                date.fromisoformat(value)
        for value in query.get("story", []):
            assert value in stories, f"{href}: unknown story"
        kinds["view"] += 1
    return kinds


@pytest.fixture(scope="module")
def store():
    s = Store(":memory:")
    write_articles(s, [(a, content_hash(a)) for a in sample_articles()], "test")
    yield s
    s.close()


_BUILT: dict = {}


def _report(store, scope: Scope, **kw) -> str:
    """Each scope is built once per module (a report runs some thirty store queries)."""
    if scope not in _BUILT:
        cur = store.con.cursor()
        _BUILT[scope] = build_report(cur, scope, store_name="test.duckdb", generated=date(2025, 7, 1))
        cur.close()
    return render(_BUILT[scope], link_base=BASE, **kw)


def test_report_has_every_section_charts_and_resolving_links(store):
    html = _report(store, Scope(date_from=date(2023, 3, 1), date_to=date(2023, 4, 30)))
    page = Links()
    page.feed(html)
    assert page.sections == list(SECTIONS)
    assert page.svgs >= 3  # timeline, quad classes, network
    kinds = check_links(store.con.cursor(), page.links)
    assert kinds["evidence"] >= 10 and kinds["view"] >= 20
    assert "Belarus ⇄ Iran" in html and "Unterzeichneten" not in html
    # opens offline: no script, no stylesheet or image to fetch (links are the only addresses)
    assert "<script" not in html and "<link" not in html and not re.search(r'\ssrc="', html)


def test_report_figures_compare_with_the_previous_period(store):
    html = _report(store, Scope(date_from=date(2025, 6, 22), date_to=date(2025, 6, 24)), lang="en")
    figures = html[html.index("<tbody>", html.index('id="figures"')) : html.index('id="timeline"')]
    rows = re.findall(r"<tr><th>([^<]+)</th>(.*?)</tr>", figures)
    cells = {label: re.findall(r">([^<>]+)</a>", row) for label, row in rows}
    # 22-24 June 2025: two articles; the three days before hold none
    assert cells["Articles"] == ["2", "0"]
    assert all(len(v) == 2 for v in cells.values())  # current and previous figures are both links


def test_report_new_actors_and_dyads_need_a_start(store):
    html = _report(store, Scope(date_from=date(2025, 6, 1)), lang="en")
    new = html[html.index('id="new"') : html.index('id="notes"')]
    # from June 2025 on: Rjabkow is first mentioned; Russia and Iran, Rjabkow and the USA first meet in an
    # event; Iran and the USA had one in March 2023 (Washington accuses Iran), Belarus is an old actor
    assert re.findall(r"<li>.*?>([^<]+)</a>: <a", new) == ["Sergei Rjabkow"]
    assert re.findall(r"<b>([^<]+)</b>", new) == ["Iran ⇄ Russland", "Sergei Rjabkow ⇄ USA"]
    everything = _report(store, Scope(), lang="en")
    assert "The period has no start" in everything


def test_report_german_and_english_templates(store):
    de = _report(store, Scope())
    en = _report(store, Scope(), lang="en")
    assert "<h2>Kennzahlen</h2>" in de and "<h2>Headline figures</h2>" in en
    assert 'lang="de"' in de and 'lang="en"' in en
    assert "berichtet von 2 Artikeln" in de and "reported by 2 articles" in en


def test_report_markdown_has_the_same_evidence(store):
    scope = Scope(date_from=date(2023, 3, 1), date_to=date(2023, 4, 30))
    html, md = _report(store, scope), _report(store, scope, fmt="md")
    page = Links()
    page.feed(html)
    md_links = re.findall(r"\]\((http[^)\s]+)\)", md)
    assert {h for h, _ in page.links if "#article=" in h} == {h for h in md_links if "#article=" in h}
    assert md.startswith("# Lagebild") and "data:image/svg+xml;base64," in md


def test_report_cli_writes_html_and_markdown(tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        write_articles(s, [(a, content_hash(a)) for a in sample_articles()], "test")
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "r.html"), "--country", "IRN"]) == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<style>" in html and "Lagebild: Iran" in html
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "r.md"), "--lang", "en"]) == 0
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Situation report")
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "r.html"), "--actor", "nobody"]) == 2
    assert "no actor 'nobody'" in capsys.readouterr().err


def test_report_route_serves_it_under_the_dashboards_policy(store):
    with TestClient(create_app(store)) as client:
        r = client.get("/report", params={"lang": "en", "date_from": "2023-03-01", "date_to": "2023-04-30"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert "/static/report.css" in r.text and "<style" not in r.text and " style=" not in r.text
        page = Links()
        page.feed(r.text)
        check_links(store.con.cursor(), page.links, base="/")
        assert client.get("/report", params={"actor": "nobody"}).status_code == 404
        assert (
            client.get("/report", params={"format": "md"}).headers["content-type"].startswith("text/markdown")
        )
        assert (
            client.get("/report", params={"date_from": "2024-01-02", "date_to": "2024-01-01"}).status_code
            == 422
        )


def test_report_network_keeps_nodes_and_labels_in_the_frame_without_overlap():
    nodes = [{"id": f"n{i}", "name": f"Akteur Nummer {i}", "weight": 1 + i % 5} for i in range(30)]
    edges = [
        {
            "a": f"n{i}",
            "b": f"n{(i * 7 + 3) % 30}",
            "a_name": "",
            "b_name": "",
            "stories": 1 + i % 3,
            "goldstein": -3.0,
        }
        for i in range(30)
        if i != (i * 7 + 3) % 30
    ]
    svg = network_svg(nodes, edges, "net")
    circles = [
        tuple(map(float, m)) for m in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', svg)
    ]
    assert len(circles) == 30
    assert all(r <= x <= 720 - r and r <= y <= 420 - r for x, y, r in circles)
    boxes = []
    for x, y, anchor, text in re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)"[^>]*class="label">([^<]+)</text>', svg
    ):
        x, y, w = float(x), float(y), len(text) * CHAR_WIDTH
        x0 = x - w / 2 if anchor == "middle" else x if anchor == "start" else x - w
        boxes.append((x0, y - LABEL_HEIGHT + 3, x0 + w, y + 3))
    assert len(boxes) >= 10
    assert all(b[0] >= 0 and b[2] <= 720 and b[1] >= 0 and b[3] <= 420 for b in boxes)
    assert not any(
        a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )


@pytest.mark.slow
def test_report_on_real_articles_every_link_resolves(tmp_path):
    """The examples plus 40 real 10kGNAD articles through the whole pipeline, then the CLI report."""
    source = shared_path("data", "news-10kgnad", "articles.jsonl")
    sample = tmp_path / "news.jsonl"
    with open(source, encoding="utf-8") as fh:
        sample.write_text("".join(line for _, line in zip(range(40), fh, strict=False)), encoding="utf-8")
    db = tmp_path / "real.duckdb"
    assert (
        main(["ingest", str(EXAMPLES), str(sample), "--db", str(db), "--workers", "1", "--no-progress"]) == 0
    )
    for out in ("r.html", "r.md"):
        assert main(["report", "--db", str(db), "--out", str(tmp_path / out), "--lang", "de"]) == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    page = Links()
    page.feed(html)
    assert page.sections == list(SECTIONS) and page.svgs >= 2
    with Store(db, read_only=True) as s:
        kinds = check_links(s.con, page.links)
        md_links = re.findall(r"\]\((http[^)\s]+)\)", (tmp_path / "r.md").read_text(encoding="utf-8"))
        check_links(s.con, [(h, "") for h in md_links])
    assert kinds["evidence"] > 5
    assert json.dumps(kinds)


def test_report_shows_a_quote_with_its_own_marks_once():
    w = ReportWriter("de", ReportMd(), ReportLinks())
    assert w.as_written("„Wir bleiben hart.“") == "„Wir bleiben hart.“"  # not „„Wir bleiben hart.““
    assert w.as_written("dass die Steuern nicht  steigen würden") == "dass die Steuern nicht steigen würden"
    long = "„" + "Wir bleiben hart. " * 30 + "“"
    cut = w.as_written(long)
    assert cut.startswith("„Wir") and cut.endswith(" …“") and not cut.startswith("„„")
