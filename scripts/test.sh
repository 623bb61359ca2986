#!/usr/bin/env bash
# The whole suite: lint, types, Python tests, then the add-in's JavaScript and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

$BIN/ruff format --check app tests benchmarks scripts
$BIN/ruff check app tests benchmarks scripts
$BIN/mypy app

# JavaScript dependencies for the add-in tests (npm registry; no browser download).
if [ -f addin-ui/package.json ]; then
  bash scripts/setup-js.sh
fi

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "NOTE: TEST_DATABASE_URL is not set: the PostgreSQL store tests will be SKIPPED (SQLite only)."
fi
$BIN/pytest -q "$@"

if [ -f addin-ui/package.json ]; then
  (cd addin-ui && npm test --silent)
fi
