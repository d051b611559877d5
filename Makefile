# showcase: `make run` serves the directory with its seed content, `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= $(shell $(PYTHON) -c 'import os; print(2 * (os.cpu_count() or 1) + 1)')
PYTEST_ARGS ?=

.PHONY: install install-test db run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Serving needs the package alone; the tests and the benchmarks add the `test` extras (Playwright,
# schemathesis, hypothesis, …). Installing those also covers serving, hence the second stamp.
$(BIN)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(BIN)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(BIN)/.installed-run

install: $(BIN)/.installed-run

install-test: $(BIN)/.installed-test

db: install
	$(BIN)/flask --app showcase init-db
	$(BIN)/flask --app showcase seed
	$(BIN)/flask --app showcase reindex

run: db
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - wsgi:app

test: install-test
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install-test
	$(BIN)/python bench/search_bench.py
	$(BIN)/python bench/http_bench.py

clean:
	rm -rf $(VENV) instance *.egg-info
