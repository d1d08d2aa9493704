"""Date resolution on hand-annotated expressions from real sentences (tests/data/dates/cases.tsv).

`python eval/dates_eval.py` prints the accuracy overall, per kind, per language and per source, and the
misses; `--events` adds the share of events with a date over the 40 whole-article Wikinews gold articles.
The corpus rows (10kGNAD, Wikinews) are read from ../shared and skipped when it is absent.

A row counts as right when the first date expression found overlapping the annotated words resolves to
the annotated first day, precision and last day; a non-date row ("2008 Tote", "14.30 Uhr") when nothing
found there resolves.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "dates" / "cases.tsv"
SHARED = ROOT.parent / "shared" / "data"
GOLD = SHARED / "events-articles-de" / "wikinews-gold.json"


@dataclass(frozen=True)
class Case:
    id: str
    language: str
    source: str
    anchor: str
    expression: str
    value: str | None  # None: not a date
    last: str | None
    precision: str | None
    kind: str
    sentence: str


@cache
def _corpus(source: str) -> dict[str, str]:
    """Document texts of a corpus in ../shared by the ids the cases use ({} when it is absent)."""
    texts: dict[str, str] = {}
    if source == "10kgnad" and (SHARED / "news-10kgnad" / "articles.jsonl").exists():
        with open(SHARED / "news-10kgnad" / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                texts[record["id"]] = record["text"]
    if source == "wikinews":
        for path in glob.glob(str(SHARED / "quotes-wikinews-de" / "*" / "*.json")):
            p = Path(path)
            if p.parent.name in ("train", "dev"):
                texts[f"{p.parent.name}/{p.stem}"] = json.loads(p.read_text(encoding="utf-8"))["originalText"]
    return texts


def load_cases(path: Path = CASES) -> tuple[list[Case], int]:
    """The cases whose sentence is available, and how many were skipped (corpus absent)."""
    cases, skipped = [], 0
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            sentence = row["sentence"]
            if not sentence:
                text = _corpus(row["source"]).get(row["doc"])
                if text is None:
                    skipped += 1
                    continue
                sentence = text[int(row["start"]) : int(row["end"])]
            cases.append(
                Case(
                    row["id"],
                    row["language"],
                    row["source"],
                    row["anchor"],
                    row["expression"],
                    None if row["value"] == "-" else row["value"],
                    row["last"] or None,
                    None if row["precision"] == "-" else row["precision"],
                    row["kind"],
                    sentence,
                )
            )
    return cases, skipped


def resolve_case(case: Case):
    """The first date expression found overlapping the annotated words (None if there is none), and
    whether the case is resolved right."""
    from lagebild.dates import find_dates

    start = case.sentence.index(case.expression)
    end = start + len(case.expression)
    found = [
        d for d in find_dates(case.sentence, case.language, case.anchor) if d.start < end and d.end > start
    ]
    if case.value is None:
        return next((d for d in found if d.date), None), not any(d.date for d in found)
    got = found[0] if found else None
    ok = got is not None and (got.date, got.precision, got.last) == (case.value, case.precision, case.last)
    return got, ok


def score(cases: list[Case]) -> dict[str, dict[str, tuple[int, int]]]:
    """Right and total per kind, language, source, and overall."""
    tally: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for case in cases:
        _, ok = resolve_case(case)
        for axis, key in (("kind", case.kind), ("language", case.language), ("source", case.source)):
            tally[axis][key]["right"] += ok
            tally[axis][key]["total"] += 1
        tally["all"]["all"]["right"] += ok
        tally["all"]["all"]["total"] += 1
    return {axis: {k: (c["right"], c["total"]) for k, c in keys.items()} for axis, keys in tally.items()}


def accuracy(cases: list[Case]) -> float:
    right, total = score(cases)["all"]["all"]
    return right / total


def event_date_share() -> tuple[int, int]:
    """Events with a date over the 40 whole-article Wikinews gold articles (the articles only, not the
    gold's events): (dated, all)."""
    import lagebild

    dated = total = 0
    for article in json.loads(GOLD.read_text(encoding="utf-8")):
        stem = article["id"].removeprefix("wikinews-")
        text = next(
            json.loads(p.read_text(encoding="utf-8"))["originalText"]
            for split in ("train", "dev")
            if (p := SHARED / "quotes-wikinews-de" / split / f"{stem}.json").exists()
        )
        events = lagebild.analyze(text, language="de", published=article["published"]).events
        total += len(events)
        dated += sum(ev.date is not None for ev in events)
    return dated, total


def _report(cases: list[Case], skipped: int) -> None:
    scores = score(cases)
    right, total = scores["all"]["all"]
    print(f"date expressions: {total} ({skipped} skipped: corpus absent); accuracy {right / total:.3f}")
    for axis in ("kind", "language", "source"):
        print(f"\nper {axis}:")
        for key, (r, t) in sorted(scores[axis].items()):
            print(f"  {key:12} {r:4}/{t:<4} {r / t:.3f}")
    print("\nmisses:")
    for case in cases:
        got, ok = resolve_case(case)
        if not ok:
            shown = f"{got.text!r} -> {got.date} {got.precision} {got.last or ''}" if got else "nothing found"
            print(f"  {case.id} [{case.kind}] {case.expression!r} @ {case.anchor}: want {case.value} ")
            print(f"      {case.precision} {case.last or ''}; got {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", action="store_true", help="also the share of events with a date")
    args = parser.parse_args(argv)
    cases, skipped = load_cases()
    _report(cases, skipped)
    if args.events:
        if not GOLD.exists():
            print("\nevents: ../shared absent, skipped")
        else:
            dated, total = event_date_share()
            print(
                f"\nevents with a date on the 40 Wikinews gold articles: {dated}/{total} = {dated / total:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
