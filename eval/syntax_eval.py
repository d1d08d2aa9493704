#!/usr/bin/env python3
"""Intrinsic evaluation of lagebild.syntax on held-out Universal Dependencies sentences.

usage: python eval/syntax_eval.py [--lang de en] [--shared ../shared] [--limit N] [--out figures.json]

Test sets (never trained or tuned on): German UD GSD test (977 sentences; the parser trains on GSD dev +
PUD), English UD EWT test (2,077; the parser trains on EWT train, early-stops on EWT dev).

Two runs per language:
- gold tokens: the treebank's surface tokens (German contractions merged as SoMaJo keeps them), tagged by
  HanTa as at run time (tags are always predicted);
- own tokens: the sentence text through lagebild's own tokeniser (SoMaJo) and tagger; a system token
  counts only where it has exactly the character span of a gold token (the alignment rate is reported),
  and a sentence SoMaJo splits cannot have heads across the split.

Figures: UAS and LAS over the gold tokens without punctuation (full UD labels; "raw" = the parser alone,
"final" = after lagebild's repair rules, the tree downstream stages see), and precision / recall / F1 of
(predicate, role, argument head) triples read from the clause view against the gold tree:

| role             | gold UD relation of the argument to its head                          | clause field |
|------------------|-----------------------------------------------------------------------|--------------|
| subject          | nsubj, nsubj:pass, nsubj:outer                                        | subject      |
| subject_passive  | nsubj:pass                                                            | subject of a clause with voice passive |
| object           | obj                                                                   | objects      |
| indirect_object  | iobj; German also obl:arg without adposition (UD German's dative object) | indirect_object |
| agent            | obl:agent                                                             | agent        |

The predicate of a triple is the clause's head node in UD terms (the nominal of a copular clause). Roles
the clause view adds beyond basic UD (a subject shared by coordinated predicates, the noun of a participial
attribute) are left out of the triples and counted separately. Figures go to stdout as JSON (and --out).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TEST = {
    "de": "data/ud-german/UD_German-GSD/de_gsd-ud-test.conllu",
    "en": "data/ud-english/UD_English-EWT/en_ewt-ud-test.conllu.xz",
}
# --split dev: sentences for developing the rules (German: the parser's early-stopping share of its
# training files, as scripts/train_parser.py cuts it; English: EWT dev, the early-stopping set).
DEV = {
    "de": [
        "data/ud-german/UD_German-GSD/de_gsd-ud-dev.conllu",
        "data/ud-german/UD_German-PUD/de_pud-ud-test.conllu",
    ],
    "en": ["data/ud-english/UD_English-EWT/en_ewt-ud-dev.conllu.xz"],
}
DEV_SHARE, DEV_SEED = 0.1, 13
ROLES = ("subject", "subject_passive", "object", "indirect_object", "agent")
ADDED_RULES = ("shared_subject", "attribute_subject")


def gold_triples(sent, language: str) -> set[tuple[int, str, int]]:
    """(head, role, dependent) of one gold sentence, sentence-relative indices."""
    out = set()
    for i, (h, dep) in enumerate(zip(sent.heads, sent.deps, strict=True)):
        if h == i:
            continue
        if dep in ("nsubj", "nsubj:pass", "nsubj:outer"):
            out.add((h, "subject", i))
        if dep == "nsubj:pass":
            out.add((h, "subject_passive", i))
        if dep == "obj":
            out.add((h, "object", i))
        if dep == "iobj" or (language == "de" and dep == "obl:arg" and not _has_case(sent, i)):
            out.add((h, "indirect_object", i))
        if dep == "obl:agent":
            out.add((h, "agent", i))
    return out


def _has_case(sent, i: int) -> bool:
    return any(h == i and d == "case" for h, d in zip(sent.heads, sent.deps, strict=True))


def system_triples(clause) -> tuple[set[tuple[int, str, int]], int]:
    """(clause head, role, argument) of one clause, absolute token indices; and how many were left out."""
    head = clause.predicative if clause.predicative is not None else clause.predicate
    out, added = set(), 0
    if clause.subject is not None:
        if any(r in clause.rules for r in ADDED_RULES):  # these rules only fill an empty subject
            added += 1
        else:
            out.add((head, "subject", clause.subject))
            if clause.voice == "passive":
                out.add((head, "subject_passive", clause.subject))
    out |= {(head, "object", o) for o in clause.objects}
    if clause.indirect_object is not None:
        out.add((head, "indirect_object", clause.indirect_object))
    if clause.agent is not None:
        out.add((head, "agent", clause.agent))
    return out, added


def build_doc(sents, language: str, own_tokens: bool):
    """One Doc for all sentences (one per line) and the gold character span of every gold token."""
    from lagebild.nlp import Tokenize
    from lagebild.records import Article, Doc

    lines, spans, offset = [], [], 0
    for s in sents:
        text, pos, words = "", 0, []
        for w, sp in zip(s.words, s.spaces, strict=True):
            words.append((w, offset + pos, offset + pos + len(w)))
            text += w + (" " if sp else "")
            pos = len(text)
        text = text.rstrip(" ")
        lines.append(text)
        spans.append(words)
        offset += len(text) + 1
    doc = Doc(Article(id=f"ud-{language}", text="\n".join(lines), language=language))
    if own_tokens:
        return Tokenize()(doc), spans
    return Tokenize().annotate(doc, spans), spans


def score(sents, language: str, own_tokens: bool) -> dict:
    from lagebild.syntax import parse_doc
    from lagebild.syntax.parser import parse_sentences

    doc, spans = build_doc(sents, language, own_tokens)
    by_span = {(t.start, t.end): i for i, t in enumerate(doc.tokens)}
    align = [[by_span.get((a, b)) for _, a, b in words] for words in spans]
    back = {sys_i: (k, j) for k, row in enumerate(align) for j, sys_i in enumerate(row) if sys_i is not None}
    raw = _raw_heads(doc, parse_sentences)
    t0 = time.perf_counter()
    parse_doc(doc)
    seconds = time.perf_counter() - t0
    counts = Counter()
    for k, s in enumerate(sents):
        for j, (h, dep) in enumerate(zip(s.heads, s.deps, strict=True)):
            if dep == "punct":
                continue
            counts["tokens"] += 1
            i = align[k][j]
            if i is None:
                continue
            counts["aligned"] += 1
            for name, (head, label) in (("raw", raw[i]), ("final", (doc.tokens[i].head, doc.tokens[i].dep))):
                if back.get(head) == (k, h):
                    counts[f"{name}_uas"] += 1
                    counts[f"{name}_las"] += label == dep
    gold = {(k, *t) for k, s in enumerate(sents) for t in gold_triples(s, language)}
    system, added = set(), 0
    for c in doc.clauses:
        triples, n = system_triples(c)
        added += n
        for h, role, a in triples:
            if h in back and a in back and back[h][0] == back[a][0]:
                system.add((back[h][0], back[h][1], role, back[a][1]))
            else:
                system.add(("unaligned", h, role, a))
    n = counts["tokens"]
    out = {
        "sentences": len(sents),
        "tokens_no_punct": n,
        "aligned": round(counts["aligned"] / n, 4),
        "uas_raw": round(counts["raw_uas"] / n, 4),
        "las_raw": round(counts["raw_las"] / n, 4),
        "uas": round(counts["final_uas"] / n, 4),
        "las": round(counts["final_las"] / n, 4),
        "clauses": len(doc.clauses),
        "roles_added_beyond_ud": added,
        "parse_seconds": round(seconds, 2),
        "roles": {},
    }
    for role in ROLES:
        g = {t for t in gold if t[2] == role}
        p = {t for t in system if t[2] == role}
        tp = len(g & p)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out["roles"][role] = {
            "gold": len(g),
            "system": len(p),
            "p": round(prec, 4),
            "r": round(rec, 4),
            "f1": round(f1, 4),
        }
    return out


def _raw_heads(doc, parse_sentences) -> dict[int, tuple[int, str]]:
    """The parser's own heads and labels (before the repair rules), absolute indices."""
    batch = []
    for lo, hi in doc.sent_tokens:
        toks = doc.tokens[lo:hi]
        spaces = [toks[k].end < toks[k + 1].start for k in range(len(toks) - 1)] + [False]
        batch.append(([t.text for t in toks], spaces, [t.tag for t in toks]))
    out = {}
    for (lo, _), p in zip(doc.sent_tokens, parse_sentences(doc.language, batch), strict=True):
        for k, (h, d) in enumerate(zip(p.heads, p.deps, strict=True)):
            out[lo + k] = (lo + h, "root" if d == "ROOT" else d)
    return out


