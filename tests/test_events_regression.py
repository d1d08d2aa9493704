"""The event coder against its annotated sentence sets, held to the figures in eval/baseline.json.

regression.tsv (398 sentences: own, GermEval 2014 dev, and 10kgnad / Wikinews sentences referenced by
id and offsets) is the German development set; heldout.tsv (60 own + 33 referenced Wikinews sentences)
was annotated after development and never used for tuning. dev_en.tsv (527 own sentences) and
heldout_en.tsv (167 own sentences, `# language: en`) are the English ones. Each set is measured as the
gate's suite (`python -m eval --only events_...`) and compared with the baseline by the gate's own
rule: a figure may lie at most the baseline's tolerance below its baseline, forbidden codes may not
rise, and the set's digest must be the one the baseline was measured on. The suites with ../shared
references are skipped without it; their own-sentence suites run either way.
"""

from __future__ import annotations

import pytest
from eval.baseline import check, explain
from eval.events_eval import load_cases, set_language, set_path
from eval.gate import failures
from tests.conftest import SHARED

SUITES = ["events_de_dev_own", "events_de_heldout_own", "events_en_dev", "events_en_heldout"]
WITH_SHARED = ["events_de_dev", "events_de_heldout"]


@pytest.fixture(scope="module", params=SUITES + WITH_SHARED)
def checked(request):
    if request.param in WITH_SHARED and not (SHARED / "data").is_dir():
        pytest.skip("../shared not available")
    return check(request.param)


def test_figures_hold_the_baseline(checked):
    _, rows = checked
    assert not failures(rows), explain(rows)


def test_no_forbidden_codes(checked):
    now, _ = checked
    assert now["figures"]["forbidden"] == 0


def test_regression_set_covers_every_root_with_300_sentences():
    loaded = load_cases(set_path("dev"), shared=None)
    assert len(loaded.cases) + loaded.missing >= 300
    assert {e.root for c in loaded.cases for e in c.expected} == {f"{i:02d}" for i in range(1, 21)}


def test_referenced_sentences_are_read_from_shared(shared):
    shared("data", "news-10kgnad", "articles.jsonl")
    loaded = load_cases(set_path("dev"), SHARED)
    refs = [c for c in loaded.cases if c.origin.startswith(("10kgnad:", "wikinews:"))]
    assert loaded.missing == 0 and len(refs) == 55
    assert all(c.text and c.spans for c in refs)
    assert {p.name for p in loaded.sources} >= {"articles.jsonl"}


def test_without_shared_the_references_are_counted_as_missing():
    loaded = load_cases(set_path("dev"), shared=None)
    assert loaded.missing == 55 and not loaded.sources
    assert not any(c.origin.startswith(("10kgnad:", "wikinews:")) for c in loaded.cases)


def test_english_sets_are_coded_as_english():
    assert set_language(set_path("heldout_en")) == set_language(set_path("dev_en")) == "en"
    assert set_language(set_path("dev")) == set_language(set_path("heldout")) == "de"
    assert len(load_cases(set_path("heldout_en"), None).cases) == 167


def test_english_dev_set_covers_every_root():
    loaded = load_cases(set_path("dev_en"), None)
    assert loaded.missing == 0 and len(loaded.cases) >= 200
    assert {e.root for c in loaded.cases for e in c.expected} == {f"{i:02d}" for i in range(1, 21)}
