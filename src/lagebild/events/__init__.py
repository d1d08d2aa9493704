"""Events: CAMEO/PLOVER coding of political events with source, target, date and evidence."""

from .patterns import explain_rule, find_pattern, load_patterns

__all__ = ["explain_rule", "find_pattern", "load_patterns"]
