"""The pipeline's checked contracts and its derived version."""

from __future__ import annotations

from pathlib import Path

import pytest

import lagebild
from lagebild import pipeline
from lagebild.actors.linker import LinkActors
from lagebild.errors import PipelineError
from lagebild.events.coder import CodeEvents
from lagebild.nlp import Tokenize
from lagebild.pipeline import PREPARED, Pipeline, Prepare, default_components
from lagebild.quotes.finder import FindQuotes


def test_reversed_default_pipeline_raises_naming_component_and_attribute():
    with pytest.raises(PipelineError, match=r"'events' requires doc\.tokens"):
        Pipeline(list(reversed(default_components())))


def test_event_coder_without_quotes_stage_is_refused():
    with pytest.raises(PipelineError, match=r"'events' requires .*article\.quotes"):
        Pipeline([Prepare(), Tokenize(), LinkActors(), CodeEvents()])


def test_quotes_need_the_linker_before_them():
    with pytest.raises(PipelineError, match=r"'quotes' requires .*doc\.mentions"):
        Pipeline([Tokenize(), FindQuotes()], start=PREPARED)


def test_component_without_declared_contract_is_refused():
    class Bare:
        name = "bare"

        def __call__(self, doc):
            return doc

    with pytest.raises(PipelineError, match="'bare' does not declare `requires`"):
        Pipeline([Prepare(), Bare()])


def test_default_pipeline_runs_from_a_raw_input():
    article = lagebild.analyze(
        "Russland verurteilte am Montag die Angriffe auf Kiew.", language="de", published="2024-03-06"
    )
    assert article.language == "de" and article.published == "2024-03-06"
    condemn = next(e for e in article.events if e.root == "11")
    assert condemn.source.actor.country == "RUS" and condemn.date == "2024-03-04"


def test_partial_pipeline_from_a_prepared_article():
    pipe = Pipeline([Tokenize(), LinkActors()], start=PREPARED)
    article = lagebild.analyze("Der Kreml wies den Vorwurf zurück.", language="de", pipeline=pipe)
    assert article.events == [] and {e.text for e in article.entities} == {"Kreml"}


def test_version_covers_code_data_and_models():
    root = Path(pipeline.__file__).resolve().parent
    names = {p.relative_to(root).as_posix() for p in pipeline._analysis_files(root)}
    assert {"lang/de/ner/model.crfsuite", "lang/de/events/patterns.tsv", "events/coder.py"} <= names
    assert not any(n.startswith(("api/", "web/", "store/")) for n in names)
    assert lagebild.PIPELINE_VERSION.startswith(lagebild.__version__ + "+")


def test_version_changes_when_a_data_file_changes(tmp_path, monkeypatch):
    data = tmp_path / "lang" / "de" / "events" / "patterns.tsv"
    data.parent.mkdir(parents=True)
    data.write_text("id\tcode\tpattern\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "__file__", str(tmp_path / "pipeline.py"))
    before = pipeline.pipeline_version.__wrapped__()
    data.write_text("id\tcode\tpattern\nde.x\t010\tV sagen\n", encoding="utf-8")
    assert pipeline.pipeline_version.__wrapped__() != before
