"""The actor knowledge base: canonical actors with names, time-bounded codes and roles.

The KB is one shipped file, `data/actors.jsonl.gz`, built by `scripts/build_actors.py` from the
curated TSVs, CLDR and the Phoenix dictionaries (sources and licences in its header line and in
docs/actors.md). It loads once, lazily, on first use; nothing happens at import. Names are indexed
by their first token's spelling-insensitive key (`translit.name_key`), so the linker's look-up per
token is one dict access.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from ..records import Actor
from ..resources import data_path
from .translit import adjective_stem, genitive_stems, name_key, name_keys

KB_FILE = ("actors", "data", "actors.jsonl.gz")
SECTORS_PERSON_DEFAULT = "GOV"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One canonical actor. `codes`/`roles` are (value, start, end) with ISO dates or None (open)."""

    id: str
    name: str
    type: str
    country: str | None
    kind: str
    codes: tuple[tuple[str, str | None, str | None], ...]
    roles: tuple[tuple[str, str | None, str | None], ...]
    names: tuple[str, ...]
    src: tuple[str, ...]
    prio: int


@dataclass(frozen=True, slots=True)
class Alias:
    """A name of an entry as a key tuple; `upper` demands an all-caps token (acronyms: "US", "UN")."""

    keys: tuple[str, ...]
    entry: int
    lang: str
    prio: int
    upper: bool
    text: str


@dataclass(frozen=True, slots=True)
class RoleWord:
    """A role noun or modifier form: "Außenministers" → lemma "Außenminister", sector GOV."""

    form: str
    lang: str
    lemma: str
    sector: str
    gender: str
    kind: str


@dataclass
class KnowledgeBase:
    entries: list[ActorEntry]
    by_id: dict[str, int]
    index: dict[str, list[Alias]]
    adjectives: dict[tuple[str, str], int]
    roles: dict[tuple[str, tuple[str, ...]], RoleWord]
    role_suffixes: dict[str, dict[str, RoleWord]]  # one-word role forms by spelling: "Kremlsprecher"
    max_role_len: int
    meta: dict

    def entry(self, actor_id: str) -> ActorEntry | None:
        i = self.by_id.get(actor_id)
        return None if i is None else self.entries[i]

    def candidates(self, key: str) -> list[Alias]:
        return self.index.get(key, [])

    def role(self, lang: str, words: tuple[str, ...]) -> RoleWord | None:
        return self.roles.get((lang, words))


@cache
def load_kb() -> KnowledgeBase:
    """Read and index the shipped KB (about 0.5 s, once per process)."""
    path = data_path(*KB_FILE)
    entries: list[ActorEntry] = []
    by_id: dict[str, int] = {}
    index: dict[str, list[Alias]] = defaultdict(list)
    adjectives: dict[tuple[str, str], int] = {}
    roles: dict[tuple[str, tuple[str, ...]], RoleWord] = {}
    role_suffixes: dict[str, dict[str, RoleWord]] = defaultdict(dict)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        meta = json.loads(fh.readline())
        stale = any(" ".join(name_keys(p)) != k for p, k in meta.get("key_probes", {}).items())
        for lineno, line in enumerate(fh, 2):
            rec = json.loads(line)
            if "role" in rec:
                rw = RoleWord(
                    rec["role"], rec["lang"], rec["lemma"], rec["sector"], rec["gender"], rec["kind"]
                )
                words = tuple(rec["role"].lower().split())
                roles.setdefault((rec["lang"], words), rw)
                if rec["lang"] == "de" and rec["kind"] != "mod" and len(words) == 1:
                    role_suffixes["de"].setdefault(words[0], rw)
                continue
            if "id" not in rec or "names" not in rec:
                raise ValueError(f"{path}:{lineno}: not an actor record")
            i = len(entries)
            entry = ActorEntry(
                id=rec["id"],
                name=rec["name"],
                type=rec["type"],
                country=rec.get("country"),
                kind=rec.get("kind", ""),
                codes=tuple((c[0], c[1], c[2]) for c in rec["codes"]),
                roles=tuple((r[0], r[1], r[2]) for r in rec.get("roles", [])),
                names=tuple(n[0] for n in rec["names"]),
                src=tuple(rec.get("src", ())),
                prio=rec.get("prio", 9),
            )
            entries.append(entry)
            by_id[entry.id] = i
            for name, lang, keystr, prio in rec["names"]:
                keys = name_keys(name) if stale else tuple(keystr.split())
                if not keys:
                    continue
                upper = len(keys) == 1 and name.replace(".", "").isupper() and len(name) <= 6
                index[keys[0]].append(Alias(keys, i, lang, prio, upper, name))
            for lang, form in rec.get("adj", []):
                adjectives.setdefault((lang, form.lower()), i)
    for lst in index.values():
        lst.sort(key=lambda a: (-len(a.keys), a.prio, entries[a.entry].prio))
    max_role_len = max((len(w) for _, w in roles), default=1)
    return KnowledgeBase(
        entries, by_id, dict(index), adjectives, roles, dict(role_suffixes), max_role_len, meta
    )


