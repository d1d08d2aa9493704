"""Hand-built article records for API tests, browser tests and the latency benchmark.

The analysis stages fill entities, quotes and events; these records are built by hand (offsets
computed from the text, never typed in) so that the serving layer can be tested on its own.
`sample_articles()` gives a few short articles in the style of the bundled examples;
`synthetic_articles(n)` gives many template-built ones for benchmarks.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..records import Actor, Article, Entity, Event, Mention, Quote, Sentence, Span

ACTORS: dict[str, Actor] = {
    a.id: a
    for a in (
        Actor("russia", "Russland", "RUS", "RUS"),
        Actor("iran", "Iran", "IRN", "IRN"),
        Actor("belarus", "Belarus", "BLR", "BLR"),
        Actor("usa", "USA", "USA", "USA"),
        Actor("ukraine", "Ukraine", "UKR", "UKR"),
        Actor("china", "China", "CHN", "CHN"),
        Actor("sergei-rjabkow", "Sergei Rjabkow", "RUSGOV", "RUS"),
        Actor("ebrahim-raisi", "Ebrahim Raisi", "IRNGOV", "IRN"),
        Actor("alexander-lukaschenko", "Alexander Lukaschenko", "BLRGOV", "BLR"),
    )
}

# code -> (root, name, plover, goldstein), from the CAMEO codebook and CAMEO2PLOVER (MIT / CC BY-SA).
CODES: dict[str, tuple[str, str, str, float]] = {
    "010": ("01", "Make statement", "", 0.0),
    "020": ("02", "Make an appeal or request", "REQUEST", 3.0),
    "036": ("03", "Express intent to meet or negotiate", "AGREE", 4.0),
    "040": ("04", "Consult", "CONSULT", 1.0),
    "042": ("04", "Make a visit", "CONSULT", 1.9),
    "043": ("04", "Host a visit", "CONSULT", 2.8),
    "051": ("05", "Praise or endorse", "SUPPORT", 3.4),
    "057": ("05", "Sign formal agreement", "SUPPORT", 8.0),
    "060": ("06", "Engage in material cooperation", "COOPERATE", 6.0),
    "061": ("06", "Cooperate economically", "COOPERATE", 6.4),
    "070": ("07", "Provide aid", "AID", 7.0),
    "080": ("08", "Yield", "CONCEDE", 5.0),
    "090": ("09", "Investigate", "ACCUSE", -2.0),
    "111": ("11", "Criticize or denounce", "ACCUSE", -2.0),
    "112": ("11", "Accuse", "ACCUSE", -2.0),
    "120": ("12", "Reject", "REJECT", -4.0),
    "130": ("13", "Threaten", "THREATEN", -4.4),
    "138": ("13", "Threaten with military force", "THREATEN", -7.0),
    "160": ("16", "Reduce relations", "SANCTION", -4.0),
    "172": ("17", "Impose administrative sanctions", "COERCE", -5.0),
    "190": ("19", "Use conventional military force", "ASSAULT", -10.0),
    "195": ("19", "Employ aerial weapons", "ASSAULT", -10.0),
}


class _Builder:
    """Collects annotations for one text, locating each by a substring (its nth occurrence)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self.quotes: list[Quote] = []
        self.events: list[Event] = []

    def find(self, needle: str, nth: int = 0, after: int = 0) -> tuple[int, int]:
        pos = after - 1
        for _ in range(nth + 1):
            pos = self.text.find(needle, pos + 1)
            if pos < 0:
                raise ValueError(f"{needle!r} not in text")
        return pos, pos + len(needle)

    def sentence(self, offset: int) -> Sentence:
        dot = self.text.rfind(". ", 0, offset)
        start = max(dot + 2 if dot >= 0 else 0, self.text.rfind("\n", 0, offset) + 1)
        end = self.text.find(". ", offset)
        end = len(self.text) if end < 0 else end + 1
        return Sentence(start, end)

    def mention(self, needle: str, actor: str | None, nth: int = 0) -> Mention:
        s, e = self.find(needle, nth)
        return Mention(needle, s, e, ACTORS[actor] if actor else None)

    def entity(self, needle: str, etype: str, actor: str | None, role: str | None = None, nth: int = 0):
        s, e = self.find(needle, nth)
        self.entities.append(Entity(needle, s, e, etype, role, ACTORS[actor] if actor else None))  # type: ignore[arg-type]
        return self

    def quote(self, needle: str, kind: str, cue: str, speaker: str, actor: str | None, nth: int = 0):
        s, e = self.find(needle)
        try:
            cs, ce = self.find(cue, after=e)
        except ValueError:
            cs, ce = self.find(cue)
        self.quotes.append(
            Quote(needle, s, e, kind, Span(cue, cs, ce), self.mention(speaker, actor, nth), "sample")  # type: ignore[arg-type]
        )
        return self

    def event(
        self,
        code: str,
        trigger: str,
        source: tuple,
        target: tuple,
        day: str | None,
        *,
        negated: bool = False,
        nth: int = 0,
    ):
        root, name, plover, goldstein = CODES[code]
        ts, te = self.find(trigger, nth)
        self.events.append(
            Event(
                code,
                root,
                name,
                plover or None,
                goldstein,
                self.mention(*source),
                self.mention(*target),
                day,
                day,
                negated,
                Span(trigger, ts, te),
                self.sentence(ts),
                "sample",
            )
        )
        return self

    def article(self, aid: str, *, language: str, title: str, published: str, source: str) -> Article:
        sentences = []
        start = 0
        for i, ch in enumerate(self.text):
            if ch in ".!?" and (i + 1 == len(self.text) or self.text[i + 1] in " \n"):
                sentences.append(Sentence(start, i + 1))
                start = i + 2
        return Article(
            id=aid,
            text=self.text,
            language=language,
            title=title,
            published=published,
            source=source,
            sentences=sentences,
            entities=self.entities,
            quotes=self.quotes,
            events=self.events,
        )


