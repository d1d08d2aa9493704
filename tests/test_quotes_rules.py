"""The quote rule table, the per-language patterns and tag classes the rules read, and `quotes --explain`
(sentences written for these tests)."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

import lagebild
from lagebild.actors.linker import LinkActors
from lagebild.cli import main
from lagebild.lang import all_languages, get_language
from lagebild.nlp import Tokenize
from lagebild.pipeline import Pipeline, Prepare
from lagebild.quotes import FindQuotes
from lagebild.quotes import context as quote_context
from lagebild.quotes.lexicon import PATTERNS, lexicon
from lagebild.quotes.rules import DIRECT_RULES, INDIRECT_RULES, RULES, explain_rule
from lagebild.quotes.tagsets import quote_tags
from lagebild.records import Article, Doc

PIPELINE = Pipeline([Prepare(), Tokenize(), LinkActors(), FindQuotes()])
QUOTES_SRC = Path(lagebild.__file__).parent / "quotes"


def quotes(text: str, language: str = "de"):
    return lagebild.analyze(text, language=language, pipeline=PIPELINE).quotes


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_rule_fires_on_its_example(rule):
    found = [q for q in quotes(rule.example, rule.language) if q.rule == rule.id]
    assert found, (rule.id, [(q.rule, q.text) for q in quotes(rule.example, rule.language)])
    assert (found[0].speaker.text if found[0].speaker else None) == rule.speaker


def test_rule_table_kinds_and_descriptions():
    assert all(r.id.startswith("direct-") for r in DIRECT_RULES)
    assert all(r.id.startswith("indirect-") for r in INDIRECT_RULES)
    assert all(r.description and r.example and callable(r.find) for r in RULES.values())


def test_every_quote_carries_a_declared_rule(analyzed_examples):
    texts = [
        "„Wir bleiben hart“, sagte der Minister. Er fügte hinzu:\n„Wir geben nicht nach.“",
        "Laut Polizei sei der Täter geflohen. Das bestätigte ein Sprecher am Abend.",
        '"We will not give in," the minister said. Prices will rise, the bank said on Monday.',
    ]
    found = [q for t in texts for q in quotes(t, "en" if t.startswith('"') else "de")]
    found += [q for a in analyzed_examples.values() for q in a.quotes]
    assert len(found) > 10
    assert {q.rule for q in found} <= set(RULES)


def test_docs_list_every_rule():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "quotes.md").read_text(encoding="utf-8")
    assert [r for r in RULES if f"| `{r}` |" not in doc] == []


def test_explain_rule_gives_id_and_description():
    assert explain_rule("indirect-so") == f"indirect-so: {RULES['indirect-so'].description}"
    assert explain_rule("no-such-rule") == "no-such-rule" and explain_rule(None) == ""


def test_cli_quotes_explain_prints_rule_description_and_cue(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("„Wir bleiben hart“, sagte der Minister am Montag.", encoding="utf-8")
    assert main(["quotes", str(path), "--language", "de", "--explain"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "[direct]" in out and "„Wir bleiben hart“" in out
    assert "direct-after: frame after the quote" in out and "cue: sagte" in out


# ----- optional patterns (lang/<code>/quotes/patterns.tsv)


def _pattern_examples():
    for lang in all_languages():
        if lang.has("quotes", "patterns.tsv"):
            for row in lang.read_tsv("quotes", "patterns.tsv", required=("pattern", "example")):
                yield pytest.param(
                    lang.code, row["pattern"], row["example"], id=f"{lang.code}-{row['pattern']}"
                )


@pytest.mark.parametrize("code, pattern, example", list(_pattern_examples()))
def test_pattern_example_needs_its_pattern(code, pattern, example, monkeypatch):
    assert pattern in PATTERNS
    with_pattern = [q for q in quotes(example, code) if q.kind == "indirect"]
    assert with_pattern, example
    without = dataclasses.replace(lexicon(code), patterns=lexicon(code).patterns - {pattern})
    monkeypatch.setattr(quote_context, "lexicon", lambda language: without)
    assert [q for q in quotes(example, code) if q.kind == "indirect"] == []


def test_english_reads_english_source_heads():
    heads = lexicon("en").source_heads
    assert "spokesman" in heads and "ministers" in heads
    assert not any(h.startswith("sprecher") for h in heads)
    assert lexicon("en").time_nouns == frozenset() and "Montag" in lexicon("de").time_nouns


# ----- tag classes: the rules read classes, each language defines them


@pytest.mark.parametrize(
    "code, text, word, predicate",
    [
        ("de", "Der Minister sagte, die Lage sei ernst.", "sagte", "finite"),
        ("de", "Der Minister hat gesagt, die Lage sei ernst.", "hat", "aux_or_modal"),
        ("de", "Der Minister hat gesagt, die Lage sei ernst.", "gesagt", "full_participle"),
        ("de", "Der Minister sagte, die Lage sei ernst.", ",", "comma_punct"),
        ("de", "Der Minister sagte, die Lage sei ernst.", ".", "sent_punct"),
        ("de", "Er kündigte an, die Lage zu prüfen.", "an", "particle"),
        ("en", "The minister said the situation was serious.", "said", "finite"),
        ("en", "The minister has said that the talks will resume.", "will", "aux_or_modal"),
        ("en", "The minister has said that the talks will resume.", "said", "full_participle"),
        ("en", "The minister said, however, that talks will resume.", ",", "comma_punct"),
        ("en", "The minister said, however, that talks will resume.", ".", "sent_punct"),
        ("en", "Officials pointed out that the border was closed.", "out", "particle"),
    ],
)
def test_tag_classes_classify_real_tokens(code, text, word, predicate):
    doc = Tokenize()(Doc(Article(id="t", text=text, language=code)))
    tok = next(t for t in doc.tokens if t.text == word)
    tags = quote_tags(code)
    assert getattr(tags, predicate)(tok), (tok.text, tok.tag)
    others = {"comma_punct": "sent_punct", "sent_punct": "comma_punct", "finite": "full_participle"}
    if predicate in others:
        assert not getattr(tags, others[predicate])(tok), (tok.text, tok.tag)


def test_every_language_defines_every_tag_class():
    fields = [f.name for f in dataclasses.fields(get_language("de").tags)]
    for lang in all_languages():
        for name in fields:
            assert getattr(lang.tags, name) is not None, (lang.code, name)
    # a tag belongs to at most one of the fine noun/determiner/punctuation classes
    for lang in all_languages():
        g = lang.tags
        fine = [g.common_noun, g.proper, g.article, g.adjective, g.possessive, g.dem_det, g.cardinal]
        fine += [g.sent_punct, g.comma_punct, g.bracket_punct, g.text_punct, g.adverb, g.prep_simple]
        assert sum(len(c) for c in fine) == len(frozenset().union(*fine)), lang.code


def _quote_modules():
    return sorted(QUOTES_SRC.glob("*.py"))


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _reads_tag_or_language(node: ast.AST) -> bool:
    names = {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
    names |= {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    return bool(names & {"tag", "language", "lang", "code"})


@pytest.mark.parametrize("path", _quote_modules(), ids=lambda p: p.name)
def test_quote_code_tests_no_tag_string_and_no_language(path):
    """Rules ask tag classes, never a tag string of one language, and never test a language code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
            for i, part in enumerate(parts):
                if _reads_tag_or_language(part):
                    bad += [(node.lineno, s) for other in parts[:i] + parts[i + 1 :] for s in _strings(other)]
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("startswith", "endswith")
            and _reads_tag_or_language(node.func.value)
        ):
            bad += [(node.lineno, s) for a in node.args for s in _strings(a)]
    # nor keeps tag strings in module constants ("NOUN = {'NN', 'NE'}")
    universe = {
        t for lang in all_languages() for f in dataclasses.fields(lang.tags) for t in _tags(lang.tags, f)
    }
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            bad += [(node.lineno, s) for s in _strings(node.value) if s in universe]
    assert bad == [], f"{path.name}: {bad}"


WORD_FIELDS = {"subject_pronouns", "speaker_pronouns", "oblique", "genitive", "boundary_words"}


def _tags(view, field) -> frozenset[str]:
    value = getattr(view, field.name)
    return value if isinstance(value, frozenset) and field.name not in WORD_FIELDS else frozenset()
