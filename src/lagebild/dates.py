"""Dates: normalise publication dates; find date expressions in the text and resolve them against the
article's date. The rules are in docs/dates.md; the words and patterns of each language in
lang/<code>/dates.tsv and lang/<code>/dates_patterns.tsv."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from .records import DateMention, Doc, Sentence

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def normalize_date(value: str | None) -> str | None:
    """A publication date in any common form -> 'YYYY-MM-DD', or None if it cannot be read.

    This is where dateparser is right: the whole string is known to be a date. In running text it is
    not used, because its search takes numbers and words for dates ("2008 Tote", the article "die").
    """
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
# The language's words and patterns

# Numbers and word ends shared by every language's patterns ({D}, {M}, ... in dates_patterns.tsv).
_MACROS = {
    "D": r"(?:3[01]|[12]\d|0?[1-9])",
    "M": r"(?:1[0-2]|0?[1-9])",
    "Y": r"(?:1\d{3}|20\d\d)",
    "YB": r"(?:1[89]\d\d|20\d\d)",
    "YY": r"\d\d",
    "E": r"(?!\w)",
}
_PLACEHOLDER = re.compile(r"\{([!<~]?)([A-Za-z]+)\}")


@dataclass(frozen=True)
class DateRule:
    """One pattern of dates_patterns.tsv, compiled: its id, resolver, default step, and what every
    match of it contains (a digit or a word of a kind): a text without it is not searched."""

    id: str
    resolver: str
    step: int | None
    regex: re.Pattern
    needs: tuple[str, ...]


@dataclass(frozen=True)
class DateLexicon:
    """A language's date words (kind -> word -> value) and compiled patterns, in file order."""

    words: dict[str, dict[str, str]]
    rules: tuple[DateRule, ...]
    gate: re.Pattern  # a digit, or the longest word of a needed kind that starts here
    gate_kinds: dict[str, frozenset[str]]  # such a word -> its kinds

    def rules_for(self, text: str) -> list[DateRule]:
        """The rules whose needs the text meets (most sentences contain no date word and no digit)."""
        present: set[str] = set()
        for m in self.gate.finditer(text):
            present |= {"digit"} if m[0].isdigit() else self.gate_kinds.get(m[0].lower(), frozenset())
        return [rule for rule in self.rules if not present.isdisjoint(rule.needs)]

    def value(self, kinds: tuple[str, ...], word: str) -> str:
        """The value of `word` under the first of `kinds` that has it (KeyError if none does)."""
        key = word.lower()
        for kind in kinds:
            if key in self.words.get(kind, {}):
                return self.words[kind][key]
        raise KeyError(word)

    def has(self, kind: str, word: str) -> bool:
        return word.lower() in self.words.get(kind, {})


def _word_regex(word: str) -> str:
    """A word of the lexicon as a regex, with a word boundary before it when it starts with a letter."""
    return (r"\b" if word[:1].isalnum() else "") + re.escape(word)


