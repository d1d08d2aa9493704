"""The clause view: one `Clause` per verbal predicate of a parsed sentence, read off the repaired tree.

Roles are head token indices into `doc.tokens`. How they map to Universal Dependencies (the parser's
labels after `repair`):

| Clause field      | UD relations of the clause head                                  |
|-------------------|------------------------------------------------------------------|
| subject           | nsubj, nsubj:pass (grammatical subject: the patient in a passive)  |
| objects           | obj                                                              |
| indirect_object   | iobj (German: also a dative-only obj / obl:arg, see repair)      |
| obliques          | obl, obl:arg, obl:tmod with their adposition (case) lemma          |
| agent             | obl:agent; in a passive also an oblique with von/durch, by        |
| complements       | ccomp, xcomp, csubj (the predicates of those clauses)             |
| infinitive        | xcomp whose verb is an infinitive ('droht zu scheitern')          |
| auxiliaries       | aux, aux:pass (modals included; UD makes them aux)                |
| particle          | compound:prt                                                     |
| negation          | advmod nicht/nie/not/never; det kein/no of an argument; niemand/nobody as argument; mark ohne/without |

A copular clause ('Die Lage ist angespannt') gets the copula as its predicate and the nominal or
adjective as `predicative`; the subject is the nominal's nsubj.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..records import Token
from .repair import Sentence
from .tree import adposition, base

ClauseKind = Literal["main", "sub", "rel", "inf", "attr"]
Voice = Literal["active", "passive"]
Mood = Literal["ind", "konj1", "konj2"]

_CLAUSAL = frozenset({"ccomp", "xcomp", "csubj", "advcl", "acl", "parataxis", "conj", "root"})
_COMPLEMENT = frozenset({"ccomp", "xcomp", "csubj"})


@dataclass(slots=True)
class Clause:
    """One predicate and its arguments; every index is a head token index into `doc.tokens`.

    `lemma` joins a separable particle ('zurückweisen'; English 'give up'). `governor` is the predicate of
    the clause this one depends on (None for a main clause). `rules` names the grammar rules that shaped
    this clause (for --explain).
    """

    predicate: int
    lemma: str
    kind: ClauseKind = "main"
    voice: Voice = "active"
    particle: int | None = None
    auxiliaries: list[int] = field(default_factory=list)
    modal: str | None = None
    future: bool = False
    negation: int | None = None
    subject: int | None = None
    objects: list[int] = field(default_factory=list)
    indirect_object: int | None = None
    obliques: list[tuple[str, int]] = field(default_factory=list)
    agent: int | None = None
    complements: list[int] = field(default_factory=list)
    infinitive: int | None = None
    governor: int | None = None
    mark: str | None = None
    mood: Mood = "ind"
    predicative: int | None = None
    antecedent: int | None = None
    sentence: int = 0
    rules: list[str] = field(default_factory=list)


def clause_heads(s: Sentence) -> dict[int, int]:
    """Tree node heading each clause -> the predicate token shown for it (the copula for a copular clause)."""
    toks, kids = s.tokens, s.kids()
    out: dict[int, int] = {}
    for i in range(s.lo, s.hi):
        t = toks[i]
        if t.head < 0 or base(t.dep) in (
            "aux",
            "cop",
            "compound",
            "case",
            "mark",
            "det",
            "punct",
            "fixed",
            "flat",
        ):
            continue
        cop = next((c for c in kids.get(i, ()) if toks[c].dep == "cop"), None)
        if cop is not None and (base(t.dep) in _CLAUSAL or t.head == i):
            out[i] = cop
        elif (s.form(i) and not _nominal_use(s, i)) or _participial_attribute(s, i, kids) or t.head == i:
            out[i] = i  # (the root of a verbless sentence, a headline, heads a fragment clause)
    return out


def _nominal_use(s: Sentence, i: int) -> bool:
    """A finite verb tag on a word the parser made a subject or object: a noun the tagger misread
    ('allowed UN human rights monitors into the country': monitors/VVZ)."""
    return s.form(i) == "fin" and s.tokens[i].dep in ("obj", "nsubj", "nsubj:pass", "iobj")


def _participial_attribute(s: Sentence, i: int, kids: dict[int, list[int]]) -> bool:
    """'der vom Westen unterstützte Sturz': an attributive participle with arguments of its own."""
    t = s.tokens[i]
    if s.lex.tag_class(t.tag) != "attr" or t.dep not in ("amod", "acl"):
        return False
    if not t.text.lower().rstrip("emnrs").endswith(("t", "en", "end")):  # past or present participle
        return False
    return any(base(s.tokens[c].dep) in ("obl", "obj", "iobj") for c in kids.get(i, ()))


def build_clauses(s: Sentence) -> list[Clause]:
    """All clauses of one repaired sentence, in token order."""
    heads = clause_heads(s)
    kids = s.kids()
    clauses = {h: _clause(s, h, p, heads, kids) for h, p in heads.items()}
    for h, c in clauses.items():
        _link(s, h, c, heads, clauses)
    for h, c in clauses.items():
        _complement_of_adjective(s, h, c, clauses)
    for rule in CLAUSE_RULES:
        for h, c in clauses.items():
            if rule(s, h, c, clauses, kids):
                c.rules.append(rule.__name__)
    return [clauses[h] for h in sorted(clauses)]


def _clause(s: Sentence, h: int, p: int, heads: dict[int, int], kids: dict[int, list[int]]) -> Clause:
    toks = s.tokens
    c = Clause(predicate=p, lemma=toks[p].lemma or toks[p].text, sentence=toks[p].sent)
    if p != h:
        c.predicative = h
    c.rules.extend(dict.fromkeys(s.fired.get(h, [])))
    for k in kids.get(h, ()):
        _role(s, c, k, heads, kids)
    return c


def _role(s: Sentence, c: Clause, k: int, heads: dict[int, int], kids: dict[int, list[int]]) -> None:
    """File dependent `k` of the clause head under its role."""
    t, dep = s.tokens[k], s.tokens[k].dep
    b = base(dep)
    if b == "nsubj" and c.subject is None:
        c.subject = k
    elif b == "obj":
        c.objects.append(k)
    elif b == "iobj" and c.indirect_object is None:
        c.indirect_object = k
    elif dep == "obl:agent" and c.agent is None:
        c.agent = k
    elif b == "obl":
        c.obliques.append((_preposition(s, k, kids) or "", k))
    elif b in _COMPLEMENT and k in heads:
        c.complements.append(heads[k])
        if dep == "xcomp" and s.form(k) in ("inf", "izu") and c.infinitive is None:
            c.infinitive = heads[k]
    elif b in ("aux", "cop") and k != c.predicate:
        c.auxiliaries.append(k)
    elif dep == "compound:prt" and c.particle is None:
        c.particle = k
    elif b == "mark" and s.lex.tag_class(t.tag) != "zu":
        c.mark = (t.lemma or t.text).lower()
    elif b in ("advmod", "det") and s.lex.has(t.lemma or t.text, "negation") and c.negation is None:
        c.negation = k


def _preposition(s: Sentence, n: int, kids: dict[int, list[int]]) -> str | None:
    return adposition(s.tokens, kids, n, s.lex.language)


def _link(s: Sentence, h: int, c: Clause, heads: dict[int, int], clauses: dict[int, Clause]) -> None:
    """Kind, governor and antecedent from the clause head's relation to the tree above it."""
    toks = s.tokens
    t = toks[h]
    dep = t.dep
    gov = _governing_head(s, h, heads)
    c.governor = heads[gov] if gov is not None else None
    if t.head == h or base(dep) == "root":
        c.kind = "main"
    elif dep == "conj" and t.head in heads:
        first = t.head
        while toks[first].dep == "conj" and toks[first].head in heads and toks[first].head != first:
            first = toks[first].head
        c.kind = _kind(s, first, heads)
        c.governor = clauses[first].governor if first in clauses and first != h else c.governor
    else:
        c.kind = _kind(s, h, heads)
    if c.kind in ("rel", "attr") and toks[h].head != h:
        c.antecedent = toks[h].head


