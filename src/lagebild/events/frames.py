"""Triggers and their frames: which pattern a clause's predicate or event noun matches, and which of
its arguments are the event's source and target.

A verb's frame reads the clause view: the subject is the source and the object the target in the
active voice; in the passive the agent (von/durch, by) is the source and the subject the target; a
pattern may take its target from a prepositional object (`>gegen`), the indirect object
(`tgt=iobj`) or name none (`tgt=none`), and may require conditions on the clause (`&`, `!`, `refl`)
and on the object (`obj=`, `obj:actor`). An event noun's frame reads the noun's dependents: its
genitive or possessive (the source, or the target with `gentarget`/`gen=tgt`), its prepositional
phrases (`>auf`, `>gegen`), an adjective or compound naming an actor ("russische Angriffe",
"US-Angriffe") as the source, and the subject of a support verb ("verhängte Sanktionen").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import time_words
from ..lang import get_language
from ..records import Doc, Mention
from ..syntax import Clause, case_marker, noun_dependents, phrase_span
from .arguments import Arguments, linked
from .candidates import verb_lemmas
from .lexicon import cues, lemma
from .patterns import Pattern, PatternIndex
from .reference import References


@dataclass
class Frame:
    """A matched trigger: its pattern, token, sides and the clause it stands in."""

    pattern: Pattern
    token: int
    clause: Clause
    kind: str  # "V" verb, "N" noun
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    between: list[Mention] = field(default_factory=list)  # "zwischen X und Y", "between X and Y"
    mediated: list[Mention] = field(default_factory=list)  # between-group of an infinitive: "zu vermitteln"
    used: set[int] = field(default_factory=set)  # tokens a condition consumed (a noun it made a verb event)


@dataclass
class Words:
    """The lemmas and forms of a clause's own tokens (compound heads of nouns included)."""

    indices: list[int]
    words: dict[str, int]  # word -> token index
    nouns: dict[str, int]  # noun lemma -> token index

    def find(self, wanted: frozenset[str], nouns_only: frozenset[str] = frozenset()) -> int:
        """Index of a token with one of the words (a noun ending in one, for long words), or -1."""
        for w in wanted:
            if w in self.words and (w not in nouns_only or w in self.nouns):
                return self.words[w]
        for w in wanted:
            if len(w) >= 5:
                for noun, i in self.nouns.items():
                    if _compound_of(noun, w, shortest=2):  # a condition word: "Öltanker" has a Tanker
                        return i
        return -1

    def without(self, i: int) -> Words:
        """The same words without token `i`."""
        keep = [k for k in self.indices if k != i]
        return Words(
            keep,
            {w: k for w, k in self.words.items() if k != i},
            {w: k for w, k in self.nouns.items() if k != i},
        )


