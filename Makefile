# amicable: `make run` starts the app with a demo workspace, `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
# uv from PATH, else a private copy installed with pip into .tools/ (works on externally managed Pythons).
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
export AMICABLE_HOME ?= $(CURDIR)/.amicable
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-postgres test-browser lint check-migrations deps uv bench-all

uv:
	@if ! command -v uv >/dev/null 2>&1 && [ ! -x "$(UV)" ]; then \
		echo "Installing uv into .tools/ (one time)…"; \
		$(PYTHON) -m venv .tools && .tools/bin/python -m pip install --quiet uv; \
	fi

deps: uv
	@$(UV) sync --quiet --frozen

run: deps
	@$(UV) run amicable demo --quiet
	@$(UV) run amicable serve --host $(HOST) --port $(PORT)

test: deps
	@$(UV) run pytest -q -n 2 --dist loadfile

test-postgres: deps
	@DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(UV) run pytest -q -n 2 --dist loadfile

test-browser: deps
	@$(UV) run pytest -q -m browser tests/browser

lint: deps
	@$(UV) run ruff check .
	@$(UV) run mypy

check-migrations: deps
	@$(UV) run python manage.py makemigrations --check --dry-run
