"""The pipeline: raw document -> prepared article -> tokens -> actors -> dates -> quotes -> events.

Like a spaCy `Language`, a `Pipeline` runs small components over one `Doc`. Each component declares
what it `requires` and what it `assigns` (attribute paths such as "doc.tokens", "article.quotes"); a
pipeline checks the chain when it is built and raises `PipelineError` naming the component and the
missing attribute, so a reordered or incomplete pipeline fails loudly instead of degrading output.
Components are built once per process and reused for every document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple, Protocol

from .clean import clean_text
from .dates import normalize_date
from .errors import InputError, PipelineError, UnsupportedLanguage
from .ingest.html import extract_html
from .ingest.page import extract_page
from .ingest.sources import Notice, RawDoc
from .lang import SUPPORTED
from .language import detect_language
from .records import Article, Doc

# One article's text; longer ones (books, dumps pasted as one document) would hold a batch up for
# minutes (a 1 MB text takes about a minute to analyse) and are refused with a clear error.
MAX_TEXT_CHARS = 500_000

# What a Doc built from a raw input holds before any component ran.
RAW = ("doc.raw",)


class Component(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Doc) -> Doc: ...


class Prepare:
    """Extract (HTML), clean, detect the language and normalise the date: the article before
    linguistic analysis (`prepare`)."""

    name = "prepare"
    requires = RAW
    assigns = (
        "article.id",
        "article.text",
        "article.language",
        "article.published",
        "article.title",
        "article.author",
        "article.url",
        "article.source",
        "article.removed",
    )

    def __call__(self, doc: Doc) -> Doc:
        doc.article = prepare(doc.raw)
        return doc


# A Doc built from an already prepared article (`Doc(prepare(raw))`) starts with these.
PREPARED = Prepare.assigns


def default_components() -> list[Component]:
    from .actors.linker import LinkActors
    from .dates import FindDates
    from .events.candidates import has_trigger
    from .events.coder import CodeEvents
    from .nlp import Tokenize
    from .quotes.finder import FindQuotes
    from .syntax import Parse

    return [
        Prepare(),
        Tokenize(),
        Parse(select=has_trigger),
        LinkActors(),
        FindDates(),
        FindQuotes(),
        CodeEvents(),
    ]


def check_contracts(components: Sequence[Component], start: Iterable[str] = RAW) -> None:
    """Raise PipelineError unless every component's requirements are assigned before it runs."""
    have = set(start)
    for c in components:
        for attr in ("requires", "assigns"):
            if not isinstance(getattr(c, attr, None), tuple):
                raise PipelineError(f"component {c.name!r} does not declare `{attr}` (a tuple of names)")
        missing = [r for r in c.requires if r not in have]
        if missing:
            raise PipelineError(
                f"component {c.name!r} requires {', '.join(missing)}, which no earlier component assigns"
            )
        have.update(c.assigns)


@dataclass
class Pipeline:
    """Components over one Doc. `start`: what the Docs it runs on already hold — a raw input (the
    default), or `PREPARED` for Docs built from prepared articles."""

    components: Sequence[Component] = field(default_factory=default_components)
    start: tuple[str, ...] = RAW

    def __post_init__(self) -> None:
        check_contracts(self.components, self.start)

    def __call__(self, doc: Doc) -> Doc:
        for component in self.components:
            doc = component(doc)
        return doc

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]


@cache
def default_pipeline() -> Pipeline:
    return Pipeline()


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def prepare(raw: RawDoc) -> Article:
    """Extract (HTML), clean, detect the language: the article before linguistic analysis."""
    title, published, author, url = raw.title, raw.published, raw.author, raw.url
    if raw.html is not None:
        ex = extract_html(raw.html, raw.name)
        body = ex.text
        title = title or ex.title
        published = published or ex.published
        author, url = ex.author, url or ex.url
    else:
        body = raw.text or ""
    if len(body) > MAX_TEXT_CHARS:
        raise InputError(raw.name, f"text too long ({len(body):,} characters; limit {MAX_TEXT_CHARS:,})")
    cleaned = clean_text(body, title=title)
    if not cleaned.text.strip():
        raise InputError(raw.name, "nothing left after cleaning")
    language = raw.language or detect_language(cleaned.text, name=raw.name)
    if language not in SUPPORTED:
        raise UnsupportedLanguage(
            raw.name, f"language {language!r} is not supported (only {', '.join(SUPPORTED)})"
        )
    return Article(
        id=raw.doc_id(),
        text=cleaned.text,
        language=language,
        source=raw.source,
        url=url,
        title=cleaned.title,
        author=author or cleaned.author,
        published=normalize_date(published),
        removed=cleaned.removed,
    )


def analyze_raw(raw: RawDoc, pipeline: Pipeline | None = None) -> Article:
    pipe = pipeline or default_pipeline()
    doc = Doc(Article(id="", text="", language=""), raw=raw) if pipe.start == RAW else Doc(prepare(raw))
    return pipe(doc).article


class Analysed(NamedTuple):
    """One analysed document: its record, the hash of what was read, and what to tell the user about it
    (notes and warnings from reading and extraction, `ingest.sources.Notice`)."""

    article: Article
    content_hash: str
    notices: tuple[Notice, ...] = ()


Result = Analysed | InputError


def process(raw: RawDoc) -> Result:
    """Analyse one raw document; any failure becomes an InputError naming it (the batch goes on).

    An HTML page is extracted first (`ingest.page.extract_page`), so its notes reach the caller and
    the publication date is settled (the input's own date, else `raw.default_published`)."""
    try:
        prepared, notices = extract_page(raw)
        return Analysed(analyze_raw(prepared), raw.content_hash, tuple(notices))
    except InputError as exc:
        return exc
    except Exception as exc:
        return InputError(raw.name, f"analysis failed: {exc.__class__.__name__}: {exc}")


def analyze(
    text: str,
    *,
    language: str | None = None,
    published: str | None = None,
    title: str | None = None,
    html: bool = False,
    pipeline: Pipeline | None = None,
) -> Article:
    """Analyse one text (or HTML page with `html=True`) and return its article record."""
    raw = RawDoc(
        name="<text>",
        text=None if html else text,
        html=text if html else None,
        title=title,
        published=published,
        language=language,
    )
    return analyze_raw(raw, pipeline)


# ------------------------------------------------------------------------------------------------
# The pipeline version: stored articles are re-analysed when it changes. It is derived, not bumped by
# hand: the package version, the versions of the libraries whose output becomes ours, and a digest
# of the analysing code and every shipped data file and model it reads.

ANALYSIS_PARTS = (
    "actors",
    "adapters",
    "dates.py",
    "events",
    "ingest",
    "clean.py",
    "lang",
    "language.py",
    "nlp.py",
    "pipeline.py",
    "quotes",
    "records.py",
    "resources.py",
    "syntax",
)
ANALYSIS_LIBRARIES = ("SoMaJo", "HanTa", "trafilatura", "htmldate", "python-crfsuite", "py3langid", "spacy")


def _analysis_files(root: Path) -> list[Path]:
    files = []
    for part in ANALYSIS_PARTS:
        path = root / part
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return sorted(files)


def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@cache
def pipeline_version() -> str:
    """`<package version>+<12 hex digits>`: changes with the code, data, models or libraries."""
    from . import __version__

    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in ANALYSIS_LIBRARIES:
        h.update(f"{name}={_library_version(name)}\n".encode())
    for path in _analysis_files(root):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def __getattr__(name: str) -> str:
    """`PIPELINE_VERSION` is computed on first use (hashing the package at import would slow every
    command's start)."""
    if name == "PIPELINE_VERSION":
        return pipeline_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
