"""Rebuild roster.csv and test.jsonl from sources/, then verify."""
import os, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
for s in ("build_roster.py", "build_test.py", "verify.py", "stats.py"):
    subprocess.run([sys.executable, os.path.join(HERE, s)], check=True)
