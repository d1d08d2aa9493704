"""lagebild benchmarks: `python -m bench [--quick] [--limit N] [--skip SECTION ...]`.

Prints, over the real 10kGNAD articles in ../shared (skipped with a message when absent):
per-stage and whole-pipeline articles/s and tokens/s per core (cold: a fresh process without the
shipped seed of HanTa analyses; first pass: as shipped, seeded; warm: a second pass), peak RSS, the
pipeline / SoMaJo ratio measured in the same run, a profile of the hot spots, linear growth (1x vs 10x articles),
tagging accuracy on UD German before and after the speed-ups, the Dask speed-up on 2 local workers
vs 1 and the cost of 1M articles on paper; then the linking and API benchmarks if they exist.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import time
import traceback

from . import stages
from .corpus import corpus_path, load_raw
from .growth import peak_rss_mb

SECTIONS = ("stages", "profile", "growth", "accuracy", "dask", "others")
QUICK_ARGS = {"bench.bench_api": ["--articles", "1000", "--repeat", "10"]}
GOALS = {"ratio": 2.0, "articles_per_s": 25.0, "rss_mb": 500.0, "growth": 10.5}


def line(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<34} {value:<28} {note}")


def section(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 76 - len(title)))


def report_stages(run: stages.StageRun, title: str) -> None:
    section(title)
    print(f"  {run.articles} articles, {run.tokens:,} tokens, {run.failed} failed")
    for err, n in run.errors.items():
        print(f"  ! {n} x {err[:150]}")
    print(
        f"  {'stage':<10} {'CPU s':>8} {'wall s':>8} {'ms/article':>11} {'articles/s':>11} {'tokens/s':>10}  (one core)"
    )
    rows = [*run.stages.items(), ("TOTAL", run.total())]
    for name, t in rows:
        aps = run.articles / t.cpu if t.cpu else float("inf")
        tps = run.tokens / t.cpu if t.cpu else float("inf")
        ms = 1000 * t.cpu / max(1, run.articles)
        print(f"  {name:<10} {t.cpu:8.2f} {t.wall:8.2f} {ms:11.2f} {aps:11.1f} {tps:10,.0f}")
    q = len(run.per_article) // 4
    if q:
        first, last = sum(run.per_article[:q]), sum(run.per_article[-q:])
        print(
            f"  analysis (clean..events) of the first {q} articles: {q / first:.1f} articles/s; "
            f"of the last {q}: {q / last:.1f} articles/s (new articles, caches filled by the earlier ones)"
        )


def _stages(args: argparse.Namespace, path, results: dict) -> None:
    limit = args.limit or (100 if args.quick else None)
    raws = load_raw(limit)
    from lagebild import nlp

    cold = stages.run_fresh(limit, seed=False)
    report_stages(cold, "pipeline per stage, cold first pass (fresh process, seed off)")
    stages.warm_up()
    rss_loaded = peak_rss_mb()
    seed = nlp.tagger("de").seed_info()
    first = stages.run_stages(raws)
    report_stages(first, "pipeline per stage, first pass as shipped (memo caches seeded, else empty)")
    warm = stages.run_stages(raws)
    report_stages(warm, "pipeline per stage, second pass over the same articles (warm caches)")
    print(f"  HanTa memo caches after both passes: {nlp.tagger('de').cache_info()}")
    section(
        "the shipped seed of HanTa analyses (src/lagebild/lang/de/tagger/seed, scripts/build_tag_seed.py)"
    )
    if seed is None:
        line("seed", "off or absent")
    else:
        line("words", f"{seed['words']:,}", f"{seed['memory_bytes'] / 2**20:.1f} MB in memory")
        line("load time (with the German tagger)", f"{seed['load_seconds']:.2f} s wall")
        c, f = cold.nlp, first.nlp
        line(
            "first pass: analyses computed",
            f"words {f['word_misses']:,} of {c['word_misses']:,} cold",
            f"lemmas {f['lemma_misses'] - f['seed_lemma_hits']:,} of {c['lemma_misses']:,} cold",
        )
        line(
            "  answered by the seed instead",
            f"words {1 - f['word_misses'] / max(1, c['word_misses']):.0%}",
            f"lemmas {f['seed_lemma_hits'] / max(1, c['lemma_misses']):.0%} "
            f"({f['seed_word_hits']:,} word and {f['seed_lemma_hits']:,} lemma look-ups)",
        )
    texts = []
    from lagebild.pipeline import prepare

    for raw in raws:
        try:
            a = prepare(raw)
        except Exception:
            continue
        texts.append((a.text, a.language))
    floor = stages.floor(texts)
    section("the floor: stock SoMaJo over the same cleaned texts, same run")
    for label, t in floor.items():
        for i, (name, run) in enumerate((("first pass", first), ("cold, no seed", cold))):
            total = run.total().cpu
            line(
                "" if i else label,
                "" if i else f"{t.cpu:.2f} CPU s · {run.articles / t.cpu:.1f} art/s",
                f"{name}: pipeline/floor {total / t.cpu:.2f}x "
                f"(analysis only {(total - run.stages['store'].cpu) / t.cpu:.2f}x)",
            )
    results["ratio"] = first.total().cpu / floor["somajo"].cpu
    results["cold_ratio"] = cold.total().cpu / floor["somajo"].cpu
    results["articles_per_s"] = first.articles / first.total().cpu
    results["cold_articles_per_s"] = cold.articles / cold.total().cpu
    results["warm_articles_per_s"] = warm.articles / warm.total().cpu
    section("memory of this benchmark process (a worker's own peak: see linear growth below)")
    line("peak RSS after loading models", f"{rss_loaded:.0f} MB", "(with the seed)")
    line(
        "peak RSS after the stage runs",
        f"{peak_rss_mb():.0f} MB",
        "(corpus, both passes' caches, stock SoMaJo)",
    )


def _profile(args: argparse.Namespace, path, results: dict) -> None:
    n = 30 if args.quick else 120
    section(f"profile (pyinstrument) of the pipeline on {n} articles, functions by self time")
    print(stages.profile(load_raw(n) or [], top=22))


def _growth(args: argparse.Namespace, path, results: dict) -> None:
    from .growth import growth

    base = 20 if args.quick else 87
    section(
        f"linear growth: `lagebild ingest`, 1 worker, fresh process each: {base} vs {10 * base} real articles"
    )
    g = growth(path, base)
    for k in ("1x", "10x"):
        r = g[k]
        line(
            f"{k}: {r['stored']} stored",
            f"{r['wall']:.1f} s wall · {r['cpu']:.1f} s CPU",
            f"peak RSS {r['peak_rss_mb']:.0f} MB (after model load {r['rss_mb_after_load']:.0f} MB)",
        )
    ratio = g["10x"]["cpu"] / g["1x"]["cpu"]
    size = g["10x"]["chars"] / g["1x"]["chars"]
    line("time ratio 10x/1x (CPU)", f"{ratio:.2f}", f"input size ratio {size:.2f} (characters)")
    line(
        "time ratio per character",
        f"{ratio / size * 10:.2f} (scaled to 10x)",
        f"goal <= {GOALS['growth']}",
    )
    line("memory ratio 10x/1x (peak RSS)", f"{g['10x']['peak_rss_mb'] / g['1x']['peak_rss_mb']:.2f}")
    wk = g["worker"]
    line(
        f"worker (analysis only, {wk['stored']} articles)",
        f"peak RSS {wk['peak_rss_mb']:.0f} MB",
        f"after model load {wk['rss_mb_after_load']:.0f} MB; the rest of the ingest peak is DuckDB",
    )
    results["growth"] = ratio / size * 10
    results["rss_mb"] = wk["peak_rss_mb"]
    results["ingest_rss_mb"] = g["10x"]["peak_rss_mb"]


def _accuracy(args: argparse.Namespace, path, results: dict) -> None:
    from .accuracy import evaluate

    section("tagging accuracy on UD German GSD (XPOS = STTS): stock HanTa vs memoised path")
    for r in evaluate() or []:
        s, f = r["stock"], r["fast"]
        line(r["file"].split("/")[-1], f"{r['tokens']:,} tokens", f"identical output: {r['identical']}")
        line("  stock HanTa", f"acc {s[0]:.2%} (coarse {s[1]:.2%})", f"{s[2]:,.0f} tokens/s")
        line(
            "  lagebild (memos empty, seeded)",
            f"acc {f[0]:.2%} (coarse {f[1]:.2%})",
            f"{f[2]:,.0f} tokens/s",
        )


def _dask(args: argparse.Namespace, path, results: dict) -> None:
    from .dask_bench import on_paper, speedup

    n = 40 if args.quick else 240
    section(f"Dask distributed: LocalCluster, {n} articles, 1 vs 2 single-threaded workers")
    d = speedup(path, n)
    for k in ("1", "2"):
        r = d[k]
        line(
            f"{k} worker(s)",
            f"{r['wall']:.1f} s · {r['stored'] / r['wall']:.1f} art/s",
            f"workers' CPU {r['worker_cpu']:.1f} s ({1000 * r['worker_cpu'] / max(1, r['stored']):.0f} ms/article) · "
            f"load avg {r['load']:.1f} · start-up {r['startup']:.1f} s",
        )
    line(
        "speed-up 2 vs 1 (wall)",
        f"{d['speedup']:.2f}x",
        "(2 cores, shared with the client and any other load)",
    )
    busy = d["2"]["worker_cpu"] / (2 * d["2"]["wall"]) if d["2"]["wall"] else 0.0
    line("2 workers' CPU share of 2 cores", f"{busy:.0%}", "(below 100 %: the cores were not free)")
    per_article = (
        1 / results["articles_per_s"]
        if "articles_per_s" in results
        else d["1"]["worker_cpu"] / max(1, d["1"]["stored"])
    )
    section("1M articles on paper (measured single-core cost per article, first pass)")
    for text in on_paper(per_article):
        print("  " + text)


def _others(args: argparse.Namespace, path, results: dict) -> None:
    for mod in ("bench.bench_linking", "bench.bench_api"):
        if importlib.util.find_spec(mod) is None:
            continue
        section(mod)
        argv0 = sys.argv
        try:
            sys.argv = [mod, *QUICK_ARGS.get(mod, [])] if args.quick else [mod]  # not our flags
            importlib.import_module(mod).main()
        except SystemExit:
            pass
        except Exception:
            print(f"  {mod} failed:")
            traceback.print_exc(limit=3)
        finally:
            sys.argv = argv0


def _goals(results: dict) -> None:
    section("goals (issue 7)")
    if "ratio" in results:
        line(
            "pipeline / SoMaJo floor (first pass)",
            f"{results['ratio']:.2f}x",
            _ok(results["ratio"] <= GOALS["ratio"], "<= 2x"),
        )
        line("  cold, no seed", f"{results['cold_ratio']:.2f}x")
        line(
            "articles/s per core (first pass)",
            f"{results['articles_per_s']:.1f}",
            _ok(results["articles_per_s"] >= GOALS["articles_per_s"], ">= 25"),
        )
        line("  cold, no seed", f"{results['cold_articles_per_s']:.1f}")
        line("articles/s per core (warm)", f"{results['warm_articles_per_s']:.1f}")
    if "rss_mb" in results:
        line(
            "peak RSS per worker",
            f"{results['rss_mb']:.0f} MB",
            _ok(results["rss_mb"] <= GOALS["rss_mb"], "<= 500 MB"),
        )
        line(
            "peak RSS, 1-process ingest + DuckDB",
            f"{results['ingest_rss_mb']:.0f} MB",
            _ok(results["ingest_rss_mb"] <= GOALS["rss_mb"], "<= 500 MB"),
        )
    if "growth" in results:
        line(
            "10x articles cost",
            f"{results['growth']:.2f}x",
            _ok(results["growth"] <= GOALS["growth"], "<= 10.5x"),
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a short run (about a minute) on fewer articles")
    ap.add_argument("--limit", type=int, help="articles for the stage run (default all 877; quick 100)")
    ap.add_argument("--skip", nargs="*", default=[], choices=SECTIONS, help="sections to leave out")
    args = ap.parse_args(argv)
    path = corpus_path()
    if path is None:
        return 0
    t_start = time.perf_counter()
    print(
        f"lagebild benchmark · corpus {path} · {'quick' if args.quick else 'full'} run · python {sys.version.split()[0]}"
    )
    results: dict = {}

    if "stages" not in args.skip:
        _stages(args, path, results)
    if "profile" not in args.skip:
        _profile(args, path, results)
    if "growth" not in args.skip:
        _growth(args, path, results)
    if "accuracy" not in args.skip:
        _accuracy(args, path, results)
    if "dask" not in args.skip:
        _dask(args, path, results)
    if "others" not in args.skip:
        _others(args, path, results)
    _goals(results)
    print(f"\nbenchmark took {time.perf_counter() - t_start:.0f} s")
    return 0


def _ok(ok: bool, goal: str) -> str:
    return f"{'met' if ok else 'NOT met'} (goal {goal})"


if __name__ == "__main__":
    sys.exit(main())
