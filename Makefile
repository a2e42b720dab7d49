# The two commands a new user types: `make docs` and `make test`.
# Both create .venv/ with the project installed (exact versions: constraints.txt), and the Debian packages it needs.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.stand-installed
SPHINX   := $(BIN)/sphinx-build
SPHINXOPTS ?= -W --keep-going -q
BUILD    := _build

# command -> Debian package providing it; the tests also need a real browser, and
# Java and Node for the site checks (the W3C Nu HTML checker, Lighthouse).
DEB_CMDS := dot:graphviz pdftotext:poppler-utils
DEB_TEST_CMDS := chromium:chromium java:default-jre-headless node:nodejs npm:npm
# font file -> Debian package: the PDF and its diagrams are set in DejaVu Sans.
DEB_FONTS := DejaVuSans.ttf:fonts-dejavu-core
# The site checks' npm packages, exact versions from package-lock.json.
NODE_STAMP := node_modules/.stand-installed
# A multi-year example (a fictional organisation) built like a Stand repository.
VOORBEELD := voorbeelden/meerjarig

.PHONY: docs html test lint live clean systeem systeem-test bench voorbeeld

# The whole publication, as Read the Docs builds it: site, needs.json, a PDF per
# year and the downloads (see `stand bouw --help`).
docs: $(STAMP) systeem
	$(BIN)/stand bouw --uit $(BUILD)

# Exact versions from constraints.txt; a change to either file reinstalls, and so
# does a README change: it is the package's description (its PKG-INFO).
$(STAMP): pyproject.toml constraints.txt README.md
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test,lint,live]'
	touch $@

# Install missing Debian packages when we can (root + apt-get); otherwise say exactly what to run.
systeem-test: DEB_CMDS += $(DEB_TEST_CMDS)
systeem systeem-test:
	@missing=""; \
	for pair in $(DEB_CMDS); do cmd=$${pair%%:*}; pkg=$${pair#*:}; \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	for pair in $(DEB_FONTS); do font=$${pair%%:*}; pkg=$${pair#*:}; \
	  fc-list 2>/dev/null | grep -q "/$$font:" || missing="$$missing $$pkg fontconfig"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Systeempakketten installeren:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Ontbrekende systeempakketten:$$missing"; \
	    echo "Voer uit:  sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

html: $(STAMP) systeem
	$(SPHINX) -b html $(SPHINXOPTS) -c . docs $(BUILD)/html

test: $(STAMP) systeem-test $(NODE_STAMP)
	$(BIN)/python -m pytest

# npm ci installs exactly the lock file; a change to either file reinstalls.
$(NODE_STAMP): package.json package-lock.json | systeem-test
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Every feature across years at work, in a fictional Stand: $(VOORBEELD)/_build/.
voorbeeld: $(STAMP) systeem
	cd $(VOORBEELD) && ../../$(BIN)/stand bouw --uit _build

lint: $(STAMP)
	$(BIN)/ruff check ext tests
	$(BIN)/ruff format --check ext tests
	$(BIN)/mypy

live: $(STAMP) systeem
	$(BIN)/stand live --uit $(BUILD)/live

# Build time and memory: this project (a) against plain sphinx-needs (b) and plain MyST (c).
# 25,000 needs too:  make bench BENCH_NEEDS=1000,5000,25000  (see bench/README.md).
BENCH_NEEDS ?= 1000,5000
BENCH_RUNS  ?= 3
# The whole publication (stand bouw) against the HTML build alone; 25,000 needs too with
#   make bench BENCH_GROOT=25000
BENCH_GROOT ?= 0
# Incremental builds per kind of edit against a clean build (bench/RESULTS-incrementeel.md).
BENCH_INCREMENTEEL ?= 5000
bench: $(STAMP) systeem
	$(BIN)/python -m bench.run --needs $(BENCH_NEEDS) --runs $(BENCH_RUNS) --write bench/RESULTS.md
	$(BIN)/python -m bench.publication --runs $(BENCH_RUNS) --groot $(BENCH_GROOT) --write bench/RESULTS-publicatie.md
	$(BIN)/python -m bench.views --runs $(BENCH_RUNS) --write bench/RESULTS-overzichten.md
	$(BIN)/python -m bench.staat --runs $(BENCH_RUNS) --write bench/RESULTS-staat.md
	$(BIN)/python -m bench.incremental --needs $(BENCH_INCREMENTEEL) --runs $(BENCH_RUNS) --write bench/RESULTS-incrementeel.md

clean:
	rm -rf $(BUILD) $(VOORBEELD)/_build
