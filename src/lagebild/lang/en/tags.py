"""English tags: HanTa's English model (CLAWS5: VVD, NN1, NP0, PRP, AVP, ...)."""

from __future__ import annotations

from ..tags import TagView

TAGS = TagView(
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
