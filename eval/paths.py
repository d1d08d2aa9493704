"""Where the evaluations find their data: the repository and ../shared, resolved in this one place.

Every evaluation takes a `Paths`; nothing else in `eval/` computes a path from `__file__`.
`../shared` (the non-commercial gold, never copied into the repository) may be missing: suites
that need it are skipped with a message, and the sets in `tests/data` still run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    root: Path = ROOT
    shared: Path = ROOT.parent / "shared"

    @property
    def has_shared(self) -> bool:
        return (self.shared / "data").is_dir()

    @property
    def baseline(self) -> Path:
        return self.root / "eval" / "baseline.json"

    @property
    def events_sets(self) -> Path:
        return self.root / "tests" / "data" / "events"

    @property
    def dates_cases(self) -> Path:
        return self.root / "tests" / "data" / "dates" / "cases.tsv"

    @property
    def quotes_en(self) -> Path:
        return self.root / "tests" / "data" / "quotes" / "heldout_en.jsonl"

    @property
    def wikinews(self) -> Path:
        return self.shared / "data" / "quotes-wikinews-de"

    @property
    def articles_gold(self) -> Path:
        return self.shared / "data" / "events-articles-de" / "wikinews-gold.json"

    @property
    def germeval(self) -> Path:
        return self.shared / "data" / "ner-germeval2014" / "NER-de-dev.tsv"

    @property
    def ud_german(self) -> Path:
        return self.shared / "data" / "ud-german"

    def tool(self, name: str) -> Path:
        """A scorer in ../shared/tools (score.py, articles.py, germeval.py)."""
        return self.shared / "tools" / name

    def label(self, path: Path) -> str:
        """A path as the baseline records it: relative to the repository or to ../shared."""
        path = path.resolve()
        for prefix, base in (("shared", self.shared.resolve()), ("repo", self.root.resolve())):
            if path.is_relative_to(base):
                return f"{prefix}:{path.relative_to(base).as_posix()}"
        return path.as_posix()
