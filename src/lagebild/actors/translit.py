"""Spelling-insensitive name keys: one key for the German, English and other spellings of a name.

German and English transliterate Russian, Ukrainian, Persian and Arabic names by different
conventions (Rjabkow/Ryabkov, Selenskyj/Zelenskyy, Chamenei/Khamenei, Lukaschenko/Lukashenko).
Rather than list pairs, `name_key` folds both conventions onto one lossy spelling by rules:

- case, diacritics, ß and German umlauts (ä/ae → a);
- sibilants: tsch/tch/ch/kh → h, sch/sh/zh/z/tz/ts → s;
- w → v (final -ow/-ew = -ov/-ev), j/y → i (-ij/-yj/-yy/-iy → -i), x → ks, c/ck/q → k, ph → f,
  th → t, gh → g;
- doubled letters collapse; final -ev → -ov (ё: Gorbatschow/Gorbachev); punctuation goes.

The key is for capitalised name tokens only (German common nouns are capitalised too, so the
linker adds tag and case checks); it is deliberately lossy and both sides of a comparison are
folded the same way. `genitive_stems` and `adjective_forms` give the German inflection rules.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Ordered rewrite rules: longer clusters first. Applied to the casefolded, accent-free form.
_RULES: tuple[tuple[str, str], ...] = (
    ("ae", "a"),
    ("oe", "o"),
    ("ue", "u"),
    ("dsch", "dj"),
    ("tsch", "h"),
    ("tch", "h"),
    ("sch", "s"),
    ("sh", "s"),
    ("zh", "s"),
    ("kh", "h"),
    ("ch", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("tz", "s"),
    ("ts", "s"),
    ("z", "s"),
    ("x", "ks"),
    ("q", "g"),
    ("c", "k"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
)
_RULE_RE = re.compile("|".join(re.escape(a) for a, _ in _RULES))
_RULE_MAP = dict(_RULES)
_DOUBLE_RE = re.compile(r"(.)\1+")
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")


def _fold(text: str) -> str:
    """Casefold and drop diacritics (ä → a, ğ → g, é → e); ß → ss via casefold."""
    s = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def plain(token: str) -> str:
    """Casefolded, accent- and punctuation-free spelling: equal plain forms mean the same spelling,
    equal `name_key`s only a compatible one ("Room" and "Rom" share a key, not a plain form)."""
    return _NON_ALNUM_RE.sub("", _fold(token))


@lru_cache(maxsize=200_000)
def name_key(token: str) -> str:
    """The spelling-insensitive key of one name token ("Rjabkow" and "Ryabkov" → "riabkov")."""
    s = _NON_ALNUM_RE.sub("", _fold(token))
    if not s:
        return ""
    s = _RULE_RE.sub(lambda m: _RULE_MAP[m.group(0)], s)
    s = _DOUBLE_RE.sub(r"\1", s)
    s = s.replace("gh", "g")
    if s.endswith("ev"):  # ё: German -ow (Gorbatschow), English -ev (Gorbachev)
        s = s[:-2] + "ov"
    return _DOUBLE_RE.sub(r"\1", s)


def tokenize_name(name: str) -> list[str]:
    """Split a KB name into tokens the way SoMaJo splits running text (roughly): on spaces,
    keeping hyphenated compounds ("US-Regierung") and dotted abbreviations ("U.S.") whole,
    and splitting an English possessive ("Iran's")."""
    out: list[str] = []
    for part in name.replace("_", " ").split():
        part = part.strip(",;:()\"'")
        if not part:
            continue
        if part.endswith(("'s", "’s")) and len(part) > 3:
            out.extend([part[:-2], part[-2:]])
        else:
            out.append(part)
    return out


def name_keys(name: str) -> tuple[str, ...]:
    """The key tuple of a (multi-word) name; empty tokens dropped."""
    return tuple(k for k in (name_key(t) for t in tokenize_name(name)) if k)


def genitive_stems(token: str) -> list[str]:
    """Uninflected candidates of a German name token in the genitive ("Irans" → "Iran",
    "Russlands" → "Russland", "Hauses" → "Haus"; "Iran's" is split off by the tokenizer)."""
    out = []
    if len(token) >= 4 and token.endswith("s") and not token.endswith("ss"):
        out.append(token[:-1])
        if len(token) >= 6 and token.endswith("es"):
            out.append(token[:-2])
    elif len(token) >= 4 and token.endswith(("'", "’")):
        out.append(token[:-1])
    return out


ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def adjective_forms(stem: str) -> list[str]:
    """A German adjective and its inflected forms: "russisch" → russisch, russische, russischen,
    russischer, russisches, russischem (the stem is the uninflected predicative form)."""
    return [stem] + [stem + e for e in ADJECTIVE_ENDINGS]


def adjective_stem(word: str) -> str:
    """Strip a German adjective ending ("russischen" → "russisch"); unchanged if none fits."""
    for e in ("en", "er", "es", "em", "e"):
        if word.endswith(e) and len(word) > len(e) + 3:
            return word[: -len(e)]
    return word
