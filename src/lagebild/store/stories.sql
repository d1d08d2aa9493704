-- lagebild store, migration 003: stories — the same event reported by several articles.
--
-- Event mentions that agree in dyad (source actor -> target actor), code family (CAMEO root) and date within
-- one day of each other are one story: mentions are chained day by day, so a story is a run of days without a
-- gap of more than one day (the connected pieces of the "agree" relation). An undated mention can agree with
-- nothing across articles: it joins the other undated mentions of its dyad and family in its own article only.
-- As in unique_events before, negated mentions and mentions without two linked actors are in no story.
--
-- The `*_live` views compute stories from the events; the tables `story_members` and `story_facts` hold them,
-- refreshed by the writer in the same transaction for the (dyad, root) groups a batch touches
-- (`stories.refresh_stories`), so that reads never recompute them. Columns are named, never `*`, so that
-- everything keeps working when the events table gains columns.

CREATE OR REPLACE VIEW story_members_live AS
WITH base AS (
    SELECT article_id, idx, source_actor_id, target_actor_id, root, day
    FROM event_facts
    WHERE NOT negated AND source_actor_id IS NOT NULL AND target_actor_id IS NOT NULL
), marked AS (
    SELECT *,
        CASE WHEN day IS NULL THEN NULL WHEN day - lag(day) OVER w <= 1 THEN 0 ELSE 1 END AS opens
    FROM base
    WINDOW w AS (PARTITION BY source_actor_id, target_actor_id, root ORDER BY day NULLS LAST, article_id, idx)
), runs AS (
    SELECT *,
        sum(opens) OVER (PARTITION BY source_actor_id, target_actor_id, root
                         ORDER BY day NULLS LAST, article_id, idx ROWS UNBOUNDED PRECEDING) AS run
    FROM marked
)
SELECT
    article_id,
    idx,
    source_actor_id,
    target_actor_id,
    root,
    left(md5(concat_ws('|', source_actor_id, target_actor_id, root,
        CASE WHEN day IS NULL THEN 'undated ' || article_id
             ELSE CAST(min(day) OVER (PARTITION BY source_actor_id, target_actor_id, root, run) AS VARCHAR) END)),
        16) AS story_id
FROM runs;

CREATE TABLE IF NOT EXISTS story_members (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    source_actor_id VARCHAR NOT NULL,
    target_actor_id VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    story_id VARCHAR NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE OR REPLACE VIEW story_facts_live AS
WITH m AS (
    SELECT sm.story_id, ef.article_id, ef.idx, ef.code, ef.root, ef.name, ef.plover, ef.quad_class, ef.goldstein,
        ef.day, coalesce(ef.day, DATE '9999-12-31') AS day_key, coalesce(ef.published, DATE '9999-12-31') AS pub_key,
        ef.source_actor_id, ef.target_actor_id
    FROM story_members sm JOIN event_facts ef ON ef.article_id = sm.article_id AND ef.idx = sm.idx
), codes AS (
    SELECT story_id, code, any_value(name) AS name, any_value(plover) AS plover, count(*) AS n
    FROM m GROUP BY story_id, code
), lead_code AS (
    -- the code most mentions give; on a tie the smaller code
    SELECT story_id,
        arg_min(code, {'n': -n, 'code': code}) AS code,
        arg_min(name, {'n': -n, 'code': code}) AS name,
        arg_min(plover, {'n': -n, 'code': code}) AS plover,
        list_sort(list(code)) AS codes
    FROM codes GROUP BY story_id
)
SELECT
    m.story_id,
    any_value(m.source_actor_id) AS source_actor_id,
    any_value(m.target_actor_id) AS target_actor_id,
    any_value(m.root) AS root,
    any_value(c.code) AS code,
    any_value(c.name) AS name,
    any_value(c.plover) AS plover,
    any_value(c.codes) AS codes,
    any_value(m.quad_class) AS quad_class,
    min(m.day) AS first_day,
    max(m.day) AS last_day,
    avg(m.goldstein) AS goldstein,
    count(*) AS num_mentions,
    count(DISTINCT m.article_id) AS num_articles,
    min(m.article_id) AS first_article_id,
    list_sort(list(DISTINCT m.article_id)) AS article_ids,
    -- the first report: the earliest day, then the earliest publication, then the article id
    arg_min(m.article_id, {'day': m.day_key, 'published': m.pub_key, 'article_id': m.article_id, 'idx': m.idx})
        AS lead_article_id,
    arg_min(m.idx, {'day': m.day_key, 'published': m.pub_key, 'article_id': m.article_id, 'idx': m.idx}) AS lead_idx
FROM m JOIN lead_code c ON c.story_id = m.story_id
GROUP BY m.story_id;

CREATE TABLE IF NOT EXISTS story_facts (
    story_id VARCHAR PRIMARY KEY,
    source_actor_id VARCHAR NOT NULL,
    target_actor_id VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    code VARCHAR,
    name VARCHAR,
    plover VARCHAR,
    codes VARCHAR[],
    quad_class INTEGER,
    first_day DATE,
    last_day DATE,
    goldstein DOUBLE,
    num_mentions BIGINT NOT NULL,
    num_articles BIGINT NOT NULL,
    first_article_id VARCHAR,
    article_ids VARCHAR[],
    lead_article_id VARCHAR,
    lead_idx INTEGER
);

-- A store written before this migration gets its stories now.
INSERT INTO story_members (article_id, idx, source_actor_id, target_actor_id, root, story_id)
SELECT article_id, idx, source_actor_id, target_actor_id, root, story_id FROM story_members_live;
INSERT INTO story_facts
SELECT story_id, source_actor_id, target_actor_id, root, code, name, plover, codes, quad_class, first_day, last_day,
    goldstein, num_mentions, num_articles, first_article_id, article_ids, lead_article_id, lead_idx
FROM story_facts_live;

-- Stories with their actors' current names and countries.
CREATE OR REPLACE VIEW stories AS
SELECT
    f.story_id, f.source_actor_id, f.target_actor_id, s.name AS source_name, t.name AS target_name,
    s.country AS source_country, t.country AS target_country, f.root, f.code, f.name, f.plover, f.codes,
    f.quad_class, f.first_day AS day, f.first_day, f.last_day, f.goldstein, f.num_mentions, f.num_articles,
    f.first_article_id, f.article_ids, f.lead_article_id, f.lead_idx
FROM story_facts f
LEFT JOIN actors s ON s.id = f.source_actor_id
LEFT JOIN actors t ON t.id = f.target_actor_id;

-- Each event mention with its story and how many articles report that story.
CREATE OR REPLACE VIEW event_story AS
SELECT sm.article_id, sm.idx, sm.story_id, f.num_articles AS story_articles, f.num_mentions AS story_mentions
FROM story_members sm JOIN story_facts f ON f.story_id = sm.story_id;

-- The merged events of migration 002, now one row per story (the columns it had, plus the story's).
CREATE OR REPLACE VIEW unique_events AS
SELECT
    source_actor_id, target_actor_id, code, day, root, name, plover, quad_class, source_name, target_name,
    source_country, target_country, goldstein, num_mentions, num_articles, first_article_id, article_ids,
    story_id, first_day, last_day, codes, lead_article_id, lead_idx
FROM stories;
