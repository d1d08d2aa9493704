"""Gather what the situation report says from the store: plain records, every value with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..store import report as R
from ..store.queries import country_names, display_names
from ..store.stories import choose_period, volume

MAIN_DYADS = 5
STORIES_PER_DYAD = 3
NETWORK_DYADS = 25


@dataclass(slots=True)
class DyadSection:
    pair: dict  # a, b, names, stories, mentions, articles, q1..q4 and g1..g4
    previous: dict | None  # the same figures in the previous period (None: no previous period)
    stories: list[dict]  # the most important stories, each with its first report's evidence


@dataclass(slots=True)
class Report:
    scope: R.Scope
    previous: R.Scope | None
    store_name: str
    generated: date
    focus_name: str | None
    figures: dict
    previous_figures: dict | None
    timeline: dict
    quads: dict[int, int]
    previous_quads: dict[int, int] | None
    dyads: list[DyadSection] = field(default_factory=list)
    network: dict = field(default_factory=dict)
    speakers: list[dict] = field(default_factory=list)
    new_actors: list[dict] | None = None  # None: the period has no start, "new" cannot be told
    new_dyads: list[dict] | None = None


def _dedupe(stories: list[dict], limit: int) -> list[dict]:
    """Both directions of a pair are often coded from one sentence: show that sentence once."""
    seen, out = set(), []
    for s in stories:
        key = (s["lead_article_id"], s["sentence_start"])
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out[:limit]


def _network(pairs: list[dict]) -> dict:
    nodes: dict[str, dict] = {}
    for p in pairs:
        for side in ("a", "b"):
            n = nodes.setdefault(p[side], {"id": p[side], "name": p[f"{side}_name"] or p[side], "weight": 0})
            n["weight"] += p["stories"]
    edges = [
        {
            "a": p["a"],
            "b": p["b"],
            "a_name": p["a_name"],
            "b_name": p["b_name"],
            "stories": p["stories"],
            "goldstein": p["goldstein"],
        }
        for p in pairs
    ]
    return {"nodes": list(nodes.values()), "edges": edges}


def _focus_name(con, scope: R.Scope) -> str | None:
    if scope.country:
        return country_names(con, [scope.country]).get(scope.country)
    if scope.actor:
        return display_names(con, [scope.actor]).get(scope.actor) or scope.actor
    return None


def build_report(con, scope: R.Scope, *, store_name: str, generated: date | None = None) -> Report:
    """Everything the report shows, for `scope` and the period of the same length before it."""
    previous = scope.previous()
    pairs = R.dyads(con, scope, limit=NETWORK_DYADS)
    main = pairs[:MAIN_DYADS]
    before = (
        {(d["a"], d["b"]): d for d in R.dyads(con, previous, pairs=[(d["a"], d["b"]) for d in main])}
        if (previous and main)
        else {}
    )
    sections = [
        DyadSection(
            d,
            before.get((d["a"], d["b"]), _empty_pair(d)) if previous else None,
            _dedupe(R.dyad_stories(con, scope, d["a"], d["b"], limit=3 * STORIES_PER_DYAD), STORIES_PER_DYAD),
        )
        for d in main
    ]
    timeline = volume(con, scope.events(), merged=True)
    days = [p["period"] for p in timeline["series"]]
    if days:
        timeline = volume(
            con,
            scope.events(),
            merged=True,
            period=choose_period(date.fromisoformat(days[0]), date.fromisoformat(days[-1])),
        )
    return Report(
        scope=scope,
        previous=previous,
        store_name=store_name,
        generated=generated or date.today(),
        focus_name=_focus_name(con, scope),
        figures=R.figures(con, scope),
        previous_figures=R.figures(con, previous) if previous else None,
        timeline=timeline,
        quads=R.quad_counts(con, scope),
        previous_quads=R.quad_counts(con, previous) if previous else None,
        dyads=sections,
        network=_network(pairs),
        speakers=R.speakers(con, scope),
        new_actors=R.new_actors(con, scope) if scope.date_from else None,
        new_dyads=R.new_dyads(con, scope) if scope.date_from else None,
    )


def _empty_pair(d: dict) -> dict:
    return {
        "stories": 0,
        "mentions": 0,
        "articles": [],
        "goldstein": None,
        **{f"q{q}": 0 for q in (1, 2, 3, 4)},
        **{f"g{q}": None for q in (1, 2, 3, 4)},
    }
