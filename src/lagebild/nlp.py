"""Sentences and tokens (SoMaJo), tags and lemmas (HanTa) for the cleaned text.

Each line of the cleaned text is tokenised as its own paragraph, so a sentence never spans a line
break: quotes set on their own line after "sagte er:" stay sentences of their own.

Speed (issue 7; numbers in docs/performance.md). The output is exactly what stock SoMaJo and HanTa
give; only redundant work is skipped:

- SoMaJo runs without its character-offset alignment (a third of its time); offsets come from a
  verbatim scan of the paragraph, and any paragraph the scan cannot align (NFC changes, spelling
  normalisation, tokens with inner whitespace) is re-tokenised with SoMaJo's own offsets.
- SoMaJo's emoji splitter compiles a regex per character; a precompiled whole-token pre-check skips
  it for tokens that hold no emoji-like character (the splitter would find no boundary there).
- HanTa's two costly steps are pure functions of the word: the per-word tag distribution
  (`analyze_forward`) and the per-(word, tag) morphological analysis that yields the lemma. Both are
  memoised in bounded LRU caches, and their morpheme lattices skip the paths HanTa scores -inf
  (`_FastLattice`); the sentence-level Viterbi that picks tags in context still runs on every
  sentence, so tags and lemmas are unchanged.

`python -m bench.equivalence` checks all of this against the stock tools on the 877 real articles.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from .records import Doc, Sentence, Token

_SOMAJO_MODEL = {"de": "de_CMC", "en": "en_PTB"}
_HANTA_MODEL = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}

# Bounded per process, about 70 MB at most in all (a worker's budget is 500 MB): 50k word types
# (~600 B each), 75k (word, tag) lemmas, 100k guesses. LAGEBILD_TAG_CACHE sets the word count
# (the others follow; 0 turns memoisation off, e.g. to measure the uncached cost).
WORD_CACHE_SIZE = int(os.environ.get("LAGEBILD_TAG_CACHE", "50000"))
LEMMA_CACHE_SIZE = WORD_CACHE_SIZE * 3 // 2
GUESS_CACHE_SIZE = WORD_CACHE_SIZE * 2  # HanTa's unknown-morpheme guesses, shared across words


@cache
def tokenizer(language: str):
    """Stock SoMaJo with character offsets (the reference the fast path falls back on)."""
    from somajo import SoMaJo

    return SoMaJo(
        _SOMAJO_MODEL[language],
        split_camel_case=False,
        split_sentences=True,
        character_offsets=True,
    )


@cache
def fast_tokenizer(language: str):
    """SoMaJo without offset alignment and with the emoji pre-check (same tokens and sentences)."""
    from somajo import SoMaJo

    tok = SoMaJo(
        _SOMAJO_MODEL[language],
        split_camel_case=False,
        split_sentences=True,
        character_offsets=False,
    )
    _speed_up_emoji_split(tok._tokenizer)
    return tok


def _speed_up_emoji_split(inner: Any) -> None:
    """Wrap `Tokenizer._split_emojis` with a pre-check: no candidate character, no boundary."""
    import regex

    original = inner._split_emojis
    candidate = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]")

    def split_emojis(node, token_class: str = "emoticon") -> None:
        if candidate.search(node.value.text) is None:
            return
        original(node, token_class)

    inner._split_emojis = split_emojis


@cache
def tagger(language: str):
    """HanTa's tagger with its per-word analyses memoised (see module docstring)."""
    from HanTa import HanoverTagger

    t = HanoverTagger.HanoverTagger(_HANTA_MODEL[language])
    fast = _FastLattice(t)
    t.analyze_viterbi = fast.analyze_viterbi
    t.analyze_forward = lru_cache(maxsize=WORD_CACHE_SIZE)(fast.analyze_forward)
    _TAGGERS[language] = t
    return t


_TAGGERS: dict[str, Any] = {}


class _FastLattice:
    """HanTa's two per-word lattices (`analyze_forward`, `analyze_viterbi`), same arithmetic, less work.

    The originals call `lp_m_t(segment, tag)` for every segment x tag x state. A segment unknown to a
    tag's morpheme table scores -inf unless the tag is an open class (HanTa's hapax/suffix guess) and
    the pass is not strict; such a -inf path is dropped by the originals anyway, so it is skipped here
    before any call. Guesses are computed once per (segment, tag, length class) and shared across
    words (bounded). Table updates, their
    order and the floating-point sums are the originals', so results are identical (bench/equivalence).
    """

    def __init__(self, t: Any) -> None:
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

    def _fill(self, word: str, strict: bool, reachable: frozenset | None, backpointer: list | None) -> list[dict]:
        """The morpheme lattice: table[j][(prev_tag, tag)] = best log prob of a path ending at j."""
        lowerbound = -1e6
        wlen = len(word)
        index, guess = self.index, self.t.lp_m_t
        guessed = self.guessed
        if len(guessed) > GUESS_CACHE_SIZE:
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


