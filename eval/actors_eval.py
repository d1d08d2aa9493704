"""Evaluate actor linking: the own held-out actor list, and the linked share on the 877 10kGNAD articles.

usage (from the project root):
  python eval/actors_eval.py [--list PATH] [--errors] [--coverage [N]]

1. A held-out list (`tests/data/actors/heldout*_de.tsv`; default `heldout_de.tsv`, which was tuned on:
   which list was written blind is in docs/actors.md): political actors of 2015–2026 as German news
   writes them, each in a short sentence with its date and the expected country. A row counts as linked when the mention that covers most of the
   named span carries an actor of that country (IGO / NGO: a CAMEO code starting with IGO / NGO).
2. `--coverage`: the share of PER and ORG entities of the 10kGNAD articles (../shared; skipped without it)
   that are linked to a KB actor (an actor id not `unlinked:`), per type.

tests/test_actors_heldout.py pins the lists' floors.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "tests" / "data" / "actors" / "heldout_de.tsv"
GNAD = ROOT.parent / "shared" / "data" / "news-10kgnad" / "articles.jsonl"


@dataclass(frozen=True)
class Case:
    expected: str
    published: str
    mention: str
    sentence: str
    line: int


def read_cases(path: Path = LIST) -> list[Case]:
    from lagebild.resources import parse_tsv

    rows = parse_tsv(path, ("expected", "published", "mention", "sentence"), locate=True)
    out = []
    for r in rows:
        if r["mention"] not in r["sentence"]:
            raise ValueError(f"{r['_where']}: mention {r['mention']!r} not in the sentence")
        out.append(
            Case(r["expected"], r["published"], r["mention"], r["sentence"], int(r["_where"].split(":")[1]))
        )
    return out


def _linker_pipeline():
    from lagebild.actors.linker import LinkActors
    from lagebild.nlp import Tokenize
    from lagebild.pipeline import PREPARED, Pipeline

    return Pipeline([Tokenize(), LinkActors()], start=PREPARED)


def link(sentence: str, published: str | None, pipe=None):
    """The doc after tokenising and linking (German)."""
    from lagebild.ingest.sources import RawDoc
    from lagebild.pipeline import prepare
    from lagebild.records import Doc

    article = prepare(RawDoc(name="<actors-eval>", text=sentence, language="de", published=published))
    return (pipe or _linker_pipeline())(Doc(article))


def covering(doc, start: int, end: int):
    """The mention that overlaps [start, end) most (the longer one on a tie), or None."""
    best, best_key = None, (0, 0)
    for m in doc.mentions:
        overlap = min(end, m.end) - max(start, m.start)
        if overlap > 0 and (overlap, -(m.end - m.start)) > best_key:
            best, best_key = m, (overlap, -(m.end - m.start))
    return best


def correct(actor, expected: str) -> bool:
    if actor is None or actor.id.startswith("unlinked:"):
        return False
    if expected in ("IGO", "NGO"):
        return (actor.code or "").startswith(expected)
    return actor.country == expected


def score(cases: list[Case]) -> tuple[float, list[tuple[Case, str]]]:
    pipe = _linker_pipeline()
    misses = []
    for c in cases:
        doc = link(c.sentence, c.published, pipe)
        start = doc.text.find(c.mention)
        m = covering(doc, start, start + len(c.mention)) if start >= 0 else None
        if m is None or not correct(m.actor, c.expected):
            got = (
                "no mention"
                if m is None
                else f"{m.text!r} -> {m.actor.id if m.actor else None} ({m.actor.code if m.actor else ''}/{m.actor.country if m.actor else ''})"
            )
            misses.append((c, got))
    return 1 - len(misses) / len(cases), misses


def coverage(limit: int | None = None) -> dict[str, tuple[int, int]]:
    """Per entity type (PER, ORG): (linked, all) over the 10kGNAD articles."""
    import lagebild

    pipe = _linker_pipeline()
    counts = {"PER": [0, 0], "ORG": [0, 0]}
    with open(GNAD, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            art = lagebild.analyze(json.loads(line)["text"], language="de", pipeline=pipe)
            for e in art.entities:
                if e.type in counts:
                    counts[e.type][1] += 1
                    counts[e.type][0] += bool(e.actor and not e.actor.id.startswith("unlinked:"))
    return {k: (v[0], v[1]) for k, v in counts.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", type=Path, default=LIST)
    ap.add_argument("--errors", action="store_true", help="list the rows not linked right")
    ap.add_argument(
        "--coverage", nargs="?", const=-1, type=int, metavar="N", help="also the 10kGNAD linked share"
    )
    args = ap.parse_args(argv)
    cases = read_cases(args.list)
    figure, misses = score(cases)
    print(
        f"held-out actor list: {len(cases) - len(misses)}/{len(cases)} linked with the right country = {figure:.3f}"
    )
    if args.errors:
        for c, got in misses:
            print(f"  line {c.line}: {c.mention!r} want {c.expected}, got {got}")
    if args.coverage is not None:
        if not GNAD.exists():
            print(f"{GNAD} not available: coverage skipped")
            return 0
        limit = None if args.coverage < 0 else args.coverage
        for typ, (linked, total) in coverage(limit).items():
            print(f"10kGNAD {typ}: {linked}/{total} linked = {linked / max(total, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
