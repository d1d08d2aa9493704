"""Floors on the held-out English quotation gold (tests/data/quotes/heldout_en.jsonl, 60 articles).

The set was written and annotated before lagebild was run on it and is never used to tune the quote
stage; the full report with error lists is `python eval/quotes_en_eval.py --errors`. Each floor is the
figure measured when the set was added, minus 0.05 (Direct F1 0.989, Indirect F1 0.880, speaker accuracy
0.952). Lowering a floor needs a reason in the commit.
"""

from __future__ import annotations

import json

import pytest
from eval.quotes_en_eval import GOLD, evaluate


@pytest.fixture(scope="module")
def result():
    return evaluate(GOLD)


def test_gold_is_well_formed():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 60 and len({r["id"] for r in rows}) == 60
    for r in rows:
        for q in r["quotes"]:
            assert q["type"] in ("Direct", "Indirect")
            assert r["text"][q["start"] : q["end"]] == q["text"]
            if q["speaker"] is not None:
                assert r["text"][q["speaker_start"] : q["speaker_end"]] == q["speaker"]


def test_direct_f1_floor(result):
    assert result.prf("direct")[2] >= 0.93, result.prf("direct")


def test_indirect_f1_floor(result):
    assert result.prf("indirect")[2] >= 0.91, result.prf("indirect")


def test_speaker_accuracy_floor(result):
    assert result.speaker_accuracy >= 0.90, (result.sp_hit, result.sp_n)
