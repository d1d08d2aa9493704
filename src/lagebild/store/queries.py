"""Read queries over the store: the CLI summary and everything the HTTP API serves.

Every function takes a DuckDB connection (the API passes a cursor per request thread) and returns
plain dicts. Values always go in as parameters; the only SQL fragments chosen at run time are picked
from fixed tables in this module (sort orders, periods), never built from a caller's string.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from .db import Store

PERIODS = ("day", "week", "month")
EVENT_SORTS = {
    "date_desc": "day DESC NULLS LAST, article_id, idx",
    "date_asc": "day ASC NULLS LAST, article_id, idx",
    "goldstein_asc": "goldstein ASC NULLS LAST, day DESC, article_id, idx",
    "goldstein_desc": "goldstein DESC NULLS LAST, day DESC, article_id, idx",
}
# Who a dyad is made of: actors (persons, organisations, states) or the countries they belong to.
LEVELS = {"actor": ("source_actor_id", "target_actor_id"), "country": ("source_country", "target_country")}
QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def summary(store: Store, limit: int = 10) -> dict:
    out = {t: store.count(t) for t in ("articles", "entities", "quotes", "events", "actors")}
    out["top_actors"] = store.query(
        "SELECT a.name, a.code, count(*) AS mentions FROM entities e JOIN actors a ON a.id = e.actor_id "
        "GROUP BY a.name, a.code ORDER BY mentions DESC, a.name LIMIT ?",
        [limit],
    )
    out["speakers"] = store.query(
        "SELECT coalesce(a.name, q.speaker_text) AS speaker, count(*) AS quotes FROM quotes q "
        "LEFT JOIN actors a ON a.id = q.speaker_actor_id WHERE q.speaker_text IS NOT NULL "
        "GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT ?",
        [limit],
    )
    out["dyads"] = store.query(
        # by country (an organisation by its code): Raisi and Teheran both speak for IRN
        "SELECT coalesce(s.country, s.code) AS source, coalesce(t.country, t.code) AS target, "
        "count(*) AS events, avg(e.goldstein) AS goldstein FROM events e "
        "JOIN actors s ON s.id = e.source_actor_id JOIN actors t ON t.id = e.target_actor_id "
        "WHERE NOT e.negated AND coalesce(s.country, s.code) <> coalesce(t.country, t.code) "
        "GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?",
        [limit],
    )
    return out


# --- helpers ------------------------------------------------------------------------------------


def _rows(con, sql: str, params: list | tuple = ()) -> list[dict]:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [_plain(dict(zip(cols, row, strict=True))) for row in cur.fetchall()]


def _one(con, sql: str, params: list | tuple = ()) -> dict | None:
    rows = _rows(con, sql, params)
    return rows[0] if rows else None


def _plain(row: dict) -> dict:
    """JSON-ready values: dates as ISO strings."""
    for k, v in row.items():
        if isinstance(v, date):
            row[k] = v.isoformat()
    return row


@contextmanager
def snapshot(con) -> Iterator[None]:
    """Several reads from one snapshot (a write committed in between cannot make them disagree)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    finally:
        con.execute("COMMIT")


def _page(con, base_sql: str, params: list, order: str, limit: int, offset: int) -> dict:
    """One page of `base_sql` (a SELECT without ORDER/LIMIT) and the total row count, from one snapshot."""
    with snapshot(con):
        total = con.execute(f"SELECT count(*) FROM ({base_sql})", params).fetchone()[0]
        items = _rows(con, f"{base_sql} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


# --- filters ------------------------------------------------------------------------------------


class Where:
    """A WHERE clause built from optional filters: a condition is added only when its value is given,
    and every value goes in as a parameter."""

    def __init__(self) -> None:
        self.conds: list[str] = []
        self.params: list[Any] = []

    def add(self, cond: str, value: Any, *, times: int = 1) -> None:
        """Add `cond` (with `times` placeholders for the value) when the value is truthy."""
        if value:
            self.when(True, cond, *([value] * times))

    def when(self, flag: bool, cond: str, *params: Any) -> None:
        if flag:
            self.conds.append(cond)
            self.params += params

    @property
    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.conds)) if self.conds else ""


