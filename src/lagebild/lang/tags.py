"""The tag view: one coarse interface over a language's part-of-speech tags.

Each language package (`lang/<code>/tags.py`) defines its `TAGS`: which of its tagger's tags are finite
verbs, nouns, prepositions, relative pronouns ... Stages read these classes, never the tag strings of
one language. They are closed grammatical classes, not knowledge about events or quotes; cue words
live in the language's data files.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TagView:
    language: str
    finite: frozenset[str]  # finite verbs (incl. auxiliaries and modals)
    aux: frozenset[str]  # auxiliary and modal tags (finite or not)
    full_verb: tuple[str, ...]  # tag prefixes of full (lexical) verbs
    participle: frozenset[str]
    infinitive: frozenset[str]
    noun: frozenset[str]
    proper: frozenset[str]
    prep: frozenset[str]
    det: frozenset[str]  # may stand between a preposition and its noun
    particle: frozenset[str]  # separable verb particle
    zu: frozenset[str]  # infinitive marker
    sub_intro: frozenset[str]  # subordinating conjunction
    inf_intro: frozenset[str]  # um/ohne (+ zu)
    rel: frozenset[str]  # relative / wh pronouns opening a clause
    conj: frozenset[str]
    comma: frozenset[str]
    refl: frozenset[str]
    pron: frozenset[str]
    neg: frozenset[str]
    verb_second: bool  # German main clauses: finite verb second, subject may follow it
    subject_pronouns: frozenset[str]  # third-person pronouns resolved to the last subject
    speaker_pronouns: frozenset[str]  # first-person pronouns resolved to a quote's speaker
    oblique: frozenset[str]  # determiners/pronouns marking a non-subject noun phrase
    genitive: frozenset[str]
    boundary_words: frozenset[str] = frozenset({"–", "—", ";", ":", "(", ")"})

    def is_full_verb(self, tag: str) -> bool:
        return tag.startswith(self.full_verb)

    def is_verb(self, tag: str) -> bool:
        return tag.startswith(self.full_verb) or tag in self.aux
