"""Build the shipped seed of HanTa word analyses: `src/lagebild/lang/de/tagger/seed/`.

    pip install --no-deps wordfreq==3.1.1 langcodes==3.5.1 ftfy==6.3.1 wcwidth==0.9.4 locate==1.1.1
    python scripts/build_tag_seed.py [--words 200000] [--check 3000]     # about 2 CPU minutes

Source of the words: the `wordfreq` package (Robyn Speer et al.; code Apache-2.0, word-frequency data
CC BY-SA 4.0), `wordfreq.top_n_list("de", N)`, used at build time only. The N most frequent German
word forms are lower-cased there, which is exactly how HanTa looks words up: `_tag_word` normalises
every word to lower case before `analyze_forward`, and the lemma of `tag_sent` is `_analyze` of the
lower-cased word, so no cased variants are needed (a capitalised form could never be looked up).
No benchmark or evaluation corpus is read to choose words.

For each word the file holds what lagebild's memo caches would hold after seeing it
(see `lagebild.nlp`):

- `analyze_forward(word)`: HanTa's tag distribution, a list of (tag number, log probability), exactly
  as computed (Python floats, numpy float64 where HanTa's `logaddexp` produced one, ints), unless
  the word is in HanTa's own precomputed word cache (then `analyze_forward` is never called);
- the lemma of the word for each tag the sentence Viterbi may choose for it (the tags `_tag_word`
  keeps within its cutoff, sentence-initial, lower- and upper-case), except atomic tags whose lemma
  costs nothing.

Values are stored exactly: a table of the distinct (kind, value) pairs, each value as its 8 raw IEEE
bytes and its kind (float, numpy float64, int), and per entry a tag byte and an index into that table
(1.2 million values, 229,000 distinct for 200,000 words); lemmas likewise as indices into a table of
distinct lemmas, with 0 and 1 for "the word itself" and "the word capitalised". `--check` recomputes
a sample on a fresh, unpatched HanTa and compares values and types. The folder holds plain NumPy
arrays (`.npy`, uncompressed, memory-mapped by the loader: a fresh process reads it in milliseconds)
and a `meta.json`; no pickled objects. It is deterministic: the same word list, HanTa model and numpy
give the same bytes.

Licence of the output: it contains the word list (derived from wordfreq's data), so it is shared
alike under CC BY-SA 4.0; see docs/DATA.md.
"""

from __future__ import annotations

import argparse
import random
import struct
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from lagebild import nlp  # noqa: E402
from lagebild.adapters import hanta  # noqa: E402
from lagebild.lang import get_language  # noqa: E402
from lagebild.nlp.seed import TagSeed, pack, save_seed  # noqa: E402

OUT = ROOT / "src" / "lagebild" / "lang" / "de" / "tagger" / "seed"
SAME, CAPITALISED = "\x00", "\x01"  # lemma codes: the word itself, the word with a capital letter


def encode_value(v) -> tuple[int, float]:
    """(kind, value as float): kind 0 = float, 1 = numpy float64, 2 = int (exact as a float)."""
    import numpy as np

    if type(v) is float:
        return 0, v
    if type(v) is np.float64:
        return 1, float(v)
    if type(v) is int and float(v) == v:
        return 2, float(v)
    raise TypeError(f"unexpected value {v!r} of type {type(v)}")


def build(n_words: int) -> tuple[dict, dict]:
    import wordfreq

    tagger = nlp.tagger("de", nlp.TaggerSettings(seed=False))  # compute everything afresh
    t = tagger.hanta
    words = [
        w
        for w in wordfreq.top_n_list("de", n_words)
        if w and "\n" not in w and len(w.encode("utf-8")) < 255 and hanta.normalize(t, w) == w
    ]
    lemma = tagger.lemma
    rows = []
    stats = {"words": 0, "forward": 0, "lemmas": 0}
    c0 = time.process_time()
    for w in words:
        fwd = None if hanta.in_word_cache(t, w) else tagger.analyze_forward(w)
        lemmas = [(tag, lemma(w, tag)) for tag in hanta.candidate_tags(t, w)]
        if fwd is None and not lemmas:
            continue
        rows.append((zlib.crc32(w.encode("utf-8")), w, fwd, lemmas))
        stats["words"] += 1
        stats["forward"] += fwd is not None
        stats["lemmas"] += len(lemmas)
        if stats["words"] % 20000 == 0:
            print(f"  {stats['words']:,} words, {time.process_time() - c0:.0f} s", file=sys.stderr)
    rows.sort(key=lambda r: (r[0], r[1]))
    data = encode(rows, n_words)
    stats["cpu_s"] = round(time.process_time() - c0, 1)
    return data, stats


