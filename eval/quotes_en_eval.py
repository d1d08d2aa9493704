"""The quotation stage on the held-out English gold (tests/data/quotes/heldout_en.jsonl).

usage (from the project root):
  python -m eval.quotes_en_eval [--gold PATH] [--errors [N]] [--show missed,fp,speaker] [--json FILE]

Runs `lagebild.analyze(text, language="en", published=...)` on each of the 60 articles (written for
lagebild, CC0; guideline in tests/data/quotes/README.md) and scores with the tally of the German
evaluation (eval/quotes_eval.py, the matching of `../shared/tools/score.py quotes`). `--errors` lists
missed gold quotes, extra predictions and speaker errors; `--json` writes the figures that
`python -m eval` compares with its baseline.

The set was written and annotated before lagebild ran on it; its first (blind) figures are in
docs/quotes.md. Its error classes were fixed afterwards as general rules, so it is no longer blind: do
not tune the quote stage on its sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the `eval` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.paths import Paths
from eval.quotes_eval import Gold, Tally, print_tally, score_article

GOLD = Paths().quotes_en


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def golds(art: dict) -> list[Gold]:
    return [
        Gold(
            g["type"],
            set(range(g["start"], g["end"])),
            set(range(g["speaker_start"], g["speaker_end"])) if g.get("speaker") else set(),
            g.get("cue") or "",
            g.get("speaker"),
        )
        for g in art["quotes"]
    ]


def evaluate(path: Path = GOLD) -> Tally:
    import lagebild

    total = Tally()
    for art in load(path):
        record = lagebild.analyze(art["text"], language="en", published=art.get("published")).to_dict()
        total = total + score_article(art["id"], art["text"], record, golds(art))
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument(
        "--errors", type=int, nargs="?", const=1000, default=0, help="list up to N examples per error class"
    )
    ap.add_argument("--show", default="missed,fp,speaker")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args(argv)
    tally = evaluate(args.gold)
    print_tally(
        f"English held-out quotes, {sum(tally.gold_n.values())} gold quotes", tally, args.errors, args.show
    )
    if args.json:
        args.json.write_text(json.dumps({"figures": tally.figures(), "size": tally.size()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
