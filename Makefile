# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DEBUG=1
# Keep compiled bytecode even where the environment turns it off: otherwise every process (each test worker,
# each server or command a test starts) compiles the project and rewrites the tests' asserts again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test check mutation install system-deps lint format migrate demo bench cluster-test clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py createcachetable

demo: migrate
	$(DEV_ENV) $(PY) manage.py load_demo

run: demo
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

system-deps:
	scripts/system-deps.sh

test: install system-deps
	scripts/test.sh

# The edit-test loop (CONTRIBUTING.md): lint, types of the rule modules, the layers, and the SQLite suite
# without browser tests. `make test` stays the full CI. worksteal: a worker that runs out of tests takes the
# other's, so one slow test near the end does not leave a core idle.
check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports
	DATABASE_URL="sqlite:///test-sqlite.db" $(PY) -m pytest -n 2 --dist worksteal -q -m "not browser" $(PYTEST_ARGS)

# Mutation testing of the rule modules (setup.cfg [mutmut]), the score per module; slow, not part of
# `make test`. `make mutation MODULES="applications.deadlines catalog.sanitize"` runs only those.
MODULES ?=
mutation: install
	scripts/mutation.sh $(MODULES)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Each benchmark prints its figures as ratios against a baseline measured in the same run,
# on a throwaway cluster configured as the README's "Deploying" advises for a 24 GiB server.
BENCHMARKS := catalog search applications annual_report load
BENCH_PG := -c shared_buffers=4GB -c effective_cache_size=16GB
bench: install
	for name in $(BENCHMARKS); do PG_SERVER_OPTIONS="$(BENCH_PG)" scripts/with-postgres.sh $(PY) bench/$$name.py || exit 1; done

# Two nodes behind nginx, a streaming replica, Redis, an S3 stand-in and the task worker, under load and
# faults, on 127.0.0.1 only (bench/cluster.py); not part of `make test`.
CLUSTER_SECONDS ?= 60
cluster-test: install system-deps
	scripts/with-postgres.sh $(PY) bench/cluster.py --seconds $(CLUSTER_SECONDS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .test-databases
