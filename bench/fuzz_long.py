"""Long robustness runs outside CI: the full 100k tiny documents through analysis and the store, mutated
real articles through every reader and the whole pipeline, 1 MB documents through analysis, and the
CI property tests with a larger hypothesis budget.

    .venv/bin/python bench/fuzz_long.py                 # everything (about 15-30 minutes on 2 cores)
    .venv/bin/python bench/fuzz_long.py --only tiny mutate --mutations 2000
    .venv/bin/python bench/fuzz_long.py --only atheris --atheris-runs 50000   # needs atheris==2.3.0
    .venv/bin/python bench/fuzz_long.py --only ci --out docs/robustness-run.json   # the CI counts

Prints one JSON line per part: inputs tried, clean results, per-document errors, crashes (an exception
other than InputError from a reader or `batch.process`, or a failed ingest), lost or duplicated articles.
The `ci` part runs the CI robustness tests at their CI budget and `hypothesis` their property tests
with a bigger one; both report the inputs each check really ran, as the tests count them (`pytest
--robust-counts`). `--out FILE` merges the parts of this run into FILE with the command, date and
commit: docs/robustness.md cites docs/robustness-run.json, written this way.
Mutated articles come from ../shared/data/news-10kgnad (read at run time, never copied) when present,
else from the short German paragraphs of tests/test_crash_ingest.py.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_NEWS = ROOT.parent / "shared" / "data" / "news-10kgnad" / "articles.jsonl"
QUOTES = "„“”»«‚‘’\"'"
CONTROLS = [chr(c) for c in (0, 1, 7, 8, 11, 12, 27, 127)] + ["\u200b", "\u00ad", "\ufeff", "\u2028"]


def report(part: str, **fields) -> dict:
    line = {"part": part, **fields}
    print(json.dumps(line, ensure_ascii=False), flush=True)
    return line


def base_texts(limit: int) -> list[str]:
    if SHARED_NEWS.exists():
        with open(SHARED_NEWS, encoding="utf-8") as fh:
            return [json.loads(line)["text"] for line in fh if line.strip()][:limit]
    sys.path.insert(0, str(ROOT / "tests"))
    from test_crash_ingest import corpus

    return [d["text"] for d in corpus(limit)]


# -- 100k tiny documents ---------------------------------------------------------------------------------


def part_tiny(n: int, workers: int) -> dict:
    from lagebild.batch import ingest
    from lagebild.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tiny.jsonl"
        broken = 0
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(n):
                if i % 1000 == 999:
                    fh.write('{"text": "kaputt\n')
                    broken += 1
                else:
                    fh.write(
                        json.dumps({"id": f"t{i}", "text": f"Meldung {i}: Der Rat tagte am Montag in Wien."})
                        + "\n"
                    )
        start = time.perf_counter()
        crashes = 0
        with Store(Path(tmp) / "s.duckdb") as store:
            try:
                first = ingest([str(path)], store, workers=workers, batch_size=500)
                second = ingest([str(path)], store, workers=workers, batch_size=500)
            except Exception:
                traceback.print_exc()
                crashes = 1
                first = second = None
            stored = store.count("articles")
            distinct = store.con.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0]
        expected = n - broken
        return report(
            "tiny",
            inputs=n,
            seconds=round(time.perf_counter() - start, 1),
            crashes=crashes,
            errors=first.failed if first else None,
            stored=stored,
            lost=expected - stored - (first.failed - broken if first else 0),
            duplicated=stored - distinct,
            second_run_stored=second.stored if second else None,
        )


# -- mutated real articles -------------------------------------------------------------------------------


def mutate(text: str, rng: random.Random) -> tuple[str, bytes]:
    """One hostile variant of an article: (file suffix, bytes)."""
    kind = rng.choice(
        ["quotes", "controls", "flip", "truncate", "encoding", "html", "jsonl", "oneline", "json"]
    )
    if kind == "quotes":
        chars = list(text)
        for _ in range(rng.randint(1, 40)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(QUOTES))
        return ".txt", "".join(chars).encode()
    if kind == "controls":
        chars = list(text)
        for _ in range(rng.randint(1, 10)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(CONTROLS) + rng.choice(["", "\n"]))
        return ".txt", "".join(chars).encode()
    if kind == "flip":
        data = bytearray(text.encode())
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return rng.choice([".txt", ".html", ".json", ".jsonl"]), bytes(data)
    if kind == "truncate":
        data = text.encode()
        return ".txt", data[: rng.randrange(len(data) + 1)]
    if kind == "encoding":
        enc = rng.choice(["cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
        return ".txt", text.encode(enc, "replace")
    if kind == "html":
        depth = rng.choice([1, 50, 300, 3000])
        attrs = " ".join(f'data-x{i}="{"y" * rng.randint(0, 50)}"' for i in range(rng.choice([0, 10, 2000])))
        page = f"<html><body>{'<div>' * depth}<article {attrs}><p>{text}</p></article>{'</div>' * depth}</body></html>"
        return ".html", page.encode()
    if kind == "jsonl":
        lines = [
            json.dumps({"text": text}, ensure_ascii=False),
            json.dumps({"text": text})[: rng.randrange(40)],
            "[" * rng.choice([10, 5000]),
            json.dumps({"html": f"<p>{text}</p>", "id": rng.random()}),
        ]
        rng.shuffle(lines)
        return ".jsonl", "\n".join(lines).encode()
    if kind == "json":
        return ".json", json.dumps(
            [{"text": text, "published": rng.choice(["gestern", "2024-02-30", 5, None])}]
        ).encode()
    return ".txt", text.replace("\n", " ").encode()  # oneline


def part_mutate(n: int, seed: int) -> dict:
    from lagebild.batch import process
    from lagebild.errors import InputError
    from lagebild.ingest import iter_inputs

    rng = random.Random(seed)
    texts = base_texts(1000)
    outcome: Counter[str] = Counter()
    crashes: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            suffix, data = mutate(rng.choice(texts), rng)
            path = Path(tmp) / f"m{i}{suffix}"
            path.write_bytes(data)
            try:
                for item in iter_inputs([str(path)]):
                    outcome["inputs"] += 1
                    if isinstance(item, InputError):
                        outcome["reader errors"] += 1
                        continue
                    result = process(item)
                    if isinstance(result, InputError):
                        outcome["analysis errors"] += 1
                        if "analysis failed" in result.reason:
                            crashes.append(f"{path.name}: {result.reason}")  # a bug caught by process()
                    else:
                        outcome["clean results"] += 1
                        json.dumps(result[0].to_dict(), ensure_ascii=False).encode("utf-8")
            except Exception as exc:
                crashes.append(f"{path.name}: {exc.__class__.__name__}: {exc}")
            path.unlink()
    return report(
        "mutate",
        files=n,
        seconds=round(time.perf_counter() - start, 1),
        **outcome,
        crashes=len(crashes),
        crash_examples=crashes[:10],
    )


# -- 1 MB documents, and the longest text the analysis takes -----------------------------------------------


def part_megabyte() -> dict:
    """A 1 MB single-line text must be refused with a clear error (over `MAX_TEXT_CHARS`); one of exactly
    the limit goes through the whole analysis."""
    import lagebild
    from lagebild.errors import InputError
    from lagebild.pipeline import MAX_TEXT_CHARS

    texts = base_texts(200)
    line = " ".join(t.replace("\n", " ") for t in texts)
    while len(line.encode()) < 1_000_000:
        line += " " + line
    line = line.encode()[:1_000_000].decode("utf-8", "ignore")
    start = time.perf_counter()
    crashes, refused, sentences = 0, None, None
    for text in (line, line[:MAX_TEXT_CHARS]):
        try:
            sentences = len(lagebild.analyze(text, language="de").sentences)
        except InputError as exc:
            refused = exc.reason
        except Exception:
            traceback.print_exc()
            crashes += 1
    return report(
        "megabyte",
        inputs=2,
        chars=[len(line), MAX_TEXT_CHARS],
        refused=refused,
        sentences_at_the_limit=sentences,
        seconds=round(time.perf_counter() - start, 1),
        crashes=crashes,
        failed=int(refused is None) + int(sentences is None),  # the 1 MB text read, or the limit refused
    )


# -- the CI robustness tests, at the CI budget and with a bigger one ---------------------------------------

CI_FILES = (
    "tests/test_fuzz_ingest.py",
    "tests/test_fuzz_stages.py",
    "tests/test_robust_api.py",
    "tests/test_robust_batch.py",
    "tests/test_crash_ingest.py",
)
PROPERTY_FILES = CI_FILES[:3]  # the hypothesis tests: what a bigger budget changes


def part_pytest(part: str, files: tuple[str, ...], scale: int) -> dict:
    """Run robustness tests under pytest; the inputs each check really ran, as the tests counted them."""
    with tempfile.TemporaryDirectory() as tmp:
        counts = Path(tmp) / "counts.json"
        env = {**os.environ, "LAGEBILD_FUZZ_SCALE": str(scale)}
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--robust-counts", str(counts)]
        start = time.perf_counter()
        run = subprocess.run([*cmd, *files], cwd=ROOT, env=env, capture_output=True, text=True)
        tried = json.loads(counts.read_text()) if counts.exists() else {}
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-500:]
    failed = [line[:300] for line in run.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    return report(
        part,
        scale=scale,
        files=list(files),
        seconds=round(time.perf_counter() - start, 1),
        inputs=sum(tried.values()),
        exit=run.returncode,
        summary=summary,
        failed=failed,
        counts=tried,
    )


# -- coverage-guided fuzzing of the readers and cleaning (atheris, optional) -----------------------------


def atheris_child(argv: list[str]) -> None:
    """libFuzzer over bytes -> decode -> parse by suffix -> prepare (HTML extraction, cleaning, language).

    Anything but an InputError is a crash: atheris stops and prints the input that caused it.
    """
    import atheris

    with atheris.instrument_imports(include=["lagebild"]):
        from lagebild.errors import InputError
        from lagebild.ingest.decode import decode_bytes
        from lagebild.ingest.sources import RawDoc, parse_text
        from lagebild.pipeline import prepare

    suffixes = [".txt", ".html", ".json", ".jsonl"]

    def one(data: bytes) -> None:
        if not data:
            return
        suffix = suffixes[data[0] % len(suffixes)]
        try:
            text = decode_bytes(data[1:], f"fuzz{suffix}", max_bytes=1 << 20)
        except InputError:
            return
        for item in parse_text(text, f"fuzz{suffix}", suffix):
            if isinstance(item, RawDoc):
                with contextlib.suppress(InputError):
                    prepare(item).text.encode("utf-8")

    atheris.Setup(argv, one)
    atheris.Fuzz()


def part_atheris(runs: int) -> dict:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return report("atheris", skipped="atheris is not installed (pip install atheris==2.3.0)")
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, __file__, "--atheris-child", f"-runs={runs}", "-max_len=4096"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    done = re.findall(r"#(\d+)\s+(?:DONE|pulse|NEW|REDUCE)\s+cov: (\d+)", run.stderr)
    return report(
        "atheris",
        inputs=int(done[-1][0]) if done else None,
        coverage=int(done[-1][1]) if done else None,
        seconds=round(time.perf_counter() - start, 1),
        crashes=0 if run.returncode == 0 else 1,
        tail=run.stderr.strip().splitlines()[-3:] if run.returncode else None,
    )


PARTS = ("ci", "tiny", "mutate", "megabyte", "hypothesis", "atheris")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--atheris-child":
        atheris_child([sys.argv[0], *sys.argv[2:]])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", choices=PARTS)
    ap.add_argument("--tiny", type=int, default=100_000, help="tiny documents (default 100,000)")
    ap.add_argument("--mutations", type=int, default=5000, help="mutated files (default 5,000)")
    ap.add_argument("--scale", type=int, default=20, help="hypothesis budget multiplier (default 20)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--atheris-runs", type=int, default=200_000, help="atheris executions (default 200,000)")
    ap.add_argument("--out", type=Path, help="also write the run (command, date, commit, every part) as JSON")
    args = ap.parse_args()
    parts = args.only or list(PARTS)
    info = run_info()
    results = []
    if "ci" in parts:
        results.append(part_pytest("ci", CI_FILES, 1))
    if "tiny" in parts:
        results.append(part_tiny(args.tiny, args.workers or 1))
    if "mutate" in parts:
        results.append(part_mutate(args.mutations, args.seed))
    if "megabyte" in parts:
        results.append(part_megabyte())
    if "hypothesis" in parts:
        results.append(part_pytest("hypothesis", PROPERTY_FILES, args.scale))
    if "atheris" in parts:
        results.append(part_atheris(args.atheris_runs))
    if args.out:
        write_run(args.out, results, info)
    bad = [r for r in results if any(r.get(k) for k in ("crashes", "lost", "duplicated", "exit", "failed"))]
    return 1 if bad else 0


def run_info() -> dict:
    """What is run, when, and on which commit (taken when the run starts)."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    )
    return {
        "command": "python bench/fuzz_long.py " + " ".join(sys.argv[1:]),
        "date": time.strftime("%Y-%m-%d"),
        "commit": commit.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else ""),
        "python": sys.version.split()[0],
    }


def write_run(path: Path, results: list[dict], run: dict) -> None:
    """The run as docs/robustness.md cites it: what was run, when, on which commit, and each part's result."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"parts": {}}
    parts = {**old.get("parts", {}), **{r["part"]: {**r, "run": run} for r in results}}
    path.write_text(json.dumps({"parts": parts}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
