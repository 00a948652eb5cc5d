# timeline: make run builds the sample chronology, make test runs lint and tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: help browser install install-train train-clean run test lint pytest bench bench-clean bench-temporal bench-tls bench-readable bench-report fuzz golden clean train-tense bench-language train-tls

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,cluster]'
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install the package with its test and cluster extras (only when needed)

TRAIN_STAMP := $(VENV)/.installed-train
$(TRAIN_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,cluster,train]'
	@touch $(TRAIN_STAMP)

install-train: $(TRAIN_STAMP)  ## also the train extra (scikit-learn, LightGBM) for train-clean and bench-clean

train-clean: install-train  ## fit the text cleaner's body model (site-grouped CV), write timeline/data/clean_model.json
	$(BIN)/python bench/train_clean.py --shared $(SHARED)

run: install  ## build the timeline of sample_articles/
	$(BIN)/timeline build sample_articles

lint: install  ## ruff (rules and formatting) and mypy
	$(BIN)/ruff check timeline tests bench
	$(BIN)/ruff format --check timeline tests bench
	$(BIN)/mypy timeline

browser:  ## headless Chromium (Debian package) for the HTML page's test, installed when missing
	@.ci/install-browser

# each test module runs whole on one worker, so its module-scoped set-up (a junk folder, a Dask cluster) is
# made once (--dist loadgroup would be finer, but pytest 9.2 drops its group marks: pytest-xdist issue 1386)
PYTEST_WORKERS ?= 2
HYPOTHESIS_PROFILE ?= dev
pytest: install browser  ## the test suite only, in PYTEST_WORKERS processes (0: in this one); HYPOTHESIS_PROFILE=ci draws every example
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --hypothesis-profile=$(HYPOTHESIS_PROFILE)

test: lint pytest  ## lint, then the test suite

golden: install  ## regenerate the golden end-to-end files (review the diff!)
	$(BIN)/python -m tests.golden

bench: install  ## `timeline build`: articles/s (--jobs 1, 2) against naive and floor, cache and Dask speed-ups, memory curve (SIZES=...)
	$(BIN)/python bench/bench_build.py --shared $(SHARED) $(if $(SIZES),--sizes $(SIZES))

bench-clean: install-train  ## boilerplate scores (shipped model, site-grouped CV) and pages/s on both corpora
	$(BIN)/python bench/bench_clean.py --shared $(SHARED)

bench-temporal: install  ## TempEval-3 dev scores and throughput of `timeline tag`
	$(BIN)/python bench/bench_temporal.py --shared $(SHARED)

train-tense: install  ## fit which tense markers decide a date on TempEval-3 dev (grouped CV), store it in timeline/data/
	$(BIN)/python bench/fit_tense.py --shared $(SHARED) --write

bench-language: install  ## the language gate on the corpora: texts that skip or reach the model, its load time
	$(BIN)/python bench/bench_language.py --shared $(SHARED)

bench-tls: install  ## summary timelines: date-F1, alignment ROUGE, baselines, on all corpora/tls timelines
	$(BIN)/python bench/bench_tls.py --shared $(SHARED)

bench-readable: install  ## the Syria chronology as a reader sees it: deadlines as happenings, shared sentences, captions, line lengths
	$(BIN)/python bench/bench_readability.py --shared $(SHARED)

bench-report: install  ## what a reader gets from the Syria folder: text line lengths, narrow table, html, timelinejs
	$(BIN)/python bench/bench_report.py --shared $(SHARED)

train-tls: install-train  ## fit the --top-dates day model (leave-one-story-out CV) into timeline/data/
	$(BIN)/python bench/train_tls.py --shared $(SHARED) --out timeline/data/tls_day_model.json

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info

fuzz: install  ## 100,000 mutated inputs: loader, cleaner, grammar; cache reader, decoder, command line
	$(BIN)/python bench/fuzz.py --count 100000
