"""The event coder against its German regression sets, with floors pinned below the measured values.

regression.tsv (398 sentences: own, GermEval 2014 dev, and 10kgnad / Wikinews sentences referenced by
id and offsets) is the development set; heldout.tsv (60 own + 33 referenced Wikinews sentences) was
annotated after development and never used for tuning. Floors hold with and without ../shared.
heldout_en.tsv (167 own English sentences, `# language: en`) measures the English coder (patterns
converted from PETRARCH2 plus the hand-written patterns/en_extra.tsv); it was annotated before the coder
ran on it and is never tuned on. dev_en.tsv (527 own English sentences) is the English development set.
Run eval/events_eval.py for the full report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.events.regression import DEFAULT_SET, evaluate, load_cases, set_language

HELDOUT = Path(__file__).parent / "data" / "events" / "heldout.tsv"
HELDOUT_EN = Path(__file__).parent / "data" / "events" / "heldout_en.tsv"
DEV_EN = Path(__file__).parent / "data" / "events" / "dev_en.tsv"

# measured 2026-11-24 (with ../shared; without it in brackets):
#   dev      root P .955 R .925 (.960 .941)  code P .907 R .878 (.905 .887)
#   held-out root P .854 R .745 (.906 .762)  code P .780 R .681 (.811 .683)
#   English held-out (own sentences only, so the same either way): first measurement
#            root P .534 R .448  code P .363 R .305, 3 forbidden codes; after en_extra.tsv and the
#            English fixes (measured once, not tuned on): root P .855 R .851  code P .740 R .736, 0 forbidden
#   English dev (dev_en.tsv, tuned on): root P .962 R .943  code P .931 R .913, 0 forbidden
FLOORS = {
    DEFAULT_SET: {"root": (0.94, 0.91), "code": (0.89, 0.86)},
    HELDOUT: {"root": (0.83, 0.72), "code": (0.76, 0.66)},
    HELDOUT_EN: {"root": (0.80, 0.80), "code": (0.69, 0.68)},
    DEV_EN: {"root": (0.94, 0.92), "code": (0.91, 0.89)},
}


@pytest.fixture(
    scope="module",
    params=[DEFAULT_SET, HELDOUT, DEV_EN, HELDOUT_EN],
    ids=["dev", "heldout", "dev_en", "heldout_en"],
)
def report(request):
    return request.param, evaluate(request.param)


def test_floors(report):
    path, rep = report
    for level in ("root", "code"):
        sc = getattr(rep, level)
        p_min, r_min = FLOORS[path][level]
        assert sc.precision >= p_min, f"{level} precision {sc.precision:.3f} < {p_min}"
        assert sc.recall >= r_min, f"{level} recall {sc.recall:.3f} < {r_min}"


def test_no_forbidden_codes(report):
    _, rep = report
    assert rep.forbidden == 0, [n for notes in rep.notes.values() for n in notes if n.startswith("FORBIDDEN")]


def test_regression_set_covers_every_root_with_300_sentences():
    cases, missing = load_cases(DEFAULT_SET)
    assert len(cases) + missing >= 300
    assert {e.root for c in cases for e in c.expected} == {f"{i:02d}" for i in range(1, 21)}


def test_referenced_sentences_are_read_from_shared(shared):
    shared("data", "news-10kgnad", "articles.jsonl")
    cases, missing = load_cases(DEFAULT_SET)
    refs = [c for c in cases if c.origin.startswith(("10kgnad:", "wikinews:"))]
    assert missing == 0 and len(refs) == 55
    assert all(c.text and c.spans for c in refs)


def test_english_sets_are_coded_as_english():
    assert set_language(HELDOUT_EN) == set_language(DEV_EN) == "en"
    assert set_language(DEFAULT_SET) == set_language(HELDOUT) == "de"
    assert len(load_cases(HELDOUT_EN)[0]) == 167


def test_english_dev_set_covers_every_root():
    cases, missing = load_cases(DEV_EN)
    assert missing == 0 and len(cases) >= 200
    assert {e.root for c in cases for e in c.expected} == {f"{i:02d}" for i in range(1, 21)}
