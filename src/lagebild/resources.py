"""Read the package's data files (TSV lexicons, pattern files) once, validating as they load."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from pathlib import Path


def data_path(*parts: str) -> Path:
    return Path(str(resources.files("lagebild").joinpath(*parts)))


def read_tsv(*parts: str, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a TSV data file as dicts; `#` lines are comments, the first other line the header.

    A missing required column or a short row raises ValueError naming file and line: data files are
    edited by hand, and a silent half-load would be worse than a loud failure.
    """
    return list(_read_tsv_cached(parts, required))


@cache
def _read_tsv_cached(parts: tuple[str, ...], required: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    return tuple(parse_tsv(data_path(*parts), required))


def parse_tsv(path: Path, required: tuple[str, ...] = (), *, locate: bool = False) -> list[dict[str, str]]:
    """Parse one TSV file (see `read_tsv`); with `locate`, each row also gets `_where` = "file:line"
    so that build scripts can point at the row a problem came from."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            if header is None:
                header = cells
                missing = [c for c in required if c not in header]
                if missing:
                    raise ValueError(f"{path}:{lineno}: missing columns {missing}")
                continue
            if len(cells) > len(header):
                raise ValueError(f"{path}:{lineno}: {len(cells)} cells, header has {len(header)}")
            row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
            for c in required:
                if not row[c].strip():
                    raise ValueError(f"{path}:{lineno}: empty {c!r}")
            if locate:
                row["_where"] = f"{path.name}:{lineno}"
            rows.append(row)
    return rows
