"""The article record: published JSON Schema, offsets that point at their text, lossless round trip."""

from __future__ import annotations

import json

import jsonschema
import pytest

from lagebild.records import Article
from lagebild.resources import data_path


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(data_path("schema", "article.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _spans(d: dict):
    yield from d["entities"]
    for q in d["quotes"]:
        yield q
        if q["cue"]:
            yield q["cue"]
        if q["speaker"]:
            yield q["speaker"]
    for ev in d["events"]:
        yield ev["trigger"]
        for side in ("source", "target"):
            if ev[side]:
                yield ev[side]


def test_schema_accepts_analysed_examples(validator, analyzed_examples):
    for name, article in analyzed_examples.items():
        errors = sorted(validator.iter_errors(article.to_dict()), key=str)
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].path)}"


def test_schema_rejects_broken_records(validator, analyzed_examples):
    d = next(iter(analyzed_examples.values())).to_dict()
    for broken in (
        {**d, "language": "fr"},
        {**d, "published": "13.03.2023"},
        {k: v for k, v in d.items() if k != "text"},
    ):
        assert list(validator.iter_errors(broken))


def test_offsets_point_at_their_text(analyzed_examples):
    for name, article in analyzed_examples.items():
        d = article.to_dict()
        for span in _spans(d):
            assert d["text"][span["start"] : span["end"]] == span["text"], (name, span)
        for s in d["sentences"]:
            assert 0 <= s["start"] < s["end"] <= len(d["text"])
        starts = [s["start"] for s in d["sentences"]]
        assert starts == sorted(starts)


def test_record_round_trips(analyzed_examples):
    for article in analyzed_examples.values():
        d = article.to_dict()
        assert Article.from_dict(json.loads(json.dumps(d))).to_dict() == d
