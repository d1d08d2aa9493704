-- lagebild store, migration 005: what was fetched from the web, and warnings beside errors.
-- One row per URL as requested (normalised); a page's canonical URL and the article it became.
-- `etag` and `last_modified` make the next request conditional (304 Not Modified costs nothing).
CREATE TABLE IF NOT EXISTS fetched (
    url VARCHAR PRIMARY KEY,
    canonical_url VARCHAR,
    kind VARCHAR NOT NULL,          -- page, feed, sitemap
    article_id VARCHAR,
    content_hash VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    status INTEGER NOT NULL,
    fetched_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

ALTER TABLE ingest_errors ADD COLUMN IF NOT EXISTS level VARCHAR DEFAULT 'error';
