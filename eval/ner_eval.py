#!/usr/bin/env python3
"""Honest NER estimate: k-fold cross-validation on GermEval 2014 dev (the shipped model trains on all of it).

usage: python -m eval.ner_eval [--folds 5] [--shared ../shared] [--json FILE] | --speed

Folds are grouped by source URL, so no document is split between training and test. Scoring is the
project's: outer level, strict spans, PER/LOC/ORG micro F1 (../shared/tools/germeval.py), on all
sentences and on the news subset. Each fold trains a fresh CRF with the shipped features and gazetteer
and predicts on the gold tokens and on the project's own tokens of the joined sentence (as score.py
reads it). Slow (a few minutes): `python -m eval --skip-slow` leaves it out of the gate.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the `eval` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.paths import Paths


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
    doc = Doc(
        Article(id="x", text=text.rstrip(), language="de"), tokens=tokens, sent_tokens=[(0, len(tokens))]
    )
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


MODES = ("tokens", "pipeline")


def cross_validate(data, k: int, **train_kw) -> dict[str, list[list[str]]]:
    """Out-of-fold predictions (BIO on the gold tokens) from `find_entities` with a model per fold.

    Each fold's model predicts twice: on the gold tokens with their tags ("tokens") and on the joined
    sentence as the project's tokeniser and tagger read it ("pipeline", as score.py does).
    """
    from lagebild.actors import ner

    folds = folds_by_url([u for u, *_ in data], k)
    preds: dict[str, list[list[str]]] = {m: [[] for _ in data] for m in MODES}
    with tempfile.TemporaryDirectory() as tmp:
        for f in range(k):
            model = Path(tmp) / f"fold{f}.crfsuite"
            train = [(w, t, lab) for (_, w, t, lab), g in zip(data, folds, strict=True) if g != f]
            ner.train(train, model, **train_kw)
            rec = ner.Recogniser(model)
            for i, ((_, w, t, _), g) in enumerate(zip(data, folds, strict=True)):
                if g == f:
                    preds["tokens"][i] = to_bio(w, ner.entities_with(rec, doc_from_tokens(w, t)))
                    preds["pipeline"][i] = to_bio(w, ner.entities_with(rec, doc_from_text(w)))
    return preds


def figures(data, preds: list[list[str]], germeval) -> dict[str, float]:
    """Micro P/R/F1 overall, F1 on the news subset and per type (PER, LOC, ORG)."""
    gold = [lab for *_, lab in data]
    out = dict(zip(("p", "r", "f1"), germeval.score(gold, preds), strict=True))
    news = [i for i, (u, *_) in enumerate(data) if germeval.is_news(u)]
    out["news_f1"] = germeval.score([gold[i] for i in news], [preds[i] for i in news])[2]
    for typ in ("PER", "LOC", "ORG"):

        def only(labs: list[str], t: str = typ) -> list[str]:
            return [x if x.endswith(t) else "O" for x in labs]

        out[f"{typ.lower()}_f1"] = germeval.score([only(g) for g in gold], [only(q) for q in preds])[2]
    return out


def evaluate(paths: Paths, folds: int = 5) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Figures per mode ("tokens", "pipeline") and the sizes (sentences, news sentences)."""
    germeval = _load(paths.tool("germeval.py"), "germeval")
    train_ner = _load(paths.root / "scripts" / "train_ner.py", "train_ner")
    data = train_ner.load_training(paths.shared)
    preds = cross_validate(data, folds)
    size = {
        "sentences": len(data),
        "news_sentences": sum(1 for u, *_ in data if germeval.is_news(u)),
        "folds": folds,
    }
    return {m: figures(data, preds[m], germeval) for m in MODES}, size


def speed(paths: Paths, repeat: int = 5) -> float:
    """Milliseconds per token of `find_entities` (model loaded, tokens given) on the bundled examples."""
    from lagebild.actors.ner import find_entities, recogniser
    from lagebild.nlp import Tokenize
    from lagebild.records import Article, Doc

    recogniser("de")
    docs = [
        Tokenize()(Doc(Article(id=p.name, text=p.read_text(encoding="utf-8"), language="de")))
        for p in sorted((paths.root / "examples").glob("*.txt"))
    ]
    n = sum(len(d.tokens) for d in docs) * repeat
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            find_entities(d)
    return (time.perf_counter() - t0) * 1000 / n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Paths().shared)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--speed", action="store_true", help="only time the shipped model on examples/")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args(argv)
    paths = Paths(shared=args.shared)
    if args.speed:
        print(f"find_entities: {speed(paths):.4f} ms/token (shipped model, examples/)")
        return 0
    if not paths.germeval.exists():
        print(f"{paths.germeval} not available: skipped", file=sys.stderr)
        return 0
    t0 = time.time()
    by_mode, size = evaluate(paths, args.folds)
    print(f"GermEval 2014 dev, {args.folds}-fold CV grouped by URL (outer level, strict, PER/LOC/ORG micro):")
    for mode, f in by_mode.items():
        how = "gold tokens" if mode == "tokens" else "SoMaJo/HanTa tokens of the joined sentence"
        print(f"  {how}:")
        print(f"    overall ({size['sentences']} sents): P {f['p']:.3f} R {f['r']:.3f} F1 {f['f1']:.3f}")
        print(f"    news    ({size['news_sentences']} sents): F1 {f['news_f1']:.3f}")
        print(f"    PER F1 {f['per_f1']:.3f}  LOC F1 {f['loc_f1']:.3f}  ORG F1 {f['org_f1']:.3f}")
    print(f"({time.time() - t0:.0f} s)")
    if args.json:
        args.json.write_text(
            json.dumps({"figures": by_mode, "size": size}, indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
