"""Reading the dependency tree on `Doc.tokens`: children, conjuncts, phrase spans, noun dependents.

All indices are absolute indices into `doc.tokens`; a sentence's root points to itself; an unparsed
token has head -1.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Doc, Token

# Dependents that are not part of an argument's phrase when mapping it to a mention: clauses hanging off
# the noun, further conjuncts (each has its own phrase), punctuation, and the preposition in front.
# An apposition stays in the phrase when it follows without punctuation ("Kreml-Sprecher Dmitri Peskow"),
# not when set off by commas ("Peskow, der Sprecher des Kremls,").
PHRASE_EXCLUDE = frozenset({"acl", "acl:relcl", "conj", "cc", "punct", "parataxis", "case", "dep"})


def base(dep: str) -> str:
    """The universal part of a label ('nsubj:pass' -> 'nsubj')."""
    return dep.split(":", 1)[0]


def children_of(tokens: Sequence[Token], start: int = 0, end: int | None = None) -> dict[int, list[int]]:
    """Head -> its dependents (in order) for the tokens in [start, end)."""
    end = len(tokens) if end is None else end
    out: dict[int, list[int]] = {}
    for i in range(start, end):
        h = tokens[i].head
        if h >= 0 and h != i:
            out.setdefault(h, []).append(i)
    return out


def conjuncts(doc: Doc, head: int) -> list[int]:
    """`head` and the heads coordinated with it ("mit den USA, Frankreich und den Briten" -> three).

    UD attaches every further conjunct to the first one with `conj`; from any conjunct this returns the
    whole group, first conjunct first.
    """
    toks = doc.tokens
    first = head
    while toks[first].dep == "conj" and 0 <= toks[first].head != first:
        first = toks[first].head
    lo, hi = doc.sent_tokens[toks[first].sent]
    group = [first]
    for i in range(lo, hi):
        if toks[i].dep == "conj" and toks[i].head in group and i not in group:
            group.append(i)
    return sorted(group)


def subtree(doc: Doc, head: int, exclude: frozenset[str] = frozenset()) -> list[int]:
    """Indices of `head` and everything below it, not descending into dependents labelled `exclude`."""
    toks = doc.tokens
    lo, hi = doc.sent_tokens[toks[head].sent]
    kids = children_of(toks, lo, hi)
    out, stack = [], [head]
    while stack:
        i = stack.pop()
        out.append(i)
        stack.extend(c for c in kids.get(i, ()) if toks[c].dep not in exclude and not _set_off(toks, i, c))
    return sorted(out)


def _set_off(toks: Sequence[Token], head: int, c: int) -> bool:
    """An apposition separated from its head by punctuation ("Peskow, der Sprecher des Kremls")."""
    if toks[c].dep != "appos":
        return False
    lo, hi = sorted((head, c))
    return any(toks[k].dep == "punct" for k in range(lo + 1, hi))


def phrase_span(doc: Doc, head: int, *, exclude: frozenset[str] = PHRASE_EXCLUDE) -> tuple[int, int]:
    """Half-open token range of an argument head's phrase, for mapping it to actor mentions.

    "dem russischen Präsidenten Wladimir Putin, der …" -> the tokens from "dem" to "Putin": the
    subtree of the head without relative clauses, appositions, further conjuncts, the leading
    preposition and edge punctuation. The range is contiguous (from the first to the last such token
    that is connected to the head without a gap).
    """
    toks = doc.tokens
    if not 0 <= head < len(toks) or toks[head].head < 0:
        return (head, head + 1)
    members = set(subtree(doc, head, exclude))
    members |= {i + 1 for i in members if _possessive_clitic(toks, i + 1)}  # "Syria's banking sector"
    members |= {i + 1 for i in members if i + 2 in members and toks[i + 1].text == "-"}  # "Secretary-General"
    start = end = head
    while start - 1 in members:
        start -= 1
    while end + 1 in members:
        end += 1
    return (start, end + 1)


def _possessive_clitic(toks: Sequence[Token], i: int) -> bool:
    """English "'s" / "'" after a possessor: part of the phrase, not a preposition in front of it."""
    return i < len(toks) and toks[i].dep == "case" and toks[i].text in ("'s", "'", "’s", "’")


def noun_dependents(doc: Doc, head: int) -> list[tuple[str, int]]:
    """A noun's prepositional and genitive dependents as (marker, dependent head).

    The marker is the preposition's lemma ("gegen", "von", "auf", "mit", "of", "against") or "gen" for a
    genitive or possessive ("die Festnahme des Journalisten", "Russia's invasion"). For event nouns:
    "Sanktionen gegen Russland" -> [("gegen", Russland)].
    """
    toks = doc.tokens
    if toks[head].head < 0:
        return []
    lo, hi = doc.sent_tokens[toks[head].sent]
    out = []
    for c in children_of(toks, lo, hi).get(head, ()):
        if base(toks[c].dep) != "nmod":
            continue
        marker = case_marker(doc, c)
        if marker is None:
            marker = "gen" if _genitive(doc, c) else None
        if marker is not None:
            out.append((marker, c))
    return out


def case_marker(doc: Doc, head: int) -> str | None:
    """The adposition of a nominal ('case' dependent), lower case: the lemma in German ('zum' -> 'zu'),
    the word in English, with its fixed parts ('according to'); None if it has none."""
    lo, hi = doc.sent_tokens[doc.tokens[head].sent]
    return adposition(doc.tokens, children_of(doc.tokens, lo, hi), head, doc.language)


def adposition(tokens: Sequence[Token], kids: dict[int, list[int]], head: int, language: str) -> str | None:
    """`case_marker` over a given children map (for the rules, which keep one per sentence)."""
    for c in kids.get(head, ()):
        t = tokens[c]
        if t.dep != "case" or t.text in ("'s", "'"):
            continue
        word = (t.lemma or t.text).lower() if language == "de" else t.text.lower()
        fixed = [tokens[f].text.lower() for f in kids.get(c, ()) if tokens[f].dep == "fixed"]
        return " ".join([word, *fixed])
    return None


def _genitive(doc: Doc, head: int) -> bool:
    """A possessive, or (German) a nominal dependent of a noun with no adposition: a genitive."""
    dep = doc.tokens[head].dep
    return dep == "nmod:poss" or (doc.language == "de" and base(dep) == "nmod")
