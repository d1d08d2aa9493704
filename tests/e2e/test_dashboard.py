"""The dashboard in headless Chromium against the real server: load, filter, click an edge, read an article."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WAIT = 20


def _wait(browser, condition, timeout=WAIT):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition)


def _settled(browser):
    """Wait until the page has finished its last round of API calls."""
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.loading === '0'"))


def _load(browser, server):
    browser.get(server + "/")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    _settled(browser)


def _rows(browser):
    from selenium.webdriver.common.by import By

    return [
        [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
        for tr in browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    ]


def _click_svg(browser, selector):
    """A real mouse click at the middle of an SVG path or at a node's centre."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    x, y = browser.execute_script(
        """const el = document.querySelector(arguments[0]);
        let p;
        if (el.getTotalLength) { const q = el.getPointAtLength(el.getTotalLength() / 2); p = new DOMPoint(q.x, q.y); }
        else { const b = el.getBBox(); p = new DOMPoint(b.x + b.width / 2, b.y + b.height / 2); }
        const s = p.matrixTransform(el.getScreenCTM());
        const r = document.getElementById('network').getBoundingClientRect();
        return [s.x - (r.left + r.width / 2), s.y - (r.top + r.height / 2)];""",
        selector,
    )
    svg = browser.find_element(By.ID, "network")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
    ActionChains(browser).move_to_element_with_offset(svg, int(x), int(y)).click().perform()


def test_dashboard_loads_network_timeline_events_and_quotes(browser, server, shot):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    assert "5 articles" in browser.find_element(By.ID, "stats").text
    nodes = browser.find_elements(By.CSS_SELECTOR, "#network g.node")
    edges = browser.find_elements(By.CSS_SELECTOR, "#network g.edge")
    assert len(nodes) == 8 and len(edges) == 9
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")
    assert len(_rows(browser)) == 13
    quotes = browser.find_element(By.ID, "quotes").text
    assert "Sergei Rjabkow" in quotes and "Ebrahim Raisi" in quotes and "Alexander Lukaschenko" in quotes
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []  # no script error, no blocked (non-local) resource
    shot("01-load")


def test_dashboard_filters_by_actor(browser, server, shot):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    box = browser.find_element(By.ID, "f-actor")
    box.send_keys("Belarus")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".chip-actor"))
    _settled(browser)
    rows = _rows(browser)
    assert rows and all("Belarus" in (r[1], r[3]) for r in rows)
    assert {
        e.get_attribute("data-source") for e in browser.find_elements(By.CSS_SELECTOR, "#network g.edge")
    } == {"belarus"}
    assert browser.find_element(By.ID, "profile-title").text.startswith("Belarus · BLR")
    assert "Iran (1, 8.0)" in browser.find_element(By.ID, "profile").text  # partner, events, mean Goldstein
    shot("02-actor-filter")


def test_dashboard_click_on_a_node_filters_by_its_actor(browser, server):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    _click_svg(browser, '#network g.node[data-id="ukraine"] circle')
    _wait(browser, lambda d: "Ukraine" in d.find_element(By.ID, "chips").text)
    _settled(browser)
    rows = _rows(browser)
    assert len(rows) == 2 and all("Ukraine" in (r[1], r[3]) for r in rows)


def test_dashboard_click_on_an_edge_shows_the_dyad(browser, server, shot):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    _click_svg(browser, '#network g.edge[data-source="belarus"][data-target="iran"] path.hit')
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".chip-dyad"))
    _settled(browser)
    assert "Belarus ⇄ Iran" in browser.find_element(By.ID, "dyad-title").text
    bars = browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")
    assert [b.get_attribute("data-period") for b in bars] == ["2023-03-01"]
    rows = _rows(browser)
    assert len(rows) == 2 and all(r[2].startswith("057") for r in rows)
    assert browser.find_elements(By.CSS_SELECTOR, '#network g.edge.selected[data-source="belarus"]')
    shot("03-edge-dyad")


def _list(browser, list_id):
    """(data-article, text) of each item of the quotes or articles list."""
    from selenium.webdriver.common.by import By

    return [
        (li.get_attribute("data-article"), li.text)
        for li in browser.find_elements(By.CSS_SELECTOR, f"#{list_id} li")
    ]


