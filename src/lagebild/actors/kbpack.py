"""The packed knowledge base: what `kb.load_kb` opens, built from `data/actors.jsonl.gz` by `pack_kb`.

`actors.jsonl.gz` (written by scripts/build_actors.py) is the build's readable output; a process does
not parse it. The pack in `data/kb/` holds the same knowledge in forms that open in milliseconds and
are decoded only where a look-up lands:

- `entries.msgpack` + `entries.npy`: one msgpack record per actor and their byte offsets;
- `ids.marisa`: actor id -> entry number (marisa RecordTrie);
- `aliases.marisa`: a name's first key -> its aliases, already in look-up order (marisa BytesTrie of
  msgpack lists); `adjectives.marisa`: "lang<US>form" -> entry number;
- `roles.msgpack`: the role words (small, read whole); `role_index.msgpack`: (country, role lemma) ->
  the KB people holding that office with its dates; `meta.json`: the build's header.
No pickled objects; everything is checked against the source by tests/test_actors_kb.py.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import msgpack

from ..resources import data_path
from .grammar import office_text_language
from .translit import adjective_stem, name_keys

SOURCE = ("actors", "data", "actors.jsonl.gz")
FOLDER = ("actors", "data", "kb")
SEP = "\x1f"  # between language and form in adjective keys


def read_source(path: Path) -> tuple[dict, list[dict], list[dict]]:
    """(meta, actor records, role-word records) of the build's JSONL output."""
    actors, roles = [], []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        meta = json.loads(fh.readline())
        for lineno, line in enumerate(fh, 2):
            rec = json.loads(line)
            if "role" in rec:
                roles.append(rec)
            elif "id" in rec and "names" in rec:
                actors.append(rec)
            else:
                raise ValueError(f"{path}:{lineno}: not an actor or role record")
    return meta, actors, roles


def entry_record(rec: dict) -> list:
    """The compact form of one actor: [id, name, type, country, kind, codes, roles, names, src, prio]."""
    return [
        rec["id"],
        rec["name"],
        rec["type"],
        rec.get("country"),
        rec.get("kind", ""),
        [list(c[:3]) for c in rec["codes"]],
        [list(r[:3]) for r in rec.get("roles", [])],
        [n[0] for n in rec["names"]],
        list(rec.get("src", ())),
        rec.get("prio", 9),
    ]


def _alias_rows(actors: list[dict], stale: bool) -> dict[str, list[list]]:
    """First key -> [keys, entry, lang, prio, upper, text] per alias, in look-up order."""
    index: dict[str, list[list]] = defaultdict(list)
    for i, rec in enumerate(actors):
        for name, lang, keystr, prio in rec["names"]:
            keys = name_keys(name) if stale else tuple(keystr.split())
            if not keys:
                continue
            upper = len(keys) == 1 and name.replace(".", "").isupper() and len(name) <= 6
            index[keys[0]].append([list(keys), i, lang, prio, upper, name])
    prio = [rec.get("prio", 9) for rec in actors]
    for lst in index.values():
        lst.sort(key=lambda a: (-len(a[0]), a[3], prio[a[1]]))
    return index


def _role_index(actors: list[dict], roles: list[dict]) -> list[list]:
    """[country, lemma, [[entry, start, end], ...]] for KB people's dated, unmodified roles, read with
    the role words of the office texts' language ("Präsident des Iran" -> ("IRN", "präsident")): the
    first role word decides."""
    lang = office_text_language()
    words = {}
    for r in roles:
        if r["lang"] == lang:
            words.setdefault(tuple(r["role"].lower().split()), r)
    out: dict[tuple[str, str], list[list]] = defaultdict(list)
    for i, rec in enumerate(actors):
        if rec["type"] != "PER" or not rec.get("country") or "curated" not in rec.get("src", ()):
            continue
        for role, start, end in (r[:3] for r in rec.get("roles", [])):
            if start is None and end is None:
                continue
            for w in role.split():
                rw = words.get((w.lower(),)) or words.get((adjective_stem(w.lower()),))
                if rw is None:
                    continue
                if rw["kind"] == "person":
                    out[(rec["country"], rw["lemma"].lower())].append([i, start, end])
                break  # a modifier first ("stellvertretender") skips the role
    return [[c, lemma, hits] for (c, lemma), hits in sorted(out.items())]


def _stale(meta: dict) -> bool:
    """The build's name keys were made by another version of `translit.name_keys`."""
    return any(" ".join(name_keys(p)) != k for p, k in meta.get("key_probes", {}).items())


def pack_kb(source: Path | None = None, out: Path | None = None) -> Path:
    """Write the pack for `source` (default: the shipped JSONL) into `out` (default: data/kb/)."""
    import marisa_trie
    import numpy as np

    source = source or data_path(*SOURCE)
    out = out or data_path(*FOLDER)
    meta, actors, roles = read_source(source)
    out.mkdir(parents=True, exist_ok=True)
    blobs = [msgpack.packb(entry_record(rec)) for rec in actors]
    offsets = np.zeros(len(blobs) + 1, dtype="<u4")
    offsets[1:] = np.cumsum([len(b) for b in blobs])
    (out / "entries.msgpack").write_bytes(b"".join(blobs))
    np.save(out / "entries.npy", offsets, allow_pickle=False)
    marisa_trie.RecordTrie("<I", ((rec["id"], (i,)) for i, rec in enumerate(actors))).save(
        str(out / "ids.marisa")
    )
    aliases = _alias_rows(actors, _stale(meta))
    marisa_trie.BytesTrie((k, msgpack.packb(v)) for k, v in aliases.items()).save(str(out / "aliases.marisa"))
    marisa_trie.BytesTrie(_adjective_items(actors)).save(str(out / "adjectives.marisa"))
    (out / "roles.msgpack").write_bytes(msgpack.packb(roles))
    (out / "role_index.msgpack").write_bytes(msgpack.packb(_role_index(actors, roles)))
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def _adjective_items(actors: list[dict]) -> Iterator[tuple[str, bytes]]:
    """The first actor of each (language, adjective form), as the loader used to keep it."""
    seen: set[str] = set()
    for i, rec in enumerate(actors):
        for lang, form in rec.get("adj", []):
            key = f"{lang}{SEP}{form.lower()}"
            if key not in seen:
                seen.add(key)
                yield key, msgpack.packb(i)
