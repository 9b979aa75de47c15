# Sigue el Dinero. Two commands matter on a fresh machine:
#   make run    the portal with demo data on SQLite at http://127.0.0.1:8000
#   make test   lint, format check, migrations check and the whole test suite
#               (make test-fast: the same without the browser tests)
PYTHON ?= python3.11
# Some machines set PYTHONDONTWRITEBYTECODE=1 for every process; then each process of the
# suite (two workers, the subprocesses some tests start) compiled every module it imports
# from source again. The project's commands keep the bytecode (in __pycache__, ignored by git).
unexport PYTHONDONTWRITEBYTECODE
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers: each loads the shipped data once into its own test database.
TEST_WORKERS ?= 2
# worksteal: a worker that runs out of tests takes half of the other's queue, so neither core
# idles at the end while the other still works through a queue of slow tests.
# Here, not in pyproject's addopts, so `pytest -p no:xdist` still runs.
XDIST = -n $(TEST_WORKERS) --dist worksteal

.PHONY: audit run test test-suite test-fast test-sweeps test-checks screenshots bench bench-lighthouse cold-start install install-dev migrate load-fixtures lint format \
	messages clean plotly-bundle lock check lint-imports typecheck djlint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs the pinned files (which it wrote: `make lock`); pip installs only uv itself, at
# the version requirements-dev.txt pins. Measured on this 2-core machine, the dev set into a new
# venv: pip 36 s, uv 4 s (its cache cold: 4 s too). Like pip with --no-compile, uv compiles
# nothing up front: Python writes each module's bytecode when it is first imported.
UV_VERSION := $(shell sed -n 's/^uv==//p' requirements-dev.txt)
UV_INSTALL = $(BIN)/uv pip install --python $(BIN)/python --quiet

$(BIN)/uv: requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q --no-compile uv==$(UV_VERSION)
	touch $@

$(VENV)/.installed-runtime: requirements.txt | $(BIN)/uv
	$(UV_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/uv
	$(UV_INSTALL) -r requirements-dev.txt
	touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Everything in fixtures/, in order, through the importers staff use; safe to run again.
load-fixtures: migrate
	$(BIN)/python manage.py load_shipped_data

run: load-fixtures
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo ""
	@echo "  Sigue el Dinero está en http://$(HOST):$(PORT)/  (Ctrl+C para detenerlo)"
	@echo "  Para entrar a la administración (http://$(HOST):$(PORT)/$${ADMIN_URL:-admin/}), crea un usuario:"
	@echo "      $(BIN)/python manage.py createsuperuser"
	@echo "  Las importaciones grandes de la administración las corre un proceso aparte"
	@echo "  (manage.py db_worker), que se inicia y se detiene junto con el servidor."
	@echo ""
	@# The import worker runs beside runserver, as in production (web + db_worker), so the
	@# admin's progress bar is what staff will see; Ctrl+C reaches both (same process group).
	$(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# What every test run checks first; unlike `make lint`, it changes no file.
test-checks: install-dev check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The suite, browser tests (tests/browser: Playwright + Debian's Chromium) included, without
# the sweeps: each behaviour is checked here at least once, and the tests marked `sweep` repeat
# it over every state, shipped file, data variant of a page or generated input
# (`make test-sweeps`; CI runs both). The checks run beside the suite: short and on one core,
# run first they left the other core idle for 2 s. pytest exits non-zero on a failure and with
# 5 when it collects no test: either, or a failed check, fails make test.
test: install-dev
	@$(MAKE) --no-print-directory -j2 test-checks test-suite

# The suite of `make test`, without the checks. TEST_MARKS picks other tests in one session
# (one start-up, one database set-up): CI runs "not browser or sweep" on PostgreSQL.
TEST_MARKS ?= not sweep
test-suite: install-dev
	$(BIN)/pytest $(XDIST) -m "$(TEST_MARKS)"

# Guard-rails beyond ruff: import layers, types of selectors and services, template lint.
# Configured in pyproject.toml ([tool.importlinter], [tool.mypy], [tool.djlint]).
check: lint-imports typecheck djlint

lint-imports: install-dev
	$(BIN)/lint-imports

typecheck: install-dev
	$(BIN)/mypy

# Lint only: nothing rewrites the templates.
djlint: install-dev
	$(BIN)/djlint templates --lint

# The same without the browser tests; CI runs it again on PostgreSQL.
test-fast: test-checks
	$(BIN)/pytest $(XDIST) -m "not browser and not sweep"

# The sweeps alone (browser ones included); CI runs them on PostgreSQL. `make test
# test-sweeps` is the whole suite.
test-sweeps: test-checks
	$(BIN)/pytest $(XDIST) -m sweep

# Full-page screenshots of every public page at 360 and 1280 px, to look at
# (test-results/screenshots/): the browser tests with SAVE_SCREENSHOTS=1.
screenshots: install-dev
	SAVE_SCREENSHOTS=1 $(BIN)/pytest $(XDIST) tests/browser

# Issue 13's benchmark (figures, not a pass/fail test; never part of `make test`): builds or
# reuses a national-scale synthetic PostgreSQL database (sigue_bench on 127.0.0.1:5432), runs
# gunicorn as the Dockerfile does, drives every page and download with wrk
# (apt-get install wrk) next to the static ceiling, prints a table and writes
# bench/results/latest.json. BENCH_ARGS=--quick: 1 s per point; --lighthouse: Lighthouse too.
BENCH_ARGS ?=
bench: install-dev
	$(BIN)/python -m bench $(BENCH_ARGS)

# Lighthouse mobile performance of the pages (npx lighthouse@12, Debian's Chromium) into
# bench/results/latest.json, e.g. LIGHTHOUSE_PAGES=inicio,historica,estados.
LIGHTHOUSE_PAGES ?=
bench-lighthouse: install-dev
	$(BIN)/python -m bench --lighthouse-only --lighthouse-pages "$(LIGHTHOUSE_PAGES)"

# Seconds from `git clone` of this commit to a served home page with `make run`.
cold-start:
	$(PYTHON) bench/cold_start.py

# Known vulnerabilities of every pinned package (requirements-dev.txt includes the runtime
# ones), checked against PyPI's advisory service (needs the network). pip-audit fails when it
# finds one, and --strict makes it fail too when it could not check a package, so "nothing
# found" always means every package was checked. Not in `make test`: see README.
audit: install-dev
	$(BIN)/pip-audit --strict --progress-spinner off --disable-pip --no-deps \
		-r requirements-dev.txt

lint: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate requirements.txt (runtime) and requirements-dev.txt (runtime + the dev group)
# from pyproject.toml with uv (which every install brings into the venv, see above).
# Pins already in the files are kept: `make lock LOCK_ARGS=--upgrade` (or
# LOCK_ARGS="--upgrade-package django") moves them.
LOCK_ARGS ?=
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.11 \
	--custom-compile-command "make lock" $(LOCK_ARGS)
lock: install-dev
	$(UV_COMPILE) -o requirements.txt
	$(UV_COMPILE) --group dev --constraints requirements.txt -o requirements-dev.txt

# Needs GNU gettext (apt-get install gettext). The compiled .mo files are committed.
messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

# Rebuild the vendored Plotly partial bundle (needs Node.js and npm).
plotly-bundle:
	cd tools/plotly-bundle && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache .import_linter_cache test-results
