"""English: models and tag view. Its data files live beside this module (see `lagebild.lang`)."""

from __future__ import annotations

from .. import Language
from .tags import TAGS

LANGUAGE = Language(
    code="en",
    name="English",
    tokenizer_model="en_PTB",
    tagger_model="morphmodel_en.pgz",
    tags=TAGS,
    recogniser="capitalised-runs",
)
