"""`python -m eval`: every accuracy evaluation against the development gold in ../shared.

Runs each `eval/*_eval.py` script in turn (they skip with a message when ../shared is absent) and the
shared scorers, and returns non-zero if any of them failed to run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCORER = HERE.parent.parent / "shared" / "tools" / "score.py"


def main() -> int:
    failed = 0
    runs = [[sys.executable, str(p)] for p in sorted(HERE.glob("*_eval.py"))]
    if SCORER.exists():
        runs += [[sys.executable, str(SCORER), "ner"], [sys.executable, str(SCORER), "quotes"]]
    for cmd in runs:
        print(f"\n=== {' '.join(Path(c).name for c in cmd[1:])}", flush=True)
        if cmd[-1] == "ner":
            print(
                "(in-sample: the shipped NER model is trained on this file; ner_eval.py gives the "
                "cross-validated figure)",
                flush=True,
            )
        proc = subprocess.run(cmd, cwd=HERE.parent)
        # the shared scorers exit 1 when a bar is missed: that is a result, not a failure to run
        failed += proc.returncode not in (0, 1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
