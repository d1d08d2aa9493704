"""Polite HTTP: timeouts, bounded redirects, a size limit, a content-type check, retries with back-off,
conditional GET, robots.txt and a minimum delay between two requests to one host (httpx)."""

from __future__ import annotations

import email.utils
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from .. import __version__
from ..errors import InputError

USER_AGENT = f"lagebild/{__version__} (news analysis; honours robots.txt)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
SOURCE_TYPES = (
    *PAGE_TYPES,
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/x-gzip", "application/gzip", "application/octet-stream",  # gzipped sitemaps
)  # fmt: skip
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_WAIT = 60.0  # seconds: the longest Retry-After or crawl-delay honoured


class FetchError(InputError):
    """A URL that could not be fetched: names the URL and the reason."""


@dataclass(frozen=True, slots=True)
class FetchOptions:
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry, doubled after each
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


@dataclass(slots=True)
class Fetched:
    """One response: 304 Not Modified has no body."""

    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    last: float = 0.0
    delay: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    refusal: str = "disallowed by robots.txt"  # why nothing of this host may be fetched


@dataclass
class Fetcher:
    """One client for a run: it remembers each host's robots.txt and when it was last asked."""

    options: FetchOptions = field(default_factory=FetchOptions)
    sleep: Callable[[float], None] = time.sleep
    transport: httpx.BaseTransport | None = None  # tests may mount one; default: the network
    _hosts: dict[str, _Host] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"user-agent": USER_AGENT, "accept-encoding": "gzip, deflate"},
                timeout=self.options.timeout,
                follow_redirects=True,
                max_redirects=self.options.max_redirects,
                transport=self.transport,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(
        self, url: str, *, types: tuple[str, ...] = PAGE_TYPES, etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:  # fmt: skip
        """GET `url` politely; a 304 when the validators still hold; FetchError naming the URL otherwise."""
        _check_scheme(url)
        if not self._allowed(url):
            raise FetchError(url, self._host(url).refusal)
        headers = {k: v for k, v in (("if-none-match", etag), ("if-modified-since", last_modified)) if v}
        for attempt in range(self.options.retries + 1):
            wait = self._attempt_wait(url, attempt)
            try:
                fetched = self._get_once(url, headers, types)
            except _Retry as retry:
                if attempt == self.options.retries:
                    raise FetchError(url, retry.reason) from None
                self.sleep(max(wait, retry.after))
                continue
            return fetched
        raise FetchError(url, "no attempt made")  # unreachable: the loop returns or raises

    def _attempt_wait(self, url: str, attempt: int) -> float:
        self._pause(url)
        return self.options.backoff * 2**attempt

    def _get_once(self, url: str, headers: dict[str, str], types: tuple[str, ...]) -> Fetched:
        try:
            with self.client().stream("GET", url, headers=headers) as response:
                if response.status_code in RETRY_STATUS:
                    raise _Retry(f"HTTP {response.status_code}", _retry_after(response))
                return _read(response, url, types, self.options.max_bytes)
        except httpx.TooManyRedirects:
            raise FetchError(url, f"more than {self.options.max_redirects} redirects") from None
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Retry(f"{exc.__class__.__name__}: {exc or 'no answer'}", 0.0) from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{exc.__class__.__name__}: {exc}") from None

    # --- politeness ---------------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        return self._hosts.setdefault(f"{parts.scheme}://{parts.netloc}", _Host(delay=self.options.delay))

    def _pause(self, url: str) -> None:
        """Wait until the host's delay has passed since its last request."""
        host = self._host(url)
        wait = host.last + host.delay - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        host.last = time.monotonic()

    def _allowed(self, url: str) -> bool:
        host = self._host(url)
        if host.robots is None:
            host.robots = self._robots(url)
            crawl_delay = host.robots.crawl_delay(USER_AGENT)
            if crawl_delay:
                host.delay = min(max(host.delay, float(crawl_delay)), MAX_WAIT)
        return host.robots.can_fetch(USER_AGENT, url)

    def _robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        """The host's robots.txt (RFC 9309): missing or 4xx allows all; a server error or no answer
        disallows all for this run."""
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        self._pause(robots_url)
        try:
            response = self.client().get(robots_url)
        except httpx.HTTPError as exc:
            parser.disallow_all = True
            self._host(url).refusal = f"host not reachable ({exc.__class__.__name__}: {exc or 'no answer'})"
            return parser
        if response.status_code >= 500:
            parser.disallow_all = True
            self._host(
                url
            ).refusal = f"robots.txt answered HTTP {response.status_code}: the host is not fetched"
        elif response.status_code >= 400:
            parser.allow_all = True
        else:
            parser.parse(response.text[:500_000].splitlines())
        return parser


class _Retry(Exception):
    def __init__(self, reason: str, after: float) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "not an http(s) URL")


def _retry_after(response: httpx.Response) -> float:
    """Retry-After in seconds (a number or an HTTP date), capped at MAX_WAIT; 0 when absent."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return 0.0
    if value.isdigit():
        return min(float(value), MAX_WAIT)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), MAX_WAIT)


def _read(response: httpx.Response, url: str, types: tuple[str, ...], max_bytes: int) -> Fetched:
    final = str(response.url)
    if response.status_code == 304:
        return Fetched(final, 304)
    if response.status_code >= 400:
        raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in types:
        raise FetchError(url, f"content type {content_type!r} is not a page or feed lagebild reads")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"too large ({int(declared):,} bytes; limit {max_bytes:,})")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(url, f"too large (more than {max_bytes:,} bytes)")
    return Fetched(
        url=final,
        status=response.status_code,
        body=bytes(body),
        content_type=content_type,
        charset=response.charset_encoding,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )
