# The two Quick start commands (see README):
#   make analyze   set up and run the main job on the bundled data (report + map in out/)
#   make test      set up (Python env, Neo4j jars, Chromium) and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: analyze test setup test-deps clean

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

test: test-deps
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out .pytest_cache
