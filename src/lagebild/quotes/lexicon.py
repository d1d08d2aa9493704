"""The quotation stage's knowledge: cue words, quote marks, source heads, Konjunktiv forms (data files)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from ..lang import get_language
from ..resources import read_tsv

CUE_TYPES = ("say", "say_obj", "verb", "weak", "noun", "claim", "prep", "adv", "anaphoric")
SOURCE_KINDS = ("role", "group", "anon", "time")
# optional patterns of reported speech a language may declare (lang/<code>/quotes/patterns.tsv)
PATTERNS = ("clause-first-subject-verb", "bare-complement", "konjunktiv-1-in-e")


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
    head_endings: tuple[str, ...] = ()  # inflection endings a source head may carry ("Sprecher-in")
    patterns: frozenset[str] = frozenset()  # optional patterns (PATTERNS) the language uses

    def is_cue_verb(self, lemma: str, strong_only: bool = False) -> bool:
        return lemma in self.say or lemma in self.verbs or (not strong_only and lemma in self.weak)

    def is_source_noun(self, word: str, lemma: str) -> bool:
        """A source noun, also as the head of a compound ("Polizeiangaben", "Expertenmeinung")."""
        w, lem = word.lower(), lemma.lower()
        return any(w.endswith(n) or lem.endswith(n) for n in self._nouns_lower)

    @property
    def _nouns_lower(self) -> tuple[str, ...]:
        return tuple(n.lower() for n in self.nouns)

    @cached_property
    def time_nouns(self) -> frozenset[str]:
        """Temporal nouns ("Abend", "Montag"): adverbials after a cue verb, never its speaker."""
        return frozenset(h for h, kind in self.heads.items() if kind == "time")

    @cached_property
    def source_heads(self) -> tuple[str, ...]:
        """Role, group and source nouns in lower case with their endings ("sprecher", "sprecherin"),
        to match as the head of a compound ("Kreml-Sprecher")."""
        endings = ("", *self.head_endings)
        return tuple(h.lower() + e for h, kind in self.heads.items() if kind != "time" for e in endings)


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
    endings: tuple[str, ...] = ()
    patterns: set[str] = set()
    if lang.has("quotes", "patterns.tsv"):
        for row in lang.read_tsv("quotes", "patterns.tsv", required=("pattern",)):
            if row["pattern"] not in PATTERNS:
                raise ValueError(f"lang/{lang.code}/quotes/patterns.tsv: unknown pattern {row['pattern']!r}")
            patterns.add(row["pattern"])
    if lang.has("quotes", "head_endings.tsv"):
        endings = tuple(
            r["ending"] for r in lang.read_tsv("quotes", "head_endings.tsv", required=("ending",))
        )
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
        head_endings=endings,
        patterns=frozenset(patterns),
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
