# Sigue el Dinero. Two commands matter on a fresh machine:
#   make run    the portal with demo data on SQLite at http://127.0.0.1:8000
#   make test   lint, format check, migrations check and the whole test suite
#               (make test-fast: the same without the browser tests)
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Shipped data, in load order (later fixtures point at earlier ones).
FIXTURES := fixtures/states.json fixtures/national_progress.json fixtures/debt_content.json \
	fixtures/commitments.json
# Sourced data files, loaded through the same import services staff use (idempotent).
DEBT_FILES := inpc_monthly population_conapo gdp_zacatecas_inegi debt_figures loans

.PHONY: run test test-fast test-checks bench install install-dev migrate load-fixtures lint format messages clean plotly-bundle

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Fixtures use natural keys, so loading them again updates rows instead of adding copies.
load-fixtures: migrate
	$(BIN)/python manage.py loaddata $(FIXTURES)
	$(BIN)/python manage.py import_national_report fixtures/state_progress.csv
	for name in $(DEBT_FILES); do $(BIN)/python manage.py import_debt fixtures/$$name.csv || exit 1; done
	$(BIN)/python manage.py import_commitments fixtures/commitments.csv
	$(BIN)/python manage.py import_commitments fixtures/progress_updates.csv
	$(BIN)/python manage.py populate_history --auto

run: load-fixtures
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo ""
	@echo "  Sigue el Dinero está en http://$(HOST):$(PORT)/  (Ctrl+C para detenerlo)"
	@echo "  Para entrar a la administración (http://$(HOST):$(PORT)/admin/), crea un usuario:"
	@echo "      $(BIN)/python manage.py createsuperuser"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# What every test run checks first; unlike `make lint`, it changes no file.
test-checks: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# The whole suite, browser tests (tests/browser: Playwright + Debian's Chromium) included.
# pytest exits non-zero on a failure and with 5 when it collects no test: both stop make.
test: test-checks
	$(BIN)/pytest

# The same without the browser tests; CI runs it again on PostgreSQL.
test-fast: test-checks
	$(BIN)/pytest -m "not browser"

# Page timings and query counts (figures, not a pass/fail test).
bench: load-fixtures
	$(BIN)/python benchmarks/pages.py

lint: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (apt-get install gettext). The compiled .mo files are committed.
messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

# Rebuild the vendored Plotly partial bundle (needs Node.js and npm).
plotly-bundle:
	cd tools/plotly-bundle && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache test-results