def today() -> str:
    return dt.date.today().isoformat()


def _in_range(date: str, start: str | None, end: str | None) -> bool:
    return (start is None or start <= date) and (end is None or date < end)


def code_at(entry: ActorEntry, date: str | None = None) -> str | None:
    """The entry's CAMEO code on `date` (ISO; default today): the dated code whose range holds the
    date (the latest-starting if several), else the undated fallback. A bare sector fallback
    ("ELI") takes the entry's country prefix."""
    date = (date or today())[:10]
    best: tuple[str, str] | None = None
    fallback = None
    for code, start, end in entry.codes:
        if start is None and end is None:
            fallback = fallback or code
        elif _in_range(date, start, end) and (best is None or (start or "") > best[1]):
            best = (code, start or "")
    code = best[0] if best else fallback
    if code and len(code) == 3 and entry.kind not in ("state",) and entry.country and code != entry.country:
        code = entry.country + code
    return code


def role_at(entry: ActorEntry, date: str | None = None) -> str | None:
    """The entry's role (office) on `date`, if the KB records one."""
    date = (date or today())[:10]
    for role, start, end in entry.roles:
        if (start or end) and _in_range(date, start, end):
            return role
    undated = [r for r, s, e in entry.roles if s is None and e is None]
    return undated[0] if undated else None


@cache
def _role_index() -> dict[tuple[str, str], list[tuple[int, str | None, str | None]]]:
    """(country, role lemma) → (entry, start, end) for KB people's dated, unmodified German roles
    ("Präsident des Iran" → ("IRN", "präsident")); built on first use."""
    kb = load_kb()
    out: dict[tuple[str, str], list[tuple[int, str | None, str | None]]] = defaultdict(list)
    for i, e in enumerate(kb.entries):
        if e.type != "PER" or not e.country or "curated" not in e.src:
            continue
        for role, start, end in e.roles:
            if start is None and end is None:
                continue
            for w in role.split():
                rw = kb.role("de", (w.lower(),)) or kb.role("de", (adjective_stem(w.lower()),))
                if rw is None:
                    continue
                if rw.kind == "person":
                    out[(e.country, rw.lemma.lower())].append((i, start, end))
                break  # the first role word decides; a modifier first ("stellvertretender") skips
    return dict(out)


def role_holders(country: str, lemma: str, date: str | None = None) -> list[ActorEntry]:
    """KB people holding the office `lemma` of `country` on `date` ("Präsident", "IRN", 2023 →
    Ebrahim Raisi)."""
    date = (date or today())[:10]
    kb = load_kb()
    hits = {i for i, s, e in _role_index().get((country, lemma.lower()), []) if _in_range(date, s, e)}
    return [kb.entries[i] for i in sorted(hits)]


def actor_of(entry: ActorEntry, date: str | None = None, code: str | None = None) -> Actor:
    return Actor(id=entry.id, name=entry.name, code=code or code_at(entry, date), country=entry.country)


def lookup(name: str, language: str | None = None) -> list[ActorEntry]:
    """Entries whose full name matches `name` (spelling-insensitive; genitive -s tried too),
    best first."""
    kb = load_kb()
    toks = name.split()
    if not toks:
        return []
    variants = [tuple(name_key(t) for t in toks)]
    for stem in genitive_stems(toks[-1]):
        variants.append((*variants[0][:-1], name_key(stem)))
    seen: dict[int, Alias] = {}
    for keys in variants:
        for alias in kb.candidates(keys[0]):
            if alias.keys == keys and (language is None or alias.lang in ("", language)):
                seen.setdefault(alias.entry, alias)
    ranked = sorted(seen.values(), key=lambda a: (a.prio, kb.entries[a.entry].prio))
    return [kb.entries[a.entry] for a in ranked]


def describe(name: str) -> list[dict]:
    """For `lagebild actor NAME`: every matching actor with names, codes and roles with dates."""
    out = []
    for e in lookup(name):
        out.append(
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "country": e.country,
                "code_today": code_at(e),
                "codes": [{"code": c, "from": s, "to": t} for c, s, t in e.codes],
                "roles": [{"role": r, "from": s, "to": t} for r, s, t in e.roles],
                "names": list(e.names),
                "sources": list(e.src),
            }
        )
    return out