def _trie(words) -> str:
    """Words as one regex factored by common prefixes, longer words first where one is a prefix of
    another ("dec|ades"): the engine tries a few branches a position instead of every word."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + ("?" if "" in node else "")

    return emit(tree)


def _words_regex(words) -> str:
    """Words as a regex, each with a word boundary before it when it starts with a letter."""
    bounded = [w for w in words if w[:1].isalnum()]
    other = [re.escape(w) for w in words if not w[:1].isalnum()]
    return "(?:" + "|".join(([rf"\b{_trie(bounded)}"] if bounded else []) + other) + ")"


def _placeholder(op: str, name: str, words: dict[str, dict[str, str]], where: str) -> str:
    if not op and name in _MACROS:
        return _MACROS[name]
    kind = name.lower()
    if kind not in words:
        raise ValueError(f"{where}: unknown placeholder {{{op}{name}}}")
    listed = sorted(words[kind], key=len, reverse=True)
    if op == "<":
        return "(?:" + "|".join(rf"(?<={_word_regex(w)}\s)" for w in listed) + ")"
    if op == "!":
        return "".join(rf"(?<!{_word_regex(w)}\s)" for w in listed)
    if op == "~":  # a suffix of the word before ("Sonntag|abend"): no word boundary
        return "(?:" + _trie(listed) + ")"
    if name[0].isupper():
        return "(?-i:" + _words_regex([w[:1].upper() + w[1:] for w in listed]) + ")"
    return _words_regex(listed)


def expand_pattern(pattern: str, words: dict[str, dict[str, str]], where: str = "pattern") -> str:
    """Replace the placeholders of a date pattern by regular expressions: {kind} a word of that kind,
    {Kind} the same capitalised and case-sensitive, {~kind} one glued to the word before, {<kind} right
    after one, {!kind} not right after one; {D}, {M}, {Y}, {YB}, {YY}, {E} numbers and the word end."""
    return _PLACEHOLDER.sub(lambda m: _placeholder(m[1], m[2], words, where), pattern)


def _rule(row: dict[str, str], words: dict[str, dict[str, str]], where: str) -> DateRule:
    name, _, step = row["resolver"].partition(":")
    if name not in RESOLVERS:
        raise ValueError(f"{where}: unknown resolver {name!r} in rule {row['id']!r}")
    needs = tuple(row["needs"].split("|"))
    unknown = [n for n in needs if n != "digit" and n not in words]
    if unknown:
        raise ValueError(f"{where}: rule {row['id']!r} needs unknown kinds {unknown}")
    try:
        regex = re.compile(expand_pattern(row["pattern"], words, where), re.IGNORECASE)
    except re.error as err:
        raise ValueError(f"{where}: rule {row['id']!r}: {err}") from err
    return DateRule(row["id"], name, int(step) if step else None, regex, needs)


def _gate(rules: tuple[DateRule, ...], words: dict[str, dict[str, str]]):
    """The words of the kinds some rule needs, longest first (so that "decades" is not read as "dec"),
    as one regex with a digit; and each word's kinds. A word may run on ("Sonntag|abend", "Jahr|es")."""
    kinds: dict[str, set[str]] = {}
    for kind in {n for rule in rules for n in rule.needs} - {"digit"}:
        for word in words[kind]:
            kinds.setdefault(word, set()).add(kind)
    gate = re.compile(rf"\d|{_words_regex(kinds)}", re.IGNORECASE)
    return gate, {w: frozenset(k) for w, k in kinds.items()}


@cache
def lexicon(language: str) -> DateLexicon:
    """The date words and compiled patterns of a supported language."""
    from .lang import get_language

    lang = get_language(language)
    words: dict[str, dict[str, str]] = {}
    for row in lang.read_tsv("dates.tsv", required=("word", "kind")):
        words.setdefault(row["kind"], {})[row["word"].lower()] = row.get("value", "")
    where = f"lang/{language}/dates_patterns.tsv"
    rows = lang.read_tsv("dates_patterns.tsv", required=("id", "resolver", "needs", "pattern"))
    if not rows:
        raise ValueError(f"{where}: no date patterns")
    rules = tuple(_rule(row, words, where) for row in rows)
    return DateLexicon(words, rules, *_gate(rules, words))


# ------------------------------------------------------------------------------------------------
# Resolution: each resolver turns the named groups of one match into a span of days


@dataclass(frozen=True)
class Resolved:
    """The first day, the granularity of the words, and the last day when the words name a stretch
    longer than one unit of that granularity (a range, a week, a season, a decade)."""

    first: date
    precision: str  # "day" | "month" | "year"
    last: date | None = None