def load(shared: Path, language: str, split: str):
    """The evaluation sentences of a language and split, or None (with a message) without ../shared."""
    from lagebild.syntax.conllu import read_conllu, split_off

    files = [TEST[language]] if split == "test" else DEV[language]
    if not all((shared / f).exists() for f in files):
        print(f"skipped {language}: {files} not available under {shared}", file=sys.stderr)
        return None
    sents = [s for f in files for s in read_conllu(shared / f, language)]
    if split == "dev" and language == "de":
        sents = split_off(sents, DEV_SHARE, DEV_SEED)[1]
    return sents


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", nargs="+", default=["de", "en"], choices=sorted(TEST))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--split", choices=("test", "dev"), default="test", help="dev: for rule development")
    ap.add_argument("--limit", type=int, default=0, help="first N test sentences only (quick look)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    figures: dict = {}
    for lang in args.lang:
        sents = load(args.shared, lang, args.split)
        if sents is None:
            continue
        if args.limit:
            sents = sents[: args.limit]
        figures[lang] = {
            "set": TEST[lang]
            if args.split == "test"
            else f"dev: {DEV_SHARE:.0%} of {' + '.join(DEV[lang])} (seed {DEV_SEED})"
            if lang == "de"
            else DEV[lang][0],
            "gold_tokens": score(sents, lang, own_tokens=False),
            "own_tokens": score(sents, lang, own_tokens=True),
        }
    text = json.dumps(figures, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
