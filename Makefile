# Two commands do everything on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONFIG ?= config/monitor.toml

.PHONY: run once test test-full lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/monitor --config $(CONFIG) run

once: $(STAMP)
	$(BIN)/monitor --config $(CONFIG) once

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q -n 2

test: lint typecheck pytest

# the corpus tests over the whole labelled corpus, not a fifth of it (about 20 min on 2 cores)
test-full: $(STAMP)
	FULL_CORPUS=1 $(MAKE) test

bench: $(STAMP)
	$(BIN)/python bench/cycle.py
	$(BIN)/python bench/https.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/relevance.py
	$(BIN)/python bench/match.py
	$(BIN)/python bench/dedup.py
	$(BIN)/python bench/start.py
	$(BIN)/python bench/web.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
