# One command each: `make app` sets up and starts the dashboard; `make test` sets up and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: app test test-floor lint validate bench setup

$(BIN)/vnintegration: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

setup: $(BIN)/vnintegration

# The lowest Streamlit that requirements.txt allows, in a venv of its own: the pages and one browser pass there too.
FLOOR_VENV := .venv-floor
STREAMLIT_FLOOR := $(shell sed -n 's/^streamlit>=\([0-9.]*\).*/\1/p' requirements.txt)

app: setup
	$(BIN)/streamlit run app.py

# The tests without a browser on both cores (pytest-xdist), then the browser tests one at a time (each drives a
# server and a Chromium of its own: side by side on two cores, their timeouts would measure the machine).
test: setup
	$(BIN)/vnintegration validate data
	$(BIN)/python -m pytest -n 2 --ignore=tests/browser
	$(BIN)/python -m pytest tests/browser

test-floor:
	$(PYTHON) -m venv $(FLOOR_VENV)
	$(FLOOR_VENV)/bin/pip install --quiet --upgrade pip
	$(FLOOR_VENV)/bin/pip install --quiet -e ".[test]" "streamlit==$(STREAMLIT_FLOOR)"
	$(FLOOR_VENV)/bin/python -c "import streamlit; assert streamlit.__version__ == '$(STREAMLIT_FLOOR)', streamlit.__version__"
	$(FLOOR_VENV)/bin/python -m pytest tests/test_pages.py tests/browser/test_pages_browser.py tests/test_hostile_client.py -k "renders or draws_in_its_language or hostile or trace or apology"

lint: setup
	$(BIN)/ruff check src tests benchmarks app.py

validate: setup
	$(BIN)/vnintegration validate data

bench: setup
	$(BIN)/python benchmarks/validate_speed.py
