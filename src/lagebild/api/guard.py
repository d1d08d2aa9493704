"""Who may drive the server: a Host allow-list (against DNS rebinding), an Origin/Referer check on
requests that change state (against cross-site request forgery), an optional API token, a read-only
mode, and one access-log line per request. Plain ASGI middleware, outermost first."""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("lagebild.access")

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_COOKIE = "lagebild_token"
OPEN_PATHS = ("/health",)  # liveness needs no token
WRITE_PATHS = ("/articles",)  # POST here stores documents (refused when read-only)


@dataclass(frozen=True)
class Guard:
    """The server's rules: which Host names it answers to, its token, whether it is read-only, and the
    origins (besides its own) that may send state-changing requests (the configured CORS origins)."""

    allowed_hosts: frozenset[str] = frozenset(LOOPBACK_NAMES)
    token: str | None = None
    read_only: bool = False
    trusted_origins: frozenset[str] = field(default_factory=frozenset)

    def host_allowed(self, host_header: str) -> bool:
        return host_name(host_header) in self.allowed_hosts


def host_name(netloc: str) -> str:
    """The host part of a Host header or an origin's netloc, lower-cased, without port or brackets."""
    netloc = netloc.strip().lower()
    if netloc.startswith("["):
        return netloc[1 : netloc.find("]")] if "]" in netloc else netloc
    return netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}


async def send_error(send: Send, status: int, detail: str, extra: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class GuardMiddleware:
    """400 for a Host not on the list; 401 without the token (when one is set); 403 for a
    state-changing request from another origin, or for a write to a read-only server."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        refusal = self._refusal(scope, headers)
        if refusal:
            await send_error(send, *refusal)
            return
        if self.guard.token and _query_token(scope) == self.guard.token:
            await self.app(scope, receive, _setting_cookie(send, self.guard.token))
            return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        guard = self.guard
        host = headers.get("host", "")
        if not guard.host_allowed(host):
            return 400, f"host {host_name(host)!r} is not served here (see --allow-host)"
        method, path = scope["method"], scope.get("path", "")
        if guard.token and not path.startswith(OPEN_PATHS) and not _has_token(scope, headers, guard.token):
            return 401, "a token is required: send 'Authorization: Bearer <token>' or open /?token=<token>"
        if method not in SAFE_METHODS and not _same_origin(headers, host, guard.trusted_origins):
            return 403, "cross-origin request refused: Origin/Referer is not this server"
        if guard.read_only and method not in SAFE_METHODS and path.startswith(WRITE_PATHS):
            return 403, "the server is read-only"
        return None


def _same_origin(headers: dict[str, str], host: str, trusted: frozenset[str]) -> bool:
    """The request's Origin (else its Referer) names this server, or a trusted origin; a request with
    neither header comes from a program, not a web page, and passes (the token guards those)."""
    origin = headers.get("origin")
    if origin is None and headers.get("referer"):
        parts = urlsplit(headers["referer"])
        origin = f"{parts.scheme}://{parts.netloc}"
    if origin is None:
        return True
    if origin.rstrip("/") in trusted:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.strip().lower()


def _has_token(scope: Scope, headers: dict[str, str], token: str) -> bool:
    offered = []
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        offered.append(auth[7:].strip())
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is no token
        cookie = SimpleCookie()
    if TOKEN_COOKIE in cookie:
        offered.append(cookie[TOKEN_COOKIE].value)
    if q := _query_token(scope):
        offered.append(q)
    return any(hmac.compare_digest(o.encode(), token.encode()) for o in offered)


def _query_token(scope: Scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[0] if values else None


def _setting_cookie(send: Send, token: str) -> Send:
    """A page opened with ?token= gets the token as a same-site cookie, so the dashboard's own
    requests carry it."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            cookie = f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
            message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie.encode())]}
        await send(message)

    return wrapped


class AccessLogMiddleware:
    """One line per request: method, path (no query, no body), status, duration."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording)
        finally:
            ms = (time.perf_counter() - started) * 1000
            access_log.info("%s %s %d %.1fms", scope["method"], scope.get("path", ""), status, ms)