@dataclass(frozen=True)
class _Match:
    groups: dict[str, str]  # the named groups that matched
    lex: DateLexicon
    anchor: date | None
    default_step: int | None

    def word(self, kinds: tuple[str, ...], group: str) -> str:
        return self.lex.value(kinds, self.groups[group])

    def step(self, group: str) -> int | None:
        """The step of a modifier group (-1 past, 0 this, 1 next), None when it did not match."""
        return int(self.word(("mod",), group)) if group in self.groups else None

    def count(self) -> float:
        return float(self.groups["n"]) if "n" in self.groups else float(self.word(("num",), "nw"))

    def with_groups(self, groups: dict[str, str | None]) -> _Match:
        kept = {k: v for k, v in groups.items() if v}
        return _Match(kept, self.lex, self.anchor, self.default_step)


def _month_end(year: int, month: int) -> date:
    return _shift_months(date(year, month, 1), 1) - timedelta(days=1)


def _shift_months(d: date, months: int) -> date:
    """The first day of the month `months` after the month of `d`."""
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _end_of(r: Resolved) -> date:
    """The last day a resolved expression covers."""
    if r.last is not None:
        return r.last
    if r.precision == "month":
        return _month_end(r.first.year, r.first.month)
    if r.precision == "year":
        return date(r.first.year, 12, 31)
    return r.first


def _distance(span: tuple[date, date], anchor: date) -> int:
    first, last = span
    if first <= anchor <= last:
        return 0
    return min(abs((anchor - first).days), abs((anchor - last).days))


def _pick(spans: list[tuple[date, date]], anchor: date, step: int | None) -> tuple[date, date]:
    """The occurrence of a yearless day, month or season meant at `anchor`: with no modifier (or
    "this") the closest one, ties to the past; "last" the latest one over before the anchor, "next"
    the first one that begins after it."""
    if step is None or step == 0:
        return min(spans, key=lambda s: (_distance(s, anchor), s[0]))
    if step < 0:
        return max((s for s in spans if s[1] < anchor), key=lambda s: s[0])
    return min((s for s in spans if s[0] > anchor), key=lambda s: s[0])


def _around(anchor: date) -> range:
    return range(anchor.year - 2, anchor.year + 2)


def _year(m: _Match) -> int | None:
    """The year the match names: four digits, two digits (the century closest to the anchor), or a
    year modifier ("vergangenen Jahres"); None when it names none."""
    text = (m.groups.get("year") or "").lstrip("'’")
    if len(text) == 4:
        return int(text)
    if text:
        base = m.anchor.year if m.anchor else 2000
        return min((c + int(text) for c in (1900, 2000, 2100)), key=lambda y: (abs(y - base), y))
    step = m.step("ymod")
    return m.anchor.year + step if step is not None and m.anchor else None


def _month(m: _Match) -> int | None:
    text = m.groups.get("month")
    if not text:
        return None
    number = int(text) if text.isdigit() else int(m.word(("month",), "month"))
    if not 1 <= number <= 12:
        raise ValueError(f"month {text!r}")
    return number


def _calendar(m: _Match) -> Resolved | None:
    """Day, month and year as far as named ("8. April 2025", "im März", "2008"); a day or month without
    a year is the occurrence closest to the anchor (or the last/next one with a modifier)."""
    year, month, day = _year(m), _month(m), int(m.groups.get("day") or 0)
    if month is None:
        return Resolved(date(year, 1, 1), "year") if year is not None else None
    precision = "day" if day else "month"
    if year is not None:
        return Resolved(date(year, month, day or 1), precision)
    if m.anchor is None:
        return None
    spans = []
    for y in _around(m.anchor):
        try:
            first = date(y, month, day or 1)
        except ValueError:  # 29 February
            continue
        spans.append((first, first if day else _month_end(y, month)))
    return Resolved(_pick(spans, m.anchor, m.step("mod"))[0], precision)


