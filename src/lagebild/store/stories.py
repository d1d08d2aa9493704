"""The story layer: the same event reported by several articles is one story (views of migration 003).

A filter selects the stories that have at least one event mention matching it (the same conditions as
`/events`); the counts shown are always the whole story's. Lists of stories, one story with its reports,
volume over time by quad class, and the event rows the map places. Values go in as parameters; the only
SQL chosen at run time comes from the fixed tables here and in `queries`.
"""

from __future__ import annotations

from datetime import date, timedelta

from .queries import EVENT_COLUMNS, EventFilter, _event_where, _one, _page, _rows

# --- keeping the story tables current (called by the writer, inside its transaction) ------------------

GROUP_KEY = "concat_ws('|', source_actor_id, target_actor_id, root)"


def story_groups(con, article_ids: list[str]) -> set[str]:
    """The (dyad, root) groups the stored events of these articles belong to."""
    rows = con.execute(
        f"SELECT DISTINCT {GROUP_KEY} FROM events WHERE article_id IN (SELECT unnest(?)) "
        "AND source_actor_id IS NOT NULL AND target_actor_id IS NOT NULL",
        [article_ids],
    ).fetchall()
    return {r[0] for r in rows}


def refresh_stories(con, groups: set[str]) -> None:
    """Recompute the stories of the given (dyad, root) groups: a new report can join, bridge or split
    stories only within its own group. Runs inside the caller's transaction."""
    if not groups:
        return
    keys = sorted(groups)
    con.execute(
        f"DELETE FROM story_facts WHERE story_id IN (SELECT story_id FROM story_members WHERE {GROUP_KEY} "
        "IN (SELECT unnest(?)))",
        [keys],
    )
    con.execute(f"DELETE FROM story_members WHERE {GROUP_KEY} IN (SELECT unnest(?))", [keys])
    con.execute(
        "INSERT INTO story_members (article_id, idx, source_actor_id, target_actor_id, root, story_id) "
        "SELECT article_id, idx, source_actor_id, target_actor_id, root, story_id FROM story_members_live "
        f"WHERE {GROUP_KEY} IN (SELECT unnest(?))",
        [keys],
    )
    con.execute(
        "INSERT INTO story_facts SELECT story_id, source_actor_id, target_actor_id, root, code, name, plover, codes, "
        "quad_class, first_day, last_day, goldstein, num_mentions, num_articles, first_article_id, article_ids, "
        "lead_article_id, lead_idx FROM story_facts_live WHERE story_id IN "
        f"(SELECT story_id FROM story_members WHERE {GROUP_KEY} IN (SELECT unnest(?)))",
        [keys],
    )


STORY_COLUMNS = (
    "s.story_id, s.source_actor_id, s.source_name, s.source_country, s.target_actor_id, s.target_name, "
    "s.target_country, s.code, s.codes, s.root, s.name, s.plover, s.quad_class, s.day, s.first_day, s.last_day, "
    "s.goldstein, s.num_mentions, s.num_articles, s.first_article_id, s.article_ids, s.lead_article_id, s.lead_idx"
)
# The first report's evidence: its sentence, trigger and article.
LEAD_COLUMNS = (
    "l.sentence, l.sentence_start, l.sentence_end, l.trigger_start, l.trigger_end, l.trigger_text, "
    "l.article_title, a.source AS article_source, a.url AS article_url, a.published AS article_published"
)
STORY_SORTS = {
    "articles": "num_articles DESC, num_mentions DESC, day DESC NULLS LAST, story_id",
    "date_desc": "day DESC NULLS LAST, num_articles DESC, story_id",
    "date_asc": "day ASC NULLS LAST, num_articles DESC, story_id",
    "goldstein_asc": "goldstein ASC NULLS LAST, num_articles DESC, story_id",
    "goldstein_desc": "goldstein DESC NULLS LAST, num_articles DESC, story_id",
}
PERIODS = ("day", "week", "month", "year")


def _matching(f: EventFilter) -> tuple[str, list]:
    """Story ids with at least one event mention matching the filter (a subquery and its parameters)."""
    where, params = _event_where(f)
    sql = (
        "SELECT story_id FROM (SELECT sm.story_id, ef.* FROM story_members sm JOIN event_facts ef "
        f"ON ef.article_id = sm.article_id AND ef.idx = sm.idx){where}"
    )
    return sql, params


def _story_base(f: EventFilter) -> tuple[str, list]:
    sub, params = _matching(f)
    sql = (
        f"SELECT {STORY_COLUMNS}, {LEAD_COLUMNS} FROM stories s "
        "LEFT JOIN event_facts l ON l.article_id = s.lead_article_id AND l.idx = s.lead_idx "
        "LEFT JOIN articles a ON a.id = s.lead_article_id "
        f"WHERE s.story_id IN ({sub})"
    )
    return sql, params


