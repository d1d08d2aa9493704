#!/usr/bin/env python3
"""Rebuild the shipped dependency parsers (src/lagebild/lang/{de,en}/parser/) from ../shared.

usage: python scripts/train_parser.py de|en [--shared ../shared] [--work build/parser] [--seed 13]
                                      [--width 64] [--depth 2] [--hidden 64] [--max-steps N]

The parser reads lagebild's own tokens and HanTa's tags: each treebank sentence is cut into the surface
tokens SoMaJo produces (German contractions merged, see lagebild.syntax.conllu) and tagged by
`lagebild.nlp._tag`, the very function the pipeline tags with, so the parser learns with the tags it will
see at run time (predicted, not gold). The tag goes into the tok2vec as a hashed feature (TAG) beside the
word's NORM, PREFIX, SUFFIX and SHAPE.

Data (Universal Dependencies, CC BY-SA 4.0; the trained model is shared alike, see docs/DATA.md):
- de: train on UD German GSD dev + UD German PUD (1,799 sentences), of which a seeded 10% is held out
  for early stopping; GSD test (977 sentences) is never read here (it is eval/syntax_eval.py's test set).
- en: train on UD English EWT train, early stopping on EWT dev; EWT test is never read here.

Written next to the weights: training.json (data files with SHA-256, sentence counts, seed, spaCy
version, the config's hyper-parameters, the dev scores) and the config spaCy trained with.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from lagebild.syntax.conllu import UDSentence, read_conllu, split_off  # noqa: E402

DATA = {
    "de": {
        "train": [
            "data/ud-german/UD_German-GSD/de_gsd-ud-dev.conllu",
            "data/ud-german/UD_German-PUD/de_pud-ud-test.conllu",
        ],
        "dev": [],  # carved from train (seeded)
    },
    "en": {
        "train": ["data/ud-english/UD_English-EWT/en_ewt-ud-train.conllu.xz"],
        "dev": ["data/ud-english/UD_English-EWT/en_ewt-ud-dev.conllu.xz"],
    },
}
DEV_SHARE = 0.1
# The shipped models' settings (the command-line options override them): steps, evaluation interval and
# patience for early stopping on the dev set; the tok2vec and parser sizes are shared.
SCHEDULE = {
    "de": {"max_steps": 3000, "eval_frequency": 500, "patience": 3000},
    "en": {"max_steps": 4000, "eval_frequency": 500, "patience": 3000},
}

CONFIG = """
[paths]
train = null
dev = null

[system]
seed = {seed}
gpu_allocator = null

[nlp]
lang = "{lang}"
pipeline = ["parser"]
batch_size = 256
tokenizer = {{"@tokenizers":"spacy.Tokenizer.v1"}}

[components]

[components.parser]
factory = "parser"
learn_tokens = false
min_action_freq = 5
moves = null
scorer = {{"@scorers":"spacy.parser_scorer.v1"}}
update_with_oracle_cut_size = 100

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = {extra}
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.parser.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.parser.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG"]
rows = [{rows_norm}, 1000, 2500, 500, 200]
include_static_vectors = false

[components.parser.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3

[corpora]

[corpora.train]
@readers = "lagebild.tagged_docs.v1"
path = ${{paths.train}}

[corpora.dev]
@readers = "lagebild.tagged_docs.v1"
path = ${{paths.dev}}

[training]
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = 0.2
accumulate_gradient = 1
patience = {patience}
max_epochs = 0
max_steps = {max_steps}
eval_frequency = {eval_frequency}
frozen_components = []
annotating_components = []
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
dep_uas = 0.5
dep_las = 0.5
dep_las_per_type = null
sents_p = null
sents_r = null
sents_f = 0.0

[pretraining]

[initialize]
vectors = null
init_tok2vec = null
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def tagged(sentences: list[UDSentence], language: str) -> list[list[str]]:
    """HanTa's tags for each sentence's surface tokens, as the pipeline computes them."""
    from lagebild.nlp import _tag

    return [[tag for tag, _ in _tag(language, s.words)] for s in sentences]


def to_docbin(sentences: list[UDSentence], tags: list[list[str]], language: str, path: Path) -> None:
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank(language).vocab
    db = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "SENT_START"])
    for s, t in zip(sentences, tags, strict=True):
        db.add(Doc(vocab, words=s.words, spaces=s.spaces, tags=t, heads=s.heads, deps=s.deps))
    db.to_disk(path)


