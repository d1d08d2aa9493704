"""`python -m eval` (`make eval`): measure every accuracy figure and hold it against eval/baseline.json.

    python -m eval                       # all suites; exit 1 when a figure dropped or a corpus changed
    python -m eval --skip-slow           # without the NER cross-validation (minutes)
    python -m eval --only events_de_heldout quotes_en_heldout
    python -m eval --update-baseline     # deliberately record the figures now measured (says what changed)
    python -m eval --list                # the suites, their sets and whether they were tuned on
    python -m eval --docs-only           # rewrite the tables in docs/evaluation.md and README.md

A figure fails when it is more than the baseline's tolerance (0.01) below its baseline, a lower-is-better
count (must-not hits, forbidden codes) when it rises at all, and a suite when the digest of its gold or
corpus files changed. Suites that need ../shared are skipped with a message when it is absent.
`--update-baseline` rewrites the measured suites (the others stay as they are) and, for the repository's
own baseline, the figure tables in docs/evaluation.md and README.md. See docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from eval import baseline, gate
from eval.paths import Paths
from eval.report import write_documents
from eval.suites import BY_NAME, SUITES, Context, measure


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m eval", description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="+", metavar="SUITE", help="measure only these suites")
    ap.add_argument("--skip", nargs="+", default=[], metavar="SUITE", help="leave these suites out")
    ap.add_argument(
        "--skip-slow", action="store_true", help="leave out the slow suites (NER cross-validation)"
    )
    ap.add_argument(
        "--update-baseline", action="store_true", help="record the measured figures as the baseline"
    )
    ap.add_argument("--baseline", type=Path, default=Paths().baseline, help="default: eval/baseline.json")
    ap.add_argument("--shared", type=Path, default=Paths().shared, help="default: ../shared")
    ap.add_argument("--json", type=Path, help="also write the measured suites to this file")
    ap.add_argument("--list", action="store_true", help="list the suites and exit")
    ap.add_argument(
        "--docs-only",
        action="store_true",
        help="rewrite the figure tables from the baseline; measure nothing",
    )
    args = ap.parse_args(argv)
    unknown = [n for n in [*(args.only or []), *args.skip] if n not in BY_NAME]
    if unknown:
        ap.error(f"unknown suite {', '.join(unknown)}; known: {', '.join(BY_NAME)}")
    return args


def selected(args: argparse.Namespace) -> list:
    chosen = [BY_NAME[n] for n in args.only] if args.only else list(SUITES)
    return [
        s for s in chosen if s.name not in args.skip and not (args.skip_slow and s.slow and not args.only)
    ]


def run(suites: list, ctx: Context) -> dict[str, dict]:
    measured = {}
    for suite in suites:
        t0 = time.perf_counter()
        print(f"{suite.name:26} {suite.title}", flush=True)
        measured[suite.name] = measure(suite, ctx)
        state = measured[suite.name].get("skipped") or measured[suite.name].get("error") or "measured"
        print(f"{'':26} {state} ({time.perf_counter() - t0:.1f} s)", flush=True)
    return measured


def update(args: argparse.Namespace, base: dict, measured: dict, rows: list) -> int:
    new = gate.updated(base, measured)
    # what the new baseline records differently (nothing fails here: the update is the decision)
    changes = [
        replace(r, failed=False)
        for r in rows
        if r.status not in ("ok", "skipped") or (r.change is not None and abs(r.change) > gate.EPS)
    ]
    baseline.save(args.baseline, new)
    print(f"\nwrote {args.baseline}: {len(changes)} changes against the old baseline")
    if changes:
        print(gate.table(changes))
    paths = Paths(shared=args.shared)
    if args.baseline.resolve() == paths.baseline.resolve():
        for doc in write_documents(paths.root, new):
            print(f"rewrote the figure table in {doc.relative_to(paths.root)}")
    errors = [r for r in rows if r.status == "error"]
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.list:
        for s in SUITES:
            print(f"{s.name:26} tuned on: {s.tuned_on:6} {'(slow) ' if s.slow else ''}{s.title}")
        return 0
    if args.docs_only:
        for doc in write_documents(Paths().root, baseline.load(args.baseline)):
            print(f"rewrote the figure table in {doc.name}")
        return 0
    ctx = Context(Paths(shared=args.shared))
    if not ctx.paths.has_shared:
        print(f"{ctx.paths.shared} not available: the suites that need it are skipped")
    measured = run(selected(args), ctx)
    if args.json:
        baseline.save(args.json, {"suites": measured})
    base = baseline.load(args.baseline)
    rows = gate.compare(base, measured)
    if args.update_baseline:
        return update(args, base, measured, rows)
    print()
    print(gate.table(rows))
    unmeasured = [name for name in base.get("suites", {}) if name not in measured]
    if unmeasured:
        print(f"\nnot measured in this run (left out): {', '.join(unmeasured)}")
    failed = gate.failures(rows)
    if failed:
        print(f"\nFAILED: {len(failed)} of {len(rows)} rows against {args.baseline}:")
        print(gate.table(failed))
        print(
            "\nFix the regression, or, if the change is deliberate (a corrected gold, an accepted trade-off), "
            "record it with `python -m eval --update-baseline` and say why in the commit."
        )
        return 1
    print(f"\nok: {len(rows)} rows within {base.get('tolerance', gate.TOLERANCE)} of {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
