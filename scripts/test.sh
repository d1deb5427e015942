#!/usr/bin/env bash
# Everything CI checks: lint, deployment checks, static files, then the whole
# suite twice, on SQLite and on a throwaway PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
start=$(date +%s)

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== mypy (the rule modules, mypy.ini) and import-linter (the layers, .importlinter)"
$PY -m mypy
.venv/bin/lint-imports

echo "== manage.py check --deploy (production settings)"
DEBUG=0 SECRET_KEY=ci-check ALLOWED_HOSTS=example.org $PY manage.py check --deploy --fail-level WARNING

echo "== collectstatic"
DEBUG=0 SECRET_KEY=ci-check ALLOWED_HOSTS=example.org \
  $PY manage.py collectstatic --noinput --verbosity 0

export SCREENSHOT_DIR="${SCREENSHOT_DIR:-$PWD/test-artifacts/screenshots}"
echo "== pytest on SQLite"
DATABASE_URL="sqlite:///test-sqlite.db" $PY -m pytest -n 2 --dist worksteal -q "$@"

echo "== pytest on PostgreSQL"
scripts/with-postgres.sh $PY -m pytest -n 2 --dist worksteal -q "$@"

echo "== all checks passed in $(( $(date +%s) - start )) s; browser screenshots in $SCREENSHOT_DIR"
