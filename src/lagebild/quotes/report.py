"""Who said what: quotations grouped by speaker, for `lagebild quotes PATH…`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Article, Quote
from .resolve import UNLINKED


@dataclass
class SpeakerRow:
    """One speaker (actor when linked, else the speaker text) and their quotations in text order."""

    speaker: str
    actor_id: str | None
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "speaker": self.speaker,
            "actor_id": self.actor_id,
            "quotes": [
                {
                    "kind": q.kind,
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "cue": q.cue.text if q.cue else None,
                }
                for q in self.quotes
            ],
        }


UNKNOWN = "(unknown)"


def _name_key(name: str) -> str:
    """Unlinked speakers group by their last word: "Sergei Rjabkow" and "Rjabkow" are one speaker."""
    words = [w for w in name.replace(",", " ").split() if w[:1].isupper()]
    return "t:" + (words[-1] if words else name).lower()


def quotes_by_speaker(article: Article) -> list[SpeakerRow]:
    """Rows grouped by speaker actor (or speaker name), the most quoted first, unknown speakers last."""
    rows: dict[str, SpeakerRow] = {}
    for q in article.quotes:
        sp = q.speaker
        if sp is not None and sp.actor is not None and not sp.actor.id.startswith(UNLINKED):
            key, name, actor_id = "a:" + sp.actor.id, sp.actor.name, sp.actor.id
        elif sp is not None and sp.actor is not None:
            key, name, actor_id = _name_key(sp.actor.name), sp.actor.name, None
        elif sp is not None:
            key, name, actor_id = _name_key(sp.text), sp.text, None
        else:
            key, name, actor_id = "?", UNKNOWN, None
        row = rows.setdefault(key, SpeakerRow(name, actor_id))
        row.quotes.append(q)
        if len(name) > len(row.speaker) and actor_id is None:
            row.speaker = name  # show the fullest form: "Der … Außenminister, Sergei Rjabkow"
    return sorted(rows.values(), key=lambda r: (r.speaker == UNKNOWN, -len(r.quotes), r.quotes[0].start))
