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
# Two workers (pytest-xdist): each has its own PostgreSQL database and Redis
# database number (tests/conftest.py). ETIQUETTE_TEST_WORKERS=0 runs in one process.
$BIN/pytest -q -n "${ETIQUETTE_TEST_WORKERS:-2}" --dist worksteal "$@"

if [ -f addin-ui/package.json ]; then
  (cd addin-ui && npm test --silent)
fi
# The admin console in Chromium against the real service, axe-core on every page.
(cd console-ui && npm test --silent)

# The container image's install and start steps in a clean venv (no container engine here):
# scripts/check-image.sh. ETIQUETTE_SKIP_IMAGE_CHECK=1 skips it locally; never in CI.
bash scripts/check-image.sh
