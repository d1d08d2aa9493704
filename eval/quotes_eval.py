"""Evaluate the quotation stage on the Wikinews gold in ../shared (never copied into the repo).

usage (from the project root):
  python eval/quotes_eval.py [--split train|dev] [--errors N] [--show missed,fp,speaker] [--limit K]
                             [--fold a|b]

Prints per-type precision/recall/F1 (Direct, Indirect) and speaker accuracy with the same matching as
`../shared/tools/score.py quotes` (char spans overlap by at least half of the longer span; a predicted
quote counts as correct when it matches any gold quotation of any type), then an error breakdown:
missed gold quotes by type, false positives by rule, speaker errors by rule. Tokenised documents are
cached under /tmp so that re-runs only time the quote stage.
"""

from __future__ import annotations

import argparse
import copy
import glob
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "quotes-wikinews-de"
CACHE = Path("/tmp/lagebild-quotes-eval")


def load_docs(split: str, limit: int | None):
    """(gold json, Doc before the quote stage) per article; cached after the first run."""
    from lagebild.actors.linker import LinkActors
    from lagebild.events.candidates import has_trigger
    from lagebild.ingest.sources import RawDoc
    from lagebild.nlp import Tokenize
    from lagebild.pipeline import prepare
    from lagebild.records import Doc
    from lagebild.syntax import Parse

    files = sorted(glob.glob(str(SHARED / split / "*.json")))[:limit]
    CACHE.mkdir(exist_ok=True)
    import lagebild.clean
    import lagebild.nlp
    import lagebild.syntax.repair

    # re-tokenise (and re-parse) when the cleaner, the token layer or the syntax repairs change
    mods = (lagebild.nlp, lagebild.clean, lagebild.syntax.repair)
    stamp = int(max(Path(m.__file__).stat().st_mtime for m in mods))
    cache = CACHE / f"{split}-{stamp}.pkl"
    cached = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    out, dirty = [], False
    tok, parse, link = Tokenize(), Parse(select=has_trigger), LinkActors()
    for f in files:
        gold = json.loads(Path(f).read_text(encoding="utf-8"))
        key = Path(f).stem
        if key not in cached:
            raw = RawDoc(
                name=key, text=gold["originalText"], html=None, title=None, published=None, language="de"
            )
            cached[key] = parse(tok(Doc(prepare(raw))))
            dirty = True
        doc = copy.deepcopy(cached[key])
        out.append((key, gold, link(doc)))
    if dirty:
        cache.write_bytes(pickle.dumps(cached))
    return out


def chars(text: str, doc_text: str, sp: dict) -> set[int]:
    if doc_text == text:
        return set(range(sp["start"], sp["end"]))
    k = text.find(sp.get("text") or "\0")
    return set(range(k, k + len(sp["text"]))) if k >= 0 else set()


