"""Load an event regression set (tests/data/events/regression.tsv and the others) and score the coder on it.

Shared by eval/events_eval.py (prints the numbers) and tests/test_events_regression.py (pins floors).
Sentences from non-commercial corpora (10kgnad, Wikinews quotes) are stored as references and read
from ../shared; they are skipped, and counted, when ../shared is not there. A set is German unless a
header line declares otherwise (`# language: en`); its sentences are tokenised and coded in that language.
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .coder import code_events as _code
from .gold import Case, Score, build_doc, parse_expected, parse_markup, parse_mention_list, score_case

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SET = ROOT / "tests" / "data" / "events" / "regression.tsv"
SHARED = ROOT.parent / "shared"


@cache
def _gnad(path: Path) -> dict[str, str]:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out[d["id"]] = d["text"]
    return out


def _referenced(origin: str, shared: Path) -> str | None:
    """The text of a sentence referenced by corpus, document id and offsets, or None without ../shared."""
    corpus, doc_id, start, end = origin.split(":")
    if corpus == "10kgnad":
        src = shared / "data" / "news-10kgnad" / "articles.jsonl"
        return _gnad(src)[doc_id][int(start) : int(end)] if src.exists() else None
    src = shared / "data" / "quotes-wikinews-de" / "train" / f"{doc_id}.json"
    if not src.exists():
        return None
    with open(src, encoding="utf-8") as fh:
        return json.load(fh)["originalText"][int(start) : int(end)]


def set_language(path: Path) -> str:
    """The language a set declares in a `# language: xx` line of its header; German by default."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            key, _, value = line[1:].partition(":")
            if key.strip() == "language":
                return value.strip()
    return "de"


def load_cases(path: Path = DEFAULT_SET, shared: Path = SHARED) -> tuple[list[Case], int]:
    """The cases, and how many referenced sentences could not be read (../shared missing)."""
    cases, missing = [], 0
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        origin = row["origin"]
        if origin.startswith(("10kgnad:", "wikinews:")):
            text = _referenced(origin, shared)
            if text is None:
                missing += 1
                continue
            spans = parse_mention_list(text, row["mentions"])
        else:
            text, spans = parse_markup(row["text"])
        cases.append(
            Case(
                id=row["id"],
                text=text,
                spans=spans,
                expected=parse_expected(row["expected"]),
                forbidden=[f for f in row["forbidden"].split(",") if f],
                published=row["published"] or None,
                origin=origin,
            )
        )
    return cases, missing


@dataclass
class Report:
    root: Score = field(default_factory=Score)
    code: Score = field(default_factory=Score)
    forbidden: int = 0
    cases: int = 0
    missing: int = 0
    tokens: int = 0
    seconds: float = 0.0
    roots: dict[str, Score] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    language: str = "de"

    @property
    def ms_per_1000_tokens(self) -> float:
        return 1000 * self.seconds / self.tokens * 1000 if self.tokens else 0.0


def evaluate(path: Path = DEFAULT_SET, shared: Path = SHARED) -> Report:
    cases, missing = load_cases(path, shared)
    language = set_language(path)
    rep = Report(cases=len(cases), missing=missing, language=language)

    def code_events(doc):
        return [c.event for c in _code(doc)]

    if cases:
        code_events(build_doc(cases[0], language))  # load patterns and cue tables before timing
    for case in cases:
        doc = build_doc(case, language)
        t0 = time.perf_counter()
        events = code_events(doc)
        rep.seconds += time.perf_counter() - t0
        rep.tokens += len(doc.tokens)
        for level, total in (("root", rep.root), ("code", rep.code)):
            sc, notes = score_case(case, events, level)
            total.tp += sc.tp
            total.fp += sc.fp
            total.fn += sc.fn
            if level == "root":
                if notes:
                    rep.notes[case.id] = notes
                rep.forbidden += sum(1 for n in notes if n.startswith("FORBIDDEN"))
        for exp in case.expected:
            rep.roots.setdefault(exp.root, Score())
        for level_root in {e.root for e in case.expected} | {e.root for e in events if not e.negated}:
            sub = Case(
                case.id,
                case.text,
                case.spans,
                [e for e in case.expected if e.root == level_root],
                case.forbidden,
            )
            sc, _ = score_case(sub, [e for e in events if e.root == level_root], "root")
            r = rep.roots.setdefault(level_root, Score())
            r.tp, r.fp, r.fn = r.tp + sc.tp, r.fp + sc.fp, r.fn + sc.fn
    return rep
