"""Bytes to text: size limit, binary detection, BOMs, UTF-8 first, then a detected legacy charset."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # one article; a JSONL dump is read line by line and not bound by this

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: every other byte NUL in a text of mostly ASCII letters."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


_looks_utf16 = looks_utf16  # the earlier private name


def is_binary(text: str) -> bool:
    """A NUL anywhere, or many control characters other than whitespace, mark binary data.

    The NUL test reads the whole text (a text file with a binary tail is binary too); the share of
    control characters is judged on the first 8 KiB.
    """
    if "\x00" in text:
        return True
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad > 0.01 * len(sample)


_is_binary = is_binary  # the earlier private name


def scrub_surrogates(text: str) -> str:
    """Lone UTF-16 surrogates (from JSON escapes such as "\\ud800" or undecodable file names) become
    U+FFFD: they cannot be encoded as UTF-8, so the store, the terminal and JSON output would fail."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def decode_bytes(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Decode one document's bytes or raise InputError naming the input and the reason."""
    if len(data) > max_bytes:
        raise InputError(name, f"too large ({len(data):,} bytes; limit {max_bytes:,})")
    if not data.strip():
        raise InputError(name, "empty")
    bom = bom_encoding(data)
    encoding = bom or looks_utf16(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            if not bom:  # only guessed from NUL bytes: binary data is the likelier story
                raise InputError(name, "binary data, not text") from None
            raise InputError(name, f"invalid {encoding}: {exc.reason} at byte {exc.start}") from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data, name)
    if is_binary(text):
        raise InputError(name, "binary data, not text")
    # UTF-16/32 can encode lone surrogates (the UTF-8 codec refuses them); they would break every writer.
    text = scrub_surrogates(text)
    if not text.strip():
        raise InputError(name, "empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_line(raw: bytes, name: str) -> str:
    """One line of a JSON-lines dump: UTF-8, or cp1252 for a line a legacy tool wrote (common in scraped
    dumps); a line with NUL bytes is binary."""
    if b"\x00" in raw:
        raise InputError(name, "binary data (NUL bytes) in line")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(name, f"invalid UTF-8 at byte {exc.start} (and not cp1252)") from None


def _decode_legacy(data: bytes, name: str) -> str:
    """Not UTF-8: a binary file, or text in a legacy charset (cp1252 and latin-1 are common)."""
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary data, not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise InputError(name, "not valid UTF-8 and no text encoding fits")
    encoding = best.encoding
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(name, f"not valid UTF-8 and not valid {encoding}") from None