class FrameReader:
    """Matches the patterns of one language against the clauses of one doc."""

    def __init__(
        self,
        doc: Doc,
        ix: PatternIndex,
        args: Arguments,
        refs: References,
        clause_tokens: dict[int, list[int]] | None = None,
    ) -> None:
        self.doc, self.ix, self.args, self.refs = doc, ix, args, refs
        self.by_predicate = {c.predicate: c for c in doc.clauses}
        self.open_subject = False  # set per clause: no verb event, so event nouns may take its subject
        self.clause_tokens = clause_tokens or {}
        self.tags = get_language(doc.language).tags
        self.ix_cues = cues(doc.language)
        self.time_words = time_words(doc.language)

    # ---------------------------------------------------------------- clause words
    def words(self, indices: list[int]) -> Words:
        toks = self.doc.tokens
        words: dict[str, int] = {}
        nouns: dict[str, int] = {}
        for i in indices:
            t = toks[i]
            for w in (lemma(t), t.text.lower()):
                words.setdefault(w, i)
            if t.tag in self.tags.noun or t.tag in self.tags.proper:
                nouns.setdefault(lemma(t), i)
                nouns.setdefault(t.text.lower(), i)
        return Words(indices, words, nouns)

    # ---------------------------------------------------------------- verbs
    def verb_frame(self, clause: Clause, words: Words) -> Frame | None:
        """The most specific verb pattern the clause's predicate matches, with its sides; conditions
        also see the clause's complements ("forderte Moskau auf, die Truppen abzuziehen")."""
        scope = words
        if clause.complements:
            more = [i for p in clause.complements for i in self.clause_tokens.get(p, [])]
            scope = self.words(words.indices + more)
        pats = self._verb_patterns(clause)
        for p in pats:
            used = self._conditions(p, clause, scope)
            if used is None:
                continue
            frame = Frame(p, clause.predicate, clause, "V", used=used)
            if not p.stop:
                self._verb_sides(frame)
            return frame
        return None

    def _verb_patterns(self, clause: Clause) -> list[Pattern]:
        """The predicate's patterns; when the verb with its particle has none, the conditioned patterns
        of the bare verb ("zeigte sich … bereit": the tagger reads "bereit" as a particle; English
        "broke off ties") that hold with that particle (`_bare_holds`)."""
        pats = self.ix.for_verb(clause.lemma.lower())
        word = self.doc.tokens[clause.predicate]
        bare = lemma(word)
        if not pats and bare != clause.lemma.lower():
            pats = [p for p in self.ix.for_verb(bare) if p.require and self._bare_holds(clause, p)]
        for cand in verb_lemmas(self.doc.language, word.text) if not pats else ():
            pats = self.ix.for_verb(cand)  # a form the tagger did not know: "blacklisted"
            if pats:
                break
        if clause.predicative is not None:  # "bereit sein", "verantwortlich sein": the predicative decides
            pats = self.ix.for_verb(lemma(self.doc.tokens[clause.predicative])) + pats
        return pats

    def _bare_holds(self, clause: Clause, p: Pattern) -> bool:
        """A pattern of the bare verb holds for a particle verb unless the particle makes a verb of its
        own ("ging auf X zu" is no "gehen") and the pattern does not ask for it."""
        if clause.particle is None:
            return True
        part = self.doc.tokens[clause.particle].text.lower()
        return part not in self.ix_cues.get("separable", frozenset()) or any(part in r for r in p.require)

    def _conditions(self, p: Pattern, clause: Clause, words: Words) -> set[int] | None:
        """The condition words' tokens if every condition of the pattern holds, else None."""
        if p.refl and not self._reflexive(clause, words):
            return None
        if p.after_verb and clause.voice == "active" and clause.subject is not None:
            words = words.without(clause.subject)
        if p.exclude and words.find(p.exclude, p.nouns) >= 0:
            return None
        used = set()
        for req in p.require:
            hit = words.find(req, p.nouns)
            if hit < 0:
                return None
            used.add(hit)
        if not self._object_conditions(p, clause):
            return None
        return used

    def _object_conditions(self, p: Pattern, clause: Clause) -> bool:
        """The pattern's frame conditions: the object's head (`obj=`), whether object and subject are
        actors (`obj:actor`, `subj:actor`), whether the verb governs a zu-infinitive (`zuinf`)."""
        fr = p.frame
        objects = self.objects(clause)
        if fr.obj and not any(_ends_in(lemma(self.doc.tokens[o]), fr.obj) for o in self._nominals(clause)):
            return False
        if fr.obj_actor is not None and any(self.args.is_actor(o) for o in objects) != fr.obj_actor:
            return False
        if (
            fr.subj_actor is not None
            and (clause.subject is not None and self.args.is_actor(clause.subject)) != fr.subj_actor
        ):
            return False
        return fr.zuinf is None or (clause.infinitive is not None) == fr.zuinf

    def _reflexive(self, clause: Clause, words: Words) -> bool:
        toks = self.doc.tokens
        return any(toks[i].tag in self.tags.refl for i in words.indices) or any(
            w in words.words for w in ("sich", "uns", "itself", "themselves")
        )

    def subject_sides(self, c: Clause) -> list[Mention]:
        """The clause's subject; an infinitive clause without one takes its governor's ("kündigte an,
        Nordkorea zu besuchen", "bot an, zu vermitteln"); a relative pronoun stands for the noun the
        relative clause describes ("Lukaschenko, der am Sonntag eintraf")."""
        if c.subject is None and c.kind == "inf" and c.governor is not None:
            gov = self.by_predicate.get(c.governor)
            if gov is not None and gov is not c:
                return self.subject_sides(gov)
        if c.subject is not None and c.antecedent is not None and self._relative(c.subject):
            return self._side_list(c.antecedent)
        said = self._governor_pronoun(c, c.subject if c.subject is not None else self._expletive(c))
        if said:
            return said
        return self._stranded(c) + self._side_list(c.subject)

    def _expletive(self, c: Clause) -> int | None:
        """'it' the parser labelled expletive of a copular clause ("said it was ready to resume talks")."""
        toks = self.doc.tokens
        head = c.predicative if c.predicative is not None else c.predicate
        lo, hi = self.doc.sent_tokens[toks[head].sent]
        return next((k for k in range(lo, hi) if toks[k].head == head and toks[k].dep == "expl"), None)

    def _governor_pronoun(self, c: Clause, subject: int | None) -> list[Mention]:
        """A pronoun subject of a subordinate clause stands for its governor's subject when that names an
        actor ("Scholz said he would meet Xi", "Moscow warned it would respond")."""
        if subject is None or c.kind != "sub" or c.governor is None or self.args.sides(subject):
            return []
        t = self.doc.tokens[subject]
        classes = self.refs.classes
        if t.text.lower() not in classes.get("person", frozenset()) | classes.get("any", frozenset()):
            return []
        gov = self.by_predicate.get(c.governor)
        if gov is None or gov is c or gov.voice != "active":
            return []
        named = [m for m in self.subject_sides(gov) if linked(m)]
        return [Mention(t.text, t.start, t.end, named[0].actor)] if len(named) == 1 else []

    def _stranded(self, c: Clause) -> list[Mention]:
        """'Israel und die Hamas einigten sich': a parse that makes the first subject the root and hangs
        the verb on it as a conjunct; that noun is a subject too."""
        toks = self.doc.tokens
        p = toks[c.predicate]
        if p.dep != "conj" or not 0 <= p.head < c.predicate or c.subject is None:
            return []
        head = toks[p.head]
        if (head.tag not in self.tags.proper and head.tag not in self.tags.noun) or head.head != p.head:
            return []
        return self.args.sides(p.head)

    def _relative(self, i: int) -> bool:
        return self.doc.tokens[i].tag in self.tags.rel

    def _verb_sides(self, f: Frame) -> None:
        p, c = f.pattern, f.clause
        passive = c.voice == "passive"
        subject = self.subject_sides(c)
        if p.rev:
            f.sources, f.targets = self._prep_sides(c, p.preps), subject
            return
        f.sources = self.args.sides(self._agent(c)) if passive else subject
        if passive and not subject and c.subject is not None:  # "Die Forderungen Berningers wurden
            subject = self._genitive_sides(c.subject)  # von Stolpe kritisiert": Berninger is criticised
        f.targets = self._verb_targets(p, c, subject if passive else []) or self._host(p, c)
        if len(f.sources) >= 2 and self._reciprocal(c):  # "accused each other": both ways
            f.targets = list(f.sources)
        if p.refl and p.preps and not self._prep_sides(c, p.preps):
            f.sources = []  # "sich hinter X stellen" is support only with its X ("sich stellen" is not)
            f.targets = []
        f.between = self._between(c)
        inner = [self.by_predicate[q] for q in c.complements if q in self.by_predicate]
        f.mediated = next((g for g in map(self._between, inner) if g), [])

    def _reciprocal(self, c: Clause) -> bool:
        """An object that is a reciprocal pronoun of two words ("each other", "one another")."""
        toks, words = self.doc.tokens, self.ix_cues.get("reciprocal", frozenset())
        return any(o > 0 and f"{toks[o - 1].text} {toks[o].text}".lower() in words for o in c.objects)

    def _host(self, p: Pattern, c: Clause) -> list[Mention]:
        """A visit told in a relative clause is paid to the main clause's subject ("Raisi empfing
        Lukaschenko, der am Sonntag eintraf")."""
        if p.code[:2] != "04" or c.kind != "rel" or c.governor is None:
            return []
        gov = self.by_predicate.get(c.governor)
        return self.subject_sides(gov) if gov is not None else []

    def _between(self, c: Clause) -> list[Mention]:
        """The actors of a "zwischen X und Y" phrase of the clause, of one of its arguments, or of an
        infinitive it governs ("bot an, zwischen Moskau und Kiew zu vermitteln")."""
        words = self.ix_cues.get("between", frozenset({"zwischen", "between"}))
        obliques = c.obliques
        heads = [h for prep, h in obliques if prep in words]
        for arg in (c.subject, *c.objects, *(h for _, h in obliques)):
            if arg is not None:
                heads += [h for marker, h in noun_dependents(self.doc, arg) if marker in words]
        for h in heads:
            sides = self.args.sides(h)
            if len(sides) >= 2:
                return sides
        return []

    def _agent(self, c: Clause) -> int | None:
        """The passive agent; a von/durch phrase the parser hung on another oblique counts too
        ("wurde in der Nacht von russischen Truppen angegriffen")."""
        if c.agent is not None:
            return c.agent
        agents = self.ix_cues.get("agent", frozenset())
        for _, arg in c.obliques:
            for marker, dep in noun_dependents(self.doc, arg):
                if marker in agents:
                    return dep
        return None

    def _verb_targets(self, p: Pattern, c: Clause, passive_subject: list[Mention]) -> list[Mention]:
        target = p.frame.target or "obj"
        if target == "none":
            return []
        if p.preps:
            found = self._prep_sides(c, p.preps)
            if found:
                return found
        if target == "iobj":
            return self.args.sides(c.indirect_object) or passive_subject
        found = (
            passive_subject
            or self._object_sides(c)
            or self.args.sides(c.indirect_object)
            or self._bare_actor(c)
            or self._target_obliques(c)
            or self._complement_target(c, p)
        )
        if found and any(linked(s) for s in found):
            return found
        named = self._named_oblique(c)  # "recalled its ambassador from Turkey": a named actor, not the noun
        return (
            named
            or self._place(c, p)  # "entführten in Nigeria drei Helfer": the place's state
            or self._deep_target(c, p)
            or found
        )

    def complement_subjects(self, c: Clause) -> list[Mention]:
        """The subjects of the clause's complements ("sagte, die Gewerkschaften müssten …")."""
        out: list[Mention] = []
        for q in c.complements:
            inner = self.by_predicate.get(q)
            if inner is not None and inner.subject is not None:
                out += self._side_list(inner.subject)
        return out

    def _complement_target(self, c: Clause, p: Pattern) -> list[Mention]:
        """Whom a demand, appeal, refusal or threat is about, named in its complement: the subject of the
        demanded act ("demanded that Belarus release …"), the object of the threatened or refused one
        ("threatened to cut ties with Israel", "lehnte ab, der Ukraine Panzer zu liefern")."""
        root = p.code[:2]
        found: list[list[Mention]] = []
        for q in c.complements:
            inner = self.by_predicate.get(q)
            if inner is None:
                continue
            if root in ("02", "10") and inner.subject is not None:
                sides = self.args.sides(inner.subject)
            elif root in ("11", "12", "13", "03"):  # 11: "urged Muslim countries to cut ties with Israel"
                options = (
                    self._object_sides(inner),
                    self.args.sides(inner.indirect_object),
                    self._target_obliques(inner),
                )  # a named actor before an actor noun: "ruled out sending troops to Ukraine"
                sides = next((o for o in options if any(linked(x) for x in o)), None) or next(
                    (o for o in options if o), []
                )
            else:
                sides = []
            if any(linked(x) for x in sides):
                return sides
            found.append(sides)
        return next((x for x in found if x), [])

    def _bare_actor(self, c: Clause) -> list[Mention]:
        """A linked actor in the clause outside the subject's phrase and outside any prepositional phrase:
        the object the parser attached elsewhere ("besuchte am Montag Kiew")."""
        toks = self.doc.tokens
        taken = set()
        for arg in (c.subject, c.agent):
            if arg is not None:
                a, b = phrase_span(self.doc, arg)
                taken |= set(range(a, b))
                for m in self.args.sides(arg):  # "Pope Francis": a name part the parser hung on the verb
                    taken |= {i for i in range(len(toks)) if m.start <= toks[i].start < m.end}
        for i in self.clause_tokens.get(c.predicate, []):
            if i in taken or i == c.predicate or toks[i].tag not in self.tags.proper:
                continue
            if case_marker(self.doc, i) is None and not self._under_preposition(i):
                sides = self.args.sides(i)
                if sides and linked(sides[0]):
                    return sides
        return []

    def _under_preposition(self, i: int) -> bool:
        toks = self.doc.tokens
        j = i
        while toks[j].head not in (j, -1) and toks[j].dep not in ("obl", "nsubj", "obj"):
            if case_marker(self.doc, j) is not None:
                return True
            if toks[j].dep == "appos" and lemma(toks[toks[j].head]) in self.time_words:
                return False  # "am Montag Kiew": the name was hung on the date
            j = toks[j].head
        return case_marker(self.doc, j) is not None

    def _place(self, c: Clause, p: Pattern) -> list[Mention]:
        """Force and coercion: where it happened stands for whom it hit ("entführten in Nigeria drei
        Helfer", "bombardierten Ziele im Libanon"): a place in an object's phrase or the clause's in-phrase."""
        if p.code[:2] not in PLACE_ROOTS:
            return []
        heads = [h for obj in self.objects(c) for _, h in noun_dependents(self.doc, obj)]
        heads += [d for h in heads for m, d in noun_dependents(self.doc, h) if m in IN_PLACE]
        heads += [h for prep, h in c.obliques if prep in IN_PLACE]
        heads += [d for _, h in c.obliques for m, d in noun_dependents(self.doc, h) if m in IN_PLACE]
        return self._first_linked(heads)

    def _first_linked(self, heads: list[int]) -> list[Mention]:
        """The linked sides of the first of these argument heads that has any."""
        for h in heads:
            sides = [s for s in self.args.sides(h) if linked(s)]
            if sides:
                return sides
        return []

    def _object_sides(self, c: Clause) -> list[Mention]:
        """The first object that is an actor; else an actor attached to an object ("die Vorwürfe aus
        Washington", "Waffenlieferungen für die Ukraine", "die Politik der Regierung")."""
        objects = self.objects(c)
        for obj in objects:
            sides = self._side_list(obj)
            if sides:
                return sides
        attributes = self.ix_cues.get("attribute", frozenset())
        for obj in objects:
            for marker, dep in noun_dependents(self.doc, obj):
                if marker not in attributes:
                    continue  # not "die Angriffe auf X", "die Freilassung durch X", "die Lage in X"
                sides = self.args.sides(dep) or self._genitive_sides(dep)
                if sides:
                    return sides
        return []

    def _genitive_sides(self, noun: int) -> list[Mention]:
        """Actors in a noun's genitive or von-phrase ("über die Entscheidung Washingtons")."""
        return [
            s
            for marker, d in noun_dependents(self.doc, noun)
            if marker in ("gen", "von", "of")
            for s in self.args.sides(d)
        ]

    def _target_obliques(self, c: Clause) -> list[Mention]:
        """When the pattern names no target: an actor in a prepositional object with a target
        preposition ("appellierte an Teheran", "verlegte Truppen nach Litauen"), or in its genitive."""
        preps = self.ix_cues.get("target", frozenset())
        for prep, h in self._obliques(c):
            if prep in preps and lemma(self.doc.tokens[h]) not in self.time_words:  # not "on Monday"
                sides = self.args.sides(h) or self._genitive_sides(h) or self._act_target(h)
                if sides:
                    return sides
        return []

    def _deep_target(self, c: Clause, p: Pattern) -> list[Mention]:
        """An act about something of the target's: a named actor a few phrases down the objects of the
        clause or of its complements ("ruled out lifting sanctions on Venezuela", "refusing to approve
        the next tranche of military aid for Ukraine", "requested the extradition of the suspect from
        Britain"). Not for criticism or force, where such an actor is the victim or the place; only through
        the language's 'deep' markers (none for German, whose gold keeps such targets empty)."""
        markers = self.ix_cues.get("deep", frozenset())
        if p.code[:2] not in DEEP_ROOTS or not markers:
            return []
        clauses = [c] + [self.by_predicate[q] for q in c.complements if q in self.by_predicate]
        for cl in clauses:
            for head in self.objects(cl) + [h for _, h in cl.obliques]:
                for marker, dep in self._descend(head, 3):
                    sides = [s for s in self.args.sides(dep) if linked(s)]
                    if sides and marker in markers:
                        return sides
        return []

    def _descend(self, head: int, depth: int) -> list[tuple[str, int]]:
        """(marker, head) of the phrases below a noun, breadth first, `depth` levels down."""
        out, level = [], [head]
        for _ in range(depth):
            level_deps = [(m, d) for h in level for m, d in noun_dependents(self.doc, h)]
            out += level_deps
            level = [d for _, d in level_deps]
        return out

    def _named_oblique(self, c: Clause) -> list[Mention]:
        """A linked actor as the head of a prepositional object with a target preposition."""
        preps = self.ix_cues.get("target", frozenset())
        for prep, h in c.obliques:
            sides = [s for s in self.args.sides(h) if linked(s)] if prep in preps else []
            if sides and lemma(self.doc.tokens[h]) not in self.time_words:
                return sides
        return []

    def _obliques(self, c: Clause) -> list[tuple[str, int]]:
        """The clause's prepositional objects, and those of an adjective that carries its meaning
        ("zeigte sich verärgert über die Entscheidung Washingtons")."""
        toks = self.doc.tokens
        out = list(c.obliques)
        lo, hi = self.doc.sent_tokens[toks[c.predicate].sent]
        adjectives = [
            k
            for k in range(lo, hi)
            if toks[k].head == c.predicate and toks[k].tag in self.tags.adjective | self.tags.adverbial_adj
        ]
        for k in range(lo, hi):
            if toks[k].head in adjectives and toks[k].dep.startswith("obl"):
                marker = case_marker(self.doc, k)
                if marker:
                    out.append((marker, k))
        return out

    def _act_target(self, noun: int) -> list[Mention]:
        """The target of an act named in the phrase ("drohte mit einem Angriff auf die iranischen
        Atomanlagen", "mit dem Abbruch der Beziehungen zu Israel"): an actor one or two phrases down."""
        return self._nested(noun, tuple(self.ix_cues.get("attribute", frozenset()) | {"auf"}))

    def _nominals(self, c: Clause) -> list[int]:
        """The objects, else any bare noun of the clause (for `obj=` when the parser mislabelled it)."""
        toks = self.doc.tokens
        bare = [
            i
            for i in self.clause_tokens.get(c.predicate, [])
            if toks[i].tag in self.tags.noun and case_marker(self.doc, i) is None
        ]
        return [*self.objects(c), *bare]

    def objects(self, c: Clause) -> list[int]:
        """The clause's objects, and a bare noun phrase the parser labelled oblique ("hat Ziele angegriffen")."""
        toks = self.doc.tokens
        bare = [
            h
            for prep, h in c.obliques
            if not prep and toks[h].tag in self.tags.noun and lemma(toks[h]) not in self.time_words
        ]
        return [*c.objects, *bare]

    def _prep_sides(self, c: Clause, preps: tuple[str, ...]) -> list[Mention]:
        """Actors in the clause's prepositional objects with these prepositions, or in such phrases
        attached to its objects ("verhängte Sanktionen gegen Russland")."""
        out: list[Mention] = []
        for prep, arg in c.obliques:
            if prep in preps:
                out += self.args.sides(arg)
        for head in [*c.objects, *(h for _, h in c.obliques)] if not out else ():
            out += self._nested(head, preps)
        return out

    def _nested(self, head: int, preps: tuple[str, ...], depth: int = 2) -> list[Mention]:
        """Actors in phrases with these prepositions attached to a noun, or to a noun below it
        ("drohte mit dem Abbruch der Beziehungen zu Israel")."""
        out: list[Mention] = []
        for marker, dep in noun_dependents(self.doc, head):
            if marker in preps:
                out += self.args.sides(dep)
            elif depth > 1:
                out += self._nested(dep, preps, depth - 1)
        return out

    def _side_list(self, head: int | None) -> list[Mention]:
        """Sides of an argument; a pronoun argument stands for the actor it refers to."""
        if head is None:
            return []
        both = self._both(head)
        if both:
            return both
        sides = self.args.sides(head)
        if len(sides) == 1 and not linked(sides[0]):
            body = self.refs.resolve_body(head, sides[0])  # "die Partei": the party named before
            return [body] if body is not None else sides
        if sides:
            return sides
        resolved = self.refs.resolve(head)
        return [resolved] if resolved is not None else []

    def _both(self, head: int) -> list[Mention]:
        """'die beiden Präsidenten', 'both sides': the last two actors of different countries."""
        toks = self.doc.tokens
        if lemma(toks[head]) not in self.ix_cues.get("bothnoun", frozenset()):
            return []
        lo, hi = self.doc.sent_tokens[toks[head].sent]
        marked = any(
            toks[k].head == head and lemma(toks[k]) in self.ix_cues.get("both", frozenset())
            for k in range(lo, hi)
        )
        if not marked:
            return []
        a, b = phrase_span(self.doc, head)
        return self.refs.last_two(toks[a].start, toks[b - 1].end)

    # ---------------------------------------------------------------- nouns
    def noun_frames(
        self, clause: Clause, words: Words, skip: set[int], support: frozenset[str]
    ) -> list[Frame]:
        """Event nouns of the clause (not the ones a verb pattern consumed) with their sides."""
        toks = self.doc.tokens
        out = []
        for i in words.indices:
            if (i in skip and not self._own_pair(i)) or toks[i].tag not in self.tags.noun:
                continue
            pats = [p for p in self.ix.for_noun(lemma(toks[i])) if p.kind == "N"]
            if i in skip:  # talks a verb consumed are its subject's meetings with each ("hosted talks
                pats = [p for p in pats if p.code[:2] != "04"]  # between X and Y"): 04 stays theirs
            for p in pats:
                if self._conditions(p, clause, words) is None:
                    continue
                frame = Frame(p, i, clause, "N")
                if not p.stop:
                    self._noun_sides(frame, support)
                out.append(frame)
                break
        return out

    def _own_pair(self, noun: int) -> bool:
        """A noun with its own 'between X and Y' names an act of those two even where a verb pattern
        consumed it ("brokered a ceasefire between Israel and Hamas": the ceasefire is theirs)."""
        words = self.ix_cues.get("between", frozenset())
        return any(
            marker in words and len(self.args.sides(d)) >= 2 for marker, d in noun_dependents(self.doc, noun)
        )

    def _noun_sides(self, f: Frame, support: frozenset[str]) -> None:
        p, c, noun = f.pattern, f.clause, f.token
        gen_target = p.gentarget or p.frame.gen == "tgt"
        deps = noun_dependents(self.doc, noun)
        genitive = [h for marker, h in deps if marker in ("gen", "von", "of")] + self._name_after(noun)
        f.targets = self._nested(noun, p.preps) if p.preps else []
        if not f.targets and noun in (c.subject, *c.objects):  # a phrase the parser hung on the verb
            f.targets = self._prep_sides(c, p.preps) if p.preps else []
        if gen_target:
            f.targets += [s for h in genitive for s in self.args.sides(h)]
        else:  # "the shelling of Kharkiv" (>of): the genitive that is the target is no source
            taken = {(t.start, t.end) for t in f.targets}
            f.sources = [s for h in genitive for s in self.args.sides(h) if (s.start, s.end) not in taken]
        f.sources = (
            f.sources
            or self._noun_agent(noun, genitive)
            or self._modifier_sides(noun)
            or self._support_subject(f, support)
        )
        if not f.targets and p.code[:2] in PLACE_ROOTS:
            f.targets = self._noun_place(deps, p.preps)
        f.between = self._between(c)

    def _noun_agent(self, noun: int, genitive: list[int]) -> list[Mention]:
        """The agent of an event noun: a by/durch phrase on it, or on its genitive where the parser hung
        it there ("the kidnapping of the schoolgirls by Boko Haram", "die Festnahme X durch die Polizei")."""
        agents = self.ix_cues.get("agent", frozenset()) - {"gen", "von", "of"}
        out: list[Mention] = []
        for head in (noun, *genitive):
            out += [
                s
                for marker, d in noun_dependents(self.doc, head)
                if marker in agents
                for s in self.args.sides(d)
            ]
        return out

    def _noun_place(self, deps: list[tuple[str, int]], preps: tuple[str, ...]) -> list[Mention]:
        """Force against a thing in a place stands for the place: "der Luftangriff auf das Krankenhaus
        in Gaza" hits Gaza."""
        heads = [
            d
            for marker, h in deps
            if marker in preps
            for m, d in noun_dependents(self.doc, h)
            if m in IN_PLACE
        ]
        return self._first_linked(heads)

    def _name_after(self, noun: int) -> list[int]:
        """A name right after an event noun that the parser hung on it as an apposition: in German the
        genitive of a name ("die Freilassung Nawalnys", "die Ermordung Rathenaus")."""
        toks = self.doc.tokens
        k = noun + 1
        if (
            k < len(toks)
            and toks[k].head == noun
            and toks[k].dep == "appos"
            and toks[k].tag in self.tags.proper
        ):
            return [k]
        return []

    def _modifier_sides(self, noun: int) -> list[Mention]:
        """'russische Angriffe', 'US-Angriffe', 'Israels Luftangriffe': an actor inside the noun phrase
        before the noun, or inside the noun token itself."""
        a, _ = phrase_span(self.doc, noun)
        toks = self.doc.tokens
        out = []
        for m in self.doc.mentions:
            if linked(m) and toks[a].start <= m.start and m.end <= toks[noun].end:
                out.append(Mention(m.text, m.start, m.end, m.actor))
        return out[-1:]

    def _support_subject(self, f: Frame, support: frozenset[str]) -> list[Mention]:
        """'Russland verhängte Sanktionen', 'Israel flog Luftangriffe': the noun is the object of a
        support verb; that verb's subject is the source."""
        c = f.clause
        verbs = {c.lemma.lower(), lemma(self.doc.tokens[c.predicate])}  # "carry out" and "carry"
        supported = bool(verbs & (support | f.pattern.frame.by))
        if (not supported and not self.open_subject) or f.token == c.subject:
            return []  # (the noun is no argument of itself: "Die Ermordung X erschütterte …")
        return self.subject_sides(c) if c.voice == "active" else self.args.sides(self._agent(c))


# Roots whose target may be the place where the act happened, when no actor is named as its object.
PLACE_ROOTS = frozenset({"18", "19", "20"})
# Prepositions (by language-neutral lemma) that name where an act happened: "in Gaza", "im Libanon".
IN_PLACE = frozenset({"in", "im"})
# Roots whose target may stand a few phrases down their object (requests, offers, aid, concessions,
# demands, rejections, threats, reduced relations): what the act is about belongs to the target.
DEEP_ROOTS = frozenset({"02", "03", "07", "08", "10", "12", "13", "16"})


def _ends_in(word: str, wanted: frozenset[str]) -> bool:
    return word in wanted or any(len(w) >= 5 and _compound_of(word, w) for w in wanted)


def _compound_of(word: str, head: str, shortest: int = 4) -> bool:
    """`word` is a compound with this head ("luftangriff" of "angriff"); a rest shorter than `shortest`
    is no word of its own ("kommission" is no compound of "mission")."""
    if not word.endswith(head):
        return False
    rest = word[: -len(head)]
    return rest == "" or rest.endswith("-") or len(rest) >= shortest