def _complement_of_adjective(s: Sentence, h: int, c: Clause, clauses: dict[int, Clause]) -> None:
    """'hat sich bereit erklärt, … zu verhandeln': a complement of a non-verbal word ('bereit', 'able')
    that is not a clause of its own is a complement of the governing predicate."""
    toks = s.tokens
    head = toks[h].head
    if base(toks[h].dep) not in _COMPLEMENT or head in clauses or c.governor is None:
        return
    gov = next((g for g in clauses.values() if g.predicate == c.governor), None)
    if gov is not None and c.predicate not in gov.complements:
        gov.complements.append(c.predicate)
        if c.kind == "inf" and gov.infinitive is None:
            gov.infinitive = c.predicate


def _kind(s: Sentence, h: int, heads: dict[int, int]) -> ClauseKind:
    toks = s.tokens
    dep, form = toks[h].dep, s.form(h)
    if toks[h].head == h or base(dep) in ("root", "parataxis"):
        return "main"
    if form == "izu" or (form in ("inf", "part") and _has_zu(s, h)) or _perfect_zu(s, h):
        return "inf"
    if dep == "acl:relcl":
        return "rel"
    if dep in ("amod", "acl") and (form in ("part", "ger") or s.lex.tag_class(toks[h].tag) == "attr"):
        return "attr"
    if dep == "xcomp":
        return "inf"
    if form == "ger" and base(dep) in ("advcl", "ccomp", "csubj") and not _has_subject(s, h):
        return "inf"  # English gerund clause: "ruled out sending troops", "retaliated by expelling …"
    if dep == "acl":
        return "rel"
    if dep == "conj" and toks[h].head in heads and toks[h].head != h:
        return _kind(s, toks[h].head, heads)
    return "sub"


