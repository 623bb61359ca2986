#!/usr/bin/env bash
# What the Outlook add-in's JavaScript and browser tests and the admin console's browser
# tests need, on a fresh clone: their npm packages (from the lockfiles) and Debian's
# Chromium (no browser download).
# Idempotent: does nothing when both are already in place.
set -euo pipefail
cd "$(dirname "$0")/../addin-ui"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "setup-js: need root to run: $*" >&2; return 1; fi
}
apt_install() {
  if [ -z "${_APT_UPDATED:-}" ]; then as_root apt-get update -qq; _APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v npm >/dev/null 2>&1; then
  echo "setup-js: installing Debian's nodejs and npm"
  apt_install nodejs npm
fi

# npm ci when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup-js: npm ci (addin-ui)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

# The admin console's browser tests (playwright-core, axe-core): their own lockfile.
if [ ! -f ../console-ui/node_modules/.package-lock.json ] || [ ../console-ui/package-lock.json -nt ../console-ui/node_modules/.package-lock.json ]; then
  echo "setup-js: npm ci (console-ui)"
  (cd ../console-ui && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "setup-js: installing Debian's chromium"
  apt_install chromium
fi