def _range(m: _Match) -> Resolved | None:
    """A range ("vom 3. bis 5. Mai", "von März bis Mai 2008", "2008-2010"): the end is resolved first,
    the start takes the month and year it does not name from the end (a year earlier when it would
    otherwise come after the end)."""
    g = m.groups
    end = _calendar(
        m.with_groups(
            {
                "day": g.get("day2"),
                "month": g.get("month2") or g.get("month"),
                "year": g.get("year2") or g.get("year"),
            }
        )
    )
    if end is None:
        return None
    year = g.get("year") or str(end.first.year)
    start_groups = {"day": g.get("day"), "month": g.get("month") or g.get("month2"), "year": year}
    start = _calendar(m.with_groups(start_groups))
    if start is not None and start.first > end.first and not g.get("year"):
        start = _calendar(m.with_groups({**start_groups, "year": str(end.first.year - 1)}))
    if start is None or start.first > end.first:
        return None
    return Resolved(start.first, start.precision, _end_of(end))


def _weekday(m: _Match) -> Resolved | None:
    """A weekday: the latest such day on or before the anchor; "vergangenen" strictly before,
    "kommenden" strictly after; "Montag vergangener Woche" the Monday of that week."""
    if m.anchor is None:
        return None
    wd, today = int(m.word(("weekday",), "weekday")), m.anchor.weekday()
    week_step, step = m.step("wmod"), m.step("mod")
    if week_step is not None:
        return Resolved(m.anchor + timedelta(days=wd - today + 7 * week_step), "day")
    if step is None and "fut" in m.groups:  # "für Mittwoch": the coming one, or today
        return Resolved(m.anchor + timedelta(days=(wd - today) % 7), "day")
    if step is not None and step > 0:
        return Resolved(m.anchor + timedelta(days=((wd - today) % 7) or 7), "day")
    back = (today - wd) % 7
    if step is not None and step < 0:
        back = back or 7
    return Resolved(m.anchor - timedelta(days=back), "day")


def _relday(m: _Match) -> Resolved | None:
    """Relative days ("gestern", "am gestrigen Dienstag", "tomorrow"): the anchor plus the word's offset."""
    if m.anchor is None:
        return None
    return Resolved(m.anchor + timedelta(days=int(m.word(("day", "dayadj"), "rel"))), "day")


def _weekend(anchor: date, step: int) -> Resolved:
    saturday = anchor + timedelta(days=5 - anchor.weekday())
    in_weekend = anchor.weekday() >= 5
    if step > 0:
        saturday += timedelta(days=0 if not in_weekend else 7)
    elif step < 0 or not in_weekend:
        saturday -= timedelta(days=7)
    return Resolved(saturday, "day", saturday + timedelta(days=1))


def shifted_period(unit: str, anchor: date, step: int) -> Resolved:
    """The period of `unit` that is `step` periods from the anchor's: a day, a week (Monday to Sunday),
    a weekend (the latest one, or the next), a month, a year."""
    if unit == "day":
        return Resolved(anchor + timedelta(days=step), "day")
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(days=7 * step)
        return Resolved(monday, "day", monday + timedelta(days=6))
    if unit == "weekend":
        return _weekend(anchor, step)
    if unit == "month":
        return Resolved(_shift_months(anchor, step), "month")
    if unit == "year":
        return Resolved(date(anchor.year + step, 1, 1), "year")
    raise KeyError(unit)


def _period(m: _Match) -> Resolved | None:
    """Periods around the anchor ("vergangene Woche", "Ende vergangenen Jahres", "the week before")."""
    if m.anchor is None:
        return None
    step = m.step("mod")
    if step is None:
        step = m.default_step or 0
    return shifted_period(m.word(("unit",), "unit"), m.anchor, step)


def _relperiod(m: _Match) -> Resolved | None:
    """A period in one word: "im Vorjahr", "zum Jahresende", "heuer" (value: unit and step)."""
    if m.anchor is None:
        return None
    unit, step = m.word(("relperiod",), "relperiod").split()
    return shifted_period(unit, m.anchor, int(step))


