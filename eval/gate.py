"""The evaluation gate: compare measured figures with eval/baseline.json. Pure functions, no I/O.

A *suite* is one set scored one way (quotations on Wikinews dev, events on heldout.tsv, ...). Its
entry holds the figures, the names of those where lower is better (counts such as must-not hits), and
the digest of the corpus files it read:

    {"corpus": {"files": 150, "sha256": "..."}, "figures": {"direct_f1": 0.9112, ...},
     "lower_is_better": ["must_not"], ...}

`compare` gives one row per figure. A figure fails when it dropped by more than the tolerance (0.01),
a lower-is-better figure when it rose at all, a suite when its corpus digest changed, and a figure
that is in only one of the two (new or gone) fails too, so that the baseline always holds every
figure the project reports. Improvements pass; `python -m eval --update-baseline` records them.
"""

from __future__ import annotations

from dataclasses import dataclass

TOLERANCE = 0.01
EPS = 1e-9  # figures are stored with 4 decimals; a drop of exactly the tolerance passes


@dataclass(frozen=True)
class Row:
    suite: str
    figure: str
    baseline: float | None
    now: float | None
    status: str  # ok, improved, dropped, rose, new, missing, corpus changed, skipped, error
    failed: bool
    note: str = ""

    @property
    def change(self) -> float | None:
        return None if self.baseline is None or self.now is None else self.now - self.baseline


def compare_figure(suite: str, name: str, base: float, now: float, lower_is_better: bool, tol: float) -> Row:
    change = now - base
    if lower_is_better:
        if change > EPS:
            return Row(suite, name, base, now, "rose", True, "lower is better: any rise fails")
        return Row(suite, name, base, now, "improved" if change < -EPS else "ok", False)
    if change < -tol - EPS:
        return Row(suite, name, base, now, "dropped", True, f"more than {tol:g} below the baseline")
    return Row(suite, name, base, now, "improved" if change > tol + EPS else "ok", False)


def compare_suite(name: str, base: dict | None, now: dict, tol: float = TOLERANCE) -> list[Row]:
    """Rows for one suite: its corpus, then each figure of the baseline and of the measurement."""
    if "skipped" in now:
        return [Row(name, "-", None, None, "skipped", False, now["skipped"])]
    if "error" in now:
        return [Row(name, "-", None, None, "error", True, now["error"])]
    if base is None:
        return [Row(name, f, None, v, "new", True, "not in the baseline") for f, v in now["figures"].items()]
    rows = []
    if base["corpus"]["sha256"] != now["corpus"]["sha256"]:
        note = f"{base['corpus']['files']} files then, {now['corpus']['files']} now; re-measure deliberately"
        rows.append(Row(name, "(corpus)", None, None, "corpus changed", True, note))
    lower = set(base.get("lower_is_better", ())) | set(now.get("lower_is_better", ()))
    for fig, value in base["figures"].items():
        if fig not in now["figures"]:
            rows.append(Row(name, fig, value, None, "missing", True, "not measured any more"))
        else:
            rows.append(compare_figure(name, fig, value, now["figures"][fig], fig in lower, tol))
    for fig, value in now["figures"].items():
        if fig not in base["figures"]:
            rows.append(Row(name, fig, None, value, "new", True, "not in the baseline"))
    return rows


def compare(baseline: dict, measured: dict[str, dict], tol: float | None = None) -> list[Row]:
    """Rows for every measured suite (suites of the baseline that were not run are left alone)."""
    tol = baseline.get("tolerance", TOLERANCE) if tol is None else tol
    suites = baseline.get("suites", {})
    return [row for name, now in measured.items() for row in compare_suite(name, suites.get(name), now, tol)]


def failures(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.failed]


def updated(baseline: dict, measured: dict[str, dict]) -> dict:
    """The baseline with every suite that was measured (not skipped, no error) replaced."""
    suites = dict(baseline.get("suites", {}))
    for name, now in measured.items():
        if "skipped" in now or "error" in now:
            continue
        old = suites.get(name)
        same = old is not None and all(old.get(k) == now.get(k) for k in ("corpus", "figures", "size"))
        suites[name] = {**now, "measured": old["measured"]} if same and "measured" in old else now
    return {
        **baseline,
        "tolerance": baseline.get("tolerance", TOLERANCE),
        "suites": dict(sorted(suites.items())),
    }


def _num(x: float | None) -> str:
    if x is None:
        return "-"
    return str(x) if isinstance(x, int) else f"{x:.4f}"


def table(rows: list[Row], only_notable: bool = False) -> str:
    """A plain-text table (readable in a terminal and in CI logs)."""
    shown = [r for r in rows if not only_notable or r.status != "ok"]
    head = ("suite", "figure", "baseline", "now", "change", "status")
    body = [
        (
            r.suite,
            r.figure,
            _num(r.baseline),
            _num(r.now),
            "-" if r.change is None else f"{r.change:+.4f}",
            ("FAIL " if r.failed else "")
            + r.status
            + (f" ({r.note})" if r.note and r.status != "ok" else ""),
        )
        for r in shown
    ]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(5)]
    lines = []
    for cells in [head, *body]:
        cols = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells[:5], widths, strict=True))
        ]
        lines.append("  ".join([*cols, cells[5]]))
    return "\n".join(lines)
