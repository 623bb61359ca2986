# The README's two commands are `make demo` and `make test`; everything they
# need is set up here, from a fresh clone, on a machine with Python 3.11+.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest js-test bench clean audit

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Run the service on SQLite with the demo school (http://127.0.0.1:8000/docs).
demo: $(STAMP)
	$(BIN)/etiquette serve --demo

## Lint, type-check and run every test (Python, JavaScript, browser).
test: $(STAMP)
	bash scripts/test.sh

## Release step (needs the network): audit dependencies for known vulnerabilities.
audit: $(STAMP)
	$(BIN)/python scripts/audit_deps.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py

clean:
	rm -rf $(VENV) data artifacts addin-ui/node_modules
