# One entry point for set-up, running and testing. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/port-strike.txt

.PHONY: run test install dev extras lint typecheck unit browser postgres bench clean

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

# the optional extras the tests exercise: PostgreSQL (psycopg 3) and the Dask cluster
$(VENV)/.extras-installed: $(VENV)/.installed requirements-postgres.lock requirements-cluster.lock
	$(BIN)/pip install -q -r requirements-postgres.lock -r requirements-cluster.lock
	touch $@

install: $(VENV)/.installed

extras: $(VENV)/.extras-installed

dev: $(VENV)/.dev-installed

run: install
	$(BIN)/newsbrief brief $(EXAMPLE) --db $(VENV)/example-archive.db

lint: dev
	$(BIN)/ruff check newsbrief tests bench scripts
	$(BIN)/ruff format --check newsbrief tests bench scripts

typecheck: dev extras
	$(BIN)/mypy

unit: dev extras
	$(BIN)/pytest -q

# The browser tests drive Debian's chromium (Playwright cannot download a browser here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "note: /usr/bin/chromium is missing, browser tests will skip (apt-get install chromium)"; \
	  fi; \
	fi

# The PostgreSQL tests start a throwaway server from Debian's postgresql package (initdb + pg_ctl).
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian postgresql for the PostgreSQL tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else \
	    echo "note: PostgreSQL server binaries are missing, PostgreSQL tests will skip (apt-get install postgresql)"; \
	  fi; \
	fi

test: lint typecheck browser postgres unit

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
