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
- A fresh process starts with both memos seeded for the 200,000 most frequent German word forms
  (`nlp_data/de_seed.pkl.xz`, built by scripts/build_tag_seed.py from exactly these functions' results;
  word list from wordfreq, CC BY-SA 4.0). The seed loads with the German tagger (~0.2 s, ~14 MB of
  arrays), answers memo misses, and is off with LAGEBILD_TAG_SEED=0 or `use_seed(False)` (and unused,
  with a warning, if it was built with another HanTa version).

`python -m bench.equivalence` checks all of this against the stock tools on the 877 real articles.
"""

from __future__ import annotations

import os
import unicodedata
import zlib
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from .lang import get_language
from .records import Doc, Sentence, Token

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
        get_language(language).tokenizer_model,
        split_camel_case=False,
        split_sentences=True,
        character_offsets=True,
    )


@cache
def fast_tokenizer(language: str):
    """SoMaJo without offset alignment and with the emoji pre-check (same tokens and sentences)."""
    from somajo import SoMaJo

    tok = SoMaJo(
        get_language(language).tokenizer_model,
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

    t = HanoverTagger.HanoverTagger(get_language(language).tagger_model)
    fast = _FastLattice(t)
    t.analyze_viterbi = fast.analyze_viterbi
    memo = lru_cache(maxsize=WORD_CACHE_SIZE)(fast.analyze_forward)

    def analyze_forward(word: str):
        # Seeded words are decoded afresh on each call (~5 us) instead of being memoised: a memoised
        # result costs ~1 kB, the seed ~70 bytes a word, so the memo holds only the other words.
        if _SEED_ENABLED and (seed := _seed(language)) is not None:
            got = seed.forward(word)
            if got is not None:
                return got
        return memo(word)

    analyze_forward.cache_info, analyze_forward.cache_clear = memo.cache_info, memo.cache_clear
    t.analyze_forward = analyze_forward
    _TAGGERS[language] = t
    if _SEED_ENABLED:
        _seed(language)  # load it now, with the model, not inside the first article
    return t


_TAGGERS: dict[str, Any] = {}


# The shipped seed (scripts/build_tag_seed.py): exact analyses of frequent German words, so that a
# fresh process starts warm for them. LAGEBILD_TAG_SEED=0 turns it off (e.g. to measure cold runs).
_SEED_FILES = {"de": "de_seed.pkl.xz"}
_SEED_ENABLED = os.environ.get("LAGEBILD_TAG_SEED", "1").strip().lower() not in ("0", "false", "no", "off")


def use_seed(enabled: bool) -> None:
    """Turn the shipped seed on or off for this process (the memo caches are emptied)."""
    global _SEED_ENABLED
    _SEED_ENABLED = bool(enabled)
    clear_caches()


@cache
def _seed(language: str) -> TagSeed | None:
    """The language's seed, loaded on first use; None when there is none."""
    from importlib import resources

    name = _SEED_FILES.get(language)
    if name is None:
        return None
    ref = resources.files("lagebild") / "nlp_data" / name
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path:
        seed = TagSeed.load(path)
    if (seed.hanta, seed.model) != (_hanta_version(), get_language(language).tagger_model):
        import warnings

        warnings.warn(
            f"{name} was built with HanTa {seed.hanta} ({seed.model}), HanTa {_hanta_version()} is "
            "installed: seed not used (rebuild it with scripts/build_tag_seed.py)",
            stacklevel=2,
        )
        return None
    return seed


def _hanta_version() -> str:
    from importlib.metadata import version

    return version("HanTa")


