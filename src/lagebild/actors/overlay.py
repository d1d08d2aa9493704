"""The user's actor overlay: actors and aliases an analyst adds or corrects without rebuilding the package.

`lagebild actors add FILE.tsv` merges the rows of FILE into the overlay file, a TSV in the user's data
directory (`$LAGEBILD_ACTORS` if set, else `$XDG_DATA_HOME/lagebild/actors.tsv`, else
`~/.local/share/lagebild/actors.tsv`), outside the package, so it survives upgrades. Every analysis
reads the shipped KB with the overlay on top (`active_kb`): an overlay row with a new id adds an actor,
one with a KB id replaces that actor's name, type, country, codes and roles where it gives them and adds
its aliases; an alias written "-Alias" removes that name from the actor. Overlay names rank before the
shipped ones, so where both match, the overlay wins. The overlay is read again when the file changes.

File format (UTF-8, tab-separated, `#` comments, a header line):

    id	name	type	country	codes	aliases	roles
    KARL_MUSTER	Karl Muster	PER	AUT	AUTGOV 2024-03-01..; AUTELI	Muster|K. Muster	Landesrat 2024-03-01..

Required: id and name; type PER|ORG|GPE|LOC (default PER for a new actor); country ISO-3 of a KB state
or empty; codes and roles as in the curated sources ("VALUE START..END; VALUE").
"""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import parse_tsv
from .dated import parse_dated
from .grammar import office_text_language
from .kb import ActorEntry, Alias, KnowledgeBase, load_kb
from .translit import adjective_stem, name_keys

COLUMNS = ("id", "name", "type", "country", "codes", "aliases", "roles")
TYPES = ("PER", "ORG", "GPE", "LOC")
PRIO = -1  # before the shipped KB's curated names (0)
ENV = "LAGEBILD_ACTORS"


@dataclass(frozen=True)
class OverlayRow:
    id: str
    name: str
    type: str
    country: str | None
    codes: tuple[tuple[str, str | None, str | None], ...]
    aliases: tuple[str, ...]
    removed: tuple[str, ...]
    roles: tuple[tuple[str, str | None, str | None], ...]
    given: frozenset[str]  # the columns the row fills


def overlay_path() -> Path:
    """Where the overlay lives (read at call time: `LAGEBILD_ACTORS`, then the XDG data directory)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "lagebild" / "actors.tsv"


def read_overlay(path: Path, kb: KnowledgeBase | None = None) -> list[OverlayRow]:
    """The validated rows of an overlay file; ValueError naming file and line for a bad row."""
    kb = kb or load_kb()
    rows = []
    for r in parse_tsv(path, ("id", "name"), locate=True):
        where = f"{path}:{r['_where'].rsplit(':', 1)[1]}"
        unknown = sorted(set(r) - set(COLUMNS) - {"_where"})
        if unknown:
            raise ValueError(f"{where}: unknown columns {unknown} (known: {', '.join(COLUMNS)})")
        rows.append(_row(r, where, kb))
    return rows


def _row(r: dict[str, str], where: str, kb: KnowledgeBase) -> OverlayRow:
    given = frozenset(k for k, v in r.items() if k != "_where" and v.strip())
    typ = r.get("type", "").strip() or (kb.entry(r["id"]).type if kb.entry(r["id"]) else "PER")  # type: ignore[union-attr]
    if typ not in TYPES:
        raise ValueError(f"{where}: type {typ!r} is not one of {', '.join(TYPES)}")
    country = r.get("country", "").strip() or None
    if country is not None and (kb.entry(country) is None or kb.entry(country).kind != "state"):  # type: ignore[union-attr]
        raise ValueError(f"{where}: country {country!r} is not a state of the knowledge base (ISO-3)")
    names = [a.strip() for a in r.get("aliases", "").split("|") if a.strip()]
    codes = parse_dated(r.get("codes", ""), where)
    roles = parse_dated(r.get("roles", ""), where)
    return OverlayRow(
        id=r["id"].strip(),
        name=r["name"].strip(),
        type=typ,
        country=country,
        codes=tuple((c[0], c[1], c[2]) for c in codes),
        aliases=tuple(a for a in names if not a.startswith("-")),
        removed=tuple(a[1:].strip() for a in names if a.startswith("-")),
        roles=tuple((x[0], x[1], x[2]) for x in roles),
        given=given,
    )


def add_actors(source: Path, overlay: Path | None = None) -> tuple[Path, int, int]:
    """Merge the rows of `source` into the overlay (a row with an id already there replaces it);
    (overlay path, rows added, rows replaced). The source is validated first: nothing is written
    when a row is bad."""
    overlay = overlay or overlay_path()
    new = {r["id"].strip(): r for r in _raw_rows(source)}
    read_overlay(source)  # validation, with file and line in the error
    old = {r["id"].strip(): r for r in _raw_rows(overlay)} if overlay.exists() else {}
    replaced = sum(1 for k in new if k in old)
    merged = {**old, **new}
    overlay.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# lagebild actor overlay (docs/actors.md); written by `lagebild actors add`",
        "\t".join(COLUMNS),
        *("\t".join(r.get(c, "").strip() for c in COLUMNS) for r in merged.values()),
    ]
    tmp = overlay.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(overlay)
    return overlay, len(new) - replaced, replaced


def _raw_rows(path: Path) -> list[dict[str, str]]:
    return parse_tsv(path, ("id", "name"))


# ------------------------------------------------------------------ the KB with the overlay


def overlay_stamp() -> tuple[str, int, int] | None:
    """(path, mtime, size) of the overlay file, None when there is none: the cache key of `active_kb`."""
    path = overlay_path()
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path), st.st_mtime_ns, st.st_size


def active_kb() -> KnowledgeBase:
    """The shipped KB with the user's overlay applied (the KB itself when there is no overlay)."""
    return kb_for(overlay_stamp())


