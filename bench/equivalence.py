"""Check that the fast NLP path gives exactly what stock SoMaJo and HanTa give.

python -m bench.equivalence [N]    # first N of the 877 real articles (default all)
"""

from __future__ import annotations

import sys
import time

from bench.accuracy import stock_tagger
from bench.corpus import load_articles
from lagebild import nlp


def stock_sentences(text: str, language: str) -> list[list[tuple[str, int, int]]]:
    """The original implementation: SoMaJo with its own character offsets."""
    tok = nlp.tokenizer(language)
    out = []
    for offset, para in nlp.paragraphs(text):
        for sent in tok.tokenize_text([para]):
            if sent:
                out.append(
                    [(t.text, offset + t.character_offset[0], offset + t.character_offset[1]) for t in sent]
                )
    return out


def stock_tags(language: str, words: list[str]) -> list[tuple[str, str]]:
    return [(tag, lemma) for _, lemma, tag in stock_tagger(language).tag_sent(words, taglevel=1)]


def compare(articles) -> dict[str, int]:
    """Counts of sentences/tokens compared and of differences found."""
    out = {"articles": 0, "sentences": 0, "tokens": 0, "offset_diffs": 0, "tag_diffs": 0}
    for art in articles:
        fast = nlp.split_sentences(art.text, art.language)
        ref = stock_sentences(art.text, art.language)
        out["articles"] += 1
        if fast != ref:
            out["offset_diffs"] += 1
            print(f"offsets differ in {art.id}", file=sys.stderr)
        for sent in ref:
            words = [w for w, _, _ in sent]
            out["sentences"] += 1
            out["tokens"] += len(words)
            if nlp.tagger(art.language).tag(words) != stock_tags(art.language, words):
                out["tag_diffs"] += 1
                print(f"tags differ in {art.id}: {' '.join(words)[:80]}", file=sys.stderr)
    return out


def main(argv: list[str]) -> int:
    limit = int(argv[0]) if argv else None
    articles = load_articles(limit)
    if articles is None:
        return 0
    t0 = time.perf_counter()
    result = compare(articles)
    print(f"equivalence over {result} in {time.perf_counter() - t0:.1f}s")
    return 0 if result["offset_diffs"] == result["tag_diffs"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
