#!/bin/sh
# Rebuild everything from sources/ and check it.
set -e
cd "$(dirname "$0")"
python3 make_roster.py
python3 build_test.py
python3 verify.py