class TagSeed:
    """Precomputed `analyze_forward` results and lemmas of frequent words, in compact arrays.

    A lookup hashes the word (CRC-32), finds it by binary search in the sorted hashes, checks the word
    itself and decodes its entries into the very objects HanTa returns (ints, Python floats, numpy
    float64 where HanTa's `logaddexp` made one). Tag distributions are decoded on every call (never
    memoised), lemmas go into the bounded lemma memo like computed ones; the seed itself is never
    turned into Python objects wholesale: 200,000 words take about 14 MB as arrays and byte strings
    (~70 bytes a word) where memoised lists take ~1 kB a word.
    Per-word positions are kept every 32 words only (plus a byte per word: its length or count), and
    indices into the tables of distinct values and lemmas take 3 bytes each.
    """

    def __init__(self, data: dict, load_seconds: float = 0.0) -> None:
        import numpy as np

        self.load_seconds = load_seconds
        self.model, self.hanta = data["model"], data["hanta"]
        self._words = data["words"].encode("utf-8")
        words = self._words.split(b"\n")
        self.hash = np.fromiter(map(zlib.crc32, words), dtype=np.uint32, count=len(words))
        if len(self.hash) > 1 and not (self.hash[1:] >= self.hash[:-1]).all():
            raise ValueError("seed words are not in the order of their hashes")
        self._wlen = bytes(len(w) + 1 for w in words)  # with the separator; raises if a word is too long
        self._wblock = _blocks(self._wlen)
        del words
        self._fcount, self._fblock = data["fcount"], _blocks(data["fcount"])
        self._ftag = data["ftag"]
        self._fref = _three_bytes(data["fref"])
        self._vkind = data["vkind"]  # per distinct value: 0 float, 1 numpy float64, 2 int
        self._vval = np.frombuffer(data["vval"], dtype="<f8")
        self._lcount, self._lblock = data["lcount"], _blocks(data["lcount"])
        self._ltag = data["ltag"]
        self._lref = _three_bytes(data["lref"])
        self._lemmas = data["lemmas"].encode("utf-8")
        self._loff = _offsets(self._lemmas)
        self.forward_hits = self.lemma_hits = 0
        self._float64, self._uint32 = np.float64, np.uint32

    @classmethod
    def load(cls, path) -> TagSeed:
        import lzma
        import pickle
        import time

        c = time.perf_counter()
        with lzma.open(path, "rb") as f:
            data = pickle.load(f)  # lagebild's own file (bytes, strings and ints only)
        if data.get("format") != 1:
            raise ValueError(f"{path}: unknown seed format {data.get('format')!r}")
        return cls(data, time.perf_counter() - c)

    def __len__(self) -> int:
        return len(self.hash)

    def nbytes(self) -> int:
        """Memory held by the arrays and byte strings (the loaded seed's footprint)."""
        arrays = (self.hash, self._wblock, self._fblock, self._vval, self._lblock, self._loff)
        blobs = (self._words, self._wlen, self._fcount, self._ftag, self._fref, self._vkind)
        blobs += (self._lcount, self._ltag, self._lref, self._lemmas)
        return sum(a.nbytes for a in arrays) + sum(len(b) for b in blobs)

    def words(self) -> list[str]:
        return self._words.decode("utf-8").split("\n")

    def _find(self, word: str) -> int:
        """Index of `word`, or -1."""
        b = word.encode("utf-8", "surrogatepass")
        h = zlib.crc32(b)
        hashes, n = self.hash, len(self.hash)
        i = int(hashes.searchsorted(self._uint32(h)))  # a Python int would convert the whole array
        while i < n and hashes[i] == h:
            start = _start(self._wblock, self._wlen, i)
            if self._words[start : start + self._wlen[i] - 1] == b:
                return i
            i += 1
        return -1

    def forward(self, word: str) -> list | None:
        """`analyze_forward(word)` as HanTa computes it, or None when the seed does not have it."""
        i = self._find(word)
        if i < 0 or not self._fcount[i]:
            return None  # no count: in HanTa's own word cache, analyze_forward is never asked for it
        a = _start(self._fblock, self._fcount, i)
        b = a + self._fcount[i]
        fref = self._fref
        refs = [int.from_bytes(fref[3 * j : 3 * j + 3], "little") for j in range(a, b)]
        tags, values, kinds = list(self._ftag[a:b]), self._vval[refs].tolist(), [self._vkind[r] for r in refs]
        self.forward_hits += 1
        if not any(kinds):
            return list(zip(tags, values, strict=True))
        f64 = self._float64
        return [
            (tag, v if k == 0 else f64(v) if k == 1 else int(v))
            for tag, v, k in zip(tags, values, kinds, strict=True)
        ]

    def lemmas(self, word: str) -> list[tuple[int, str]]:
        """(tag, lemma) pairs stored for `word`."""
        i = self._find(word)
        if i < 0 or not self._lcount[i]:
            return []
        a = _start(self._lblock, self._lcount, i)
        out = []
        loff, blob, lref = self._loff, self._lemmas, self._lref
        for j in range(a, a + self._lcount[i]):
            r = int.from_bytes(lref[3 * j : 3 * j + 3], "little")
            text = (
                word
                if r == 0
                else word[:1].upper() + word[1:]
                if r == 1
                else blob[loff[r] : loff[r + 1] - 1].decode()
            )
            out.append((self._ltag[j], text))
        return out

    def lemma(self, word: str, tagnr: int) -> str | None:
        """HanTa's lemma of (lower-cased) `word` with tag `tagnr`, or None when not stored."""
        for tag, text in self.lemmas(word):
            if tag == tagnr:
                self.lemma_hits += 1
                return text
        return None


