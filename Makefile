# Tandem: `make run` serves a demo organisation, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
TANDEM := $(BIN)/tandem
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails and the printed demo address follow HOST and PORT unless TANDEM_SITE_URL is set.
SITE_URL := $(or $(TANDEM_SITE_URL),http://$(HOST):$(PORT))

# numba compiles the matching auction once per machine, into the user's cache directory rather
# than each clone's __pycache__. numba checks only a function's own file: a function compiled
# with a callee from another engine module kept the old callee when only that module changed.
# The folder is named by a checksum of all the engine's sources, so any change compiles anew.
ENGINE_SUM := $(shell cat src/tandem/matching/engine/*.py | cksum | cut -d' ' -f1)
NUMBA_CACHE_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/tandem/numba/$(ENGINE_SUM)

.PHONY: run test lint pytest e2e-deps saml-deps setup db demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

db: setup
	@mkdir -p var
	$(TANDEM) migrate --no-input -v0

demo: db
	TANDEM_SITE_URL=$(SITE_URL) $(TANDEM) demo

run: demo
	@echo "Serving Tandem on http://$(HOST):$(PORT)/ (Ctrl-C stops the web server and the task worker)"
	@trap 'kill 0' INT TERM EXIT; \
	TANDEM_SITE_URL=$(SITE_URL) $(TANDEM) db_worker --interval 1 >var/worker.log 2>&1 & \
	TANDEM_SITE_URL=$(SITE_URL) $(TANDEM) runserver --noreload $(HOST):$(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/vulture

e2e-deps:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) ; } || \
	  echo "chromium is missing and could not be installed: browser tests will be skipped"

# pysaml2 signs and checks SAML assertions with the xmlsec1 program (Debian's xmlsec1).
saml-deps:
	@command -v xmlsec1 >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq xmlsec1 >/dev/null) ; } || \
	  echo "xmlsec1 is missing and could not be installed: SAML tests will be skipped"

pytest: $(VENV)/.installed-test e2e-deps saml-deps
	@mkdir -p var
	NUMBA_CACHE_DIR="$(NUMBA_CACHE_DIR)" $(BIN)/pytest $(PYTEST_ARGS)

test: lint pytest

clean:
	rm -rf $(VENV) var/static
