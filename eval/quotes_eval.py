"""The quotation stage on the Wikinews gold in ../shared (never copied into the repository).

usage (from the project root):
  python -m eval.quotes_eval [--split train|dev] [--limit K] [--errors N] [--show missed,fp,speaker] [--json FILE]

Runs `lagebild.analyze(text, language="de")` on each article and scores it with the matching of
`../shared/tools/score.py quotes`: a predicted quote matches a gold one when their character spans
overlap by at least half of the longer span; precision per predicted kind (a prediction is correct when
it matches a gold quotation of any type), recall per gold type (Direct, Indirect), speaker accuracy over
matched gold quotations that have a speaker (correct when the predicted speaker span overlaps the gold
one). When cleaning changed an article's text, spans are located by the first occurrence of their text,
as score.py does. Then an error breakdown: missed gold quotes by type and cue, false positives by rule,
speaker errors by rule. `--json` writes the figures that `python -m eval` compares with its baseline.

The rules were developed on train; dev is only read for the report. The same tally scores the English
held-out set (eval/quotes_en_eval.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the `eval` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.paths import Paths

KINDS = (("direct", "Direct"), ("indirect", "Indirect"))
FIGURES = ("direct_p", "direct_r", "direct_f1", "indirect_p", "indirect_r", "indirect_f1", "speaker_acc")


@dataclass
class Gold:
    """One gold quotation: its type, the characters of the quote and of the speaker, and what to print."""

    type: str
    chars: set[int]
    speaker: set[int]
    cue: str = ""
    speaker_text: str | None = None


@dataclass
class Tally:
    """Counts over articles; tallies add up, so a subset of a split is a sum of its articles."""

    articles: int = 0
    changed: int = 0  # articles whose cleaned text differs from the gold text
    gold_n: Counter = field(default_factory=Counter)
    gold_hit: Counter = field(default_factory=Counter)
    pred_n: Counter = field(default_factory=Counter)
    pred_hit: Counter = field(default_factory=Counter)
    sp_n: int = 0
    sp_hit: int = 0
    same_n: int = 0  # speaker accuracy on articles whose cleaned text equals the original
    same_hit: int = 0
    fp_rule: Counter = field(default_factory=Counter)
    speaker_rule: Counter = field(default_factory=Counter)
    missed: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: {"missed": [], "fp": [], "speaker": []})

    def __add__(self, other: Tally) -> Tally:
        out = Tally()
        for name in self.__dataclass_fields__:
            a, b = getattr(self, name), getattr(other, name)
            if isinstance(a, dict) and not isinstance(a, Counter):
                setattr(out, name, {k: a.get(k, []) + b.get(k, []) for k in a.keys() | b.keys()})
            else:
                setattr(out, name, a + b)
        return out

    def prf(self, kind: str) -> tuple[float, float, float]:
        typ = dict(KINDS)[kind]
        p = self.pred_hit[kind] / self.pred_n[kind] if self.pred_n[kind] else 0.0
        r = self.gold_hit[typ] / self.gold_n[typ] if self.gold_n[typ] else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.sp_hit / self.sp_n if self.sp_n else 0.0

    def figures(self) -> dict[str, float]:
        out = {}
        for kind, _ in KINDS:
            out[f"{kind}_p"], out[f"{kind}_r"], out[f"{kind}_f1"] = self.prf(kind)
        out["speaker_acc"] = self.speaker_accuracy
        return out

    def size(self) -> dict[str, int]:
        return {
            "articles": self.articles,
            **{f"gold_{typ.lower()}": self.gold_n[typ] for _, typ in KINDS},
            **{f"predicted_{kind}": self.pred_n[kind] for kind, _ in KINDS},
            "matched_with_speaker": self.sp_n,
        }


def chars(text: str, doc_text: str, sp: dict) -> set[int]:
    """A predicted span's characters in the gold text (by first occurrence when cleaning changed it)."""
    if doc_text == text:
        return set(range(sp["start"], sp["end"]))
    k = text.find(sp.get("text") or "\0")
    return set(range(k, k + len(sp["text"]))) if k >= 0 else set()


def match(a: set[int], b: set[int]) -> bool:
    return bool(a and b and len(a & b) >= 0.5 * max(len(a), len(b)))


def ctx(text: str, span: set[int], width: int = 40) -> str:
    if not span:
        return "<empty>"
    a, b = min(span), max(span) + 1
    inner = text[a:b] if b - a < 240 else text[a : a + 110] + " … " + text[b - 110 : b]
    return (text[max(0, a - width) : a] + "[[" + inner + "]]" + text[b : b + 30]).replace("\n", "⏎")


def _speaker_text(q: dict) -> str | None:
    return q["speaker"]["text"] if q.get("speaker") else None