def _has_subject(s: Sentence, h: int) -> bool:
    return any(base(s.tokens[k].dep) in ("nsubj", "csubj", "expl") for k in s.kids().get(h, ()))


def _has_zu(s: Sentence, h: int) -> bool:
    return any(s.lex.tag_class(s.tokens[k].tag) == "zu" for k in s.kids().get(h, ()))


def _perfect_zu(s: Sentence, h: int) -> bool:
    """A participle with a zu-infinitive auxiliary: 'beliefert zu haben', 'verhaftet worden zu sein'."""
    kids = s.kids().get(h, ())
    return s.form(h) == "part" and any(base(s.tokens[k].dep) == "aux" and _has_zu(s, k) for k in kids)


def infinitive_subject(s: Sentence, h: int, c: Clause, clauses: dict, kids: dict) -> bool:
    """German: an infinitive clause has no subject of its own; a noun the parser made one is its object
    ('beschuldigt, Moskau mit Drohnen beliefert zu haben')."""
    if s.lex.language != "de" or c.kind != "inf" or c.subject is None or c.objects:
        return False
    if s.lex.tag_class(s.tokens[c.subject].tag) != "noun":
        return False
    c.objects.append(c.subject)
    c.subject = None
    return True


def _governing_head(s: Sentence, h: int, heads: dict[int, int]) -> int | None:
    """The nearest clause head above `h` (None for a sentence root)."""
    toks = s.tokens
    i, seen = h, set()
    while toks[i].head != i and toks[i].head >= 0 and i not in seen:
        seen.add(i)
        i = toks[i].head
        if i in heads:
            return i
    return None


# ---- clause rules: (sentence, clause head, clause, all clauses, children) -> fired? -----------------


def particle_lemma(s: Sentence, h: int, c: Clause, clauses: dict, kids: dict) -> bool:
    """Join the separable particle to the lemma: 'wies … zurück' -> 'zurückweisen'; 'gave up' -> 'give up'."""
    if c.particle is None:
        return False
    part = s.tokens[c.particle].text.lower()
    c.lemma = f"{part}{c.lemma}" if s.lex.language == "de" else f"{c.lemma} {part}"
    return True


def modal_and_future(s: Sentence, h: int, c: Clause, clauses: dict, kids: dict) -> bool:
    """Modal verbs (können, wollen, soll; can, must) and the future (werden/will + infinitive) from the
    auxiliaries. English modals are read by their form: HanTa lemmatises 'would' as 'will', 'could' as 'can'."""
    fired = False
    for a in c.auxiliaries:
        t = s.tokens[a]
        lemma = (t.text if s.lex.language == "en" else t.lemma or t.text).lower()
        if s.lex.has(lemma, "modal") and c.modal is None and s.tokens[a].dep != "cop":
            c.modal, fired = lemma, True
        elif (
            s.lex.has(lemma, "future")
            and s.form(c.predicate) == "inf"
            and not c.future
            and (s.lex.language == "en" or s.form(a) == "fin")
        ):
            c.future = fired = True
    return fired


