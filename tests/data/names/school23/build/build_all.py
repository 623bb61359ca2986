"""Rebuild roster.csv and test.jsonl from sources/, then run verify.py."""
import os, subprocess, sys
here = os.path.dirname(os.path.abspath(__file__))
for s in ("build_roster.py", "build_tests.py", "verify.py"):
    subprocess.run([sys.executable, os.path.join(here, s)], check=True)
