# Two commands for a newcomer: `make run` and `make test`. Both install what they need first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_STAMP := $(VENV)/.apt-installed
APT_PACKAGES := chromium poppler-utils postgresql libreoffice-writer-nogui fonts-thai-tlwg
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test install lint bench bench-web clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Debian packages the tests and documents need (browser for e2e, pdftotext/pdftoppm/pdffonts, the
# PostgreSQL server: the database tests run again on it and tests/faults starts private clusters, and
# LibreOffice with Debian's Thai fonts for the DOCX layout test).
$(APT_STAMP): Makefile | $(BIN)/python
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	touch $@

# axe-core for the browser tests' accessibility checks, from the npm registry at the version the lock file
# pins (tests/e2e/axe); Node.js and npm from Debian's packages when the machine has none.
AXE_DIR := tests/e2e/axe
AXE_STAMP := $(AXE_DIR)/node_modules/.installed
$(AXE_STAMP): $(AXE_DIR)/package.json $(AXE_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "installing Debian packages: nodejs npm"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --prefix $(AXE_DIR) --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) $(APT_STAMP) $(AXE_STAMP)

run: install
	$(BIN)/prongsai run

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2
	@# Every database test again on PostgreSQL (they all live under tests/web; browser tests run once).
	@if [ ! -d tests/web ]; then echo "no database tests yet"; \
	elif $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== database tests again on PostgreSQL ($(PG_URL))"; \
	  DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q -n 2 -m "not e2e" tests/web; \
	else echo "PostgreSQL is not reachable at $(PG_URL)"; exit 1; fi

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: install
	$(BIN)/python benchmarks/score_surveys.py
	$(BIN)/python benchmarks/report.py

# The web platform under load (8,000 agencies × 5 years on PostgreSQL, gunicorn, 50 clients; a few minutes).
bench-web: install
	$(BIN)/python benchmarks/web_load.py

clean:
	rm -rf $(VENV) build *.egg-info $(AXE_DIR)/node_modules
