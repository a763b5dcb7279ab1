# 政策问答助手 — set-up, serving and tests. Every step a fresh machine needs lives here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# Runtime install (no torch); `make test` adds the dev extra (pytest, ruff, sentence-transformers).
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install install-dev serve ingest test lint clean

install: $(STAMP)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

$(DEV_STAMP): $(STAMP)
	$(PIP) install -e ".[dev]"
	touch $@

install-dev: $(DEV_STAMP)

ingest: $(STAMP)
	$(BIN)/policyqa ingest

serve: $(STAMP)
	$(BIN)/policyqa serve --host 127.0.0.1 --port 8000

test: $(DEV_STAMP)
	$(BIN)/ruff check assistant tests
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check assistant tests

clean:
	rm -rf index .index.* .pytest_cache
