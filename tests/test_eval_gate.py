"""The evaluation gate (`python -m eval`, eval/gate.py): it fails on a lowered figure, a risen count or
a changed corpus, passes within the tolerance, and the documents show the figures it holds."""

from __future__ import annotations

import json

import pytest
from eval import baseline, gate, report
from eval.__main__ import main
from eval.paths import Paths
from eval.suites import BY_NAME, SUITES

CORPUS = {"files": 1, "sha256": "a" * 64}


def suite(figures: dict, lower: tuple[str, ...] = (), corpus: dict = CORPUS) -> dict:
    return {"corpus": corpus, "figures": figures, "lower_is_better": list(lower)}


def only(rows: list[gate.Row], figure: str) -> gate.Row:
    [row] = [r for r in rows if r.figure == figure]
    return row


@pytest.mark.parametrize(
    ("base", "now", "status", "failed"),
    [
        (0.91, 0.91, "ok", False),
        (0.91, 0.90, "ok", False),  # exactly the tolerance below: still passes
        (0.91, 0.8999, "dropped", True),
        (0.91, 0.85, "dropped", True),
        (0.91, 0.93, "improved", False),
    ],
)
def test_a_figure_fails_when_it_drops_more_than_the_tolerance(base, now, status, failed):
    rows = gate.compare_suite("quotes", suite({"direct_f1": base}), suite({"direct_f1": now}))
    assert (only(rows, "direct_f1").status, only(rows, "direct_f1").failed) == (status, failed)


@pytest.mark.parametrize(
    ("base", "now", "status", "failed"),
    [(1, 1, "ok", False), (1, 2, "rose", True), (2, 1, "improved", False)],
)
def test_a_lower_is_better_count_fails_when_it_rises_at_all(base, now, status, failed):
    rows = gate.compare_suite(
        "articles", suite({"must_not": base}, ("must_not",)), suite({"must_not": now}, ("must_not",))
    )
    assert (only(rows, "must_not").status, only(rows, "must_not").failed) == (status, failed)


def test_a_changed_corpus_fails_even_with_equal_figures():
    now = suite({"root_p": 0.85}, corpus={"files": 2, "sha256": "b" * 64})
    rows = gate.compare_suite("events", suite({"root_p": 0.85}), now)
    assert only(rows, "(corpus)").status == "corpus changed" and gate.failures(rows)
    assert only(rows, "root_p").status == "ok"


def test_figures_that_appear_or_vanish_fail():
    rows = gate.compare_suite(
        "events", suite({"root_p": 0.85, "root_r": 0.7}), suite({"root_p": 0.85, "code_p": 0.8})
    )
    assert only(rows, "root_r").status == "missing" and only(rows, "code_p").status == "new"
    assert {r.figure for r in gate.failures(rows)} == {"root_r", "code_p"}
    assert all(r.status == "new" and r.failed for r in gate.compare_suite("x", None, suite({"f": 1.0})))


def test_skipped_suites_pass_and_broken_ones_fail():
    rows = gate.compare(
        {"suites": {"a": suite({"f": 0.5})}}, {"a": {"skipped": "no ../shared"}, "b": {"error": "boom"}}
    )
    assert [(r.suite, r.status, r.failed) for r in rows] == [("a", "skipped", False), ("b", "error", True)]


def test_the_tolerance_comes_from_the_baseline():
    base = {"tolerance": 0.05, "suites": {"q": suite({"f1": 0.90})}}
    assert not gate.failures(gate.compare(base, {"q": suite({"f1": 0.86})}))
    assert gate.failures(gate.compare({**base, "tolerance": 0.01}, {"q": suite({"f1": 0.86})}))


def test_an_update_replaces_measured_suites_and_keeps_the_rest():
    old = {
        "tolerance": 0.01,
        "suites": {"a": {**suite({"f": 0.5}), "measured": "2026-01-01"}, "b": suite({"f": 0.7})},
    }
    new = gate.updated(
        old,
        {"a": {**suite({"f": 0.5}), "measured": "2026-12-03"}, "b": {"skipped": "-"}, "c": suite({"g": 1})},
    )
    assert new["suites"]["a"]["measured"] == "2026-01-01"  # unchanged figures keep their date
    assert new["suites"]["b"] == old["suites"]["b"] and new["suites"]["c"]["figures"] == {"g": 1}
    changed = gate.updated(old, {"a": {**suite({"f": 0.6}), "measured": "2026-12-03"}})
    assert changed["suites"]["a"]["measured"] == "2026-12-03"


