"""Actor coverage: own held-out lists of political actors of 2015–2026 as German news writes them.

The bar of issue 14 is 0.90 linked with the right country (IGO / NGO: an IGO / NGO code). Which list was
tuned on and which was not is in docs/actors.md ("Held-out actor lists"):
- `heldout_de.tsv` was committed together with the KB entries it tests and is at 1.00: tuned on;
- `heldout2_de.tsv` was written after the KB; the code before it was committed scored 0.972, the commit
  that added it fixed three of its rows: mostly blind;
- `heldout3_de.tsv` was written blind by a later helper (no row of the other lists, no name the issue
  lists), scored 0.908 on its first run; it must not be tuned on. Its floor is the issue's bar.
The floors pin today's level.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval.actors_eval import read_cases, score  # noqa: E402

LISTS = ROOT / "tests" / "data" / "actors"


@pytest.mark.parametrize(
    ("name", "floor"), [("heldout_de.tsv", 0.97), ("heldout2_de.tsv", 0.97), ("heldout3_de.tsv", 0.90)]
)
def test_heldout_actor_list_is_linked_with_the_right_country(name, floor):
    cases = read_cases(LISTS / name)
    assert len(cases) >= 145
    assert {c.expected for c in cases} >= {"IGO", "NGO", "DEU", "USA", "TUR", "SYR"}
    figure, misses = score(cases)
    shown = "\n".join(f"line {c.line}: {c.mention!r} want {c.expected}, got {got}" for c, got in misses[:20])
    assert figure >= floor, shown
