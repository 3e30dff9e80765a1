# Terbuka: the two set-up commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install test-assets demo lint typecheck check bench smoke clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Test-only JavaScript (axe-core for the crawl check, terbuka/portal/tests/test_crawl.py),
# pinned by its lock file and never served: needs npm, only for `make test`.
AXE := terbuka/testing_assets/node_modules/axe-core/axe.min.js
$(AXE): terbuka/testing_assets/package-lock.json
	npm ci --prefix terbuka/testing_assets --no-audit --no-fund --silent
	touch $@

test-assets: $(AXE)

# Embedded default: SQLite + local files. Migrate, import the calendar, seed the demo, serve.
demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py import_holidays 2024 2030
	$(PY) manage.py seed_demo
	$(PY) manage.py extract_documents
	$(PY) manage.py rebuild_search_index

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite: lint, types, migrations check (inside pytest), unit and browser tests.
# DATABASE_URL=postgres://… runs the same suite on PostgreSQL.
test: install test-assets
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy terbuka
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(PY) bench/search.py

# nginx (Debian's package) in front of two gunicorn processes, on loopback; needs a
# PostgreSQL server: DATABASE_URL=postgres://… make smoke (deploy/smoke/run).
smoke: install
	TERBUKA_PYTHON=$(PY) deploy/smoke/run

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache terbuka/testing_assets/node_modules
