"""Queries behind the situation report: figures, dyads, speakers and what is new, for a period and a focus.

A `Scope` is a period (either end open) and at most one focus (an actor id, or an ISO-3 country). Events are in
scope by their day (the event's own date, else the article's publication date) and, with a focus, when the
focus is on either side; articles, quotes and actors by their article's publication date and, with a focus,
when the article mentions the focus. Stories come from the story layer (`stories.sql`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from .queries import EventFilter, Where, _event_where, _rows
from .stories import _matching, _story_base, list_stories

IMPORTANCE = (
    "num_articles DESC, abs(goldstein) DESC NULLS LAST, num_mentions DESC, day DESC NULLS LAST, story_id"
)


@dataclass(frozen=True, slots=True)
class Scope:
    date_from: date | None = None
    date_to: date | None = None
    actor: str | None = None
    country: str | None = None

    @property
    def dated(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    def events(self, **more) -> EventFilter:
        focus = self.country or self.actor
        return EventFilter(
            actor=focus,
            level="country" if self.country else "actor",
            date_from=self.date_from,
            date_to=self.date_to,
            **more,
        )

    def articles(self, w: Where, alias: str = "a") -> Where:
        w.add(f"{alias}.published >= ?", self.date_from)
        w.add(f"{alias}.published <= ?", self.date_to)
        w.add(f"{alias}.id IN (SELECT article_id FROM entities WHERE actor_id = ?)", self.actor)
        w.add(
            f"{alias}.id IN (SELECT e.article_id FROM entities e JOIN actors c ON c.id = e.actor_id "
            "WHERE c.country = ?)",
            self.country,
        )
        return w

    def previous(self) -> Scope | None:
        """The period of the same length just before, or None when the period is open."""
        if self.date_from is None or self.date_to is None:
            return None
        length = (self.date_to - self.date_from).days + 1
        return replace(
            self,
            date_from=self.date_from - timedelta(days=length),
            date_to=self.date_from - timedelta(days=1),
        )


def date_range(con) -> tuple[date | None, date | None]:
    """The first and last day of the stored events and articles."""
    lo, hi = con.execute(
        "SELECT min(d), max(d) FROM (SELECT day AS d FROM event_facts UNION ALL SELECT published FROM articles)"
    ).fetchone()
    return lo, hi


def figures(con, scope: Scope) -> dict:
    """Articles, event mentions, stories, linked actors and quotes in scope."""
    w = scope.articles(Where())
    arts = f"SELECT a.id FROM articles a{w.sql}"
    row = con.execute(
        f"SELECT (SELECT count(*) FROM ({arts})), "
        f"(SELECT count(DISTINCT actor_id) FROM entities WHERE article_id IN ({arts}) AND actor_id IS NOT NULL "
        "AND NOT starts_with(actor_id, 'unlinked:')), "
        f"(SELECT count(*) FROM quotes WHERE article_id IN ({arts}))",
        w.params * 3,
    ).fetchone()
    mentions = _count_mentions(con, scope.events())
    stories = list_stories(con, scope.events(), limit=1)["total"]
    return {"articles": row[0], "actors": row[1], "quotes": row[2], "events": mentions, "stories": stories}


def quad_counts(con, scope: Scope) -> dict[int, int]:
    """Stories in scope per quad class (1-4)."""
    sub, params = _matching(scope.events())
    rows = dict(
        con.execute(
            f"SELECT quad_class, count(*) FROM stories WHERE story_id IN ({sub}) GROUP BY 1", params
        ).fetchall()
    )
    return {q: rows.get(q, 0) for q in (1, 2, 3, 4)}


def _count_mentions(con, f: EventFilter) -> int:
    where, params = _event_where(f)
    return con.execute(f"SELECT count(*) FROM event_facts{where}", params).fetchone()[0]


def dyads(con, scope: Scope, *, limit: int = 5, pairs: list[tuple[str, str]] | None = None) -> list[dict]:
    """Undirected actor pairs by stories in scope: stories, mentions, articles, and per quad class the stories
    and their mean Goldstein score. `pairs` restricts to given pairs (for the previous period)."""
    sub, params = _matching(scope.events())
    keep = ""
    if pairs is not None:
        keep = " AND (a, b) IN (SELECT (unnest(?), unnest(?)))"
        params = [*params, [p[0] for p in pairs], [p[1] for p in pairs]]
    quads = ", ".join(
        f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}, avg(goldstein) FILTER (WHERE quad_class = {q}) AS g{q}"
        for q in (1, 2, 3, 4)
    )
    return _rows(
        con,
        "SELECT a, b, any_value(CASE WHEN source_actor_id = a THEN source_name ELSE target_name END) AS a_name, "
        "any_value(CASE WHEN source_actor_id = b THEN source_name ELSE target_name END) AS b_name, "
        "count(*) AS stories, sum(num_mentions) AS mentions, avg(goldstein) AS goldstein, "
        f"list(DISTINCT x ORDER BY x) AS articles, {quads} FROM ("
        " SELECT *, least(source_actor_id, target_actor_id) AS a, greatest(source_actor_id, target_actor_id) AS b,"
        " unnest(article_ids) AS x FROM stories"
        f" WHERE story_id IN ({sub}) AND source_actor_id <> target_actor_id) s WHERE true{keep} "
        "GROUP BY a, b ORDER BY stories DESC, len(articles) DESC, a, b LIMIT ?",
        [*params, limit if pairs is None else len(pairs)],
    )


def dyad_stories(con, scope: Scope, a: str, b: str, *, limit: int = 3) -> list[dict]:
    """The most important stories of a pair in scope: most articles, then the strongest Goldstein score."""
    f = replace(scope.events(), source=a, target=b, undirected=True)
    if scope.actor or scope.country:
        f = replace(f, actor=None, level="actor")  # the pair already holds the focus
    sql, params = _story_base(f)
    return _rows(con, f"SELECT * FROM ({sql}) ORDER BY {IMPORTANCE} LIMIT ?", [*params, limit])


def speakers(con, scope: Scope, *, limit: int = 5, per_speaker: int = 2) -> list[dict]:
    """The most quoted linked speakers in scope, each with their quotes: direct first, then the longest."""
    w = scope.articles(Where())
    w.when(True, "q.speaker_actor_id IS NOT NULL AND NOT starts_with(q.speaker_actor_id, 'unlinked:')")
    top = _rows(
        con,
        "SELECT q.speaker_actor_id AS id, any_value(s.name) AS name, count(*) AS quotes, "
        "count(DISTINCT q.article_id) AS articles FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"JOIN actors s ON s.id = q.speaker_actor_id{w.sql} GROUP BY 1 ORDER BY quotes DESC, name LIMIT ?",
        [*w.params, limit],
    )
    for sp in top:
        sw = scope.articles(Where())
        sw.when(True, "q.speaker_actor_id = ?", sp["id"])
        sp["items"] = _rows(
            con,
            'SELECT q.article_id, q.text, q.start_char AS start, q.end_char AS "end", q.kind, q.cue_text, '
            "a.title AS article_title, a.source AS article_source, a.url AS article_url, a.published "
            f"FROM quotes q JOIN articles a ON a.id = q.article_id{sw.sql} "
            "ORDER BY q.kind = 'direct' DESC, length(q.text) DESC, a.published DESC NULLS LAST, q.article_id, q.idx "
            "LIMIT ?",
            [*sw.params, per_speaker],
        )
    return top


def new_actors(con, scope: Scope, *, limit: int = 10) -> list[dict]:
    """Linked actors mentioned in scope and in no article published before the period, with their first
    mention in the period (the evidence)."""
    w = scope.articles(Where())
    w.when(True, "e.actor_id IS NOT NULL AND NOT starts_with(e.actor_id, 'unlinked:')")
    order = "a.published NULLS LAST, e.article_id, e.idx"
    return _rows(
        con,
        "WITH cur AS (SELECT e.actor_id, count(*) AS mentions, count(DISTINCT e.article_id) AS articles, "
        f"first(e.article_id ORDER BY {order}) AS article_id, first(e.start_char ORDER BY {order}) AS start, "
        f'first(e.end_char ORDER BY {order}) AS "end" FROM entities e JOIN articles a ON a.id = e.article_id{w.sql} '
        "GROUP BY e.actor_id) "
        "SELECT cur.*, c.name, c.code, c.country FROM cur JOIN actors c ON c.id = cur.actor_id "
        "WHERE cur.actor_id NOT IN (SELECT e.actor_id FROM entities e JOIN articles a ON a.id = e.article_id "
        "WHERE a.published < ? AND e.actor_id IS NOT NULL) ORDER BY mentions DESC, c.name LIMIT ?",
        [*w.params, scope.date_from, limit],
    )


def new_dyads(con, scope: Scope, *, limit: int = 10) -> list[dict]:
    """Pairs with stories in scope and none before the period, with their most important story."""
    current = dyads(con, scope, limit=200)
    before = replace(scope, date_from=None, date_to=scope.date_from - timedelta(days=1))
    old = {(d["a"], d["b"]) for d in dyads(con, before, limit=100_000)}
    fresh = [d for d in current if (d["a"], d["b"]) not in old][:limit]
    for d in fresh:
        d["top"] = dyad_stories(con, scope, d["a"], d["b"], limit=1)
    return fresh
