"""Statistical named-entity recognition: a CRF (python-crfsuite) over the project's own tokens.

The model is trained on GermEval 2014 (CC BY 4.0; `scripts/train_ner.py` rebuilds it) and ships in
`lang/de/ner/` with its packed word gazetteer (`actors.gazetteer`), so nothing is fetched at run
time. Features are deliberately few and
cheap (word form, shape, affixes, HanTa tag, gazetteer flags, one or two neighbours): the CRF's
Viterbi pass is fast, the Python feature extraction is what costs, so static per-word features are
cached. English text, for which no training data is at hand, gets a rule-based fallback: runs of
capitalised words typed by the same gazetteers and English cue words.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from ..lang import get_language
from ..records import Doc, Entity, EntityType
from .gazetteer import Gazetteer, KindView, PhraseIndex, load_gazetteer

LABEL_TYPE: dict[str, EntityType] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_DIGITS = re.compile(r"\d")
_SHAPE_RUNS = re.compile(r"(.)\1+")


def _shape(word: str) -> str:
    """Collapsed character classes: 'Merkel' -> 'Xx', 'SPD' -> 'X', 'G20' -> 'Xd', 'US-Präsident' -> 'X-Xx'."""
    out = []
    for ch in word:
        if ch.isupper():
            out.append("X")
        elif ch.islower():
            out.append("x")
        elif ch.isdigit():
            out.append("d")
        else:
            out.append(ch)
    return _SHAPE_RUNS.sub(r"\1", "".join(out))[:6]


def gazetteers() -> Gazetteer:
    """The packed word gazetteer (`actors.gazetteer`): `word in gazetteers()["loc"]`."""
    return load_gazetteer()


def phrase_gazetteer() -> PhraseIndex:
    """Multi-word gazetteer entries by first word, longest first ("vereinigte staaten", "deutsche bank")."""
    return PhraseIndex(load_gazetteer())


def phrase_flags(lows: Sequence[str], phrases: PhraseIndex | dict) -> list[list[str]]:
    """Per token, "pB:kind"/"pI:kind" where a multi-word gazetteer entry covers it (longest match)."""
    n = len(lows)
    out: list[list[str]] = [[] for _ in range(n)]
    for i, low in enumerate(lows):
        for words, kind in phrases.get(low, ()):
            m = len(words)
            if i + m <= n and tuple(lows[i : i + m]) == words:
                out[i].append("pB:" + kind)
                for j in range(i + 1, i + m):
                    out[j].append("pI:" + kind)
    return out


def _gaz_flags(word: str, gaz: Gazetteer) -> list[str]:
    """ "g:kind" per gazetteer kind of the word; "g1:"/"g2:" when only its genitive-less form or the
    last part of a hyphenated compound has that kind."""
    low = word.lower()
    keys = [low]
    if len(low) > 3 and low[-1] == "s":  # genitive: Deutschlands, Merkels
        keys.append(low[:-1])
    if "-" in low:  # compound: last part ("Kreml-Sprecher", "Ost-Berlin")
        keys.append(low.rsplit("-", 1)[1])
    found: dict[str, int] = {}
    for j, key in enumerate(keys):
        for kind in gaz.kinds(key):
            found.setdefault(kind, j)
    return [("g:" if j == 0 else f"g{j}:") + kind for kind, j in found.items()]


def _compound_head(low: str, nouns: KindView) -> str | None:
    """The longest common noun a long word ends in: its compound head, which types many names
    the training data never saw (-kapelle, -straße: places; -ministerium, -verband: organisations)."""
    for k in range(3, len(low) - 3):
        if low[k:] in nouns:
            return low[k:]
    return None


class FeatureExtractor:
    """Per-token CRF features for one sentence; static word features are cached per (word, tag)."""

    def __init__(self, cache_size: int = 200_000) -> None:
        self.gaz = gazetteers()
        self.phrases = phrase_gazetteer()
        self._cache: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        self.cache_size = cache_size

    def _static(self, word: str, tag: str) -> tuple[list[str], list[str]]:
        key = (word, tag)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        low = word.lower()
        shape = _shape(word)
        gz = _gaz_flags(word, self.gaz)
        ctx = ["w=" + low, "s=" + shape, "t=" + tag, *gz]
        own = [
            *ctx,
            "p2=" + low[:2],
            "p3=" + low[:3],
            "x2=" + low[-2:],
            "x3=" + low[-3:],
            "x4=" + low[-4:],
            "x5=" + low[-5:],
            "p4=" + low[:4],
            "ts=" + tag + shape,
        ]
        if word[:1].isupper() and low not in self.gaz["noun"] and not gz:
            own.append("unknown_cap")  # capitalised, no common noun, in no list: a name more often than not
        head = _compound_head(low, self.gaz["noun"]) if word[:1].isupper() else None
        if head is not None:  # "Veitskapelle" -> kapelle, "Bundesjustizministerium" -> ministerium
            own.append("h=" + head)
        if len(self._cache) >= self.cache_size:
            self._cache.clear()
        self._cache[key] = (own, ctx)
        return own, ctx

    def sentence(self, words: Sequence[str], tags: Sequence[str]) -> list[list[str]]:
        stat = [self._static(w, t) for w, t in zip(words, tags, strict=True)]
        lows = [w.lower() for w in words]
        phr = phrase_flags(lows, self.phrases)
        n = len(stat)
        out = []
        for i in range(n):
            feats = list(stat[i][0])
            feats += phr[i]
            if i == 0:
                feats.append("BOS")
            else:
                feats.extend(["-1" + f for f in stat[i - 1][1]])
                feats.append("tt=" + tags[i - 1] + tags[i])
                feats.append("ww=" + lows[i - 1] + "|" + lows[i])
                if i > 1:
                    feats.append("-2w=" + lows[i - 2])
                    feats.append("-2t=" + tags[i - 2])
                    feats.extend(["-2" + f for f in stat[i - 2][1][3:]])
            if i == n - 1:
                feats.append("EOS")
            else:
                feats.extend(["+1" + f for f in stat[i + 1][1]])
                if i + 2 < n:
                    feats.append("+2w=" + lows[i + 2])
                    feats.append("+2t=" + tags[i + 2])
                    feats.extend(["+2" + f for f in stat[i + 2][1][3:]])
            out.append(feats)
        return out


def spans_from_bio(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token spans from BIO labels; a stray I- opens a span, as CRFs emit rarely."""
    out: list[tuple[int, int, str]] = []
    start, typ = None, None
    for i, lab in enumerate([*labels, "O"]):
        pre, _, t = lab.partition("-")
        if pre == "B" or pre == "O" or t != typ:
            if typ is not None:
                out.append((start, i, typ))
            start, typ = (i, t) if pre in ("B", "I") else (None, None)
    return out


