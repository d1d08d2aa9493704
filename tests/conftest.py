"""Shared fixtures: paths to the bundled examples and to ../shared (tests using it skip without it)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} not available")
    return path


@pytest.fixture
def shared():
    return shared_path


@pytest.fixture(scope="session")
def example_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))}


@pytest.fixture(scope="session")
def analyzed_examples(example_texts):
    import lagebild

    return {name: lagebild.analyze(text, published=_published(name)) for name, text in example_texts.items()}


def _published(name: str) -> str | None:
    """The bundled examples carry no date; tests anchor them on the dates the articles describe."""
    return {"000_ac90ce9dbc56bd7f.txt": "2025-06-23", "004_8e7d378fd429c56a.txt": "2023-03-13"}.get(name)


def pytest_addoption(parser):
    parser.addoption(
        "--robust-counts",
        metavar="FILE",
        help="write, as JSON, how many inputs each robustness check ran in this session (bench/fuzz_long.py)",
    )


class Tried:
    """How many inputs the robustness tests ran, by kind: each test calls it as it runs an input, so
    the counts are those of the run (hypothesis examples included), not configured budgets."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def __call__(self, kind: str, n: int = 1) -> None:
        self.counts[kind] += n


@pytest.fixture(scope="session")
def tried(request):
    """The session's `Tried`; with --robust-counts FILE its counts are written there at the end."""
    log = Tried()
    yield log
    out = request.config.getoption("--robust-counts")
    if out:
        Path(out).write_text(json.dumps(dict(sorted(log.counts.items())), indent=2) + "\n", encoding="utf-8")
