"""Dated values of the actor sources: "RUSGOV 2000-05-07..; RUSELI", "Präsident 2014-08-28..".

One parser for the curated TSVs (read by scripts/build_actors.py) and the user overlay (read at run
time): values with an optional range START..END, either side open, dates as YYYY-MM-DD or, where
only the year or month is known, YYYY / YYYY-MM for its first day. Ranges are [start, end).
"""

from __future__ import annotations

import datetime as dt
import re

DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
DATE_RANGE = re.compile(rf"\s*({DATE})?\.\.({DATE})?\s*$")


def full_date(value: str | None, where: str) -> str | None:
    """A date as YYYY-MM-DD ('2021' → '2021-01-01', '2021-12' → '2021-12-01'); ValueError naming
    `where` for anything else."""
    if not value:
        return None
    value = value.strip()
    parts = value.split("-")
    full = "-".join([*parts, *["01"] * (3 - len(parts))])
    try:
        dt.date.fromisoformat(full)
    except ValueError:
        raise ValueError(f"{where}: invalid date {value!r}") from None
    return full


def parse_dated(cell: str, where: str) -> list[list]:
    """'RUSGOV 2000-05-07..; RUSELI' → [[RUSGOV, 2000-05-07, None], [RUSELI, None, None]]."""
    out = []
    for part in cell.split(";"):
        part = part.strip()
        if not part:
            continue
        m = DATE_RANGE.search(part)
        if m:
            value = part[: m.start()].strip()
            start, end = full_date(m.group(1), where), full_date(m.group(2), where)
        else:
            value, start, end = part, None, None
        if not value:
            raise ValueError(f"{where}: empty value in {cell!r}")
        if start and end and start > end:
            raise ValueError(f"{where}: range {start}..{end} ends before it starts")
        out.append([value, start, end])
    return out