def match(a: set[int], b: set[int]) -> bool:
    return bool(a and b and len(a & b) >= 0.5 * max(len(a), len(b)))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="train")
    ap.add_argument("--errors", type=int, default=0, help="print up to N examples per error class")
    ap.add_argument("--show", default="missed,fp,speaker")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument(
        "--fold",
        choices=("a", "b"),
        default=None,
        help="half of the split: a = even-numbered articles (to study errors on), b = odd (to check on)",
    )
    args = ap.parse_args()
    if not SHARED.exists():
        print("../shared/data/quotes-wikinews-de not available", file=sys.stderr)
        return 2
    from lagebild.quotes.finder import FindQuotes

    docs = load_docs(args.split, args.limit)
    if args.fold is not None:
        docs = docs[args.fold == "b" :: 2]
    finder = FindQuotes()
    gold_n, gold_hit = Counter(), Counter()
    pred_n, pred_hit = Counter(), Counter()
    sp_n = sp_hit = 0
    same_n = same_hit = 0  # speaker accuracy on articles whose cleaned text equals the original
    fp_rule, sp_err_rule, missed_type = Counter(), Counter(), Counter()
    examples: dict[str, list[str]] = {"missed": [], "fp": [], "speaker": []}
    ntok, elapsed = 0, 0.0
    for key, gold, doc in docs:
        text = gold["originalText"]
        t0 = time.perf_counter()
        finder(doc)
        elapsed += time.perf_counter() - t0
        ntok += len(doc.tokens)
        art = doc.article.to_dict()
        preds = [
            (
                q,
                chars(text, art["text"], q),
                chars(text, art["text"], q["speaker"]) if q.get("speaker") else set(),
            )
            for q in art["quotes"]
        ]
        golds = []
        for a in gold["annotations"]:
            qc = {i for s in a["quote"].get("spans", []) for i in range(s["charBegin"], s["charEnd"])}
            sc = {
                i
                for s in (a.get("speaker") or {}).get("spans", [])
                for i in range(s["charBegin"], s["charEnd"])
            }
            golds.append((a, qc, sc))
        for q, pc, _ in preds:
            pred_n[q["kind"]] += 1
            if any(match(pc, gc) for _, gc, _ in golds):
                pred_hit[q["kind"]] += 1
            else:
                fp_rule[f"{q['kind']}:{q.get('rule')}"] += 1
                examples["fp"].append(f"[{key}] {q['kind']}/{q.get('rule')}: {ctx(text, pc)}")
        for a, gc, sc in golds:
            typ = a["type"]
            if typ not in ("Direct", "Indirect"):
                continue
            gold_n[typ] += 1
            m = [p for p in preds if match(p[1], gc)]
            if not m:
                missed_type[f"{typ}:cue={a['cue']['text'].lower()[:20]}"] += 1
                examples["missed"].append(
                    f"[{key}] {typ} cue={a['cue']['text']!r} sp={a['speaker']['text']!r}: {ctx(text, gc)}"
                )
                continue
            gold_hit[typ] += 1
            if sc:
                sp_n += 1
                same = art["text"] == text
                same_n += same
                if m[0][2] & sc:
                    sp_hit += 1
                    same_hit += same
                else:
                    q = m[0][0]
                    sp_err_rule[str(q.get("rule"))] += 1
                    got = q["speaker"]["text"] if q.get("speaker") else None
                    examples["speaker"].append(
                        f"[{key}] {typ}/{q.get('rule')} gold={a['speaker']['text']!r} got={got!r}: {ctx(text, gc, 80)}"
                    )

    def prf(kind: str, typ: str) -> tuple[float, float, float]:
        p = pred_hit[kind] / pred_n[kind] if pred_n[kind] else 0.0
        r = gold_hit[typ] / gold_n[typ] if gold_n[typ] else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    print(f"Wikinews {args.split} ({len(docs)} docs)")
    for kind, typ in (("direct", "Direct"), ("indirect", "Indirect")):
        p, r, f = prf(kind, typ)
        print(f"  {typ:9s} P {p:.3f} R {r:.3f} F1 {f:.3f}  (pred {pred_n[kind]}, gold {gold_n[typ]})")
    print(f"  speaker accuracy {sp_hit / sp_n if sp_n else 0:.3f} ({sp_n} matched with a gold speaker)")
    print(
        f"  speaker accuracy where cleaning left the text unchanged {same_hit / same_n if same_n else 0:.3f} ({same_n}); "
        "elsewhere the scorer locates speakers by their first occurrence"
    )
    print(f"  speed: {1000 * elapsed / max(ntok, 1) * 1000:.1f} ms per 1,000 tokens ({ntok} tokens)")
    print("false positives by rule:", dict(fp_rule.most_common(15)))
    print("speaker errors by rule:", dict(sp_err_rule.most_common(15)))
    print("missed by type/cue:", dict(missed_type.most_common(25)))
    if args.errors:
        for name in args.show.split(","):
            print(f"\n== {name} ==")
            for line in examples.get(name, [])[: args.errors]:
                print(line)
    return 0


def ctx(text: str, span: set[int], width: int = 40) -> str:
    if not span:
        return "<empty>"
    a, b = min(span), max(span) + 1
    inner = text[a:b] if b - a < 240 else text[a : a + 110] + " … " + text[b - 110 : b]
    return (text[max(0, a - width) : a] + "[[" + inner + "]]" + text[b : b + 30]).replace("\n", "⏎")


if __name__ == "__main__":
    sys.exit(main())