def _rjabkow() -> Article:
    """Rjabkow on the partnership with Iran (German; direct and indirect quotes)."""
    t = (
        "Der stellvertretende russische Außenminister Sergei Rjabkow sagte, Russland und Iran arbeiteten in "
        "mehreren Bereichen zusammen. „Unsere strategische Partnerschaft mit Iran ist unzerbrechlich“, sagte "
        "Rjabkow. Er kritisierte die US-Angriffe auf Iran als höchst beunruhigend. Die USA hatten Iran "
        "bombardiert."
    )
    b = _Builder(t)
    b.entity("Sergei Rjabkow", "PER", "sergei-rjabkow", "stellvertretender Außenminister")
    b.entity("Russland", "GPE", "russia").entity("Iran", "GPE", "iran").entity("Iran", "GPE", "iran", nth=1)
    b.entity("USA", "GPE", "usa").entity("Iran", "GPE", "iran", nth=3)
    b.quote(
        "Unsere strategische Partnerschaft mit Iran ist unzerbrechlich",
        "direct",
        "sagte",
        "Rjabkow",
        "sergei-rjabkow",
        nth=1,
    )
    b.quote(
        "Russland und Iran arbeiteten in mehreren Bereichen zusammen",
        "indirect",
        "sagte",
        "Sergei Rjabkow",
        "sergei-rjabkow",
    )
    b.event("060", "arbeiteten", ("Russland", "russia"), ("Iran", "iran"), "2025-06-23")
    b.event("111", "kritisierte", ("Er", "sergei-rjabkow"), ("US", "usa"), "2025-06-23")
    b.event("195", "bombardiert", ("USA", "usa"), ("Iran", "iran"), "2025-06-22", nth=0)
    return b.article(
        "a-rjabkow",
        language="de",
        title="Rjabkow: Partnerschaft mit Iran unzerbrechlich",
        published="2025-06-23",
        source="examples",
    )


