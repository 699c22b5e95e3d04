# Convene: `make run` serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
# Exported so the site knows where it is served: SITE_URL (links in e-mails) defaults to this port.
export PORT
MANAGE := $(PY) manage.py

.PHONY: run test lint bench bench-scripts install install-test assets migrate seed worker beat clean check

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

install-test: install $(VENV)/.installed-test

assets: node_modules/.installed

## run: set up (once), migrate, load the demo data and serve on 127.0.0.1:$(PORT)
run: install
	DEBUG=true $(MANAGE) migrate --noinput
	DEBUG=true $(MANAGE) seed_demo
	@echo ""
	@echo "Convene is at http://127.0.0.1:$(PORT)/  (e-mails are written to var/outbox/)"
	@DEBUG=true $(MANAGE) seed_demo --print-logins
	DEBUG=true CONVENE_ERROR_PAGES=true $(MANAGE) runserver 127.0.0.1:$(PORT)

## test: install what the tests need and run the whole suite
test: install-test
	CONVENE_TESTING=true $(PY) -m pytest $(PYTEST_ARGS)

## lint: ruff, and the import contracts (the core imports no feature app); CI runs it before the tests
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

## bench: every page's query count and server time at scale M against S (BENCHMARKS.md), then the dossier, brochure and programme report builds;
## set DATABASE_URL for PostgreSQL, BENCH_ARGS for other scales (e.g. BENCH_ARGS="--scale L --compare M")
# The full run (tests/perf/bench_http.py): gunicorn, a Celery worker and an SMTP sink on loopback against
# DATABASE_URL (PostgreSQL) and REDIS_URL; writes its section of BENCHMARKS.md. For example
# BENCH_ARGS="--duration 5 --skip pdfs". Never fails on a figure.
bench: install-test
	$(PY) tests/perf/bench_http.py $(BENCH_ARGS)

# The test-client scripts alone (server time, no network), each on a throwaway test database.
bench-scripts: install-test
	CONVENE_TESTING=true $(PY) tests/perf/bench_pages.py $(or $(BENCH_PAGES_ARGS),--scale M --compare S --runs 20)
	CONVENE_TESTING=true $(PY) tests/perf/bench_dossier.py --applications 20 --runs 5
	CONVENE_TESTING=true $(PY) tests/perf/bench_exports.py --runs 3
	CONVENE_TESTING=true $(PY) tests/perf/bench_report.py --scale M --runs 3

check: install
	DEBUG=true $(MANAGE) check

worker: install
	$(VENV)/bin/celery -A cop_platform worker -l info

beat: install
	$(VENV)/bin/celery -A cop_platform beat -l info

clean:
	rm -rf $(VENV) node_modules var