def test_dashboard_click_on_an_edge_filters_quotes_and_articles_by_the_dyad(browser, server, shot):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    assert len(_list(browser, "quotes")) == 5 and len(_list(browser, "articles")) == 5
    _click_svg(
        browser, '#network g.edge[data-source="ebrahim-raisi"][data-target="alexander-lukaschenko"] path.hit'
    )
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".chip-dyad"))
    _settled(browser)
    quotes = _list(browser, "quotes")
    assert {a for a, _ in quotes} == {"a-lukaschenko"}
    assert sorted(t.split(":")[0] for _, t in quotes) == ["Alexander Lukaschenko", "Ebrahim Raisi"]
    assert (
        "by either side of Ebrahim Raisi ⇄ Alexander Lukaschenko"
        in browser.find_element(By.ID, "quotes-count").text
    )
    assert [a for a, _ in _list(browser, "articles")] == ["a-lukaschenko"]
    href = browser.find_element(By.ID, "x-qcsv").get_attribute("href")
    assert "source=ebrahim-raisi" in href and "target=alexander-lukaschenko" in href
    assert "source=ebrahim-raisi&target=alexander-lukaschenko" in browser.current_url  # bookmarkable
    shot("07-edge-quotes")
    # a state-to-state edge: its articles, but no quotes (the states' people speak, not the states)
    _click_svg(browser, '#network g.edge[data-source="belarus"][data-target="iran"] path.hit')
    _wait(browser, lambda d: "Belarus" in d.find_element(By.ID, "chips").text)
    _settled(browser)
    assert _list(browser, "quotes") == []
    assert sorted(a for a, _ in _list(browser, "articles")) == ["a-lukaschenko", "a-roadmap-en"]
    # removing the dyad brings everything back
    browser.find_element(By.CSS_SELECTOR, ".chip-dyad button").click()
    _wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, ".chip-dyad"))
    _settled(browser)
    assert len(_list(browser, "quotes")) == 5
    assert "source=" not in browser.current_url


def test_dashboard_country_dyad_from_the_address_filters_quotes(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/?level=country&source=IRN&target=BLR")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    _settled(browser)
    assert browser.find_elements(By.CSS_SELECTOR, ".chip-dyad")
    quotes = _list(browser, "quotes")
    assert sorted(t.split(":")[0] for _, t in quotes) == ["Alexander Lukaschenko", "Ebrahim Raisi"]
    assert sorted(a for a, _ in _list(browser, "articles")) == ["a-lukaschenko", "a-roadmap-en"]
    assert {r[2][:3] for r in _rows(browser)} == {"043", "051", "057"}


def test_dashboard_article_view_highlights_entities_quotes_and_events(browser, server, shot):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    row = next(
        tr
        for tr in browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
        if tr.get_attribute("data-article") == "a-lukaschenko" and tr.get_attribute("data-idx") == "1"
    )
    row.click()
    view = browser.find_element(By.ID, "article-view")
    _wait(browser, lambda d: view.is_displayed())
    assert "Lukaschenko umwirbt" in browser.find_element(By.ID, "article-title").text
    text = browser.find_element(By.ID, "article-text")
    triggers = text.find_elements(By.CSS_SELECTOR, "span.trigger")
    assert [t.text for t in triggers] == ["empfing", "unterzeichneten", "beschuldigt"]
    assert [b.text for b in text.find_elements(By.CSS_SELECTOR, "sup.code")] == ["043", "057", "112"]
    assert "focus" in triggers[1].get_attribute("class")
    ents = {m.text for m in text.find_elements(By.CSS_SELECTOR, "mark.ent")}
    assert {"Ebrahim Raisi", "Alexander Lukaschenko", "Belarus", "Washington"} <= ents
    quotes = text.find_elements(By.CSS_SELECTOR, "span.quote")
    assert any("Zusammenarbeit zu verstärken" in q.text for q in quotes)
    shot("04-article")
    browser.find_element(By.ID, "article-close").click()
    _wait(browser, lambda d: not view.is_displayed())


def test_dashboard_upload_analyses_a_file(browser, server, tmp_path, shot):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    doc = tmp_path / "kreml.txt"
    doc.write_text(
        "Der Kreml wies den Vorwurf am Montag zurück. Die Regierung in Berlin äußerte sich nicht.",
        encoding="utf-8",
    )
    browser.find_element(By.ID, "u-files").send_keys(str(doc))
    browser.find_element(By.ID, "u-analyze").click()
    _wait(browser, lambda d: "analysed" in d.find_element(By.ID, "u-status").text, timeout=120)
    view = browser.find_element(By.ID, "article-view")
    assert view.is_displayed()
    text = browser.find_element(By.ID, "article-text").text  # event code badges may follow triggers
    assert text.startswith("Der Kreml wies") and "den Vorwurf am Montag zurück." in text
    shot("05-upload")


def test_dashboard_country_level_merges_actors_into_countries(browser, server, shot):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _load(browser, server)
    Select(browser.find_element(By.ID, "level")).select_by_value("country")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '#network g.node[data-id="BLR"]'))
    _settled(browser)
    _click_svg(browser, '#network g.edge[data-source="BLR"][data-target="IRN"] path.hit')
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".chip-dyad"))
    _settled(browser)
    assert "Belarus ⇄ Iran" in browser.find_element(By.ID, "dyad-title").text
    rows = _rows(browser)
    assert {r[2][:3] for r in rows} == {
        "043",
        "051",
        "057",
    }  # Raisi and Lukaschenko count for their countries
    shot("06-country-level")