@dataclass(slots=True)
class EventFilter:
    """What a user can narrow events by. `undirected` makes source/target a dyad in either direction;
    with `level="country"`, actor, source and target are ISO-3 country codes matched against the actors'
    countries (Raisi and Iran both count as IRN)."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    undirected: bool = False
    code: str | None = None
    root: str | None = None
    plover: str | None = None
    quad: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None
    negated: bool | None = None
    article: str | None = None
    level: str = "actor"


def _event_where(f: EventFilter, *, unique: bool = False, also: tuple[str, ...] = ()) -> tuple[str, list]:
    """WHERE clause over `event_facts` (or `unique_events` with unique=True) for a filter, plus the
    caller's own fixed conditions (`also`)."""
    w = Where()
    for cond in also:
        w.when(True, cond)
    src, tgt = LEVELS[f.level]
    w.add(f"({src} = ? OR {tgt} = ?)", f.actor, times=2)
    if f.source and f.target and f.undirected:
        w.when(
            True,
            f"(({src} = ? AND {tgt} = ?) OR ({src} = ? AND {tgt} = ?))",
            f.source,
            f.target,
            f.target,
            f.source,
        )
    else:
        w.add(f"{src} = ?", f.source)
        w.add(f"{tgt} = ?", f.target)
    w.add("starts_with(code, ?)", f.code)
    w.add("root = ?", f.root)
    w.add("plover = ?", f.plover.upper() if f.plover else None)
    w.add("quad_class = ?", f.quad)
    w.add("day >= ?", f.date_from)
    w.add("day <= ?", f.date_to)
    if not unique:
        w.add(
            "(contains(lower(sentence), lower(?)) OR contains(lower(coalesce(source_name, source_text, '')), "
            "lower(?)) OR contains(lower(coalesce(target_name, target_text, '')), lower(?)) "
            "OR contains(lower(name), lower(?)))",
            f.q,
            times=4,
        )
        w.when(f.negated is not None, "negated = ?", f.negated)
        w.add("article_id = ?", f.article)
    else:
        w.add("list_contains(article_ids, ?)", f.article)
    return w.sql, w.params


@dataclass(slots=True)
class Dyad:
    """Source → target as `/events` takes them (the same `_event_where` conditions), for the lists that are
    not events themselves: an article belongs to a dyad when it reports at least one event mention of it
    (negated mentions included, as `/events` lists them); a quote when, in addition, its speaker is the
    dyad's source (either side when `undirected`) in one of those events. Either side may be missing,
    as in `/events`; `undirected` only counts with both. With `level="country"` both sides and the
    speaker are compared by ISO-3 country."""

    source: str | None = None
    target: str | None = None
    undirected: bool = False
    level: str = "actor"

    def __bool__(self) -> bool:
        return bool(self.source or self.target)

    def events_where(self, *also: str) -> tuple[str, list]:
        f = EventFilter(source=self.source, target=self.target, undirected=self.undirected, level=self.level)
        return _event_where(f, also=also)


# The speaker of a quote at each level, as columns of `quotes q LEFT JOIN actors s` (see list_quotes).
SPEAKER = {"actor": "q.speaker_actor_id", "country": "s.country"}


def _dyad_articles(w: Where, dyad: Dyad | None, article_col: str) -> None:
    """Keep rows whose article reports an event mention of the dyad."""
    if dyad:
        where, params = dyad.events_where()
        w.when(True, f"{article_col} IN (SELECT article_id FROM event_facts{where})", *params)


def _dyad_quotes(w: Where, dyad: Dyad | None) -> None:
    """Keep quotes whose speaker takes part, as source (either side when undirected), in an event mention of
    the dyad reported by the quote's own article."""
    if not dyad:
        return
    src, tgt = LEVELS[dyad.level]
    spk = SPEAKER[dyad.level]
    either = bool(dyad.source and dyad.target and dyad.undirected)
    side = f"(ef.{src} = {spk} OR ef.{tgt} = {spk})" if either else f"ef.{src} = {spk}"
    where, params = dyad.events_where("ef.article_id = q.article_id", side)
    w.when(True, f"EXISTS (SELECT 1 FROM event_facts ef{where})", *params)


EVENT_COLUMNS = (
    "article_id, idx, code, root, name, plover, quad_class, goldstein, day, date_text, date_precision, "
    "negated, "
    "source_actor_id, source_name, source_country, source_text, source_start, source_end, "
    "target_actor_id, target_name, target_country, target_text, target_start, target_end, "
    "trigger_text, trigger_start, trigger_end, sentence_start, sentence_end, sentence, article_title, rule"
)
UNIQUE_COLUMNS = (
    "source_actor_id, source_name, source_country, target_actor_id, target_name, target_country, code, root, name, plover, quad_class, day, "
    "goldstein, num_mentions, num_articles, first_article_id, article_ids"
)


