# The two Quick start commands (see README):
#   make analyze   set up and run the main job on the bundled data (report + map in out/)
#   make test      set up (Python env, Neo4j jars, Chromium), lint (ruff, import-linter, vulture),
#                  run the whole test suite, then the built wheel in a fresh venv (scripts/wheel-smoke)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: analyze test lint setup test-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

analyze: $(STAMP)
	$(BIN)/swgraph analyze --out out

test-deps: $(STAMP)
	bash scripts/setup-test-deps

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/vulture

test: test-deps lint
	$(BIN)/python -m pytest
	bash scripts/wheel-smoke

clean:
	rm -rf $(VENV) out .pytest_cache
