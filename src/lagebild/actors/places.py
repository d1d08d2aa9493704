"""Cities and towns → their country, for place names the knowledge base has no actor for.

"Russische Truppen griffen Charkiw an": the target is Ukraine. The KB holds states, capitals and
seats of power; this gazetteer (GeoNames cities of 15,000+ inhabitants, built by
`scripts/build_places.py`) covers the other places the NER finds. A name shared by several places
is the most populous one ("Halle" is Halle an der Saale).
"""

from __future__ import annotations

import gzip
from functools import cache

from ..records import Actor
from ..resources import data_path
from .translit import genitive_stems, plain


def _key(name: str) -> str:
    """Spelling as written, up to case and accents: transliteration variants are in the file itself,
    and a lossy key would make "Sonne" a town in Ethiopia."""
    return " ".join(plain(w) for w in name.replace("-", " ").split())


@cache
def places() -> dict[str, str]:
    """Name key -> "place<TAB>country<TAB>geonameid": a place's own name before another place's
    alternate name ("Linz" is Linz, not Leeds), then the most populous. Values stay packed strings:
    the index is ~50,000 names in every worker."""
    rank: dict[str, int] = {}
    out: dict[str, str] = {}
    with gzip.open(data_path("actors", "data", "places.tsv.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "name\t")):
                continue
            name, place, country, pop, gid = line.rstrip("\n").split("\t")
            r = (name == place) << 40 | int(pop)
            key = _key(name)
            if rank.get(key, -1) < r:
                rank[key] = r
                out[key] = f"{place}\t{country}\t{gid}"
    return out


def place_actor(text: str) -> Actor | None:
    """The place actor for a name as written ("Charkiw", "Charkiws", "Kharkiv"), or None."""
    words = text.split()
    if not words:
        return None
    index = places()
    for last in (words[-1], *genitive_stems(words[-1])):
        hit = index.get(_key(" ".join([*words[:-1], last])))
        if hit is not None:
            name, country, gid = hit.split("\t")
            return Actor(id=f"geonames:{gid}", name=name, code=country, country=country)
    return None
