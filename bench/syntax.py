"""Cost of the syntax layer (lagebild.syntax.Parse) on the 877 real 10kGNAD articles in ../shared.

usage: python -m bench.syntax [--limit N] [--skip-memory] [--out figures.json]

Speed, in one run over the same cleaned texts: stock SoMaJo (with offsets, the pipeline's floor, as
bench/stages.py measures it) and the syntax layer on the tokens of `nlp.Tokenize`: over every sentence
twice (the first pass adds every word to the parser's vocabulary, the second finds them there), then with
a prefilter that parses only sentences holding a candidate predicate (a verb lemma of the event patterns
or a speech cue verb, particles joined), then with event pattern verbs only. CPU seconds, one core; the
figure that counts is the ratio to SoMaJo (per 1,000 tokens it is the same ratio).

Memory, each in a fresh process over the first 200 articles: peak RSS of a worker's analysis (the
default pipeline) without and with the parser, and the RSS the spaCy import and the German model add.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from .corpus import ROOT, load_articles
from .growth import peak_rss_mb


def candidate_lemmas(language: str, cues: bool = True) -> frozenset[str]:
    """Verb lemmas some downstream stage cares about: event pattern verbs and (with `cues`) speech cue verbs."""
    from lagebild.lang import get_language

    lang = get_language(language)
    out: set[str] = set()
    for name in ("patterns.tsv", "patterns_extra.tsv"):
        if not lang.has("events", name):
            continue
        for row in lang.read_tsv("events", name):
            kind, _, rest = row.get("pattern", "").partition(" ")
            if kind == "V":
                out.update(w.lower() for w in rest.split(" ", 1)[0].split("|"))
    if cues:
        out.update(r["cue"].lower() for r in lang.read_tsv("quotes", "cues.tsv"))
    return frozenset(out)


def candidate_filter(language_lemmas: dict[str, frozenset[str]]):
    """A `SentenceFilter`: the sentence holds a candidate verb lemma (with a separable particle joined)."""

    def select(doc, i: int) -> bool:
        lemmas = language_lemmas[doc.language]
        lo, hi = doc.sent_tokens[i]
        toks = doc.tokens[lo:hi]
        particles = [t.text.lower() for t in toks if t.tag in ("PTKVZ", "AVP")]
        for t in toks:
            if t.tag[:1] != "V":
                continue
            lemma = t.lemma.lower()
            if lemma in lemmas or any(p + lemma in lemmas or f"{lemma} {p}" in lemmas for p in particles):
                return True
        return False

    return select


def speed(limit: int | None) -> dict:
    from lagebild.nlp import Tokenize
    from lagebild.records import Doc
    from lagebild.syntax import parse_doc
    from lagebild.syntax.parser import load

    from . import stages

    articles = load_articles(limit)
    if articles is None:
        return {}
    floor = stages.floor([(a.text, a.language) for a in articles])["somajo"]
    docs = [Tokenize()(Doc(a)) for a in articles]
    tokens = sum(len(d.tokens) for d in docs)
    sentences = sum(len(d.sent_tokens) for d in docs)
    for lang in {d.language for d in docs}:
        load(lang)
    langs = {d.language for d in docs}
    select = candidate_filter({lang: candidate_lemmas(lang) for lang in langs})
    events_only = candidate_filter({lang: candidate_lemmas(lang, cues=False) for lang in langs})
    out = {
        "articles": len(docs),
        "tokens": tokens,
        "sentences": sentences,
        "somajo_cpu_s": round(floor.cpu, 2),
    }
    # first pass: every word new to the parser's vocabulary; then warm (the vocabulary holds them)
    runs = (
        ("all_first_pass", None),
        ("all", None),
        ("prefilter", select),
        ("prefilter_events_only", events_only),
    )
    for label, fn in runs:
        c = time.process_time()
        for d in docs:
            parse_doc(d, fn)
        cpu = time.process_time() - c
        parsed = sum(1 for d in docs for (lo, hi) in d.sent_tokens if hi > lo and d.tokens[lo].head >= 0)
        out[label] = {
            "cpu_s": round(cpu, 2),
            "ratio_to_somajo": round(cpu / floor.cpu, 3),
            "ms_per_1000_tokens": round(1000 * cpu / tokens * 1000, 2),
            "somajo_ms_per_1000_tokens": round(1000 * floor.cpu / tokens * 1000, 2),
            "sentences_parsed": parsed,
            "clauses": sum(len(d.clauses) for d in docs),
        }
    out["vocab_strings_de"] = len(load("de").vocab.strings) if "de" in {d.language for d in docs} else 0
    return out


def child(mode: str, limit: int) -> dict:
    """Run in a fresh process: RSS after each step of a worker's analysis (`mode`: base or parse)."""
    from lagebild.pipeline import PREPARED, Pipeline, default_components
    from lagebild.records import Doc

    def rss() -> float:
        for row in Path("/proc/self/status").read_text().splitlines():
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) / 1024
        return 0.0

    articles = load_articles(limit) or []
    comps = [c for c in default_components() if c.name != "prepare"]
    out = {"mode": mode}
    if mode == "parse":
        from lagebild.syntax import Parse

        comps.insert(1, Parse())
    pipe = Pipeline(comps, start=PREPARED)
    pipe(Doc(articles[0]))
    out["rss_after_first_article_mb"] = round(rss(), 1)
    for a in articles[1:]:
        pipe(Doc(a))
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return out


def import_cost() -> dict:
    """RSS the spaCy import and each language's model add to a process that has run the pipeline once."""
    code = (
        "import json,lagebild\n"
        "from lagebild.pipeline import analyze\n"
        "def rss():\n"
        "    return next(int(r.split()[1])/1024 for r in open('/proc/self/status') if r.startswith('VmRSS:'))\n"
        "analyze('Der Minister wies die Vorwürfe zurück.', language='de')\n"
        "a=rss()\nimport spacy\nb=rss()\n"
        "from lagebild.syntax.parser import has_parser, load\nout={'spacy_import_mb': round(b-a,1)}\n"
        "for lang in ('de', 'en'):\n"
        "    if has_parser(lang):\n"
        "        c=rss(); load(lang); out[lang+'_model_mb']=round(rss()-c,1)\n"
        "print(json.dumps(out))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def model_sizes() -> dict:
    out = {}
    for lang in ("de", "en"):
        path = ROOT / "src" / "lagebild" / "lang" / lang / "parser"
        if path.exists():
            out[lang] = round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 2)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--child", choices=("base", "parse"), default=None)
    ap.add_argument("--memory-articles", type=int, default=200)
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.memory_articles)))
        return 0
    figures: dict = {"model_mb_on_disk": model_sizes()}
    if not args.skip_speed:
        figures["speed"] = speed(args.limit)
        print(json.dumps(figures["speed"]), flush=True)
    if not args.skip_memory:
        figures["memory"] = {"import": import_cost()}
        for mode in ("base", "parse"):
            res = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.syntax",
                    "--child",
                    mode,
                    "--memory-articles",
                    str(args.memory_articles),
                ],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=True,
            )
            figures["memory"][mode] = json.loads(res.stdout.strip().splitlines()[-1])
    text = json.dumps(figures, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
