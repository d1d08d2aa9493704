"""The HTTP API and the dashboard: `create_app(store)` builds the app, `serve(db)` runs it with uvicorn.

The server holds the store file only while it answers: each request reads through a read-only
connection it shares with the requests running at the same time (`Store.session`), so `lagebild
ingest`, `watch`, `summary`, `export` and plain SQL can use the file between requests, and what they
store shows up at the next request. Writes (POST /articles) take the file for one short transaction.
Analysis runs in a worker process with a per-document time limit. Defaults are safe: loopback bind,
a Host allow-list, same-origin checks on writes, an optional token, no CORS unless configured, a
request body limit, capped pages and error bodies, no path parameter ever reaches the file system.
"""

from __future__ import annotations

import logging
import os
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, field_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..batch import IngestReport, ingest_window
from ..errors import InputError
from ..ingest.decode import scrub_surrogates
from ..ingest.sources import RawDoc
from ..resources import data_path
from ..store.db import Store
from .analysis import DEFAULT_TIMEOUT, AnalysisService, AnalysisTimeout, upload_items
from .guard import LOOPBACK_NAMES, AccessLogMiddleware, Guard, GuardMiddleware, is_loopback
from .limits import DEFAULT_MAX_BODY, BodyLimitMiddleware, SecurityHeadersMiddleware
from .routes import router

log = logging.getLogger(__name__)

MAX_DOCS_PER_REQUEST = 500
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MAX_ERROR_VALUE = 200  # characters of an input echoed in a 422 answer
TEST_CLIENT_HOST = "testserver"  # the Host Starlette's TestClient sends; not a name a browser resolves

__all__ = ["ServeOptions", "create_app", "is_loopback", "serve"]


def _real_day(value: str | None) -> str | None:
    """A publication date must be a day that exists (2023-02-30 is refused with a 422)."""
    if value is not None:
        date.fromisoformat(value)
    return value


class Document(BaseModel):
    """One document to analyse: plain text, or an HTML page with `html: true`."""

    text: str = Field(min_length=1, description="article text, or HTML when `html` is true")
    html: bool = False
    id: str | None = Field(None, max_length=200, pattern=r"^[\w.:-]+$")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(
        None, pattern=DATE_PATTERN, description="this document's own publication date (wins over a page's)"
    )
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200)
    language: str | None = Field(None, pattern=r"^(de|en)$")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text is empty")
        return v

    @field_validator("published")
    @classmethod
    def _existing_day(cls, v: str | None) -> str | None:
        return _real_day(v)

    def raw(self, name: str, default_published: str | None = None) -> RawDoc:
        return RawDoc(
            name=name, text=None if self.html else self.text, html=self.text if self.html else None, id=self.id,
            title=self.title, published=self.published, url=self.url, source=self.source, language=self.language,
            default_published=default_published,
        )  # fmt: skip


class Documents(BaseModel):
    documents: list[Document] = Field(min_length=1, max_length=MAX_DOCS_PER_REQUEST)


Published = Annotated[
    date | None,
    Query(description="publication date (YYYY-MM-DD) for documents without one of their own; a page's or "
                      "record's own date wins"),
]  # fmt: skip