def _offset(m: _Match, sign: int) -> Resolved | None:
    """Counted offsets ("vor zwei Wochen", "in drei Tagen", "vor zweieinhalb Jahren"): the anchor moved
    by N units; days and weeks give a day, months the month, years and decades the year."""
    if m.anchor is None:
        return None
    n, unit = sign * m.count(), m.word(("unit",), "unit")
    days = {"day": 1, "week": 7, "weekend": 7}.get(unit)
    if days is not None:
        return Resolved(m.anchor + timedelta(days=round(n * days)), "day")
    months = round(n * {"month": 1, "year": 12, "decade": 120}[unit])
    first = _shift_months(m.anchor, months)
    return Resolved(first, "month") if unit == "month" else Resolved(date(first.year, 1, 1), "year")


def _ago(m: _Match) -> Resolved | None:
    return _offset(m, -1)


def _ahead(m: _Match) -> Resolved | None:
    return _offset(m, 1)


def _season(m: _Match) -> Resolved | None:
    """A season: its first month to its last (winter: December to February), month precision; without a
    year the occurrence closest to the anchor (or the last/next one with a modifier)."""
    return _three_months(m, int(m.word(("season",), "season")))


def _quarter(m: _Match) -> Resolved | None:
    """A quarter ("im dritten Quartal 2016", "Q3 2016"): its three months, as a season."""
    text = m.groups["quarter"]
    number = int(text) if text.isdigit() else int(m.word(("ordinal",), "quarter"))
    return _three_months(m, 3 * number - 2)


def _three_months(m: _Match, first_month: int) -> Resolved | None:
    def span(year: int) -> tuple[date, date]:
        start = date(year, first_month, 1)
        end = _shift_months(start, 3) - timedelta(days=1)
        return start, end

    year = _year(m)
    if year is None and m.anchor is None:
        return None
    first, last = (
        span(year)
        if year is not None
        else _pick([span(y) for y in _around(m.anchor)], m.anchor, m.step("mod"))
    )
    return Resolved(first, "month", last)


def _decade(m: _Match) -> Resolved | None:
    """Decades ("in den 1990er Jahren", "die neunziger Jahre", "the '90s"): ten years, year precision;
    a two-digit decade is the latest one that began by the anchor's year."""
    first = m.groups.get("decade") or m.word(("decadeword",), "decadeword")
    start = _decade_start(first, m.anchor)
    end = _decade_start(m.groups.get("decade2") or first, m.anchor)
    return Resolved(date(start, 1, 1), "year", date(end + 9, 12, 31))


def _decade_start(text: str, anchor: date | None) -> int:
    digits = text.lstrip("'’")
    if len(digits) != 2:
        return int(digits)
    latest = anchor.year if anchor else 1999
    return max(c + int(digits) for c in (1900, 2000) if c + int(digits) <= max(latest, 1900 + int(digits)))


RESOLVERS: dict[str, Callable[[_Match], Resolved | None]] = {
    "calendar": _calendar,
    "range": _range,
    "weekday": _weekday,
    "relday": _relday,
    "period": _period,
    "relperiod": _relperiod,
    "ago": _ago,
    "ahead": _ahead,
    "season": _season,
    "quarter": _quarter,
    "decade": _decade,
}


# ------------------------------------------------------------------------------------------------
# Finding: every pattern over the text, overlaps settled, each match resolved and its context read


def _words_before(text: str, start: int, n: int = 2) -> list[str]:
    """The last `n` words before `start` (lower case, nearest last)."""
    return [w.lower().strip(',;:()"„“”') for w in text[max(0, start - 40) : start].split()[-n:]]


def _relation(text: str, start: int, end: int, lex: DateLexicon) -> str | None:
    """How the date relates to its context: "attribute" when it hangs on a noun ("Wahlsieg vom
    Sonntag", "Sunday's vote"), "bound" when a preposition makes it a limit ("vor dem 3. Mai",
    "until March"), else None."""
    before = _words_before(text, start)
    if before and lex.has("attribute", before[-1]):
        return "attribute"
    after = text[end : end + 2]
    if any(after.startswith(w) for w in lex.words.get("attribute_after", {})):
        return "attribute"
    if len(before) == 2 and lex.has("article", before[-1]):
        before = before[:1]
    if before and lex.has("bound", before[-1]):
        return "bound"
    return None


