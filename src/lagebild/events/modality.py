"""Modality: whether a clause's act happened, is only intended, or is negated (cues in data/cues.tsv)."""

from __future__ import annotations

from functools import cache

from ..records import Token
from ..resources import read_tsv
from .cameo import cameo_table
from .clauses import Clause
from .lexicon import CoderBase


@cache
def intent_map() -> dict[str, str]:
    rows = read_tsv("events", "data", "intent.tsv", required=("from", "to"))
    table = cameo_table()
    out = {}
    for r in rows:
        if r["to"] not in table:
            raise ValueError(f"intent.tsv: unknown code {r['to']!r}")
        out[r["from"]] = r["to"]
    return out


def intent_code(code: str) -> str | None:
    """The 'express intent' code for an act that is only intended, or None (not coded)."""
    table = intent_map()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


class ModalityReader(CoderBase):
    """Mixed into EventCoder: clause modality and negation, and the cues that keep event nouns from facts."""

    def _modality(self, toks: list[Token], cl: list[Clause], ci: int, is_question: bool) -> str | None:
        """'drop' (not an act that happened), 'intent', or None (factual)."""
        c = cl[ci]
        q, cond = self.cues.get("question", frozenset()), self.cues.get("condition", frozenset())
        if c.kind == "sub" and c.intro in q:
            return "drop"
        if c.kind == "sub" and c.intro in cond:
            return "drop"
        if is_question and c.kind == "main":
            return "drop"
        if any(
            self._cue(toks[i], "hypothetical")
            and toks[i].tag not in self.g.proper
            and not self._announced_would(toks, cl, ci, i)
            for i in c.toks
        ):  # ("in May" is a month)
            return "drop"
        if self._falls(toks, c.toks):
            return "drop"
        gov = cl[c.governor] if c.governor is not None else None
        if gov is not None and c.kind in ("sub", "inf") and (c.kind == "inf" or c.intro in ("dass", "that")):
            if self._clause_cue(toks, gov, "block"):
                return "drop"
            if c.kind == "inf" and self._clause_cue(toks, gov, "intent"):
                return "intent"
            mod = self._modality(toks, cl, c.governor, is_question)
            if mod:
                return mod
        if c.kind == "main" and ci > 0:
            prev = cl[ci - 1]
            if (
                prev.kind in ("main", "frag")
                and self._clause_cue(toks, prev, "block")
                and self._clause_cue(toks, c, "reported")
            ):
                return "drop"  # "wies den Vorwurf zurück, er habe Raketen geliefert"
            if any(p.kind == "sub" and p.intro in cond for p in cl[:ci]):
                return "drop"  # the consequent of "wenn/falls ..."
        if c.kind == "inf" and c.intro in ("um", "so"):
            return "intent"
        if c.kind == "inf" and c.intro == "ohne":
            return "drop"
        if c.kind == "rel" and gov is not None and any(self._cue(toks[i], "hypothetical") for i in gov.toks):
            return "drop"
        return None

    def _announced_would(self, toks: list[Token], cl: list[Clause], ci: int, i: int) -> bool:
        """English "would" after a verb that announces ("announced it would free ...", "said it would
        host ...") is the future of the announced act, not a hypothetical (cue class 'announce')."""
        if self.language != "en" or toks[i].text.lower() != "would":
            return False
        words = self.cues.get("announce", frozenset())
        earlier = [k for c in cl[: ci + 1] for k in c.toks if k < i]
        return any(self.g.is_full_verb(toks[k].tag) and self._lemma(toks[k]) in words for k in earlier)

    def _falls(self, toks: list[Token], idx: list[int]) -> bool:
        """A conditional frame inside the clause: "im Falle (eines Angriffs)", "in case of"."""
        cond = self.cues.get("condition", frozenset())
        for n, i in enumerate(idx):
            t = toks[i]
            if t.tag in self.g.noun and self._lemma(t) in cond and n > 0:
                prev = toks[idx[n - 1]]
                if prev.tag in self.g.prep:
                    return True
        return False

    def _negated(self, toks: list[Token], idx: list[int]) -> bool:
        neg = self.cues.get("negation", frozenset())
        unneg = self.cues.get("unneg", frozenset())
        for n, i in enumerate(idx):
            t = toks[i]
            if self._lemma(t) in neg or t.text.lower() in neg:
                if n + 1 < len(idx) and toks[idx[n + 1]].text.lower() in unneg:
                    continue
                return True
        return False

    def _intent_verbal(self, toks: list[Token], idx: list[int], trig: int) -> bool:
        """Modal of intention ("will unterzeichnen") or future ("wird unterzeichnen") in the clause."""
        g = self.g
        t = toks[trig]
        if t.tag in g.finite:
            return False
        for i in idx:
            x = toks[i]
            if x.tag in g.finite and x.tag in g.aux:
                lem = self._lemma(x)
                if lem in self.cues.get("intent", frozenset()):
                    return True
                if lem in self.cues.get("future", frozenset()) and t.tag in g.infinitive:
                    return True
        return False

    def _english_complement(self, toks: list[Token], c: Clause, i: int) -> str | None:
        """English keeps complements in the clause ("accused Iran of supplying drones", "plans to
        sign"): a verb after an earlier verb of accusing/denying/demanding is dropped, after a verb
        of intention, or after a word of readiness ("was ready to resume talks"), it is an intent. An
        infinitive that complements a noun or name ("her bid to join", "urged Serbia to reform") is
        no act that happened."""
        g = self.g
        if toks[i].tag == "VVG" and i - 1 >= c.start and self._cue(toks[i - 1], "gerundblock"):
            return "drop"  # "sanctioned two refineries for buying Iranian oil"
        if toks[i].tag in g.infinitive and i - 2 >= c.start and toks[i - 1].tag in g.zu:
            before = toks[i - 2]
            if not g.is_verb(before.tag) and not self._cue(before, "intentword") and before.tag not in g.neg:
                return "drop"
        for k in c.toks:
            if k >= i:
                break
            t = toks[k]
            if not self.g.is_verb(t.tag) and self._cue(t, "intentword"):
                return "intent"
            if self.g.is_full_verb(t.tag):
                lem = self._lemma(t)
                if lem in self.cues.get("block", frozenset()):
                    return "drop"
                if lem in self.cues.get("intent", frozenset()):
                    return "intent"
        return None

    def _noun_blocked(self, toks: list[Token], c: Clause, n: int) -> bool:
        """An event noun under "kein", "über" or "ohne" is no fact ("keine Angriffe", "Klausel über Militärhilfe")."""
        g = self.g
        k = n - 1
        while k >= c.start and toks[k].tag in g.det | g.proper | g.noun:
            if toks[k].text.lower() in self.cues.get("nounneg", frozenset()) or self._lemma(
                toks[k]
            ) in self.cues.get("nounneg", frozenset()):
                return True
            if toks[k].tag in g.noun:
                break
            k -= 1
        if (
            n - 2 >= c.start
            and toks[n - 1].text.lower() in self.g.genitive | {"der"}
            and toks[n - 2].tag in g.noun
        ):
            return True  # "Aufhebung der Sanktionen": the noun is the theme of another
        blockers = self.cues.get("nounblock", frozenset())
        return bool(k >= 0 and toks[k].tag in g.prep and self._lemma(toks[k]) in blockers)
