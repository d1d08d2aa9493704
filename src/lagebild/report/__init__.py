"""The situation report (Lagebild): what the store holds for a period and a focus, written as HTML or
Markdown in German or English, every number and sentence linked to its evidence."""

from __future__ import annotations

from .build import Report, build_report
from .render import FORMATS, LANGUAGES, render

__all__ = ["FORMATS", "LANGUAGES", "Report", "build_report", "render"]
