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

# The container image's install and start steps in a clean venv (no container engine here):
# scripts/check-image.sh. ETIQUETTE_SKIP_IMAGE_CHECK=1 skips it locally; never in CI.
# Mostly pip's downloads and installs: it runs beside the JavaScript tests (which
# mostly wait on a browser and on timers), its output printed when both are done.
IMAGE_LOG=$(mktemp)
bash scripts/check-image.sh >"$IMAGE_LOG" 2>&1 &
IMAGE_PID=$!
trap 'kill "$IMAGE_PID" 2>/dev/null || true; rm -f "$IMAGE_LOG"' EXIT

if [ -f addin-ui/package.json ]; then
  (cd addin-ui && npm test --silent)
fi
# The admin console in Chromium against the real service, axe-core on every page.
(cd console-ui && npm test --silent)

IMAGE_STATUS=0
wait "$IMAGE_PID" || IMAGE_STATUS=$?
cat "$IMAGE_LOG"
if [ "$IMAGE_STATUS" -ne 0 ]; then
  echo "image check: FAILED (exit $IMAGE_STATUS)"
  exit "$IMAGE_STATUS"
fi