@cache
def _lemmatizer(language: str) -> Callable[[str, int], str]:
    """(lower-cased word, tag number) -> lemma; HanTa's `_analyze(word, tag, taglevel=1)` memoised."""
    t = tagger(language)

    @lru_cache(maxsize=LEMMA_CACHE_SIZE)
    def lemma(word: str, tagnr: int) -> str:
        return t._analyze(word, tagnr, taglevel=1)[0]

    return lemma


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their start offsets."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _skippable() -> frozenset[str]:
    from somajo import alignment

    return frozenset(alignment._skipable_characters)


_SKIP: frozenset[str] | None = None


def _align(para: str, sentences: list[list[Any]]) -> list[list[tuple[str, int, int]]] | None:
    """Offsets of SoMaJo tokens by scanning `para`; None when a token is not found verbatim.

    Mirrors SoMaJo's own alignment for the verbatim case: skip whitespace and invisible characters,
    then the token's (original) spelling must follow.
    """
    global _SKIP
    if _SKIP is None:
        _SKIP = _skippable()
    skip = _SKIP
    if not para.isascii() and not unicodedata.is_normalized("NFC", para):
        return None
    out: list[list[tuple[str, int, int]]] = []
    pos, n = 0, len(para)
    for sent in sentences:
        row = []
        for t in sent:
            text = t.original_spelling if t.original_spelling is not None else t.text
            while pos < n and (para[pos] in skip or para[pos].isspace()):
                pos += 1
            if not text or not para.startswith(text, pos) or any(c.isspace() for c in text):
                return None
            row.append((t.text, pos, pos + len(text)))
            pos += len(text)
        out.append(row)
    return out


def split_sentences(text: str, language: str) -> list[list[tuple[str, int, int]]]:
    """Sentences as lists of (token, start, end) with offsets into `text`."""
    fast = fast_tokenizer(language)
    out = []
    for offset, para in paragraphs(text):
        sents = [s for s in fast.tokenize_text([para]) if s]
        aligned = _align(para, sents)
        if aligned is None:  # rare: let SoMaJo align this paragraph itself
            aligned = [
                [(t.text, t.character_offset[0], t.character_offset[1]) for t in s]
                for s in tokenizer(language).tokenize_text([para])
                if s
            ]
        for sent in aligned:
            out.append([(w, offset + s, offset + e) for w, s, e in sent])
    return out


def _tag(language: str, words: list[str]) -> list[tuple[str, str]]:
    """(tag, lemma) per word; HanTa's coarse STTS tags such as NN, NE, VV(FIN), ADJ(A).

    Same result as `tagger(language).tag_sent(words, taglevel=1)`, with lemmas memoised.
    """
    if not words:
        return []
    t = tagger(language)
    lemma = _lemmatizer(language)
    int2tag = t.int2tag
    return [(int2tag[nr], lemma(w.lower(), nr)) for w, nr in zip(words, t.tag_sent_viterbi(words), strict=True)]


def clear_caches() -> None:
    """Empty the HanTa memo caches (the benchmark uses it to measure cold runs)."""
    for lang, t in _TAGGERS.items():
        t.analyze_forward.cache_clear()
        t.analyze_viterbi.__self__.guessed.clear()
        _lemmatizer(lang).cache_clear()


def cache_info() -> dict[str, dict[str, int]]:
    """Hit/miss counts of the HanTa caches per loaded language (for the benchmark)."""
    out = {}
    for lang, t in _TAGGERS.items():
        w, m = t.analyze_forward.cache_info(), _lemmatizer(lang).cache_info()
        out[lang] = {"word_hits": w.hits, "word_misses": w.misses, "lemma_hits": m.hits, "lemma_misses": m.misses}
    return out


class Tokenize:
    """Fill `sentences` on the article and the token layer on the doc."""

    name = "tokenize"
    assigns = ("article.sentences", "doc.tokens")

    def __init__(self, tag: bool = True) -> None:
        self.tag = tag

    def __call__(self, doc: Doc) -> Doc:
        return self.annotate(doc, split_sentences(doc.text, doc.language))

    def annotate(self, doc: Doc, sentences: list[list[tuple[str, int, int]]]) -> Doc:
        """Tag the split sentences and fill the doc (separate so the benchmark can time both steps)."""
        tokens: list[Token] = []
        sents: list[Sentence] = []
        spans: list[tuple[int, int]] = []
        for i, sent in enumerate(sentences):
            first = len(tokens)
            tags = _tag(doc.language, [w for w, _, _ in sent]) if self.tag else [("", w) for w, _, _ in sent]
            for (word, start, end), (tag, lemma) in zip(sent, tags, strict=True):
                tokens.append(Token(word, start, end, tag, lemma, i))
            sents.append(Sentence(sent[0][1], sent[-1][2]))
            spans.append((first, len(tokens)))
        doc.tokens, doc.sent_tokens = tokens, spans
        doc.article.sentences = sents
        return doc
