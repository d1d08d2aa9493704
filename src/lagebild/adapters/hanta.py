"""HanTa adapter (pinned to HanTa 1.2.1): model loading, the per-word lattices, the patch points.

HanTa's two costly steps are pure functions of the word: the per-word tag distribution
(`analyze_forward`) and the per-(word, tag) morphological analysis that yields the lemma
(`analyze_viterbi`, reached through the private `_analyze`). `FastLattice` computes both with the
originals' arithmetic on a pruned lattice, and `install` puts memoised versions in the tagger's place;
the sentence-level Viterbi that picks tags in context (`tag_sent_viterbi`) still runs on every
sentence, so tags and lemmas are exactly HanTa's (bench/equivalence.py checks all 877 real articles).
Everything here reads HanTa's private tables; nothing else in lagebild does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PINNED = "1.2.1"


def load_model(name: str) -> Any:
    """A fresh, unpatched HanoverTagger for one of HanTa's shipped models."""
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger(name)


def install(t: Any, forward: Callable[[str], list], viterbi: Callable[[str, int], list]) -> None:
    """Make the tagger use these per-word functions (instance attributes shadow the methods)."""
    t.analyze_forward = forward
    t.analyze_viterbi = viterbi


def tag_numbers(t: Any, words: list[str]) -> list[int]:
    """The sentence Viterbi: one tag number per word (HanTa's `tag_sent_viterbi`)."""
    return t.tag_sent_viterbi(words)


def tag_names(t: Any) -> dict[int, str]:
    return t.int2tag


def lemma(t: Any, word: str, tagnr: int) -> str:
    """HanTa's lemma of a lower-cased word with a tag (private `_analyze`, taglevel 1)."""
    return t._analyze(word, tagnr, taglevel=1)[0]


def candidate_tags(t: Any, word: str) -> list[int]:
    """Tags the sentence Viterbi can pick for `word`: `_tag_word`'s output in the three case settings
    (for building the seed)."""
    tags: set[int] = set()
    for form, cs in ((word, False), (word, True), (word[:1].upper() + word[1:], True)):
        tags.update(tag for tag, _ in t._tag_word(form, cutoff=5, casesensitive=cs, conditional=True))
    return sorted(tag for tag in tags if -tag not in t.atomic_class)


def in_word_cache(t: Any, word: str) -> bool:
    """Words HanTa answers from its own model cache (it never calls `analyze_forward` for them)."""
    return word in t.cache


def normalize(t: Any, word: str) -> str:
    return t.normalize(word)


