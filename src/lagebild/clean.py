"""Cleaning: drop the lines that are not article, record each with its reason, find a headline.

Only whole lines are removed and the kept lines are left byte for byte, so an article without junk
comes out unchanged and offsets into it stay valid. Rules live in `lang/boilerplate.tsv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .records import Removed
from .resources import read_tsv

_SENTENCE_END = re.compile(r"[.!?:;…][\"'“”»«‘’)\]]*$|[\"“”»«]$")
_WORD = re.compile(r"\w[\w'’.-]*")
_INNER_BOUNDARY = re.compile(r"\w[.!?][\"'“”»«‘’)]?\s+[\"„“»«]?[A-ZÄÖÜ]")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    where: str  # any | lead | trail
    pattern: re.Pattern[str]
    reason: str


@dataclass(slots=True)
class Cleaned:
    text: str
    title: str | None
    author: str | None = None
    removed: list[Removed] = field(default_factory=list)


@cache
def rules() -> tuple[Rule, ...]:
    out = []
    for row in read_tsv("lang", "boilerplate.tsv", required=("id", "where", "pattern", "reason")):
        if row["where"] not in ("any", "lead", "trail"):
            raise ValueError(f"boilerplate.tsv: rule {row['id']}: bad 'where' {row['where']!r}")
        pattern = re.compile(rf"(?:{row['pattern']})", re.IGNORECASE)
        out.append(Rule(row["id"], row["where"], pattern, row["reason"]))
    return tuple(out)


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_body(line: str) -> bool:
    """A line that reads as running text: it ends like a sentence, or is long."""
    s = line.strip()
    return bool(_SENTENCE_END.search(s) or _INNER_BOUNDARY.search(s)) or len(_words(s)) > 25


def is_headline(line: str) -> bool:
    """Headline shape: 3-20 words, starts with a capital, does not end like a sentence."""
    s = line.strip()
    words = _words(s)
    return (
        3 <= len(words) <= 20
        and len(s) <= 200
        and s[:1].isupper()
        and not _SENTENCE_END.search(s)
        and not s.endswith((",", ")"))
        and not re.search(r"[.!?]\s", s)  # a headline is one sentence, not several
    )


def wrapped(lines: list[str], i: int) -> bool:
    """Line i is a sentence broken over two lines: it runs on into the next one."""
    if i + 1 >= len(lines) or not lines[i].strip() or not lines[i + 1].strip():
        return False
    line, nxt = lines[i], lines[i + 1].lstrip()
    return (
        line[-1:].isspace() or line.rstrip().endswith(("-", ",")) or nxt[:1].islower() or nxt[:1] in "([{"
    ) and not _SENTENCE_END.search(line.rstrip())


def is_stray_label(line: str) -> bool:
    """A kicker or scraper label before the text: one or two words, no sentence punctuation."""
    s = line.strip()
    words = _words(s)
    return (
        1 <= len(words) <= 2
        and len(s) <= 40
        and not _SENTENCE_END.search(s)
        and not any(ch.isdigit() for ch in s)  # "(APA, 12.9.2015)" credits the text, it is no label
        and not s.startswith("(")
    )


def _match(line: str, where: set[str]) -> Rule | None:
    s = line.strip()
    for rule in rules():
        if rule.where in where and rule.pattern.fullmatch(s):
            return rule
    return None


@dataclass(slots=True)
class _Lines:
    """The text's lines while cleaning: which are kept, why the others went, the title and author found."""

    lines: list[str]
    keep: list[bool]
    title: str | None
    author: str | None = None
    removed: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, title: str | None) -> _Lines:
        lines = text.split("\n")
        return cls(lines, [bool(line.strip()) for line in lines], title)

    def drop(self, i: int, reason: str) -> None:
        self.keep[i] = False
        self.removed[i] = reason

    def kept(self) -> list[int]:
        return [i for i, k in enumerate(self.keep) if k]

    def count(self) -> int:
        return sum(self.keep)


def clean_text(text: str, *, title: str | None = None) -> Cleaned:
    """Remove non-article lines; return the cleaned text, the (found or given) title and what went."""
    state = _Lines.of(text, title)
    _drop_anywhere(state)
    _drop_lead(state)
    _drop_trail(state)
    _drop_duplicates(state)
    return _result(text, state)


