"""Rebuild roster.csv and test.jsonl from sources/, then run verify.py."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
for script in ("build_roster.py", "build_test.py", "verify.py"):
    rc = subprocess.call([sys.executable, os.path.join(HERE, script)] + sys.argv[1:], cwd=HERE)
    if rc:
        sys.exit(rc)
