"""The quotation stage's knowledge: cue words, quote marks, source heads, Konjunktiv forms (data files)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lang import get_language
from ..resources import read_tsv

CUE_TYPES = ("say", "say_obj", "verb", "weak", "noun", "claim", "prep", "adv", "anaphoric")
SOURCE_KINDS = ("role", "group", "anon", "time")


@dataclass(frozen=True)
class Lexicon:
    """Cue lemmas by type, quote-mark pairs and source heads for one language."""

    say: frozenset[str]
    object_first: frozenset[str]  # say verbs whose object precedes what is said ("told reporters …")
    verbs: frozenset[str]
    weak: frozenset[str]
    nouns: frozenset[str]
    claims: frozenset[str]
    preps: frozenset[str]
    advs: frozenset[str]
    anaphoric: frozenset[str]
    heads: dict[str, str]
    konjunktiv: frozenset[str]

    def is_cue_verb(self, lemma: str, strong_only: bool = False) -> bool:
        return lemma in self.say or lemma in self.verbs or (not strong_only and lemma in self.weak)

    def is_source_noun(self, word: str, lemma: str) -> bool:
        """A source noun, also as the head of a compound ("Polizeiangaben", "Expertenmeinung")."""
        w, lem = word.lower(), lemma.lower()
        return any(w.endswith(n) or lem.endswith(n) for n in self._nouns_lower)

    @property
    def _nouns_lower(self) -> tuple[str, ...]:
        return tuple(n.lower() for n in self.nouns)


@cache
def lexicon(language: str) -> Lexicon:
    """Load and validate the quotation lexicon of `language` (lang/<code>/quotes/)."""
    lang = get_language(language)
    name = f"lang/{lang.code}/quotes/cues.tsv"
    rows = lang.read_tsv("quotes", "cues.tsv", required=("cue", "type"))
    by_type: dict[str, set[str]] = {t: set() for t in CUE_TYPES}
    seen: dict[str, str] = {}
    for row in rows:
        cue, typ = row["cue"].strip(), row["type"].strip()
        if typ not in by_type:
            raise ValueError(f"{name}: unknown type {typ!r} for {cue!r}")
        if seen.get(cue, typ) != typ:
            raise ValueError(f"{name}: {cue!r} listed as {seen[cue]!r} and {typ!r}")
        seen[cue] = typ
        by_type[typ].add(cue)
    heads: dict[str, str] = {}
    konj: set[str] = set()
    if lang.has("quotes", "source_heads.tsv"):
        for row in lang.read_tsv("quotes", "source_heads.tsv", required=("head", "kind")):
            if row["kind"] not in SOURCE_KINDS:
                raise ValueError(f"lang/{lang.code}/quotes/source_heads.tsv: unknown kind {row['kind']!r}")
            heads[row["head"]] = row["kind"]
    if lang.has("quotes", "konjunktiv.tsv"):
        konj = {row["form"] for row in lang.read_tsv("quotes", "konjunktiv.tsv", required=("form",))}
    return Lexicon(
        say=frozenset(by_type["say"] | by_type["say_obj"]),
        object_first=frozenset(by_type["say_obj"]),
        verbs=frozenset(by_type["verb"]),
        weak=frozenset(by_type["weak"]),
        nouns=frozenset(by_type["noun"]),
        claims=frozenset(by_type["claim"]),
        preps=frozenset(by_type["prep"]),
        advs=frozenset(by_type["adv"]),
        anaphoric=frozenset(by_type["anaphoric"]),
        heads=heads,
        konjunktiv=frozenset(konj),
    )


@dataclass(frozen=True)
class Marks:
    """Quotation marks: which closers each opener accepts, and whether it is a double or single mark."""

    closers: dict[str, str]
    double: frozenset[str]
    single: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return frozenset(self.closers) | frozenset("".join(self.closers.values()))


@cache
def marks() -> Marks:
    closers: dict[str, str] = {}
    double, single = set(), set()
    for row in read_tsv("quotes", "data", "marks.tsv", required=("open", "close", "class")):
        if len(row["open"]) != 1 or row["class"] not in ("double", "single"):
            raise ValueError(f"marks.tsv: bad row {row!r}")
        closers[row["open"]] = row["close"]
        (double if row["class"] == "double" else single).add(row["open"])
        (double if row["class"] == "double" else single).update(row["close"])
    return Marks(closers, frozenset(double), frozenset(single))


@cache
def english_tags() -> dict[str, str]:
    """CLAWS5 (HanTa English) -> coarse STTS, so one set of rules reads both languages."""
    return {
        r["claws"]: r["stts"]
        for r in get_language("en").read_tsv("quotes", "stts_view.tsv", required=("claws", "stts"))
    }
