#!/bin/sh
# Mutation testing of conveners/rules.py (see tests/README.md). Not part of the normal suite: it runs
# the rules' own tests against every single-point mutant, on SQLite, and prints the survivors.
# Configuration: [tool.mutmut] in pyproject.toml.
set -eu
cd "$(dirname "$0")/../.."
PYTHON_BIN="${PYTHON_BIN:-.venv/bin}"
export CONVENE_TESTING=true
unset DATABASE_URL REDIS_URL
rm -rf mutants
"$PYTHON_BIN/mutmut" run --max-children "${MUTMUT_CHILDREN:-2}"
echo
echo "Survivors (each must be named as equivalent in tests/README.md, or killed by a new test):"
"$PYTHON_BIN/mutmut" results
