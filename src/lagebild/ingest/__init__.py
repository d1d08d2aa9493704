"""Ingest: turn files, folders, globs and stdin into raw documents, one reader per format.

Readers yield `RawDoc` for every document they could read and `InputError` for every one they could
not, so a caller can report the error and go on with the batch.
"""

from __future__ import annotations

from .sources import RawDoc, iter_inputs, read_path

__all__ = ["RawDoc", "iter_inputs", "read_path"]