# --- articles -----------------------------------------------------------------------------------


def list_articles(
    con,
    *,
    q: str | None = None,
    actor: str | None = None,
    country: str | None = None,
    language: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    dyad: Dyad | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict:
    """Articles, newest first; with a dyad, those reporting at least one event mention of it."""
    w = Where()
    w.add(
        "(contains(lower(coalesce(a.title, '')), lower(?)) OR contains(lower(a.text), lower(?)))", q, times=2
    )
    w.add("a.id IN (SELECT article_id FROM entities WHERE actor_id = ?)", actor)
    w.add(
        "a.id IN (SELECT e.article_id FROM entities e JOIN actors c ON c.id = e.actor_id WHERE c.country = ?)",
        country,
    )
    w.add("a.language = ?", language)
    w.add("a.published >= ?", date_from)
    w.add("a.published <= ?", date_to)
    _dyad_articles(w, dyad, "a.id")
    where, params = w.sql, w.params
    page = _page(
        con,
        f"SELECT a.id, a.title, a.published, a.source, a.url, a.language FROM articles a{where}",
        params,
        "published DESC NULLS LAST, id",
        limit,
        offset,
    )
    ids = [r["id"] for r in page["items"]]
    if ids:
        counts = {
            r["article_id"]: r
            for r in _rows(
                con,
                "SELECT id AS article_id, "
                "(SELECT count(*) FROM entities WHERE article_id = x.id) AS entities, "
                "(SELECT count(*) FROM quotes WHERE article_id = x.id) AS quotes, "
                "(SELECT count(*) FROM events WHERE article_id = x.id) AS events "
                "FROM (SELECT unnest(?) AS id) x",
                [ids],
            )
        }
        for r in page["items"]:
            c = counts[r["id"]]
            r.update(entities=c["entities"], quotes=c["quotes"], events=c["events"])
    return page


def get_article(con, article_id: str) -> dict | None:
    row = _one(
        con,
        "SELECT record, pipeline_version, content_hash, ingested_at FROM articles WHERE id = ?",
        [article_id],
    )
    if row is None:
        return None
    record = json.loads(row["record"])
    record["stored"] = {
        "pipeline_version": row["pipeline_version"],
        "content_hash": row["content_hash"],
        "ingested_at": row["ingested_at"],
    }
    return record


# --- actors -------------------------------------------------------------------------------------


def list_actors(
    con, *, q: str | None = None, country: str | None = None, limit: int = 50, offset: int = 0
) -> dict:
    w = Where()
    w.add("(contains(lower(name), lower(?)) OR lower(id) = lower(?) OR lower(code) = lower(?))", q, times=3)
    w.add("country = ?", country.upper() if country else None)
    return _page(con, f"SELECT * FROM actor_stats{w.sql}", w.params, "mentions DESC, name, id", limit, offset)


def actor_profile(con, actor_id: str, *, limit: int = 50) -> dict | None:
    """One actor across the store: counts, roles, names used, articles, quotes, events, partners."""
    row = _one(con, "SELECT * FROM actor_stats WHERE id = ?", [actor_id])
    if row is None:
        return None
    actor = {k: row.pop(k) for k in ("id", "name", "code", "country")}
    actor["counts"] = row
    actor["roles"] = _rows(
        con,
        "SELECT role, count(*) AS mentions FROM entities WHERE actor_id = ? AND role IS NOT NULL "
        "GROUP BY role ORDER BY mentions DESC, role LIMIT ?",
        [actor_id, limit],
    )
    actor["names"] = _rows(
        con,
        "SELECT text, count(*) AS mentions FROM entities WHERE actor_id = ? "
        "GROUP BY text ORDER BY mentions DESC, text LIMIT ?",
        [actor_id, limit],
    )
    actor["recent_articles"] = _rows(
        con,
        "SELECT id, title, published FROM articles WHERE id IN "
        "(SELECT article_id FROM entities WHERE actor_id = ?) ORDER BY published DESC NULLS LAST, id LIMIT ?",
        [actor_id, limit],
    )
    actor["quotes"] = list_quotes(con, speaker=actor_id, limit=limit)["items"]
    for side in ("source", "target"):
        actor[f"events_as_{side}"] = _rows(
            con,
            f"SELECT {EVENT_COLUMNS} FROM event_facts WHERE {side}_actor_id = ? "
            "ORDER BY day DESC NULLS LAST, article_id, idx LIMIT ?",
            [actor_id, limit],
        )
    actor["partners"] = _rows(
        con,
        "SELECT other AS id, any_value(a.name) AS name, sum(events) AS events, "
        "sum(goldstein_sum) / nullif(sum(goldstein_n), 0) AS goldstein FROM ("
        " SELECT CASE WHEN source_actor_id = ? THEN target_actor_id ELSE source_actor_id END AS other,"
        " events, goldstein_sum, goldstein_n FROM dyad_daily WHERE source_actor_id = ? OR target_actor_id = ?"
        ") d LEFT JOIN actors a ON a.id = d.other WHERE other <> ? "
        "GROUP BY other ORDER BY events DESC, other LIMIT ?",
        [actor_id, actor_id, actor_id, actor_id, limit],
    )
    return actor


def actor_exists(con, actor_id: str, level: str = "actor") -> bool:
    col = {"actor": "id", "country": "country"}[level]
    return con.execute(f"SELECT count(*) FROM actors WHERE {col} = ?", [actor_id]).fetchone()[0] > 0


def country_names(con, codes: list[str]) -> dict[str, str]:
    """ISO-3 code -> display name, from the state actor whose code is the country code (else the code)."""
    rows = con.execute(
        "SELECT country, arg_min(name, length(id)) FROM actors WHERE code = country AND country IN "
        "(SELECT unnest(?)) GROUP BY country",
        [codes],
    ).fetchall()
    return {c: c for c in codes} | dict(rows)


def display_names(con, ids: list[str], level: str = "actor") -> dict[str, str | None]:
    """id -> display name (None for an id the store does not know): actor names, or country names."""
    if level == "country":
        known = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT country FROM actors WHERE country IN (SELECT unnest(?))", [ids]
            ).fetchall()
        }
        names = country_names(con, sorted(known))
        return {i: names.get(i) for i in ids}
    rows = dict(con.execute("SELECT id, name FROM actors WHERE id IN (SELECT unnest(?))", [ids]).fetchall())
    return {i: rows.get(i) for i in ids}


