"""The event coder on the annotated sentence sets in tests/data/events: precision and recall.

    python -m eval.events_eval [--set dev|heldout|dev_en|heldout_en|both|all] [--own-only] [--errors] [--json FILE]

dev = regression.tsv (German, used while developing the coder), heldout = heldout.tsv (German, annotated
after development and never tuned on: the honest estimate), dev_en = dev_en.tsv (English, used while
developing the English patterns and cues), heldout_en = heldout_en.tsv (English, never tuned on).
both = the two German sets; all (default) = all four. Prints root- and code-level precision and recall,
forbidden codes produced, and the coder's own time in ms per 1,000 tokens (tokenising and tagging
excluded); `--json` writes the figures the gate compares (`python -m eval` reads them in-process).

Sentences from non-commercial corpora (10kGNAD, Wikinews quotes) are stored in the sets as references
(corpus, document id, offsets) and read from ../shared; without it they are skipped and counted, and the
figures are those of the set's own sentences. A set is German unless a header line says otherwise
(`# language: en`). The gold format and the scoring are in eval/events_gold.py.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the `eval` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.events_gold import (
    Case,
    Score,
    build_doc,
    parse_expected,
    parse_markup,
    parse_mention_list,
    score_case,
)
from eval.paths import Paths

SETS = {
    "dev": "regression.tsv",
    "heldout": "heldout.tsv",
    "dev_en": "dev_en.tsv",
    "heldout_en": "heldout_en.tsv",
}
GROUPS = {"both": ("dev", "heldout"), "all": tuple(SETS)}
REFERENCED = ("10kgnad:", "wikinews:")


def set_path(name: str, paths: Paths | None = None) -> Path:
    return (paths or Paths()).events_sets / SETS[name]


@dataclass
class LoadedSet:
    cases: list[Case]
    missing: int  # referenced sentences that could not be read (../shared missing)
    sources: set[Path] = field(default_factory=set)  # the ../shared files the references were read from


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


class _References:
    """Reads referenced sentences (`corpus:doc_id:start:end`) from ../shared, each file once per set."""

    def __init__(self, shared: Path | None):
        self.shared = shared
        self.gnad: dict[str, str] | None = None
        self.sources: set[Path] = set()

    def text(self, origin: str) -> str | None:
        if self.shared is None:
            return None
        corpus, doc_id, start, end = origin.split(":")
        if corpus == "10kgnad":
            src = self.shared / "data" / "news-10kgnad" / "articles.jsonl"
            if not src.exists():
                return None
            if self.gnad is None:
                with open(src, encoding="utf-8") as fh:
                    self.gnad = {d["id"]: d["text"] for d in map(json.loads, fh)}
            full = self.gnad[doc_id]
        else:
            src = self.shared / "data" / "quotes-wikinews-de" / "train" / f"{doc_id}.json"
            if not src.exists():
                return None
            full = json.loads(src.read_text(encoding="utf-8"))["originalText"]
        self.sources.add(src)
        return full[int(start) : int(end)]


def load_cases(path: Path, shared: Path | None) -> LoadedSet:
    """The cases of a set; `shared=None` leaves out the referenced sentences (own sentences only)."""
    refs = _References(shared)
    cases, missing = [], 0
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        origin = row["origin"]
        if origin.startswith(REFERENCED):
            text = refs.text(origin)
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
    return LoadedSet(cases, missing, refs.sources)


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
    sources: set[Path] = field(default_factory=set)

    @property
    def ms_per_1000_tokens(self) -> float:
        return 1000 * self.seconds / self.tokens * 1000 if self.tokens else 0.0

    def figures(self) -> dict[str, float]:
        """What the gate compares: root/code precision and recall, forbidden codes (lower is better)."""
        return {
            "root_p": self.root.precision,
            "root_r": self.root.recall,
            "code_p": self.code.precision,
            "code_r": self.code.recall,
            "forbidden": self.forbidden,
        }

    def size(self) -> dict[str, int]:
        return {
            "sentences": self.cases,
            "expected_events": self.root.tp + self.root.fn,
            "referenced_unavailable": self.missing,
        }


def _add(total: Score, sc: Score) -> None:
    total.tp, total.fp, total.fn = total.tp + sc.tp, total.fp + sc.fp, total.fn + sc.fn


def _score_roots(rep: Report, case: Case, events) -> None:
    """Per-root counts (found/expected+extra) for the report's breakdown."""
    for exp in case.expected:
        rep.roots.setdefault(exp.root, Score())
    for root in {e.root for e in case.expected} | {e.root for e in events if not e.negated}:
        sub = Case(
            case.id, case.text, case.spans, [e for e in case.expected if e.root == root], case.forbidden
        )
        sc, _ = score_case(sub, [e for e in events if e.root == root], "root")
        _add(rep.roots.setdefault(root, Score()), sc)