def register_reader() -> None:
    """`lagebild.tagged_docs.v1`: examples whose predicted side already carries HanTa's tags."""
    import spacy
    from spacy.tokens import Doc, DocBin
    from spacy.training import Example

    @spacy.registry.readers("lagebild.tagged_docs.v1")
    def create_reader(path: str):
        def read(nlp):
            for ref in DocBin().from_disk(path).get_docs(nlp.vocab):
                words = [t.text for t in ref]
                spaces = [bool(t.whitespace_) for t in ref]
                pred = Doc(nlp.vocab, words=words, spaces=spaces, tags=[t.tag_ for t in ref])
                yield Example(pred, ref)

        return read


def load_split(shared: Path, language: str, seed: int) -> tuple[list[UDSentence], list[UDSentence], dict]:
    files = DATA[language]
    record: dict = {"files": {}}
    train: list[UDSentence] = []
    for rel in files["train"]:
        sents = read_conllu(shared / rel, language)
        record["files"][rel] = {"sha256": sha256(shared / rel), "sentences": len(sents), "use": "train"}
        train += sents
    dev: list[UDSentence] = []
    for rel in files["dev"]:
        sents = read_conllu(shared / rel, language)
        record["files"][rel] = {"sha256": sha256(shared / rel), "sentences": len(sents), "use": "dev"}
        dev += sents
    if not dev:
        train, dev = split_off(train, DEV_SHARE, seed)
        record["dev_split"] = f"seeded {DEV_SHARE:.0%} of the training files (random.Random({seed}).shuffle)"
    record["train_sentences"], record["dev_sentences"] = len(train), len(dev)
    return train, dev, record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("language", choices=sorted(DATA))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "parser")
    ap.add_argument("--out", type=Path, default=None, help="default: src/lagebild/lang/<language>/parser")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--extra-state-tokens", action="store_true", help="13 state features (with children)")
    ap.add_argument("--rows", type=int, default=5000, help="hash rows of the NORM embedding")
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--patience", type=int, default=None)
    ap.add_argument("--eval-frequency", type=int, default=None)
    args = ap.parse_args(argv)
    for key, value in SCHEDULE[args.language].items():
        if getattr(args, key) is None:
            setattr(args, key, value)

    import spacy
    from spacy.cli.train import train

    lang = args.language
    out = args.out or ROOT / "src" / "lagebild" / "lang" / lang / "parser"
    work = args.work / lang
    work.mkdir(parents=True, exist_ok=True)
    train_sents, dev_sents, record = load_split(args.shared, lang, args.seed)
    print(f"{lang}: {len(train_sents)} train, {len(dev_sents)} dev sentences; tagging with HanTa", flush=True)
    to_docbin(train_sents, tagged(train_sents, lang), lang, work / "train.spacy")
    to_docbin(dev_sents, tagged(dev_sents, lang), lang, work / "dev.spacy")
    hyper = {
        "seed": args.seed,
        "lang": lang,
        "width": args.width,
        "depth": args.depth,
        "hidden": args.hidden,
        "rows_norm": args.rows,
        "extra": "true" if args.extra_state_tokens else "false",
        "max_steps": args.max_steps,
        "patience": args.patience,
        "eval_frequency": args.eval_frequency,
    }
    config_path = work / "config.cfg"
    config_path.write_text(CONFIG.format(**hyper), encoding="utf-8")
    register_reader()
    trained = work / "trained"
    if trained.exists():
        shutil.rmtree(trained)
    train(
        config_path,
        trained,
        use_gpu=-1,
        overrides={"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")},
    )
    best = trained / "model-best"
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    record.update(
        hyper=hyper,
        spacy=spacy.__version__,
        tags="HanTa (lagebild.nlp._tag), predicted",
        dev_scores={k: meta["performance"].get(k) for k in ("dep_uas", "dep_las")},
        licence="CC BY-SA 4.0 (trained on Universal Dependencies treebanks; see docs/DATA.md)",
    )
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "parser"
        shutil.copytree(best, staged)
        (staged / "training.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(staged, out)
    print(
        f"wrote {out}: dev UAS {record['dev_scores']['dep_uas']:.3f} LAS {record['dev_scores']['dep_las']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
