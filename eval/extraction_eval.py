"""HTML extraction on trafilatura's own evaluation pages: must-have / must-not snippets and metadata.

    python eval/extraction_eval.py PATH/TO/trafilatura/tests [--all] [--show]

PATH is the `tests/` folder of a trafilatura checkout (it holds `evaldata.json`, `cache/` and
`eval/`); the pages are read from there and never copied into this repository. Without a path (or
with a path that is not there) the script says so and exits 0, so `make eval` runs without it.

Two sets:
- `news`: the German and English news pages of trafilatura's test cache (named below), scored by
  their expected snippets: how many `with` snippets the extracted text holds (more is better) and how
  many `without` snippets it holds (fewer is better).
- `--all`: every German or English page of `evaldata.json` (language from py3langid on its expected
  snippets), with the same counts plus title, author and date against the page's metadata where
  evaldata gives them.

The scoring calls `lagebild.ingest.html.extract_html`, so the same script measures any version of
the extraction (run it with PYTHONPATH pointing at another checkout's `src/` for a before/after).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from collections import Counter
from pathlib import Path

NEWS = {
    "de": [
        "computerbase.de.htc.html", "correctiv.org.zusage.html", "cnet.de.schutz.html",
        "faz.net.streaming.html", "futurezone.at.lyft.html", "heise.de.lithium.html", "meedia.de.freenet.html",
        "ndr.de.podcastcoronavirus140.html", "netzpolitik.org.abmahnungen.html", "rnz.de.witzel.html",
        "spiegel.de.albtraum.html", "sueddeutsche.de.flixtrain.html", "zeit.de.zugverkehr.html",
    ],
    "en": [
        "dw.com.colonial.html", "mercurynews.com.2023.01.16.letters-1119.html", "nature.com.telescope.html",
        "nationalgeographic.co.uk.goats.html", "pcgamer.com.skyrim.html", "phys.org.tool.html",
        "reuters.com.parasite.html", "salon.com.emissions.html", "scmp.com.playbook.html",
        "theguardian.com.academics.html", "theverge.com.ios13.html", "threatpost.com.android.html",
        "vancouversun.com.microsoft.html", "vice.com.amazon.html",
    ],
}  # fmt: skip


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str | None) -> str:
    return norm(text or "").casefold()


def find(tests: Path, filename: str) -> Path | None:
    for sub in ("cache", "eval"):
        path = tests / sub / filename
        if path.is_file():
            return path
    return None


def extract(path: Path) -> dict:
    """Text and metadata as lagebild extracts them; an InputError counts as an empty text."""
    from lagebild.errors import InputError
    from lagebild.ingest.html import extract_html

    html = path.read_bytes().decode("utf-8", errors="replace")
    try:
        ex = extract_html(html, path.name)
    except InputError as exc:
        return {"text": "", "title": None, "author": None, "published": None, "error": exc.reason}
    return {"text": ex.text, "title": ex.title, "author": ex.author, "published": ex.published}


def score_page(item: dict, got: dict) -> dict:
    text = norm(got["text"])
    out = {
        "with": sum(norm(s) in text for s in item["with"]),
        "with_total": len(item["with"]),
        "without": sum(norm(s) in text for s in item["without"]),
        "without_total": len(item["without"]),
    }
    for key, field in (("title", "title"), ("author", "author"), ("date", "published")):
        gold = item.get(key)
        if gold:
            out[f"{key}_total"] = 1
            out[key] = int(_same(key, gold, got.get(field)))
    return out


def _same(key: str, gold: str | list, got: str | None) -> bool:
    if isinstance(gold, list):  # a few annotations list several authors
        gold = "; ".join(gold)
    if key == "date":
        return (got or "")[:10] == gold[:10]
    if key == "author":
        names = lambda s: {fold(x) for x in re.split(r";|,| and | und ", s or "") if x.strip()}  # noqa: E731
        return names(gold) == names(got)
    return fold(gold) == fold(got)


def language(item: dict) -> str | None:
    import py3langid

    sample = " ".join(item["with"] + item.get("without", []))
    lang, _ = py3langid.classify(sample)
    return lang if lang in ("de", "en") else None


def in_split(filename: str, split: str | None) -> bool:
    """A fixed half of the pages by file name: `dev` (inspected while writing the rules) or `test`."""
    if split is None:
        return True
    return (zlib.crc32(filename.encode("utf-8")) % 2 == 0) == (split == "dev")


def pages(tests: Path, data: dict, everything: bool) -> list[tuple[str, str, dict]]:
    """(language, file, annotation) for the pages to score."""
    by_file = {v["file"]: v for v in data.values()}
    if not everything:
        return [(lang, f, by_file[f]) for lang, files in NEWS.items() for f in files if f in by_file]
    out = []
    for item in data.values():
        lang = language(item)
        if lang and find(tests, item["file"]):
            out.append((lang, item["file"], item))
    return sorted(out)


def run(tests: Path, everything: bool, show: bool, split: str | None = None) -> dict:
    data = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    totals: dict[str, Counter] = {}
    for lang, filename, item in pages(tests, data, everything):
        path = find(tests, filename)
        if path is None or not in_split(filename, split):
            continue
        got = extract(path)
        page = score_page(item, got)
        totals.setdefault(lang, Counter()).update(page | {"pages": 1})
        if show:
            print(f"{lang} {filename}: with {page['with']}/{page['with_total']} "
                  f"without {page['without']}/{page['without_total']} | title {got['title']!r} | "
                  f"author {got['author']!r} | date {got['published']!r}"
                  + (f" | error {got['error']}" if "error" in got else ""))  # fmt: skip
    return {lang: dict(c) for lang, c in sorted(totals.items())}


def report(totals: dict) -> None:
    for lang, c in totals.items():
        line = (
            f"{lang}: {c['pages']} pages | must-have found {c['with']}/{c['with_total']} | "
            f"must-not found {c['without']}/{c['without_total']}"
        )
        for key in ("title", "author", "date"):
            if c.get(f"{key}_total"):
                line += f" | {key} {c.get(key, 0)}/{c[f'{key}_total']}"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("tests", nargs="?", help="trafilatura's tests/ folder (evaldata.json, cache/, eval/)")
    parser.add_argument("--all", action="store_true", help="every German or English page, with metadata")
    parser.add_argument("--show", action="store_true", help="one line per page")
    parser.add_argument("--split", choices=["dev", "test"], help="only one fixed half of the pages")
    parser.add_argument("--json", help="write the totals to this file")
    args = parser.parse_args(argv)
    tests = Path(args.tests) if args.tests else None
    if tests is None or not (tests / "evaldata.json").is_file():
        print("extraction_eval: skipped (give the path of trafilatura's tests/ folder)")
        return 0
    totals = run(tests, args.all, args.show, args.split)
    report(totals)
    if args.json:
        Path(args.json).write_text(json.dumps(totals, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