def evaluate(path: Path, shared: Path | None) -> Report:
    """Code every sentence of a set with its annotated mentions and score it at root and code level."""
    from lagebild.events.coder import code_events as coded

    loaded = load_cases(path, shared)
    language = set_language(path)
    rep = Report(cases=len(loaded.cases), missing=loaded.missing, language=language, sources=loaded.sources)

    def code_events(doc):
        return [c.event for c in coded(doc)]

    if loaded.cases:
        code_events(build_doc(loaded.cases[0], language))  # load patterns and cue tables before timing
    for case in loaded.cases:
        doc = build_doc(case, language)
        t0 = time.perf_counter()
        events = code_events(doc)
        rep.seconds += time.perf_counter() - t0
        rep.tokens += len(doc.tokens)
        for level, total in (("root", rep.root), ("code", rep.code)):
            sc, notes = score_case(case, events, level)
            _add(total, sc)
            if level == "root":
                if notes:
                    rep.notes[case.id] = notes
                rep.forbidden += sum(1 for n in notes if n.startswith("FORBIDDEN"))
        _score_roots(rep, case, events)
    return rep


def print_report(name: str, rep: Report, errors: bool) -> None:
    lang = "" if rep.language == "de" else f" [{rep.language}]"
    print(
        f"== {name}{lang}: {rep.cases} sentences (+{rep.missing} referenced, unavailable without ../shared)"
    )
    for level, sc in (("root", rep.root), ("code", rep.code)):
        f1 = 2 * sc.precision * sc.recall / (sc.precision + sc.recall) if sc.precision + sc.recall else 0
        print(
            f"{level:5} P={sc.precision:.3f} R={sc.recall:.3f} F1={f1:.3f}  (tp={sc.tp} fp={sc.fp} fn={sc.fn})"
        )
    print(f"forbidden codes produced: {rep.forbidden}")
    print(f"coder time: {rep.ms_per_1000_tokens:.1f} ms per 1,000 tokens ({rep.tokens} tokens)")
    print(
        "per root (found/expected+extra): "
        + "  ".join(f"{r}:{s.tp}/{s.tp + s.fn}+{s.fp}" for r, s in sorted(rep.roots.items()))
    )
    if errors:
        for cid, notes in rep.notes.items():
            print(cid, "; ".join(notes))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=[*SETS, *GROUPS], default="all")
    ap.add_argument("--errors", action="store_true", help="list the misses and extras per sentence")
    ap.add_argument("--json", type=Path, help="write the figures of each set to this file")
    ap.add_argument("--shared", type=Path, default=Paths().shared)
    ap.add_argument("--own-only", action="store_true", help="leave out the sentences referenced in ../shared")
    args = ap.parse_args(argv)
    paths = Paths(shared=args.shared)
    shared = paths.shared if paths.has_shared and not args.own_only else None
    out = {}
    for name in GROUPS.get(args.set, (args.set,)):
        rep = evaluate(set_path(name, paths), shared)
        print_report(name, rep, args.errors)
        out[name] = {"figures": rep.figures(), "size": rep.size()}
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
