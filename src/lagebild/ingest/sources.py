"""Find inputs (files, folders, globs, stdin) and read each into raw documents by format."""

from __future__ import annotations

import glob
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .decode import (
    MAX_BYTES,
    Decoded,
    bom_encoding,
    decode_document,
    decode_line,
    is_binary,
    looks_utf16,
    scrub_surrogates,
)

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
EXPECTED = "expected .txt, .html, .json, .jsonl"


@dataclass(frozen=True, slots=True)
class Notice:
    """Something to tell the user about an input that was read: a 'note' (a skipped file, the encoding
    chosen) or a 'warning' (bad bytes replaced, a suspiciously short page). Not a failure."""

    name: str
    message: str
    level: str = "note"  # note | warning

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


@dataclass(slots=True)
class RawDoc:
    """One document as read, before extraction and cleaning. `name` says where it came from."""

    name: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    author: str | None = None
    # The date for an input without one of its own (`--published`): the page's or record's own date wins.
    default_published: str | None = None
    notes: tuple[Notice, ...] = ()  # how it was read (the encoding chosen, bytes replaced)

    @property
    def content_hash(self) -> str:
        body = self.html if self.html is not None else (self.text or "")
        return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()

    def doc_id(self) -> str:
        return self.id or self.content_hash[:16]


Item = RawDoc | InputError | Notice


def display_name(path: str) -> str:
    """A path as it can be printed and stored: bytes of a non-UTF-8 file name (held by Python as lone
    surrogates) become U+FFFD. The file itself is still opened by its real path."""
    return scrub_surrogates(path)


def _loads(text: str):
    """json.loads, with every way it can fail on hostile input turned into ValueError.

    Deep nesting raises RecursionError and an integer of more than 4,300 digits a plain ValueError;
    neither is a JSONDecodeError.
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def expand(paths: Iterable[str]) -> Iterator[str | InputError | Notice]:
    """Files, folder contents (recursively, known suffixes, sorted) and glob matches, in order.

    In a folder, hidden files and folders are passed over; a file of another type gets a note; a
    folder without a single readable file is an error.
    """
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            yield from _folder(path)
        elif path.exists():
            yield str(path)
        elif any(ch in p for ch in "*?["):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield InputError(display_name(p), "no file matches this pattern")
            yield from (m for m in matches if Path(m).is_file())
        else:
            yield InputError(display_name(p), "no such file or directory")


def _folder(folder: Path) -> Iterator[str | InputError | Notice]:
    found = 0
    for f in sorted(folder.rglob("*")):
        rel = f.relative_to(folder).parts
        if any(part.startswith(".") for part in rel) or not f.is_file():
            continue
        if f.suffix.lower() in KNOWN_SUFFIXES:
            found += 1
            yield str(f)
        else:
            yield Notice(
                display_name(str(f)), f"skipped: unknown file type {f.suffix.lower()!r} ({EXPECTED})"
            )
    if not found:
        yield InputError(display_name(str(folder)), f"no file to read in this folder ({EXPECTED})")


def count_documents(paths: Iterable[str]) -> int | None:
    """About how many documents the inputs hold (a JSON-lines file: its lines), for a progress total;
    None when unknown (stdin). Counting reads the files once more, in blocks (no parsing)."""
    total = 0
    for p in expand(paths):
        if p == "-":
            return None
        if isinstance(p, str):
            total += _lines(p) if Path(p).suffix.lower() in JSONL_SUFFIXES else 1
    return total


def _lines(path: str) -> int:
    n, last = 0, b"\n"
    try:
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                n += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 1
    return max(n + (last != b"\n"), 1)


def iter_inputs(paths: Iterable[str], *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Every raw document (or the error that stopped one, or a note about one) behind the given paths."""
    for p in expand(paths):
        if isinstance(p, InputError | Notice):
            yield p
        else:
            yield from read_path(p, max_bytes=max_bytes)


def read_path(path: str, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    if path == "-":
        yield from _read_stdin(max_bytes)
        return
    name = display_name(path)
    suffix = Path(path).suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        yield InputError(name, f"unknown file type {suffix!r} ({EXPECTED})")
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_bytes=max_bytes)
        return
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
        return
    yield from parse_bytes(data, name, suffix, max_bytes=max_bytes)