class Recogniser:
    """A loaded CRF model plus its feature extractor."""

    def __init__(self, model_path: Path) -> None:
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_path))
        self.features = FeatureExtractor()

    def tag(self, words: Sequence[str], tags: Sequence[str]) -> list[str]:
        if not words:
            return []
        return self.tagger.tag(self.features.sentence(words, tags))


class EnglishRecogniser:
    """Fallback for English (no English training data here): maximal runs of capitalised words, joined
    by connectors ("Bank of England"), typed by the shared gazetteer and `en_cues.tsv`."""

    def __init__(self) -> None:
        self.gaz = gazetteers()
        self.phrases = phrase_gazetteer()
        cues: dict[str, set[str]] = {}
        for row in get_language("en").read_tsv("ner", "cues.tsv", required=("entry", "kind")):
            if row["kind"] not in ("title", "org_cue", "connector", "skip"):
                raise ValueError(f"lang/en/ner/cues.tsv: unknown kind {row['kind']!r}")
            cues.setdefault(row["kind"], set()).add(row["entry"])
        self.title, self.org_cue = cues.get("title", set()), cues.get("org_cue", set())
        self.connector, self.skip = cues.get("connector", set()), cues.get("skip", set())

    def _cap(self, word: str) -> bool:
        return word[:1].isupper() and word not in self.skip

    def tag(self, words: Sequence[str], tags: Sequence[str]) -> list[str]:
        labels = ["O"] * len(words)
        i, n = 0, len(words)
        while i < n:
            if not self._cap(words[i]) or words[i] in self.title:
                i += 1
                continue
            j = i + 1
            while (
                j < n
                and words[j] not in self.title
                and (
                    self._cap(words[j])
                    or (words[j] in self.connector and j + 1 < n and self._cap(words[j + 1]))
                )
            ):
                j += 1
            typ = self._type(words[i:j])
            labels[i:j] = ["B-" + typ] + ["I-" + typ] * (j - i - 1)
            i = j
        return labels

    def _type(self, span: Sequence[str]) -> str:
        lows = [w.lower() for w in span]
        g = self.gaz
        if len(span) == 1 and lows[0].endswith(("ian", "ese", "ish", "ean")):
            return "MISC"  # demonyms: Russian, Chinese, British
        key = " ".join(lows)
        phrase = phrase_flags(lows, self.phrases)[0]
        if (
            any(w in self.org_cue for w in span)
            or any(key in g.get(k, ()) for k in ("org", "org_known", "org_list"))
            or any(f in ("pB:org_known", "pB:org_list") for f in phrase)
            or (len(span) == 1 and span[0].isupper() and len(span[0]) > 1)
        ):
            return "ORG"
        if any(key in g.get(k, ()) for k in ("loc", "country", "loc_known", "loc_list")) or any(
            f in ("pB:loc", "pB:country", "pB:loc_list") for f in phrase
        ):
            return "LOC"
        if lows[0] in g.get("per_first", ()) or lows[-1] in g.get("per", ()):
            return "PER"
        return "MISC"


