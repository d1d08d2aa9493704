"""Start-up cost: `lagebild analyze` of a one-sentence German text, whole process, several runs.

Each run is a fresh process (`python -m lagebild.cli analyze FILE --format jsonl`); its CPU time
(user + system, from `wait4`'s resource usage, so other load on the machine hardly matters) and
peak resident memory are read from the kernel. The median of the runs is reported, with SoMaJo's
own start-up (building its German tokenizer in a fresh process) as the yardstick measured in the
same run.

    python -m bench.startup [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SENTENCE = "Kreml-Sprecher Dmitri Peskow wies die Vorwürfe der Ukraine am Montag in Moskau zurück.\n"
SOMAJO_ONLY = "from somajo import SoMaJo; SoMaJo('de_CMC').tokenize_text(['Ein Satz.'])"


def measure(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds, peak RSS in MB) of one child process."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[-500:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def run(runs: int) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one.txt"
        path.write_text(SENTENCE, encoding="utf-8")
        commands = {
            "lagebild analyze (one German sentence)": [
                sys.executable,
                "-m",
                "lagebild.cli",
                "analyze",
                str(path),
                "--format",
                "jsonl",
            ],
            "SoMaJo alone (German tokenizer, one sentence)": [sys.executable, "-c", SOMAJO_ONLY],
        }
        out = {}
        for name, cmd in commands.items():
            samples = [measure(cmd) for _ in range(runs)]
            out[name] = {
                "cpu_s": statistics.median(s[0] for s in samples),
                "peak_mb": statistics.median(s[1] for s in samples),
                "cpu_min": min(s[0] for s in samples),
                "cpu_max": max(s[0] for s in samples),
            }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    results = run(args.runs)
    for name, r in results.items():
        print(
            f"{name:48s} CPU {r['cpu_s']:.2f} s median (min {r['cpu_min']:.2f}, max {r['cpu_max']:.2f}), "
            f"peak {r['peak_mb']:.0f} MB"
        )
    ours, floor = results.values()
    print(f"{'ratio to SoMaJo alone':48s} {ours['cpu_s'] / floor['cpu_s']:.2f}x CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
