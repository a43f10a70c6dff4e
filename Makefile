# One command each: `make app` sets up and starts the dashboard; `make test` sets up and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: app test lint validate bench setup

$(BIN)/vnintegration: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

setup: $(BIN)/vnintegration

app: setup
	$(BIN)/streamlit run app.py

test: setup
	$(BIN)/vnintegration validate data
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks app.py

validate: setup
	$(BIN)/vnintegration validate data

bench: setup
	$(BIN)/python benchmarks/validate_speed.py