RECOGNISERS = {
    "crf": lambda lang: Recogniser(lang.path("ner", "model.crfsuite")),
    "capitalised-runs": lambda lang: EnglishRecogniser(),
}


@cache
def recogniser(language: str) -> Recogniser | EnglishRecogniser:
    """The language's recogniser, as its `Language.recogniser` names it; loading errors propagate."""
    lang = get_language(language)
    return RECOGNISERS[lang.recogniser](lang)


_BRACKETS = frozenset("[](){}<>„“”\"'«»‚‘’")


def _bracket(token: str) -> bool:
    return all(ch in _BRACKETS for ch in token)


def _loose_opener(word: str, tag: str) -> bool:
    return not word[:1].isupper() and (
        tag.startswith("ADJ") or tag in ("ART", "APPR", "APPRART", "KON", "JJ", "DT")
    )


def find_entities(doc: Doc) -> list[Entity]:
    """Named entities (PER, ORG, LOC, MISC) found in the doc's tokens, with offsets into `doc.text`."""
    if not doc.tokens:
        return []
    return entities_with(recogniser(doc.language), doc)


def entities_with(rec: Recogniser | EnglishRecogniser, doc: Doc) -> list[Entity]:
    """`find_entities` with a given model (cross-validation uses one per fold)."""
    text = doc.text
    countries = gazetteers()["country"]
    out: list[Entity] = []
    for a, b in doc.sent_tokens:
        toks = doc.tokens[a:b]
        if not any(t.text[:1].isupper() for t in toks):
            continue  # no capital letter, no name: skip the CRF entirely
        labels = rec.tag([t.text for t in toks], [t.tag for t in toks])
        for s, e, typ in spans_from_bio(labels):
            while s < e and _bracket(toks[s].text):
                s += 1  # "[Iranian]": brackets and quotation marks are no part of a name
            while e > s and _bracket(toks[e - 1].text):
                e -= 1
            if s == e:
                continue
            while e - s > 1 and _loose_opener(toks[s].text, toks[s].tag) and toks[s + 1].text[:1].isupper():
                s += 1  # "russischer Sukhoi": a lower-case adjective or article opens no name
            if e - s > 1 and _country_opener(toks[s].text, toks[s + 1].text, countries):
                # "Irans Raisi", "Iran Russland": a country (genitive) is no part of the next name
                out.append(Entity(toks[s].text, toks[s].start, toks[s].end, "LOC"))
                s += 1
            start, end = toks[s].start, toks[e - 1].end
            out.append(Entity(text[start:end], start, end, LABEL_TYPE.get(typ, "MISC")))
    return harmonise(out)


