"""Events as a GeoJSON FeatureCollection (RFC 7946: [lon, lat] points), one feature per event mention, or one
per story with `merged` (placed where its most precisely placed mention is)."""

from __future__ import annotations

from .locate import PRECISIONS, Location, locate


def _feature(event: dict, where: Location) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [where.lon, where.lat]},
        "properties": {**event, "location": where.to_dict()},
    }


def feature_collection(events: list[dict], places: dict[str, list[dict]], *, merged: bool = False) -> dict:
    """`events` are `/events` rows (with story_id and story_articles); `places` the LOC/GPE entities per article."""
    features: list[dict] = []
    best: dict[str, tuple[int, dict]] = {}
    seen: set[str] = set()  # stories met (merged): those never placed are the unplaced ones
    unplaced = 0
    for event in events:
        story = event.get("story_id")
        if merged and story is None:
            continue  # negated, or without two linked actors: in no story
        seen.add(story)
        where = locate(event, places.get(event["article_id"], []))
        if where is None:
            unplaced += not merged
            continue
        feature = _feature(event, where)
        if not merged:
            features.append(feature)
            continue
        rank = PRECISIONS.index(where.precision)
        if story not in best or rank < best[story][0]:
            best[story] = (rank, feature)
    if merged:
        features = [f for _, f in best.values()]
        unplaced = len(seen) - len(best)
    counts = {
        p: sum(1 for f in features if f["properties"]["location"]["precision"] == p) for p in PRECISIONS
    }
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {"merged": merged, "placed": len(features), "unplaced": unplaced, "precision": counts},
    }
