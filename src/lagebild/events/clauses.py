"""Clause segmentation: split a sentence into clauses, classify them and repair the German verb bracket."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lang.tags import TagView
from ..records import Token
from .groups import Group
from .lexicon import lemma

_BOUNDARY = {",", "–", "—", ";", ":", "-"}


@dataclass
class Clause:
    """A clause of a sentence: its token indices, kind, introducer, governor and actor groups."""

    toks: list[int]
    kind: str = "main"  # main | sub | rel | inf | frag | vfrag
    intro: str | None = None
    governor: int | None = None  # index of the governing clause (for sub/inf/rel)
    subject: Group | None = None
    groups: list[Group] = field(default_factory=list)
    lemmas: set[str] | None = None
    lemma_size: int = 0

    @property
    def start(self) -> int:
        return self.toks[0]


def split_clauses(
    toks: list[Token], a: int, b: int, g: TagView, language: str, subpreps: frozenset[str] = frozenset()
) -> list[Clause]:
    """The clauses of sentence toks[a:b], classified, with bracket leftovers reattached and governors set.
    `subpreps`: English words tagged as prepositions that open a clause when a finite verb follows
    ("after Chinese warships entered its waters")."""
    raw: list[list[int]] = []
    cur: list[int] = []
    depth = 0
    for i in range(a, b):
        t = toks[i]
        if t.text in ("(", "["):
            depth += 1
            continue
        if t.text in (")", "]"):
            depth = max(0, depth - 1)
            continue
        if depth:
            continue  # a parenthesis is no part of the clause around it
        if t.text == "," and _enumeration(toks, i, b, g):
            cur.append(i)
            continue
        if (t.text in _BOUNDARY and not _joining_hyphen(toks, i, a, b)) or (
            t.tag in g.comma and t.text == ","
        ):
            if cur:
                raw.append(cur)
            cur = []
            continue
        if t.tag in g.conj and cur and i + 1 < b and toks[i + 1].tag in g.finite:
            raw.append(cur)
            cur = [i]
            continue
        if (
            cur
            and language == "en"
            and t.tag in g.prep
            and lemma(t) in subpreps
            and _clause_follows(toks, i, b, g)
        ):
            raw.append(cur)
            cur = [i]
            continue
        if (
            t.tag in g.sub_intro | g.inf_intro and cur and language == "en" and lemma(t) != "than"
        ):  # "more than 60,000"
            raw.append(cur)
            cur = [i]
            continue
        if t.tag in ("$.",) or (t.text in {".", "!", "?"} and i == b - 1):
            continue
        cur.append(i)
    if cur:
        raw.append(cur)
    out = [_classify(toks, c, a, g, language) for c in raw]
    for c in out:
        if (
            language == "en"
            and toks[c.toks[0]].tag in g.prep
            and lemma(toks[c.toks[0]]) in subpreps
            and _clause_follows(toks, c.toks[0], b, g)
        ):
            c.kind, c.intro = "sub", lemma(toks[c.toks[0]])
    return _repair(toks, out, g, language)


def _clause_follows(toks: list[Token], i: int, b: int, g: TagView) -> bool:
    """A finite verb follows the word at i within a few tokens, before any punctuation."""
    for k in range(i + 1, min(b, i + 8)):
        if toks[k].tag in g.finite:
            return k > i + 1
        if toks[k].tag in g.comma or toks[k].tag in g.conj:
            return False
    return False


def _joining_hyphen(toks: list[Token], i: int, a: int, b: int) -> bool:
    """A hyphen written without spaces joins a word ("two-day", "Secretary-General") that the
    tokeniser split: no clause boundary. A dash between spaces ("Moscow - which ...") is one."""
    t = toks[i]
    return t.text == "-" and a < i < b - 1 and toks[i - 1].end == t.start and t.end == toks[i + 1].start


def _enumeration(toks: list[Token], i: int, b: int, g: TagView) -> bool:
    """'Russland, China und Iran': a comma between names that a conjunction closes is no clause boundary."""
    if i == 0 or toks[i - 1].tag not in g.proper:
        return False
    for k in range(i + 1, min(b, i + 8)):
        t = toks[k]
        if t.tag in g.conj:
            return k + 1 < b and toks[k + 1].tag in g.proper | {"ART", "AT0"}
        if not (t.tag in g.proper or t.tag in ("ART", "AT0") or t.text == ","):
            return False
    return False


def _classify(toks: list[Token], idx: list[int], sent_start: int, g: TagView, language: str) -> Clause:
    c = Clause(list(idx))
    first = [i for i in idx if toks[i].tag not in g.conj]
    head = toks[first[0]] if first else toks[idx[0]]
    nxt = toks[first[1]] if len(first) > 1 else None
    tags = {toks[i].tag for i in idx}
    has_fin = bool(tags & g.finite)
    if head.tag in g.sub_intro:
        c.kind, c.intro = "sub", lemma(head)
    elif head.tag in g.inf_intro:
        c.kind, c.intro = "inf", lemma(head)
    elif head.tag in g.rel or (head.tag in g.prep and nxt is not None and nxt.tag in g.rel):
        c.kind, c.intro = "rel", lemma(head)
    elif (
        language == "de"
        and head.text.lower() in ("der", "die", "das")
        and idx[0] > sent_start
        and toks[idx[-1]].tag in g.finite
        and len(idx) > 3
        and toks[idx[1]].tag not in g.noun | {"ADJ(A)"}  # "die Stadt ... angegriffen hätten" is an article
    ):
        c.kind, c.intro = "rel", "der"  # HanTa tags some relative pronouns as articles; verb-final shows it
    elif has_fin:
        c.kind = "main"
    elif any(t in g.zu for t in tags) or "VV(IZU)" in tags:
        c.kind = "inf"
    elif any(g.is_verb(t) for t in tags) or any(t in g.particle for t in tags):
        c.kind = "vfrag"
    else:
        c.kind = "frag"
    return c


def _repair(toks: list[Token], cl: list[Clause], g: TagView, language: str) -> list[Clause]:
    """Reattach bracket leftovers and a pre-posed subject to the clause they belong to."""
    out: list[Clause] = []
    pending: list[Clause] = []  # verbless fragments waiting for a verb-initial main clause
    for c in cl:
        if c.kind == "frag":
            pending.append(c)
            out.append(c)
            continue
        if c.kind == "vfrag":
            host = _open_bracket(toks, out, g)
            if host is not None:
                host.toks.extend(c.toks)
                continue
            c.kind = "main"
        if c.kind == "main" and language == "de" and len(c.toks) >= 3 and toks[c.toks[-1]].tag in g.finite:
            host = next((o for o in reversed(out) if o.kind in ("sub", "main")), None)
            if (
                host is not None
                and host.kind == "sub"
                and not any(toks[i].tag in g.finite for i in host.toks)
            ):
                host.toks.extend(c.toks)  # "dass die Truppen X, der ..., die Stadt angegriffen hätten"
                continue
        if (
            c.kind == "main"
            and language == "en"
            and out
            and out[-1].kind == "frag"
            and toks[out[-1].toks[0]].tag in g.prep
        ):
            c.toks = out[-1].toks + c.toks  # "After a phone call with Erdogan, Putin agreed ..."
            pending = [p for p in pending if p is not out[-1]]
            out.pop()
        if c.kind == "main" and pending:
            lead = [i for i in c.toks if toks[i].tag not in g.conj]
            if lead and toks[lead[0]].tag in g.finite and toks[c.toks[0]].tag not in g.conj:
                # the subject and its appositions: "Die Fraktionschefin der Linken, Petra Pau, forderte"
                c.toks = [i for p in pending for i in p.toks] + c.toks
                for p in pending:
                    if p in out:
                        out.remove(p)
                pending = []
        if c.kind == "main":
            pending = []
        out.append(c)
    for i, c in enumerate(out):
        if c.kind in ("sub", "inf", "rel"):
            for j in range(i - 1, -1, -1):
                if out[j].kind in ("main", "sub", "rel", "inf") and not (
                    c.kind == "inf" and out[j].kind == "inf"
                ):
                    c.governor = j
                    break
    return out


def _open_bracket(toks: list[Token], prev: list[Clause], g: TagView) -> Clause | None:
    """The nearest earlier clause whose verb bracket is still open (finite aux/modal, or a
    finite full verb without its particle)."""
    for c in reversed(prev):
        if c.kind not in ("main", "sub", "rel"):
            continue
        tags = [toks[i].tag for i in c.toks]
        if not any(g.is_full_verb(t) for t in tags) and any(t in g.finite for t in tags):
            return c
        if any(t in g.finite and g.is_full_verb(t) for t in tags) and not any(t in g.particle for t in tags):
            return c
        return None
    return None
