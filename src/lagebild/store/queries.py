"""Read queries over the store (summaries for the CLI; the API adds its own here)."""

from __future__ import annotations

from .db import Store


def summary(store: Store, limit: int = 10) -> dict:
    out = {t: store.count(t) for t in ("articles", "entities", "quotes", "events", "actors")}
    out["top_actors"] = store.query(
        "SELECT a.name, a.code, count(*) AS mentions FROM entities e JOIN actors a ON a.id = e.actor_id "
        "GROUP BY a.name, a.code ORDER BY mentions DESC, a.name LIMIT ?",
        [limit],
    )
    out["speakers"] = store.query(
        "SELECT coalesce(a.name, q.speaker_text) AS speaker, count(*) AS quotes FROM quotes q "
        "LEFT JOIN actors a ON a.id = q.speaker_actor_id WHERE q.speaker_text IS NOT NULL "
        "GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT ?",
        [limit],
    )
    out["dyads"] = store.query(
        "SELECT coalesce(s.name, e.source_text) AS source, coalesce(t.name, e.target_text) AS target, "
        "count(*) AS events, avg(e.goldstein) AS goldstein FROM events e "
        "LEFT JOIN actors s ON s.id = e.source_actor_id LEFT JOIN actors t ON t.id = e.target_actor_id "
        "WHERE NOT e.negated AND e.source_text IS NOT NULL AND e.target_text IS NOT NULL "
        "GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?",
        [limit],
    )
    return out
