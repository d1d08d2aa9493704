"""Write the report for a store file: check the request, open the store read-only, build, render, write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import LagebildError
from ..store import open_store
from ..store.migrations import MIGRATIONS
from ..store.queries import actor_exists
from ..store.report import Scope
from .build import build_report
from .render import render


class ReportError(LagebildError):
    """A report request that cannot be answered (an unknown focus, a reversed period, a bad file name)."""


class UnknownFocus(ReportError):
    """The focus (an actor id or a country) is not in the store."""


def check_scope(con, scope: Scope) -> None:
    if scope.date_from and scope.date_to and scope.date_from > scope.date_to:
        raise ReportError(f"the period starts ({scope.date_from}) after it ends ({scope.date_to})")
    if scope.actor and not actor_exists(con, scope.actor):
        raise UnknownFocus(
            f"no actor {scope.actor!r} in the store (actor ids: `lagebild actor NAME` or /actors)"
        )
    if scope.country and not actor_exists(con, scope.country, "country"):
        raise UnknownFocus(f"no actor of country {scope.country!r} in the store (ISO-3 codes such as IRN)")


def _migrate_if_needed(db: str | Path) -> None:
    """A store written before the story layer gets its views (opened read-write once, briefly)."""
    with open_store(db, read_only=True) as store:
        done = {r["name"] for r in store.query("SELECT name FROM schema_migrations")}
    if not {name for name, _ in MIGRATIONS} <= done:
        open_store(db).close()


def report_format(out: str | Path) -> str:
    suffix = Path(out).suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    raise ReportError(f"{out}: the report is written as .html or .md")


def write_report(
    db: str | Path,
    out: str | Path,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    actor: str | None = None,
    country: str | None = None,
    lang: str = "de",
    link_base: str = "http://127.0.0.1:8000/",
) -> Path:
    fmt = report_format(out)
    scope = Scope(
        date_from=date_from, date_to=date_to, actor=actor, country=country.upper() if country else None
    )
    _migrate_if_needed(db)
    with open_store(db, read_only=True) as store:
        cur = store.con.cursor()
        check_scope(cur, scope)
        report = build_report(cur, scope, store_name=Path(str(db)).name)
        text = render(report, lang=lang, fmt=fmt, link_base=link_base, inline_css=True)
        cur.close()
    path = Path(out)
    path.write_text(text, encoding="utf-8")
    return path
