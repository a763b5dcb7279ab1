# 政策问答助手 — set-up, serving and tests. Every step a fresh machine needs lives here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve ingest test lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

index/manifest.json: | $(STAMP)
	$(BIN)/policyqa ingest

ingest: $(STAMP)
	$(BIN)/policyqa ingest

serve: $(STAMP)
	$(BIN)/policyqa serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/ruff check assistant tests
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check assistant tests

clean:
	rm -rf index .index.* .pytest_cache
