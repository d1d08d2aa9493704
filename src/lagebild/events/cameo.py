"""The CAMEO code table shipped with the package: name, root, Goldstein score, PLOVER category."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..resources import read_tsv


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float | None
    plover: str | None


@cache
def cameo_table() -> dict[str, CameoCode]:
    """Code -> CameoCode, from data/cameo.tsv (built by scripts/build_cameo.py)."""
    out: dict[str, CameoCode] = {}
    for row in read_tsv("events", "data", "cameo.tsv", required=("code", "root", "name")):
        code = row["code"]
        if not code.isdigit() or not code.startswith(row["root"]):
            raise ValueError(f"cameo.tsv: bad code {code!r} for root {row['root']!r}")
        gs = row.get("goldstein", "")
        out[code] = CameoCode(
            code, row["root"], row["name"], float(gs) if gs else None, row.get("plover") or None
        )
    return out


def lookup(code: str) -> CameoCode:
    """The entry for a code; KeyError names the code when it is not a CAMEO code."""
    try:
        return cameo_table()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None