def score_article(key: str, text: str, record: dict, golds: list[Gold]) -> Tally:
    """One analysed article (`Article.to_dict()`) against its gold quotations."""
    t = Tally(articles=1, changed=int(record["text"] != text))
    same = record["text"] == text
    preds = [
        (
            q,
            chars(text, record["text"], q),
            chars(text, record["text"], q["speaker"]) if q.get("speaker") else set(),
        )
        for q in record["quotes"]
    ]
    for q, pc, _ in preds:
        t.pred_n[q["kind"]] += 1
        if any(match(pc, g.chars) for g in golds):
            t.pred_hit[q["kind"]] += 1
        else:
            t.fp_rule[f"{q['kind']}:{q.get('rule')}"] += 1
            t.examples["fp"].append(
                f"[{key}] {q['kind']}/{q.get('rule')} sp={_speaker_text(q)!r}: {ctx(text, pc)}"
            )
    for g in golds:
        if g.type not in dict(KINDS).values():
            continue
        t.gold_n[g.type] += 1
        hits = [p for p in preds if match(p[1], g.chars)]
        if not hits:
            t.missed[f"{g.type}:cue={g.cue.lower()[:20]}"] += 1
            t.examples["missed"].append(
                f"[{key}] {g.type} cue={g.cue!r} sp={g.speaker_text!r}: {ctx(text, g.chars)}"
            )
            continue
        t.gold_hit[g.type] += 1
        if g.speaker:
            t.sp_n += 1
            t.same_n += same
            q, _, sc = hits[0]
            if sc & g.speaker:
                t.sp_hit += 1
                t.same_hit += same
            else:
                t.speaker_rule[str(q.get("rule"))] += 1
                t.examples["speaker"].append(
                    f"[{key}] {g.type}/{q.get('rule')} gold={g.speaker_text!r} got={_speaker_text(q)!r}: "
                    f"{ctx(text, g.chars, 80)}"
                )
    return t


def _spans(part: dict | None) -> set[int]:
    return {i for s in (part or {}).get("spans", []) for i in range(s["charBegin"], s["charEnd"])}


def wikinews_golds(doc: dict) -> list[Gold]:
    """The gold quotations of one Wikinews file (FORMAT.md beside the corpus)."""
    return [
        Gold(
            a["type"],
            _spans(a["quote"]),
            _spans(a.get("speaker")),
            (a.get("cue") or {}).get("text") or "",
            (a.get("speaker") or {}).get("text"),
        )
        for a in doc["annotations"]
    ]


def split_files(split: str, paths: Paths | None = None) -> list[Path]:
    return sorted(((paths or Paths()).wikinews / split).glob("*.json"))


def score_file(path: Path) -> Tally:
    """Analyse one Wikinews article as score.py does and tally it."""
    import lagebild

    doc = json.loads(path.read_text(encoding="utf-8"))
    text = doc["originalText"]
    record = lagebild.analyze(text, language="de").to_dict()
    return score_article(path.stem, text, record, wikinews_golds(doc))


def evaluate(files: list[Path]) -> Tally:
    return sum((score_file(f) for f in files), Tally())


def print_tally(title: str, t: Tally, errors: int = 0, show: str = "missed,fp,speaker") -> None:
    print(f"{title} ({t.articles} docs)")
    if t.changed:
        print(f"  note: cleaning changed {t.changed} articles; their spans are located by first occurrence")
    for kind, typ in KINDS:
        p, r, f = t.prf(kind)
        print(f"  {typ:9s} P {p:.3f} R {r:.3f} F1 {f:.3f}  (pred {t.pred_n[kind]}, gold {t.gold_n[typ]})")
    print(f"  speaker accuracy {t.speaker_accuracy:.3f} ({t.sp_n} matched with a gold speaker)")
    if t.changed:
        same = t.same_hit / t.same_n if t.same_n else 0.0
        print(f"  speaker accuracy where cleaning left the text unchanged {same:.3f} ({t.same_n})")
    print("false positives by rule:", dict(t.fp_rule.most_common(15)))
    print("speaker errors by rule:", dict(t.speaker_rule.most_common(15)))
    print("missed by type/cue:", dict(t.missed.most_common(25)))
    for name in show.split(",") if errors else ():
        print(f"\n== {name} ==")
        for line in t.examples.get(name, [])[:errors]:
            print(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="train", choices=["train", "dev"])
    ap.add_argument("--limit", type=int, default=None, help="only the first K articles (sorted by file name)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N examples per error class")
    ap.add_argument("--show", default="missed,fp,speaker")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--shared", type=Path, default=Paths().shared)
    args = ap.parse_args(argv)
    paths = Paths(shared=args.shared)
    if not paths.wikinews.exists():
        print(f"{paths.wikinews} not available: skipped", file=sys.stderr)
        return 0
    tally = evaluate(split_files(args.split, paths)[: args.limit])
    print_tally(f"Wikinews {args.split}", tally, args.errors, args.show)
    if args.json:
        args.json.write_text(json.dumps({"figures": tally.figures(), "size": tally.size()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
