#!/bin/sh
# Rebuild roster.csv and test.jsonl from sources/ and verify. Python 3 standard library only.
set -e
cd "$(dirname "$0")/.."
python3 build/make_roster.py
python3 build/build_test.py
python3 build/verify.py
