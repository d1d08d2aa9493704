"""Reading and writing eval/baseline.json, and checking one suite against it (what the tests use).

The tests' floors are the baseline's figures minus its tolerance (for lower-is-better counts: the
baseline's count), applied by the same `gate.compare_suite` as `python -m eval`.
"""

from __future__ import annotations

import json
from pathlib import Path

from eval import gate
from eval.paths import Paths
from eval.suites import BY_NAME, Context, measure


def load(path: Path | None = None) -> dict:
    path = path or Paths().baseline
    if not path.exists():
        return {"tolerance": gate.TOLERANCE, "suites": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def save(path: Path, baseline: dict) -> None:
    path.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def check(name: str, ctx: Context | None = None, path: Path | None = None) -> tuple[dict, list[gate.Row]]:
    """Measure one suite now; (the measurement, its rows against the baseline)."""
    baseline = load(path)
    now = measure(BY_NAME[name], ctx or Context())
    rows = gate.compare_suite(
        name, baseline["suites"].get(name), now, baseline.get("tolerance", gate.TOLERANCE)
    )
    return now, rows


def explain(rows: list[gate.Row]) -> str:
    """The failing rows as a table, and what to do about them (for assertion messages)."""
    return (
        "\n"
        + gate.table(gate.failures(rows))
        + "\nfigures below eval/baseline.json (minus its tolerance) or a changed corpus: fix the regression, or "
        "record a deliberate change with `python -m eval --update-baseline`"
    )
