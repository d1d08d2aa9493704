"""The shipped seed of HanTa analyses: exact results of frequent words, so a fresh process starts warm.

`lang/<code>/tagger/seed/` (built by scripts/build_tag_seed.py from exactly the tagger's own results;
word list from wordfreq, CC BY-SA 4.0) is a folder of plain NumPy arrays (`.npy`, read with
`allow_pickle=False` and memory-mapped, so loading costs a few milliseconds) and a `meta.json`.
"""

from __future__ import annotations

import json
import time
import zlib
from pathlib import Path

FORMAT = 2
# The arrays of a seed: per word its hash, length and counts; per entry a tag and a 3-byte index into
# the tables of distinct values and lemmas; block starts every 32 words.
ARRAYS = {
    "hash": "<u4",
    "wlen": "u1",
    "wblock": "<u4",
    "words": "u1",
    "fcount": "u1",
    "fblock": "<u4",
    "ftag": "u1",
    "fref": "u1",
    "vkind": "u1",
    "vval": "<f8",
    "lcount": "u1",
    "lblock": "<u4",
    "ltag": "u1",
    "lref": "u1",
    "lemmas": "u1",
    "loff": "<u4",
}


def pack(data: dict) -> dict:
    """The seed's arrays from the build's raw tables (words and lemmas newline-joined, 4-byte refs)."""
    import numpy as np

    words = data["words"].encode("utf-8")
    split = words.split(b"\n")
    wlen = bytes(len(w) + 1 for w in split)  # with the separator; raises if a word is too long
    lemmas = data["lemmas"].encode("utf-8")
    arrays = {
        "hash": np.fromiter(map(zlib.crc32, split), dtype=np.uint32, count=len(split)),
        "wlen": wlen,
        "wblock": _blocks(wlen),
        "words": words,
        "fblock": _blocks(data["fcount"]),
        "fref": _three_bytes(data["fref"]),
        "lblock": _blocks(data["lcount"]),
        "lref": _three_bytes(data["lref"]),
        "lemmas": lemmas,
        "loff": _offsets(lemmas),
    }
    for key in ("fcount", "ftag", "vkind", "vval", "lcount", "ltag"):
        arrays[key] = data[key]
    return {k: np.frombuffer(v, dtype=ARRAYS[k]) if isinstance(v, bytes) else v for k, v in arrays.items()}


def save_seed(folder: Path, arrays: dict, meta: dict) -> None:
    """Write a seed folder: `meta.json` (model, hanta, source) and one `.npy` per array."""
    import numpy as np

    folder.mkdir(parents=True, exist_ok=True)
    for name, dtype in ARRAYS.items():
        np.save(folder / f"{name}.npy", np.asarray(arrays[name], dtype=dtype), allow_pickle=False)
    (folder / "meta.json").write_text(json.dumps({**meta, "format": FORMAT}, indent=1) + "\n")


def load_arrays(folder: Path) -> tuple[dict, dict]:
    """(meta, arrays) of a seed folder; arrays memory-mapped, never unpickled."""
    import numpy as np

    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError(f"{folder}: unknown seed format {meta.get('format')!r}")
    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in ARRAYS}
    return meta, arrays


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

    def __init__(self, meta: dict, arrays: dict, load_seconds: float = 0.0) -> None:
        import numpy as np

        self.load_seconds = load_seconds
        self.model, self.hanta, self.source = meta["model"], meta["hanta"], meta.get("source", "")
        self.arrays = arrays
        self.hash = arrays["hash"]
        if len(self.hash) > 1 and not (self.hash[1:] >= self.hash[:-1]).all():
            raise ValueError("seed words are not in the order of their hashes")
        b = {k: arrays[k].tobytes() for k in ("wlen", "words", "fcount", "ftag", "fref", "vkind")}
        b |= {k: arrays[k].tobytes() for k in ("lcount", "ltag", "lref", "lemmas")}
        self._wlen, self._words, self._wblock = b["wlen"], b["words"], arrays["wblock"]
        self._fcount, self._fblock, self._ftag, self._fref = (
            b["fcount"],
            arrays["fblock"],
            b["ftag"],
            b["fref"],
        )
        self._vkind = b["vkind"]  # per distinct value: 0 float, 1 numpy float64, 2 int
        self._vval = arrays["vval"]
        self._lcount, self._lblock, self._ltag, self._lref = (
            b["lcount"],
            arrays["lblock"],
            b["ltag"],
            b["lref"],
        )
        self._lemmas, self._loff = b["lemmas"], arrays["loff"]
        self.forward_hits = self.lemma_hits = 0
        self._float64, self._uint32 = np.float64, np.uint32

    @classmethod
    def load(cls, folder: Path) -> TagSeed:
        c = time.perf_counter()
        meta, arrays = load_arrays(folder)
        seed = cls(meta, arrays)
        seed.load_seconds = time.perf_counter() - c
        return seed

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
