"""The report's sections as formatted pieces for the templates: every number a link to the filtered dashboard
view it counts, every sentence and quote a link to its passage."""

from __future__ import annotations

from . import charts
from .build import DyadSection, Report

FIGURES = ("articles", "stories", "events", "actors", "quotes")
FIGURE_VIEWS = {
    "articles": "articles",
    "stories": "events",
    "events": "events",
    "actors": "actors",
    "quotes": "quotes",
}


def _scope_params(scope) -> dict:
    params = {"date_from": scope.date_from, "date_to": scope.date_to}
    if scope.country:
        params |= {"level": "country", "actor": scope.country}
    elif scope.actor:
        params["actor"] = scope.actor
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in params.items()}


def _period(w, scope) -> str:
    if scope.date_from and scope.date_to:
        return w.t("period", date_from=w.date(scope.date_from), date_to=w.date(scope.date_to))
    if scope.date_from:
        return w.t("period_open_from", date_from=w.date(scope.date_from))
    if scope.date_to:
        return w.t("period_open_to", date_to=w.date(scope.date_to))
    return w.t("period_all")


def _head(r: Report, w) -> dict:
    title = w.t("title_focus", focus=r.focus_name) if r.focus_name else w.t("title")
    meta = [w.t("meta", period=_period(w, r.scope), generated=w.date(r.generated), store=r.store_name)]
    if r.focus_name:
        meta.append(w.t("meta_focus_country" if r.scope.country else "meta_focus_actor", focus=r.focus_name))
    if r.previous:
        meta.append(w.t("meta_compare", previous=_period(w, r.previous)))
    else:
        meta.append(w.t("meta_no_compare" if r.scope.dated else "meta_all"))
    return {"title": title, "meta": meta, "how_to_read": w.t("how_to_read")}


def _change(w, cur: int, prev: int | None) -> str:
    if prev is None:
        return w.word("no_value")
    diff = cur - prev
    pct = f" ({diff / prev:+.0%})".replace("-", "−") if prev else ""
    return f"{'+' if diff > 0 else '−' if diff < 0 else '±'}{w.num(abs(diff))}{pct}"


def _figures(r: Report, w) -> dict:
    def cell(scope, figures, key):
        if figures is None:
            return w.word("no_value")
        params = _scope_params(scope) | {"view": FIGURE_VIEWS[key], "merged": 1 if key == "stories" else None}
        return w.link(w.num(figures[key]), w.links.view(**params))

    rows = [
        {
            "label": w.word(f"fig_{k}"),
            "current": cell(r.scope, r.figures, k),
            "previous": cell(r.previous, r.previous_figures, k) if r.previous else None,
            "change": _change(w, r.figures[k], r.previous_figures[k] if r.previous_figures else None),
        }
        for k in FIGURES
    ]
    sentence = w.t("figures_sentence", **{k: cell(r.scope, r.figures, k) for k in FIGURES})
    return {
        "heading": w.word("h_figures"),
        "rows": rows,
        "compare": r.previous is not None,
        "sentence": sentence,
        "columns": [w.word(k) for k in ("col_figure", "col_current", "col_previous", "col_change")],
    }


def _timeline(r: Report, w) -> dict:
    labels = {q: w.word(f"q{q}") for q in (1, 2, 3, 4)}
    series = r.timeline["series"]
    svg = charts.timeline_svg(series, labels, w.word("h_timeline")) if series else None
    names = (_period(w, r.scope), _period(w, r.previous) if r.previous else "")
    caption = w.word("quads_caption" if r.previous else "quads_caption_single")
    quads = charts.quad_bars_svg(r.quads, r.previous_quads, labels, names, caption)
    return {
        "heading": w.word("h_timeline"),
        "chart": w.f.chart(svg) if svg else None,
        "caption": w.t("timeline_caption", period=w.word(f"period_{r.timeline['period']}"))
        if svg
        else w.t("timeline_empty"),
        "undated": w.t("timeline_undated", undated=w.num(r.timeline["undated"]))
        if r.timeline["undated"] and svg
        else None,
        "quads": w.f.chart(quads),
        "quads_caption": caption,
    }


def story_line(w, s: dict) -> dict:
    """One story: date, dyad and event as a sentence linked to its passage, the evidence sentence, the article."""
    event = f"{s['code']} {s['name']}"
    line = w.t(
        "story_line",
        date=w.date(s["day"]),
        source=s["source_name"] or s["source_actor_id"],
        target=s["target_name"] or s["target_actor_id"],
        event=event,
    )
    n = s["num_articles"]
    reported = w.t("story_reported", n=w.num(n)) if n != 1 else w.t("story_reported_one")
    article = s.get("article_title") or s["lead_article_id"]
    return {
        "line": w.evidence(line, s["lead_article_id"], s["trigger_start"], s["trigger_end"]),
        "sentence": w.evidence(
            w.quoted(s["sentence"] or ""), s["lead_article_id"], s["sentence_start"], s["sentence_end"]
        ),
        "reported": w.link(reported, w.links.view(story=s["story_id"], view="events")),
        "article": w.t(
            "in_article",
            article=w.evidence(article, s["lead_article_id"], s["sentence_start"], s["sentence_end"]),
        ),
        "source": s.get("article_source") or "",
        "url": w.f.external(s["article_url"], s["article_url"]) if _http(s.get("article_url")) else None,
    }


