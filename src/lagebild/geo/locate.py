"""Place an event on the map, saying how precisely.

1. `place`: a city or town named in the event's sentence (a GeoNames place or a capital the knowledge base
   links), the one nearest the trigger, preferring the trigger's own clause;
2. `country`: a country named in the sentence as a place (not as the event's source);
3. `target_country`: the point of the target's country;
4. `source_country`: the point of the source's country.
A place named as the event's source ("Moskau kritisierte …") is the actor, not where it happened, so it is
skipped; a place named as the target ("griffen Charkiw an") is where it happened. Events with none of these
are not placed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .points import country_point, country_points, geonames_point, place_point

PRECISIONS = ("place", "country", "target_country", "source_country")
CLAUSE_BREAK = re.compile(r"[,;:–—()]")


@dataclass(slots=True, frozen=True)
class Location:
    lon: float
    lat: float
    precision: str
    name: str
    start: int | None = None  # the place's offsets in the article text, when it is named there
    end: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _is_state(entity: dict) -> bool:
    """A linked state (its actor id or code is its own country code), not a city or an organisation."""
    country = entity.get("actor_country")
    return (
        bool(country)
        and country in country_points()
        and country in (entity.get("actor_id"), entity.get("actor_code"))
    )


def _as_place(entity: dict) -> Location | None:
    """A city or town for a LOC/GPE entity: a gazetteer actor, a linked capital, or an unlinked name."""
    start, end = entity["start"], entity["end"]
    xy = geonames_point(entity.get("actor_id") or "")
    if xy:
        return Location(xy[0], xy[1], "place", entity.get("actor_name") or entity["text"], start, end)
    if _is_state(entity):
        return None
    hit = place_point(entity.get("actor_name") or entity["text"])
    if hit is None and entity.get("actor_name"):
        hit = place_point(entity["text"])
    if hit is None:
        return None
    return Location(hit[2], hit[3], "place", hit[0], start, end)


def _as_country(entity: dict) -> Location | None:
    if not _is_state(entity):
        return None
    xy = country_point(entity["actor_country"])
    return (
        Location(
            xy[0],
            xy[1],
            "country",
            entity.get("actor_name") or entity["text"],
            entity["start"],
            entity["end"],
        )
        if xy
        else None
    )


def _distance(event: dict, entity: dict, text: str) -> tuple[int, int]:
    """(clause breaks between the entity and the trigger, characters between them)."""
    if entity["end"] <= event["trigger_start"]:
        between = text[entity["end"] : event["trigger_start"]]
    else:
        between = text[event["trigger_end"] : entity["start"]]
    return len(CLAUSE_BREAK.findall(between)), abs(entity["start"] - event["trigger_start"])


def _in_sentence(event: dict, entity: dict) -> bool:
    s, e = event.get("sentence_start"), event.get("sentence_end")
    return s is not None and e is not None and entity["start"] >= s and entity["end"] <= e


def _overlaps(entity: dict, start: int | None, end: int | None) -> bool:
    return start is not None and end is not None and entity["start"] < end and start < entity["end"]


def locate(event: dict, entities: list[dict]) -> Location | None:
    """Where an event happened (see the module doc). `event` is a row of `/events` (offsets, countries,
    sentence); `entities` are the LOC/GPE entities of its article, with the linked actor's name and country."""
    sentence = event.get("sentence") or ""
    offset = event.get("sentence_start") or 0
    candidates = [
        en
        for en in entities
        if _in_sentence(event, en) and not _overlaps(en, event.get("source_start"), event.get("source_end"))
    ]
    relative = {id(en): {**en, "start": en["start"] - offset, "end": en["end"] - offset} for en in candidates}
    trigger = {
        "trigger_start": (event.get("trigger_start") or offset) - offset,
        "trigger_end": (event.get("trigger_end") or offset) - offset,
    }
    ranked = sorted(candidates, key=lambda en: _distance(trigger, relative[id(en)], sentence))
    for resolve in (_as_place, _as_country):
        for en in ranked:
            found = resolve(en)
            if found:
                return found
    for side, precision in (("target", "target_country"), ("source", "source_country")):
        country = event.get(f"{side}_country")
        xy = country_point(country)
        if xy:
            return Location(xy[0], xy[1], precision, country_points()[country][2])
    return None
