"""A small web site on 127.0.0.1 for the fetch tests: fixture pages and feeds (tests/data/web/), with
ETag / If-None-Match, redirects, failures on demand and a log of every request. No test touches the
internet."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB = Path(__file__).resolve().parent / "data" / "web"
PAGES = {
    "/politik/hochwasser-soforthilfe.html": "hochwasser-soforthilfe.html",
    "/wirtschaft/tarifeinigung.html": "tarifeinigung.html",
    "/world/eu-sanctions.html": "eu-sanctions.html",
    "/politik/schulreform.html": "schulreform.html",
}


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True


@dataclass
class Site:
    """The served routes, failures to give before a route answers, and the requests seen."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    failures: dict[str, list[int]] = field(default_factory=dict)  # path -> statuses to answer first
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # method, path, headers
    lock: threading.Lock = field(default_factory=threading.Lock)

    def page(self, path: str, html: str, **kw) -> None:
        self.routes[path] = Route(html.replace("{base}", self.base).encode("utf-8"), **kw)

    def feed(self, n_items: int, path: str = "/feed.xml") -> None:
        """The RSS feed with its first `n_items` items (the watch test adds the fourth later)."""
        items = (WEB / "items.txt").read_text(encoding="utf-8").splitlines()[:n_items]
        xml = (WEB / "feed.xml").read_text(encoding="utf-8").replace("{items}", "\n  ".join(items))
        self.page(path, xml, content_type="application/rss+xml; charset=utf-8")

    def paths(self, method: str = "GET") -> list[str]:
        with self.lock:
            return [p for m, p, _ in self.requests if m == method]


def news_site(site: Site, n_items: int = 3) -> Site:
    for path, name in PAGES.items():
        site.page(path, (WEB / name).read_text(encoding="utf-8"))
    site.feed(n_items)
    return site


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            with site.lock:
                site.requests.append(("GET", self.path, {k.lower(): v for k, v in self.headers.items()}))
                pending = site.failures.get(path)
                failure = pending.pop(0) if pending else None
                route = site.routes.get(path)
            if failure is not None:
                self._answer(failure, b"temporarily unavailable", "text/plain", {"retry-after": "0"})
            elif route is None:
                self._answer(404, b"not found", "text/plain", {})
            else:
                self._route(route)

        def _route(self, route: Route) -> None:
            headers = dict(route.headers)
            if route.etag:
                tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                headers["etag"] = tag
                if self.headers.get("if-none-match") == tag:
                    self._answer(304, b"", None, headers)
                    return
            self._answer(route.status, route.body, route.content_type, headers)

        def _answer(
            self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]
        ) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("content-type", content_type)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            if body and status != 304:
                self.wfile.write(body)

    return Handler


class LocalWeb:
    """`with LocalWeb() as site:` serves `site` on a free port of 127.0.0.1 in a thread."""

    def __init__(self) -> None:
        self.site = Site()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.site))
        self.site.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self.site

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
