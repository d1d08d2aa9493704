"""Rules that repair the parser's tree where the language marks the answer explicitly.

Each rule is a small named function over one parsed sentence; it changes `head`/`dep` on the tokens and
returns how often it fired. They run in `REPAIRS` order after the parser (see `repair_sentence`), and
their names go into `Clause.rules` of the clauses they touched (via `Sentence.fired`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..records import Token
from .lexicon import Lexicon
from .tree import base, children_of

# Determiner stems that inflect like 'ein' / 'dieser' (German): the case comes from the ending.
_DET_STEMS = (
    "kein",
    "mein",
    "dein",
    "sein",
    "ihr",
    "unser",
    "euer",
    "eur",
    "dies",
    "jen",
    "jed",
    "welch",
    "manch",
    "solch",
    "all",
)
_ENDING_CASES = (
    ("em", frozenset({"dat"})),
    ("en", frozenset({"acc", "dat"})),
    ("es", frozenset({"nom", "acc", "gen"})),
    ("er", frozenset({"nom", "dat", "gen"})),
    ("e", frozenset({"nom", "acc"})),
    ("", frozenset({"nom", "acc"})),
)
NOMINAL_ARGS = frozenset({"nsubj", "obj", "iobj", "obl"})


@dataclass
class Sentence:
    """One parsed sentence: its tokens [lo, hi) in the doc, the lexicon, and the rules that fired."""

    tokens: list[Token]
    lo: int
    hi: int
    lex: Lexicon
    fired: dict[int, list[str]] = field(default_factory=dict)  # token -> rules that changed it
    _kids: dict[int, list[int]] | None = None

    def kids(self) -> dict[int, list[int]]:
        """Head -> dependents; cached until a rule moves a head (`moved`)."""
        if self._kids is None:
            self._kids = children_of(self.tokens, self.lo, self.hi)
        return self._kids

    def moved(self) -> None:
        self._kids = None

    def mark(self, i: int, rule: str) -> None:
        self.fired.setdefault(i, []).append(rule)

    def form(self, i: int) -> str:
        return self.lex.verb_form(self.tokens[i].tag)


def nominal_case(s: Sentence, n: int, kids: dict[int, list[int]]) -> frozenset[str] | None:
    """The cases a German nominal can be in, from its pronoun form, determiner or strong adjective ending."""
    t = s.tokens[n]
    word = t.text.lower()
    if s.lex.tag_class(t.tag) in ("pron", "rel"):
        return s.lex.cases.get(word)
    for c in kids.get(n, ()):
        d = s.tokens[c]
        if base(d.dep) == "det":
            return determiner_case(s.lex, d.text.lower())
    for c in kids.get(n, ()):
        d = s.tokens[c]
        if d.dep == "amod" and d.text.lower().endswith("em"):
            return frozenset({"dat"})
    return None


def determiner_case(lex: Lexicon, word: str) -> frozenset[str] | None:
    """Cases of a German determiner form: the article table, else the ending of an ein-/dieser-word."""
    if word in lex.cases:
        return lex.cases[word]
    for stem in _DET_STEMS:
        if word.startswith(stem):
            ending = word[len(stem) :]
            for suffix, cases in _ENDING_CASES:
                if ending == suffix:
                    return cases
    return None


def attach_particle(s: Sentence) -> int:
    """A separable particle (PTKVZ) belongs to the finite verb before it: 'wies … zurück'."""
    n = 0
    toks = s.tokens
    for i in range(s.lo, s.hi):
        if s.lex.tag_class(toks[i].tag) != "particle" or s.lex.language != "de":
            continue
        head = toks[i].head
        if toks[i].dep == "compound:prt" and s.form(head) == "fin":
            continue
        verb = next((j for j in range(i - 1, s.lo - 1, -1) if s.form(j) == "fin"), None)
        if verb is None or (verb == head and toks[i].dep == "compound:prt"):
            continue
        toks[i].head, toks[i].dep = verb, "compound:prt"
        s.moved()
        s.mark(verb, "attach_particle")
        n += 1
    return n


def fold_auxiliary_head(s: Sentence) -> int:
    """A modal or auxiliary that heads the infinitive or participle it governs becomes its auxiliary.

    UD makes the content verb the head ('will … unterstützen': unterstützen <-aux- will); when the parser
    has the modal on top with the infinitive as a complement, the two are swapped and the modal's other
    dependents (subject, negation, adverbs) move to the infinitive.
    """
    n = 0
    toks = s.tokens
    for m in range(s.lo, s.hi):
        if not toks[m].tag.startswith(("VM", "VA")) and not s.lex.has(toks[m].lemma, "modal"):
            continue
        if base(toks[m].dep) in ("aux", "cop"):
            continue
        kids = s.kids()
        v = next((c for c in kids.get(m, ()) if _governed_verb(s, m, c, kids)), None)
        if v is None:
            continue
        _swap_head(s, m, v, kids)
        s.moved()
        pas = s.lex.has(toks[m].lemma, "passive") and s.form(v) == "part"
        toks[m].dep = "aux:pass" if pas else "aux"
        s.mark(v, "fold_auxiliary_head")
        n += 1
    return n


_CLAUSE_LEVEL = frozenset(
    {"nsubj", "obj", "iobj", "obl", "punct", "mark", "advmod", "aux", "expl", "ccomp", "xcomp", "advcl", "cc"}
)


def auxiliary_without_verb(s: Sentence) -> int:
    """An auxiliary whose head is no verb is the clause's main verb ('man habe keine Kenntnis davon' with
    'davon' on top): it takes its head's place, and the clause-level dependents move to it. German only:
    on EWT dev it costs English more than it gains (the English parser gets these right)."""
    if s.lex.language != "de":
        return 0
    toks, n = s.tokens, 0
    for a in range(s.lo, s.hi):
        h = toks[a].head
        if toks[a].dep != "aux" or h == a or s.form(h) or not s.form(a):
            continue
        kids = s.kids()
        if any(toks[c].dep == "cop" for c in kids.get(h, ())) or any(
            s.form(c) for c in kids.get(h, ()) if c != a
        ):
            continue
        toks[a].head = a if toks[h].head == h else toks[h].head
        toks[a].dep = toks[h].dep
        for c in kids.get(h, ()):
            if c != a and base(toks[c].dep) in _CLAUSE_LEVEL:
                toks[c].head = a
        toks[h].head = a
        toks[h].dep = "obj" if s.lex.tag_class(toks[h].tag) == "noun" else "advmod"
        s.moved()
        s.mark(a, "auxiliary_without_verb")
        n += 1
    return n


def _governed_verb(s: Sentence, m: int, c: int, kids: dict[int, list[int]]) -> bool:
    """`c` is a bare infinitive or participle complement of auxiliary/modal `m` (no zu, no subordinator)."""
    toks = s.tokens
    if toks[c].dep not in ("xcomp", "ccomp", "obj", "dep") or s.form(c) not in ("inf", "part"):
        return False
    if any(base(toks[k].dep) in ("mark", "nsubj") for k in kids.get(c, ())):
        return False
    lemma = toks[m].lemma.lower()
    if s.form(c) == "part":
        return lemma in ("haben", "sein", "werden", "have", "be", "get")
    return s.lex.has(lemma, "modal") or s.lex.has(lemma, "future") or lemma in ("do",)


def _swap_head(s: Sentence, old: int, new: int, kids: dict[int, list[int]]) -> None:
    toks = s.tokens
    head, dep = toks[old].head, toks[old].dep
    toks[new].head = new if head == old else head
    toks[new].dep = dep
    toks[old].head = new
    for c in kids.get(old, ()):
        if c != new:
            toks[c].head = new


def case_swap(s: Sentence) -> int:
    """German: a subject whose determiner or pronoun cannot be nominative trades places with the object.

    'Den Vorwurf wies Peskow zurück': 'den' is accusative or dative, so 'Vorwurf' is not the subject.
    """
    if s.lex.language != "de":
        return 0
    toks, kids, n = s.tokens, s.kids(), 0
    for h, deps in kids.items():
        subj = [c for c in deps if toks[c].dep == "nsubj"]
        objs = [c for c in deps if toks[c].dep == "obj"]
        if len(subj) != 1 or not objs:
            continue
        sc = nominal_case(s, subj[0], kids)
        if sc is None or "nom" in sc:
            continue
        swap = next((o for o in objs if "nom" in (nominal_case(s, o, kids) or {"nom"})), None)
        if swap is None:
            continue
        toks[subj[0]].dep, toks[swap].dep = "obj", "nsubj"
        s.mark(h, "case_swap")
        n += 1
    return n


def dative_object(s: Sentence) -> int:
    """German: an object with no preposition whose determiner or pronoun is dative only is the indirect object.

    'Der Minister dankte dem Botschafter': 'dem' -> iobj. (UD German labels these obj or obl:arg.)
    """
    if s.lex.language != "de":
        return 0
    toks, kids, n = s.tokens, s.kids(), 0
    for h, deps in kids.items():
        if s.form(h) == "" and s.lex.tag_class(toks[h].tag) != "attr":
            continue
        for c in deps:
            if toks[c].dep not in ("obj", "obl:arg", "obl"):
                continue
            if any(toks[k].dep == "case" for k in kids.get(c, ())):
                continue
            if nominal_case(s, c, kids) == frozenset({"dat"}):
                toks[c].dep = "iobj"
                s.mark(h, "dative_object")
                n += 1
    return n


def adposition_not_core(s: Sentence) -> int:
    """A nominal with its own adposition is an oblique, never subject or object ('US-Informationen zufolge',
    'according to officials'). German only (neutral to negative on EWT dev)."""
    if s.lex.language != "de":
        return 0
    toks, kids, n = s.tokens, s.kids(), 0
    for i in range(s.lo, s.hi):
        if base(toks[i].dep) not in ("nsubj", "obj", "iobj"):
            continue
        if any(toks[c].dep == "case" and toks[c].text not in ("'s", "'") for c in kids.get(i, ())):
            toks[i].dep = "obl"
            s.mark(toks[i].head, "adposition_not_core")
            n += 1
    return n


def perfect_not_passive(s: Sentence) -> int:
    """German: a participle with 'haben' and no 'werden' is the perfect, not a passive ('eingesetzt haben')."""
    if s.lex.language != "de":
        return 0
    toks, kids, n = s.tokens, s.kids(), 0
    for h, deps in kids.items():
        if s.form(h) != "part":
            continue
        auxes = [c for c in deps if base(toks[c].dep) == "aux"]
        lemmas = {(toks[a].lemma or "").lower() for a in auxes}
        if "haben" not in lemmas or "werden" in lemmas:
            continue
        for c in deps:
            if toks[c].dep in ("nsubj:pass", "aux:pass"):
                toks[c].dep = toks[c].dep.split(":")[0]
                s.mark(h, "perfect_not_passive")
                n += 1
    return n


def double_subject(s: Sentence) -> int:
    """A predicate has one subject: of two, the one that must be nominative (German) or stands before the
    verb (English) stays, the other becomes the object ('Peskow wies die Vorwürfe zurück' with both as nsubj).
    German only: on EWT dev the English objects lose more precision than the subjects gain."""
    if s.lex.language != "de":
        return 0
    toks, kids, n = s.tokens, s.kids(), 0
    for h, deps in kids.items():
        subj = [c for c in deps if base(toks[c].dep) == "nsubj"]
        if len(subj) < 2:
            continue
        keep = _preferred_subject(s, h, subj, kids)
        for c in subj:
            if c != keep:
                toks[c].dep = "obj"
                s.mark(h, "double_subject")
                n += 1
    return n


def _preferred_subject(s: Sentence, h: int, subj: list[int], kids: dict[int, list[int]]) -> int:
    if s.lex.language == "de":
        cases = {c: nominal_case(s, c, kids) for c in subj}
        sure = [c for c in subj if cases[c] == frozenset({"nom"})]
        maybe = [c for c in subj if cases[c] is None or "nom" in cases[c]]
        return (sure or maybe or subj)[0]
    before = [c for c in subj if c < h]
    return (before or subj)[-1 if before else 0]


def missing_subject(s: Sentence) -> int:
    """German: a finite clause with an object that may be nominative and no subject has that object as its
    subject ('Da kann eine Bestellung schon mal untergehen'; in a passive: 'wurde das Update gebrannt')."""
    if s.lex.language != "de":
        return 0
    toks, kids, n = s.tokens, s.kids(), 0
    for h, deps in kids.items():
        if not s.form(h) or any(base(toks[c].dep) in ("nsubj", "csubj", "expl") for c in deps):
            continue
        finite = s.form(h) == "fin" or any(base(toks[c].dep) == "aux" and s.form(c) == "fin" for c in deps)
        objs = [c for c in deps if toks[c].dep == "obj"]
        if not finite or len(objs) != 1 or s.lex.tag_class(toks[objs[0]].tag) == "rel":
            continue
        case = nominal_case(s, objs[0], kids)
        if (case is None and s.lex.tag_class(toks[objs[0]].tag) != "noun") or (
            case is not None and "nom" not in case
        ):
            continue
        passive = any(toks[c].dep == "aux:pass" for c in deps)
        toks[objs[0]].dep = "nsubj:pass" if passive else "nsubj"
        s.mark(h, "missing_subject")
        n += 1
    return n


def zu_infinitive_complement(s: Sentence) -> int:
    """German: a bare zu-infinitive clause (no um/ohne/statt) is a complement, not an adverbial clause:
    'hat sich bereit erklärt, mit der Opposition zu verhandeln', 'droht zu scheitern'."""
    if s.lex.language != "de":
        return 0
    toks, kids, n = s.tokens, s.kids(), 0
    for i in range(s.lo, s.hi):
        if toks[i].dep != "advcl" or s.form(i) not in ("inf", "izu"):
            continue
        marks = [c for c in kids.get(i, ()) if base(toks[c].dep) == "mark"]
        zu = s.form(i) == "izu" or any(s.lex.tag_class(toks[c].tag) == "zu" for c in marks)
        if zu and all(s.lex.tag_class(toks[c].tag) == "zu" for c in marks):
            toks[i].dep = "xcomp"
            s.mark(toks[i].head, "zu_infinitive_complement")
            n += 1
    return n


REPAIRS: tuple[Callable[[Sentence], int], ...] = (
    attach_particle,
    fold_auxiliary_head,
    auxiliary_without_verb,
    adposition_not_core,
    zu_infinitive_complement,
    perfect_not_passive,
    case_swap,
    double_subject,
    missing_subject,
    dative_object,
)


def repair_sentence(s: Sentence) -> dict[str, int]:
    """Run every repair rule in order; how often each fired."""
    return {rule.__name__: rule(s) for rule in REPAIRS}
