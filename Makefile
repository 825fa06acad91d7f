# claimtrace: `make setup`, `make test`, `make chat`, `make eval`, `make lint`.
# Your own archive instead of the shipped demo articles (only that folder is indexed):
#   make chat ARTICLES=~/my-articles STORE=./my-store     (also chat-terminal and index)
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
STORE   ?= ./store
ARTICLES ?= data/articles
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup test test-fast lint format index chat chat-terminal eval bench clean

setup: $(STAMP)

# torch first (the CPU build on this machine's disk), then the project with torch held by
# constraints.txt so that nothing pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0 -c constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff format --check assistant index eval tests
	$(BIN)/ruff check assistant index eval tests

format: $(STAMP)
	$(BIN)/ruff format assistant index eval tests
	$(BIN)/ruff check --fix assistant index eval tests

index: $(STAMP)
	$(BIN)/claimtrace --store $(STORE) index update $(ARTICLES)

eval: $(STAMP)
	$(BIN)/claimtrace --store $(STORE) eval --suite seeds --out eval-out/seeds

clean:
	rm -rf $(STORE) eval-out .pytest_cache

# The chat page and the OpenAI-compatible API on http://127.0.0.1:7860/ over $(ARTICLES)
# (default: the shipped demo articles), indexed into $(STORE) first: only what changed is
# re-embedded, articles no longer in $(ARTICLES) are dropped, and files uploaded on the page,
# kept in $(STORE)/uploads, stay indexed.
UPLOADS = $(wildcard $(STORE)/uploads)

chat: $(STAMP)
	$(BIN)/claimtrace --store $(STORE) index update $(ARTICLES) $(UPLOADS)
	$(BIN)/claimtrace --store $(STORE) chat

# The same conversation in the terminal.
chat-terminal: $(STAMP)
	$(BIN)/claimtrace --store $(STORE) index update $(ARTICLES) $(UPLOADS)
	$(BIN)/claimtrace --store $(STORE) chat --terminal

# How claimtrace scales on RUWA (../shared/bench/ruwa): builds of 1k, 6k and 15k items against the
# bare encoder and llama-index, updates, question latency, memory, ANN recall. Long: see docs/BENCHMARKS.md.
bench: $(STAMP)
	$(BIN)/python -m eval.bench.scale --sizes 1000 6000 15000
