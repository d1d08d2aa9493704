"""Spelling-insensitive name keys: one key for the German, English and other spellings of a name.

German and English transliterate Russian, Ukrainian, Persian and Arabic names by different
conventions (Rjabkow/Ryabkov, Selenskyj/Zelenskyy, Chamenei/Khamenei, Lukaschenko/Lukashenko).
Rather than list pairs, `name_key` folds both conventions onto one lossy spelling by rules:

- case, diacritics, stroked letters (ł, ø, đ, ı), ß and German umlauts (ä/ae → a);
- an Arabic article prefix ("al-Gaddafi" = "Gaddafi") and a stand-alone "Al";
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


# Latin letters with a stroke or other mark that Unicode does not decompose (ł, ø, đ, ı, ħ ...), and
# ligatures: folded by table after the decomposable diacritics (ğ, ş, ț, ā, é) are dropped.
_UNDECOMPOSED = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h", "Ħ": "H",
        "ŧ": "t", "Ŧ": "T", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae",
        "œ": "oe", "Œ": "Oe", "ŀ": "l", "Ŀ": "L", "ƀ": "b", "ɨ": "i", "ʉ": "u", "ǥ": "g", "Ǥ": "G",
        "ŉ": "n", "ĸ": "k", "ß": "ss", "ẞ": "SS", "’": "'", "ʼ": "'", "ʻ": "'",
    }
)  # fmt: skip
# An Arabic article written onto a name ("al-Gaddafi", "el-Sisi", "asch-Scharaa") is optional for
# matching, as is a stand-alone "Al" ("Tamim bin Hamad Al Thani"); "El" alone stays (El Salvador).
_ARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|ad|ar|as|asch|ash|at|az|an)[-‐‑](?=\w)", re.IGNORECASE)
_DROPPED_TOKENS = frozenset({"al"})


def is_dropped(token: str) -> bool:
    """A token that is no part of a name's key but may stand inside it (a stand-alone "Al")."""
    return token.casefold() in _DROPPED_TOKENS


def fold_letters(text: str) -> str:
    """Drop diacritics and fold stroked letters, keeping case ("Łukasz Kılıçdaroğlu" → "Lukasz
    Kilicdaroglu"); for display the original spelling is kept, this is for matching and ids."""
    s = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).translate(_UNDECOMPOSED)


def _fold(text: str) -> str:
    """Casefold and drop diacritics (ä → a, ğ → g, é → e, ł → l, ø → o, ı → i); ß → ss."""
    return fold_letters(text.casefold()).casefold()


def strip_article(token: str) -> str:
    """A name token without an Arabic article prefix: "al-Gaddafi" → "Gaddafi"."""
    return _ARTICLE_PREFIX_RE.sub("", token)


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def plain(token: str) -> str:
    """Casefolded, accent- and punctuation-free spelling without an article prefix: equal plain forms
    mean the same spelling, equal `name_key`s only a compatible one ("Room" and "Rom" share a key,
    not a plain form). German umlauts are spelt out ("Bösch" is not "Bosch", "Müller" is
    "Mueller"); other diacritics and strokes fold ("Erdoğan" = "Erdogan", "Wałęsa" = "Walesa")."""
    low = unicodedata.normalize("NFC", strip_article(token).casefold()).translate(_UMLAUTS)
    return _NON_ALNUM_RE.sub("", _fold(low))


@lru_cache(maxsize=200_000)
def name_key(token: str) -> str:
    """The spelling-insensitive key of one name token ("Rjabkow" and "Ryabkov" → "riabkov"); empty
    for a token that is no part of the key (a stand-alone "Al")."""
    s = _NON_ALNUM_RE.sub("", _fold(strip_article(token)))
    if not s or s in _DROPPED_TOKENS:
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
