#!/usr/bin/env python3
"""Build the shipped actor knowledge base `src/lagebild/actors/data/actors.jsonl.gz` and its pack (`data/kb/`).

Inputs (see docs/actors.md):
  - src/lagebild/actors/data/src/*.tsv: hand-curated states, metonyms, organisations, people, role words;
  - Babel/CLDR territory names in German and English (babel is a dev-only dependency: only this
    script imports it; the runtime reads the built file);
  - the Phoenix actor and agent dictionaries of PETRARCH2 (MIT), by default from
    ../shared/data/cameo/petrarch2-dictionaries/ (`--phoenix DIR`; skipped with a warning if absent).

Output: gzip JSON lines; line 1 is a header (sources, licences, counts, key probes), then one line per
actor ({"id", "name", "type", "country", "kind", "codes", "roles", "names", "adj", "src", "prio"}),
then one line per role word ({"role": ...}). Names carry precomputed name keys so loading is cheap.

usage: python scripts/build_actors.py [--phoenix DIR] [--no-phoenix] [--out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import io
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from lagebild.actors import dated, kbpack  # noqa: E402
from lagebild.actors.translit import adjective_forms, fold_letters, name_keys, plain, tokenize_name  # noqa: E402
from lagebild.lang import all_languages  # noqa: E402
from lagebild.resources import parse_tsv  # noqa: E402

DATA = ROOT / "src" / "lagebild" / "actors" / "data"
SRC = DATA / "src"
DEFAULT_PHOENIX = ROOT.parent / "shared" / "data" / "cameo" / "petrarch2-dictionaries"
OUT = DATA / "actors.jsonl.gz"

# Curated organisation files and the kind of actor each holds.
ORG_FILES = (
    ("orgs.tsv", "org"),
    ("parties.tsv", "party"),
    ("armed_groups.tsv", "armed"),
    ("ngos.tsv", "ngo"),
    ("media_business.tsv", "org"),
)
# Offices of officials*.tsv: (default German title, CAMEO sector of the code while in office).
OFFICES = {
    "HOS": ("Präsident", "GOV"),  # head of state
    "HOG": ("Premierminister", "GOV"),  # head of government
    "VP": ("Vizepräsident", "GOV"),
    "FM": ("Außenminister", "GOV"),
    "DM": ("Verteidigungsminister", "MIL"),
    "IM": ("Innenminister", "GOV"),
    "FIN": ("Finanzminister", "GOV"),
    "MIN": ("Minister", "GOV"),
    "SPK": ("Parlamentspräsident", "LEG"),
    "MIL": ("Generalstabschef", "MIL"),
    "SPY": ("Geheimdienstchef", "SPY"),
    "JUD": ("Staatsanwalt", "JUD"),
    "MAYOR": ("Bürgermeister", "GOV"),
    "OPP": ("Oppositionsführer", "OPP"),
    "PTY": ("Parteichef", "PTY"),
    "REB": ("Anführer", "REB"),
    "IGO": ("", ""),  # an office of an international organisation: the row gives title and code
}
# Offices whose holders news names by a bare surname even where the surname is frequent ("Costa").
TOP_OFFICES = frozenset({"HOS", "HOG", "FM", "IGO", "OPP", "PTY", "REB"})
# The values of the `source` column: this project's compilation from general knowledge, or the Phoenix
# dictionaries (MIT) where a row was taken from them.
SOURCES = {"lagebild curation", "phoenix"}
# Priority of a name's source when several actors share a key: lower wins.
PRIO = {"curated": 0, "cldr": 1, "surname": 1, "phoenix-country": 2, "phoenix": 3}
PROBES = (
    "Rjabkow",
    "Selenskyj",
    "Chamenei",
    "Weißrussland",
    "Araghtschi",
    "Gorbatschow",
    "al-Gaddafi",
    "Løkke",
    "Kılıçdaroğlu",
)
# CLDR territories that are not states (or not actors) in the sense of this KB; XK (Kosovo) is the curated KSV.
CLDR_SKIP = {
    "XK",
    "EU",
    "EZ",
    "UN",
    "QO",
    "XA",
    "XB",
    "ZZ",
    "AQ",
    "BV",
    "HM",
    "UM",
    "IC",
    "EA",
    "CP",
    "DG",
    "TA",
}


def read_tsv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a curated TSV, each with `_where` (file:line); a broken row stops the build, named."""
    try:
        return parse_tsv(path, required, locate=True)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None


