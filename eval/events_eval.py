"""Event coder on the regression sets: precision/recall at root and full-code level.

    .venv/bin/python eval/events_eval.py [--set dev|heldout|heldout_en|dev_en|both|all] [--errors]

dev = tests/data/events/regression.tsv (used while developing the coder), heldout =
tests/data/events/heldout.tsv (annotated after development, never tuned on: the honest estimate),
heldout_en = tests/data/events/heldout_en.tsv (English, never tuned on), dev_en =
tests/data/events/dev_en.tsv (English, used while developing the English patterns and cues).
both = the two German sets; all (default) = all four.
Bar (issue 5): precision >= 0.85 and recall >= 0.70 at root level. Also reports forbidden codes
produced and the coder's own time in ms per 1,000 tokens (tokenising and tagging excluded).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lagebild.events.regression import DEFAULT_SET, evaluate

SETS = {
    "dev": DEFAULT_SET,
    "heldout": Path(DEFAULT_SET).with_name("heldout.tsv"),
    "heldout_en": Path(DEFAULT_SET).with_name("heldout_en.tsv"),
    "dev_en": Path(DEFAULT_SET).with_name("dev_en.tsv"),
}
GROUPS = {"both": ("dev", "heldout"), "all": tuple(SETS)}


def report(name: str, path: Path, errors: bool) -> None:
    rep = evaluate(path)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=[*SETS, *GROUPS], default="all")
    ap.add_argument("--errors", action="store_true", help="list the misses and extras per sentence")
    args = ap.parse_args()
    for name, path in SETS.items():
        if name in GROUPS.get(args.set, (args.set,)):
            report(name, path, args.errors)


if __name__ == "__main__":
    main()