def encode(rows: list[tuple[int, str, list | None, list[tuple[int, str]]]], n_words: int) -> dict:
    """The file's arrays: per word its entry counts; per entry a tag and an index into a table of
    distinct (value, kind) pairs or of distinct lemmas (most values and lemmas repeat)."""
    import numpy as np

    fcount, ftag, fref, lcount, ltag, lref = [], [], [], [], [], []
    values: dict[tuple[int, bytes], int] = {}  # (kind, value) -> index, in order of first use
    texts: dict[str, int] = {SAME: 0, CAPITALISED: 1}
    for _, w, fwd, lemmas in rows:
        fwd = fwd or []
        fcount.append(len(fwd))
        for tag, v in fwd:
            key = encode_value(v)
            ftag.append(tag)
            fref.append(values.setdefault((key[0], struct.pack("<d", key[1])), len(values)))
        lcount.append(len(lemmas))
        for tag, lem in lemmas:
            text = SAME if lem == w else CAPITALISED if lem == w[:1].upper() + w[1:] else lem
            if "\n" in text:
                raise ValueError(f"lemma with a line break for {w!r}")
            ltag.append(tag)
            lref.append(texts.setdefault(text, len(texts)))
    table = list(values)
    return {
        "model": get_language("de").tagger_model,
        "hanta": _version("HanTa"),
        "source": f"wordfreq {_version('wordfreq')} top_n_list('de', {n_words}) (CC BY-SA 4.0)",
        # words in the order of their CRC-32 (the hashes are stored for the loader's binary search)
        "words": "\n".join(r[1] for r in rows),
        "fcount": bytes(fcount),  # bytes(): raises if a count or tag does not fit in a byte
        "ftag": bytes(ftag),
        "fref": np.array(fref, dtype="<u4").tobytes(),
        "vkind": bytes(k for k, _ in table),  # 0: float, 1: numpy float64, 2: int
        "vval": b"".join(v for _, v in table),
        "lcount": bytes(lcount),
        "ltag": bytes(ltag),
        "lref": np.array(lref, dtype="<u4").tobytes(),
        "lemmas": "\n".join(texts),  # 0 and 1: the word itself / capitalised
    }


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def write(data: dict, out: Path) -> int:
    """Pack and save the seed folder; returns its size in bytes."""
    meta = {k: data[k] for k in ("model", "hanta", "source")}
    save_seed(out, pack(data), meta)
    return sum(p.stat().st_size for p in out.iterdir())


def check(path: Path, sample: int) -> int:
    """Compare a random sample of the file's entries with a fresh, unpatched HanTa; returns mismatches."""
    from HanTa import HanoverTagger

    seed = TagSeed.load(path)
    stock = HanoverTagger.HanoverTagger(get_language("de").tagger_model)
    words = seed.words()
    bad = 0
    for w in random.Random(0).sample(words, min(sample, len(words))):
        fwd = seed.forward(w)
        if fwd is not None:
            ref = stock.analyze_forward(w)
            same = fwd == ref and [type(v) for _, v in fwd] == [type(v) for _, v in ref]
            if not same:
                bad += 1
                print(f"forward differs for {w!r}: {fwd} != {ref}", file=sys.stderr)
        for tag, lem in seed.lemmas(w):
            ref = stock._analyze(w, tag, taglevel=1)[0]
            if lem != ref:
                bad += 1
                print(f"lemma differs for {w!r}/{tag}: {lem!r} != {ref!r}", file=sys.stderr)
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=200000, help="how many of wordfreq's top German words")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", type=int, default=3000, help="entries to compare with stock HanTa (0: none)")
    args = ap.parse_args(argv)
    data, stats = build(args.words)
    size = write(data, args.out)
    print(f"{args.out}: {size:,} bytes; {stats}")
    if args.check:
        bad = check(args.out, args.check)
        print(f"check against stock HanTa on {args.check} words: {bad} differences")
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
