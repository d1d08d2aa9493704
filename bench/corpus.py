"""The benchmark corpus: the 877 real 10kGNAD articles in ../shared (read at run time, never copied)."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest.sources import RawDoc, read_jsonl
from lagebild.pipeline import prepare
from lagebild.records import Article

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "news-10kgnad" / "articles.jsonl"


def corpus_path() -> Path | None:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (the benchmark needs ../shared/data/news-10kgnad)")
        return None
    return CORPUS


def load_raw(limit: int | None = None) -> list[RawDoc] | None:
    path = corpus_path()
    if path is None:
        return None
    items = itertools.islice(read_jsonl(str(path)), limit)
    return [r for r in items if isinstance(r, RawDoc)]


def load_articles(limit: int | None = None) -> list[Article] | None:
    """Prepared (cleaned, language-detected) articles, ready for the NLP components."""
    raws = load_raw(limit)
    if raws is None:
        return None
    out = []
    for raw in raws:
        try:
            out.append(prepare(raw))
        except InputError as exc:
            print(f"skipped {exc}", file=sys.stderr)
    return out