def _lukaschenko() -> Article:
    """Raisi receives Lukaschenko in Teheran (German)."""
    t = (
        "Der iranische Präsident Ebrahim Raisi empfing Alexander Lukaschenko in Teheran. „Die beiden Länder "
        "haben den Willen, die Zusammenarbeit zu verstärken“, sagte Raisi. Lukaschenko sagte, man könne "
        "einander sehr hilfreich sein. Belarus und Iran unterzeichneten einen Fahrplan zur Zusammenarbeit. "
        "Washington hat den Iran beschuldigt, Drohnen an Russland geliefert zu haben."
    )
    b = _Builder(t)
    b.entity("Ebrahim Raisi", "PER", "ebrahim-raisi", "Präsident").entity(
        "Alexander Lukaschenko", "PER", "alexander-lukaschenko", "Präsident"
    )
    b.entity("Teheran", "LOC", None).entity("Belarus", "GPE", "belarus").entity("Iran", "GPE", "iran")
    b.entity("Washington", "GPE", "usa").entity("Russland", "GPE", "russia")
    b.quote(
        "Die beiden Länder haben den Willen, die Zusammenarbeit zu verstärken",
        "direct",
        "sagte",
        "Raisi",
        "ebrahim-raisi",
        nth=1,
    )
    b.quote(
        "man könne einander sehr hilfreich sein",
        "indirect",
        "sagte",
        "Lukaschenko",
        "alexander-lukaschenko",
        nth=1,
    )
    b.event(
        "043",
        "empfing",
        ("Ebrahim Raisi", "ebrahim-raisi"),
        ("Alexander Lukaschenko", "alexander-lukaschenko"),
        "2023-03-13",
    )
    b.event("057", "unterzeichneten", ("Belarus", "belarus"), ("Iran", "iran"), "2023-03-13")
    b.event("112", "beschuldigt", ("Washington", "usa"), ("Iran", "iran", 1), "2023-03-13")
    return b.article(
        "a-lukaschenko",
        language="de",
        published="2023-03-13",
        source="examples",
        title="Lukaschenko umwirbt Irans Raisi in fortgesetztem diplomatischen Vorstoß",
    )


def _roadmap_en() -> Article:
    """Belarus and Iran sign a roadmap (English)."""
    t = (
        "Belarus and Iran signed a cooperation roadmap in Tehran on Monday. President Alexander Lukashenko "
        "praised Iran for resisting outside pressure."
    )
    b = _Builder(t)
    b.entity("Belarus", "GPE", "belarus").entity("Iran", "GPE", "iran")
    b.entity("Alexander Lukashenko", "PER", "alexander-lukaschenko", "President").entity(
        "Iran", "GPE", "iran", nth=1
    )
    b.event("057", "signed", ("Belarus", "belarus"), ("Iran", "iran"), "2023-03-13")
    b.event(
        "051",
        "praised",
        ("Alexander Lukashenko", "alexander-lukaschenko"),
        ("Iran", "iran"),
        "2023-03-13",
        nth=0,
    )
    article = b.article(
        "a-roadmap-en",
        language="en",
        published="2023-03-14",
        source="wire",
        title="Belarus and Iran sign roadmap",
    )
    article.url = "https://news.example/2023/03/14/belarus-iran-roadmap"  # a source link (reserved domain)
    return article


def _ukraine() -> Article:
    """Attacks on Ukraine, a negated threat (German)."""
    t = (
        "Russland griff die Ukraine erneut mit Raketen an. Die Ukraine wies Verhandlungen mit Russland zurück. "
        "China drohte Russland nicht mit Sanktionen."
    )
    b = _Builder(t)
    b.entity("Russland", "GPE", "russia").entity("Ukraine", "GPE", "ukraine").entity(
        "Ukraine", "GPE", "ukraine", nth=1
    )
    b.entity("Russland", "GPE", "russia", nth=1).entity("China", "GPE", "china")
    b.event("190", "griff", ("Russland", "russia"), ("Ukraine", "ukraine"), "2023-04-02")
    b.event("120", "wies", ("Ukraine", "ukraine", 1), ("Russland", "russia", 1), "2023-04-02", nth=0)
    b.event("130", "drohte", ("China", "china"), ("Russland", "russia", 2), "2023-04-02", negated=True)
    return b.article(
        "a-ukraine",
        language="de",
        published="2023-04-02",
        source="wire",
        title="Neue Angriffe auf die Ukraine",
    )


