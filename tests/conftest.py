"""Shared fixtures: paths to the bundled examples and to ../shared (tests using it skip without it)."""

from __future__ import annotations

import json
import os
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


def tried(kind: str, n: int) -> None:
    """Record how many inputs of one kind a test fed in (printed; appended to LAGEBILD_ROBUST_COUNTS)."""
    print(f"[robustness] {kind}: {n} inputs")
    out = os.environ.get("LAGEBILD_ROBUST_COUNTS")
    if out:
        with open(out, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"kind": kind, "inputs": n}) + "\n")


@pytest.fixture(autouse=True)
def _no_user_actor_overlay(tmp_path_factory, monkeypatch):
    """Tests see the shipped actor KB only, never a developer's own overlay (docs/actors.md)."""
    monkeypatch.setenv("LAGEBILD_ACTORS", str(tmp_path_factory.getbasetemp() / "no-actor-overlay.tsv"))
