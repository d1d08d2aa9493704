"""The quote rules: each with its id (what `Quote.rule` holds), the function that applies it, what it
means, and an example sentence on which it fires (tests/test_quotes_rules.py runs every example).

Direct rules are tried in table order for each quoted stretch, and the first that gives a frame wins.
Indirect rules all run on each sentence in table order; a finding that overlaps an earlier one is
dropped. To add a rule: write the function in `direct.py` or `indirect.py` and add a row here, at the
place in the order where it should be tried.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import continuation, direct, indirect, interview


@dataclass(frozen=True)
class Rule:
    id: str
    find: Callable[
        ..., Any
    ]  # direct: (ctx, Quoted) -> Frame | None; indirect: (ctx, lo, end) -> Reported | None
    description: str
    example: str  # a sentence on which this rule gives a quote
    speaker: str | None  # the speaker the rule gives on its example (None: no speaker)
    language: str = "de"  # the example's language


DIRECT_RULES: tuple[Rule, ...] = (
    Rule(
        "direct-after",
        direct.after,
        'frame after the quote: „…“, sagte X / „…“, so X / „…“, wie X schreibt / "…," X said',
        "„Wir bleiben hart“, sagte der Minister am Montag.",
        "der Minister",
    ),
    Rule(
        "direct-anaphor",
        direct.anaphor,
        "the next sentence points back: „…“ Das sagte X.",
        "„Der Vertrag ist tot.“ Das sagte der Kanzler am Montag.",
        "der Kanzler",
    ),
    Rule(
        "direct-before",
        direct.before,
        "frame before the quote on its line: X sagte: „…“ / X sagte, „…“ / …, so X weiter: „…“",
        "Die Sprecherin sagte: „Wir prüfen den Fall sehr genau.“",
        "Die Sprecherin",
    ),
    Rule(
        "direct-before-subject",
        direct.before_subject,
        "a frame before the quote ending in ':' without a speech verb: the subject of its verb",
        "Die Verantwortung lehnt er jedoch ab: „Ich habe nichts falsch gemacht.“",
        "er",
    ),
    Rule(
        "direct-before-name",
        direct.before_name,
        "a bare name before the colon: X: „…“",
        "Bundesinnenminister Karl Weber: „Wir lassen uns nicht erpressen.“",
        "Bundesinnenminister Karl Weber",
    ),
    Rule(
        "direct-frame-line",
        direct.frame_line,
        "a quote on its own line after a frame line ending in ':' (X erklärte:)",
        "Anna Schmidt erklärte am Abend:\n„Wir prüfen den Fall sehr genau.“",
        "Anna Schmidt",
    ),
    Rule(
        "direct-frame-line-subject",
        direct.frame_line_subject,
        "a frame line ending in ':' without a speech verb: the subject of its verb",
        "Danach wandte sich die Trainerin an die Mannschaft:\n„Wir spielen morgen auf Sieg.“",
        "die Trainerin",
    ),
    Rule(
        "direct-frame-line-name",
        direct.frame_line_name,
        "a frame line that is a bare name and a colon",
        "Bundesinnenminister Karl Weber:\n„Wir lassen uns nicht erpressen.“",
        "Bundesinnenminister Karl Weber",
    ),
    Rule(
        "direct-inside",
        direct.inside,
        "a partial quote in a sentence with a cue verb or '…, so X': its subject or passive agent",
        "Die Angriffe wurden von Rjabkow als „höchst beunruhigend“ kritisiert.",
        "Rjabkow",
    ),
    Rule(
        "direct-source",
        direct.source,
        "a partial quote in a sentence with a source phrase (laut X, nach Angaben X …)",
        "Laut Polizei war die Lage „völlig außer Kontrolle geraten“.",
        "Polizei",
    ),
    Rule(
        "direct-in-indirect",
        direct.in_indirect,
        "a partial quote inside reported speech: that clause's cue and speaker",
        "Die Opposition erhob den Vorwurf der Gewerkschaften, die Reform sei „reine Kosmetik“.",
        "der Gewerkschaften",
    ),
    Rule(
        "direct-inside-subject",
        direct.inside_subject,
        "a partial quote in a sentence without a cue: the subject of its first finite verb",
        "Der Oppositionsführer attackierte den Plan als „einen Angriff auf die Freiheit“.",
        "Der Oppositionsführer",
    ),
    Rule(
        "direct-reported",
        direct.reported,
        "a short quote in a Konjunktiv sentence without a cue: the previous speaker",
        "Die Sprecherin sagte: „Wir prüfen den Fall.“ Die Lage sei „dramatisch“.",
        "Die Sprecherin",
    ),
    Rule(
        "direct-continue",
        direct.continued,
        "an un-cued quote paragraph at most 3 lines after another quote: the previous speaker",
        "Die Ärztin Eva Brandt sagte:\n„Wir haben keine Betten mehr frei.“\n„Die Lage ist sehr ernst.“",
        "Die Ärztin Eva Brandt",
    ),
    Rule(
        "direct-bare",
        direct.bare,
        "a long quote (at least 4 words) without cue and without a previous speaker",
        "„Wir werden nicht aufgeben, niemals.“",
        None,
    ),
)

INDIRECT_RULES: tuple[Rule, ...] = (
    Rule(
        "indirect-verb",
        indirect.verb,
        "a content clause after a cue verb: X erklärte, dass … / sagte, man werde … / said (that) …",
        "Der Minister erklärte, dass die Steuern nicht steigen würden.",
        "Der Minister",
    ),
    Rule(
        "indirect-colon",
        indirect.colon,
        "speech after a colon without marks: X sagte: Wir werden … (direct unless in Konjunktiv I)",
        "Der Minister sagte am Montag: Wir werden das nicht zulassen.",
        "Der Minister",
    ),
    Rule(
        "indirect-source",
        indirect.source,
        "the clause around a source phrase: laut X, nach Angaben (von) X, X zufolge, according to X",
        "Nach Angaben der Feuerwehr brannte die Halle vollständig ab.",
        "der Feuerwehr",
    ),
    Rule(
        "indirect-so",
        indirect.so,
        "content before '…, so X.' or around '…, so X, …'",
        "Die Preise würden weiter steigen, so die Bundesbank.",
        "die Bundesbank",
    ),
    Rule(
        "indirect-quote-first",
        indirect.quote_first,
        "content before its frame: …, sagte X. / …, teilte X mit. / …, hieß es. / …, X said.",
        "Die Lage sei unter Kontrolle, teilte das Ministerium mit.",
        "das Ministerium",
    ),
    Rule(
        "indirect-anaphor",
        indirect.anaphor,
        "the previous sentence reported by 'Das bestätigte X.'",
        "Der Bau sei zu teuer gewesen. Das bestätigte der Bürgermeister am Abend.",
        "der Bürgermeister",
    ),
    Rule(
        "indirect-noun",
        indirect.noun,
        "a content clause after a claim noun: der Vorwurf, … sei … / die Forderung, … zu …",
        "Das Gericht wies den Vorwurf der Verteidigung, das Verfahren sei unfair, zurück.",
        "der Verteidigung",
    ),
)

# Rules over the whole document, run after the direct and indirect rules (`finder.py`).
DOCUMENT_RULES: tuple[Rule, ...] = (
    Rule(
        continuation.RULE,
        continuation.find_continuations,
        "Konjunktiv I sentences without a cue of their own after a quote: the previous speaker's reported speech",
        "Der Minister sagte, die Lage sei ernst. Man arbeite an einer Lösung.",
        "Der Minister",
    ),
    Rule(
        interview.RULE,
        interview.find_interview,
        "an interview answer after a speaker label (Name: …); the interviewer's questions are no quotes",
        "Karl Weber leitet das Bauamt.\nFRAGE: Wie geht es weiter?\nWeber: Wir bauen die Brücke bis zum "
        "Sommer neu.\nFRAGE: Und die Kosten?\nWeber: Die Kosten trägt das Land.",
        "Weber",
    ),
)

RULES: dict[str, Rule] = {r.id: r for r in DIRECT_RULES + INDIRECT_RULES + DOCUMENT_RULES}
if len(RULES) != len(DIRECT_RULES) + len(INDIRECT_RULES) + len(DOCUMENT_RULES):
    raise ValueError("quotes/rules.py: a rule id is declared twice")


def explain_rule(rule_id: str | None) -> str:
    """The rule behind a quote's `rule`, readable: id, description."""
    if not rule_id:
        return ""
    rule = RULES.get(rule_id)
    return f"{rule.id}: {rule.description}" if rule else rule_id
