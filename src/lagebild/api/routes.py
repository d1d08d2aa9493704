"""Read-only routes: thin wrappers that validate parameters and call `store.queries`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import PurePath
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ..geo.features import feature_collection
from ..geo.points import basemap_bytes
from ..store import queries, stories
from ..store.queries import Dyad, EventFilter
from . import formats

MAX_PAGE = 500  # rows per page; larger requests are refused (422), use offset to page on
MAX_OFFSET = 1_000_000
MAX_EXPORT = 1_000_000  # rows per export file
MAX_EDGES = 2_000
MAX_FEATURES = 10_000  # event mentions placed per map request

router = APIRouter()

PathId = Annotated[str, Path(min_length=1, max_length=200)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows per page (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Level = Literal["actor", "country"]
Country = Annotated[str | None, Query(pattern=r"^[A-Z]{3}$", description="ISO-3 country code")]
Text = Annotated[str | None, Query(min_length=1, max_length=200, description="case-insensitive substring")]


def db(request: Request) -> Iterator:
    """A DuckDB cursor for this request's thread (DuckDB connections are not shared across threads)."""
    cur = request.app.state.cursor()
    try:
        yield cur
    finally:
        cur.close()


Db = Annotated[object, Depends(db)]


def event_filter(
    actor: Annotated[str | None, Query(max_length=200, description="actor id on either side")] = None,
    source: Annotated[str | None, Query(max_length=200, description="source actor id")] = None,
    target: Annotated[str | None, Query(max_length=200, description="target actor id")] = None,
    undirected: Annotated[bool, Query(description="source/target as a dyad in either direction")] = False,
    code: Annotated[str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO code or prefix")] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{2}$", description="CAMEO root")] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,20}$", description="PLOVER category")] = None,
    quad: Annotated[
        int | None,
        Query(
            ge=1, le=4, description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict"
        ),
    ] = None,
    date_from: date | None = None,
    date_to: date | None = None,
    q: Text = None,
    negated: bool | None = None,
    article: Annotated[str | None, Query(max_length=200)] = None,
    level: Annotated[
        Level,
        Query(
            description="actor: actors as they are linked; country: their ISO-3 "
            "countries (actor, source, target are then country codes)"
        ),
    ] = "actor",
) -> EventFilter:
    return EventFilter(
        actor=actor,
        source=source,
        target=target,
        undirected=undirected,
        code=code,
        root=root,
        plover=plover,
        quad=quad,
        date_from=date_from,
        date_to=date_to,
        q=q,
        negated=negated,
        article=article,
        level=level,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


SOURCE_DOC = (
    "dyad source: actor id (ISO-3 code with level=country), as in /events. Articles: those reporting an event "
    "mention with this source; quotes: those this source said in such an article"
)
TARGET_DOC = (
    "dyad target: actor id (ISO-3 code with level=country), as in /events; with source: source → target"
)
UNDIRECTED_DOC = "the dyad in either direction (needs source and target); quotes: said by either side"
LEVEL_DOC = (
    "how source and target are matched: actor (default; actor ids) or country (ISO-3 codes; every actor of a "
    "country, the quote's speaker too, counts for it)"
)


def dyad_filter(
    source: Annotated[str | None, Query(max_length=200, description=SOURCE_DOC)] = None,
    target: Annotated[str | None, Query(max_length=200, description=TARGET_DOC)] = None,
    undirected: Annotated[bool, Query(description=UNDIRECTED_DOC)] = False,
    level: Annotated[Level, Query(description=LEVEL_DOC)] = "actor",
) -> Dyad:
    """The dyad part of the event filters, for lists that are not events (articles, quotes)."""
    errors = []
    if level == "country":
        errors += [
            _error(side, value, "with level=country, source and target are ISO-3 country codes (e.g. IRN)")
            for side, value in (("source", source), ("target", target))
            if value and not re.fullmatch(r"[A-Z]{3}", value)
        ]
    if undirected and not (source and target):
        errors.append(_error("undirected", undirected, "undirected needs both source and target"))
    if errors:
        raise RequestValidationError(errors)
    return Dyad(source=source, target=target, undirected=undirected, level=level)


def _error(name: str, value: object, msg: str) -> dict:
    """One entry of a 422 answer, in the shape FastAPI gives its own validation errors."""
    return {"type": "value_error", "loc": ("query", name), "msg": msg, "input": value}


DyadQuery = Annotated[Dyad, Depends(dyad_filter)]


@router.get("/stats", tags=["store"])
def stats(con: Db) -> dict:
    """Counts, the date range and the codes present (the dashboard's header and filter choices)."""
    return queries.stats(con)


@router.get("/articles", tags=["articles"])
def list_articles(
    con: Db,
    dyad: DyadQuery,
    q: Text = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    country: Country = None,
    language: Literal["de", "en"] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Articles, newest first; `actor` or `country` keeps those mentioning an actor (of that country);
    `source`/`target` keep those reporting at least one event mention of that dyad (as `/events` lists them)."""
    return queries.list_articles(
        con,
        q=q,
        actor=actor,
        country=country,
        language=language,
        date_from=date_from,
        date_to=date_to,
        dyad=dyad,
        limit=limit,
        offset=offset,
    )


@router.get("/articles/{article_id}", tags=["articles"])
def get_article(con: Db, article_id: PathId) -> dict:
    """The stored article record (text with entities, quotes and events by character offsets)."""
    record = queries.get_article(con, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return record


@router.get("/actors", tags=["actors"])
def list_actors(
    con: Db, q: Text = None, country: Country = None, limit: Limit = 50, offset: Offset = 0
) -> dict:
    return queries.list_actors(con, q=q, country=country, limit=limit, offset=offset)


@router.get("/actors/{actor_id}", tags=["actors"])
def actor_profile(con: Db, actor_id: PathId, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50) -> dict:
    """Mentions, roles, names used, quotes, events as source and as target, and partners."""
    profile = queries.actor_profile(con, actor_id, limit=limit)
    if profile is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return profile


@router.get("/events", tags=["events"])
def list_events(
    con: Db,
    f: Filter,
    sort: Literal[tuple(queries.EVENT_SORTS)] = "date_desc",  # type: ignore[valid-type]
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Event mentions, each with its article, sentence and trigger (the evidence), and its story:
    `story_id` and `story_articles` (how many articles report it; null for mentions in no story)."""
    return stories.list_event_mentions(con, f, order=queries.EVENT_SORTS[sort], limit=limit, offset=offset)


@router.get("/events.geojson", tags=["events", "map"])
def events_geojson(
    con: Db,
    f: Filter,
    merged: Annotated[bool, Query(description="one feature per story")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_FEATURES)] = 2_000,
) -> Response:
    """The events of `/events` (same filters, newest first, at most `limit` mentions) as a GeoJSON
    FeatureCollection: each feature a point with the event's fields and `location` (lon, lat, `precision`:
    place | country | target_country | source_country, the place's name and offsets). Events that cannot
    be placed are counted in the collection's `properties.unplaced`."""
    events, places = stories.located_rows(con, f, limit=limit)
    body = feature_collection(events, places, merged=merged)
    return JSONResponse(body, media_type="application/geo+json")


@router.get("/events/volume", tags=["events"])
def event_volume(
    con: Db,
    f: Filter,
    period: Literal[stories.PERIODS] | None = None,  # type: ignore[valid-type]
    merged: Annotated[bool, Query(description="count stories instead of mentions")] = False,
) -> dict:
    """Events per day, week, month or year (chosen from the date range unless given) by quad class for the
    same filters as `/events`; `undated` counts events with neither a date in the text nor a publication date."""
    return stories.volume(con, f, period=period, merged=merged)


@router.get("/stories", tags=["events"])
def list_stories(
    con: Db,
    f: Filter,
    sort: Literal[tuple(stories.STORY_SORTS)] = "articles",  # type: ignore[valid-type]
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Stories: event mentions that agree in dyad, CAMEO root and date (within a day) across articles, with
    `num_articles` ("reported by N articles"), `num_mentions` and the first report's evidence. A story is
    listed when one of its mentions matches the filters of `/events`."""
    return stories.list_stories(con, f, sort=sort, limit=limit, offset=offset)


@router.get("/events/unique", tags=["events"])
def list_unique_events(con: Db, f: Filter, limit: Limit = 50, offset: Offset = 0) -> dict:
    """The same as `/stories` (kept for the dashboard's "merge reports" switch and older clients)."""
    return stories.list_stories(con, f, limit=limit, offset=offset)


@router.get("/stories/{story_id}", tags=["events"])
def get_story(con: Db, story_id: Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")]) -> dict:
    """One story with every event mention reporting it (article title, source, link, sentence, offsets)."""
    story = stories.get_story(con, story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return story


@router.get("/basemap.json", tags=["map"])
def basemap() -> Response:
    """The offline world basemap: Natural Earth 1:110m country outlines (public domain) as [lon, lat] rings."""
    return Response(
        basemap_bytes(), media_type="application/json", headers={"cache-control": "public, max-age=86400"}
    )


@router.get("/names", tags=["actors"])
def names(
    con: Db,
    ids: Annotated[list[str], Query(max_length=50, description="actor ids or ISO-3 codes")],
    level: Level = "actor",
) -> dict:
    """Display names for ids (actors, or countries with level=country); null for an id the store does not know."""
    if any(len(i) > 200 for i in ids):
        raise RequestValidationError([_error("ids", None, "an id is at most 200 characters")])
    return {"level": level, "names": queries.display_names(con, ids, level)}


@router.get("/quotes", tags=["quotes"])
def list_quotes(
    con: Db,
    dyad: DyadQuery,
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    country: Country = None,
    q: Text = None,
    kind: Literal["direct", "indirect"] | None = None,
    article: Annotated[str | None, Query(max_length=200)] = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Quotes, newest first; `speaker` is an actor id, `country` keeps speakers of that country.

    `source`/`target` keep the quotes of a dyad: said by its source (by either side with `undirected`) in an
    article that reports an event mention of the dyad in which the speaker takes part."""
    return queries.list_quotes(
        con,
        speaker=speaker,
        country=country,
        q=q,
        kind=kind,
        article=article,
        date_from=date_from,
        date_to=date_to,
        dyad=dyad,
        limit=limit,
        offset=offset,
    )


@router.get("/quotes/speakers", tags=["quotes"])
def list_speakers(con: Db, limit: Limit = 50, offset: Offset = 0) -> dict:
    """Quotes per speaker (direct, indirect, articles)."""
    return queries.list_speakers(con, limit=limit, offset=offset)


@router.get("/dyads", tags=["dyads"])
def list_dyads(con: Db, f: Filter, limit: Limit = 50, offset: Offset = 0) -> dict:
    return queries.list_dyads(con, f, limit=limit, offset=offset)


@router.get("/dyads/{a}/{b}/timeline", tags=["dyads"])
def dyad_timeline(
    con: Db,
    a: PathId,
    b: PathId,
    period: Literal["day", "week", "month"] = "month",
    directed: bool = False,
    level: Level = "actor",
    date_from: date | None = None,
    date_to: date | None = None,
) -> dict:
    """Events per period by quad class and the mean Goldstein score; by default both directions.

    With `level=country`, `a` and `b` are ISO-3 codes and every actor of those countries counts."""
    for actor in (a, b):
        if not queries.actor_exists(con, actor, level):
            raise HTTPException(404, f"no {level} {actor!r}")
    return queries.dyad_timeline(
        con, a, b, period=period, directed=directed, level=level, date_from=date_from, date_to=date_to
    )


@router.get("/network", tags=["network"])
def network(
    con: Db,
    f: Filter,
    min_weight: Annotated[int, Query(ge=1, le=10_000)] = 1,
    max_edges: Annotated[int, Query(ge=1, le=MAX_EDGES)] = 300,
) -> dict:
    """Actors (node size: mentions) and directed dyads (weight: unique events, colour: mean Goldstein)."""
    return queries.network(con, f, min_weight=min_weight, max_edges=max_edges)


# --- the situation report -----------------------------------------------------------------------


@router.get("/report", tags=["report"], response_class=Response)
def situation_report(
    con: Db,
    request: Request,
    date_from: date | None = None,
    date_to: date | None = None,
    actor: Annotated[str | None, Query(max_length=200, description="focus: an actor id")] = None,
    country: Country = None,
    lang: Literal["de", "en"] = "de",
    format: Literal["html", "md"] = "html",
) -> Response:
    """The situation report (Lagebild) for a period and at most one focus (`actor` or `country`), as HTML or
    Markdown; every number and sentence links to its evidence in this dashboard (see `lagebild report`)."""
    from ..report import build_report, render
    from ..report.write import ReportError, UnknownFocus, check_scope
    from ..store.report import Scope

    if actor and country:
        raise RequestValidationError([_error("country", country, "give actor or country, not both")])
    scope = Scope(date_from=date_from, date_to=date_to, actor=actor, country=country)
    try:
        check_scope(con, scope)
    except ReportError as exc:
        raise HTTPException(404 if isinstance(exc, UnknownFocus) else 422, str(exc)) from None
    store_name = PurePath(request.app.state.store.path).name
    text = render(
        build_report(con, scope, store_name=store_name),
        lang=lang,
        fmt=format,
        link_base="/",
        inline_css=False,
    )
    media = "text/html; charset=utf-8" if format == "html" else "text/markdown; charset=utf-8"
    return Response(text, media_type=media)


# --- exports ------------------------------------------------------------------------------------

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "gexf": "application/gexf+xml",
    "graphml": "application/graphml+xml",
}


def _download(body: bytes, name: str, fmt: str) -> Response:
    return Response(
        body, media_type=MEDIA[fmt], headers={"content-disposition": f'attachment; filename="{name}.{fmt}"'}
    )


@router.get("/export/events.{fmt}", tags=["exports"])
def export_events(con: Db, f: Filter, fmt: Literal["csv", "parquet"]) -> Response:
    table = queries.events_table(con, f, limit=MAX_EXPORT)
    body = formats.table_csv(table) if fmt == "csv" else formats.table_parquet(table)
    return _download(body, "events", fmt)


@router.get("/export/quotes.{fmt}", tags=["exports"])
def export_quotes(
    con: Db,
    dyad: DyadQuery,
    fmt: Literal["csv", "parquet"],
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    country: Country = None,
    q: Text = None,
    kind: Literal["direct", "indirect"] | None = None,
) -> Response:
    table = queries.quotes_table(
        con, speaker=speaker, country=country, q=q, kind=kind, dyad=dyad, limit=MAX_EXPORT
    )
    body = formats.table_csv(table) if fmt == "csv" else formats.table_parquet(table)
    return _download(body, "quotes", fmt)


@router.get("/export/network.{fmt}", tags=["exports"])
def export_network(
    con: Db,
    f: Filter,
    fmt: Literal["gexf", "graphml"],
    min_weight: Annotated[int, Query(ge=1, le=10_000)] = 1,
    max_edges: Annotated[int, Query(ge=1, le=MAX_EDGES)] = MAX_EDGES,
) -> Response:
    net = queries.network(con, f, min_weight=min_weight, max_edges=max_edges)
    body = formats.network_gexf(net) if fmt == "gexf" else formats.network_graphml(net)
    return _download(body, "network", fmt)
