"""Named migrations, applied in order and recorded in `schema_migrations` (as sqlite-utils does)."""

from __future__ import annotations

from ..resources import data_path

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("001_initial", "schema.sql"),
    ("002_views", "views.sql"),
    ("003_stories", "stories.sql"),
    ("004_date_precision", "004_date_precision.sql"),
    ("005_fetch", "fetch.sql"),
)


def migrate(con) -> list[str]:
    """Apply the migrations this store has not seen; return their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for name, filename in MIGRATIONS:
        if name in done:
            continue
        sql = data_path("store", filename).read_text(encoding="utf-8")
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
