# timeline: make run builds the sample chronology, make test runs lint and tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: help install run test lint pytest bench bench-clean bench-temporal bench-tls train-tls fuzz golden clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,cluster]'
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install the package with its test and cluster extras (only when needed)

run: install  ## build the timeline of sample_articles/
	$(BIN)/timeline build sample_articles

lint: install  ## ruff and mypy
	$(BIN)/ruff check timeline tests
	$(BIN)/mypy timeline

pytest: install  ## the test suite only
	$(BIN)/python -m pytest

test: lint pytest  ## lint, then the test suite

golden: install  ## regenerate the golden end-to-end files (review the diff!)
	$(BIN)/python -m tests.golden

bench: install  ## throughput of `timeline build` on a corpus of 2,000+ files
	$(BIN)/python bench/bench_build.py --shared $(SHARED)

bench-clean: install  ## boilerplate scores and docs/s on the dev pages (w3m, lynx, HTML)
	$(BIN)/python bench/bench_clean.py --shared $(SHARED)

bench-temporal: install  ## TempEval-3 dev scores and throughput of `timeline tag`
	$(BIN)/python bench/bench_temporal.py --shared $(SHARED)

bench-tls: install  ## summary timelines: date-F1, alignment ROUGE, baselines, on all corpora/tls timelines
	$(BIN)/python bench/bench_tls.py --shared $(SHARED)

train-tls: install  ## fit the --top-dates day model (leave-one-story-out CV) into timeline/data/
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python bench/train_tls.py --shared $(SHARED) --out timeline/data/tls_day_model.json

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info

fuzz: install  ## 100,000 mutated inputs through the loader, cleaner and time-expression grammar
	$(BIN)/python bench/fuzz.py --count 100000
