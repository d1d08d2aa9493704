"""lagebild: a situation picture from news articles — who said and did what to whom, when."""

from __future__ import annotations

from .pipeline import analyze
from .records import Actor, Article, Entity, Event, Quote

__version__ = "0.1.0"
__all__ = ["PIPELINE_VERSION", "Actor", "Article", "Entity", "Event", "Quote", "__version__", "analyze"]


def __getattr__(name: str) -> str:
    if name == "PIPELINE_VERSION":  # computed on first use (see pipeline.pipeline_version)
        from .pipeline import pipeline_version

        return pipeline_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
