"""Quotations: direct and indirect speech with cue and speaker."""

from .finder import FindQuotes
from .report import SpeakerRow, quotes_by_speaker

__all__ = ["FindQuotes", "SpeakerRow", "quotes_by_speaker"]