def _strikes_en() -> Article:
    """Iran condemns the strikes (English)."""
    t = (
        "Iran condemned the American strikes. Russia and Iran agreed to expand their economic cooperation, "
        "the Russian deputy foreign minister Sergei Ryabkov said."
    )
    b = _Builder(t)
    b.entity("Iran", "GPE", "iran").entity("Russia", "GPE", "russia")
    b.entity("Sergei Ryabkov", "PER", "sergei-rjabkow", "deputy foreign minister")
    b.quote(
        "Russia and Iran agreed to expand their economic cooperation",
        "indirect",
        "said",
        "Sergei Ryabkov",
        "sergei-rjabkow",
    )
    b.event("111", "condemned", ("Iran", "iran"), ("American", "usa"), "2025-06-24")
    b.event("061", "agreed", ("Russia", "russia"), ("Iran", "iran"), "2025-06-24")
    return b.article(
        "a-strikes-en",
        language="en",
        published="2025-06-24",
        source="wire",
        title="Iran condemns strikes",
    )


def sample_articles() -> list[Article]:
    """Five short articles (German and English) about Russia, Iran, Belarus, the USA and Ukraine."""
    return [_rjabkow(), _lukaschenko(), _roadmap_en(), _ukraine(), _strikes_en()]


def content_hash(article: Article) -> str:
    return hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()


# Synthetic articles: many actors, realistic sentences, every offset computed from the text.
_PEOPLE = (
    "Anna Berger",
    "Jonas Keller",
    "Mira Schulz",
    "Paul Wagner",
    "Lena Hoffmann",
    "Tom Richter",
    "Eva Koch",
    "Ali Demir",
    "Sofia Rossi",
    "Ivan Petrow",
    "Olga Smirnowa",
    "Li Wei",
    "Ana Silva",
)
_COUNTRIES = (
    ("Deutschland", "DEU"),
    ("Frankreich", "FRA"),
    ("Polen", "POL"),
    ("Russland", "RUS"),
    ("Iran", "IRN"),
    ("Belarus", "BLR"),
    ("China", "CHN"),
    ("Indien", "IND"),
    ("Brasilien", "BRA"),
    ("Türkei", "TUR"),
    ("Ukraine", "UKR"),
    ("Japan", "JPN"),
    ("Kanada", "CAN"),
    ("Mexiko", "MEX"),
    ("Ägypten", "EGY"),
    ("Israel", "ISR"),
    ("Syrien", "SYR"),
    ("Nigeria", "NGA"),
    ("Kenia", "KEN"),
    ("Spanien", "ESP"),
)
_VERBS = {
    "042": "besuchte",
    "043": "empfing",
    "040": "beriet mit",
    "051": "lobte",
    "057": "unterzeichnete mit",
    "060": "kooperierte mit",
    "061": "handelte mit",
    "070": "unterstützte",
    "020": "appellierte an",
    "036": "verhandelte mit",
    "111": "kritisierte",
    "112": "beschuldigte",
    "120": "wies zurück",
    "130": "drohte",
    "138": "drohte militärisch",
    "160": "brach ab mit",
    "172": "sanktionierte",
    "190": "griff an",
    "195": "bombardierte",
    "090": "untersuchte",
    "010": "äußerte sich zu",
    "080": "gab nach gegenüber",
}


def synthetic_actors(n_people: int = 200) -> list[Actor]:
    actors = [Actor(code.lower(), name, code, code) for name, code in _COUNTRIES]
    for i in range(n_people):
        name = f"{_PEOPLE[i % len(_PEOPLE)]} {i // len(_PEOPLE) + 1}"
        country = _COUNTRIES[i % len(_COUNTRIES)][1]
        actors.append(Actor(f"p{i:04d}", name, f"{country}GOV", country))
    return actors


