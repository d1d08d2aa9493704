"""The actor knowledge base: canonical actors with names, time-bounded codes and roles.

The KB is built by `scripts/build_actors.py` from the curated TSVs, CLDR and the Phoenix dictionaries
(sources and licences in its header and in docs/actors.md) into `data/actors.jsonl.gz`, and packed
for loading into `data/kb/` (`kbpack`). It opens once, lazily, on first use, in milliseconds; an actor
or alias list is decoded where a look-up lands. Names are indexed by their first token's
spelling-insensitive key (`translit.name_key`), so the linker's look-up per token is one trie access.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from ..records import Actor
from ..resources import data_path
from .kbpack import FOLDER, SEP, _stale
from .translit import genitive_stems, name_key

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


class _Entries:
    """The KB's actors by entry number, decoded from the pack on first access."""

    def __init__(self, blob: bytes, offsets) -> None:
        self._blob, self._offsets = blob, offsets
        self._get = lru_cache(maxsize=50_000)(self._decode)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> ActorEntry:
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._get(i)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def _decode(self, i: int) -> ActorEntry:
        import msgpack

        a, b = int(self._offsets[i]), int(self._offsets[i + 1])
        eid, name, typ, country, kind, codes, roles, names, src, prio = msgpack.unpackb(self._blob[a:b])
        return ActorEntry(
            id=eid,
            name=name,
            type=typ,
            country=country,
            kind=kind,
            codes=tuple((c[0], c[1], c[2]) for c in codes),
            roles=tuple((r[0], r[1], r[2]) for r in roles),
            names=tuple(names),
            src=tuple(src),
            prio=prio,
        )


class _TrieMap:
    """A read-only mapping over a memory-mapped marisa trie whose values are msgpack-encoded."""

    def __init__(self, trie, decode, key=None) -> None:
        self._trie = trie
        to_str = key or (lambda k: k)
        self._cached = lru_cache(maxsize=100_000)(lambda k: decode(trie.get(to_str(k))))

    def get(self, key, default=None):
        got = self._cached(key)
        return default if got is None else got

    def __getitem__(self, key):
        got = self._cached(key)
        if got is None:
            raise KeyError(key)
        return got

    def __contains__(self, key) -> bool:
        return self._cached(key) is not None


@dataclass
class KnowledgeBase:
    entries: _Entries
    by_id: _TrieMap  # actor id -> entry number
    index: _TrieMap  # first name key -> aliases, best first
    adjectives: _TrieMap  # (language, lower-cased adjective form) -> entry number
    roles: dict[tuple[str, tuple[str, ...]], RoleWord]
    role_suffixes: dict[str, dict[str, RoleWord]]  # one-word role forms by spelling: "Kremlsprecher"
    max_role_len: int
    meta: dict
    role_index: dict[tuple[str, str], list[tuple[int, str | None, str | None]]]

    def entry(self, actor_id: str) -> ActorEntry | None:
        i = self.by_id.get(actor_id)
        return None if i is None else self.entries[i]

    def candidates(self, key: str) -> list[Alias]:
        return self.index.get(key, [])

    def role(self, lang: str, words: tuple[str, ...]) -> RoleWord | None:
        return self.roles.get((lang, words))


def _aliases(raw: list[bytes] | None) -> list[Alias] | None:
    import msgpack

    if not raw:
        return None
    return [
        Alias(tuple(keys), entry, lang, prio, upper, text)
        for keys, entry, lang, prio, upper, text in msgpack.unpackb(raw[0])
    ]


def _first_int(raw) -> int | None:
    import msgpack

    if not raw:
        return None
    return raw[0][0] if isinstance(raw[0], tuple) else msgpack.unpackb(raw[0])


@cache
def load_kb() -> KnowledgeBase:
    """Open the packed KB (`kbpack`): a few milliseconds; entries and aliases decode on first use."""
    import marisa_trie
    import msgpack
    import numpy as np

    folder = data_path(*FOLDER)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if _stale(meta):
        raise RuntimeError(f"{folder}: built with other name keys; rebuild it (scripts/build_actors.py)")
    tries = {}
    for name, kind in (("ids", "record"), ("aliases", "bytes"), ("adjectives", "bytes")):
        t = marisa_trie.RecordTrie("<I") if kind == "record" else marisa_trie.BytesTrie()
        t.mmap(str(folder / f"{name}.marisa"))
        tries[name] = t
    offsets = np.load(folder / "entries.npy", mmap_mode="r", allow_pickle=False)
    roles, role_suffixes = _role_words(msgpack.unpackb((folder / "roles.msgpack").read_bytes()))
    role_index = {
        (c, lemma): [tuple(h) for h in hits]
        for c, lemma, hits in msgpack.unpackb((folder / "role_index.msgpack").read_bytes())
    }
    return KnowledgeBase(
        entries=_Entries((folder / "entries.msgpack").read_bytes(), offsets),
        by_id=_TrieMap(tries["ids"], _first_int),
        index=_TrieMap(tries["aliases"], _aliases),
        adjectives=_TrieMap(tries["adjectives"], _first_int, key=lambda k: f"{k[0]}{SEP}{k[1]}"),
        roles=roles,
        role_suffixes=role_suffixes,
        max_role_len=max((len(w) for _, w in roles), default=1),
        meta=meta,
        role_index=role_index,
    )


def _role_words(records: list[dict]):
    roles: dict[tuple[str, tuple[str, ...]], RoleWord] = {}
    role_suffixes: dict[str, dict[str, RoleWord]] = defaultdict(dict)
    for rec in records:
        rw = RoleWord(rec["role"], rec["lang"], rec["lemma"], rec["sector"], rec["gender"], rec["kind"])
        words = tuple(rec["role"].lower().split())
        roles.setdefault((rec["lang"], words), rw)
        if rec["kind"] != "mod" and len(words) == 1:
            role_suffixes[rec["lang"]].setdefault(words[0], rw)
    return roles, dict(role_suffixes)


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


NON_STATE_PREFIXES = ("IGO", "NGO", "IMG")


def actor_of(entry: ActorEntry, date: str | None = None, code: str | None = None) -> Actor:
    """The entry as an actor on `date`. A person holding an office of an international organisation
    then ("IGOWSTNAT": Rutte as Nato Secretary General) acts for it, not for their state: no country."""
    code = code or code_at(entry, date)
    country = entry.country
    if entry.type == "PER" and code and code.startswith(NON_STATE_PREFIXES):
        country = None
    return Actor(id=entry.id, name=entry.name, code=code, country=country)


def lookup(name: str, language: str | None = None, kb: KnowledgeBase | None = None) -> list[ActorEntry]:
    """Entries whose full name matches `name` (spelling-insensitive; genitive -s tried too),
    best first; in `kb`, by default the shipped KB with the user's overlay."""
    if kb is None:
        from .overlay import active_kb  # the overlay module builds on this one

        kb = active_kb()
    toks = name.split()
    if not toks:
        return []
    keys = [name_key(t) for t in toks]
    variants = [tuple(k for k in keys if k)]
    for stem in genitive_stems(toks[-1]):
        variants.append(tuple(k for k in [*keys[:-1], name_key(stem)] if k))
    variants = [v for v in variants if v]
    if not variants:
        return []
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
