"""The grammar rules on hand-built trees (the parser is not under test here): each rule on the kind of
wrong or incomplete tree it repairs, with a realistic news sentence."""

from __future__ import annotations

import pytest


def test_case_swap_den_vorwurf_is_not_the_subject(tree, rules, clause, w):
    # 'Den Vorwurf wies Peskow zurück.' parsed with the first noun as subject
    doc = tree(
        "de",
        [
            ("Den", "ART", "der", 2, "det"),
            ("Vorwurf", "NN", "Vorwurf", 3, "nsubj"),
            ("wies", "VV(FIN)", "weisen", 0, "root"),
            ("Peskow", "NE", "Peskow", 3, "obj"),
            ("zurück", "PTKVZ", "zurück", 3, "compound:prt"),
            (".", "$.", ".", 3, "punct"),
        ],
    )
    doc, fired = rules(doc)
    c = clause(doc, "wies")
    assert fired["case_swap"] == 1
    assert (w(doc, c.subject), [w(doc, o) for o in c.objects]) == ("Peskow", ["Vorwurf"])
    assert c.lemma == "zurückweisen" and "particle_lemma" in c.rules


def test_case_swap_leaves_an_ambiguous_subject(tree, rules, clause, w):
    # 'Die Regierung kritisierte die Opposition.': 'die' may be nominative, nothing to swap
    doc = tree(
        "de",
        [
            ("Die", "ART", "der", 2, "det"),
            ("Regierung", "NN", "Regierung", 3, "nsubj"),
            ("kritisierte", "VV(FIN)", "kritisieren", 0, "root"),
            ("die", "ART", "der", 5, "det"),
            ("Opposition", "NN", "Opposition", 3, "obj"),
        ],
    )
    doc, fired = rules(doc)
    assert fired["case_swap"] == 0
    assert w(doc, clause(doc, "kritisierte").subject) == "Regierung"


def test_attach_particle_to_the_finite_verb(tree, rules, clause, w):
    # 'Russland wies die Vorwürfe entschieden zurück.' with the particle hanging off the adverb
    doc = tree(
        "de",
        [
            ("Russland", "NE", "Russland", 2, "nsubj"),
            ("wies", "VV(FIN)", "weisen", 0, "root"),
            ("die", "ART", "der", 4, "det"),
            ("Vorwürfe", "NN", "Vorwurf", 2, "obj"),
            ("entschieden", "ADJ(D)", "entschieden", 2, "advmod"),
            ("zurück", "PTKVZ", "zurück", 5, "advmod"),
        ],
    )
    doc, fired = rules(doc)
    assert fired["attach_particle"] == 1
    c = clause(doc, "wies")
    assert c.lemma == "zurückweisen" and w(doc, c.particle) == "zurück"


def test_fold_modal_head_into_auxiliary(tree, rules, clause, w):
    # 'Die Partei will keinen Kandidaten unterstützen.' with the modal on top
    doc = tree(
        "de",
        [
            ("Die", "ART", "der", 2, "det"),
            ("Partei", "NN", "Partei", 3, "nsubj"),
            ("will", "VM(FIN)", "wollen", 0, "root"),
            ("keinen", "PIAT", "kein", 5, "det"),
            ("Kandidaten", "NN", "Kandidat", 6, "obj"),
            ("unterstützen", "VV(INF)", "unterstützen", 3, "xcomp"),
            (".", "$.", ".", 3, "punct"),
        ],
    )
    doc, fired = rules(doc)
    assert fired["fold_auxiliary_head"] == 1
    assert len(doc.clauses) == 1
    c = doc.clauses[0]
    assert (c.lemma, c.modal, w(doc, c.subject), w(doc, c.negation)) == (
        "unterstützen",
        "wollen",
        "Partei",
        "keinen",
    )
    assert doc.tokens[2].dep == "aux" and doc.tokens[5].head == 5


def test_werden_participle_is_passive_with_von_agent(tree, rules, clause, w):
    # 'Die Forderungen wurden von Stolpe zurückgewiesen.' with the agent as a plain oblique
    doc = tree(
        "de",
        [
            ("Die", "ART", "der", 2, "det"),
            ("Forderungen", "NN", "Forderung", 6, "nsubj"),
            ("wurden", "VA(FIN)", "werden", 6, "aux"),
            ("von", "APPR", "von", 5, "case"),
            ("Stolpe", "NE", "Stolpe", 6, "obl"),
            ("zurückgewiesen", "VV(PP)", "zurückweisen", 0, "root"),
        ],
    )
    doc, _ = rules(doc)
    c = clause(doc, "zurückgewiesen")
    assert c.voice == "passive" and w(doc, c.agent) == "Stolpe" and w(doc, c.subject) == "Forderungen"
    assert c.obliques == [] and {"passive_voice", "passive_agent"} <= set(c.rules)


