"""Bytes to text: size limit, binary detection, BOMs, UTF-8 first (with replacement characters when
only a few bytes are bad), a legacy code page only for bytes that are not mostly UTF-8."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and how it was read: the encoding chosen and how many invalid bytes became U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0

    def note(self) -> tuple[str, str] | None:
        """(level, message) to tell the user, or None for plain UTF-8 (with or without BOM)."""
        if self.replaced:
            n = self.replaced
            return (
                "warning",
                f"not valid UTF-8: {n} invalid byte{'s' * (n != 1)} replaced with U+FFFD (read as UTF-8)",
            )
        if self.encoding not in ("utf-8", "utf-8-sig"):
            return "note", f"read as {self.encoding} (not UTF-8)"
        return None


def decode_bytes(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Decode one document's bytes or raise InputError naming the input and the reason."""
    return decode_document(data, name, max_bytes=max_bytes).text


def decode_document(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> Decoded:
    """Decode one document's bytes (see `choose_encoding`) or raise InputError naming it and the reason."""
    if len(data) > max_bytes:
        raise InputError(name, f"too large ({len(data):,} bytes; limit {max_bytes:,})")
    if not data.strip():
        raise InputError(name, "empty")
    decoded = _decode_unicode(data, name) or _decode_8bit(data, name)
    if is_binary(decoded.text):
        raise InputError(name, "binary data, not text")
    # UTF-16/32 can encode lone surrogates (the UTF-8 codec refuses them); they would break every writer.
    text = scrub_surrogates(decoded.text)
    if not text.strip():
        raise InputError(name, "empty")
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), decoded.encoding, decoded.replaced)


def _decode_unicode(data: bytes, name: str) -> Decoded | None:
    """UTF-16/32 announced by a BOM or guessed from NUL bytes; None for byte-oriented data."""
    bom = bom_encoding(data)
    encoding = bom or looks_utf16(data)
    if not encoding:
        return None
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        if not bom:  # only guessed from NUL bytes: binary data is the likelier story
            raise InputError(name, "binary data, not text") from None
        raise InputError(name, f"invalid {encoding}: {exc.reason} at byte {exc.start}") from None


def _decode_8bit(data: bytes, name: str) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary data, not text")
    encoding = choose_encoding(data)
    if encoding == "utf-8":
        text, replaced = _utf8_replacing(data)
        return Decoded(text, "utf-8", replaced)
    try:
        return Decoded(data.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(name, f"not valid UTF-8 and not valid {encoding}") from None


def _utf8_replacing(data: bytes) -> tuple[str, int]:
    """UTF-8 with each invalid sequence replaced by U+FFFD, and how many were replaced."""
    text = data.decode("utf-8", errors="replace")
    return text, text.count("\ufffd") - data.count(b"\xef\xbf\xbd")


def utf8_profile(data: bytes) -> tuple[int, int]:
    """(valid non-ASCII characters, invalid sequences) when the bytes are read as UTF-8."""
    text, bad = _utf8_replacing(data)
    non_ascii = len(_NON_ASCII.findall(text))
    return non_ascii - text.count("\ufffd") + data.count(b"\xef\xbf\xbd"), bad


def choose_encoding(data: bytes) -> str:
    """The encoding of bytes that are not valid UTF-8.

    UTF-8 (with replacement characters) when the bytes are mostly UTF-8: valid multi-byte sequences
    outnumber the invalid ones, or the text is ASCII with a few stray bytes that read as nothing
    plausible in a Western code page. cp1252 when every byte above 0x7F reads as a Western letter or
    typographic mark (a German text saved by a legacy tool). Another legacy code page (detected by
    charset-normalizer) only for text whose letters are mostly such bytes (a non-Latin script).
    """
    valid, invalid = utf8_profile(data)
    if valid >= invalid:
        return "utf-8"
    high = [b for b in data if b >= 0x80]
    if _western_share(high) >= 0.9:
        return "cp1252"
    letters = sum(1 for b in data if b >= 0x80 or chr(b).isalpha())
    if len(high) > 0.3 * max(letters, 1):
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None:
            return best.encoding
    return "utf-8"


# Characters a German or English news text in a Western code page has above ASCII.
_WESTERN = frozenset(
    "äöüÄÖÜßéèêëàâáçñóòôíìîïúùûøåæœÉÈÊÀÂÇÑÓÔÍÚØÅÆŒ"  # letters
    "„“”‘’‚‹›«»–—…€£§°·×½¼¾¹²³©®™•†\xa0\xad"  # typography, signs, no-break space, soft hyphen
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _western_share(high: list[int]) -> float:
    """Share of the bytes above 0x7F that read as a character of `_WESTERN` in cp1252."""
    if not high:
        return 0.0
    ok = sum(1 for b in high if bytes([b]).decode("cp1252", errors="replace") in _WESTERN)
    return ok / len(high)


def decode_line(raw: bytes, name: str) -> Decoded:
    """One line of a JSON-lines dump: UTF-8, cp1252 for a line a legacy tool wrote (common in scraped
    dumps), or UTF-8 with replacement characters for a line with a few bad bytes; a line with NUL
    bytes is binary."""
    if b"\x00" in raw:
        raise InputError(name, "binary data (NUL bytes) in line")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    encoding = choose_encoding(raw)
    if encoding == "utf-8":
        text, replaced = _utf8_replacing(raw)
        return Decoded(text, "utf-8", replaced)
    try:
        return Decoded(raw.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(name, f"not valid UTF-8 and not valid {encoding}") from None