def _country_opener(word: str, following: str, countries: frozenset[str]) -> bool:
    low, nxt = word.lower(), following.lower()
    if len(low) > 3 and low.endswith("s") and low[:-1] in countries:
        return True
    return low in countries and nxt in countries


def harmonise(entities: list[Entity]) -> list[Entity]:
    """One type per name within a document: a surname seen in a full PER name ("Ebrahim Raisi" ...
    "Raisi") is PER; otherwise the majority type of the same surface form wins (ties keep the CRF's)."""
    if len(entities) < 2:
        return entities
    surnames = set()
    for e in entities:
        parts = e.text.split()
        if e.type == "PER" and len(parts) > 1:
            surnames.add(parts[-1])
    votes: dict[str, dict[str, int]] = {}
    for e in entities:
        counts = votes.setdefault(e.text, {})
        counts[e.type] = counts.get(e.type, 0) + 1
    for e in entities:
        if e.text in surnames or (e.text.endswith("s") and e.text[:-1] in surnames):
            e.type = "PER"
            continue
        counts = votes[e.text]
        best = max(counts.values())
        if counts[e.type] < best:
            e.type = next(t for t, n in counts.items() if n == best)  # type: ignore[assignment]
    return entities


def augment(
    sentences: Sequence[tuple[Sequence[str], Sequence[str], Sequence[str]]], copies: int = 3, seed: int = 7
) -> list[tuple[list[str], list[str], list[str]]]:
    """Mention replacement: copies of each sentence with every entity swapped for another mention of the
    same type from the same training data (with its tags), so the CRF leans on context and shape more
    than on memorised names. A few points of F1 on 2,000 training sentences."""
    rng = random.Random(seed)
    inventory: dict[str, list[tuple[Sequence[str], Sequence[str]]]] = {}
    for words, tags, labels in sentences:
        for a, b, typ in spans_from_bio(labels):
            inventory.setdefault(typ, []).append((words[a:b], tags[a:b]))
    out = []
    for words, tags, labels in sentences:
        spans = spans_from_bio(labels)
        for _ in range(copies if spans else 0):
            nw: list[str] = []
            nt: list[str] = []
            nl: list[str] = []
            pos = 0
            for a, b, typ in spans:
                rw, rt = rng.choice(inventory[typ])
                nw += [*words[pos:a], *rw]
                nt += [*tags[pos:a], *rt]
                nl += [*labels[pos:a], "B-" + typ] + ["I-" + typ] * (len(rw) - 1)
                pos = b
            out.append(([*nw, *words[pos:]], [*nt, *tags[pos:]], [*nl, *labels[pos:]]))
    return out


def train(
    sentences: Iterable[tuple[Sequence[str], Sequence[str], Sequence[str]]],
    model_path: Path,
    *,
    copies: int = 3,
    c1: float = 0.02,
    c2: float = 0.03,
    max_iterations: int = 150,
    min_freq: int = 1,
) -> None:
    """Train a CRF on (words, tags, labels) sentences (plus `copies` augmented copies of each)."""
    import pycrfsuite

    sentences = list(sentences)
    fx = FeatureExtractor()
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags, labels in sentences + augment(sentences, copies):
        trainer.append(fx.sentence(words, tags), list(labels))
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(model_path))