def test_dashboard_merges_reports_of_the_same_event(browser, server, shot):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    browser.find_element(By.ID, "merged").click()
    _wait(browser, lambda d: "unique" in d.find_element(By.ID, "events-count").text)
    _settled(browser)
    rows = _rows(browser)
    # 13 mentions: one negated; two reports of one agreement; Russia's cooperation with Iran on 23 and 24 June
    assert len(rows) == 10
    agreement = [r for r in rows if r[2].startswith("057")]
    assert [r[5] for r in agreement] == ["reported by 2 article(s), 2 mention(s) · all reports"]
    assert "merged=1" in browser.current_url
    shot("08-stories")
    row = next(tr for tr in browser.find_elements(By.CSS_SELECTOR, "#events tbody tr") if "057" in tr.text)
    row.find_element(By.CSS_SELECTOR, ".story-link").click()
    _wait(
        browser, lambda d: "one event reported by 2 article(s)" in d.find_element(By.ID, "events-count").text
    )
    _settled(browser)
    assert sorted(
        tr.get_attribute("data-article") for tr in browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    ) == ["a-lukaschenko", "a-roadmap-en"]
    assert "story=" in browser.current_url


def _inside(browser, svg_id):
    """For each node and label of an SVG: [kind, id, inside the viewBox?, box] (boxes in viewBox units)."""
    return browser.execute_script(
        """const root = document.getElementById(arguments[0]);
        const vb = root.viewBox.baseVal;
        const out = [];
        for (const el of root.querySelectorAll('g.node circle, g.labels text')) {
            const b = el.getBBox();
            const t = el.closest('g.node')?.transform.baseVal.consolidate()?.matrix ?? {e: 0, f: 0};
            const box = [b.x + t.e, b.y + t.f, b.x + t.e + b.width, b.y + t.f + b.height];
            const ok = box[0] >= vb.x - 0.5 && box[1] >= vb.y - 0.5 && box[2] <= vb.x + vb.width + 0.5 && box[3] <= vb.y + vb.height + 0.5;
            out.push([el.tagName, el.closest('[data-id]')?.dataset.id ?? el.dataset.for, ok, box]);
        }
        return out;""",
        svg_id,
    )


def _overlapping(boxes):
    return [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
    ]


