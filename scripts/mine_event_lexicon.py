"""Mine German news text for event vocabulary: the material the event lexicon was built from.

Reads the Wikinews quotation corpus (train split) and the 10kGNAD articles from ../shared (both
CC BY-NC-SA: evaluation only, so nothing of them goes into the repository), tokenises and tags them
with lagebild's own pipeline (SoMaJo + HanTa), and writes frequency lists to --out:

- verbs.tsv        verb lemma (separable particle joined) -> count
- nouns.tsv        noun lemma -> count, and its head-noun count (last compound part of known heads)
- lightverbs.tsv   (verb lemma, noun lemma in the same clause) -> count, for light-verb constructions
- nounpreps.tsv    (noun lemma, preposition right after its phrase) -> count ("Sanktionen gegen")
- index.jsonl      for a lemma, where it occurs (corpus, document, sentence number): for concordances

`--kwic LEMMA` prints concordance lines for one lemma instead (to read on screen, not to copy).

    python scripts/mine_event_lexicon.py --out /tmp/mine
    python scripts/mine_event_lexicon.py --kwic drohen --limit 40
"""

from __future__ import annotations

import argparse
import glob
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lagebild.nlp import Tokenize
from lagebild.records import Article, Doc, Token

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CLAUSE_END = {",", ";", ":", "–", "-", "(", ")", "„", "“", '"'}


def documents(
    limit_wikinews: int | None = None, limit_gnad: int | None = None
) -> Iterator[tuple[str, str, str]]:
    """(corpus, id, text) of the articles of the two German corpora (all, or the first N of each)."""
    files = sorted(glob.glob(str(SHARED / "quotes-wikinews-de" / "train" / "*.json")))
    for f in files[:limit_wikinews]:
        d = json.loads(Path(f).read_text(encoding="utf-8"))
        yield "wikinews", Path(f).stem, d["originalText"]
    with open(SHARED / "news-10kgnad" / "articles.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit_gnad is not None and i >= limit_gnad:
                break
            d = json.loads(line)
            yield "10kgnad", d["id"], d["text"]


def sentences(text: str) -> list[list[Token]]:
    doc = Tokenize()(Doc(Article(id="m", text=text, language="de")))
    return [doc.tokens[a:b] for a, b in doc.sent_tokens]


def clauses(sent: list[Token]) -> list[list[Token]]:
    """Rough clauses: the sentence cut at commas, colons, dashes, quotes and brackets."""
    out, cur = [], []
    for t in sent:
        if t.text in CLAUSE_END:
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        out.append(cur)
    return out


def verb_lemmas(clause: list[Token]) -> list[str]:
    """Full-verb lemmas, a finite verb joined with the clause's separable particle."""
    particles = [t.lemma.lower() for t in clause if t.tag == "PTKVZ"]
    out = []
    for t in clause:
        if not t.tag.startswith("VV"):
            continue
        lem = (t.lemma or t.text).lower()
        if t.tag == "VV(FIN)" and particles:
            lem = particles[-1] + lem
        out.append(lem)
    return out


def nouns(clause: list[Token]) -> list[tuple[int, str]]:
    return [(k, (t.lemma or t.text)) for k, t in enumerate(clause) if t.tag == "NN"]


@dataclass
class Counts:
    """Frequency lists and the lemma index, filled clause by clause."""

    verbs: Counter = field(default_factory=Counter)
    nouns: Counter = field(default_factory=Counter)
    light: Counter = field(default_factory=Counter)
    nprep: Counter = field(default_factory=Counter)
    index: dict[str, list[tuple[str, str, int]]] = field(default_factory=lambda: defaultdict(list))

    def add_clause(self, cl: list[Token], where: tuple[str, str, int]) -> None:
        ns = nouns(cl)
        for v in verb_lemmas(cl):
            self.verbs[v] += 1
            self.index[v].append(where)
            for _, n in ns:
                self.light[(v, n)] += 1
        for k, n in ns:
            self.nouns[n] += 1
            self.index[n].append(where)
            prep = _following_preposition(cl, k)
            if prep:
                self.nprep[(n, prep)] += 1


def _following_preposition(cl: list[Token], k: int) -> str | None:
    """The preposition right after the noun phrase of noun k ("Sanktionen [der EU] gegen")."""
    nxt = next((t for t in cl[k + 1 :] if t.tag.startswith("APPR")), None)
    if nxt is None:
        return None
    between = cl[k + 1 : cl.index(nxt)]
    if len(between) > 3 or not all(t.tag in ("ART", "ADJ(A)", "NN", "NE", "CARD") for t in between):
        return None
    return nxt.text.lower()


def mine(out: Path, limit_wikinews: int | None, limit_gnad: int | None) -> None:
    counts = Counts()
    for corpus, doc_id, text in documents(limit_wikinews, limit_gnad):
        for si, sent in enumerate(sentences(text)):
            for cl in clauses(sent):
                counts.add_clause(cl, (corpus, doc_id, si))
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "verbs.tsv", ("verb", "count"), counts.verbs.most_common())
    _write(out / "nouns.tsv", ("noun", "count"), counts.nouns.most_common())
    light = ((v, n, c) for (v, n), c in counts.light.most_common() if c > 1)
    _write(out / "lightverbs.tsv", ("verb", "noun", "count"), light)
    nprep = ((n, p, c) for (n, p), c in counts.nprep.most_common() if c > 1)
    _write(out / "nounpreps.tsv", ("noun", "prep", "count"), nprep)
    with open(out / "index.jsonl", "w", encoding="utf-8") as fh:
        for lemma, where in counts.index.items():
            fh.write(json.dumps({"lemma": lemma, "where": where}, ensure_ascii=False) + "\n")


def _write(path: Path, header: tuple[str, ...], rows) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(str(x) for x in row) + "\n")


def kwic(lemma: str, limit: int, limit_wikinews: int | None, limit_gnad: int | None) -> None:
    """Print sentences holding the lemma (a verb with its particle joined, or a noun; regex allowed)."""
    pat = re.compile(f"^{lemma}$", re.I)
    shown = 0
    for corpus, doc_id, text in documents(limit_wikinews, limit_gnad):
        for si, sent in enumerate(sentences(text)):
            lemmas = {x for cl in clauses(sent) for x in verb_lemmas(cl)} | {
                (t.lemma or t.text) for t in sent if t.tag == "NN"
            }
            if any(pat.match(x) for x in lemmas):
                print(f"{corpus}:{doc_id}:{si}\t{' '.join(t.text for t in sent)}")
                shown += 1
                if shown >= limit:
                    return


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path("/tmp/lagebild-mine"))
    ap.add_argument("--kwic", help="print concordance lines for this lemma (regex) instead")
    ap.add_argument("--limit", type=int, default=30)
    ap.add_argument("--wikinews", type=int, default=None, help="use only the first N Wikinews articles")
    ap.add_argument("--gnad", type=int, default=None, help="use only the first N 10kGNAD articles")
    args = ap.parse_args()
    if args.kwic:
        kwic(args.kwic, args.limit, args.wikinews, args.gnad)
    else:
        mine(args.out, args.wikinews, args.gnad)


if __name__ == "__main__":
    main()