def _clip(value, limit: int = MAX_ERROR_VALUE):
    """An error echoes the input: long strings and lists are cut, lone surrogates become U+FFFD."""
    if isinstance(value, str):
        value = scrub_surrogates(value)
        return value if len(value) <= limit else f"{value[:limit]}… ({len(value):,} characters)"
    if isinstance(value, dict):
        return {k: _clip(v, limit) for k, v in list(value.items())[:50]}
    if isinstance(value, list | tuple):
        return [_clip(v, limit) for v in value[:20]] + (
            [f"… ({len(value):,} items)"] if len(value) > 20 else []
        )
    return value


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    return JSONResponse({"detail": _clip(jsonable_encoder(exc.errors()))}, status_code=422)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = _clip(exc.detail, 1000)
    return JSONResponse(
        {"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None)
    )


def _error(exc: InputError) -> dict:
    return {"name": exc.name, "reason": exc.reason}


class _Reader:
    """One request's read-only cursor; `close()` hands the store back (see `Store.session`)."""

    def __init__(self, store: Store) -> None:
        self._session = store.session()
        self._cursor = self._session.__enter__()

    def __getattr__(self, name: str):
        return getattr(self._cursor, name)

    def close(self) -> None:
        self._session.__exit__(None, None, None)


@dataclass
class _Context:
    """What the route builders share: the store, the analysis worker, one writer at a time."""

    store: Store
    analysis: AnalysisService
    max_body: int
    write_lock: threading.Lock


def create_app(
    store_path_or_store: str | Path | Store,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    analysis_timeout: float = DEFAULT_TIMEOUT,
    cors_origins: list[str] | None = None,
    allowed_hosts: list[str] | tuple[str, ...] | None = None,
    token: str | None = None,
    read_only: bool = False,
) -> FastAPI:
    """The app over a store (a path is opened, read-write with its migrations unless `read_only`).

    `allowed_hosts` defaults to the loopback names (and the TestClient's); `token`, when set, is
    required on every request but /health.
    """
    own_store = not isinstance(store_path_or_store, Store)
    store = Store(store_path_or_store, read_only=read_only) if own_store else store_path_or_store
    ctx = _Context(store, AnalysisService(timeout=analysis_timeout), max_body, threading.Lock())
    app = _new_app(ctx, own_store)
    _add_analysis_routes(app, ctx)
    _add_article_routes(app, ctx)
    _add_dashboard(app)
    hosts = (*LOOPBACK_NAMES, TEST_CLIENT_HOST) if allowed_hosts is None else allowed_hosts
    guard = Guard(frozenset(h.lower() for h in hosts), token, read_only, frozenset(cors_origins or ()))
    _add_middleware(app, guard, cors_origins, max_body)
    return app


def _new_app(ctx: _Context, own_store: bool) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        ctx.analysis.close()
        if own_store:
            ctx.store.close()

    app = FastAPI(
        title="lagebild", version=__version__, lifespan=lifespan,
        description="The situation picture: who said and did what to whom, when, with evidence.",
    )  # fmt: skip
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.state.store = ctx.store
    app.state.analysis = ctx.analysis
    app.state.max_body = ctx.max_body
    app.state.cursor = lambda: _Reader(ctx.store)
    app.include_router(router)
    return app


async def _upload(files: list[UploadFile], max_body: int, published: date | None) -> list:
    items = [item for f in files for item in upload_items(f.filename, await f.read(max_body + 1), max_body)]
    if len(items) > MAX_DOCS_PER_REQUEST:
        raise HTTPException(413, f"too many documents ({len(items)}; limit {MAX_DOCS_PER_REQUEST})")
    if published:
        for item in items:
            if isinstance(item, RawDoc):
                item.default_published = published.isoformat()
    return items


def _add_analysis_routes(app: FastAPI, ctx: _Context) -> None:
    def analyse_one(raw: RawDoc) -> dict:
        result = ctx.analysis.run(raw)
        if isinstance(result, AnalysisTimeout):
            raise HTTPException(504, str(result))
        if isinstance(result, InputError):
            raise HTTPException(422, str(result))
        return result.article.to_dict()

    @app.post("/analyze", tags=["analysis"])
    def analyze(doc: Document, published: Published = None) -> dict:
        """Analyse one text or HTML page and return its article record (nothing is stored)."""
        return analyse_one(doc.raw("<request>", published.isoformat() if published else None))

    @app.post("/analyze/upload", tags=["analysis"])
    async def analyze_upload(
        files: Annotated[list[UploadFile], File(description=".txt .html .json .jsonl")],
        published: Published = None,
    ) -> dict:
        """Analyse uploaded files (read in memory, never stored or executed); records and per-document errors."""
        articles, errors = [], []
        for item in await _upload(files, ctx.max_body, published):
            if not isinstance(item, RawDoc | InputError):
                continue  # a note about how a file was read
            result = item if isinstance(item, InputError) else await run_in_threadpool(ctx.analysis.run, item)
            if isinstance(result, InputError):
                errors.append(_error(result))
            else:
                articles.append(result.article.to_dict())
        return {"articles": articles, "errors": errors}


def _add_article_routes(app: FastAPI, ctx: _Context) -> None:
    def ingest(items: list) -> dict:
        report = IngestReport()
        try:
            with ctx.write_lock:
                ingest_window(items, ctx.store, ctx.analysis, report)
        except Exception as exc:
            log.exception("ingest failed")
            raise HTTPException(503, f"the store could not be written: {exc.__class__.__name__}") from None
        return {"read": report.read, "stored": report.stored, "unchanged": report.unchanged,
                "failed": report.failed, "errors": [_error(e) for e in report.errors], "ids": report.ids}  # fmt: skip

    @app.post("/articles", tags=["articles"], status_code=201)
    def post_articles(body: Documents, published: Published = None) -> dict:
        """Analyse and store documents (idempotent: an unchanged article is not stored twice)."""
        default = published.isoformat() if published else None
        return ingest([d.raw(f"<request>[{i}]", default) for i, d in enumerate(body.documents)])

    @app.post("/articles/upload", tags=["articles"], status_code=201)
    async def post_articles_upload(
        files: Annotated[list[UploadFile], File()], published: Published = None
    ) -> dict:
        """Analyse and store uploaded .txt/.html/.json/.jsonl files (read in memory, never executed)."""
        return await run_in_threadpool(ingest, await _upload(files, ctx.max_body, published))


def _add_dashboard(app: FastAPI) -> None:
    web = data_path("web", "static")
    app.mount("/static", StaticFiles(directory=str(web)), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(web / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/health", tags=["store"])
    def health() -> dict:
        return {"status": "ok", "version": __version__}


def _add_middleware(app: FastAPI, guard: Guard, cors_origins: list[str] | None, max_body: int) -> None:
    """Innermost first: CORS, security headers, the body limit, the guard, the access log outermost."""
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["content-type", "authorization"])  # fmt: skip
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body)
    app.add_middleware(GuardMiddleware, guard=guard)
    app.add_middleware(AccessLogMiddleware)


_is_loopback = is_loopback  # the earlier private name


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    allow_hosts: tuple[str, ...] = ()
    token: str | None = None
    read_only: bool = False


def serve_hosts(options: ServeOptions) -> list[str]:
    """The Host names answered: the loopback names, the bound address (unless a wildcard), and --allow-host."""
    hosts = list(LOOPBACK_NAMES)
    if options.host not in ("0.0.0.0", "::", ""):
        hosts.append(options.host.strip("[]"))
    return hosts + [h.strip().lower() for h in options.allow_hosts if h.strip()]


def serve(db_path: str | Path, options: ServeOptions | None = None) -> None:
    """Run the API and dashboard on the store at `db_path` (loopback by default).

    CORS stays off unless LAGEBILD_CORS_ORIGINS lists origins (comma-separated); LAGEBILD_MAX_BODY and
    LAGEBILD_ANALYSIS_TIMEOUT override the body limit (bytes) and the per-document time (seconds).
    """
    import uvicorn

    options = options or ServeOptions()
    origins = [o.strip() for o in os.environ.get("LAGEBILD_CORS_ORIGINS", "").split(",") if o.strip()]
    app = create_app(
        db_path,
        max_body=int(os.environ.get("LAGEBILD_MAX_BODY", DEFAULT_MAX_BODY)),
        analysis_timeout=float(os.environ.get("LAGEBILD_ANALYSIS_TIMEOUT", DEFAULT_TIMEOUT)),
        cors_origins=origins or None,
        allowed_hosts=serve_hosts(options),
        token=options.token,
        read_only=options.read_only,
    )
    _log_to_stderr()
    app.state.analysis.warm()
    where = f"http://{options.host}:{options.port}/"
    mode = " (read-only)" if options.read_only else ""
    print(f"lagebild: serving {db_path}{mode} on {where} (API docs at /docs)", flush=True)
    if options.token:
        print(f"lagebild: open {where}?token=… with your token once; API clients send 'Authorization: Bearer …'",
              flush=True)  # fmt: skip
    uvicorn.run(app, host=options.host, port=options.port, log_level="warning", server_header=False,
                limit_concurrency=64, timeout_keep_alive=5)  # fmt: skip


def _log_to_stderr() -> None:
    """The access log (one line per request) on stderr, whatever the CLI's log level."""
    from .guard import access_log

    if not access_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
