"""Event patterns: parse the per-language pattern files and index them by trigger lemma.

A pattern names a trigger (a verb lemma, separable particle joined, or a noun lemma matched also as
the head of compounds) and conditions on the clause; see lang/de/events/patterns.tsv for the syntax
and docs/events.md for the pattern language. Loading validates every line, so a typo in the data
fails loudly with file and id.

Two kinds of conditions:
- clause conditions (`&a|b`, `!a|b`, `>prep`, flags): what the clause holds, checkable on tags and
  lemmas alone;
- frame conditions (`obj=`, `tgt=`, `obj:actor`, `subj:actor`, `zuinf`, `gen=`, `by=`): what the
  trigger's arguments are, for a coder with a syntactic analysis (subject, objects, prepositional
  objects, passive agent, zu-infinitive per clause). They are stored on the Pattern; `obj=a|b` also
  implies the clause condition `&a|b` (an object with that head is in the clause).

A language may have a hand-written supplement, lang/<code>/events/patterns_extra.tsv (English: next to
the PETRARCH2 conversion patterns.tsv). Its patterns are tried before the main file's patterns of the same
trigger, so it can correct a converted entry; code `-` is a stop pattern: when it matches, the trigger
yields no event ("signalled readiness to meet" is no meeting).

Each row may carry a `counter` sentence (one in which the pattern must not yield its code) and `tags`:
`parse` (the parser misreads the example sentence), `parse-counter` (it misreads the counter), `sense`
(the coder cannot yet tell the example's word sense from the coded one); the tests expect those to fail.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from ..lang import SUPPORTED, get_language
from .cameo import cameo_table

STOP = "-"
FLAGS = ("refl", "sym", "nocomp", "gentarget", "src", "weak", "rev", "mutual")
TARGETS = ("obj", "iobj", "none")  # tgt=...: where a verb's target is
GENITIVES = ("src", "tgt")  # gen=...: the role of a noun's genitive or von-phrase
TAGS = ("parse", "parse-counter", "sense")


@dataclass(frozen=True, slots=True)
class Frame:
    """The argument frame a pattern asks for (checked by a coder with a syntactic analysis).

    obj        the direct object's head (or its compound head) is one of these lemmas
    target     where the target is: "obj" (a verb's default), "iobj" (the dative), "none"; "" = default
    obj_actor  True: the object is an actor (person, state, organisation, group); False: it is not
    subj_actor the same for the subject ("Dem Angeklagten drohen 30 Jahre Haft": not an actor)
    zuinf      True: the verb governs a zu-infinitive ("droht zu scheitern"); False: it does not
    gen        nouns: the role of the genitive or von-phrase, "src" or "tgt"; "" = default (source)
    by         nouns: support verbs whose subject is the noun event's source ("verhängte Sanktionen")
    """

    obj: frozenset[str] = frozenset()
    target: str = ""
    obj_actor: bool | None = None
    subj_actor: bool | None = None
    zuinf: bool | None = None
    gen: str = ""
    by: frozenset[str] = frozenset()

    @property
    def size(self) -> int:
        """Number of frame conditions (for the specificity order; `obj=` counts as its implied `&`)."""
        return sum(
            (
                self.target in ("iobj", "none"),
                self.obj_actor is not None,
                self.subj_actor is not None,
                self.zuinf is not None,
            )
        )

    @property
    def needs_syntax(self) -> bool:
        """A condition that only a syntactic analysis can check (an actor argument, a zu-infinitive):
        a coder without one would read the pattern more generally than it is meant."""
        return self.obj_actor is not None or self.subj_actor is not None or self.zuinf is not None


NO_FRAME = Frame()


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
    frame: Frame = NO_FRAME  # argument frame (see Frame)
    counter: str = ""  # a sentence in which the pattern must not yield its code
    tags: frozenset[str] = frozenset()  # "parse", "parse-counter": a sentence the parser misreads

    @property
    def after_verb(self) -> bool:
        """A pattern converted from PETRARCH whose condition words all follow the verb ('- * VISIT', quoted
        in its example): the active clause's subject is none of them ('the visit ended' is no visit)."""
        return self.example.startswith("PETRARCH2 - *")

    @property
    def stop(self) -> bool:
        """A stop pattern (code `-`): the trigger yields no event when it matches."""
        return self.code == STOP

    @property
    def specificity(self) -> float:
        """Clause conditions count 1 (`&`) or 0.5 (preposition, reflexive); frame conditions 0.5 each
        (see `rank`)."""
        return len(self.require) + 0.5 * bool(self.preps) + 0.5 * self.refl + 0.5 * self.frame.size

    def rank(self, frames: bool) -> tuple[bool, float, int]:
        """Sort key among a trigger's patterns: the hand supplement first, then the most specific, then
        the earlier line. Without `frames`, frame conditions do not count: a coder that cannot check
        them must not prefer a pattern for them."""
        spec = self.specificity if frames else self.specificity - 0.5 * self.frame.size
        return (not self.hand, -spec, self.order)


def _words(spec: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in spec.split("|") if w)


@dataclass
class _Parts:
    """What the condition tokens of one pattern say, collected while reading them."""

    require: list[frozenset[str]]
    exclude: set[str]
    preps: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    frame: Frame = NO_FRAME


def _frame_token(pid: str, part: str, frame: Frame) -> Frame | None:
    """The frame with one frame token applied; None when `part` is no frame token."""
    key, eq, value = part.partition("=")
    if eq:
        if key in ("obj", "by") and not _words(value):
            raise ValueError(f"pattern {pid}: {key}= needs lemmas: {part!r}")
        if key == "obj":
            return replace(frame, obj=frame.obj | frozenset(_words(value)))
        if key == "by":
            return replace(frame, by=frame.by | frozenset(_words(value)))
        if key == "tgt":
            if value not in TARGETS:
                raise ValueError(f"pattern {pid}: tgt= must be one of {', '.join(TARGETS)}: {part!r}")
            return replace(frame, target=value)
        if key == "gen":
            if value not in GENITIVES:
                raise ValueError(f"pattern {pid}: gen= must be src or tgt: {part!r}")
            return replace(frame, gen=value)
        return None
    negated = part.startswith("!")
    bare = part[1:] if negated else part
    if bare == "obj:actor":
        return replace(frame, obj_actor=not negated)
    if bare == "subj:actor":
        return replace(frame, subj_actor=not negated)
    if bare == "zuinf":
        return replace(frame, zuinf=not negated)
    return None


def _read_conditions(pid: str, parts: list[str]) -> _Parts:
    out = _Parts([], set())
    flags: set[str] = set()
    for part in parts:
        frame = _frame_token(pid, part, out.frame)
        if frame is not None:
            out.frame = frame
        elif part[0] == "&":
            out.require.append(frozenset(_words(part[1:])))
        elif part[0] == "!":
            out.exclude |= set(_words(part[1:]))
        elif part[0] == ">":
            out.preps = _words(part[1:])
        elif part in FLAGS:
            flags.add(part)
        else:
            raise ValueError(f"pattern {pid}: unknown condition {part!r}")
    out.flags = frozenset(flags)
    return out


def _check_frame(pid: str, kind: str, frame: Frame) -> None:
    """Frame tokens that make no sense for the trigger's kind are errors, not silently ignored."""
    verb_only = bool(frame.obj) or frame.obj_actor is not None or frame.zuinf is not None
    verb_only = verb_only or frame.subj_actor is not None
    if kind == "N" and verb_only:
        raise ValueError(f"pattern {pid}: obj=, obj:actor, subj:actor and zuinf are for verbs (V)")
    if kind == "V" and (frame.gen or frame.by):
        raise ValueError(f"pattern {pid}: gen= and by= are for nouns (N)")
    if frame.target == "none" and frame.obj_actor:
        raise ValueError(f"pattern {pid}: tgt=none contradicts obj:actor")


def _check_tags(pid: str, tags: str) -> frozenset[str]:
    out = frozenset(_words(tags.replace(" ", "|").replace(",", "|")))
    bad = sorted(out - set(TAGS))
    if bad:
        raise ValueError(f"pattern {pid}: unknown tag {bad[0]!r} (known: {', '.join(TAGS)})")
    return out


def parse_pattern(
    pid: str,
    code: str,
    text: str,
    example: str,
    order: int,
    hand: bool = False,
    counter: str = "",
    tags: str = "",
) -> Pattern:
    parts = text.split()
    if len(parts) < 2 or parts[0] not in ("V", "N"):
        raise ValueError(f"pattern {pid}: must start with V or N and a lemma: {text!r}")
    if code != STOP and code not in cameo_table():
        raise ValueError(f"pattern {pid}: unknown CAMEO code {code!r}")
    got = _read_conditions(pid, parts[2:])
    _check_frame(pid, parts[0], got.frame)
    if got.frame.obj:
        got.require.append(got.frame.obj)  # an object with that head is in the clause
    lemmas = _words(parts[1])
    nouns = frozenset(
        w.lower() for part in parts[2:] if part[0] in "&!" for w in part[1:].split("|") if w[:1].isupper()
    )
    nouns |= got.frame.obj
    words = (*lemmas, *got.exclude, *(x for s in got.require for x in s), *got.frame.by)
    for w in words:
        if not w or "_" in w or " " in w or "=" in w or ":" in w:
            raise ValueError(f"pattern {pid}: bad word {w!r}")
    flags = got.flags
    return Pattern(
        pid,
        code,
        parts[0],
        lemmas,
        tuple(got.require),
        frozenset(got.exclude),
        got.preps,
        "refl" in flags,
        "sym" in flags,
        "nocomp" in flags,
        "gentarget" in flags or got.frame.gen == "tgt",
        "src" in flags,
        text,
        example,
        order,
        nouns,
        hand,
        "weak" in flags,
        "rev" in flags,
        "mutual" in flags,
        got.frame,
        counter,
        _check_tags(pid, tags),
    )


@dataclass
class PatternIndex:
    """Patterns of one language keyed by trigger lemma (lower case), most specific first.

    `frames`: whether the index is for a coder that checks frame conditions. Without (the default), a
    stop pattern whose only conditions need a syntactic analysis is left out of the trigger lists: read
    more generally than meant, it would silence every use of its trigger ("drohen" + zu-infinitive is
    no threat, but "drohen" is). `by_id` always holds every pattern.
    """

    language: str
    verbs: dict[str, list[Pattern]]
    nouns: dict[str, list[Pattern]]
    by_id: dict[str, Pattern]
    frames: bool = False

    def for_verb(self, lemma: str) -> list[Pattern]:
        return self.verbs.get(trigger_key(lemma), [])

    def for_noun(self, lemma: str) -> list[Pattern]:
        """Patterns for a noun or, failing that, for the head of a compound (US-Angriff, Luftangriff)."""
        low = trigger_key(lemma)
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


def trigger_key(lemma: str) -> str:
    """The index key of a trigger lemma: lower case, ß as ss (the tagger gives some lemmas in the old
    spelling: "Beschuß", "Prozeß")."""
    return lemma.lower().replace("ß", "ss")


def _syntax_only_stop(p: Pattern) -> bool:
    """A stop pattern that, without its frame conditions, would match (nearly) every use of its trigger:
    no `&` condition narrows it (an exclusion or a preposition does not)."""
    return p.stop and p.frame.needs_syntax and not p.require


def pattern_rows(language: str) -> list[tuple[dict[str, str], bool]]:
    """The rows of a language's pattern files, each with whether it comes from the hand supplement."""
    lang = get_language(language)
    cols = ("id", "code", "pattern")
    rows = [(row, False) for row in lang.read_tsv("events", "patterns.tsv", required=cols)]
    if lang.has("events", "patterns_extra.tsv"):
        rows += [(row, True) for row in lang.read_tsv("events", "patterns_extra.tsv", required=cols)]
    return rows


@cache
def load_patterns(language: str, frames: bool = False) -> PatternIndex:
    """The pattern index of a language; `frames=True` for a coder that checks frame conditions."""
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    by_id: dict[str, Pattern] = {}
    for i, (row, hand) in enumerate(pattern_rows(language)):
        p = parse_pattern(
            row["id"],
            row["code"],
            row["pattern"],
            row.get("example", ""),
            i,
            hand,
            counter=row.get("counter", ""),
            tags=row.get("tags", ""),
        )
        if p.id in by_id:
            raise ValueError(f"{language}: duplicate pattern id {p.id!r}")
        by_id[p.id] = p
        if not frames and _syntax_only_stop(p):
            continue
        for lemma in p.lemmas:
            (verbs if p.kind == "V" else nouns).setdefault(trigger_key(lemma), []).append(p)
    for table in (verbs, nouns):
        for lst in table.values():
            lst.sort(key=lambda p: p.rank(frames))
    return PatternIndex(language, verbs, nouns, by_id, frames)


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
