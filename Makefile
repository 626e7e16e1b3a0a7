# Every target bootstraps .venv on first use; PY is the interpreter used to create it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint typecheck check run migrate clean bench soak

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m bot demo

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest tests/unit tests/dispatch

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy bot handlers storage faketg demo tests bench

check: lint typecheck test

soak: $(STAMP)
	$(BIN)/python -m pytest -m soak tests/soak

bench: $(STAMP)
	$(BIN)/python -m bench

run: $(STAMP)
	$(BIN)/python -m bot run

migrate: $(STAMP)
	$(BIN)/python -m bot migrate

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
