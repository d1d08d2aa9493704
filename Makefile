# lagebild — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= lagebild.duckdb
STAMP := $(VENV)/.installed

.PHONY: demo test lint eval bench serve clean setup screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## Analyse the bundled example articles into the default store and print a summary.
demo: $(STAMP)
	$(BIN)/lagebild ingest examples/ --db $(DB)
	$(BIN)/lagebild summary --db $(DB)

## Lint and run the test suite (what CI runs).
test: $(STAMP)
	$(BIN)/ruff check src tests scripts bench eval
	$(BIN)/ruff format --check src tests scripts bench eval
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench eval
	$(BIN)/ruff format --check src tests scripts bench eval

## The evaluation gate: every accuracy figure against eval/baseline.json; fails when one dropped
## (slow; not part of `make test`). EVAL_ARGS=--skip-slow leaves out the NER cross-validation;
## EVAL_ARGS=--update-baseline records the figures deliberately (docs/evaluation.md).
eval: $(STAMP)
	$(BIN)/python -m eval $(EVAL_ARGS)

## Throughput, memory, API latency and the Dask path (slow; not part of `make test`).
bench: $(STAMP)
	$(BIN)/python -m bench

## Screenshots of each dashboard view and the report into test-artifacts/ (headless Chromium; SHOTS_DB=store).
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py $(if $(SHOTS_DB),--db $(SHOTS_DB))

serve: $(STAMP)
	$(BIN)/lagebild serve --db $(DB)

clean:
	rm -rf $(VENV) $(DB) $(DB).wal export test-artifacts .pytest_cache .ruff_cache
