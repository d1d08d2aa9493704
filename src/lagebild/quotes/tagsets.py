"""The tag classes the quote rules read, composed from the language's tag view (`lang/<code>/tags.py`).

The rules never test a tag string: they ask these classes ("is this token finite?", "can it stand
inside a noun phrase?"). Each class is a union of the tag view's grammatical classes, so a language
defines its tags once, in its own package.
"""

from __future__ import annotations

from functools import cache

from ..lang import get_language
from ..lang.tags import TagView
from ..records import Token


class QuoteTags:
    """Composite tag classes and token predicates of one language, for the quote rules."""

    def __init__(self, g: TagView) -> None:
        self.view = g
        self.proper = g.proper
        self.pron = g.pron
        self._phrases(g)
        self._clauses(g)
        self._frames(g)

    def _phrases(self, g: TagView) -> None:
        # nouns (STTS NN*), nouns and names (N*), and every head of a noun phrase
        self.noun = g.common_noun | g.adj_noun | g.verbal_noun
        self.noun_or_name = self.noun | g.proper
        self.nominal = self.noun_or_name | g.truncated
        self.nominal_or_adj = self.nominal | g.adjective
        self.determiner = g.article | g.possessive | g.dem_det | g.indef_det
        self.np_inner = self.nominal | self.determiner | g.adjective | g.cardinal
        # a noun phrase as the antecedent of "…, wonach" may start with these, and hold symbols too
        self.np_start = g.article | g.adjective | g.common_noun | g.proper | g.adj_noun
        self.np_start |= g.possessive | g.indef_det | g.cardinal
        self.np_span = self.np_start | g.symbol | g.foreign
        self.pronoun_np = g.dem_pron | g.indef_pron  # "dieser", "man"
        self.pronoun_or_adj = g.indef_pron | g.adjective  # "die beiden", "der 81-jährige"
        self.apposition_anchor = self.nominal | g.bracket_punct
        # a capitalised first name the tagger read as a verb, adverb or symbol ("Henk" as an imperative)
        self.name_misread = g.symbol | g.foreign | g.adverbial_adj | g.adverb
        self.name_misread |= {t for t in g.verb_any if g.is_full_verb(t)} & (
            g.imperative | g.finite_verb | (g.infinitive - g.zu_infinitive)
        )
        self.name_follower = g.proper | g.common_noun | g.foreign | g.symbol
        # a quoted stretch after these is a name or title, not speech ("die „Berliner Zeitung“")
        self.name_context = g.common_noun | g.proper | g.prep_art | g.cardinal | g.possessive

    def _clauses(self, g: TagView) -> None:
        self.prep = g.prep_simple | g.prep_art
        self.relative = g.rel_pron | g.rel_det
        self.relative_or_wh = g.rel_pron | g.wh_pron
        self.clause_opener = g.sub_intro | g.wh_adverb | g.conj | g.rel_pron | g.comparison
        self.subordinate_opener = g.sub_intro | g.comparison | g.wh_adverb
        self.subordinating = g.sub_intro | self.relative | g.wh_pron  # opens a subordinate clause
        self.no_apposition = g.sub_intro | g.rel_pron  # a segment with these is a clause
        self.clause_break_left = g.sub_intro | self.relative | g.conj | g.wh_adverb
        self.clause_break_right = g.sub_intro | g.conj | g.wh_adverb
        self.adverbial_start = g.prep_simple | g.prep_art | g.adverb | g.pron_adverb
        self.adverbial_start |= g.adverbial_adj | g.neg | g.wh_pron
        self.aux_or_modal_tags = g.aux_verb | g.modal_verb
        self.finite_aux = self.aux_or_modal_tags & g.finite_verb
        self.zu_marker = g.zu | g.zu_infinitive
        # a reported clause cannot start with these
        self.no_complement_start = self.relative | g.inf_intro | g.bracket_punct | g.symbol
        # the subject of a complement clause without "that" may start with these
        self.bare_clause_start = g.article | g.dem_det | g.possessive | g.pron | g.common_noun
        self.bare_clause_start |= g.proper | g.adjective | g.cardinal | g.indef_det
        self.bare_clause_start |= g.indef_pron | g.dem_pron

    def _frames(self, g: TagView) -> None:
        self.frame_skip = g.adverb | g.conj | g.prep_simple | g.neg  # before a bare name: "Auch X:"
        self.quote_clause_opener = g.rel_pron | g.wh_pron | g.sub_intro  # "was er „…“ nannte"
        self.no_content_start = g.sub_intro | g.wh_adverb | g.rel_pron  # a clause before "…, sagte X"
        self.np_opener = g.article | g.proper | g.common_noun  # "…, so die Polizei"
        self.prep_or_adverb = self.prep | g.adverb
        self.claim_np = g.article | g.adjective | g.possessive | g.indef_det | g.dem_det
        self.sub_or_wh_adverb = g.sub_intro | g.wh_adverb
        # source phrases: "laut X", "nach Angaben …", "X zufolge", "seiner Meinung nach", "demnach"
        self.laut_tags = g.prep_simple | g.adverbial_adj | g.adverb
        self.postposed_nach = g.postposition | g.adverb | g.particle
        self.possessive_np = g.possessive | g.article | g.adjective | g.indef_det
        self.before_source_noun = g.adjective | g.article | g.possessive | g.indef_det | g.dem_det
        self.before_source_noun |= g.rel_det | g.dem_pron | g.proper
        self.zufolge_np = g.article | g.adjective | g.common_noun | g.proper | g.possessive | g.adj_noun
        self.sentence_adverb = g.pron_adverb | g.adverb

    def verb(self, t: Token) -> bool:
        return t.tag in self.view.verb_any

    def finite(self, t: Token) -> bool:
        """A finite verb, not an imperative."""
        return t.tag in self.view.finite_verb

    def full_verb(self, t: Token) -> bool:
        return self.view.is_full_verb(t.tag)

    def full_finite(self, t: Token) -> bool:
        return self.view.is_full_verb(t.tag) and t.tag in self.view.finite_verb

    def aux_or_modal(self, t: Token) -> bool:
        return t.tag in self.aux_or_modal_tags

    def aux_or_full(self, t: Token) -> bool:
        return t.tag in self.view.aux_verb or self.view.is_full_verb(t.tag)

    def modal(self, t: Token) -> bool:
        return t.tag in self.view.modal_verb

    def full_participle(self, t: Token) -> bool:
        return t.tag in self.view.participle

    def zu_infinitive(self, t: Token) -> bool:
        return t.tag in self.view.zu_infinitive

    def particle(self, t: Token) -> bool:
        return t.tag in self.view.particle

    def sent_punct(self, t: Token) -> bool:
        return self.view.is_sent_punct(t.tag, t.text)

    def comma_punct(self, t: Token) -> bool:
        return self.view.is_comma_punct(t.tag, t.text)

    def clause_punct(self, t: Token) -> bool:
        """A comma or sentence punctuation (not a bracket or dash)."""
        g = self.view
        return t.tag in g.sent_punct or t.tag in g.comma_punct or t.tag in g.text_punct

    def punct(self, t: Token) -> bool:
        return self.view.is_punct(t.tag)


@cache
def quote_tags(language: str) -> QuoteTags:
    return QuoteTags(get_language(language).tags)
