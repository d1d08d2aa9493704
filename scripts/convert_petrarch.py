"""Convert PETRARCH2's CAMEO.2.0.txt verb dictionary into lagebild's pattern format (lang/en/events/patterns.tsv).

PETRARCH2 (Open Event Data Alliance, MIT licence) groups verbs in blocks ("--- ATTACK [190] ---")
with synonyms, each verb or block carrying a default code, and phrase patterns under it
("- * (ON &MILITARY) [190]"). lagebild's matcher is clause-based, not parse-tree based, so a phrase
becomes a set of conditions: every content word must occur in the clause (synonym sets expand to
alternatives), and a preposition whose phrase PETRARCH marks as the target ("+") becomes the target
preposition. Word order, the source/target markers elsewhere and skips ("^") are dropped. Codes 010
(make statement) are left out on purpose: the residual statement code floods event data.

    python scripts/convert_petrarch.py [--src ../shared/data/cameo/petrarch2-dictionaries/CAMEO.2.0.txt]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

HEADER = """\
# English CAMEO event patterns for lagebild, converted by scripts/convert_petrarch.py from PETRARCH2's
# CAMEO.2.0.txt verb dictionary (Open Event Data Alliance, 2015; MIT licence; TABARI/CAMEO lineage).
# Do not edit by hand: change the converter or the German-style hand file instead. Syntax: lang/de/events/patterns.tsv.
# Each example column quotes the PETRARCH pattern the line was converted from.
"""

# Acts two actors do together: coordinated subjects ("Russia and Iran signed") give both directions.
SYMMETRIC = {"040", "041", "044", "046", "050", "057", "060", "061", "062", "063", "064"}

_CODE = re.compile(r"\[([^\]]*)\]")


def _code(spec: str, valid: set[str]) -> str | None:
    for part in spec.split(":"):
        part = part.strip()
        if part in valid and part != "010":
            return part
    return None


def _word(w: str) -> str:
    return w.strip("_").replace("_", " ").lower()


def read(path: Path):
    """Synonym sets and verb blocks: (block name, verbs with codes, default code, patterns)."""
    synsets: dict[str, list[str]] = {}
    blocks = []
    current_set = None
    block = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            current_set = None if not raw.startswith("+") else current_set
            continue
        if line.startswith("&"):
            current_set = line[1:].strip()
            synsets[current_set] = []
            continue
        if line.startswith("+") and current_set is not None and block is None:
            synsets[current_set].append(_word(line[1:].split()[0]))
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            block = {"name": m[1], "code": m[2], "verbs": [], "patterns": []}
            blocks.append(block)
            current_set = None
            continue
        if block is None:
            continue
        if line.startswith("-"):
            cm = _CODE.search(line)
            if cm:
                block["patterns"].append((line[1 : cm.start()].strip(), cm[1], raw.strip()))
            continue
        if line.startswith("+"):
            continue  # multi-word verb forms: phrasal verbs are not matched as such
        word = line.split()[0]
        if re.match(r"^[A-Z][A-Z'-]*$", word):
            cm = _CODE.search(line)
            block["verbs"].append((_word(word), cm[1] if cm else None))
    return synsets, blocks


def conditions(phrase: str, synsets: dict[str, list[str]]) -> tuple[list[str], str | None]:
    """Content-word conditions ('&a|b') and the target preposition of one PETRARCH phrase."""
    conds: list[str] = []
    target_prep = None
    for group in re.findall(r"\(([^)]*)\)|(\{[^}]*\}|\S+)", phrase):
        inside, word = group
        if inside:
            words = inside.replace("{", " ").replace("}", " ").split()
            marked = "+" in words
            words = [w for w in words if w not in ("+", "$", "^", "%", "*")]
            if words:
                prep = _word(words[0])
                if marked and prep.isalpha():
                    target_prep = prep
                for w in words[1:]:
                    conds.append(_cond(w, synsets))
            continue
        for w in word.replace("{", " ").replace("}", " ").split():
            if w in ("*", "+", "$", "^", "%") or not w.strip("+$^%"):
                continue
            conds.append(_cond(w.strip("+$^%"), synsets))
    return [c for c in conds if c], target_prep


def _cond(w: str, synsets: dict[str, list[str]]) -> str:
    if w.startswith("&"):
        alts = synsets.get(w[1:], [])
        alts = [a for a in alts if a and " " not in a and "|" not in a]
        return "|".join(sorted(set(alts))[:40])
    w = _word(w)
    return w if w.replace("'", "").replace("-", "").isalpha() and " " not in w else ""


def convert(src: Path, out: Path) -> int:
    from lagebild.events.cameo import cameo_table

    valid = set(cameo_table())
    synsets, blocks = read(src)
    rows: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()

    def add(pid: str, code: str, pattern: str, example: str) -> None:
        base, n = pid, 1
        while pid in seen:
            n += 1
            pid = f"{base}.{n}"
        seen.add(pid)
        rows.append((pid, code, pattern, example.replace("\t", " ")))

    for b in blocks:
        verbs = [v for v, _ in b["verbs"] if v.isalpha()]
        if not verbs:
            continue
        name = b["name"].lower().strip("_")
        default = _code(b["code"], valid)
        lemmas = "|".join(dict.fromkeys(verbs))
        for v, c in b["verbs"]:
            code = _code(c, valid) if c else None
            if code and v.isalpha():
                add(f"en.{name}.{v}", code, f"V {v}", f"PETRARCH2 {b['name']}: {v.upper()} [{c}]")
        if default:
            sym = " sym" if default in SYMMETRIC else ""
            add(f"en.{name}", default, f"V {lemmas}{sym}", f"PETRARCH2 block {b['name']} [{b['code']}]")
        for i, (phrase, spec, raw) in enumerate(b["patterns"], 1):
            code = _code(spec, valid)
            if not code:
                continue
            conds, prep = conditions(phrase, synsets)
            if not conds and not prep:
                continue
            pattern = f"V {lemmas}" + "".join(f" &{c}" for c in conds) + (f" >{prep}" if prep else "")
            pattern += " sym" if code in SYMMETRIC else ""
            add(f"en.{name}.p{i}", code, pattern, f"PETRARCH2 {raw}")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("id\tcode\tpattern\texample\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--src",
        type=Path,
        default=ROOT.parent / "shared" / "data" / "cameo" / "petrarch2-dictionaries" / "CAMEO.2.0.txt",
    )
    ap.add_argument(
        "--out", type=Path, default=ROOT / "src" / "lagebild" / "lang" / "en" / "events" / "patterns.tsv"
    )
    args = ap.parse_args()
    print(f"{convert(args.src, args.out)} patterns -> {args.out}")


if __name__ == "__main__":
    main()