def check_source(row: dict[str, str]) -> None:
    source = row.get("source") or "lagebild curation"
    if source not in SOURCES:
        raise SystemExit(f"{row['_where']}: unknown source {source!r} (one of {', '.join(sorted(SOURCES))})")


def plain_ascii(name: str) -> str:
    """A name folded to ASCII letters for ids ("Kılıçdaroğlu" → "Kilicdaroglu")."""
    return "".join(c for c in fold_letters(name) if c.isascii())


# Tokens after a name that are no part of a surname, and lower-case particles that are.
NAME_SUFFIX = re.compile(r"^(?:jr\.?|sr\.?|[IVXLC]+\.?)$", re.IGNORECASE)
SURNAME_PARTICLES = {
    "von",
    "van",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "le",
    "la",
    "zu",
    "ten",
    "ter",
    "al",
    "el",
}
PATRONYMIC = {"bin", "ibn", "ben", "bint", "abu", "ould"}
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "KOR", "PRK", "VNM", "KHM"}


def surname_of(name: str, country: str | None) -> str | None:
    """The surname a news text may use alone: "Alexander Van der Bellen" → "Van der Bellen",
    "Baschar al-Assad" → "al-Assad", "Xi Jinping" → "Xi"; None for one-word and patronymic names."""
    toks = name.split()
    while toks and NAME_SUFFIX.match(toks[-1]):
        toks.pop()
    if len(toks) < 2 or any(t.lower() in PATRONYMIC for t in toks):
        return None
    if country in FAMILY_NAME_FIRST:
        return toks[0]
    i = len(toks) - 1
    while i - 1 >= 1 and toks[i - 1].lower() in SURNAME_PARTICLES:
        i -= 1
    return " ".join(toks[i:])


def spelt(name: str) -> str:
    """A name as spelt, up to case, diacritics and spacing ("Erdoğan" = "erdogan")."""
    return "".join(plain(w) for w in name.split())


def _gazetteer_words(*kinds: str) -> set[str]:
    """Words of the NER gazetteer's sources of the given kinds, as spelt (`spelt`)."""
    from lagebild.actors.gazetteer import source_rows

    return {plain(w) for w, kind in source_rows() if kind in kinds and " " not in w}


def _frequent_surnames() -> set[str]:
    """Surnames frequent enough to be in the NER's surname list (as spelt)."""
    return _gazetteer_words("per")


def _common_words() -> set[str]:
    """German common nouns, given names (the NER's word lists) and place names (the gazetteer), as
    spelt (`spelt`): surnames that are one of them are not used alone."""
    from lagebild.actors.places import places

    return _gazetteer_words("noun", "per_first") | {k.replace(" ", "") for k in places()}


