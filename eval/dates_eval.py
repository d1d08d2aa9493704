"""Date resolution on hand-annotated expressions from real sentences (tests/data/dates/cases.tsv).

`python -m eval.dates_eval` prints the accuracy overall, per kind, per language and per source, and the
misses; `--events` adds the share of events with a date over the 40 whole-article Wikinews gold articles;
`--json FILE` writes the figures. The corpus rows (10kGNAD, Wikinews) are read from ../shared and skipped
when it is absent. `python -m eval` holds the figures against eval/baseline.json (suites `dates_*`,
`event_dates_wikinews`).

A row counts as right when the first date expression found overlapping the annotated words resolves to
the annotated first day, precision and last day; a non-date row ("2008 Tote", "14.30 Uhr") when nothing
found there resolves.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the `eval` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.paths import Paths

CASES = Paths().dates_cases


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


class _Corpora:
    """Sentences referenced by corpus, document and offsets, read from ../shared (each file once)."""

    def __init__(self, shared: Path | None):
        self.shared = shared
        self.gnad: dict[str, str] | None = None
        self.sources: set[Path] = set()

    def text(self, source: str, doc: str) -> str | None:
        if self.shared is None:
            return None
        if source == "10kgnad":
            path = self.shared / "data" / "news-10kgnad" / "articles.jsonl"
            if not path.exists():
                return None
            if self.gnad is None:
                with open(path, encoding="utf-8") as fh:
                    self.gnad = {r["id"]: r["text"] for r in map(json.loads, fh)}
            self.sources.add(path)
            return self.gnad.get(doc)
        path = self.shared / "data" / "quotes-wikinews-de" / f"{doc}.json"  # doc = split/stem
        if source != "wikinews" or not path.exists():
            return None
        self.sources.add(path)
        return json.loads(path.read_text(encoding="utf-8"))["originalText"]


def load_cases(path: Path = CASES, shared: Path | None = None) -> tuple[list[Case], int, set[Path]]:
    """The cases whose sentence is available, how many were skipped (corpus absent or `shared=None`),
    and the ../shared files their sentences were read from."""
    corpora = _Corpora(shared)
    cases, skipped = [], 0
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            sentence = row["sentence"]
            if not sentence:
                text = corpora.text(row["source"], row["doc"])
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
    return cases, skipped, corpora.sources


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


def figures(cases: list[Case]) -> dict[str, float]:
    """What the gate compares: accuracy over all rows, per language, and on the non-dates."""
    scores = score(cases)

    def share(axis: str, key: str) -> float:
        right, total = scores[axis].get(key, (0, 0))
        return right / total if total else 0.0

    return {
        "accuracy": share("all", "all"),
        "de_acc": share("language", "de"),
        "en_acc": share("language", "en"),
        "non_date_acc": share("kind", "negative"),
    }


def event_date_share(paths: Paths) -> tuple[int, int, list[Path]]:
    """Events with a date over the 40 whole-article Wikinews gold articles (the articles only, not the
    gold's events): (dated, all, the files read)."""
    import lagebild

    dated = total = 0
    files = [paths.articles_gold]
    for article in json.loads(paths.articles_gold.read_text(encoding="utf-8")):
        stem = article["id"].removeprefix("wikinews-")
        path = next(
            p for split in ("train", "dev") if (p := paths.wikinews / split / f"{stem}.json").exists()
        )
        files.append(path)
        text = json.loads(path.read_text(encoding="utf-8"))["originalText"]
        events = lagebild.analyze(text, language="de", published=article["published"]).events
        total += len(events)
        dated += sum(ev.date is not None for ev in events)
    return dated, total, files


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
    parser.add_argument("--shared", type=Path, default=Paths().shared)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    paths = Paths(shared=args.shared)
    cases, skipped, _ = load_cases(paths.dates_cases, paths.shared)
    _report(cases, skipped)
    out = {"figures": figures(cases), "size": {"rows": len(cases), "skipped": skipped}}
    if args.events:
        if not paths.articles_gold.exists():
            print("\nevents: ../shared absent, skipped")
        else:
            dated, total, _ = event_date_share(paths)
            print(
                f"\nevents with a date on the 40 Wikinews gold articles: {dated}/{total} = {dated / total:.3f}"
            )
            out["figures"]["event_dated_share"] = dated / total
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
