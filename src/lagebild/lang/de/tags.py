"""German tags: HanTa's coarse STTS (VV(FIN), ADJ(A), NN, NE, APPR, PTKVZ, ...)."""

from __future__ import annotations

from ..tags import TagView

TAGS = TagView(
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
