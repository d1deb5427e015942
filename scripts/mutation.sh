#!/usr/bin/env bash
# `make mutation`: mutmut on the rule modules (setup.cfg [mutmut]), then the score per module.
# Usage: scripts/mutation.sh [module ...]   e.g. scripts/mutation.sh applications.deadlines catalog.sanitize
# Without arguments every module of setup.cfg's only_mutate is run: about half an hour on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="$PWD/.venv/bin/python"
export DJANGO_SETTINGS_MODULE=disclosure_portal.test_settings
# Every mutant's test run copies one migrated database (tests/template_db.py), built by mutmut's first run.
export DATABASE_URL="sqlite:///test-sqlite.db"
# mutmut copies the project into mutants/ once and keeps what is there: start clean so edited tests count.
rm -rf mutants
patterns=()
for module in "$@"; do patterns+=("$module.*"); done
$PY -m mutmut run --max-children "${MUTATION_CHILDREN:-2}" "${patterns[@]}" > mutants.log 2>&1 || {
  tail -40 mutants.log
  exit 1
}
$PY scripts/mutation_scores.py "$@"
