"""Evaluate the quotation stage on the held-out English gold (tests/data/quotes/heldout_en.jsonl).

usage (from the project root):
  python eval/quotes_en_eval.py [--gold PATH] [--errors [N]] [--show missed,extra,speaker]

Runs `lagebild.analyze(text, language="en", published=...)` on each of the 60 articles (written for
lagebild, CC0; guideline in tests/data/quotes/README.md) and scores with the matching of the German
scorer (`eval/quotes_eval.py`, `../shared/tools/score.py quotes`): a predicted quote matches a gold one
when their character spans overlap by at least half of the longer span; precision per predicted kind
(a prediction is correct when it matches a gold quote of any type), recall per gold type, speaker
accuracy over matched gold quotes that have a speaker (correct when the predicted speaker span overlaps
the gold one). `--errors` lists missed gold quotes, extra predictions and speaker errors.

The set is held out: do not tune the quote stage on it. tests/test_quotes_en.py pins floors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the `eval` package importable
    sys.path.insert(0, str(ROOT))

from eval.quotes_eval import chars, ctx, match  # noqa: E402

GOLD = ROOT / "tests" / "data" / "quotes" / "heldout_en.jsonl"
KINDS = (("direct", "Direct"), ("indirect", "Indirect"))


@dataclass
class Result:
    articles: int = 0
    changed: int = 0  # articles whose cleaned text differs from the gold text (spans located by text)
    gold_n: Counter = field(default_factory=Counter)
    gold_hit: Counter = field(default_factory=Counter)
    pred_n: Counter = field(default_factory=Counter)
    pred_hit: Counter = field(default_factory=Counter)
    sp_n: int = 0
    sp_hit: int = 0
    extra_rule: Counter = field(default_factory=Counter)
    speaker_rule: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: {"missed": [], "extra": [], "speaker": []})

    def prf(self, kind: str) -> tuple[float, float, float]:
        typ = dict(KINDS)[kind]
        p = self.pred_hit[kind] / self.pred_n[kind] if self.pred_n[kind] else 0.0
        r = self.gold_hit[typ] / self.gold_n[typ] if self.gold_n[typ] else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.sp_hit / self.sp_n if self.sp_n else 0.0


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(path: Path = GOLD) -> Result:
    import lagebild

    res = Result()
    for art in load(path):
        text = art["text"]
        d = lagebild.analyze(text, language="en", published=art.get("published")).to_dict()
        res.articles += 1
        res.changed += d["text"] != text
        preds = [
            (
                q,
                chars(text, d["text"], q),
                chars(text, d["text"], q["speaker"]) if q.get("speaker") else set(),
            )
            for q in d["quotes"]
        ]
        golds = [
            (
                g,
                set(range(g["start"], g["end"])),
                set(range(g["speaker_start"], g["speaker_end"])) if g.get("speaker") else set(),
            )
            for g in art["quotes"]
        ]
        key = art["id"]
        for q, pc, _ in preds:
            res.pred_n[q["kind"]] += 1
            if any(match(pc, gc) for _, gc, _ in golds):
                res.pred_hit[q["kind"]] += 1
            else:
                res.extra_rule[f"{q['kind']}:{q.get('rule')}"] += 1
                sp = q["speaker"]["text"] if q.get("speaker") else None
                res.examples["extra"].append(
                    f"[{key}] {q['kind']}/{q.get('rule')} sp={sp!r}: {ctx(text, pc)}"
                )
        for g, gc, sc in golds:
            res.gold_n[g["type"]] += 1
            m = [p for p in preds if match(p[1], gc)]
            if not m:
                res.examples["missed"].append(f"[{key}] {g['type']} sp={g['speaker']!r}: {ctx(text, gc)}")
                continue
            res.gold_hit[g["type"]] += 1
            if sc:
                res.sp_n += 1
                if m[0][2] & sc:
                    res.sp_hit += 1
                else:
                    q = m[0][0]
                    got = q["speaker"]["text"] if q.get("speaker") else None
                    res.speaker_rule[str(q.get("rule"))] += 1
                    res.examples["speaker"].append(
                        f"[{key}] {g['type']}/{q.get('rule')} gold={g['speaker']!r} got={got!r}: {ctx(text, gc, 80)}"
                    )
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument(
        "--errors", type=int, nargs="?", const=1000, default=0, help="list up to N examples per error class"
    )
    ap.add_argument("--show", default="missed,extra,speaker")
    args = ap.parse_args()
    res = evaluate(args.gold)
    ngold = sum(res.gold_n.values())
    print(f"English held-out quotes ({res.articles} articles, {ngold} gold quotes)")
    if res.changed:
        print(f"  note: cleaning changed {res.changed} articles; their spans are located by first occurrence")
    for kind, typ in KINDS:
        p, r, f = res.prf(kind)
        print(f"  {typ:9s} P {p:.3f} R {r:.3f} F1 {f:.3f}  (pred {res.pred_n[kind]}, gold {res.gold_n[typ]})")
    print(f"  speaker accuracy {res.speaker_accuracy:.3f} ({res.sp_n} matched with a gold speaker)")
    print("extra predictions by rule:", dict(res.extra_rule.most_common(15)))
    print("speaker errors by rule:", dict(res.speaker_rule.most_common(15)))
    if args.errors:
        for name in args.show.split(","):
            print(f"\n== {name} ==")
            for line in res.examples.get(name, [])[: args.errors]:
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
