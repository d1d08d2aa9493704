"""The pattern files' own examples: every pattern yields its code on its example sentence, and does not
on its counter sentence (the other word sense, a modal or negated use, a risk instead of a threat).

Sentences run through the whole pipeline (`lagebild.analyze`), so the actors are the linker's, as for a
user. German: every pattern of lang/de/events/patterns.tsv; English: the hand-written
lang/en/events/patterns_extra.tsv (the PETRARCH2 conversion quotes its source patterns instead).

- example: an event with this pattern's id as its rule and this pattern's code, not negated;
- counter: no non-negated event with this pattern's code;
- stop patterns (code `-`): on the example, the trigger yields no event (no event comes from a pattern of
  the same trigger lemma); on the counter, it does (the stop does not swallow the real use).

Rows tagged `parse` (example) or `parse-counter` (counter) hold a sentence the dependency parser misreads
(a dative subject, a genitive plural without article, a name read as a second object), rows tagged `sense`
an example whose word sense the coder cannot yet tell from the coded one ("droht die Mehrheit zu
verlieren" is a risk, not a threat); they are strict expected failures: the day the coder gets them
right, the test says so and the tag goes.
"""

from __future__ import annotations

import pytest

import lagebild
from lagebild.events import load_patterns
from lagebild.events.patterns import Pattern, parse_pattern


def _rows(kind: str) -> list[tuple[str, Pattern]]:
    out = []
    for language in ("de", "en"):
        for p in load_patterns(language).by_id.values():
            if language == "en" and not p.hand:
                continue
            if (p.example if kind == "example" else p.counter).strip():
                out.append((language, p))
    return out


def _params(rows: list[tuple[str, Pattern]], tags: tuple[str, ...]) -> list:
    """One test per row; a row tagged as a known limit is a strict expected failure."""
    reasons = {"sense": "the coder cannot tell this word sense apart yet"}
    out = []
    for lang, p in rows:
        tag = next((t for t in tags if t in p.tags), None)
        why = f"{reasons.get(tag, 'the parser misreads it')} (tag {tag!r} in patterns.tsv)"
        out.append(
            pytest.param(lang, p, id=p.id, marks=[pytest.mark.xfail(strict=True, reason=why)] if tag else [])
        )
    return out


EXAMPLES = _params(_rows("example"), ("parse", "sense"))
COUNTERS = _params(_rows("counter"), ("parse-counter",))


def _events(sentence: str, language: str):
    return [e for e in lagebild.analyze(sentence, language=language).events if not e.negated]


def _from_trigger(events, language: str, p: Pattern) -> list:
    """Events that come from a pattern of one of the stop pattern's trigger lemmas."""
    by_id = load_patterns(language).by_id
    lemmas = set(p.lemmas)
    return [e for e in events if e.rule in by_id and lemmas & set(by_id[e.rule].lemmas)]


def _describe(events) -> str:
    return "; ".join(
        f"{e.code} {e.rule} {e.source and e.source.text}>{e.target and e.target.text}" for e in events
    )


@pytest.mark.parametrize("language, p", EXAMPLES)
def test_pattern_example_yields_its_code(language, p):
    events = _events(p.example, language)
    if p.stop:
        assert not _from_trigger(events, language, p), _describe(events)
    else:
        assert any(e.rule == p.id and e.code == p.code for e in events), _describe(events) or "no event"


@pytest.mark.parametrize("language, p", COUNTERS)
def test_pattern_counter_does_not_yield_its_code(language, p):
    events = _events(p.counter, language)
    if p.stop:
        assert _from_trigger(events, language, p), "the stop pattern swallowed a real use"
    else:
        assert not any(e.code == p.code for e in events), _describe(events)


def test_every_pattern_has_an_example():
    for language, p in [("de", p) for p in load_patterns("de").by_id.values()] + [
        ("en", p) for p in load_patterns("en").by_id.values() if p.hand
    ]:
        assert p.example.strip(), f"{language}: pattern {p.id} has no example"


# ---------------------------------------------------------------- the parser's frame tokens


def test_frame_tokens_are_parsed_and_stored():
    p = parse_pattern("de.t", "163", "V verhängen obj=Sanktion|Embargo >gegen", "", 0)
    assert p.frame.obj == {"sanktion", "embargo"} and p.preps == ("gegen",)
    assert frozenset({"sanktion", "embargo"}) in p.require  # obj= implies the clause condition
    p = parse_pattern("de.t", "130", "V drohen subj:actor tgt=iobj >mit", "", 0)
    assert p.frame.subj_actor is True and p.frame.target == "iobj" and p.frame.obj_actor is None
    p = parse_pattern("de.t", "-", "V drohen zuinf !damit", "", 0)
    assert p.stop and p.frame.zuinf is True and p.exclude == {"damit"}
    p = parse_pattern("de.t", "044", "V treffen !obj:actor", "", 0)
    assert p.frame.obj_actor is False and p.frame.needs_syntax
    p = parse_pattern("de.t", "173", "N Festnahme >von gen=tgt", "", 0)
    assert p.frame.gen == "tgt" and p.gentarget
    p = parse_pattern("de.t", "163", "N Sanktion >gegen by=verhängen|verschärfen", "", 0, tags="parse")
    assert p.frame.by == {"verhängen", "verschärfen"} and p.tags == {"parse"}


@pytest.mark.parametrize(
    "kind_text, message",
    [
        ("N Sanktion obj=Embargo", "for verbs"),
        ("N Festnahme zuinf", "for verbs"),
        ("V festnehmen gen=tgt", "for nouns"),
        ("V verhängen by=verhängen", "for nouns"),
        ("V drohen tgt=dative", "tgt= must be"),
        ("N Festnahme gen=obj", "gen= must be"),
        ("V verhängen obj=", "needs lemmas"),
        ("V treffen tgt=none obj:actor", "contradicts"),
    ],
)
def test_frame_tokens_are_validated(kind_text, message):
    with pytest.raises(ValueError, match=message):
        parse_pattern("de.t", "190", kind_text, "", 0)


def test_unknown_tag_is_an_error():
    with pytest.raises(ValueError, match="unknown tag"):
        parse_pattern("de.t", "190", "V angreifen", "", 0, tags="frames")


def test_a_coder_without_syntax_does_not_get_syntax_only_stops():
    """'drohen' + zu-infinitive is no threat; without a syntactic analysis that stop would silence
    every 'drohen', so the index for such a coder leaves it out, and frame conditions do not raise a
    pattern's rank there."""
    plain, framed = load_patterns("de"), load_patterns("de", frames=True)
    stop = plain.by_id["de.drohen.zuinf"]
    assert stop.frame.zuinf and stop not in plain.for_verb("drohen") and stop in framed.for_verb("drohen")
    risk = plain.by_id["de.drohen.risiko"]  # an &-condition makes a stop safe without syntax
    assert risk in plain.for_verb("drohen")
    order = [p.id for p in plain.for_verb("drohen")]
    assert order.index("de.drohen.strafe") < order.index("de.drohen")


def test_trigger_lookup_folds_the_old_spelling():
    assert load_patterns("de").for_noun("Raketenbeschuß")[0].code == "194"
