-- lagebild store, migration 002: views that aggregate across articles (read by the API and by plain SQL).
--
-- Quad classes from the CAMEO root, as in the Phoenix/ICEWS quad counts: 01-05 verbal cooperation (1),
-- 06-08 material cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4).
-- `day` is the event's own date, else the article's publication date.

CREATE OR REPLACE VIEW event_facts AS
SELECT
    e.*,
    coalesce(e.date, a.published) AS day,
    a.published,
    a.title AS article_title,
    a.language,
    s.name AS source_name,
    t.name AS target_name,
    s.country AS source_country,
    t.country AS target_country,
    CASE
        WHEN TRY_CAST(e.root AS INTEGER) BETWEEN 1 AND 5 THEN 1
        WHEN TRY_CAST(e.root AS INTEGER) BETWEEN 6 AND 8 THEN 2
        WHEN TRY_CAST(e.root AS INTEGER) BETWEEN 9 AND 13 THEN 3
        WHEN TRY_CAST(e.root AS INTEGER) BETWEEN 14 AND 20 THEN 4
    END AS quad_class,
    substring(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.id = e.source_actor_id
LEFT JOIN actors t ON t.id = e.target_actor_id;

-- Cross-article deduplication, as GDELT's NumMentions/NumArticles: the same source actor, target actor,
-- CAMEO code and day reported by several articles (or several times) is one event. Negated events
-- ("did not threaten") and events without two linked actors are left out.
CREATE OR REPLACE VIEW unique_events AS
SELECT
    source_actor_id,
    target_actor_id,
    code,
    day,
    any_value(root) AS root,
    any_value(name) AS name,
    any_value(plover) AS plover,
    any_value(quad_class) AS quad_class,
    any_value(source_name) AS source_name,
    any_value(target_name) AS target_name,
    any_value(source_country) AS source_country,
    any_value(target_country) AS target_country,
    avg(goldstein) AS goldstein,
    count(*) AS num_mentions,
    count(DISTINCT article_id) AS num_articles,
    min(article_id) AS first_article_id,
    list(DISTINCT article_id ORDER BY article_id) AS article_ids
FROM event_facts
WHERE NOT negated AND source_actor_id IS NOT NULL AND target_actor_id IS NOT NULL
GROUP BY source_actor_id, target_actor_id, code, day;

-- Dyads per day with counts per root, PLOVER category and quad class; weekly and monthly figures are
-- sums of these (mean Goldstein = goldstein_sum / goldstein_n). The actors' countries come along so
-- that the same figures can be summed per pair of countries.
CREATE OR REPLACE VIEW dyad_daily AS
SELECT
    source_actor_id,
    target_actor_id,
    source_country,
    target_country,
    day,
    root,
    plover,
    quad_class,
    count(*) AS events,
    sum(num_mentions) AS mentions,
    sum(goldstein) AS goldstein_sum,
    count(goldstein) AS goldstein_n
FROM unique_events
GROUP BY ALL;

-- One actor across all articles: mentions, articles, quotes, and events on either side.
CREATE OR REPLACE VIEW actor_stats AS
WITH m AS (
    SELECT actor_id, count(*) AS mentions, count(DISTINCT article_id) AS articles
    FROM entities WHERE actor_id IS NOT NULL GROUP BY actor_id
), q AS (
    SELECT speaker_actor_id AS actor_id, count(*) AS quotes
    FROM quotes WHERE speaker_actor_id IS NOT NULL GROUP BY speaker_actor_id
), s AS (
    SELECT source_actor_id AS actor_id, count(*) AS n FROM events
    WHERE NOT negated AND source_actor_id IS NOT NULL GROUP BY source_actor_id
), t AS (
    SELECT target_actor_id AS actor_id, count(*) AS n FROM events
    WHERE NOT negated AND target_actor_id IS NOT NULL GROUP BY target_actor_id
)
SELECT
    a.id, a.name, a.code, a.country,
    coalesce(m.mentions, 0) AS mentions,
    coalesce(m.articles, 0) AS articles,
    coalesce(q.quotes, 0) AS quotes,
    coalesce(s.n, 0) AS events_as_source,
    coalesce(t.n, 0) AS events_as_target
FROM actors a
LEFT JOIN m ON m.actor_id = a.id
LEFT JOIN q ON q.actor_id = a.id
LEFT JOIN s ON s.actor_id = a.id
LEFT JOIN t ON t.actor_id = a.id;

-- Quotes per speaker: linked speakers by actor, unlinked ones by the speaker's words.
CREATE OR REPLACE VIEW speaker_quotes AS
SELECT
    q.speaker_actor_id AS actor_id,
    coalesce(a.name, q.speaker_text) AS speaker,
    count(*) AS quotes,
    count(*) FILTER (WHERE q.kind = 'direct') AS direct,
    count(*) FILTER (WHERE q.kind = 'indirect') AS indirect,
    count(DISTINCT q.article_id) AS articles
FROM quotes q
LEFT JOIN actors a ON a.id = q.speaker_actor_id
WHERE q.speaker_text IS NOT NULL
GROUP BY q.speaker_actor_id, coalesce(a.name, q.speaker_text);
