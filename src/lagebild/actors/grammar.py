"""How a language writes names and role phrases: the linker's per-language settings.

Each language declares them in `lang/<code>/actors/grammar.tsv` (one `setting<TAB>value` row each,
all required); the linker reads the record and never tests a language code. The settings are
explained in `lang/de/actors/grammar.tsv`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lang import SUPPORTED, get_language

ROLE_TEXTS = ("normalised", "as_written")
COORDINATIONS = ("genitive", "plural_head")


@dataclass(frozen=True)
class LinkerGrammar:
    language: str
    genitive_s: bool
    nouns_capitalised: bool
    closed_compounds: bool
    role_text: str
    coordination: str
    foreign_adjectives: str | None
    foreign_tag: str | None
    office_texts: bool
    name_tags: frozenset[str]
    proper_tags: frozenset[str]  # from the language's tag view
    adjective_tag: str | None
    misread_tags: tuple[str, ...]  # tag prefixes of capitalised words inside a sentence that are names

    @property
    def normalised_roles(self) -> bool:
        return self.role_text == "normalised"


def _flag(value: str, where: str) -> bool:
    if value not in ("yes", "no"):
        raise ValueError(f"{where}: expected yes or no, got {value!r}")
    return value == "yes"


def _choice(value: str, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise ValueError(f"{where}: expected one of {', '.join(allowed)}, got {value!r}")
    return value


@cache
def grammar(code: str) -> LinkerGrammar:
    """The linker settings of language `code` (validated once; a missing or unknown setting is an error)."""
    lang = get_language(code)
    where = f"lang/{code}/actors/grammar.tsv"
    rows = {
        r["setting"]: r["value"].strip()
        for r in lang.read_tsv("actors", "grammar.tsv", required=("setting",))
    }
    fields = [f for f in LinkerGrammar.__dataclass_fields__ if f not in ("language", "proper_tags")]
    unknown = sorted(set(rows) - set(fields))
    missing = [f for f in fields if f not in rows]
    if unknown or missing:
        raise ValueError(f"{where}: unknown settings {unknown}, missing settings {missing}")

    def optional(name: str) -> str | None:
        return None if rows[name] in ("", "-") else rows[name]

    return LinkerGrammar(
        language=code,
        genitive_s=_flag(rows["genitive_s"], f"{where}: genitive_s"),
        nouns_capitalised=_flag(rows["nouns_capitalised"], f"{where}: nouns_capitalised"),
        closed_compounds=_flag(rows["closed_compounds"], f"{where}: closed_compounds"),
        role_text=_choice(rows["role_text"], ROLE_TEXTS, f"{where}: role_text"),
        coordination=_choice(rows["coordination"], COORDINATIONS, f"{where}: coordination"),
        foreign_adjectives=optional("foreign_adjectives"),
        foreign_tag=optional("foreign_tag"),
        office_texts=_flag(rows["office_texts"], f"{where}: office_texts"),
        name_tags=frozenset(t for t in rows["name_tags"].split("|") if t),
        proper_tags=lang.tags.proper,
        adjective_tag=optional("adjective_tag"),
        misread_tags=tuple(t for t in rows["misread_tags"].split("|") if t and t != "-"),
    )


@cache
def office_text_language() -> str:
    """The language the KB's office texts (the roles of people.tsv and officials*.tsv) are written in:
    the one language whose grammar says `office_texts yes`."""
    found = [code for code in SUPPORTED if grammar(code).office_texts]
    if len(found) != 1:
        raise ValueError(f"lang/*/actors/grammar.tsv: {len(found)} languages say office_texts yes (need one)")
    return found[0]
