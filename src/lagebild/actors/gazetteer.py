"""The NER's word gazetteer: lower-cased names and cue words by kind, packed in one memory-mapped trie.

Sources (reviewable TSVs): the generated `actors/data/names/gazetteer.tsv.gz` and the hand-compiled
name lists beside it, the German NER's cue lists (`lang/de/ner/cues.tsv`, `org_cues_extra.tsv`) and
German common nouns (`lang/de/ner/nouns.txt.gz`). `build_gazetteer()` packs them into
`lang/de/ner/gazetteer.marisa` (marisa-trie: about 6 MB, opened in milliseconds, looked up in about a
microsecond); `scripts/build_gazetteer.py` rebuilds it, and a test checks that it matches its sources.
The English rules (`ner.EnglishRecogniser`) borrow the German recogniser's gazetteer for name types.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

from ..lang import Language, all_languages
from ..resources import data_path, read_tsv

NAMES_DIR = ("actors", "data", "names")  # name lists shared by the recognisers
LIST_FILES = {"org_names.tsv": "org_list", "loc_names.tsv": "loc_list"}
CUE_FILES = ("cues.tsv", "org_cues_extra.tsv")
NOUN = "noun"  # the kind of German common nouns
PACKED = ("ner", "gazetteer.marisa")  # in lang/de/
MAX_PHRASE = 6
KINDS = (
    "loc",
    "country",
    "loc_known",
    "per",
    "per_first",
    "org",
    "org_known",
    "org_cue",
    "loc_cue",
    "per_title",
    "ud_ne",
    "propn",
    "name",
    "abbr",
    "org_list",
    "loc_list",
)


class KindView:
    """`word in gazetteer[kind]`: single words only, as the CRF's features were trained."""

    def __init__(self, gaz: Gazetteer, kind: str) -> None:
        self.gaz, self.kind = gaz, kind

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.kind in self.gaz.kinds(key)


class Gazetteer:
    """Kinds of a lower-cased word, and the multi-word entries that start with a word."""

    def __init__(self, trie) -> None:
        self.trie = trie
        self.kinds = lru_cache(maxsize=200_000)(self._kinds)
        self.phrases = lru_cache(maxsize=50_000)(self._phrases)

    def _kinds(self, key: str) -> tuple[str, ...]:
        if not key or " " in key:
            return ()
        return tuple(sorted(v.decode("ascii") for v in self.trie.get(key, ())))

    def _phrases(self, first: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Entries of 2-6 words beginning with `first`, longest first (ties: by entry, kind)."""
        found = sorted(
            (key, value.decode("ascii")) for key, value in self.trie.items(first + " ") if " " in key
        )
        out = [(tuple(key.split()), kind) for key, kind in found]
        out = [(words, kind) for words, kind in out if words[0] == first and len(words) <= MAX_PHRASE]
        out.sort(key=lambda e: -len(e[0]))
        return tuple(out)

    def __getitem__(self, kind: str) -> KindView:
        return KindView(self, kind)

    def get(self, kind: str, default: object = None) -> KindView:
        return KindView(self, kind)


class PhraseIndex:
    """`phrases.get(first_word, ())` over the gazetteer's multi-word entries."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def get(self, first: str, default: tuple = ()) -> tuple[tuple[tuple[str, ...], str], ...]:
        return self.gaz.phrases(first) or default


@cache
def gazetteer_language() -> Language:
    """The language whose cue and common-noun lists the gazetteer holds and where it is packed: the
    one the CRF model is trained for (its features are these flags)."""
    crf = [lang for lang in all_languages() if lang.recogniser == "crf"]
    if len(crf) != 1:
        raise ValueError(f"expected one language with a CRF recogniser, found {[lang.code for lang in crf]}")
    return crf[0]


@cache
def load_gazetteer() -> Gazetteer:
    """The packed gazetteer, memory-mapped; a missing or unreadable file is an error."""
    import marisa_trie

    trie = marisa_trie.BytesTrie()
    trie.mmap(str(gazetteer_language().path(*PACKED)))
    return Gazetteer(trie)


# ------------------------------------------------------------------------------------------------
# Building the packed file from its sources


def source_rows() -> Iterator[tuple[str, str]]:
    """(lower-cased entry, kind) from every source, validated; duplicates removed by the caller."""
    de = gazetteer_language()
    sources = [("gazetteer.tsv.gz", _read_gz_tsv(data_path(*NAMES_DIR, "gazetteer.tsv.gz")))]
    for name in CUE_FILES:
        rows = de.read_tsv("ner", name, required=("entry", "kind"))
        sources.append((name, [(r["entry"], r["kind"]) for r in rows]))
    for name, kind in LIST_FILES.items():  # hand-compiled name lists: entry, category
        listed = read_tsv(*NAMES_DIR, name, required=("entry", "category"))
        sources.append((name, [(r["entry"], kind) for r in listed]))
    for fname, pairs in sources:
        for entry, kind in pairs:
            if kind not in KINDS:
                raise ValueError(f"{fname}: unknown kind {kind!r} for {entry!r}")
            yield " ".join(entry.lower().split()), kind
    with gzip.open(de.path("ner", "nouns.txt.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#") and line.strip():
                yield line.rstrip("\n"), NOUN


def build_gazetteer(out: Path | None = None):
    """Pack the sources into a trie (and write it to `out`); returns the trie."""
    import marisa_trie

    rows = sorted(set(source_rows()))
    trie = marisa_trie.BytesTrie((entry, kind.encode("ascii")) for entry, kind in rows)
    if out is not None:
        trie.save(str(out))
    return trie


def _read_gz_tsv(path: Path) -> list[tuple[str, str]]:
    """`entry<TAB>kind` rows of a gzipped TSV (after `#` comments and the header line)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = [line.rstrip("\n") for line in fh if not line.startswith("#")]
    if not lines or lines[0] != "entry\tkind":
        raise ValueError(f"{path.name}: expected header 'entry<TAB>kind'")
    out = []
    for lineno, line in enumerate(lines[1:], 2):
        entry, sep, kind = line.partition("\t")
        if not sep or not entry or not kind:
            raise ValueError(f"{path.name}: bad row {lineno}: {line!r}")
        out.append((entry, kind))
    return out
