"""Adapters: the only modules that touch a third-party library's private parts.

Each adapter is pinned to the library version it was written for (`PINNED`) and checked by a test
(`tests/test_adapters.py`) that fails loudly when the installed library differs or the private parts
it relies on have moved. Everything else in lagebild uses the libraries' public API only.
"""
