"""Read Universal Dependencies CoNLL-U files into the surface tokens lagebild's tokeniser produces.

Used by the parser's training script and by the intrinsic evaluation. German contractions (UD splits
"zum" into "zu dem", SoMaJo keeps "zum") are merged into one token; English ones ("don't" -> "do n't",
"it's" -> "it 's") stay split, as SoMaJo's PTB tokeniser splits them too.
"""

from __future__ import annotations

import lzma
from dataclasses import dataclass, field
from pathlib import Path

# Whether a multiword token (UD range line "3-4") becomes one surface token, per language.
MERGE_CONTRACTIONS = {"de": True, "en": False}


@dataclass(slots=True)
class UDSentence:
    """One treebank sentence over surface tokens: heads are 0-based, the root points to itself."""

    sent_id: str
    text: str
    words: list[str]
    spaces: list[bool]
    heads: list[int]
    deps: list[str]
    upos: list[str] = field(default_factory=list)
    feats: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Word:
    id: int
    form: str
    upos: str
    feats: str
    head: int
    deprel: str
    space: bool


def read_conllu(path: str | Path, language: str) -> list[UDSentence]:
    """All sentences of a CoNLL-U file (plain or .xz), contractions handled as the language's tokeniser does."""
    path = Path(path)
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        blocks = fh.read().split("\n\n")
    merge = MERGE_CONTRACTIONS[language]
    out = []
    for block in blocks:
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if lines:
            out.append(_sentence(lines, merge, f"{path.name}:{len(out) + 1}"))
    return out


def _sentence(lines: list[str], merge: bool, fallback_id: str) -> UDSentence:
    sent_id, text = fallback_id, ""
    words: list[_Word] = []
    ranges: list[tuple[int, int, str, bool]] = []
    for line in lines:
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            if key.strip() == "sent_id":
                sent_id = value.strip()
            elif key.strip() == "text":
                text = value.strip()
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"{fallback_id}: not a CoNLL-U line: {line[:60]!r}")
        space = "SpaceAfter=No" not in cols[9]
        if "-" in cols[0]:
            a, b = (int(x) for x in cols[0].split("-"))
            ranges.append((a, b, cols[1], space))
        elif "." not in cols[0]:  # empty nodes (enhanced graphs) are skipped
            words.append(_Word(int(cols[0]), cols[1], cols[3], cols[5], int(cols[6]), cols[7], space))
    return _surface(sent_id, text, words, ranges if merge else [], _range_spaces(ranges) if not merge else {})


def _range_spaces(ranges: list[tuple[int, int, str, bool]]) -> dict[int, bool]:
    """Split contractions: the space after a range goes to its last word, none inside it."""
    out = {}
    for a, b, _, space in ranges:
        for i in range(a, b):
            out[i] = False
        out[b] = space
    return out


def _surface(
    sent_id: str,
    text: str,
    words: list[_Word],
    ranges: list[tuple[int, int, str, bool]],
    split_spaces: dict[int, bool],
) -> UDSentence:
    """Merge each range into one token: it takes the relation of its word whose head lies outside it."""
    index: dict[int, int] = {}  # UD word id -> surface index
    groups: list[list[_Word]] = []
    forms: list[str] = []
    spaces: list[bool] = []
    starts = {a: (b, form, space) for a, b, form, space in ranges}
    i = 0
    while i < len(words):
        w = words[i]
        if w.id in starts:
            b, form, space = starts[w.id]
            group = [x for x in words[i:] if x.id <= b]
        else:
            group, form, space = [w], w.form, split_spaces.get(w.id, w.space)
        for x in group:
            index[x.id] = len(groups)
        groups.append(group)
        forms.append(form)
        spaces.append(space)
        i += len(group)
    heads, deps, upos, feats = [], [], [], []
    for k, group in enumerate(groups):
        ids = {x.id for x in group}
        outer = next((x for x in group if x.head not in ids), group[0])
        heads.append(k if outer.head == 0 else index[outer.head])
        deps.append(outer.deprel)
        upos.append(outer.upos)
        feats.append(outer.feats)
    return UDSentence(sent_id, text, forms, spaces, heads, deps, upos, feats)


def split_off(
    sentences: list[UDSentence], share: float, seed: int
) -> tuple[list[UDSentence], list[UDSentence]]:
    """(rest, held out): a seeded random `share` of the sentences held out, both in file order.

    The German parser's early-stopping set is cut from its training files this way (seed 13, 10%);
    eval/syntax_eval.py --split dev reads the same sentences for rule development.
    """
    import random

    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    held = set(order[: int(len(sentences) * share)])
    rest = [s for i, s in enumerate(sentences) if i not in held]
    return rest, [s for i, s in enumerate(sentences) if i in held]
