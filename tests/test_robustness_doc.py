"""docs/robustness.md reports the inputs of runs that happened: every count in its tables is the one
recorded in docs/robustness-run.json (written by `bench/fuzz_long.py --out`, whose `ci` part runs the
CI robustness tests with `pytest --robust-counts`), and every kind the tests count has its row."""

from __future__ import annotations

import json
import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "robustness.md"
RUN = ROOT / "docs" / "robustness-run.json"
ROW = re.compile(r"^\| `([a-z0-9-]+)` \| [^|]+ \| ([\d,]+) \|", re.M)


def table_counts(section: str) -> dict[str, int]:
    text = DOC.read_text(encoding="utf-8").split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return {m[1]: int(m[2].replace(",", "")) for m in ROW.finditer(text)}


def test_ci_table_gives_the_counts_of_the_recorded_run():
    ci = json.loads(RUN.read_text(encoding="utf-8"))["parts"]["ci"]
    assert ci["exit"] == 0, ci["summary"]
    assert table_counts("In CI") == ci["counts"]
    total = f"{sum(ci['counts'].values()):,}"
    assert f"**{total} inputs in CI" in DOC.read_text(encoding="utf-8")


def test_long_runs_table_gives_the_inputs_of_the_recorded_run():
    parts = json.loads(RUN.read_text(encoding="utf-8"))["parts"]
    rows = table_counts("Long runs")
    assert rows and set(rows) <= set(parts)
    assert rows == {name: parts[name]["inputs"] for name in rows}
    for name in rows:
        assert not any(parts[name].get(k) for k in ("crashes", "lost", "duplicated", "exit", "failed")), name
