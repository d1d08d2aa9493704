"""Part-of-speech tags and lemmas (HanTa), memoised per word and seeded for frequent words.

The output is exactly HanTa's (tags in context from its sentence Viterbi, lemmas from its
morphological analysis); only redundant work is skipped (see `adapters.hanta`):

- the per-word tag distribution and the per-(word, tag) lemma are memoised in bounded LRU caches
  (`TaggerSettings.word_cache` words; lemmas and HanTa's unknown-morpheme guesses in proportion);
- a fresh tagger answers memo misses from the language's shipped seed (`nlp.seed`), when the
  settings ask for it and the seed was built with the installed HanTa model (else an error: a stale
  seed would silently change nothing but speed, so it is rebuilt, not ignored).

`python -m bench.equivalence` checks all of this against stock HanTa on the 877 real articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.metadata import version
from typing import Any

from ..adapters import hanta
from ..lang import get_language
from .seed import TagSeed


@dataclass(frozen=True)
class TaggerSettings:
    """How a tagger memoises: `word_cache` word types (about 600 bytes each; lemmas and guesses are
    bounded in proportion; 0 turns memoisation off) and whether the shipped seed is used."""

    word_cache: int = 50_000
    seed: bool = True

    @property
    def lemma_cache(self) -> int:
        return self.word_cache * 3 // 2

    @property
    def guess_cache(self) -> int:
        return self.word_cache * 2


DEFAULT_SETTINGS = TaggerSettings()


class Tagger:
    """HanTa for one language with memoised per-word analyses and, optionally, the shipped seed."""

    def __init__(self, language: str, settings: TaggerSettings = DEFAULT_SETTINGS) -> None:
        lang = get_language(language)
        self.language, self.settings = language, settings
        self.hanta = hanta.load_model(lang.tagger_model)
        self.lattice = hanta.FastLattice(self.hanta, settings.guess_cache)
        self.seed = self._load_seed(lang) if settings.seed else None
        self._forward_memo = lru_cache(maxsize=settings.word_cache)(self.lattice.analyze_forward)
        self._lemma = lru_cache(maxsize=settings.lemma_cache)(self._compute_lemma)
        hanta.install(self.hanta, self._forward, self.lattice.analyze_viterbi)
        self._names = hanta.tag_names(self.hanta)

    @staticmethod
    def _load_seed(lang: Any) -> TagSeed | None:
        folder = lang.path("tagger", "seed")
        if not folder.is_dir():
            return None  # a language without a seed (English) starts cold
        seed = TagSeed.load(folder)
        installed = version("HanTa")
        if (seed.hanta, seed.model) != (installed, lang.tagger_model):
            raise RuntimeError(
                f"{folder}: built with HanTa {seed.hanta} ({seed.model}), HanTa {installed} "
                f"({lang.tagger_model}) is installed: rebuild it with scripts/build_tag_seed.py"
            )
        return seed

    def _forward(self, word: str) -> list:
        # Seeded words are decoded afresh on each call (~5 us) instead of being memoised: a memoised
        # result costs ~1 kB, the seed ~70 bytes a word, so the memo holds only the other words.
        if self.seed is not None:
            got = self.seed.forward(word)
            if got is not None:
                return got
        return self._forward_memo(word)

    def _compute_lemma(self, word: str, tagnr: int) -> str:
        if self.seed is not None:
            got = self.seed.lemma(word, tagnr)
            if got is not None:
                return got
        return hanta.lemma(self.hanta, word, tagnr)

    def lemma(self, word: str, tagnr: int) -> str:
        """HanTa's lemma of a lower-cased word with a tag number (memoised)."""
        return self._lemma(word, tagnr)

    def analyze_forward(self, word: str) -> list:
        """HanTa's tag distribution of one word (seed, then memo)."""
        return self._forward(word)

    def tag(self, words: list[str]) -> list[tuple[str, str]]:
        """(tag, lemma) per word; HanTa's coarse tags (German: NN, NE, VV(FIN), ADJ(A) ...).

        Same result as stock `HanoverTagger.tag_sent(words, taglevel=1)`.
        """
        if not words:
            return []
        names, lemma = self._names, self._lemma
        return [
            (names[nr], lemma(w.lower(), nr))
            for w, nr in zip(words, hanta.tag_numbers(self.hanta, words), strict=True)
        ]

    def clear_caches(self) -> None:
        """Back to the state of a fresh tagger (the seed stays; its hit counts restart)."""
        self._forward_memo.cache_clear()
        self._lemma.cache_clear()
        self.lattice.guessed.clear()
        if self.seed is not None:
            self.seed.forward_hits = self.seed.lemma_hits = 0

    def cache_info(self) -> dict[str, int]:
        """Hit/miss counts (for the benchmark); a memo miss the seed answered counts as a seed hit."""
        w, m = self._forward_memo.cache_info(), self._lemma.cache_info()
        out = {"word_hits": w.hits, "word_misses": w.misses, "lemma_hits": m.hits, "lemma_misses": m.misses}
        if self.seed is not None:
            out |= {
                "seed_words": len(self.seed),
                "seed_word_hits": self.seed.forward_hits,
                "seed_lemma_hits": self.seed.lemma_hits,
            }
        return out

    def seed_info(self) -> dict[str, Any] | None:
        """Size and load time of the seed; None without one."""
        if self.seed is None:
            return None
        s = self.seed
        return {"words": len(s), "load_seconds": s.load_seconds, "memory_bytes": s.nbytes()}


def tagger(language: str, settings: TaggerSettings = DEFAULT_SETTINGS) -> Tagger:
    """The process's tagger for a language and settings, built on first use."""
    return _tagger(language, settings)


@cache
def _tagger(language: str, settings: TaggerSettings) -> Tagger:
    return Tagger(language, settings)