_BLOCK = 32  # TagSeed keeps the position of every 32nd item; the rest are summed from per-item sizes


def _blocks(sizes: bytes):
    """Start position of items 0, 32, 64, ... given each item's size (one byte each)."""
    import numpy as np

    starts = np.concatenate(([0], np.cumsum(np.frombuffer(sizes, dtype=np.uint8), dtype=np.int64)))
    return starts[::_BLOCK].astype(np.uint32)


def _start(blocks, sizes: bytes, i: int) -> int:
    """Start position of item `i` (see `_blocks`)."""
    base = i - i % _BLOCK
    return int(blocks[i // _BLOCK]) + sum(sizes[base:i])


def _three_bytes(u32: bytes) -> bytes:
    """Little-endian uint32 values (all below 2**24) as 3 bytes each."""
    import numpy as np

    a = np.frombuffer(u32, dtype="<u4")
    if len(a) and int(a.max()) >= 1 << 24:
        raise ValueError("index too large for 3 bytes")
    return a.view(np.uint8).reshape(-1, 4)[:, :3].tobytes()


def _offsets(blob: bytes):
    """Start offsets of the newline-separated items of `blob`, plus one past the end."""
    import numpy as np

    ends = np.flatnonzero(np.frombuffer(blob, dtype=np.uint8) == 10)
    return np.concatenate(([0], ends + 1, [len(blob) + 1])).astype(np.uint32)


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

    def _fill(
        self, word: str, strict: bool, reachable: frozenset | None, backpointer: list | None
    ) -> list[dict]:
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
        if _SEED_ENABLED and (seed := _seed(language)) is not None:
            got = seed.lemma(word, tagnr)
            if got is not None:
                return got
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
    return [
        (int2tag[nr], lemma(w.lower(), nr)) for w, nr in zip(words, t.tag_sent_viterbi(words), strict=True)
    ]


def clear_caches() -> None:
    """Empty the HanTa memo caches: back to the state of a fresh process (seeded unless the seed is off)."""
    for lang, t in _TAGGERS.items():
        t.analyze_forward.cache_clear()
        t.analyze_viterbi.__self__.guessed.clear()
        _lemmatizer(lang).cache_clear()
        if _SEED_ENABLED and (seed := _seed(lang)) is not None:
            seed.forward_hits = seed.lemma_hits = 0


def cache_info() -> dict[str, dict[str, int]]:
    """Hit/miss counts of the HanTa caches per loaded language (for the benchmark).

    A miss of the memo cache that the seed answered counts as a miss there and as a seed hit here.
    """
    out = {}
    for lang, t in _TAGGERS.items():
        w, m = t.analyze_forward.cache_info(), _lemmatizer(lang).cache_info()
        out[lang] = {
            "word_hits": w.hits,
            "word_misses": w.misses,
            "lemma_hits": m.hits,
            "lemma_misses": m.misses,
        }
        seed = _seed(lang) if _SEED_ENABLED else None
        if seed is not None:
            out[lang].update(
                seed_words=len(seed), seed_word_hits=seed.forward_hits, seed_lemma_hits=seed.lemma_hits
            )
    return out


def seed_info(language: str = "de") -> dict[str, Any] | None:
    """Size and load time of the language's seed (loading it if needed); None when off or absent."""
    seed = _seed(language) if _SEED_ENABLED else None
    if seed is None:
        return None
    return {"words": len(seed), "load_seconds": seed.load_seconds, "memory_bytes": seed.nbytes()}


class Tokenize:
    """Fill `sentences` on the article and the token layer on the doc."""

    name = "tokenize"
    requires = ("article.text", "article.language")
    assigns = ("article.sentences", "doc.tokens", "doc.sent_tokens")

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
