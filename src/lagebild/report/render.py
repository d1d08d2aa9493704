"""Write a `Report` as HTML or Markdown, in German or English.

Headings and connecting sentences come from `data/phrases.tsv`; every value comes from the store and is
linked to its evidence: a passage (`#article=ID&start=S&end=E`, the dashboard opens the article there) or a
filtered dashboard view (`?date_from=…&source=…`). Charts are inline SVG (HTML) or SVG data images (Markdown).
"""

from __future__ import annotations

import base64
from datetime import date
from functools import cache
from html import escape as html_escape
from string import Formatter
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..resources import data_path, read_tsv
from .build import Report
from .view import view_model

LANGUAGES = ("de", "en")
FORMATS = ("html", "md")
QUOTE_MARKS = {"de": ("„", "“"), "en": ("“", "”")}
MAX_QUOTE = 320
OPENING_MARKS = "„“”\"»«‚‘'"


@cache
def phrases() -> dict[str, dict[str, str]]:
    return {r["key"]: r for r in read_tsv("report", "data", "phrases.tsv", required=("key", "de", "en"))}


class Links:
    """Addresses in the dashboard: `base` is "/" when the dashboard serves the report, else its URL."""

    def __init__(self, base: str = "/") -> None:
        self.base = base if base.endswith("/") else base + "/"

    def evidence(self, article_id: str, start: int, end: int) -> str:
        return f"{self.base}#article={quote(article_id, safe='')}&start={int(start)}&end={int(end)}"

    def view(self, **params) -> str:
        clean = {k: v for k, v in params.items() if v not in (None, "", False)}
        return f"{self.base}?{urlencode(clean)}" if clean else self.base


class MdSafe(str):
    """Markdown already escaped (the counterpart of markupsafe's Markup)."""


class Html:
    """HTML pieces: escaped text is Markup; Markup passes through unescaped."""

    ext = "html"

    def esc(self, text) -> Markup:
        return text if isinstance(text, Markup) else Markup(html_escape(str(text), quote=True))

    def concat(self, pieces: list) -> Markup:
        return Markup("").join(pieces)

    def link(self, text, href: str, cls: str = "ev") -> Markup:
        return Markup(f'<a class="{cls}" href="{html_escape(href)}">{self.esc(text)}</a>')

    def external(self, text, href: str) -> Markup:
        return Markup(
            f'<a class="src" href="{html_escape(href)}" rel="noopener noreferrer">{self.esc(text)}</a>'
        )

    def chart(self, svg: str) -> Markup:
        return Markup(svg)


class Md:
    """Markdown pieces: escaped text is MdSafe; MdSafe passes through unescaped."""

    ext = "md"

    def esc(self, text) -> MdSafe:
        if isinstance(text, MdSafe):
            return text
        out = str(text).replace("\\", "\\\\")
        for ch in "*_[]<>|`#":
            out = out.replace(ch, "\\" + ch)
        return MdSafe(out.replace("\n", " "))

    def concat(self, pieces: list) -> MdSafe:
        return MdSafe("".join(pieces))

    def link(self, text, href: str, cls: str = "ev") -> MdSafe:
        return MdSafe(f"[{self.esc(text)}]({href.replace(' ', '%20').replace(')', '%29')})")

    def external(self, text, href: str) -> MdSafe:
        return self.link(text, href)

    def chart(self, svg: str) -> MdSafe:
        return MdSafe(
            f"![chart](data:image/svg+xml;base64,{base64.b64encode(svg.encode('utf-8')).decode('ascii')})"
        )


class Writer:
    """Formats numbers, dates and phrases for one language and output format."""

    def __init__(self, lang: str, fmt, links: Links) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        self.lang, self.f, self.links = lang, fmt, links

    def word(self, key: str) -> str:
        return phrases()[key][self.lang]

    def t(self, key: str, **values):
        """A phrase with its placeholders filled (text and values escaped unless already formatted)."""
        pieces = []
        for literal, name, _, _ in Formatter().parse(self.word(key)):
            pieces.append(self.f.esc(literal))
            if name is not None:
                pieces.append(self.f.esc(values[name]))
        return self.f.concat(pieces)

    def num(self, n) -> str:
        if n is None:
            return self.word("no_value")
        text = f"{n:,}"
        return text.replace(",", ".") if self.lang == "de" else text

    def dec(self, x) -> str:
        if x is None:
            return self.word("no_value")
        text = f"{x:+.1f}".replace("-", "−")
        return text.replace(".", ",") if self.lang == "de" else text

    def date(self, d) -> str:
        if d is None:
            return self.word("undated")
        d = date.fromisoformat(d) if isinstance(d, str) else d
        return d.strftime("%d.%m.%Y") if self.lang == "de" else d.isoformat()

    def link(self, text, href: str):
        return self.f.link(text, href)

    def evidence(self, text, article_id: str, start: int, end: int):
        return self.f.link(text, self.links.evidence(article_id, start, end))

    def quoted(self, text: str) -> str:
        opening, closing = QUOTE_MARKS[self.lang]
        text = " ".join(text.split())
        return f"{opening}{text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE].rstrip() + ' …'}{closing}"

    def as_written(self, text: str) -> str:
        """A quotation as the text has it: a direct quote with its own marks, reported speech without
        any (marks added around a quote that has its own would double them: „„…““)."""
        text = " ".join(text.split())
        if len(text) <= MAX_QUOTE:
            return text
        closing = QUOTE_MARKS[self.lang][1] if text[:1] in OPENING_MARKS else ""
        return f"{text[:MAX_QUOTE].rstrip()} …{closing}"


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("lagebild.report", "templates"),
        autoescape=select_autoescape(["html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(
    report: Report, *, lang: str = "de", fmt: str = "html", link_base: str = "/", inline_css: bool = True
) -> str:
    """The report as one HTML page (self-contained with `inline_css`) or one Markdown document."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    w = Writer(lang, Html() if fmt == "html" else Md(), Links(link_base))
    model = view_model(report, w)
    css = data_path("web", "static", "report.css").read_text(encoding="utf-8") if inline_css else None
    return _env().get_template(f"report.{fmt}.j2").render(m=model, lang=lang, css=css)
