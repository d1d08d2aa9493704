-- lagebild store, migration 003: the granularity of an event's date ("day", "month", "year"; null when
-- the event has no date). `date` stays the first day of what the words name ("im März 2008" -> 2008-03-01).
-- A store created since carries the column from schema.sql already (and the Dask path reads its columns
-- there); this adds it to stores created before. The views of 002 select e.* and DuckDB binds them when
-- queried, so they carry the column too.
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_precision VARCHAR;
