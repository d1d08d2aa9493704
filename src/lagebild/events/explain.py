"""`lagebild events --explain`: the pattern and the clause analysis behind each event.

The article is analysed again up to the event coder (the stages are deterministic, so the events are
the article's own), and each coded event is described: its pattern, the clause's predicate with voice
and kind, its roles (subject, objects, indirect object, prepositional objects, passive agent), the
modality the coder read, and the sides it chose.
"""

from __future__ import annotations

from ..records import Article, Doc
from .coder import Coded, code_events
from .patterns import explain_rule


def explain_article(article: Article) -> list[str]:
    """One description per event of a freshly analysed article, in the article's event order."""
    from ..actors.linker import LinkActors
    from ..dates import FindDates
    from ..nlp import Tokenize
    from ..pipeline import PREPARED, Pipeline
    from ..quotes.finder import FindQuotes
    from ..syntax import Parse

    fresh = Article(id=article.id, text=article.text, language=article.language, published=article.published)
    pipe = Pipeline([Tokenize(), Parse(), LinkActors(), FindDates(), FindQuotes()], start=PREPARED)
    doc = pipe(Doc(fresh))
    return [describe(doc, c) for c in code_events(doc)]


def _word(doc: Doc, i: int | None) -> str:
    return "-" if i is None else repr(doc.tokens[i].text)


def describe(doc: Doc, coded: Coded) -> str:
    """The pattern, the clause analysis and the modality behind one event, on a few lines."""
    f, ev = coded.frame, coded.event
    c = f.clause
    pred = doc.tokens[c.predicate].text
    roles = [
        f"subject {_word(doc, c.subject)}",
        f"object {', '.join(_word(doc, o) for o in c.objects) or '-'}",
        f"indirect object {_word(doc, c.indirect_object)}",
        f"agent {_word(doc, c.agent)}",
    ]
    roles += [f"{prep or '(bare)'} {_word(doc, h)}" for prep, h in c.obliques]
    trigger = f"noun {doc.tokens[f.token].text!r} in the clause of" if f.kind == "N" else "predicate"
    side = f"source {ev.source.text if ev.source else '-'!r}, target {ev.target.text if ev.target else '-'!r}"
    mod = coded.modality.kind + (f" ({coded.modality.reason})" if coded.modality.reason else "")
    return (
        f"{explain_rule(ev.rule)}\n"
        f"     clause: {trigger} {pred!r} ({c.lemma}, {c.voice}, {c.kind} clause"
        f"{', mood ' + c.mood if c.mood != 'ind' else ''}{', modal ' + c.modal if c.modal else ''})\n"
        f"     roles: {'; '.join(roles)}\n"
        f"     read: {side}; modality {mod}"
    )