def _drop_anywhere(state: _Lines) -> None:
    """Rules that hold wherever the line stands (comments trailers, share buttons, cookie banners)."""
    for i, line in enumerate(state.lines):
        if state.keep[i] and (rule := _match(line, {"any"})):
            state.drop(i, rule.reason)


def _drop_lead(state: _Lines) -> None:
    """Lines before the first running text: bylines (kept as author), a headline (kept as title), labels."""
    lines = state.lines
    for i in state.kept():
        if (is_body(lines[i]) and not _match(lines[i], {"lead"})) or wrapped(lines, i) or state.count() <= 1:
            break
        if not _drop_lead_line(state, i):
            break


def _drop_lead_line(state: _Lines, i: int) -> bool:
    line = state.lines[i]
    if rule := _match(line, {"lead"}):
        state.drop(i, rule.reason)
        if rule.id == "byline":
            state.author = re.sub(r"^(von|by|text:|autor:|author:)\s+", "", line.strip(), flags=re.I)
    elif is_headline(line) and state.title is None:
        state.title = line.strip()
        state.drop(i, "headline (kept as title)")
    elif is_stray_label(line):
        state.drop(i, "stray label before the article")
    else:
        return False
    return True


def _drop_trail(state: _Lines) -> None:
    """Lines after the last running text: trailers, the headline repeated or placed at the end, labels."""
    lines = state.lines
    for i in reversed(state.kept()):
        if is_body(lines[i]) or state.count() <= 1 or (i > 0 and wrapped(lines, i - 1)):
            break
        if not _drop_trail_line(state, i):
            break


def _drop_trail_line(state: _Lines, i: int) -> bool:
    line = state.lines[i]
    if rule := _match(line, {"trail"}):
        state.drop(i, rule.reason)
    elif state.title is not None and _norm(line) == _norm(state.title):
        state.drop(i, "duplicated headline")
    elif is_headline(line) and state.title is None and _echoes(line, state.lines, state.keep, i):
        state.title = line.strip()
        state.drop(i, "headline at the end (kept as title)")
    elif is_stray_label(line):
        state.drop(i, "stray label after the article")
    else:
        return False
    return True


def _drop_duplicates(state: _Lines) -> None:
    """The headline repeated in the text, or a paragraph repeated by the scraper."""
    seen: set[str] = set()
    for i, k in enumerate(state.keep):
        if not k:
            continue
        n = _norm(state.lines[i])
        if state.title is not None and n == _norm(state.title) and state.count() > 1:
            state.drop(i, "duplicated headline")
        elif n in seen:
            state.drop(i, "duplicated line")
        seen.add(n)


def _result(text: str, state: _Lines) -> Cleaned:
    out = _join(state.lines, state.keep) if state.removed else text
    if not out.strip():
        # Everything looked like junk: a one-line text such as "Siehe auch: …" is the user's text,
        # and an empty article would help nobody.
        return Cleaned(text=text, title=state.title if state.title not in state.lines else None)
    return Cleaned(
        text=out,
        title=state.title,
        author=state.author,
        removed=[Removed(state.lines[i].strip(), state.removed[i]) for i in sorted(state.removed)],
    )


def _echoes(line: str, lines: list[str], keep: list[bool], skip: int) -> bool:
    """A headline summarises its article: at least two of its longer words recur in the body.

    Guards the trailing-headline rule against a last short line that belongs to the text
    ("UVP: 20 Euro", "Vernissage am Samstag").
    """
    words = {w.casefold() for w in _words(line) if len(w) >= 4}
    body = " ".join(x for j, (x, k) in enumerate(zip(lines, keep, strict=True)) if k and j != skip).casefold()
    return len(words) >= 2 and sum(1 for w in words if w.rstrip("s") in body) >= 2


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


def _join(lines: list[str], keep: list[bool]) -> str:
    """Kept lines; removed ones become nothing, and no more than one blank line separates paragraphs.

    Blank lines between kept lines are kept as they were, so an input without junk is unchanged.
    """
    out: list[str] = []
    for line, k in zip(lines, keep, strict=True):
        if k or (not line.strip() and out and out[-1].strip()):
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)