def passive_voice(s: Sentence, h: int, c: Clause, clauses: dict, kids: dict) -> bool:
    """Passive: werden + Partizip II ('wurde verhaftet', 'ist verhaftet worden'), be/get + past participle,
    an aux:pass, nsubj:pass or von/by obl:agent from the parser ('Posted by …', 'as conceived by …'), or
    sein + participle labelled aux:pass (Zustandspassiv)."""
    toks = s.tokens
    labelled = (
        any(toks[a].dep == "aux:pass" for a in c.auxiliaries)
        or (c.subject is not None and toks[c.subject].dep == "nsubj:pass")
        or (c.agent is not None and s.lex.has(_preposition(s, c.agent, kids) or "", "agent"))
    )
    by_aux = s.form(c.predicate) == "part" and any(
        s.lex.has(toks[a].lemma or toks[a].text, "passive") and toks[a].dep != "cop" for a in c.auxiliaries
    )
    if s.lex.language == "en" and by_aux:
        # 'has been arrested' is passive, 'has arrested' is not: a be/get form must stand among the auxiliaries
        by_aux = any((toks[a].lemma or "").lower() in ("be", "get") for a in c.auxiliaries)
    if (
        c.kind == "attr"
        and s.form(c.predicate) in ("part", "")
        and not s.tokens[c.predicate].text.lower().rstrip("emnrs").endswith("end")
    ):
        by_aux = True
    if s.form(c.predicate) in ("inf", "izu", "ger"):
        labelled = by_aux = False  # 'werden … verlassen' with an infinitive is the future, never a passive
    if (labelled or by_aux) and c.voice != "passive":
        c.voice = "passive"
        return True
    return False


def passive_agent(s: Sentence, h: int, c: Clause, clauses: dict, kids: dict) -> bool:
    """In a passive, the first oblique with von/durch (by) is the agent; an active clause has none, and an
    agent needs an agent preposition. Attribution (laut, zufolge, according to) and place phrases never
    count. (UD German labels durch-phrases obl, never obl:agent: `case_marker(doc, clause.agent)` tells
    a durch-agent, often a cause, from a von-agent.)
    """
    if c.agent is not None:
        prep = _preposition(s, c.agent, kids) or ""
        if c.voice == "active" or not s.lex.has(prep, "agent"):  # 'für' labelled obl:agent
            c.obliques.append((prep, c.agent))
            c.agent = None
            return True
    if c.voice != "passive" or c.agent is not None:
        return False
    for prep, arg in c.obliques:
        if s.lex.has(prep, "agent") and not _range_start(s, arg, c, kids):
            c.agent = arg
            c.obliques.remove((prep, arg))
            return True
    return False


def _range_start(s: Sentence, arg: int, c: Clause, kids: dict) -> bool:
    """'von April bis Juni', 'von 930 auf 430 Millionen': a von-phrase that opens a range is no agent."""
    toks = s.tokens
    later = [p for p, a in c.obliques if a > arg] + [
        (toks[k].lemma or toks[k].text).lower()
        for i in kids.get(arg, ())
        for k in (i, *kids.get(i, ()))
        if k > arg
    ]
    if any(s.lex.has(w, "range") for w in later):
        return True
    number = any(toks[k].tag in ("CARD", "CRD") for k in (arg, *kids.get(arg, ())))
    return number and any(s.lex.has(w, "range_number") for w in later)


def attribute_subject(s: Sentence, h: int, c: Clause, clauses: dict, kids: dict) -> bool:
    """A participial attribute's noun is its subject: the patient of 'der vom Westen unterstützte Sturz',
    the agent of 'der angreifende Soldat'."""
    if c.kind != "attr" or c.subject is not None or c.antecedent is None:
        return False
    c.subject = c.antecedent
    return True


def shared_subject(s: Sentence, h: int, c: Clause, clauses: dict, kids: dict) -> bool:
    """A coordinated predicate without a subject shares its first conjunct's ('nahm ihn fest und verhörte ihn')."""
    toks = s.tokens
    if c.subject is not None or toks[h].dep != "conj" or toks[h].head not in clauses:
        return False
    first = clauses[toks[h].head]
    if first.subject is None or c.kind not in ("main", "sub", "inf"):
        return False
    c.subject = first.subject
    if not c.auxiliaries and first.voice == "passive" and s.form(c.predicate) == "part":
        c.voice = "passive"
    return True


