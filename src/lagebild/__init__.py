"""lagebild: a situation picture from news articles — who said and did what to whom, when."""

from __future__ import annotations

from .pipeline import PIPELINE_VERSION, analyze
from .records import Actor, Article, Entity, Event, Quote

__version__ = "0.1.0"
__all__ = ["PIPELINE_VERSION", "Actor", "Article", "Entity", "Event", "Quote", "__version__", "analyze"]