def test_werden_infinitive_is_future_not_passive(tree, rules, clause):
    # 'Die Truppen werden die Stadt verlassen.' even when the parser says aux:pass
    doc = tree(
        "de",
        [
            ("Die", "ART", "der", 2, "det"),
            ("Truppen", "NN", "Truppe", 6, "nsubj:pass"),
            ("werden", "VA(FIN)", "werden", 6, "aux:pass"),
            ("die", "ART", "der", 5, "det"),
            ("Stadt", "NN", "Stadt", 6, "obj"),
            ("verlassen", "VV(INF)", "verlassen", 0, "root"),
        ],
    )
    doc, _ = rules(doc)
    c = clause(doc, "verlassen")
    assert (c.voice, c.future) == ("active", True)


def test_perfect_with_haben_is_not_passive(tree, rules, clause, w):
    # 'IS-Kämpfer sollen Senfgas eingesetzt haben.' labelled as a passive by the parser
    doc = tree(
        "de",
        [
            ("IS-Kämpfer", "NN", "IS-Kämpfer", 4, "nsubj:pass"),
            ("sollen", "VM(FIN)", "sollen", 4, "aux"),
            ("Senfgas", "NN", "Senfgas", 4, "obj"),
            ("eingesetzt", "VV(PP)", "einsetzen", 0, "root"),
            ("haben", "VA(INF)", "haben", 4, "aux"),
        ],
    )
    doc, fired = rules(doc)
    c = clause(doc, "eingesetzt")
    assert fired["perfect_not_passive"] == 1
    assert (c.voice, c.modal, w(doc, c.subject)) == ("active", "sollen", "IS-Kämpfer")


def test_attribution_phrase_is_never_subject_or_agent(tree, rules, clause, w):
    # 'US-Informationen zufolge wurde Senfgas eingesetzt.': the zufolge-phrase labelled as subject
    doc = tree(
        "de",
        [
            ("US-Informationen", "NN", "US-Information", 5, "nsubj"),
            ("zufolge", "APPO", "zufolge", 1, "case"),
            ("wurde", "VA(FIN)", "werden", 5, "aux:pass"),
            ("Senfgas", "NN", "Senfgas", 5, "obj"),
            ("eingesetzt", "VV(PP)", "einsetzen", 0, "root"),
        ],
    )
    doc, fired = rules(doc)
    c = clause(doc, "eingesetzt")
    assert fired["adposition_not_core"] == 1
    assert c.agent is None and ("zufolge", 0) in c.obliques
    assert w(doc, c.subject) == "Senfgas"  # missing_subject: the only nominative-capable argument


def test_dative_object_is_the_indirect_object(tree, rules, clause, w):
    # 'Der Minister dankte dem Botschafter.' (UD German labels it obl:arg)
    doc = tree(
        "de",
        [
            ("Der", "ART", "der", 2, "det"),
            ("Minister", "NN", "Minister", 3, "nsubj"),
            ("dankte", "VV(FIN)", "danken", 0, "root"),
            ("dem", "ART", "der", 5, "det"),
            ("Botschafter", "NN", "Botschafter", 3, "obl:arg"),
        ],
    )
    doc, fired = rules(doc)
    assert fired["dative_object"] == 1
    assert w(doc, clause(doc, "dankte").indirect_object) == "Botschafter"


def test_zu_infinitive_adverbial_becomes_complement(tree, rules, clause, w):
    # 'Die Regierung erklärte sich bereit, zu verhandeln.' with the infinitive as advcl
    doc = tree(
        "de",
        [
            ("Die", "ART", "der", 2, "det"),
            ("Regierung", "NN", "Regierung", 3, "nsubj"),
            ("erklärte", "VV(FIN)", "erklären", 0, "root"),
            ("sich", "PRF", "sich", 3, "obj"),
            ("bereit", "ADJ(D)", "bereit", 3, "xcomp"),
            (",", "$,", ",", 8, "punct"),
            ("zu", "PTKZU", "zu", 8, "mark"),
            ("verhandeln", "VV(INF)", "verhandeln", 3, "advcl"),
        ],
    )
    doc, _ = rules(doc)
    gov, inf = clause(doc, "erklärte"), clause(doc, "verhandeln")
    assert w(doc, gov.infinitive) == "verhandeln" and gov.complements == [inf.predicate]
    assert (inf.kind, w(doc, inf.governor)) == ("inf", "erklärte")


