"""SoMaJo adapter (pinned to SoMaJo 2.5.0): the tokenizers lagebild builds and the private parts it reads.

- `fast_tokenizer`: SoMaJo without its character-offset alignment (a third of its time; offsets come
  from `nlp.align`'s verbatim scan) and with a pre-check in front of the emoji splitter, which compiles
  a regex per character: a token without an emoji-like character has no emoji boundary, so the
  splitter is skipped for it. Same tokens and sentences as stock SoMaJo (bench/equivalence.py).
- `reference_tokenizer`: stock SoMaJo with its own offsets, for paragraphs the scan cannot align.
- `skippable_characters`: the invisible characters SoMaJo's own alignment skips.
"""

from __future__ import annotations

from functools import cache
from typing import Any

PINNED = "2.5.0"


def reference_tokenizer(model: str) -> Any:
    """Stock SoMaJo with character offsets."""
    from somajo import SoMaJo

    return SoMaJo(model, split_camel_case=False, split_sentences=True, character_offsets=True)


def fast_tokenizer(model: str) -> Any:
    """SoMaJo without offset alignment and with the emoji pre-check (same tokens and sentences)."""
    from somajo import SoMaJo

    tok = SoMaJo(model, split_camel_case=False, split_sentences=True, character_offsets=False)
    _precheck_emoji_split(tok._tokenizer)
    return tok


def _precheck_emoji_split(inner: Any) -> None:
    """Wrap the private `Tokenizer._split_emojis`: no candidate character, no boundary."""
    import regex

    original = inner._split_emojis
    candidate = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]")

    def split_emojis(node: Any, token_class: str = "emoticon") -> None:
        if candidate.search(node.value.text) is None:
            return
        original(node, token_class)

    inner._split_emojis = split_emojis


@cache
def skippable_characters() -> frozenset[str]:
    """The characters SoMaJo's alignment skips between tokens (private `alignment._skipable_characters`)."""
    from somajo import alignment

    return frozenset(alignment._skipable_characters)
