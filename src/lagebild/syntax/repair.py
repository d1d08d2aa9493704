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


DATELINE_MAX = 8  # tokens before the dash of a dateline: 'Berlin (Reuters) -', 'NEW YORK, 3. Mai (dpa) -'


def dateline(s: Sentence) -> int:
    """A dateline that opens the sentence ('Berlin (Reuters) - Der Verband hat …') is no part of the
    clause: its tokens hang on the first one, which hangs on the root as `dep` (no subject, no object)."""
    toks = s.tokens
    if s.hi - s.lo < 4 or s.lex.tag_class(toks[s.lo].tag) != "noun":
        return 0
    dash = next(
        (k for k in range(s.lo + 1, min(s.hi, s.lo + DATELINE_MAX)) if toks[k].text in ("-", "–", "—")), None
    )
    if dash is None or dash + 1 >= s.hi or any(s.form(k) for k in range(s.lo, dash)):
        return 0
    root = next((k for k in range(s.lo, s.hi) if toks[k].head == k), None)
    if root is None or root <= dash:
        return 0
    toks[s.lo].head, toks[s.lo].dep = root, "dep"
    for k in range(s.lo + 1, dash + 1):
        if toks[k].head < s.lo or toks[k].head > dash or toks[k].head == k:
            toks[k].head = s.lo
    for k in range(dash + 1, s.hi):  # nothing after the dash hangs on the dateline
        if s.lo <= toks[k].head <= dash:
            toks[k].head = root
    s.moved()
    s.mark(root, "dateline")
    return 1


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
    """German: an object with no preposition whose determiner or pronoun is dative only is the indirect object,
    and so is the one object of a dative verb that may be dative ('drohte den USA', 'half Mali').

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
            case = nominal_case(s, c, kids)
            if case == frozenset({"dat"}) or (_dative_verb(s, h, deps) and (case is None or "dat" in case)):
                toks[c].dep = "iobj"
                s.mark(h, "dative_object")
                n += 1
    return n


def _dative_verb(s: Sentence, h: int, deps: list[int]) -> bool:
    """A verb whose one nominal object is a dative ('drohte Belarus mit Sanktionen', 'warf Peking vor, …')."""
    toks = s.tokens
    particle = "".join(toks[c].text.lower() for c in deps if toks[c].dep == "compound:prt")
    lemma = particle + toks[h].lemma.lower()
    return s.lex.has(lemma, "dative") and sum(toks[c].dep == "obj" for c in deps) == 1


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


def subject_of_auxiliary(s: Sentence) -> int:
    """German: a subject hung on an auxiliary belongs to the auxiliary's verb ('Belarus hat keine Soldaten
    entsandt' with 'Belarus' under 'hat'); `double_subject` then decides between it and the verb's own."""
    if s.lex.language != "de":
        return 0
    toks, n = s.tokens, 0
    for c in range(s.lo, s.hi):
        a = toks[c].head
        if base(toks[c].dep) == "nsubj" and a != c and base(toks[a].dep) == "aux" and toks[a].head != a:
            toks[c].head = toks[a].head
            s.moved()
            s.mark(toks[a].head, "subject_of_auxiliary")
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


# ---- English: the small EWT parser's frequent slips on news sentences -------------------------------

# Labels the English parser gives a finite full verb it did not take as the predicate ("Qatar expressed
# optimism": expressed <-amod- optimism).
_VERB_AS_MODIFIER = frozenset({"amod", "compound", "acl", "nmod", "appos", "dep", "nsubj", "obj"})


def _lexical_finite(s: Sentence, i: int) -> bool:
    """A finite full verb (CLAWS VVD/VVZ/VVB), not an auxiliary or modal."""
    return s.form(i) == "fin" and s.tokens[i].tag.startswith("VV")


def _nominal(s: Sentence, i: int) -> bool:
    return s.lex.tag_class(s.tokens[i].tag) in ("noun", "pron")


def _namelike(s: Sentence, i: int) -> bool:
    """A nominal, or a capitalised word the tagger read as an adjective ('Blinken flew home')."""
    t = s.tokens[i]
    return _nominal(s, i) or (s.lex.tag_class(t.tag) == "attr" and t.text[:1].isupper() and i > s.lo)


def finite_verb_as_root(s: Sentence) -> int:
    """English: a sentence whose root is a noun without a copula, with a finite full verb hung on it as a
    modifier ('Qatar expressed optimism', 'Police fired tear gas at protesters', 'A general strike
    paralysed the country'): the verb is the root, the noun phrase before it its subject and the old root,
    when after the verb, its object."""
    if s.lex.language != "en":
        return 0
    toks = s.tokens
    root = next((i for i in range(s.lo, s.hi) if toks[i].head == i), None)
    if root is None or s.form(root) or any(toks[k].dep == "cop" for k in s.kids().get(root, ())):
        return 0
    v = next((i for i in range(s.lo, s.hi) if _lexical_finite(s, i)), None)
    if v is None or toks[v].dep not in _VERB_AS_MODIFIER:
        return 0
    left = [i for i in range(s.lo, v) if _nominal(s, i) and i != root]
    bare_root = root < v and not _has_case(s, root)  # "A general strike paralysed …", not "After the …"
    subj = root if bare_root else _phrase_head(s, left, v)
    if subj is None:
        return 0
    _restructure(s, v, root, subj)
    s.moved()
    s.mark(v, "finite_verb_as_root")
    return 1


def _has_case(s: Sentence, i: int) -> bool:
    return any(s.tokens[k].dep == "case" and s.tokens[k].head == i for k in range(s.lo, s.hi))


def _phrase_head(s: Sentence, left: list[int], v: int) -> int | None:
    """The head of the noun phrase right before the verb: its last nominal outside a prepositional phrase."""
    toks = s.tokens
    for i in reversed(left):
        if not any(toks[k].dep == "case" and toks[k].head == i for k in range(s.lo, v)):
            return i
    return None


def _restructure(s: Sentence, v: int, root: int, subj: int) -> None:
    toks = s.tokens
    toks[v].head, toks[v].dep = v, "root"
    if root != subj:
        toks[root].head, toks[root].dep = v, "obl" if _has_case(s, root) else "obj"
    for i in range(s.lo, v):
        t = toks[i]
        if i == subj or t.head < v:  # only what the parser hung on the verb or beyond
            continue
        if t.dep == "case":
            t.head = next((k for k in range(i + 1, v) if _nominal(s, k)), subj)
        elif t.head == v and i > subj:
            t.head, t.dep = subj, "nmod"
        else:
            t.head = subj
    toks[subj].head, toks[subj].dep = v, "nsubj"
    for i in range(v + 1, s.hi):
        if toks[i].head < v or (toks[i].dep == "punct" and i == s.hi - 1):
            toks[i].head = v


def finite_verb_not_auxiliary(s: Sentence) -> int:
    """English: a finite full verb labelled auxiliary of a gerund or infinitive ('Moscow denied sending
    troops') governs it: the verb takes its place and the gerund becomes its complement."""
    if s.lex.language != "en":
        return 0
    toks, n = s.tokens, 0
    for a in range(s.lo, s.hi):
        h = toks[a].head
        if toks[a].dep != "aux" or not _lexical_finite(s, a) or s.form(h) not in ("ger", "inf", "part"):
            continue
        kids = s.kids()
        toks[a].head = a if toks[h].head == h else toks[h].head
        toks[a].dep = toks[h].dep
        for c in kids.get(h, ()):
            if c != a and (c < a or (toks[c].dep == "punct" and c == s.hi - 1)):
                toks[c].head = a
        toks[h].head, toks[h].dep = a, "xcomp"
        s.moved()
        s.mark(a, "finite_verb_not_auxiliary")
        n += 1
    return n


def subject_before_verb(s: Sentence) -> int:
    """English: a finite full verb without a subject whose noun before it the parser labelled a modifier
    ('The US brokered a ceasefire': US <-compound- brokered; 'Blinken flew home'): that noun is the subject."""
    if s.lex.language != "en":
        return 0
    toks, n = s.tokens, 0
    kids = s.kids()
    for v in range(s.lo, s.hi):
        deps = kids.get(v, ())
        if not _lexical_finite(s, v) or any(base(toks[c].dep) in ("nsubj", "csubj", "expl") for c in deps):
            continue
        cand = [c for c in deps if c < v and _namelike(s, c) and toks[c].dep in ("compound", "amod", "nmod")]
        if not cand or any(toks[k].dep == "case" for k in kids.get(cand[-1], ())):
            continue
        subj = cand[-1]
        toks[subj].dep = "nsubj"
        for c in deps:
            if c < subj and toks[c].dep in ("det", "compound", "amod", "nmod:poss"):
                toks[c].head = subj
        s.moved()
        s.mark(v, "subject_before_verb")
        n += 1
    return n


def copula_participle_passive(s: Sentence) -> int:
    """English: 'be' labelled copula of a verb-tagged past participle with a by-agent is the passive
    auxiliary ('Kharkiv was shelled by Russian forces')."""
    if s.lex.language != "en":
        return 0
    toks, n = s.tokens, 0
    kids = s.kids()
    for i in range(s.lo, s.hi):
        h = toks[i].head
        if toks[i].dep != "cop" or (toks[i].lemma or "").lower() != "be" or s.form(h) != "part":
            continue
        if not any(_by_agent(s, c) for c in kids.get(h, ())):
            continue  # "the border was closed" may be a state; "was shelled by …" is an act
        toks[i].dep = "aux:pass"
        for c in kids.get(h, ()):
            if toks[c].dep == "nsubj":
                toks[c].dep = "nsubj:pass"
        s.mark(h, "copula_participle_passive")
        n += 1
    return n


def _by_agent(s: Sentence, c: int) -> bool:
    t = s.tokens[c]
    return t.dep == "obl:agent" or (base(t.dep) == "obl" and s.lex.has(_case_word(s, c), "agent"))


def _case_word(s: Sentence, n: int) -> str:
    k = next((k for k in range(s.lo, s.hi) if s.tokens[k].head == n and s.tokens[k].dep == "case"), None)
    return "" if k is None else (s.tokens[k].lemma or s.tokens[k].text).lower()


def _object_of_verb(s: Sentence, h: int) -> bool:
    return base(s.tokens[h].dep) in ("obj", "obl") and bool(s.form(s.tokens[h].head))


def to_infinitive_complement(s: Sentence) -> int:
    """English: a to-infinitive hung on the verb as an adverbial clause or on its object as a noun clause is
    the verb's complement: 'urged Muslim countries to cut ties' (object control), 'called on Iran to
    release', 'signalled readiness to meet', 'sent troops to help Russia'; so is a bare gerund on the
    verb or an of-gerund on its object ('ruled out sending troops', 'accused Tehran of supplying drones')."""
    if s.lex.language != "en":
        return 0
    toks, n = s.tokens, 0
    kids = s.kids()
    for i in range(s.lo, s.hi):
        dep, h = toks[i].dep, toks[i].head
        if dep not in ("advcl", "acl") or not _complement_form(s, i, kids):
            continue
        if dep == "acl":
            if not _object_of_verb(s, h):
                continue
            toks[i].head = toks[h].head
        elif not s.form(h):
            continue
        toks[i].dep = "xcomp"
        s.moved()
        s.mark(toks[i].head, "to_infinitive_complement")
        n += 1
    return n


def _complement_form(s: Sentence, i: int, kids: dict[int, list[int]]) -> bool:
    """A to-infinitive (its only mark 'to'), a bare gerund on a verb, or a gerund with 'of' on a noun."""
    toks = s.tokens
    marks = [(toks[c].lemma or toks[c].text).lower() for c in kids.get(i, ()) if base(toks[c].dep) == "mark"]
    if s.form(i) == "inf":
        return marks == ["to"]
    if s.form(i) == "ger":
        return marks == (["of"] if toks[i].dep == "acl" else [])
    return False


def perfect_auxiliary_not_copula(s: Sentence) -> int:
    """German: a finite sein/haben that the parser made the copula of a noun which is itself an oblique of a
    past participle ('ist gestern Abend … zurückgetreten': Abend <-cop- ist, Abend -obl-> zurückgetreten)
    is the participle's perfect auxiliary; the noun's subject is the participle's."""
    if s.lex.language != "de":
        return 0
    toks, n = s.tokens, 0
    for a in range(s.lo, s.hi):
        h = toks[a].head
        if toks[a].dep != "cop" or s.form(a) != "fin" or h == a or base(toks[h].dep) != "obl":
            continue
        v = toks[h].head
        if v == h or s.form(v) != "part":
            continue
        kids = s.kids()
        toks[a].head, toks[a].dep = v, "aux"
        for c in kids.get(h, ()):
            if base(toks[c].dep) == "nsubj":
                toks[c].head = v
        s.moved()
        s.mark(v, "perfect_auxiliary_not_copula")
        n += 1
    return n


def reflexive_not_subject(s: Sentence) -> int:
    """German: the reflexive pronoun is never the subject ('In die Ermittlungen hat sich das BKA
    eingeschaltet' read with sich as nsubj or with two objects): it is the object, and a verb left without
    subject takes its other object when that can be nominative (article or pronoun form)."""
    if s.lex.language != "de":
        return 0
    toks, n = s.tokens, 0
    for r in range(s.lo, s.hi):
        if not s.lex.has(toks[r].text, "reflexive") or toks[r].dep not in ("nsubj", "obj"):
            continue
        v, kids = toks[r].head, s.kids()
        if toks[r].dep == "nsubj":
            toks[r].dep = "obj"
            n += 1
        if any(base(toks[c].dep) == "nsubj" for c in kids.get(v, ())):
            continue
        other = next(
            (c for c in kids.get(v, ()) if c != r and toks[c].dep == "obj" and _may_be_subject(s, c)), None
        )
        if other is not None:
            toks[other].dep = "nsubj"
            n += 1
        if n:
            s.moved()
            s.mark(v, "reflexive_not_subject")
    return n


def _may_be_subject(s: Sentence, c: int) -> bool:
    """A nominal whose article or pronoun form can be nominative ('das BKA', 'er'); a bare name too."""
    cases = nominal_case(s, c, s.kids())
    if cases is not None:
        return "nom" in cases
    return s.lex.tag_class(s.tokens[c].tag) == "noun" and s.tokens[c].tag == "NE"


def coordination_not_complement(s: Sentence) -> int:
    """German: 'X monieren Unregelmäßigkeiten, sprechen aber davon, dass …' is two coordinated main clauses
    sharing X, not a quotation ('…, sagte er'): a finite verb with its own subject that the parser made the
    clausal complement of a later finite verb right after a comma, when that later verb has no subject and
    the first is indicative, heads the sentence, with the later verb as its conjunct."""
    if s.lex.language != "de":
        return 0
    toks = s.tokens
    for v1 in range(s.lo, s.hi):
        v2 = toks[v1].head
        if toks[v1].dep != "ccomp" or v2 <= v1 or s.form(v1) != "fin" or s.form(v2) != "fin":
            continue
        if v2 - 1 < s.lo or toks[v2 - 1].text != "," or s.lex.has(toks[v1].text, "konj1"):
            continue
        kids = s.kids()
        if not any(toks[c].dep == "nsubj" for c in kids.get(v1, ())):
            continue
        if any(base(toks[c].dep) in ("nsubj", "expl") for c in kids.get(v2, ())):
            continue
        toks[v1].head = v1 if toks[v2].head == v2 else toks[v2].head
        toks[v1].dep = toks[v2].dep
        toks[v2].head, toks[v2].dep = v1, "conj"
        for c in kids.get(v2, ()):
            if toks[c].dep == "punct" and c == v2 - 1:
                toks[c].head = v2
        s.moved()
        s.mark(v1, "coordination_not_complement")
        return 1
    return 0


REPAIRS: tuple[Callable[[Sentence], int], ...] = (
    dateline,
    attach_particle,
    perfect_auxiliary_not_copula,
    coordination_not_complement,
    finite_verb_as_root,
    finite_verb_not_auxiliary,
    subject_before_verb,
    copula_participle_passive,
    fold_auxiliary_head,
    auxiliary_without_verb,
    adposition_not_core,
    zu_infinitive_complement,
    to_infinitive_complement,
    perfect_not_passive,
    case_swap,
    subject_of_auxiliary,
    double_subject,
    missing_subject,
    dative_object,
    reflexive_not_subject,
)


def repair_sentence(s: Sentence) -> dict[str, int]:
    """Run every repair rule in order; how often each fired."""
    return {rule.__name__: rule(s) for rule in REPAIRS}