def split_list(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def full_date(value: str | None, where: str) -> str | None:
    try:
        return dated.full_date(value, where)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None


def parse_dated(cell: str, where: str) -> list[list]:
    try:
        return dated.parse_dated(cell, where)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None


def german_variants(name: str) -> list[str]:
    """Inflected forms of a multi-word German name whose leading words are adjectives:
    "Vereinte Nationen" → "Vereinten Nationen"; "Weißes Haus" → "Weiße Haus", "Weißen Haus".
    The last word's genitive -s/-es is handled at lookup time."""
    toks = name.split()
    if len(toks) < 2:
        return []
    idx = [
        i
        for i, t in enumerate(toks[:-1])
        if t[:1].isupper() and len(t) >= 4 and re.search(r"(e|es|er|en)$", t) and toks[i + 1][:1].isupper()
    ]
    if not idx:
        return []
    out = []
    for ending in ("e", "en", "er", "es", "em"):
        new = list(toks)
        for i in idx:
            new[i] = re.sub(r"(e|es|er|en)$", "", toks[i]) + ending
        variant = " ".join(new)
        if variant != name:
            out.append(variant)
    return out


class Builder:
    def __init__(self) -> None:
        self.entries: dict[str, dict] = {}
        self.by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
        self.adjectives_en: dict[str, str] = {}
        self.offices_of: dict[str, set[str]] = defaultdict(set)  # the officials*.tsv offices of a person

    def add_entry(self, entry: dict) -> dict:
        eid = entry["id"]
        if eid in self.entries:
            raise SystemExit(f"duplicate actor id {eid!r}")
        entry.setdefault("names", [])
        entry.setdefault("adj", [])
        entry.setdefault("roles", [])
        self.entries[eid] = entry
        return entry

    def add_name(self, eid: str, name: str, lang: str, src: str) -> None:
        name = name.strip()
        keys = name_keys(name)
        if not keys:
            return
        entry = self.entries[eid]
        for n in entry["names"]:
            if n[0] == name and n[1] in ("", lang):
                return
        entry["names"].append([name, lang, " ".join(keys), PRIO[src]])
        if eid not in self.by_key[keys]:
            self.by_key[keys].append(eid)

    # curated ---------------------------------------------------------------------------------

    def states(self) -> None:
        for r in read_tsv(SRC / "states.tsv", ("iso3", "de", "en")):
            check_source(r)
            iso = r["iso3"]
            self.add_entry(
                {
                    "id": iso,
                    "name": r["de"],
                    "type": "GPE",
                    "country": iso,
                    "kind": "state",
                    "codes": [[iso, None, None]],
                    "src": ["curated"],
                }
            )
            self.add_name(iso, r["de"], "de", "curated")
            self.add_name(iso, r["en"], "en", "curated")
            for a in split_list(r["aliases"]):
                self.add_name(iso, a, "", "curated")
                for v in german_variants(a):
                    self.add_name(iso, v, "de", "curated")
            for v in german_variants(r["de"]):
                self.add_name(iso, v, "de", "curated")
            adj = self.entries[iso]["adj"]
            for stem in split_list(r["adj_de"]):
                adj.extend(["de", f] for f in adjective_forms(stem))
            for a in split_list(r["adj_en"]):
                adj.append(["en", a])
                self.adjectives_en[a.upper()] = iso

    def metonyms(self) -> None:
        for r in read_tsv(SRC / "metonyms.tsv", ("id", "name", "code", "country", "type", "kind")):
            check_source(r)
            self.add_entry(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "type": r["type"],
                    "country": r["country"],
                    "kind": r["kind"],
                    "codes": [[r["code"], None, None]],
                    "src": ["curated"],
                }
            )
            for a in [r["name"], *split_list(r["aliases"])]:
                self.add_name(r["id"], a, "", "curated")
                for v in german_variants(a):
                    self.add_name(r["id"], v, "de", "curated")

    def orgs(self) -> None:
        """Organisations of every kind: IGOs with their agencies and missions (orgs.tsv), national
        parties (parties.tsv), armed groups and militias (armed_groups.tsv), NGOs (ngos.tsv)."""
        for fname, kind in ORG_FILES:
            for r in read_tsv(SRC / fname, ("id", "name", "code", "type")):
                check_source(r)
                country = r["country"] or None
                if country is not None and country not in self.entries:
                    raise SystemExit(f"{r['_where']}: unknown country {country!r}")
                self.add_entry(
                    {
                        "id": r["id"],
                        "name": r["name"],
                        "type": r["type"],
                        "country": country,
                        "kind": kind,
                        "codes": parse_dated(r["code"], r["_where"]),
                        "src": ["curated"],
                    }
                )
                for a in [r["name"], *split_list(r["aliases"])]:
                    self.add_name(r["id"], a, "", "curated")
                    for v in german_variants(a):
                        self.add_name(r["id"], v, "de", "curated")

    def people(self) -> None:
        for r in read_tsv(SRC / "people.tsv", ("id", "name", "country", "codes")):
            check_source(r)
            country = r["country"] if r["country"] != "IGO" else None
            self.add_entry(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "type": "PER",
                    "country": country,
                    "kind": "person",
                    "codes": parse_dated(r["codes"], r["_where"]),
                    "roles": parse_dated(r["roles"], r["_where"]),
                    "src": ["curated"],
                }
            )
            for a in [r["name"], *split_list(r["aliases"])]:
                self.add_name(r["id"], a, "", "curated")

    def officials(self) -> int:
        """Office holders 2010–2026 (officials*.tsv, one row per person and term of office): rows of
        one person (country + name) become one actor, merged into a people.tsv actor of the same
        name and country; each term gives a dated role and a dated code (the office's sector, or the
        row's own code), and every person falls back to <country>ELI outside their terms."""
        people: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for path in sorted(SRC.glob("officials*.tsv")):
            for r in read_tsv(path, ("country", "office", "name", "start")):
                check_source(r)
                if r["country"] not in self.entries or self.entries[r["country"]]["kind"] != "state":
                    raise SystemExit(f"{r['_where']}: unknown country {r['country']!r}")
                if r["office"] not in OFFICES:
                    raise SystemExit(
                        f"{r['_where']}: unknown office {r['office']!r} (one of {', '.join(OFFICES)})"
                    )
                if r["office"] == "IGO" and not r["code"]:
                    raise SystemExit(f"{r['_where']}: an IGO office needs its code")
                people[(r["country"], " ".join(name_keys(r["name"])))].append(r)
        for rows in people.values():
            self._official(rows)
        return len(people)

    def _official(self, rows: list[dict]) -> None:
        first = rows[0]
        country = first["country"]
        eid = self._person_id(first["name"], country)
        if eid not in self.entries:
            self.add_entry(
                {
                    "id": eid,
                    "name": first["name"],
                    "type": "PER",
                    "country": country,
                    "kind": "person",
                    "codes": [],
                    "roles": [],
                    "src": ["curated"],
                }
            )
        entry = self.entries[eid]
        self.offices_of[eid].update(r["office"] for r in rows)
        for r in rows:
            start, end = full_date(r["start"], r["_where"]), full_date(r["end"], r["_where"])
            if start and end and start > end:
                raise SystemExit(f"{r['_where']}: range {start}..{end} ends before it starts")
            office = OFFICES[r["office"]]
            code = r["code"] or country + office[1]
            title = r["title"] or office[0]
            where = self.entries[country]["name"] if r["office"] != "IGO" else ""
            entry["codes"].append([code, start, end])
            entry["roles"].append([f"{title} ({where})" if where else title, start, end])
            for a in [r["name"], *split_list(r["aliases"])]:
                self.add_name(eid, a, "", "curated")
        if not any(c[1] is None and c[2] is None for c in entry["codes"]):
            entry["codes"].append([country + "ELI", None, None])

    def _person_id(self, name: str, country: str) -> str:
        """The curated person this official is (same name key and country), else a new id."""
        for eid in self.by_key.get(name_keys(name), []):
            e = self.entries[eid]
            if e["type"] == "PER" and e["country"] in (country, None):
                return eid
        base = re.sub(r"[^A-Z0-9]+", "_", plain_ascii(name).upper()).strip("_")
        return base if base not in self.entries else f"{base}_{country}"

    def surnames(self) -> int:
        """Bare surnames of curated people as aliases ("Erdoğan", "von der Leyen", "al-Sisi"), where
        German news may use them alone: only a surname that no other curated person shares (as
        spelt), that is no common noun, given name or place, and no name of another actor spelt the
        same; none for patronymic names ("Mohammed bin Salman"). Family name first for Chinese,
        Korean and Vietnamese names. They rank after curated names and match only as spelt."""
        common = _common_words()
        frequent = _frequent_surnames()
        by_surname: dict[str, set[str]] = defaultdict(set)
        for eid, e in self.entries.items():
            if e["type"] == "PER" and "curated" in e["src"] and (sur := surname_of(e["name"], e["country"])):
                by_surname[spelt(sur)].add(eid)
        added = 0
        for low, eids in sorted(by_surname.items()):
            eid = next(iter(eids))
            sur = surname_of(self.entries[eid]["name"], self.entries[eid]["country"]) or ""
            keys = name_keys(sur)
            same = [o for o in self.by_key.get(keys, []) if o != eid and spelt(sur) in self._spellings(o)]
            if len(eids) != 1 or not keys or len(low) < 3 or same or low in common:
                continue
            if not self.offices_of[eid] & TOP_OFFICES and low in frequent:
                continue  # "Miller", "Fox", "Klug": only the holders of top offices by a frequent surname
            self.add_name(eid, sur, "", "surname")
            added += 1
        return added

    def _spellings(self, eid: str) -> set[str]:
        return {spelt(n[0]) for n in self.entries[eid]["names"]}

    # CLDR ------------------------------------------------------------------------------------

    def cldr(self) -> int:
        from babel import Locale
        from babel.core import get_global

        alpha3: dict[str, list[str]] = defaultdict(list)
        for k, v in get_global("territory_aliases").items():
            if len(k) == 3 and k.isalpha() and len(v) == 1:
                alpha3[v[0]].append(k)
        de, en = Locale("de").territories, Locale("en").territories
        added = 0
        for a2, name_de in de.items():
            if not (len(a2) == 2 and a2.isalpha()) or a2 in CLDR_SKIP or a2 not in alpha3:
                continue
            cands = alpha3[a2]
            iso = next((c for c in cands if c in self.entries), None) or sorted(cands)[-1]
            if iso not in self.entries:
                self.add_entry(
                    {
                        "id": iso,
                        "name": name_de,
                        "type": "GPE",
                        "country": iso,
                        "kind": "state",
                        "codes": [[iso, None, None]],
                        "src": ["cldr"],
                    }
                )
                added += 1
            elif "cldr" not in self.entries[iso]["src"]:
                self.entries[iso]["src"].append("cldr")
            self.add_name(iso, name_de, "de", "cldr")
            if a2 in en:
                self.add_name(iso, en[a2], "en", "cldr")
        return added

    # Phoenix ---------------------------------------------------------------------------------

    def phoenix(self, folder: Path) -> dict[str, int]:
        counts = {}
        stop = set(TITLE_WORDS)
        for fname, default_type in (
            ("Phoenix.Countries.actors.txt", None),
            ("Phoenix.International.actors.txt", "ORG"),
            ("Phoenix.MilNonState.actors.txt", "ORG"),
        ):
            n = 0
            for names, codes, comment in parse_phoenix(folder / fname):
                n += self._phoenix_entry(names, codes, comment, default_type, stop)
            counts[fname] = n
        return counts

    def _phoenix_entry(self, names, codes, comment, default_type, stop) -> int:
        plain = [c for c in codes if c[1] is None and c[2] is None]
        if len(codes) == 1 and len(codes[0][0]) == 3 and codes[0][0] in self.entries and not codes[0][1]:
            # a country block: its synonyms (incl. cities, regions) name the state
            iso = codes[0][0]
            for n in names:
                n = re.sub(r"^THE_", "", n)
                if n.upper() in self.adjectives_en or not _usable_name(n, "GPE", set(), {}):
                    continue
                self.add_name(iso, _display(n), "en", "phoenix-country")
            return 1
        dated = [c for c in codes if c[1] or c[2]]
        is_person = bool(dated) or "CountryInfo" in comment or any(c[0].endswith("ELI") for c in plain)
        etype = "PER" if is_person else (default_type or "ORG")
        good = [n for n in names if _usable_name(n, etype, stop, self.adjectives_en)]
        if not good:
            return 0
        # merge into a curated actor sharing a full name key
        for n in good:
            for eid in self.by_key.get(name_keys(_display(n)), []):
                e = self.entries[eid]
                if "curated" in e["src"] and e["type"] == etype:
                    for m in good:
                        self.add_name(eid, _display(m), "", "phoenix")
                    if "phoenix" not in e["src"]:
                        e["src"].append("phoenix")
                        e["phoenix_id"] = names[0].strip("_")
                    return 1
        eid = names[0].strip("_").upper()
        if eid in self.entries:
            eid = f"{eid}~{len(self.entries)}"
        first3 = codes[0][0][:3]
        country = first3 if first3 in self.entries and self.entries[first3]["kind"] == "state" else None
        self.add_entry(
            {
                "id": eid,
                "name": _display(good[0]),
                "type": etype,
                "country": country,
                "kind": "phoenix",
                "codes": codes,
                "src": ["phoenix"],
            }
        )
        for n in good:
            self.add_name(eid, _display(n), "", "phoenix")
        return 1

    # roles -----------------------------------------------------------------------------------

    def roles(self, folder: Path | None) -> list[dict]:
        out = []
        seen = set()
        for lang in all_languages():
            rules = RoleForms.read(lang)
            for r in read_tsv(lang.path("actors", "roles.tsv"), ("word", "gender", "kind")):
                forms = [r["word"], *split_list(r["forms"])]
                if r["kind"] != "mod":
                    forms += rules.forms(r["word"], r["gender"])
                for f in dict.fromkeys(forms):
                    key = (lang.code, f.lower())
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(
                        {
                            "role": f,
                            "lang": lang.code,
                            "lemma": r["word"],
                            "sector": r["sector"],
                            "gender": "f" if rules.feminine(f, r["word"]) else r["gender"],
                            "kind": r["kind"],
                        }
                    )
        if folder is not None and (folder / "Phoenix.agents.txt").exists():
            for word, sector in parse_agents(folder / "Phoenix.agents.txt"):
                key = ("en", word)
                if key in seen or len(word.split()) > 3:
                    continue
                seen.add(key)
                out.append(
                    {
                        "role": word,
                        "lang": "en",  # Phoenix's agent words are English
                        "lemma": word,
                        "sector": sector,
                        "gender": "m",
                        "kind": "agent",
                    }
                )
        return out


