"""The most frequent quote speakers on the 877 10kGNAD articles in ../shared (derStandard.at, never copied
into the repo), each checked to be a name or a person/organisation noun phrase (issue 15).

usage (from the project root):
  python -m eval.quotes_gnad_speakers [--step N] [--top 20]

Prints the `--top` most frequent speaker strings with their counts and a problem for each that is an
adverb, a date, a source phrase ("eigenen Angaben", "der Mitteilung"), an abstract noun, a lowercase
phrase, "man"/"es" or a pronoun left unresolved; exits 1 when one is found. `--step N` takes every N-th
article (tests/test_quotes_gnad.py runs a sample). The check is written independently of the quote
stage's own speaker rules (`quotes/settle.py`), from the issue's definition; documents ("die Studie",
"dem Bericht") count as sources that may stand as speakers.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from eval.paths import Paths

GNAD = Path("data") / "news-10kgnad" / "articles.jsonl"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PRONOUNS = frozenset(
    _words(
        "er sie es ich wir ihr du der die das dieser diese dieses letzterer letztere jener jene "
        "he she it i we they this"
    )
)
NOBODY = frozenset({"man", "es", "it", "one"})
ADVERBS = frozenset(
    _words(
        "demnach danach dabei dazu damit wonach zufolge laut so auch jedoch heute gestern morgen dort hier "
        "bislang bisher zudem außerdem allerdings"
    )
)
TIME_WORDS = _words(
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag januar jänner februar märz april "
    "mai juni juli august september oktober november dezember"
)
DAY_PARTS = ("morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht")
STATEMENT_NOUNS = _words(
    "angaben angabe mitteilung mitteilungen meldung meldungen information informationen aussage aussagen "
    "erkenntnis erkenntnissen einschätzung meinung ansicht auffassung darstellung"
)
ATTRIBUTE_STARTS = frozenset(_words("des der eines einer von vom aus im in bei beim"))
RESOLVED_SHARE = 0.9  # a pronoun speaker string: at least this share of its occurrences resolved
ABSTRACT_ENDINGS = ("ung", "ungen", "heit", "keit", "ität", "ismus")
ORGANISATION_NOUNS = frozenset(
    _words(
        "regierung zeitung stiftung verwaltung vereinigung führung leitung vertretung verteidigung bewegung "
        "gewerkschaft staatsanwaltschaft kammer polizei direktion redaktion forschung"
    )
)


def speaker_problem(text: str, resolved: float) -> str | None:
    """Why the speaker string is no name or person/organisation noun phrase, or None when it is one.
    `resolved`: the share of its occurrences that carried an actor (for a pronoun: its antecedent's); a
    pronoun passes when `RESOLVED_SHARE` of them did."""
    words = re.findall(r"[\w-]+", text)
    if not words:
        return "no word"
    low = [w.lower() for w in words]
    if low == [low[0]] and low[0] in NOBODY:
        return "names nobody"
    if len(words) == 1 and low[0] in PRONOUNS:
        return None if resolved >= RESOLVED_SHARE else "unresolved pronoun"
    if low[-1] in ADVERBS or low[0] in ADVERBS:
        return "adverb"
    if any(w.isdigit() or _time_word(w) for w in low):
        return "date"
    head = _head(words).lower()
    if any(w.endswith(n) for w in low for n in STATEMENT_NOUNS):
        return "source phrase"
    if head.endswith(ABSTRACT_ENDINGS) and not any(head.endswith(o) for o in ORGANISATION_NOUNS):
        return "abstract noun"
    if not any(w[:1].isupper() for w in words):
        return "lowercase phrase"
    return None


def _head(words: list[str]) -> str:
    """The last capitalised word before a genitive or prepositional attribute ("die Wahrscheinlichkeit
    eines Schocks" -> Wahrscheinlichkeit, "der Sprecher des Ministeriums" -> Sprecher)."""
    head = ""
    for w in words:
        if head and w.lower() in ATTRIBUTE_STARTS:
            break
        if w[:1].isupper():
            head = w
    return head or words[-1]


def _time_word(w: str) -> bool:
    return w in TIME_WORDS or (any(w.startswith(t) for t in TIME_WORDS) and w.endswith(DAY_PARTS))


def top_speakers(texts: list[str], top: int) -> list[tuple[str, int, int]]:
    """(speaker string, count, occurrences resolved to an actor) for the `top` most frequent."""
    import lagebild
    from lagebild.pipeline import Pipeline, default_components

    pipe = Pipeline([c for c in default_components() if c.name != "events"])
    counts: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    for text in texts:
        for q in lagebild.analyze(text, language="de", pipeline=pipe).quotes:
            if q.speaker is None:
                continue
            counts[q.speaker.text] += 1
            resolved[q.speaker.text] += q.speaker.actor is not None
    return [(s, n, resolved[s]) for s, n in counts.most_common(top)]


def load(paths: Paths, step: int = 1) -> list[str]:
    lines = (paths.shared / GNAD).read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines[::step] if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.quotes_gnad_speakers")
    ap.add_argument("--step", type=int, default=1, help="every N-th article (default: all 877)")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args(argv)
    paths = Paths()
    if not (paths.shared / GNAD).exists():
        print(f"../shared/{GNAD} not available", file=sys.stderr)
        return 2
    texts = load(paths, args.step)
    bad = 0
    print(f"10kGNAD: the {args.top} most frequent speakers in {len(texts)} articles")
    for text, n, linked in top_speakers(texts, args.top):
        problem = speaker_problem(text, linked / n)
        bad += problem is not None
        print(f"  {n:4d}  {text!r:32} with an actor {linked:4d}  {problem or 'ok'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
