"""Errors that name the input and the reason; a batch logs them and goes on."""

from __future__ import annotations


class LagebildError(Exception):
    """Base of every error lagebild raises on purpose."""


class InputError(LagebildError):
    """An input that cannot be analysed: unreadable, binary, empty, oversize, badly encoded."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason

    def __reduce__(self):
        """Errors cross process boundaries (worker pools, Dask): rebuild from name and reason."""
        return (self.__class__, (self.name, self.reason))


class UnsupportedLanguage(InputError):
    """The text is in a language lagebild does not analyse."""


class StoreError(LagebildError):
    """The store cannot be opened or written (locked by another process, wrong schema)."""


class PipelineError(LagebildError):
    """A pipeline whose components do not fit: one requires what no earlier component assigns."""