@dataclass(frozen=True)
class RoleForms:
    """A language's inflection rules for role words (lang/<code>/actors/role_forms.tsv)."""

    rows: tuple[
        tuple[str, tuple[str, ...], tuple[str, ...], bool], ...
    ]  # gender, endings, suffixes, multiword
    feminine_suffixes: tuple[str, ...]

    @classmethod
    def read(cls, lang) -> RoleForms:
        rows, feminine = [], ()
        for r in read_tsv(lang.path("actors", "role_forms.tsv"), ("gender", "suffixes")):
            if r["gender"] == "feminine":
                feminine = tuple(split_list(r["suffixes"]))
                continue
            rows.append(
                (
                    r["gender"],
                    tuple(split_list(r["ending"])),
                    tuple(split_list(r["suffixes"])),
                    r["multiword"] == "yes",
                )
            )
        return cls(tuple(rows), feminine)

    def forms(self, word: str, gender: str) -> list[str]:
        """Inflected forms of a role word by the first matching rule."""
        for g, endings, suffixes, multiword in self.rows:
            if g not in (gender, "*") or (endings and not word.endswith(endings)):
                continue
            if " " in word and not multiword:
                return []
            return [word + x for x in suffixes]
        return []

    def feminine(self, form: str, word: str) -> bool:
        fem = self.feminine_suffixes
        return bool(fem) and form.endswith(fem) and not word.endswith(fem)


