#!/usr/bin/env python3
"""Rebuild roster.csv, test.jsonl and README.md from sources/."""
import os, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
for script in ('build_roster.py', 'build_test.py'):
    subprocess.run([sys.executable, os.path.join(HERE, script)], check=True)
sys.path.insert(0, HERE)
from stats import stats
tpl = open(os.path.join(ROOT, 'sources', 'README_template.md'), encoding='utf-8').read()
open(os.path.join(ROOT, 'README.md'), 'w', encoding='utf-8').write(tpl.replace('{{STATS}}', stats()))
print('README.md written')
