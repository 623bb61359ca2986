"""Rebuild roster.csv and test.jsonl, then verify."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
for script in ("build_roster.py", "build_test.py", "verify.py"):
    subprocess.run([sys.executable, os.path.join(HERE, script)], check=True)
