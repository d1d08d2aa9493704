"""Pack the NER's word gazetteer from its sources into `src/lagebild/lang/de/ner/gazetteer.marisa`.

    python scripts/build_gazetteer.py

Run it after editing any source: `actors/data/names/*.tsv[.gz]`, `lang/de/ner/cues.tsv`,
`org_cues_extra.tsv`, `nouns.txt.gz` (tests/test_ner.py fails while the packed file is stale).
Sources and licences: docs/DATA.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from lagebild.actors import gazetteer  # noqa: E402


def main() -> int:
    out = gazetteer.get_language("de").path(*gazetteer.PACKED)
    trie = gazetteer.build_gazetteer(out)
    print(f"{out}: {len(trie):,} entries, {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
