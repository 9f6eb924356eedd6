# Two commands on a fresh machine: `make run` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint screenshots bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/cofacilitator gui

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/ruff check cofacilitator tests benchmarks scripts
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) build *.egg-info

bench: $(STAMP)
	$(BIN)/python benchmarks/generate_archive.py /tmp/cofacilitator-archive.sqlite
	$(BIN)/python benchmarks/bench_store.py /tmp/cofacilitator-archive.sqlite