class FastLattice:
    """HanTa's two per-word lattices (`analyze_forward`, `analyze_viterbi`), same arithmetic, less work.

    The originals call `lp_m_t(segment, tag)` for every segment x tag x state. A segment unknown to a
    tag's morpheme table scores -inf unless the tag is an open class (HanTa's hapax/suffix guess) and
    the pass is not strict; such a -inf path is dropped by the originals anyway, so it is skipped here
    before any call. Guesses are computed once per (segment, tag, length class) and shared across
    words (bounded). Table updates, their
    order and the floating-point sums are the originals', so results are identical (bench/equivalence).
    """

    def __init__(self, t: Any, guess_cache_size: int) -> None:
        from HanTa.HanoverTagger import EMPTY, START

        self.t = t
        self.start = (EMPTY, START)
        self.open = frozenset(set(t.LP_hapax_t) & set(t.LP_s_t))
        # segment -> {tag: log p(segment | tag)}: one lookup per segment instead of one per tag
        self.index: dict[str, dict[int, float]] = {}
        for tag, table in t.LP_m_t.items():
            for morpheme, lp in table.items():
                self.index.setdefault(morpheme, {})[tag] = lp
        self.follow: dict = {}
        self.guessed: dict[tuple[str, int, bool, bool], float] = {}
        self.original_forward = t.analyze_forward
        self.original_viterbi = t.analyze_viterbi
        self.guess_cache_size = guess_cache_size

    def _follow(self, state: tuple[int, int], reachable: frozenset | None) -> tuple[list, list]:
        """(all followers, open-class followers) of a lattice state, in HanTa's order; memoised."""
        key = (state, reachable)
        got = self.follow.get(key)
        if got is None:
            followup = self.t.LP_trans_nonfinal.get(state, [])
            if reachable is not None:
                followup = [(tg, p) for (tg, p) in followup if tg in reachable]
            got = self.follow[key] = (followup, [(tg, p) for (tg, p) in followup if tg in self.open])
        return got

    def _fill(  # noqa: C901 -- HanTa's lattice loop, kept whole: it is the tagger's hot path, and the
        # tests pin its output to stock HanTa's (tests/test_adapters.py)
        self,
        word: str,
        strict: bool,
        reachable: frozenset | None,
        backpointer: list | None,
    ) -> list[dict]:
        """The morpheme lattice: table[j][(prev_tag, tag)] = best log prob of a path ending at j."""
        lowerbound = -1e6
        wlen = len(word)
        index, guess = self.index, self.t.lp_m_t
        guessed = self.guessed
        if len(guessed) > self.guess_cache_size:
            guessed.clear()
        table: list[dict] = [{self.start: 0}] + [{} for _ in range(wlen + 1)]
        for i in range(wlen + 1):
            row = table[i]
            if not row:
                continue
            rowbound = sorted(row.values(), reverse=True)[3] - 1 if len(row) > 3 else lowerbound
            segments = [(j, word[i:j]) for j in range(i + 1, wlen + 1)]
            for state in row:
                lp = row[state]
                if lp < rowbound:
                    continue
                followup, open_followup = self._follow(state, reachable)
                if not followup:
                    continue
                if strict:
                    open_followup = []
                prev = state[1]
                for j, segment in segments:
                    known = index.get(segment)
                    if known is None:
                        # only open classes can score an unknown segment (by guessing)
                        if not open_followup:
                            continue
                        candidates = open_followup
                    else:
                        candidates = followup
                    tj = table[j]
                    for tag1, lpt in candidates:
                        lpm = known.get(tag1) if known is not None else None
                        if lpm is None:
                            if strict or tag1 not in self.open:
                                continue  # the original scores -inf: below lowerbound, dropped
                            # HanTa's guess depends on wlen only through (wlen < 4, wlen == mlen)
                            gkey = (segment, tag1, wlen < 4, wlen == j - i)
                            lpm = guessed.get(gkey)
                            if lpm is None:
                                lpm = guessed[gkey] = guess(segment, tag1, wlen, strict)
                        lp1 = lp + lpt + lpm
                        if lp1 > lowerbound:
                            newstate = (prev, tag1)
                            old = tj.get(newstate)
                            if old is None or lp1 > old:
                                tj[newstate] = lp1
                                if backpointer is not None:
                                    backpointer[j][newstate] = (state, i)
        return table

    def analyze_forward(self, word: str):
        """HanTa's `analyze_forward` (tag distribution of one word) on the pruned lattice."""
        import math
        from operator import itemgetter

        from HanTa.HanoverTagger import UNKNOWN, logaddexp

        t = self.t
        lowerbound = -1e6
        table = self._fill(word, t.strict, None, None)
        for state in table[-2]:
            lp = table[-2][state]
            for tag1, lpt in t.LP_trans_final.get(state, []):
                lp1 = lp + lpt
                if lp1 > lowerbound:
                    newstate = (state[1], tag1)
                    if newstate not in table[-1] or lp1 > table[-1][newstate]:
                        table[-1][newstate] = lp1
        results: dict[int, float] = {}
        for state in table[-1]:
            lp = table[-1][state]
            if lp == -math.inf:
                continue
            pos = -state[1]
            results[pos] = logaddexp(results[pos], lp) if pos in results else lp
        result_list = sorted(results.items(), key=itemgetter(1), reverse=True)
        return result_list or [(UNKNOWN, 0)]

    def analyze_viterbi(self, word: str, targetpos: int):
        """HanTa's `analyze_viterbi` (best morpheme path for a known tag) on the pruned lattice."""
        import math

        from HanTa.HanoverTagger import EMPTY, END_UNKNOWN, UNKNOWN

        t = self.t
        wlen = len(word)
        lowerbound = -1e6
        reachable_t = t.reachability.get(targetpos, frozenset())
        for localstrict in (True, False):
            backpointer: list[dict] = [{} for _ in range(wlen + 2)]
            table = self._fill(word, localstrict, reachable_t, backpointer)
            for state in table[-2]:
                lp = table[-2][state]
                for tag1, lpt in t.LP_trans_final.get(state, []):
                    if tag1 == targetpos:
                        lp1 = lp + lpt
                        if lp1 > lowerbound:
                            newstate = (state[1], tag1)
                            if newstate not in table[-1] or lp1 > table[-1][newstate]:
                                table[-1][newstate] = lp1
                                backpointer[-1][newstate] = (state, wlen)
                        break
            if len(table[-1]) > 0:
                break
        pmax = -math.inf
        beststate = (EMPTY, EMPTY)
        for state in table[-1]:
            lp = table[-1][state]
            if lp > pmax:
                pmax = lp
                beststate = state
        i = len(backpointer) - 1
        if beststate == (EMPTY, EMPTY):
            states = [((UNKNOWN, END_UNKNOWN), i), ((self.start[1], UNKNOWN), i - 1)]
        else:
            states = [(beststate, i)]
            state = beststate
            while i > 0:
                state, i = backpointer[i][state]
                states.append((state, i))
            states = states[:-1]
        return [(state[1], i) for (state, i) in states[::-1]]
