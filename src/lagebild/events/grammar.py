"""Per-language tag classes for the event coder: German HanTa coarse STTS, English HanTa (CLAWS5).

These are the parser's closed classes (which tags are finite verbs, prepositions, relative
pronouns, ...), not linguistic knowledge about events; the cue words live in data/cues.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Grammar:
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


GERMAN = Grammar(
    language="de",
    finite=frozenset({"VV(FIN)", "VA(FIN)", "VM(FIN)", "VV(IMP)", "VA(IMP)"}),
    aux=frozenset({"VA(FIN)", "VM(FIN)", "VA(INF)", "VM(INF)", "VA(PP)", "VM(PP)", "VA(IMP)"}),
    full_verb=("VV",),
    participle=frozenset({"VV(PP)"}),
    infinitive=frozenset({"VV(INF)", "VV(IZU)"}),
    noun=frozenset({"NN", "NNA"}),
    proper=frozenset({"NE"}),
    prep=frozenset({"APPR", "APPRART", "APPO"}),
    det=frozenset(
        {
            "ART",
            "ADJ(A)",
            "ADJ(D)",
            "PPOSAT",
            "PIAT",
            "PIDAT",
            "CARD",
            "PDAT",
            "ADV",
            "$(",
            "XY",
            "TRUNC",
            "FM",
            "PWAT",
        }
    ),
    particle=frozenset({"PTKVZ"}),
    zu=frozenset({"PTKZU"}),
    sub_intro=frozenset({"KOUS"}),
    inf_intro=frozenset({"KOUI"}),
    rel=frozenset({"PRELS", "PRELAT", "PWAV", "PWS"}),
    conj=frozenset({"KON"}),
    comma=frozenset({"$,"}),
    refl=frozenset({"PRF"}),
    pron=frozenset({"PPER"}),
    neg=frozenset({"PTKNEG"}),
    verb_second=True,
    subject_pronouns=frozenset({"er", "sie"}),
    speaker_pronouns=frozenset({"wir", "ich"}),
    oblique=frozenset(
        {
            "den",
            "dem",
            "einem",
            "einen",
            "ihm",
            "ihn",
            "seinem",
            "seinen",
            "ihrem",
            "ihren",
            "diesem",
            "diesen",
            "unserem",
            "unseren",
            "jenem",
            "jenen",
            "uns",
            "mich",
            "mir",
        }
    ),
    genitive=frozenset({"des", "eines", "dieses", "seines", "ihres"}),
)

ENGLISH = Grammar(
    language="en",
    finite=frozenset(
        {"VVD", "VVZ", "VVB", "VBD", "VBZ", "VBB", "VDD", "VDZ", "VDB", "VHD", "VHZ", "VHB", "VM0"}
    ),
    aux=frozenset(
        {
            "VBD",
            "VBZ",
            "VBB",
            "VBI",
            "VBN",
            "VBG",
            "VDD",
            "VDZ",
            "VDB",
            "VDI",
            "VHD",
            "VHZ",
            "VHB",
            "VHI",
            "VHN",
            "VHG",
            "VM0",
        }
    ),
    full_verb=("VV",),
    participle=frozenset({"VVN"}),
    infinitive=frozenset({"VVI"}),
    noun=frozenset({"NN1", "NN2", "NN0"}),
    proper=frozenset({"NP0"}),
    prep=frozenset({"PRP", "PRF"}),
    det=frozenset({"AT0", "AJ0", "AJC", "AJS", "DPS", "DT0", "CRD", "ORD", "AV0", "POS", "PUQ"}),
    particle=frozenset({"AVP"}),
    zu=frozenset({"TO0"}),
    sub_intro=frozenset({"CJS", "CJT"}),
    inf_intro=frozenset(),
    rel=frozenset({"PNQ", "DTQ", "AVQ"}),
    conj=frozenset({"CJC"}),
    comma=frozenset({"PUN"}),
    refl=frozenset({"PNX"}),
    pron=frozenset({"PNP"}),
    neg=frozenset({"XX0"}),
    verb_second=False,
    subject_pronouns=frozenset({"he", "she", "it", "they"}),
    speaker_pronouns=frozenset({"we", "i"}),
    oblique=frozenset({"him", "her", "them", "us", "me"}),
    genitive=frozenset(),
)


def grammar_for(language: str) -> Grammar:
    return ENGLISH if language == "en" else GERMAN