# --- events -------------------------------------------------------------------------------------


def list_events(con, f: EventFilter, *, sort: str = "date_desc", limit: int = 50, offset: int = 0) -> dict:
    where, params = _event_where(f)
    return _page(
        con, f"SELECT {EVENT_COLUMNS} FROM event_facts{where}", params, EVENT_SORTS[sort], limit, offset
    )


def list_unique_events(con, f: EventFilter, *, limit: int = 50, offset: int = 0) -> dict:
    where, params = _event_where(f, unique=True)
    return _page(
        con,
        f"SELECT {UNIQUE_COLUMNS} FROM unique_events{where}",
        params,
        "num_articles DESC, num_mentions DESC, day DESC NULLS LAST, source_actor_id, target_actor_id, code",
        limit,
        offset,
    )


def events_table(con, f: EventFilter, *, limit: int) -> pa.Table:
    """Events for export (Arrow table: the API writes it as CSV or Parquet)."""
    where, params = _event_where(f)
    cols = EVENT_COLUMNS.replace(", sentence_start, sentence_end, sentence,", ", sentence,")
    # each mention with its story and how many articles report it (see stories.sql)
    source = (
        "(SELECT ef.*, es.story_id, es.story_articles FROM event_facts ef "
        "LEFT JOIN event_story es ON es.article_id = ef.article_id AND es.idx = ef.idx)"
    )
    return con.sql(
        f"SELECT {cols}, story_id, story_articles FROM {source}{where} ORDER BY {EVENT_SORTS['date_asc']} LIMIT ?",
        params=[*params, limit],
    ).to_arrow_table()


def list_dyads(con, f: EventFilter, *, limit: int = 50, offset: int = 0) -> dict:
    src, tgt = LEVELS[f.level]
    where, params = _event_where(f, unique=True, also=(f"{src} IS NOT NULL AND {tgt} IS NOT NULL",))
    page = _page(
        con,
        f"SELECT {src} AS source_actor_id, any_value(source_name) AS source_name, {tgt} AS target_actor_id, "
        "any_value(target_name) AS target_name, count(*) AS events, sum(num_mentions) AS mentions, "
        f"avg(goldstein) AS goldstein FROM unique_events{where} GROUP BY {src}, {tgt}",
        params,
        "events DESC, source_actor_id, target_actor_id",
        limit,
        offset,
    )
    if f.level == "country":
        names = country_names(
            con, [c for r in page["items"] for c in (r["source_actor_id"], r["target_actor_id"])]
        )
        for r in page["items"]:
            r["source_name"], r["target_name"] = names[r["source_actor_id"]], names[r["target_actor_id"]]
    return page


