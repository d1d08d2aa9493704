"""Dates: normalise publication dates; resolve absolute and relative dates in the text."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def normalize_date(value: str | None) -> str | None:
    """A publication date in any common form -> 'YYYY-MM-DD', or None if it cannot be read."""
    if not value:
        return None
    value = value.strip()
    m = _ISO.match(value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(
        value,
        languages=["de", "en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date().isoformat() if isinstance(parsed, datetime) else None