# Words that make a Phoenix name a role phrase rather than a name ("PRESIDENT_VLADIMIR_PUTIN").
TITLE_WORDS = frozenset(
    [
        "president",
        "presidential",
        "prime",
        "minister",
        "ministry",
        "foreign",
        "secretary",
        "ambassador",
        "chairman",
        "leader",
        "general",
        "former",
        "vice",
        "deputy",
        "the",
        "of",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "emir",
        "premier",
        "chancellor",
        "governor",
        "senator",
        "spokesman",
        "envoy",
        "commander",
        "chief",
        "head",
        "mr",
        "mrs",
        "dr",
        "sir",
        "lord",
        "party",
        "opposition",
        "mayor",
        "official",
        "officials",
        "government",
        "army",
        "police",
        "rebel",
        "rebels",
        "troops",
        "forces",
        "soldiers",
        "military",
        "people",
        "citizens",
        "state",
        "states",
        "and",
        "in",
        "for",
        "on",
        "a",
    ]
)


def _display(name: str) -> str:
    """PETRARCH's NAME_WITH_UNDERSCORES_ as display text: 'Sergey Lavrov'."""
    toks = [t for t in name.strip().strip("_").split("_") if t]
    return " ".join(t if len(t) <= 6 and t.isupper() and len(toks) == 1 else t.capitalize() for t in toks)


