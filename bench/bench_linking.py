#!/usr/bin/env python3
"""Actor linking speed: KB look-ups per second and linker milliseconds per 1,000 tokens.

Runs on the first 200 articles of ../shared/data/news-10kgnad/articles.jsonl (CC BY-NC-SA, read from
../shared, never copied), tokenised and tagged once; then times the linker alone (with the NER module
if it loads, and KB-only) against the tagging cost it must not dominate.

usage: python bench/bench_linking.py [--articles N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "data" / "news-10kgnad" / "articles.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} not found; nothing to benchmark", file=sys.stderr)
        return 0

    from lagebild.actors import linker as linker_mod
    from lagebild.actors.kb import load_kb, lookup
    from lagebild.actors.linker import LinkActors
    from lagebild.actors.translit import name_key
    from lagebild.nlp import Tokenize
    from lagebild.records import Article, Doc

    texts = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.articles:
                break

    t0 = time.perf_counter()
    kb = load_kb()
    t_load = time.perf_counter() - t0

    tok = Tokenize()
    t0 = time.perf_counter()
    docs = [tok(Doc(Article(id=str(i), text=t, language="de"))) for i, t in enumerate(texts)]
    t_tag = time.perf_counter() - t0
    n_tokens = sum(len(d.tokens) for d in docs)

    # raw look-ups: one key + one dict access per token (what the linker does first)
    words = [t.text for d in docs for t in d.tokens]
    name_key.cache_clear()
    t0 = time.perf_counter()
    hits = sum(1 for w in words if kb.candidates(name_key(w)))
    t_keys = time.perf_counter() - t0
    names = ["Rjabkow", "Weißrusslands", "Ryabkov", "Sicherheitsrat", "Vereinten Nationen", "Teheran"] * 500
    t0 = time.perf_counter()
    for n in names:
        lookup(n)
    t_lookup = time.perf_counter() - t0

    def run(component: LinkActors) -> float:
        start = time.perf_counter()
        for d in docs:
            component(d)
        return time.perf_counter() - start

    link = LinkActors()
    run(link)  # warm caches (NER model, key cache)
    t_link = run(link)
    ner_loaded = linker_mod._ner_function() is not None
    t_kb_only = run(LinkActors(use_ner=False))

    per_k = 1000 / n_tokens
    print(f"articles {len(docs)}, tokens {n_tokens:,}; KB load {t_load:.2f} s ({len(kb.entries):,} actors)")
    print(f"token key look-ups: {len(words) / t_keys:,.0f}/s ({hits:,} tokens start a KB name)")
    print(f"full-name look-ups (kb.lookup): {len(names) / t_lookup:,.0f}/s")
    print(f"tokenise+tag (SoMaJo+HanTa): {t_tag * 1000 * per_k:7.1f} ms per 1,000 tokens")
    print(
        f"linker {'with NER module' if ner_loaded else '(NER unavailable)'}: {t_link * 1000 * per_k:7.1f} ms per 1,000 tokens"
    )
    print(f"linker without NER (KB + tags): {t_kb_only * 1000 * per_k:7.1f} ms per 1,000 tokens")
    print(f"linker / tagging cost: {t_link / t_tag:.1%} with NER, {t_kb_only / t_tag:.1%} without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