@lru_cache(maxsize=2)
def kb_for(stamp: tuple[str, int, int] | None) -> KnowledgeBase:
    base = load_kb()
    if stamp is None:
        return base
    return apply_overlay(base, read_overlay(Path(stamp[0]), base))


def apply_overlay(base: KnowledgeBase, rows: list[OverlayRow]) -> KnowledgeBase:
    """`base` with the rows layered on top; `base` itself is not changed, and nothing of it is copied
    or decoded but what the rows touch (the shipped KB opens lazily)."""
    replaced: dict[int, ActorEntry] = {}
    added: list[ActorEntry] = []
    new_ids: dict[str, int] = {}
    new_aliases: dict[str, list[Alias]] = defaultdict(list)
    removed: set[tuple[int, tuple[str, ...]]] = set()
    n = len(base.entries)
    for row in rows:
        i = new_ids.get(row.id)
        if i is None:
            i = base.by_id.get(row.id)
        if i is None:
            i = new_ids[row.id] = n + len(added)
            added.append(_entry(row, None))
        elif i >= n:
            added[i - n] = _entry(row, added[i - n])
        else:
            replaced[i] = _entry(row, replaced.get(i) or base.entries[i])
        for text in (row.name, *row.aliases):
            if keys := name_keys(text):
                upper = len(keys) == 1 and text.replace(".", "").isupper() and len(text) <= 6
                new_aliases[keys[0]].append(Alias(keys, i, "", PRIO, upper, text))
        removed.update((i, name_keys(text)) for text in row.removed)
    entries = _LayeredEntries(base.entries, replaced, added)
    index: dict[str, list[Alias]] = {}
    for key in set(new_aliases) | {k[0] for _, k in removed if k}:
        lst = [a for a in base.index.get(key, []) if (a.entry, a.keys) not in removed] + new_aliases.get(
            key, []
        )
        index[key] = sorted(lst, key=lambda a: (-len(a.keys), a.prio, entries[a.entry].prio))
    role_index = {k: list(v) for k, v in base.role_index.items()}
    for i, entry in [*replaced.items(), *((n + k, e) for k, e in enumerate(added))]:
        for key, hit in _office_hits(base, i, entry):
            role_index.setdefault(key, []).append(hit)
    return dataclasses.replace(
        base,
        entries=entries,
        by_id=_Layered(base.by_id, new_ids),
        index=_Layered(base.index, index),
        role_index=role_index,
    )


def _office_hits(kb: KnowledgeBase, i: int, entry: ActorEntry):
    """((country, role lemma), (entry, start, end)) for a person's dated roles, as the pack indexes
    the shipped people's (`kbpack._role_index`): the first role word of the office texts' language."""
    if entry.type != "PER" or not entry.country:
        return
    lang = office_text_language()
    for role, start, end in entry.roles:
        if start is None and end is None:
            continue
        for w in role.split():
            rw = kb.role(lang, (w.lower(),)) or kb.role(lang, (adjective_stem(w.lower()),))
            if rw is None:
                continue
            if rw.kind == "person":
                yield (entry.country, rw.lemma.lower()), (i, start, end)
            break


class _Layered:
    """A read-only mapping: `own` on top of `base` (anything with `get`)."""

    def __init__(self, base, own: dict) -> None:
        self.base, self.own = base, own

    def get(self, key, default=None):
        return self.own[key] if key in self.own else self.base.get(key, default)

    def __getitem__(self, key):
        got = self.get(key, _MISSING)
        if got is _MISSING:
            raise KeyError(key)
        return got

    def __contains__(self, key) -> bool:
        return key in self.own or key in self.base


class _LayeredEntries:
    """The KB's entries with some replaced and new ones appended."""

    def __init__(self, base, replaced: dict[int, ActorEntry], added: list[ActorEntry]) -> None:
        self.base, self.replaced, self.added = base, replaced, added

    def __len__(self) -> int:
        return len(self.base) + len(self.added)

    def __getitem__(self, i: int) -> ActorEntry:
        if i in self.replaced:
            return self.replaced[i]
        n = len(self.base)
        return self.added[i - n] if i >= n else self.base[i]

    def __iter__(self):
        return (self[i] for i in range(len(self)))


_MISSING = object()


def _entry(row: OverlayRow, old: ActorEntry | None) -> ActorEntry:
    """The overlay row as an entry: a new actor, or the KB's with the row's fields on top."""
    if old is None:
        codes = row.codes or (((row.country, None, None),) if row.country else ())
        return ActorEntry(
            id=row.id,
            name=row.name,
            type=row.type,
            country=row.country,
            kind="person" if row.type == "PER" else "org",
            codes=codes,
            roles=row.roles,
            names=(row.name, *row.aliases),
            src=("overlay",),
            prio=PRIO,
        )
    removed = {name_keys(t) for t in row.removed}
    return dataclasses.replace(
        old,
        name=row.name,
        type=row.type if "type" in row.given else old.type,
        country=row.country if "country" in row.given else old.country,
        codes=row.codes if "codes" in row.given else old.codes,
        roles=row.roles if "roles" in row.given else old.roles,
        names=tuple(n for n in (row.name, *row.aliases, *old.names) if name_keys(n) not in removed),
        src=(*old.src, "overlay"),
        prio=PRIO,
    )
