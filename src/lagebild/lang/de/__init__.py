"""German: models and tag view. Its data files live beside this module (see `lagebild.lang`)."""

from __future__ import annotations

from .. import Language
from .tags import TAGS

LANGUAGE = Language(
    code="de",
    name="German",
    tokenizer_model="de_CMC",
    tagger_model="morphmodel_ger.pgz",
    tags=TAGS,
    recogniser="crf",
)