def test_dashboard_network_keeps_every_node_and_label_inside_the_frame(browser, server, shot):
    """The served network, then a dense one of 90 actors drawn by the same graph.js."""
    _load(browser, server)
    items = _inside(browser, "network")
    assert len([i for i in items if i[0] == "circle"]) == 8 and all(ok for _, _, ok, _ in items)
    names = [i for i in items if i[0] == "text"]
    assert {i[1] for i in names} >= {"iran", "russia", "belarus"}  # a small graph: every actor named
    dense = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        import('/static/graph.js').then((m) => {
            const nodes = [], edges = [];
            for (let i = 0; i < 90; i++) nodes.push({id: 'n' + i, name: 'Akteur ' + i + (i % 3 ? ' Regierung' : ''), code: 'X', mentions: 1 + (i * 37) % 50, articles: 1});
            for (let i = 0; i < 90; i++) for (const j of [(i * 7 + 3) % 90, (i * 11 + 5) % 90]) if (i !== j) edges.push({source: 'n' + i, target: 'n' + j, weight: 1 + i % 4, mentions: 1, goldstein: (i % 9) - 4});
            m.drawNetwork(document.getElementById('network'), {nodes, edges}, {selectedActor: '', selectedDyad: ['n1', 'n10'], onNode() {}, onEdge() {}, nameOf: (id) => id});
            done(true);
        }).catch((e) => done(String(e)));"""
    )
    assert dense is True
    items = _inside(browser, "network")
    circles = [i for i in items if i[0] == "circle"]
    labels = [i for i in items if i[0] == "text"]
    assert len(circles) == 90 and all(ok for _, _, ok, _ in circles)
    assert labels and all(ok for _, _, ok, _ in labels)
    assert _overlapping([box for *_, box in labels]) == []
    selected = browser.find_elements(By_CSS(), "#network g.edge.selected")
    assert selected and selected[0].find_elements(By_CSS(), "path.halo")
    shot("09-network-dense")


def By_CSS():
    from selenium.webdriver.common.by import By

    return By.CSS_SELECTOR


def test_dashboard_map_places_events_on_the_offline_basemap(browser, server, shot):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#map g.pt"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map path.country")) >= 170
    points = browser.find_elements(By.CSS_SELECTOR, "#map g.pt")
    assert sum(int(p.get_attribute("data-count")) for p in points) == 13  # every mention placed
    assert "13 mention(s) placed" in browser.find_element(By.ID, "map-count").text
    shot("10-map")
    # zoom into the Middle East cluster until Teheran's event stands alone, then open it
    for _ in range(4):
        clusters = browser.find_elements(By.CSS_SELECTOR, "#map g.pt.cluster")
        if not clusters:
            break
        browser.execute_script(
            "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", clusters[0]
        )
    assert float(browser.find_element(By.ID, "map").get_attribute("data-zoom")) > 1
    single = browser.find_elements(By.CSS_SELECTOR, '#map g.pt[data-count="1"]')
    assert single
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", single[0])
    _wait(browser, lambda d: d.find_element(By.ID, "article-view").is_displayed())
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text .passage")
    browser.find_element(By.ID, "article-close").click()


def test_dashboard_volume_chart_follows_the_filters(browser, server, shot):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    bars = browser.find_elements(By.CSS_SELECTOR, "#volume rect.bar")
    assert bars and "13 of 13 dated" in browser.find_element(By.ID, "volume-note").text
    browser.get(server + "/?actor=ukraine")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    _settled(browser)
    assert "2 of 2 dated" in browser.find_element(By.ID, "volume-note").text
    assert {
        b.get_attribute("data-period") for b in browser.find_elements(By.CSS_SELECTOR, "#volume rect.bar")
    } == {"2023-04-02"}
    shot("11-volume-actor-from-address")


def test_dashboard_actor_filter_and_names_live_in_the_address(browser, server):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    box = browser.find_element(By.ID, "f-actor")
    box.send_keys("Belarus")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    _wait(browser, lambda d: "actor=belarus" in d.current_url)
    _settled(browser)
    browser.get(browser.current_url)  # reload the bookmarked view
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    _settled(browser)
    assert "Belarus" in browser.find_element(By.CSS_SELECTOR, ".chip-actor").text
    browser.get(server + "/?source=ebrahim-raisi&target=alexander-lukaschenko")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    _settled(browser)
    assert "Ebrahim Raisi ⇄ Alexander Lukaschenko" in browser.find_element(By.ID, "dyad-title").text
    assert "ebrahim-raisi" not in browser.find_element(By.ID, "chips").text
    titles = browser.execute_script(
        "return [...document.querySelectorAll('#network g.edge title')].map((t) => t.textContent)"
    )
    assert titles and not any(
        "-" in t.split(":")[0] for t in titles
    )  # names, not ids such as 'ebrahim-raisi'


def test_dashboard_unknown_ids_say_not_found(browser, server, shot):
    from selenium.webdriver.common.by import By

    browser.get(server + "/#article=nope")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    view = browser.find_element(By.ID, "article-view")
    assert view.is_displayed() and view.get_attribute("data-state") == "missing"
    assert browser.find_element(By.ID, "article-title").text == "Not found"
    assert "nope" in browser.find_element(By.ID, "article-text").text
    shot("12-article-not-found")
    browser.find_element(By.ID, "article-close").click()
    browser.get(server + "/?source=nobody&target=iran")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    _settled(browser)
    chip = browser.find_element(By.CSS_SELECTOR, ".chip-dyad")
    assert "nobody (not found)" in chip.text and "not-found" in chip.get_attribute("class")
    assert "Iran" in chip.text


def test_dashboard_article_source_url_is_a_link(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/#article=a-roadmap-en")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    link = browser.find_element(By.CSS_SELECTOR, "#article-meta a.source-link")
    assert link.get_attribute("href") == "https://news.example/2023/03/14/belarus-iran-roadmap"
    assert link.get_attribute("rel") == "noopener noreferrer"


def test_dashboard_report_page_links_open_the_evidence(browser, server, shot):
    from selenium.webdriver.common.by import By

    _load(browser, server)
    href = browser.find_element(By.ID, "report-en").get_attribute("href")
    browser.get_log("browser")  # what earlier pages logged
    browser.get(href)
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "section#notes"))
    sections = [s.get_attribute("id") for s in browser.find_elements(By.CSS_SELECTOR, "section")]
    assert sections == ["figures", "timeline", "dyads", "network", "statements", "new", "notes"]
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []  # the page keeps to the dashboard's content security policy
    shot("13-report")
    quote = browser.find_element(By.CSS_SELECTOR, "#dyads blockquote a")
    sentence = quote.text.strip("“”")
    quote.click()
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#article-text .passage"))
    passage = browser.execute_script(
        "return [...document.querySelectorAll('#article-text [data-kind=passage]')].map((n) => n.textContent).join('')"
    )
    assert " ".join(passage.split()) == " ".join(sentence.split())
    shot("14-report-evidence")
