# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench previews clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all]' --group dev
	touch $(STAMP)

demo: $(STAMP)  ## install, then run the library's main job on its bundled example
	$(BIN)/cchc demo --out out

test: $(STAMP)  ## every check: lint, format, types, tests with doctests of src/ and docs/
	$(BIN)/ruff check src tests benchmarks tools docs/conf.py
	$(BIN)/ruff format --check src tests benchmarks tools docs/conf.py
	$(BIN)/mypy
	$(BIN)/pytest -n auto --dist loadgroup

previews: $(STAMP)  ## render the first page of each demo document to docs/previews/ (LibreOffice, poppler)
	$(BIN)/python tools/previews.py

bench: $(STAMP)  ## national-scale benchmarks (ratios against baselines run alongside)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