def test_um_zu_stays_adverbial(tree, rules, clause):
    # 'Die Minister trafen sich, um zu verhandeln.'
    doc = tree(
        "de",
        [
            ("Die", "ART", "der", 2, "det"),
            ("Minister", "NN", "Minister", 3, "nsubj"),
            ("trafen", "VV(FIN)", "treffen", 0, "root"),
            ("sich", "PRF", "sich", 3, "obj"),
            ("um", "KOUI", "um", 7, "mark"),
            ("zu", "PTKZU", "zu", 7, "mark"),
            ("verhandeln", "VV(INF)", "verhandeln", 3, "advcl"),
        ],
    )
    doc, fired = rules(doc)
    assert fired["zu_infinitive_complement"] == 0
    assert clause(doc, "trafen").complements == [] and clause(doc, "verhandeln").mark == "um"


@pytest.mark.parametrize(
    ("words", "negated"),
    [
        (("Der", "Kreml", "bestätigte", "den", "Bericht", "nicht"), "nicht"),
        (("Der", "Kreml", "kritisierte", "nicht", "nur", "Kiew"), None),
    ],
)
def test_negation_scope_nicht_and_nicht_nur(tree, rules, clause, w, words, negated):
    tags = {
        "Der": "ART",
        "den": "ART",
        "Kreml": "NE",
        "Kiew": "NE",
        "Bericht": "NN",
        "nicht": "PTKNEG",
        "nur": "ADV",
    }
    rows = []
    for i, word in enumerate(words):
        if i == 2:
            rows.append((word, "VV(FIN)", word, 0, "root"))
        elif word == "Kreml":
            rows.append((word, "NE", word, 3, "nsubj"))
        elif word in ("Der", "den"):
            rows.append((word, "ART", "der", i + 2, "det"))
        elif word == "nur":
            rows.append((word, "ADV", word, i + 2, "advmod"))
        elif word == "nicht":
            rows.append((word, tags[word], word, 3, "advmod"))
        else:
            rows.append((word, tags[word], word, 3, "obj"))
    doc, _ = rules(tree("de", rows))
    assert w(doc, clause(doc, words[2]).negation) == negated


@pytest.mark.parametrize(
    ("finite", "mood"),
    [
        ("sei", "konj1"),
        ("habe", "konj1"),
        ("komme", "konj1"),
        ("wäre", "konj2"),
        ("ist", "ind"),
        ("sagte", "ind"),
    ],
)
def test_konjunktiv_of_the_finite_verb(tree, rules, clause, finite, mood):
    # 'er sei verhaftet worden' / 'er komme' / 'er wäre …' in reported speech
    tag = "VA(FIN)" if finite in ("sei", "habe", "wäre", "ist") else "VV(FIN)"
    doc = tree("de", [("er", "PPER", "er", 2, "nsubj"), (finite, tag, finite, 0, "root")])
    doc, _ = rules(doc)
    assert clause(doc, finite).mood == mood


def test_shared_subject_of_coordinated_predicates(tree, rules, clause, w):
    # 'Die Polizei nahm den Mann fest und verhörte ihn.'
    doc = tree(
        "de",
        [
            ("Die", "ART", "der", 2, "det"),
            ("Polizei", "NN", "Polizei", 3, "nsubj"),
            ("nahm", "VV(FIN)", "nehmen", 0, "root"),
            ("den", "ART", "der", 5, "det"),
            ("Mann", "NN", "Mann", 3, "obj"),
            ("fest", "PTKVZ", "fest", 3, "compound:prt"),
            ("und", "KON", "und", 8, "cc"),
            ("verhörte", "VV(FIN)", "verhören", 3, "conj"),
            ("ihn", "PPER", "er", 8, "obj"),
        ],
    )
    doc, _ = rules(doc)
    second = clause(doc, "verhörte")
    assert w(doc, second.subject) == "Polizei" and "shared_subject" in second.rules
    assert clause(doc, "nahm").lemma == "festnehmen" and second.kind == "main"


