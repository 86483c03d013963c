# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install index lint bench clean

run: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/newsbot chat

test: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest

install: $(STAMP)

# torch first, from the CPU wheel, so sentence-transformers does not pull a multi-GB CUDA build.
$(STAMP): pyproject.toml scripts/install.sh
	bash scripts/install.sh $(VENV) $(PYTHON)
	touch $(STAMP)

index: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/newsbot index build

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python bench/query_latency.py

clean:
	rm -rf $(VENV) .newsbot .pytest_cache
