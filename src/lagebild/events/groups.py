"""Actor groups: coordinated actor mentions ("Russland und Iran"), pronouns and their prepositions."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import pairwise

from ..lang.tags import TagView
from ..records import Doc, Mention, Token
from .lexicon import CoderBase


@dataclass
class Group:
    """Coordinated actor mentions in one position ("Russland und Iran"), with their context."""

    mentions: list[Mention]
    first: int  # token index of the first token
    last: int
    prep: str | None = None
    oblique: bool = False
    genitive: bool = False
    pronoun: bool = False


class GroupFinder(CoderBase):
    """Mixed into EventCoder: the actor groups of a sentence and the preposition or case of each."""

    def groups(self, doc: Doc, toks: list[Token], a: int, b: int, starts: list[int], speaker) -> list[Group]:
        """Actor groups of a sentence, in token order."""
        g = self.g
        items: list[tuple[int, int, Mention, bool]] = []
        for m in doc.mentions:
            if m.actor is None:
                continue
            i = bisect.bisect_right(starts, m.start) - 1
            if i < a or i >= b:
                continue
            j = i
            while j + 1 < b and toks[j + 1].start < m.end:
                j += 1
            items.append((i, j, Mention(m.text, m.start, m.end, m.actor), False))
        taken = {(i, j) for i, j, _, _ in items}
        covered = {k for i, j, _, _ in items for k in range(i, j + 1)}
        for k in range(a, b):
            t = toks[k]
            if k in covered or t.tag not in g.pron:
                continue
            low = t.text.lower()
            actor = None
            if low in g.speaker_pronouns:
                actor = speaker(t.start)
            elif low in g.subject_pronouns and t.text != "Sie":
                actor = "resolve"
            if actor is not None and (k, k) not in taken:
                items.append(
                    (k, k, Mention(t.text, t.start, t.end, None if actor == "resolve" else actor), True)
                )
        items.extend(self._both(doc, toks, a, b, covered))
        items.sort(key=lambda x: (x[0], -x[1]))
        out: list[Group] = []
        for i, j, m, pron in items:
            if out and not pron and not out[-1].pronoun:
                prev = out[-1]
                if (i, j) == (prev.first, prev.last) and m.text == prev.mentions[-1].text:
                    prev.mentions.append(m)  # "die beiden Präsidenten": two actors, one phrase
                    continue
                if i <= prev.last:  # nested or overlapping mention: keep the first
                    continue
                between = toks[prev.last + 1 : i]
                joined = bool(between) and all(
                    (t.tag in g.conj and self._lemma(t) in ("und", "sowie", "and"))
                    or t.text == ","
                    or t.tag in ("ART", "AT0")
                    for t in between
                )
                if not joined and self.language == "en":
                    joined = _head_then_and(
                        between, g
                    )  # "Sudan's army and the RSF", "the Sudanese army and the RSF"
                comma_conj = any(x.text == "," and y.tag in g.conj for x, y in pairwise(between))
                if (
                    joined
                    and not comma_conj
                    and (any(t.tag in g.conj for t in between) or _list_continues(toks, j, b, g))
                ):
                    prev.mentions.append(m)
                    prev.last = j
                    continue
            out.append(Group([m], i, j, pronoun=pron))
        for grp in out:
            self._context(toks, a, grp)
        return out

    def _both(self, doc: Doc, toks: list[Token], a: int, b: int, covered: set[int]):
        """'die beiden Präsidenten/Länder' -> the last two actors of different countries before it."""
        out = []
        both = self.cues.get("both", frozenset())
        for k in range(a, b - 1):
            if self._lemma(toks[k]) not in both or toks[k + 1].tag not in self.g.noun or (k + 1) in covered:
                continue
            if self._lemma(toks[k + 1]) not in self.cues.get("bothnoun", frozenset()):
                continue
            found: list = []
            for m in sorted(
                (m for m in doc.mentions if m.actor is not None and m.end <= toks[k].start),
                key=lambda m: -m.start,
            ):
                key = m.actor.country or m.actor.id
                if key not in [f[0] for f in found]:
                    found.append((key, m.actor))
                if len(found) == 2:
                    break
            if len(found) == 2:
                start = k - 1 if k > a and toks[k - 1].tag in ("ART", "AT0") else k
                text = doc.text[toks[start].start : toks[k + 1].end]
                for _, actor in found:
                    out.append(
                        (start, k + 1, Mention(text, toks[start].start, toks[k + 1].end, actor), False)
                    )
        return out

    def _context(self, toks: list[Token], a: int, grp: Group) -> None:
        """Preposition governing the group, and whether a determiner marks it oblique/genitive."""
        g = self.g
        k = grp.first - 1
        det_seen = False
        if grp.pronoun:
            grp.oblique = toks[grp.first].text.lower() in g.oblique
        while k >= a and grp.first - k <= 10:
            t = toks[k]
            if t.tag in g.prep:
                grp.prep = self._lemma(t)
                if grp.prep in ("an", "zu", "in", "von", "bei") and t.tag == "APPRART":
                    pass
                return
            if t.tag in g.det:
                if not det_seen and t.text.lower() in g.oblique:
                    grp.oblique = True
                if not det_seen and t.text.lower() in g.genitive:
                    grp.genitive = True
                if t.tag in ("ART", "AT0", "PPOSAT", "DPS"):
                    det_seen = True
                k -= 1
                continue
            if t.tag in g.noun:
                # a title before a name ("Kreml-Sprecher Dmitri Peskow", not "Luftangriff Soleimani")
                # or a head noun with this group as its genitive attribute ("die Präsidenten des Iran",
                # "Angriffe Russlands"): the group shares the head's position, so look further back
                adjacent = k == grp.first - 1
                title = (
                    adjacent
                    and not self._time_word(t)
                    and not self.ix.for_noun(self._lemma(t))
                    and (k == a or toks[k - 1].tag != "APPRART")
                )
                nxt = toks[k + 1].text.lower()
                genitive = (k + 1 < grp.first and nxt in g.genitive | {"der", "einer"}) or (
                    adjacent and self.language == "de" and toks[grp.first].text.endswith("s")
                )
                if title or genitive:
                    grp.genitive = grp.genitive or genitive
                    det_seen = False
                    k -= 1
                    continue
            return

    def _resolve_pronouns(self, groups: list[Group], last_subject: list[Mention | None]) -> None:
        """A third-person pronoun stands for the last single-actor subject (same or earlier sentence)."""
        for grp in groups:
            if grp.pronoun and grp.mentions[0].actor is None:
                ante = last_subject[0]
                if ante is not None and not grp.oblique:
                    grp.mentions[0].actor = ante.actor
        groups[:] = [x for x in groups if x.mentions[0].actor is not None]


def _head_then_and(between: list[Token], g: TagView) -> bool:
    """English: the first actor's head noun stands between it and "and" ("Sudan's army and the RSF")."""
    k = 0
    while k < len(between) and between[k].tag == "POS":
        k += 1
    n = k
    while k < len(between) and (between[k].tag in g.noun or between[k].tag == "AJ0"):
        k += 1
    if k == n or k >= len(between) or between[k].tag not in g.conj or between[k].text.lower() != "and":
        return False
    return all(t.tag == "AT0" for t in between[k + 1 :])


def _list_continues(toks: list[Token], j: int, b: int, g: TagView) -> bool:
    """After 'X, Y' the list goes on to 'und Z' (', Z und W'): a list, not an apposition."""
    k = j + 1
    while k < b and (toks[k].tag in g.det or toks[k].tag in g.proper or toks[k].text == ","):
        k += 1
    return k < b and toks[k].tag in g.conj
