# patentshield — build, demo and test entry points.
# `make demo` and `make test` are the two commands a new user runs (see README.md).

PYTHON ?= python3.11
VENV   ?= .venv
BIN     = $(VENV)/bin
PY      = $(BIN)/python
STAMP   = $(VENV)/.installed-dev
DEMO_DB ?= var/demo.db

.PHONY: demo serve test quick lint typecheck imports unit integration e2e browser clean venv install dev browsers

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python >= 3.11 is required)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(STAMP): $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,actuarial]'
	@touch $@

install: $(VENV)/.installed
dev: $(STAMP) browsers

# Chromium (the browser tests drive it with Playwright) and Noto Sans CJK (the PDFs print Chinese
# names with it), from Debian, only when missing: `playwright install` cannot download browsers.
CHROMIUM ?= /usr/bin/chromium
CJK_FONT ?= /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
browsers:
	@if [ ! -x $(CHROMIUM) ] || [ ! -f $(CJK_FONT) ]; then \
		sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

demo: $(VENV)/.installed
	@mkdir -p var
	@rm -f $(DEMO_DB)
	PATENTSHIELD_DATABASE_URL=sqlite:///$(DEMO_DB) PATENTSHIELD=$(BIN)/patentshield scripts/demo.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy src tests

imports: $(STAMP)
	$(BIN)/lint-imports

test: browsers lint typecheck imports
	$(BIN)/pytest

# The quick loop: everything but the tests marked slow (demo, fuzz tier, Dask, long simulations)
# and the browser tier.
quick: lint typecheck imports
	$(BIN)/pytest -m "not slow and not browser"

# The web application on a fresh demo database: one organisation and login per role (printed).
serve: $(VENV)/.installed
	@mkdir -p var
	$(BIN)/patentshield serve --demo

browser: $(STAMP) browsers
	$(BIN)/pytest tests/browser -m browser -q

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
