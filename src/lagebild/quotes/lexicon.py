"""The quotation stage's knowledge: cue words, quote marks, source heads, Konjunktiv forms (data files)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from ..lang import Language, get_language
from ..resources import read_tsv

CUE_TYPES = ("say", "say_obj", "verb", "naming", "weak", "noun", "doc", "claim", "prep", "adv", "anaphoric")
SOURCE_KINDS = ("role", "group", "anon", "time")
MOODS = ("1", "2")  # Konjunktiv I, Konjunktiv II (konjunktiv.tsv)
ABSTRACT_KINDS = ("ending", "noun")  # abstract_heads.tsv
# optional patterns of reported speech a language may declare (lang/<code>/quotes/patterns.tsv)
PATTERNS = ("clause-first-subject-verb", "bare-complement", "konjunktiv-1-in-e")


@dataclass(frozen=True)
class Lexicon:
    """Cue lemmas by type, quote-mark pairs and source heads for one language."""

    say: frozenset[str]
    object_first: frozenset[str]  # say verbs whose object precedes what is said ("told reporters …")
    verbs: frozenset[str]  # also the naming verbs
    weak: frozenset[str]
    nouns: frozenset[str]  # source nouns: statements ("Angaben") and documents ("Bericht")
    claims: frozenset[str]
    preps: frozenset[str]
    advs: frozenset[str]
    anaphoric: frozenset[str]
    heads: dict[str, str]
    konjunktiv: frozenset[str]
    head_endings: tuple[str, ...] = ()  # inflection endings a source head may carry ("Sprecher-in")
    patterns: frozenset[str] = frozenset()  # optional patterns (PATTERNS) the language uses
    konjunktiv_1: frozenset[str] = frozenset()  # the Konjunktiv I forms among `konjunktiv`
    constructions: tuple[tuple[str, str], ...] = ()  # (verb lemma, word in its clause): "der Meinung sein"
    verbatim: frozenset[str] = frozenset()  # first/second person words: the speaker's own wording
    naming: frozenset[str] = frozenset()  # verbs that call something a quoted word ("nannte es „…“")
    docs: frozenset[str] = frozenset()  # the source nouns that name a document ("Bericht", "Studie")
    person_endings: tuple[str, ...] = ()  # endings of nouns naming persons ("Sachbearbeiter", "Aktivistin")
    abstract_endings: tuple[str, ...] = ()  # endings of abstract nouns, never speakers ("-ung", "-heit")
    abstract_nouns: tuple[str, ...] = ()  # abstract nouns (lower case), never speakers ("grund", "frage")

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
    """Load and validate the quotation lexicon of `language` (lang/<code>/quotes/); files other than
    cues.tsv are optional, and a language without one has none of its entries (no fallback)."""
    lang = get_language(language)
    by_type = _cues(lang)
    return Lexicon(
        say=frozenset(by_type["say"] | by_type["say_obj"]),
        object_first=frozenset(by_type["say_obj"]),
        verbs=frozenset(by_type["verb"] | by_type["naming"]),
        naming=frozenset(by_type["naming"]),
        weak=frozenset(by_type["weak"]),
        nouns=frozenset(by_type["noun"] | by_type["doc"]),
        docs=frozenset(by_type["doc"]),
        person_endings=tuple(e for e, _ in _column(lang, "person_endings.tsv", "ending")),
        constructions=tuple(
            (v.lower(), w.lower()) for v, w in _column(lang, "constructions.tsv", "verb", "word")
        ),
        verbatim=frozenset(w for w, _ in _column(lang, "verbatim.tsv", "word")),
        abstract_endings=_abstract(lang, "ending"),
        abstract_nouns=_abstract(lang, "noun"),
        claims=frozenset(by_type["claim"]),
        preps=frozenset(by_type["prep"]),
        advs=frozenset(by_type["adv"]),
        anaphoric=frozenset(by_type["anaphoric"]),
        heads=dict(_column(lang, "source_heads.tsv", "head", "kind", SOURCE_KINDS)),
        konjunktiv=frozenset(k for k, _ in _column(lang, "konjunktiv.tsv", "form", "mood", MOODS)),
        konjunktiv_1=frozenset(
            k for k, m in _column(lang, "konjunktiv.tsv", "form", "mood", MOODS) if m == "1"
        ),
        head_endings=tuple(e for e, _ in _column(lang, "head_endings.tsv", "ending")),
        patterns=frozenset(p for p, _ in _column(lang, "patterns.tsv", "pattern", "pattern", PATTERNS)),
    )


def _abstract(lang: Language, kind: str) -> tuple[str, ...]:
    rows = _column(lang, "abstract_heads.tsv", "head", "kind", ABSTRACT_KINDS)
    return tuple(h.lower() for h, k in rows if k == kind)


def _cues(lang: Language) -> dict[str, set[str]]:
    name = f"lang/{lang.code}/quotes/cues.tsv"
    by_type: dict[str, set[str]] = {t: set() for t in CUE_TYPES}
    seen: dict[str, str] = {}
    for row in lang.read_tsv("quotes", "cues.tsv", required=("cue", "type")):
        cue, typ = row["cue"].strip(), row["type"].strip()
        if typ not in by_type:
            raise ValueError(f"{name}: unknown type {typ!r} for {cue!r}")
        if seen.get(cue, typ) != typ:
            raise ValueError(f"{name}: {cue!r} listed as {seen[cue]!r} and {typ!r}")
        seen[cue] = typ
        by_type[typ].add(cue)
    return by_type


def _column(
    lang: Language, file: str, key: str, value: str | None = None, allowed: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    """(key, value) per row of an optional file of lang/<code>/quotes/; `allowed` checks the value."""
    if not lang.has("quotes", file):
        return []
    rows = lang.read_tsv("quotes", file, required=(key,) if value is None else (key, value))
    out = [(row[key], row[value or key]) for row in rows]
    for k, v in out:
        if allowed and v not in allowed:
            raise ValueError(f"lang/{lang.code}/quotes/{file}: {v!r} ({k!r}) is not one of {allowed}")
    return out


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
