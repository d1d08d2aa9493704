"""Quotations in the bundled examples and, when ../shared is present, the Wikinews figures of the baseline."""

from __future__ import annotations

import pytest
from eval.baseline import check, explain
from eval.gate import failures


def _quotes(analyzed_examples, name):
    return analyzed_examples[name].quotes


def test_example_000_all_direct_quotes_are_rjabkows(analyzed_examples):
    qs = [q for q in _quotes(analyzed_examples, "000_ac90ce9dbc56bd7f.txt") if q.kind == "direct"]
    assert len(qs) >= 5  # four quote lines and the two partial quotes of the passive frame
    for q in qs:
        who = q.speaker.actor.name if q.speaker.actor else q.speaker.text
        assert "Rjabkow" in who, q


def test_example_000_peskow_indirect(analyzed_examples):
    qs = [q for q in _quotes(analyzed_examples, "000_ac90ce9dbc56bd7f.txt") if q.kind == "indirect"]
    peskow = [q for q in qs if q.speaker and "Peskow" in q.speaker.text]
    assert peskow and peskow[0].text.startswith("dass in dem Abkommen")


@pytest.mark.parametrize(
    "start, who",
    [
        ("„Dreißig Jahre", "Raisi"),
        ("„gemeinsame strategische Vision", "Raisi"),
        ("„Und ich sehe", "Lukaschenko"),
        ("„Wir könnten", "Lukaschenko"),
    ],
)
def test_example_004_speakers(analyzed_examples, start, who):
    qs = [q for q in _quotes(analyzed_examples, "004_8e7d378fd429c56a.txt") if q.text.startswith(start)]
    assert qs, start
    sp = qs[0].speaker
    assert who in (sp.actor.name if sp.actor else sp.text)


def test_wikinews_train_sample_holds_the_baseline(shared):
    """The first 150 Wikinews train articles (suite `quotes_wikinews_train150`) against eval/baseline.json.

    Train, not dev: dev is kept for reporting (`make eval` measures it). The full error report is
    `python -m eval.quotes_eval --split train --limit 150 --errors 20`.
    """
    shared("data", "quotes-wikinews-de", "train")
    now, rows = check("quotes_wikinews_train150")
    assert now["size"]["articles"] == 150
    assert not failures(rows), explain(rows)
