"""Event patterns: parse the per-language pattern files and index them by trigger lemma.

A pattern names a trigger (a verb lemma, separable particle joined, or a noun lemma matched also as
the head of compounds) and conditions on the clause; see lang/de/events/patterns.tsv for the syntax.
Loading validates every line, so a typo in the data fails loudly with file and id.

A language may have a hand-written supplement, lang/<code>/events/patterns_extra.tsv (English: next to
the PETRARCH2 conversion patterns.tsv). Its patterns are tried before the main file's patterns of the same
trigger, so it can correct a converted entry; code `-` is a stop pattern: when it matches, the trigger
yields no event ("signalled readiness to meet" is no meeting).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lang import SUPPORTED, get_language
from .cameo import cameo_table

STOP = "-"


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    code: str
    kind: str  # "V" verb or "N" noun
    lemmas: tuple[str, ...]
    require: tuple[frozenset[str], ...]  # each set: one of these lemmas must be in the clause
    exclude: frozenset[str]
    preps: tuple[str, ...]  # prepositions whose object is the target
    refl: bool
    sym: bool
    nocomp: bool
    gentarget: bool
    needs_source: bool
    text: str
    example: str
    order: int
    nouns: frozenset[str] = frozenset()  # condition words written capitalised: match nouns only
    hand: bool = False  # from the hand-written supplement: tried before the main file's patterns
    weak: bool = False  # yields its event only if no other verb of the clause yields one ("agreed to ...")
    rev: bool = (
        False  # the prepositional actor (>from) is the source, the subject the target ("received ... from")
    )
    mutual: bool = False  # "X clashed with Y": the act also goes from Y to X

    @property
    def stop(self) -> bool:
        """A stop pattern (code `-`): the trigger yields no event when it matches."""
        return self.code == STOP

    @property
    def specificity(self) -> float:
        return len(self.require) + 0.5 * bool(self.preps) + 0.5 * self.refl


def _words(spec: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in spec.split("|") if w)


def parse_pattern(pid: str, code: str, text: str, example: str, order: int, hand: bool = False) -> Pattern:
    parts = text.split()
    if len(parts) < 2 or parts[0] not in ("V", "N"):
        raise ValueError(f"pattern {pid}: must start with V or N and a lemma: {text!r}")
    if code != STOP and code not in cameo_table():
        raise ValueError(f"pattern {pid}: unknown CAMEO code {code!r}")
    require: list[frozenset[str]] = []
    exclude: set[str] = set()
    preps: tuple[str, ...] = ()
    flags: set[str] = set()
    for part in parts[2:]:
        if part[0] == "&":
            require.append(frozenset(_words(part[1:])))
        elif part[0] == "!":
            exclude |= set(_words(part[1:]))
        elif part[0] == ">":
            preps = _words(part[1:])
        elif part in ("refl", "sym", "nocomp", "gentarget", "src", "weak", "rev", "mutual"):
            flags.add(part)
        else:
            raise ValueError(f"pattern {pid}: unknown condition {part!r}")
    lemmas = _words(parts[1])
    nouns = frozenset(
        w.lower() for part in parts[2:] if part[0] in "&!" for w in part[1:].split("|") if w[:1].isupper()
    )
    for w in (*lemmas, *exclude, *(x for s in require for x in s)):
        if not w or "_" in w or " " in w:
            raise ValueError(f"pattern {pid}: bad word {w!r}")
    return Pattern(
        pid,
        code,
        parts[0],
        lemmas,
        tuple(require),
        frozenset(exclude),
        preps,
        "refl" in flags,
        "sym" in flags,
        "nocomp" in flags,
        "gentarget" in flags,
        "src" in flags,
        text,
        example,
        order,
        nouns,
        hand,
        "weak" in flags,
        "rev" in flags,
        "mutual" in flags,
    )


@dataclass
class PatternIndex:
    """Patterns of one language keyed by trigger lemma (lower case), most specific first."""

    language: str
    verbs: dict[str, list[Pattern]]
    nouns: dict[str, list[Pattern]]
    by_id: dict[str, Pattern]

    def for_verb(self, lemma: str) -> list[Pattern]:
        return self.verbs.get(lemma.lower(), [])

    def for_noun(self, lemma: str) -> list[Pattern]:
        """Patterns for a noun or, failing that, for the head of a compound (US-Angriff, Luftangriff)."""
        low = lemma.lower()
        hit = self.nouns.get(low)
        if hit:
            return hit
        if "-" in low:
            hit = self.nouns.get(low.rsplit("-", 1)[1])
            if hit:
                return hit
        for i in range(3, len(low) - 3):
            hit = self.nouns.get(low[i:])
            if hit:
                return hit
        return []


@cache
def load_patterns(language: str) -> PatternIndex:
    lang = get_language(language)
    cols = ("id", "code", "pattern")
    rows = [(row, False) for row in lang.read_tsv("events", "patterns.tsv", required=cols)]
    if lang.has("events", "patterns_extra.tsv"):
        rows += [(row, True) for row in lang.read_tsv("events", "patterns_extra.tsv", required=cols)]
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    by_id: dict[str, Pattern] = {}
    for i, (row, hand) in enumerate(rows):
        p = parse_pattern(row["id"], row["code"], row["pattern"], row.get("example", ""), i, hand)
        if p.id in by_id:
            raise ValueError(f"{language}: duplicate pattern id {p.id!r}")
        by_id[p.id] = p
        for lemma in p.lemmas:
            (verbs if p.kind == "V" else nouns).setdefault(lemma, []).append(p)
    for table in (verbs, nouns):
        for lst in table.values():
            lst.sort(key=lambda p: (not p.hand, -p.specificity, p.order))
    return PatternIndex(language, verbs, nouns, by_id)


def find_pattern(rule_id: str) -> Pattern | None:
    lang = rule_id.split(".", 1)[0]
    if lang not in SUPPORTED:
        return None
    return load_patterns(lang).by_id.get(rule_id)


def explain_rule(rule_id: str | None) -> str:
    """The pattern behind an event's `rule`, readable: id, code and name, pattern, example."""
    if not rule_id:
        return ""
    p = find_pattern(rule_id)
    if p is None:
        return rule_id
    name = "no event" if p.stop else cameo_table()[p.code].name
    example = f"  e.g. {p.example}" if p.example else ""
    return f"{p.id}: {p.code} {name} <- {p.text}{example}"
