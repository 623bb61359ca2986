#!/bin/sh
# Rebuild everything from sources/ and check it.
set -e
cd "$(dirname "$0")"
python3 build_roster.py
python3 build_tests.py
python3 verify.py