def _matches(text: str, lex: DateLexicon) -> list[tuple[re.Match, DateRule]]:
    """Every rule's matches; of overlapping ones the earliest, then the longest, then the first rule."""
    found = [(m, i, rule) for i, rule in enumerate(lex.rules_for(text)) for m in rule.regex.finditer(text)]
    found.sort(key=lambda f: (f[0].start(), -(f[0].end() - f[0].start()), f[1]))
    kept: list[tuple[re.Match, DateRule]] = []
    last_end = -1
    for m, _, rule in found:
        if m.start() >= last_end and m.end() > m.start():
            kept.append((m, rule))
            last_end = m.end()
    return kept


def _resolve(m: re.Match, rule: DateRule, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    groups = {k: v for k, v in m.groupdict().items() if v}
    try:
        return RESOLVERS[rule.resolver](_Match(groups, lex, anchor, rule.step))
    except (ValueError, KeyError, OverflowError):
        return None  # an impossible date ("31. Februar"), a range that runs backwards


def find_dates(text: str, language: str, anchor: str | None = None, offset: int = 0) -> list[DateMention]:
    """Date expressions in `text` (offsets shifted by `offset`), resolved against `anchor`.

    Without an anchor a relative expression (and a day or month without a year) keeps its words
    with date None.
    """
    lex = lexicon(language)
    base = date.fromisoformat(anchor) if anchor else None
    out: list[DateMention] = []
    for m, rule in _matches(text, lex):
        r = _resolve(m, rule, lex, base)
        out.append(
            DateMention(
                m.start() + offset,
                m.end() + offset,
                m[0],
                r.first.isoformat() if r else None,
                precision=r.precision if r else None,
                last=r.last.isoformat() if r and r.last else None,
                rule=rule.id,
                relation=_relation(text, m.start(), m.end(), lex),
            )
        )
    return out


def resolve_date(expression: str, anchor: str | None = None, language: str = "de") -> str | None:
    """One date expression ('am späten Sonntag', '8. April 2025') -> 'YYYY-MM-DD' or None."""
    found = find_dates(expression, language, anchor)
    return found[0].date if found else None


def date_for_span(
    dates: Sequence[DateMention],
    start: int,
    end: int,
    sentence: Sentence,
    *,
    others: Sequence[tuple[int, int]] = (),
) -> DateMention | None:
    """The date of an event whose clause spans `start`..`end` in `sentence` (docs/dates.md):

    1. a date expression inside the clause, unless it hangs on a noun ("Wahlsieg vom Sonntag") or is
       a bound ("vor dem 3. Mai") — the first resolved one, else the first;
    2. else the sentence's only date expression, if it is neither of those and does not lie in one of
       `others` (spans of other clauses of the sentence that have an event of their own);
    3. else None.
    """
    own = [d for d in dates if start <= d.start < end and d.relation is None]
    if own:
        return next((d for d in own if d.date is not None), own[0])
    in_sentence = [d for d in dates if sentence.start <= d.start < sentence.end]
    if len(in_sentence) != 1:
        return None
    d = in_sentence[0]
    if d.relation is not None or any(s <= d.start < e for s, e in others):
        return None
    return d


@cache
def time_words(language: str) -> frozenset[str]:
    """The words the event coder treats as time words ("Montag", "März", "Woche"): the rows of
    dates.tsv marked `time` in the `coder` column."""
    from .lang import get_language

    rows = get_language(language).read_tsv("dates.tsv", required=("word", "kind"))
    return frozenset(row["word"].lower() for row in rows if row.get("coder") == "time")


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
