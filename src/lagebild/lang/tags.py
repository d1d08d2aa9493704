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
    # Finer classes, one STTS category each in German (the quote rules compose them). English classes
    # are the CLAWS5 tags that play the same part; a class may be empty in a language.
    common_noun: frozenset[str]  # NN
    adj_noun: frozenset[str]  # nominalised adjective (NNA: "der Vorsitzende")
    verbal_noun: frozenset[str]  # nominalised infinitive (NNI: "das Schweigen")
    truncated: frozenset[str]  # first part of a coordinated compound (TRUNC: "Kur-")
    article: frozenset[str]
    adjective: frozenset[str]  # attributive adjective
    adverbial_adj: frozenset[str]  # predicative or adverbial adjective (ADJ(D))
    possessive: frozenset[str]  # possessive determiner
    indef_det: frozenset[str]  # indefinite determiner (PIAT: "keine", "beide")
    dem_det: frozenset[str]  # demonstrative determiner
    dem_pron: frozenset[str]  # demonstrative pronoun standing alone (PDS: "dieser")
    indef_pron: frozenset[str]  # indefinite pronoun standing alone (PIS: "man", "einer")
    cardinal: frozenset[str]
    symbol: frozenset[str]  # non-word (XY); English quotation marks
    foreign: frozenset[str]  # foreign material (FM)
    prep_simple: frozenset[str]  # plain preposition (APPR)
    prep_art: frozenset[str]  # preposition fused with an article (APPRART: "im", "zum")
    postposition: frozenset[str]  # APPO: "zufolge", "nach" after its noun
    adverb: frozenset[str]
    pron_adverb: frozenset[str]  # pronominal adverb (PROAV: "dazu", "demnach")
    comparison: frozenset[str]  # comparative conjunction (KOKOM: "als", "wie")
    rel_pron: frozenset[str]  # relative pronoun (PRELS)
    rel_det: frozenset[str]  # relative determiner (PRELAT: "dessen")
    wh_pron: frozenset[str]  # interrogative pronoun (PWS)
    wh_adverb: frozenset[str]  # interrogative adverb (PWAV: "wie", "wo")
    sent_punct: frozenset[str]  # sentence-ending punctuation ($.)
    comma_punct: frozenset[str]  # $,
    bracket_punct: frozenset[str]  # other punctuation: brackets, dashes ($()
    text_punct: frozenset[str]  # one tag for commas and other punctuation, told apart by the text
    verb_any: frozenset[str]  # every verb tag
    finite_verb: frozenset[str]  # finite, not imperative
    aux_verb: frozenset[str]  # auxiliary, any form
    modal_verb: frozenset[str]  # modal, any form
    any_participle: frozenset[str]  # past participle of any verb
    zu_infinitive: frozenset[str]  # VV(IZU): "anzugreifen"
    imperative: frozenset[str]
    boundary_words: frozenset[str] = frozenset({"–", "—", ";", ":", "(", ")"})

    def is_full_verb(self, tag: str) -> bool:
        return tag.startswith(self.full_verb)

    def is_verb(self, tag: str) -> bool:
        return tag.startswith(self.full_verb) or tag in self.aux

    def is_sent_punct(self, tag: str, text: str) -> bool:
        """Sentence-ending punctuation (full stop, colon, question mark ...), not a comma."""
        return tag in self.sent_punct or (tag in self.text_punct and text != ",")

    def is_comma_punct(self, tag: str, text: str) -> bool:
        return tag in self.comma_punct or (tag in self.text_punct and text == ",")

    def is_punct(self, tag: str) -> bool:
        return (
            tag in self.sent_punct
            or tag in self.comma_punct
            or tag in self.bracket_punct
            or tag in self.text_punct
        )