def _usable_name(name: str, etype: str, stop: set[str], adjectives: dict[str, str]) -> bool:
    toks = [t for t in name.strip("_").split("_") if t]
    if not toks or any(not re.fullmatch(r"[A-Z0-9'.\-]+", t) for t in toks):
        return False
    low = [w for t in toks for w in t.lower().strip(".").split("-")]
    if any(t in stop for t in low) or any(t.upper() in adjectives for t in toks):
        return False
    if sum(ch.isalpha() for ch in name) < 4 or any(
        sum(ch.isalnum() for ch in t) < 2 for t in toks if "." not in t
    ):
        return False
    if etype == "PER":
        return 2 <= len(toks) <= 4  # bare surnames are too ambiguous across 10,000 stale entries
    # a single word is kept only as an acronym ("FARC"): "CARLOS" or "ZERO" would match too much
    return len(toks) > 1 or (len(toks[0]) <= 6 and "." not in toks[0])


def parse_phoenix(path: Path):
    """Blocks of a PETRARCH actor file: (names, codes, comment). Names are the entry line and its
    synonyms (`+NAME`, or further unprefixed lines before the first code line); codes are
    [CODE] / [CODE DATE-RANGE] on the entry line or indented lines after it."""
    names: list[str] = []
    codes: list[list] = []
    comment = ""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            body, _, rem = line.partition("#")
            found = re.findall(r"\[([^\]]+)\]", body)
            text = re.sub(r"\[[^\]]*\]", "", body).strip()
            starts_new = not line[0].isspace() and not line.startswith("+") and text
            if starts_new and codes:
                if names:
                    yield names, codes, comment
                names, codes, comment = [], [], ""
            if text:
                for part in text.split("{")[0].split():
                    part = part.lstrip("+")
                    if part and not part.startswith("{"):
                        names.append(part)
                        break
                if starts_new and not names[:-1]:
                    comment = rem
            for f in found:
                c = _phoenix_code(f)
                if c:
                    codes.append(c)
    if names and codes:
        yield names, codes, comment


