-- lagebild store, migration 003: stories — the same event reported by several articles.
--
-- Event mentions that agree in dyad (source actor -> target actor), code family (CAMEO root) and date within
-- one day of each other are one story: mentions are chained day by day, so a story is a run of days without a
-- gap of more than one day (the connected pieces of the "agree" relation). An undated mention can agree with
-- nothing across articles: it joins the other undated mentions of its dyad and family in its own article only.
-- As in unique_events before, negated mentions and mentions without two linked actors are in no story.
-- Every list, the network, the timelines, the map and the report count stories through these views.
-- Columns are named, never `*`, so that the views keep working when the events table gains columns.

CREATE OR REPLACE VIEW story_members AS
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
    left(md5(concat_ws('|', source_actor_id, target_actor_id, root,
        CASE WHEN day IS NULL THEN 'undated ' || article_id
             ELSE CAST(min(day) OVER (PARTITION BY source_actor_id, target_actor_id, root, run) AS VARCHAR) END)),
        16) AS story_id
FROM runs;

CREATE OR REPLACE VIEW stories AS
WITH m AS (
    SELECT sm.story_id, ef.article_id, ef.idx, ef.code, ef.root, ef.name, ef.plover, ef.quad_class, ef.goldstein,
        ef.day, ef.published, ef.source_actor_id, ef.target_actor_id, ef.source_name, ef.target_name,
        ef.source_country, ef.target_country
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
    any_value(m.source_name) AS source_name,
    any_value(m.target_name) AS target_name,
    any_value(m.source_country) AS source_country,
    any_value(m.target_country) AS target_country,
    any_value(m.root) AS root,
    any_value(c.code) AS code,
    any_value(c.name) AS name,
    any_value(c.plover) AS plover,
    any_value(c.codes) AS codes,
    any_value(m.quad_class) AS quad_class,
    min(m.day) AS day,
    min(m.day) AS first_day,
    max(m.day) AS last_day,
    avg(m.goldstein) AS goldstein,
    count(*) AS num_mentions,
    count(DISTINCT m.article_id) AS num_articles,
    min(m.article_id) AS first_article_id,
    list_sort(list(DISTINCT m.article_id)) AS article_ids,
    -- the first report: the earliest day, then the earliest publication, then the article id
    arg_min(m.article_id, {'day': coalesce(m.day, DATE '9999-12-31'), 'published': coalesce(m.published, DATE '9999-12-31'),
        'article_id': m.article_id, 'idx': m.idx}) AS lead_article_id,
    arg_min(m.idx, {'day': coalesce(m.day, DATE '9999-12-31'), 'published': coalesce(m.published, DATE '9999-12-31'),
        'article_id': m.article_id, 'idx': m.idx}) AS lead_idx
FROM m JOIN lead_code c ON c.story_id = m.story_id
GROUP BY m.story_id;

-- Each event mention with its story and how many articles report that story.
CREATE OR REPLACE VIEW event_story AS
SELECT sm.article_id, sm.idx, sm.story_id, s.num_articles AS story_articles, s.num_mentions AS story_mentions
FROM story_members sm JOIN stories s ON s.story_id = sm.story_id;

-- The merged events of migration 002, now one row per story (the columns it had, plus the story's).
CREATE OR REPLACE VIEW unique_events AS
SELECT
    source_actor_id, target_actor_id, code, day, root, name, plover, quad_class, source_name, target_name,
    source_country, target_country, goldstein, num_mentions, num_articles, first_article_id, article_ids,
    story_id, first_day, last_day, codes, lead_article_id, lead_idx
FROM stories;
