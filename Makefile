# TTDN: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
# The suite runs on PostgreSQL with the real Redis; override for another server.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test lint typecheck pytest pytest-postgres pytest-sqlite install messages lock clean bench bench-scale vendor

# --no-deps: the lock is complete, and pip 23 cannot match a dependency's extra (weasyprint's
# fonttools[woff]) to its hashed pin: it would look for a newer release and refuse it.
$(BIN)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip check
	touch $@

install: $(BIN)/.installed

# The demo: SQLite under var/, a worker and beat on the embedded (folder) broker, unless
# DATABASE_URL and REDIS_URL say otherwise.
run: export DEBUG ?= true
run: export PATH := $(abspath $(BIN)):$(PATH)
run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) dispatch_reminders  # today's reminders now; beat sweeps again every 5 minutes
	@echo "\nTTDN is starting on http://127.0.0.1:8000 (Ctrl+C stops the site, the worker and beat).\n"
	honcho start -f Procfile.dev

test: lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --severity-level medium -r ttdn press delegations ngos conferences outbound

typecheck: install
	$(BIN)/mypy .

pytest: pytest-postgres pytest-sqlite

pytest-postgres: install
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest

# The embedded default: the same suite again on SQLite.
pytest-sqlite: install
	DATABASE_URL=sqlite:///var/test.sqlite3 REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest

# Times the pages that grow with the data (see bench/benchmark.py); not part of the tests.
bench: install
	$(PY) bench/benchmark.py

# National scale (issue 18): two PostgreSQL databases of 10,000 and 100,000 cases, built once by
# bench_dataset (about 4 minutes), then bench/scale.py prints each figure, its ratios and a plan.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
bench-scale: install
	@for size in 10000 100000; do \
	  db=ttdn_bench_$$size; \
	  if ! psql "$(BENCH_PG)/$$db" -tAc "SELECT 1 FROM cases_case LIMIT 1" 2>/dev/null | grep -q 1; then \
	    psql "$(BENCH_PG)/postgres" -qc "DROP DATABASE IF EXISTS $$db" -c "CREATE DATABASE $$db" && \
	    DATABASE_URL=$(BENCH_PG)/$$db $(MANAGE) migrate --no-input -v0 && \
	    DATABASE_URL=$(BENCH_PG)/$$db $(MANAGE) bench_dataset --cases $$size || exit 1; \
	  fi; \
	done
	$(PY) bench/scale.py $(BENCH_PG)/ttdn_bench_10000 $(BENCH_PG)/ttdn_bench_100000

# The site's catalogue (Vietnamese: every string, the print-outs' too), then the print-outs' own
# catalogues in the guests' languages (ttdn/printouts/locale: only the words of context
# "printout...", see ttdn/printouts/vocabulary.py). A new guests' language: add it here and to
# ttdn/languages.py, run `make messages`, translate its django.po.
GUEST_LOCALES := -l en -l zh_Hans -l lo -l ko -l ja -l fr
messages: install
	$(MANAGE) makemessages --locale vi --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*' --ignore 'node_modules/*' --ignore 'ttdn/printouts/locale'
	$(MANAGE) compilemessages --locale vi --ignore '.venv/*' --ignore 'node_modules/*'
	cd ttdn/printouts && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages $(GUEST_LOCALES) --no-obsolete --no-location
	for po in ttdn/printouts/locale/*/LC_MESSAGES/django.po; do msggrep --msgctxt --regexp '^printout' --output-file $$po $$po; done
	cd ttdn/printouts && $(CURDIR)/$(PY) $(CURDIR)/manage.py compilemessages $(GUEST_LOCALES)

# requirements.lock: everything, for development and tests (make install); requirements-prod.lock:
# what production runs, for the Docker image.
lock:
	uv pip compile pyproject.toml --group dev --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --constraint requirements.lock -o requirements-prod.lock

# The browser packages of package.json, pinned by package-lock.json, copied into static/vendor/
# (committed: the site needs no npm to run, and no CDN). Run after changing package.json.
VENDOR := static/vendor
vendor:
	npm ci --ignore-scripts --no-audit --no-fund
	rm -rf $(VENDOR)/tom-select && mkdir -p $(VENDOR)/tom-select
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js node_modules/tom-select/dist/css/tom-select.default.min.css node_modules/tom-select/LICENSE $(VENDOR)/tom-select/
	sed -i '/sourceMappingURL/d' $(VENDOR)/tom-select/tom-select.complete.min.js $(VENDOR)/tom-select/tom-select.default.min.css

clean:
	rm -rf $(VENV) var/celery var/test*.sqlite3
