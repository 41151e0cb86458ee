# Bootstraps .venv from nothing, then runs. Only python3 (3.11+) and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/docket

test: $(STAMP)
	$(BIN)/ruff check tui tests bench
	$(BIN)/ruff format --check tui tests bench
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check tui tests bench
	$(BIN)/ruff format --check tui tests bench
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format tui tests bench
	$(BIN)/ruff check --fix tui tests bench

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
