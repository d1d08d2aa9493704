"""Per-stage cost of the pipeline on real articles, the SoMaJo floor, and a profile of the hot spots.

Every figure is measured in this process on one core: CPU seconds (`time.process_time`, robust to
other load on the machine) and wall seconds. Stages: clean (`prepare`: extraction, cleaning, language),
tokenize (SoMaJo sentences and tokens with offsets), tag (HanTa tags and lemmas), then every other
component of `default_pipeline()` by its name, then the store write (DuckDB, batches of 64).

`python -m bench.stages N [--no-seed]` runs the stages once over the first N articles (0: all) in this
fresh process and prints the figures as one JSON line: the benchmark uses it for the cold first pass
with the shipped seed turned off, so that no cache of any stage is warm from an earlier pass.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lagebild import nlp
from lagebild.errors import InputError
from lagebild.ingest.sources import RawDoc
from lagebild.pipeline import PIPELINE_VERSION, default_components, prepare
from lagebild.records import Article, Doc


@dataclass
class Timer:
    cpu: float = 0.0
    wall: float = 0.0

    def run(self, fn: Callable, *args):
        c, w = time.process_time(), time.perf_counter()
        try:
            return fn(*args)
        finally:
            self.cpu += time.process_time() - c
            self.wall += time.perf_counter() - w


@dataclass
class StageRun:
    articles: int = 0
    tokens: int = 0
    failed: int = 0
    stages: dict[str, Timer] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    per_article: list[float] = field(default_factory=list)  # CPU s of clean..events, input order
    nlp: dict = field(default_factory=dict)  # German HanTa cache counts after the run (nlp.cache_info)

    def total(self) -> Timer:
        return Timer(sum(t.cpu for t in self.stages.values()), sum(t.wall for t in self.stages.values()))

    def to_json(self) -> str:
        return json.dumps(
            {
                "articles": self.articles,
                "tokens": self.tokens,
                "failed": self.failed,
                "stages": {k: [t.cpu, t.wall] for k, t in self.stages.items()},
                "errors": self.errors,
                "per_article": self.per_article,
                "nlp": self.nlp,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> StageRun:
        d = json.loads(text)
        stages = {k: Timer(cpu, wall) for k, (cpu, wall) in d.pop("stages").items()}
        return cls(stages=stages, **d)


def run_fresh(limit: int | None, seed: bool = True) -> StageRun:
    """`run_stages` over the first `limit` articles in a fresh process (with or without the seed)."""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-m", "bench.stages", str(limit or 0), *([] if seed else ["--no-seed"])],
        cwd=root,
        capture_output=True,
        text=True,
        env=os.environ,
        check=True,
    )
    return StageRun.from_json(out.stdout.strip().splitlines()[-1])


def warm_up(settings: nlp.TaggerSettings = nlp.DEFAULT_SETTINGS) -> None:
    """Load models and lexicons once, outside the timed region (a worker does this once at start)."""
    from lagebild.pipeline import Pipeline, analyze

    analyze(
        "Der Kreml wies den Vorwurf am Montag in Moskau zurück, sagte ein Sprecher.",
        language="de",
        pipeline=Pipeline(_components(settings)),
    )


def _components(settings: nlp.TaggerSettings) -> list:
    """The default components, with the tagger settings given."""
    return [nlp.Tokenize(settings=settings) if c.name == "tokenize" else c for c in default_components()]


def run_stages(
    raws: list[RawDoc],
    *,
    store_path: str | None = None,
    batch: int = 64,
    settings: nlp.TaggerSettings = nlp.DEFAULT_SETTINGS,
) -> StageRun:
    """Run every stage over `raws`, timing each; returns the totals per stage."""
    from lagebild.store.db import Store
    from lagebild.store.write import write_articles

    components = _components(settings)
    names = [c.name for c in components]
    if names[:2] != ["prepare", "tokenize"]:
        raise RuntimeError(f"expected the pipeline to start with prepare, tokenize: {names}")
    tokenize, rest = components[1], components[2:]
    run = StageRun()
    names = ["clean", "tokenize", "tag", *[c.name for c in rest], "store"]
    run.stages = {n: Timer() for n in names}
    tmp = None
    if store_path is None:
        tmp = tempfile.TemporaryDirectory()
        store_path = str(Path(tmp.name) / "bench.duckdb")
    store = Store(store_path)
    pending: list[tuple[Article, str]] = []
    try:
        for raw in raws:
            clean0 = run.stages["clean"].cpu
            try:
                article = run.stages["clean"].run(prepare, raw)
            except InputError:
                run.failed += 1
                continue
            c0 = time.process_time()
            doc = Doc(article)
            sents = run.stages["tokenize"].run(nlp.split_sentences, doc.text, doc.language)
            doc = run.stages["tag"].run(tokenize.annotate, doc, sents)
            try:
                for comp in rest:
                    doc = run.stages[comp.name].run(comp, doc)
            except Exception as exc:  # stages under development must not stop the benchmark
                run.failed += 1
                key = f"{comp.name}: {exc.__class__.__name__}: {exc}"
                run.errors[key] = run.errors.get(key, 0) + 1
                continue
            run.articles += 1
            run.tokens += len(doc.tokens)
            run.per_article.append(time.process_time() - c0 + run.stages["clean"].cpu - clean0)
            pending.append((doc.article, raw.content_hash))
            if len(pending) >= batch:
                run.stages["store"].run(write_articles, store, pending, PIPELINE_VERSION)
                pending = []
        if pending:
            run.stages["store"].run(write_articles, store, pending, PIPELINE_VERSION)
    finally:
        store.close()
        if tmp is not None:
            tmp.cleanup()
    run.nlp = nlp.tagger("de", settings).cache_info()
    return run


def floor(texts: list[tuple[str, str]]) -> dict[str, Timer]:
    """Stock SoMaJo over the same cleaned texts (paragraph by paragraph, as the pipeline reads them).

    `somajo` is the configuration the pipeline needs (sentences and character offsets);
    `somajo_plain` is SoMaJo's cheapest useful mode (sentences, no offsets).
    """
    from somajo import SoMaJo

    out = {}
    for label, offsets in (("somajo", True), ("somajo_plain", False)):
        toks = {
            lang: SoMaJo(m, split_camel_case=False, split_sentences=True, character_offsets=offsets)
            for lang, m in (("de", "de_CMC"), ("en", "en_PTB"))
        }
        for tok in toks.values():
            list(tok.tokenize_text(["Warm-up."]))
        timer = Timer()

        def read_all(toks=toks) -> int:
            n = 0
            for text, lang in texts:
                for _, para in nlp.paragraphs(text):
                    for sent in toks[lang].tokenize_text([para]):
                        n += len(sent)
            return n

        timer.run(read_all)
        out[label] = timer
    return out


def profile(raws: list[RawDoc], top: int = 25) -> str:
    """pyinstrument over the pipeline (prepare + components + no store): the heaviest frames."""
    from pyinstrument import Profiler

    from lagebild.pipeline import analyze_raw, default_pipeline

    pipe = default_pipeline()
    profiler = Profiler(interval=0.002)
    profiler.start()
    for raw in raws:
        with contextlib.suppress(InputError):
            analyze_raw(raw, pipe)
    profiler.stop()
    return self_time_table(profiler, top)


def self_time_table(profiler, top: int) -> str:
    """Functions by self time (summed over the call tree), the most useful view of hot spots."""
    session = profiler.last_session
    totals: dict[tuple[str, str], float] = {}
    root = session.root_frame()
    stack = [root] if root else []
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if frame.is_synthetic:  # "[self]" leaves: already in the parent's total_self_time
            continue
        key = (frame.function or "?", f"{_short(frame.file_path)}:{frame.line_no}")
        totals[key] = totals.get(key, 0.0) + frame.total_self_time
    total = sum(totals.values()) or 1.0
    rows = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)[:top]
    lines = [f"  {'self s':>7} {'share':>6}  function  (file:line)"]
    for (fn, where), t in rows:
        lines.append(f"  {t:7.2f} {t / total:6.1%}  {fn}  ({where})")
    return "\n".join(lines)


def _short(path: str | None) -> str:
    if not path:
        return "?"
    for marker in ("site-packages/", "src/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return Path(path).name


if __name__ == "__main__":
    from .corpus import load_raw

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    fresh = nlp.TaggerSettings(seed="--no-seed" not in sys.argv)
    raws = load_raw(n or None) or []
    warm_up(fresh)
    print(run_stages(raws, settings=fresh).to_json())