def parse_bytes(data: bytes, name: str, suffix: str, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Decode one document's bytes and dispatch by format (files, uploads); errors are yielded, and a
    note says which encoding was chosen when it was not plain UTF-8."""
    try:
        decoded = decode_document(data, name, max_bytes=max_bytes)
    except InputError as exc:
        yield exc
        return
    yield from _noted(parse_text(decoded.text, name, suffix), decoded, name)


def _noted(items: Iterable[Item], decoded: Decoded, name: str) -> Iterator[Item]:
    """The items read from one decoded input, the first document carrying the note on its encoding."""
    note = decoded.note()
    for item in items:
        if note and isinstance(item, RawDoc):
            item.notes = (*item.notes, Notice(name, note[1], note[0]))
            note = None
        yield item


def parse_text(text: str, name: str, suffix: str) -> Iterator[Item]:
    """Dispatch decoded text by its format."""
    if suffix in HTML_SUFFIXES:
        yield RawDoc(name=name, html=text, source=name)
    elif suffix in JSON_SUFFIXES:
        yield from _read_json(text, name)
    elif suffix in JSONL_SUFFIXES:
        yield from _read_json_lines(text.splitlines(), name)
    elif suffix in TEXT_SUFFIXES:
        yield RawDoc(name=name, text=text, source=name)
    else:
        yield InputError(name, f"unknown file type {suffix!r} ({EXPECTED})")


def _read_stdin(max_bytes: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    try:
        decoded = decode_document(data, "<stdin>", max_bytes=max_bytes)
    except InputError as exc:
        yield exc
        return
    text = decoded.text
    head = text.lstrip()[:200].lower()
    # ".json" reads one object, an array, or (when that fails) JSON lines.
    suffix = ".json" if head.startswith(("{", "[")) else ".html" if head.startswith("<") else ".txt"
    yield from _noted(parse_text(text, "<stdin>", suffix), decoded, "<stdin>")


def read_jsonl(path: str, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Stream a JSONL file line by line: memory stays bounded whatever the file's (or a line's) size.

    A dump in UTF-16/32 (BOM, or NUL-interleaved ASCII) cannot be split at newline bytes; it is read
    whole within `max_bytes` and decoded first.
    """
    name = display_name(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - an OSError here is one InputError; `with fh` closes it
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        head = fh.read(4096)
        wide = bom_encoding(head)
        if wide == "utf-8-sig":
            wide = None
        if wide or looks_utf16(head):
            data = head + fh.read(max_bytes + 1 - len(head))
            try:
                decoded = decode_document(data, name, max_bytes=max_bytes)
            except InputError as exc:
                yield exc
                return
            yield from _noted(_read_json_lines(decoded.text.splitlines(), name), decoded, name)
            return
        fh.seek(0)
        lineno = 0
        while True:
            raw = fh.readline(max_bytes + 1)
            if not raw:
                break
            lineno += 1
            where = f"{name}:{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                size = len(raw) + _skip_line(fh)
                yield InputError(where, f"line too large ({size:,} bytes; limit {max_bytes:,})")
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = decode_line(raw, where)
            except InputError as exc:
                yield exc
                continue
            yield from _noted(_read_json_lines([line.text], name, first_line=lineno), line, where)


def _skip_line(fh) -> int:
    """Read past the rest of an oversize line in bounded chunks; return how many bytes were skipped."""
    skipped = 0
    while chunk := fh.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _read_json_lines(lines: list[str], name: str, first_line: int = 1) -> Iterator[Item]:
    for lineno, line in enumerate(lines, first_line):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = _loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"broken JSON: {exc.msg} at column {exc.colno}")
            continue
        except ValueError as exc:
            yield InputError(where, f"broken JSON: {exc}")
            continue
        yield from_object(obj, where)


def _read_json(text: str, name: str) -> Iterator[Item]:
    try:
        obj = _loads(text)
    except json.JSONDecodeError:
        # Many ".json" dumps are really JSON lines.
        yield from _read_json_lines(text.splitlines(), name)
        return
    except ValueError as exc:
        yield InputError(name, f"broken JSON: {exc}")
        return
    objs = obj if isinstance(obj, list) else [obj]
    for i, o in enumerate(objs):
        yield from_object(o, f"{name}[{i}]" if isinstance(obj, list) else name)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _opt_str(obj: dict, key: str) -> str | None:
    """A metadata field as one clean line: numbers are written out, lists or objects (a scraper's
    mistake) are dropped rather than stored as their Python repr, control characters (NUL, line
    breaks, terminal escapes) become a space."""
    v = obj.get(key)
    if v is None or isinstance(v, dict | list):
        return None
    v = _CONTROL.sub(" ", scrub_surrogates(v) if isinstance(v, str) else str(v)).strip()
    return v or None


def from_object(obj: object, name: str) -> Item:
    """One JSON object: `text` or `html`, optional id, title, published, url, source, language."""
    if not isinstance(obj, dict):
        return InputError(name, f"expected a JSON object, got {type(obj).__name__}")
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return InputError(name, "object has neither a 'text' nor an 'html' string")
    body = text if isinstance(text, str) else html
    if not body.strip():
        return InputError(name, "empty text")
    if "\x00" in body:
        return InputError(name, "binary data (NUL characters) in text")
    if is_binary(body):
        return InputError(name, "binary data (control characters) in text")
    body = scrub_surrogates(body)
    is_text = isinstance(text, str)
    return RawDoc(
        name=name,
        text=body if is_text else None,
        html=None if is_text else body,
        id=_opt_str(obj, "id"),
        title=_opt_str(obj, "title"),
        published=_opt_str(obj, "published") or _opt_str(obj, "date"),
        url=_opt_str(obj, "url"),
        source=_opt_str(obj, "source") or name.rsplit(":", 1)[0],
        language=_opt_str(obj, "language"),
    )