def _phoenix_date(s: str) -> str | None:
    s = s.strip()
    if len(s) == 6:
        yy = int(s[:2])
        s = (f"20{s[:2]}" if yy <= 30 else f"19{s[:2]}") + s[2:]
    if len(s) != 8 or not s.isdigit():
        return None
    return f"{s[:4]}-{s[4:6]}-{s[6:]}"


def _phoenix_code(spec: str) -> list | None:
    parts = spec.split()
    if not parts or parts[0].startswith("~"):
        return None
    code = parts[0].strip()
    if not re.fullmatch(r"[A-Z]{3,15}", code):
        return None
    if len(parts) == 1:
        return [code, None, None]
    rng = parts[1]
    if rng.startswith(">"):
        return [code, _phoenix_date(rng[1:]), None]
    if rng.startswith("<"):
        return [code, None, _phoenix_date(rng[1:])]
    if "-" in rng:
        a, b = rng.split("-", 1)
        return [code, _phoenix_date(a), _phoenix_date(b)]
    return [code, None, None]


def parse_agents(path: Path):
    """(english role word, sector) from Phoenix.agents.txt, with its !MACRO! lines expanded."""
    macros: dict[str, list[str]] = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.split("#")[0].strip()
            if not line:
                continue
            m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
            if m:
                macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
                continue
            m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
            if not m:
                continue
            word, sector = m.group(1).strip(), m.group(3)[:3]
            variants = [word]
            for macro, subs in macros.items():
                if macro in word:
                    variants = [v.replace(macro, s) for v in variants for s in subs]
            for v in variants:
                v = v.replace("_", " ").replace("!", "").strip().lower()
                if v and re.fullmatch(r"[a-z' \-]+", v):
                    yield v, sector


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX)
    ap.add_argument("--no-phoenix", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    b = Builder()
    b.states()
    b.metonyms()
    b.people()
    counts = {"cldr_added": b.cldr()}
    b.orgs()
    counts["officials"] = b.officials()
    counts["surnames"] = b.surnames()
    folder = None if args.no_phoenix else args.phoenix
    phoenix_counts: dict[str, int] = {}
    if folder is not None and folder.exists():
        phoenix_counts = b.phoenix(folder)
    elif folder is not None:
        print(f"warning: {folder} not found; building without the Phoenix dictionaries", file=sys.stderr)
        folder = None
    roles = b.roles(folder)

    entries = sorted(
        b.entries.values(), key=lambda e: (min(n[3] for n in e["names"]) if e["names"] else 9, e["id"])
    )
    entries = [e for e in entries if e["names"]]
    counts = {"actors": len(entries), "roles": len(roles), **counts, **phoenix_counts}
    _write_kb(args.out, _header(counts, with_phoenix=folder is not None), entries, roles)
    size = args.out.stat().st_size
    print(
        f"wrote {args.out} ({size / 1e6:.2f} MB): {len(entries)} actors, {len(roles)} role words; "
        f"CLDR added {counts['cldr_added']} states; Phoenix blocks {phoenix_counts or 'skipped'}"
    )
    if args.out == OUT:  # the shipped KB: pack it for loading (src/lagebild/actors/data/kb/)
        print(f"packed into {kbpack.pack_kb(args.out)}")
    return 0


def _header(counts: dict[str, int], *, with_phoenix: bool) -> dict:
    """The KB file's first line: sources, licences, counts, build date and the key probes."""
    phoenix = {
        "name": "PETRARCH2 Phoenix actor/agent dictionaries (openeventdata/petrarch2), "
        "Copyright (c) 2014 Open Event Data Alliance",
        "licence": "MIT",
    }
    return {
        "kb": "lagebild actors",
        "built": dt.date.today().isoformat(),
        "sources": [
            {
                "name": "lagebild curated TSVs (src/lagebild/actors/data/src/, src/lagebild/lang/*/actors/)",
                "licence": "MIT",
            },
            {"name": f"Unicode CLDR territory names via Babel {_babel_version()}", "licence": "Unicode-3.0"},
            *([phoenix] if with_phoenix else []),
        ],
        "counts": counts,
        "key_probes": {p: " ".join(name_keys(p)) for p in PROBES},
        "tokenize_probe": tokenize_name("Iran's U.S.-Regierung"),
    }


def _write_kb(out: Path, header: dict, entries: list[dict], roles: list[dict]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        open(out, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz,  # reproducible bytes
        io.TextIOWrapper(gz, encoding="utf-8") as fh,
    ):
        fh.write(json.dumps(header, ensure_ascii=False) + "\n")
        for e in entries:
            e["prio"] = min(n[3] for n in e["names"])
            fh.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
        for r in roles:
            fh.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


def _babel_version() -> str:
    import babel

    return babel.__version__


if __name__ == "__main__":
    sys.exit(main())
