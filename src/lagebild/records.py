"""The article record and the plain typed records that stages pass to each other.

`Article` is the public contract (published as `schema/article.schema.json`); `Doc` is the working
document that flows through the pipeline: the article plus its token layer, which is not serialised.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

EntityType = Literal["PER", "ORG", "LOC", "GPE", "MISC"]
QuoteKind = Literal["direct", "indirect"]


@dataclass(slots=True)
class Actor:
    """A canonical actor: stable id, display name, CAMEO-style code, ISO-3 country."""

    id: str
    name: str
    code: str | None = None
    country: str | None = None


@dataclass(slots=True)
class Span:
    """A stretch of the cleaned text, by character offsets."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """A span that names an actor (a speaker, an event's source or target)."""

    text: str
    start: int
    end: int
    actor: Actor | None = None


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Removed:
    """A piece of the input that cleaning dropped, and why."""

    text: str
    reason: str


@dataclass(slots=True)
class Entity:
    text: str
    start: int
    end: int
    type: EntityType
    role: str | None = None
    actor: Actor | None = None


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: Span | None = None
    speaker: Mention | None = None
    rule: str | None = None


@dataclass(slots=True)
class Event:
    code: str
    root: str
    name: str
    plover: str | None
    goldstein: float | None
    source: Mention | None
    target: Mention | None
    date: str | None
    date_text: str | None
    date_precision: str | None = field(default=None, kw_only=True)  # "day" | "month" | "year"
    negated: bool
    trigger: Span
    sentence: Sentence
    rule: str | None = None


@dataclass(slots=True)
class Article:
    """One analysed article: the contract every later stage, the store and the API read."""

    id: str
    text: str
    language: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    removed: list[Removed] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from `to_dict()` output (store, JSONL, API)."""

        def actor(d: dict | None) -> Actor | None:
            return Actor(**d) if d else None

        def mention(d: dict | None) -> Mention | None:
            if not d:
                return None
            return Mention(d["text"], d["start"], d["end"], actor(d.get("actor")))

        def span(d: dict | None) -> Span | None:
            return Span(**d) if d else None

        known = {f.name for f in fields(cls)}
        base = {k: v for k, v in data.items() if k in known}
        base["removed"] = [Removed(**r) for r in data.get("removed", [])]
        base["sentences"] = [Sentence(**s) for s in data.get("sentences", [])]
        base["entities"] = [Entity(**{**e, "actor": actor(e.get("actor"))}) for e in data.get("entities", [])]
        base["quotes"] = [
            Quote(**{**q, "cue": span(q.get("cue")), "speaker": mention(q.get("speaker"))})
            for q in data.get("quotes", [])
        ]
        base["events"] = [
            Event(
                **{
                    **e,
                    "source": mention(e.get("source")),
                    "target": mention(e.get("target")),
                    "trigger": Span(**e["trigger"]),
                    "sentence": Sentence(**e["sentence"]),
                }
            )
            for e in data.get("events", [])
        ]
        return cls(**base)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a text: character offsets, the words, and what they resolve to.

    `date` is the first day the words name (None when they cannot be resolved, e.g. a relative date
    without an article date), `precision` the granularity of the words ("day", "month", "year"),
    `last` the last day when they name a longer stretch than one unit of that granularity (a range,
    a week, a season, a decade), `rule` the pattern that found them, and `relation` "attribute" when
    the date hangs on a noun ("Wahlsieg vom Sonntag") or "bound" when a preposition makes it a limit
    ("vor dem 3. Mai"); see docs/dates.md.
    """

    start: int
    end: int
    text: str
    date: str | None
    precision: str | None = None
    last: str | None = None
    rule: str | None = None
    relation: str | None = None


@dataclass(slots=True)
class Token:
    """One token of the cleaned text with its tag (STTS for German, Penn for English) and lemma.

    `head` and `dep` are the dependency parse (lagebild.syntax): `head` is an absolute index into
    `Doc.tokens` (a sentence's root points to itself), `dep` a Universal Dependencies label; -1 and ""
    when the sentence was not parsed.
    """

    text: str
    start: int
    end: int
    tag: str = ""
    lemma: str = ""
    sent: int = 0
    head: int = -1
    dep: str = ""


@dataclass(slots=True)
class Doc:
    """The working document: the article under construction plus its token layer.

    `sent_tokens[i]` is the half-open token index range of sentence i. `mentions` holds every actor
    mention the linker found, named or not ("russische", "Kreml-Sprecher", "die Regierung"), for
    quotes and events; `article.entities` keeps only the named ones. `dates` holds the date
    expressions of the text, resolved against the article's date. `clauses` holds one
    `lagebild.syntax.Clause` per verbal predicate of the parsed sentences (filled by `syntax.Parse`).
    """

    article: Article
    raw: Any = None  # the input (an ingest.RawDoc) before preparation; None for a prepared article
    tokens: list[Token] = field(default_factory=list)
    sent_tokens: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    clauses: list = field(default_factory=list)  # lagebild.syntax.Clause, one per predicate

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def language(self) -> str:
        return self.article.language

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding a character offset (the nearest before it, else 0)."""
        sents = self.article.sentences
        lo, hi = 0, len(sents) - 1
        best = 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if sents[mid].start <= offset:
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        return best
