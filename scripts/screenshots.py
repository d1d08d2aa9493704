#!/usr/bin/env python3
"""Screenshots of every dashboard view and of the situation report, in headless Chromium (`make screenshots`).

usage: python scripts/screenshots.py [--db STORE] [--out test-artifacts]

Without --db, a store of the hand-built sample articles is made in a temporary folder. The server runs on a
free loopback port and is stopped at the end. Needs Debian's chromium and chromium-driver and selenium (the
dev extra), as the browser tests do. Writes `view-*.png` and prints each path with what it shows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1700",
)


def _sample_store(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "src"))
    from lagebild.api.sample import content_hash, sample_articles
    from lagebild.store import Store
    from lagebild.store.write import write_articles

    db = folder / "sample.duckdb"
    with Store(db) as store:
        write_articles(store, [(a, content_hash(a)) for a in sample_articles()], "screenshots")
    return db


def _serve(db: Path, log: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "lagebild", "serve", "--db", str(db), "--port", str(port)],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                return proc, url
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"the server did not start: {log.read_text()}")


def _driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not chrome or not Path(driver).exists():
        raise SystemExit(
            "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for flag in FLAGS:
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(executable_path=driver))


def _ready(browser, url: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, 60).until(
        lambda d: d.execute_script(
            "return document.body.dataset.ready === '1' && document.body.dataset.loading === '0'"
        )
    )


def _panel(browser, panel: str) -> None:
    browser.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", panel)


def take(browser, url: str, out: Path) -> list[tuple[Path, str]]:
    from selenium.webdriver.common.by import By

    shots: list[tuple[Path, str]] = []

    def save(name: str, what: str) -> None:
        path = out / f"view-{name}.png"
        browser.save_screenshot(str(path))
        shots.append((path, what))

    _ready(browser, url + "/")
    save("01-overview", "the dashboard as it opens: network, dyad timeline, map, actor profile, volume chart")
    _panel(browser, "map-panel")
    save("02-map", "the map: events on the offline Natural Earth basemap, clustered, coloured by quad class")
    _panel(browser, "volume-panel")
    save(
        "03-volume-events",
        "volume over time by quad class above the event list (mentions, each with 'reported by N')",
    )
    _ready(browser, url + "/?merged=1&view=events")
    _panel(browser, "volume-panel")
    save("04-stories", "'merge reports' on: one row per story with 'reported by N articles'")
    edges = browser.find_elements(By.CSS_SELECTOR, "#network g.edge")
    if edges:
        source, target = edges[0].get_attribute("data-source"), edges[0].get_attribute("data-target")
        _ready(browser, f"{url}/?source={source}&target={target}")
        save(
            "05-dyad", "a dyad from the address: names, not ids; the selected edge highlighted; its timeline"
        )
    first = browser.execute_script("return document.querySelector('#events tbody tr')?.dataset.article")
    if first:
        _ready(browser, f"{url}/#article={first}")
        save(
            "06-article",
            "the article view: entities, quotes and event triggers highlighted; source as a link",
        )
    _ready(browser, url + "/#article=no-such-article")
    save("07-not-found", "an unknown article id in the address: a visible 'not found'")
    browser.get(url + "/report?lang=de")
    save("08-report-de", "the situation report (German) served by the dashboard")
    links = browser.find_elements(By.CSS_SELECTOR, "#dyads blockquote a")
    if links:
        links[0].click()
        time.sleep(2)
        save(
            "09-report-evidence", "an evidence link of the report opened in the dashboard: the passage marked"
        )
    return shots


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="the store to show (default: the hand-built sample articles)")
    ap.add_argument("--out", type=Path, default=ROOT / "test-artifacts")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or _sample_store(Path(tmp))
        proc, url = _serve(db, Path(tmp) / "serve.log")
        browser = _driver()
        try:
            for path, what in take(browser, url, args.out):
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {what}")
        finally:
            browser.quit()
            proc.terminate()
            proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("LAGEBILD_ANALYSIS_TIMEOUT", "120")
    raise SystemExit(main())