def test_the_table_names_what_dropped():
    rows = gate.compare_suite("quotes_wikinews_dev", suite({"direct_f1": 0.91}), suite({"direct_f1": 0.85}))
    text = gate.table(gate.failures(rows))
    assert "quotes_wikinews_dev" in text and "direct_f1" in text and "0.9100" in text and "0.8500" in text
    assert "-0.0600" in text and "FAIL dropped" in text


# -- the gate end to end, on a suite that takes seconds ------------------------------------------------------


def test_make_eval_fails_on_a_lowered_figure_with_a_temporary_baseline(tmp_path, capsys):
    path = tmp_path / "baseline.json"
    args = ["--only", "events_en_heldout", "--baseline", str(path)]
    assert main([*args, "--update-baseline"]) == 0
    recorded = json.loads(path.read_text())["suites"]["events_en_heldout"]
    assert set(recorded["figures"]) == {"root_p", "root_r", "code_p", "code_r", "forbidden"}
    assert main(args) == 0
    capsys.readouterr()

    # the baseline says root precision was 0.05 higher: measured now, it has dropped
    doc = json.loads(path.read_text())
    doc["suites"]["events_en_heldout"]["figures"]["root_p"] += 0.05
    path.write_text(json.dumps(doc))
    assert main(args) == 1
    out = capsys.readouterr().out
    failed = out.split("FAILED:")[1]
    assert "root_p" in failed and "FAIL dropped" in failed and "code_p" not in failed

    # the set changed since the baseline
    doc["suites"]["events_en_heldout"]["figures"]["root_p"] -= 0.05
    doc["suites"]["events_en_heldout"]["corpus"]["sha256"] = "0" * 64
    path.write_text(json.dumps(doc))
    assert main(args) == 1
    assert "corpus changed" in capsys.readouterr().out.split("FAILED:")[1]

    # a deliberate update records the figures again and says what changed
    assert main([*args, "--update-baseline"]) == 0
    assert "corpus changed" in capsys.readouterr().out
    assert main(args) == 0


def test_without_shared_its_suites_are_skipped_with_a_message(tmp_path, capsys):
    args = ["--only", "quotes_wikinews_dev", "articles_de_dev", "--shared", str(tmp_path / "none")]
    assert main([*args, "--baseline", str(tmp_path / "b.json")]) == 0
    out = capsys.readouterr().out
    assert "not available" in out and out.count("skipped") >= 2


def test_an_unknown_suite_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--only", "quotes_wikinews_test"])
    assert exc.value.code == 2 and "unknown suite quotes_wikinews_test" in capsys.readouterr().err


# -- the repository's baseline and the documents ----------------------------------------------------------


def test_the_baseline_holds_every_suite_with_its_corpus_and_tolerance():
    doc = baseline.load()
    assert doc["tolerance"] == gate.TOLERANCE
    assert set(doc["suites"]) == {s.name for s in SUITES}
    for name, entry in doc["suites"].items():
        assert entry["figures"] and len(entry["corpus"]["sha256"]) == 64 and entry["corpus"]["files"] >= 1
        assert set(entry["lower_is_better"]) == set(BY_NAME[name].lower_is_better) <= set(entry["figures"])
        assert entry["tuned_on"] in ("yes", "no", "partly") and entry["command"] == BY_NAME[name].command


@pytest.mark.parametrize(("rel", "name", "render"), report.DOCUMENTS)
def test_the_documents_show_the_baseline(rel, name, render):
    text = (Paths().root / rel).read_text(encoding="utf-8")
    assert report.block(text, name) == render(baseline.load()), (
        f"{rel} is out of date: `python -m eval --update-baseline` rewrites its table"
    )


def test_ner_cv_reads_gold_tokens_as_the_recogniser_does():
    """The cross-validation's gold-token documents must reach the recogniser (a Doc built with the
    wrong fields once gave every fold an empty prediction: F1 0.0)."""
    from eval.ner_eval import doc_from_tokens, to_bio

    from lagebild.actors.ner import entities_with, recogniser

    words = ["Bundeskanzler", "Olaf", "Scholz", "traf", "in", "Paris", "Emmanuel", "Macron", "."]
    tags = ["NN", "NE", "NE", "VVFIN", "APPR", "NE", "NE", "NE", "$."]
    bio = to_bio(words, entities_with(recogniser("de"), doc_from_tokens(words, tags)))
    assert bio[1:3] == ["B-PER", "I-PER"] and bio[5] == "B-LOC"
