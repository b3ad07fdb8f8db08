# Two commands set everything up on a fresh machine with only Python 3.11+:
#   make run   - create .venv if missing, install, launch the app on the default vault
#   make test  - same set-up with test extras, then ruff, mypy, import-linter and pytest (Qt offscreen)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PACKAGE_STAMP := $(VENV)/.installed-package

.PHONY: run test lint typecheck contracts pytest soak bench screenshots package clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/alliance-journal

lint: $(TEST_STAMP)
	$(BIN)/ruff check alliance_journal tests bench

typecheck: $(TEST_STAMP)
	$(BIN)/mypy alliance_journal

contracts: $(TEST_STAMP)
	$(BIN)/lint-imports

pytest: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"

test: lint typecheck contracts pytest

soak: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen ALLIANCE_JOURNAL_SOAK=1 $(BIN)/python -m pytest -q -m slow -s

bench: $(STAMP)
	$(BIN)/python -m bench

screenshots: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m alliance_journal.app.screenshots docs/screenshots

$(PACKAGE_STAMP): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $@ $(STAMP)

# dist/alliance-journal/: the one-folder app (build.spec); check it with
# `QT_QPA_PLATFORM=offscreen dist/alliance-journal/alliance-journal --self-test`
package: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN build.spec

clean:
	rm -rf build dist .mypy_cache .pytest_cache .ruff_cache