def _http(url: str | None) -> bool:
    return bool(url) and url.lower().startswith(("http://", "https://"))


def _dyad(r: Report, w, d: DyadSection) -> dict:
    p, prev = d.pair, d.previous
    view = _scope_params(r.scope) | {"source": p["a"], "target": p["b"], "view": "events", "merged": 1}
    view.pop("actor", None)
    view.pop("level", None)
    rows = []
    for q in (1, 2, 3, 4):
        rows.append(
            {
                "label": w.word(f"q{q}"),
                "current": w.link(w.num(p[f"q{q}"]), w.links.view(**view, quad=q)),
                "goldstein": w.dec(p[f"g{q}"]),
                "previous": w.num(prev[f"q{q}"]) if prev else None,
                "previous_goldstein": w.dec(prev[f"g{q}"]) if prev else None,
            }
        )
    prev_view = (
        _scope_params(r.previous) | {"source": p["a"], "target": p["b"], "view": "events", "merged": 1}
        if prev
        else None
    )
    if prev_view:
        prev_view.pop("actor", None)
        prev_view.pop("level", None)
    return {
        "heading": w.t("dyad_heading", a=p["a_name"] or p["a"], b=p["b_name"] or p["b"]),
        "sentence": w.t(
            "dyad_sentence",
            stories=w.link(w.num(p["stories"]), w.links.view(**view)),
            articles=w.link(w.num(len(p["articles"])), w.links.view(**{**view, "view": "articles"})),
            goldstein=w.dec(p["goldstein"]),
        ),
        "previous": w.t(
            "dyad_sentence_prev", stories=w.link(w.num(prev["stories"]), w.links.view(**prev_view))
        )
        if prev
        else None,
        "rows": rows,
        "top_heading": w.word("dyad_top"),
        "stories": [story_line(w, s) for s in d.stories],
    }


def _statements(r: Report, w) -> dict:
    speakers = []
    for sp in r.speakers:
        quotes_view = _scope_params(r.scope) | {"actor": sp["id"], "level": None, "view": "quotes"}
        line = w.t(
            "speaker_line",
            speaker=sp["name"],
            quotes=w.link(w.num(sp["quotes"]), w.links.view(**quotes_view)),
            articles=w.link(w.num(sp["articles"]), w.links.view(**{**quotes_view, "view": "articles"})),
        )
        items = [
            {
                "text": w.evidence(w.as_written(q["text"]), q["article_id"], q["start"], q["end"]),
                "kind": w.word(f"quote_{q['kind']}") if q["kind"] in ("direct", "indirect") else q["kind"],
                "date": w.date(q["published"]) if q["published"] else None,
                "article": w.evidence(
                    q["article_title"] or q["article_id"], q["article_id"], q["start"], q["end"]
                ),
                "url": w.f.external(q["article_url"], q["article_url"])
                if _http(q.get("article_url"))
                else None,
            }
            for q in sp["items"]
        ]
        speakers.append({"line": line, "quotes": items})
    return {
        "heading": w.word("h_statements"),
        "intro": w.word("statements_intro"),
        "speakers": speakers,
        "none": w.word("statements_none"),
    }


def _new(r: Report, w) -> dict:
    out = {
        "heading": w.word("h_new"),
        "actors_heading": w.word("new_actors"),
        "dyads_heading": w.word("new_dyads"),
        "none": w.word("new_none"),
        "no_start": None if r.new_actors is not None else w.word("new_no_start"),
    }
    out["actors"] = [
        w.t(
            "new_actor_line",
            actor=w.evidence(a["name"], a["article_id"], a["start"], a["end"]),
            mentions=w.link(
                w.num(a["mentions"]),
                w.links.view(
                    **_scope_params(r.scope) | {"actor": a["actor_id"], "level": None, "view": "articles"}
                ),
            ),
            articles=w.link(
                w.num(a["articles"]),
                w.links.view(
                    **_scope_params(r.scope) | {"actor": a["actor_id"], "level": None, "view": "articles"}
                ),
            ),
        )
        for a in r.new_actors or []
    ]
    out["dyads"] = [
        {
            "heading": w.t("dyad_heading", a=d["a_name"] or d["a"], b=d["b_name"] or d["b"]),
            "stories": [story_line(w, s) for s in d["top"]],
        }
        for d in r.new_dyads or []
    ]
    return out


def view_model(r: Report, w) -> dict:
    net = r.network
    network = charts.network_svg(net["nodes"], net["edges"], w.word("h_network")) if net["nodes"] else None
    return {
        **_head(r, w),
        "figures": _figures(r, w),
        "timeline": _timeline(r, w),
        "dyads": {
            "heading": w.word("h_dyads"),
            "intro": w.word("dyads_intro"),
            "none": w.word("dyads_none"),
            "entries": [_dyad(r, w, d) for d in r.dyads],
            "columns": [
                w.word(k)
                for k in ("col_quad", "col_current", "col_goldstein", "col_previous", "col_goldstein_prev")
            ],
        },
        "network": {
            "heading": w.word("h_network"),
            "chart": w.f.chart(network) if network else None,
            "caption": w.word("network_caption"),
        },
        "statements": _statements(r, w),
        "new": _new(r, w),
        "notes": {
            "heading": w.word("h_notes"),
            "entries": [w.word("note_stories"), w.word("note_goldstein")],
        },
        "compare": r.previous is not None,
    }
