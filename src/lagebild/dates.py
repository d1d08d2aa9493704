"""Dates: normalise publication dates; resolve absolute and relative dates in the text."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def normalize_date(value: str | None) -> str | None:
    """A publication date in any common form -> 'YYYY-MM-DD', or None if it cannot be read."""
    if not value:
        return None
    value = value.strip()
    m = _ISO.match(value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    import dateparser

    from .lang import SUPPORTED

    parsed = dateparser.parse(
        value,
        languages=list(SUPPORTED),
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date().isoformat() if isinstance(parsed, datetime) else None


# ------------------------------------------------------------------------------------------------
# Dates in the text: absolute and relative expressions, resolved against an anchor date (the
# article's publication date). The rules, documented in docs/events.md:
#   * "8. April 2025", "April 8, 2025", "08.04.2025" -> that day, no anchor needed.
#   * "am 21. August" (no year) -> the year that puts the day closest to the anchor.
#   * "am Montag", "am späten Sonntag", "Sonntagabend", "on Monday" -> the most recent such weekday
#     on or before the anchor (news convention: a bare weekday is past or today);
#     "vergangenen Montag" -> strictly before; "kommenden Montag" -> strictly after.
#   * "gestern", "heute", "vorgestern", "morgen" -> anchor plus the offset.
#   * "vergangene Woche" / "letzten Monat" / "vergangenes Jahr" -> the first day of that period
#     (Monday of the week, 1st of the month, 1 January); "diese Woche" the current one.
#   * "vor drei Tagen", "two weeks ago" -> anchor minus the span.
#   * "im März 2022" -> 2022-03-01 (month precision, first day).
# Without an anchor every relative expression (and a day without a year) resolves to None; the words
# are kept either way.

from dataclasses import dataclass  # noqa: E402
from datetime import timedelta  # noqa: E402
from functools import cache  # noqa: E402

from .records import DateMention, Doc  # noqa: E402


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, dict[str, str]]  # kind -> word -> value
    patterns: tuple[tuple[str, re.Pattern], ...]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _lexicon(language: str) -> _Lexicon:
    from .lang import get_language

    words: dict[str, dict[str, str]] = {}
    for row in get_language(language).read_tsv("dates.tsv", required=("word", "kind")):
        words.setdefault(row["kind"], {})[row["word"]] = row.get("value", "")
    if not words:
        raise ValueError(f"no date words for language {language!r}")
    m, wd, day = _alt(words["month"]), _alt(words["weekday"]), _alt(words["day"])
    part, unit = _alt(words["part"]), _alt(words["unit"])
    past, nxt, this = _alt(words["past"]), _alt(words["next"]), _alt(words["this"])
    num = _alt(words["num"])
    end = r"(?![\wäöüß])"
    pats: list[tuple[str, str]] = [("numeric", r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b")]
    if language == "de":
        pats += [
            ("dmy", rf"\b(?:am\s+)?(\d{{1,2}})\.\s*({m}){end}(?:\s+(\d{{4}}))?"),
            ("my", rf"\b(?:im\s+)?({m}){end}\s+(\d{{4}})\b"),
            ("ago", rf"\bvor\s+(\d+|{num})\s+({unit}){end}"),
        ]
    else:
        pats += [
            ("mdy", rf"\b(?:on\s+)?({m}){end}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?"),
            ("dmy", rf"\b(?:on\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({m}){end}(?:,?\s+(\d{{4}}))?"),
            ("my", rf"\b(?:in\s+)?({m}){end}\s+(\d{{4}})\b"),
            ("ago", rf"\b(\d+|{num})\s+({unit})\s+ago\b"),
        ]
    pats += [
        (
            "weekday",
            rf"\b(?:(?:am|on)\s+)?(?:({past}|{nxt}|{this})\s+)?(?:(?:{part})\s+)?({wd})(?:{part})?"
            rf"(?:\s+(?:{part}))?{end}",
        ),
        ("period", rf"\b(?:in\s+der\s+|im\s+|in\s+)?({past}|{nxt}|{this})\s+({unit}){end}"),
        ("day", rf"(?<!\bam )(?<!\bheute )(?<!\bgestern )\b({day}){end}"),
    ]
    return _Lexicon(words, tuple((k, re.compile(p, re.IGNORECASE)) for k, p in pats))


def _closest_year(month: int, day: int, anchor: date) -> date | None:
    best: date | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _resolve(kind: str, m: re.Match, lex: _Lexicon, anchor: date | None) -> date | None:
    w = lex.words
    try:
        if kind == "numeric":
            if len(m[3]) == 4:
                return date(int(m[3]), int(m[2]), int(m[1]))
            import dateparser  # two-digit years: let dateparser choose the century

            parsed = dateparser.parse(
                m[0], languages=["de"], settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True}
            )
            return parsed.date() if parsed else None
        if kind in ("dmy", "mdy"):
            day, month, year = (m[1], m[2], m[3]) if kind == "dmy" else (m[2], m[1], m[3])
            mon = int(w["month"][month.lower()])
            if year:
                return date(int(year), mon, int(day))
            return _closest_year(mon, int(day), anchor) if anchor else None
        if kind == "my":
            return date(int(m[2]), int(w["month"][m[1].lower()]), 1)
        if anchor is None:
            return None
        if kind == "day":
            return anchor + timedelta(days=int(w["day"][m[1].lower()]))
        if kind == "ago":
            n = int(m[1]) if m[1].isdigit() else int(w["num"][m[1].lower()])
            span = int(w["unit"][m[2].lower()])
            if span == 30:
                return (
                    anchor.replace(day=1)
                    if n == 0
                    else _shift_months(anchor, -n).replace(day=min(anchor.day, 28))
                )
            if span == 365:
                return anchor.replace(year=anchor.year - n, day=min(anchor.day, 28))
            return anchor - timedelta(days=n * span)
        mod = (m[1] or "").lower()
        step = -1 if mod in w["past"] else 1 if mod in w["next"] else 0
        if kind == "weekday":
            wd = int(w["weekday"][m[2].lower()])
            back = (anchor.weekday() - wd) % 7
            if step < 0:
                back = back or 7
            elif step > 0:
                return anchor + timedelta(days=((wd - anchor.weekday()) % 7) or 7)
            return anchor - timedelta(days=back)
        if kind == "period":
            span = int(w["unit"][m[2].lower()])
            if span == 7:
                return anchor - timedelta(days=anchor.weekday()) + timedelta(days=7 * step)
            if span == 30:
                return _shift_months(anchor, step)
            if span == 365:
                return date(anchor.year + step, 1, 1)
            return anchor + timedelta(days=step)
    except (ValueError, KeyError):
        return None
    return None


def find_dates(text: str, language: str, anchor: str | None = None, offset: int = 0) -> list[DateMention]:
    """Date expressions in `text` (offsets shifted by `offset`), resolved against `anchor`.

    Overlapping matches keep the earliest, then longest; a relative expression without an anchor
    keeps its words with date None.
    """
    lex = _lexicon(language)
    base = date.fromisoformat(anchor) if anchor else None
    found: list[tuple[int, int, str, re.Match]] = []
    for kind, rx in lex.patterns:
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[DateMention] = []
    last_end = -1
    for start, end, kind, m in found:
        if start < last_end:
            continue
        d = _resolve(kind, m, lex, base)
        out.append(DateMention(start + offset, end + offset, m[0], d.isoformat() if d else None))
        last_end = end
    return out


def resolve_date(expression: str, anchor: str | None = None, language: str = "de") -> str | None:
    """One date expression ('am späten Sonntag', '8. April 2025') -> 'YYYY-MM-DD' or None."""
    found = find_dates(expression, language, anchor)
    return found[0].date if found else None


@cache
def time_words(language: str) -> frozenset[str]:
    """Weekday, month, unit, day-part and day words of a language ("Montag", "März", "Woche")."""
    words = _lexicon(language).words
    return frozenset(w for k in ("weekday", "month", "unit", "part", "day") for w in words.get(k, {}))


class FindDates:
    """Pipeline component: every date expression of the article, sentence by sentence, resolved
    against the article's date (`doc.dates`, offsets into the cleaned text)."""

    name = "dates"
    requires = ("article.text", "article.language", "article.published", "article.sentences")
    assigns = ("doc.dates",)

    def __call__(self, doc: Doc) -> Doc:
        text, language, anchor = doc.text, doc.language, doc.article.published
        doc.dates = [
            d
            for s in doc.article.sentences
            for d in find_dates(text[s.start : s.end], language, anchor, s.start)
        ]
        return doc