def _period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def _sum_by(rows: list[dict], key: str) -> list[dict]:
    acc: dict = {}
    for r in rows:
        a = acc.setdefault(r[key], [0, 0.0, 0])
        a[0] += r["events"]
        a[1] += r["goldstein_sum"] or 0.0
        a[2] += r["goldstein_n"]
    out = [{"key": k, "events": e, "goldstein": gs / gn if gn else None} for k, (e, gs, gn) in acc.items()]
    return sorted(out, key=lambda x: (-x["events"], str(x["key"])))


def dyad_timeline(
    con,
    a: str,
    b: str,
    *,
    period: str = "month",
    directed: bool = False,
    level: str = "actor",
    date_from: date | None = None,
    date_to: date | None = None,
) -> dict:
    """Events of a dyad per period by quad class with the mean Goldstein score; counts per root and PLOVER.

    One query fetches the dyad's daily rows (few, even in a large store); the sums are done here.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    f = EventFilter(
        source=a, target=b, undirected=not directed, date_from=date_from, date_to=date_to, level=level
    )
    src, tgt = LEVELS[level]
    where, params = _event_where(f, unique=True)
    cur = con.execute(
        f"SELECT {src} AS source, {tgt} AS target, day, root, plover, quad_class, events, mentions, "
        f"goldstein_sum, goldstein_n FROM dyad_daily{where}",
        params,
    )
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    series = _period_series(rows, period)
    for r in rows:
        r["direction"] = (r["source"], r["target"])
    directions = [
        {"source": k[0], "target": k[1], "events": x["events"]}
        for x in _sum_by(rows, "direction")
        for k in [x["key"]]
    ]
    return {
        "a": a,
        "b": b,
        "level": level,
        "period": period,
        "directed": directed,
        "series": series,
        "undated": sum(r["events"] for r in rows if r["day"] is None),
        "by_root": _sum_by(rows, "root"),
        "by_plover": _sum_by(rows, "plover"),
        "by_quad": _sum_by(rows, "quad_class"),
        "directions": directions,
        "quad_classes": QUAD_CLASSES,
    }


def _period_series(rows: list[dict], period: str) -> list[dict]:
    """The dated daily rows summed per period: events, mentions, quad classes, mean Goldstein score."""
    periods: dict[date, dict] = {}
    for r in rows:
        if r["day"] is None:
            continue
        start = _period_start(r["day"], period)
        p = periods.setdefault(
            start, {"period": start.isoformat(), "events": 0, "mentions": 0} | _EMPTY_QUADS
        )
        p.setdefault("_gs", 0.0)
        p.setdefault("_gn", 0)
        p["events"] += r["events"]
        p["mentions"] += r["mentions"]
        if r["quad_class"]:
            p[f"q{r['quad_class']}"] += r["events"]
        p["_gs"] += r["goldstein_sum"] or 0.0
        p["_gn"] += r["goldstein_n"]
    series = []
    for _, p in sorted(periods.items()):
        gs, gn = p.pop("_gs"), p.pop("_gn")
        p["goldstein"] = gs / gn if gn else None
        series.append(p)
    return series


_EMPTY_QUADS = {"q1": 0, "q2": 0, "q3": 0, "q4": 0}


# --- network ------------------------------------------------------------------------------------


def network(con, f: EventFilter, *, min_weight: int = 1, max_edges: int = 300) -> dict:
    """Actors (or countries) as nodes sized by mentions; dyads as directed edges weighted by unique events.

    An event inside one node (an actor with itself, Raisi and Iran at country level) is no edge.
    """
    src, tgt = LEVELS[f.level]
    where, params = _event_where(f, unique=True, also=(f"{src} <> {tgt}",))
    edges = _rows(
        con,
        f"SELECT {src} AS source, {tgt} AS target, count(*) AS weight, "
        "sum(num_mentions) AS mentions, avg(goldstein) AS goldstein, "
        "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
        f"count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict FROM unique_events{where} "
        f"GROUP BY {src}, {tgt} HAVING count(*) >= ? ORDER BY weight DESC, source, target LIMIT ?",
        [*params, min_weight, max_edges],
    )
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    if not ids:
        nodes = []
    elif f.level == "country":
        nodes = _rows(
            con,
            "WITH m AS (SELECT a.country, count(*) AS mentions, count(DISTINCT e.article_id) AS articles "
            " FROM entities e JOIN actors a ON a.id = e.actor_id WHERE a.country IN (SELECT unnest(?)) "
            " GROUP BY a.country) "
            "SELECT s.country AS id, s.country AS name, s.country AS code, s.country, "
            "coalesce(any_value(m.mentions), 0) AS mentions, coalesce(any_value(m.articles), 0) AS articles, "
            "sum(s.quotes) AS quotes, sum(s.events_as_source) AS events_as_source, "
            "sum(s.events_as_target) AS events_as_target FROM actor_stats s LEFT JOIN m ON m.country = s.country "
            "WHERE s.country IN (SELECT unnest(?)) GROUP BY s.country ORDER BY mentions DESC, id",
            [ids, ids],
        )
        names = country_names(con, ids)
        for n in nodes:
            n["name"] = names[n["id"]]
    else:
        nodes = _rows(
            con,
            "SELECT id, name, code, country, mentions, articles, quotes, events_as_source, events_as_target "
            "FROM actor_stats WHERE id IN (SELECT unnest(?)) ORDER BY mentions DESC, id",
            [ids],
        )
    return {"level": f.level, "nodes": nodes, "edges": edges, "truncated": len(edges) >= max_edges}


# --- quotes -------------------------------------------------------------------------------------


def list_quotes(
    con,
    *,
    speaker: str | None = None,
    country: str | None = None,
    q: str | None = None,
    kind: str | None = None,
    article: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    dyad: Dyad | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict:
    """Quotes, newest first; with a dyad, those its source side (either side when undirected) said in an
    article reporting an event of the dyad in which the speaker takes part (see `Dyad`)."""
    w = Where()
    w.add("q.speaker_actor_id = ?", speaker)
    w.add("s.country = ?", country)
    w.add(
        "(contains(lower(q.text), lower(?)) OR contains(lower(coalesce(q.speaker_text, '')), lower(?)))",
        q,
        times=2,
    )
    w.add("q.kind = ?", kind)
    w.add("q.article_id = ?", article)
    w.add("a.published >= ?", date_from)
    w.add("a.published <= ?", date_to)
    _dyad_quotes(w, dyad)
    where, params = w.sql, w.params
    return _page(
        con,
        'SELECT q.article_id, q.idx, q.text, q.start_char AS start, q.end_char AS "end", q.kind, q.cue_text, '
        "q.speaker_text, q.speaker_actor_id, s.name AS speaker_name, a.title AS article_title, a.published "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors s ON s.id = q.speaker_actor_id{where}",
        params,
        "published DESC NULLS LAST, article_id, idx",
        limit,
        offset,
    )


def quotes_table(
    con,
    *,
    speaker: str | None = None,
    country: str | None = None,
    q: str | None = None,
    kind: str | None = None,
    dyad: Dyad | None = None,
    limit: int,
) -> pa.Table:
    page = list_quotes(con, speaker=speaker, country=country, q=q, kind=kind, dyad=dyad, limit=limit)
    return (
        pa.Table.from_pylist(page["items"])
        if page["items"]
        else pa.table(
            {
                k: pa.array([], pa.string())
                for k in ("article_id", "text", "kind", "speaker_text", "speaker_name")
            }
        )
    )


def list_speakers(con, *, limit: int = 50, offset: int = 0) -> dict:
    return _page(con, "SELECT * FROM speaker_quotes", [], "quotes DESC, speaker", limit, offset)


def stats(con) -> dict:
    out = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "entities", "quotes", "events", "actors")
    }
    out["unique_events"] = out["stories"] = con.execute("SELECT count(*) FROM stories").fetchone()[0]
    out["dated_events"] = con.execute("SELECT count(day) FROM event_facts").fetchone()[0]
    lo, hi = con.execute("SELECT min(day), max(day) FROM event_facts").fetchone()
    out["first_day"], out["last_day"] = (lo.isoformat() if lo else None), (hi.isoformat() if hi else None)
    out["plover"] = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]
    out["roots"] = [r[0] for r in con.execute("SELECT DISTINCT root FROM events ORDER BY 1").fetchall()]
    return out
