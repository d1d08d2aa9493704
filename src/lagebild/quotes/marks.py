"""Pair quotation marks in text into quoted spans, tolerant of the mixed pairs of scraped and MT text."""

from __future__ import annotations

from .lexicon import Marks, marks

_OPEN_BEFORE = set("([{/–—-:;,") | {"\u00a0"}
_CLOSE_AFTER = set(".,;:!?)]}/–—-…") | {"\u00a0"}
# Unambiguous openers may open even after a letter ("als„höchst"): MT text drops spaces.
_ALWAYS_OPEN = set("„‚»")


def _can_open(text: str, i: int, quote_chars: frozenset[str]) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace() or nxt in ".,;:!?":
        return False
    prev = text[i - 1] if i > 0 else " "
    return prev.isspace() or prev in _OPEN_BEFORE or prev in quote_chars or text[i] in _ALWAYS_OPEN


def _can_close(text: str, i: int, quote_chars: frozenset[str]) -> bool:
    prev = text[i - 1] if i > 0 else " "
    if prev.isspace():
        return False
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return nxt.isspace() or nxt in _CLOSE_AFTER or nxt in quote_chars or nxt == "'"


def quoted_spans(text: str, m: Marks | None = None) -> list[tuple[int, int]]:
    """(start, end) of every quoted stretch, marks included, in text order.

    Double marks are paired first within a paragraph (a line); a quote still open at the end of its
    line ends there (German convention: each paragraph of a long quote reopens with „) unless the next
    line closes it before opening anything (a quote broken across lines). Single marks are paired only
    outside double-quoted stretches, so nested quotes stay part of their quote.
    """
    m = m or marks()
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        spans.extend(_pair(text, pos, pos + len(line), m, m.double))
        pos += len(line) + 1
    spans = _join_lines(text, spans, m)
    covered = [False] * len(text)
    for a, b in spans:
        for k in range(a, b):
            covered[k] = True
    single: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        for a, b in _pair(text, pos, pos + len(line), m, m.single, covered):
            if " " in text[a:b].strip():  # a lone word in single marks is a name or an apostrophe
                single.append((a, b))
        pos += len(line) + 1
    return sorted(spans + single)


def _pair(
    text: str, start: int, end: int, m: Marks, cls: frozenset[str], covered: list[bool] | None = None
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    qchars = m.all
    open_at: int | None = None
    depth = 0  # nested „…“ inside „…“ (a quoted name inside a quote)
    for i in range(start, end):
        c = text[i]
        if c not in cls or (covered is not None and covered[i]):
            continue
        if open_at is None:
            if c in m.closers and _can_open(text, i, qchars):
                open_at = i
            continue
        if c in m.closers[text[open_at]] and _can_close(text, i, qchars):
            if depth:
                depth -= 1
                continue
            out.append((open_at, i + 1))
            open_at = None
        elif c in _ALWAYS_OPEN and _can_open(text, i, qchars):
            if c == text[open_at] and _closes_later(text, i, end, m.closers[c], qchars):
                depth += 1  # „… „Name“ …“
            else:
                open_at = i  # an unclosed quote before: restart at the unambiguous opener
    if open_at is not None and end - open_at > 2:
        stop = end
        while stop > open_at and text[stop - 1].isspace():
            stop -= 1
        out.append((open_at, stop))
    return out


def _closes_later(text: str, i: int, end: int, closers: str, qchars: frozenset[str]) -> bool:
    """Do at least two closers follow opener i on its line (its own and the outer quote's)?"""
    n = sum(1 for k in range(i + 1, end) if text[k] in closers and _can_close(text, k, qchars))
    return n >= 2


def _join_lines(text: str, spans: list[tuple[int, int]], m: Marks) -> list[tuple[int, int]]:
    """Join a quote left open at the end of its line with an unpaired closer early on the next line."""
    qchars = m.all
    starts = {a for a, _ in spans}
    out: list[tuple[int, int]] = []
    skip_until = -1
    for a, b in spans:
        if a < skip_until:
            continue
        closed = text[b - 1] in m.closers[text[a]] and b - 1 > a
        nl = text.find("\n", b)
        if closed or nl < 0 or text[b:nl].strip():
            out.append((a, b))
            continue
        line_end = text.find("\n", nl + 1)
        line_end = len(text) if line_end < 0 else line_end
        k = next((i for i in range(nl + 1, line_end) if text[i] in m.double), None)
        if (
            k is not None
            and k not in starts
            and text[k] in m.closers[text[a]]
            and _can_close(text, k, qchars)
        ):
            out.append((a, k + 1))
            skip_until = k + 1
        else:
            out.append((a, b))
    return [(a, b) for a, b in out if not any(a2 < a < b2 for a2, b2 in out if (a2, b2) != (a, b))]
