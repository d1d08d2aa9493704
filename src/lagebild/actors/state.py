"""What the linker's mixins (compounds, roles, NER merge, context) read from the linker itself."""

from __future__ import annotations

from ..records import Doc, Token
from .grammar import LinkerGrammar
from .kb import KnowledgeBase


class LinkerState:
    """The attributes the linker sets for one document; the mixins declare them once through this base."""

    doc: Doc
    kb: KnowledgeBase
    lang: str
    g: LinkerGrammar
    date: str | None
    toks: list[Token]
    sent_start: list[int]