def test_participial_attribute_is_an_attr_clause(tree, rules, clause, w):
    # 'die von Russland annektierte Krim'
    doc = tree(
        "de",
        [
            ("die", "ART", "der", 5, "det"),
            ("von", "APPR", "von", 3, "case"),
            ("Russland", "NE", "Russland", 4, "obl"),
            ("annektierte", "ADJ(A)", "annektiert", 5, "amod"),
            ("Krim", "NE", "Krim", 5, "root"),
        ],
    )
    doc, _ = rules(doc)
    c = clause(doc, "annektierte")
    assert (c.kind, c.voice, w(doc, c.agent), w(doc, c.subject), w(doc, c.antecedent)) == (
        "attr",
        "passive",
        "Russland",
        "Krim",
        "Krim",
    )


def test_english_by_agent_and_has_been(tree, rules, clause, w):
    # 'The demands have been rejected by the minister.'
    doc = tree(
        "en",
        [
            ("The", "AT0", "the", 2, "det"),
            ("demands", "NN2", "demand", 5, "nsubj:pass"),
            ("have", "VHB", "have", 5, "aux"),
            ("been", "VBN", "be", 5, "aux:pass"),
            ("rejected", "VVN", "reject", 0, "root"),
            ("by", "PRP", "by", 8, "case"),
            ("the", "AT0", "the", 8, "det"),
            ("minister", "NN1", "minister", 5, "obl"),
        ],
    )
    doc, _ = rules(doc)
    c = clause(doc, "rejected")
    assert (c.voice, w(doc, c.agent), w(doc, c.subject)) == ("passive", "minister", "demands")


def test_english_have_participle_is_active(tree, rules, clause):
    # 'The rebels have seized the town.'
    doc = tree(
        "en",
        [
            ("The", "AT0", "the", 2, "det"),
            ("rebels", "NN2", "rebel", 4, "nsubj"),
            ("have", "VHB", "have", 4, "aux"),
            ("seized", "VVN", "seize", 0, "root"),
            ("the", "AT0", "the", 6, "det"),
            ("town", "NN1", "town", 4, "obj"),
        ],
    )
    doc, _ = rules(doc)
    assert clause(doc, "seized").voice == "active"


def test_english_phrasal_particle_and_negation(tree, rules, clause, w):
    # 'The government did not give up the plan.'
    doc = tree(
        "en",
        [
            ("The", "AT0", "the", 2, "det"),
            ("government", "NN1", "government", 5, "nsubj"),
            ("did", "VDD", "do", 5, "aux"),
            ("not", "XX0", "not", 5, "advmod"),
            ("give", "VVI", "give", 0, "root"),
            ("up", "AVP", "up", 5, "compound:prt"),
            ("the", "AT0", "the", 8, "det"),
            ("plan", "NN1", "plan", 5, "obj"),
        ],
    )
    doc, _ = rules(doc)
    c = clause(doc, "give")
    assert (c.lemma, w(doc, c.negation), c.voice) == ("give up", "not", "active")


def test_english_copula_clause(tree, rules, clause, w):
    # 'The minister is ready to negotiate.'
    doc = tree(
        "en",
        [
            ("The", "AT0", "the", 2, "det"),
            ("minister", "NN1", "minister", 4, "nsubj"),
            ("is", "VBZ", "be", 4, "cop"),
            ("ready", "AJ0", "ready", 0, "root"),
            ("to", "TO0", "to", 6, "mark"),
            ("negotiate", "VVI", "negotiate", 4, "xcomp"),
        ],
    )
    doc, _ = rules(doc)
    c = clause(doc, "is")
    assert (w(doc, c.predicative), w(doc, c.subject), w(doc, c.infinitive)) == (
        "ready",
        "minister",
        "negotiate",
    )
    assert clause(doc, "negotiate").kind == "inf"


