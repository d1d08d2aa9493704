-- lagebild store, migration 001: articles and what was found in them.
-- Offsets are character offsets into articles.text. `record` keeps the full article record (JSON)
-- so exports round-trip exactly; the other tables are there for plain SQL.
-- events.date_precision (day | month | year) came later: stores created before it get it from migration 003.
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    source VARCHAR,
    url VARCHAR,
    language VARCHAR NOT NULL,
    title VARCHAR,
    author VARCHAR,
    published DATE,
    text VARCHAR NOT NULL,
    record JSON NOT NULL,
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    code VARCHAR,
    country VARCHAR
);

CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    role VARCHAR,
    actor_id VARCHAR,
    actor_code VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    cue_text VARCHAR,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_text VARCHAR,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_actor_id VARCHAR,
    rule VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    code VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    name VARCHAR,
    plover VARCHAR,
    goldstein DOUBLE,
    source_text VARCHAR,
    source_start INTEGER,
    source_end INTEGER,
    source_actor_id VARCHAR,
    source_code VARCHAR,
    target_text VARCHAR,
    target_start INTEGER,
    target_end INTEGER,
    target_actor_id VARCHAR,
    target_code VARCHAR,
    date DATE,
    date_text VARCHAR,
    date_precision VARCHAR,
    negated BOOLEAN NOT NULL,
    trigger_text VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    rule VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE IF NOT EXISTS ingest_errors (
    name VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    failed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
