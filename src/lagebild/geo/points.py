"""Coordinates lagebild ships (built by `scripts/build_geo.py`): a point per country, the GeoNames places of
`actors/data/places.tsv.gz`, and the Natural Earth 1:110m world outlines for the map."""

from __future__ import annotations

import gzip
import json
from functools import cache

from ..actors.places import place_actor
from ..resources import data_path, read_tsv


@cache
def country_points() -> dict[str, tuple[float, float, str]]:
    """ISO-3 -> (lon, lat, name)."""
    rows = read_tsv("geo", "data", "countries.tsv", required=("iso3", "lon", "lat"))
    return {r["iso3"]: (float(r["lon"]), float(r["lat"]), r["name"]) for r in rows}


@cache
def place_points() -> dict[str, tuple[float, float]]:
    """GeoNames id -> (lon, lat). Values are packed per id; about 33,000 places."""
    out: dict[str, tuple[float, float]] = {}
    with gzip.open(data_path("geo", "data", "places_xy.tsv.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "geonameid\t")):
                continue
            gid, lat, lon = line.rstrip("\n").split("\t")
            out[gid] = (float(lon), float(lat))
    return out


def country_point(iso3: str | None) -> tuple[float, float] | None:
    hit = country_points().get(iso3 or "")
    return (hit[0], hit[1]) if hit else None


def place_point(name: str) -> tuple[str, str, float, float] | None:
    """A place named as written ("Charkiw", "Teheran") -> (its name, ISO-3 country, lon, lat), or None."""
    actor = place_actor(name)
    if actor is None:
        return None
    xy = place_points().get(actor.id.removeprefix("geonames:"))
    return (actor.name, actor.country or "", *xy) if xy else None


def geonames_point(actor_id: str) -> tuple[float, float] | None:
    """Coordinates of a place actor the linker made from the gazetteer (`geonames:<id>`)."""
    if not actor_id.startswith("geonames:"):
        return None
    return place_points().get(actor_id.removeprefix("geonames:"))


@cache
def basemap_bytes() -> bytes:
    """The world outlines as shipped (JSON: source, licence, countries with ISO-3, name and rings)."""
    return data_path("geo", "data", "world.json").read_bytes()


def basemap() -> dict:
    return json.loads(basemap_bytes())
