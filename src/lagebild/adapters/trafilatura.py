"""trafilatura and htmldate, as lagebild uses them: the one module that knows their internals.

Written for trafilatura 2.3.1 and htmldate 1.11.0 (pinned in pyproject.toml). What it relies on
beyond the documented `bare_extraction` call is listed in `INTERNALS`; `check()` reports every
difference from the pinned versions, and tests/test_adapters_trafilatura.py fails on any of them, so
an upgrade is a conscious step: read the changelog, re-run `eval/extraction_eval.py`, bump the pins.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

PINNED = {"trafilatura": "2.3.1", "htmldate": "1.11.0"}

# (module, attribute, parameters it must accept): the internals used below.
INTERNALS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("trafilatura.utils", "load_html", ("htmlobject",)),  # the parser trafilatura itself uses
    (
        "trafilatura.core",
        "bare_extraction",
        ("filecontent", "url", "with_metadata", "include_comments", "include_tables", "deduplicate"),
    ),
    ("trafilatura.settings", "Document", ()),  # attributes text, title, author, date, url, sitename
)
DOCUMENT_FIELDS = ("text", "title", "author", "date", "url", "sitename")


@dataclass(slots=True)
class TrafilaturaResult:
    """What trafilatura found: the main text and its metadata guesses (None when absent)."""

    text: str | None
    title: str | None
    author: str | None
    date: str | None
    url: str | None
    sitename: str | None


def parse_html(html: str):
    """An lxml tree of the page, parsed as trafilatura parses it (None for what is not HTML)."""
    from trafilatura.utils import load_html

    return load_html(html)


def extract(tree, *, url: str | None = None) -> TrafilaturaResult | None:
    """Main text and metadata of a parsed page. The tree is changed in place (trafilatura prunes it).

    `deduplicate=False`: with True, trafilatura keeps a process-wide cache of paragraphs seen, and a
    page (or paragraph) seen before in the same process loses its text.
    """
    from trafilatura import bare_extraction

    doc = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
    )
    if doc is None:
        return None
    values: dict[str, Any] = {f: getattr(doc, f, None) or None for f in DOCUMENT_FIELDS}
    return TrafilaturaResult(**values)


def check() -> list[str]:
    """Every way the installed libraries differ from what this adapter was written for (empty: none)."""
    problems = [
        f"{name} {version(name)} installed, adapter written for {pinned}"
        for name, pinned in PINNED.items()
        if version(name) != pinned
    ]
    for module, attr, params in INTERNALS:
        obj = getattr(importlib.import_module(module), attr, None)
        if obj is None:
            problems.append(f"{module}.{attr} is gone")
            continue
        if params:
            have = set(inspect.signature(obj).parameters)
            problems += [f"{module}.{attr} has no parameter {p!r}" for p in params if p not in have]
    from trafilatura.settings import Document

    slots = set(getattr(Document, "__slots__", ()))
    problems += [f"trafilatura Document has no field {f!r}" for f in DOCUMENT_FIELDS if f not in slots]
    return problems
