"""Find inputs (files, folders, globs, stdin) and read each into raw documents by format."""

from __future__ import annotations

import glob
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .decode import MAX_BYTES, decode_bytes

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES


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

    @property
    def content_hash(self) -> str:
        body = self.html if self.html is not None else (self.text or "")
        return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()

    def doc_id(self) -> str:
        return self.id or self.content_hash[:16]


Item = RawDoc | InputError


def expand(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Files, folder contents (recursively, known suffixes, sorted) and glob matches, in order."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES and not f.name.startswith("."):
                    yield str(f)
        elif path.exists():
            yield str(path)
        elif any(ch in p for ch in "*?["):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield InputError(p, "no file matches this pattern")
            yield from (m for m in matches if Path(m).is_file())
        else:
            yield InputError(p, "no such file or directory")


def iter_inputs(paths: Iterable[str], *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Every raw document (or the error that stopped one) behind the given paths."""
    for p in expand(paths):
        if isinstance(p, InputError):
            yield p
        else:
            yield from read_path(p, max_bytes=max_bytes)


def read_path(path: str, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    if path == "-":
        yield from _read_stdin(max_bytes)
        return
    suffix = Path(path).suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        yield InputError(path, f"unknown file type {suffix!r} (expected .txt, .html, .json, .jsonl)")
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_bytes=max_bytes)
        return
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = decode_bytes(data, path, max_bytes=max_bytes)
    except InputError as exc:
        yield exc
        return
    yield from parse_text(text, path, suffix)


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
        yield InputError(name, f"unknown file type {suffix!r} (expected .txt, .html, .json, .jsonl)")


def _read_stdin(max_bytes: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    try:
        text = decode_bytes(data, "<stdin>", max_bytes=max_bytes)
    except InputError as exc:
        yield exc
        return
    head = text.lstrip()[:200].lower()
    suffix = ".jsonl" if head.startswith("{") else ".html" if head.startswith("<") else ".txt"
    yield from parse_text(text, "<stdin>", suffix)


def read_jsonl(path: str, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Stream a JSONL file line by line: memory stays bounded whatever the file's size."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - an open error is reported, not raised
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        for lineno, raw in enumerate(fh, 1):
            name = f"{path}:{lineno}"
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield InputError(name, f"line too large ({len(raw):,} bytes; limit {max_bytes:,})")
                continue
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(name, f"invalid UTF-8 at byte {exc.start}")
                continue
            yield from _read_json_lines([line], path, first_line=lineno)


def _read_json_lines(lines: list[str], name: str, first_line: int = 1) -> Iterator[Item]:
    for lineno, line in enumerate(lines, first_line):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"broken JSON: {exc.msg} at column {exc.colno}")
            continue
        yield from_object(obj, where)


def _read_json(text: str, name: str) -> Iterator[Item]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        # Many ".json" dumps are really JSON lines.
        yield from _read_json_lines(text.splitlines(), name)
        return
    objs = obj if isinstance(obj, list) else [obj]
    for i, o in enumerate(objs):
        yield from_object(o, f"{name}[{i}]" if isinstance(obj, list) else name)


def _opt_str(obj: dict, key: str) -> str | None:
    v = obj.get(key)
    if v is None or v == "":
        return None
    return v if isinstance(v, str) else str(v)


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
    return RawDoc(
        name=name,
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        id=_opt_str(obj, "id"),
        title=_opt_str(obj, "title"),
        published=_opt_str(obj, "published") or _opt_str(obj, "date"),
        url=_opt_str(obj, "url"),
        source=_opt_str(obj, "source") or name.rsplit(":", 1)[0],
        language=_opt_str(obj, "language"),
    )
