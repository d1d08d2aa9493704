"""The quotation stage on the held-out English gold (tests/data/quotes/heldout_en.jsonl, 60 articles),
held to the figures in eval/baseline.json (suite `quotes_en_heldout`).

The set was written and annotated before lagebild ran on it; its first (blind) figures are in
docs/quotes.md. The full report with error lists is `python -m eval.quotes_en_eval --errors`. A figure
may lie at most the baseline's tolerance below the baseline; a deliberate change is recorded with
`python -m eval --update-baseline`.
"""

from __future__ import annotations

import json

import pytest
from eval.baseline import check, explain
from eval.gate import failures
from eval.quotes_en_eval import GOLD


@pytest.fixture(scope="module")
def checked():
    return check("quotes_en_heldout")


def test_gold_is_well_formed():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 60 and len({r["id"] for r in rows}) == 60
    for r in rows:
        for q in r["quotes"]:
            assert q["type"] in ("Direct", "Indirect")
            assert r["text"][q["start"] : q["end"]] == q["text"]
            if q["speaker"] is not None:
                assert r["text"][q["speaker_start"] : q["speaker_end"]] == q["speaker"]


def test_figures_hold_the_baseline(checked):
    now, rows = checked
    assert now["size"]["articles"] == 60 and now["size"]["gold_direct"] + now["size"]["gold_indirect"] == 184
    assert not failures(rows), explain(rows)
