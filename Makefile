# The two commands a new user types: `make docs` and `make test`.
# Both create .venv/ with the project installed, and the Debian packages it needs.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.stand-installed
SPHINX   := $(BIN)/sphinx-build
SPHINXOPTS ?= -W --keep-going -q
BUILD    := _build

# command -> Debian package providing it; the tests also need a real browser.
DEB_CMDS := dot:graphviz pdftotext:poppler-utils
DEB_TEST_CMDS := chromium:chromium
DEB_LIBS := libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0

.PHONY: docs html pdf test lint live clean systeem systeem-test bench

docs: html pdf
	mkdir -p $(BUILD)/html/downloads
	cp $(BUILD)/pdf/*.pdf $(BUILD)/html/downloads/
	$(BIN)/stand exporteer --formaat csv --uit $(BUILD)/html/downloads/stand-van-logius.csv
	$(BIN)/stand exporteer --formaat xlsx --uit $(BUILD)/html/downloads/stand-van-logius.xlsx

# Exact versions from constraints.txt; a change to either file reinstalls.
$(STAMP): pyproject.toml constraints.txt
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
	for pair in $(DEB_LIBS); do lib=$${pair%%:*}; pkg=$${pair#*:}; \
	  ldconfig -p 2>/dev/null | grep -q "$$lib" || missing="$$missing $$pkg"; done; \
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

pdf: $(STAMP) systeem
	$(BIN)/python -m stand.pdf --uit $(BUILD)/pdf

test: $(STAMP) systeem-test
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check ext tests
	$(BIN)/ruff format --check ext tests
	$(BIN)/mypy

live: $(STAMP) systeem
	$(BIN)/sphinx-autobuild -c . docs $(BUILD)/live

# Build time and memory: this project (a) against plain sphinx-needs (b) and plain MyST (c).
# 25,000 needs too:  make bench BENCH_NEEDS=1000,5000,25000  (see bench/README.md).
BENCH_NEEDS ?= 1000,5000
BENCH_RUNS  ?= 3
bench: $(STAMP)
	$(BIN)/python -m bench.run --needs $(BENCH_NEEDS) --runs $(BENCH_RUNS) --write bench/RESULTS.md

clean:
	rm -rf $(BUILD)
