"""Build the shipped CAMEO table (src/lagebild/events/data/cameo.tsv) from the public sources.

Inputs: ../shared/data/cameo/cameo-codes.csv (CAMEO codes, names, Goldstein scores; MIT) and
CAMEO2PLOVER-2021.txt (PLOVER categories; CC BY-SA 4.0). A code the PLOVER table does not list takes
the category of its nearest listed ancestor (0211 -> 021 -> 02), so every row has one.

    python scripts/build_cameo.py [--src ../shared/data/cameo] [--out src/lagebild/events/data/cameo.tsv]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = """\
# CAMEO event codes with Goldstein scores and PLOVER categories, one code a line.
# Built by scripts/build_cameo.py; do not edit by hand.
# CAMEO codes, names and Goldstein scores: cameo-codes.csv (CAMEO codebook, Schrodt et al.;
#   distributed under the MIT licence with the Open Event Data Alliance dictionaries).
# PLOVER categories: CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8 (Philip Schrodt, 2021),
#   licensed CC BY-SA 4.0; the plover column of this file is shared under the same licence.
"""


def read_plover(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER event category ('AGREE', 'ASSAULT', ...)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Z_]+)", line)
        if m:
            out[m[1]] = m[2]
    return out


def plover_for(code: str, table: dict[str, str]) -> str:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return ""


def build(src: Path, out: Path) -> int:
    plover = read_plover(src / "CAMEO2PLOVER-2021.txt")
    with open(src / "cameo-codes.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("code\troot\tname\tgoldstein\tplover\n")
        for r in rows:
            name = " ".join(r["name"].split())
            fh.write(
                f"{r['code']}\t{r['root_code']}\t{name}\t{float(r['goldstein']):g}\t{plover_for(r['code'], plover)}\n"
            )
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=ROOT.parent / "shared" / "data" / "cameo")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "lagebild" / "events" / "data" / "cameo.tsv")
    args = ap.parse_args()
    print(f"{build(args.src, args.out)} codes -> {args.out}")


if __name__ == "__main__":
    main()