def negation_scope(s: Sentence, h: int, c: Clause, clauses: dict, kids: dict) -> bool:
    """Negation of the clause: a negating word on the verb or an auxiliary ('hat … nicht bestätigt'),
    a negating determiner or pronoun as argument ('keinen Kandidaten', 'Niemand'), a clause-negating adverb
    the parser hung on an argument ('haben der Ukraine nie Raketen geliefert'), or 'ohne … zu' /
    'without'; 'nicht nur' / 'not only' negates nothing."""
    toks = s.tokens
    if c.negation is not None and _undone(s, c.negation):
        c.negation = None
        return True
    if c.negation is not None:
        return False
    for a in c.auxiliaries:
        for k in kids.get(a, ()):
            if s.lex.has(toks[k].lemma or toks[k].text, "negation") and not _undone(s, k):
                c.negation = k
                return True
    args = [x for x in (c.subject, c.indirect_object, *c.objects) if x is not None]
    for x in args:
        if s.lex.has(toks[x].lemma or toks[x].text, "negpron"):
            c.negation = x
            return True
        for k in kids.get(x, ()):
            if (base(toks[k].dep) == "det" and _negdet(s, k)) or (
                toks[k].dep == "advmod" and s.lex.has(toks[k].lemma or toks[k].text, "negadv")
            ):
                c.negation = k
                return True
    if c.mark and s.lex.has(c.mark, "negmark"):
        c.negation = next(
            k
            for k in kids.get(h, ())
            if toks[k].dep == "mark" and s.lex.has(toks[k].lemma or toks[k].text, "negmark")
        )
        return True
    return False


def _negdet(s: Sentence, k: int) -> bool:
    t = s.tokens[k]
    return (
        s.lex.has(t.lemma or t.text, "negdet")
        or s.lex.has(t.text, "negdet")
        or (s.lex.language == "de" and t.text.lower().startswith("kein"))
    )


def _undone(s: Sentence, k: int) -> bool:
    """'nicht nur', 'not only': the next word undoes the negation."""
    nxt = k + 1
    return nxt < s.hi and s.lex.has(s.tokens[nxt].text, "unneg")


def konjunktiv(s: Sentence, h: int, c: Clause, clauses: dict, kids: dict) -> bool:
    """German mood of the finite verb: Konjunktiv II by form (wäre, hätte, würde, könnte), Konjunktiv I by
    form (sei, habe, könne) or by the ending -e of a finite full verb with a third-person subject ('er komme')."""
    if s.lex.language != "de":
        return False
    toks = s.tokens
    finite = [a for a in (*c.auxiliaries, c.predicate) if s.form(a) == "fin"]
    if not finite:
        return False
    word = toks[finite[0]].text.lower()
    if s.lex.has(word, "konj2"):
        c.mood = "konj2"
    elif s.lex.has(word, "konj1") or (
        toks[finite[0]].tag == "VV(FIN)"
        and word.endswith("e")
        and not word.endswith("te")
        and (c.subject is None or toks[c.subject].text.lower() != "ich")
    ):
        c.mood = "konj1"
    return c.mood != "ind"


CLAUSE_RULES = (
    infinitive_subject,
    particle_lemma,
    modal_and_future,
    attribute_subject,
    shared_subject,
    passive_voice,
    passive_agent,
    negation_scope,
    konjunktiv,
)


def describe(tokens: list[Token], c: Clause) -> str:
    """One line for --explain: 'zurückweisen [main, active] subj=Peskow obj=Vorwürfe' (argument heads)."""

    def w(i: int | None) -> str:
        return tokens[i].text if i is not None else "-"

    parts = [f"{c.lemma} [{c.kind}, {c.voice}" + (f", {c.mood}" if c.mood != "ind" else "") + "]"]
    if c.modal or c.future:
        parts.append(f"modal={c.modal or 'future'}")
    if c.negation is not None:
        parts.append(f"neg={w(c.negation)}")
    for name, i in (("subj", c.subject), ("iobj", c.indirect_object), ("agent", c.agent)):
        if i is not None:
            parts.append(f"{name}={w(i)}")
    parts += [f"obj={w(o)}" for o in c.objects]
    parts += [f"{p or 'obl'}:{w(a)}" for p, a in c.obliques]
    parts += [f"comp={w(x)}" for x in c.complements]
    return " ".join(parts)
