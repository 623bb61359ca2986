#!/bin/sh
# Rebuild everything from sources/ and verify.
set -e
cd "$(dirname "$0")"
python3 make_roster.py
python3 make_test.py
python3 verify.py
