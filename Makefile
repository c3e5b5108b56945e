# Kennisnetwerk Sociale Stabiliteit: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
OPENSEARCH_PORT ?= 9200
UTRECHT_CSS_VERSION := 9.0.4

.DEFAULT_GOAL := help
.PHONY: help run test lint audit format opensearch vendor messages bench relevance install check stack stack-down stack-status load

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## Create .venv and install the project with its dev tools

run: install ## Start the site on http://127.0.0.1:8000 (SQLite, database search, demo content)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py load_municipalities
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: install ## Run the whole test suite (starts its own OpenSearch node and headless Chromium)
	@# With DATABASE_URL set (CI: PostgreSQL), the bad-input tests run once more on SQLite:
	@# each database fails on different input.
	@# Browser tests run in their own session: they need committed data (a live server) and
	@# restore the migrations' data between tests, which is reliable only on a fresh test DB.
	@# Java, Maven and Chromium are checked first (installed through apt as root, or the exact
	@# command to run is printed): the suite must not fail half-way for a missing program.
	@found=$$(bash services/prereqs.sh) || exit 1; export "$$found"; \
	$(VENV)/bin/pytest -m "not e2e" $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: that is a failure"; exit 1; fi; \
	[ $$rc -eq 0 ] || exit $$rc; \
	if [ -n "$$DATABASE_URL" ]; then \
		env -u DATABASE_URL $(VENV)/bin/pytest -m "badinput or bothdb" $(PYTEST_ARGS); rc=$$?; \
		if [ $$rc -eq 5 ]; then echo "pytest collected no bad-input tests: that is a failure"; exit 1; fi; \
		[ $$rc -eq 0 ] || exit $$rc; \
	fi; \
	$(VENV)/bin/pytest tests/e2e -m e2e $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no browser tests: that is a failure"; exit 1; fi; \
	exit $$rc

lint: install ## ruff, djlint, the apps' layers (import-linter) and the migrations check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates exchange/core/templates --lint
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

audit: install ## Check the installed dependencies for known vulnerabilities (pip-audit, PyPI data)
	@# --strict: a dependency that could not be looked up fails the audit instead of passing it.
	$(VENV)/bin/pip-audit --skip-editable --strict --progress-spinner off

format: install ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

stack: install ## Production-shaped stack on http://localhost:8080 (PostgreSQL, Redis, 3 OpenSearch nodes, nginx, 2 web, 2 workers)
	bash services/stack/stack.sh up

load: install ## Load test and scripted faults on the running stack (make stack first; prints the table)
	$(PIP) install --quiet -e ".[load]"
	$(PY) bench/load.py

stack-down: ## Stop the stack (the system's PostgreSQL keeps running)
	bash services/stack/stack.sh down

stack-status: ## Each part of the stack up or down, and /healthz
	bash services/stack/stack.sh status

opensearch: ## Build (when needed) and serve a real OpenSearch node on 127.0.0.1:$(OPENSEARCH_PORT)
	OPENSEARCH_PORT=$(OPENSEARCH_PORT) bash services/opensearch/run.sh

vendor: ## Refresh the vendored NL Design System CSS from npm (needs Node)
	rm -rf .cache/npm && mkdir -p .cache/npm
	npm install --prefix .cache/npm --no-save --silent @utrecht/component-library-css@$(UTRECHT_CSS_VERSION)
	cp .cache/npm/node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht/component-library.css
	cp .cache/npm/node_modules/@utrecht/component-library-css/LICENSE.md static/vendor/utrecht/LICENSE.md

messages: install ## Update and compile the translation catalogues
	$(PY) manage.py makemessages --locale en --ignore .venv --ignore services --ignore .data
	$(PY) manage.py compilemessages --ignore .venv

bench: install ## Run the benchmarks in bench/ (prints figures)
	@# bench/load.py needs the running stack: `make load`.
	@for script in bench/*.py; do [ "$$script" = bench/load.py ] && continue; \
		echo "== $$script"; $(PY) $$script || exit 1; done

relevance: install ## Search relevance (nDCG@5, recall@10), OpenSearch and the database: judged set per half and category, dev set
	$(PY) bench/relevance.py

check: install ## Deployment checks with production settings
	DJANGO_SETTINGS_MODULE=exchange.settings.production SECRET_KEY=check-only-$$RANDOM-long-enough-secret-key-value-for-check ALLOWED_HOSTS=kennisnetwerk.example $(PY) manage.py check --deploy --fail-level WARNING
