"""Tagging accuracy against UD German (GSD test and dev): stock HanTa vs lagebild's memoised path.

Gold tags are the XPOS column (STTS). Words are the surface tokens: a contraction such as "im"
(split by UD into "in dem") is one token with gold tag APPRART, as SoMaJo and HanTa see it.
HanTa's coarse tags map to STTS by dropping the brackets ("VV(FIN)" -> "VVFIN", "ADJ(A)" -> "ADJA");
gold STTS variants HanTa does not use are folded into HanTa's (PAV -> PROAV, PRELS -> PDS,
PRELAT -> PDAT). Accuracy is reported on the full tag and on the coarse class (first two letters:
NN/NE, VV/VA/VM, AD, AP, ...).

    python -m bench.accuracy
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

from lagebild import nlp

ROOT = Path(__file__).resolve().parent.parent
UD = ROOT.parent / "shared" / "data" / "ud-german"
# PUD's XPOS column is Penn-style, not STTS, so only GSD is used.
FILES = ("UD_German-GSD/de_gsd-ud-test.conllu", "UD_German-GSD/de_gsd-ud-dev.conllu")
GOLD_FOLD = {"PAV": "PROAV", "PRELS": "PDS", "PRELAT": "PDAT"}


def read_conllu(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences as (surface word, gold STTS) pairs."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    skip_until = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur, skip_until = [], 0
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            skip_until = int(cols[0].split("-")[1])
            cur.append((cols[1], "APPRART"))
            continue
        if "." in cols[0] or int(cols[0]) <= skip_until:
            continue
        cur.append((cols[1], cols[4]))
    if cur:
        sents.append(cur)
    return sents


def to_stts(tag: str) -> str:
    return tag.replace("(", "").replace(")", "")


def score(sents: list[list[tuple[str, str]]], tag_fn) -> tuple[float, float, float, int]:
    """(accuracy, coarse accuracy, tokens per CPU second, tokens)."""
    right = coarse = n = 0
    t0 = time.process_time()
    for sent in sents:
        words = [w for w, _ in sent]
        for (_, gold), (tag, _) in zip(sent, tag_fn(words), strict=True):
            gold, pred = GOLD_FOLD.get(gold, gold), to_stts(tag)
            n += 1
            right += gold == pred
            coarse += gold[:2] == pred[:2]
    dt = time.process_time() - t0
    return right / n, coarse / n, n / dt if dt else 0.0, n


def stock(words: list[str]) -> list[tuple[str, str]]:
    return [(tag, lemma) for _, lemma, tag in stock_tagger("de").tag_sent(words, taglevel=1)]


@cache
def stock_tagger(language: str):
    """A separate, unpatched HanTa instance: the reference for output and speed."""
    from lagebild.adapters import hanta
    from lagebild.lang import get_language

    return hanta.load_model(get_language(language).tagger_model)


def fast(words: list[str]) -> list[tuple[str, str]]:
    return nlp.tagger("de").tag(words)


def evaluate() -> list[dict] | None:
    if not UD.exists():
        print(f"skipped: {UD} not found")
        return None
    out = []
    nlp.tagger("de")
    stock_tagger("de")
    for rel in FILES:
        sents = read_conllu(UD / rel)
        nlp.tagger("de").clear_caches()
        a_fast = score(sents, fast)  # cold caches first: the honest speed of one pass
        a_stock = score(sents, stock)
        same = all(fast([w for w, _ in s]) == stock([w for w, _ in s]) for s in sents)
        out.append({"file": rel, "tokens": a_fast[3], "stock": a_stock, "fast": a_fast, "identical": same})
    return out


def main() -> None:
    rows = evaluate()
    for r in rows or []:
        print(
            f"{r['file']}: {r['tokens']} tokens · HanTa stock acc {r['stock'][0]:.2%} (coarse {r['stock'][1]:.2%}, "
            f"{r['stock'][2]:,.0f} tok/s) · memoised acc {r['fast'][0]:.2%} (coarse {r['fast'][1]:.2%}, "
            f"{r['fast'][2]:,.0f} tok/s cold) · identical output: {r['identical']}"
        )


if __name__ == "__main__":
    main()
