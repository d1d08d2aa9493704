"""Human-readable renderings of article records and store summaries (rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .records import Article


def _actor(m) -> str:
    if m is None:
        return ""
    a = m.actor
    return f"{m.text} [{a.code or a.id}]" if a else m.text


def _clip(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def print_article(console: Console, article: Article) -> None:
    head = article.title or _clip(article.text, 70)
    console.rule(f"[bold]{head}")
    console.print(
        f"id {article.id} · {article.language} · published {article.published or '—'} · "
        f"{len(article.sentences)} sentences · source {article.source or '—'}"
    )
    for r in article.removed:
        console.print(f"  [dim]removed[/dim] {_clip(r.text, 60)!r} [dim]({r.reason})[/dim]")
    if article.entities:
        t = Table("entity", "type", "role", "actor", "code", title="Entities", title_justify="left")
        for e in article.entities:
            t.add_row(
                e.text,
                e.type,
                e.role or "",
                e.actor.name if e.actor else "",
                e.actor.code or "" if e.actor else "",
            )
        console.print(t)
    if article.quotes:
        console.print(quotes_table(article))
    if article.events:
        console.print(events_table(article))


def quotes_table(article: Article) -> Table:
    t = Table("speaker", "kind", "cue", "quote", title="Quotes", title_justify="left")
    for q in article.quotes:
        t.add_row(_actor(q.speaker), q.kind, q.cue.text if q.cue else "", _clip(q.text))
    return t


def events_table(article: Article) -> Table:
    t = Table("date", "source", "code", "name", "target", "evidence", title="Events", title_justify="left")
    for ev in article.events:
        name = ev.name + (" (negated)" if ev.negated else "")
        sent = article.text[ev.sentence.start : ev.sentence.end]
        t.add_row(ev.date or "", _actor(ev.source), ev.code, name, _actor(ev.target), _clip(sent, 70))
    return t


def print_events(console: Console, article: Article, *, explain=None) -> None:
    """The events table; with `explain` (article -> one text per event), the analysis behind each."""
    console.print(events_table(article))
    if explain:
        for i, (ev, text) in enumerate(zip(article.events, explain(article), strict=False), 1):
            trigger = f"[bold]{ev.trigger.text}[/bold]"
            console.print(f"  {i}. {ev.code} {trigger}: {escape(text)}", highlight=False)


def print_summary(console: Console, summary: dict) -> None:
    console.rule("[bold]lagebild store")
    console.print(
        f"{summary['articles']} articles · {summary['entities']} entities · "
        f"{summary['quotes']} quotes · {summary['events']} events · {summary['actors']} actors"
    )
    if summary.get("top_actors"):
        t = Table("actor", "code", "mentions", title="Most mentioned actors", title_justify="left")
        for row in summary["top_actors"]:
            t.add_row(row["name"], row["code"] or "", str(row["mentions"]))
        console.print(t)
    if summary.get("speakers"):
        t = Table("speaker", "quotes", title="Speakers", title_justify="left")
        for row in summary["speakers"]:
            t.add_row(row["speaker"], str(row["quotes"]))
        console.print(t)
    if summary.get("dyads"):
        t = Table(
            "source", "target", "events", "mean Goldstein", title="Dyads by country", title_justify="left"
        )
        for row in summary["dyads"]:
            t.add_row(row["source"], row["target"], str(row["events"]), f"{row['goldstein']:+.1f}")
        console.print(t)


def print_quotes_by_speaker(console: Console, articles: list[Article], *, explain=None) -> None:
    """Who said what: per article, quotes grouped by speaker actor (see quotes.quotes_by_speaker);
    with `explain` (rule id -> text), each quote's rule and cue below it."""
    from .quotes import quotes_by_speaker

    for article in articles:
        console.rule(f"[bold]{article.title or article.id}")
        for row in quotes_by_speaker(article):
            who = f"{row.speaker} [dim]({row.actor_id})[/dim]" if row.actor_id else row.speaker
            console.print(f"[bold]{who}[/bold] · {len(row.quotes)} quote(s)")
            for q in row.quotes:
                cue = f" [dim]({q.cue.text})[/dim]" if q.cue else ""
                console.print(f"  {escape(f'[{q.kind}]')}{cue} {escape(_clip(q.text, 200))}")
                if explain:
                    why = f"{explain(q.rule)} · cue: {q.cue.text if q.cue else '—'}"
                    console.print(f"      [dim]{escape(why)}[/dim]", highlight=False)
