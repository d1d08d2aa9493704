"""The HTTP API and the dashboard: `create_app(store)` builds the app, `serve(db)` runs it with uvicorn.

One process holds the store's single DuckDB connection: reads get a cursor per request thread, writes
(POST /articles) go through that connection one at a time under a lock. Analysis runs in a worker
process with a per-document time limit. Defaults are safe: loopback bind, no CORS unless configured,
a request body limit, capped pages, no path parameter ever reaches the file system.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, File, HTTPException, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, field_validator
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..batch import IngestReport, ingest_window
from ..errors import InputError
from ..ingest.decode import scrub_surrogates
from ..ingest.sources import RawDoc
from ..resources import data_path
from ..store.db import Store
from .analysis import DEFAULT_TIMEOUT, AnalysisService, AnalysisTimeout, upload_items
from .limits import DEFAULT_MAX_BODY, BodyLimitMiddleware, SecurityHeadersMiddleware
from .routes import router

log = logging.getLogger(__name__)

MAX_DOCS_PER_REQUEST = 500
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class Document(BaseModel):
    """One document to analyse: plain text, or an HTML page with `html: true`."""

    text: str = Field(min_length=1, description="article text, or HTML when `html` is true")
    html: bool = False
    id: str | None = Field(None, max_length=200, pattern=r"^[\w.:-]+$")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, pattern=DATE_PATTERN)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200)
    language: str | None = Field(None, pattern=r"^(de|en)$")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text is empty")
        return v

    def raw(self, name: str) -> RawDoc:
        return RawDoc(
            name=name,
            text=None if self.html else self.text,
            html=self.text if self.html else None,
            id=self.id,
            title=self.title,
            published=self.published,
            url=self.url,
            source=self.source,
            language=self.language,
        )


class Documents(BaseModel):
    documents: list[Document] = Field(min_length=1, max_length=MAX_DOCS_PER_REQUEST)


def _scrub(value):
    """Validation errors echo the input; a lone surrogate in it (a JSON escape such as \\ud800) could not
    be written as UTF-8, so it becomes U+FFFD."""
    if isinstance(value, str):
        return scrub_surrogates(value)
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    return value


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    return JSONResponse({"detail": _scrub(jsonable_encoder(exc.errors()))}, status_code=422)


def _error(exc: InputError) -> dict:
    return {"name": exc.name, "reason": exc.reason}


def create_app(
    store_path_or_store: str | Path | Store,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    analysis_timeout: float = DEFAULT_TIMEOUT,
    cors_origins: list[str] | None = None,
) -> FastAPI:
    """The app over a store (a path is opened read-write; its migrations are applied)."""
    store = store_path_or_store if isinstance(store_path_or_store, Store) else Store(store_path_or_store)
    own_store = not isinstance(store_path_or_store, Store)
    analysis = AnalysisService(timeout=analysis_timeout)
    cursor_lock = threading.Lock()
    write_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        analysis.close()
        if own_store:
            store.close()

    app = FastAPI(
        title="lagebild",
        version=__version__,
        lifespan=lifespan,
        description="The situation picture: who said and did what to whom, when, with evidence.",
    )
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.state.store = store
    app.state.analysis = analysis
    app.state.max_body = max_body

    def cursor():
        with cursor_lock:
            return store.con.cursor()

    app.state.cursor = cursor
    app.include_router(router)

    def analyse_one(raw: RawDoc) -> dict:
        result = analysis.run(raw)
        if isinstance(result, AnalysisTimeout):
            raise HTTPException(504, str(result))
        if isinstance(result, InputError):
            raise HTTPException(422, str(result))
        article, _ = result
        return article.to_dict()

    @app.post("/analyze", tags=["analysis"])
    def analyze(doc: Document) -> dict:
        """Analyse one text or HTML page and return its article record (nothing is stored)."""
        return analyse_one(doc.raw("<request>"))

    @app.post("/analyze/upload", tags=["analysis"])
    async def analyze_upload(
        files: Annotated[list[UploadFile], File(description=".txt .html .json .jsonl")],
    ) -> dict:
        """Analyse uploaded files (read in memory, never stored or executed); records and per-document errors."""
        items = [
            item for f in files for item in upload_items(f.filename, await f.read(max_body + 1), max_body)
        ]
        if len(items) > MAX_DOCS_PER_REQUEST:
            raise HTTPException(413, f"too many documents ({len(items)}; limit {MAX_DOCS_PER_REQUEST})")
        articles, errors = [], []
        for item in items:
            result = item if isinstance(item, InputError) else await run_in_threadpool(analysis.run, item)
            if isinstance(result, InputError):
                errors.append(_error(result))
            else:
                articles.append(result[0].to_dict())
        return {"articles": articles, "errors": errors}

    def ingest(items: list) -> dict:
        report = IngestReport()
        try:
            with write_lock:
                ingest_window(items, store, analysis, report)  # type: ignore[arg-type]
        except Exception as exc:
            log.exception("ingest failed")
            raise HTTPException(503, f"the store could not be written: {exc.__class__.__name__}") from None
        failed = {e.name for e in report.errors}
        return {
            "read": report.read,
            "stored": report.stored,
            "unchanged": report.unchanged,
            "failed": report.failed,
            "errors": [_error(e) for e in report.errors],
            "ids": [i.doc_id() for i in items if isinstance(i, RawDoc) and i.name not in failed],
        }

    @app.post("/articles", tags=["articles"], status_code=201)
    def post_articles(body: Documents) -> dict:
        """Analyse and store documents (idempotent: an unchanged article is not stored twice)."""
        return ingest([d.raw(f"<request>[{i}]") for i, d in enumerate(body.documents)])

    @app.post("/articles/upload", tags=["articles"], status_code=201)
    async def post_articles_upload(files: Annotated[list[UploadFile], File()]) -> dict:
        """Analyse and store uploaded .txt/.html/.json/.jsonl files (read in memory, never executed)."""
        items = [
            item for f in files for item in upload_items(f.filename, await f.read(max_body + 1), max_body)
        ]
        if len(items) > MAX_DOCS_PER_REQUEST:
            raise HTTPException(413, f"too many documents ({len(items)}; limit {MAX_DOCS_PER_REQUEST})")
        return await run_in_threadpool(ingest, items)

    web = data_path("web", "static")
    app.mount("/static", StaticFiles(directory=str(web)), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(web / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/health", tags=["store"])
    def health() -> dict:
        return {"status": "ok", "version": __version__}

    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["content-type"],
        )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body)
    return app


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API and dashboard on the store at `db_path` (loopback by default).

    CORS stays off unless LAGEBILD_CORS_ORIGINS lists origins (comma-separated); LAGEBILD_MAX_BODY and
    LAGEBILD_ANALYSIS_TIMEOUT override the body limit (bytes) and the per-document time (seconds).
    """
    import uvicorn

    if not _is_loopback(host):
        log.warning("binding to %s: the API is reachable from other machines and has no authentication", host)
    origins = [o.strip() for o in os.environ.get("LAGEBILD_CORS_ORIGINS", "").split(",") if o.strip()]
    app = create_app(
        db_path,
        max_body=int(os.environ.get("LAGEBILD_MAX_BODY", DEFAULT_MAX_BODY)),
        analysis_timeout=float(os.environ.get("LAGEBILD_ANALYSIS_TIMEOUT", DEFAULT_TIMEOUT)),
        cors_origins=origins or None,
    )
    app.state.analysis.warm()
    print(f"lagebild: serving {db_path} on http://{host}:{port}/ (API docs at /docs)", flush=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        limit_concurrency=64,
        timeout_keep_alive=5,
    )
