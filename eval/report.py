"""The baseline as Markdown: the full table in docs/evaluation.md and the summary in the README.

`python -m eval --update-baseline` rewrites both blocks (between `<!-- eval:NAME -->` and
`<!-- /eval:NAME -->`), so the documents always show the figures the gate holds;
tests/test_eval_gate.py checks that they do.
"""

from __future__ import annotations

import re
from pathlib import Path

from eval.suites import BY_NAME, SUITES

LABELS = {
    "direct_p": "direct P",
    "direct_r": "direct R",
    "direct_f1": "direct F1",
    "indirect_p": "indirect P",
    "indirect_r": "indirect R",
    "indirect_f1": "indirect F1",
    "speaker_acc": "speaker accuracy",
    "root_p": "root P",
    "root_r": "root R",
    "code_p": "code P",
    "code_r": "code R",
    "forbidden": "forbidden codes",
    "full_p": "full P",
    "full_r": "full R",
    "lenient_p": "lenient P",
    "must_not": "must-not hits",
    "quotes_p": "quotes P",
    "quotes_r": "quotes R",
    "quotes_speaker": "quote speaker",
    "test_acc": "test accuracy",
    "test_coarse": "test coarse",
    "dev_acc": "dev accuracy",
    "dev_coarse": "dev coarse",
    "accuracy": "accuracy",
    "de_acc": "German",
    "en_acc": "English",
    "non_date_acc": "non-dates",
    "dated_share": "events with a date",
    "uas": "UAS",
    "las": "LAS",
    "uas_raw": "UAS parser alone",
    "las_raw": "LAS parser alone",
    "aligned": "aligned tokens",
    "subject_f1": "subject F1",
    "subject_passive_f1": "passive subject F1",
    "object_f1": "object F1",
    "indirect_object_f1": "indirect object F1",
    "agent_f1": "agent F1",
    "p": "P",
    "r": "R",
    "f1": "F1",
    "news_f1": "news F1",
    "per_f1": "PER F1",
    "loc_f1": "LOC F1",
    "org_f1": "ORG F1",
}
MODES = {"tokens": "gold tokens", "pipeline": "own tokens"}
TUNED = {"yes": "tuned on", "no": "**not tuned on**", "partly": "partly"}


def label(figure: str) -> str:
    if "." in figure:  # ner_cv: tokens.f1, pipeline.news_f1
        mode, name = figure.split(".", 1)
        return f"{LABELS.get(name, name.replace('_', ' '))} ({MODES.get(mode, mode)})"
    return LABELS.get(figure, figure.replace("_", " "))


def fmt(value) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def in_order(baseline: dict) -> list[tuple[str, dict]]:
    """The baseline's suites in the order of eval/suites.py (unknown ones last)."""
    order = {s.name: i for i, s in enumerate(SUITES)}
    return sorted(baseline["suites"].items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def full_table(baseline: dict) -> str:
    """One row per suite: set, tuned on it or not, every figure, corpus size and digest."""
    lines = ["| suite | set | tuned on it | figures | corpus |", "|---|---|---|---|---|"]
    for name, s in in_order(baseline):
        lower = set(s.get("lower_is_better", ()))
        figs = ", ".join(
            f"{label(k)} {fmt(v)}" + (" (lower is better)" if k in lower else "")
            for k, v in s["figures"].items()
        )
        corpus = f"{s['corpus']['files']} files, sha256 `{s['corpus']['sha256'][:12]}`"
        lines.append(f"| `{name}` | {s['title']} | {s['tuned_on']}: {s['tuning']} | {figs} | {corpus} |")
    return "\n".join(lines)


def summary_table(baseline: dict) -> str:
    """The README's short table: the headline figures of each suite that has some."""
    lines = ["| what | tuned on it? | figures | bar |", "|---|---|---|---|"]
    for name, s in in_order(baseline):
        suite = BY_NAME.get(name)
        if suite is None or not suite.headline:
            continue
        figs = ", ".join(f"{label(k)} {fmt(s['figures'][k])}" for k in suite.headline if k in s["figures"])
        bar = " / ".join(f"{v:.2f}" for v in suite.bar.values())
        missed = [k for k, v in suite.bar.items() if s["figures"].get(k, 0) < v]
        if bar and missed:
            bar += " (not met)"
        lines.append(f"| {suite.title} | {TUNED[s['tuned_on']]} | {figs} | {bar or '—'} |")
    return "\n".join(lines)


def replace_block(text: str, name: str, body: str) -> str:
    """Replace what stands between the block's markers; ValueError when they are missing."""
    pattern = re.compile(rf"(<!-- eval:{name} -->\n).*?(<!-- /eval:{name} -->)", re.S)
    if not pattern.search(text):
        raise ValueError(f"markers <!-- eval:{name} --> ... <!-- /eval:{name} --> not found")
    return pattern.sub(lambda m: m[1] + body + "\n" + m[2], text)


def block(text: str, name: str) -> str | None:
    m = re.search(rf"<!-- eval:{name} -->\n(.*?)\n<!-- /eval:{name} -->", text, re.S)
    return m[1] if m else None


DOCUMENTS = (("docs/evaluation.md", "figures", full_table), ("README.md", "summary", summary_table))


def write_documents(root: Path, baseline: dict) -> list[Path]:
    """Rewrite the generated blocks of docs/evaluation.md and README.md; the files that changed."""
    changed = []
    for rel, name, render in DOCUMENTS:
        path = root / rel
        old = path.read_text(encoding="utf-8")
        new = replace_block(old, name, render(baseline))
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed
