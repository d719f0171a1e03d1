# Two commands matter: `make demo` and `make test`. Both set up .venv first,
# from constraints.txt, so a new machine gets exactly what CI tested.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint check-imports pytest sample completions bench snapshot-update clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/quorate --demo

test: lint pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

check-imports: $(STAMP)
	$(VENV)/bin/lint-imports

pytest: $(STAMP)
	$(PY) -m pytest -q

sample: $(STAMP)
	$(PY) scripts/build_sample_db.py sample.db

completions: $(STAMP)
	$(PY) scripts/build_completions.py

bench: $(STAMP)
	$(PY) benchmarks/startup.py

snapshot-update: $(STAMP)
	$(PY) -m pytest -q tests/test_snapshots.py --snapshot-update

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