@dataclass(frozen=True, slots=True)
class _Pick:
    """One synthetic event sentence: who did what to whom."""

    sentence: str
    code: str
    source: Actor
    target: Actor


def _pick_events(rng: random.Random, actors: list[Actor], weights: list[float]) -> list[_Pick]:
    picks = []
    for _ in range(4):
        src, tgt = rng.choices(actors, weights, k=2)
        if src is tgt:
            tgt = actors[(actors.index(src) + 1) % len(actors)]
        code = rng.choice(list(_VERBS))
        picks.append(_Pick(f"{src.name} {_VERBS[code]} {tgt.name} am Vortag.", code, src, tgt))
    return picks


def _add_event(b: _Builder, pick: _Pick, pos: int, day: str, negated: bool) -> int:
    """The pick's two entities and its event, located in the text after `pos`; returns the new position."""
    text, sname, tname = b.text, pick.source.name, pick.target.name
    s0 = text.index(pick.sentence, pos)
    end = s0 + len(pick.sentence)
    root, name, plover, goldstein = CODES[pick.code]
    trig = _VERBS[pick.code].split()[0]
    t0 = text.index(trig, s0 + len(sname))
    tg0 = text.index(tname, t0)
    src_m = Mention(sname, s0, s0 + len(sname), pick.source)
    tgt_m = Mention(tname, tg0, tg0 + len(tname), pick.target)
    kind = lambda a: "GPE" if len(a.id) == 3 else "PER"  # noqa: E731
    b.entities.append(Entity(sname, s0, s0 + len(sname), kind(pick.source), None, pick.source))
    b.entities.append(Entity(tname, tg0, tg0 + len(tname), kind(pick.target), None, pick.target))
    b.events.append(
        Event(pick.code, root, name, plover or None, goldstein, src_m, tgt_m, day, "am Vortag", negated,
              Span(trig, t0, t0 + len(trig)), Sentence(s0, end), "synthetic")
    )  # fmt: skip
    return end


def _synthetic_article(k: int, rng: random.Random, actors: list[Actor], weights: list[float], day0: date,
                       days: int) -> Article:  # fmt: skip
    published = day0 + timedelta(days=rng.randrange(days))
    picks = _pick_events(rng, actors, weights)
    speaker = rng.choices(actors[len(_COUNTRIES) :], weights[len(_COUNTRIES) :])[0]
    quote1 = f"Die Lage bleibt angespannt, aber wir suchen das Gespräch (Meldung {k})"
    quote2 = "Wir werden unsere Interessen entschlossen verteidigen"
    parts = [p.sentence for p in picks]
    parts.append(f"„{quote1}“, sagte {speaker.name}.")
    parts.append(f"{speaker.name} sagte, man werde weiter verhandeln. „{quote2}“, fügte er hinzu.")
    b = _Builder(" ".join(parts))
    pos = 0
    day = (published - timedelta(days=1)).isoformat()
    for pick in picks:
        pos = _add_event(b, pick, pos, day, rng.random() < 0.05)
    b.quote(quote1, "direct", "sagte", speaker.name, None)
    b.quotes[-1].speaker.actor = speaker  # type: ignore[union-attr]
    b.quote(quote2, "direct", "fügte", speaker.name, None, nth=1)
    b.quotes[-1].speaker.actor = speaker  # type: ignore[union-attr]
    title = f"Meldung {k}: {picks[0].source.name} und {picks[0].target.name}"
    return b.article(
        f"syn-{k:06d}", language="de", title=title, published=published.isoformat(), source="synthetic"
    )


def synthetic_articles(
    n: int, *, seed: int = 7, start: str = "2022-01-01", days: int = 1000
) -> Iterator[Article]:
    """`n` articles with about 6 entities, 2 quotes and 4 events each over `days` days."""
    rng = random.Random(seed)
    actors = synthetic_actors()
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(actors))]  # a few actors dominate, as in news
    day0 = date.fromisoformat(start)
    for k in range(n):
        yield _synthetic_article(k, rng, actors, weights, day0, days)
