# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install index eval lint bench clean

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

# Retrieval accuracy on the eighty-seven shipped question sets (eval/README.md), each and all together, in all four
# modes, on an index rebuilt first so the numbers are this version's (text embedded before comes from the cache).
eval: index
	HF_HUB_OFFLINE=1 $(BIN)/newsbot eval --qa eval/qa.jsonl eval/holdout.jsonl eval/holdout2.jsonl eval/holdout3.jsonl \
		eval/holdout4.jsonl eval/holdout5.jsonl eval/holdout6.jsonl eval/holdout7.jsonl eval/holdout8.jsonl \
		eval/holdout9.jsonl eval/holdout10.jsonl eval/holdout11.jsonl eval/holdout12.jsonl eval/holdout13.jsonl \
		eval/holdout14.jsonl eval/holdout15.jsonl eval/holdout16.jsonl eval/holdout17.jsonl eval/holdout18.jsonl \
		eval/holdout19.jsonl eval/holdout20.jsonl eval/holdout21.jsonl eval/holdout22.jsonl \
		eval/holdout23.jsonl eval/holdout24.jsonl eval/holdout25.jsonl eval/holdout26.jsonl \
		eval/holdout27.jsonl eval/holdout28.jsonl eval/holdout29.jsonl eval/holdout30.jsonl \
		eval/holdout31.jsonl eval/holdout32.jsonl eval/holdout33.jsonl eval/holdout34.jsonl \
		eval/holdout35.jsonl eval/holdout36.jsonl eval/holdout37.jsonl eval/holdout38.jsonl \
		eval/holdout39.jsonl eval/holdout40.jsonl eval/holdout41.jsonl \
		eval/holdout42.jsonl eval/holdout43.jsonl eval/holdout44.jsonl eval/holdout45.jsonl eval/holdout46.jsonl \
		eval/holdout47.jsonl eval/holdout48.jsonl eval/holdout49.jsonl eval/holdout50.jsonl \
		eval/holdout51.jsonl eval/holdout52.jsonl eval/holdout53.jsonl \
		eval/holdout54.jsonl eval/holdout55.jsonl eval/holdout56.jsonl eval/holdout57.jsonl \
		eval/holdout58.jsonl eval/holdout59.jsonl eval/holdout60.jsonl eval/holdout61.jsonl \
		eval/holdout62.jsonl eval/holdout63.jsonl eval/holdout64.jsonl \
		eval/holdout65.jsonl eval/holdout66.jsonl eval/holdout67.jsonl eval/holdout68.jsonl \
		eval/holdout69.jsonl eval/holdout70.jsonl eval/holdout71.jsonl eval/holdout72.jsonl \
		eval/holdout73.jsonl eval/holdout74.jsonl eval/holdout75.jsonl eval/holdout76.jsonl \
		eval/holdout77.jsonl eval/holdout78.jsonl eval/holdout79.jsonl eval/holdout80.jsonl \
		eval/holdout81.jsonl eval/holdout82.jsonl eval/holdout83.jsonl eval/holdout84.jsonl \
		eval/holdout85.jsonl eval/holdout86.jsonl

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python bench/query_latency.py

clean:
	rm -rf $(VENV) .newsbot .pytest_cache
