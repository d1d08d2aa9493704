#!/usr/bin/env python3
"""Honest NER estimate: k-fold cross-validation on GermEval 2014 dev (the shipped model trains on all of it).

usage: python eval/ner_eval.py [--folds 5] [--shared ../shared]

Folds are grouped by source URL, so no document is split between training and test. Scoring is the
project's: outer level, strict spans, PER/LOC/ORG micro F1 (../shared/tools/germeval.py), on all
sentences and on the news subset. Each fold trains a fresh CRF with the shipped features and gazetteer.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def folds_by_url(urls: list[str], k: int, seed: int = 13) -> list[int]:
    """Fold index per sentence; all sentences of one URL share a fold."""
    uniq = sorted(set(urls))
    random.Random(seed).shuffle(uniq)
    fold_of = {u: i % k for i, u in enumerate(uniq)}
    return [fold_of[u] for u in urls]


def doc_from_tokens(words: list[str], tags: list[str]):
    """A Doc whose tokens are the gold tokens (joined by spaces), tagged as given."""
    from lagebild.records import Article, Doc, Sentence, Token

    text, tokens, pos = "", [], 0
    for w, t in zip(words, tags, strict=True):
        tokens.append(Token(w, pos, pos + len(w), t, w, 0))
        text += w + " "
        pos += len(w) + 1
    doc = Doc(Article(id="x", text=text.rstrip(), language="de"), tokens, [(0, len(tokens))])
    doc.article.sentences = [Sentence(0, len(text.rstrip()))]
    return doc


def doc_from_text(words: list[str]):
    """The space-joined sentence run through the project's own tokeniser and tagger (as score.py does)."""
    from lagebild.nlp import Tokenize
    from lagebild.records import Article, Doc

    return Tokenize()(Doc(Article(id="x", text=" ".join(words), language="de")))


def to_bio(words: list[str], entities) -> list[str]:
    """Entities back onto the gold tokens by character overlap (score.py's mapping)."""
    offs, pos = [], 0
    for w in words:
        offs.append((pos, pos + len(w)))
        pos += len(w) + 1
    tags = ["O"] * len(words)
    for e in entities:
        idx = [i for i, (a, b) in enumerate(offs) if a < e.end and b > e.start]
        for k, i in enumerate(idx):
            tags[i] = ("B-" if k == 0 else "I-") + e.type
    return tags


def cross_validate(data, k: int, pipeline: bool = False, **train_kw) -> list[list[str]]:
    """Out-of-fold predictions (BIO on the gold tokens) from `find_entities` with a model per fold."""
    from lagebild.actors import ner

    folds = folds_by_url([u for u, *_ in data], k)
    preds: list[list[str]] = [[] for _ in data]
    with tempfile.TemporaryDirectory() as tmp:
        for f in range(k):
            model = Path(tmp) / f"fold{f}.crfsuite"
            ner.train(
                [(w, t, lab) for (_, w, t, lab), g in zip(data, folds, strict=True) if g != f],
                model,
                **train_kw,
            )
            rec = ner.Recogniser(model)
            for i, ((_, w, t, _), g) in enumerate(zip(data, folds, strict=True)):
                if g == f:
                    doc = doc_from_text(w) if pipeline else doc_from_tokens(w, t)
                    preds[i] = to_bio(w, ner.entities_with(rec, doc))
    return preds


def report(data, preds, germeval) -> tuple[float, float]:
    gold = [lab for *_, lab in data]
    p, r, f = germeval.score(gold, preds)
    news = [i for i, (u, *_) in enumerate(data) if germeval.is_news(u)]
    pn, rn, fn = germeval.score([gold[i] for i in news], [preds[i] for i in news])
    print(f"overall ({len(data)} sents): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"news    ({len(news)} sents): P {pn:.3f} R {rn:.3f} F1 {fn:.3f}")
    for typ in ("PER", "LOC", "ORG"):
        only = lambda labs, t=typ: [x if x.endswith(t) else "O" for x in labs]  # noqa: E731
        _, _, ft = germeval.score([only(g) for g in gold], [only(q) for q in preds])
        print(f"  {typ} F1 {ft:.3f}")
    return f, fn


def speed(repeat: int = 5) -> float:
    """Milliseconds per token of `find_entities` (model loaded, tokens given) on the bundled examples."""
    from lagebild.actors.ner import find_entities, recogniser
    from lagebild.nlp import Tokenize
    from lagebild.records import Article, Doc

    recogniser("de")
    docs = [
        Tokenize()(Doc(Article(id=p.name, text=p.read_text(encoding="utf-8"), language="de")))
        for p in sorted((ROOT / "examples").glob("*.txt"))
    ]
    n = sum(len(d.tokens) for d in docs) * repeat
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            find_entities(d)
    return (time.perf_counter() - t0) * 1000 / n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--pipeline",
        action="store_true",
        help="tokenise and tag the joined sentence as lagebild.analyze does",
    )
    ap.add_argument("--speed", action="store_true", help="only time the shipped model on examples/")
    args = ap.parse_args()
    if args.speed:
        print(f"find_entities: {speed():.4f} ms/token (shipped model, examples/)")
        return 0
    if not (args.shared / "data" / "ner-germeval2014").exists():
        print("../shared/data/ner-germeval2014 not available", file=sys.stderr)
        return 2
    germeval = _load(args.shared / "tools" / "germeval.py", "germeval")
    train_ner = _load(ROOT / "scripts" / "train_ner.py", "train_ner")
    t0 = time.time()
    data = train_ner.load_training(args.shared)
    preds = cross_validate(data, args.folds, pipeline=args.pipeline)
    how = "SoMaJo/HanTa tokens" if args.pipeline else "gold tokens"
    print(
        f"GermEval 2014 dev, {args.folds}-fold CV grouped by URL, {how} (outer level, strict, PER/LOC/ORG micro):"
    )
    report(data, preds, germeval)
    print(f"({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
