"""The gold format of the event sets (tests/data/events/*.tsv): markup, doc building and scoring.

A sentence marks its actor mentions inline, `[Russland|RUS]`, `[russische|RUS] Truppen`,
`[US|USA]-Angriffe` (the label is the actor's country or organisation code), or, for text that may
not be copied into the repository, lists them apart as `surface=CODE` (`surface#2=CODE` for the
second occurrence). Expected events are written `ROOTorCODE:SRC>TGT` with `-` for an empty side
("19:USA>IRN; 112:->IRN"); forbidden ones as codes or roots that no non-negated event may carry.
The evaluation (eval/events_sets.py, `python -m eval`) and the tests share this module, so both score
the same way. It is evaluation code, not part of the lagebild package: nothing at run time reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lagebild.records import Actor, Article, Doc, Entity, Event

_MARK = re.compile(r"\[([^\[\]|]+)\|([A-Za-z0-9_.:-]+)\]")


@dataclass
class Expected:
    code: str  # a root ("19") or a full code ("1123")
    source: str | None
    target: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass
class Case:
    id: str
    text: str
    spans: list[tuple[int, int, str]]  # mention start, end, actor code
    expected: list[Expected] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    published: str | None = None
    origin: str = ""


def parse_markup(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """'[Russland|RUS] griff an' -> ('Russland griff an', [(0, 8, 'RUS')])."""
    out, spans, pos = [], [], 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        start = sum(len(x) for x in out)
        out.append(m[1])
        spans.append((start, start + len(m[1]), m[2]))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def parse_mention_list(text: str, spec: str) -> list[tuple[int, int, str]]:
    """'Rjabkow=RUS; Iran#2=IRN' -> spans found in `text`; ValueError when a surface is missing."""
    spans = []
    for item in filter(None, (s.strip() for s in spec.split(";"))):
        surface, code = item.rsplit("=", 1)
        nth = 1
        if "#" in surface:
            surface, n = surface.rsplit("#", 1)
            nth = int(n)
        pos = -1
        for _ in range(nth):
            pos = text.find(surface, pos + 1)
            if pos < 0:
                raise ValueError(f"mention {surface!r} not found in {text[:60]!r}")
        spans.append((pos, pos + len(surface), code))
    return spans


def parse_expected(spec: str) -> list[Expected]:
    out = []
    for item in filter(None, (s.strip() for s in spec.split(";"))):
        code, sides = item.split(":", 1)
        src, tgt = sides.split(">", 1)
        out.append(
            Expected(
                code.strip(),
                None if src.strip() in ("-", "") else src.strip(),
                None if tgt.strip() in ("-", "") else tgt.strip(),
            )
        )
    return out


def actor_for(code: str, surface: str) -> Actor:
    return Actor(id=f"{code}:{surface}", name=surface, code=code, country=code)


def build_doc(case: Case, language: str = "de") -> Doc:
    """Tokenise the sentence and put the annotated mentions on the doc, as the linker would."""
    from lagebild.dates import FindDates
    from lagebild.nlp import Tokenize
    from lagebild.syntax import Parse

    doc = Doc(Article(id=case.id, text=case.text, language=language, published=case.published))
    doc = FindDates()(Parse()(Tokenize()(doc)))
    doc.mentions = [
        Entity(case.text[s:e], s, e, "GPE", actor=actor_for(code, case.text[s:e]))
        for s, e, code in case.spans
    ]
    return doc


def side(m) -> str | None:
    return m.actor.country if m is not None and m.actor is not None else None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_case(case: Case, events: list[Event], level: str) -> tuple[Score, list[str]]:
    """Match predicted (non-negated) events to the expected ones at 'root' or 'code' level.

    An expected entry written as a root matches any code of that root at both levels; an entry
    with a full code needs that code at 'code' level. Sides must agree (None = no actor). A
    predicted event that matches nothing, or carries a forbidden code, is a false positive.
    """
    sc = Score()
    notes: list[str] = []
    preds = [e for e in events if not e.negated]
    used: set[int] = set()
    for exp in case.expected:
        hit = None
        for k, ev in enumerate(preds):
            if k in used or side(ev.source) != exp.source or side(ev.target) != exp.target:
                continue
            ok = ev.root == exp.root if (level == "root" or len(exp.code) == 2) else ev.code == exp.code
            if ok:
                hit = k
                break
        if hit is None:
            sc.fn += 1
            notes.append(f"missed {exp.code}:{exp.source or '-'}>{exp.target or '-'}")
        else:
            used.add(hit)
            sc.tp += 1
    for k, ev in enumerate(preds):
        if k in used:
            continue
        sc.fp += 1
        bad = any(ev.code.startswith(f) for f in case.forbidden)
        notes.append(
            f"{'FORBIDDEN ' if bad else ''}extra {ev.code}:{side(ev.source) or '-'}>{side(ev.target) or '-'} ({ev.rule})"
        )
    return sc, notes
