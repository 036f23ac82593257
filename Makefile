# Cadre360 — one target per job. Everything is installed by deploy/local/install.sh
# into ~/.cache/cadre360 (override with C360_CACHE); data of `make run` in ./.data.
SHELL := /bin/bash
CACHE ?= $(or $(C360_CACHE),$(HOME)/.cache/cadre360)
# The virtualenv is keyed by the requirements' hash (same key as install.sh), so two
# checkouts with different requirements never share one.
VENV := $(CACHE)/venv-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)
PY := $(VENV)/bin/python
PYTHONPATH := $(CURDIR)/services/shared:$(CURDIR)/services/evaluation:$(CURDIR)/services/survey:$(CURDIR)/services/training:$(CURDIR)/services/gateway
export PYTHONPATH C360_CACHE := $(CACHE)
PYTEST := $(PY) -m pytest -p no:cacheprovider

.PHONY: install install-browser run test test-unit test-integration test-e2e test-demo bench fuzz replay lint lock clean-data

install:
	@bash deploy/local/install.sh

install-browser:
	@bash deploy/local/install.sh --browser

run: install
	@$(PY) deploy/local/run.py

test: install-browser
	@$(PYTEST) services tests

test-unit: install
	@$(PYTEST) -m "not integration and not e2e" services tests

test-integration: install
	@$(PYTEST) -m integration services tests

test-e2e: install-browser
	@$(PYTEST) -m e2e tests

# the demo province's acceptance test (issue 16): seeds five quarters on a platform of its own
test-demo: install-browser
	@C360_DEMO_ACCEPTANCE=1 $(PYTEST) tests/integration/test_demo_province.py

# BENCH_DATA=DIR: the large province seeded once in DIR and restored from DIR/pristine on later runs
bench: install
	@$(PY) tests/bench/run_bench.py $(PROFILE) $(if $(BENCH_DATA),--data-dir $(BENCH_DATA))

# full API fuzzing (schemathesis, >= 5,000 generated requests per service) with a printed summary
fuzz: install
	@$(PY) tests/fuzz/fuzz_api.py

# dead-lettered and quarantined events: make replay ARGS="survey list" (or "survey redeliver --type …")
replay: install
	@$(PY) -m cadre_shared.replay $(ARGS)

lint: install
	@$(PY) -m compileall -q services tests deploy >/dev/null && echo "compile ok"

# requirements.lock (hashes of every runtime package, for the image) from requirements.txt
lock: install
	@bash deploy/lock-requirements.sh

clean-data:
	rm -rf .data