def test_perfect_auxiliary_misread_as_copula_of_a_time_noun(tree, rules, clause, w):
    # 'Der Kandidat ist gestern Abend zurückgetreten.' parsed as 'ist … Abend' (copula) with the subject on 'Abend'
    doc = tree(
        "de",
        [
            ("Der", "ART", "der", 2, "det"),
            ("Kandidat", "NN", "Kandidat", 5, "nsubj"),
            ("ist", "VA(FIN)", "sein", 5, "cop"),
            ("gestern", "ADV", "gestern", 5, "advmod"),
            ("Abend", "NN", "Abend", 6, "obl"),
            ("zurückgetreten", "VV(PP)", "zurücktreten", 0, "root"),
            (".", "$.", ".", 6, "punct"),
        ],
    )
    doc, fired = rules(doc)
    c = clause(doc, "zurückgetreten")
    assert fired["perfect_auxiliary_not_copula"] == 1
    assert w(doc, c.subject) == "Kandidat" and [w(doc, a) for a in c.auxiliaries] == ["ist"]


def test_reflexive_is_no_subject_and_frees_the_subject_slot(tree, rules, clause, w):
    # 'In die Ermittlungen hat sich das FBI eingeschaltet.' with two objects and no subject
    doc = tree(
        "de",
        [
            ("In", "APPR", "in", 3, "case"),
            ("die", "ART", "der", 3, "det"),
            ("Ermittlungen", "NN", "Ermittlung", 8, "obl"),
            ("hat", "VA(FIN)", "haben", 8, "aux"),
            ("sich", "PRF", "sich", 8, "obj"),
            ("das", "ART", "der", 7, "det"),
            ("FBI", "NE", "FBI", 8, "obj"),
            ("eingeschaltet", "VV(PP)", "einschalten", 0, "root"),
        ],
    )
    doc, fired = rules(doc)
    c = clause(doc, "eingeschaltet")
    assert fired["reflexive_not_subject"] >= 1
    assert w(doc, c.subject) == "FBI" and [w(doc, o) for o in c.objects] == ["sich"]


def test_reflexive_leaves_a_dative_object_alone(tree, rules, clause, w):
    # 'Dem Minister hat sich niemand widersetzt.' – 'dem' cannot be nominative
    doc = tree(
        "de",
        [
            ("Dem", "ART", "der", 2, "det"),
            ("Minister", "NN", "Minister", 6, "obj"),
            ("hat", "VA(FIN)", "haben", 6, "aux"),
            ("sich", "PRF", "sich", 6, "nsubj"),
            ("niemand", "PIS", "niemand", 6, "advmod"),
            ("widersetzt", "VV(PP)", "widersetzen", 0, "root"),
        ],
    )
    doc, _ = rules(doc)
    c = clause(doc, "widersetzt")
    assert c.subject is None or w(doc, c.subject) != "Minister"


def test_coordinated_main_clauses_are_no_quotation(tree, rules, clause, w):
    # 'Beobachter monieren Mängel, sprechen aber von einer fairen Wahl.' with 'monieren' as ccomp of 'sprechen'
    doc = tree(
        "de",
        [
            ("Beobachter", "NN", "Beobachter", 2, "nsubj"),
            ("monieren", "VV(FIN)", "monieren", 5, "ccomp"),
            ("Mängel", "NN", "Mangel", 2, "obj"),
            (",", "$,", ",", 2, "punct"),
            ("sprechen", "VV(FIN)", "sprechen", 0, "root"),
            ("aber", "ADV", "aber", 5, "advmod"),
            ("von", "APPR", "von", 10, "case"),
            ("einer", "ART", "ein", 10, "det"),
            ("fairen", "ADJ(A)", "fair", 10, "amod"),
            ("Wahl", "NN", "Wahl", 5, "obl"),
        ],
    )
    doc, fired = rules(doc)
    assert fired["coordination_not_complement"] == 1
    first, second = clause(doc, "monieren"), clause(doc, "sprechen")
    assert first.kind == "main" and second.governor is None
    assert w(doc, second.subject) == "Beobachter"


def test_a_quotation_before_its_speech_verb_stays_a_complement(tree, rules, clause, w):
    # 'Die Regierung handelt, sagte der Minister.' – the speech verb has its own subject
    doc = tree(
        "de",
        [
            ("Die", "ART", "der", 2, "det"),
            ("Regierung", "NN", "Regierung", 3, "nsubj"),
            ("handelt", "VV(FIN)", "handeln", 5, "ccomp"),
            (",", "$,", ",", 3, "punct"),
            ("sagte", "VV(FIN)", "sagen", 0, "root"),
            ("der", "ART", "der", 7, "det"),
            ("Minister", "NN", "Minister", 5, "nsubj"),
        ],
    )
    doc, fired = rules(doc)
    assert fired["coordination_not_complement"] == 0
    assert clause(doc, "handelt").governor is not None