def list_stories(con, f: EventFilter, *, sort: str = "articles", limit: int = 50, offset: int = 0) -> dict:
    """Stories with a mention matching `f`, each with its first report's evidence."""
    sql, params = _story_base(f)
    return _page(con, f"SELECT * FROM ({sql})", params, STORY_SORTS[sort], limit, offset)


def get_story(con, story_id: str) -> dict | None:
    """One story and every event mention of it, each with its article (title, source, link) and sentence."""
    story = _one(
        con,
        f"SELECT {STORY_COLUMNS}, {LEAD_COLUMNS} FROM stories s "
        "LEFT JOIN event_facts l ON l.article_id = s.lead_article_id AND l.idx = s.lead_idx "
        "LEFT JOIN articles a ON a.id = s.lead_article_id WHERE s.story_id = ?",
        [story_id],
    )
    if story is None:
        return None
    story["mentions"] = _rows(
        con,
        f"SELECT {_prefixed(EVENT_COLUMNS, 'ef')}, a.source AS article_source, a.url AS article_url, "
        "a.published AS article_published FROM story_members sm "
        "JOIN event_facts ef ON ef.article_id = sm.article_id AND ef.idx = sm.idx "
        "JOIN articles a ON a.id = ef.article_id WHERE sm.story_id = ? "
        "ORDER BY ef.day NULLS LAST, a.published NULLS LAST, ef.article_id, ef.idx",
        [story_id],
    )
    return story


def _prefixed(columns: str, alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in columns.split(","))


def list_event_mentions(con, f: EventFilter, *, order: str, limit: int, offset: int) -> dict:
    """Event mentions (as `/events`) with their story and how many articles report it."""
    where, params = _event_where(f)
    base = (
        f"SELECT * FROM (SELECT {_prefixed(EVENT_COLUMNS, 'ef')}, es.story_id, es.story_articles "
        "FROM event_facts ef LEFT JOIN event_story es ON es.article_id = ef.article_id AND es.idx = ef.idx)"
        f"{where}"
    )
    return _page(con, base, params, order, limit, offset)


# --- volume over time ---------------------------------------------------------------------------


def period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    return day


def choose_period(first: date | None, last: date | None) -> str:
    """Day bars up to two months, weeks up to a year, months up to ten years, else years."""
    if first is None or last is None:
        return "day"
    span = (last - first).days
    return "day" if span <= 62 else "week" if span <= 366 else "month" if span <= 3660 else "year"


def volume(con, f: EventFilter, *, period: str | None = None, merged: bool = False) -> dict:
    """Events per period by quad class for a filter: mentions, or stories (on their first day) with
    `merged`. `undated` counts what has no date (neither in the text nor a publication date)."""
    if period is not None and period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    if merged:
        sub, params = _matching(f)
        rows = con.execute(
            f"SELECT day, quad_class, count(*) FROM stories WHERE story_id IN ({sub}) GROUP BY ALL", params
        ).fetchall()
    else:
        where, params = _event_where(f)
        rows = con.execute(
            f"SELECT day, quad_class, count(*) FROM event_facts{where} GROUP BY ALL", params
        ).fetchall()
    days = [d for d, _, _ in rows if d is not None]
    period = period or choose_period(min(days, default=None), max(days, default=None))
    buckets: dict[date, dict] = {}
    undated = 0
    for day, quad, n in rows:
        if day is None:
            undated += n
            continue
        b = buckets.setdefault(period_start(day, period), {"q1": 0, "q2": 0, "q3": 0, "q4": 0, "events": 0})
        b["events"] += n
        if quad:
            b[f"q{quad}"] += n
    series = [{"period": k.isoformat(), **v} for k, v in sorted(buckets.items())]
    return {
        "period": period,
        "merged": merged,
        "series": series,
        "undated": undated,
        "total": sum(n for _, _, n in rows),
    }


# --- rows for the map ---------------------------------------------------------------------------

PLACE_TYPES = ("LOC", "GPE")


def located_rows(con, f: EventFilter, *, limit: int) -> tuple[list[dict], dict[str, list[dict]]]:
    """Event mentions matching `f` (newest first, at most `limit`) with their story, and the place-like
    entities (LOC, GPE) of their articles with the linked actor's name and country, by article id."""
    page = list_event_mentions(con, f, order="day DESC NULLS LAST, article_id, idx", limit=limit, offset=0)
    events = page["items"]
    ids = sorted({e["article_id"] for e in events})
    places: dict[str, list[dict]] = {}
    if ids:
        for row in _rows(
            con,
            'SELECT e.article_id, e.text, e.start_char AS start, e.end_char AS "end", e.type, e.actor_id, '
            "a.name AS actor_name, a.code AS actor_code, a.country AS actor_country FROM entities e "
            "LEFT JOIN actors a ON a.id = e.actor_id "
            "WHERE e.type IN (SELECT unnest(?)) AND e.article_id IN (SELECT unnest(?)) ORDER BY e.article_id, e.idx",
            [list(PLACE_TYPES), ids],
        ):
            places.setdefault(row["article_id"], []).append(row)
    return events, places
