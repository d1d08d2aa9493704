"""The embedded store: one DuckDB file, one writer, content-hash idempotent upserts."""

from __future__ import annotations

from .db import DEFAULT_DB, Store, open_store

__all__ = ["DEFAULT_DB", "Store", "open_store"]
