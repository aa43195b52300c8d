# One entry point for set-up, running and testing. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/port-strike.txt

.PHONY: run test install dev lint typecheck unit gate bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"

$(VENV)/.installed: $(BIN)/activate requirements.lock pyproject.toml
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.lock
	$(BIN)/pip install -q -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

run: install
	$(BIN)/newsbrief brief $(EXAMPLE) --db $(VENV)/example-archive.db

lint: dev
	$(BIN)/ruff check newsbrief tests bench scripts
	$(BIN)/ruff format --check newsbrief tests bench scripts

typecheck: dev
	$(BIN)/mypy

unit: dev
	$(BIN)/pytest -q

test: lint typecheck unit

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
